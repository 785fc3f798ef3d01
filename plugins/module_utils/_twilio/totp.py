# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30 s, 6 digits), computed locally."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
import time


class TotpSecretError(ValueError):
    """The secret is not base32 text."""


def totp_code(secret, at=None, step=30, digits=6):
    """The code for the base32 secret an authenticator app is given (spaces and case do not matter)."""
    cleaned = "".join((secret or "").split()).upper().rstrip("=")
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raise TotpSecretError("totp_secret is not a base32 secret") from None
    if not key:
        raise TotpSecretError("totp_secret is empty")
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % (10**digits)).zfill(digits)


def seconds_left_in_step(at=None, step=30):
    return step - (time.time() if at is None else at) % step
