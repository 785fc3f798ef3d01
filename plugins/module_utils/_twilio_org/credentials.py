# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether the organization API credentials are set: shared by the module and by its action plugin, which answers
on the controller without starting the module when they are surely missing."""

from __future__ import annotations

# Option -> the environment variable it falls back to.
CREDENTIAL_ENV = {"client_id": "TWILIO_CLIENT_ID", "client_secret": "TWILIO_CLIENT_SECRET"}

NOT_CONFIGURED_WARNING = (
    "Twilio organization API credentials are not set, so managed users were not checked: create an organization "
    "OAuth app (client credentials, managed-users permissions) and set TWILIO_CLIENT_ID and TWILIO_CLIENT_SECRET "
    "(or the AWX credential type 'Twilio Organization API')"
)


def not_configured_result():
    """What a managed-users lookup returns when it was skipped for want of credentials."""
    return {"changed": False, "configured": False, "users": [], "missing": []}


def surely_missing(args, environ):
    """True when a credential is neither in the task's arguments nor in the environment (an empty value counts as
    none, as in the module's fallback); False when the module has to decide."""
    return any(
        args.get(option) == "" or (args.get(option) is None and not environ.get(variable))
        for option, variable in CREDENTIAL_ENV.items()
    )
