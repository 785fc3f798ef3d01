"""RFC 6238 TOTP for the sandboxes' second factors, written independently of the collection's own code."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret_b32, at=None, step=30, digits=6):
    """The code (HMAC-SHA1) for the moment at (now by default)."""
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return "%0*d" % (digits, code)


def totp_matches(secret_b32, code):
    """Whether code is this, the previous or the next step's code (the usual clock-drift allowance)."""
    now = time.time()
    return (code or "").strip() in {totp(secret_b32, now + drift) for drift in (-30, 0, 30)}
