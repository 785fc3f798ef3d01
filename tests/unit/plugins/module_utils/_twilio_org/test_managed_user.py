"""The managed-user engine against the fake SCIM API: every write it decides, and none it should not."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.client import TwilioApiError
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.managed_user import (
    ensure_managed_user,
    find_managed_users,
    validate,
)

ALICE = {
    "id": "US1",
    "userName": "alice@example.com",
    "active": True,
    "name": {"givenName": "Alice"},
    "meta": {"version": "W/1"},
}


def params(**override):
    base = {
        "user_name": "alice@example.com",
        "given_name": None,
        "family_name": None,
        "display_name": None,
        "external_id": None,
        "active": True,
        "state": "present",
    }
    return dict(base, **override)


def test_a_missing_user_is_created_with_the_given_fields_and_a_welcome_email(fake_scim):
    api = fake_scim()
    result = ensure_managed_user(api, params(given_name="Alice", family_name="Example"), False)
    assert api.writes == [
        ("create_user", "alice@example.com", (("active", True), ("family_name", "Example"), ("given_name", "Alice")))
    ]
    assert (
        result["changed"]
        and result["welcome_email_sent"]
        and result["user"]["id"] == "US00000000000000000000000000000001"
    )


def test_check_mode_creates_nothing_and_sends_no_email(fake_scim):
    api = fake_scim()
    result = ensure_managed_user(api, params(), True)
    assert api.writes == [] and result["changed"] and not result["welcome_email_sent"]
    assert result["user"]["id"] is None and result["user"]["user_name"] == "alice@example.com"


def test_an_existing_user_as_wanted_is_left_alone(fake_scim):
    api = fake_scim(users=[ALICE])
    result = ensure_managed_user(api, params(given_name="Alice"), False)
    assert api.writes == [] and not result["changed"] and not result["welcome_email_sent"]


def test_fields_not_given_are_not_managed_and_given_ones_are_patched(fake_scim):
    api = fake_scim(users=[ALICE])
    result = ensure_managed_user(api, params(family_name="Example"), False)
    assert api.writes == [("update_user", "alice@example.com", (("family_name", "Example"),))]
    assert result["diff"] == {
        "before": {"family_name": None, "active": True},
        "after": {"family_name": "Example", "active": True},
    }
    assert result["user"]["given_name"] == "Alice" and result["user"]["family_name"] == "Example"
    assert result["welcome_email_sent"] is False


def test_absent_deactivates_once_and_never_deletes(fake_scim):
    api = fake_scim(users=[ALICE])
    assert ensure_managed_user(api, params(state="absent"), False)["changed"]
    assert api.writes == [("deactivate_user", "alice@example.com")]
    assert not ensure_managed_user(api, params(state="absent"), False)["changed"]
    assert api.writes == [("deactivate_user", "alice@example.com")] and len(api.users) == 1


def test_absent_without_the_user_does_nothing(fake_scim):
    api = fake_scim()
    result = ensure_managed_user(api, params(state="absent"), False)
    assert not result["changed"] and result["user"] is None and api.writes == [] and not result["welcome_email_sent"]


def test_a_deactivated_user_is_reactivated_not_created_again(fake_scim):
    api = fake_scim(users=[dict(ALICE, active=False)])
    result = ensure_managed_user(api, params(), False)
    assert api.writes == [("update_user", "alice@example.com", (("active", True),))]
    assert result["changed"] and result["user"]["active"] and not result["welcome_email_sent"]


def test_active_false_deactivates_an_active_user_and_check_mode_only_reports(fake_scim):
    api = fake_scim(users=[ALICE])
    assert ensure_managed_user(api, params(active=False), True)["user"]["active"] is False
    assert api.writes == []
    result = ensure_managed_user(api, params(active=False), False)
    assert api.writes == [("deactivate_user", "alice@example.com")] and result["user"]["active"] is False


def test_an_unverified_domain_fails_naming_the_domain_and_twilios_code(fake_scim):
    api = fake_scim(verified_domains=())
    with pytest.raises(TwilioApiError) as error:
        ensure_managed_user(api, params(), False)
    assert error.value.code == 25017
    assert "alice@example.com is in the domain example.com, which Twilio has not verified" in str(error.value)


@pytest.mark.parametrize(
    "override, message",
    [
        ({"user_name": "alice"}, "user_name must be the user's email address"),
        ({"user_name": 'a"b@example.com'}, "user_name must be the user's email address"),
        ({"given_name": "A"}, "given_name must be 2 to 255 characters long"),
        ({"external_id": "x" * 256}, "external_id must be 2 to 255 characters long"),
    ],
)
def test_validation_names_the_option(override, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(params(**override))


def test_info_by_user_name_external_id_or_all(fake_scim):
    api = fake_scim(
        users=[ALICE, {"id": "US2", "userName": "bob@example.com", "externalId": "00ubob", "active": False}]
    )
    assert [u["user_name"] for u in find_managed_users(api, user_name="alice@example.com")["users"]] == [
        "alice@example.com"
    ]
    assert [u["active"] for u in find_managed_users(api, external_id="00ubob")["users"]] == [False]
    assert len(find_managed_users(api)["users"]) == 2


def test_many_user_names_are_looked_up_one_request_each_and_the_missing_named(fake_scim):
    api = fake_scim(users=[ALICE, {"id": "US2", "userName": "bob@example.com", "active": False}])
    asked = []
    lookup = api.users_where
    api.users_where = lambda attribute_name, value: asked.append(value) or lookup(attribute_name, value)
    result = find_managed_users(api, user_names=["carol@example.com", "alice@example.com", "bob@example.com"])
    assert sorted(asked) == ["alice@example.com", "bob@example.com", "carol@example.com"]
    assert [u["user_name"] for u in result["users"]] == ["alice@example.com", "bob@example.com"]
    assert result["missing"] == ["carol@example.com"]
