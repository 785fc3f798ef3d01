"""Faults, kills and races in the create flow of twilio_sso_profile, and TLS verification of Admin Center,
against the Admin Center sandbox (a test double, not Twilio). 'Create new SSO Profile' makes a draft
'SSO Profile N' on the server before it is named: no fault may leave one that no re-run finds."""

import datetime
import json
import os
import signal
import time

import pytest
from test_twilio_sso_profile import IDP, PLAYBOOK


def names(okta):
    return sorted(p["friendly_name"] for p in okta.twilio_profiles())


@pytest.mark.parametrize(
    "fault",
    [
        {"method": "PUT", "path": "/api/sso/profiles/.*", "status": 500},  # the save fails on the server
        # the save is made, but its answer never arrives (Chromium retries a PUT on a dropped connection)
        {"method": "PUT", "path": "/api/sso/profiles/.*", "drop": "after", "count": 3},
        {"method": "GET", "path": "/api/sso/profiles/SO.*", "status": 503},  # the draft's page does not load
    ],
)
def test_a_failed_create_removes_its_draft(playbook, okta, fault):
    okta.twilio("POST", "/__sandbox/faults", json=fault)
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", timeout=5))
    assert run.rc != 0, run.output
    assert names(okta) == []
    again = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert again.rc == 0 and again.changed == 1 and names(okta) == ["Okta"], again.output


def test_a_renamed_button_after_the_draft_exists_leaves_no_draft(playbook, okta):
    okta.twilio_ui(rename={"Continue": "Next step"}, variant={"confirm": False})
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", timeout=3))
    assert run.rc != 0 and "(continue)" in run.task()["msg"] and names(okta) == []


def test_a_create_answered_after_the_timeout_is_adopted_by_the_next_run(playbook, okta):
    # Admin Center creates the draft only after the run has given up waiting: the run never learnt its address.
    okta.twilio("POST", "/__sandbox/faults", json={"method": "POST", "path": "/api/sso/profiles", "delay": 5})
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", timeout=2))
    assert run.rc != 0
    deadline = time.time() + 30
    while not okta.twilio_profiles() and time.time() < deadline:
        time.sleep(0.2)
    [draft] = names(okta)
    again = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert again.rc == 0 and again.task()["recovered"] == ["adopted the draft %s left by an interrupted run" % draft]
    assert names(okta) == ["Okta"]


def test_a_run_killed_after_the_draft_exists_is_adopted_by_the_next_run(playbook, okta, tmp_path):
    state = str(tmp_path / "session.json")
    okta.twilio("POST", "/__sandbox/faults", json={"method": "PUT", "path": "/api/sso/profiles/.*", "delay": 30})
    process = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", session_state=state), background=True)
    deadline = time.time() + 60
    while not okta.twilio_profiles() and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # past the click on Save: the run now waits for the slow answer
    with open(state + ".drafts.json", encoding="utf-8") as handle:
        module_pid = json.load(handle)[0]["pid"]  # the module runs in a session of its own, as with AWX
    os.killpg(os.getpgid(module_pid), signal.SIGKILL)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    okta.twilio("DELETE", "/__sandbox/faults")
    [draft] = names(okta)
    assert draft.startswith("SSO Profile ")
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", session_state=state))
    assert run.rc == 0 and run.changed == 1, run.output
    assert run.task()["recovered"] == ["adopted the draft %s left by an interrupted run" % draft]
    assert names(okta) == ["Okta"]
    assert playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", session_state=state)).changed == 0


def test_two_runs_at_once_end_with_one_profile(playbook, okta, tmp_path):
    runs = [
        playbook(
            PLAYBOOK, dict(IDP, friendly_name="Okta", session_state=str(tmp_path / ("s%d.json" % i))), background=True
        )
        for i in range(2)
    ]
    assert [process.wait(timeout=120) for process in runs] == [0, 0]
    assert names(okta) == ["Okta"]


@pytest.mark.parametrize(
    "cert_options, reason",
    [
        ({"hosts": ("admin.example.com",)}, "IP address mismatch"),
        (
            {"days": 1, "not_before": datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)},
            "certificate has expired",
        ),
    ],
)
def test_ca_path_does_not_accept_a_wrong_host_or_an_expired_certificate(
    playbook, okta, local_https_server, cert_options, reason
):
    url, ca_file = local_https_server(**cert_options)
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "admin_url": url, "ca_path": ca_file})
    assert run.rc != 0 and "failed verification against ca_path" in run.task()["msg"], run.output
    assert reason in run.task()["msg"]


def test_transport_options_are_checked_before_the_browser(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "admin_url": "http://admin.example.com"})
    assert run.rc != 0 and "admin_url must use https" in run.task()["msg"]
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "timeout": 0})
    assert run.rc != 0 and "timeout must be more than 0 seconds" in run.task()["msg"]
    assert okta.twilio_requests() == []
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "validate_certs": False})
    assert run.rc == 0 and "validate_certs is false" in run.output
