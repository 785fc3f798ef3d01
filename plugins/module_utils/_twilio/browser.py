# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The headless Chromium the Admin Center driver works in: finding and starting it, trusting a private
CA safely, keeping the session between runs, and saving evidence of a failure.

Nothing here knows Admin Center's screens; that is console_pages and admin_center.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import socket
import ssl
import time
from urllib.parse import urlsplit

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import TwilioSsoError

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:
    pass  # TwilioModule reports a missing package

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Quiet, deterministic Chromium: no background traffic to Google, no first-run UI.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
DEFAULT_ARTIFACTS_DIR = os.path.join("~", ".ansible", "twilio_okta_sso", "artifacts")
# Values in saved pages that would let someone act as the user: form tokens, session ids, typed secrets.
TOKEN_PATTERN = re.compile(
    r"""((?:csrf|xsrf|token|session|secret|password)[\w-]*["']?\s*(?:[:=]|value=)\s*["'])[^"']*""", re.I
)


def find_chromium(configured=None):
    """The Chromium to launch: the configured one, else the first on PATH; None when there is none, so that
    Playwright launches the Chromium it manages (python -m playwright install chromium), if there is one."""
    if configured:
        if not os.access(configured, os.X_OK):
            raise TwilioSsoError("browser_executable %r is not an executable file" % configured)
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def verified_server_key_pin(url, ca_path, timeout):
    """Verify url's certificate with Python's ssl (chain to ca_path or the system's CAs, host name, expiry) and
    return the base64 SHA-256 of that server's public key, the only key Chromium is then told to accept.

    Chromium has no option to add a CA; pinning a CA key (--ignore-certificate-errors-spki-list) would accept
    any certificate under it, for any host and expired ones too. Pinning the verified leaf key does not."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 443
    context = ssl.create_default_context(cafile=ca_path)
    context.load_default_certs()
    try:
        # Nested, not parenthesised: that form needs Python 3.10 and the modules support 3.9.
        with socket.create_connection((host, port), timeout=timeout) as raw:  # noqa: SIM117
            with context.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError as exc:
        raise TwilioSsoError(
            "the TLS certificate of %s:%s failed verification against ca_path %s: %s"
            % (host, port, ca_path, exc.verify_message or exc.reason)
        ) from None
    except (OSError, ssl.SSLError) as exc:
        raise TwilioSsoError("could not reach %s:%s to verify its TLS certificate: %s" % (host, port, exc)) from None
    key = x509.load_der_x509_certificate(der).public_key()
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def write_private(path, data):
    """Write a file only its owner can read (0600), in a directory only its owner can list (0700)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, mode=0o700, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def scrub(text, secrets):
    """Page text safe to keep: typed secrets and token-like values replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return TOKEN_PATTERN.sub(r"\1********", text)


class Browser:
    """One Chromium, one context, one page, for one module run; use as a context manager."""

    def __init__(self, params):
        self.base_url = params["admin_url"].rstrip("/")
        self.session_state = params.get("session_state")
        self.timeout_ms = params["timeout"] * 1000
        self.artifacts_dir = os.path.expanduser(params.get("artifacts_dir") or DEFAULT_ARTIFACTS_DIR)
        self.executable = find_chromium(params.get("browser_executable"))
        self.headless = params["headless"]
        self.validate_certs = params["validate_certs"]
        self.ca_path = params.get("ca_path")
        self.secrets = [params.get(k) for k in ("password", "totp_secret", "test_password", "test_totp_secret")]
        self._playwright = self._browser = self.context = self.page = None

    def __enter__(self):
        args = list(CHROMIUM_ARGS)
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
        if self.validate_certs and self.ca_path:
            pin = verified_server_key_pin(self.base_url, self.ca_path, self.timeout_ms / 1000)
            args.append("--ignore-certificate-errors-spki-list=%s" % pin)
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, headless=self.headless, args=args
            )
            self.context = self._browser.new_context(
                storage_state=self._saved_state(), accept_downloads=True, ignore_https_errors=not self.validate_certs
            )
            self.context.set_default_timeout(self.timeout_ms)
            self.page = self.context.new_page()
        except PlaywrightError as exc:
            self.__exit__(None, None, None)
            if self.executable is None:
                raise TwilioSsoError(
                    "no Chromium found on PATH (looked for %s) and Playwright has none of its own: install Chromium "
                    "from the OS packages, or run 'python -m playwright install chromium', or set browser_executable "
                    "(Playwright said: %s)" % (", ".join(CHROMIUM_NAMES), exc.message.splitlines()[0])
                ) from None
            raise TwilioSsoError("could not start Chromium (%s): %s" % (self.executable, exc.message)) from None
        return self

    def __exit__(self, *exc_info):
        if self._browser is not None:  # closing the browser closes its context and page
            try:
                self._browser.close()
            except PlaywrightError:
                pass  # already gone; nothing left to release
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self.context = self.page = None

    def _saved_state(self):
        if not self.session_state or not os.path.isfile(self.session_state):
            return None
        try:
            with open(self.session_state, encoding="utf-8") as handle:
                state = json.load(handle)
        except (OSError, ValueError):
            return None  # an empty, stale or broken file only costs a new login
        return state if isinstance(state, dict) else None

    def save_state(self):
        if self.session_state:
            write_private(self.session_state, json.dumps(self.context.storage_state()))

    def save_evidence(self, step_name):
        """Screenshot, scrubbed page HTML and ARIA snapshot of the current page; returns their paths."""
        if self.page is None:
            return {}
        stem = self._artifact_stem(step_name)
        saved = {}
        for kind, suffix, produce in (
            ("screenshot", ".png", lambda: self.page.screenshot(full_page=True)),
            ("html", ".html", lambda: scrub(self.page.content(), self.secrets)),
            ("aria_snapshot", ".aria.yml", lambda: scrub(self.aria_snapshot(), self.secrets)),
        ):
            try:
                write_private(stem + suffix, produce())
                saved[kind] = stem + suffix
            except (PlaywrightError, OSError):
                continue  # evidence is best effort: the failure itself is what gets reported
        return saved

    def save_snapshot(self, page_name):
        """The page's ARIA snapshot as a 0600 file, for a read-only check of the page map."""
        path = self._artifact_stem("check " + page_name) + ".aria.yml"
        write_private(path, scrub(self.aria_snapshot(), self.secrets))
        return path

    def _artifact_stem(self, name):
        """A timestamped path in the artifacts directory, which is made private (0700) first."""
        os.makedirs(self.artifacts_dir, mode=0o700, exist_ok=True)
        os.chmod(self.artifacts_dir, 0o700)
        return os.path.join(
            self.artifacts_dir,
            "%s-%s" % (time.strftime("%Y%m%dT%H%M%S"), re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]),
        )

    def aria_snapshot(self):
        return self.page.locator("body").aria_snapshot()
