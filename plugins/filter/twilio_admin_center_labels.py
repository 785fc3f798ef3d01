# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: twilio_admin_center_labels
short_description: The Twilio Admin Center labels for step 4 of the guide, as the Twilio modules know them
version_added: 0.1.0
description:
  - Returns the names Twilio Admin Center gives the identity provider fields, the chosen provider's dropdown text and
    the way to the form, from the same page map the Twilio modules drive Admin Center with, so that a hand-off for a
    person (manual mode of the C(console_sso) role) uses the words on the screen.
author:
  - twilio_okta.sso contributors (@twilio-okta)
options:
  _input:
    description: The identity provider, V(okta), V(azure_ad) or V(generic_saml).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Tell a person where the three values go
  ansible.builtin.debug:
    msg: "Paste the issuer into '{{ ('okta' | twilio_okta.sso.twilio_admin_center_labels).idp_entity_id }}'"
"""

RETURN = r"""
_value:
  description: The labels.
  type: dict
  contains:
    path:
      description: Where the identity provider form is in Admin Center.
      type: str
    identity_provider:
      description: The dropdown's label.
      type: str
    provider:
      description: The chosen provider's text in the dropdown.
      type: str
    idp_entity_id:
      description: The issuer field's label.
      type: str
    idp_sso_url:
      description: The single sign-on URL field's label.
      type: str
    idp_certificate:
      description: The certificate field's label.
      type: str
    save:
      description: The button that saves the form.
      type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio import console_pages as ui


def twilio_admin_center_labels(identity_provider):
    if identity_provider not in ui.IDENTITY_PROVIDER_OPTIONS:
        raise AnsibleFilterError(
            "twilio_admin_center_labels: unknown identity provider %r; one of %s"
            % (identity_provider, ", ".join(ui.IDENTITY_PROVIDER_OPTIONS))
        )
    keys = ("identity_provider", "idp_entity_id", "idp_sso_url", "idp_certificate", "save")
    labels = {key: ui.PAGES[key].names[0] for key in keys}
    labels.update(path=ui.HANDOFF_PATH, provider=ui.IDENTITY_PROVIDER_OPTIONS[identity_provider][0])
    return labels


class FilterModule:
    def filters(self):
        return {"twilio_admin_center_labels": twilio_admin_center_labels}
