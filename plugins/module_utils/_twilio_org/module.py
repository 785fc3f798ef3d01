# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TwilioOrgModule: the organization API connection options (OAuth client credentials), dependency checks and error
mapping every module of Twilio's organization APIs shares."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.dependencies import fail_on_missing
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.environment import env_fallback_unless_empty
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.api import ScimApi
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.client import (
    TwilioApiError,
    TwilioConfigError,
    TwilioOrgClient,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.credentials import CREDENTIAL_ENV

DEFAULT_SCIM_URL = "https://iam.twilio.com/scim/v2"
DEFAULT_TOKEN_URL = "https://oauth.twilio.com/v2/token"


def twilio_org_connection_spec():
    """Argument spec shared by the organization API modules (documented in the twilio_okta.sso.twilio_org fragment)."""
    return dict(
        client_id=dict(type="str", fallback=(env_fallback_unless_empty, [CREDENTIAL_ENV["client_id"]])),
        client_secret=dict(
            type="str", no_log=True, fallback=(env_fallback_unless_empty, [CREDENTIAL_ENV["client_secret"]])
        ),
        scim_url=dict(type="str", default=DEFAULT_SCIM_URL, fallback=(env_fallback_unless_empty, ["TWILIO_SCIM_URL"])),
        token_url=dict(
            type="str",
            no_log=False,
            default=DEFAULT_TOKEN_URL,
            fallback=(env_fallback_unless_empty, ["TWILIO_TOKEN_URL"]),
        ),
        validate_certs=dict(
            type="bool", default=True, fallback=(env_fallback_unless_empty, ["TWILIO_SCIM_VALIDATE_CERTS"])
        ),
        ca_path=dict(type="path", fallback=(env_fallback_unless_empty, ["TWILIO_SCIM_CA_PATH"])),
        timeout=dict(type="int", default=30, fallback=(env_fallback_unless_empty, ["TWILIO_SCIM_TIMEOUT"])),
    )


class TwilioOrgModule(AnsibleModule):
    """An AnsibleModule with the Twilio organization API connection options."""

    def __init__(self, argument_spec, **kwargs):
        spec = twilio_org_connection_spec()
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, supports_check_mode=True, **kwargs)
        fail_on_missing(self, ["requests"])

    def run(self, operation, validate=None):
        """validate(params) raises InvalidParameters before anything is sent; then operation(api) -> the result.
        Exits with it, or fails with the message, the HTTP status and Twilio's error code (250xx) and scimType."""
        try:
            if validate is not None:
                validate(self.params)
            result = operation(ScimApi(self._client()))
        except (InvalidParameters, TwilioConfigError) as exc:
            self.fail_json(msg=str(exc))
        except TwilioApiError as exc:
            self.fail_json(msg=str(exc), **exc.details())
        self.exit_json(**result)

    def _client(self):
        if not self.params["validate_certs"]:
            self.warn(
                "validate_certs is false: Twilio's TLS certificate is not verified, so the client secret could "
                "be sent to anyone on the network path"
            )
        params = self.params
        return TwilioOrgClient(
            params["client_id"],
            params["client_secret"],
            params["scim_url"],
            params["token_url"],
            validate_certs=params["validate_certs"],
            ca_path=params["ca_path"],
            timeout=params["timeout"],
        )
