"""A person logging in to Twilio Console through Okta, in the sandboxes, over plain HTTP(S).

SP-initiated: Twilio's SSO login sends an AuthnRequest and RelayState to Okta; the user signs in;
Okta's page posts the SAML Response to Twilio's ACS. IdP-initiated: the user starts at Okta's SSO
URL. Returns what Twilio answered.
"""

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
import requests
from sandbox import otp


@dataclass
class LoginResult:
    ok: bool
    status: int
    message: str


def _form(response):
    """Action and fields of the page's first form."""
    forms = lxml.html.fromstring(response.text).forms
    if not forms:
        return None, {}
    form = forms[0]
    if not form.get("action"):
        return None, {}
    return urljoin(response.url, form.get("action")), {i.name: i.value or "" for i in form.inputs if i.name}


def _alert(response):
    document = lxml.html.fromstring(response.text)
    for element in document.iter():
        if element.get("role") == "alert":
            return element.text_content().strip()
    text = " ".join(document.text_content().split())
    return text[:300]


def sso_login(twilio_url, okta_url, connection_id, username, password, ca_file, idp_sso_url=None, totp_secret=None):
    """Log username in; with idp_sso_url, start at Okta (IdP-initiated) instead of at Twilio."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_file
    start = idp_sso_url or "%s/sso/login/%s" % (twilio_url, connection_id)
    page = session.get(start, timeout=30)
    if page.status_code != 200 or not page.url.startswith(okta_url):
        return LoginResult(False, page.status_code, "the Okta sign-in page did not open: %s" % _alert(page))
    # Okta's sign-in: identifier first, then the password, then the authenticator's code when the user has one.
    answers = {"identifier": username, "credentials.passcode": password}
    for _step in range(3):
        action, fields = _form(page)
        if not action or "SAMLResponse" in fields:
            break
        field = "identifier" if "identifier" in fields else "credentials.passcode"
        if field == "credentials.passcode" and "Enter code" in page.text:
            fields[field] = otp.totp(totp_secret) if totp_secret else ""
        else:
            fields[field] = answers[field]
        page = session.post(action, data=fields, timeout=30)
        if page.status_code != 200:
            return LoginResult(False, page.status_code, "Okta: %s" % _alert(page))
    action, fields = _form(page)
    if not action or "SAMLResponse" not in fields:
        return LoginResult(False, page.status_code, "Okta did not answer with a SAML Response")
    answer = session.post(action, data=fields, timeout=30)
    if answer.status_code != 200:
        return LoginResult(False, answer.status_code, "Twilio: %s" % _alert(answer))
    document = lxml.html.fromstring(answer.text)
    paragraphs = [" ".join(p.text_content().split()) for p in document.iter("p")]
    return LoginResult(True, 200, " ".join(paragraphs))


def password_login(twilio_url, email, password, ca_file):
    """Twilio's password login, its first step: None when Twilio goes on to the second factor, else what it shows."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_file
    answer = session.post(
        twilio_url + "/login",
        data={"email": email, "password": password, "next": "/"},
        allow_redirects=False,
        timeout=30,
    )
    return None if answer.status_code == 303 else _alert(answer)
