# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TwilioModule: the Admin Center connection options, the dependency checks and the mapping of errors to results
that every Twilio module shares, so that a module is its own options, one call and its result."""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.dependencies import fail_on_missing
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.environment import env_fallback_unless_empty
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio import console_pages as ui
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.admin_center import AdminCenterDriver
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.draft_journal import DraftJournal, journal_path
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import (
    InvalidParameters,
    TwilioSsoError,
    validate_connection,
)


def twilio_connection_spec():
    """Argument spec shared by the Twilio modules (documented in the twilio_okta.sso.twilio fragment)."""
    return dict(
        admin_url=dict(
            type="str", default=ui.DEFAULT_ADMIN_URL, fallback=(env_fallback_unless_empty, ["TWILIO_ADMIN_URL"])
        ),
        username=dict(type="str", fallback=(env_fallback_unless_empty, ["TWILIO_CONSOLE_USERNAME"])),
        password=dict(type="str", no_log=True, fallback=(env_fallback_unless_empty, ["TWILIO_CONSOLE_PASSWORD"])),
        totp_secret=dict(type="str", no_log=True, fallback=(env_fallback_unless_empty, ["TWILIO_CONSOLE_TOTP_SECRET"])),
        session_state=dict(
            type="path", no_log=False, fallback=(env_fallback_unless_empty, ["TWILIO_CONSOLE_SESSION_STATE"])
        ),
        browser_executable=dict(type="path", fallback=(env_fallback_unless_empty, ["TWILIO_BROWSER_EXECUTABLE"])),
        headless=dict(type="bool", default=True),
        timeout=dict(type="int", default=30, fallback=(env_fallback_unless_empty, ["TWILIO_TIMEOUT"])),
        artifacts_dir=dict(type="path", fallback=(env_fallback_unless_empty, ["TWILIO_ARTIFACTS_DIR"])),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback_unless_empty, ["TWILIO_VALIDATE_CERTS"])),
        ca_path=dict(type="path", fallback=(env_fallback_unless_empty, ["TWILIO_CA_PATH"])),
        ui_overrides=dict(type="dict"),
    )


class TwilioModule(AnsibleModule):
    """An AnsibleModule with the Admin Center connection options and the packages the browser work needs."""

    def __init__(self, argument_spec, supports_check_mode=True, **kwargs):
        spec = twilio_connection_spec()
        spec.update(argument_spec)
        super().__init__(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        fail_on_missing(
            self,
            ("playwright", "cryptography", "lxml"),
            {
                "playwright": "to drive Chromium through Twilio Admin Center",
                "cryptography": "to read certificates",
                "lxml": "to parse SAML metadata",
            },
        )

    def run(self, operation, validate=None):
        """Validate everything, then operation(driver, journal) -> the result, in a started browser; exits with it.

        validate(params) -> warnings, for the module's own options; nothing starts before it passed. A failure
        returns the step, the kind of error and the paths of the evidence saved (screenshot, page, ARIA snapshot)."""
        try:
            for warning in validate_connection(self.params) + (validate(self.params) if validate else []):
                self.warn(warning)
            driver = AdminCenterDriver(self.params)
        except (InvalidParameters, TwilioSsoError) as exc:
            self.fail_json(msg=str(exc))
        journal = DraftJournal(journal_path(self.params.get("session_state")), driver.base_url)
        try:
            with driver:
                result = operation(driver, journal)
                result["logged_in"] = driver.logged_in
        except TwilioSsoError as exc:
            self.fail_json(
                msg=str(exc),
                error_kind=type(exc).__name__,
                artifacts=getattr(exc, "artifacts", None) or {},
                **getattr(exc, "result", {}),
            )
        self.exit_json(**result)
