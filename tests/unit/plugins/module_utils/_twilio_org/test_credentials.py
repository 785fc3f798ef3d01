"""When the controller may answer "credentials not set" for the module: only when they surely are not."""

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.credentials import surely_missing

BOTH = {"TWILIO_CLIENT_ID": "OQ1", "TWILIO_CLIENT_SECRET": "s3cret"}


@pytest.mark.parametrize(
    "args, environ, missing",
    [
        ({}, {}, True),
        ({}, BOTH, False),
        ({}, {"TWILIO_CLIENT_ID": "OQ1"}, True),
        ({}, dict(BOTH, TWILIO_CLIENT_SECRET=""), True),  # an empty variable counts as unset, as in the module
        ({"client_id": "OQ1", "client_secret": "s3cret"}, {}, False),
        ({"client_id": "OQ1"}, {"TWILIO_CLIENT_SECRET": "s3cret"}, False),  # option and variable together
        ({"client_id": ""}, BOTH, True),  # given empty: the module does not fall back to the variable either
        ({"client_id": None, "client_secret": None}, BOTH, False),
    ],
)
def test_surely_missing(args, environ, missing):
    assert surely_missing(args, environ) is missing
