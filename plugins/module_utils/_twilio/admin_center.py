# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Twilio SSO driver that works Twilio Admin Center in headless Chromium (Playwright, sync API).

All UI knowledge comes from console_pages (the page map); elements are found by ARIA role and any of their
accepted names, compared without regard to case or whitespace, and every wait is on a condition: an
element, the end of loading (aria-busy), or the answer to a write. A failure names the step, what was
missing and what the page had instead, and saves the evidence (twilio_browser).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from urllib.parse import urlsplit

try:
    import yaml

    FILE_ERRORS = (OSError, ValueError, yaml.YAMLError)
except ImportError:  # ansible-core brings PyYAML; without it an overrides file must be JSON
    yaml = None
    FILE_ERRORS = (OSError, ValueError)
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import (
    MetadataError,
    parse_sp_metadata,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio import console_pages as ui
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.browser import Browser, scrub
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import (
    InvalidParameters,
    TwilioSsoDriver,
    TwilioSsoError,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.totp import (
    TotpSecretError,
    seconds_left_in_step,
    totp_code,
)

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
except ImportError:
    pass  # TwilioModule reports a missing package before a driver is made

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class MissingElement(TwilioSsoError):
    """The page lacks an element the page map names: Admin Center's UI probably changed."""


class LoginRejected(TwilioSsoError):
    """Twilio refused the credentials."""


class SessionExpired(TwilioSsoError):
    """A sign-in page appeared in the middle of the flow."""


class AdminCenterTimeout(TwilioSsoError):
    """Admin Center was still loading when the timeout ran out."""


class AdminCenterHttpError(TwilioSsoError):
    """Admin Center answered a page with an HTTP error."""


def load_overrides(params):
    """ui_overrides, or the YAML/JSON file named by TWILIO_UI_OVERRIDES; checked against the page map."""
    overrides = params.get("ui_overrides")
    source = "ui_overrides"
    if overrides is None and os.environ.get("TWILIO_UI_OVERRIDES"):
        source = os.environ["TWILIO_UI_OVERRIDES"]
        try:
            with open(source, encoding="utf-8") as handle:
                overrides = yaml.safe_load(handle) if yaml else json.load(handle)
        except FILE_ERRORS as exc:
            raise InvalidParameters("TWILIO_UI_OVERRIDES file %s could not be read: %s" % (source, exc)) from None
    if not overrides:
        return {}
    if not isinstance(overrides, dict):
        raise InvalidParameters("%s must be a dict of page-map keys to names" % source)
    unknown = sorted(set(overrides) - set(ui.PAGES))
    if unknown:
        raise InvalidParameters(
            "%s has unknown keys %s; valid keys: %s" % (source, ", ".join(unknown), ", ".join(sorted(ui.PAGES)))
        )
    checked = {}
    for key, value in overrides.items():
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise InvalidParameters("%s.%s must be a name or a list of names" % (source, key))
        checked[key] = tuple(names)
    return checked


def name_pattern(names):
    """One regex accepting any of names, whole, ignoring case and runs of whitespace."""
    return re.compile(r"^\s*(?:%s)\s*$" % "|".join(r"\s+".join(map(re.escape, n.split())) for n in names), re.I)


def normalized(text):
    return normalized_text(text).lower()


def provider_key(text):
    """The module's name for a provider text Admin Center shows (None when unset, the text when unknown)."""
    if _none_if_empty(text) is None:
        return None
    for key, texts in ui.IDENTITY_PROVIDER_OPTIONS.items():
        if normalized(text) in (normalized(t) for t in texts):
            return key
    return text


class AdminCenterDriver(TwilioSsoDriver):
    """Works Twilio Admin Center as the guide describes; use as a context manager."""

    def __init__(self, params):
        self.params = params
        self.base_url = params["admin_url"].rstrip("/")
        self.overrides = load_overrides(params)
        self.browser = Browser(params)
        self.logged_in = False
        self.page = None

    def __enter__(self):
        self.browser.__enter__()
        self.page = self.browser.page
        return self

    def __exit__(self, *exc_info):
        self.browser.__exit__(*exc_info)
        self.page = None

    # -- failures --------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def step(self, name):
        """Run one step of the flow; on failure save evidence and name it, the step and the cause."""
        try:
            yield
        except PlaywrightTimeoutError as exc:
            raise self._failure(name, self._diagnose_timeout(exc)) from None
        except PlaywrightError as exc:
            raise self._failure(name, TwilioSsoError(_first_line(exc.message))) from None
        except TwilioSsoError as exc:
            if getattr(exc, "artifacts", None) is not None:
                raise
            raise self._failure(name, exc) from None

    def _failure(self, step_name, cause):
        saved = self.browser.save_evidence(step_name)
        message = "Twilio Admin Center step '%s' failed: %s" % (step_name, scrub(str(cause), self.browser.secrets))
        if saved:
            message += " (screenshot, page and ARIA snapshot saved: %s)" % ", ".join(saved.values())
        error = type(cause)(message)
        error.artifacts = saved
        return error

    def _diagnose_timeout(self, exc):
        """A timeout is a sign-in page, a page still loading, or (caught elsewhere) a missing element."""
        if self._on_login_page():
            return SessionExpired(
                "a sign-in page appeared instead (the Admin Center session expired); run again, "
                "or refresh session_state with the twilio_okta.sso.console_login playbook"
            )
        return AdminCenterTimeout(
            "Admin Center did not finish within %d s (%s); it may be slow or unreachable: raise "
            "timeout" % (self.browser.timeout_ms // 1000, _first_line(exc.message))
        )

    def _missing(self, key):
        """The error for an entry that is not on a settled page, listing what the page has instead."""
        if self._on_login_page():
            return SessionExpired(
                "a sign-in page appeared where %s (%s) was expected: the Admin Center session "
                "expired; run again, or refresh session_state with the twilio_okta.sso.console_login "
                "playbook" % (ui.PAGES[key].role, key)
            )
        entry = ui.PAGES[key]
        names = ui.entry_names(key, self.overrides)
        roles = ui.ROLES_OF_KIND.get(entry.role, ui.ROLES_ALIKE.get(entry.role, (entry.role,)))
        present = self._accessible_names(roles + (("term",) if entry.role == "field" else ()))
        kind = "field" if entry.role == "field" else entry.role
        return MissingElement(
            "no %s %s (%s) on this page; %ss on this page: %s. If Twilio renamed it, set ui_overrides "
            "(key %s) to the new name"
            % (
                kind,
                " or ".join("'%s'" % n for n in names),
                key,
                kind,
                ", ".join("'%s'" % n for n in present) or "none",
                key,
            )
        )

    def _accessible_names(self, roles):
        """Accessible names of the page's elements with these roles, from Playwright's ARIA snapshot."""
        try:
            snapshot = self.browser.aria_snapshot()
        except PlaywrightError:
            return []
        found = []
        for role, quoted, plain in re.findall(r'^\s*- (\w+)(?: "((?:[^"\\]|\\.)*)"|: (.+))?', snapshot, re.M):
            name = quoted or (plain if role == "term" else "")
            if role in roles and name and name not in found:
                found.append(name)
        return found

    # -- finding elements ------------------------------------------------------------------------------

    def _locator(self, key, scope=None):
        scope = scope or self.page
        entry, pattern = ui.PAGES[key], name_pattern(ui.entry_names(key, self.overrides))
        if entry.role == "field":
            return scope.get_by_label(pattern).filter(visible=True)
        alike = ui.ROLES_ALIKE.get(entry.role, (entry.role,))
        locator = scope.get_by_role(alike[0], name=pattern)
        for role in alike[1:]:
            locator = locator.or_(scope.get_by_role(role, name=pattern))
        return locator

    def _find(self, key, scope=None):
        """The visible element of an entry, waiting for it; a missing one is diagnosed."""
        locator = self._locator(key, scope)
        try:
            locator.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            raise (
                self._missing(key)
                if self._settled()
                else AdminCenterTimeout(
                    "Admin Center was still loading after %d s; raise timeout" % (self.browser.timeout_ms // 1000)
                )
            ) from None
        return locator.first

    def _wait_for_any(self, *keys):
        """The first of several entries to become visible, e.g. the signed-in navigation or the sign-in form."""
        locators = [self._locator(k) for k in keys]
        either = locators[0]
        for other in locators[1:]:
            either = either.or_(other)
        try:
            either.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            raise (
                self._missing(keys[0])
                if self._settled()
                else AdminCenterTimeout(
                    "Admin Center did not show %s within %d s" % (" or ".join(keys), self.browser.timeout_ms // 1000)
                )
            ) from None
        for key, locator in zip(keys, locators):
            if locator.first.is_visible():
                return key
        return self._wait_for_any(*keys)  # the page changed between the wait and the check

    def _settled(self):
        """Loading is over: no Paste SkeletonLoader or loading button (aria-busy) is left."""
        try:
            self.page.locator(ui.BUSY_SELECTOR).first.wait_for(state="detached", timeout=2000)
            return True
        except PlaywrightTimeoutError:
            return False

    def _wait_settled(self):
        self.page.locator(ui.BUSY_SELECTOR).first.wait_for(state="detached")

    def _on_login_page(self):
        try:
            return self._locator("login_password").count() > 0 or (
                self._locator("login_email").count() > 0 and self._locator("nav_sso").count() == 0
            )
        except PlaywrightError:
            return False

    def _value(self, key):
        """A field's value: a form control's (a select's chosen text), or the text beside its label."""
        control = self._locator(key)
        if control.count():
            return control.first.evaluate(
                "e => e.tagName === 'SELECT' ? (e.selectedOptions[0] ? e.selectedOptions[0].text : '') : e.value"
            )
        text = self.page.evaluate(ui.VALUE_BESIDE_LABEL_SCRIPT, list(ui.entry_names(key, self.overrides)))
        if text is None:
            raise self._missing(key)
        return text

    def present(self, key):
        """Whether a settled page has the entry, without waiting for it."""
        if self._locator(key).count():
            return True
        if ui.PAGES[key].role == "table":
            return bool(
                self.page.evaluate(
                    ui.PROFILE_ROWS_SCRIPT,
                    {"listNames": [], "openNames": [], "navNames": list(ui.entry_names("nav_sso", self.overrides))},
                )
            )
        return (
            ui.PAGES[key].role == "field"
            and self.page.evaluate(ui.VALUE_BESIDE_LABEL_SCRIPT, list(ui.entry_names(key, self.overrides))) is not None
        )

    def wait_for_person_to_sign_in(self, seconds):
        """Open Admin Center and wait until someone has signed in, by whatever method Twilio asks for."""
        with self.step("open Admin Center for a person to sign in"):
            self.page.goto(self.base_url + ui.SSO_PATH)
        try:
            self._locator("nav_sso").first.wait_for(state="visible", timeout=seconds * 1000)
        except PlaywrightTimeoutError:
            raise self._failure(
                "wait for a person to sign in",
                SessionExpired(
                    "nobody completed the sign-in within %d s; run again and sign in in the browser window" % seconds
                ),
            ) from None
        self.logged_in = True
        self.browser.save_state()

    def _check(self, key):
        """Tick a checkbox; Paste hides the native input (0x0, clipped), so its label is what takes the click."""
        box = self._locator(key)
        if box.count() == 0:
            return  # the confirmation is optional: some flows go straight on
        box = box.first
        if not box.is_checked():
            label = self.page.locator("label[for='%s']" % box.get_attribute("id")) if box.get_attribute("id") else None
            if label is not None and label.count():
                label.first.click()
            else:
                box.check(force=True)
        if not box.is_checked():
            raise TwilioSsoError("the checkbox %s (%s) did not stay ticked" % (ui.PAGES[key].names[0], key))

    def _choose(self, key, texts):
        """Pick an option by its visible text in a native select or a Paste combobox."""
        control = self._find(key)
        wanted = name_pattern(texts)
        if control.evaluate("e => e.tagName") == "SELECT":
            # Paste's Select mounts its options after the first render.
            self.page.wait_for_function("e => e.options.length > 0", arg=control.element_handle())
            options = control.evaluate("e => [...e.options].map(o => [o.value, o.text])")
            value = next((v for v, text in options if wanted.match(text)), None)
            if value is None:
                raise MissingElement(
                    "the %s choices %s hold none of %s; set ui_overrides if Twilio renamed it"
                    % (key, [t for _v, t in options if t], list(texts))
                )
            control.select_option(value=value)
            return
        control.click()
        self._find_option(wanted, texts, key).click()
        if not wanted.match(control.input_value()):
            raise TwilioSsoError("the %s choice did not take: it shows %r" % (key, control.input_value()))

    def _find_option(self, wanted, texts, key):
        option = self.page.get_by_role("option", name=wanted)
        try:
            option.first.wait_for(state="visible")
        except PlaywrightTimeoutError:
            names = [n for n in self.page.get_by_role("option").all_inner_texts() if n.strip()]
            raise MissingElement("the %s list has no option %s; options: %s" % (key, list(texts), names)) from None
        return option.first

    def _alert_texts(self):
        """Texts of error alerts on the page (warnings that stay on a page are not errors)."""
        texts = [normalized_text(t) for t in self.page.get_by_role(ui.ALERT_ROLE).all_inner_texts()]
        return [
            re.sub(r"^%s\s*" % re.escape(ui.ERROR_PREFIX), "", t)
            for t in texts
            if t and not t.lower().startswith(ui.WARNING_PREFIX)
        ]

    # -- navigation and sign-in ------------------------------------------------------------------------

    def _goto(self, path):
        """Open an Admin Center page; an HTTP error page is reported as such, a sign-in page leads to a login."""
        url = path if path.startswith("http") else self.base_url + path
        response = self.page.goto(url)
        if response is not None and response.status >= 400:
            raise AdminCenterHttpError(
                "Admin Center answered HTTP %d for %s; this is a server-side error, not a UI "
                "change: try again later" % (response.status, path)
            )
        if self._wait_for_any("nav_sso", "login_email", "login_password") != "nav_sso":
            self._login()
            if not self.page.url.startswith(url):
                self._goto(path)

    def _login(self):
        params = self.params
        if not (params.get("username") and params.get("password") and params.get("totp_secret")):
            raise SessionExpired(
                "Twilio Admin Center asks for a login: set username, password and totp_secret "
                "(TWILIO_CONSOLE_USERNAME, TWILIO_CONSOLE_PASSWORD, TWILIO_CONSOLE_TOTP_SECRET), or "
                "sign in once with the twilio_okta.sso.console_login playbook and set session_state"
            )
        with self.step("log in with email and password"):
            if self._locator("login_email").count():
                self._find("login_email").fill(params["username"])
                if not self._locator("login_password").count():  # identifier first: email, Continue, then password
                    self._find("login_continue").click()
                    if self._wait_for_any("login_password", "login_email") != "login_password" or self._alert_texts():
                        raise LoginRejected(
                            "Twilio did not accept the email address (%s)" % "; ".join(self._alert_texts())
                        )
            self._find("login_password").fill(params["password"])
            self._find("login_submit").click()
            self._wait_for_outcome(("login_totp", "nav_sso"), LoginRejected, "Twilio rejected the username or password")
        if self._locator("login_totp").count():
            with self.step("enter the two-factor code"):
                if seconds_left_in_step() < 3:
                    self.page.wait_for_timeout(3500)  # a code about to expire could arrive too late
                try:
                    code = totp_code(params["totp_secret"])
                except TotpSecretError as exc:
                    raise LoginRejected(str(exc)) from None
                self._find("login_totp").fill(code)
                self._find("login_totp_submit").click()
                self._wait_for_outcome(
                    ("nav_sso",),
                    LoginRejected,
                    "Twilio rejected the two-factor code; check totp_secret and this machine's clock",
                )
        self.logged_in = True
        self.browser.save_state()

    def _wait_for_outcome(self, keys, error_class, message):
        """After a submit: one of the entries appears, or an error alert does (then raise error_class)."""
        expected = self._locator(keys[0])
        for key in keys[1:]:
            expected = expected.or_(self._locator(key))
        expected.or_(self.page.get_by_role(ui.ALERT_ROLE)).first.wait_for(state="visible")
        if expected.first.is_visible():
            return
        if self._alert_texts():
            raise error_class("%s (%s)" % (message, "; ".join(self._alert_texts())))
        expected.first.wait_for(state="visible")  # only a warning shows: wait for what the submit leads to

    # -- writes ----------------------------------------------------------------------------------------

    def _submit(self, button_key, scope=None, what="the change"):
        """Click a button that writes, and wait for the write's own outcome: the server's answer to it, then a
        toast, a route change or a new error alert. Something already on the page (the edit form keeps the
        profile's name as its heading) is never taken for the outcome."""
        button = self._find(button_key, scope)
        url_before = self.page.url
        alerts_before = self._alert_texts()
        with self.page.expect_response(
            lambda r: r.request.method in WRITE_METHODS and r.url.startswith(self.base_url)
        ) as answer:
            button.click()
        status = answer.value.status
        toast = self.page.get_by_role(ui.TOAST_ROLE)
        new_alert = self.page.get_by_role(ui.ALERT_ROLE)
        try:
            self.page.wait_for_function("url => location.href !== url", arg=url_before, timeout=2000)
        except PlaywrightTimeoutError:
            with contextlib.suppress(PlaywrightTimeoutError):
                toast.or_(new_alert).first.wait_for(state="visible", timeout=2000)
        errors = [a for a in self._alert_texts() if a not in alerts_before]
        if errors or status >= 400:
            raise TwilioSsoError("Admin Center rejected %s: %s" % (what, "; ".join(errors) or "HTTP %d" % status))

    # -- the driver interface --------------------------------------------------------------------------

    def open_sso_list(self):
        with self.step("open Single Sign-On"):
            self._goto(ui.SSO_PATH)
            self._find("create_profile")
            self._wait_settled()

    def list_profiles(self):
        self.open_sso_list()
        with self.step("read the SSO profile list"):
            rows = self.page.evaluate(
                ui.PROFILE_ROWS_SCRIPT,
                {
                    "listNames": list(ui.entry_names("profiles_list", self.overrides)),
                    "openNames": list(ui.entry_names("open_profile", self.overrides)),
                    "navNames": list(ui.entry_names("nav_sso", self.overrides)),
                },
            )
            return [{"friendly_name": r["name"], "ref": r["ref"]} for r in rows if r["ref"]]

    def open_profile(self, ref):
        """From the list, by its link as a person would (a client-side route, no new document); else by address."""
        with self.step("open the SSO profile"):
            link = self.page.locator("a[href='%s']" % ref.replace("'", "\\'"))
            if urlsplit(self.page.url).path == ui.SSO_PATH and link.count():
                link.first.click()
            else:
                self._goto(ref)
            self._find("download_sp_metadata")
            self._wait_settled()

    def read_profile(self, ref):
        self.open_profile(ref)
        with self.step("read the SSO profile"):
            profile = {
                key: _none_if_empty(self._value(key))
                for key in ("friendly_name", "status", "idp_entity_id", "idp_sso_url", "idp_certificate")
            }
            profile["identity_provider"] = provider_key(self._value("identity_provider"))
            shown = {key: self._optional_value(key) for key in ("sp_entity_id", "sp_acs_url")}
        with self.step("download the SP metadata"):
            profile["sp_metadata_xml"] = self._download_metadata()
        with self.step("cross-check the SP values with the SP metadata"):
            try:
                metadata = parse_sp_metadata(profile["sp_metadata_xml"].encode())
            except MetadataError as exc:
                raise TwilioSsoError("the downloaded SP metadata is not usable: %s" % exc) from None
            profile["sp_entity_id"], profile["sp_acs_url"] = metadata["entity_id"], metadata["acs_url"]
            for key, value in shown.items():
                if value and value != profile[key]:
                    raise TwilioSsoError("%s shows %r but the SP metadata says %r" % (key, value, profile[key]))
        profile["ref"] = ref
        return profile

    def _optional_value(self, key):
        try:
            return self._value(key)
        except MissingElement:
            return None  # the metadata has it; the page may show it differently or not at all

    def _download_metadata(self):
        with self.page.expect_download() as download_info:
            self._find("download_sp_metadata").click()
        with open(download_info.value.path(), encoding="utf-8") as handle:
            return handle.read()

    def _fill_identity_provider(self, friendly_name, idp):
        self._find("friendly_name").fill(friendly_name)
        if idp:
            self._choose("identity_provider", ui.IDENTITY_PROVIDER_OPTIONS[idp["identity_provider"]])
            self._find("idp_entity_id").fill(idp["entity_id"])
            self._find("idp_sso_url").fill(idp["sso_url"])
            self._find("idp_certificate").fill(idp["certificate"])
        self._submit("save", what="the profile")

    def create_profile(self, friendly_name, idp=None, on_ref=None):
        """Steps 1 and 4 in one flow; on_ref(ref) hears the new profile's address as soon as it exists."""
        if urlsplit(self.page.url).path != ui.SSO_PATH:
            self.open_sso_list()
        with self.step("create a new SSO profile"):
            url_before = self.page.url
            self._submit("create_profile", what="the new profile")
            self.page.wait_for_function("url => location.href !== url", arg=url_before)
            ref = profile_ref(self.page.url, self.base_url)
            if on_ref:
                on_ref(ref)
            self._find("continue")
            self._wait_settled()
        with self.step("continue from the SP metadata"):
            self._check("confirm_idp_configured")
            self._find("continue").click()
        with self.step("save the profile's identity provider"):
            self._fill_identity_provider(friendly_name, idp)
        return ref

    def _on_profile_page(self, ref):
        return self.page.url.startswith(self.base_url) and urlsplit(self.page.url).path == ref

    def open_identity_provider_form(self):
        """From a profile's page to its identity provider form (the Edit button), without changing anything."""
        with self.step("open the identity provider form"):
            self._find("edit").click()
            self._find("save")
            self._wait_settled()

    def set_identity_provider(self, ref, friendly_name, idp):
        if not self._on_profile_page(ref):
            self.open_profile(ref)
        self.open_identity_provider_form()
        with self.step("edit the profile's identity provider"):
            self._fill_identity_provider(friendly_name, idp)

    def delete_profile(self, profile):
        if not self._on_profile_page(profile["ref"]):
            self.open_profile(profile["ref"])
        with self.step("delete the SSO profile"):
            self._find("delete").click()
            dialog = self._find("delete_dialog")  # Paste's AlertDialog: in a portal, the page behind aria-hidden
            self._submit("delete_confirm", scope=dialog, what="the deletion")
            dialog.wait_for(state="detached")


def profile_ref(url, base_url):
    """A profile's address, relative to admin_url, from any of its pages' URLs."""
    path = url[len(base_url) :] if url.startswith(base_url) else url
    match = re.match(ui.PROFILE_REF_PATTERN, path)
    return match.group(0) if match else path.split("?")[0]


def normalized_text(text):
    return re.sub(r"\s+", " ", text or "").strip()


def _none_if_empty(value):
    return None if normalized(value) in (normalized(v) for v in ui.EMPTY_VALUES) else value


def _first_line(text):
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "unknown error"
