"""A stateful test double of the Okta management API endpoints this collection uses.

Built to Okta's published API reference: SSWS and bearer auth, app CRUD where PUT replaces the
whole object, lifecycle rules, q prefix search, Link pagination, per-app signing keys with real
X.509 certificates, IdP metadata, rate-limit headers, Okta error bodies and the logo endpoint.
"""

import base64
import copy
import datetime
import email.parser
import email.policy
import json
import re
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from sandbox import okta_sign_in, okta_sso, pki
from sandbox.otp import totp_matches
from sandbox.server import Response

SSO_PATH = re.compile(r"/app/(?P<name>[^/]+)/(?P<exk>[^/]+)/sso/saml")
# The app's embed link (IdP-initiated sign-on, as on the Okta dashboard): it takes no SAMLRequest or RelayState.
EMBED_PATH = re.compile(r"/home/(?P<name>[^/]+)/(?P<app_id>0oa[^/]+)/[^/]+")
SIGN_IN_PATH = "/idp/idx/sign-in"
APP_PATH = re.compile(r"/api/v1/apps/(?P<id>[^/]+)(?P<rest>/.*)?")
READ_ONLY = ("id", "status", "created", "lastUpdated", "_links", "_embedded", "name")
REQUIRED_SAML_FIELDS = (
    "ssoAcsUrl",
    "audience",
    "recipient",
    "destination",
    "subjectNameIdTemplate",
    "subjectNameIdFormat",
    "signatureAlgorithm",
    "digestAlgorithm",
    "authnContextClassRef",
)
RATE_LIMIT = 600


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def okta_error(status, code, summary, causes=()):
    return Response.json(
        status,
        {
            "errorCode": code,
            "errorSummary": summary,
            "errorLink": code,
            "errorId": "oae" + secrets.token_hex(8),
            "errorCauses": [{"errorSummary": c} for c in causes],
        },
    )


def not_found(app_id):
    return okta_error(404, "E0000007", "Not found: Resource not found: %s (AppInstance)" % app_id)


def _b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64url_int(number):
    return base64.urlsafe_b64encode(number.to_bytes((number.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


class SigningKey:
    """One app signing key: an RSA key and Okta-style self-signed certificate."""

    def __init__(self, org_name, days=3650):
        self.kid = secrets.token_urlsafe(30)
        self.key, self.cert = pki.new_signing_cert(org_name, days)

    def jwk(self):
        numbers = self.key.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "e": _b64url_int(numbers.e),
            "n": _b64url_int(numbers.n),
            "x5c": [base64.b64encode(pki.cert_der(self.cert)).decode()],
            "created": now_iso(),
            "lastUpdated": now_iso(),
            "expiresAt": self.cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }


class OktaSandbox:
    """The org's state and the request handling; thread-safe behind one lock."""

    def __init__(self, base_url, api_token, org_name="twiliosandbox", page_size=None, service_app=None):
        self.base_url = base_url
        self.api_token = api_token
        self.org_name = org_name
        self.page_size = page_size
        self.service_app = service_app  # {"client_id": ..., "public_key": ...} for private_key_jwt
        self.lock = threading.Lock()
        self.apps = {}  # id -> app JSON as Okta would return it
        self.private = {}  # id -> {"exk", "keys": {kid: SigningKey}, "logo": bytes}
        self.bearer_tokens = {}
        self.counter = 0
        self.users = {}  # id -> {"id", "status", "profile": {...}, "password"}
        self.groups = {}  # id -> {"id", "type", "profile": {"name", "description"}, "members": set()}
        self.app_groups = {}  # app id -> {group id: assignment}
        self.seeded_users = []  # (email, password, group names), restored by a reset
        self.sign_ins = {}  # stateHandle -> a sign-in under way: app, SAMLRequest, RelayState, user, next step

    # -- plumbing ------------------------------------------------------------------------------------

    def rate_limit_headers(self):
        return {
            "X-Rate-Limit-Limit": str(RATE_LIMIT),
            "X-Rate-Limit-Remaining": str(RATE_LIMIT - 1),
            "X-Rate-Limit-Reset": str(int(time.time()) + 60),
        }

    def _authorized(self, request):
        header = request.headers.get("Authorization") or ""
        if header == "SSWS %s" % self.api_token:
            return True
        if header.startswith("Bearer "):
            expiry = self.bearer_tokens.get(header[7:])
            return expiry is not None and expiry > time.time()
        return False

    def handle(self, request):
        if request.path == "/oauth2/v1/token" and request.method == "POST":
            return self._token(request)
        if request.path.startswith("/fs/bco/1/"):
            return self._public_logo(request.path.rsplit("/", 1)[-1])
        sso = SSO_PATH.fullmatch(request.path)
        if sso:
            with self.lock:
                app_id = next((i for i, meta in self.private.items() if meta["exk"] == sso.group("exk")), None)
                return self._start_sign_in(app_id, request.arg("SAMLRequest"), request.arg("RelayState"))
        embed = EMBED_PATH.fullmatch(request.path)
        if embed:
            with self.lock:
                return self._start_sign_in(embed.group("app_id"), None, None)
        if request.path == SIGN_IN_PATH and request.method == "POST":
            with self.lock:
                return self._sign_in_step(request)
        if not request.path.startswith("/api/v1/"):
            return okta_error(404, "E0000022", "The endpoint does not support the provided HTTP method")
        if not self._authorized(request):
            return okta_error(401, "E0000011", "Invalid token provided")
        with self.lock:
            return self._route(request)

    def _route(self, request):
        directory = self._directory_route(request)
        if directory is not None:
            return directory
        if request.path == "/api/v1/apps":
            if request.method == "GET":
                return self._list(request)
            if request.method == "POST":
                return self._create(request)
            return okta_error(405, "E0000022", "The endpoint does not support the provided HTTP method")
        match = APP_PATH.fullmatch(request.path)
        if not match:
            return okta_error(404, "E0000007", "Not found: Resource not found: %s" % request.path)
        app_id, rest = match.group("id"), match.group("rest") or ""
        if app_id not in self.apps:
            return not_found(app_id)
        routes = {
            ("GET", ""): self._get,
            ("PUT", ""): self._replace,
            ("DELETE", ""): self._delete,
            ("POST", "/lifecycle/activate"): lambda a, r: self._lifecycle(a, "ACTIVE"),
            ("POST", "/lifecycle/deactivate"): lambda a, r: self._lifecycle(a, "INACTIVE"),
            ("GET", "/sso/saml/metadata"): self._metadata,
            ("GET", "/credentials/keys"): self._keys,
            ("POST", "/credentials/keys/generate"): self._generate_key,
            ("POST", "/logo"): self._upload_logo,
            ("GET", "/groups"): self._app_groups,
            ("GET", "/users"): self._app_users,
        }
        assignment = re.fullmatch(r"/groups/(?P<group>[^/]+)", rest)
        if assignment and request.method in ("PUT", "DELETE"):
            return self._assign_group(app_id, assignment.group("group"), request.method)
        route = routes.get((request.method, rest))
        if route is None:
            return okta_error(405, "E0000022", "The endpoint does not support the provided HTTP method")
        return route(app_id, request)

    # -- apps ----------------------------------------------------------------------------------------

    def _list(self, request):
        q = (request.arg("q") or "").lower()
        apps = [
            a
            for a in self.apps.values()
            if not q or a["label"].lower().startswith(q) or a["name"].lower().startswith(q)
        ]
        return self._page(request, apps, "/api/v1/apps")

    def _validate(self, body):
        causes = []
        if not isinstance(body, dict):
            return ["The request body is not a JSON object"]
        if not body.get("label"):
            causes.append("label: The field cannot be left blank")
        if body.get("signOnMode") != "SAML_2_0":
            causes.append("signOnMode: this sandbox supports SAML_2_0 apps only")
            return causes
        sign_on = (body.get("settings") or {}).get("signOn") or {}
        for name in REQUIRED_SAML_FIELDS:
            if not sign_on.get(name):
                causes.append("%s: The field cannot be left blank" % name)
        for name in ("ssoAcsUrl", "recipient", "destination"):
            if sign_on.get(name) and not re.match(r"https?://[^/]+", sign_on[name]):
                causes.append("%s: Must be a valid URL" % name)
        if sign_on.get("signatureAlgorithm") not in (None, "RSA_SHA256", "RSA_SHA1"):
            causes.append("signatureAlgorithm: Invalid value")
        if sign_on.get("digestAlgorithm") not in (None, "SHA256", "SHA1"):
            causes.append("digestAlgorithm: Invalid value")
        return causes

    def _links(self, app_id):
        app_name = self.apps[app_id]["name"] if app_id in self.apps else None
        logo = self.private[app_id].get("logo_id") if app_id in self.private else None
        # Okta serves logos from its CDN without authentication; the sandbox serves them itself.
        logo_href = "%s/fs/bco/1/%s" % (self.base_url, logo or "default")
        return {
            "self": {"href": "%s/api/v1/apps/%s" % (self.base_url, app_id)},
            "metadata": {
                "href": "%s/api/v1/apps/%s/sso/saml/metadata" % (self.base_url, app_id),
                "type": "application/xml",
            },
            "appLinks": [
                {
                    "name": app_name,
                    "href": "%s/home/%s/%s/alnk" % (self.base_url, app_name, app_id),
                    "type": "text/html",
                }
            ],
            "logo": [{"name": "medium", "href": logo_href, "type": "image/png"}],
            "users": {"href": "%s/api/v1/apps/%s/users" % (self.base_url, app_id)},
            "groups": {"href": "%s/api/v1/apps/%s/groups" % (self.base_url, app_id)},
            "deactivate": {"href": "%s/api/v1/apps/%s/lifecycle/deactivate" % (self.base_url, app_id)},
        }

    def _create(self, request):
        body = request.json()
        causes = self._validate(body)
        if causes:
            return okta_error(400, "E0000001", "Api validation failed: %s" % causes[0].split(":")[0], causes)
        self.counter += 1
        app_id = "0oa" + secrets.token_hex(9)
        slug = re.sub(r"[^a-z0-9]", "", body["label"].lower()) or "app"
        key = SigningKey(self.org_name)
        self.private[app_id] = {"exk": "exk" + secrets.token_hex(9), "keys": {key.kid: key}, "logo": None}
        app = self._stored(
            body,
            app_id,
            "%s_%s_%d" % (self.org_name, slug, self.counter),
            "ACTIVE" if request.arg("activate", "true") == "true" else "INACTIVE",
            now_iso(),
        )
        app["credentials"].setdefault("signing", {})["kid"] = key.kid
        self.apps[app_id] = app
        app["_links"] = self._links(app_id)
        return Response.json(200, app)

    def _stored(self, body, app_id, name, status, created):
        """The app as stored: what the client sent, plus the fields Okta fills in itself."""
        app = {k: v for k, v in copy.deepcopy(body).items() if k not in READ_ONLY}
        app.update(id=app_id, name=name, status=status, created=created, lastUpdated=now_iso())
        app.setdefault("features", [])
        app.setdefault("accessibility", {"selfService": False, "errorRedirectUrl": None, "loginRedirectUrl": None})
        app.setdefault(
            "visibility", {"autoSubmitToolbar": False, "hide": {"iOS": False, "web": False}, "appLinks": {name: True}}
        )
        app.setdefault("credentials", {})
        app["credentials"].setdefault("userNameTemplate", {"template": "${source.login}", "type": "BUILT_IN"})
        settings = app.setdefault("settings", {})
        settings.setdefault("app", {})
        settings.setdefault("notifications", {"vpn": {"network": {"connection": "DISABLED"}}})
        settings.setdefault("manualProvisioning", False)
        settings.setdefault("notes", {"admin": None, "enduser": None})
        sign_on = settings.setdefault("signOn", {})
        sign_on.setdefault("defaultRelayState", "")
        sign_on.setdefault("assertionEncryption", {"enabled": False})
        sign_on.setdefault("attributeStatements", [])
        sign_on.setdefault("acsEndpoints", [])
        sign_on.setdefault("samlSignedRequestEnabled", False)
        sign_on.setdefault("slo", {"enabled": False})
        sign_on.setdefault("idpIssuer", "http://www.okta.com/${org.externalKey}")
        sign_on.setdefault("requestCompressed", False)
        sign_on.setdefault("allowMultipleAcsEndpoints", False)
        return app

    def _get(self, app_id, request):  # pylint: disable=unused-argument
        return Response.json(200, self.apps[app_id])

    def _replace(self, app_id, request):
        body = request.json()
        causes = self._validate(body)
        if causes:
            return okta_error(400, "E0000001", "Api validation failed: %s" % causes[0].split(":")[0], causes)
        old = self.apps[app_id]
        kid = ((body.get("credentials") or {}).get("signing") or {}).get("kid")
        if kid and kid not in self.private[app_id]["keys"]:
            return okta_error(
                400,
                "E0000001",
                "Api validation failed: credentials.signing.kid",
                ["credentials.signing.kid: No key with this id"],
            )
        app = self._stored(body, app_id, old["name"], old["status"], old["created"])
        app["_links"] = self._links(app_id)
        self.apps[app_id] = app
        return Response.json(200, app)

    def _delete(self, app_id, request):  # pylint: disable=unused-argument
        if self.apps[app_id]["status"] == "ACTIVE":
            return okta_error(
                403,
                "E0000056",
                "Delete application forbidden.",
                ["Applications must be deactivated before they can be deleted."],
            )
        del self.apps[app_id]
        del self.private[app_id]
        self.app_groups.pop(app_id, None)
        return Response(204)

    def _lifecycle(self, app_id, status):
        self.apps[app_id]["status"] = status
        self.apps[app_id]["lastUpdated"] = now_iso()
        return Response.json(200, {})

    # -- users, groups and app assignments -----------------------------------------------------------------

    def _page(self, request, items, path, max_limit=200):
        """One page of items with Okta's Link rel="next" cursor; max_limit is the endpoint's own cap (Okta: 200 for
        most lists, 500 for an app's users)."""
        limit = min(int(request.arg("limit") or 200), max_limit, self.page_size or max_limit)
        after = request.arg("after")
        if after:
            ids = [i["id"] for i in items]
            items = items[ids.index(after) + 1 :] if after in ids else []
        page = items[:limit]
        headers = {}
        if len(items) > limit:
            params = {k: v[0] for k, v in request.query.items() if k != "after"}
            params.update(after=page[-1]["id"], limit=limit)
            headers["Link"] = '<%s%s?%s>; rel="next"' % (self.base_url, path, urlencode(params))
        return Response.json(200, page, headers)

    @staticmethod
    def _group_json(group):
        return {k: v for k, v in group.items() if k != "members"}

    def _directory_route(self, request):
        path, method = request.path, request.method
        if path == "/api/v1/groups":
            if method == "POST":
                return Response.json(200, self._group_json(self._new_group(request.json().get("profile", {}))))
            q = (request.arg("q") or "").lower()
            found = [self._group_json(g) for g in self.groups.values() if g["profile"]["name"].lower().startswith(q)]
            return self._page(request, found, path)
        match = re.fullmatch(r"/api/v1/groups/(?P<group>[^/]+)(?:/users/(?P<user>[^/]+))?", path)
        if match:
            group = self.groups.get(match.group("group"))
            if group is None:
                return okta_error(
                    404, "E0000007", "Not found: Resource not found: %s (UserGroup)" % match.group("group")
                )
            if match.group("user") and method in ("PUT", "DELETE"):
                if match.group("user") not in self.users:
                    return okta_error(404, "E0000007", "Not found: Resource not found: %s (User)" % match.group("user"))
                if method == "PUT":
                    group["members"].add(match.group("user"))
                else:
                    group["members"].discard(match.group("user"))
                return Response(204)
            return Response.json(200, self._group_json(group))
        if path == "/api/v1/users" and method == "POST":
            body = request.json()
            user_id = self._new_user(
                body.get("profile", {}), ((body.get("credentials") or {}).get("password") or {}).get("value")
            )
            return Response.json(200, {k: v for k, v in self.users[user_id].items() if k != "password"})
        return None

    def _app_groups(self, app_id, request):
        """List assigned groups; expand=group embeds each group (Okta: _embedded.group)."""
        assignments = list(self.app_groups.get(app_id, {}).values())
        if request.arg("expand") == "group":
            assignments = [dict(a, _embedded={"group": self._group_json(self.groups[a["id"]])}) for a in assignments]
        return self._page(request, assignments, "/api/v1/apps/%s/groups" % app_id)

    def _app_users(self, app_id, request):
        """Okta's AppUser list: users assigned through groups (scope GROUP), their app username from the app's
        userNameTemplate; expand=user embeds each user (Okta: _embedded.user)."""
        template = ((self.apps[app_id].get("credentials") or {}).get("userNameTemplate") or {}).get("template")
        source = {"${source.email}": "email", "${source.login}": "login"}.get(template, "login")
        app_users = []
        for user_id in sorted(self.assigned_users(app_id)):
            user = self.users[user_id]
            app_user = {
                "id": user_id,
                "externalId": None,
                "created": now_iso(),
                "lastUpdated": now_iso(),
                "scope": "GROUP",
                "status": "ACTIVE",
                "syncState": "DISABLED",
                "credentials": {"userName": user["profile"][source]},
                "profile": {},
                "_links": {"user": {"href": "%s/api/v1/users/%s" % (self.base_url, user_id)}},
            }
            if request.arg("expand") == "user":
                app_user["_embedded"] = {"user": {k: v for k, v in user.items() if k != "password"}}
            app_users.append(app_user)
        return self._page(request, app_users, "/api/v1/apps/%s/users" % app_id, max_limit=500)

    def _assign_group(self, app_id, group_id, method):
        if group_id not in self.groups:
            return okta_error(404, "E0000007", "Not found: Resource not found: %s (UserGroup)" % group_id)
        assignments = self.app_groups.setdefault(app_id, {})
        if method == "DELETE":
            assignments.pop(group_id, None)
            return Response(204)
        assignments[group_id] = {
            "id": group_id,
            "priority": len(assignments),
            "lastUpdated": now_iso(),
            "_links": {"group": {"href": "%s/api/v1/groups/%s" % (self.base_url, group_id)}},
        }
        return Response.json(200, assignments[group_id])

    def assigned_users(self, app_id):
        """Users who may sign in to the app: members of its assigned groups."""
        members = set()
        for group_id in self.app_groups.get(app_id, {}):
            members |= self.groups[group_id]["members"]
        return members

    # -- SAML sign-in (the IdP side of the end-to-end check) -----------------------------------------

    def add_user(self, email, password, group_names=()):
        """A test user (login = email) and its group memberships; groups are created as needed."""
        self.seeded_users.append((email, password, tuple(group_names)))
        return self._add_user(email, password, group_names)

    def _add_user(self, email, password, group_names):
        first = email.split("@")[0].capitalize()
        user_id = self._new_user({"login": email, "email": email, "firstName": first, "lastName": "Sandbox"}, password)
        for name in group_names:
            group = next((g for g in self.groups.values() if g["profile"]["name"] == name), None)
            if group is None:
                group = self._new_group({"name": name, "description": ""})
            group["members"].add(user_id)
        return user_id

    def _new_user(self, profile, password):
        user_id = "00u" + secrets.token_hex(9)[:17]
        self.users[user_id] = {"id": user_id, "status": "ACTIVE", "profile": profile, "password": password}
        return user_id

    def _new_group(self, profile):
        group_id = "00g" + secrets.token_hex(9)[:17]
        group = self.groups[group_id] = {
            "id": group_id,
            "type": "OKTA_GROUP",
            "created": now_iso(),
            "profile": profile,
            "members": set(),
        }
        return group

    def _start_sign_in(self, app_id, saml_request, relay_state):
        """A sign-on URL opens the hosted sign-in page: identifier first, then password, then an authenticator."""
        if app_id not in self.apps or self.apps[app_id]["status"] != "ACTIVE":
            return okta_sign_in.not_found_page()
        handle = secrets.token_urlsafe(24)
        self.sign_ins[handle] = {"app_id": app_id, "saml_request": saml_request, "relay_state": relay_state}
        return okta_sign_in.step_page(self.org_name, SIGN_IN_PATH, "identify", handle)

    def _sign_in_step(self, request):
        form = {k: v[0] for k, v in parse_qs(request.body.decode(), keep_blank_values=True).items()}
        handle = form.get("stateHandle", "")
        flow = self.sign_ins.get(handle)
        if flow is None:
            return okta_sign_in.terminal_page(self.org_name, "The session has expired.", 401)
        if "identifier" in form:
            flow["user"] = next(
                (u for u in self.users.values() if u["profile"]["login"].lower() == form["identifier"].strip().lower()),
                None,
            )
            flow["identifier"] = form["identifier"].strip()
            return okta_sign_in.step_page(self.org_name, SIGN_IN_PATH, "password", handle, flow["identifier"])
        user, passcode = flow.get("user"), form.get("credentials.passcode", "")
        if "password_ok" not in flow:
            if user is None or user["password"] != passcode:
                return okta_sign_in.step_page(
                    self.org_name, SIGN_IN_PATH, "password", handle, flow.get("identifier"), "Unable to sign in"
                )
            flow["password_ok"] = True
            if user.get("totp_secret"):
                return okta_sign_in.step_page(self.org_name, SIGN_IN_PATH, "google_otp", handle, flow["identifier"])
        elif not totp_matches(user["totp_secret"], passcode):
            return okta_sign_in.step_page(
                self.org_name, SIGN_IN_PATH, "google_otp", handle, flow["identifier"], "Invalid code. Try again."
            )
        del self.sign_ins[handle]
        return self._saml_answer(flow, user)

    def _saml_answer(self, flow, user):
        app_id = flow["app_id"]
        if app_id not in self.apps:
            return okta_sign_in.not_found_page()
        app = self.apps[app_id]
        if user["id"] not in self.assigned_users(app_id):
            return okta_sign_in.terminal_page(self.org_name, "User is not assigned to this application.")
        template = ((app.get("credentials") or {}).get("userNameTemplate") or {}).get("template") or "${source.login}"
        signed_in = dict(user, app_username=okta_sso.expand(template, dict(user, app_username=None)))
        xml = okta_sso.saml_response(
            app,
            self.idp_issuer(app_id),
            self.current_key(app_id),
            signed_in,
            okta_sso.authn_request_id(flow["saml_request"]),
        )
        relay_state = flow["relay_state"] or app["settings"]["signOn"].get("defaultRelayState") or None
        return okta_sso.post_form_page(app["settings"]["signOn"]["ssoAcsUrl"], xml, relay_state)

    def enroll_totp(self, login, secret):
        """Give a user the Google Authenticator factor (tests)."""
        user = next(u for u in self.users.values() if u["profile"]["login"] == login)
        user["totp_secret"] = secret

    def embed_link(self, app_id):
        return "%s/home/%s/%s/aln%s" % (self.base_url, self.apps[app_id]["name"], app_id, app_id[3:13])

    # -- keys, metadata, logo ------------------------------------------------------------------------

    def current_key(self, app_id):
        kid = ((self.apps[app_id].get("credentials") or {}).get("signing") or {}).get("kid")
        keys = self.private[app_id]["keys"]
        return keys.get(kid) or next(iter(keys.values()))

    def idp_issuer(self, app_id):
        return "http://www.okta.com/%s" % self.private[app_id]["exk"]

    def idp_sso_url(self, app_id):
        return "%s/app/%s/%s/sso/saml" % (self.base_url, self.apps[app_id]["name"], self.private[app_id]["exk"])

    def _keys(self, app_id, request):  # pylint: disable=unused-argument
        return Response.json(200, [k.jwk() for k in self.private[app_id]["keys"].values()])

    def _generate_key(self, app_id, request):
        years = int(request.arg("validityYears") or 2)
        if not 2 <= years <= 10:
            return okta_error(
                400, "E0000001", "Api validation failed: validityYears", ["validityYears: must be between 2 and 10"]
            )
        key = SigningKey(self.org_name, days=365 * years)
        self.private[app_id]["keys"][key.kid] = key
        return Response.json(201, key.jwk())

    def _metadata(self, app_id, request):
        accept = request.headers.get("Accept") or ""
        if "xml" not in accept and "*/*" not in accept:
            return okta_error(406, "E0000065", "Unsupported Accept header: use application/xml")
        kid = request.arg("kid")
        key = self.private[app_id]["keys"].get(kid) if kid else self.current_key(app_id)
        if key is None:
            return okta_error(404, "E0000007", "Not found: Resource not found: %s (AppInstanceKey)" % kid)
        cert = base64.b64encode(pki.cert_der(key.cert)).decode()
        sso = self.idp_sso_url(app_id)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"'
            ' entityID="%s"><md:IDPSSODescriptor WantAuthnRequestsSigned="false"'
            ' protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing">'
            '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>%s'
            '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>'
            '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>'
            '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"/>'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>'
            '</md:IDPSSODescriptor></md:EntityDescriptor>' % (self.idp_issuer(app_id), cert, sso, sso)
        )
        return Response(200, xml.encode("iso-8859-1"), "application/xml;charset=ISO-8859-1")

    def _upload_logo(self, app_id, request):
        content_type = request.headers.get("Content-Type") or ""
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.body
        )
        parts = [p for p in message.iter_parts() if p.get_param("name", header="content-disposition") == "file"]
        if not message.is_multipart() or not parts:
            return okta_error(400, "E0000001", "Api validation failed: file", ["file: A multipart file is required"])
        data = parts[0].get_payload(decode=True)
        if len(data) > 1024 * 1024:
            return okta_error(400, "E0000001", "Api validation failed: file", ["file: The file must be under 1 MB"])
        logo_id = "fs0" + secrets.token_hex(9)
        self.private[app_id]["logo"] = data
        self.private[app_id]["logo_id"] = logo_id
        self.apps[app_id]["_links"] = self._links(app_id)
        return Response(201)

    def _public_logo(self, logo_id):
        with self.lock:
            for meta in self.private.values():
                if meta.get("logo_id") == logo_id:
                    return Response(200, meta["logo"], "image/png")
        if logo_id == "default":
            return Response(200, b"sandbox default logo", "image/png")
        return Response(404, b"", "text/plain")

    # -- OAuth 2.0 service app -----------------------------------------------------------------------

    def _token(self, request):
        form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
        error = self._check_client_assertion(form)
        if error:
            return Response.json(
                401 if error[0] == "invalid_client" else 400, {"error": error[0], "error_description": error[1]}
            )
        token = secrets.token_urlsafe(32)
        self.bearer_tokens[token] = time.time() + 3600
        return Response.json(
            200, {"token_type": "Bearer", "expires_in": 3600, "access_token": token, "scope": form.get("scope", "")}
        )

    def _check_client_assertion(self, form):
        if form.get("grant_type") != "client_credentials":
            return ("unsupported_grant_type", "The authorization grant type is not supported.")
        if self.service_app is None or "client_assertion" not in form:
            return ("invalid_client", "Client authentication failed.")
        try:
            header_b64, claims_b64, signature_b64 = form["client_assertion"].split(".")
            header, claims = json.loads(_b64url_decode(header_b64)), json.loads(_b64url_decode(claims_b64))
            signature = _b64url_decode(signature_b64)
            signed = ("%s.%s" % (header_b64, claims_b64)).encode()
            public_key = serialization.load_pem_public_key(self.service_app["public_key"])
            if header.get("alg") == "RS256":
                public_key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
            elif header.get("alg") == "ES256":
                der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
                public_key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
            else:
                return ("invalid_client", "The client_assertion signature algorithm is not supported.")
        except (ValueError, InvalidSignature, TypeError):
            return ("invalid_client", "The client_assertion signature is invalid.")
        expected = self.service_app["client_id"]
        if claims.get("iss") != expected or claims.get("sub") != expected:
            return ("invalid_client", "The client_assertion iss and sub must be the client_id.")
        if claims.get("aud") != self.base_url + "/oauth2/v1/token":
            return ("invalid_client", "The audience of the client_assertion is invalid.")
        if not claims.get("exp") or claims["exp"] < time.time():
            return ("invalid_client", "The client_assertion token is expired.")
        if not set(form.get("scope", "").split()) <= {"okta.apps.read", "okta.apps.manage", "okta.groups.read"}:
            return ("invalid_scope", "The requested scope is invalid, unknown, or malformed.")
        return None

    # -- sandbox-only API for tests ------------------------------------------------------------------

    def sandbox_api(self, request):
        if request.path == "/__sandbox/state" and request.method == "DELETE":
            with self.lock:
                for state in (self.apps, self.private, self.app_groups, self.users, self.groups, self.sign_ins):
                    state.clear()
                for seed in self.seeded_users:
                    self._add_user(*seed)
            return Response(204)
        if request.path == "/__sandbox/users/totp" and request.method == "POST":
            with self.lock:
                self.enroll_totp(request.json()["login"], request.json()["secret"])
            return Response(204)
        expiring = re.fullmatch(r"/__sandbox/apps/(?P<id>[^/]+)/expiring-key", request.path)
        if expiring and request.method == "POST":  # {"days": N}: the app signs with a key that expires in N days
            with self.lock:
                key = SigningKey(self.org_name, days=int(request.json()["days"]))
                self.private[expiring.group("id")]["keys"][key.kid] = key
                self.apps[expiring.group("id")]["credentials"].setdefault("signing", {})["kid"] = key.kid
            return Response.json(200, key.jwk())
        if request.path == "/__sandbox/apps/embed-links":
            with self.lock:
                return Response.json(200, {app_id: self.embed_link(app_id) for app_id in self.apps})
        return Response.json(404, {"error": "unknown sandbox endpoint"})
