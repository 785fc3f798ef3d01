import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.twilio_okta.sso.plugins.filter.twilio_admin_center_labels import twilio_admin_center_labels


def test_labels_follow_the_page_map_and_the_provider():
    labels = twilio_admin_center_labels("azure_ad")
    assert labels["provider"] == "Azure ActiveDirectory" and labels["idp_entity_id"] == "Issuer ID/URL"
    assert labels["save"] == "Save & Continue" and "Single Sign-On" in labels["path"]
    with pytest.raises(AnsibleFilterError, match="unknown identity provider 'ping'"):
        twilio_admin_center_labels("ping")
