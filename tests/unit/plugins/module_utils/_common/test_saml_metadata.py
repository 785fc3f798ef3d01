import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import (
    MAX_METADATA_BYTES,
    MetadataError,
    parse_idp_metadata,
    parse_sp_metadata,
)


def test_okta_idp_metadata_gives_the_three_twilio_values(fixture_text):
    idp = parse_idp_metadata(fixture_text("okta-idp-metadata.xml"))
    assert idp["entity_id"] == "http://www.okta.com/exk8abcdEFGH1234567"
    assert (
        idp["sso_url"] == "https://dev-12345678.okta.com/app/dev-12345678_twilioconsole_1/exk8abcdEFGH1234567/sso/saml"
    )
    assert idp["sso_url_redirect"] == idp["sso_url"]
    pem = idp["certificate"]
    assert pem.startswith("-----BEGIN CERTIFICATE-----\n") and pem.endswith("-----END CERTIFICATE-----\n")
    assert all(len(line) <= 64 for line in pem.splitlines())
    assert len(idp["certificate_sha256"]) == 64
    assert idp["certificate_not_after"].endswith("Z")


def test_bytes_in_iso_8859_1_as_okta_sends_them(fixture_text):
    data = (
        fixture_text("okta-idp-metadata.xml").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("iso-8859-1")
    )
    assert parse_idp_metadata(data)["entity_id"] == "http://www.okta.com/exk8abcdEFGH1234567"


def test_sp_metadata(fixture_text):
    sp = parse_sp_metadata(fixture_text("twilio-sp-metadata.xml"))
    assert sp["entity_id"] == "urn:twilio:sso:JQ0123456789abcdef0123456789abcdef"
    assert sp["acs_url"] == "https://sso.twilio.example/saml2/acs/JQ0123456789abcdef0123456789abcdef"
    assert sp["certificate"] is None


XXE = """<?xml version="1.0"?>
<!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;"/>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol3;"/>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE md:EntityDescriptor SYSTEM "http://127.0.0.1:9/evil.dtd">
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>"""


@pytest.mark.parametrize("document", [XXE, BILLION_LAUGHS, EXTERNAL_DTD], ids=["xxe", "billion-laughs", "external-dtd"])
def test_dtds_and_entities_are_refused(document):
    with pytest.raises(MetadataError, match="DTD"):
        parse_idp_metadata(document)


def test_oversized_metadata_is_refused():
    with pytest.raises(MetadataError, match="larger than"):
        parse_idp_metadata(b" " * (MAX_METADATA_BYTES + 1))


@pytest.mark.parametrize(
    "document, message",
    [
        ("<not-closed", "not well-formed"),
        ('<x xmlns="urn:other"/>', "not md:EntityDescriptor"),
        ('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', "no IDPSSODescriptor"),
        ('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>', "EntityDescriptor has no entityID"),
    ],
)
def test_unusable_metadata_is_named(document, message):
    with pytest.raises(MetadataError, match=message):
        parse_idp_metadata(document)


def test_idp_metadata_without_post_binding_or_certificate(fixture_text):
    text = fixture_text("okta-idp-metadata.xml")
    with pytest.raises(MetadataError, match="HTTP-POST"):
        parse_idp_metadata(text.replace("bindings:HTTP-POST", "bindings:SOAP"))
    with pytest.raises(MetadataError, match="no signing certificate"):
        parse_idp_metadata(text.replace('use="signing"', 'use="encryption"'))


SP = (
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:twilio:sso:JQ1">%s'
    '</md:EntityDescriptor>'
)
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"


def acs(location, index, default=None):
    return '<md:AssertionConsumerService Binding="%s" Location="%s" index="%s"%s/>' % (
        POST,
        location,
        index,
        ' isDefault="%s"' % default if default else "",
    )


def descriptor(*endpoints):
    return (
        '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s'
        '</md:SPSSODescriptor>' % "".join(endpoints)
    )


def sp(*endpoints):
    return SP % descriptor(*endpoints)


@pytest.mark.parametrize(
    "document, acs_url",
    [
        (sp(acs("https://a/1", 1), acs("https://a/0", 0)), "https://a/0"),  # the lowest index
        (sp(acs("https://a/0", 0), acs("https://a/2", 2, "true")), "https://a/2"),  # the one marked isDefault
    ],
)
def test_of_several_post_endpoints_the_default_is_used(document, acs_url):
    assert parse_sp_metadata(document)["acs_url"] == acs_url


@pytest.mark.parametrize(
    "document, message",
    [
        (
            sp(acs("https://a/1", 1), acs("https://b/1", 1)),
            "none is marked as the default: which one to use is ambiguous",
        ),
        (sp(acs("https://a/1", 1, "true"), acs("https://b/2", 1, "true")), "ambiguous"),
        (SP % (descriptor(acs("https://a/0", 0)) * 2), "2 SPSSODescriptor elements"),
    ],
)
def test_ambiguous_sp_metadata_is_refused(document, message):
    with pytest.raises(MetadataError, match=message):
        parse_sp_metadata(document)
