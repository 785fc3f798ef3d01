# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Okta management API path and JSON shape the collection uses, in one place.

The engines (saml_app, app_groups) decide what to read and write; this layer knows how Okta spells it. Unit tests
replace it with an in-memory fake, so that every branch of the engines runs without a server."""

from __future__ import annotations

import os

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError

APPS = "/api/v1/apps"
GROUPS = "/api/v1/groups"
SAML_2_0 = "SAML_2_0"
PAGE = 200


def _group(okta_group):
    return {"id": okta_group["id"], "name": okta_group["profile"]["name"]}


class OktaApi:
    """Okta's apps, their lifecycle, logo, IdP metadata and group assignments, and groups, over an OktaClient."""

    def __init__(self, client):
        self.client = client

    @property
    def org_url(self):
        return self.client.org_url

    def sleep(self, seconds):
        self.client.sleep(seconds)

    # -- apps -----------------------------------------------------------------------------------------------------

    def saml_apps(self, label=None):
        """SAML 2.0 apps with exactly this (case-sensitive) label, or all of them."""
        # q is a case-insensitive prefix match on name and label: filter exactly here.
        params = {"limit": PAGE}
        if label:
            params["q"] = label
        return [
            a
            for a in self.client.paginate(APPS, params)
            if a.get("signOnMode") == SAML_2_0 and (label is None or a.get("label") == label)
        ]

    def saml_app(self, app_id):
        """The SAML 2.0 app with this id, or None."""
        app = self.client.get_or_none("%s/%s" % (APPS, app_id))
        return app if app and app.get("signOnMode") == SAML_2_0 else None

    def one_saml_app(self, label, app_id=None):
        """The SAML 2.0 app by id, else the one with the label; None when there is none, an error when several carry
        the label."""
        if app_id:
            return self.saml_app(app_id)
        apps = self.saml_apps(label)
        if len(apps) > 1:
            raise OktaError(
                "%d Okta SAML apps carry the label %r (ids: %s); set id to choose one"
                % (len(apps), label, ", ".join(a["id"] for a in apps))
            )
        return apps[0] if apps else None

    def create_app(self, body, active, on_uncertain):
        """POST a new app; on_uncertain() -> the app or None is asked before posting again after a lost answer."""
        return self.client.post(APPS, body, params={"activate": str(active).lower()}, on_uncertain=on_uncertain)

    def replace_app(self, app_id, body):
        """Okta's update is a full replace: body must be the whole app."""
        return self.client.put("%s/%s" % (APPS, app_id), body)

    def set_app_status(self, app_id, status):
        self.client.post("%s/%s/lifecycle/%s" % (APPS, app_id, "activate" if status == "ACTIVE" else "deactivate"))

    def delete_app(self, app_id):
        """Okta deletes only inactive apps."""
        self.client.delete("%s/%s" % (APPS, app_id))

    def idp_metadata(self, app_id, kid=None):
        """The app's IdP metadata XML (bytes), for the signing key kid (the active one when None)."""
        return self.client.get_xml("%s/%s/sso/saml/metadata" % (APPS, app_id), params={"kid": kid} if kid else None)

    def signing_keys(self, app_id):
        """The app's signing keys: [{"kid", "expires_at" (ISO 8601)}]."""
        keys = self.client.get("%s/%s/credentials/keys" % (APPS, app_id))
        return [{"kid": k["kid"], "expires_at": k.get("expiresAt")} for k in keys]

    def generate_signing_key(self, app_id, validity_years):
        """A new signing key for the app (not yet the active one): {"kid", "expires_at"}. A retry after a lost answer
        may leave one unused key behind, which signs nothing."""
        key = self.client.post(
            "%s/%s/credentials/keys/generate" % (APPS, app_id), params={"validityYears": validity_years}
        )
        return {"kid": key["kid"], "expires_at": key.get("expiresAt")}

    def metadata_url(self, app):
        link = ((app.get("_links") or {}).get("metadata") or {}).get("href")
        return link or "%s%s/%s/sso/saml/metadata" % (self.org_url, APPS, app["id"])

    def logo(self, app):
        """The bytes of the app's logo, or None when it has none."""
        links = (app.get("_links") or {}).get("logo") or []
        href = links[0].get("href") if links else None
        return self.client.download(href) if href else None

    def upload_logo(self, app_id, path):
        with open(path, "rb") as handle:
            self.client.send(
                "POST", "%s/%s/logo" % (APPS, app_id), files={"file": (os.path.basename(path), handle.read())}
            )

    # -- groups ---------------------------------------------------------------------------------------------------

    def group(self, group_id):
        """{"id", "name"} of the group with this id, or None."""
        found = self.client.get_or_none("%s/%s" % (GROUPS, group_id))
        return _group(found) if found else None

    def groups_named(self, name):
        """{"id", "name"} of every group with exactly this name (q is a prefix search)."""
        return [
            _group(g) for g in self.client.paginate(GROUPS, {"q": name, "limit": PAGE}) if g["profile"]["name"] == name
        ]

    def app_groups(self, app_id):
        """{group id: group name} of the app's group assignments; OktaError 404 when there is no such app."""
        listing = self.client.paginate("%s/%s/groups" % (APPS, app_id), {"limit": PAGE, "expand": "group"})
        return {
            a["id"]: (((a.get("_embedded") or {}).get("group") or {}).get("profile") or {}).get("name") for a in listing
        }

    def app_users(self, app_id):
        """The app's user assignments (direct or through groups), each with its Okta user embedded."""
        return list(self.client.paginate("%s/%s/users" % (APPS, app_id), {"limit": 500, "expand": "user"}))

    def assign_group(self, app_id, group_id):
        self.client.put("%s/%s/groups/%s" % (APPS, app_id, group_id), {})

    def unassign_group(self, app_id, group_id):
        self.client.delete("%s/%s/groups/%s" % (APPS, app_id, group_id))
