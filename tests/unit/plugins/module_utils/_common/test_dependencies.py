"""A missing Python package fails the module with Ansible's message naming it (a missing lxml used to end in a
NameError deep inside the metadata parser)."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.dependencies import fail_on_missing, missing


class Failed(Exception):
    pass


class FakeModule:
    def fail_json(self, **result):
        raise Failed(result["msg"])


def test_installed_packages_are_not_missing():
    assert missing(["json", "requests"]) == []


def test_the_first_missing_package_fails_the_module_with_its_reason():
    with pytest.raises(Failed) as failed:
        fail_on_missing(FakeModule(), ["requests", "no_such_package_lxml"], {"no_such_package_lxml": "to parse SAML"})
    message = str(failed.value)
    assert "Failed to import the required Python library (no_such_package_lxml)" in message
    assert message.endswith("(to parse SAML)")
