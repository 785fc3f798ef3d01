"""twilio_managed_user(_info) through ansible-playbook against the Twilio organization API sandbox (SCIM), a test
double written from Twilio's SCIM documentation; its answers are checked against the ScimUser schema of Twilio's
published OpenAPI spec."""

import json
import os

import jsonschema
import pytest

PLAYBOOK = "twilio_managed_user/twilio_managed_user.yml"
INFO = "twilio_managed_user/twilio_managed_user_info.yml"
SCHEMA = os.path.join(os.path.dirname(__file__), "fixtures", "twilio_scim_user_schema.json")


@pytest.fixture(scope="module")
def scim_user_schema():
    """ScimUser from Twilio's published spec, with its $refs resolvable."""
    with open(SCHEMA, encoding="utf-8") as handle:
        spec = json.load(handle)
    return dict(spec["components"]["schemas"]["ScimUser"], components=spec["components"])


def users(okta):
    return {u["userName"]: u for u in okta.managed_users()["users"]}


def test_create_then_nothing_to_do_and_one_welcome_email(playbook, okta, scim_user_schema):
    options = {"user_name": "carol@sandbox.example", "given_name": "Carol", "family_name": "Sandbox"}
    run = playbook(PLAYBOOK, options)
    assert run.rc == 0 and run.changed == 1, run.output
    assert run.task()["welcome_email_sent"] is True and run.task()["user"]["active"] is True
    stored = users(okta)["carol@sandbox.example"]
    jsonschema.validate(stored, scim_user_schema)
    assert stored["emails"] == [{"value": "carol@sandbox.example", "primary": True, "type": "work"}]
    again = playbook(PLAYBOOK, options)
    assert again.rc == 0 and again.changed == 0 and again.task()["welcome_email_sent"] is False
    assert okta.managed_users()["welcome_emails"] == ["carol@sandbox.example"]


def test_a_changed_name_is_patched_and_check_mode_writes_nothing(playbook, okta):
    playbook(PLAYBOOK, {"user_name": "carol@sandbox.example", "given_name": "Carol"})
    checked = playbook(
        PLAYBOOK, {"user_name": "carol@sandbox.example", "given_name": "Caroline"}, check=True, diff=True
    )
    assert (
        checked.rc == 0
        and checked.changed == 1
        and users(okta)["carol@sandbox.example"]["name"]["givenName"] == "Carol"
    )
    assert checked.task()["diff"] == {
        "before": {"given_name": "Carol", "active": True},
        "after": {"given_name": "Caroline", "active": True},
    }
    run = playbook(PLAYBOOK, {"user_name": "carol@sandbox.example", "given_name": "Caroline"})
    assert run.rc == 0 and run.changed == 1
    assert users(okta)["carol@sandbox.example"]["name"]["givenName"] == "Caroline"


def test_absent_deactivates_and_active_again_reactivates_without_a_second_user(playbook, okta):
    playbook(PLAYBOOK, {"user_name": "carol@sandbox.example"})
    gone = playbook(PLAYBOOK, {"user_name": "carol@sandbox.example", "state": "absent"})
    assert gone.rc == 0 and gone.changed == 1 and users(okta)["carol@sandbox.example"]["active"] is False
    assert playbook(PLAYBOOK, {"user_name": "carol@sandbox.example", "state": "absent"}).changed == 0
    back = playbook(PLAYBOOK, {"user_name": "carol@sandbox.example"})
    assert back.rc == 0 and back.changed == 1 and back.task()["welcome_email_sent"] is False
    assert users(okta)["carol@sandbox.example"]["active"] is True
    assert len([u for u in okta.managed_users()["users"] if u["userName"] == "carol@sandbox.example"]) == 1


def test_a_user_in_an_unverified_domain_fails_with_twilios_code_and_the_domain(playbook, okta):
    run = playbook(PLAYBOOK, {"user_name": "dave@unverified.example"})
    assert run.rc != 0
    result = run.task()
    assert result["error_code"] == 25017 and result["status"] == 400
    assert "dave@unverified.example is in the domain unverified.example, which Twilio has not verified" in result["msg"]


def test_bad_input_fails_before_any_request(playbook, okta):
    okta.twilio("DELETE", "/__sandbox/requests")
    run = playbook(PLAYBOOK, {"user_name": "carol", "given_name": "C"})
    assert run.rc != 0 and "user_name must be the user's email address" in run.task()["msg"]
    assert okta.twilio("GET", "/__sandbox/requests") == []


def test_wrong_client_secret_names_the_problem_and_never_the_secret(playbook, okta):
    secret = "not-the-secret-" + "x" * 10
    run = playbook(PLAYBOOK, {"user_name": "carol@sandbox.example"}, env={"TWILIO_CLIENT_SECRET": secret}, verbosity=3)
    assert run.rc != 0 and "token failed: HTTP 401" in run.task()["msg"]
    assert secret not in run.output and okta.info["twilio_org"]["client_secret"] not in run.output


def test_info_by_user_name_and_external_id_includes_deactivated_users(playbook, okta):
    playbook(PLAYBOOK, {"user_name": "carol@sandbox.example", "external_id": "00ucarol", "active": False})
    by_name = playbook(INFO, {"user_name": "carol@sandbox.example"})
    assert [(u["user_name"], u["active"]) for u in by_name.task()["users"]] == [("carol@sandbox.example", False)]
    by_id = playbook(INFO, {"external_id": "00ucarol"})
    assert [u["user_name"] for u in by_id.task()["users"]] == ["carol@sandbox.example"]
    everyone = playbook(INFO)
    assert {"alice@sandbox.example", "bob@sandbox.example", "carol@sandbox.example"} <= {
        u["user_name"] for u in everyone.task()["users"]
    }


def test_a_create_whose_answer_is_lost_makes_one_user_and_one_welcome_email(playbook, okta):
    # Twilio creates the user, then the connection drops before the answer: the module must find it, not post again.
    okta.twilio(
        "POST", "/__sandbox/faults", json={"method": "POST", "path": "/scim/v2/Users", "drop": "after", "count": 1}
    )
    run = playbook(PLAYBOOK, {"user_name": "carol@sandbox.example"})
    assert run.rc == 0 and run.changed == 1, run.output
    assert [u["userName"] for u in okta.managed_users()["users"]].count("carol@sandbox.example") == 1
    assert okta.managed_users()["welcome_emails"] == ["carol@sandbox.example"]
    posts = [r["status"] for r in okta.twilio_requests() if r["method"] == "POST" and r["path"] == "/scim/v2/Users"]
    assert posts == [0]  # the one create, its answer dropped; no second POST


def test_rate_limited_and_failing_lookups_are_retried(playbook, okta):
    okta.twilio(
        "POST", "/__sandbox/faults", json={"method": "GET", "path": "/scim/v2/Users", "status": 429, "count": 1}
    )
    okta.twilio(
        "POST", "/__sandbox/faults", json={"method": "GET", "path": "/scim/v2/Users", "status": 503, "count": 1}
    )
    run = playbook(INFO, {"user_name": "alice@sandbox.example"})
    assert run.rc == 0 and [u["user_name"] for u in run.task()["users"]] == ["alice@sandbox.example"], run.output
    lookups = [r["status"] for r in okta.twilio_requests() if r["method"] == "GET" and r["path"] == "/scim/v2/Users"]
    assert lookups == [429, 503, 200]


def test_skip_without_credentials_is_answered_on_the_controller_only_when_they_are_surely_missing(playbook, okta):
    org = okta.info["twilio_org"]
    run = playbook(
        "twilio_managed_user/skip_without_credentials.yml",
        {"client_id": org["client_id"], "client_secret": org["client_secret"]},
        env={"TWILIO_CLIENT_ID": None, "TWILIO_CLIENT_SECRET": None},
    )
    assert run.rc == 0, run.output
    missing, by_defaults, by_environment = (result for _status, result in run.results)
    # Answered by the action plugin: no module ran, so there is no invocation.
    assert missing["configured"] is False and missing["users"] == [] and "invocation" not in missing
    assert "Twilio organization API credentials are not set" in " ".join(run.output.split())
    for found in (by_defaults, by_environment):
        assert found["configured"] is True and "invocation" in found
        assert [u["user_name"] for u in found["users"]] == ["alice@sandbox.example"]
