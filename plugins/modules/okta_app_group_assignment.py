#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: okta_app_group_assignment
short_description: Assign Okta groups to a SAML app integration
version_added: 0.1.0
description:
  - Assigns Okta groups to the app integration, because a user who is not assigned to the app cannot log in (Twilio's SSO
    troubleshooting page lists "App not assigned").
  - Writes only the assignments that differ.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
  - twilio_okta.sso.attributes.writes
  - twilio_okta.sso.attributes.okta_group
options:
  app_id:
    description:
      - The Okta app id. One of O(app_id) and O(app_label) is required.
    type: str
  app_label:
    description:
      - The app's label, matched exactly and case-sensitively among SAML 2.0 apps.
    type: str
  groups:
    description:
      - Groups by exact name or by id (C(00g...)).
      - A group the app already has is recognised from the app's own group listing, without a lookup; a name that
        exactly one assigned group carries is taken to be that group.
    type: list
    elements: str
    required: true
  state:
    description:
      - V(present) assigns the groups; V(absent) removes their assignments.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also remove the assignments of groups not listed.
    type: bool
    default: false
seealso:
  - module: twilio_okta.sso.okta_saml_app
"""

EXAMPLES = r"""
- name: Let the Twilio admins sign in to Twilio Console through Okta
  twilio_okta.sso.okta_app_group_assignment:
    app_label: Twilio Console
    groups:
      - Twilio Console Users
      - 00g1a2b3c4d5e6f7g8h9
    exclusive: true
"""

RETURN = r"""
app_id:
  description: The app's id; V(null) in check mode when the app does not exist yet.
  returned: always
  type: str
groups:
  description: The groups assigned after the run (names are V(null) for groups not given in O(groups)).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "00g1a2b3c4d5e6f7g8h9", "name": "Twilio Console Users"}]
added:
  description: Ids of the groups assigned by this run.
  returned: always
  type: list
  elements: str
removed:
  description: Ids of the groups whose assignment this run removed.
  returned: always
  type: list
  elements: str
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.app_groups import ensure_group_assignments
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import OktaModule


def main():
    argument_spec = dict(
        app_id=dict(type="str"),
        app_label=dict(type="str"),
        groups=dict(type="list", elements="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        exclusive=dict(type="bool", default=False),
    )
    module = OktaModule(
        argument_spec, required_one_of=[("app_id", "app_label")], mutually_exclusive=[("app_id", "app_label")]
    )
    module.run(lambda api: ensure_group_assignments(api, module.params, module.check_mode))


if __name__ == "__main__":
    main()
