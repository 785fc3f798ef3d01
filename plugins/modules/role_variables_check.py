#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: role_variables_check
short_description: Warn about variables with a role's prefix that the role does not know
version_added: 0.1.0
description:
  - Warns, for every variable whose name starts with O(prefix) but is not in O(known), that it has no effect, and
    names the closest known variable. A misspelled role variable otherwise silently leaves its default in place.
  - Runs on the controller (an action plugin); changes nothing.
author:
  - twilio_okta.sso contributors (@twilio-okta)
attributes:
  check_mode:
    description: Reads variables only.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
  action:
    description: Runs on the controller.
    support: full
options:
  prefix:
    description: The role's variable prefix, for example C(console_sso_).
    type: str
    required: true
  known:
    description: Every variable name the role defines or sets itself.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Warn about misspelled role variables
  twilio_okta.sso.role_variables_check:
    prefix: console_sso_
    known: [console_sso_okta_groups, console_sso_okta_app_label]
"""

RETURN = r"""
unknown:
  description: The variables with the prefix that are not known, sorted.
  returned: always
  type: list
  elements: str
  sample: [console_sso_okta_group]
"""

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(
            prefix=dict(type="str", required=True), known=dict(type="list", elements="str", required=True)
        ),
        supports_check_mode=True,
    )
    module.fail_json(msg="role_variables_check runs on the controller as an action plugin; it cannot run as a module")


if __name__ == "__main__":
    main()
