"""The Twilio sandbox as a SAML service provider: validate a SAML Response against the profile.

Checks what Twilio documents that it requires of the IdP: signed Response AND signed Assertion
(verified with the certificate stored in the profile, by signxml), issuer, audience = the profile's
entity ID, destination and recipient = its ACS URL, the validity window, NameID format
emailAddress, no encryption, RelayState present, and a known user. The error texts follow the
problems listed on Twilio's SSO troubleshooting page.
"""

import base64
import datetime

from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import InvalidInput, InvalidSignature

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
DS = "http://www.w3.org/2000/09/xmldsig#"
EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
CLOCK_SKEW = datetime.timedelta(seconds=60)


class AcsError(Exception):
    """The login is refused; the message is what the user sees."""


def _parse(data):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise AcsError("Invalid SAML Response: the response is not valid XML") from None


def _instant(text):
    return datetime.datetime.strptime(text.replace("Z", "")[:19], "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc
    )


def _verified(element, certificate, what):
    """The element as covered by its own signature (never trust unsigned content next to it)."""
    if element.find("{%s}Signature" % DS) is None:
        raise AcsError(
            "SAML %s not signed: Twilio requires both the SAML Response and the Assertion to be signed" % what
        )
    try:
        return XMLVerifier().verify(etree.tostring(element), x509_cert=certificate, id_attribute="ID").signed_xml
    except (InvalidSignature, InvalidInput) as exc:
        raise AcsError(
            "SAML %s signature is invalid for the certificate in the SSO profile (%s)" % (what, exc)
        ) from None


def validate_response(form, profile, managed_users, expected_request_ids, now=None):
    """The email of the user the Response signs in, or AcsError with the reason."""
    if not profile.get("idp_certificate"):
        raise AcsError("SSO Profile is not configured: set the Identity Provider metadata first")
    relay_state = form.get("RelayState")
    if not relay_state:
        raise AcsError("RelayState missing: the Identity Provider must return the RelayState it was sent")
    if not form.get("SAMLResponse"):
        raise AcsError("Invalid SAML Response: no SAMLResponse was posted")
    root = _parse(base64.b64decode(form["SAMLResponse"]))
    if root.tag != "{%s}Response" % SAMLP:
        raise AcsError("Invalid SAML Response: the document is not a SAML 2.0 Response")
    if root.find("{%s}EncryptedAssertion" % SAML) is not None:
        raise AcsError(
            "Invalid SAML Response: encrypted assertions are not supported; set Assertion Encryption to Unencrypted"
        )
    response = _verified(root, profile["idp_certificate"], "Response")
    assertion = response.find("{%s}Assertion" % SAML)
    if assertion is None:
        raise AcsError("Invalid SAML Response: the Response carries no Assertion")
    assertion = _verified(assertion, profile["idp_certificate"], "Assertion")

    status = response.find("{%s}Status/{%s}StatusCode" % (SAMLP, SAMLP))
    if status is None or status.get("Value") != "urn:oasis:names:tc:SAML:2.0:status:Success":
        raise AcsError("The Identity Provider reported an unsuccessful login")
    for element, what in ((response, "Response"), (assertion, "Assertion")):
        issuer = element.findtext("{%s}Issuer" % SAML)
        if issuer != profile["idp_entity_id"]:
            raise AcsError(
                "Issuer mismatch: the %s was issued by %r, the SSO profile expects %r"
                % (what, issuer, profile["idp_entity_id"])
            )
    if response.get("Destination") != profile["sp_acs_url"]:
        raise AcsError("Destination mismatch: %r is not this profile's ACS URL" % response.get("Destination"))
    audiences = [a.text for a in assertion.iter("{%s}Audience" % SAML)]
    if profile["sp_entity_id"] not in audiences:
        raise AcsError(
            "Audience URI/Entity ID mismatch: the assertion is for %s, this profile's Entity ID is %s"
            % (", ".join(audiences) or "no audience", profile["sp_entity_id"])
        )
    confirmation = assertion.find(
        "{%s}Subject/{%s}SubjectConfirmation/{%s}SubjectConfirmationData" % (SAML, SAML, SAML)
    )
    if confirmation is None or confirmation.get("Recipient") != profile["sp_acs_url"]:
        raise AcsError("Recipient mismatch: the assertion's Recipient is not this profile's ACS URL")
    now = now or datetime.datetime.now(datetime.timezone.utc)
    conditions = assertion.find("{%s}Conditions" % SAML)
    if conditions is None or not (
        _instant(conditions.get("NotBefore")) - CLOCK_SKEW
        <= now
        < _instant(conditions.get("NotOnOrAfter")) + CLOCK_SKEW
    ):
        raise AcsError("The SAML Response has expired or is not yet valid")
    in_response_to = response.get("InResponseTo")
    if in_response_to and in_response_to not in expected_request_ids:
        raise AcsError("Invalid SAML Response: it answers a request this service provider did not send")
    name_id = assertion.find("{%s}Subject/{%s}NameID" % (SAML, SAML))
    if name_id is None or name_id.get("Format") != EMAIL_FORMAT:
        raise AcsError("Invalid NameID format: Twilio requires %s" % EMAIL_FORMAT)
    email = (name_id.text or "").strip()
    if email.lower() not in {u.lower() for u in managed_users}:
        raise AcsError("User %s is not an active managed user of this Twilio Organization" % email)
    return email
