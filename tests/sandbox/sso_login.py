"""A person logging in to Twilio Console through Okta, in the sandboxes, over plain HTTP(S).

SP-initiated: Twilio's SSO login sends an AuthnRequest and RelayState to Okta; the user signs in;
Okta's page posts the SAML Response to Twilio's ACS. IdP-initiated: the user starts at Okta's SSO
URL. Returns what Twilio answered.
"""

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
import requests


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
    return urljoin(response.url, form.action), {i.name: i.value or "" for i in form.inputs if i.name}


def _alert(response):
    document = lxml.html.fromstring(response.text)
    for element in document.iter():
        if element.get("role") == "alert":
            return element.text_content().strip()
    text = " ".join(document.text_content().split())
    return text[:300]


def sso_login(twilio_url, okta_url, connection_id, username, password, ca_file, idp_sso_url=None):
    """Log username in; with idp_sso_url, start at Okta (IdP-initiated) instead of at Twilio."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_file
    start = idp_sso_url or "%s/sso/login/%s" % (twilio_url, connection_id)
    sign_in = session.get(start, timeout=30)
    if sign_in.status_code != 200 or not sign_in.url.startswith(okta_url):
        return LoginResult(False, sign_in.status_code, "the Okta sign-in page did not open: %s" % _alert(sign_in))
    action, fields = _form(sign_in)
    fields.update(username=username, password=password)
    posted = session.post(action, data=fields, timeout=30)
    if posted.status_code != 200:
        return LoginResult(False, posted.status_code, "Okta: %s" % _alert(posted))
    action, fields = _form(posted)
    if not action or "SAMLResponse" not in fields:
        return LoginResult(False, posted.status_code, "Okta did not answer with a SAML Response")
    answer = session.post(action, data=fields, timeout=30)
    if answer.status_code != 200:
        return LoginResult(False, answer.status_code, "Twilio: %s" % _alert(answer))
    document = lxml.html.fromstring(answer.text)
    paragraphs = [" ".join(p.text_content().split()) for p in document.iter("p")]
    return LoginResult(True, 200, " ".join(paragraphs))
