#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: okta_group_info
short_description: Resolve Okta groups given by name or id
version_added: 0.1.0
description:
  - Returns the id and name of each group in O(groups), given by exact name or by id, and fails when one is unknown or
    when several groups carry the name. Writes nothing.
  - The C(console_sso) role uses it to check its groups before it changes anything, and passes the ids on, so that
    M(twilio_okta.sso.okta_app_group_assignment) needs no second lookup.
  - One request per group given by name (a search), one per group given by id.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
attributes:
  check_mode:
    description: The module only reads, in check mode as otherwise.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
options:
  groups:
    description:
      - Group names (matched exactly) or ids (C(00g...)).
    type: list
    elements: str
    required: true
notes:
  - With OAuth, needs the scope C(okta.groups.read).
seealso:
  - module: twilio_okta.sso.okta_app_group_assignment
"""

EXAMPLES = r"""
- name: Which groups are these?
  twilio_okta.sso.okta_group_info:
    groups: [Twilio Console Users, 00g1a2b3c4d5e6f7g8h9]
  register: okta_groups
"""

RETURN = r"""
groups:
  description: The groups, in the order given.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The group id.
      type: str
      sample: 00g1a2b3c4d5e6f7g8h9
    name:
      description: The group name.
      type: str
      sample: Twilio Console Users
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_app_groups import resolve_groups
from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_client import okta_connection_spec, run_with_client


def main():
    argument_spec = okta_connection_spec()
    argument_spec.update(groups=dict(type="list", elements="str", required=True))
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    run_with_client(module, lambda client: resolve_groups(client, module.params["groups"]))


if __name__ == "__main__":
    main()
