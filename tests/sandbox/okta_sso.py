"""The Okta sandbox as a SAML identity provider: sign a test user in and issue a real SAML Response.

The Response is built from the app's own settings (audience, recipient, destination, NameID format
and template, response and assertion signing, algorithms, encryption) and signed with the app's
current signing key by signxml, a maintained XML-signature library.
"""

import base64
import datetime
import html
import secrets
import zlib

from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from lxml import etree
from sandbox import pki
from sandbox.server import Response
from signxml import XMLSigner

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"
SIGNATURE_METHODS = {"RSA_SHA256": "rsa-sha256", "RSA_SHA1": "rsa-sha1"}
DIGESTS = {"SHA256": "sha256", "SHA1": "sha1"}


def _time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _page(title, body, status=200):
    document = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body>%s</body></html>'
        % (html.escape(title), body)
    )
    return Response(status, document.encode(), "text/html; charset=utf-8")


def authn_request_id(saml_request):
    """The ID of a deflated, base64 AuthnRequest (HTTP-Redirect binding), or None."""
    if not saml_request:
        return None
    try:
        xml = zlib.decompress(base64.b64decode(saml_request), -15)
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except (ValueError, zlib.error, etree.XMLSyntaxError):
        return None
    return root.get("ID")


def expand(template, user):
    """The few Okta expressions the sandbox understands."""
    values = {
        "${user.userName}": user["app_username"],
        "${user.email}": user["profile"].get("email"),
        "${user.login}": user["profile"].get("login"),
        "${source.email}": user["profile"].get("email"),
        "${source.login}": user["profile"].get("login"),
        "user.email": user["profile"].get("email"),
        "user.firstName": user["profile"].get("firstName"),
        "user.lastName": user["profile"].get("lastName"),
    }
    return values.get(template, template)


def sign(element, key, settings, reference_id):
    signer = XMLSigner(
        signature_algorithm=SIGNATURE_METHODS[settings.get("signatureAlgorithm", "RSA_SHA256")],
        digest_algorithm=DIGESTS[settings.get("digestAlgorithm", "SHA256")],
        c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#",
    )
    return signer.sign(element, key=pki.key_pem(key.key), cert=pki.cert_pem(key.cert), reference_uri=reference_id)


def encrypted(assertion):
    """An EncryptedAssertion: the assertion under AES-256-CBC with a key the SP was never given."""
    key, iv = secrets.token_bytes(32), secrets.token_bytes(16)
    padder = sym_padding.PKCS7(128).padder()
    data = padder.update(etree.tostring(assertion)) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    cipher = base64.b64encode(iv + encryptor.update(data) + encryptor.finalize()).decode()
    wrapper = etree.Element("{%s}EncryptedAssertion" % SAML, nsmap={"saml": SAML})
    data_el = etree.SubElement(
        wrapper, "{%s}EncryptedData" % XENC, nsmap={"xenc": XENC}, Type="http://www.w3.org/2001/04/xmlenc#Element"
    )
    etree.SubElement(data_el, "{%s}EncryptionMethod" % XENC, Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc")
    cipher_data = etree.SubElement(data_el, "{%s}CipherData" % XENC)
    etree.SubElement(cipher_data, "{%s}CipherValue" % XENC).text = cipher
    return wrapper


def saml_response(app, issuer, key, user, in_response_to=None, now=None):
    """A SAML 2.0 Response for user, shaped entirely by the app's settings."""
    sign_on = app["settings"]["signOn"]
    now = now or datetime.datetime.now(datetime.timezone.utc)
    later = now + datetime.timedelta(minutes=5)
    response_id, assertion_id = "id" + secrets.token_hex(16), "id" + secrets.token_hex(16)
    nsmap = {"saml2p": SAMLP, "saml2": SAML}
    response = etree.Element(
        "{%s}Response" % SAMLP,
        nsmap=nsmap,
        ID=response_id,
        Version="2.0",
        IssueInstant=_time(now),
        Destination=sign_on.get("destination") or "",
    )
    if in_response_to:
        response.set("InResponseTo", in_response_to)
    etree.SubElement(response, "{%s}Issuer" % SAML).text = issuer
    status = etree.SubElement(response, "{%s}Status" % SAMLP)
    etree.SubElement(status, "{%s}StatusCode" % SAMLP, Value="urn:oasis:names:tc:SAML:2.0:status:Success")

    assertion = etree.Element(
        "{%s}Assertion" % SAML, nsmap={"saml2": SAML}, ID=assertion_id, Version="2.0", IssueInstant=_time(now)
    )
    etree.SubElement(assertion, "{%s}Issuer" % SAML).text = issuer
    subject = etree.SubElement(assertion, "{%s}Subject" % SAML)
    name_id = etree.SubElement(subject, "{%s}NameID" % SAML, Format=sign_on.get("subjectNameIdFormat") or "")
    name_id.text = expand(sign_on.get("subjectNameIdTemplate") or "${user.userName}", user)
    confirmation = etree.SubElement(
        subject, "{%s}SubjectConfirmation" % SAML, Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"
    )
    data = etree.SubElement(
        confirmation,
        "{%s}SubjectConfirmationData" % SAML,
        NotOnOrAfter=_time(later),
        Recipient=sign_on.get("recipient") or "",
    )
    if in_response_to:
        data.set("InResponseTo", in_response_to)
    conditions = etree.SubElement(
        assertion,
        "{%s}Conditions" % SAML,
        NotBefore=_time(now - datetime.timedelta(minutes=5)),
        NotOnOrAfter=_time(later),
    )
    restriction = etree.SubElement(conditions, "{%s}AudienceRestriction" % SAML)
    etree.SubElement(restriction, "{%s}Audience" % SAML).text = sign_on.get("audience") or ""
    statement = etree.SubElement(
        assertion, "{%s}AuthnStatement" % SAML, AuthnInstant=_time(now), SessionIndex=response_id
    )
    context = etree.SubElement(statement, "{%s}AuthnContext" % SAML)
    etree.SubElement(context, "{%s}AuthnContextClassRef" % SAML).text = sign_on.get("authnContextClassRef") or ""
    attributes = sign_on.get("attributeStatements") or []
    if attributes:
        attribute_statement = etree.SubElement(assertion, "{%s}AttributeStatement" % SAML)
        for item in attributes:
            attribute = etree.SubElement(
                attribute_statement,
                "{%s}Attribute" % SAML,
                Name=item.get("name") or "",
                NameFormat=item.get("namespace") or "",
            )
            for value in item.get("values") or []:
                etree.SubElement(attribute, "{%s}AttributeValue" % SAML).text = expand(value, user) or ""

    if sign_on.get("assertionSigned"):
        # The signature goes right after the Issuer, where SAML's schema puts it.
        assertion.insert(1, etree.Element("{%s}Signature" % DS, nsmap={"ds": DS}, Id="placeholder"))
        assertion = sign(assertion, key, sign_on, assertion_id)
    if (sign_on.get("assertionEncryption") or {}).get("enabled"):
        assertion = encrypted(assertion)
    response.append(assertion)
    if sign_on.get("responseSigned"):
        response.insert(1, etree.Element("{%s}Signature" % DS, nsmap={"ds": DS}, Id="placeholder"))
        response = sign(response, key, sign_on, response_id)
    return etree.tostring(response, xml_declaration=True, encoding="UTF-8")


def post_form_page(acs_url, saml_response_xml, relay_state):
    """The page Okta returns: a form that posts the SAML Response to the ACS (HTTP-POST binding)."""
    fields = [("SAMLResponse", base64.b64encode(saml_response_xml).decode())]
    if relay_state:
        fields.append(("RelayState", relay_state))
    inputs = "".join('<input type="hidden" name="%s" value="%s">' % (n, html.escape(v, quote=True)) for n, v in fields)
    body = (
        '<form id="appForm" method="post" action="%s">%s<noscript><button type="submit">Continue</button></noscript>'
        '</form><script>document.getElementById("appForm").submit();</script>'
        % (html.escape(acs_url, quote=True), inputs)
    )
    return _page("Signing in", body)
