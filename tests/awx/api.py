"""A test double of AWX's REST API for credential types (/api/v2/credential_types/), enough for awx.awx's
credential_type module: token login with basic auth (POST /api/v2/tokens/), bearer tokens, lookups by name in list
views ({count, results}), create, PATCH, and AWX's validation of a definition (see credential_types.problems),
including AWX's own normalisation of a field without a type to type string."""

import base64
import copy
import itertools
import re
import secrets
import threading

from awx.credential_types import problems
from sandbox.server import Response

API = "/api/v2/"
ITEM = re.compile(r"^/api/v2/credential_types/(\d+)/$")
TOKEN = re.compile(r"^/api/v2/tokens/(\d+)/$")


class AwxApi:
    """handle(request) -> Response, for sandbox.server.serve_https."""

    def __init__(self, username, password):
        self.username, self.password = username, password
        self.tokens, self.token_ids = set(), {}
        self.types = {}
        self.ids = itertools.count(1)
        self.lock = threading.Lock()
        self.base_url = None

    def rate_limit_headers(self):
        return {"X-API-Product-Name": "AWX", "X-API-Product-Version": "24.6.1"}

    def handle(self, request):
        with self.lock:
            if request.path == API + "tokens/" and request.method == "POST":
                return self._token(request)
            if not self._authorized(request):
                return Response.json(401, {"detail": "Authentication credentials were not provided."})
            token = TOKEN.match(request.path)
            if token and request.method == "DELETE":  # awx.awx releases its token at the end of each task
                self.tokens.discard(self.token_ids.pop(int(token.group(1)), None))
                return Response(204)
            if request.path == API + "credential_types/":
                return self._list(request) if request.method == "GET" else self._create(request)
            match = ITEM.match(request.path)
            if match and int(match.group(1)) in self.types:
                item = self.types[int(match.group(1))]
                if request.method == "PATCH":
                    return self._update(item, request.json())
                if request.method == "GET":
                    return Response.json(200, item)
            return Response.json(404, {"detail": "Not found."})

    def _basic(self, request):
        expected = "Basic " + base64.b64encode(("%s:%s" % (self.username, self.password)).encode()).decode()
        return request.headers.get("Authorization") == expected

    def _token(self, request):
        if not self._basic(request):
            return Response.json(401, {"detail": "Invalid username/password."})
        token = secrets.token_urlsafe(20)
        self.tokens.add(token)
        self.token_ids[len(self.token_ids) + 1] = token
        return Response.json(201, {"id": len(self.token_ids), "token": token})

    def _authorized(self, request):
        header = request.headers.get("Authorization") or ""
        return self._basic(request) or header.startswith("Bearer ") and header[len("Bearer ") :] in self.tokens

    def _list(self, request):
        found = [
            t
            for t in self.types.values()
            if all(str(t.get(k)) == v[0] for k, v in request.query.items() if k in ("name", "id", "kind"))
        ]
        return Response.json(200, {"count": len(found), "next": None, "previous": None, "results": found})

    def _create(self, request):
        body = request.json()
        if any(t["name"] == body.get("name") for t in self.types.values()):
            return Response.json(400, {"name": ["Credential type with this Name already exists."]})
        item = {
            "id": next(self.ids),
            "type": "credential_type",
            "description": "",
            "managed": False,
            "namespace": None,
            "inputs": {},
            "injectors": {},
        }
        return self._store(item, body, 201)

    def _update(self, item, body):
        return self._store(item, body, 200)

    def _store(self, item, body, status):
        updated = dict(copy.deepcopy(item), **{k: v for k, v in body.items() if k != "id"})
        for field in updated["inputs"].get("fields", []):
            field.setdefault("type", "string")
        definition = {k: updated[k] for k in ("name", "description", "kind", "inputs", "injectors")}
        errors = problems(definition)
        if errors:
            return Response.json(400, {"inputs": errors})
        updated["url"] = "%scredential_types/%d/" % (API, updated["id"])
        self.types[updated["id"]] = updated
        return Response.json(status, updated)
