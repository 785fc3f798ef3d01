# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Enforce SSO for verified domains (Twilio's SSO docs, step 6): input checks, guard rails, the domains' state."""

from __future__ import annotations

import re

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import InvalidParameters

DOMAIN_NAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")


def wanted_domains(params):
    """enforced_domains normalised (lower case, sorted, once each), or None when enforcement is left alone."""
    if params.get("enforced_domains") is None:
        return None
    return sorted({d.strip().lower().rstrip(".") for d in params["enforced_domains"]})


def validate_enforcement_options(params):
    domains = wanted_domains(params)
    if not domains:
        return
    bad = [d for d in domains if not DOMAIN_NAME.match(d)]
    if bad:
        raise InvalidParameters("enforced_domains: %s is not a domain name" % ", ".join(repr(d) for d in bad))
    if params.get("allow_enforcing_own_domain"):
        return
    if not params.get("username"):
        raise InvalidParameters(
            "enforced_domains: without username (TWILIO_CONSOLE_USERNAME) this module cannot tell which domain the "
            "Admin Center user it runs as belongs to, and Twilio's docs ask to keep one organization administrator "
            "outside SSO enforcement; set username, or allow_enforcing_own_domain: true"
        )
    own = params["username"].rpartition("@")[2].lower()
    if own in domains:
        raise InvalidParameters(
            "enforced_domains includes %s, the domain of username %s, the Admin Center user this module runs as; "
            "Twilio's docs ask to keep one organization administrator outside SSO enforcement (Twilio's OAuth "
            "authorization page cannot log in through SSO). Set allow_enforcing_own_domain: true only if another "
            "administrator stays outside" % (own, params["username"])
        )


def domain_problems(listed, domains, friendly_name):
    """Why Twilio would not enforce these domains for this profile (empty when it would)."""
    by_name = {d["name"]: d for d in listed}
    problems = []
    for name in domains:
        domain = by_name.get(name)
        if domain is None:
            problems.append("%s is not a domain of this Twilio organization" % name)
        elif not domain["verified"]:
            problems.append("%s is not verified (Twilio enforces SSO for verified domains only)" % name)
        elif domain["enforced_by"] not in (None, friendly_name):
            problems.append(
                "%s is enforced by the SSO profile %s; remove it there first" % (name, domain["enforced_by"])
            )
    return problems


def enforcement_view(states):
    """The profile's enforcement as compared and returned: the domains it enforces or is about to, and whether a
    change is still being applied (Twilio takes minutes)."""
    return {
        "enforced_domains": sorted(s["name"] for s in states if s["state"] != "removal pending"),
        "enforcement_pending": any(s["state"] != "enforced" for s in states),
    }
