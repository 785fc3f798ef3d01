# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Twilio organization-managed users: SSO signs in only people Twilio already has (no just-in-time provisioning)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.ensure import ensure
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.api import PATHS, attribute
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.client import TwilioApiError

EMAIL = re.compile(r"^[^@\s\"]+@[^@\s\"]+\.[^@\s\"]+$")
UNVERIFIED_DOMAIN = 25017


def validate(params):
    """Refuse what Twilio would refuse, naming the option, before anything is sent."""
    if not EMAIL.match(params.get("user_name") or ""):
        raise InvalidParameters(
            "user_name must be the user's email address (Twilio requires userName = primary email), got %r"
            % params.get("user_name")
        )
    for name in ("given_name", "family_name", "external_id"):
        value = params.get(name)
        if value is not None and not 2 <= len(value) <= 255:
            raise InvalidParameters("%s must be 2 to 255 characters long, got %r" % (name, value))
    if params.get("display_name") is not None and len(params["display_name"]) > 255:
        raise InvalidParameters("display_name must be at most 255 characters long")


def user_view(user):
    """A SCIM user in this collection's option names."""
    view = {"id": user.get("id"), "user_name": user.get("userName")}
    view.update({name: attribute(user, path) for name, path in PATHS.items()})
    view["active"] = bool(user.get("active", True))
    meta = user.get("meta") or {}
    view.update(created=meta.get("created"), last_modified=meta.get("lastModified"))
    return view


# Lookups run at once when many users are asked for: Twilio filters one userName per request and pages nothing.
CONCURRENT_LOOKUPS = 8


def find_managed_users(api, user_name=None, external_id=None, user_names=None):
    """The info module's result: users by userName, by externalId, by a list of userNames (looked up concurrently,
    one request each, with those Twilio does not have as missing), or all of them; deactivated users included."""
    missing = []
    if user_names is not None:
        names = sorted(set(user_names))
        with ThreadPoolExecutor(max_workers=CONCURRENT_LOOKUPS) as pool:
            found = dict(zip(names, pool.map(lambda name: api.users_where("userName", name), names)))
        users = [u for name in names for u in found[name]]
        missing = [name for name in names if not found[name]]
    elif user_name:
        users = api.users_where("userName", user_name)
    elif external_id:
        users = api.users_where("externalId", external_id)
    else:
        users = api.all_users()
    return {"changed": False, "users": [user_view(u) for u in users], "missing": missing}


def _unverified(error, user_name):
    if isinstance(error, TwilioApiError) and error.code == UNVERIFIED_DOMAIN:
        domain = user_name.rpartition("@")[2]
        return TwilioApiError(
            "user_name %s is in the domain %s, which Twilio has not verified for this organization (Twilio error "
            "25017): verify the domain in Admin Center > Domains first" % (user_name, domain),
            error.status,
            error.code,
            error.scim_type,
            error.more_info,
        )
    return error


def ensure_managed_user(api, params, check_mode):
    """present: the user exists with the given fields (and active as asked); absent: deactivated (Twilio's only way
    of removing one). Only given fields are managed; a deactivated user made active again is reactivated."""
    user_name = params["user_name"]
    wanted = {name: params[name] for name in PATHS if name != "active" and params.get(name) is not None}
    wanted["active"] = params["state"] == "present" and params["active"]
    found = next(iter(api.users_where("userName", user_name)), None)
    shown = {"user": user_view(found) if found else None}

    if found is None:
        if params["state"] == "absent":
            return ensure({}, {}, None, check_mode, user=None, welcome_email_sent=False)

        def create(_changed):
            try:
                created = api.create_user(user_name, wanted)
            except TwilioApiError as exc:
                raise _unverified(exc, user_name) from None
            shown["user"] = user_view(created)

        result = ensure({}, dict(wanted, user_name=user_name), create, check_mode)
        preview = dict(dict.fromkeys(user_view({})), user_name=user_name, **wanted)
        return dict(result, user=shown["user"] or preview, welcome_email_sent=not check_mode)

    current = user_view(found)
    before = {name: current[name] for name in wanted}

    def write(changed):
        fields = {name: wanted[name] for name in changed if name != "active" or wanted["active"]}
        user = found
        if fields:  # active among them only as a reactivation: Twilio keeps the deactivated user and its userName
            user = api.update_user(found, fields) or found
        if "active" in changed and not wanted["active"]:
            api.deactivate_user(user)
            user = dict(user, active=False)
        shown["user"] = user_view(user)

    result = ensure(before, wanted, write, check_mode)
    if check_mode and result["changed"]:
        shown["user"] = dict(current, **wanted)
    return dict(result, welcome_email_sent=False, **shown)
