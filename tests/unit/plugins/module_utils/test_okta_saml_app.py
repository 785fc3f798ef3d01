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
    """Okta as two runs that created at once see it: SAML apps with the label, the calls made, and the other run,
    which may remove its own app while this one waits."""

    def __init__(self, apps, other_run_removes=None):
        self.apps = apps
        self.calls = []
        self.other_run_removes = other_run_removes

    def paginate(self, path, params=None):
        return list(self.apps)

    def post(self, path, body=None, params=None, on_uncertain=None):
        self.calls.append(("POST", path))
        return {}

    def delete(self, path):
        self.calls.append(("DELETE", path))
        self.apps = [a for a in self.apps if not path.endswith(a["id"])]

    def sleep(self, seconds):
        self.calls.append(("SLEEP", seconds))
        if self.other_run_removes:
            self.apps = [a for a in self.apps if a["id"] != self.other_run_removes]


def saml_apps(*apps):
    return [dict(a, label="Twilio Console", signOnMode="SAML_2_0", status="ACTIVE") for a in apps]


OLDER = {"created": "2026-11-29T10:00:00.000Z", "id": "0oaZ"}
NEWER = {"created": "2026-11-29T10:00:01.000Z", "id": "0oaB"}
SAME_SECOND_SMALLER_ID = {"created": "2026-11-29T10:00:00.000Z", "id": "0oaA"}
REMOVE_MINE = [("POST", "/api/v1/apps/%s/lifecycle/deactivate"), ("DELETE", "/api/v1/apps/%s")]


def test_a_run_whose_app_is_newer_removes_it_and_keeps_the_older():
    apps = saml_apps(NEWER, OLDER)
    fake = TwoRunsClient(apps)
    assert _keep_one_of_concurrent_creates(fake, "Twilio Console", apps[0])["id"] == "0oaZ"
    assert fake.calls == [(m, p % "0oaB") for m, p in REMOVE_MINE]


def test_a_run_the_order_favours_keeps_its_app_once_the_other_run_removed_its_own():
    apps = saml_apps(SAME_SECOND_SMALLER_ID, OLDER)
    fake = TwoRunsClient(apps, other_run_removes="0oaZ")
    assert _keep_one_of_concurrent_creates(fake, "Twilio Console", apps[0])["id"] == "0oaA"
    assert fake.calls == [("SLEEP", 3.0)]


def test_a_run_the_order_favours_yields_when_the_other_run_kept_its_app():
    # The other run checked before this app existed and kept its own: this run must not keep a second one.
    apps = saml_apps(SAME_SECOND_SMALLER_ID, OLDER)
    fake = TwoRunsClient(apps)
    assert _keep_one_of_concurrent_creates(fake, "Twilio Console", apps[0])["id"] == "0oaZ"
    assert fake.calls == [("SLEEP", 3.0)] + [(m, p % "0oaA") for m, p in REMOVE_MINE]


def test_a_run_alone_keeps_its_app():
    apps = saml_apps(OLDER)
    fake = TwoRunsClient(apps)
    assert _keep_one_of_concurrent_creates(fake, "Twilio Console", apps[0]) is apps[0] and fake.calls == []


@pytest.mark.parametrize("override, message", [
    ({"label": "Twilio\nConsole"}, "label must not contain control characters"),
    ({"label": "x" * 101}, "label is 101 characters long; Okta allows at most 100"),
    ({"attribute_statements": [{"name": "n", "namespace": "x", "values": ["ok", 5]}]},
     r"attribute_statements\[0\].values must be strings \(Okta expressions\), got 5"),
    ({"sso_url": "https://sso twilio.example/acs"}, "sso_url has no valid host name"),
])
def test_bad_labels_and_hosts_are_refused(override, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(dict(GUIDE, **override))
