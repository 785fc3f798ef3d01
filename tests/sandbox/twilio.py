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
import threading
import time
import zlib
from urllib.parse import parse_qs, quote

from cryptography import x509
from sandbox.otp import totp_matches
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
    "metadata": "link",  # the SP metadata: a link to the document, or a button that saves it from a Blob (button)
}
# Enforcing SSO for a domain takes minutes at Twilio; the sandbox takes this long unless a test sets another.
ENFORCEMENT_DELAY_SECONDS = 2.0
# Whoever starts a connection test has this long to complete it in the identity provider's tab.
TEST_WINDOW_SECONDS = 300
UNVERIFIED_DOMAINS = ("unverified.example",)
CSS = (
    "body{font-family:sans-serif;margin:0} nav{background:#121c2d;padding:8px} nav a{color:#fff;margin-right:16px}"
    " main{padding:16px} label{display:block;margin-top:8px} [role=alert]{color:#b00}"
)


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
        self.authn_requests = {}  # RelayState -> {"id": AuthnRequest ID, "test": profile id of a connection test}
        self.logins = []  # every ACS outcome, for tests
        self.console_passwords = {}  # managed users who also log in with a password (until SSO is enforced)
        self.domains = {}  # name -> domain: verification, and SSO enforcement by a profile (see _settle)
        self.enforcement_delay = ENFORCEMENT_DELAY_SECONDS
        self.seed_domains()

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
            self._settle()
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
        test = re.fullmatch(r"/sso/profiles/(?P<id>[A-Za-z0-9]+)/test/start", path)
        if method == "GET" and test and test.group("id") in self.profiles:
            return self._start_sso(self.profiles[test.group("id")], test=True)
        if method == "GET" and (
            path in ("/", "/sso", "/domains")
            or re.fullmatch(r"/sso/profiles/[A-Za-z0-9]+(/sp-metadata|/configure)?", path)
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
        email = form.get("email", "")
        known = self.password if email == self.username else self.console_passwords.get(email)
        if known is None or not hmac.compare_digest(form.get("password", ""), known):
            return self._login_page("Incorrect email or password.", 401, form.get("next", "/"))
        if self._sso_required(email):
            return self._login_page(
                "Your organization requires you to log in with Single Sign-On (SSO).", 401, form.get("next", "/")
            )
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
        if not totp_matches(self.totp_secret, form.get("code", "")):
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
        if path == "/api/domains":
            return Response.json(
                200, [self._domain_json(d) for d in sorted(self.domains.values(), key=lambda d: d["name"])]
            )
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
        match = re.fullmatch(
            r"/api/sso/profiles/(?P<id>[A-Za-z0-9]+)(?:(?P<xml>/sp-metadata\.xml)|(?P<enforcement>/enforcement))?", path
        )
        profile = self.profiles.get(match.group("id")) if match else None
        if profile is None:
            return Response.json(404, {"message": "SSO profile not found."})
        if match.group("enforcement") and method == "PUT":
            return self._enforce(profile, (request.json() or {}).get("domains"), session["user"])
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
            if self._enforced_domains(profile["id"]):
                return Response.json(409, {"message": "Remove SSO enforcement from every domain before you delete."})
            del self.profiles[profile["id"]]
            return Response(204)
        return Response.json(200, self._profile_json(profile))

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
            "last_test": None,
            "test_started": None,
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
        idp_keys = ("identity_provider", "idp_entity_id", "idp_sso_url", "idp_certificate")
        idp_changed = any(values[k] != (profile[k] or "") for k in idp_keys)
        profile.update(values)
        profile["identity_provider"] = values["identity_provider"] or None
        if not profile["identity_provider"]:
            profile["status"] = "Draft"
        elif idp_changed or profile["status"] == "Draft":
            profile["status"], profile["last_test"] = "Not tested", None  # new IdP values need a new test
        return Response.json(200, self._profile_json(profile))

    def _profile_json(self, profile):
        return dict(profile, enforced_domains=self._enforced_domains(profile["id"]))

    # -- domains and SSO enforcement -----------------------------------------------------------------

    def seed_domains(self):
        self.domains = {
            name: {"name": name, "verified": True, "method": method, "enforced_by": None, "pending": None, "exempt": []}
            for name, method in zip(sorted(self.directory.verified_domains), ("DNS TXT record", "HTTPS file") * 9)
        }
        for name in UNVERIFIED_DOMAINS:
            self.domains[name] = {
                "name": name,
                "verified": False,
                "method": "DNS TXT record",
                "enforced_by": None,
                "pending": None,
                "exempt": [],
            }

    def _settle(self):
        """Enforcement changes take effect enforcement_delay seconds after they were asked for."""
        for domain in self.domains.values():
            if domain["pending"] and domain["pending"]["until"] <= time.time():
                domain["enforced_by"], domain["pending"] = domain["pending"]["profile_id"], None

    def _enforced_domains(self, profile_id):
        """[{"name", "state"}]: enforced, pending (being applied) or removal pending, for one profile."""
        found = []
        for domain in sorted(self.domains.values(), key=lambda d: d["name"]):
            pending = domain["pending"]
            if pending and pending["profile_id"] == profile_id:
                found.append({"name": domain["name"], "state": "pending"})
            elif domain["enforced_by"] == profile_id:
                found.append({"name": domain["name"], "state": "removal pending" if pending else "enforced"})
        return found

    def _domain_json(self, domain):
        owner = (domain["pending"] or {}).get("profile_id") or domain["enforced_by"]
        return {
            "name": domain["name"],
            "status": "Verified" if domain["verified"] else "Unverified",
            "verification_method": domain["method"],
            "enforced_by": self.profiles[owner]["friendly_name"] if owner in self.profiles else None,
            "pending": domain["pending"] is not None,
        }

    def _instrument_domains(self, body):
        """Tests: {"enforcement_delay": seconds}, {"apply_pending": true} (Twilio is done), {"enforced_by":
        {domain: profile id}} (enforcement made elsewhere, e.g. by a person in Admin Center)."""
        if "enforcement_delay" in body:
            self.enforcement_delay = float(body["enforcement_delay"])
        if body.get("apply_pending"):
            for domain in self.domains.values():
                if domain["pending"]:
                    domain["pending"]["until"] = 0
        for name, profile_id in body.get("enforced_by", {}).items():
            self.domains[name].update(enforced_by=profile_id, pending=None)

    def _sso_required(self, email):
        domain = self.domains.get(email.rpartition("@")[2].lower())
        return bool(domain and domain["enforced_by"] and email not in domain["exempt"])

    def _enforce(self, profile, names, user):
        """Enforce SSO for exactly these domains (Twilio: a tested profile, verified domains, applied in minutes)."""
        if not isinstance(names, list):
            return Response.json(400, {"errors": ["domains must be a list."]})
        if profile["status"] != "Tested":
            return Response.json(422, {"errors": ["Test the SSO connection before you enforce SSO."]})
        current = {d["name"]: d["state"] for d in self._enforced_domains(profile["id"])}
        if any(state != "enforced" for state in current.values()):
            return Response.json(409, {"errors": ["SSO enforcement is being updated. Try again in a few minutes."]})
        errors = []
        for name in names:
            domain = self.domains.get(name)
            if domain is None or not domain["verified"]:
                errors.append("Only verified domains can be enforced: %s is not verified." % name)
            elif domain["enforced_by"] not in (None, profile["id"]):
                errors.append(
                    "%s is already enforced by %s." % (name, self.profiles[domain["enforced_by"]]["friendly_name"])
                )
        if errors:
            return Response.json(422, {"errors": errors})
        until = time.time() + self.enforcement_delay
        for name in set(names) ^ set(current):
            domain = self.domains[name]
            domain["pending"] = {"profile_id": profile["id"] if name in names else None, "until": until}
            domain["exempt"] = [user] if name in names else []  # Twilio does not apply it to the admin who asks
        self._settle()
        return Response.json(202, self._profile_json(profile))

    # -- SAML service provider -----------------------------------------------------------------------

    def _start_sso(self, profile, test=False):
        """SP-initiated login (or 'Test SSO Connection'): an AuthnRequest and a RelayState to the IdP."""
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
        self.authn_requests[relay_state] = {"id": request_id, "test": profile["id"] if test else None}
        if test:
            profile["test_started"] = time.time()
        separator = "&" if "?" in profile["idp_sso_url"] else "?"
        return redirect(
            "%s%sSAMLRequest=%s&RelayState=%s"
            % (profile["idp_sso_url"], separator, quote(saml_request, safe=""), relay_state)
        )

    def _acs(self, request, profile):
        form = self._form(request)
        started = self.authn_requests.get(form.get("RelayState") or "")
        expected = {started["id"]} if started else set()
        # A test whose answer lost its RelayState is still the test under way for this profile.
        testing = (started or {}).get("test") == profile["id"] or (
            not form.get("RelayState") and time.time() - (profile["test_started"] or 0) < TEST_WINDOW_SECONDS
        )
        try:
            email = validate_response(form, profile, self.directory.active_user_names(), expected)
            other = self._enforcing_profile(email)
            if testing and other not in (None, profile["id"]):
                raise AcsError(
                    "SSO is already enabled for %s on another SSO profile (%s)"
                    % (email, self.profiles[other]["friendly_name"])
                )
        except AcsError as exc:
            self.logins.append({"profile": profile["friendly_name"], "ok": False, "error": str(exc), "test": testing})
            if testing:
                self._record_test(profile, False, str(exc))
            return page(
                "Single Sign-On failed",
                '<h1>%s</h1><p role="alert">%s</p>'
                % ("SSO connection test failed" if testing else "Single Sign-On failed", esc(str(exc))),
                status=400,
            )
        self.authn_requests.pop(form["RelayState"], None)
        self.logins.append({"profile": profile["friendly_name"], "ok": True, "user": email, "test": testing})
        if testing:
            self._record_test(profile, True, "")
            return page(
                "SSO connection test",
                "<h1>SSO connection test succeeded</h1><p>%s signed in through %s. You can close this tab.</p>"
                % (esc(email), esc(profile["friendly_name"])),
            )
        session = secrets.token_urlsafe(32)
        self.sessions[session] = {"user": email, "csrf": secrets.token_urlsafe(16)}
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

    def _enforcing_profile(self, email):
        domain = self.domains.get(email.rpartition("@")[2].lower())
        if not domain:
            return None
        return (domain["pending"] or {}).get("profile_id") or domain["enforced_by"]

    @staticmethod
    def _record_test(profile, ok, message):
        profile["test_started"] = None
        profile["last_test"] = {"ok": ok, "message": message, "at": time.time()}
        if ok:
            profile["status"] = "Tested"
        elif profile["status"] != "Tested":
            profile["status"] = "Test failed"

    # -- sandbox-only API for tests ------------------------------------------------------------------

    def sandbox_api(self, request):
        if request.path == "/__sandbox/profiles":
            with self.lock:
                if request.method == "DELETE":
                    self.profiles.clear()
                    self.seed_domains()
                    self.enforcement_delay = ENFORCEMENT_DELAY_SECONDS
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
        if request.path == "/__sandbox/domains":
            with self.lock:
                if request.method == "POST":
                    self._instrument_domains(request.json())
                self._settle()
                return Response.json(200, {name: dict(d) for name, d in self.domains.items()})
        if request.path == "/__sandbox/sessions" and request.method == "DELETE":
            with self.lock:
                self.sessions.clear()
            return Response(204)
        return Response.json(404, {"error": "unknown sandbox endpoint"})
