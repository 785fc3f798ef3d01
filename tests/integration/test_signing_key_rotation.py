"""Signing key rotation carried from Okta to Twilio, and certificate expiry watched, in the sandboxes (test doubles
of Okta's API and Twilio Admin Center, not the real services). A user logs in through real signed SAML before and
after each rotation."""

import pytest
from sandbox.sso_login import sso_login

ROLE = "console_sso/role.yml"
ROTATE = "../../../playbooks/rotate.yml"
APP = "okta_saml_app/okta_saml_app.yml"
GROUPS = {"console_sso_okta_groups": ["Twilio Console Users"]}
ROTATION = {"console_sso_okta_signing_key_rotation": {"rotate_days_before_expiry": 30}}


@pytest.fixture
def session_env(tmp_path):
    return {"TWILIO_CONSOLE_SESSION_STATE": str(tmp_path / "twilio-session.json")}


def login(okta):
    profile = okta.twilio_profiles()[0]
    sso = okta.info["sso"]
    return sso_login(
        okta.twilio_url, okta.okta_url, profile["connection_id"], sso["user"], sso["password"], okta.ca_file
    )


def role_fact(run):
    """The console_sso fact as the role set it."""
    return next(
        result["ansible_facts"]["console_sso"]
        for _status, result in reversed(run.results)
        if "console_sso" in result.get("ansible_facts", {})
    )


def shown(run):
    """The run's output on one line (ansible-core before 2.19 wraps warnings at the terminal width and keeps an
    action plugin's warnings out of its result)."""
    return " ".join(run.output.split())


@pytest.fixture
def configured(playbook, okta, session_env):
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0, run.output
    assert login(okta).ok
    return run


def test_a_key_about_to_expire_is_rotated_and_reaches_twilio_in_the_same_run(configured, playbook, okta, session_env):
    app_id = okta.console_app()["id"]
    okta.okta("POST", "/__sandbox/apps/%s/expiring-key" % app_id, json={"days": 10})
    assert not login(okta).ok  # Okta signs with a key Twilio does not know yet
    assert playbook(ROLE, GROUPS, env=session_env).rc == 0  # the role carries the current key over
    assert login(okta).ok
    old_kid = okta.console_app()["credentials"]["signing"]["kid"]
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(ROLE, dict(GROUPS, **ROTATION), env=session_env)
    assert run.rc == 0, run.output
    fact = role_fact(run)
    assert fact["signing_key"]["rotated"] and fact["signing_key"]["kid"] != old_kid
    assert okta.console_app()["credentials"]["signing"]["kid"] == fact["signing_key"]["kid"]
    assert fact["idp_certificate_days_left"] > 700
    assert okta.twilio_profiles()[0]["idp_certificate"].strip() == fact["idp_certificate"].strip()
    assert login(okta).ok
    # The window in which logins fail: from Okta's switch (its PUT of the app) to Twilio's save of the new certificate.
    switched = next(
        r["time"] for r in okta.requests() if r["method"] == "PUT" and r["path"] == "/api/v1/apps/" + app_id
    )
    saved = next(
        r["time"] for r in okta.twilio_requests() if r["method"] == "PUT" and r["path"].startswith("/api/sso/")
    )
    window = saved - switched
    print("rotation window: %.2f s" % window)  # pytest -s shows it; the README states it
    assert 0 < window < 15
    again = playbook(ROLE, dict(GROUPS, **ROTATION), env=session_env)
    assert again.rc == 0 and again.changed == 0, again.output
    assert role_fact(again)["signing_key"]["rotated"] is False


def test_a_rotation_by_hand_in_okta_is_carried_to_twilio_and_not_undone(configured, playbook, okta, session_env):
    app = okta.console_app()
    new_key = okta.okta("POST", "/api/v1/apps/%s/credentials/keys/generate?validityYears=3" % app["id"])
    body = {k: v for k, v in app.items() if k not in ("id", "status", "created", "lastUpdated", "_links")}
    body["credentials"]["signing"]["kid"] = new_key["kid"]
    okta.okta("PUT", "/api/v1/apps/%s" % app["id"], json=body)
    assert not login(okta).ok
    run = playbook(ROLE, dict(GROUPS, **ROTATION), env=session_env)
    assert run.rc == 0 and run.changed >= 1, run.output
    assert okta.console_app()["credentials"]["signing"]["kid"] == new_key["kid"]  # not undone
    assert role_fact(run)["signing_key"] == dict(role_fact(run)["signing_key"], kid=new_key["kid"], rotated=False)
    assert login(okta).ok


def test_no_change_requests_with_and_without_rotation(configured, playbook, okta):
    values = {
        "label": "Twilio Console",
        "sso_url": okta.console_app()["settings"]["signOn"]["ssoAcsUrl"],
        "audience": okta.console_app()["settings"]["signOn"]["audience"],
    }
    for options, expected in (({}, 2), ({"signing_key_rotation": {"rotate_days_before_expiry": 30}}, 3)):
        okta.http.delete(okta.okta_url + "/__sandbox/requests")
        run = playbook(APP, dict(values, **options))
        assert run.rc == 0 and run.changed == 0, run.output
        assert len(okta.requests()) == expected, okta.requests()


def test_expiry_thresholds_warn_and_fail(configured, playbook, okta, session_env):
    app_id = okta.console_app()["id"]
    okta.okta("POST", "/__sandbox/apps/%s/expiring-key" % app_id, json={"days": 20})
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0 and role_fact(run)["idp_certificate_days_left"] in (19, 20), run.output
    assert "[WARNING]: The Okta signing certificate of Twilio Console expires on" in shown(run), run.output
    quiet = playbook(ROLE, dict(GROUPS, console_sso_certificate_warn_days=10), env=session_env)
    assert quiet.rc == 0 and "expires on" not in shown(quiet)
    failed = playbook(ROLE, dict(GROUPS, console_sso_certificate_fail_days=21), env=session_env)
    assert failed.rc != 0 and "console_sso_certificate_fail_days is 21" in failed.output


def test_the_rotate_playbook_rotates_when_due_and_tests_with_a_test_user(configured, playbook, okta, session_env):
    sso = okta.info["sso"]
    env = dict(session_env, TWILIO_SSO_TEST_USERNAME=sso["user"], TWILIO_SSO_TEST_PASSWORD=sso["password"])
    first = playbook(ROTATE, GROUPS, env=env)
    assert first.rc == 0 and role_fact(first)["signing_key"]["rotated"] is False, first.output
    assert role_fact(first)["connection_test"]["state"] == "passed"  # nothing was tested before
    forced = playbook(ROTATE, dict(GROUPS, force=True), env=env)
    assert forced.rc == 0 and role_fact(forced)["signing_key"]["rotated"] is True, forced.output
    assert role_fact(forced)["connection_test"]["state"] == "passed"  # the new certificate, tested
    assert login(okta).ok


def test_a_rotation_whose_switch_fails_converges_on_the_next_run(configured, playbook, okta, session_env):
    app_id = okta.console_app()["id"]
    okta.okta("POST", "/__sandbox/apps/%s/expiring-key" % app_id, json={"days": 10})
    assert playbook(ROLE, GROUPS, env=session_env).rc == 0 and login(okta).ok
    # Okta refuses the switch on every one of the client's 6 attempts: the new key exists but signs nothing.
    okta.fault(method="PUT", path="/api/v1/apps/" + app_id, status=503, count=6)
    failed = playbook(ROLE, dict(GROUPS, **ROTATION), env=session_env)
    assert failed.rc != 0, failed.output
    okta.okta("DELETE", "/__sandbox/faults")
    assert login(okta).ok  # nothing was switched: logins still work
    run = playbook(ROLE, dict(GROUPS, **ROTATION), env=session_env)
    assert run.rc == 0 and role_fact(run)["signing_key"]["rotated"], run.output
    assert login(okta).ok
