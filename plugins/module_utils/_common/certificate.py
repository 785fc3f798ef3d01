# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""X.509 signing certificates as SAML carries them: bare base64 DER or PEM text."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

try:
    from cryptography import x509
except ImportError:
    pass  # the base module classes report it

_PEM_ARMOUR = re.compile(r"-----(BEGIN|END) CERTIFICATE-----")
PRIVATE_KEY_ARMOUR = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")


class CertificateError(ValueError):
    """The text is not one X.509 certificate."""


def certificate_der(text):
    """Return the DER bytes of a certificate given as PEM or as its bare base64 body.

    Whitespace and line breaks anywhere are ignored, so copies pasted from a web page
    or wrapped differently give the same bytes.
    """
    if PRIVATE_KEY_ARMOUR.search(text or ""):
        # Never echoed: a private key in the wrong place is a secret that must not reach a log.
        raise CertificateError(
            "this is a private key, not a certificate; give the identity provider's certificate, "
            "and treat the key as leaked if it was pasted anywhere shared"
        )
    body = re.sub(r"\s+", "", _PEM_ARMOUR.sub("", text or ""))
    if not body:
        raise CertificateError("the certificate is empty")
    try:
        der = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise CertificateError("the certificate is neither PEM nor base64 DER") from None
    try:
        x509.load_der_x509_certificate(der)
    except ValueError as exc:
        raise CertificateError("the certificate cannot be parsed as X.509: %s" % exc) from None
    return der


def der_to_pem(der):
    """PEM text with BEGIN/END lines and 64-character lines, as Twilio wants it pasted."""
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % "\n".join(lines)


def certificate_facts(text):
    """Normalised PEM, SHA-256 fingerprint and expiry of a certificate."""
    der = certificate_der(text)
    cert = x509.load_der_x509_certificate(der)
    not_after = cert.not_valid_after_utc
    return {
        "not_before_datetime": cert.not_valid_before_utc,
        "pem": der_to_pem(der),
        "sha256": hashlib.sha256(der).hexdigest(),
        "not_after": not_after.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "not_after_datetime": not_after,
    }
