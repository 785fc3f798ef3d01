"""Certificates for the sandboxes: a local CA for HTTPS, and Okta-style self-signed signing certificates."""

import datetime
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name, organization="twilio_okta.sso sandbox"):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _builder(subject, issuer, public_key, days, not_before=None):
    not_before = not_before or datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + datetime.timedelta(days=days))
    )


def new_ca():
    key = new_key()
    name = _name("twilio_okta.sso sandbox CA")
    cert = (
        _builder(name, name, key.public_key(), 30)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def new_server_cert(ca_key, ca_cert, hosts=("localhost", "127.0.0.1"), days=30, not_before=None):
    key = new_key()
    names = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    san = x509.SubjectAlternativeName(names)
    cert = (
        _builder(_name(hosts[0]), ca_cert.subject, key.public_key(), days, not_before)
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def new_signing_cert(org_name, days=3650, not_before=None):
    """A self-signed signing certificate like the ones Okta gives each SAML app."""
    key = new_key()
    name = _name(org_name, "Okta")
    cert = _builder(name, name, key.public_key(), days, not_before).sign(key, hashes.SHA256())
    return key, cert


def key_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def cert_der(cert):
    return cert.public_bytes(serialization.Encoding.DER)
