# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything this collection knows about Okta's hosted sign-in page, in one place.

Twilio's 'Test SSO Connection' opens the identity provider in a new tab, where a test user signs in. Okta's
page is its Sign-In Widget (github.com/okta/okta-signin-widget); the names below are the widget's own strings
(packages/@okta/i18n/src/properties/login.properties), the Identity Engine's first: 'Username' and 'Next'
(identify), 'Password' and 'Verify', 'Enter code' (Google Authenticator). The classic engine's 'Sign In'
button and its one-page form are accepted too. Keys start with okta_, so that the Twilio modules'
ui_overrides can rename them like the Admin Center entries.
"""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.console_pages import Entry

PAGES = {
    "okta_identifier": Entry("field", ("Username", "Email", "Email address", "Username or email"), "Okta sign-in"),
    "okta_next": Entry("button", ("Next", "Sign In", "Sign in"), "Okta sign-in"),
    "okta_password": Entry("field", ("Password",), "Okta sign-in"),
    "okta_verify": Entry("button", ("Verify", "Sign In", "Sign in"), "Okta sign-in"),
    "okta_totp": Entry("field", ("Enter code", "Enter Code", "Verification code", "Code"), "Okta verification"),
}
# The widget shows errors in an ErrorBanner (role alert) inside the form.
ERROR_ROLE = "alert"
# Okta's words for the outcomes that end a sign-in, by the reason's code (idx.error.user.not.assigned.to.app,
# E0000004, the authenticator's invalid code); and its 404 page for a sign-on URL of no app.
ERROR_TEXTS = (
    (r"not assigned", "user_not_assigned"),
    (r"Unable to sign in|password is incorrect|no account", "test_sign_in_failed"),
    (r"Invalid code|code .*(invalid|expired)", "test_totp_failed"),
)
NOT_FOUND_TEXTS = (r"\b404\b", r"Page Not Found", r"can't be found")
