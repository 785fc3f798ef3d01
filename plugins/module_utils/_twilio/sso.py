# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Twilio SSO profile of the guide's steps 1 and 4, then the connection test and SSO enforcement:
what to compare, what to change, in which order.

The Twilio side is reached through a driver (list, read, create, set the identity provider, delete, test,
list domains, enforce). Today the only driver works Admin Center in a browser, because Twilio publishes no
API for SSO profiles; an API driver can take its place the day one exists.
"""

from __future__ import annotations

import datetime
import os
import re
import time

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.certificate import (
    CertificateError,
    certificate_facts,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.ensure import differences, ensure
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import (
    InvalidParameters,
    check_https_url,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.connection_test import (
    explained,
    not_tested,
    test_credentials,
    validate_test_options,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.console_pages import DRAFT_NAME_PATTERN
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.enforcement import (
    domain_problems,
    enforcement_view,
    validate_enforcement_options,
    wanted_domains,
)

CERTIFICATE_WARNING_DAYS = 30
PROFILE_FIELDS = (
    "friendly_name",
    "identity_provider",
    "status",
    "sp_entity_id",
    "sp_acs_url",
    "sp_metadata_xml",
    "idp_entity_id",
    "idp_sso_url",
    "idp_certificate_sha256",
    "last_test",
    "tested",
    "enforced_domains",
    "enforcement_pending",
)


class TwilioSsoError(Exception):
    """Something on the Twilio side failed; the message says which step and why."""


class ConnectionTestFailed(TwilioSsoError):
    """Test SSO Connection failed; result holds the test (reason code, fix), the profile and whether it changed."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


class TwilioSsoDriver:
    """What the module needs from the Twilio side. Profiles are addressed by an opaque ref."""

    def list_profiles(self):
        """[{"ref", "friendly_name"}] of every profile."""
        raise NotImplementedError

    def read_profile(self, ref):
        """The profile's fields (identity_provider as a module choice), the SP metadata XML, the IdP certificate."""
        raise NotImplementedError

    def create_profile(self, friendly_name, idp=None, on_ref=None):
        """Guide step 1 (and step 4 when idp is given); returns the new profile's ref, and tells on_ref(ref)
        as soon as the profile exists, before it is named."""
        raise NotImplementedError

    def set_identity_provider(self, ref, friendly_name, idp):
        """Guide step 4: the friendly name, the provider and its three values."""
        raise NotImplementedError

    def delete_profile(self, profile):
        """Delete the profile given as an entry of list_profiles() (its "ref" is enough)."""
        raise NotImplementedError

    def test_connection(self, ref, credentials):
        """Test SSO Connection with the test user: {"outcome": "succeeded"|"failed", "code", "reason", "source"}."""
        raise NotImplementedError

    def list_domains(self):
        """[{"name", "verified", "verification_method", "enforced_by", "pending"}] of the organization."""
        raise NotImplementedError

    def set_enforced_domains(self, ref, names):
        """Enforce SSO through this profile for exactly these domains."""
        raise NotImplementedError


def validate_connection(params):
    """Check the connection options every Twilio module shares; returns warnings."""
    check_https_url("admin_url", params["admin_url"])
    if params["timeout"] <= 0:
        raise InvalidParameters("timeout must be more than 0 seconds, got %d" % params["timeout"])
    if not params["validate_certs"]:
        return [
            "validate_certs is false: Admin Center's TLS certificate is not verified, so the password and the "
            "session could be sent to anyone on the network path"
        ]
    return []


def validate(params, now=None):
    """Check the input and return warnings; raises InvalidParameters before the browser starts."""
    if not (params.get("friendly_name") or "").strip():
        raise InvalidParameters("friendly_name must not be empty")
    if params.get("state") == "absent":
        return []
    validate_test_options(params)
    validate_enforcement_options(params)
    values = [params.get(k) for k in ("idp_entity_id", "idp_sso_url", "idp_certificate")]
    if any(values) and not all(values):
        raise InvalidParameters("idp_entity_id, idp_sso_url and idp_certificate go together: give all three or none")
    if not any(values):
        return []
    if ":" not in params["idp_entity_id"]:
        raise InvalidParameters(
            "idp_entity_id must be an absolute URI such as http://www.okta.com/exk..., got %r" % params["idp_entity_id"]
        )
    check_https_url("idp_sso_url", params["idp_sso_url"])
    try:
        facts = certificate_facts(params["idp_certificate"])
    except CertificateError as exc:
        raise InvalidParameters("idp_certificate: %s" % exc) from None
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if facts["not_before_datetime"] > now:
        raise InvalidParameters(
            "idp_certificate is not valid before %s: Twilio would refuse every login until then"
            % facts["not_before_datetime"].strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    left = facts["not_after_datetime"] - now
    if left.total_seconds() <= 0:
        raise InvalidParameters("idp_certificate expired on %s" % facts["not_after"])
    if left.days < CERTIFICATE_WARNING_DAYS:
        return [
            "idp_certificate expires on %s, in %d days: rotate the Okta signing key and update the profile"
            % (facts["not_after"], left.days)
        ]
    return []


def wanted_idp(params):
    """The IdP values to put into the profile (step 4), or None for step 1 only."""
    if not params.get("idp_certificate"):
        return None
    facts = certificate_facts(params["idp_certificate"])
    return {
        "identity_provider": params["identity_provider"],
        "entity_id": params["idp_entity_id"],
        "sso_url": params["idp_sso_url"],
        "certificate": facts["pem"],
        "certificate_sha256": facts["sha256"],
    }


def profile_view(raw):
    """A profile as the modules return it: certificates reduced to their SHA-256 fingerprint."""
    sha256 = None
    if raw.get("idp_certificate"):
        try:
            sha256 = certificate_facts(raw["idp_certificate"])["sha256"]
        except CertificateError:
            sha256 = None
    view = {k: raw.get(k) or None for k in PROFILE_FIELDS}
    view["idp_certificate_sha256"] = sha256
    last_test = raw.get("last_test")
    view["last_test"] = {"outcome": last_test["outcome"], "reason": last_test["reason"]} if last_test else None
    view["tested"] = bool(last_test and last_test["outcome"] == "succeeded")
    view.update(enforcement_view(raw.get("enforced_domains") or []))
    return view


def _idp_view(view):
    return {
        k: view.get(k)
        for k in ("friendly_name", "identity_provider", "idp_entity_id", "idp_sso_url", "idp_certificate_sha256")
    }


def _wanted_view(friendly_name, idp, current=None):
    wanted = dict(current or {}, friendly_name=friendly_name)
    if idp:
        wanted.update(
            identity_provider=idp["identity_provider"],
            idp_entity_id=idp["entity_id"],
            idp_sso_url=idp["sso_url"],
            idp_certificate_sha256=idp["certificate_sha256"],
        )
    return wanted


def find_profile(listed, friendly_name):
    matches = [p for p in listed if p["friendly_name"] == friendly_name]
    if len(matches) > 1:
        raise TwilioSsoError(
            "%d Twilio SSO profiles are named %r; rename all but one in Admin Center" % (len(matches), friendly_name)
        )
    return matches[0] if matches else None


def ensure_profile_absent(driver, params, check_mode):
    found = find_profile(driver.list_profiles(), params["friendly_name"])
    before = _idp_view(profile_view(driver.read_profile(found["ref"]))) if found else {}
    return ensure(before, {}, lambda _changed: driver.delete_profile(found), check_mode, profile=None)


def _is_draft(profile):
    return re.fullmatch(DRAFT_NAME_PATTERN, profile["friendly_name"] or "") is not None


CREATE_GIVE_UP_SECONDS = 3600


def _under_way(entry):
    """Whether the run that wrote a journal entry may still be creating (alive, and not for long)."""
    pid = entry.get("pid", 0)
    if pid == os.getpid() or time.time() - entry.get("started", 0) > CREATE_GIVE_UP_SECONDS:
        return False  # process ids are reused, in containers above all: an old entry is an ended run's
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open("/proc/%d/stat" % pid, encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a killed run nobody reaped yet is a zombie
    except (OSError, IndexError):
        return True


def recover_drafts(driver, journal, listed, friendly_name, check_mode):
    """Adopt or delete the drafts that interrupted creates of this profile left behind.

    A draft (still named 'SSO Profile N') from a journal entry of a run that is no longer alive becomes the
    profile when none has the friendly name yet (it is named by the update that follows); otherwise it is
    deleted. An entry without an address covers every draft that appeared after it began. Returns the
    listing as it stands afterwards and what was done, for the result."""
    pending = [e for e in journal.pending() if e["friendly_name"] == friendly_name]
    under_way = [e for e in pending if _under_way(e)]  # creates going on in other runs on this machine
    live_refs = {e["ref"] for e in under_way}
    actions = []
    for entry in (e for e in pending if e not in under_way):
        refs = [entry["ref"]] if entry["ref"] else [p["ref"] for p in listed if p["ref"] not in entry["known_refs"]]
        for ref in refs:
            draft = next((p for p in listed if p["ref"] == ref and _is_draft(p) and ref not in live_refs), None)
            if draft is None:
                continue  # finished, renamed by someone or gone: not a draft of ours any more
            if find_profile(listed, friendly_name) is None and not any(p.get("adopted") for p in listed):
                actions.append("adopted the draft %s left by an interrupted run" % draft["friendly_name"])
                draft["friendly_name_before"], draft["adopted"] = draft["friendly_name"], True
            else:
                actions.append("deleted the draft %s left by an interrupted run" % draft["friendly_name"])
                if not check_mode:
                    driver.delete_profile(draft)
                listed = [p for p in listed if p is not draft]
        if not check_mode:
            journal.finish(entry["id"])
    return listed, actions


def _create(driver, journal, name, idp, listed):
    """Create the profile so that no failure or kill leaves a draft that no run finds; returns its ref."""
    entry = journal.begin(name, [p["ref"] for p in listed]) if journal else None
    made = []

    def remember(ref):
        made.append(ref)
        if journal:
            journal.record_ref(entry, ref)

    try:
        ref = driver.create_profile(name, idp, on_ref=remember)
    except Exception:
        # Without an address the create may still have happened (its answer came too late): the entry stays, and
        # the next run looks for a draft that appeared after it began.
        cleaned = False
        if made:
            try:
                driver.delete_profile({"ref": made[0]})
                cleaned = True
            except Exception:  # pylint: disable=broad-exception-caught
                pass  # the journal keeps the entry, so the next run deletes or adopts the draft
        if journal and cleaned:
            journal.finish(entry)
        raise
    if journal:
        journal.finish(entry)
    return ref


def ensure_profile_present(driver, params, check_mode, journal=None):
    """Step 1 (the profile exists), step 4 when IdP values are given, then the connection test and SSO enforcement.
    Reads only when nothing differs; everything that could refuse is checked before the first write."""
    name = params["friendly_name"]
    idp = wanted_idp(params)
    listed = driver.list_profiles()
    actions = []
    if journal:
        listed, actions = recover_drafts(driver, journal, listed, name, check_mode)
    found = find_profile(listed, name) or next((p for p in listed if p.get("adopted")), None)
    current = profile_view(driver.read_profile(found["ref"])) if found else None
    plan = _plan_test_and_enforcement(driver, params, current, idp)
    if found is None:
        result = _create_profile(driver, journal, params, idp, listed, check_mode, actions)
        if result is None:  # another run created it meanwhile
            found = find_profile(driver.list_profiles(), name)
            current = profile_view(driver.read_profile(found["ref"]))
    if found is not None:
        result = _update_profile(driver, found["ref"], current, name, idp, check_mode, actions)
    return _test_and_enforce(driver, params, check_mode, result, plan)


def _create_profile(driver, journal, params, idp, listed, check_mode, actions):
    name = params["friendly_name"]
    after = _idp_view(_wanted_view(name, idp))
    if check_mode:
        profile = _wanted_view(name, idp, dict.fromkeys(PROFILE_FIELDS))
        profile.update(tested=False, enforced_domains=[], enforcement_pending=False)
        return {
            "changed": True,
            "profile": profile,
            "diff": {"before": {}, "after": after},
            "recovered": actions,
            "ref": None,
        }
    try:
        ref = _create(driver, journal, name, idp, listed)
    except TwilioSsoError:
        # Another run may have created the profile meanwhile (Admin Center refuses a second one by name):
        # our draft is gone, so carry on with theirs; anything else is a real failure.
        if find_profile(driver.list_profiles(), name) is None:
            raise
        actions.append("another run created the profile meanwhile; this run's draft was removed")
        return None
    return {
        "changed": True,
        "profile": profile_view(driver.read_profile(ref)),
        "diff": {"before": {}, "after": after},
        "recovered": actions,
        "ref": ref,
    }


def _update_profile(driver, ref, current, name, idp, check_mode, actions):
    wanted = _wanted_view(name, idp, current)
    shown = {"profile": current}

    def write(_changed):
        driver.set_identity_provider(ref, name, idp)
        shown["profile"] = profile_view(driver.read_profile(ref))

    result = ensure(_idp_view(current), _idp_view(wanted), write, check_mode, recovered=actions, ref=ref)
    # A draft deleted (or to delete, in check mode) is a change too, though the profile's values stay.
    result["changed"] = result["changed"] or bool(actions)
    if result["changed"] and check_mode:
        shown["profile"] = dict(wanted, tested=False)  # new IdP values need a new test
    return dict(result, **shown)


def _plan_test_and_enforcement(driver, params, current, idp):
    """Whether this run tests and changes enforcement; refuses what Twilio would refuse, before any write."""
    credentials = test_credentials(params)
    idp_changes = current is None or (
        idp is not None
        and bool(differences(_idp_view(current), _idp_view(_wanted_view(params["friendly_name"], idp, current))))
    )
    has_idp = idp is not None or bool(current and current["identity_provider"])
    tested = bool(current and current["tested"]) and not idp_changes
    plan = {
        "credentials": credentials,
        "will_test": bool(credentials and has_idp and (params.get("retest") or not tested)),
        "domains": wanted_domains(params),
        "enforce": False,
    }
    if plan["domains"] is None or (current and current["enforcement_pending"]):
        return plan
    if plan["domains"] == (current["enforced_domains"] if current else []):
        return plan
    if not (tested or plan["will_test"]):
        raise TwilioSsoError(
            "enforced_domains: Twilio enforces SSO only after a successful connection test, and this profile has none "
            "on record%s; give test_username and test_password (TWILIO_SSO_TEST_USERNAME, TWILIO_SSO_TEST_PASSWORD)"
            % (" for the IdP values this run sets" if idp_changes and current else "")
        )
    problems = domain_problems(driver.list_domains(), plan["domains"], params["friendly_name"])
    if problems:
        raise TwilioSsoError("enforced_domains: " + "; ".join(problems))
    plan["enforce"] = True
    return plan


def _test_and_enforce(driver, params, check_mode, result, plan):
    """After step 4: Test SSO Connection, then enforcement, which Twilio allows only after a successful test."""
    ref = result.pop("ref")
    profile = result["profile"]
    if plan["will_test"] and not check_mode:
        test = explained(driver.test_connection(ref, plan["credentials"]), plan["credentials"]["username"])
        tested_before = profile["tested"]
        profile = result["profile"] = profile_view(driver.read_profile(ref))
        if test["state"] == "failed":
            raise ConnectionTestFailed(
                "Test SSO Connection failed for %s: %s. Fix: %s" % (test["user"], test["reason"], test["fix"]),
                {"test": test, "profile": profile, "changed": result["changed"], "diff": result["diff"]},
            )
        result["changed"] = result["changed"] or profile["tested"] != tested_before
    else:
        test = not_tested(profile, plan["credentials"], check_mode, plan["will_test"])
    result["test"] = test
    if plan["domains"] is None:
        return result
    result["diff"]["before"]["enforced_domains"] = profile["enforced_domains"]
    result["diff"]["after"]["enforced_domains"] = plan["domains"] if plan["enforce"] else profile["enforced_domains"]
    if plan["enforce"]:
        enforced = ensure(
            {"enforced_domains": profile["enforced_domains"]},
            {"enforced_domains": plan["domains"]},
            lambda _changed: driver.set_enforced_domains(ref, plan["domains"]),
            check_mode,
        )
        result["changed"] = result["changed"] or enforced["changed"]
        if not check_mode:
            profile = result["profile"] = profile_view(driver.read_profile(ref))
        else:
            profile.update(enforced_domains=plan["domains"], enforcement_pending=True)
    result["enforcement"] = {
        "state": "pending" if profile["enforcement_pending"] else "applied",
        "domains": profile["enforced_domains"],
    }
    return result


def find_profiles(driver, friendly_name=None):
    """Every profile, or the one with friendly_name, fully read."""
    wanted = [p for p in driver.list_profiles() if friendly_name is None or p["friendly_name"] == friendly_name]
    return {"changed": False, "profiles": [profile_view(driver.read_profile(p["ref"])) for p in wanted]}
