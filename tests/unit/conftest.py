"""Unit tests import the collection as ansible_collections.twilio_okta.sso (see tools/bootstrap.sh)."""

import os

import pytest

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


@pytest.fixture
def fixture_text():
    def read(name):
        with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
            return handle.read()

    return read
