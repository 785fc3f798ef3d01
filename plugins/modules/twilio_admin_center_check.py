#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_admin_center_check
short_description: Check, without changing anything, that Twilio Admin Center has every element the Twilio modules use
version_added: 0.1.0
description:
  - Logs in to Twilio Admin Center (or reuses O(session_state)), opens the Single Sign-On list, one SSO profile and its
    identity provider form, and reports for every page-map key whether the element was found there. Nothing is
    submitted, created or deleted.
  - Run it before the first real run against your Admin Center, and whenever Twilio changes its UI. A V(missing) key
    is fixed with O(ui_overrides) (the element's new name), without waiting for a new release of the collection.
  - Keys of flows that would change something (the create flow's confirmation and Continue, the delete confirmation)
    are reported as V(not_checked); with no profile yet, the profile and form keys are too.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.twilio_group
options:
  friendly_name:
    description:
      - The profile to open. By default the first one listed.
    type: str
seealso:
  - module: twilio_okta.sso.twilio_sso_profile
"""

EXAMPLES = r"""
- name: Does the collection still know Admin Center's screens?
  twilio_okta.sso.twilio_admin_center_check:
    session_state: ~/.ansible/twilio-admin-session.json
  register: ui_check

- name: Fail on a missing element, naming it
  ansible.builtin.assert:
    that: ui_check['keys'] | dict2items | selectattr('value.status', 'eq', 'missing') | list | length == 0
    fail_msg: "{{ ui_check['keys'] | dict2items | selectattr('value.status', 'eq', 'missing') | map(attribute='key') }}"
"""

RETURN = r"""
keys:
  description:
    - For every page-map key (the keys O(ui_overrides) takes), V(status) (V(found), V(missing) or V(not_checked)) and
      V(page), the screen where it was looked for.
  returned: success
  type: dict
  sample: {"idp_entity_id": {"status": "found", "page": "profile"}, "delete_confirm": {"status": "not_checked",
           "page": "delete confirmation"}}
artifacts:
  description: Paths of the ARIA snapshots (Playwright's accessibility tree, as YAML) of each page looked at, mode 0600.
  returned: success
  type: list
  elements: str
profiles:
  description: The friendly names of the SSO profiles listed.
  returned: success
  type: list
  elements: str
logged_in:
  description: Whether the module had to log in.
  returned: always
  type: bool
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import TwilioModule
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.page_map_check import PageMapCheck


def main():
    argument_spec = dict(friendly_name=dict(type="str"))
    module = TwilioModule(argument_spec)
    module.run(lambda driver, journal: PageMapCheck(driver).run(module.params["friendly_name"]))


if __name__ == "__main__":
    main()
