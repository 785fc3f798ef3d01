#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_sso_profile_info
short_description: Read Twilio Console SSO profiles from Twilio Admin Center
version_added: 0.1.0
description:
  - Returns every Twilio SSO profile, or the one named O(friendly_name), with its service provider values and the
    identity provider values it holds.
  - Works Twilio Admin Center in headless Chromium (Twilio publishes no API for SSO profiles) and only reads.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.twilio_group
options:
  friendly_name:
    description:
      - Only the profile with this friendly name (matched exactly).
    type: str
seealso:
  - module: twilio_okta.sso.twilio_sso_profile
"""

EXAMPLES = r"""
- name: Read the Okta profile's SP values
  twilio_okta.sso.twilio_sso_profile_info:
    friendly_name: Okta
  register: twilio_profiles

- name: Show its entity ID
  ansible.builtin.debug:
    msg: "{{ twilio_profiles.profiles[0].sp_entity_id }}"
"""

RETURN = r"""
profiles:
  description: The matching profiles, each with the fields of RV(twilio_okta.sso.twilio_sso_profile#module:profile).
  returned: always
  type: list
  elements: dict
  sample: [{"friendly_name": "Okta", "identity_provider": "okta", "status": "Tested"}]
logged_in:
  description: Whether the module had to log in.
  returned: always
  type: bool
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import TwilioModule
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import find_profiles


def main():
    argument_spec = dict(friendly_name=dict(type="str"))
    module = TwilioModule(argument_spec)
    module.run(lambda driver, journal: find_profiles(driver, module.params["friendly_name"]))


if __name__ == "__main__":
    main()
