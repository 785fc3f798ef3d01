"""Options from environment variables as AWX injects them: an unset credential input arrives as ''."""

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import DEFAULT_SCOPES, auth_from_params
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import okta_connection_spec
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.console_pages import DEFAULT_ADMIN_URL
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import twilio_connection_spec


def validated(spec, params=None):
    result = ArgumentSpecValidator(spec).validate(params or {})
    assert not result.error_messages, result.error_messages
    return result.validated_parameters


def test_empty_okta_variables_count_as_unset(monkeypatch):
    monkeypatch.setenv("OKTA_ORG_URL", "https://example.okta.com")
    monkeypatch.setenv("OKTA_API_TOKEN", "token")
    for name in ("OKTA_CA_PATH", "OKTA_CLIENT_ID", "OKTA_PRIVATE_KEY", "OKTA_PRIVATE_KEY_ID", "OKTA_SCOPES"):
        monkeypatch.setenv(name, "")
    params = validated(okta_connection_spec())
    assert params["ca_path"] is None  # '' would turn TLS verification off in requests
    assert params["client_id"] is None and params["private_key"] is None and params["private_key_id"] is None
    assert params["scopes"] == DEFAULT_SCOPES
    assert auth_from_params(params).header(None) == "SSWS token"


def test_okta_scopes_come_comma_separated(monkeypatch):
    monkeypatch.setenv("OKTA_ORG_URL", "https://example.okta.com")
    monkeypatch.setenv("OKTA_SCOPES", "okta.apps.read, okta.groups.read,")
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    params = dict(validated(okta_connection_spec()), client_id="0oa1", private_key=pem)
    assert auth_from_params(params).scopes == ["okta.apps.read", "okta.groups.read"]


def test_empty_twilio_variables_count_as_unset(monkeypatch):
    for name in (
        "TWILIO_ADMIN_URL",
        "TWILIO_CONSOLE_TOTP_SECRET",
        "TWILIO_CONSOLE_SESSION_STATE",
        "TWILIO_CA_PATH",
        "TWILIO_BROWSER_EXECUTABLE",
        "TWILIO_ARTIFACTS_DIR",
    ):
        monkeypatch.setenv(name, "  ")
    params = validated(twilio_connection_spec())
    assert params["admin_url"] == DEFAULT_ADMIN_URL
    assert params["totp_secret"] is None and params["session_state"] is None and params["ca_path"] is None
    assert params["browser_executable"] is None and params["artifacts_dir"] is None


def test_a_set_variable_is_used_as_it_is(monkeypatch):
    monkeypatch.setenv("TWILIO_CONSOLE_PASSWORD", " pass word ")
    assert validated(twilio_connection_spec())["password"] == " pass word "
