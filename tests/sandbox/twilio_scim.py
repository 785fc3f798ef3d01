"""Twilio's organization API as its documentation describes it (../shared/reference/twilio-scim-and-okta-provisioning.md
and the published spec twilio_iam_organizations.yaml): the OAuth token endpoint (client credentials) and SCIM Users.

- POST /v2/token (form: grant_type=client_credentials, client_id, client_secret): a Bearer token for an hour.
- /scim/v2/Users: filter only `userName eq "..."` or `externalId eq "..."` (else 25001), no paging; create needs
  userName = the primary email (25014) in a verified domain (25017); a duplicate userName or externalId is 25022 (409),
  a deactivated user keeps its userName; DELETE deactivates (204), never deletes; PUT replaces, PATCH takes
  PatchOp replace operations; If-Match (or meta.version on PUT) must match the current version (25020, 409);
  every create sends a welcome email, recorded for tests.
The organization's managed users are what the Admin Center sandbox's ACS accepts: only active ones may sign in."""

import re
import secrets
import time
import urllib.parse

from sandbox.server import Response

SCIM = "/scim/v2/Users"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
FILTER = re.compile(r'^(userName|externalId) eq "([^"]*)"$')
PATCHABLE = {"active", "name.givenName", "name.familyName", "displayName", "externalId", "timezone", "locale"}


def scim_error(status, code, detail, scim_type=None):
    body = {
        "schemas": [ERROR_SCHEMA],
        "status": str(status),
        "code": code,
        "detail": detail,
        "moreInfo": "https://www.twilio.com/docs/errors/%d" % code,
    }
    if scim_type:
        body["scimType"] = scim_type
    return Response(status, Response.json(status, body).body, "application/scim+json")


def scim_json(status, body):
    return Response(status, Response.json(status, body).body, "application/scim+json")


class ScimDirectory:
    """The organization's managed users, its OAuth app and its verified domains."""

    def __init__(self, client_id, client_secret, verified_domains):
        self.client_id, self.client_secret = client_id, client_secret
        self.verified_domains = set(verified_domains)
        self.tokens = {}  # token -> expiry
        self.users = {}  # id -> SCIM user
        self.seeded = []
        self.welcome_emails = []

    # -- for the sandbox itself and the tests -------------------------------------------------------------

    def seed(self, email):
        """A managed user that exists from the start (created in Console, no welcome email recorded)."""
        self.seeded.append(email)
        self._store(self._new_user({"userName": email, "emails": [{"value": email, "primary": True}]}))

    def reset(self):
        self.users.clear()
        self.welcome_emails.clear()
        for email in self.seeded:
            self._store(self._new_user({"userName": email, "emails": [{"value": email, "primary": True}]}))

    def active_user_names(self):
        return {u["userName"] for u in self.users.values() if u["active"]}

    # -- HTTP --------------------------------------------------------------------------------------------

    def handle(self, request):
        if request.path == "/v2/token" and request.method == "POST":
            return self._token(request)
        if not self._authorized(request):
            return scim_error(401, 25018, "Request not authorized")
        if request.path == SCIM:
            return self._list(request) if request.method == "GET" else self._create(request)
        match = re.fullmatch(SCIM + r"/(US[0-9a-f]{32})", request.path)
        user = self.users.get(match.group(1)) if match else None
        if user is None:
            return scim_error(404, 25008, "SCIM user not found")
        if request.method == "GET":
            return scim_json(200, user)
        if request.method == "DELETE":
            user["active"] = False  # Twilio deactivates; the user and its userName stay
            self._touch(user)
            return Response(204)
        conflict = self._version_conflict(request, user)
        if conflict:
            return conflict
        if request.method == "PUT":
            return self._replace(request, user)
        if request.method == "PATCH":
            return self._patch(request, user)
        return scim_error(405, 25019, "Method not allowed")

    def _token(self, request):
        form = {k: v[0] for k, v in urllib.parse.parse_qs(request.body.decode()).items()}
        if form.get("grant_type") != "client_credentials":
            return Response.json(400, {"error": "unsupported_grant_type"})
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return Response.json(401, {"error": "invalid_client", "error_description": "Invalid client credentials"})
        token = secrets.token_urlsafe(32)
        self.tokens[token] = time.time() + 3600
        return Response.json(
            200,
            {
                "access_token": token,
                "id_token": None,
                "refresh_token": None,
                "token_type": "Bearer",
                "expires_in": 3600,
            },
        )

    def _authorized(self, request):
        header = request.headers.get("Authorization") or ""
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else None
        return token is not None and self.tokens.get(token, 0) > time.time()

    def _list(self, request):
        expression = request.arg("filter")
        found = list(self.users.values())
        if expression is not None:
            match = FILTER.match(expression)
            if not match:
                return scim_error(400, 25001, "Invalid filter: only userName or externalId with eq", "invalidFilter")
            found = [u for u in found if u.get(match.group(1)) == match.group(2)]
        return scim_json(200, {"schemas": [LIST_SCHEMA], "totalResults": len(found), "Resources": found})

    def _check(self, body, user=None):
        """A SCIM error Response for a body Twilio would refuse, or None."""
        name = body.get("userName")
        if not isinstance(name, str) or not 2 <= len(name) <= 255:
            return scim_error(400, 25005, "userName is invalid or missing", "invalidValue")
        emails = body.get("emails") or []
        primary = [e for e in emails if e.get("primary")] or (emails if len(emails) == 1 else [])
        if len(primary) != 1:
            return scim_error(400, 25010, "Primary email is missing", "invalidValue")
        if primary[0].get("value") != name:
            return scim_error(400, 25014, "Primary email does not match userName", "invalidValue")
        if name.rpartition("@")[2].lower() not in self.verified_domains:
            return scim_error(400, 25017, "Email domain %s is unverified" % name.rpartition("@")[2], "invalidValue")
        for key, code in (("givenName", 25002), ("familyName", 25003)):
            value = (body.get("name") or {}).get(key)
            if value is not None and not 2 <= len(value) <= 255:
                return scim_error(400, code, "%s must be 2 to 255 characters" % key, "invalidValue")
        for other in self.users.values():
            if other is user:
                continue
            if other["userName"] == name or (body.get("externalId") and other.get("externalId") == body["externalId"]):
                return scim_error(409, 25022, "User with this userName or externalId already exists", "uniqueness")
        if user is not None and user["userName"] != name:
            return scim_error(400, 25013, "userName update is not supported", "mutability")
        return None

    def _create(self, request):
        body = request.json() or {}
        refused = self._check(body)
        if refused:
            return refused
        user = self._store(self._new_user(body))
        self.welcome_emails.append(user["userName"])
        return scim_json(201, user)

    def _replace(self, request, user):
        body = request.json() or {}
        refused = self._check(body, user)
        if refused:
            return refused
        kept = {k: user[k] for k in ("id", "meta", "schemas")}
        user.clear()
        user.update(self._fields(body), **kept)
        self._touch(user)
        return scim_json(200, user)

    def _patch(self, request, user):
        body = request.json() or {}
        if PATCH_SCHEMA not in (body.get("schemas") or []):
            return scim_error(400, 25015, "SCIM PATCH request is invalid", "invalidSyntax")
        for operation in body.get("Operations") or []:
            if str(operation.get("op", "")).lower() != "replace":
                return scim_error(400, 25015, "SCIM PATCH request is invalid", "invalidSyntax")
            if operation.get("path") not in PATCHABLE:
                continue  # Twilio ignores unknown paths
            head, _dot, tail = operation["path"].partition(".")
            if tail:
                user.setdefault(head, {})[tail] = operation.get("value")
            else:
                user[head] = operation.get("value")
        self._touch(user)
        return scim_json(200, user)

    def _version_conflict(self, request, user):
        wanted = request.headers.get("If-Match")
        if wanted is None and request.method == "PUT":
            wanted = ((request.json() or {}).get("meta") or {}).get("version")
        if wanted is not None and wanted != user["meta"]["version"]:
            return scim_error(409, 25020, "Version conflict", "invalidValue")
        return None

    @staticmethod
    def _fields(body):
        fields = {
            "userName": body["userName"],
            "emails": body.get("emails") or [],
            "active": body.get("active", True),
            "schemas": [USER_SCHEMA],
        }
        for key in ("externalId", "displayName", "name", "locale", "timezone"):
            if body.get(key) is not None:
                fields[key] = body[key]
        return fields

    def _new_user(self, body):
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return dict(
            self._fields(body),
            id="US" + secrets.token_hex(16),
            meta={"resourceType": "user", "created": now, "lastModified": now, "version": "W/1"},
        )

    def _store(self, user):
        self.users[user["id"]] = user
        return user

    @staticmethod
    def _touch(user):
        user["meta"]["version"] = "W/%d" % (int(user["meta"]["version"][2:]) + 1)
        user["meta"]["lastModified"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
