#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_managed_user_info
short_description: Read Twilio organization-managed users through Twilio's SCIM API
version_added: 0.2.0
description:
  - Returns the organization-managed users with the given O(user_name), O(external_id) or O(user_names), the only
    filters Twilio's SCIM API supports, or all of them when none is given (one request; Twilio documents no paging).
  - Deactivated users are returned too, with C(active) false.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio_org
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.twilio_org_group
options:
  user_name:
    description:
      - The user's email address (userName).
    type: str
  external_id:
    description:
      - The provisioning client's id of the user.
    type: str
  skip_without_credentials:
    description:
      - When O(client_id) or O(client_secret) is not set, warn and return RV(configured=false) instead of failing.
        The C(console_sso) role uses this to check managed users only where they can be checked.
      - When they are surely missing (neither given as options nor set in the controller's environment, the task runs
        with a local connection and sets no environment), the collection's action plugin answers on the controller
        without starting the module.
    type: bool
    default: false
  user_names:
    description:
      - Several users' email addresses. Each is looked up with its own request (Twilio filters one userName at a
        time), up to 8 at once; those Twilio does not have are returned in RV(missing).
    type: list
    elements: str
seealso:
  - module: twilio_okta.sso.twilio_managed_user
"""

EXAMPLES = r"""
- name: Is Alice a managed user, and active?
  twilio_okta.sso.twilio_managed_user_info:
    user_name: alice@example.com
  register: alice
"""

RETURN = r"""
users:
  description: The matching users, each with the fields of RV(twilio_okta.sso.twilio_managed_user#module:user).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "US0123456789abcdef0123456789abcdef", "user_name": "alice@example.com", "active": true}]
configured:
  description: Whether the organization API credentials were set (false only with O(skip_without_credentials)).
  returned: always
  type: bool
missing:
  description: With O(user_names), those that are no managed user at all (a deactivated user is not missing).
  returned: always
  type: list
  elements: str
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.credentials import (
    NOT_CONFIGURED_WARNING,
    not_configured_result,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.managed_user import find_managed_users
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.module import TwilioOrgModule


def main():
    module = TwilioOrgModule(
        dict(
            user_name=dict(type="str"),
            external_id=dict(type="str"),
            user_names=dict(type="list", elements="str"),
            skip_without_credentials=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("user_name", "external_id", "user_names")],
    )
    params = module.params
    if params["skip_without_credentials"] and not (params["client_id"] and params["client_secret"]):
        module.warn(NOT_CONFIGURED_WARNING)
        module.exit_json(**not_configured_result())
    module.run(
        lambda api: dict(
            find_managed_users(api, params["user_name"], params["external_id"], params["user_names"]), configured=True
        )
    )


if __name__ == "__main__":
    main()
