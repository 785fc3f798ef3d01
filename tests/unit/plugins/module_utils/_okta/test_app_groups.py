"""Group assignment against the fake API: what is written, and that nothing is written when nothing differs."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.app_groups import (
    ensure_group_assignments,
    find_groups,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError

USERS, ADMINS, OTHER = "00g00000000000000001", "00g00000000000000002", "00g00000000000000003"
GROUPS = [
    {"id": USERS, "name": "Twilio Console Users"},
    {"id": ADMINS, "name": "Twilio Admins"},
    {"id": OTHER, "name": "Other"},
]
APP = {"id": "0oa1", "label": "Twilio Console", "signOnMode": "SAML_2_0", "status": "ACTIVE"}


def params(groups, **extra):
    return dict(
        {"app_id": "0oa1", "app_label": None, "groups": groups, "state": "present", "exclusive": False}, **extra
    )


def api_with(fake_okta, assigned=()):
    return fake_okta(apps=[APP], groups=GROUPS, assignments={"0oa1": set(assigned)})


def test_missing_groups_are_assigned_by_name_and_id(fake_okta):
    api = api_with(fake_okta)
    result = ensure_group_assignments(api, params(["Twilio Console Users", ADMINS]), False)
    assert sorted(api.writes) == [("assign_group", "0oa1", USERS), ("assign_group", "0oa1", ADMINS)]
    assert result["changed"] and result["added"] == sorted([USERS, ADMINS]) and result["removed"] == []
    assert result["diff"] == {"before": {"groups": []}, "after": {"groups": sorted([USERS, ADMINS])}}


def test_assigned_groups_need_no_write_and_no_lookup(fake_okta):
    api = api_with(fake_okta, [USERS, ADMINS])
    api.groups_named = api.group = None  # a lookup would fail: the listing names the assigned groups
    result = ensure_group_assignments(api, params(["Twilio Console Users", ADMINS]), False)
    assert api.writes == [] and not result["changed"]
    assert result["groups"] == [{"id": USERS, "name": "Twilio Console Users"}, {"id": ADMINS, "name": "Twilio Admins"}]


def test_other_assignments_stay_unless_exclusive(fake_okta):
    api = api_with(fake_okta, [USERS, OTHER])
    assert not ensure_group_assignments(api, params([USERS]), False)["changed"] and api.writes == []
    result = ensure_group_assignments(api, params([USERS], exclusive=True), False)
    assert api.writes == [("unassign_group", "0oa1", OTHER)] and result["removed"] == [OTHER]


def test_absent_removes_only_the_listed_groups(fake_okta):
    api = api_with(fake_okta, [USERS, OTHER])
    result = ensure_group_assignments(api, params([USERS], state="absent"), False)
    assert api.writes == [("unassign_group", "0oa1", USERS)] and result["groups"] == [{"id": OTHER, "name": "Other"}]
    assert not ensure_group_assignments(api, params([USERS], state="absent"), False)["changed"]


def test_check_mode_reports_and_writes_nothing(fake_okta):
    api = api_with(fake_okta, [OTHER])
    result = ensure_group_assignments(api, params([USERS], exclusive=True), True)
    assert api.writes == [] and result["changed"] and result["added"] == [USERS] and result["removed"] == [OTHER]


def test_by_label_and_in_check_mode_before_the_app_exists(fake_okta):
    api = api_with(fake_okta)
    ensure_group_assignments(api, params([USERS], app_id=None, app_label="Twilio Console"), False)
    assert api.writes == [("assign_group", "0oa1", USERS)]
    empty = fake_okta(groups=GROUPS)
    result = ensure_group_assignments(empty, params([USERS], app_id=None, app_label="Twilio Console"), True)
    assert result["changed"] and result["app_id"] is None and empty.writes == []


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"app_id": None, "app_label": "Nope"}, "no Okta SAML app is labelled 'Nope'"),
        ({"app_id": "0oaX"}, "no Okta SAML app has id '0oaX'"),
    ],
)
def test_a_missing_app_fails_a_real_run(fake_okta, extra, message):
    api = api_with(fake_okta)
    with pytest.raises(OktaError, match=message):
        ensure_group_assignments(api, params([USERS], **extra), False)


def test_unknown_and_ambiguous_groups_fail_before_any_write(fake_okta):
    api = fake_okta(apps=[APP], groups=GROUPS + [{"id": "00g00000000000000004", "name": "Other"}])
    with pytest.raises(OktaError, match="no Okta group is named"):
        ensure_group_assignments(api, params([USERS, "Nope"]), False)
    with pytest.raises(OktaError, match="2 Okta groups are named 'Other'"):
        find_groups(api, ["Other"])
    assert api.writes == []


def test_a_name_one_assigned_group_carries_is_that_group_even_if_another_shares_it(fake_okta):
    api = fake_okta(
        apps=[APP], groups=GROUPS + [{"id": "00g00000000000000004", "name": "Other"}], assignments={"0oa1": {OTHER}}
    )
    result = ensure_group_assignments(api, params(["Other"]), False)
    assert not result["changed"] and result["groups"] == [{"id": OTHER, "name": "Other"}]


def test_check_mode_by_the_id_of_an_app_not_created_yet_reports_instead_of_failing(fake_okta):
    api = fake_okta(groups=GROUPS)
    result = ensure_group_assignments(api, params([USERS], app_id="0oaX"), True)
    assert result["changed"] and result["app_id"] is None and result["added"] == [USERS] and api.writes == []
