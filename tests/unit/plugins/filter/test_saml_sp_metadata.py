import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.twilio_okta.sso.plugins.filter.saml_sp_metadata import FilterModule


def test_filter_reads_twilios_sp_metadata(fixture_text):
    parse = FilterModule().filters()["saml_sp_metadata"]
    values = parse(fixture_text("twilio-sp-metadata.xml"))
    assert values["entity_id"] == "urn:twilio:sso:JQ0123456789abcdef0123456789abcdef"
    assert values["acs_url"].startswith("https://sso.twilio.example/saml2/acs/")


def test_filter_names_the_problem():
    parse = FilterModule().filters()["saml_sp_metadata"]
    with pytest.raises(AnsibleFilterError, match="saml_sp_metadata: the metadata has no SPSSODescriptor"):
        parse('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>')
