"""An in-memory stand-in for OktaApi, so that the engines' every branch runs in the fast suite.

It keeps Okta's behaviour where the engines depend on it (documented in ../shared/reference/okta-saml-app-api.md):
apps get an id, a status, created and links; an update replaces the whole app and keeps only what was sent; only
an inactive app can be deleted; listing the groups of an unknown app is a 404. The lookups that are logic rather
than transport (OktaApi.one_saml_app) are the real code, inherited. writes records every write, in order."""

import copy
import itertools

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.api import SAML_2_0, OktaApi
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError


class FakeOktaApi(OktaApi):
    org_url = "https://example.okta.com"

    def __init__(self, metadata_xml, apps=(), groups=(), assignments=None):
        super().__init__(client=None)
        self.metadata_xml = metadata_xml
        self.apps = {a["id"]: copy.deepcopy(a) for a in apps}
        self.groups = {g["id"]: g["name"] for g in groups}
        self.assignments = {app_id: set(ids) for app_id, ids in (assignments or {}).items()}
        self.logos = {}
        self.keys = {}  # app id -> [{"kid", "expires_at"}], the active one named by credentials.signing.kid
        self.writes = []
        self.slept = []
        self.ids = itertools.count(1)

    def sleep(self, seconds):
        self.slept.append(seconds)

    def saml_apps(self, label=None):
        return [
            copy.deepcopy(a)
            for a in self.apps.values()
            if a.get("signOnMode") == SAML_2_0 and (label is None or a.get("label") == label)
        ]

    def saml_app(self, app_id):
        app = self.apps.get(app_id)
        return copy.deepcopy(app) if app and app.get("signOnMode") == SAML_2_0 else None

    def create_app(self, body, active, on_uncertain):
        app_id = "0oa%017d" % next(self.ids)
        app = dict(
            copy.deepcopy(body),
            id=app_id,
            status="ACTIVE" if active else "INACTIVE",
            created="2026-11-29T10:00:%02d.000Z" % len(self.apps),
            _links={},
        )
        self.apps[app_id] = app
        self.writes.append(("create_app", body["label"], active))
        return copy.deepcopy(app)

    def replace_app(self, app_id, body):
        current = self._app(app_id)
        kept = {k: current[k] for k in ("id", "status", "created", "_links") if k in current}
        self.apps[app_id] = dict(copy.deepcopy(body), **kept)
        self.writes.append(("replace_app", app_id))
        return copy.deepcopy(self.apps[app_id])

    def set_app_status(self, app_id, status):
        self._app(app_id)["status"] = status
        self.writes.append(("set_app_status", app_id, status))

    def delete_app(self, app_id):
        if self._app(app_id)["status"] == "ACTIVE":
            raise OktaError("Okta DELETE failed: HTTP 403 E0000056: Delete application forbidden.", 403, "E0000056")
        del self.apps[app_id]
        self.writes.append(("delete_app", app_id))

    def idp_metadata(self, app_id, kid=None):
        self._app(app_id)
        return self.metadata_xml

    def signing_keys(self, app_id):
        self._app(app_id)
        return copy.deepcopy(self.keys.get(app_id, []))

    def generate_signing_key(self, app_id, validity_years):
        key = {"kid": "kid-%d" % next(self.ids), "expires_at": "%d-01-01T00:00:00.000Z" % (2026 + validity_years)}
        self.keys.setdefault(app_id, []).append(key)
        self.writes.append(("generate_signing_key", app_id, validity_years))
        return dict(key)

    def logo(self, app):
        return self.logos.get(app["id"])

    def upload_logo(self, app_id, path):
        with open(path, "rb") as handle:
            self.logos[app_id] = handle.read()
        self.writes.append(("upload_logo", app_id))

    def group(self, group_id):
        return {"id": group_id, "name": self.groups[group_id]} if group_id in self.groups else None

    def groups_named(self, name):
        return [{"id": gid, "name": n} for gid, n in self.groups.items() if n == name]

    def app_groups(self, app_id):
        if app_id not in self.apps:
            raise OktaError("Okta GET failed: HTTP 404 E0000007: Not found", 404, "E0000007")
        return {gid: self.groups.get(gid) for gid in self.assignments.get(app_id, set())}

    def assign_group(self, app_id, group_id):
        self.assignments.setdefault(app_id, set()).add(group_id)
        self.writes.append(("assign_group", app_id, group_id))

    def unassign_group(self, app_id, group_id):
        self.assignments[app_id].discard(group_id)
        self.writes.append(("unassign_group", app_id, group_id))

    def _app(self, app_id):
        if app_id not in self.apps:
            raise OktaError("Okta call failed: HTTP 404 E0000007: Not found", 404, "E0000007")
        return self.apps[app_id]


@pytest.fixture
def fake_okta(fixture_text):
    """fake_okta(apps=..., groups=..., assignments=...) -> a FakeOktaApi that serves a real-shaped IdP metadata."""

    def make(**state):
        return FakeOktaApi(fixture_text("okta-idp-metadata.xml").encode(), **state)

    return make
