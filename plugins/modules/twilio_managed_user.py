#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_managed_user
short_description: Make sure a Twilio organization-managed user exists (or is deactivated), through Twilio's SCIM API
version_added: 0.2.0
description:
  - Twilio SSO signs in only people Twilio already has as organization-managed users with the same email; there is
    no just-in-time provisioning. This module creates, updates, deactivates and reactivates such a user through
    Twilio's SCIM API (U(https://www.twilio.com/docs/iam/scim/api-reference)).
  - Looks the user up by O(user_name) (one request), and writes only what differs.
  - B(Creating a user makes Twilio send them a welcome email) to set a password.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio_org
  - twilio_okta.sso.attributes.writes
  - twilio_okta.sso.attributes.twilio_org_group
options:
  user_name:
    description:
      - The user's email address, which Twilio requires as both userName and primary email. Its domain must be
        verified in the Twilio organization (Admin Center, Domains), or Twilio refuses the user (error 25017).
    type: str
    required: true
  given_name:
    description:
      - First name, 2 to 255 characters. Left as it is when not given.
    type: str
  family_name:
    description:
      - Last name, 2 to 255 characters. Left as it is when not given.
    type: str
  display_name:
    description:
      - Display name. Left as it is when not given.
    type: str
  external_id:
    description:
      - The provisioning client's id of the user (for example the Okta user id), 2 to 255 characters, unique in the
        organization. Left as it is when not given.
    type: str
  active:
    description:
      - With O(state=present), whether the user is active. V(false) deactivates an active user, and creates a
        missing one deactivated. V(true) on a deactivated user reactivates it (Twilio keeps deactivated users, and
        refuses to create a second one with the same userName).
    type: bool
    default: true
  state:
    description:
      - V(present) makes sure the user exists; V(absent) deactivates it, which is the only removal Twilio offers.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: twilio_okta.sso.twilio_managed_user_info
  - module: twilio_okta.sso.okta_app_user_info
"""

EXAMPLES = r"""
- name: Alice can sign in to Twilio Console through SSO
  twilio_okta.sso.twilio_managed_user:
    user_name: alice@example.com
    given_name: Alice
    family_name: Example

- name: Bob left
  twilio_okta.sso.twilio_managed_user:
    user_name: bob@example.com
    state: absent
"""

RETURN = r"""
user:
  description: The user after the run (in check mode, as it would be); V(null) with O(state=absent) when there is none.
  returned: always
  type: dict
  contains:
    id:
      description: Twilio's user SID (C(US...)); V(null) in check mode before it is created.
      type: str
    user_name:
      description: The userName, the primary email.
      type: str
    given_name:
      description: First name.
      type: str
    family_name:
      description: Last name.
      type: str
    display_name:
      description: Display name.
      type: str
    external_id:
      description: The provisioning client's id.
      type: str
    active:
      description: Whether the user is active.
      type: bool
    created:
      description: When Twilio created the user.
      type: str
    last_modified:
      description: When Twilio last changed it.
      type: str
welcome_email_sent:
  description: Whether this run created the user, which makes Twilio send a welcome email.
  returned: always
  type: bool
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.managed_user import (
    ensure_managed_user,
    validate,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.module import TwilioOrgModule


def main():
    module = TwilioOrgModule(
        dict(
            user_name=dict(type="str", required=True),
            given_name=dict(type="str"),
            family_name=dict(type="str"),
            display_name=dict(type="str"),
            external_id=dict(type="str"),
            active=dict(type="bool", default=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
    )
    module.run(lambda api: ensure_managed_user(api, module.params, module.check_mode), validate)


if __name__ == "__main__":
    main()
