# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs a Twilio SSO operation with the Admin Center driver and turns failures into fail_json."""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.twilio_okta.sso.plugins.module_utils.certificate import (
    CRYPTOGRAPHY_IMPORT_ERROR, HAS_CRYPTOGRAPHY,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_admin_center import AdminCenterDriver
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_browser import HAS_PLAYWRIGHT, PLAYWRIGHT_IMPORT_ERROR
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_draft_journal import DraftJournal, journal_path
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_sso import (
    InvalidParameters, TwilioSsoError, validate_connection,
)


def run_with_driver(module, operation, validate=None):
    """Validate everything, then operation(driver, journal) -> result dict in a started browser; exits the module.

    validate(params) -> warnings, for the module's own options; nothing starts before it passed."""
    if not HAS_PLAYWRIGHT:
        module.fail_json(msg=missing_required_lib("playwright"), exception=PLAYWRIGHT_IMPORT_ERROR)
    if not HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib("cryptography"), exception=CRYPTOGRAPHY_IMPORT_ERROR)
    try:
        for warning in validate_connection(module.params) + (validate(module.params) if validate else []):
            module.warn(warning)
        driver = AdminCenterDriver(module.params)
    except (InvalidParameters, TwilioSsoError) as exc:
        module.fail_json(msg=str(exc))
    journal = DraftJournal(journal_path(module.params.get("session_state")), driver.base_url)
    try:
        with driver:
            result = operation(driver, journal)
            result["logged_in"] = driver.logged_in
    except TwilioSsoError as exc:
        module.fail_json(msg=str(exc), error_kind=type(exc).__name__, artifacts=getattr(exc, "artifacts", None) or {})
    module.exit_json(**result)
