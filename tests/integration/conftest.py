"""Fixtures that run the collection through ansible-playbook against the local sandboxes.

The sandboxes are test doubles built to Okta's and Twilio's public documentation: passing here
shows the modules behave against those documents, not against real Okta or Twilio.
"""

import http.server
import itertools
import json
import os
import ssl
import subprocess
import sys
import threading
from dataclasses import dataclass

import pytest
import requests
from sandbox import pki

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAYBOOKS = os.path.join(TESTS, "integration", "playbooks")
CALLBACKS = os.path.join(TESTS, "integration", "callback_plugins")


@dataclass
class PlaybookRun:
    rc: int
    output: str
    results: list  # (status, result dict) per task or loop item, in order, from the results_file callback
    stats: dict  # ansible-playbook's recap for localhost (ok, changed, failures, skipped, ...)

    @property
    def changed(self):
        return self.stats.get("changed") if self.stats else None

    def task(self, index=-1):
        return self.results[index][1]


def read_results(path):
    """(results, stats) from the JSON lines the results_file callback wrote."""
    results, stats = [], {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if "stats" in record:
                    stats = record["stats"].get("localhost", {})
                else:
                    results.append((record["status"], record["result"]))
    return results, stats


class Sandbox:
    """A running sandbox process and a client for its instrumentation endpoints."""

    def __init__(self, directory):
        with open(os.path.join(directory, "sandbox.json"), encoding="utf-8") as handle:
            self.info = json.load(handle)
        self.directory = directory
        self.okta_url = self.info["okta"]["url"]
        self.twilio_url = self.info["twilio"]["url"]
        self.ca_file = self.info["ca_file"]
        self.http = requests.Session()
        self.http.trust_env = False  # REQUESTS_CA_BUNDLE would override verify
        self.http.verify = self.ca_file
        self.http.headers["Authorization"] = "SSWS %s" % self.info["okta"]["api_token"]

    def _call(self, base_url, method, path, **kwargs):
        response = self.http.request(method, base_url + path, **kwargs)
        response.raise_for_status()
        return response.json() if response.content and "json" in response.headers.get("Content-Type", "") else None

    def okta(self, method, path, **kwargs):
        return self._call(self.okta_url, method, path, **kwargs)

    def reset(self):
        for path in ("/__sandbox/state", "/__sandbox/requests", "/__sandbox/faults"):
            self.http.delete(self.okta_url + path).raise_for_status()
        for path in (
            "/__sandbox/profiles",
            "/__sandbox/requests",
            "/__sandbox/ui",
            "/__sandbox/sessions",
            "/__sandbox/logins",
            "/__sandbox/managed-users",
            "/__sandbox/faults",
        ):
            self.http.delete(self.twilio_url + path).raise_for_status()

    def twilio(self, method, path, **kwargs):
        return self._call(self.twilio_url, method, path, **kwargs)

    def twilio_requests(self):
        return self.twilio("GET", "/__sandbox/requests")

    def twilio_writes(self):
        """Every write the Twilio sandbox served (form posts, the app's API writes, SCIM writes), as (path, status);
        getting an OAuth token changes nothing and is not one."""
        return [
            (r["path"], r["status"])
            for r in self.twilio_requests()
            if r["method"] in ("POST", "PUT", "PATCH", "DELETE") and r["path"] != "/v2/token"
        ]

    def twilio_page_loads(self):
        """Document navigations and client-side route changes, as the sandbox saw them."""
        return [r["route"] or r["path"] for r in self.twilio_requests() if r["page_load"]]

    def twilio_ui(self, **spec):
        """Switch the Admin Center sandbox to other plausible designs (variant) or texts (rename)."""
        self.twilio("POST", "/__sandbox/ui", json=spec)

    def twilio_profiles(self):
        return self.twilio("GET", "/__sandbox/profiles")

    def requests(self):
        return self.okta("GET", "/__sandbox/requests")

    def writes(self):
        return [r for r in self.requests() if r["method"] in ("POST", "PUT", "DELETE")]

    def fault(self, **spec):
        self.okta("POST", "/__sandbox/faults", json=spec)

    def console_app(self):
        """The Okta app the role makes (label 'Twilio Console')."""
        return next(a for a in self.apps() if a["label"] == "Twilio Console")

    def change_console_app(self, **sign_on):
        """Change that app's sign-on settings behind the collection's back, as a person in Okta's admin UI would."""
        app = self.console_app()
        body = {k: v for k, v in app.items() if k not in ("id", "status", "created", "lastUpdated", "_links")}
        body["settings"]["signOn"].update(sign_on)
        self.okta("PUT", "/api/v1/apps/%s" % app["id"], json=body)

    def apps(self):
        """Every app, following the Link pagination of the sandbox's small pages."""
        apps, url = [], self.okta_url + "/api/v1/apps"
        while url:
            response = self.http.get(url)
            response.raise_for_status()
            apps.extend(response.json())
            url = response.links.get("next", {}).get("url")
        return apps

    def env(self):
        twilio, org = self.info["twilio"], self.info["twilio_org"]
        return {
            "OKTA_ORG_URL": self.okta_url,
            "OKTA_API_TOKEN": self.info["okta"]["api_token"],
            "OKTA_CA_PATH": self.ca_file,
            "TWILIO_ADMIN_URL": self.twilio_url,
            "TWILIO_CA_PATH": self.ca_file,
            "TWILIO_CONSOLE_USERNAME": twilio["username"],
            "TWILIO_CONSOLE_PASSWORD": twilio["password"],
            "TWILIO_CONSOLE_TOTP_SECRET": twilio["totp_secret"],
            "TWILIO_TIMEOUT": "10",
            "TWILIO_CLIENT_ID": org["client_id"],
            "TWILIO_CLIENT_SECRET": org["client_secret"],
            "TWILIO_SCIM_URL": org["scim_url"],
            "TWILIO_TOKEN_URL": org["token_url"],
            "TWILIO_SCIM_CA_PATH": self.ca_file,
        }

    def managed_users(self):
        """{"users": SCIM users, "welcome_emails": userNames} of the Twilio organization sandbox."""
        return self.twilio("GET", "/__sandbox/managed-users")


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp("sandbox"))
    command = [sys.executable, "-m", "sandbox"]
    # A page size of 2 makes every listing of more than two apps go through Link pagination.
    subprocess.run(command + ["start", "--dir", directory, "--okta-page-size", "2"], cwd=TESTS, check=True)
    try:
        yield Sandbox(directory)
    finally:
        subprocess.run(command + ["stop", "--dir", directory], cwd=TESTS, check=True)


@pytest.fixture
def okta(sandbox):
    sandbox.reset()
    return sandbox


@pytest.fixture
def playbook(okta, tmp_path):
    """Run a playbook from playbooks/ with extra variables; returns a PlaybookRun."""

    run_numbers = itertools.count(1)

    def run(name, extra_vars=None, check=False, diff=False, verbosity=1, env=None, background=False):
        """background=True starts the run in its own process group and returns the Popen (for kill tests)."""
        vars_file = tmp_path / "vars.json"
        vars_file.write_text(json.dumps(extra_vars or {}))
        command = ["ansible-playbook", os.path.join(PLAYBOOKS, name), "-e", "@%s" % vars_file, "-" + "v" * verbosity]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        results_file = tmp_path / ("results-%d.jsonl" % next(run_numbers))
        run_env = dict(
            os.environ,
            ANSIBLE_STDOUT_CALLBACK="default",
            ANSIBLE_CALLBACK_RESULT_FORMAT="json",
            ANSIBLE_CALLBACK_FORMAT_PRETTY="false",
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",
            ANSIBLE_CALLBACK_PLUGINS=CALLBACKS,
            ANSIBLE_CALLBACKS_ENABLED="results_file",
            TWILIO_OKTA_TEST_RESULTS=str(results_file),
        )
        run_env.update(okta.env())
        run_env["TWILIO_ARTIFACTS_DIR"] = str(tmp_path / "artifacts")
        run_env.update(env or {})
        for key, value in list(run_env.items()):
            if value is None:
                del run_env[key]
        if background:
            return subprocess.Popen(
                command,
                env=run_env,
                stdout=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        process = subprocess.run(command, env=run_env, capture_output=True, text=True, timeout=300, check=False)
        return PlaybookRun(process.returncode, process.stdout + process.stderr, *read_results(str(results_file)))

    return run


@pytest.fixture
def local_https_server(tmp_path):
    """start(handler, **cert_options) -> (url, ca_file): an HTTPS server on loopback under a CA of the test's own,
    its certificate made with sandbox.pki.new_server_cert(**cert_options) (a wrong host, an expired one...)."""
    ca_key, ca_cert = pki.new_ca()
    ca_file = tmp_path / "local-ca.pem"
    ca_file.write_bytes(pki.cert_pem(ca_cert))
    servers = []

    def start(handler=http.server.BaseHTTPRequestHandler, **cert_options):
        key, cert = pki.new_server_cert(ca_key, ca_cert, **cert_options)
        (tmp_path / "local-cert.pem").write_bytes(pki.cert_pem(cert))
        (tmp_path / "local-key.pem").write_bytes(pki.key_pem(key))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tmp_path / "local-cert.pem"), str(tmp_path / "local-key.pem"))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return "https://127.0.0.1:%d" % server.server_address[1], str(ca_file)

    yield start
    for server in servers:
        server.shutdown()
