"""The driver's page-independent helpers: overrides, name matching, provider texts, profile addresses."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.admin_center import (
    enforced_domain_states,
    entry_names,
    last_test,
    load_overrides,
    name_pattern,
    profile_ref,
    provider_key,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import InvalidParameters, TwilioSsoError


def test_names_match_whole_ignoring_case_and_whitespace():
    pattern = name_pattern(["Issuer ID/URL", "Save & Continue"])
    assert pattern.match("issuer  id/url") and pattern.match(" SAVE &\nContinue ")
    assert not pattern.match("Issuer ID/URL (optional)") and not pattern.match("Save")


def test_overrides_come_first_and_unknown_keys_are_refused(monkeypatch, tmp_path):
    overrides = load_overrides({"ui_overrides": {"idp_entity_id": "Issuer URL", "save": ["Save profile", "Save"]}})
    assert entry_names("idp_entity_id", overrides)[:2] == ("Issuer URL", "Issuer ID/URL")
    assert entry_names("save", overrides)[:3] == ("Save profile", "Save", "Save & Continue")
    with pytest.raises(InvalidParameters, match="unknown keys issuer; valid keys: .*idp_entity_id"):
        load_overrides({"ui_overrides": {"issuer": "x"}})
    with pytest.raises(InvalidParameters, match="ui_overrides.save must be a name or a list of names"):
        load_overrides({"ui_overrides": {"save": [""]}})
    path = tmp_path / "overrides.yml"
    path.write_text("nav_sso: [SSO settings]\n")
    monkeypatch.setenv("TWILIO_UI_OVERRIDES", str(path))
    assert load_overrides({"ui_overrides": None}) == {"nav_sso": ("SSO settings",)}
    path.write_text("- not a dict\n")
    with pytest.raises(InvalidParameters, match="must be a dict"):
        load_overrides({"ui_overrides": None})


def test_provider_texts_map_to_module_choices():
    assert provider_key("Okta") == "okta" and provider_key(" azure  activedirectory") == "azure_ad"
    assert provider_key("\u2014") is None and provider_key("") is None
    assert provider_key("Ping") == "Ping"  # unknown texts are shown as they are


def test_a_profile_address_from_any_of_its_pages():
    base = "https://admin.example"
    assert profile_ref(base + "/sso/profiles/SO12/sp-metadata", base) == "/sso/profiles/SO12"
    assert profile_ref(base + "/sso/profiles/SO12?tab=1", base) == "/sso/profiles/SO12"
    assert profile_ref(base + "/other/page?x", base) == "/other/page"


def test_the_last_test_as_admin_center_shows_it():
    assert last_test("—") is None and last_test("") is None
    assert last_test("Succeeded (30 Nov 2026 02:40:12 UTC)")["outcome"] == "succeeded"
    failed = last_test("Failed (30 Nov 2026 02:40:12 UTC): Audience URI/Entity ID mismatch: the assertion is for x")
    assert failed["outcome"] == "failed" and failed["code"] == "audience_mismatch"
    assert failed["reason"] == "Twilio: Audience URI/Entity ID mismatch: the assertion is for x"
    signature = last_test(
        "Failed (1 Dec 2026 00:00:00 UTC): SAML Response signature is invalid for the certificate (a: b)"
    )
    assert signature["code"] == "certificate_mismatch"
    assert (
        last_test("Failed (x): RelayState missing: the Identity Provider must return it")["code"]
        == "relay_state_missing"
    )
    assert last_test("Failed (x): something new")["code"] == "twilio_error"
    assert last_test("Partially ok") == {
        "outcome": "unknown",
        "code": None,
        "reason": "Partially ok",
        "source": "twilio",
    }


def test_enforced_domains_as_the_profile_page_shows_them():
    assert enforced_domain_states("—") == []
    assert enforced_domain_states("Example.com, b.example (pending), c.example (removal pending)") == [
        {"name": "example.com", "state": "enforced"},
        {"name": "b.example", "state": "pending"},
        {"name": "c.example", "state": "removal pending"},
    ]
    with pytest.raises(TwilioSsoError):
        enforced_domain_states("two words")


def test_overrides_also_rename_okta_sign_in_entries():
    overrides = load_overrides({"ui_overrides": {"okta_identifier": "Email address", "okta_verify": ["Check"]}})
    assert entry_names("okta_identifier", overrides)[0] == "Email address"
    assert entry_names("okta_verify", overrides)[:2] == ("Check", "Verify")
