"""okta_saml_app and okta_saml_app_info through ansible-playbook against the Okta sandbox."""

import base64
import hashlib
import http.server

import pytest

ACS = "https://sso.twilio.example/saml2/acs/JQ0123"
ENTITY = "urn:twilio:sso:JQ0123"
BASE = {"label": "Twilio Console", "sso_url": ACS, "audience": ENTITY}
EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"


def app_by_label(okta, label="Twilio Console"):
    apps = [a for a in okta.apps() if a["label"] == label]
    assert len(apps) == 1, apps
    return apps[0]


def test_create_gives_the_guides_settings_and_idp_values(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0, run.output
    assert run.changed == 1
    result = run.task()
    app = app_by_label(okta)
    sign_on = app["settings"]["signOn"]
    assert (sign_on["ssoAcsUrl"], sign_on["recipient"], sign_on["destination"]) == (ACS, ACS, ACS)
    assert sign_on["audience"] == ENTITY
    assert sign_on["defaultRelayState"] == ""
    assert sign_on["subjectNameIdFormat"] == EMAIL
    assert sign_on["subjectNameIdTemplate"] == "${user.userName}"
    assert app["credentials"]["userNameTemplate"] == {"template": "${source.email}", "type": "BUILT_IN"}
    assert sign_on["responseSigned"] is True and sign_on["assertionSigned"] is True
    assert sign_on["assertionEncryption"] == {"enabled": False}
    assert (sign_on["signatureAlgorithm"], sign_on["digestAlgorithm"]) == ("RSA_SHA256", "SHA256")
    assert app["status"] == "ACTIVE"
    assert result["app"]["id"] == app["id"]
    # The IdP values are the app's own: issuer and SSO URL from its metadata, the current key's certificate.
    keys = okta.okta("GET", "/api/v1/apps/%s/credentials/keys" % app["id"])
    der = base64.b64decode(keys[0]["x5c"][0])
    assert result["idp"]["certificate_sha256"] == hashlib.sha256(der).hexdigest()
    assert result["idp"]["kid"] == app["credentials"]["signing"]["kid"]
    assert result["idp"]["entity_id"].startswith("http://www.okta.com/exk")
    assert result["idp"]["sso_url"].endswith("/sso/saml") and app["name"] in result["idp"]["sso_url"]
    assert result["idp"]["certificate"].startswith("-----BEGIN CERTIFICATE-----\n")


def test_rerun_changes_nothing_with_two_requests_and_no_write(playbook, okta):
    assert playbook("okta_saml_app/okta_saml_app.yml", BASE).rc == 0
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0 and run.changed == 0, run.output
    requests_made = okta.requests()
    assert [r["method"] for r in requests_made] == ["GET", "GET"], requests_made
    assert requests_made[1]["path"].endswith("/sso/saml/metadata")


def test_both_modules_second_run_is_changed_0_without_writes(playbook, okta):
    variables = dict(BASE)
    assert playbook("okta_saml_app/both_modules.yml", variables).rc == 0
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    run = playbook("okta_saml_app/both_modules.yml", variables)
    assert run.rc == 0 and run.changed == 0, run.output
    assert okta.writes() == []


def test_check_mode_on_create_writes_nothing(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, check=True)
    assert run.rc == 0 and run.changed == 1, run.output
    assert run.task()["app"]["id"] is None
    assert run.task()["idp"]["entity_id"] is None
    assert okta.writes() == [] and okta.apps() == []


def test_check_mode_on_change_writes_nothing_and_diff_shows_it(playbook, okta):
    assert playbook("okta_saml_app/okta_saml_app.yml", BASE).rc == 0
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    run = playbook(
        "okta_saml_app/okta_saml_app.yml", dict(BASE, audience="urn:twilio:sso:OTHER"), check=True, diff=True
    )
    assert run.rc == 0 and run.changed == 1, run.output
    assert okta.writes() == []
    assert app_by_label(okta)["settings"]["signOn"]["audience"] == ENTITY
    assert '-    "audience": "urn:twilio:sso:JQ0123"' in run.output
    assert '+    "audience": "urn:twilio:sso:OTHER"' in run.output


def test_drift_is_corrected_and_unmanaged_fields_survive(playbook, okta):
    assert playbook("okta_saml_app/okta_saml_app.yml", BASE).rc == 0
    app = app_by_label(okta)
    # Someone changes the app in the Okta admin UI: the response is no longer signed, the audience is
    # wrong, and they add notes and an attribute statement this module does not manage.
    drifted = {k: v for k, v in app.items() if k not in ("id", "status", "created", "lastUpdated", "_links")}
    drifted["settings"]["signOn"].update(responseSigned=False, audience="urn:wrong")
    drifted["settings"]["notes"] = {"admin": "owned by the identity team", "enduser": None}
    statement = {
        "type": "EXPRESSION",
        "name": "firstName",
        "namespace": "urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
        "values": ["user.firstName"],
    }
    drifted["settings"]["signOn"]["attributeStatements"] = [statement]
    drifted["x-unknown-field"] = {"kept": True}
    okta.okta("PUT", "/api/v1/apps/%s" % app["id"], json=drifted)

    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, diff=True)
    assert run.rc == 0 and run.changed == 1, run.output
    fixed = app_by_label(okta)
    assert fixed["settings"]["signOn"]["responseSigned"] is True
    assert fixed["settings"]["signOn"]["audience"] == ENTITY
    assert fixed["settings"]["notes"]["admin"] == "owned by the identity team"
    assert fixed["settings"]["signOn"]["attributeStatements"] == [statement]
    assert fixed["x-unknown-field"] == {"kept": True}
    assert fixed["credentials"]["signing"]["kid"] == app["credentials"]["signing"]["kid"]
    assert '-    "response_signed": false' in run.output and '+    "response_signed": true' in run.output


def test_attribute_statements_are_managed_when_given(playbook, okta):
    statements = [{"name": "email", "values": ["user.email"]}]
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, attribute_statements=statements)).rc == 0
    stored = app_by_label(okta)["settings"]["signOn"]["attributeStatements"]
    assert stored == [
        {
            "type": "EXPRESSION",
            "name": "email",
            "namespace": "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified",
            "values": ["user.email"],
        }
    ]
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, attribute_statements=statements)).changed == 0


def test_rename_by_id(playbook, okta):
    app_id = playbook("okta_saml_app/okta_saml_app.yml", BASE).task()["app"]["id"]
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, app_id=app_id, label="Twilio Console (prod)"))
    assert run.rc == 0 and run.changed == 1, run.output
    assert [a["label"] for a in okta.apps()] == ["Twilio Console (prod)"]
    assert okta.apps()[0]["id"] == app_id


def test_label_match_is_exact(playbook, okta):
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, label="Twilio Console Staging")).rc == 0
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, label="twilio console")).rc == 0
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0 and run.changed == 1
    assert sorted(a["label"] for a in okta.apps()) == ["Twilio Console", "Twilio Console Staging", "twilio console"]


def test_duplicate_labels_fail_and_list_ids(playbook, okta):
    ids = [
        playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, label=label)).task()["app"]["id"] for label in ("A", "B")
    ]
    app = okta.okta("GET", "/api/v1/apps/%s" % ids[1])
    body = {k: v for k, v in app.items() if k not in ("id", "status", "created", "lastUpdated", "_links")}
    okta.okta("PUT", "/api/v1/apps/%s" % ids[1], json=dict(body, label="A"))
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, label="A"))
    assert run.rc != 0
    message = run.task()["msg"]
    assert "2 Okta SAML apps carry the label 'A'" in message and ids[0] in message and ids[1] in message


def test_status_and_absent(playbook, okta):
    assert playbook("okta_saml_app/okta_saml_app.yml", BASE).rc == 0
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, status="INACTIVE"))
    assert run.rc == 0 and run.changed == 1
    assert app_by_label(okta)["status"] == "INACTIVE"
    assert any(r["path"].endswith("/lifecycle/deactivate") for r in okta.requests())
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, status="INACTIVE")).changed == 0
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, status="ACTIVE")).changed == 1
    run = playbook("okta_saml_app/okta_saml_app.yml", {"label": "Twilio Console", "state": "absent"})
    assert run.rc == 0 and run.changed == 1, run.output
    assert okta.apps() == []
    paths = [r["path"].rsplit("/", 2)[-2:] for r in okta.writes()[-2:]]
    assert paths[0] == ["lifecycle", "deactivate"]
    assert okta.writes()[-1]["method"] == "DELETE" and okta.writes()[-1]["status"] == 204
    again = playbook("okta_saml_app/okta_saml_app.yml", {"label": "Twilio Console", "state": "absent"})
    assert again.rc == 0 and again.changed == 0


def test_recovers_from_429_and_503_without_a_duplicate(playbook, okta):
    okta.fault(method="GET", path="/api/v1/apps", status=429, count=2, reset_in=1)
    okta.fault(method="POST", path="/api/v1/apps", status=503, count=1)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0, run.output
    assert len(okta.apps()) == 1
    statuses = [(r["method"], r["path"], r["status"]) for r in okta.requests()]
    assert statuses[:2] == [("GET", "/api/v1/apps", 429), ("GET", "/api/v1/apps", 429)]
    assert ("POST", "/api/v1/apps", 503) in statuses
    # After the 503 the module looked the app up again before it posted a second time.
    after_503 = statuses[statuses.index(("POST", "/api/v1/apps", 503)) + 1]
    assert after_503 == ("GET", "/api/v1/apps", 200)


def test_a_create_that_outlives_the_timeout_makes_one_app(playbook, okta):
    # Okta answers the create after 6 s, the module gives up waiting after 2 s: it must find the app, not post again.
    okta.fault(method="POST", path="/api/v1/apps", delay=6, count=1)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_TIMEOUT": "2"})
    assert run.rc == 0, run.output
    assert len(okta.apps()) == 1 and run.task()["app"]["id"] == okta.apps()[0]["id"]
    assert [r["method"] for r in okta.requests()].count("POST") == 1


@pytest.mark.parametrize("delays", [(2, 2), (1, 3)])
def test_two_runs_creating_at_once_end_with_one_app(playbook, okta, delays):
    # Both creates are held, so that both runs have looked and found nothing before either app exists; they land
    # at once (2, 2) or one after the other, the first run checking before the second app exists (1, 3).
    for delay in delays:
        okta.fault(method="POST", path="/api/v1/apps", delay=delay, count=1)
    runs = [playbook("okta_saml_app/okta_saml_app.yml", BASE, background=True) for _run in range(2)]
    assert [process.wait(timeout=120) for process in runs] == [0, 0]
    apps = okta.apps()
    assert len(apps) == 1, apps
    assert [r["method"] for r in okta.requests()].count("POST") >= 2  # both did create: the race really happened


def test_a_429_waits_until_the_reset_time(playbook, okta):
    okta.fault(method="GET", path="/api/v1/apps", status=429, count=1, reset_in=5)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0, run.output
    limited, retry = okta.requests()[:2]
    assert limited["status"] == 429 and retry["path"] == "/api/v1/apps"
    # X-Rate-Limit-Reset is whole seconds on the server clock: 4 to 5 s ahead, plus up to 1 s of jitter.
    assert 3.5 <= retry["time"] - limited["time"] <= 8, retry["time"] - limited["time"]


def test_a_malformed_rate_limit_reset_falls_back_to_a_short_backoff(playbook, okta):
    okta.fault(method="GET", path="/api/v1/apps", status=429, count=1, reset_header="soon")
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0, run.output
    limited, retry = okta.requests()[:2]
    assert limited["status"] == 429 and retry["time"] - limited["time"] < 2


def test_dropped_connection_after_create_does_not_make_two_apps(playbook, okta):
    # The sandbox creates the app, then drops the connection without answering.
    okta.fault(method="POST", path="/api/v1/apps", drop="after", count=1)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE)
    assert run.rc == 0, run.output
    assert len(okta.apps()) == 1
    assert [r["method"] for r in okta.requests()].count("POST") == 1
    assert run.task()["app"]["id"] == okta.apps()[0]["id"]


def test_gives_up_with_a_clear_message(playbook, okta):
    okta.fault(method="GET", path="/api/v1/apps", status=500, count=100)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_TIMEOUT": "5"})
    assert run.rc != 0
    message = run.task()["msg"]
    assert "Okta GET /api/v1/apps failed after" in message and "HTTP 500 E0000009" in message
    assert okta.writes() == []


@pytest.mark.parametrize(
    "override, expected",
    [
        ({"sso_url": "http://sso.twilio.example/acs"}, "sso_url must use https"),
        ({"sso_url": "/relative/acs"}, "sso_url must be an absolute"),
        ({"audience": "not a uri"}, "audience must be an absolute URI"),
        ({"response_signed": False, "assertion_signed": False}, "at least one of response_signed and assertion_signed"),
        ({"name_id_format": "email"}, "name_id_format must be one of"),
        ({"signature_algorithm": "RSA_MD5"}, "signature_algorithm"),
        ({"logo": "/nonexistent/logo.png"}, "logo '/nonexistent/logo.png' is not a readable file"),
    ],
)
def test_bad_input_fails_before_any_request(playbook, okta, override, expected):
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, **override))
    assert run.rc != 0
    assert expected in run.task()["msg"]
    assert okta.requests() == []


def test_missing_or_conflicting_credentials_fail_before_any_request(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_API_TOKEN": None})
    assert run.rc != 0 and "no Okta credentials" in run.task()["msg"]
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, client_id="0oaX", private_key="/nonexistent.pem"))
    assert run.rc != 0 and "mutually exclusive" in run.task()["msg"]
    assert okta.requests() == []


def test_wrong_token_names_the_okta_error(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_API_TOKEN": "wrong-token-value"})
    assert run.rc != 0
    assert "HTTP 401 E0000011: Invalid token provided" in run.task()["msg"]
    assert "wrong-token-value" not in run.output


def test_tls_is_verified_by_default_and_a_certificate_error_is_not_retried(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_CA_PATH": None})
    assert run.rc != 0
    message = run.task()["msg"]
    assert (
        "TLS certificate verification of 127.0.0.1:" in message
        and "self-signed certificate in certificate chain" in message
    )
    assert "attempts" not in message  # failed at once: retrying cannot fix a certificate
    assert okta.apps() == []


def test_transport_options_are_checked_before_any_request(playbook, okta):
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_ORG_URL": "http://example.okta.com"})
    assert run.rc != 0 and "org_url must use https" in run.task()["msg"]
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_TIMEOUT": "0"})
    assert run.rc != 0 and "timeout must be more than 0 seconds" in run.task()["msg"]
    assert okta.requests() == []
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_VALIDATE_CERTS": "false"})
    assert run.rc == 0 and "validate_certs is false" in run.output


class WebPage(http.server.BaseHTTPRequestHandler):
    """Any web site that is not Okta: every path answers 200 with an HTML page."""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        body = b"<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


def test_an_org_url_that_is_not_okta_says_so(playbook, okta, local_https_server):
    url, ca_file = local_https_server(WebPage)
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env={"OKTA_ORG_URL": url, "OKTA_CA_PATH": ca_file})
    assert run.rc != 0
    assert "answered with text/html instead of Okta's JSON: is org_url" in run.task()["msg"], run.task()["msg"]


def test_oauth_service_app_with_private_key_file(playbook, okta):
    env = {
        "OKTA_API_TOKEN": None,
        "OKTA_CLIENT_ID": okta.info["okta"]["client_id"],
        "OKTA_PRIVATE_KEY": okta.info["okta"]["private_key_file"],
    }
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env=env)
    assert run.rc == 0 and run.changed == 1, run.output
    assert okta.requests()[0]["path"] == "/oauth2/v1/token"
    with open(okta.info["okta"]["private_key_file"], encoding="utf-8") as handle:
        pem = handle.read()
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env=dict(env, OKTA_PRIVATE_KEY=pem), verbosity=3)
    assert run.rc == 0 and run.changed == 0
    assert "PRIVATE KEY" not in run.output


def test_oauth_with_an_unknown_client_fails_clearly(playbook, okta):
    env = {
        "OKTA_API_TOKEN": None,
        "OKTA_CLIENT_ID": "0oaunknown",
        "OKTA_PRIVATE_KEY": okta.info["okta"]["private_key_file"],
    }
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, env=env)
    assert run.rc != 0
    assert "POST /oauth2/v1/token failed: HTTP 401 invalid_client" in run.task()["msg"]


def test_no_secret_in_verbose_output(playbook, okta):
    token = okta.info["okta"]["api_token"]
    run = playbook("okta_saml_app/okta_saml_app.yml", BASE, verbosity=3)
    assert run.rc == 0
    # The token was there to leak (-vvv prints the module's arguments), and it was masked.
    assert token not in run.output and '"api_token": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.output
    run = playbook(
        "okta_saml_app/okta_saml_app.yml", dict(BASE, api_token=token, sso_url="http://bad.example/acs"), verbosity=3
    )
    assert run.rc != 0 and token not in run.output


def test_logo_uploaded_once_and_again_when_changed(playbook, okta, tmp_path):
    logo = tmp_path / "twilio.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n first logo")
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, logo=str(logo))).rc == 0
    assert [r["path"].endswith("/logo") for r in okta.writes()].count(True) == 1
    assert playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, logo=str(logo))).changed == 0
    logo.write_bytes(b"\x89PNG\r\n\x1a\n second logo")
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, logo=str(logo)))
    assert run.rc == 0 and run.changed == 1
    assert [r["path"].endswith("/logo") for r in okta.writes()].count(True) == 2


def test_info_by_id_label_and_all_with_pagination(playbook, okta):
    ids = [
        playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, label="App %d" % n)).task()["app"]["id"]
        for n in range(5)
    ]
    everything = playbook("okta_saml_app/okta_saml_app_info.yml")
    assert everything.rc == 0 and everything.changed == 0
    assert [a["id"] for a in everything.task()["apps"]] == ids
    # Five apps with a page size of two take three pages.
    assert sum(1 for r in okta.requests() if r["path"] == "/api/v1/apps") >= 3
    by_label = playbook("okta_saml_app/okta_saml_app_info.yml", {"label": "App 3"}).task()["apps"]
    assert [a["id"] for a in by_label] == [ids[3]]
    by_id = playbook("okta_saml_app/okta_saml_app_info.yml", {"app_id": ids[1]}).task()["apps"]
    assert [a["label"] for a in by_id] == ["App 1"]
    assert by_id[0]["sign_on"]["audience"] == ENTITY
    assert by_id[0]["idp"]["certificate_not_after"].endswith("Z")
    assert playbook("okta_saml_app/okta_saml_app_info.yml", {"label": "App"}).task()["apps"] == []


def test_groups_are_assigned_with_the_app_and_an_unknown_one_changes_nothing(playbook, okta):
    def group(name):
        return okta.okta("POST", "/api/v1/groups", json={"profile": {"name": name, "description": ""}})["id"]

    def assigned(app_id):
        return sorted(a["id"] for a in okta.okta("GET", "/api/v1/apps/%s/groups" % app_id))

    admins, other = group("Twilio Admins"), group("Other")
    run = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, app_groups=["Twilio Admins"]))
    assert run.rc == 0 and run.changed == 1, run.output
    app_id = run.task()["app"]["id"]
    assert assigned(app_id) == [admins] and run.task()["groups"] == [{"id": admins, "name": "Twilio Admins"}]
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    again = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, app_groups=["Twilio Admins"]))
    assert again.rc == 0 and again.changed == 0, again.output
    # Find the app, list its groups (which names them: no lookup), read its IdP metadata.
    assert [r["path"] for r in okta.requests()] == [
        "/api/v1/apps",
        "/api/v1/apps/%s/groups" % app_id,
        "/api/v1/apps/%s/sso/saml/metadata" % app_id,
    ]
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    bad = playbook("okta_saml_app/okta_saml_app.yml", dict(BASE, audience="urn:twilio:sso:NEW", app_groups=["Nope"]))
    assert bad.rc != 0 and bad.task()["msg"] == "groups: no Okta group is named (or has the id) 'Nope'"
    assert okta.writes() == [] and app_by_label(okta)["settings"]["signOn"]["audience"] == ENTITY
    okta.okta("PUT", "/api/v1/apps/%s/groups/%s" % (app_id, other), json={})
    exclusive = playbook(
        "okta_saml_app/okta_saml_app.yml", dict(BASE, app_groups=[admins], app_groups_exclusive=True), diff=True
    )
    assert exclusive.rc == 0 and exclusive.changed == 1 and assigned(app_id) == [admins]
    assert exclusive.task()["diff"]["before"]["groups"] == sorted([admins, other])
