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
attributes:
  check_mode:
    description: The module only reads, in check mode as otherwise.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
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
      - (okta_apps.apps[0].idp.certificate_not_after | to_datetime('%Y-%m-%dT%H:%M:%SZ') - now(utc=true)).days > 30
"""

RETURN = r"""
apps:
  description: The matching SAML 2.0 apps; an empty list when there is none.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Okta app id.
      type: str
      sample: 0oa1b2c3d4e5f6g7h8i9
    label:
      description: Display name.
      type: str
      sample: Twilio Console
    name:
      description: Okta's internal app name.
      type: str
    status:
      description: V(ACTIVE) or V(INACTIVE).
      type: str
    sign_on:
      description: Sign-on settings in the option names of M(twilio_okta.sso.okta_saml_app).
      type: dict
    metadata_url:
      description: URL of the app's IdP metadata in the Okta API.
      type: str
    idp:
      description: Identity provider values from the app's IdP metadata for its current signing key.
      type: dict
      contains:
        entity_id:
          description: IdP issuer, Twilio's "Issuer".
          type: str
        sso_url:
          description: IdP single sign-on URL of the HTTP-POST binding.
          type: str
        sso_url_redirect:
          description: IdP single sign-on URL of the HTTP-Redirect binding.
          type: str
        certificate:
          description: Signing certificate as PEM with BEGIN and END lines.
          type: str
        certificate_sha256:
          description: SHA-256 fingerprint of the certificate (hex).
          type: str
        certificate_not_after:
          description: Expiry of the certificate (UTC, ISO 8601).
          type: str
        kid:
          description: Id of the app's current signing key.
          type: str
        metadata_xml:
          description: The IdP metadata document.
          type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_client import okta_connection_spec, run_with_client
from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_saml_app import read_saml_apps


def main():
    argument_spec = okta_connection_spec()
    argument_spec.update(id=dict(type="str"), label=dict(type="str"))
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    run_with_client(module, lambda client: read_saml_apps(client, module.params["label"], module.params["id"]))


if __name__ == "__main__":
    main()
