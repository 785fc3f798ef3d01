import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.saml_app import (
    InvalidParameters,
    _keep_one_of_concurrent_creates,
    app_body,
    ensure_absent,
    ensure_present,
    find_apps,
    validate,
    wanted_fields,
)

GUIDE = {
    "label": "Twilio Console",
    "state": "present",
    "status": "ACTIVE",
    "sso_url": "https://sso.twilio.example/acs",
    "audience": "urn:twilio:sso:JQ1",
    "recipient": None,
    "destination": None,
    "default_relay_state": "",
    "name_id_format": "emailAddress",
    "name_id_template": "${user.userName}",
    "user_name_template": "${source.email}",
    "response_signed": True,
    "assertion_signed": True,
    "signature_algorithm": "RSA_SHA256",
    "digest_algorithm": "SHA256",
    "honor_force_authn": None,
    "authn_context_class_ref": None,
    "attribute_statements": None,
    "hide_web": None,
    "hide_ios": None,
    "logo": None,
}


def test_defaults_are_the_guides_settings():
    body = app_body(None, wanted_fields(GUIDE))
    sign_on = body["settings"]["signOn"]
    assert body["signOnMode"] == "SAML_2_0" and body["label"] == "Twilio Console"
    assert sign_on["ssoAcsUrl"] == sign_on["recipient"] == sign_on["destination"] == GUIDE["sso_url"]
    assert sign_on["audience"] == GUIDE["audience"] and sign_on["defaultRelayState"] == ""
    assert sign_on["subjectNameIdFormat"] == "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
    assert body["credentials"]["userNameTemplate"] == {"template": "${source.email}", "type": "BUILT_IN"}
    assert sign_on["responseSigned"] and sign_on["assertionSigned"]
    assert sign_on["assertionEncryption"] == {"enabled": False}
    assert sign_on["honorForceAuthn"] is True
    assert "attributeStatements" not in sign_on


def test_update_keeps_unknown_fields_and_attribute_statements():
    current = app_body(None, wanted_fields(GUIDE))
    current.update(id="0oa1", status="ACTIVE", _links={"self": {}}, samlFuture={"x": 1})
    current["settings"]["signOn"]["attributeStatements"] = [{"type": "GROUP", "name": "groups", "filterType": "REGEX"}]
    current["credentials"]["signing"] = {"kid": "rotated-key"}
    body = app_body(current, wanted_fields(dict(GUIDE, audience="urn:twilio:sso:JQ2")))
    assert body["settings"]["signOn"]["audience"] == "urn:twilio:sso:JQ2"
    assert body["samlFuture"] == {"x": 1}
    assert body["settings"]["signOn"]["attributeStatements"][0]["type"] == "GROUP"
    assert body["credentials"]["signing"] == {"kid": "rotated-key"}
    assert not {"id", "status", "_links"} & set(body)


def test_unchanged_app_with_null_relay_state_and_no_encryption_block_is_no_change(fake_okta):
    current = app_body(None, wanted_fields(GUIDE))
    current["settings"]["signOn"]["defaultRelayState"] = None
    del current["settings"]["signOn"]["assertionEncryption"]
    assert not ensure_present(
        fake_okta(apps=[dict(current, id="0oa1", label="Twilio Console", status="ACTIVE")]), GUIDE, False
    )["changed"]


def test_custom_user_name_template_is_custom_type():
    body = app_body(None, wanted_fields(dict(GUIDE, user_name_template="${user.email}")))
    assert body["credentials"]["userNameTemplate"]["type"] == "CUSTOM"


def test_attribute_statements_compare_on_what_the_option_describes(fake_okta):
    params = dict(GUIDE, attribute_statements=[{"name": "email", "namespace": None, "values": ["user.email"]}])
    current = app_body(None, wanted_fields(params))
    current["settings"]["signOn"]["attributeStatements"][0]["filterValue"] = None
    assert not ensure_present(fake_okta(apps=[dict(current, id="0oa1", status="ACTIVE")]), params, False)["changed"]


def test_name_id_format_accepts_short_names_and_urns():
    urn = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    assert wanted_fields(dict(GUIDE, name_id_format="persistent"))["name_id_format"] == urn
    assert wanted_fields(dict(GUIDE, name_id_format=urn))["name_id_format"] == urn


@pytest.mark.parametrize(
    "override, message",
    [
        ({"label": " "}, "label must not be empty"),
        ({"sso_url": " "}, "sso_url must not be empty when state is present"),
        ({"sso_url": "http://sso.example/acs"}, "must use https"),
        ({"recipient": "ftp://x/y"}, "recipient must be an absolute http"),
        ({"audience": "twilio"}, "audience must be an absolute URI"),
        ({"response_signed": False, "assertion_signed": False}, "at least one"),
        ({"name_id_format": "email"}, "name_id_format must be one of"),
        ({"attribute_statements": [{"name": ""}]}, "needs a name"),
    ],
)
def test_validation_names_the_option(override, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(dict(GUIDE, **override))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8443/acs", "http://localhost/acs", "http://[::1]/acs"])
def test_http_is_accepted_for_loopback(url):
    validate(dict(GUIDE, sso_url=url))


def test_logo_checks(tmp_path):
    big = tmp_path / "big.png"
    big.write_bytes(b"0" * (1024 * 1024 + 1))
    text = tmp_path / "logo.txt"
    text.write_bytes(b"x")
    with pytest.raises(InvalidParameters, match="1 MB"):
        validate(dict(GUIDE, logo=str(big)))
    with pytest.raises(InvalidParameters, match="PNG, JPG or GIF"):
        validate(dict(GUIDE, logo=str(text)))


def saml_apps(*apps):
    return [dict(a, label="Twilio Console", signOnMode="SAML_2_0", status="ACTIVE") for a in apps]


OLDER = {"created": "2026-11-29T10:00:00.000Z", "id": "0oaZ"}
NEWER = {"created": "2026-11-29T10:00:01.000Z", "id": "0oaB"}
SAME_SECOND_SMALLER_ID = {"created": "2026-11-29T10:00:00.000Z", "id": "0oaA"}


def remove_mine(app_id):
    return [("set_app_status", app_id, "INACTIVE"), ("delete_app", app_id)]


def two_runs(fake_okta, apps, other_run_removes=None):
    """Okta as two runs that created at once see it; the other run may remove its own app while this one waits."""
    api = fake_okta(apps=apps)
    if other_run_removes:
        api.sleep = lambda seconds: (api.slept.append(seconds), api.apps.pop(other_run_removes))
    return api


def test_a_run_whose_app_is_newer_removes_it_and_keeps_the_older(fake_okta):
    apps = saml_apps(NEWER, OLDER)
    api = two_runs(fake_okta, apps)
    assert _keep_one_of_concurrent_creates(api, "Twilio Console", apps[0])["id"] == "0oaZ"
    assert api.writes == remove_mine("0oaB")


def test_a_run_the_order_favours_keeps_its_app_once_the_other_run_removed_its_own(fake_okta):
    apps = saml_apps(SAME_SECOND_SMALLER_ID, OLDER)
    api = two_runs(fake_okta, apps, other_run_removes="0oaZ")
    assert _keep_one_of_concurrent_creates(api, "Twilio Console", apps[0])["id"] == "0oaA"
    assert api.slept == [3.0] and api.writes == []


def test_a_run_the_order_favours_yields_when_the_other_run_kept_its_app(fake_okta):
    # The other run checked before this app existed and kept its own: this run must not keep a second one.
    apps = saml_apps(SAME_SECOND_SMALLER_ID, OLDER)
    api = two_runs(fake_okta, apps)
    assert _keep_one_of_concurrent_creates(api, "Twilio Console", apps[0])["id"] == "0oaZ"
    assert api.slept == [3.0] and api.writes == remove_mine("0oaA")


def test_a_run_alone_keeps_its_app(fake_okta):
    apps = saml_apps(OLDER)
    api = two_runs(fake_okta, apps)
    assert _keep_one_of_concurrent_creates(api, "Twilio Console", apps[0]) is apps[0] and api.writes == []


@pytest.mark.parametrize(
    "override, message",
    [
        ({"label": "Twilio\nConsole"}, "label must not contain control characters"),
        ({"label": "x" * 101}, "label is 101 characters long; Okta allows at most 100"),
        (
            {"attribute_statements": [{"name": "n", "namespace": "x", "values": ["ok", 5]}]},
            r"attribute_statements\[0\].values must be strings \(Okta expressions\), got 5",
        ),
        ({"sso_url": "https://sso twilio.example/acs"}, "sso_url has no valid host name"),
    ],
)
def test_bad_labels_and_hosts_are_refused(override, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(dict(GUIDE, **override))


# -- the engine against the fake API: every write it decides, and none it should not --------------------------------


def existing(**sign_on):
    """The app as the guide's settings create it, with an unknown field Okta may add, changed by sign_on."""
    app = dict(app_body(None, wanted_fields(GUIDE)), id="0oa1", status="ACTIVE", samlFuture={"kept": True})
    app["settings"]["signOn"].update(sign_on)
    return app


def test_create_sends_the_guides_app_once_and_returns_okta_values(fake_okta):
    api = fake_okta()
    result = ensure_present(api, GUIDE, False)
    assert api.writes == [("create_app", "Twilio Console", True)]
    assert result["changed"] and result["app"]["sign_on"]["audience"] == GUIDE["audience"]
    assert result["idp"]["certificate"].startswith("-----BEGIN CERTIFICATE-----")
    assert result["diff"] == {"before": {}, "after": dict(wanted_fields(GUIDE), status="ACTIVE")}


def test_create_inactive_asks_okta_not_to_activate(fake_okta):
    api = fake_okta()
    ensure_present(api, dict(GUIDE, status="INACTIVE"), False)
    assert api.writes == [("create_app", "Twilio Console", False)]


def test_create_in_check_mode_writes_nothing_and_previews(fake_okta):
    api = fake_okta()
    result = ensure_present(api, GUIDE, True)
    assert api.writes == [] and result["changed"]
    assert result["app"]["id"] is None and result["app"]["sign_on"]["sso_url"] == GUIDE["sso_url"]
    assert result["idp"]["certificate"] is None


def test_no_change_writes_nothing(fake_okta):
    api = fake_okta(apps=[existing()])
    result = ensure_present(api, GUIDE, False)
    assert api.writes == [] and not result["changed"]
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_changed_field_replaces_the_whole_app_keeping_unknown_fields(fake_okta):
    api = fake_okta(apps=[existing(audience="urn:twilio:sso:OLD")])
    result = ensure_present(api, GUIDE, False)
    assert api.writes == [("replace_app", "0oa1")]
    assert api.apps["0oa1"]["settings"]["signOn"]["audience"] == GUIDE["audience"]
    assert api.apps["0oa1"]["samlFuture"] == {"kept": True}
    assert result["changed"] and result["diff"]["before"]["audience"] == "urn:twilio:sso:OLD"


def test_a_changed_field_in_check_mode_writes_nothing(fake_okta):
    api = fake_okta(apps=[existing(audience="urn:twilio:sso:OLD")])
    result = ensure_present(api, GUIDE, True)
    assert api.writes == [] and result["changed"] and result["app"]["sign_on"]["audience"] == GUIDE["audience"]


def test_only_the_status_changes_through_the_lifecycle_call(fake_okta):
    api = fake_okta(apps=[existing()])
    result = ensure_present(api, dict(GUIDE, status="INACTIVE"), False)
    assert api.writes == [("set_app_status", "0oa1", "INACTIVE")]
    assert result["changed"] and result["app"]["status"] == "INACTIVE"


def test_a_different_logo_is_uploaded_and_the_same_is_not(fake_okta, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG new")
    api = fake_okta(apps=[existing()])
    assert ensure_present(api, dict(GUIDE, logo=str(logo)), False)["changed"]
    assert api.writes == [("upload_logo", "0oa1")]
    assert not ensure_present(api, dict(GUIDE, logo=str(logo)), False)["changed"]
    assert api.writes == [("upload_logo", "0oa1")]


def test_create_with_a_logo_uploads_it(fake_okta, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG")
    api = fake_okta()
    ensure_present(api, dict(GUIDE, logo=str(logo)), False)
    assert [w[0] for w in api.writes] == ["create_app", "upload_logo"]


def test_an_unknown_id_fails_instead_of_creating(fake_okta):
    api = fake_okta()
    with pytest.raises(OktaError, match="no Okta SAML app has id '0oaX'"):
        ensure_present(api, dict(GUIDE, id="0oaX"), False)
    assert api.writes == []


def test_two_apps_with_the_label_fail_naming_both(fake_okta):
    api = fake_okta(apps=[existing(), dict(existing(), id="0oa2")])
    with pytest.raises(OktaError, match=r"2 Okta SAML apps carry the label 'Twilio Console' \(ids: 0oa1, 0oa2\)"):
        ensure_present(api, GUIDE, False)
    assert api.writes == []


def test_absent_deactivates_then_deletes(fake_okta):
    api = fake_okta(apps=[existing()])
    result = ensure_absent(api, GUIDE, False)
    assert api.writes == [("set_app_status", "0oa1", "INACTIVE"), ("delete_app", "0oa1")]
    assert result["changed"] and result["diff"]["after"] == {} and result["diff"]["before"]["label"] == "Twilio Console"


def test_absent_on_an_inactive_app_only_deletes(fake_okta):
    api = fake_okta(apps=[dict(existing(), status="INACTIVE")])
    ensure_absent(api, GUIDE, False)
    assert api.writes == [("delete_app", "0oa1")]


def test_absent_in_check_mode_or_without_the_app_writes_nothing(fake_okta):
    api = fake_okta(apps=[existing()])
    assert ensure_absent(api, GUIDE, True)["changed"] and api.writes == []
    api = fake_okta()
    assert not ensure_absent(api, GUIDE, False)["changed"] and api.writes == []


def test_another_runs_app_kept_is_made_right_and_ours_removed(fake_okta):
    # The other run's (older) app appeared after this run looked and before it created its own.
    api = fake_okta(apps=[dict(existing(audience="urn:twilio:sso:OLD"), created="2026-01-01T00:00:00.000Z")])
    api.one_saml_app = lambda label, app_id=None: None
    result = ensure_present(api, GUIDE, False)
    ours = api.writes[0]
    assert ours[0] == "create_app" and list(api.apps) == ["0oa1"]  # ours was removed again
    assert result["changed"] and result["duplicate_removed"] and result["app"]["id"] == "0oa1"
    assert api.apps["0oa1"]["settings"]["signOn"]["audience"] == GUIDE["audience"]


def test_info_finds_by_id_and_label_and_all(fake_okta):
    api = fake_okta(apps=[existing(), dict(existing(), id="0oa2", label="Other")])
    assert [a["id"] for a in find_apps(api)["apps"]] == ["0oa1", "0oa2"]
    assert [a["id"] for a in find_apps(api, label="Other")["apps"]] == ["0oa2"]
    assert [a["id"] for a in find_apps(api, app_id="0oa1")["apps"]] == ["0oa1"]
    assert find_apps(api, label="Other", app_id="0oa1")["apps"] == []


# -- signing key rotation -------------------------------------------------------------------------------------------

ROTATION = {"rotate_days_before_expiry": 30, "validity_years": 2, "force": False}


def app_with_key(fake_okta, days_left, **sign_on):
    """An existing app whose active key (kid-old) expires in days_left days."""
    import datetime  # pylint: disable=import-outside-toplevel

    app = existing(**sign_on)
    app["credentials"]["signing"] = {"kid": "kid-old"}
    api = fake_okta(apps=[app])
    expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days_left, hours=1)
    api.keys["0oa1"] = [{"kid": "kid-old", "expires_at": expiry.strftime("%Y-%m-%dT%H:%M:%S.000Z")}]
    return api


def test_a_key_that_is_not_due_is_left_alone(fake_okta):
    api = app_with_key(fake_okta, 31)
    result = ensure_present(api, dict(GUIDE, signing_key_rotation=ROTATION), False)
    assert not result["changed"] and api.writes == []
    assert result["signing_key"] == dict(api.keys["0oa1"][0], days_left=31, rotated=False)


def test_a_due_key_is_rotated_with_the_rest_of_the_app_unchanged(fake_okta):
    api = app_with_key(fake_okta, 30)
    before = api.saml_app("0oa1")
    result = ensure_present(api, dict(GUIDE, signing_key_rotation=dict(ROTATION, validity_years=3)), False)
    assert result["changed"] and result["signing_key"]["rotated"] and result["signing_key"]["kid"] != "kid-old"
    assert api.writes == [("generate_signing_key", "0oa1", 3), ("replace_app", "0oa1")]
    after = api.saml_app("0oa1")
    assert after["credentials"]["signing"]["kid"] == result["signing_key"]["kid"]
    after["credentials"]["signing"]["kid"] = "kid-old"
    assert after == before  # nothing else changed
    assert result["diff"]["before"]["signing_kid"] == "kid-old"
    assert result["diff"]["after"]["signing_kid"] == "(a new key, valid 3 years)"
    again = ensure_present(api, dict(GUIDE, signing_key_rotation=ROTATION), False)
    assert not again["changed"] and len(api.writes) == 2


def test_a_rotation_and_a_field_change_are_one_replace(fake_okta):
    api = app_with_key(fake_okta, 1, audience="urn:twilio:sso:OLD")
    result = ensure_present(api, dict(GUIDE, signing_key_rotation=ROTATION), False)
    assert result["changed"] and [w[0] for w in api.writes] == ["generate_signing_key", "replace_app"]
    assert api.saml_app("0oa1")["settings"]["signOn"]["audience"] == GUIDE["audience"]


def test_force_rotates_whatever_the_expiry_and_check_mode_only_tells(fake_okta):
    api = app_with_key(fake_okta, 900)
    checked = ensure_present(api, dict(GUIDE, signing_key_rotation=dict(ROTATION, force=True)), True)
    assert checked["changed"] and checked["signing_key"]["rotated"] and api.writes == []
    forced = ensure_present(api, dict(GUIDE, signing_key_rotation=dict(ROTATION, force=True)), False)
    assert forced["signing_key"]["rotated"] and api.writes[0][0] == "generate_signing_key"


def test_without_rotation_the_kid_is_never_touched(fake_okta):
    api = app_with_key(fake_okta, 1)
    result = ensure_present(api, GUIDE, False)
    assert not result["changed"] and "signing_key" not in result and api.writes == []
    assert result["idp"]["certificate_days_left"] > 0


@pytest.mark.parametrize(
    "rotation, message",
    [
        (dict(ROTATION, validity_years=1), "validity_years must be 2 to 10"),
        (dict(ROTATION, validity_years=11), "validity_years must be 2 to 10"),
        (dict(ROTATION, rotate_days_before_expiry=-1), "must not be negative"),
    ],
)
def test_rotation_options_are_checked(rotation, message):
    with pytest.raises(InvalidParameters, match=message):
        validate(dict(GUIDE, signing_key_rotation=rotation))


USERS, OTHER = "00g00000000000000001", "00g00000000000000002"
GROUPS = [{"id": USERS, "name": "Twilio Console Users"}, {"id": OTHER, "name": "Other"}]


def test_create_with_groups_resolves_them_first_and_assigns_them_to_the_new_app(fake_okta):
    api = fake_okta(groups=GROUPS)
    result = ensure_present(api, dict(GUIDE, groups=["Twilio Console Users"]), False)
    app_id = result["app"]["id"]
    assert api.writes == [("create_app", "Twilio Console", True), ("assign_group", app_id, USERS)]
    assert result["groups"] == [{"id": USERS, "name": "Twilio Console Users"}]
    assert result["diff"]["after"]["groups"] == [USERS]


def test_an_unknown_group_fails_before_the_app_is_created_or_changed(fake_okta):
    for apps in ([], [existing(audience="urn:twilio:sso:OLD")]):
        api = fake_okta(apps=apps, groups=GROUPS)
        with pytest.raises(OktaError, match="^groups: no Okta group is named"):
            ensure_present(api, dict(GUIDE, groups=["Twilio Console Users", "Nope"]), False)
        assert api.writes == []


def test_assigned_groups_need_no_lookup_and_no_write(fake_okta):
    api = fake_okta(apps=[existing()], groups=GROUPS, assignments={"0oa1": {USERS}})
    api.groups_named = api.group = None  # a lookup would fail: the app's listing names its groups
    result = ensure_present(api, dict(GUIDE, groups=["Twilio Console Users"]), False)
    assert api.writes == [] and not result["changed"]
    assert result["groups"] == [{"id": USERS, "name": "Twilio Console Users"}]


def test_a_missing_group_is_assigned_without_replacing_the_app(fake_okta):
    api = fake_okta(apps=[existing()], groups=GROUPS, assignments={"0oa1": {OTHER}})
    result = ensure_present(api, dict(GUIDE, groups=[USERS]), False)
    assert api.writes == [("assign_group", "0oa1", USERS)] and result["changed"]
    assert result["diff"]["before"]["groups"] == [OTHER] and result["diff"]["after"]["groups"] == sorted([OTHER, USERS])


def test_exclusive_groups_remove_the_others_and_check_mode_only_tells(fake_okta):
    api = fake_okta(apps=[existing()], groups=GROUPS, assignments={"0oa1": {USERS, OTHER}})
    wanted = dict(GUIDE, groups=[USERS], groups_exclusive=True)
    assert ensure_present(api, wanted, True)["changed"] and api.writes == []
    result = ensure_present(api, wanted, False)
    assert api.writes == [("unassign_group", "0oa1", OTHER)] and result["groups"] == [
        {"id": USERS, "name": "Twilio Console Users"}
    ]


def test_without_groups_the_assignments_are_not_read(fake_okta):
    api = fake_okta(apps=[existing()], groups=GROUPS, assignments={"0oa1": {OTHER}})
    api.app_groups = None  # reading them would fail
    result = ensure_present(api, GUIDE, False)
    assert not result["changed"] and "groups" not in result and "groups" not in result["diff"]["after"]


def test_an_empty_group_name_is_refused():
    with pytest.raises(InvalidParameters, match="groups: a group name or id must not be empty"):
        validate(dict(GUIDE, groups=["Twilio Console Users", " "]))
