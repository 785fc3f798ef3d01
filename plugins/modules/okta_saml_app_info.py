#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: okta_saml_app_info
short_description: Read Okta SAML 2.0 app integrations and their identity provider values
version_added: 0.1.0
description:
  - Returns Okta SAML 2.0 apps by O(id), by exact O(label), or all of them when neither is given, each with the
    identity provider values that step 4 of Twilio's guide "Configuring Okta with Twilio SSO" needs.
  - Makes one request per page of apps and one per app for its IdP metadata; writes nothing.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.okta_group
options:
  id:
    description:
      - The Okta app id.
    type: str
  label:
    description:
      - The app's label, matched exactly and case-sensitively. With O(id) as well, the app is returned only if its
        label matches.
    type: str
seealso:
  - module: twilio_okta.sso.okta_saml_app
"""

EXAMPLES = r"""
- name: Read the Twilio Console app and its IdP values
  twilio_okta.sso.okta_saml_app_info:
    label: Twilio Console
  register: okta_apps

- name: Fail early when the signing certificate expires within 30 days
  ansible.builtin.assert:
    that:
      - okta_apps.apps[0].idp.certificate_days_left > 30
"""

RETURN = r"""
apps:
  description:
    - The matching SAML 2.0 apps; an empty list when there is none.
    - Each has the fields of RV(twilio_okta.sso.okta_saml_app#module:app) and, as C(idp), the identity provider values
      of RV(twilio_okta.sso.okta_saml_app#module:idp), including the active signing key's expiry (C(certificate_not_after))
      and the days left (C(certificate_days_left)).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "0oa1b2c3d4e5f6g7h8i9", "label": "Twilio Console", "status": "ACTIVE", "idp": {}}]
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import OktaModule
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.saml_app import find_apps


def main():
    module = OktaModule(dict(id=dict(type="str"), label=dict(type="str")), requires=("lxml", "cryptography"))
    module.run(lambda api: find_apps(api, module.params["label"], module.params["id"]))


if __name__ == "__main__":
    main()
