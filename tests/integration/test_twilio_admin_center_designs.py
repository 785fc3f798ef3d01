"""The Twilio modules against other plausible designs of Admin Center's SSO screens, each rendered by the
sandbox with the behaviour of Twilio's design system Paste (tests/sandbox/admin_center_app.js): a driver
that only knew one design would fail here. The sandbox is a test double, not Twilio."""

import os

import pytest
from test_twilio_sso_profile import IDP, PLAYBOOK, profile_named, writes

DESIGNS = {
    # identifier-first sign-in, an unnamed navigation landmark, an unnamed table opened by name links,
    # values as text beside their labels, no confirmation checkbox, a heading that only contains the name,
    # a warning alert that stays on the pages, a Paste Combobox for the Identity Provider, a Modal (not an
    # AlertDialog) to confirm the deletion, and the SP metadata saved by a button from a Blob (no link to follow)
    "identifier_first_text_values_combobox": {
        "login": "identifier_first",
        "nav": "",
        "list": "table",
        "list_name": False,
        "open": "name",
        "values": "text",
        "confirm": False,
        "heading": "contains",
        "warning": True,
        "provider": "combobox",
        "dialog": "dialog",
        "metadata": "button",
    },
    # no navigation landmark at all, a list instead of a table, Edit links, read-only inputs, the confirmation
    # checkbox (Paste: the native input hidden, the label is the control), a warning alert, a native select
    "no_landmark_list_checkbox_select": {
        "login": "one_page",
        "nav": None,
        "list": "list",
        "list_name": False,
        "open": "edit",
        "values": "inputs",
        "confirm": True,
        "heading": "name",
        "warning": True,
        "provider": "select",
    },
}


@pytest.mark.parametrize("design", sorted(DESIGNS))
def test_steps_1_and_4_rerun_and_absent_in_another_design(playbook, okta, tmp_path, design):
    okta.twilio_ui(variant=DESIGNS[design])
    state = str(tmp_path / "session.json")
    run = playbook("twilio_sso_profile/steps_1_and_4.yml", dict(IDP, friendly_name="Okta", session_state=state))
    assert run.rc == 0 and run.changed == 2, run.output
    stored = profile_named(okta, "Okta")
    assert stored["identity_provider"] == "OKTA" and stored["idp_entity_id"] == IDP["idp_entity_id"]
    assert run.results[0][1]["profile"]["sp_entity_id"] == stored["sp_entity_id"]

    okta.twilio("DELETE", "/__sandbox/requests")
    again = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", session_state=state))
    assert again.rc == 0 and again.changed == 0, again.output
    assert writes(okta) == []
    profile = again.task()["profile"]
    assert (profile["identity_provider"], profile["status"]) == ("okta", "Not tested")
    assert profile["sp_acs_url"] == stored["sp_acs_url"]
    # the SSO list and the profile page, nothing loaded twice (the metadata download is not a page)
    assert okta.twilio_page_loads() == ["/sso", "/sso/profiles/%s" % stored["id"]]

    gone = playbook(PLAYBOOK, {"friendly_name": "Okta", "state": "absent", "session_state": state})
    assert gone.rc == 0 and gone.changed == 1, gone.output
    assert okta.twilio_profiles() == []


def test_empty_state_and_a_saved_profile_among_others(playbook, okta):
    # With no profile, Paste's empty-state card shows instead of a table: the list reads as empty.
    assert playbook(PLAYBOOK, {"friendly_name": "One"}).changed == 1
    assert playbook(PLAYBOOK, dict(IDP, friendly_name="Two")).changed == 1
    assert playbook(PLAYBOOK, {"friendly_name": "One"}).changed == 0
    assert sorted(p["friendly_name"] for p in okta.twilio_profiles()) == ["One", "Two"]


def test_a_slow_save_is_waited_for_by_its_answer(playbook, okta):
    # The edit form keeps the profile's name as its heading while the save takes seconds on the server:
    # only the answer to the write may end the wait, or step 4 would read the old values back.
    assert playbook(PLAYBOOK, {"friendly_name": "Okta"}).rc == 0
    okta.twilio("POST", "/__sandbox/faults", json={"method": "PUT", "path": "/api/sso/profiles/.*", "delay": 4})
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert run.rc == 0 and run.changed == 1, run.output
    assert run.task()["profile"]["idp_entity_id"] == IDP["idp_entity_id"]


def test_names_differing_in_case_and_whitespace_still_match(playbook, okta):
    okta.twilio_ui(
        rename={
            "Single Sign-On": "Single  sign-on",
            "Create new SSO Profile": "Create New SSO profile",
            "Issuer ID/URL": "ISSUER ID/URL",
        }
    )
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"))
    assert run.rc == 0 and run.changed == 1, run.output


def test_renamed_idp_labels_are_fixed_with_an_overrides_file(playbook, okta, tmp_path):
    okta.twilio_ui(rename={"Issuer ID/URL": "Identity provider entity", "X.509 Certificate": "Public key (PEM)"})
    run = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta", timeout=3))
    assert run.rc != 0 and run.task()["error_kind"] == "MissingElement"
    message = run.task()["msg"]
    assert "no field 'Issuer ID/URL' or" in message and "(idp_entity_id)" in message
    assert "fields on this page: " in message and "'Identity provider entity'" in message
    overrides = tmp_path / "overrides.yml"
    overrides.write_text("idp_entity_id: Identity provider entity\nidp_certificate: [Public key (PEM)]\n")
    fixed = playbook(PLAYBOOK, dict(IDP, friendly_name="Okta"), env={"TWILIO_UI_OVERRIDES": str(overrides)})
    assert fixed.rc == 0 and fixed.changed == 1, fixed.output
    assert len(okta.twilio_profiles()) == 1  # the failed run left no draft behind


def test_unknown_override_keys_are_refused_before_the_browser(playbook, okta):
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "ui_overrides": {"issuer": "Issuer"}})
    assert run.rc != 0
    assert "ui_overrides has unknown keys issuer; valid keys: " in run.task()["msg"]
    assert "idp_entity_id" in run.task()["msg"] and okta.twilio_requests() == []


def test_an_http_error_page_is_not_called_a_ui_change(playbook, okta):
    okta.twilio("POST", "/__sandbox/faults", json={"method": "GET", "path": "/sso", "status": 500})
    run = playbook(PLAYBOOK, {"friendly_name": "Okta"})
    assert run.rc != 0 and run.task()["error_kind"] == "AdminCenterHttpError"
    assert "Admin Center answered HTTP 500 for /sso" in run.task()["msg"]
    assert "ui_overrides" not in run.task()["msg"]


def test_a_session_that_expires_mid_flow_is_named(playbook, okta, tmp_path):
    state = str(tmp_path / "session.json")
    assert playbook(PLAYBOOK, {"friendly_name": "Okta", "session_state": state}).rc == 0
    okta.twilio("DELETE", "/__sandbox/sessions")
    # Without credentials, a sign-in page is a clear "session expired", not a missing element.
    run = playbook(
        PLAYBOOK,
        {"friendly_name": "Okta", "session_state": state},
        env={"TWILIO_CONSOLE_PASSWORD": None, "TWILIO_CONSOLE_TOTP_SECRET": None},
    )
    assert run.rc != 0 and run.task()["error_kind"] == "SessionExpired"
    assert "console_login" in run.task()["msg"]


def test_a_page_that_never_finishes_loading_is_a_timeout(playbook, okta):
    okta.twilio("POST", "/__sandbox/faults", json={"method": "GET", "path": "/api/sso/profiles", "delay": 8})
    run = playbook(PLAYBOOK, {"friendly_name": "Okta", "timeout": 3})
    assert run.rc != 0 and run.task()["error_kind"] == "AdminCenterTimeout", run.task()
    assert "raise timeout" in run.task()["msg"] and "ui_overrides" not in run.task()["msg"]
    assert os.path.exists(run.task()["artifacts"]["screenshot"])


def test_sp_values_come_from_the_metadata_and_a_page_that_disagrees_fails(playbook, okta):
    assert playbook(PLAYBOOK, {"friendly_name": "Okta"}).rc == 0
    okta.twilio_ui(variant={"stale_acs_url": True})
    run = playbook(PLAYBOOK, {"friendly_name": "Okta"})
    assert run.rc != 0
    assert "sp_acs_url shows" in run.task()["msg"] and "but the SP metadata says" in run.task()["msg"]
