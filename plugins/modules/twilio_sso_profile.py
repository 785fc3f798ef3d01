#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_sso_profile
short_description: Manage a Twilio Console SSO profile in Twilio Admin Center
version_added: 0.1.0
description:
  - Makes sure a Twilio SSO profile exists (step 1 of Twilio's guide "Configuring Okta with Twilio SSO") and returns its
    service provider values, which the Okta app integration needs.
  - With O(idp_entity_id), O(idp_sso_url) and O(idp_certificate) it also puts the identity provider's values into the
    profile (step 4).
  - Twilio publishes no API for SSO profiles, so the module works Twilio Admin Center in headless Chromium as the guide
    describes. When nothing differs, it only reads pages and submits no form.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio
  - twilio_okta.sso.attributes.writes
  - twilio_okta.sso.attributes.twilio_group
options:
  friendly_name:
    description:
      - The profile's friendly name, also the key by which the profile is found. Matched exactly.
    type: str
    required: true
  state:
    description:
      - V(present) makes sure the profile exists (and holds the IdP values when given); V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  identity_provider:
    description:
      - The "Identity Provider" dropdown choice; V(okta) is "Okta", V(azure_ad) "Azure ActiveDirectory" and
        V(generic_saml) "Other/Generic SAML 2.0".
      - Set together with the IdP values (step 4); without them (step 1) it is not used.
    type: str
    choices: [okta, azure_ad, generic_saml]
    default: okta
  idp_entity_id:
    description:
      - The identity provider's issuer (Okta's "Identity Provider Issuer"), for example the RV(ignore:idp.entity_id) of
        M(twilio_okta.sso.okta_saml_app).
    type: str
  idp_sso_url:
    description:
      - The identity provider's single sign-on URL (HTTP-POST binding); must be https.
    type: str
  idp_certificate:
    description:
      - The identity provider's X.509 signing certificate, as PEM or as its bare base64 body.
      - Normalised and compared by SHA-256 fingerprint, so whitespace or line wrapping never cause a change.
      - The module fails if it has expired and warns if it expires within 30 days.
    type: str
notes:
  - O(idp_entity_id), O(idp_sso_url) and O(idp_certificate) go together.
seealso:
  - module: twilio_okta.sso.twilio_sso_profile_info
  - module: twilio_okta.sso.okta_saml_app
  - name: Configuring Okta with Twilio SSO
    description: The guide this module automates, steps 1 and 4.
    link: https://www.twilio.com/docs/iam/single-sign-on/okta
"""

EXAMPLES = r"""
- name: Step 1, make sure the profile exists and read its SP values
  twilio_okta.sso.twilio_sso_profile:
    friendly_name: Okta
    session_state: ~/.ansible/twilio-admin-session.json
  register: twilio_profile

- name: Step 4, put Okta's values into the profile
  twilio_okta.sso.twilio_sso_profile:
    friendly_name: Okta
    identity_provider: okta
    idp_entity_id: "{{ okta_app.idp.entity_id }}"
    idp_sso_url: "{{ okta_app.idp.sso_url }}"
    idp_certificate: "{{ okta_app.idp.certificate }}"
    session_state: ~/.ansible/twilio-admin-session.json
"""

RETURN = r"""
profile:
  description: The profile after the run (as it would be, in check mode); V(null) after O(state=absent).
  returned: always
  type: dict
  contains:
    friendly_name:
      description: The profile's friendly name.
      type: str
      sample: Okta
    identity_provider:
      description: V(okta), V(azure_ad), V(generic_saml), or V(null) while none is set.
      type: str
      sample: okta
    status:
      description: The status Admin Center shows.
      type: str
      sample: Not tested
    sp_entity_id:
      description: Twilio's "Audience URL/Entity ID"; V(null) in check mode for a profile that would be created.
      type: str
      sample: urn:twilio:sso:JQ0123456789abcdef0123456789abcdef
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
  description: Whether the module had to log in (false when O(session_state) held a live session).
  returned: always
  type: bool
recovered:
  description:
    - What this run did about drafts that an interrupted earlier run left ('SSO Profile N', created by
      "Create new SSO Profile" before it was named), or about a profile another run created at the same moment.
  returned: when O(state=present)
  type: list
  elements: str
  sample: ["deleted the draft SSO Profile 3 left by an interrupted run"]
artifacts:
  description:
    - On failure, the paths of the screenshot (V(screenshot)), the scrubbed page HTML (V(html)) and Playwright's ARIA
      snapshot (V(aria_snapshot)) of the page where the step failed; files of mode 0600 in O(artifacts_dir).
  returned: on failure in the browser
  type: dict
error_kind:
  description:
    - On failure, what went wrong, one of V(MissingElement) (the UI differs, see O(ui_overrides)), V(LoginRejected),
      V(SessionExpired), V(AdminCenterTimeout), V(AdminCenterHttpError) or V(TwilioSsoError).
  returned: on failure in the browser
  type: str
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.certificate import PRIVATE_KEY_ARMOUR
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import TwilioModule
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import (
    ensure_profile_absent,
    ensure_profile_present,
    validate,
)


def main():
    argument_spec = dict(
        friendly_name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        identity_provider=dict(type="str", choices=["okta", "azure_ad", "generic_saml"], default="okta"),
        idp_entity_id=dict(type="str"),
        idp_sso_url=dict(type="str"),
        idp_certificate=dict(type="str"),
    )
    module = TwilioModule(argument_spec, required_together=[("idp_entity_id", "idp_sso_url", "idp_certificate")])
    if PRIVATE_KEY_ARMOUR.search(module.params["idp_certificate"] or ""):
        module.no_log_values.add(module.params["idp_certificate"])  # a key pasted by mistake is never echoed back

    def operation(driver, journal):
        if module.params["state"] == "absent":
            return ensure_profile_absent(driver, module.params, module.check_mode)
        return ensure_profile_present(driver, module.params, module.check_mode, journal)

    module.run(operation, validate)


if __name__ == "__main__":
    main()
