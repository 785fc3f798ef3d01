# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """The attributes every module of the collection declares, one fragment per kind of module."""

    DOCUMENTATION = r"""
options: {}
"""

    WRITES = r"""
options: {}
attributes:
  check_mode:
    description: Reads only, and reports what would change.
    support: full
  diff_mode:
    description: Shows the managed fields before and after.
    support: full
"""

    READS = r"""
options: {}
attributes:
  check_mode:
    description: The module only reads, in check mode as otherwise.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
"""

    OKTA_GROUP = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/twilio_okta.sso.okta) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - twilio_okta.sso.okta
"""

    TWILIO_GROUP = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/twilio_okta.sso.twilio) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - twilio_okta.sso.twilio
"""

    TWILIO_ORG_GROUP = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/twilio_okta.sso.twilio_org) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - twilio_okta.sso.twilio_org
"""
