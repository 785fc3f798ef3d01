# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: saml_sp_metadata
short_description: Entity ID and ACS URL from SAML service provider metadata
version_added: 0.1.0
description:
  - Parses SAML 2.0 SP metadata, such as the file Twilio Admin Center offers for download on an SSO profile, with a
    hardened parser (no DTDs, no entities, no network access, size-bounded).
author:
  - twilio_okta.sso contributors (@twilio-okta)
options:
  _input:
    description: The metadata XML document.
    type: str
    required: true
requirements:
  - lxml
  - cryptography
"""

EXAMPLES = r"""
- name: Read the SP values from Twilio's downloaded metadata
  ansible.builtin.set_fact:
    twilio_sp: "{{ lookup('ansible.builtin.file', 'twilio-sp-metadata.xml') | twilio_okta.sso.saml_sp_metadata }}"
"""

RETURN = r"""
_value:
  description: The SP values.
  type: dict
  contains:
    entity_id:
      description: The SP entity ID (Twilio's "Audience URL/Entity ID").
      type: str
    acs_url:
      description: The HTTP-POST assertion consumer service URL (Twilio's "Assertion consumer service (ACS)/ SSO URL").
      type: str
    certificate:
      description: The SP's signing certificate as PEM, or V(null).
      type: str
    certificate_sha256:
      description: Its SHA-256 fingerprint, or V(null).
      type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.dependencies import missing


def saml_sp_metadata(xml):
    if missing(["lxml"]):
        raise AnsibleFilterError("the saml_sp_metadata filter needs the lxml Python package")
    # Imported here, not when the plugin loads: Ansible loads it for every template that names the filter (the role's
    # variables do, in a branch an automated run never takes), and lxml and cryptography cost every such task ~30 ms.
    from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import (  # pylint: disable=import-outside-toplevel
        MetadataError,
        parse_sp_metadata,
    )

    try:
        return parse_sp_metadata(str(xml))
    except MetadataError as exc:
        raise AnsibleFilterError("saml_sp_metadata: %s" % exc) from None


class FilterModule:
    def filters(self):
        return {"saml_sp_metadata": saml_sp_metadata}
