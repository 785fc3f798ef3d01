"""The console_sso role end to end in the sandboxes, proven by SAML logins.

The Okta sandbox signs a real SAML Response with the app's key; the Twilio sandbox validates it as a
service provider would, against the profile's stored IdP values. Both are test doubles built from
Okta's and Twilio's public documentation, not the real services.
"""

import json
import os
import signal
import time

import pytest
from sandbox.sso_login import sso_login

ROLE = "console_sso/role.yml"
GROUPS = {"console_sso_okta_groups": ["Twilio Console Users"]}


@pytest.fixture
def session_env(tmp_path):
    return {"TWILIO_CONSOLE_SESSION_STATE": str(tmp_path / "twilio-session.json")}


def login(okta, user=None, idp_initiated=False, profile_name="Okta"):
    profile = next(p for p in okta.twilio_profiles() if p["friendly_name"] == profile_name)
    sso = okta.info["sso"]
    return sso_login(
        okta.twilio_url,
        okta.okta_url,
        profile["connection_id"],
        user or sso["user"],
        sso["password"],
        okta.ca_file,
        profile["idp_sso_url"] if idp_initiated else None,
    )


@pytest.fixture
def configured(playbook, okta, session_env):
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0, run.output
    return run


def test_role_configures_sso_and_a_user_logs_in(configured, okta):
    result = login(okta)
    assert result.ok, result.message
    assert "Signed in to Twilio Console as alice@sandbox.example" in result.message
    profile = okta.twilio_profiles()[0]
    app = okta.console_app()
    assert profile["sp_entity_id"] == app["settings"]["signOn"]["audience"]
    assert profile["sp_acs_url"] == app["settings"]["signOn"]["ssoAcsUrl"]
    # A login is not Twilio's connection test: without a test user the role leaves the profile untested.
    assert profile["status"] == "Not tested"


def test_second_run_changes_nothing_and_writes_nothing(configured, playbook, okta, session_env):
    app_id = okta.console_app()["id"]
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0 and run.changed == 0, run.output
    assert okta.writes() == []
    assert okta.twilio_writes() == []  # not even a login: the session was kept
    # One browser session: step 1 reads the SSO list and the profile (plus its SP metadata); step 4 is skipped
    # because that read already holds Okta's values. Okta, in one module run: steps 2-3 find the app, list its groups
    # (which name the assigned groups, so no group lookup) and read its IdP metadata.
    profile = okta.twilio_profiles()[0]
    assert okta.twilio_page_loads() == ["/sso", "/sso/profiles/%s" % profile["id"]]
    # The managed-users check lists the app's three assigned users, in pages of two in this sandbox.
    assert [(r["method"], r["path"]) for r in okta.requests()] == [
        ("GET", "/api/v1/apps"),
        ("GET", "/api/v1/apps/%s/groups" % app_id),
        ("GET", "/api/v1/apps/%s/sso/saml/metadata" % app_id),
        ("GET", "/api/v1/apps/%s/users" % app_id),
        ("GET", "/api/v1/apps/%s/users" % app_id),
    ]


def test_assignment_removed_in_okta_is_restored_by_the_next_run(configured, playbook, okta, session_env):
    # The role skips the assignment task when its validation read found nothing missing; this proves it still acts
    # when something is.
    app_id = okta.console_app()["id"]
    group_id = okta.okta("GET", "/api/v1/apps/%s/groups" % app_id)[0]["id"]
    okta.okta("DELETE", "/api/v1/apps/%s/groups/%s" % (app_id, group_id))
    assert not login(okta).ok
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0 and run.changed == 1, run.output
    assert [a["id"] for a in okta.okta("GET", "/api/v1/apps/%s/groups" % app_id)] == [group_id]
    assert login(okta).ok


def test_unassigned_user_cannot_log_in(configured, okta):
    result = login(okta, user=okta.info["sso"]["unassigned_user"])
    assert not result.ok and "User is not assigned to this application." in result.message


@pytest.mark.parametrize(
    "wrong, error",
    [
        ({"responseSigned": False}, "SAML Response not signed"),
        ({"assertionSigned": False}, "SAML Assertion not signed"),
        ({"audience": "urn:twilio:sso:someone-else"}, "Audience URI/Entity ID mismatch"),
        ({"assertionEncryption": {"enabled": True}}, "encrypted assertions are not supported"),
        ({"subjectNameIdFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"}, "Invalid NameID format"),
        ({"recipient": "https://elsewhere.example/acs"}, "Recipient mismatch"),
        ({"destination": "https://elsewhere.example/acs"}, "Destination mismatch"),
    ],
    ids=[
        "unsigned-response",
        "unsigned-assertion",
        "wrong-audience",
        "encrypted",
        "nameid-format",
        "recipient",
        "destination",
    ],
)
def test_each_guide_setting_turned_wrong_breaks_login_until_the_role_runs(
    configured, playbook, okta, session_env, wrong, error
):
    okta.change_console_app(**wrong)
    result = login(okta)
    assert not result.ok and error in result.message, result.message
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0 and run.changed == 1, run.output
    assert login(okta).ok


def test_changed_okta_certificate_breaks_login_until_the_role_runs(configured, playbook, okta, session_env):
    app = okta.console_app()
    # A key rotation done in Okta (generate, then switch the app to it): Twilio still holds the old certificate.
    key = okta.okta("POST", "/api/v1/apps/%s/credentials/keys/generate" % app["id"], params={"validityYears": 2})
    body = {k: v for k, v in app.items() if k not in ("id", "status", "created", "lastUpdated", "_links")}
    body["credentials"]["signing"]["kid"] = key["kid"]
    okta.okta("PUT", "/api/v1/apps/%s" % app["id"], json=body)
    result = login(okta)
    assert not result.ok and "signature is invalid" in result.message, result.message
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0 and run.changed == 1
    assert login(okta).ok


def test_idp_initiated_login_needs_a_relay_state(configured, okta):
    result = login(okta, idp_initiated=True)
    assert not result.ok and "RelayState missing" in result.message
    okta.change_console_app(defaultRelayState="https://console.twilio.com/")
    assert login(okta, idp_initiated=True).ok


def test_check_mode_on_a_new_organization_writes_nothing(playbook, okta, session_env):
    run = playbook(ROLE, GROUPS, check=True, env=session_env)
    assert run.rc == 0, run.output
    # The Twilio profile, and the Okta app with its group assignment.
    assert run.changed == 2
    fact = run.task()["console_sso"]
    # What only a real run can produce is shown as such, not as values from somewhere else.
    assert fact["sp_entity_id"] == "urn:twilio:sso:known-after-step-1"
    assert fact["sp_acs_url"] == "https://twilio-acs-url.invalid/known-after-step-1"
    assert fact["okta_app_id"] is None and fact["idp_certificate"] is None and fact["mode"] == "automated"
    assert okta.writes() == [] and okta.apps() == []
    assert [p for p in okta.twilio_writes() if not p[0].startswith("/login")] == []
    assert okta.twilio_profiles() == []


def test_manual_mode_from_sp_metadata_writes_the_handoff(playbook, okta, tmp_path):
    sp_xml = """<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:twilio:sso:JQmanual">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
      Location="https://sso.twilio.example/saml/acs/JQmanual" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>"""
    metadata_file = tmp_path / "twilio-sp-metadata.xml"
    metadata_file.write_text(sp_xml)
    handoff = tmp_path / "handoff"
    variables = {
        "console_sso_twilio_mode": "manual",
        "console_sso_sp_metadata_file": str(metadata_file),
        "console_sso_handoff_dir": str(handoff),
    }
    run = playbook(ROLE, variables)
    assert run.rc == 0, run.output
    app = okta.console_app()
    assert app["settings"]["signOn"]["audience"] == "urn:twilio:sso:JQmanual"
    assert app["settings"]["signOn"]["ssoAcsUrl"] == "https://sso.twilio.example/saml/acs/JQmanual"
    step4 = (handoff / "twilio-sso-step4.txt").read_text()
    metadata = okta.http.get(
        okta.okta_url + "/api/v1/apps/%s/sso/saml/metadata" % app["id"], headers={"Accept": "application/xml"}
    ).text
    assert "http://www.okta.com/exk" in step4 and "/sso/saml" in step4 and "-----BEGIN CERTIFICATE-----" in step4
    # the labels a person sees in Admin Center, from the page map the driver uses
    assert "Issuer ID/URL (Okta's Identity Provider Issuer):" in step4 and "Identity Provider: Okta" in step4
    assert (handoff / "okta-idp-metadata.xml").read_text() == metadata
    assert "Single sign-on URL: " in run.output and "choose 'Okta'" in run.output
    assert okta.twilio_requests() == []
    again = playbook(ROLE, variables)
    assert again.rc == 0 and again.changed == 0, again.output
    by_values = playbook(
        ROLE,
        {
            "console_sso_twilio_mode": "manual",
            "console_sso_handoff_dir": str(handoff),
            "console_sso_sp_entity_id": "urn:twilio:sso:JQmanual",
            "console_sso_sp_acs_url": "https://sso.twilio.example/saml/acs/JQmanual",
        },
    )
    assert by_values.rc == 0 and by_values.changed == 0, by_values.output


def test_manual_mode_without_sp_values_fails_clearly(playbook, okta):
    run = playbook(ROLE, {"console_sso_twilio_mode": "manual"})
    assert run.rc != 0 and "Manual mode needs the Twilio SSO profile's SP values" in run.output
    assert okta.writes() == []


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"console_sso_okta_app_label": "  "}, "console_sso_okta_app_label must not be empty"),
        ({"console_sso_okta_groups": 5}, "console_sso_okta_groups must be a list of group names or ids, got 5"),
        ({"console_sso_okta_app_label": "x" * 101}, "console_sso_okta_app_label is longer than Okta allows"),
        (
            {"console_sso_okta_attribute_statements": [{"name": "n", "values": [5]}]},
            "console_sso_okta_attribute_statements: every value must be a string",
        ),
        ({"console_sso_okta_attribute_statements": [{"values": ["x"]}]}, "console_sso_okta_attribute_statements"),
        (
            {"console_sso_okta_logo": "/nonexistent/logo.png"},
            "console_sso_okta_logo: no such file: /nonexistent/logo.png",
        ),
    ],
)
def test_bad_input_fails_before_anything_is_written(playbook, okta, session_env, variables, message):
    run = playbook(ROLE, variables, env=session_env)
    assert run.rc != 0
    assert message in run.output, run.output
    assert okta.writes() == [] and okta.twilio_writes() == [] and okta.twilio_profiles() == []
    # Not even a browser: Admin Center served nothing.
    assert okta.twilio_requests() == []


UNKNOWN_GROUP = {"console_sso_okta_groups": ["Twilio Console Users", "No Such Group"]}
UNKNOWN_GROUP_MESSAGE = "console_sso_okta_groups: no Okta group is named (or has the id) 'No Such Group'"


def test_an_unknown_group_fails_before_step_1_creates_the_profile(playbook, okta, session_env):
    run = playbook(ROLE, UNKNOWN_GROUP, env=session_env)
    assert run.rc != 0 and UNKNOWN_GROUP_MESSAGE in " ".join(run.output.split()), run.output
    # Step 1 read Admin Center (signing in), found no profile, and had Okta resolve the groups before creating one.
    assert okta.twilio_profiles() == [] and okta.writes() == [] and okta.apps() == []
    assert [p for p in okta.twilio_writes() if not p[0].startswith("/login")] == []


def test_an_unknown_group_fails_before_the_okta_step_changes_the_app(configured, playbook, okta, session_env):
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(ROLE, dict(UNKNOWN_GROUP, console_sso_okta_hide_web=True), env=session_env)
    assert run.rc != 0 and UNKNOWN_GROUP_MESSAGE in " ".join(run.output.split()), run.output
    assert okta.writes() == [] and okta.twilio_writes() == []
    assert okta.console_app()["visibility"]["hide"]["web"] is False


def test_a_misspelled_role_variable_gets_a_warning(playbook, okta, session_env):
    run = playbook(ROLE, {"console_sso_okta_group": ["Twilio Console Users"]}, check=True, env=session_env)
    assert run.rc == 0, run.output
    check = next(result for _status, result in run.results if "unknown" in result)
    assert check["unknown"] == ["console_sso_okta_group"]
    shown = " ".join(run.output.split())  # ansible-core before 2.19 wraps warnings at the terminal width
    assert (
        "[WARNING]: console_sso_okta_group is not a variable of this role, so it has no effect; did you mean "
        "console_sso_okta_groups?"
    ) in shown


def fact_users(playbook, okta):
    """The app's assigned users as okta_app_user_info reads them (following the sandbox's pages of two)."""
    return playbook("okta_app_user_info/okta_app_user_info.yml", {"app_id": okta.console_app()["id"]}).task()["users"]


def fact(run):
    return next(result["console_sso"] for _status, result in reversed(run.results) if "console_sso" in result)


def test_check_mode_of_managed_users_lists_who_cannot_sign_in_and_warns(configured, okta):
    managed = fact(configured)["managed_users"]
    assert managed["mode"] == "check" and managed["checked"] is True
    assert managed["not_active"] == ["carol@sandbox.example", "dave@unverified.example"] and managed["created"] == []
    shown = " ".join(configured.output.split())
    assert "2 user(s) assigned to the Okta app are not active managed users" in shown
    assert okta.managed_users()["welcome_emails"] == []
    result = login(okta, user=okta.info["sso"]["unprovisioned_user"])
    assert not result.ok and "not an active managed user" in result.message


def test_provision_creates_the_missing_user_who_then_signs_in_and_a_second_run_creates_nobody(
    configured, playbook, okta, session_env
):
    carol = okta.info["sso"]["unprovisioned_user"]
    run = playbook(ROLE, dict(GROUPS, console_sso_managed_users="provision"), env=session_env)
    assert run.rc == 0, run.output
    managed = fact(run)["managed_users"]
    assert managed["created"] == [carol] and managed["unverified_domain"] == ["dave@unverified.example"]
    assert managed["not_active"] == ["dave@unverified.example"]
    assert login(okta, user=carol).ok
    assert okta.managed_users()["welcome_emails"] == [carol]
    again = playbook(ROLE, dict(GROUPS, console_sso_managed_users="provision"), env=session_env)
    assert again.rc == 0 and fact(again)["managed_users"]["created"] == [], again.output
    assert okta.managed_users()["welcome_emails"] == [carol]  # no second email, no second user


def test_provision_reactivates_a_deactivated_user_instead_of_creating_one(configured, playbook, okta, session_env):
    alice = okta.info["sso"]["user"]
    deactivated = playbook("twilio_managed_user/twilio_managed_user.yml", {"user_name": alice, "state": "absent"})
    assert deactivated.rc == 0 and not login(okta).ok
    run = playbook(ROLE, dict(GROUPS, console_sso_managed_users="provision"), env=session_env)
    assert run.rc == 0 and fact(run)["managed_users"]["reactivated"] == [alice], run.output
    assert login(okta).ok and alice not in okta.managed_users()["welcome_emails"]


def test_required_managed_users_fail_the_run_naming_them(configured, playbook, okta, session_env):
    run = playbook(ROLE, dict(GROUPS, console_sso_managed_users_required=True), env=session_env)
    assert run.rc != 0
    assert "console_sso_managed_users_required: not active managed users of Twilio: carol@sandbox.example" in (
        " ".join(run.output.split())
    )


def test_without_organization_credentials_the_check_is_skipped_with_a_warning(configured, playbook, okta, session_env):
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    run = playbook(ROLE, GROUPS, env=dict(session_env, TWILIO_CLIENT_ID="", TWILIO_CLIENT_SECRET=""))
    assert run.rc == 0 and run.changed == 0, run.output
    assert fact(run)["managed_users"]["checked"] is False
    assert "Twilio organization API credentials are not set, so managed users were not checked" in (
        " ".join(run.output.split())
    )
    assert not any(r["path"].endswith("/users") for r in okta.requests())  # no Okta listing for a check not made


def test_deactivation_of_unassigned_users_only_when_asked_and_only_of_users_provisioned_from_okta(
    configured, playbook, okta, session_env
):
    carol = okta.info["sso"]["unprovisioned_user"]
    provision = dict(GROUPS, console_sso_managed_users="provision")
    assert playbook(ROLE, provision, env=session_env).rc == 0
    group = okta.okta("GET", "/api/v1/groups", params={"q": okta.info["sso"]["group"]})[0]
    carol_id = next(u["id"] for u in fact_users(playbook, okta) if u["user_name"] == carol)
    okta.okta("DELETE", "/api/v1/groups/%s/users/%s" % (group["id"], carol_id))  # carol leaves the group
    kept = playbook(ROLE, provision, env=session_env)
    assert kept.rc == 0 and fact(kept)["managed_users"]["deactivated"] == [], kept.output
    run = playbook(ROLE, dict(provision, console_sso_managed_users_deactivate_unassigned=True), env=session_env)
    assert run.rc == 0 and fact(run)["managed_users"]["deactivated"] == [carol], run.output
    active = {u["userName"]: u["active"] for u in okta.managed_users()["users"]}
    # bob is assigned to nothing but was made in Twilio by other means: untouched, like alice.
    assert active[carol] is False and active["bob@sandbox.example"] is True and active[okta.info["sso"]["user"]]


def test_provision_in_check_mode_reports_who_would_be_created_and_creates_nobody(
    configured, playbook, okta, session_env
):
    run = playbook(ROLE, dict(GROUPS, console_sso_managed_users="provision"), check=True, env=session_env)
    assert run.rc == 0, run.output
    managed = fact(run)["managed_users"]
    assert managed["created"] == [okta.info["sso"]["unprovisioned_user"], "dave@unverified.example"]
    assert managed["reactivated"] == [] and okta.managed_users()["welcome_emails"] == []


def test_a_draft_left_by_a_killed_run_is_deleted_by_the_next_role_run(playbook, okta, session_env, tmp_path):
    # Step 1's read is in check mode; it must call a draft to delete a change, or the role would never delete it.
    state = session_env["TWILIO_CONSOLE_SESSION_STATE"]
    okta.twilio("POST", "/__sandbox/faults", json={"method": "PUT", "path": "/api/sso/profiles/.*", "delay": 30})
    process = playbook(ROLE, GROUPS, env=session_env, background=True)
    deadline = time.time() + 60
    while not okta.twilio_profiles() and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # past the click on Save: the run now waits for the slow answer
    with open(state + ".drafts.json", encoding="utf-8") as handle:
        module_pid = json.load(handle)[0]["pid"]
    os.killpg(os.getpgid(module_pid), signal.SIGKILL)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    okta.twilio("DELETE", "/__sandbox/faults")
    [draft] = [p["friendly_name"] for p in okta.twilio_profiles()]
    # Meanwhile a run elsewhere (its own session and journal) configured everything: only the draft is in the way,
    # and neither step 4 nor anything else has a reason to run.
    other = playbook(ROLE, GROUPS, env={"TWILIO_CONSOLE_SESSION_STATE": str(tmp_path / "elsewhere.json")})
    assert other.rc == 0, other.output
    assert sorted(p["friendly_name"] for p in okta.twilio_profiles()) == sorted(["Okta", draft])
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0, run.output
    assert [p["friendly_name"] for p in okta.twilio_profiles()] == ["Okta"]
    assert login(okta).ok
