"""The page-independent logic of the Twilio SSO profile, with an in-memory driver."""

import datetime

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_sso import (
    InvalidParameters, TwilioSsoDriver, TwilioSsoError, ensure_profile_absent, ensure_profile_present, validate,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils.saml_metadata import parse_idp_metadata


@pytest.fixture
def pem(fixture_text):
    return parse_idp_metadata(fixture_text("okta-idp-metadata.xml"))["certificate"]


class MemoryDriver(TwilioSsoDriver):
    def __init__(self):
        self.profiles = {}
        self.writes = []

    def list_profiles(self):
        return [{"ref": ref, "friendly_name": p["friendly_name"], "identity_provider": p["identity_provider"],
                 "status": p["status"]} for ref, p in self.profiles.items()]

    def read_profile(self, ref):
        return dict(self.profiles[ref], sp_metadata_xml="<xml/>")

    def create_profile(self, friendly_name, idp=None):
        self.writes.append("create")
        ref = "/p/%d" % len(self.profiles)
        self.profiles[ref] = {"friendly_name": friendly_name, "identity_provider": None, "status": "Draft",
                              "sp_entity_id": "urn:twilio:sso:" + ref, "sp_acs_url": "https://t.example" + ref,
                              "idp_entity_id": "", "idp_sso_url": "", "idp_certificate": ""}
        if idp:
            self.set_identity_provider(ref, friendly_name, idp)
            self.writes.pop()
        return ref

    def set_identity_provider(self, ref, friendly_name, idp):
        self.writes.append("set")
        self.profiles[ref].update(friendly_name=friendly_name, identity_provider=idp["provider_text"],
                                  idp_entity_id=idp["entity_id"], idp_sso_url=idp["sso_url"],
                                  idp_certificate=idp["certificate"], status="Not tested")

    def delete_profile(self, profile):
        self.writes.append("delete")
        del self.profiles[profile["ref"]]


def params(pem, **override):
    base = {"friendly_name": "Okta", "state": "present", "identity_provider": "okta",
            "idp_entity_id": "http://www.okta.com/exk1", "idp_sso_url": "https://o.example/sso", "idp_certificate": pem}
    base.update(override)
    return base


def test_step_1_then_step_4_then_nothing(pem):
    driver = MemoryDriver()
    step1 = ensure_profile_present(driver, params(pem, idp_entity_id=None, idp_sso_url=None, idp_certificate=None), False)
    assert step1["changed"] and step1["profile"]["sp_entity_id"].startswith("urn:twilio:sso:")
    step4 = ensure_profile_present(driver, params(pem), False)
    assert step4["changed"] and step4["profile"]["identity_provider"] == "okta"
    assert step4["diff"]["before"]["idp_certificate_sha256"] is None
    again = ensure_profile_present(driver, params(pem), False)
    assert not again["changed"] and driver.writes == ["create", "set"]


def test_certificate_is_compared_by_fingerprint(pem):
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem), False)
    bare = "".join(pem.splitlines()[1:-1])
    assert not ensure_profile_present(driver, params(bare), False)["changed"]


def test_check_mode_writes_nothing(pem):
    driver = MemoryDriver()
    result = ensure_profile_present(driver, params(pem), True)
    assert result["changed"] and result["profile"]["sp_entity_id"] is None and driver.writes == []
    ensure_profile_present(driver, params(pem, idp_certificate=None, idp_entity_id=None, idp_sso_url=None), False)
    result = ensure_profile_present(driver, params(pem), True)
    assert result["changed"] and driver.writes == ["create"]
    assert result["profile"]["idp_entity_id"] == "http://www.okta.com/exk1"


def test_absent(pem):
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem), False)
    assert ensure_profile_absent(driver, params(pem, state="absent"), True)["changed"] and driver.profiles
    assert ensure_profile_absent(driver, params(pem, state="absent"), False)["changed"] and not driver.profiles
    assert not ensure_profile_absent(driver, params(pem, state="absent"), False)["changed"]


def test_two_profiles_with_one_name_fail(pem):
    driver = MemoryDriver()
    driver.create_profile("Okta")
    driver.create_profile("Okta")
    with pytest.raises(TwilioSsoError, match="2 Twilio SSO profiles are named 'Okta'"):
        ensure_profile_present(driver, params(pem), False)


def test_validation(pem):
    assert validate(params(pem)) == []
    with pytest.raises(InvalidParameters, match="go together"):
        validate(params(pem, idp_sso_url=None))
    with pytest.raises(InvalidParameters, match="friendly_name"):
        validate(params(pem, friendly_name=""))
    assert validate(params(pem, idp_sso_url="http://127.0.0.1:8443/sso")) == []
    far_future = datetime.datetime(2100, 1, 1, tzinfo=datetime.timezone.utc)
    with pytest.raises(InvalidParameters, match="expired"):
        validate(params(pem), now=far_future)
