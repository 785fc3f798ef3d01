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
  - With O(test_username) and O(test_password) it runs "Test SSO Connection" after step 4 (Twilio's SSO docs, step 5);
    it follows the new tab to the identity provider, signs the test user in at Okta's sign-in page and reads the
    outcome back in Admin Center. It tests when the profile has no successful test on record, when this run changed
    its IdP values, or when O(retest=true). A failed test fails the module with Twilio's reason, mapped to the setting
    that fixes it (RV(test)). Without test credentials nothing is tested, and RV(test.state) says V(untested).
  - With O(enforced_domains) it enforces SSO for exactly these verified domains (step 6), only after a successful
    test, as Twilio requires. Twilio applies enforcement over minutes; meanwhile RV(enforcement.state) is V(pending)
    and runs change nothing.
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
  test_username:
    description:
      - Okta username of the user who signs in for "Test SSO Connection"; a user assigned to the Okta app and an
        active managed user of the Twilio organization, in a domain no other SSO profile enforces.
      - Goes with O(test_password). Without them the module does not test.
      - Read from E(TWILIO_SSO_TEST_USERNAME) when not set.
    type: str
  test_password:
    description:
      - The test user's Okta password.
      - Read from E(TWILIO_SSO_TEST_PASSWORD) when not set.
    type: str
  test_totp_secret:
    description:
      - The base32 secret of the test user's Okta authenticator (Google Authenticator), when Okta asks the test user
        for a code.
      - Read from E(TWILIO_SSO_TEST_TOTP_SECRET) when not set.
    type: str
  retest:
    description:
      - Test again even though a successful test is on record and the IdP values did not change.
      - Not idempotent by design (each run signs the test user in); for one-off runs.
    type: bool
    default: false
  enforced_domains:
    description:
      - Enforce SSO through this profile for exactly these verified domains, adding and removing as needed. Not given
        leaves enforcement as it is; V([]) enforces it for no domain.
      - Refused before anything is written when a domain is not verified, belongs to no profile of the organization's,
        or is enforced by another profile, and when the profile has no successful test and none is run.
      - Twilio applies a change over a few minutes; a run while it is being applied reports V(pending) and changes
        nothing.
    type: list
    elements: str
  allow_enforcing_own_domain:
    description:
      - Allow O(enforced_domains) to include the domain of O(username), the Admin Center user the module runs as.
      - Twilio's docs ask to keep one organization administrator outside SSO enforcement, because Twilio's OAuth
        authorization page cannot log in through SSO. Set this only when another administrator stays outside.
      - Without O(username) (a saved session only) the module cannot tell that domain and refuses any enforcement
        unless this is true.
    type: bool
    default: false
notes:
  - O(idp_entity_id), O(idp_sso_url) and O(idp_certificate) go together; so do O(test_username) and O(test_password).
  - Test and enforcement work on Admin Center's profile page and Domains page, whose names are in the page map like
    the rest; O(ui_overrides) also takes the Okta sign-in keys V(okta_identifier), V(okta_next), V(okta_password),
    V(okta_verify) and V(okta_totp).
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
    last_test:
      description:
        - The last "Test SSO Connection" Admin Center shows, V(null) when none.
      type: dict
      contains:
        outcome:
          description: V(succeeded), V(failed) or V(unknown) (a text the page map does not know).
          type: str
        reason:
          description: Twilio's reason for a failure (or the unknown text).
          type: str
    tested:
      description: Whether the last test succeeded (Twilio then allows enforcement).
      type: bool
    enforced_domains:
      description: The domains this profile enforces SSO for, or is about to (a removal being applied is left out).
      type: list
      elements: str
    enforcement_pending:
      description: Whether Twilio is still applying an enforcement change of this profile.
      type: bool
test:
  description:
    - The connection test. RV(test.state) is V(passed) or V(failed) (tested in this run), V(tested) (not tested in this
      run; the last test on record succeeded), V(would_test) (check mode) or V(untested) (no successful test on
      record and no test user given; RV(test.fix) says what to set).
    - On a failed test the module fails, and RV(test.reason_code) is one of V(idp_not_found), V(issuer_mismatch),
      V(certificate_mismatch), V(user_not_assigned), V(response_not_signed), V(assertion_encrypted),
      V(audience_mismatch), V(acs_url_mismatch), V(relay_state_missing), V(sso_enabled_on_other_profile),
      V(not_managed_user), V(name_id_format), V(clock_skew), V(test_sign_in_failed), V(test_totp_failed),
      V(test_totp_required), V(idp_error) or V(twilio_error); RV(test.reason) has Okta's or Twilio's words and
      RV(test.fix) the setting that fixes it.
  returned: when O(state=present), also on a failed test
  type: dict
  contains:
    state:
      description: V(passed), V(failed), V(tested), V(would_test) or V(untested).
      type: str
    user:
      description: The test user, when this run tested.
      type: str
    reason_code:
      description: Why the test failed, one of the codes above.
      type: str
    reason:
      description: What went wrong, with Okta's or Twilio's own words; for V(untested), why nothing was tested.
      type: str
    fix:
      description: The setting that fixes it.
      type: str
  sample:
    state: failed
    user: sso-test@example.com
    reason_code: user_not_assigned
    reason: "the test user is not assigned to the Okta app (Okta: User is not assigned to this application.)"
    fix: assign the test user's group to the app (okta_app_group_assignment, console_sso_okta_groups)
enforcement:
  description:
    - With O(enforced_domains), the profile's enforcement after the run. RV(enforcement.state) is V(pending) while
      Twilio applies a change (minutes), else V(applied); RV(enforcement.domains) as in RV(profile.enforced_domains).
  returned: when O(enforced_domains) is given
  type: dict
  contains:
    state:
      description: V(pending) or V(applied).
      type: str
    domains:
      description: The domains the profile enforces SSO for (or is about to).
      type: list
      elements: str
  sample: {state: pending, domains: [example.com]}
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
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.environment import env_fallback_unless_empty
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
        test_username=dict(type="str", fallback=(env_fallback_unless_empty, ["TWILIO_SSO_TEST_USERNAME"])),
        test_password=dict(type="str", no_log=True, fallback=(env_fallback_unless_empty, ["TWILIO_SSO_TEST_PASSWORD"])),
        test_totp_secret=dict(
            type="str", no_log=True, fallback=(env_fallback_unless_empty, ["TWILIO_SSO_TEST_TOTP_SECRET"])
        ),
        retest=dict(type="bool", default=False),
        enforced_domains=dict(type="list", elements="str"),
        allow_enforcing_own_domain=dict(type="bool", default=False),
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
