#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_admin_center_login
short_description: Let a person sign in to Twilio Admin Center once and keep the browser session for automation
version_added: 0.1.0
description:
  - Opens Twilio Admin Center in a browser window and waits until a person has signed in, by whatever Twilio asks for
    (a CAPTCHA, an SMS code, a passkey, SSO), then saves the browser session to O(session_state) (mode 0600).
  - Later runs of the Twilio modules, on the workstation or in AWX with the file as a credential, reuse the session
    and do not log in. When it has expired, they fail and say so; run this again then.
  - Used by the playbook C(twilio_okta.sso.console_login).
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio
  - twilio_okta.sso.attributes.twilio_group
attributes:
  check_mode:
    description: Not supported; signing in is the point.
    support: none
  diff_mode:
    description: No diff.
    support: none
options:
  wait:
    description: Seconds to wait for the person to finish signing in.
    type: int
    default: 300
notes:
  - Needs a display for the browser window (O(headless=false), the playbook's default); with O(headless=true) it can
    only wait for a sign-in that completes without typing.
"""

EXAMPLES = r"""
- name: Sign in by hand once, keep the session
  twilio_okta.sso.twilio_admin_center_login:
    session_state: ~/.ansible/twilio-admin-session.json
    headless: false
"""

RETURN = r"""
session_state:
  description: The file the session was saved to.
  returned: success
  type: str
logged_in:
  description: Always V(true) on success.
  returned: always
  type: bool
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import TwilioModule


def main():
    argument_spec = dict(wait=dict(type="int", default=300))
    module = TwilioModule(argument_spec, supports_check_mode=False)
    if not module.params["session_state"]:
        module.fail_json(
            msg="session_state (or TWILIO_CONSOLE_SESSION_STATE) must name the file to keep the session in"
        )
    if module.params["wait"] <= 0:
        module.fail_json(msg="wait must be more than 0 seconds")

    def sign_in(driver, journal):
        driver.wait_for_person_to_sign_in(module.params["wait"])
        return {"changed": True, "session_state": module.params["session_state"]}

    module.run(sign_in)


if __name__ == "__main__":
    main()
