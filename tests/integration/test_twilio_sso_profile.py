"""twilio_sso_profile(_info) through ansible-playbook, in real headless Chromium, against the Twilio
Admin Center sandbox (a test double built from Twilio's guide, not Twilio itself)."""

import base64
import datetime
import hashlib
import os
import stat

import pytest
from sandbox import pki

PLAYBOOK = "twilio_sso_profile/twilio_sso_profile.yml"
INFO = "twilio_sso_profile/twilio_sso_profile_info.yml"
LOGIN_POSTS = [("/login", 303), ("/login/verify", 303)]
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def writes(okta):
    """What a run wrote to Admin Center, besides signing in."""
    return [
        (r["method"], r["path"])
        for r in okta.twilio_requests()
        if r["method"] in WRITES and not r["path"].startswith("/login")
    ]


def certificate(days=3650, not_before=None):
    return pki.cert_pem(pki.new_signing_cert("dev-123", days, not_before)[1]).decode()


CERT = certificate()
IDP = {
    "idp_entity_id": "http://www.okta.com/exk1abc",
    "idp_sso_url": "https://dev-123.okta.com/app/x/exk1abc/sso/saml",
    "idp_certificate": CERT,
}


def profile_named(okta, name):
    found = [p for p in okta.twilio_profiles() if p["friendly_name"] == name]
    assert len(found) == 1, found
    return found[0]


def test_step_1_creates_the_profile_and_returns_its_sp_values(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta"})
    assert run.rc == 0 and run.changed == 1, run.output
    stored = profile_named(okta, "Okta")
    profile = run.task()["profile"]
    assert profile["sp_entity_id"] == stored["sp_entity_id"] and profile["sp_entity_id"].startswith("urn:twilio:sso:JQ")
    assert profile["sp_acs_url"] == stored["sp_acs_url"] and profile["sp_acs_url"].startswith("https://")
    assert profile["sp_metadata_xml"] == stored["sp_metadata_xml"]
    assert profile["identity_provider"] is None and profile["status"] == "Draft"


def test_sp_metadata_the_page_cannot_fetch_is_downloaded_as_a_person_would(playbook, okta):
    assert playbook(PLAYBOOK, {"friendly_name": "Okta"}).rc == 0
    okta.twilio("DELETE", "/__sandbox/requests")
    # The page's own fetch of the link gets an error; clicking the link (a download) then gets the document.
    okta.twilio("POST", "/__sandbox/faults", json={"method": "GET", "path": ".*/sp-metadata.xml", "status": 503})
    run = playbook(PLAYBOOK, {"friendly_name": "Okta"})
    assert run.rc == 0 and run.changed == 0, run.output
    assert run.task()["profile"]["sp_metadata_xml"] == profile_named(okta, "Okta")["sp_metadata_xml"]
    fetched = [r["status"] for r in okta.twilio_requests() if r["path"].endswith("/sp-metadata.xml")]
    assert fetched == [503, 200]


def test_each_profile_has_its_own_sp_values(playbook, okta):
    first = playbook(PLAYBOOK, {"friendly_name": "One"}).task()["profile"]
    second = playbook(PLAYBOOK, {"friendly_name": "Two"}).task()["profile"]
    assert first["sp_entity_id"] != second["sp_entity_id"] and first["sp_acs_url"] != second["sp_acs_url"]


def test_step_4_sets_the_idp_values_and_a_rerun_posts_nothing(playbook, okta):
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert run.rc == 0 and run.changed == 1, run.output
    stored = profile_named(okta, "Okta")
    assert stored["identity_provider"] == "OKTA" and stored["status"] == "Not tested"
    assert (stored["idp_entity_id"], stored["idp_sso_url"]) == (IDP["idp_entity_id"], IDP["idp_sso_url"])
    assert base64.b64decode("".join(CERT.splitlines()[1:-1])) == base64.b64decode(
        "".join(stored["idp_certificate"].splitlines()[1:-1])
    )
    okta.twilio("DELETE", "/__sandbox/requests")
    again = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert again.rc == 0 and again.changed == 0, again.output
    assert okta.twilio_writes() == LOGIN_POSTS


def test_certificate_whitespace_is_no_change_but_another_certificate_is(playbook, okta):
    assert playbook(PLAYBOOK, dict(IDP, friendly_name="Okta")).rc == 0
    body = "".join(CERT.splitlines()[1:-1])
    rewrapped = "\n".join(body[i : i + 50] for i in range(0, len(body), 50))
    for variant in (body, "  " + rewrapped + "\r\n", CERT.replace("\n", "\r\n")):
        run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", idp_certificate=variant))
        assert run.rc == 0 and run.changed == 0, run.output
    other = certificate()
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", idp_certificate=other), diff=True)
    assert run.rc == 0 and run.changed == 1
    other_der = base64.b64decode("".join(other.splitlines()[1:-1]))
    assert run.task()["profile"]["idp_certificate_sha256"] == hashlib.sha256(other_der).hexdigest()
    assert '"idp_certificate_sha256"' in run.output and "-    " in run.output and "+    " in run.output


def test_check_mode_posts_no_form(playbook, okta):
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"), check=True)
    assert run.rc == 0 and run.changed == 1, run.output
    assert okta.twilio_profiles() == [] and okta.twilio_writes() == LOGIN_POSTS
    assert playbook(PLAYBOOK, {"friendly_name": "Okta"}).rc == 0
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"), check=True, diff=True)
    assert run.rc == 0 and run.changed == 1
    assert okta.twilio_writes() == LOGIN_POSTS
    assert profile_named(okta, "Okta")["identity_provider"] is None
    assert '+    "idp_entity_id": "http://www.okta.com/exk1abc"' in run.output
    assert '-    "idp_entity_id": null' in run.output


def test_absent_deletes_through_the_confirmation_dialog(playbook, okta):
    assert playbook(PLAYBOOK, {"friendly_name": "Keep"}).rc == 0
    assert playbook(PLAYBOOK, {"friendly_name": "Okta"}).rc == 0
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "state": "absent"})
    assert run.rc == 0 and run.changed == 1, run.output
    assert [p["friendly_name"] for p in okta.twilio_profiles()] == ["Keep"]
    again = playbook(PLAYBOOK, {"friendly_name": "Okta", "state": "absent"})
    assert again.rc == 0 and again.changed == 0


def test_second_task_reuses_the_session_and_a_live_session_needs_no_login(playbook, okta, tmp_path):
    state = tmp_path / "twilio-session.json"
    variables = dict(IDP, friendly_name="Okta", session_state=str(state))
    run = playbook("twilio_sso_profile/steps_1_and_4.yml", variables)
    assert run.rc == 0, run.output
    assert [r[1]["logged_in"] for r in run.results[:2]] == [True, False]
    assert [p for p in okta.twilio_writes() if p[0].startswith("/login")] == LOGIN_POSTS
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600
    okta.twilio("DELETE", "/__sandbox/requests")
    again = playbook("twilio_sso_profile/steps_1_and_4.yml", variables)
    assert again.rc == 0 and again.changed == 0, again.output
    assert okta.twilio_writes() == []
    # An expired session is noticed and replaced by a new login.
    okta.twilio("DELETE", "/__sandbox/sessions")
    third = playbook("twilio_sso_profile/steps_1_and_4.yml", variables)
    assert third.rc == 0 and third.changed == 0 and third.results[0][1]["logged_in"] is True


def test_wrong_password_and_wrong_totp_have_their_own_messages(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "password": "not-the-password"})
    assert run.rc != 0
    assert "Twilio rejected the username or password" in run.task()["msg"]
    wrong_secret = base64.b32encode(b"0123456789abcdefghij").decode()
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "totp_secret": wrong_secret})
    assert run.rc != 0
    assert "Twilio rejected the two-factor code" in run.task()["msg"]
    assert wrong_secret not in run.output and "not-the-password" not in run.output


def test_a_renamed_button_gives_the_missing_element_error_with_artifacts(playbook, okta):
    okta.twilio_ui(rename={"Create new SSO Profile": "Add a profile"})
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "timeout": 3})
    assert run.rc != 0
    result = run.task()
    assert result["error_kind"] == "MissingElement"
    assert "step 'open Single Sign-On' failed: no button 'Create new SSO Profile' or" in result["msg"]
    assert (
        "(create_profile)" in result["msg"] and "'Add a profile'" in result["msg"] and "ui_overrides" in result["msg"]
    )
    artifacts = result["artifacts"]
    assert os.path.getsize(artifacts["screenshot"]) > 0
    for path in artifacts.values():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(artifacts["html"])).st_mode) == 0o700
    with open(artifacts["html"], encoding="utf-8") as handle:
        page = handle.read()
    assert "Add a profile" in page and '"csrf": "********"' in page
    with open(artifacts["aria_snapshot"], encoding="utf-8") as handle:
        assert 'button "Add a profile"' in handle.read()
    assert okta.twilio_profiles() == []
    # The user's fix, without code: the new name through ui_overrides.
    fixed = playbook(PLAYBOOK, {"friendly_name": "Okta", "ui_overrides": {"create_profile": "Add a profile"}})
    assert fixed.rc == 0 and fixed.changed == 1, fixed.output


def test_no_secret_in_verbose_output(playbook, okta):
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"), verbosity=3)
    assert run.rc == 0
    twilio = okta.info["twilio"]
    assert twilio["password"] not in run.output and twilio["totp_secret"] not in run.output
    # They were there to leak (-vvv prints the module's arguments), and they were masked.
    assert '"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in run.output


@pytest.mark.parametrize(
    "override, message",
    [
        (
            {
                "idp_certificate": certificate(
                    days=1, not_before=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
                )
            },
            "idp_certificate expired on 2020-01-02",
        ),
        ({"idp_certificate": "garbage"}, "idp_certificate: the certificate is neither PEM nor base64"),
        ({"idp_sso_url": "http://dev-123.okta.com/sso"}, "idp_sso_url must use https"),
        ({"idp_entity_id": "okta"}, "idp_entity_id must be an absolute URI"),
    ],
)
def test_bad_input_fails_before_the_browser_starts(playbook, okta, override, message):
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", **override))
    assert run.rc != 0 and message in run.task()["msg"]
    assert okta.twilio_requests() == []


def test_partial_idp_values_are_refused(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "idp_entity_id": "http://www.okta.com/exk1"})
    assert run.rc != 0 and "parameters are required together" in run.task()["msg"]
    assert okta.twilio_requests() == []


def test_certificate_close_to_expiry_warns(playbook, okta):
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", idp_certificate=certificate(days=10)))
    assert run.rc == 0
    assert "idp_certificate expires on" in run.output


def test_tls_is_verified(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta"}, env={"TWILIO_CA_PATH": None})
    assert run.rc != 0 and "ERR_CERT_AUTHORITY_INVALID" in run.task()["msg"]


def test_info_reads_one_or_all(playbook, okta):
    assert playbook(PLAYBOOK, dict(IDP, friendly_name="Okta")).rc == 0
    assert playbook(PLAYBOOK, {"friendly_name": "Draft"}).rc == 0
    okta.twilio("DELETE", "/__sandbox/requests")
    everything = playbook(INFO)
    assert everything.rc == 0 and everything.changed == 0
    assert [p["friendly_name"] for p in everything.task()["profiles"]] == ["Okta", "Draft"]
    assert okta.twilio_writes() == LOGIN_POSTS
    one = playbook(INFO, {"friendly_name": "Okta"}).task()["profiles"]
    assert len(one) == 1 and one[0]["identity_provider"] == "okta" and one[0]["idp_certificate_sha256"]


def test_a_private_key_pasted_as_the_certificate_is_refused_and_never_echoed(playbook, okta):
    key = pki.key_pem(pki.new_key()).decode()
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", idp_certificate=key), verbosity=3)
    assert run.rc != 0 and "private key, not a certificate" in run.task()["msg"]
    assert key.splitlines()[1] not in run.output and okta.twilio_requests() == []
