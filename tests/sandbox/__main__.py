"""Start, stop or run the local sandboxes (Okta API and Twilio Admin Center test doubles).

    python -m sandbox start --dir DIR   # in the background; prints URL, token and CA file
    python -m sandbox stop --dir DIR
    python -m sandbox serve --dir DIR   # in the foreground

(run with tests/ on PYTHONPATH). DIR receives the CA, the credentials (mode 0600), sandbox.json
and env.sh, which exports the OKTA_* variables the modules read.
"""

import argparse
import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time

import requests
from cryptography.hazmat.primitives import serialization
from sandbox import pki
from sandbox.okta import OktaSandbox
from sandbox.server import serve_https
from sandbox.sso_login import password_login as sso_password_login
from sandbox.sso_login import sso_login
from sandbox.twilio import TwilioSandbox
from sandbox.twilio_scim import ScimDirectory

SSO_GROUP = "Twilio Console Users"


def _write(path, data, mode=0o600):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode())


def serve(directory, okta_page_size):
    os.makedirs(directory, exist_ok=True)
    ca_key, ca_cert = pki.new_ca()
    server_key, server_cert = pki.new_server_cert(ca_key, ca_cert)
    ca_file, cert_file, key_file = (os.path.join(directory, n) for n in ("ca.pem", "server.pem", "server-key.pem"))
    _write(ca_file, pki.cert_pem(ca_cert), 0o644)
    # The chain includes the CA so that a browser can be told to trust that one key (see the Twilio driver).
    _write(cert_file, pki.cert_pem(server_cert) + pki.cert_pem(ca_cert))
    _write(key_file, pki.key_pem(server_key))

    service_key = pki.new_key()
    service_key_file = os.path.join(directory, "okta-service-app-key.pem")
    _write(service_key_file, pki.key_pem(service_key))
    service_app = {
        "client_id": "0oa" + secrets.token_hex(9),
        "public_key": service_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    }

    okta = OktaSandbox(None, secrets.token_urlsafe(30), page_size=okta_page_size, service_app=service_app)
    okta_server = serve_https(okta, cert_file, key_file)
    okta.base_url = "https://127.0.0.1:%d" % okta_server.server_address[1]

    # The organization's OAuth app (client credentials) for its SCIM API, and its verified domains: its users'
    # (sandbox.example) and its administrators' (admins.example); unverified.example is not verified.
    organization = ScimDirectory(
        "OQ" + secrets.token_hex(16), secrets.token_urlsafe(24), {"sandbox.example", "admins.example"}
    )
    twilio = TwilioSandbox(
        None,
        "admin@admins.example",
        secrets.token_urlsafe(16),
        base64.b32encode(secrets.token_bytes(20)).decode().rstrip("="),
        organization,
    )
    twilio_server = serve_https(twilio, cert_file, key_file)
    twilio.base_url = "https://127.0.0.1:%d" % twilio_server.server_address[1]

    # Who logs in end to end: alice is in the group the role assigns to the app and a managed user of the Twilio
    # organization; bob is a managed user in no group. carol is in the group but not yet a managed user (the
    # managed-users mode provisions her), dave is in the group with an email in a domain Twilio has not verified.
    sso_password = secrets.token_urlsafe(12)
    for email, groups, managed in (
        ("alice@sandbox.example", [SSO_GROUP], True),
        ("bob@sandbox.example", [], True),
        ("carol@sandbox.example", [SSO_GROUP], False),
        ("dave@unverified.example", [SSO_GROUP], False),
    ):
        okta.add_user(email, sso_password, groups)
        if managed:
            organization.seed(email)
            twilio.console_passwords[email] = sso_password  # until SSO is enforced for their domain

    info = {
        "pid": os.getpid(),
        "ca_file": ca_file,
        "okta": {
            "url": okta.base_url,
            "api_token": okta.api_token,
            "client_id": service_app["client_id"],
            "private_key_file": service_key_file,
        },
        "twilio": {
            "url": twilio.base_url,
            "username": twilio.username,
            "password": twilio.password,
            "totp_secret": twilio.totp_secret,
        },
        "twilio_org": {
            "scim_url": twilio.base_url + "/scim/v2",
            "token_url": twilio.base_url + "/v2/token",
            "client_id": organization.client_id,
            "client_secret": organization.client_secret,
        },
        "sso": {
            "user": "alice@sandbox.example",
            "unprovisioned_user": "carol@sandbox.example",
            "unverified_user": "dave@unverified.example",
            "unassigned_user": "bob@sandbox.example",
            "password": sso_password,
            "group": SSO_GROUP,
        },
    }
    env = {
        "OKTA_ORG_URL": okta.base_url,
        "OKTA_API_TOKEN": okta.api_token,
        "OKTA_CA_PATH": ca_file,
        "SANDBOX_OKTA_CLIENT_ID": service_app["client_id"],
        "SANDBOX_OKTA_PRIVATE_KEY_FILE": service_key_file,
        "TWILIO_ADMIN_URL": twilio.base_url,
        "TWILIO_CONSOLE_USERNAME": twilio.username,
        "TWILIO_CONSOLE_PASSWORD": twilio.password,
        "TWILIO_CONSOLE_TOTP_SECRET": twilio.totp_secret,
        "TWILIO_CA_PATH": ca_file,
        "TWILIO_CLIENT_ID": organization.client_id,
        "TWILIO_CLIENT_SECRET": organization.client_secret,
        "TWILIO_SCIM_URL": twilio.base_url + "/scim/v2",
        "TWILIO_TOKEN_URL": twilio.base_url + "/v2/token",
        "TWILIO_SCIM_CA_PATH": ca_file,
        "SANDBOX_SSO_USER": "alice@sandbox.example",
        "SANDBOX_SSO_PASSWORD": sso_password,
        "SANDBOX_SSO_GROUP": SSO_GROUP,
    }
    _write(os.path.join(directory, "env.sh"), "".join("export %s='%s'\n" % kv for kv in env.items()))
    _write(os.path.join(directory, "sandbox.json"), json.dumps(info, indent=2))

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    okta_server.shutdown()
    twilio_server.shutdown()


def start(directory, okta_page_size):
    os.makedirs(directory, exist_ok=True)
    info_file = os.path.join(directory, "sandbox.json")
    if os.path.exists(info_file):
        os.remove(info_file)
    with open(os.path.join(directory, "sandbox.log"), "ab") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "sandbox", "serve", "--dir", directory]
            + (["--okta-page-size", str(okta_page_size)] if okta_page_size else []),
            stdout=log,
            stderr=log,
            start_new_session=True,
            env=dict(os.environ),
        )
    deadline = time.time() + 60
    while not os.path.exists(info_file):
        if process.poll() is not None or time.time() > deadline:
            sys.exit("the sandbox did not start; see %s" % os.path.join(directory, "sandbox.log"))
        time.sleep(0.1)
    time.sleep(0.1)
    with open(info_file, encoding="utf-8") as handle:
        info = json.load(handle)
    print("Okta sandbox (a local test double, not Okta): %s" % info["okta"]["url"])
    print("  API token:  %s" % info["okta"]["api_token"])
    print("  CA file:    %s" % info["ca_file"])
    print("Twilio Admin Center sandbox (a local test double, not Twilio): %s" % info["twilio"]["url"])
    print("  login:      %s (password and TOTP secret in env.sh)" % info["twilio"]["username"])
    print(
        "Twilio organization API sandbox (SCIM, a local test double, not Twilio): %s" % info["twilio_org"]["scim_url"]
    )
    print("  variables:  source %s" % os.path.join(directory, "env.sh"))


def stop(directory):
    info_file = os.path.join(directory, "sandbox.json")
    if not os.path.exists(info_file):
        print("no sandbox is running from %s" % directory)
        return
    with open(info_file, encoding="utf-8") as handle:
        pid = json.load(handle)["pid"]
    try:
        os.kill(pid, signal.SIGTERM)
        for _attempt in range(100):
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.remove(info_file)
    print("sandbox stopped")


def login(directory, friendly_name, idp_initiated, user=None):
    """Log the sandbox's SSO user in to the Twilio sandbox through the Okta sandbox; exit 1 if refused."""
    with open(os.path.join(directory, "sandbox.json"), encoding="utf-8") as handle:
        info = json.load(handle)
    session = requests.Session()
    session.trust_env = False
    session.verify = info["ca_file"]
    profiles = session.get(info["twilio"]["url"] + "/__sandbox/profiles", timeout=30).json()
    profile = next((p for p in profiles if p["friendly_name"] == friendly_name), None)
    if profile is None:
        sys.exit("no Twilio SSO profile named %r in the sandbox" % friendly_name)
    result = sso_login(
        info["twilio"]["url"],
        info["okta"]["url"],
        profile["connection_id"],
        user or info["sso"]["user"],
        info["sso"]["password"],
        info["ca_file"],
        profile["idp_sso_url"] if idp_initiated else None,
    )
    kind = "IdP-initiated" if idp_initiated else "SP-initiated"
    if not result.ok:
        sys.exit("%s SSO login refused: %s" % (kind, result.message))
    print("%s SSO login through the sandboxes succeeded: %s" % (kind, result.message))


def password_login(directory, user=None, expect=None):
    """Try Twilio's password login (its first step) for a user; prints what Twilio answered, exit 1 if not expect."""
    with open(os.path.join(directory, "sandbox.json"), encoding="utf-8") as handle:
        info = json.load(handle)
    email = user or info["sso"]["user"]
    password = info["twilio"]["password"] if email == info["twilio"]["username"] else info["sso"]["password"]
    refused = sso_password_login(info["twilio"]["url"], email, password, info["ca_file"])
    if refused is None:
        print("password login of %s: accepted (Twilio asks for the second factor next)" % email)
    else:
        print("password login of %s: refused: %s" % (email, refused))
    if expect and (refused is None) != (expect == "accepted"):
        sys.exit("expected the password login to be %s" % expect)


def main():
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("command", choices=["start", "stop", "serve", "login", "password-login"])
    parser.add_argument("--profile", default="Okta", help="login: the Twilio SSO profile's friendly name")
    parser.add_argument("--user", help="login: the Okta user (default: the sandbox's assigned user)")
    parser.add_argument("--idp-initiated", action="store_true", help="login: start at Okta instead of Twilio")
    parser.add_argument("--expect", choices=["accepted", "refused"], help="password-login: exit 1 unless this happens")
    parser.add_argument("--dir", default=os.path.join(os.getcwd(), ".build", "sandbox"))
    parser.add_argument(
        "--okta-page-size",
        type=int,
        default=None,
        help="a smaller largest page than Okta's for every Okta list (small values exercise pagination)",
    )
    args = parser.parse_args()
    directory = os.path.abspath(args.dir)
    if args.command == "serve":
        serve(directory, args.okta_page_size)
    elif args.command == "start":
        start(directory, args.okta_page_size)
    elif args.command == "login":
        login(directory, args.profile, args.idp_initiated, args.user)
    elif args.command == "password-login":
        password_login(directory, args.user, args.expect)
    else:
        stop(directory)


if __name__ == "__main__":
    main()
