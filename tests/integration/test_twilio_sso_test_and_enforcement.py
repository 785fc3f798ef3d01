"""Test SSO Connection and Enforce SSO through twilio_sso_profile, twilio_domain_info and the console_sso role.

The test follows Admin Center's new tab to the Okta sandbox's sign-in page (shaped after Okta's Sign-In Widget),
signs the test user in there, and reads the outcome back in Admin Center; the Okta sandbox signs a real SAML
Response and the Twilio sandbox validates it. Both are test doubles, not Okta or Twilio.
"""

import pytest
from sandbox.sso_login import password_login as sso_password_login

PROFILE = "twilio_sso_profile/twilio_sso_profile.yml"
DOMAINS = "twilio_sso_profile/twilio_domain_info.yml"
ROLE = "console_sso/role.yml"
GROUPS = {"console_sso_okta_groups": ["Twilio Console Users"]}


@pytest.fixture
def session_env(tmp_path):
    return {"TWILIO_CONSOLE_SESSION_STATE": str(tmp_path / "twilio-session.json")}


@pytest.fixture
def configured(playbook, okta, session_env):
    """Steps 1 to 4 done by the role, nothing tested yet."""
    run = playbook(ROLE, GROUPS, env=session_env)
    assert run.rc == 0, run.output
    return run


def idp_values(okta, **changes):
    profile = okta.twilio_profiles()[0]
    values = {k: profile[k] for k in ("idp_entity_id", "idp_sso_url", "idp_certificate")}
    values.update(changes)
    return values


def sso_test_user(okta, user=None, password=None):
    sso = okta.info["sso"]
    return {"test_username": user or sso["user"], "test_password": password or sso["password"]}


def connection_test_starts(okta):
    return [r for r in okta.twilio_requests() if r["path"].endswith("/test/start")]


def password_login(okta, email, password):
    """Twilio's password login (the first of its two steps): what it shows when it refuses, or None."""
    return sso_password_login(okta.twilio_url, email, password, okta.ca_file)


def twilio_applies_enforcement(okta):
    """What Twilio does minutes after an enforcement change, at once."""
    okta.twilio("POST", "/__sandbox/domains", json={"apply_pending": True})


def test_a_test_passes_once_and_a_second_run_does_not_test_again(configured, playbook, okta, session_env):
    run = playbook(PROFILE, dict(idp_values(okta), friendly_name="Okta", **sso_test_user(okta)), env=session_env)
    assert run.rc == 0 and run.changed == 1, run.output
    result = run.task()
    assert result["test"]["state"] == "passed" and result["test"]["user"] == okta.info["sso"]["user"]
    assert result["profile"]["tested"] is True and result["profile"]["last_test"]["outcome"] == "succeeded"
    assert okta.twilio_profiles()[0]["status"] == "Tested"
    assert [login for login in okta.twilio("GET", "/__sandbox/logins") if login["test"]] == [
        {"profile": "Okta", "ok": True, "user": okta.info["sso"]["user"], "test": True}
    ]
    okta.twilio("DELETE", "/__sandbox/requests")
    again = playbook(PROFILE, dict(idp_values(okta), friendly_name="Okta", **sso_test_user(okta)), env=session_env)
    assert again.rc == 0 and again.changed == 0, again.output
    assert again.task()["test"]["state"] == "tested" and connection_test_starts(okta) == []
    retest = playbook(
        PROFILE, dict(idp_values(okta), friendly_name="Okta", retest=True, **sso_test_user(okta)), env=session_env
    )
    assert retest.rc == 0 and retest.task()["test"]["state"] == "passed" and len(connection_test_starts(okta)) == 1


def test_without_test_credentials_the_profile_is_reported_untested(configured, playbook, okta, session_env):
    run = playbook(PROFILE, dict(idp_values(okta), friendly_name="Okta"), env=session_env)
    assert run.rc == 0 and run.changed == 0, run.output
    test = run.task()["test"]
    assert test["state"] == "untested" and "test_username and test_password" in test["fix"]
    assert connection_test_starts(okta) == []


def test_a_test_user_with_an_authenticator_needs_its_secret(configured, playbook, okta, session_env):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    okta.okta("POST", "/__sandbox/users/totp", json={"login": okta.info["sso"]["user"], "secret": secret})
    values = dict(idp_values(okta), friendly_name="Okta", **sso_test_user(okta))
    run = playbook(PROFILE, values, env=session_env)
    assert run.rc != 0 and run.task()["test"]["reason_code"] == "test_totp_required", run.output
    assert "test_totp_secret" in run.task()["test"]["fix"]
    run = playbook(PROFILE, dict(values, test_totp_secret=secret), env=session_env)
    assert run.rc == 0 and run.task()["test"]["state"] == "passed", run.output


def other_certificate():
    from sandbox import pki  # pylint: disable=import-outside-toplevel

    return pki.cert_pem(pki.new_signing_cert("someone-else")[1]).decode()


# Each misconfiguration of Twilio's troubleshooting list, made the way a person could make it, and the reason the
# test must report. Changes to the profile go through the module in the same run as the test.
MISCONFIGURATIONS = {
    "wrong-sso-url": (lambda okta: {"idp_sso_url": okta.okta_url + "/app/x/exkWRONG/sso/saml"}, None, "idp_not_found"),
    "wrong-issuer": (lambda okta: {"idp_entity_id": "http://www.okta.com/exkWRONG"}, None, "issuer_mismatch"),
    "wrong-certificate": (lambda okta: {"idp_certificate": other_certificate()}, None, "certificate_mismatch"),
    "embed-link": (
        lambda okta: {"idp_sso_url": okta.okta("GET", "/__sandbox/apps/embed-links")[okta.console_app()["id"]]},
        None,
        "relay_state_missing",
    ),
    "unsigned-response": (lambda okta: {}, {"responseSigned": False}, "response_not_signed"),
    "encrypted": (lambda okta: {}, {"assertionEncryption": {"enabled": True}}, "assertion_encrypted"),
    "wrong-audience": (lambda okta: {}, {"audience": "urn:twilio:sso:someone-else"}, "audience_mismatch"),
    "wrong-destination": (lambda okta: {}, {"destination": "https://elsewhere.example/acs"}, "acs_url_mismatch"),
}


@pytest.mark.parametrize("case", sorted(MISCONFIGURATIONS))
def test_each_misconfiguration_fails_the_test_with_its_reason(configured, playbook, okta, session_env, case):
    profile_changes, okta_changes, code = MISCONFIGURATIONS[case]
    if okta_changes:
        okta.change_console_app(**okta_changes)
    values = dict(idp_values(okta, **profile_changes(okta)), friendly_name="Okta", **sso_test_user(okta))
    run = playbook(PROFILE, values, env=session_env)
    assert run.rc != 0, run.output
    result = run.task()
    assert result["test"]["state"] == "failed" and result["test"]["reason_code"] == code, result["test"]
    assert (
        result["test"]["fix"]
        and "Test SSO Connection failed" in result["msg"]
        and result["test"]["fix"] in result["msg"]
    )
    # Twilio records what reached it; a failure at Okta never does.
    assert okta.twilio_profiles()[0]["status"] == ("Not tested" if code == "idp_not_found" else "Test failed")


@pytest.mark.parametrize(
    "user, password, code",
    [
        ("unassigned_user", None, "user_not_assigned"),
        ("unprovisioned_user", None, "not_managed_user"),
        ("user", "not-the-password", "test_sign_in_failed"),
    ],
)
def test_the_wrong_test_user_fails_the_test_with_its_reason(
    configured, playbook, okta, session_env, user, password, code
):
    values = dict(idp_values(okta), friendly_name="Okta", **sso_test_user(okta, okta.info["sso"][user], password))
    run = playbook(PROFILE, values, env=session_env)
    assert run.rc != 0 and run.task()["test"]["reason_code"] == code, run.output
    assert "not-the-password" not in run.output


def test_enforcement_waits_for_twilio_then_only_sso_logs_in(configured, playbook, okta, session_env):
    okta.twilio("POST", "/__sandbox/domains", json={"enforcement_delay": 600})
    sso = okta.info["sso"]
    assert password_login(okta, sso["user"], sso["password"]) is None  # before: a password works
    values = dict(idp_values(okta), friendly_name="Okta", enforced_domains=["sandbox.example"], **sso_test_user(okta))
    run = playbook(PROFILE, values, env=session_env, diff=True)
    assert run.rc == 0 and run.changed == 1, run.output
    result = run.task()
    assert result["test"]["state"] == "passed"
    assert result["enforcement"] == {"state": "pending", "domains": ["sandbox.example"]}
    assert result["diff"]["before"]["enforced_domains"] == [] and result["diff"]["after"]["enforced_domains"] == [
        "sandbox.example"
    ]
    okta.twilio("DELETE", "/__sandbox/requests")
    pending = playbook(PROFILE, values, env=session_env)
    assert pending.rc == 0 and pending.changed == 0 and pending.task()["enforcement"]["state"] == "pending"
    twilio_applies_enforcement(okta)
    applied = playbook(PROFILE, values, env=session_env)
    assert applied.rc == 0 and applied.changed == 0 and applied.task()["enforcement"]["state"] == "applied"
    assert not [r for r in okta.twilio_requests() if r["method"] in ("PUT", "POST") and "/api/" in r["path"]]
    refused = password_login(okta, sso["user"], sso["password"])
    assert refused and "requires you to log in with Single Sign-On" in refused
    assert password_login(okta, okta.info["twilio"]["username"], okta.info["twilio"]["password"]) is None
    domains = playbook(DOMAINS, env=session_env).task()["domains"]
    assert {d["name"]: (d["verified"], d["enforced_by"], d["pending"]) for d in domains} == {
        "admins.example": (True, None, False),
        "sandbox.example": (True, "Okta", False),
        "unverified.example": (False, None, False),
    }
    # [] removes the enforcement again.
    removed = playbook(PROFILE, dict(values, enforced_domains=[]), env=session_env)
    assert removed.rc == 0 and removed.changed == 1 and removed.task()["enforcement"]["domains"] == []
    twilio_applies_enforcement(okta)
    assert password_login(okta, sso["user"], sso["password"]) is None


def test_enforcement_in_check_mode_writes_nothing(configured, playbook, okta, session_env):
    values = dict(idp_values(okta), friendly_name="Okta", enforced_domains=["sandbox.example"], **sso_test_user(okta))
    run = playbook(PROFILE, values, env=session_env, check=True, diff=True)
    assert run.rc == 0 and run.changed == 1, run.output
    assert run.task()["test"]["state"] == "would_test" and run.task()["enforcement"]["domains"] == ["sandbox.example"]
    assert connection_test_starts(okta) == [] and all(
        d["enforced_by"] is None for d in okta.twilio("GET", "/__sandbox/domains").values()
    )


@pytest.mark.parametrize(
    "options, error",
    [
        ({"enforced_domains": ["unverified.example"]}, "unverified.example is not verified"),
        ({"enforced_domains": ["nowhere.example"]}, "nowhere.example is not a domain of this Twilio organization"),
        ({"enforced_domains": ["admins.example"]}, "allow_enforcing_own_domain"),
        ({"enforced_domains": ["not a domain"]}, "'not a domain' is not a domain name"),
    ],
    ids=["unverified", "unknown", "own-domain", "malformed"],
)
def test_enforcement_twilio_would_refuse_fails_before_any_write(
    configured, playbook, okta, session_env, options, error
):
    okta.twilio("DELETE", "/__sandbox/requests")
    # A new certificate in the same run: had anything been written first, the profile would have it.
    values = dict(idp_values(okta), friendly_name="Okta", **sso_test_user(okta), **options)
    values["idp_certificate"] = other_certificate()
    run = playbook(PROFILE, values, env=session_env)
    assert run.rc != 0 and error in run.task()["msg"], run.output
    assert [r for r in okta.twilio_requests() if r["method"] in ("PUT", "POST") and "/api/" in r["path"]] == []
    assert connection_test_starts(okta) == []


def test_enforcing_needs_a_successful_test(configured, playbook, okta, session_env):
    run = playbook(
        PROFILE, dict(idp_values(okta), friendly_name="Okta", enforced_domains=["sandbox.example"]), env=session_env
    )
    assert run.rc != 0 and "only after a successful connection test" in run.task()["msg"], run.output


def test_enforcing_the_own_domain_when_allowed(configured, playbook, okta, session_env):
    values = dict(
        idp_values(okta),
        friendly_name="Okta",
        enforced_domains=["admins.example"],
        allow_enforcing_own_domain=True,
        **sso_test_user(okta),
    )
    run = playbook(PROFILE, values, env=session_env)
    assert run.rc == 0 and run.task()["enforcement"]["domains"] == ["admins.example"], run.output
    twilio_applies_enforcement(okta)
    # Twilio does not apply enforcement to the administrator who asked for it.
    assert password_login(okta, okta.info["twilio"]["username"], okta.info["twilio"]["password"]) is None


def test_a_user_whose_domain_another_profile_enforces_fails_the_test(configured, playbook, okta, session_env):
    values = dict(idp_values(okta), **sso_test_user(okta))
    assert playbook(PROFILE, {"friendly_name": "Other"}, env=session_env).rc == 0
    other = next(p for p in okta.twilio_profiles() if p["friendly_name"] == "Other")
    okta.twilio("POST", "/__sandbox/domains", json={"enforced_by": {"sandbox.example": other["id"]}})
    run = playbook(PROFILE, dict(values, friendly_name="Okta"), env=session_env)
    assert run.rc != 0 and run.task()["test"]["reason_code"] == "sso_enabled_on_other_profile", run.output
    taken = playbook(PROFILE, dict(values, friendly_name="Okta", enforced_domains=["sandbox.example"]), env=session_env)
    assert taken.rc != 0 and "sandbox.example is enforced by the SSO profile Other" in taken.task()["msg"]


def test_no_secret_of_the_test_user_is_printed(configured, playbook, okta, session_env):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
    okta.okta("POST", "/__sandbox/users/totp", json={"login": okta.info["sso"]["user"], "secret": secret})
    values = dict(idp_values(okta), friendly_name="Okta", test_totp_secret=secret, **sso_test_user(okta))
    run = playbook(PROFILE, values, env=session_env, verbosity=3)
    assert run.rc == 0, run.output
    assert okta.info["sso"]["password"] not in run.output and secret not in run.output
    assert run.output.count("********") + run.output.count("VALUE_SPECIFIED_IN_NO_LOG_PARAMETER") > 0


def role_fact(run):
    return next(result["console_sso"] for _status, result in reversed(run.results) if "console_sso" in result)


def shown(run):
    """The run's output on one line (ansible-core before 2.19 wraps warnings at the terminal width and keeps an
    action plugin's warnings out of its result)."""
    return " ".join(run.output.split())


def test_role_tests_enforces_and_then_changes_nothing(playbook, okta, session_env):
    okta.twilio("POST", "/__sandbox/domains", json={"enforcement_delay": 600})
    sso = okta.info["sso"]
    variables = dict(
        GROUPS,
        console_sso_test_username=sso["user"],
        console_sso_test_password=sso["password"],
        console_sso_enforced_domains=["Sandbox.example"],
    )
    run = playbook(ROLE, variables, env=session_env)
    assert run.rc == 0, run.output
    fact = role_fact(run)
    assert fact["connection_test"]["state"] == "passed"
    assert fact["enforcement"] == {"state": "pending", "domains": ["sandbox.example"]}
    twilio_applies_enforcement(okta)
    assert "requires you to log in with Single Sign-On" in password_login(okta, sso["user"], sso["password"])
    assert password_login(okta, okta.info["twilio"]["username"], okta.info["twilio"]["password"]) is None
    from sandbox.sso_login import sso_login  # pylint: disable=import-outside-toplevel

    profile = okta.twilio_profiles()[0]
    assert sso_login(
        okta.twilio_url, okta.okta_url, profile["connection_id"], sso["user"], sso["password"], okta.ca_file
    ).ok
    okta.twilio("DELETE", "/__sandbox/requests")
    again = playbook(ROLE, variables, env=session_env)
    assert again.rc == 0 and again.changed == 0, again.output
    assert role_fact(again)["connection_test"]["state"] == "tested"
    assert role_fact(again)["enforcement"] == {"state": "applied", "domains": ["sandbox.example"]}
    assert okta.twilio_writes() == [] and connection_test_starts(okta) == []
    # One browser session, in step 1: the SSO list and the profile page are its only page loads.
    documents = [r["path"] for r in okta.twilio_requests() if r["page_load"]]
    assert len(documents) <= 2, documents


def test_role_without_a_test_user_warns_and_does_not_enforce(playbook, okta, session_env):
    run = playbook(ROLE, dict(GROUPS, console_sso_enforced_domains=["sandbox.example"]), env=session_env)
    assert run.rc == 0, run.output
    assert role_fact(run)["connection_test"]["state"] == "untested"
    assert "[WARNING]: The Twilio SSO profile Okta has no successful connection test" in shown(run), run.output
    assert "so console_sso_enforced_domains was not applied" in shown(run), run.output
    assert all(d["enforced_by"] is None for d in okta.twilio("GET", "/__sandbox/domains").values())


def test_role_stops_at_a_failed_test_before_enforcing(playbook, okta, session_env):
    sso = okta.info["sso"]
    variables = dict(
        GROUPS,
        console_sso_test_username=sso["unassigned_user"],
        console_sso_test_password=sso["password"],
        console_sso_enforced_domains=["sandbox.example"],
    )
    run = playbook(ROLE, variables, env=session_env)
    assert run.rc != 0 and "user_not_assigned" in run.output and "okta_app_group_assignment" in run.output
    assert all(
        d["enforced_by"] is None and d["pending"] is None for d in okta.twilio("GET", "/__sandbox/domains").values()
    )


def test_role_with_testing_off_does_not_test_even_with_the_env_set(playbook, okta, session_env):
    sso = okta.info["sso"]
    env = dict(session_env, TWILIO_SSO_TEST_USERNAME=sso["user"], TWILIO_SSO_TEST_PASSWORD=sso["password"])
    run = playbook(ROLE, dict(GROUPS, console_sso_test=False), env=env)
    assert run.rc == 0 and role_fact(run)["connection_test"]["state"] == "untested", run.output
    assert connection_test_starts(okta) == []
    tested = playbook(ROLE, GROUPS, env=env)
    assert tested.rc == 0 and role_fact(tested)["connection_test"]["state"] == "passed", tested.output


@pytest.mark.parametrize(
    "domains, error",
    [
        (["admins.example"], "the domain of the Admin Center user the role runs as"),
        (["not a domain"], "console_sso_enforced_domains must be a list of domain names"),
        ("sandbox.example", "console_sso_enforced_domains must be a list of domain names"),
    ],
    ids=["own-domain", "malformed", "not-a-list"],
)
def test_role_refuses_bad_enforcement_before_any_write(playbook, okta, session_env, domains, error):
    run = playbook(ROLE, dict(GROUPS, console_sso_enforced_domains=domains), env=session_env)
    assert run.rc != 0 and error in run.output, run.output
    assert okta.writes() == [] and okta.twilio_profiles() == []


def test_test_and_enforcement_survive_other_words_and_a_renamed_button(configured, playbook, okta, session_env):
    # Other plausible names the page map already accepts, and one it does not know, fixed with ui_overrides.
    okta.twilio_ui(
        rename={
            "Test SSO Connection": "Test connection",
            "Last test": "Last SSO test",
            "Enforced domains": "SSO enforced for",
            "Enforce SSO": "Require SSO",
        }
    )
    values = dict(idp_values(okta), friendly_name="Okta", enforced_domains=["sandbox.example"], **sso_test_user(okta))
    refused = playbook(PROFILE, values, env=session_env)
    assert refused.rc != 0 and refused.task()["error_kind"] == "MissingElement", refused.output
    assert "(enforce_sso)" in refused.task()["msg"] and "ui_overrides" in refused.task()["msg"]
    fixed = playbook(
        PROFILE,
        dict(values, ui_overrides={"enforce_sso": "Require SSO", "enforce_dialog": "Require SSO"}),
        env=session_env,
    )
    assert fixed.rc == 0 and fixed.task()["enforcement"]["domains"] == ["sandbox.example"], fixed.output


@pytest.mark.parametrize("fault", [{"status": 500}, {"drop": "after"}], ids=["http-500", "answer-lost"])
def test_an_enforcement_write_that_fails_converges_on_the_next_run(configured, playbook, okta, session_env, fault):
    okta.twilio("POST", "/__sandbox/domains", json={"enforcement_delay": 600})
    okta.twilio("POST", "/__sandbox/faults", json=dict(fault, method="PUT", path="/api/sso/profiles/.*/enforcement"))
    values = dict(idp_values(okta), friendly_name="Okta", enforced_domains=["sandbox.example"], **sso_test_user(okta))
    first = playbook(PROFILE, values, env=session_env)
    assert first.rc != 0 and "enforce" in first.task()["msg"].lower(), first.output
    okta.twilio("DELETE", "/__sandbox/requests")
    second = playbook(PROFILE, values, env=session_env)
    assert second.rc == 0, second.output
    # A 500 left nothing, so the second run enforces; a lost answer was applied, so the second run finds it pending.
    assert second.changed == (1 if fault.get("status") else 0)
    assert second.task()["enforcement"] == {"state": "pending", "domains": ["sandbox.example"]}
    domains = okta.twilio("GET", "/__sandbox/domains")
    assert domains["sandbox.example"]["pending"]["profile_id"] == okta.twilio_profiles()[0]["id"]
    # The second run writes only when the first left nothing behind. (Chromium itself repeats a PUT whose connection
    # dropped, and the sandbox, like Twilio, refuses a change while one is being applied: that stays one enforcement.)
    enforcement_writes = [
        r for r in okta.twilio_requests() if r["method"] == "PUT" and r["path"].endswith("/enforcement")
    ]
    assert len(enforcement_writes) == (1 if fault.get("status") else 0)
