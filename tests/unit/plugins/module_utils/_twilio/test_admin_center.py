"""The driver's page-independent helpers: overrides, name matching, provider texts, profile addresses."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.admin_center import (
    entry_names,
    load_overrides,
    name_pattern,
    profile_ref,
    provider_key,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import InvalidParameters


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
