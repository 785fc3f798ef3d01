import base64

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.totp import TotpSecretError, totp_code

# RFC 6238 appendix B, SHA-1 column (the 8-digit values, reduced to the 6 digits Twilio asks for).
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    "at, code",
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc_6238_vectors(at, code):
    assert totp_code(RFC_SECRET, at=at, digits=8) == code
    assert totp_code(RFC_SECRET, at=at) == code[-6:]


def test_secret_spacing_case_and_padding_do_not_matter():
    spaced = " ".join(RFC_SECRET[i : i + 4] for i in range(0, len(RFC_SECRET), 4)).lower()
    assert totp_code(spaced, at=59) == totp_code(RFC_SECRET.rstrip("="), at=59)


@pytest.mark.parametrize("secret", ["", "not base32 !", "1"])
def test_bad_secret(secret):
    with pytest.raises(TotpSecretError):
        totp_code(secret)
