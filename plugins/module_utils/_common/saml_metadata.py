# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SAML 2.0 metadata from outside, parsed with a hardened lxml parser.

No DTDs, no entity expansion, no network access, and a size bound: metadata comes from
servers and files we do not control.
"""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.certificate import certificate_facts

try:
    from lxml import etree
except ImportError:
    pass  # the base module classes and the filter report it

MAX_METADATA_BYTES = 1024 * 1024
NS = {
    "md": "urn:oasis:names:tc:SAML:2.0:metadata",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
}
BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


class MetadataError(ValueError):
    """The document is not usable SAML metadata."""


def parse_metadata_document(data):
    """Parse metadata bytes or text into an lxml element, refusing DTDs and oversized input."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_METADATA_BYTES:
        raise MetadataError("the metadata is larger than %d bytes" % MAX_METADATA_BYTES)
    if b"<!DOCTYPE" in data:
        raise MetadataError("the metadata declares a DTD, which SAML metadata never needs")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise MetadataError("the metadata is not well-formed XML: %s" % exc) from None
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise MetadataError("the metadata declares a DTD, which SAML metadata never needs")
    if etree.QName(root).text != "{%s}EntityDescriptor" % NS["md"]:
        raise MetadataError("the root element is %s, not md:EntityDescriptor" % etree.QName(root).localname)
    return root


def _signing_certificate(descriptor):
    """The first certificate of a signing (or unqualified) KeyDescriptor, as certificate facts."""
    for key in descriptor.findall("md:KeyDescriptor", NS):
        if key.get("use") in (None, "signing"):
            node = key.find(".//ds:X509Certificate", NS)
            if node is not None and (node.text or "").strip():
                return certificate_facts(node.text)
    return None


def _location(descriptor, element, binding):
    """The endpoint of that binding; of several, the one marked isDefault, else the lowest index (SAML metadata
    2.2.3); a tie is ambiguous and refused."""
    nodes = [n for n in descriptor.findall("md:%s" % element, NS) if n.get("Binding") == binding]
    if len(nodes) < 2:
        return nodes[0].get("Location") if nodes else None
    defaults = [n for n in nodes if n.get("isDefault") in ("true", "1")]
    if len(defaults) == 1:
        return defaults[0].get("Location")
    try:
        ranked = sorted((int(n.get("index")), n.get("Location")) for n in (defaults or nodes))
    except (TypeError, ValueError):
        ranked = []
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        raise MetadataError(
            "the metadata has %d %s endpoints with the %s binding and none is marked as the default: "
            "which one to use is ambiguous" % (len(nodes), element, binding.rsplit(":", 1)[-1])
        )
    return ranked[0][1]


def _descriptor_and_endpoint(data, descriptor_name, endpoint_name):
    """The root, the role descriptor and its HTTP-POST endpoint URL, or a MetadataError naming what is missing."""
    root = parse_metadata_document(data)
    if not (root.get("entityID") or "").strip():
        raise MetadataError("the metadata's EntityDescriptor has no entityID")
    descriptors = root.findall("md:%s" % descriptor_name, NS)
    if len(descriptors) > 1:
        raise MetadataError(
            "the metadata has %d %s elements: which one to use is ambiguous" % (len(descriptors), descriptor_name)
        )
    descriptor = descriptors[0] if descriptors else None
    if descriptor is None:
        raise MetadataError("the metadata has no %s" % descriptor_name)
    url = _location(descriptor, endpoint_name, BINDING_POST)
    if not url:
        raise MetadataError("the metadata has no %s with the HTTP-POST binding" % endpoint_name)
    return root, descriptor, url


def parse_idp_metadata(data):
    """The three values Twilio asks for (issuer, SSO URL, certificate) from IdP metadata."""
    root, descriptor, sso_url = _descriptor_and_endpoint(data, "IDPSSODescriptor", "SingleSignOnService")
    cert = _signing_certificate(descriptor)
    if cert is None:
        raise MetadataError("the metadata has no signing certificate")
    return {
        "entity_id": root.get("entityID"),
        "sso_url": sso_url,
        "sso_url_redirect": _location(descriptor, "SingleSignOnService", BINDING_REDIRECT),
        "certificate": cert["pem"],
        "certificate_sha256": cert["sha256"],
        "certificate_not_after": cert["not_after"],
    }


def parse_sp_metadata(data):
    """Entity ID, ACS URL (HTTP-POST) and any signing certificate from SP metadata."""
    root, descriptor, acs_url = _descriptor_and_endpoint(data, "SPSSODescriptor", "AssertionConsumerService")
    cert = _signing_certificate(descriptor)
    return {
        "entity_id": root.get("entityID"),
        "acs_url": acs_url,
        "certificate": cert["pem"] if cert else None,
        "certificate_sha256": cert["sha256"] if cert else None,
    }
