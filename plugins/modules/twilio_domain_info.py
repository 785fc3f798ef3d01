#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: twilio_domain_info
short_description: Read the Twilio organization's domains and their SSO enforcement from Twilio Admin Center
version_added: 0.2.0
description:
  - Returns every domain of the Twilio organization as Admin Center's Domains page shows it, whether it is verified,
    how it was verified, and which SSO profile enforces SSO for it.
  - Twilio enforces SSO only for verified domains; use this before setting O(twilio_okta.sso.twilio_sso_profile#module:enforced_domains).
  - Works Twilio Admin Center in headless Chromium (Twilio publishes no API for domains) and only reads.
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.twilio
  - twilio_okta.sso.attributes.reads
  - twilio_okta.sso.attributes.twilio_group
seealso:
  - module: twilio_okta.sso.twilio_sso_profile
"""

EXAMPLES = r"""
- name: Read the organization's domains
  twilio_okta.sso.twilio_domain_info:
  register: twilio_domains

- name: The verified domains nobody enforces yet
  ansible.builtin.debug:
    msg: "{{ twilio_domains.domains | selectattr('verified') | selectattr('enforced_by', 'none') | map(attribute='name') }}"
"""

RETURN = r"""
domains:
  description: The organization's domains, in the order Admin Center lists them.
  returned: success
  type: list
  elements: dict
  contains:
    name:
      description: The domain, in lower case.
      type: str
      sample: example.com
    verified:
      description: Whether Twilio has verified the domain.
      type: bool
    verification_method:
      description: How it was (or is to be) verified, as Admin Center words it, for example V(DNS TXT record).
      type: str
    enforced_by:
      description: The friendly name of the SSO profile that enforces SSO for the domain (or is about to), else V(null).
      type: str
    pending:
      description: Whether Twilio is still applying an enforcement change for the domain.
      type: bool
logged_in:
  description: Whether the module had to log in (false when O(session_state) held a live session).
  returned: always
  type: bool
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import TwilioModule


def main():
    module = TwilioModule({})
    module.run(lambda driver, journal: {"changed": False, "domains": driver.list_domains()})


if __name__ == "__main__":
    main()
