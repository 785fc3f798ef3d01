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
  - One request per group given by name (a search), one per group given by id.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.okta_group
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

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.app_groups import find_groups
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import OktaModule


def main():
    module = OktaModule(dict(groups=dict(type="list", elements="str", required=True)))
    module.run(lambda api: find_groups(api, module.params["groups"]))


if __name__ == "__main__":
    main()
