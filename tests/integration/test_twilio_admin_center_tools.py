"""twilio_admin_center_check and the console_login playbook against the Admin Center sandbox (a test double,
not Twilio)."""

import json
import os
import stat
import threading
import time

from test_twilio_sso_profile import IDP, PLAYBOOK, writes

CHECK = "twilio_admin_center/check.yml"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_check_reports_every_key_and_changes_nothing(playbook, okta):
    assert playbook(PLAYBOOK, dict(IDP, friendly_name="Okta")).rc == 0
    okta.twilio_ui(rename={"Issuer ID/URL": "Issuer URL (IdP)"})
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(CHECK)
    assert run.rc == 0 and run.changed == 0, run.output
    keys = run.task()["keys"]
    assert keys["idp_entity_id"] == {"status": "missing", "page": "profile"}
    found = {k for k, v in keys.items() if v["status"] == "found"}
    assert {
        "nav_sso",
        "create_profile",
        "open_profile",
        "sp_entity_id",
        "download_sp_metadata",
        "idp_sso_url",
        "idp_certificate",
        "edit",
        "delete",
        "save",
        "identity_provider",
        "login_email",
    } <= found
    assert keys["delete_confirm"]["status"] == "not_checked"
    assert writes(okta) == []
    for path in run.task()["artifacts"]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(run.task()["artifacts"][1], encoding="utf-8") as handle:
        assert "Issuer URL (IdP)" in handle.read()
    fixed = playbook(CHECK, {"ui_overrides": {"idp_entity_id": ["Issuer URL (IdP)"]}})
    assert fixed.task()["keys"]["idp_entity_id"]["status"] == "found"


def test_console_login_waits_for_a_person_and_saves_the_session(playbook, okta, tmp_path):
    state = tmp_path / "session.json"

    def person_signs_in_with_a_passkey():
        deadline = time.time() + 60
        while time.time() < deadline and not any(r["path"] == "/login" for r in okta.twilio_requests()):
            time.sleep(0.2)
        time.sleep(1)
        okta.twilio("POST", "/__sandbox/approve-login")

    person = threading.Thread(target=person_signs_in_with_a_passkey)
    person.start()
    run = playbook(
        os.path.join(ROOT, "playbooks", "console_login.yml"),
        {"session_state": str(state), "console_login_headless": True, "console_login_wait": 60},
        env={"TWILIO_CONSOLE_PASSWORD": None, "TWILIO_CONSOLE_TOTP_SECRET": None},
    )
    person.join()
    assert run.rc == 0 and run.changed == 1, run.output
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600 and json.loads(state.read_text())["cookies"]
    okta.twilio("DELETE", "/__sandbox/requests")
    # Later runs reuse the session without credentials and without logging in.
    reuse = playbook(
        PLAYBOOK,
        {"friendly_name": "Okta", "session_state": str(state)},
        env={"TWILIO_CONSOLE_PASSWORD": None, "TWILIO_CONSOLE_TOTP_SECRET": None},
    )
    assert reuse.rc == 0 and reuse.task()["logged_in"] is False, reuse.output


def test_console_login_gives_up_with_a_clear_message(playbook, okta, tmp_path):
    run = playbook(
        os.path.join(ROOT, "playbooks", "console_login.yml"),
        {"session_state": str(tmp_path / "s.json"), "console_login_headless": True, "console_login_wait": 2},
        env={"TWILIO_CONSOLE_PASSWORD": None, "TWILIO_CONSOLE_TOTP_SECRET": None},
    )
    assert run.rc != 0 and "nobody completed the sign-in within 2 s" in run.task()["msg"]
    assert not (tmp_path / "s.json").exists()
