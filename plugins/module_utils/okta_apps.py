# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding Okta SAML 2.0 apps by id or label: all a module needs that reads an app but not its IdP metadata."""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_client import OktaError

APPS = "/api/v1/apps"
SAML_2_0 = "SAML_2_0"


def find_saml_apps(client, label=None, app_id=None):
    """SAML 2.0 apps by id, by exact (case-sensitive) label, or all of them."""
    if app_id:
        app = client.get_or_none("%s/%s" % (APPS, app_id))
        return [app] if app and app.get("signOnMode") == SAML_2_0 else []
    # q is a case-insensitive prefix match on name and label: filter exactly here.
    params = {"limit": 200}
    if label:
        params["q"] = label
    return [a for a in client.paginate(APPS, params)
            if a.get("signOnMode") == SAML_2_0 and (label is None or a.get("label") == label)]


def find_one(client, label, app_id=None):
    apps = find_saml_apps(client, label=None if app_id else label, app_id=app_id)
    if len(apps) > 1:
        raise OktaError("%d Okta SAML apps carry the label %r (ids: %s); set id to choose one"
                        % (len(apps), label, ", ".join(a["id"] for a in apps)))
    return apps[0] if apps else None
