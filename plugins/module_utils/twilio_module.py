# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs a Twilio SSO operation with the Admin Center driver and turns failures into fail_json."""

from __future__ import annotations

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.twilio_okta.sso.plugins.module_utils.certificate import (
    CRYPTOGRAPHY_IMPORT_ERROR, HAS_CRYPTOGRAPHY,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_admin_center import (
    HAS_PLAYWRIGHT, PLAYWRIGHT_IMPORT_ERROR, AdminCenterDriver,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils.twilio_sso import TwilioSsoError


def run_with_driver(module, operation):
    """operation(driver) -> result dict, in a started browser; exits the module."""
    if not HAS_PLAYWRIGHT:
        module.fail_json(msg=missing_required_lib("playwright"), exception=PLAYWRIGHT_IMPORT_ERROR)
    if not HAS_CRYPTOGRAPHY:
        module.fail_json(msg=missing_required_lib("cryptography"), exception=CRYPTOGRAPHY_IMPORT_ERROR)
    try:
        with AdminCenterDriver(module.params) as driver:
            result = operation(driver)
            result["logged_in"] = driver.logged_in
    except TwilioSsoError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)
