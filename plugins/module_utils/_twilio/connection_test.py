# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test SSO Connection (Twilio's SSO docs, step 5): when to test, and what a failure means for the settings.

The driver signs a test user in at the identity provider and reports the outcome with a reason code; this
module maps each code of Twilio's troubleshooting list (and of Okta's sign-in) to the setting that fixes it.
"""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.totp import TotpSecretError, totp_code

# code: (what went wrong, the setting that fixes it)
REASONS = {
    "idp_not_found": (
        "Okta answered 404 for the profile's single sign-on URL: the issuer or SSO URL in the profile is wrong, or the "
        "Okta app is inactive",
        "idp_sso_url and idp_entity_id: use idp.sso_url and idp.entity_id of okta_saml_app (status ACTIVE)",
    ),
    "issuer_mismatch": (
        "the SAML Response's issuer is not the profile's Issuer",
        "idp_entity_id: use idp.entity_id of okta_saml_app",
    ),
    "certificate_mismatch": (
        "the SAML Response is signed with another key than the profile's certificate",
        "idp_certificate: use idp.certificate of okta_saml_app (again after a signing key rotation)",
    ),
    "user_not_assigned": (
        "the test user is not assigned to the Okta app",
        "assign the test user's group to the app (okta_app_group_assignment, console_sso_okta_groups)",
    ),
    "response_not_signed": (
        "Twilio requires a signed SAML Response and a signed Assertion",
        "okta_saml_app: response_signed and assertion_signed true",
    ),
    "assertion_encrypted": (
        "Twilio rejects encrypted assertions",
        "the Okta app's Assertion Encryption: Unencrypted (okta_saml_app keeps it so; undo a change made by hand)",
    ),
    "audience_mismatch": (
        "the assertion's audience is not the profile's Audience URL/Entity ID",
        "okta_saml_app audience: the profile's sp_entity_id",
    ),
    "acs_url_mismatch": (
        "the SAML Response's Destination or Recipient is not the profile's ACS URL",
        "okta_saml_app sso_url: the profile's sp_acs_url",
    ),
    "relay_state_missing": (
        "the identity provider did not return the RelayState Twilio sent (an IdP-initiated or embed-link URL)",
        "idp_sso_url: the Okta app's SAML sign-on URL (idp.sso_url of okta_saml_app), not its embed link; keep "
        "Okta's Default RelayState blank",
    ),
    "sso_enabled_on_other_profile": (
        "SSO is already enabled for the test user on another SSO profile",
        "test_username: a user of a domain that no other profile enforces, or remove the domain from the other profile",
    ),
    "not_managed_user": (
        "the test user is not an active managed user of the Twilio organization",
        "make the user a managed user (twilio_managed_user, or console_sso_managed_users: provision)",
    ),
    "name_id_format": (
        "Twilio requires the NameID format EmailAddress",
        "okta_saml_app name_id_format: the guide's EmailAddress",
    ),
    "clock_skew": (
        "the SAML Response was not valid at the time Twilio received it",
        "the clocks of the machines involved; then test again (retest: true)",
    ),
    "test_sign_in_failed": ("Okta did not accept the test user's username or password", "test_username, test_password"),
    "test_totp_failed": ("Okta did not accept the test user's verification code", "test_totp_secret"),
    "test_totp_required": (
        "Okta asked the test user for a verification code (Google Authenticator)",
        "test_totp_secret: the test user's authenticator secret",
    ),
}
UNKNOWN_REASON = ("a reason this collection does not know", "the message above; see Twilio's SSO troubleshooting page")


def test_credentials(params):
    """The test user's credentials, or None when none are given (then nothing is tested)."""
    if not (params.get("test_username") and params.get("test_password")):
        return None
    return {
        "username": params["test_username"],
        "password": params["test_password"],
        "totp_secret": params.get("test_totp_secret"),
    }


def validate_test_options(params):
    if bool(params.get("test_username")) != bool(params.get("test_password")):
        raise InvalidParameters("test_username and test_password go together: give both or neither")
    if params.get("test_totp_secret"):
        if not params.get("test_username"):
            raise InvalidParameters("test_totp_secret needs test_username and test_password")
        try:
            totp_code(params["test_totp_secret"])
        except TotpSecretError as exc:
            raise InvalidParameters("test_totp_secret: %s" % exc) from None


def explained(outcome, user):
    """The test's result as the modules return it: passed, or failed with the reason and its fix."""
    if outcome["outcome"] == "succeeded":
        return {"state": "passed", "user": user, "reason_code": None, "reason": None, "fix": None}
    what, fix = REASONS.get(outcome["code"], UNKNOWN_REASON)
    return {
        "state": "failed",
        "user": user,
        "reason_code": outcome["code"],
        "reason": "%s (%s)" % (what, outcome["reason"]),
        "fix": fix,
    }


def not_tested(profile, credentials, check_mode, will_test):
    """The result when this run does not test: why, and for an untested profile what to do."""
    if will_test and check_mode:
        return {
            "state": "would_test",
            "user": credentials["username"],
            "reason_code": None,
            "reason": None,
            "fix": None,
        }
    if profile.get("tested"):
        return {"state": "tested", "user": None, "reason_code": None, "reason": None, "fix": None}
    return {
        "state": "untested",
        "user": None,
        "reason_code": None,
        "reason": "no successful SSO connection test is on record for this profile, and no test user was given",
        "fix": "test_username and test_password (TWILIO_SSO_TEST_USERNAME, TWILIO_SSO_TEST_PASSWORD) of a user "
        "assigned to the Okta app; Twilio enforces SSO only after a successful test",
    }
