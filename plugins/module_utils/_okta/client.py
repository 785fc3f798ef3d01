# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A thin synchronous client for Okta's management API over raw JSON.

Raw dicts, not SDK models, so that a read-modify-replace round trip keeps every field,
including the ones this collection does not know.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import uuid
from urllib.parse import urlsplit

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import is_loopback
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.retry import RetryPolicy

try:
    import requests
except ImportError:
    pass  # OktaModule reports it; cryptography, used only for OAuth, is imported where it is used

DEFAULT_SCOPES = ["okta.apps.read", "okta.apps.manage"]
RETRYABLE_STATUSES = (500, 502, 503, 504)
REDACTED = "********"


class OktaError(Exception):
    """An Okta call failed; the message names the call, the HTTP status and Okta's error code."""

    def __init__(self, message, status=None, error_code=None, error_id=None, error_causes=None):
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.error_id = error_id
        self.error_causes = error_causes or []

    def details(self):
        """What a failed task returns besides its message: Okta's own identifiers of the error (errorId is what Okta
        support asks for)."""
        return {
            "status": self.status,
            "error_code": self.error_code,
            "error_id": self.error_id,
            "error_causes": self.error_causes,
        }


class OktaConfigError(OktaError):
    """The connection options are unusable; raised before any request is made."""


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load_private_key(value):
    """The private key from PEM text, or from the file that value names."""
    if "-----BEGIN" not in value:
        path = os.path.expanduser(value)
        if not os.path.isfile(path):
            raise OktaConfigError("private_key is neither PEM text nor the path of a readable file")
        with open(path, "rb") as handle:
            value = handle.read().decode("utf-8")
    from cryptography.hazmat.primitives import serialization  # pylint: disable=import-outside-toplevel

    try:
        return serialization.load_pem_private_key(value.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise OktaConfigError("private_key could not be loaded as an unencrypted PEM private key") from None


def signed_client_assertion(private_key, client_id, audience, key_id=None, now=None):
    """A private_key_jwt client assertion (RFC 7523) signed with RS256 or ES256."""
    # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    now = int(now if now is not None else time.time())
    if isinstance(private_key, rsa.RSAPrivateKey):
        alg = "RS256"
    elif isinstance(private_key, ec.EllipticCurvePrivateKey):
        alg = "ES256"
    else:
        raise OktaConfigError("private_key must be an RSA or EC (P-256) key")
    header = {"alg": alg, "typ": "JWT"}
    if key_id:
        header["kid"] = key_id
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
    }
    signing_input = ("%s.%s" % (_b64url(json.dumps(header).encode()), _b64url(json.dumps(claims).encode()))).encode()
    if alg == "RS256":
        signature = private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    else:
        r, s = decode_dss_signature(private_key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return "%s.%s" % (signing_input.decode(), _b64url(signature))


class ApiTokenAuth:
    """Authorization: SSWS <api token>."""

    def __init__(self, token):
        self.token = token

    def header(self, client):  # pylint: disable=unused-argument
        return "SSWS %s" % self.token

    def secrets(self):
        return [self.token]

    def invalidate(self):
        return False


class ServiceAppAuth:
    """OAuth 2.0 client credentials with a private_key_jwt assertion: Okta's recommended automation path."""

    def __init__(self, client_id, private_key_text, key_id, scopes):
        self.client_id = client_id
        self.private_key_text = private_key_text
        self.private_key = load_private_key(private_key_text)
        self.key_id = key_id
        self.scopes = scopes
        self.access_token = None
        self.expires_at = 0

    def header(self, client):
        if not self.access_token or time.time() > self.expires_at - 30:
            self._fetch_token(client)
        return "Bearer %s" % self.access_token

    def _fetch_token(self, client):
        token_url = client.org_url + "/oauth2/v1/token"
        form = {
            "grant_type": "client_credentials",
            "scope": " ".join(self.scopes),
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": signed_client_assertion(self.private_key, self.client_id, token_url, self.key_id),
        }
        response = client.send("POST", token_url, data=form, authenticated=False)
        body = response.json()
        self.access_token = body["access_token"]
        self.expires_at = time.time() + int(body.get("expires_in", 3600))

    def secrets(self):
        return [s for s in (self.private_key_text, self.access_token) if s]

    def invalidate(self):
        """Forget the token so the next request fetches a new one; True if there was one."""
        had_token = self.access_token is not None
        self.access_token = None
        return had_token


def auth_from_params(params):
    """Exactly one authentication method, or a clear error before any request."""
    has_token = bool(params.get("api_token"))
    oauth = [k for k in ("client_id", "private_key") if params.get(k)]
    if has_token and oauth:
        raise OktaConfigError(
            "api_token and client_id/private_key are mutually exclusive: choose one way to authenticate"
        )
    if has_token:
        return ApiTokenAuth(params["api_token"])
    if len(oauth) == 2:
        return ServiceAppAuth(
            params["client_id"],
            params["private_key"],
            params.get("private_key_id"),
            [s.strip() for s in params.get("scopes") or [] if s.strip()] or DEFAULT_SCOPES,
        )
    if oauth:
        raise OktaConfigError(
            "OAuth 2.0 needs both client_id and private_key; missing %s"
            % ("private_key" if "client_id" in oauth else "client_id")
        )
    raise OktaConfigError(
        "no Okta credentials: set api_token (OKTA_API_TOKEN) or client_id and private_key "
        "(OKTA_CLIENT_ID, OKTA_PRIVATE_KEY)"
    )


def describe_error_response(response):
    """(text, details) of an error answer: the HTTP status, Okta's errorCode, errorSummary and every errorCauses
    summary as text; errorCode, errorId and the causes as OktaError's keyword arguments."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = body.get("errorCode") or body.get("error")
    summary = body.get("errorSummary") or body.get("error_description") or response.reason or ""
    causes = [
        c.get("errorSummary") for c in body.get("errorCauses") or [] if isinstance(c, dict) and c.get("errorSummary")
    ]
    text = "HTTP %s" % response.status_code
    if code:
        text += " %s" % code
    if summary:
        text += ": %s" % summary
    if causes:
        text += " (causes: %s)" % "; ".join(causes)
    return text, {"error_code": code, "error_id": body.get("errorId"), "error_causes": causes}


class OktaClient:
    """Sends requests with retries, follows pagination, and never lets a secret into a message."""

    def __init__(
        self, org_url, auth, validate_certs=True, ca_path=None, timeout=30, retry=None, session=None, sleep=time.sleep
    ):
        parts = urlsplit(org_url or "")
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise OktaConfigError("org_url must be an absolute URL such as https://example.okta.com, got %r" % org_url)
        if parts.scheme != "https" and not is_loopback(parts.hostname or ""):
            raise OktaConfigError(
                "org_url must use https (http only for loopback hosts): the API token would cross "
                "the network in clear text, got %r" % org_url
            )
        if timeout <= 0:
            raise OktaConfigError("timeout must be more than 0 seconds, got %r" % timeout)
        self.org_url = "%s://%s" % (parts.scheme, parts.netloc)
        self.auth = auth
        self.verify = (ca_path or True) if validate_certs else False
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()
        self.sleep = sleep

    # -- public calls -------------------------------------------------------------------------------

    def get(self, path, params=None):
        return self._json(self.send("GET", path, params=params), "GET", path)

    def get_or_none(self, path, params=None):
        """The JSON at path, or None when Okta answers 404."""
        try:
            return self.get(path, params)
        except OktaError as exc:
            if exc.status == 404:
                return None
            raise

    def put(self, path, body):
        return self._json(self.send("PUT", path, json_body=body), "PUT", path)

    def post(self, path, body=None, params=None, on_uncertain=None):
        """POST; on_uncertain() -> the created object or None is asked before a retry when an earlier attempt may have
        succeeded (see _look_for_result)."""
        response, found = self._request("POST", path, params, body, None, None, "application/json", True, on_uncertain)
        if found is not None:
            return found
        return self._json(response, "POST", path) if response.content else {}

    def delete(self, path):
        self.send("DELETE", path)

    def get_xml(self, path, params=None):
        return self.send("GET", path, params=params, accept="application/xml").content

    def paginate(self, path, params=None):
        """Every item of a list endpoint, following Link rel="next" (the cursor stays opaque)."""
        url = path
        while url:
            response = self.send("GET", url, params=params)
            yield from self._json(response, "GET", path)
            url = response.links.get("next", {}).get("url")
            params = None
            if url and not self._same_origin(url):
                raise OktaError("Okta returned a next-page link to another host; refusing to send credentials there")

    def download(self, url):
        """Bytes of a public resource (such as a logo on Okta's CDN), fetched without credentials."""
        return self.send("GET", url, accept="*/*", authenticated=False).content

    # -- transport ----------------------------------------------------------------------------------

    def _json(self, response, method, path):
        """The JSON body of an answer; an HTML or text page means org_url is not an Okta organization."""
        try:
            return response.json()
        except ValueError:
            kind = (response.headers.get("Content-Type") or "no content type").split(";")[0]
            raise OktaError(
                "Okta %s %s answered with %s instead of Okta's JSON: is org_url %s the URL of your Okta "
                "organization (such as https://example.okta.com)?" % (method, urlsplit(path).path, kind, self.org_url),
                response.status_code,
            ) from None

    def _look_for_result(self, on_uncertain, where, answered):
        """Whether a write that may have succeeded did. After a 5xx one look is enough before writing again; with no
        answer at all (a timeout) Okta may still be working on it, so keep looking, with backoff, and rather fail
        than write a second time."""
        looks = 1 if answered else self.retry.uncertain_lookups
        for look in range(1, looks + 1):
            found = on_uncertain()
            if found is not None or answered:
                return found
            if look < looks:
                self.sleep(self.retry.backoff(look + 1))
        raise OktaError(
            "Okta %s got no answer within %s s, and what it creates has not appeared in %d looks since: it "
            "may still complete on Okta's side. Run again: the next run finds it instead of creating a "
            "second one" % (where, self.timeout, looks)
        )

    def _same_origin(self, url):
        parts = urlsplit(url)
        return "%s://%s" % (parts.scheme, parts.netloc) == self.org_url

    def redact(self, text):
        for secret in self.auth.secrets() if self.auth else []:
            if secret:
                text = text.replace(secret, REDACTED)
        return text

    def send(
        self,
        method,
        path,
        params=None,
        json_body=None,
        data=None,
        files=None,
        accept="application/json",
        authenticated=True,
    ):
        """One logical request, retried on 429 (after the reset time), 5xx and connection errors; the response."""
        return self._request(method, path, params, json_body, data, files, accept, authenticated, None)[0]

    def _request(self, method, path, params, json_body, data, files, accept, authenticated, on_uncertain):
        """(response, None), or (None, found) when on_uncertain() found what an unanswered write created."""
        url = path if path.startswith(("https://", "http://")) else self.org_url + path
        where = "%s %s" % (method, urlsplit(url).path)
        waited, attempt, refreshed = 0.0, 0, False
        while True:
            attempt += 1
            response, problem = self._attempt(method, url, where, params, json_body, data, files, accept, authenticated)
            if response is not None and response.status_code < 400:
                return response, None
            if (
                response is not None
                and response.status_code == 401
                and authenticated
                and not refreshed
                and self.auth.invalidate()
            ):
                refreshed = True  # an expired OAuth token: fetch a new one once
                continue
            if response is not None and response.status_code != 429 and response.status_code not in RETRYABLE_STATUSES:
                raise self._error("Okta %s failed: %s" % (where, problem), response)
            if on_uncertain is not None and (response is None or response.status_code in RETRYABLE_STATUSES):
                found = self._look_for_result(on_uncertain, where, answered=response is not None)
                if found is not None:
                    return None, found
            delay = self.retry.delay_before_retry(response, attempt, waited)
            if delay is None:
                raise self._error("Okta %s failed after %d attempts: %s" % (where, attempt, problem), response)
            self.sleep(delay)
            waited += delay

    def _attempt(self, method, url, where, params, json_body, data, files, accept, authenticated):
        """(response, None) for any HTTP answer, (None, problem) when there was none; a TLS failure raises at once."""
        headers = {"Accept": accept, "User-Agent": "twilio_okta.sso"}
        if authenticated:
            headers["Authorization"] = self.auth.header(self)
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json_body,
                data=data,
                files=files,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
            )
        except requests.exceptions.SSLError as exc:
            # A certificate problem (unknown CA, wrong host, expired) does not go away by retrying.
            raise OktaError(
                self.redact(
                    "Okta %s failed: TLS certificate verification of %s failed: %s"
                    % (where, urlsplit(url).netloc, _tls_reason(exc))
                )
            ) from None
        except requests.exceptions.RequestException as exc:
            return None, "connection failed (%s): %s" % (type(exc).__name__, exc)
        return response, (describe_error_response(response)[0] if response.status_code >= 400 else None)

    def _error(self, message, response):
        """An OktaError with the secrets redacted and, when Okta answered, its status and error identifiers."""
        if response is None:
            return OktaError(self.redact(message))
        return OktaError(self.redact(message), response.status_code, **describe_error_response(response)[1])


def _tls_reason(exc):
    """The verification failure's own words (e.g. 'certificate has expired'), not the whole urllib3 chain."""
    text = str(exc)
    found = re.search(r"certificate verify failed: (.+?) \(_ssl", text)
    return found.group(1).strip() if found else text
