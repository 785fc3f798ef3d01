# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A thin synchronous client for Twilio's organization APIs (SCIM), authenticated as an organization OAuth app with
the client credentials grant: a one-hour access token, no refresh token, so a new one is fetched when it expires or
is refused."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import is_loopback
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.retry import RetryPolicy

try:
    import requests
except ImportError:
    pass  # TwilioOrgModule reports it

RETRYABLE_STATUSES = (500, 502, 503, 504)
REDACTED = "********"


class TwilioApiError(Exception):
    """A Twilio organization API call failed; the message names the call, the HTTP status and Twilio's error code."""

    def __init__(self, message, status=None, code=None, scim_type=None, more_info=None):
        super().__init__(message)
        self.status, self.code, self.scim_type, self.more_info = status, code, scim_type, more_info

    def details(self):
        return {
            "status": self.status,
            "error_code": self.code,
            "scim_type": self.scim_type,
            "more_info": self.more_info,
        }


class TwilioConfigError(TwilioApiError):
    """The connection options are unusable; raised before any request is made."""


def check_url(name, url):
    parts = urlsplit(url or "")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise TwilioConfigError("%s must be an absolute URL, got %r" % (name, url))
    if parts.scheme != "https" and not is_loopback(parts.hostname or ""):
        raise TwilioConfigError("%s must use https (http only for loopback hosts), got %r" % (name, url))
    return url.rstrip("/")


def describe_error(response):
    """(text, details) of an error answer: SCIM errors carry detail, status, code (250xx) and scimType."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    code = body.get("code")
    detail = body.get("detail") or body.get("message") or body.get("error_description") or body.get("error") or ""
    text = "HTTP %s" % response.status_code
    if code:
        text += " (Twilio error %s)" % code
    if detail:
        text += ": %s" % detail
    return text, {"code": code, "scim_type": body.get("scimType"), "more_info": body.get("moreInfo")}


class TwilioOrgClient:
    """Sends requests with a client-credentials token, retries 429, 5xx and lost connections, never shows a secret."""

    def __init__(
        self,
        client_id,
        client_secret,
        scim_url,
        token_url,
        validate_certs=True,
        ca_path=None,
        timeout=30,
        retry=None,
        session=None,
        sleep=time.sleep,
    ):
        if not client_id or not client_secret:
            raise TwilioConfigError(
                "no Twilio organization credentials: set client_id and client_secret (TWILIO_CLIENT_ID, "
                "TWILIO_CLIENT_SECRET) of an organization OAuth app with the client credentials grant"
            )
        if timeout <= 0:
            raise TwilioConfigError("timeout must be more than 0 seconds, got %r" % timeout)
        self.client_id, self.client_secret = client_id, client_secret
        self.scim_url, self.token_url = check_url("scim_url", scim_url), check_url("token_url", token_url)
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE in requests.
        self.verify = (ca_path or True) if validate_certs else False
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()
        self.sleep = sleep
        self.access_token, self.expires_at = None, 0.0
        self.token_lock = threading.Lock()

    def redact(self, text):
        for secret in (self.client_secret, self.access_token):
            if secret:
                text = text.replace(secret, REDACTED)
        return text

    def _token(self):
        with self.token_lock:  # concurrent lookups share one token
            if self.access_token and time.time() < self.expires_at - 30:
                return self.access_token
            return self._new_token()

    def _new_token(self):
        form = {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret}
        response = self._send("POST", self.token_url, data=form, authenticated=False)
        body = response.json()
        self.access_token = body.get("access_token")
        if not self.access_token:
            raise TwilioApiError("Twilio's token endpoint answered without an access_token")
        self.expires_at = time.time() + int(body.get("expires_in") or 3600)
        return self.access_token

    def request(self, method, path, params=None, json_body=None, headers=None, on_uncertain=None):
        """The JSON answer of a SCIM call (None for 204). on_uncertain() -> the created object or None is asked
        before a POST is sent again after an answer that may hide a success, so that a create never doubles."""
        response = self._send(
            method, self.scim_url + path, params=params, json_body=json_body, headers=headers, on_uncertain=on_uncertain
        )
        if isinstance(response, dict):
            return response
        return response.json() if response.content else None

    def _send(
        self, method, url, params=None, json_body=None, data=None, headers=None, authenticated=True, on_uncertain=None
    ):
        where = "%s %s" % (method, urlsplit(url).path)
        waited, attempt, refreshed = 0.0, 0, False
        while True:
            attempt += 1
            sent = dict(headers or {}, Accept="application/scim+json, application/json")
            if authenticated:
                sent["Authorization"] = "Bearer %s" % self._token()
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json_body,
                    data=data,
                    headers=sent,
                    timeout=self.timeout,
                    verify=self.verify,
                )
            except requests.exceptions.SSLError as exc:
                raise TwilioApiError(
                    self.redact("Twilio %s failed: TLS certificate verification failed: %s" % (where, exc))
                ) from None
            except requests.exceptions.RequestException as exc:
                response, problem = None, "connection failed (%s)" % type(exc).__name__
            else:
                if response.status_code < 400:
                    return response
                problem, details = describe_error(response)
                if response.status_code == 401 and authenticated and not refreshed:
                    refreshed, self.access_token = True, None  # expired or revoked: one new token
                    continue
                if response.status_code != 429 and response.status_code not in RETRYABLE_STATUSES:
                    raise TwilioApiError(
                        self.redact("Twilio %s failed: %s" % (where, problem)), response.status_code, **details
                    )
            if on_uncertain is not None and (response is None or response.status_code in RETRYABLE_STATUSES):
                found = on_uncertain()
                if found is not None:
                    return found
            delay = self.retry.delay_before_retry(response, attempt, waited)
            if delay is None:
                status = response.status_code if response is not None else None
                details = describe_error(response)[1] if response is not None else {}
                raise TwilioApiError(
                    self.redact("Twilio %s failed after %d attempts: %s" % (where, attempt, problem)), status, **details
                )
            self.sleep(delay)
            waited += delay
