# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of module input shared by the Okta and Twilio modules, run before anything is sent."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9a-fA-F:.]+")  # a DNS name, IPv4 or IPv6 address


class InvalidParameters(ValueError):
    """Bad input, found before any request is made or any browser is started."""


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_https_url(name, value):
    """An absolute https URL (http only for loopback hosts, such as local test servers)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidParameters("%s must be an absolute http(s) URL, got %r" % (name, value))
    if re.search(r"\s", value) or not HOST.fullmatch(parts.hostname or ""):
        raise InvalidParameters("%s has no valid host name (letters, digits, dots and hyphens), got %r" % (name, value))
    if parts.scheme != "https" and not is_loopback(parts.hostname or ""):
        raise InvalidParameters("%s must use https (http is accepted only for loopback hosts), got %r" % (name, value))
