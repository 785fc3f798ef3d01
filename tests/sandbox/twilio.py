"""A test double of Twilio Admin Center's Single Sign-On screens, built from Twilio's public guide.

It reproduces the screens and labels "Configuring Okta with Twilio SSO" describes: login with email
and password, then a 6-digit TOTP step; navigation with 'Single Sign-On'; the profile list; 'Create
new SSO Profile'; the SP metadata screen; 'Continue'; the friendly name and 'Identity Provider'
form with its three IdP fields; 'Save & Continue'; edit and delete. Pages render their content after
a short asynchronous delay, as a single-page app does, so a driver that does not wait fails.
"""

import base64
import hashlib
import hmac
import html
import json
import os
import re
import secrets
import struct
import threading
import time
import zlib
from urllib.parse import parse_qs, quote

from cryptography import x509
from sandbox.server import Response
from sandbox.twilio_acs import AcsError, validate_response

# Enum codes as the Identity Provider select submits them (their texts are in admin_center_app.js).
IDENTITY_PROVIDERS = ("OKTA", "AZURE_AD", "GENERIC_SAML")
RENDER_DELAY_MS = 400
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "admin_center_app.js"), "rb") as _script:
    APP_SCRIPT = _script.read()
# How the SSO screens render; /__sandbox/ui switches each to another plausible design (see admin_center_app.js).
DEFAULT_VARIANT = {
    "login": "one_page",  # or identifier_first: email and Continue, then the password
    "nav": "Admin Center",  # the navigation landmark's name; "" unnamed; None: no landmark at all
    "list": "table",  # or list (ul/li)
    "list_name": True,  # the table or list has the accessible name 'SSO Profiles'
    "open": "edit",  # a profile is opened by its Edit link, or by its name link (name)
    "values": "inputs",  # SP values and status as read-only inputs, or plain text beside their label (text)
    "confirm": True,  # the confirmation checkbox before Continue
    "heading": "name",  # the profile page's heading is its name, or contains it (contains)
    "warning": False,  # a warning alert that stays on the list and profile pages
    "provider": "select",  # the Identity Provider control: a native select, or a Paste combobox
    "dialog": "alertdialog",  # the delete confirmation: Paste's AlertDialog, or a Modal (dialog)
    "stale_acs_url": False,  # a fault: the profile page shows another ACS URL than the SP metadata
}
CSS = (
    "body{font-family:sans-serif;margin:0} nav{background:#121c2d;padding:8px} nav a{color:#fff;margin-right:16px}"
    " main{padding:16px} label{display:block;margin-top:8px} [role=alert]{color:#b00}"
)


def totp(secret_b32, at=None, step=30, digits=6):
    """RFC 6238 TOTP (HMAC-SHA1), written independently of the collection's own implementation."""
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return "%0*d" % (digits, code)


def esc(value):
    return html.escape(value or "", quote=True)


def page(title, body, user=None, status=200, headers=None, script=""):
    """A page whose main content appears only after a delay, like a client-rendered app."""
    nav = ""
    if user:
        nav = (
            '<nav aria-label="Admin Center"><a href="/">Twilio Admin</a><a href="/accounts">Accounts</a>'
            '<a href="/users">Users</a><a href="/sso">Single Sign-On</a><a href="/domains">Domains</a>'
            '<span style="color:#fff">%s</span></nav>' % esc(user)
        )
    document = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Twilio Admin</title>'
        '<style>%s</style></head><body>%s<main id="app" aria-busy="true">Loading…</main>'
        '<template id="content">%s</template><script>'
        'setTimeout(function(){var m=document.getElementById("app");m.innerHTML="";'
        'm.appendChild(document.getElementById("content").content.cloneNode(true));m.removeAttribute("aria-busy");'
        'document.dispatchEvent(new Event("app-rendered"));},%d);'
        '</script>%s</body></html>' % (esc(title), CSS, nav, body, RENDER_DELAY_MS, script)
    )
    return Response(status, document.encode(), "text/html; charset=utf-8", headers or {})


def redirect(location, cookies=()):
    return Response(303, b"", "text/plain", [("Location", location)] + [("Set-Cookie", c) for c in cookies])


def field(label, name, value="", kind="input", readonly=False, extra=""):
    ident = "f-" + name
    attrs = ' id="%s" name="%s"%s%s' % (ident, name, " readonly" if readonly else "", extra)
    control = (
        '<textarea%s rows="8" cols="70">%s</textarea>' % (attrs, esc(value))
        if kind == "textarea"
        else '<input%s type="%s" value="%s">' % (attrs, kind if kind != "input" else "text", esc(value))
    )
    return '<label for="%s">%s</label>%s' % (ident, esc(label), control)


def certificate_summary(pem):
    try:
        body = re.sub(r"-----[A-Z ]+-----|\s", "", pem or "")
        der = base64.b64decode(body, validate=True)
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    return {"sha256": hashlib.sha256(der).hexdigest(), "not_after": cert.not_valid_after_utc}


class TwilioSandbox:
    """Admin Center state (users, sessions, SSO profiles) and its pages."""

    def __init__(self, base_url, username, password, totp_secret, directory):
        self.base_url = base_url
        self.directory = directory  # the organization's managed users, also served as Twilio's SCIM API
        self.username, self.password, self.totp_secret = username, password, totp_secret
        self.lock = threading.Lock()
        self.pending = {}  # login token -> username, between password and TOTP
        self.sessions = {}  # session token -> {"user", "csrf"}
        self.profiles = {}  # id -> profile dict
        self.counter = 0
        self.renames = {}
        self.variant = dict(DEFAULT_VARIANT)
        self.login_attempts = {}  # sign-in page visit -> approved by a person (passkey, SSO), for console_login
        self.authn_requests = {}  # RelayState -> AuthnRequest ID, for SP-initiated logins
        self.logins = []  # every ACS outcome, for tests

    def rate_limit_headers(self):
        return {}

    def _renamed(self, response):
        """Apply the test-requested UI text changes, as a Twilio UI release would."""
        if self.renames and response.content_type.startswith("text/html") and b'id="app-config"' not in response.body:
            body = response.body.decode()
            for old, new in self.renames.items():
                body = body.replace(old, new)
            response.body = body.encode()
        return response

    # -- plumbing ------------------------------------------------------------------------------------

    @staticmethod
    def _cookie(request, name):
        for part in (request.headers.get("Cookie") or "").split(";"):
            key, _sep, value = part.strip().partition("=")
            if key == name:
                return value
        return None

    @staticmethod
    def _form(request):
        return {k: v[0] for k, v in parse_qs(request.body.decode("utf-8"), keep_blank_values=True).items()}

    def handle(self, request):
        return self._renamed(self._handle(request))

    def _handle(self, request):
        with self.lock:
            if request.path == "/favicon.ico":
                return Response(404, b"", "text/plain")
            if request.path == "/static/admin_center_app.js":
                return Response(200, APP_SCRIPT, "text/javascript; charset=utf-8")
            if request.path == "/v2/token" or request.path.startswith("/scim/v2/"):
                return self.directory.handle(request)
            if request.path == "/login":
                return self._login(request)
            if request.path == "/login/poll":
                return self._poll_login(request)
            if request.path == "/login/verify":
                return self._verify(request)
            sso = re.fullmatch(r"/(?P<kind>sso/login|saml/acs)/(?P<connection>JQ[0-9a-f]+)", request.path)
            if sso:
                profile = next(
                    (p for p in self.profiles.values() if p["connection_id"] == sso.group("connection")), None
                )
                if profile is None:
                    return page("Not found", "<h1>Page not found</h1>", status=404)
                if sso.group("kind") == "sso/login":
                    return self._start_sso(profile)
                return self._acs(request, profile)
            session = self.sessions.get(self._cookie(request, "tw_admin_session") or "")
            if session is None:
                if request.path.startswith("/api/"):
                    return Response.json(401, {"message": "Authentication required."})
                return redirect("/login?next=%s" % quote(request.path))
            return self._route(request, session)

    def _route(self, request, session):
        path, method = request.path, request.method
        if path.startswith("/api/"):
            return self._api(request, session)
        if method == "GET" and (
            path in ("/", "/sso") or re.fullmatch(r"/sso/profiles/[A-Za-z0-9]+(/sp-metadata|/configure)?", path)
        ):
            return self._shell(session)
        return page(
            "Not found", '<h1>Page not found</h1><p role="alert">(error) This page does not exist.</p>', status=404
        )

    def _shell(self, session):
        """The client-rendered app's one document (admin_center_app.js renders every SSO screen)."""
        config = json.dumps(
            {"csrf": session["csrf"], "user": session["user"], "variant": self.variant, "renames": self.renames}
        ).replace("</", "<\\/")
        document = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Twilio Admin Center</title>'
            '<style>%s</style></head><body><div id="root"></div><script type="application/json" id="app-config">%s'
            '</script><script src="/static/admin_center_app.js"></script></body></html>' % (CSS, config)
        )
        return Response(200, document.encode(), "text/html; charset=utf-8")

    # -- login ---------------------------------------------------------------------------------------

    def _login_page(self, error="", status=200, next_path="/", email=None, attempt=None):
        """One page (email and password), or identifier first: email and Continue, then the password."""
        alert = '<p role="alert">%s</p>' % esc(error) if error else ""
        if self.variant["login"] == "identifier_first" and email is None:
            fields, submit = field("Email", "email", kind="email"), "Continue"
        elif self.variant["login"] == "identifier_first":
            fields = '<p>%s</p><input type="hidden" name="email" value="%s">%s' % (
                esc(email),
                esc(email),
                field("Password", "password", kind="password"),
            )
            submit = "Log in"
        else:
            fields, submit = (
                field("Email", "email", kind="email") + field("Password", "password", kind="password"),
                "Log in",
            )
        # A person may also sign in by a method no automation answers (a passkey here); the page then moves on.
        poll = (
            '<script>setInterval(function(){fetch("/login/poll").then(function(r){return r.json()}).then(function(d){'
            'if(d.next){location.assign(d.next)}})},300)</script>'
        )
        body = (
            '<h1>Log in to Twilio</h1>%s<form method="post" action="/login"><input type="hidden" name="next" value="%s">'
            '%s<button type="submit">%s</button></form>' % (alert, esc(next_path), fields, submit)
        )
        response = page("Log in", body, status=status, script=poll)
        if attempt:
            response.headers = [("Set-Cookie", "tw_login_attempt=%s; Path=/; HttpOnly; Secure; SameSite=Lax" % attempt)]
        return response

    def _login(self, request):
        if request.method == "GET":
            attempt = secrets.token_urlsafe(16)
            self.login_attempts[attempt] = {"approved": False, "next": request.arg("next", "/")}
            return self._login_page(next_path=request.arg("next", "/"), attempt=attempt)
        form = self._form(request)
        if "password" not in form and self.variant["login"] == "identifier_first":
            return self._login_page(next_path=form.get("next", "/"), email=form.get("email", ""))
        if form.get("email") != self.username or not hmac.compare_digest(form.get("password", ""), self.password):
            return self._login_page("Incorrect email or password.", 401, form.get("next", "/"))
        token = secrets.token_urlsafe(24)
        self.pending[token] = form["email"]
        return redirect(
            "/login/verify?next=%s" % quote(form.get("next", "/")),
            ["tw_login=%s; Path=/; HttpOnly; Secure; SameSite=Lax" % token],
        )

    def _poll_login(self, request):
        attempt = self.login_attempts.get(self._cookie(request, "tw_login_attempt") or "")
        if not attempt or not attempt["approved"]:
            return Response.json(200, {})
        del self.login_attempts[self._cookie(request, "tw_login_attempt")]
        return Response.json(200, {"next": attempt["next"]}, [("Set-Cookie", self._new_session(self.username))])

    def _new_session(self, user):
        session = secrets.token_urlsafe(32)
        self.sessions[session] = {"user": user, "csrf": secrets.token_urlsafe(16)}
        return "tw_admin_session=%s; Path=/; HttpOnly; Secure; SameSite=Lax" % session

    def _verify_page(self, error="", status=200, next_path="/"):
        alert = '<p role="alert">%s</p>' % esc(error) if error else ""
        body = (
            '<h1>Two-factor authentication</h1><p>Enter the 6-digit code from your authenticator app.</p>%s'
            '<form method="post" action="/login/verify"><input type="hidden" name="next" value="%s">%s'
            '<button type="submit">Verify</button></form>'
            % (
                alert,
                esc(next_path),
                field("Verification code", "code", extra=' inputmode="numeric" autocomplete="one-time-code"'),
            )
        )
        return page("Two-factor authentication", body, status=status)

    def _verify(self, request):
        token = self._cookie(request, "tw_login") or ""
        if token not in self.pending:
            return redirect("/login")
        if request.method == "GET":
            return self._verify_page(next_path=request.arg("next", "/"))
        form = self._form(request)
        now = time.time()
        valid = {totp(self.totp_secret, now + drift) for drift in (-30, 0, 30)}
        if form.get("code", "").strip() not in valid:
            return self._verify_page("Invalid verification code.", 401, form.get("next", "/"))
        user = self.pending.pop(token)
        next_path = form.get("next", "/")
        if not next_path.startswith("/") or next_path.startswith("//"):
            next_path = "/"
        return redirect(next_path, [self._new_session(user), "tw_login=; Path=/; Max-Age=0"])

    # -- SSO profiles: the JSON API behind admin_center_app.js ----------------------------------------

    def _api(self, request, session):
        path, method = request.path, request.method
        if method != "GET" and request.headers.get("X-CSRF-Token") != session["csrf"]:
            return Response.json(403, {"message": "Your session has expired. Reload the page."})
        if path == "/api/sso/profiles":
            if method == "POST":
                return Response.json(201, {"id": self._create()})
            return Response.json(
                200,
                [
                    {k: p[k] for k in ("id", "friendly_name", "identity_provider", "status")}
                    for p in self.profiles.values()
                ],
            )
        match = re.fullmatch(r"/api/sso/profiles/(?P<id>[A-Za-z0-9]+)(?P<xml>/sp-metadata\.xml)?", path)
        profile = self.profiles.get(match.group("id")) if match else None
        if profile is None:
            return Response.json(404, {"message": "SSO profile not found."})
        if match.group("xml"):
            return Response(
                200,
                self.sp_metadata_xml(profile).encode(),
                "application/samlmetadata+xml",
                {"Content-Disposition": 'attachment; filename="twilio-sp-metadata.xml"'},
            )
        if method == "PUT":
            return self._configure(request.json() or {}, profile)
        if method == "DELETE":
            del self.profiles[profile["id"]]
            return Response(204)
        return Response.json(200, profile)

    def _create(self):
        """'Create new SSO Profile' creates the profile at once, named 'SSO Profile N' until it is configured."""
        self.counter += 1
        connection = "JQ" + secrets.token_hex(16)
        profile_id = "SO" + secrets.token_hex(16)
        self.profiles[profile_id] = {
            "id": profile_id,
            "connection_id": connection,
            "friendly_name": "SSO Profile %d" % self.counter,
            "identity_provider": None,
            "status": "Draft",
            "sp_entity_id": "urn:twilio:sso:%s" % connection,
            "sp_acs_url": "%s/saml/acs/%s" % (self.base_url, connection),
            "idp_entity_id": "",
            "idp_sso_url": "",
            "idp_certificate": "",
            "created": time.time(),
        }
        return profile_id

    def sp_metadata_xml(self, profile):
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"'
            ' entityID="%s">\n  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true"'
            ' protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
            '    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>\n'
            '    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"'
            ' index="0" isDefault="true"/>\n  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n'
            % (esc(profile["sp_entity_id"]), esc(profile["sp_acs_url"]))
        )

    def _configure(self, body, profile):
        values = {
            k: str(body.get(k) or "").strip()
            for k in ("friendly_name", "identity_provider", "idp_entity_id", "idp_sso_url", "idp_certificate")
        }
        errors = []
        if not values["friendly_name"]:
            errors.append("Friendly name is required.")
        elif any(
            p["friendly_name"] == values["friendly_name"] and p["id"] != profile["id"] for p in self.profiles.values()
        ):
            errors.append("An SSO Profile with this friendly name already exists.")
        if values["identity_provider"]:
            if values["identity_provider"] not in IDENTITY_PROVIDERS:
                errors.append("Select a valid Identity Provider.")
            if not values["idp_entity_id"]:
                errors.append("Issuer ID/URL is required.")
            if not values["idp_sso_url"].startswith("https://"):
                errors.append("Single sign-on URL must be a valid HTTPS URL.")
            if certificate_summary(values["idp_certificate"]) is None:
                errors.append("The X.509 Certificate is not a valid certificate.")
        if errors:
            return Response.json(422, {"errors": errors})
        profile.update(values)
        profile["identity_provider"] = values["identity_provider"] or None
        profile["status"] = "Not tested" if profile["identity_provider"] else "Draft"
        return Response.json(200, profile)

    # -- SAML service provider -----------------------------------------------------------------------

    def _start_sso(self, profile):
        """SP-initiated login: an AuthnRequest (HTTP-Redirect binding) and a RelayState to the IdP."""
        if not profile["idp_sso_url"]:
            return page("Single Sign-On", '<p role="alert">SSO Profile is not configured.</p>', status=400)
        request_id = "id" + secrets.token_hex(16)
        xml = (
            '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
            'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="%s" Version="2.0" IssueInstant="%s" '
            'AssertionConsumerServiceURL="%s" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">'
            '<saml:Issuer>%s</saml:Issuer></samlp:AuthnRequest>'
            % (
                request_id,
                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                esc(profile["sp_acs_url"]),
                esc(profile["sp_entity_id"]),
            )
        )
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        saml_request = base64.b64encode(compressor.compress(xml.encode()) + compressor.flush()).decode()
        relay_state = secrets.token_urlsafe(16)
        self.authn_requests[relay_state] = request_id
        separator = "&" if "?" in profile["idp_sso_url"] else "?"
        return redirect(
            "%s%sSAMLRequest=%s&RelayState=%s"
            % (profile["idp_sso_url"], separator, quote(saml_request, safe=""), relay_state)
        )

    def _acs(self, request, profile):
        form = self._form(request)
        expected = {self.authn_requests[form["RelayState"]]} if form.get("RelayState") in self.authn_requests else set()
        try:
            email = validate_response(form, profile, self.directory.active_user_names(), expected)
        except AcsError as exc:
            self.logins.append({"profile": profile["friendly_name"], "ok": False, "error": str(exc)})
            return page(
                "Single Sign-On failed",
                '<h1>Single Sign-On failed</h1><p role="alert">%s</p>' % esc(str(exc)),
                status=400,
            )
        self.authn_requests.pop(form["RelayState"], None)
        if profile["status"] == "Not tested":
            profile["status"] = "Tested"
        session = secrets.token_urlsafe(32)
        self.sessions[session] = {"user": email, "csrf": secrets.token_urlsafe(16)}
        self.logins.append({"profile": profile["friendly_name"], "ok": True, "user": email})
        return Response(
            200,
            page(
                "Twilio Console",
                "<h1>Twilio Console</h1><p>Signed in to Twilio Console as %s through Single Sign-On.</p>" % esc(email),
                email,
            ).body,
            "text/html; charset=utf-8",
            [("Set-Cookie", "tw_admin_session=%s; Path=/; HttpOnly; Secure; SameSite=Lax" % session)],
        )

    # -- sandbox-only API for tests ------------------------------------------------------------------

    def sandbox_api(self, request):
        if request.path == "/__sandbox/profiles":
            with self.lock:
                if request.method == "DELETE":
                    self.profiles.clear()
                    return Response(204)
                return Response.json(
                    200, [dict(p, sp_metadata_xml=self.sp_metadata_xml(p)) for p in self.profiles.values()]
                )
        if request.path == "/__sandbox/ui":
            with self.lock:
                body = {} if request.method == "DELETE" else request.json()
                unknown = set(body.get("variant", {})) - set(DEFAULT_VARIANT)
                if unknown:
                    return Response.json(400, {"error": "unknown variant keys %s" % sorted(unknown)})
                self.renames = dict(body.get("rename", {}))
                self.variant = dict(DEFAULT_VARIANT, **body.get("variant", {}))
            return Response(204)
        if request.path == "/__sandbox/approve-login" and request.method == "POST":
            with self.lock:
                for attempt in self.login_attempts.values():
                    attempt["approved"] = True
            return Response(204)
        if request.path == "/__sandbox/logins":
            with self.lock:
                if request.method == "DELETE":
                    self.logins.clear()
                    return Response(204)
                return Response.json(200, list(self.logins))
        if request.path == "/__sandbox/managed-users":
            with self.lock:
                if request.method == "DELETE":
                    self.directory.reset()
                    return Response(204)
                return Response.json(
                    200,
                    {
                        "users": list(self.directory.users.values()),
                        "welcome_emails": list(self.directory.welcome_emails),
                    },
                )
        if request.path == "/__sandbox/sessions" and request.method == "DELETE":
            with self.lock:
                self.sessions.clear()
            return Response(204)
        return Response.json(404, {"error": "unknown sandbox endpoint"})
