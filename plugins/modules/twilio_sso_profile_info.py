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
attributes:
  check_mode:
    description: The module only reads, in check mode as otherwise.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
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
  description: The matching profiles, with the same fields as RV(twilio_okta.sso.twilio_sso_profile#module:profile).
  returned: always
  type: list
  elements: dict
  contains:
    friendly_name:
      description: The profile's friendly name.
      type: str
    identity_provider:
      description: V(okta), V(azure_ad), V(generic_saml), or V(null) while none is set.
      type: str
    status:
      description: The status Admin Center shows.
      type: str
    sp_entity_id:
      description: Twilio's "Audience URL/Entity ID".
      type: str
    sp_acs_url:
      description: Twilio's "Assertion consumer service (ACS)/ SSO URL".
      type: str
    sp_metadata_xml:
      description: The SP metadata XML downloaded from the profile.
      type: str
    idp_entity_id:
      description: The identity provider issuer stored in the profile.
      type: str
    idp_sso_url:
      description: The identity provider single sign-on URL stored in the profile.
      type: str
    idp_certificate_sha256:
      description: SHA-256 fingerprint (hex) of the certificate stored in the profile.
      type: str
logged_in:
  description: Whether the module had to log in.
  returned: always
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_browser import twilio_connection_spec
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_module import run_with_driver
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_sso import read_profiles


def main():
    argument_spec = twilio_connection_spec()
    argument_spec.update(friendly_name=dict(type="str"))
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    run_with_driver(module, lambda driver, journal: read_profiles(driver, module.params["friendly_name"]))


if __name__ == "__main__":
    main()
