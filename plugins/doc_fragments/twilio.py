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
      - Read from E(TWILIO_CONSOLE_SESSION_STATE) when not set. Without it, every task logs in. A missing, empty or
        unreadable file means no session, so the task logs in and writes the file.
    type: path
  browser_executable:
    description:
      - The Chromium to drive. By default the first of C(chromium), C(chromium-browser), C(google-chrome),
        C(google-chrome-stable) found on E(PATH), such as C(/usr/bin/chromium); without any, the Chromium that
        Playwright manages (C(python -m playwright install chromium)).
      - Read from E(TWILIO_BROWSER_EXECUTABLE) when not set.
    type: path
  headless:
    description:
      - Run the browser without a window.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each page element or navigation; more than 0.
      - Read from E(TWILIO_TIMEOUT) when not set.
    type: int
    default: 30
  artifacts_dir:
    description:
      - Where a screenshot, the page HTML (typed secrets and token-like values scrubbed) and Playwright's ARIA snapshot
        of the page are saved when a step in the browser fails; the error and the result key RV(ignore:artifacts) name
        the files. The directory is made mode 0700 and the files 0600.
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
        proxy's. Admin Center's certificate is verified with Python against these and the system's CAs (chain, host
        name, expiry) before the browser starts; Chromium is then told to accept only that verified server key.
      - Read from E(TWILIO_CA_PATH) when not set.
    type: path
  ui_overrides:
    description:
      - Names of Admin Center elements to try before the built-in ones, for when Twilio renames something. Keys are the
        page-map entries of C(plugins/module_utils/_twilio/console_pages.py); a value is a name or a list of names,
        matched whole, ignoring case and whitespace. Unknown keys are refused with the list of valid ones.
      - "Keys: C(login_email), C(login_continue), C(login_password), C(login_submit), C(login_totp),
        C(login_totp_submit) (sign-in); C(nav_sso) (the 'Single Sign-On' link, anywhere on the page; also how a signed-in
        page is recognised); C(profiles_list), C(create_profile), C(open_profile) (the SSO list and the link that opens
        a profile); C(sp_entity_id), C(sp_acs_url), C(download_sp_metadata), C(confirm_idp_configured), C(continue) (the
        SP metadata screen); C(status), C(edit), C(delete), C(delete_dialog), C(delete_confirm) (the profile page);
        C(friendly_name), C(identity_provider), C(idp_entity_id), C(idp_sso_url), C(idp_certificate), C(save) (the
        identity provider form)."
      - When not set, read from the YAML or JSON file named by E(TWILIO_UI_OVERRIDES).
      - M(twilio_okta.sso.twilio_admin_center_check) tells which keys need one.
    type: dict
notes:
  - Twilio publishes no API for Console SSO profiles, so these modules work Twilio Admin Center in headless Chromium
    through Playwright, as a person following the guide would, finding elements by role and accessible name. Every
    piece of UI knowledge is in C(plugins/module_utils/_twilio/console_pages.py); O(ui_overrides) adjusts it without code.
  - O(admin_url) must be https (http only for loopback hosts). O(validate_certs=false) warns.
  - Secrets never appear in results, messages or artifact file names.
  - An environment variable that is set but empty counts as not set, because AWX injects empty inputs of a
    credential that way.
requirements:
  - playwright (Python package) and a Chromium browser
  - cryptography
"""
