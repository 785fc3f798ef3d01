# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Twilio SSO profile of the guide's steps 1 and 4: what to compare, what to change.

The Twilio side is reached through a driver with five operations (list, read, create, set the
identity provider, delete). Today the only driver works Admin Center in a browser, because
Twilio publishes no API for SSO profiles; an API driver can take its place the day one exists.
"""

from __future__ import annotations

import datetime

from ansible_collections.twilio_okta.sso.plugins.module_utils.certificate import CertificateError, certificate_facts
from ansible_collections.twilio_okta.sso.plugins.module_utils.input_checks import InvalidParameters, check_https_url
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_console_pages import IDENTITY_PROVIDER_OPTIONS

CERTIFICATE_WARNING_DAYS = 30
PROFILE_FIELDS = ("friendly_name", "identity_provider", "status", "sp_entity_id", "sp_acs_url", "sp_metadata_xml",
                  "idp_entity_id", "idp_sso_url", "idp_certificate_sha256")


class TwilioSsoError(Exception):
    """Something on the Twilio side failed; the message says which step and why."""


class TwilioSsoDriver:
    """What the module needs from the Twilio side. Profiles are addressed by an opaque ref."""

    def list_profiles(self):
        """[{"ref", "friendly_name", "identity_provider", "status"}] with the dropdown's provider texts."""
        raise NotImplementedError

    def read_profile(self, ref):
        """The profile's fields, with the SP metadata XML and the IdP certificate as shown."""
        raise NotImplementedError

    def create_profile(self, friendly_name, idp=None):
        """Guide step 1 (and step 4 when idp is given); returns the new profile's ref."""
        raise NotImplementedError

    def set_identity_provider(self, ref, friendly_name, idp):
        """Guide step 4: the friendly name, the provider and its three values."""
        raise NotImplementedError

    def delete_profile(self, profile):
        """Delete the profile given as an entry of list_profiles()."""
        raise NotImplementedError


def validate(params, now=None):
    """Check the input and return warnings; raises InvalidParameters before the browser starts."""
    if not (params.get("friendly_name") or "").strip():
        raise InvalidParameters("friendly_name must not be empty")
    if params.get("state") == "absent":
        return []
    values = [params.get(k) for k in ("idp_entity_id", "idp_sso_url", "idp_certificate")]
    if any(values) and not all(values):
        raise InvalidParameters("idp_entity_id, idp_sso_url and idp_certificate go together: give all three or none")
    if not any(values):
        return []
    if ":" not in params["idp_entity_id"]:
        raise InvalidParameters("idp_entity_id must be an absolute URI such as http://www.okta.com/exk..., got %r"
                                % params["idp_entity_id"])
    check_https_url("idp_sso_url", params["idp_sso_url"])
    try:
        facts = certificate_facts(params["idp_certificate"])
    except CertificateError as exc:
        raise InvalidParameters("idp_certificate: %s" % exc) from None
    now = now or datetime.datetime.now(datetime.timezone.utc)
    left = facts["not_after_datetime"] - now
    if left.total_seconds() <= 0:
        raise InvalidParameters("idp_certificate expired on %s" % facts["not_after"])
    if left.days < CERTIFICATE_WARNING_DAYS:
        return ["idp_certificate expires on %s, in %d days: rotate the Okta signing key and update the profile"
                % (facts["not_after"], left.days)]
    return []


def desired_idp(params):
    """The IdP values to put into the profile (step 4), or None for step 1 only."""
    if not params.get("idp_certificate"):
        return None
    facts = certificate_facts(params["idp_certificate"])
    return {
        "identity_provider": params["identity_provider"],
        "provider_text": IDENTITY_PROVIDER_OPTIONS[params["identity_provider"]],
        "entity_id": params["idp_entity_id"],
        "sso_url": params["idp_sso_url"],
        "certificate": facts["pem"],
        "certificate_sha256": facts["sha256"],
    }


def provider_option(text):
    """The module's name for a provider text from the dropdown (None when unset)."""
    for option, label in IDENTITY_PROVIDER_OPTIONS.items():
        if label == text:
            return option
    return text or None


def profile_view(raw):
    """A profile as the modules return it: certificates reduced to their SHA-256 fingerprint."""
    sha256 = None
    if raw.get("idp_certificate"):
        try:
            sha256 = certificate_facts(raw["idp_certificate"])["sha256"]
        except CertificateError:
            sha256 = None
    view = {k: raw.get(k) or None for k in PROFILE_FIELDS}
    view["identity_provider"] = provider_option(raw.get("identity_provider"))
    view["idp_certificate_sha256"] = sha256
    return view


def _idp_view(view):
    return {k: view.get(k) for k in ("friendly_name", "identity_provider", "idp_entity_id", "idp_sso_url",
                                     "idp_certificate_sha256")}


def _wanted_view(friendly_name, idp, current=None):
    wanted = dict(current or {}, friendly_name=friendly_name)
    if idp:
        wanted.update(identity_provider=idp["identity_provider"], idp_entity_id=idp["entity_id"],
                      idp_sso_url=idp["sso_url"], idp_certificate_sha256=idp["certificate_sha256"])
    return wanted


def find_profile(driver, friendly_name):
    matches = [p for p in driver.list_profiles() if p["friendly_name"] == friendly_name]
    if len(matches) > 1:
        raise TwilioSsoError("%d Twilio SSO profiles are named %r; rename all but one in Admin Center"
                             % (len(matches), friendly_name))
    return matches[0] if matches else None


def ensure_profile_absent(driver, params, check_mode):
    found = find_profile(driver, params["friendly_name"])
    if found is None:
        return {"changed": False, "profile": None, "diff": {"before": {}, "after": {}}}
    before = {"friendly_name": found["friendly_name"], "identity_provider": provider_option(found["identity_provider"]),
              "status": found["status"]}
    if not check_mode:
        driver.delete_profile(found)
    return {"changed": True, "profile": None, "diff": {"before": before, "after": {}}}


def ensure_profile_present(driver, params, check_mode):
    """Step 1 (the profile exists), and step 4 when IdP values are given; reads only when nothing differs."""
    name = params["friendly_name"]
    idp = desired_idp(params)
    found = find_profile(driver, name)
    if found is None:
        after = _idp_view(_wanted_view(name, idp))
        if check_mode:
            return {"changed": True, "profile": _wanted_view(name, idp, dict.fromkeys(PROFILE_FIELDS)),
                    "diff": {"before": {}, "after": after}}
        ref = driver.create_profile(name, idp)
        return {"changed": True, "profile": profile_view(driver.read_profile(ref)),
                "diff": {"before": {}, "after": after}}

    current = profile_view(driver.read_profile(found["ref"]))
    wanted = _wanted_view(name, idp, current)
    before, after = _idp_view(current), _idp_view(wanted)
    if before == after:
        return {"changed": False, "profile": current, "diff": {"before": before, "after": after}}
    if check_mode:
        return {"changed": True, "profile": wanted, "diff": {"before": before, "after": after}}
    driver.set_identity_provider(found["ref"], name, idp)
    return {"changed": True, "profile": profile_view(driver.read_profile(found["ref"])),
            "diff": {"before": before, "after": after}}


def read_profiles(driver, friendly_name=None):
    """Every profile, or the one with friendly_name, fully read."""
    wanted = [p for p in driver.list_profiles() if friendly_name is None or p["friendly_name"] == friendly_name]
    return {"changed": False, "profiles": [profile_view(driver.read_profile(p["ref"])) for p in wanted]}
