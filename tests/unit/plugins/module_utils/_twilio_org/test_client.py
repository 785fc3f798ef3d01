"""The Twilio organization API client: client-credentials tokens, retries, TLS settings and secrets."""

import json

import pytest
import requests

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.client import (
    TwilioApiError,
    TwilioConfigError,
    TwilioOrgClient,
)

SCIM = "https://iam.twilio.com/scim/v2"
TOKEN_URL = "https://oauth.twilio.com/v2/token"
SECRET = "org-app-client-secret-value"


def response(status, body=None, headers=None):
    result = requests.Response()
    result.status_code = status
    result._content = json.dumps(body).encode() if body is not None else b""
    result.headers.update(headers or {})
    result.reason = "reason"
    return result


def token(value="access-1"):
    return response(200, {"access_token": value, "token_type": "Bearer", "expires_in": 3600, "refresh_token": None})


class FakeSession:
    def __init__(self, *answers):
        self.answers, self.calls = list(answers), []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client(*answers, **options):
    sleeps = []
    made = TwilioOrgClient(
        "OQ1", SECRET, SCIM, TOKEN_URL, session=FakeSession(*answers), sleep=sleeps.append, **options
    )
    return made, sleeps


def test_one_token_serves_many_calls_and_every_call_passes_the_ca_path():
    twilio, _sleeps = client(
        token(), response(200, {"Resources": []}), response(200, {"Resources": []}), ca_path="/etc/ca.pem"
    )
    twilio.request("GET", "/Users")
    twilio.request("GET", "/Users")
    calls = twilio.session.calls
    assert [c[1] for c in calls] == [TOKEN_URL, SCIM + "/Users", SCIM + "/Users"]
    assert calls[0][2]["data"] == {"grant_type": "client_credentials", "client_id": "OQ1", "client_secret": SECRET}
    assert calls[1][2]["headers"]["Authorization"] == "Bearer access-1"
    assert all(c[2]["verify"] == "/etc/ca.pem" for c in calls)


def test_a_refused_token_is_replaced_once():
    twilio, _sleeps = client(token("old"), response(401, {"code": 25018}), token("new"), response(200, {}))
    twilio.request("GET", "/Users")
    assert twilio.session.calls[3][2]["headers"]["Authorization"] == "Bearer new"


def test_429_waits_for_retry_after_then_succeeds():
    twilio, sleeps = client(token(), response(429, {"code": 25021}, {"Retry-After": "7"}), response(200, {}))
    twilio.request("GET", "/Users")
    assert sleeps == [7.0]


def test_a_create_without_answer_is_looked_up_instead_of_sent_twice():
    found = {"id": "US1", "userName": "a@example.com"}
    twilio, _sleeps = client(token(), requests.exceptions.ReadTimeout("timed out"))
    assert twilio.request("POST", "/Users", json_body={}, on_uncertain=lambda: found) is found
    assert [c[0] for c in twilio.session.calls] == ["POST", "POST"]  # the token, then one create


def test_an_error_carries_twilios_code_and_never_the_secret():
    twilio, _sleeps = client(
        token(), response(409, {"code": 25022, "detail": "exists " + SECRET, "scimType": "uniqueness"})
    )
    with pytest.raises(TwilioApiError) as error:
        twilio.request("POST", "/Users", json_body={})
    assert error.value.details() == {"status": 409, "error_code": 25022, "scim_type": "uniqueness", "more_info": None}
    assert "Twilio error 25022" in str(error.value) and SECRET not in str(error.value)


def test_wrong_credentials_fail_at_the_token_endpoint():
    twilio, _sleeps = client(
        response(401, {"error": "invalid_client", "error_description": "Invalid client credentials"})
    )
    with pytest.raises(TwilioApiError, match=r"Twilio POST /v2/token failed: HTTP 401: Invalid client credentials"):
        twilio.request("GET", "/Users")


@pytest.mark.parametrize(
    "options, message",
    [
        ({"scim_url": "http://iam.example.com/scim/v2"}, "scim_url must use https"),
        ({"client_secret": ""}, "no Twilio organization credentials"),
        ({"timeout": 0}, "timeout must be more than 0"),
    ],
)
def test_bad_settings_fail_before_any_request(options, message):
    arguments = dict({"client_id": "OQ1", "client_secret": SECRET, "scim_url": SCIM, "token_url": TOKEN_URL}, **options)
    with pytest.raises(TwilioConfigError, match=message):
        TwilioOrgClient(session=FakeSession(), **arguments)
