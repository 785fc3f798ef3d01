#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: okta_app_user_info
short_description: List the users assigned to an Okta SAML app, with their app usernames
version_added: 0.2.0
description:
  - Returns every user assigned to the app, directly or through a group, with the app username that the app's
    SAML NameID carries (for Twilio, the email Twilio must know as a managed user), the assignment status, and
    the user's email, first and last name.
  - Pages of 500 (Okta's maximum), following Okta's C(Link) header.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
  - twilio_okta.sso.attributes.reads
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
seealso:
  - module: twilio_okta.sso.twilio_managed_user
"""

EXAMPLES = r"""
- name: Who may sign in to Twilio Console through Okta?
  twilio_okta.sso.okta_app_user_info:
    app_label: Twilio Console
  register: twilio_console_users
"""

RETURN = r"""
app_id:
  description: The app's id.
  returned: always
  type: str
users:
  description: The assigned users.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The Okta user id.
      type: str
    user_name:
      description: The app username (C(credentials.userName)), what the SAML NameID carries.
      type: str
    status:
      description: The assignment status, such as V(ACTIVE) or V(PROVISIONED).
      type: str
    scope:
      description: V(USER) for a direct assignment, V(GROUP) for one through a group.
      type: str
    email:
      description: The Okta user's email.
      type: str
    first_name:
      description: The Okta user's first name.
      type: str
    last_name:
      description: The Okta user's last name.
      type: str
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.app_users import find_app_users
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import OktaModule


def main():
    module = OktaModule(
        dict(app_id=dict(type="str"), app_label=dict(type="str")),
        required_one_of=[("app_id", "app_label")],
        mutually_exclusive=[("app_id", "app_label")],
    )
    module.run(lambda api: find_app_users(api, module.params["app_id"], module.params["app_label"]))


if __name__ == "__main__":
    main()
