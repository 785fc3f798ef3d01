# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who is assigned to an Okta app, and under which app username (what the SAML NameID carries)."""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError


def app_user_view(app_user):
    profile = (((app_user.get("_embedded") or {}).get("user") or {}).get("profile")) or {}
    return {
        "id": app_user.get("id"),
        "user_name": (app_user.get("credentials") or {}).get("userName"),
        "status": app_user.get("status"),
        "scope": app_user.get("scope"),
        "email": profile.get("email"),
        "first_name": profile.get("firstName"),
        "last_name": profile.get("lastName"),
    }


def find_app_users(api, app_id=None, app_label=None):
    """The info module's result: every user assigned to the app. By id the app is not read first: listing its users
    fails just the same when there is no such app."""
    if not app_id:
        app = api.one_saml_app(app_label)
        if app is None:
            raise OktaError("no Okta SAML app is labelled %r" % app_label)
        app_id = app["id"]
    try:
        users = api.app_users(app_id)
    except OktaError as exc:
        if exc.status != 404:
            raise
        raise OktaError("no Okta SAML app has id %r" % app_id, 404, exc.error_code) from None
    return {"changed": False, "app_id": app_id, "users": [app_user_view(u) for u in users]}
