# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """Connection options of the Twilio modules, which work Twilio Admin Center in a headless browser."""

    DOCUMENTATION = r"""
options:
  admin_url:
    description:
      - Base URL of Twilio Admin Center.
      - Read from E(TWILIO_ADMIN_URL) when not set.
    type: str
    default: https://admin.twilio.com
  username:
    description:
      - Email address of a Twilio Organization administrator, used only when a login is needed.
      - Read from E(TWILIO_CONSOLE_USERNAME) when not set.
    type: str
  password:
    description:
      - That user's password.
      - Read from E(TWILIO_CONSOLE_PASSWORD) when not set.
    type: str
  totp_secret:
    description:
      - The base32 secret of the user's authenticator-app two-factor setup; the 6-digit code is computed locally
        (RFC 6238), so this machine's clock must be right.
      - Read from E(TWILIO_CONSOLE_TOTP_SECRET) when not set.
    type: str
  session_state:
    description:
      - A file where the browser session (cookies) is kept between tasks and runs, so that later tasks do not log in
        again. Written with mode 0600; treat it as a secret.
      - Read from E(TWILIO_CONSOLE_SESSION_STATE) when not set. Without it, every task logs in.
    type: path
  browser_executable:
    description:
      - The Chromium to drive. By default the first of C(chromium), C(chromium-browser), C(google-chrome) found on
        E(PATH), such as C(/usr/bin/chromium).
      - Read from E(TWILIO_BROWSER_EXECUTABLE) when not set.
    type: path
  headless:
    description:
      - Run the browser without a window.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each page element or navigation.
      - Read from E(TWILIO_TIMEOUT) when not set.
    type: int
    default: 30
  artifacts_dir:
    description:
      - Where a screenshot and the page HTML are saved when a step in the browser fails; the error names the files.
      - Read from E(TWILIO_ARTIFACTS_DIR) when not set. Defaults to C(~/.ansible/twilio_okta_sso/artifacts).
    type: path
  validate_certs:
    description:
      - Verify Admin Center's TLS certificate. Turn off only for throw-away test servers.
      - Read from E(TWILIO_VALIDATE_CERTS) when not set.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of certificate authorities to trust in addition to the system's, for example a TLS-inspecting
        proxy's. Chromium is told to accept certificate chains that contain one of these keys.
      - Read from E(TWILIO_CA_PATH) when not set.
    type: path
notes:
  - Twilio publishes no API for Console SSO profiles, so these modules work Twilio Admin Center in headless Chromium
    through Playwright, as a person following the guide would. Every piece of UI knowledge is in
    C(plugins/module_utils/twilio_console_pages.py).
  - Secrets never appear in results, messages or artifact file names.
requirements:
  - playwright (Python package) and a Chromium browser
  - cryptography
"""
