# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """Connection and authentication options of every Okta module."""

    DOCUMENTATION = r"""
options:
  org_url:
    description:
      - Base URL of the Okta organization, for example C(https://example.okta.com). Must be https (http only for
        loopback hosts), so that credentials never cross the network in clear text.
      - Read from the E(OKTA_ORG_URL) environment variable when not set.
    type: str
    required: true
  api_token:
    description:
      - An Okta API token, sent in the C(Authorization) header as C(SSWS <token>).
      - Read from E(OKTA_API_TOKEN) when not set.
      - Mutually exclusive with O(client_id) and O(private_key); exactly one way to authenticate must be configured.
    type: str
  client_id:
    description:
      - Client ID of an Okta API service app (OAuth 2.0 client credentials with C(private_key_jwt)),
        the authentication Okta recommends for automation.
      - Read from E(OKTA_CLIENT_ID) when not set. Needs O(private_key).
    type: str
  private_key:
    description:
      - The service app's private key (RSA or EC P-256), as PEM text or as the path of a PEM file.
      - Read from E(OKTA_PRIVATE_KEY) when not set.
    type: str
  private_key_id:
    description:
      - The C(kid) of the service app's public key, put in the client assertion header.
      - Read from E(OKTA_PRIVATE_KEY_ID) when not set.
    type: str
  scopes:
    description:
      - OAuth 2.0 scopes requested for the service app's access token.
      - Read from E(OKTA_SCOPES) when not set, as a comma-separated list (the AWX credential type injects it so).
    type: list
    elements: str
    default: [okta.apps.read, okta.apps.manage]
  validate_certs:
    description:
      - Verify the TLS certificate of O(org_url). Turn off only for throw-away test servers; the modules warn when it is
        off. A certificate that fails verification fails the task at once, with the reason, and is not retried.
      - Read from E(OKTA_VALIDATE_CERTS) when not set.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM bundle of certificate authorities to trust instead of the system's.
      - Read from E(OKTA_CA_PATH) when not set.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response; more than 0.
      - Read from E(OKTA_TIMEOUT) when not set.
    type: int
    default: 30
notes:
  - Requests answered with HTTP 429 are retried after the time in C(X-Rate-Limit-Reset), measured on the
    server's clock; HTTP 500, 502, 503, 504 and connection errors are retried with exponential backoff.
    At most 6 attempts and 120 seconds of waiting are spent on one request.
  - Credentials never appear in results, warnings or error messages.
  - An environment variable that is set but empty counts as not set, because AWX injects empty inputs of a
    credential that way.
requirements:
  - requests
  - cryptography (only with O(private_key))
"""
