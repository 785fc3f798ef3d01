import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_saml_app import (
    InvalidParameters, app_body, changed_fields, desired_fields, validate, FIELD_PATHS, VIEWS,
    _keep_one_of_concurrent_creates,
)

GUIDE = {"label": "Twilio Console", "state": "present", "status": "ACTIVE", "sso_url": "https://sso.twilio.example/acs",
         "audience": "urn:twilio:sso:JQ1", "recipient": None, "destination": None, "default_relay_state": "",
         "name_id_format": "emailAddress", "name_id_template": "${user.userName}",
         "user_name_template": "${source.email}", "response_signed": True, "assertion_signed": True,
         "signature_algorithm": "RSA_SHA256", "digest_algorithm": "SHA256", "honor_force_authn": None,
         "authn_context_class_ref": None, "attribute_statements": None, "hide_web": None, "hide_ios": None,
         "logo": None}


def test_defaults_are_the_guides_settings():
    body = app_body(None, desired_fields(GUIDE))
    sign_on = body["settings"]["signOn"]
    assert body["signOnMode"] == "SAML_2_0" and body["label"] == "Twilio Console"
    assert sign_on["ssoAcsUrl"] == sign_on["recipient"] == sign_on["destination"] == GUIDE["sso_url"]
    assert sign_on["audience"] == GUIDE["audience"] and sign_on["defaultRelayState"] == ""
    assert sign_on["subjectNameIdFormat"] == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
    assert body["credentials"]["userNameTemplate"] == {"template": "${source.email}", "type": "BUILT_IN"}
    assert sign_on["responseSigned"] and sign_on["assertionSigned"]
    assert sign_on["assertionEncryption"] == {"enabled": False}
    assert sign_on["honorForceAuthn"] is True
    assert "attributeStatements" not in sign_on


def test_update_keeps_unknown_fields_and_attribute_statements():
    current = app_body(None, desired_fields(GUIDE))
    current.update(id="0oa1", status="ACTIVE", _links={"self": {}}, samlFuture={"x": 1})
    current["settings"]["signOn"]["attributeStatements"] = [{"type": "GROUP", "name": "groups", "filterType": "REGEX"}]
    current["credentials"]["signing"] = {"kid": "rotated-key"}
    body = app_body(current, desired_fields(dict(GUIDE, audience="urn:twilio:sso:JQ2")))
    assert body["settings"]["signOn"]["audience"] == "urn:twilio:sso:JQ2"
    assert body["samlFuture"] == {"x": 1}
    assert body["settings"]["signOn"]["attributeStatements"][0]["type"] == "GROUP"
    assert body["credentials"]["signing"] == {"kid": "rotated-key"}
    assert not {"id", "status", "_links"} & set(body)


def test_unchanged_app_with_null_relay_state_and_no_encryption_block_is_no_change():
    current = app_body(None, desired_fields(GUIDE))
    current["settings"]["signOn"]["defaultRelayState"] = None
    del current["settings"]["signOn"]["assertionEncryption"]
    assert changed_fields(current, FIELD_PATHS, desired_fields(GUIDE), VIEWS) == []


def test_custom_user_name_template_is_custom_type():
    body = app_body(None, desired_fields(dict(GUIDE, user_name_template="${user.email}")))
    assert body["credentials"]["userNameTemplate"]["type"] == "CUSTOM"


def test_attribute_statements_compare_on_what_the_option_describes():
    params = dict(GUIDE, attribute_statements=[{"name": "email", "namespace": None, "values": ["user.email"]}])
    current = app_body(None, desired_fields(params))
    current["settings"]["signOn"]["attributeStatements"][0]["filterValue"] = None
    assert changed_fields(current, FIELD_PATHS, desired_fields(params), VIEWS) == []


def test_name_id_format_accepts_short_names_and_urns():
    urn = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    assert desired_fields(dict(GUIDE, name_id_format="persistent"))["name_id_format"] == urn
    assert desired_fields(dict(GUIDE, name_id_format=urn))["name_id_format"] == urn


@pytest.mark.parametrize("override, message", [
    ({"label": " "}, "label must not be empty"),
    ({"sso_url": None}, "sso_url is required"),
    ({"sso_url": "http://sso.example/acs"}, "must use https"),
    ({"recipient": "ftp://x/y"}, "recipient must be an absolute http"),
    ({"audience": "twilio"}, "audience must be an absolute URI"),
    ({"response_signed": False, "assertion_signed": False}, "at least one"),
    ({"name_id_format": "email"}, "name_id_format must be one of"),
    ({"attribute_statements": [{"name": ""}]}, "needs a name"),
])
def test_validation_names_the_option(override, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(dict(GUIDE, **override))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8443/acs", "http://localhost/acs", "http://[::1]/acs"])
def test_http_is_accepted_for_loopback(url):
    validate(dict(GUIDE, sso_url=url))


def test_logo_checks(tmp_path):
    big = tmp_path / "big.png"
    big.write_bytes(b"0" * (1024 * 1024 + 1))
    text = tmp_path / "logo.txt"
    text.write_bytes(b"x")
    with pytest.raises(InvalidParameters, match="1 MB"):
        validate(dict(GUIDE, logo=str(big)))
    with pytest.raises(InvalidParameters, match="PNG, JPG or GIF"):
        validate(dict(GUIDE, logo=str(text)))


class TwoRunsClient:
    """Okta as two runs that created at once see it: two SAML apps with the label, and the calls made to it."""

    def __init__(self, apps):
        self.apps = apps
        self.calls = []

    def paginate(self, path, params=None):
        return list(self.apps)

    def post(self, path, body=None, params=None, on_uncertain=None):
        self.calls.append(("POST", path))
        return {}

    def delete(self, path):
        self.calls.append(("DELETE", path))
        self.apps = [a for a in self.apps if not path.endswith(a["id"])]


@pytest.mark.parametrize("mine, other, kept", [
    ({"created": "2026-11-29T10:00:01.000Z", "id": "0oaB"}, {"created": "2026-11-29T10:00:00.000Z", "id": "0oaZ"}, "0oaZ"),
    ({"created": "2026-11-29T10:00:00.000Z", "id": "0oaA"}, {"created": "2026-11-29T10:00:00.000Z", "id": "0oaZ"}, "0oaA"),
])
def test_concurrent_creates_keep_the_older_app_and_remove_their_own(mine, other, kept):
    apps = [dict(a, label="Twilio Console", signOnMode="SAML_2_0", status="ACTIVE") for a in (mine, other)]
    fake = TwoRunsClient(apps)
    result = _keep_one_of_concurrent_creates(fake, "Twilio Console", apps[0])
    assert result["id"] == kept
    if kept == mine["id"]:
        assert fake.calls == []
    else:
        assert fake.calls == [("POST", "/api/v1/apps/0oaB/lifecycle/deactivate"), ("DELETE", "/api/v1/apps/0oaB")]
