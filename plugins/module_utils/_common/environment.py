# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Option fallbacks to environment variables, where an empty value means "not set".

AWX / Automation Platform renders every env injector of a credential type for every job, so an input left empty
in the credential arrives as an empty string: it must lead to the option's default, never to an empty value (an
empty CA path would otherwise turn TLS verification off in requests)."""

from __future__ import annotations

import os

from ansible.module_utils.errors import AnsibleFallbackNotFound


def env_fallback_unless_empty(*names):
    """The first of the environment variables that is set and not empty (or only blanks)."""
    for name in names:
        value = os.environ.get(name, "")
        if value.strip():
            return value
    raise AnsibleFallbackNotFound
