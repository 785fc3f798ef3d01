#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: okta_saml_app
short_description: Manage the Okta SAML 2.0 app integration for Twilio Console SSO
version_added: 0.1.0
description:
  - Creates, updates or removes an Okta SAML 2.0 app integration exactly as steps 2 and 3 of Twilio's guide
    "Configuring Okta with Twilio SSO" configure it, and returns the three identity provider values that step 4
    pastes into the Twilio SSO profile.
  - The defaults are the guide's settings, so O(label), O(sso_url) and O(audience) alone produce the guide's app
    integration.
  - Updates read the app, change only the fields this module manages and send back every other field unchanged,
    including fields this module does not know.
  - A run that changes nothing makes two requests (find the app, read its IdP metadata) and no write; one more with
    O(groups), one more with O(signing_key_rotation).
author:
  - twilio_okta.sso contributors (@twilio-okta)
extends_documentation_fragment:
  - twilio_okta.sso.okta
  - twilio_okta.sso.attributes.writes
  - twilio_okta.sso.attributes.okta_group
options:
  label:
    description:
      - The app's display name, which users see on their Okta dashboard.
      - Also the lookup key when O(id) is not given, matched exactly and case-sensitively among SAML 2.0 apps.
        If two SAML 2.0 apps carry the label, the module fails and lists their ids.
      - At most 100 characters (Okta's limit), without control characters.
    type: str
    required: true
  id:
    description:
      - The Okta app id. Addresses one app directly, which allows renaming it through O(label).
    type: str
  state:
    description:
      - V(present) creates or updates the app; V(absent) deactivates and deletes it.
    type: str
    choices: [present, absent]
    default: present
  status:
    description:
      - Whether the app is active; changed through Okta's lifecycle endpoints.
    type: str
    choices: [ACTIVE, INACTIVE]
    default: ACTIVE
  sso_url:
    description:
      - Okta's "Single sign-on URL", which is the Twilio SSO profile's "Assertion consumer service (ACS)/ SSO URL".
      - Must be https (http is accepted for loopback hosts only). Required when O(state=present).
    type: str
  audience:
    description:
      - Okta's "Audience URI (SP Entity ID)", which is the Twilio SSO profile's "Audience URL/Entity ID".
      - Required when O(state=present).
    type: str
  recipient:
    description:
      - Recipient URL. Defaults to O(sso_url), as the guide's "Use this for Recipient and Destination URL" does.
    type: str
  destination:
    description:
      - Destination URL. Defaults to O(sso_url).
    type: str
  default_relay_state:
    description:
      - Default relay state; the guide keeps it blank.
    type: str
    default: ""
  name_id_format:
    description:
      - Name ID format. One of V(unspecified), V(emailAddress), V(x509SubjectName), V(persistent), V(transient),
        or the full URN of one of them. Twilio needs V(emailAddress).
    type: str
    default: emailAddress
  name_id_template:
    description:
      - Okta expression for the Name ID value.
    type: str
    default: ${user.userName}
  user_name_template:
    description:
      - Okta expression for the application username; V(${source.email}) is the guide's "Email".
    type: str
    default: ${source.email}
  response_signed:
    description:
      - Sign the SAML response. Twilio requires it.
    type: bool
    default: true
  assertion_signed:
    description:
      - Sign the SAML assertion. Twilio requires it.
    type: bool
    default: true
  signature_algorithm:
    description:
      - Signature algorithm of responses and assertions.
    type: str
    choices: [RSA_SHA256, RSA_SHA1]
    default: RSA_SHA256
  digest_algorithm:
    description:
      - Digest algorithm of responses and assertions.
    type: str
    choices: [SHA256, SHA1]
    default: SHA256
  honor_force_authn:
    description:
      - Honor the service provider's ForceAuthn request. Left as it is when not given (Okta's default on create is V(true)).
    type: bool
  authn_context_class_ref:
    description:
      - Authentication context class of the assertion. Left as it is when not given (Okta's default on create is
        V(urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport)).
    type: str
  attribute_statements:
    description:
      - SAML attribute statements, replacing the app's list when given. Left untouched when not given.
    type: list
    elements: dict
    suboptions:
      name:
        description: Attribute name.
        type: str
        required: true
      namespace:
        description: Attribute name format.
        type: str
        default: urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified
      values:
        description:
          - Okta expressions giving the values, as strings; anything else (a number, a boolean) is refused rather than
            converted.
        type: list
        elements: raw
        default: []
  hide_web:
    description:
      - Hide the app on users' Okta dashboard. Left as it is when not given.
    type: bool
  hide_ios:
    description:
      - Hide the app in Okta's mobile app. Left as it is when not given.
    type: bool
  logo:
    description:
      - Path of a PNG, JPG or GIF image (under 1 MB), such as the Twilio logo the guide links to.
      - Uploaded through Okta's logo endpoint, and uploaded again only when its bytes differ from the app's current
        logo (which costs one more request, to Okta's CDN without credentials).
    type: path
  signing_key_rotation:
    description:
      - Rotate the app's signing key when it is due. Not given, the module never rotates.
      - A rotation generates a key (Okta's C(credentials/keys/generate)) and switches C(credentials.signing.kid) to it
        with the rest of the app unchanged; RV(idp) then holds the new certificate, which Twilio's SSO profile needs
        next (the M(twilio_okta.sso.twilio_sso_profile) step, or the console_sso role in the same run).
      - Reads the app's keys, one more request in a run with nothing to change.
      - Only an existing app is rotated; a new app starts with a fresh key.
    type: dict
    suboptions:
      rotate_days_before_expiry:
        description: Rotate when the active key expires within this many days.
        type: int
        default: 30
      validity_years:
        description: Validity of the new key, 2 to 10 years (Okta's range).
        type: int
        default: 2
      force:
        description:
          - Rotate in this run whatever the expiry. Not idempotent by design; for one-off runs.
        type: bool
        default: false
  groups:
    description:
      - The Okta groups assigned to the app, by exact name or by id (C(00g...)), as
        M(twilio_okta.sso.okta_app_group_assignment) assigns them (users who are not assigned cannot sign in).
      - Every group is resolved before anything is written, so an unknown or ambiguous name fails the run with
        nothing changed. A group the app already has is recognised from the app's group listing, without a lookup.
      - Not given, the assignments are left alone. Given, a run with nothing to change makes one more request (the
        app's group listing).
    type: list
    elements: str
  groups_exclusive:
    description:
      - With O(groups), also remove the assignments of groups not listed (O(groups=[]) then removes them all).
    type: bool
    default: false
notes:
  - Okta keeps signing keys per app. This module leaves C(credentials.signing.kid) as it is unless
    O(signing_key_rotation) finds a rotation due, so a key rotation done elsewhere is not undone; it always reports the
    IdP values of the current key.
  - The assertion is always kept unencrypted, as Twilio rejects encrypted assertions.
seealso:
  - module: twilio_okta.sso.okta_saml_app_info
  - name: Configuring Okta with Twilio SSO
    description: The guide this module automates, steps 2 and 3.
    link: https://www.twilio.com/docs/iam/single-sign-on/okta
"""

EXAMPLES = r"""
- name: Create the Okta app integration from the Twilio SSO profile's SP values
  twilio_okta.sso.okta_saml_app:
    org_url: https://example.okta.com
    api_token: "{{ okta_api_token }}"
    label: Twilio Console
    sso_url: "{{ twilio_profile.sp_acs_url }}"
    audience: "{{ twilio_profile.sp_entity_id }}"
    logo: files/twilio-logo.png
    groups:
      - Twilio Console Users
  register: okta_app

- name: Show the three values for the Twilio SSO profile (guide step 4)
  ansible.builtin.debug:
    msg:
      - "Issuer: {{ okta_app.idp.entity_id }}"
      - "SSO URL: {{ okta_app.idp.sso_url }}"
      - "{{ okta_app.idp.certificate }}"

- name: Rename the app, addressing it by id (credentials from OKTA_ORG_URL and OKTA_API_TOKEN)
  twilio_okta.sso.okta_saml_app:
    id: 0oa1b2c3d4e5f6g7h8i9
    label: Twilio Console (production)
    sso_url: https://sso.example.twilio.com/saml2/acs
    audience: urn:twilio:sso:example

- name: Remove the app
  twilio_okta.sso.okta_saml_app:
    label: Twilio Console
    state: absent
"""

RETURN = r"""
app:
  description: The app as it is after the run (as it would be, in check mode). V(null) after O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Okta app id; V(null) in check mode when the app would be created.
      type: str
      sample: 0oa1b2c3d4e5f6g7h8i9
    label:
      description: Display name.
      type: str
      sample: Twilio Console
    name:
      description: Okta's internal app name.
      type: str
      sample: example_twilioconsole_1
    status:
      description: V(ACTIVE) or V(INACTIVE).
      type: str
      sample: ACTIVE
    sign_on:
      description: The sign-on settings, in this module's option names (the name ID format as a full URN).
      type: dict
      sample:
        sso_url: https://sso.example.twilio.com/saml2/acs
        audience: urn:twilio:sso:example
        name_id_format: urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress
    metadata_url:
      description: URL of the app's IdP metadata in the Okta API.
      type: str
      sample: https://example.okta.com/api/v1/apps/0oa1b2c3d4e5f6g7h8i9/sso/saml/metadata
signing_key:
  description:
    - With O(signing_key_rotation), the active signing key after the run (before it, in check mode) and whether this run
      rotated it (would rotate, in check mode).
  returned: when O(signing_key_rotation) is given and the app existed
  type: dict
  contains:
    kid:
      description: The key's id.
      type: str
    expires_at:
      description: When the key expires (UTC, ISO 8601).
      type: str
    days_left:
      description: Whole days until it expires.
      type: int
    rotated:
      description: Whether this run rotated the key.
      type: bool
groups:
  description: With O(groups), the groups assigned after the run (would be, in check mode); names are V(null) for
    groups not given in O(groups).
  returned: when O(groups) is given and O(state=present)
  type: list
  elements: dict
  sample: [{"id": "00g1a2b3c4d5e6f7g8h9", "name": "Twilio Console Users"}]
duplicate_removed:
  description:
    - The id of the app this run created and then removed, because another run created an app with the label at the
      same moment and that older app is the one kept (and returned in RV(app)); V(null) otherwise.
  returned: when O(state=present)
  type: str
  sample: 0oa1b2c3d4e5f6g7h8i9
idp:
  description:
    - The identity provider values Twilio's SSO profile needs (guide step 4), read from the app's IdP metadata.
    - Every value is V(null) in check mode when the app would be created, and the whole dict after O(state=absent).
  returned: always
  type: dict
  contains:
    entity_id:
      description: IdP issuer, Twilio's "Issuer".
      type: str
      sample: http://www.okta.com/exk1b2c3d4e5f6g7h8i9
    sso_url:
      description: IdP single sign-on URL of the HTTP-POST binding.
      type: str
      sample: https://example.okta.com/app/example_twilioconsole_1/exk1b2c3d4e5f6g7h8i9/sso/saml
    sso_url_redirect:
      description: IdP single sign-on URL of the HTTP-Redirect binding.
      type: str
    certificate:
      description: The signing certificate as PEM with BEGIN and END lines, as Twilio wants it pasted.
      type: str
    certificate_sha256:
      description: SHA-256 fingerprint of the certificate (hex).
      type: str
    certificate_not_after:
      description: Expiry of the certificate (UTC, ISO 8601).
      type: str
      sample: "2036-11-27T21:00:00Z"
    certificate_days_left:
      description: Whole days until the certificate (the active signing key) expires; negative once it has.
      type: int
      sample: 3650
    kid:
      description: Id of the app's current signing key.
      type: str
    metadata_xml:
      description: The IdP metadata document.
      type: str
"""

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import OktaModule
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.saml_app import (
    ensure_absent,
    ensure_present,
    validate,
)


def main():
    argument_spec = dict(
        label=dict(type="str", required=True),
        id=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        status=dict(type="str", choices=["ACTIVE", "INACTIVE"], default="ACTIVE"),
        sso_url=dict(type="str"),
        audience=dict(type="str"),
        recipient=dict(type="str"),
        destination=dict(type="str"),
        default_relay_state=dict(type="str", default=""),
        name_id_format=dict(type="str", default="emailAddress"),
        name_id_template=dict(type="str", default="${user.userName}"),
        user_name_template=dict(type="str", default="${source.email}"),
        response_signed=dict(type="bool", default=True),
        assertion_signed=dict(type="bool", default=True),
        signature_algorithm=dict(type="str", choices=["RSA_SHA256", "RSA_SHA1"], default="RSA_SHA256"),
        digest_algorithm=dict(type="str", choices=["SHA256", "SHA1"], default="SHA256"),
        honor_force_authn=dict(type="bool"),
        authn_context_class_ref=dict(type="str"),
        attribute_statements=dict(
            type="list",
            elements="dict",
            options=dict(
                name=dict(type="str", required=True),
                namespace=dict(type="str", default="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"),
                values=dict(type="list", elements="raw", default=[]),  # checked to be strings: no silent conversion
            ),
        ),
        hide_web=dict(type="bool"),
        hide_ios=dict(type="bool"),
        logo=dict(type="path"),
        groups=dict(type="list", elements="str"),
        groups_exclusive=dict(type="bool", default=False),
        signing_key_rotation=dict(
            type="dict",
            no_log=False,  # a rotation policy, not a key
            options=dict(
                rotate_days_before_expiry=dict(type="int", default=30),
                validity_years=dict(type="int", default=2),
                force=dict(type="bool", default=False),
            ),
        ),
    )
    module = OktaModule(
        argument_spec, requires=("lxml", "cryptography"), required_if=[("state", "present", ("sso_url", "audience"))]
    )
    ensure = ensure_present if module.params["state"] == "present" else ensure_absent
    module.run(lambda api: ensure(api, module.params, module.check_mode), validate)


if __name__ == "__main__":
    main()
