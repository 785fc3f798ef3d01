"""The page-independent logic of the Twilio SSO profile, with an in-memory driver."""

import datetime

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import parse_idp_metadata
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.draft_journal import DraftJournal
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import (
    ConnectionTestFailed,
    InvalidParameters,
    TwilioSsoDriver,
    TwilioSsoError,
    ensure_profile_absent,
    ensure_profile_present,
    validate,
)


@pytest.fixture
def pem(fixture_text):
    return parse_idp_metadata(fixture_text("okta-idp-metadata.xml"))["certificate"]


class Killed(BaseException):
    """The run ends here, as on SIGKILL: no cleanup runs."""


class MemoryDriver(TwilioSsoDriver):
    """Admin Center as the driver interface sees it: 'Create new SSO Profile' makes a draft 'SSO Profile N'
    at once, naming it is a second write. fail_at makes the next create fail (or be killed) at one point."""

    def __init__(self):
        self.profiles = {}
        self.writes = []
        self.counter = 0
        self.fail_at = None  # "after_draft" (TwilioSsoError) or "kill_after_draft" (Killed)
        # Twilio's side of a test: the outcome the next test_connection reports.
        self.test_outcome = {"outcome": "succeeded", "code": None, "reason": None, "source": "twilio"}
        self.tests = []
        self.domains = {
            "example.com": {"verified": True, "enforced_by": None, "pending": False},
            "admins.example": {"verified": True, "enforced_by": None, "pending": False},
            "unverified.example": {"verified": False, "enforced_by": None, "pending": False},
        }

    def list_profiles(self):
        return [{"ref": ref, "friendly_name": p["friendly_name"]} for ref, p in self.profiles.items()]

    def read_profile(self, ref):
        name = self.profiles[ref]["friendly_name"]
        enforced = [
            {"name": n, "state": "pending" if d["pending"] else "enforced"}
            for n, d in sorted(self.domains.items())
            if d["enforced_by"] == name
        ]
        return dict(self.profiles[ref], sp_metadata_xml="<xml/>", enforced_domains=enforced)

    def test_connection(self, ref, credentials):
        self.tests.append((ref, credentials["username"]))
        outcome = dict(self.test_outcome)
        self.profiles[ref]["last_test"] = outcome
        return outcome

    def list_domains(self):
        return [dict(d, name=n, verification_method="DNS TXT record") for n, d in sorted(self.domains.items())]

    def set_enforced_domains(self, ref, names):
        self.writes.append("enforce")
        profile_name = self.profiles[ref]["friendly_name"]
        for name, domain in self.domains.items():
            if (name in names) != (domain["enforced_by"] == profile_name):
                domain.update(enforced_by=profile_name if name in names else None, pending=name in names)

    def apply_enforcement(self):
        for domain in self.domains.values():
            domain["pending"] = False

    def create_profile(self, friendly_name, idp=None, on_ref=None):
        self.writes.append("create")
        self.counter += 1
        ref = "/sso/profiles/%d" % self.counter
        self.profiles[ref] = {
            "friendly_name": "SSO Profile %d" % self.counter,
            "identity_provider": None,
            "status": "Draft",
            "sp_entity_id": "urn:twilio:sso:" + ref,
            "sp_acs_url": "https://t.example" + ref,
            "idp_entity_id": "",
            "idp_sso_url": "",
            "idp_certificate": "",
        }
        if on_ref:
            on_ref(ref)
        fail, self.fail_at = self.fail_at, None
        if fail == "kill_after_draft":
            raise Killed()
        if fail == "after_draft":
            raise TwilioSsoError("Admin Center rejected the profile: HTTP 500")
        if any(p["friendly_name"] == friendly_name for p in self.profiles.values()):
            raise TwilioSsoError(
                "Admin Center rejected the profile: An SSO Profile with this friendly name already exists."
            )
        self._set(ref, friendly_name, idp)
        return ref

    def set_identity_provider(self, ref, friendly_name, idp):
        self.writes.append("set")
        self._set(ref, friendly_name, idp)

    def _set(self, ref, friendly_name, idp):
        self.profiles[ref]["friendly_name"] = friendly_name
        if idp:
            self.profiles[ref].update(
                identity_provider=idp["identity_provider"],
                idp_entity_id=idp["entity_id"],
                idp_sso_url=idp["sso_url"],
                idp_certificate=idp["certificate"],
                status="Not tested",
                last_test=None,
            )

    def delete_profile(self, profile):
        self.writes.append("delete")
        del self.profiles[profile["ref"]]


@pytest.fixture
def journal(tmp_path):
    return DraftJournal(str(tmp_path / "drafts.json"), "https://admin.example")


def names(driver):
    return sorted(p["friendly_name"] for p in driver.profiles.values())


def params(pem, **override):
    base = {
        "friendly_name": "Okta",
        "state": "present",
        "identity_provider": "okta",
        "idp_entity_id": "http://www.okta.com/exk1",
        "idp_sso_url": "https://o.example/sso",
        "idp_certificate": pem,
    }
    base.update(override)
    return base


def test_step_1_then_step_4_then_nothing(pem):
    driver = MemoryDriver()
    step1 = ensure_profile_present(
        driver, params(pem, idp_entity_id=None, idp_sso_url=None, idp_certificate=None), False
    )
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
    for ref in (driver.create_profile("One"), driver.create_profile("Two")):
        driver.profiles[ref]["friendly_name"] = "Okta"
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
    long_ago = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    with pytest.raises(InvalidParameters, match="idp_certificate is not valid before"):
        validate(params(pem), now=long_ago)
    with pytest.raises(InvalidParameters, match="idp_sso_url has no valid host name"):
        validate(params(pem, idp_sso_url="https://dev 123.okta.com/sso"))


def test_a_failed_create_deletes_its_draft_and_leaves_no_journal_entry(pem, journal):
    driver = MemoryDriver()
    driver.fail_at = "after_draft"
    with pytest.raises(TwilioSsoError, match="HTTP 500"):
        ensure_profile_present(driver, params(pem), False, journal)
    assert driver.profiles == {} and journal.pending() == []


def test_a_killed_create_is_adopted_by_the_next_run(pem, journal):
    driver = MemoryDriver()
    driver.fail_at = "kill_after_draft"
    with pytest.raises(Killed):
        ensure_profile_present(driver, params(pem), False, journal)
    assert names(driver) == ["SSO Profile 1"] and journal.pending()[0]["ref"] == "/sso/profiles/1"
    result = ensure_profile_present(driver, params(pem), False, journal)
    assert result["changed"] and result["recovered"] == ["adopted the draft SSO Profile 1 left by an interrupted run"]
    assert names(driver) == ["Okta"] and driver.profiles["/sso/profiles/1"]["identity_provider"] == "okta"
    assert journal.pending() == []
    assert not ensure_profile_present(driver, params(pem), False, journal)["changed"]


def test_a_killed_create_whose_profile_exists_meanwhile_is_deleted(pem, journal):
    driver = MemoryDriver()
    driver.fail_at = "kill_after_draft"
    with pytest.raises(Killed):
        ensure_profile_present(driver, params(pem), False, journal)
    ensure_profile_present(driver, params(pem), False)  # another run without this journal made "Okta"
    assert names(driver) == ["Okta", "SSO Profile 1"]
    result = ensure_profile_present(driver, params(pem), False, journal)
    assert result["recovered"] == ["deleted the draft SSO Profile 1 left by an interrupted run"]
    assert result["changed"]  # the profile's values stayed, but a draft was deleted
    assert names(driver) == ["Okta"] and journal.pending() == []


def add_draft(driver):
    """What 'Create new SSO Profile' leaves when nothing follows it."""
    driver.counter += 1
    ref = "/sso/profiles/%d" % driver.counter
    driver.profiles[ref] = dict(
        friendly_name="SSO Profile %d" % driver.counter,
        identity_provider=None,
        status="Draft",
        sp_entity_id="urn:twilio:sso:" + ref,
        sp_acs_url="https://t.example" + ref,
        idp_entity_id="",
        idp_sso_url="",
        idp_certificate="",
    )
    return ref


def test_a_kill_before_the_draft_address_was_known_is_recovered(pem, journal):
    driver = MemoryDriver()
    add_draft(driver)  # the user's own draft, there before the create began: never touched
    journal.begin("Okta", [p["ref"] for p in driver.list_profiles()])
    add_draft(driver)  # the create went through; the run died before it heard the address
    result = ensure_profile_present(driver, params(pem), False, journal)
    assert result["recovered"] == ["adopted the draft SSO Profile 2 left by an interrupted run"]
    assert names(driver) == ["Okta", "SSO Profile 1"] and journal.pending() == []


def test_recovery_in_check_mode_writes_nothing(pem, journal):
    driver = MemoryDriver()
    driver.fail_at = "kill_after_draft"
    with pytest.raises(Killed):
        ensure_profile_present(driver, params(pem), False, journal)
    ensure_profile_present(driver, params(pem), False)
    writes = list(driver.writes)
    result = ensure_profile_present(driver, params(pem), True, journal)
    assert result["recovered"] and driver.writes == writes and len(journal.pending()) == 1
    # Reported as a change: the console_sso role runs step 1 for real only when its check-mode read says so.
    assert result["changed"]


class RacingDriver(MemoryDriver):
    """Another run creates the profile between this run's listing and its create."""

    def list_profiles(self):
        listed = super().list_profiles()
        if not self.writes:
            self.profiles[add_draft(self)]["friendly_name"] = "Okta"
        return listed


def test_two_runs_creating_at_once_end_with_one_profile(pem, journal):
    driver = RacingDriver()
    result = ensure_profile_present(driver, params(pem), False, journal)
    assert result["recovered"] == ["another run created the profile meanwhile; this run's draft was removed"]
    assert names(driver) == ["Okta"] and journal.pending() == []
    assert driver.writes == ["create", "delete", "set"]  # its own draft removed, the other run's profile completed


def test_a_create_that_failed_before_its_address_was_known_keeps_its_journal_entry(pem, journal):
    class LateDriver(MemoryDriver):
        late = True

        def create_profile(self, friendly_name, idp=None, on_ref=None):
            if not self.late:
                return super().create_profile(friendly_name, idp, on_ref)
            self.late = False
            add_draft(self)  # made on the server, but the answer never reached the run
            raise TwilioSsoError("timed out waiting for the answer")

    driver = LateDriver()
    with pytest.raises(TwilioSsoError):
        ensure_profile_present(driver, params(pem), False, journal)
    assert len(journal.pending()) == 1
    result = ensure_profile_present(driver, params(pem), False, journal)
    assert result["recovered"] == ["adopted the draft SSO Profile 1 left by an interrupted run"]
    assert names(driver) == ["Okta"] and journal.pending() == []


# -- Test SSO Connection and Enforce SSO ------------------------------------------------------------------

TESTER = {"test_username": "tester@example.com", "test_password": "secret"}


def test_the_connection_is_tested_once_after_step_4(pem):
    driver = MemoryDriver()
    first = ensure_profile_present(driver, params(pem, **TESTER), False)
    assert first["changed"] and first["test"]["state"] == "passed" and first["test"]["user"] == "tester@example.com"
    assert first["profile"]["tested"] is True and len(driver.tests) == 1
    again = ensure_profile_present(driver, params(pem, **TESTER), False)
    assert not again["changed"] and again["test"]["state"] == "tested" and len(driver.tests) == 1
    retest = ensure_profile_present(driver, params(pem, retest=True, **TESTER), False)
    assert retest["test"]["state"] == "passed" and not retest["changed"] and len(driver.tests) == 2


def test_new_idp_values_are_tested_again(pem):
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem, **TESTER), False)
    moved = ensure_profile_present(driver, params(pem, idp_sso_url="https://o.example/new", **TESTER), False)
    assert moved["changed"] and moved["test"]["state"] == "passed" and len(driver.tests) == 2


def test_without_a_test_user_nothing_is_tested(pem):
    driver = MemoryDriver()
    result = ensure_profile_present(driver, params(pem), False)
    assert result["test"]["state"] == "untested" and "test_username" in result["test"]["fix"] and driver.tests == []
    step1 = ensure_profile_present(
        MemoryDriver(), params(pem, idp_entity_id=None, idp_sso_url=None, idp_certificate=None, **TESTER), False
    )
    assert step1["test"]["state"] == "untested"  # nothing to test without an identity provider


def test_a_failed_test_names_the_reason_and_its_fix(pem):
    driver = MemoryDriver()
    driver.test_outcome = {
        "outcome": "failed",
        "code": "audience_mismatch",
        "reason": "Twilio: Audience",
        "source": "twilio",
    }
    with pytest.raises(ConnectionTestFailed) as failed:
        ensure_profile_present(driver, params(pem, enforced_domains=["example.com"], **TESTER), False)
    test = failed.value.result["test"]
    assert test["state"] == "failed" and test["reason_code"] == "audience_mismatch"
    assert "sp_entity_id" in test["fix"] and test["fix"] in str(failed.value)
    assert failed.value.result["changed"] is True  # step 4 was written before the test
    assert "enforce" not in driver.writes


def test_an_unknown_reason_is_passed_on(pem):
    driver = MemoryDriver()
    driver.test_outcome = {"outcome": "failed", "code": "twilio_error", "reason": "Twilio: odd", "source": "twilio"}
    with pytest.raises(ConnectionTestFailed) as failed:
        ensure_profile_present(driver, params(pem, **TESTER), False)
    assert "Twilio: odd" in failed.value.result["test"]["reason"]


def test_check_mode_tests_nothing_and_enforces_nothing(pem):
    driver = MemoryDriver()
    result = ensure_profile_present(driver, params(pem, enforced_domains=["example.com"], **TESTER), True)
    assert result["changed"] and result["test"]["state"] == "would_test"
    assert result["enforcement"] == {"state": "pending", "domains": ["example.com"]}
    assert driver.tests == [] and driver.writes == []


def test_enforcement_after_the_test_then_pending_then_applied(pem):
    driver = MemoryDriver()
    wanted = params(pem, enforced_domains=["Example.COM"], **TESTER)
    first = ensure_profile_present(driver, wanted, False)
    assert first["changed"] and first["enforcement"] == {"state": "pending", "domains": ["example.com"]}
    assert first["diff"]["before"]["enforced_domains"] == [] and first["diff"]["after"]["enforced_domains"] == [
        "example.com"
    ]
    assert driver.writes == ["create", "enforce"]
    pending = ensure_profile_present(driver, wanted, False)
    assert (
        not pending["changed"] and pending["enforcement"]["state"] == "pending" and driver.writes.count("enforce") == 1
    )
    driver.apply_enforcement()
    applied = ensure_profile_present(driver, wanted, False)
    assert not applied["changed"] and applied["enforcement"] == {"state": "applied", "domains": ["example.com"]}
    removed = ensure_profile_present(driver, params(pem, enforced_domains=[], **TESTER), False)
    assert removed["changed"] and driver.domains["example.com"]["enforced_by"] is None
    untouched = ensure_profile_present(driver, params(pem, **TESTER), False)
    assert "enforcement" not in untouched and driver.writes.count("enforce") == 2


def test_a_tested_profile_is_enforced_without_a_test_user(pem):
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem, **TESTER), False)
    result = ensure_profile_present(driver, params(pem, enforced_domains=["example.com"]), False)
    assert result["changed"] and result["enforcement"]["domains"] == ["example.com"] and len(driver.tests) == 1


@pytest.mark.parametrize(
    "options, error",
    [
        ({"enforced_domains": ["example.com"]}, "only after a successful connection test"),
        (dict(TESTER, enforced_domains=["unverified.example"]), "unverified.example is not verified"),
        (dict(TESTER, enforced_domains=["elsewhere.example"]), "elsewhere.example is not a domain"),
    ],
)
def test_enforcement_twilio_would_refuse_fails_before_any_write(pem, options, error):
    driver = MemoryDriver()
    with pytest.raises(TwilioSsoError, match=error):
        ensure_profile_present(driver, params(pem, **options), False)
    assert driver.writes == [] and driver.tests == []


def test_a_domain_another_profile_enforces_is_refused(pem):
    driver = MemoryDriver()
    driver.domains["example.com"]["enforced_by"] = "Other"
    with pytest.raises(TwilioSsoError, match="example.com is enforced by the SSO profile Other"):
        ensure_profile_present(driver, params(pem, enforced_domains=["example.com"], **TESTER), False)
    assert driver.writes == []


@pytest.mark.parametrize(
    "options, error",
    [
        ({"test_username": "t@example.com"}, "test_username and test_password go together"),
        ({"test_totp_secret": "JBSWY3DP"}, "test_totp_secret needs test_username"),
        (dict(TESTER, test_totp_secret="not base32!"), "test_totp_secret"),
        ({"enforced_domains": ["not a domain"], "username": "me@admins.example"}, "is not a domain name"),
        ({"enforced_domains": ["admins.example"], "username": "me@admins.example"}, "allow_enforcing_own_domain"),
        ({"enforced_domains": ["example.com"]}, "without username"),
    ],
)
def test_test_and_enforcement_options_are_checked_first(pem, options, error):
    with pytest.raises(InvalidParameters, match=error):
        validate(params(pem, **options))


def test_own_domain_when_allowed_and_empty_list_need_no_username(pem):
    assert validate(params(pem, enforced_domains=["admins.example"], allow_enforcing_own_domain=True)) == []
    assert validate(params(pem, enforced_domains=[])) == []
    assert validate(params(pem, enforced_domains=["example.com"], username="me@admins.example")) == []


def test_a_first_test_of_a_configured_profile_is_a_change(pem):
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem), False)
    tested = ensure_profile_present(driver, params(pem, **TESTER), False)
    assert tested["changed"] and tested["test"]["state"] == "passed" and driver.writes == ["create"]


def test_check_mode_shows_the_profile_as_it_would_be(pem):
    created = ensure_profile_present(MemoryDriver(), params(pem), True)["profile"]
    assert created["tested"] is False and created["enforced_domains"] == [] and created["enforcement_pending"] is False
    driver = MemoryDriver()
    ensure_profile_present(driver, params(pem, **TESTER), False)
    moved = ensure_profile_present(driver, params(pem, idp_sso_url="https://o.example/new"), True)
    assert moved["changed"] and moved["profile"]["tested"] is False  # new IdP values need a new test
    kept = ensure_profile_present(driver, params(pem), True)
    assert not kept["changed"] and kept["profile"]["tested"] is True
