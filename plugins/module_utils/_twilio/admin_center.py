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
from urllib.parse import urljoin, urlsplit

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import (
    MetadataError,
    parse_sp_metadata,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta import sign_in_pages as okta_ui
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
RETURNED_TO_TWILIO = "returned to Twilio"
# Admin Center's entries and those of Okta's sign-in page (the test connection's tab): one namespace for ui_overrides.
PAGES = dict(ui.PAGES, **okta_ui.PAGES)


def entry_names(key, overrides=None):
    """The accepted names of a page-map entry: the user's overrides first, then the built-in ones."""
    extra = tuple((overrides or {}).get(key, ()))
    return extra + tuple(name for name in PAGES[key].names if name not in extra)


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


def _read_overrides_file(path):
    """The YAML (or JSON) file's content. PyYAML is imported here, only in the runs that name such a file."""
    try:
        import yaml  # pylint: disable=import-outside-toplevel
    except ImportError:  # ansible-core brings PyYAML; without it an overrides file must be JSON
        yaml = None
    errors = (OSError, ValueError) + ((yaml.YAMLError,) if yaml else ())
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle) if yaml else json.load(handle)
    except errors as exc:
        raise InvalidParameters("TWILIO_UI_OVERRIDES file %s could not be read: %s" % (path, exc)) from None


def load_overrides(params):
    """ui_overrides, or the YAML/JSON file named by TWILIO_UI_OVERRIDES; checked against the page map."""
    overrides = params.get("ui_overrides")
    source = "ui_overrides"
    if overrides is None and os.environ.get("TWILIO_UI_OVERRIDES"):
        source = os.environ["TWILIO_UI_OVERRIDES"]
        overrides = _read_overrides_file(source)
    if not overrides:
        return {}
    if not isinstance(overrides, dict):
        raise InvalidParameters("%s must be a dict of page-map keys to names" % source)
    unknown = sorted(set(overrides) - set(PAGES))
    if unknown:
        raise InvalidParameters(
            "%s has unknown keys %s; valid keys: %s" % (source, ", ".join(unknown), ", ".join(sorted(PAGES)))
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
                "playbook" % (PAGES[key].role, key)
            )
        entry = PAGES[key]
        names = entry_names(key, self.overrides)
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
        entry, pattern = PAGES[key], name_pattern(entry_names(key, self.overrides))
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
        text = self.page.evaluate(ui.VALUE_BESIDE_LABEL_SCRIPT, list(entry_names(key, self.overrides)))
        if text is None:
            raise self._missing(key)
        return text

    def present(self, key):
        """Whether a settled page has the entry, without waiting for it."""
        if self._locator(key).count():
            return True
        if PAGES[key].role == "table":
            return bool(
                self.page.evaluate(
                    ui.PROFILE_ROWS_SCRIPT,
                    {"listNames": [], "openNames": [], "navNames": list(entry_names("nav_sso", self.overrides))},
                )
            )
        return (
            PAGES[key].role == "field"
            and self.page.evaluate(ui.VALUE_BESIDE_LABEL_SCRIPT, list(entry_names(key, self.overrides))) is not None
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
            raise TwilioSsoError("the checkbox %s (%s) did not stay ticked" % (PAGES[key].names[0], key))

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
                    "listNames": list(entry_names("profiles_list", self.overrides)),
                    "openNames": list(entry_names("open_profile", self.overrides)),
                    "navNames": list(entry_names("nav_sso", self.overrides)),
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
            texts = ("friendly_name", "status", "idp_entity_id", "idp_sso_url", "idp_certificate")
            required = texts + ("identity_provider",)
            optional = ("last_test", "enforced_domains", "sp_entity_id", "sp_acs_url")
            # One page call for all; a field it does not find is looked up through Playwright's locators.
            values = self.page.evaluate(
                ui.FIELD_VALUES_SCRIPT, {key: list(entry_names(key, self.overrides)) for key in required + optional}
            )
            for key in required:
                values[key] = values[key] if values[key] is not None else self._value(key)
            for key in optional:
                values[key] = values[key] if values[key] is not None else self._optional_value(key)
            profile = {key: _none_if_empty(values[key]) for key in texts}
            profile["identity_provider"] = provider_key(values["identity_provider"])
            profile["last_test"] = last_test(values["last_test"])
            profile["enforced_domains"] = enforced_domain_states(values["enforced_domains"])
            shown = {key: values[key] for key in ("sp_entity_id", "sp_acs_url")}
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
        control = self._find("download_sp_metadata")
        href = control.get_attribute("href")
        url = urljoin(self.page.url, href) if href else None
        if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc == urlsplit(self.page.url).netloc:
            # What clicking the link downloads, fetched by the page itself (its session, its TLS trust) without a
            # download's overhead; an error answer, or a link elsewhere, goes the person's way below.
            fetched = self.page.evaluate(ui.FETCH_TEXT_SCRIPT, url)
            if fetched["ok"]:
                return fetched["text"]
        with self.page.expect_download() as download_info:
            control.click()
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

    # -- after step 4: test the connection, enforce SSO ------------------------------------------------

    def test_connection(self, ref, credentials):
        """'Test SSO Connection': follow the new tab to the identity provider, sign the test user in there, and read
        the outcome back on the profile page. Returns {"outcome": "succeeded"|"failed", "code", "reason", "source"}."""
        if not self._on_profile_page(ref):
            self.open_profile(ref)
        with self.step("start the SSO connection test"):
            before = self._value("last_test")
            with self.page.context.expect_page() as opened:
                self._find("test_connection").click()
            tab = opened.value
        try:
            with self.step("sign the test user in at the identity provider"):
                failure = self._idp_sign_in(tab, credentials)
            if failure:
                return failure
            with self.step("read the SSO connection test result"):
                return connection_test_outcome(self._changed_value("last_test", before, tab))
        finally:
            tab.close()

    def _idp_sign_in(self, tab, credentials):
        """Okta's sign-in in the test's tab, whatever order it asks in: identifier (Next), password (Verify), a code.
        Returns None once the identity provider has sent the user back to Twilio, else the failure it showed."""
        steps = ("okta_identifier", "okta_password", "okta_totp")
        done = []
        for _attempt in steps + ("back to Twilio",):
            shown = self._idp_next(tab, tuple(k for k in steps if k not in done))
            if shown == RETURNED_TO_TWILIO or isinstance(shown, dict):
                return None if shown == RETURNED_TO_TWILIO else shown
            if shown == "okta_totp" and not credentials.get("totp_secret"):
                return _idp_failure("test_totp_required", "Okta asked the test user for a verification code")
            self._locator(shown, tab).first.fill(self._idp_answer(shown, credentials))
            done.append(shown)
            if shown == "okta_identifier" and self._locator("okta_password", tab).count():  # one page: both at once
                self._locator("okta_password", tab).first.fill(credentials["password"])
                done.append("okta_password")
            self._locator("okta_next" if shown == "okta_identifier" else "okta_verify", tab).first.click()
        return _idp_failure("idp_error", "Okta kept asking after the identifier, password and code")

    @staticmethod
    def _idp_answer(key, credentials):
        if key == "okta_totp":
            try:
                return totp_code(credentials["totp_secret"])
            except TotpSecretError as exc:
                raise InvalidParameters("test_totp_secret: %s" % exc) from None
        return credentials["username" if key == "okta_identifier" else "password"]

    def _idp_next(self, tab, keys):
        """Wait in the identity provider's tab for one of keys (returned), the way back to Twilio
        (RETURNED_TO_TWILIO), or an Okta error or 404 page (the failure, a dict)."""
        waited = 0
        while waited < self.browser.timeout_ms:
            try:
                seen = self._idp_page_state(tab, keys)
            except PlaywrightError:
                seen = None  # the tab navigated while it was being read: look again
            if seen is not None:
                return seen
            tab.wait_for_timeout(200)
            waited += 200
        expected = " or ".join("'%s' (%s)" % (PAGES[k].names[0], k) for k in keys) or "a return to Twilio"
        raise AdminCenterTimeout(
            "the identity provider's tab (%s) did not show %s within %d s; if Okta renamed it, set ui_overrides"
            % (tab.url.split("?")[0], expected, self.browser.timeout_ms // 1000)
        )

    def _idp_page_state(self, tab, keys):
        if tab.url.startswith(self.base_url):
            tab.wait_for_load_state()
            return RETURNED_TO_TWILIO
        shown = next((key for key in keys if self._locator(key, tab).count()), None)
        if shown:
            return shown
        errors = [t for t in (normalized_text(t) for t in tab.get_by_role(okta_ui.ERROR_ROLE).all_inner_texts()) if t]
        if errors:
            return _idp_failure(_code_for(errors[0], okta_ui.ERROR_TEXTS, "idp_error"), "Okta: " + errors[0])
        body = tab.locator("body").inner_text() if tab.locator("body").count() else ""
        if any(re.search(p, body, re.I) for p in okta_ui.NOT_FOUND_TEXTS) and not tab.locator("form").count():
            return _idp_failure("idp_not_found", "Okta answered 'Page Not Found' for the profile's single sign-on URL")
        return None

    def _changed_value(self, key, before, tab):
        """The field's value once it differs from before (the page updates it on its own); tab is the test's."""
        waited = 0
        while waited < self.browser.timeout_ms:
            try:
                value = self._value(key)
            except (PlaywrightError, MissingElement):
                value = before  # the page is re-rendering
            if value != before:
                return value
            self.page.wait_for_timeout(250)
            waited += 250
        try:
            ended = normalized_text(tab.locator("body").inner_text())[:300]
        except PlaywrightError:
            ended = "(unreadable)"
        raise AdminCenterTimeout(
            "the profile page showed no new %s within %d s after the sign-in at the identity provider; the test's "
            "tab ended at %s showing: %s. If that is a plain Console login, the Okta app sends its SAML Response to "
            "another profile's ACS URL (okta_saml_app sso_url and audience must be this profile's sp_acs_url and "
            "sp_entity_id)" % (key, self.browser.timeout_ms // 1000, tab.url.split("?")[0], ended)
        )

    def open_domains(self):
        with self.step("open Domains"):
            self._goto(ui.DOMAINS_PATH)
            self._find("domains_list")
            self._wait_settled()

    def list_domains(self):
        """[{"name", "verified", "verification_method", "enforced_by", "pending"}] from the Domains table."""
        self.open_domains()
        with self.step("read the Domains table"):
            table = self.page.evaluate(
                ui.DOMAIN_ROWS_SCRIPT,
                {
                    "listNames": list(entry_names("domains_list", self.overrides)),
                    "columns": {k: list(v) for k, v in ui.DOMAIN_COLUMNS.items()},
                    "badge": ui.BADGE_SELECTOR,
                },
            )
            missing = [k for k, i in table["index"].items() if i < 0]
            if missing:
                raise MissingElement(
                    "the Domains table has no column %s"
                    % ", ".join("%s (%s)" % (" / ".join(ui.DOMAIN_COLUMNS[k]), k) for k in missing)
                )
            return [_domain(row, table["index"]) for row in table["rows"]]

    def set_enforced_domains(self, ref, names):
        """Enforce SSO for exactly these domains: tick them in the Enforce SSO dialog, untick the others, save."""
        if not self._on_profile_page(ref):
            self.open_profile(ref)
        with self.step("enforce SSO for the domains"):
            self._find("enforce_sso").click()
            dialog = self._find("enforce_dialog")
            boxes = dialog.get_by_role("checkbox")
            boxes.first.wait_for(state="attached")
            offered = {}
            for index in range(boxes.count()):
                box = boxes.nth(index)
                label = self.page.locator("label[for='%s']" % box.get_attribute("id"))
                offered[normalized(label.first.inner_text())] = (box, label.first)
            absent = [n for n in names if normalized(n) not in offered]
            if absent:
                raise TwilioSsoError(
                    "the Enforce SSO dialog does not offer %s; it offers %s"
                    % (", ".join(absent), ", ".join(sorted(offered)) or "no domain")
                )
            wanted = {normalized(n) for n in names}
            for name, (box, label) in offered.items():
                if box.is_checked() != (name in wanted) and box.is_enabled():
                    label.click()  # Paste hides the native input; its label takes the click
            self._submit("enforce_save", scope=dialog, what="the SSO enforcement")
            dialog.wait_for(state="detached")


def _idp_failure(code, reason):
    return {"outcome": "failed", "code": code, "reason": reason, "source": "identity provider"}


def _code_for(text, table, default):
    return next((code for pattern, code in table if re.search(pattern, text, re.I)), default)


def connection_test_outcome(text):
    """The profile page's last test ("Succeeded (when)" / "Failed (when): reason") as an outcome."""
    match = re.match(ui.TEST_RESULT_PATTERN, normalized_text(text))
    outcome = normalized(match.group("outcome")) if match else ""
    if outcome in (normalized(t) for t in ui.TEST_SUCCEEDED):
        return {"outcome": "succeeded", "code": None, "reason": None, "source": "twilio"}
    if outcome in (normalized(t) for t in ui.TEST_FAILED):
        reason = match.group("reason") or "Twilio gave no reason"
        return {
            "outcome": "failed",
            "code": _code_for(reason, ui.TEST_FAILURE_TEXTS, "twilio_error"),
            "reason": "Twilio: " + reason,
            "source": "twilio",
        }
    raise MissingElement("the profile's last test shows %r, which is neither a success nor a failure" % text)


def last_test(text):
    """The profile page's last test as an outcome, None when there was none; a text the page map does not know
    is kept as the reason of an unknown outcome rather than guessed."""
    if _none_if_empty(text) is None:
        return None
    try:
        return connection_test_outcome(text)
    except MissingElement:
        return {"outcome": "unknown", "code": None, "reason": normalized_text(text), "source": "twilio"}


def enforced_domain_states(text):
    """The profile page's enforced domains as [{"name", "state"}] (enforced, pending, removal pending)."""
    if _none_if_empty(text) is None:
        return []
    states = []
    for item in normalized_text(text).split(","):
        match = re.match(ui.ENFORCED_DOMAIN_PATTERN, item.strip())
        if not match:
            raise MissingElement("the profile's enforced domains show %r, which is not a domain" % item)
        note = normalized(match.group("note"))
        state = "enforced"
        if note in (normalized(n) for n in ui.REMOVAL_NOTES):
            state = "removal pending"
        elif note in (normalized(n) for n in ui.PENDING_NOTES):
            state = "pending"
        states.append({"name": match.group("name").lower(), "state": state})
    return states


def _domain(row, index):
    def cell(key):
        return row[index[key]] if index[key] < len(row) else {"text": "", "badges": []}

    enforcement = cell("enforced_by")
    return {
        "name": cell("name")["text"].lower(),
        "verified": normalized(" ".join([cell("status")["text"]] + cell("status")["badges"]))
        in (normalized(t) for t in ui.VERIFIED_TEXTS),
        "verification_method": _none_if_empty(cell("verification_method")["text"]),
        "enforced_by": _none_if_empty(enforcement["text"]),
        "pending": any(normalized(b) in (normalized(n) for n in ui.PENDING_NOTES) for b in enforcement["badges"]),
    }


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
