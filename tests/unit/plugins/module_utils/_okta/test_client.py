import json
from email.utils import formatdate

import pytest
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.retry import RetryPolicy
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import (
    ApiTokenAuth,
    OktaClient,
    OktaConfigError,
    OktaError,
    _b64url,
    auth_from_params,
    signed_client_assertion,
)

ORG = "https://example.okta.com"
TOKEN = "00secret-token-value"


def response(status, body=None, headers=None, url=ORG + "/api/v1/apps"):
    result = requests.Response()
    result.status_code = status
    result._content = json.dumps(body).encode() if body is not None else b""
    result.headers.update(headers or {})
    result.url = url
    result.reason = "reason"
    return result


class FakeSession:
    """Answers requests from a script: each item is a Response or an exception to raise."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client_only(*answers):
    return client(*answers)[0]


def client(*answers, retry=None):
    sleeps = []
    okta = OktaClient(
        ORG, ApiTokenAuth(TOKEN), session=FakeSession(*answers), sleep=sleeps.append, retry=retry or RetryPolicy()
    )
    return okta, sleeps


def test_429_waits_until_reset_on_the_servers_clock():
    server_now = 1_800_000_000
    headers = {"X-Rate-Limit-Reset": str(server_now + 7), "Date": formatdate(server_now, usegmt=True)}
    limited = response(429, {"errorCode": "E0000047"}, headers)
    okta, sleeps = client(limited, response(200, []))
    assert okta.get("/api/v1/apps") == []
    assert 7 <= sleeps[0] <= 8  # 7 s on the server's clock, whatever the local clock says, plus jitter


def test_429_wait_is_capped():
    limited = response(429, {}, {"X-Rate-Limit-Reset": "9999999999", "Date": formatdate(1_800_000_000, usegmt=True)})
    okta, sleeps = client(limited, response(200, []), retry=RetryPolicy(rate_limit_cap=30, max_total_wait=100))
    okta.get("/api/v1/apps")
    assert 30 <= sleeps[0] <= 31


def test_5xx_and_connection_errors_back_off_exponentially():
    okta, sleeps = client(
        response(503, {}),
        requests.exceptions.ConnectionError("reset"),
        response(502, {}),
        response(200, {"id": "0oa1"}),
    )
    assert okta.get("/api/v1/apps/0oa1") == {"id": "0oa1"}
    assert len(sleeps) == 3
    assert sleeps[0] < sleeps[1] < sleeps[2]


def test_retries_are_bounded_and_the_error_is_clear():
    answers = [response(500, {"errorCode": "E0000009", "errorSummary": "Internal Server Error"})] * 6
    okta, sleeps = client(*answers)
    with pytest.raises(OktaError) as error:
        okta.get("/api/v1/apps")
    assert str(error.value) == "Okta GET /api/v1/apps failed after 6 attempts: HTTP 500 E0000009: Internal Server Error"
    assert error.value.status == 500 and error.value.error_code == "E0000009"
    assert len(sleeps) == 5


def test_total_waiting_time_is_bounded():
    limited = response(429, {}, {"X-Rate-Limit-Reset": "9999999999", "Date": formatdate(1_800_000_000, usegmt=True)})
    okta, sleeps = client(limited, limited, limited, retry=RetryPolicy(rate_limit_cap=50, max_total_wait=100))
    with pytest.raises(OktaError, match="failed after 2 attempts"):
        okta.get("/api/v1/apps")
    assert len(sleeps) == 1


def test_client_errors_are_not_retried_and_name_every_cause():
    body = {
        "errorCode": "E0000001",
        "errorSummary": "Api validation failed: settings",
        "errorCauses": [{"errorSummary": "ssoAcsUrl: Must be a valid URL"}, {"errorSummary": "audience: blank"}],
    }
    okta, sleeps = client(response(400, body))
    with pytest.raises(OktaError) as error:
        okta.put("/api/v1/apps/0oa1", {})
    assert str(error.value) == (
        "Okta PUT /api/v1/apps/0oa1 failed: HTTP 400 E0000001: Api validation failed: settings "
        "(causes: ssoAcsUrl: Must be a valid URL; audience: blank)"
    )
    assert sleeps == []


def test_a_post_that_may_have_succeeded_is_looked_up_before_a_second_post():
    okta = client_only(requests.exceptions.ReadTimeout("read timed out"))
    lookups = []

    def find_created():
        lookups.append(1)
        return {"id": "0oa-created"}

    assert okta.post("/api/v1/apps", {"label": "x"}, on_uncertain=find_created) == {"id": "0oa-created"}
    assert len(okta.session.calls) == 1 and lookups == [1]


def test_a_post_that_surely_failed_is_posted_again_after_the_lookup():
    okta = client_only(response(503, {}), response(200, {"id": "0oa-new"}))
    assert okta.post("/api/v1/apps", {"label": "x"}, on_uncertain=lambda: None) == {"id": "0oa-new"}
    assert [c[0] for c in okta.session.calls] == ["POST", "POST"]


def test_a_429_is_definite_and_needs_no_lookup():
    limited = response(429, {}, {"X-Rate-Limit-Reset": "0", "Date": formatdate(0, usegmt=True)})
    okta = client_only(limited, response(200, {"id": "0oa-new"}))

    def must_not_look_up():
        raise AssertionError("no lookup after a 429")

    assert okta.post("/api/v1/apps", {}, on_uncertain=must_not_look_up) == {"id": "0oa-new"}


def test_pagination_follows_link_next():
    page1 = response(200, [{"id": 1}, {"id": 2}], {"Link": '<%s/api/v1/apps?after=2&limit=2>; rel="next"' % ORG})
    page2 = response(200, [{"id": 3}], {"Link": '<%s/api/v1/apps?limit=2>; rel="self"' % ORG})
    okta = client_only(page1, page2)
    assert [a["id"] for a in okta.paginate("/api/v1/apps", {"limit": 2})] == [1, 2, 3]
    assert okta.session.calls[1][1] == ORG + "/api/v1/apps?after=2&limit=2"
    assert okta.session.calls[1][2]["params"] is None


def test_pagination_refuses_to_send_credentials_to_another_host():
    page1 = response(200, [{"id": 1}], {"Link": '<https://evil.example/api/v1/apps?after=1>; rel="next"'})
    okta = client_only(page1)
    with pytest.raises(OktaError, match="another host"):
        list(okta.paginate("/api/v1/apps"))


def test_secrets_never_appear_in_messages():
    echoed = {"errorCode": "E0000011", "errorSummary": "Invalid token provided: %s" % TOKEN}
    okta = client_only(response(401, echoed))
    with pytest.raises(OktaError) as error:
        okta.get("/api/v1/apps")
    assert TOKEN not in str(error.value) and "********" in str(error.value)
    okta = client_only(*[requests.exceptions.ConnectionError("proxy said %s" % TOKEN)] * 6)
    with pytest.raises(OktaError) as error:
        okta.get("/api/v1/apps")
    assert TOKEN not in str(error.value)


def test_token_is_sent_as_ssws_and_tls_is_verified():
    okta = client_only(response(200, []))
    okta.get("/api/v1/apps")
    kwargs = okta.session.calls[0][2]
    assert kwargs["headers"]["Authorization"] == "SSWS " + TOKEN
    assert kwargs["verify"] is True


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "no Okta credentials"),
        ({"api_token": "t", "client_id": "c"}, "mutually exclusive"),
        ({"client_id": "c"}, "missing private_key"),
        ({"private_key": "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----"}, "missing client_id"),
        ({"client_id": "c", "private_key": "/nonexistent/key.pem"}, "neither PEM text nor the path"),
        (
            {"client_id": "c", "private_key": "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----"},
            "could not be loaded",
        ),
    ],
)
def test_exactly_one_auth_method(params, message):
    with pytest.raises(OktaConfigError, match=message):
        auth_from_params(params)


def test_org_url_must_be_absolute():
    with pytest.raises(OktaConfigError, match="org_url must be an absolute URL"):
        OktaClient("example.okta.com", ApiTokenAuth(TOKEN))


@pytest.mark.parametrize(
    "key", [rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP256R1())], ids=["RS256", "ES256"]
)
def test_client_assertion_is_a_verifiable_jwt(key):
    from base64 import urlsafe_b64decode

    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    token = signed_client_assertion(key, "0oaclient", ORG + "/oauth2/v1/token", key_id="kid1", now=1000)
    header_b64, claims_b64, signature_b64 = token.split(".")

    def decode(part):
        return urlsafe_b64decode(part + "=" * (-len(part) % 4))

    header, claims = json.loads(decode(header_b64)), json.loads(decode(claims_b64))
    assert header["kid"] == "kid1"
    assert claims["iss"] == claims["sub"] == "0oaclient" and claims["aud"] == ORG + "/oauth2/v1/token"
    assert claims["exp"] == 1300 and claims["jti"]
    signed, signature = ("%s.%s" % (header_b64, claims_b64)).encode(), decode(signature_b64)
    if header["alg"] == "RS256":
        key.public_key().verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    else:
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        key.public_key().verify(der, signed, ec.ECDSA(hashes.SHA256()))
    assert _b64url(b"\xff\xfe") == "__4"


def test_a_certificate_error_fails_at_once_with_its_reason():
    error = requests.exceptions.SSLError(
        "HTTPSConnectionPool(host='example.okta.com', port=443): Max retries exceeded "
        "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED]"
        " certificate verify failed: certificate has expired (_ssl.c:1006)')))"
    )
    okta, sleeps = client(error, response(200, []))
    with pytest.raises(
        OktaError, match="TLS certificate verification of example.okta.com failed: certificate has expired$"
    ):
        okta.get("/api/v1/apps")
    assert sleeps == [] and len(okta.session.calls) == 1


def test_http_only_for_loopback_and_a_positive_timeout():
    with pytest.raises(OktaConfigError, match="org_url must use https"):
        OktaClient("http://example.okta.com", ApiTokenAuth(TOKEN))
    assert OktaClient("http://127.0.0.1:8443", ApiTokenAuth(TOKEN)).org_url == "http://127.0.0.1:8443"
    with pytest.raises(OktaConfigError, match="timeout must be more than 0 seconds, got 0"):
        OktaClient(ORG, ApiTokenAuth(TOKEN), timeout=0)


def test_an_html_answer_says_org_url_is_not_okta():
    page = response(200)
    page._content = b"<!DOCTYPE html><html></html>"
    page.headers["Content-Type"] = "text/html; charset=utf-8"
    with pytest.raises(OktaError, match="answered with text/html instead of Okta's JSON: is org_url"):
        client_only(page).get("/api/v1/apps")


def test_a_post_without_answer_keeps_looking_and_never_posts_twice():
    okta, sleeps = client(requests.exceptions.ReadTimeout("read timed out"), response(200, {"id": "0oa-second"}))
    looks = []

    def appears_on_the_third_look():
        looks.append(1)
        return {"id": "0oa-late"} if len(looks) == 3 else None

    assert okta.post("/api/v1/apps", {"label": "x"}, on_uncertain=appears_on_the_third_look) == {"id": "0oa-late"}
    assert len(okta.session.calls) == 1 and len(sleeps) == 2 and sleeps[1] > sleeps[0]


def test_a_post_without_answer_that_never_appears_fails_instead_of_posting_again():
    okta, sleeps = client(requests.exceptions.ReadTimeout("read timed out"), response(200, {"id": "0oa-second"}))
    with pytest.raises(OktaError, match="may still complete on Okta's side. Run again"):
        okta.post("/api/v1/apps", {"label": "x"}, on_uncertain=lambda: None)
    assert len(okta.session.calls) == 1 and len(sleeps) == RetryPolicy().uncertain_lookups - 1
