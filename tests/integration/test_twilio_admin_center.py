"""The Admin Center driver in-process against the Twilio sandbox: paths the modules' own validation hides."""

import pytest
from sandbox import pki

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.admin_center import AdminCenterDriver
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.sso import TwilioSsoError, wanted_idp


@pytest.fixture
def driver(okta, tmp_path):
    twilio = okta.info["twilio"]
    params = {
        "admin_url": okta.twilio_url,
        "username": twilio["username"],
        "password": twilio["password"],
        "totp_secret": twilio["totp_secret"],
        "session_state": None,
        "browser_executable": None,
        "headless": True,
        "timeout": 10,
        "artifacts_dir": str(tmp_path),
        "validate_certs": True,
        "ca_path": okta.ca_file,
    }
    with AdminCenterDriver(params) as started:
        yield started


def test_server_side_validation_errors_are_reported(driver, okta):
    cert = pki.cert_pem(pki.new_signing_cert("dev", 30)[1]).decode()
    idp = wanted_idp(
        {
            "identity_provider": "okta",
            "idp_entity_id": "http://www.okta.com/exk1",
            "idp_sso_url": "http://127.0.0.1/sso",
            "idp_certificate": cert,
        }
    )
    with pytest.raises(TwilioSsoError) as error:
        driver.create_profile("Okta", idp)
    message = str(error.value)
    assert "Admin Center rejected the profile: Single sign-on URL must be a valid HTTPS URL." in message
    assert "step 'save the profile's identity provider' failed" in message and ".png" in message


def test_duplicate_friendly_name_is_rejected_by_admin_center(driver, okta):
    driver.create_profile("Okta")
    with pytest.raises(TwilioSsoError, match="An SSO Profile with this friendly name already exists"):
        driver.create_profile("Okta")


def test_without_any_chromium_the_error_names_every_way_to_get_one(okta, tmp_path, monkeypatch):
    twilio = okta.info["twilio"]
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, chromium-browser or google-chrome here
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))  # and Playwright has installed none
    params = {
        "admin_url": okta.twilio_url,
        "username": twilio["username"],
        "password": twilio["password"],
        "totp_secret": None,
        "session_state": None,
        "browser_executable": None,
        "headless": True,
        "timeout": 10,
        "artifacts_dir": str(tmp_path),
        "validate_certs": True,
        "ca_path": okta.ca_file,
    }
    with pytest.raises(TwilioSsoError) as error, AdminCenterDriver(params):
        pass
    message = str(error.value)
    assert message.startswith("no Chromium found on PATH (looked for chromium, chromium-browser, google-chrome")
    assert "python -m playwright install chromium" in message and "browser_executable" in message
