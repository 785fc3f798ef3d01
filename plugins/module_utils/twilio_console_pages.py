# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything this collection knows about Twilio Admin Center's screens, in one place.

Twilio publishes no API for Console SSO profiles, so the driver works the UI as a person does,
locating elements by role and accessible name. The names below come from Twilio's guide
"Configuring Okta with Twilio SSO" where it gives them ('Single Sign-On', 'Create new SSO
Profile', 'Audience URL/Entity ID', 'Assertion consumer service (ACS)/ SSO URL', 'Continue',
'Identity Provider', 'Okta', 'Save & Continue'); the rest (login, the three IdP field labels,
which the guide shows only in screenshots) are best knowledge. When Twilio changes its UI, this
file is the one to change.
"""

from __future__ import annotations

DEFAULT_ADMIN_URL = "https://admin.twilio.com"

# Login: email and password, then a 6-digit code from an authenticator app.
LOGIN_EMAIL = "Email"
LOGIN_PASSWORD = "Password"
LOGIN_SUBMIT = "Log in"
LOGIN_TOTP = "Verification code"
LOGIN_TOTP_SUBMIT = "Verify"
ALERT_ROLE = "alert"  # where Admin Center shows form errors

# Navigation and the profile list (guide step 1).
HOME_PATH = "/"
NAVIGATION = "Admin Center"
NAV_SSO = "Single Sign-On"
PROFILES_TABLE = "SSO Profiles"
CREATE_PROFILE = "Create new SSO Profile"
EDIT = "Edit"
DELETE = "Delete"
DELETE_DIALOG = "Delete SSO Profile"
# Columns of the profile list, in order.
PROFILE_COLUMNS = ("friendly_name", "identity_provider", "status")

# The SP metadata screen (guide step 1) and the profile overview.
SP_ENTITY_ID = "Audience URL/Entity ID"
SP_ACS_URL = "Assertion consumer service (ACS)/ SSO URL"
DOWNLOAD_SP_METADATA = "Download SP metadata"
CONFIRM_IDP_CONFIGURED = "I have configured the Signing Option and NameID settings in my IdP"
CONTINUE = "Continue"
STATUS = "Status"

# The identity provider form (guide step 4).
FRIENDLY_NAME = "Friendly name"
IDENTITY_PROVIDER = "Identity Provider"
IDENTITY_PROVIDER_OPTIONS = {
    "okta": "Okta",
    "azure_ad": "Azure ActiveDirectory",
    "generic_saml": "Other/Generic SAML 2.0",
}
IDP_ENTITY_ID = "Issuer ID/URL"
IDP_SSO_URL = "Single sign-on URL"
IDP_CERTIFICATE = "X.509 Certificate"
SAVE = "Save & Continue"
