# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Twilio SSO driver that works Twilio Admin Center in headless Chromium (Playwright, sync API).

All UI knowledge comes from twilio_console_pages. Elements are found by role and accessible name
and every wait is on a condition. When a step fails, a screenshot and the page's HTML are saved and
named in the error; secrets never reach a message, a log or a file name.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import traceback

from ansible.module_utils.basic import env_fallback

from ansible_collections.twilio_okta.sso.plugins.module_utils import twilio_console_pages as ui
from ansible_collections.twilio_okta.sso.plugins.module_utils.totp import TotpSecretError, seconds_left_in_step, totp_code
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_sso import TwilioSsoDriver, TwilioSsoError

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import sync_playwright
    HAS_PLAYWRIGHT = True
    PLAYWRIGHT_IMPORT_ERROR = None
except ImportError:
    HAS_PLAYWRIGHT = False
    PLAYWRIGHT_IMPORT_ERROR = traceback.format_exc()

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
except ImportError:
    pass  # reported by the certificate helpers' own import check

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Quiet, deterministic Chromium: no background traffic to Google, no first-run UI.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]


def twilio_connection_spec():
    """Argument spec shared by the Twilio modules (documented in the twilio_okta.sso.twilio fragment)."""
    return dict(
        admin_url=dict(type="str", default=ui.DEFAULT_ADMIN_URL, fallback=(env_fallback, ["TWILIO_ADMIN_URL"])),
        username=dict(type="str", fallback=(env_fallback, ["TWILIO_CONSOLE_USERNAME"])),
        password=dict(type="str", no_log=True, fallback=(env_fallback, ["TWILIO_CONSOLE_PASSWORD"])),
        totp_secret=dict(type="str", no_log=True, fallback=(env_fallback, ["TWILIO_CONSOLE_TOTP_SECRET"])),
        session_state=dict(type="path", no_log=False, fallback=(env_fallback, ["TWILIO_CONSOLE_SESSION_STATE"])),
        browser_executable=dict(type="path", fallback=(env_fallback, ["TWILIO_BROWSER_EXECUTABLE"])),
        headless=dict(type="bool", default=True),
        timeout=dict(type="int", default=30, fallback=(env_fallback, ["TWILIO_TIMEOUT"])),
        artifacts_dir=dict(type="path", fallback=(env_fallback, ["TWILIO_ARTIFACTS_DIR"])),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["TWILIO_VALIDATE_CERTS"])),
        ca_path=dict(type="path", fallback=(env_fallback, ["TWILIO_CA_PATH"])),
    )


class MissingElement(TwilioSsoError):
    """The page lacks an element the page map names: Admin Center's UI probably changed."""


class LoginRejected(TwilioSsoError):
    """Twilio refused the credentials."""


def find_chromium(configured=None):
    if configured:
        if not os.access(configured, os.X_OK):
            raise TwilioSsoError("browser_executable %r is not an executable file" % configured)
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise TwilioSsoError("no Chromium found on PATH (looked for %s); install one or set browser_executable"
                         % ", ".join(CHROMIUM_NAMES))


def spki_pins(ca_path):
    """Base64 SHA-256 of each CA key in a PEM bundle, for Chromium's --ignore-certificate-errors-spki-list."""
    with open(ca_path, "rb") as handle:
        data = handle.read()
    pins = []
    for block in re.findall(b"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", data, re.S):
        key = x509.load_pem_x509_certificate(block).public_key()
        der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        pins.append(base64.b64encode(hashlib.sha256(der).digest()).decode())
    if not pins:
        raise TwilioSsoError("ca_path %r holds no PEM certificate" % ca_path)
    return pins


def safe_name(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


class AdminCenterDriver(TwilioSsoDriver):
    """Works Twilio Admin Center as the guide describes; use as a context manager."""

    def __init__(self, params):
        self.base_url = params["admin_url"].rstrip("/")
        self.username = params.get("username")
        self.password = params.get("password")
        self.totp_secret = params.get("totp_secret")
        self.session_state = params.get("session_state")
        self.timeout_ms = params["timeout"] * 1000
        self.artifacts_dir = params.get("artifacts_dir") or os.path.join(os.path.expanduser("~"), ".ansible",
                                                                         "twilio_okta_sso", "artifacts")
        self.executable = find_chromium(params.get("browser_executable"))
        self.headless = params["headless"]
        self.validate_certs = params["validate_certs"]
        self.ca_path = params.get("ca_path")
        self.logged_in = False
        self._playwright = self._browser = self._context = self.page = None

    # -- browser lifecycle -----------------------------------------------------------------------------

    def __enter__(self):
        args = list(CHROMIUM_ARGS)
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
        if self.validate_certs and self.ca_path:
            args.append("--ignore-certificate-errors-spki-list=%s" % ",".join(spki_pins(self.ca_path)))
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, headless=self.headless,
                                                             args=args)
            state = self._saved_state()
            self._context = self._browser.new_context(storage_state=state, ignore_https_errors=not self.validate_certs,
                                                      accept_downloads=True)
            self._context.set_default_timeout(self.timeout_ms)
            self.page = self._context.new_page()
        except PlaywrightError as exc:
            self.__exit__(None, None, None)
            raise TwilioSsoError("could not start Chromium (%s): %s" % (self.executable, exc.message)) from None
        return self

    def __exit__(self, *exc_info):
        for closer in (self._context, self._browser):
            if closer is not None:
                with contextlib.suppress(PlaywrightError):
                    closer.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._context = self.page = None

    def _saved_state(self):
        if not self.session_state or not os.path.isfile(self.session_state):
            return None
        try:
            with open(self.session_state, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None  # a stale or broken file only costs a new login

    def _save_state(self):
        if not self.session_state:
            return
        directory = os.path.dirname(os.path.abspath(self.session_state))
        os.makedirs(directory, mode=0o700, exist_ok=True)
        descriptor = os.open(self.session_state, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(self.session_state, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(self._context.storage_state(), handle)

    # -- failure evidence ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def step(self, name):
        """Run one step of the flow; on failure save evidence and name it, the step and the cause."""
        try:
            yield
        except PlaywrightTimeoutError as exc:
            raise self._failure(name, "timed out after %d s: %s" % (self.timeout_ms // 1000, _first_line(exc.message)),
                                TwilioSsoError) from None
        except PlaywrightError as exc:
            raise self._failure(name, _first_line(exc.message), TwilioSsoError) from None
        except TwilioSsoError as exc:
            if getattr(exc, "has_artifacts", False):
                raise
            raise self._failure(name, str(exc), type(exc)) from None

    def _failure(self, step_name, reason, error_class):
        saved = []
        if self.page is not None:
            os.makedirs(self.artifacts_dir, exist_ok=True)
            stem = os.path.join(self.artifacts_dir, "%s-%s" % (time.strftime("%Y%m%dT%H%M%S"), safe_name(step_name)))
            with contextlib.suppress(PlaywrightError, OSError):
                self.page.screenshot(path=stem + ".png", full_page=True)
                saved.append(stem + ".png")
            with contextlib.suppress(PlaywrightError, OSError):
                with open(stem + ".html", "w", encoding="utf-8") as handle:
                    handle.write(self.page.content())
                saved.append(stem + ".html")
        message = "Twilio Admin Center step '%s' failed: %s" % (step_name, self._redact(reason))
        if saved:
            message += " (screenshot and page saved: %s)" % ", ".join(saved)
        error = error_class(message)
        error.has_artifacts = True
        return error

    def _redact(self, text):
        for secret in (self.password, self.totp_secret):
            if secret:
                text = text.replace(secret, "********")
        return text

    # -- element helpers: by role and accessible name, waiting on conditions -------------------------

    def _one(self, locator, what):
        try:
            locator.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            raise MissingElement("the page has no %s (waited %d s); Admin Center's UI may have changed: see "
                                 "plugins/module_utils/twilio_console_pages.py" % (what, self.timeout_ms // 1000)) from None
        return locator.first

    def _by_role(self, role, name, scope=None):
        return self._one((scope or self.page).get_by_role(role, name=name, exact=True), '%s "%s"' % (role, name))

    def _by_label(self, label, scope=None):
        return self._one((scope or self.page).get_by_label(label, exact=True), 'field "%s"' % label)

    def _alerts(self):
        return [t.strip() for t in self.page.get_by_role(ui.ALERT_ROLE).all_inner_texts() if t.strip()]

    def _wait_for_one_of(self, *locators):
        """Index of the locator that became visible first: any of several outcomes ends the wait."""
        either = locators[0]
        for other in locators[1:]:
            either = either.or_(other)
        try:
            either.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            raise MissingElement("none of the expected outcomes appeared within %d s" % (self.timeout_ms // 1000)) from None
        for index, locator in enumerate(locators):
            if locator.first.is_visible():
                return index
        raise MissingElement("the page changed while it was being read")

    # -- login -----------------------------------------------------------------------------------------

    def _open_home(self):
        """Admin Center's home page, logging in first when the session is missing or expired."""
        with self.step("open Admin Center"):
            self.page.goto(self.base_url + ui.HOME_PATH)
            navigation = self.page.get_by_role("navigation", name=ui.NAVIGATION)
            login = self.page.get_by_label(ui.LOGIN_EMAIL, exact=True)
            if self._wait_for_one_of(navigation, login) == 0:
                return
        self._login()

    def _login(self):
        if not (self.username and self.password and self.totp_secret):
            raise TwilioSsoError("Twilio Admin Center asks for a login: set username, password and totp_secret "
                                 "(TWILIO_CONSOLE_USERNAME, TWILIO_CONSOLE_PASSWORD, TWILIO_CONSOLE_TOTP_SECRET)")
        with self.step("log in with email and password"):
            self._by_label(ui.LOGIN_EMAIL).fill(self.username)
            self._by_label(ui.LOGIN_PASSWORD).fill(self.password)
            self._by_role("button", ui.LOGIN_SUBMIT).click()
            totp_field = self.page.get_by_label(ui.LOGIN_TOTP, exact=True)
            if self._wait_for_one_of(totp_field, self.page.get_by_role(ui.ALERT_ROLE)) == 1:
                raise LoginRejected("Twilio rejected the username or password (%s)" % "; ".join(self._alerts()))
        with self.step("enter the two-factor code"):
            if seconds_left_in_step() < 3:
                self.page.wait_for_timeout(3500)  # a code about to expire could arrive too late
            try:
                code = totp_code(self.totp_secret)
            except TotpSecretError as exc:
                raise LoginRejected(str(exc)) from None
            self._by_label(ui.LOGIN_TOTP).fill(code)
            self._by_role("button", ui.LOGIN_TOTP_SUBMIT).click()
            navigation = self.page.get_by_role("navigation", name=ui.NAVIGATION)
            if self._wait_for_one_of(navigation, self.page.get_by_role(ui.ALERT_ROLE)) == 1:
                raise LoginRejected("Twilio rejected the two-factor code; check totp_secret and this machine's clock "
                                    "(%s)" % "; ".join(self._alerts()))
        self.logged_in = True
        self._save_state()

    # -- the driver interface --------------------------------------------------------------------------

    def _open_sso(self):
        self._open_home()
        with self.step("open Single Sign-On"):
            navigation = self._by_role("navigation", ui.NAVIGATION)
            self._by_role("link", ui.NAV_SSO, scope=navigation).click()
            return self._by_role("table", ui.PROFILES_TABLE)

    def list_profiles(self):
        table = self._open_sso()
        with self.step("read the SSO profile list"):
            profiles = []
            for row in table.get_by_role("row").all()[1:]:
                cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
                profile = dict(zip(ui.PROFILE_COLUMNS, cells))
                profile["identity_provider"] = None if profile.get("identity_provider") in ("", "-") \
                    else profile.get("identity_provider")
                profile["ref"] = row.get_by_role("link", name=ui.EDIT, exact=True).get_attribute("href")
                profiles.append(profile)
            return profiles

    def _open_profile(self, ref):
        with self.step("open the SSO profile"):
            self.page.goto(self.base_url + ref if ref.startswith("/") else ref)
            self._by_label(ui.SP_ENTITY_ID)

    def read_profile(self, ref):
        if self.page.url == "about:blank":
            self._open_home()
        self._open_profile(ref)
        with self.step("read the SSO profile"):
            fields = {"friendly_name": ui.FRIENDLY_NAME, "identity_provider": ui.IDENTITY_PROVIDER,
                      "status": ui.STATUS, "sp_entity_id": ui.SP_ENTITY_ID, "sp_acs_url": ui.SP_ACS_URL,
                      "idp_entity_id": ui.IDP_ENTITY_ID, "idp_sso_url": ui.IDP_SSO_URL,
                      "idp_certificate": ui.IDP_CERTIFICATE}
            profile = {key: self._by_label(label).input_value() for key, label in fields.items()}
        with self.step("download the SP metadata"):
            with self.page.expect_download() as download_info:
                self._by_role("link", ui.DOWNLOAD_SP_METADATA).click()
            with open(download_info.value.path(), encoding="utf-8") as handle:
                profile["sp_metadata_xml"] = handle.read()
        profile["ref"] = ref
        return profile

    def _fill_identity_provider(self, friendly_name, idp):
        self._by_label(ui.FRIENDLY_NAME).fill(friendly_name)
        if idp:
            self._by_label(ui.IDENTITY_PROVIDER).select_option(label=idp["provider_text"])
            self._by_label(ui.IDP_ENTITY_ID).fill(idp["entity_id"])
            self._by_label(ui.IDP_SSO_URL).fill(idp["sso_url"])
            self._by_label(ui.IDP_CERTIFICATE).fill(idp["certificate"])
        self._by_role("button", ui.SAVE).click()
        heading = self.page.get_by_role("heading", name=friendly_name, exact=True)
        if self._wait_for_one_of(heading, self.page.get_by_role(ui.ALERT_ROLE)) == 1:
            raise TwilioSsoError("Admin Center rejected the profile: %s" % "; ".join(self._alerts()))

    def create_profile(self, friendly_name, idp=None):
        self._open_sso()
        with self.step("create a new SSO profile"):
            self._by_role("button", ui.CREATE_PROFILE).click()
            self._by_label(ui.SP_ENTITY_ID)
        with self.step("continue from the SP metadata"):
            self._by_label(ui.CONFIRM_IDP_CONFIGURED).check()
            self._by_role("button", ui.CONTINUE).click()
        with self.step("save the profile's identity provider"):
            self._fill_identity_provider(friendly_name, idp)
            return self.page.url[len(self.base_url):] if self.page.url.startswith(self.base_url) else self.page.url

    def set_identity_provider(self, ref, friendly_name, idp):
        self._open_profile(ref)
        with self.step("edit the profile's identity provider"):
            self._by_role("button", ui.EDIT).click()
            self._fill_identity_provider(friendly_name, idp)

    def delete_profile(self, profile):
        self._open_sso()
        with self.step("delete the SSO profile"):
            name_cell = self.page.get_by_role("cell", name=profile["friendly_name"], exact=True)
            row = self.page.get_by_role("row").filter(has=name_cell)
            self._by_role("button", ui.DELETE, scope=row).click()
            dialog = self._by_role("dialog", ui.DELETE_DIALOG)
            self._by_role("button", ui.DELETE, scope=dialog).click()
            row.wait_for(state="detached")


def _first_line(text):
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"
