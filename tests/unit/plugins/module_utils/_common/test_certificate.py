import re

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.certificate import (
    CertificateError,
    certificate_der,
    certificate_facts,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import parse_idp_metadata


@pytest.fixture
def pem(fixture_text):
    return parse_idp_metadata(fixture_text("okta-idp-metadata.xml"))["certificate"]


def test_whitespace_and_armour_variants_have_one_fingerprint(pem):
    body = re.sub(r"-----[A-Z ]+-----|\s", "", pem)
    variants = [
        pem,
        body,
        "  " + body[:40] + "\r\n" + body[40:] + "\n",
        pem.replace("\n", "\r\n"),
        body.replace("A", "A "),
    ]
    fingerprints = {certificate_facts(v)["sha256"] for v in variants}
    assert len(fingerprints) == 1
    assert certificate_facts(body)["pem"] == pem


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("not base64 !!", "neither PEM nor base64"),
        ("aGVsbG8gd29ybGQ=", "cannot be parsed as X.509"),
    ],
)
def test_bad_certificates_are_named(text, message):
    with pytest.raises(CertificateError, match=message):
        certificate_facts(text)


def test_a_private_key_is_refused_without_being_echoed():
    key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7secretkeymaterial\n-----END PRIVATE KEY-----\n"
    with pytest.raises(CertificateError) as error:
        certificate_der(key)
    assert "private key, not a certificate" in str(error.value) and "secretkeymaterial" not in str(error.value)
