# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OktaModule: the connection options, the dependency checks and the mapping of errors to results that every Okta
module shares, so that a module is its own options, one call and its result."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.dependencies import fail_on_missing
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.environment import env_fallback_unless_empty
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.api import OktaApi
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import (
    DEFAULT_SCOPES,
    OktaClient,
    OktaConfigError,
    OktaError,
    auth_from_params,
)


def okta_connection_spec():
    """Argument spec shared by every Okta module (documented in the twilio_okta.sso.okta fragment)."""
    return dict(
        org_url=dict(type="str", required=True, fallback=(env_fallback_unless_empty, ["OKTA_ORG_URL"])),
        api_token=dict(type="str", no_log=True, fallback=(env_fallback_unless_empty, ["OKTA_API_TOKEN"])),
        client_id=dict(type="str", fallback=(env_fallback_unless_empty, ["OKTA_CLIENT_ID"])),
        private_key=dict(type="str", no_log=True, fallback=(env_fallback_unless_empty, ["OKTA_PRIVATE_KEY"])),
        private_key_id=dict(type="str", no_log=False, fallback=(env_fallback_unless_empty, ["OKTA_PRIVATE_KEY_ID"])),
        scopes=dict(
            type="list",
            elements="str",
            default=list(DEFAULT_SCOPES),
            fallback=(env_fallback_unless_empty, ["OKTA_SCOPES"]),
        ),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback_unless_empty, ["OKTA_VALIDATE_CERTS"])),
        ca_path=dict(type="path", fallback=(env_fallback_unless_empty, ["OKTA_CA_PATH"])),
        timeout=dict(type="int", default=30, fallback=(env_fallback_unless_empty, ["OKTA_TIMEOUT"])),
    )


class OktaModule(AnsibleModule):
    """An AnsibleModule with the Okta connection options; requires names the Python packages the module needs
    besides requests (for example lxml to parse IdP metadata)."""

    def __init__(self, argument_spec, requires=(), **kwargs):
        spec = okta_connection_spec()
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, supports_check_mode=True, **kwargs)
        needed = ["requests"] + list(requires) + (["cryptography"] if self.params.get("private_key") else [])
        fail_on_missing(
            self,
            needed,
            {"cryptography": "to read certificates and sign OAuth client assertions", "lxml": "to parse SAML metadata"},
        )

    def run(self, operation, validate=None):
        """validate(params) raises InvalidParameters before anything is sent; then operation(api) -> the result.
        Exits with the result, or fails with the message and Okta's status, errorCode, errorId and causes."""
        try:
            if validate is not None:
                validate(self.params)
            result = operation(OktaApi(self._client()))
        except (InvalidParameters, OktaConfigError) as exc:
            self.fail_json(msg=str(exc))
        except OktaError as exc:
            self.fail_json(msg=str(exc), **exc.details())
        self.exit_json(**result)

    def _client(self):
        if not self.params["validate_certs"]:
            self.warn(
                "validate_certs is false: Okta's TLS certificate is not verified, so the API token or access "
                "token could be sent to anyone on the network path"
            )
        return OktaClient(
            self.params["org_url"],
            auth_from_params(self.params),
            validate_certs=self.params["validate_certs"],
            ca_path=self.params["ca_path"],
            timeout=self.params["timeout"],
        )
