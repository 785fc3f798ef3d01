# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    """Connection options of the modules that use Twilio's organization APIs (SCIM)."""

    DOCUMENTATION = r"""
options:
  client_id:
    description:
      - Client ID of a Twilio organization OAuth app with the client credentials grant and the C(managed-users)
        permissions (Console, Organization settings, Organization API access; there is no API to create one).
      - Read from E(TWILIO_CLIENT_ID) when not set.
    type: str
  client_secret:
    description:
      - Its client secret.
      - Read from E(TWILIO_CLIENT_SECRET) when not set.
    type: str
  scim_url:
    description:
      - Base URL of Twilio's SCIM API; https (http only for loopback hosts).
      - Read from E(TWILIO_SCIM_URL) when not set.
    type: str
    default: https://iam.twilio.com/scim/v2
  token_url:
    description:
      - Twilio's OAuth token endpoint; the module gets a one-hour access token there with the client credentials
        grant, and a new one when it expires or is refused (Twilio issues no refresh token).
      - Read from E(TWILIO_TOKEN_URL) when not set.
    type: str
    default: https://oauth.twilio.com/v2/token
  validate_certs:
    description:
      - Verify the TLS certificates of O(scim_url) and O(token_url). Turn off only for throw-away test servers.
      - Read from E(TWILIO_SCIM_VALIDATE_CERTS) when not set.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify them with, instead of the system's CAs; passed on every request, so that
        E(REQUESTS_CA_BUNDLE) does not override it.
      - Read from E(TWILIO_SCIM_CA_PATH) when not set.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response; more than 0.
      - Read from E(TWILIO_SCIM_TIMEOUT) when not set.
    type: int
    default: 30
notes:
  - Requests answered with HTTP 429 (Twilio error 25021) are retried after C(Retry-After) or with exponential
    backoff, as are HTTP 500, 502, 503, 504 and connection errors; a create that may have succeeded is looked up by
    its userName before it is sent again.
  - Twilio's organization APIs are available in its US1 region only.
  - An environment variable that is set but empty counts as not set, because AWX injects empty inputs of a
    credential that way.
requirements:
  - requests
"""
