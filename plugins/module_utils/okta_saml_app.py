# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Okta SAML 2.0 app integration of Twilio's guide, steps 2 and 3: read, compare, write."""

from __future__ import annotations

import hashlib
import os
import re

from ansible_collections.twilio_okta.sso.plugins.module_utils.input_checks import InvalidParameters, check_https_url
from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_apps import APPS, SAML_2_0, find_one, find_saml_apps
from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_client import OktaError
from ansible_collections.twilio_okta.sso.plugins.module_utils.saml_metadata import MetadataError, parse_idp_metadata
from ansible_collections.twilio_okta.sso.plugins.module_utils.state_diff import (
    changed_fields, current_values, get_path, merged,
)

READ_ONLY_FIELDS = ("id", "status", "created", "lastUpdated", "_links", "_embedded")
MAX_LOGO_BYTES = 1024 * 1024
# Okta raised an app label's limit from 50 to 100 characters in 2017 (OKTA-146865); its SDK tests keep to 100.
MAX_LABEL_LENGTH = 100

NAME_ID_FORMATS = {
    "unspecified": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    "emailAddress": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    "x509SubjectName": "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
    "persistent": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    "transient": "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
}
DEFAULT_ATTRIBUTE_NAMESPACE = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"
BUILT_IN_USER_NAME_TEMPLATES = (
    "${source.login}", "${source.email}",
    '${fn:substringBefore(source.login, "@")}', '${fn:substringBefore(source.email, "@")}',
)

# Module option -> where it lives in an Okta app object.
FIELD_PATHS = {
    "label": ("label",),
    "sso_url": ("settings", "signOn", "ssoAcsUrl"),
    "recipient": ("settings", "signOn", "recipient"),
    "destination": ("settings", "signOn", "destination"),
    "audience": ("settings", "signOn", "audience"),
    "default_relay_state": ("settings", "signOn", "defaultRelayState"),
    "name_id_format": ("settings", "signOn", "subjectNameIdFormat"),
    "name_id_template": ("settings", "signOn", "subjectNameIdTemplate"),
    "user_name_template": ("credentials", "userNameTemplate", "template"),
    "response_signed": ("settings", "signOn", "responseSigned"),
    "assertion_signed": ("settings", "signOn", "assertionSigned"),
    "assertion_encrypted": ("settings", "signOn", "assertionEncryption", "enabled"),
    "signature_algorithm": ("settings", "signOn", "signatureAlgorithm"),
    "digest_algorithm": ("settings", "signOn", "digestAlgorithm"),
    "honor_force_authn": ("settings", "signOn", "honorForceAuthn"),
    "authn_context_class_ref": ("settings", "signOn", "authnContextClassRef"),
    "attribute_statements": ("settings", "signOn", "attributeStatements"),
    "hide_web": ("visibility", "hide", "web"),
    "hide_ios": ("visibility", "hide", "iOS"),
}
# Managed only when the user gives them; on create Okta's own defaults below apply.
OPTIONAL_FIELDS = ("honor_force_authn", "authn_context_class_ref", "attribute_statements", "hide_web", "hide_ios")
CREATE_DEFAULTS = {
    "honor_force_authn": True,
    "authn_context_class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    "hide_web": False,
    "hide_ios": False,
}


def _attribute_statements_view(statements):
    """Attribute statements reduced to what the option describes, so extra API keys are no drift."""
    if statements is None:
        return None
    return [{"type": s.get("type") or "EXPRESSION", "name": s.get("name"),
             "namespace": s.get("namespace") or DEFAULT_ATTRIBUTE_NAMESPACE, "values": list(s.get("values") or [])}
            for s in statements]


VIEWS = {
    "attribute_statements": _attribute_statements_view,
    # Okta may leave assertionEncryption out entirely, which means unencrypted.
    "assertion_encrypted": bool,
}


def name_id_format_urn(value):
    if value in NAME_ID_FORMATS:
        return NAME_ID_FORMATS[value]
    if value in NAME_ID_FORMATS.values():
        return value
    raise InvalidParameters("name_id_format must be one of %s or their full URNs, got %r"
                            % (", ".join(NAME_ID_FORMATS), value))


def validate(params):
    """Reject bad input with a message naming the option, before anything is sent."""
    if not (params.get("label") or "").strip():
        raise InvalidParameters("label must not be empty")
    if len(params["label"]) > MAX_LABEL_LENGTH:
        raise InvalidParameters("label is %d characters long; Okta allows at most %d"
                                % (len(params["label"]), MAX_LABEL_LENGTH))
    if re.search(r"[\x00-\x1f\x7f]", params["label"]):
        raise InvalidParameters("label must not contain control characters (tabs, line breaks), got %r" % params["label"])
    if params["state"] == "absent":
        return
    for name in ("sso_url", "audience"):
        if not params.get(name):
            raise InvalidParameters("%s is required when state is present" % name)
    check_https_url("sso_url", params["sso_url"])
    for name in ("recipient", "destination"):
        if params.get(name):
            check_https_url(name, params[name])
    if ":" not in params["audience"]:
        raise InvalidParameters("audience must be an absolute URI (Twilio's entity ID is a URN), got %r" % params["audience"])
    if not (params["response_signed"] or params["assertion_signed"]):
        raise InvalidParameters("at least one of response_signed and assertion_signed must be true "
                                "(Twilio requires both)")
    name_id_format_urn(params["name_id_format"])
    for index, statement in enumerate(params.get("attribute_statements") or []):
        if not (statement.get("name") or "").strip():
            raise InvalidParameters("every attribute_statements item needs a name")
        wrong = [v for v in statement.get("values") or [] if not isinstance(v, str)]
        if wrong:
            raise InvalidParameters("attribute_statements[%d].values must be strings (Okta expressions), got %r"
                                    % (index, wrong[0]))
    logo = params.get("logo")
    if logo:
        if not os.path.isfile(logo):
            raise InvalidParameters("logo %r is not a readable file" % logo)
        if os.path.getsize(logo) > MAX_LOGO_BYTES:
            raise InvalidParameters("logo %r is larger than Okta's 1 MB limit" % logo)
        if os.path.splitext(logo)[1].lower() not in (".png", ".jpg", ".jpeg", ".gif"):
            raise InvalidParameters("logo must be a PNG, JPG or GIF file, got %r" % logo)


def desired_fields(params):
    """The managed fields' desired values in option names; defaults are the guide's settings."""
    desired = {
        "label": params["label"],
        "sso_url": params["sso_url"],
        "recipient": params.get("recipient") or params["sso_url"],
        "destination": params.get("destination") or params["sso_url"],
        "audience": params["audience"],
        "default_relay_state": params["default_relay_state"] or "",
        "name_id_format": name_id_format_urn(params["name_id_format"]),
        "name_id_template": params["name_id_template"],
        "user_name_template": params["user_name_template"],
        "response_signed": params["response_signed"],
        "assertion_signed": params["assertion_signed"],
        "assertion_encrypted": False,
        "signature_algorithm": params["signature_algorithm"],
        "digest_algorithm": params["digest_algorithm"],
    }
    for name in OPTIONAL_FIELDS:
        if params.get(name) is not None:
            desired[name] = params[name]
    if "attribute_statements" in desired:
        desired["attribute_statements"] = [
            {"type": "EXPRESSION", "name": s["name"], "namespace": s.get("namespace") or DEFAULT_ATTRIBUTE_NAMESPACE,
             "values": list(s.get("values") or [])}
            for s in desired["attribute_statements"]]
    return desired


def app_body(app, desired):
    """The full object to send: app (or a new SAML app) with the desired fields set."""
    base = app if app is not None else {"signOnMode": SAML_2_0, "features": [], "settings": {"signOn": {}}}
    if app is None:
        desired = dict(CREATE_DEFAULTS, **desired)
    body = merged(base, FIELD_PATHS, desired, drop=READ_ONLY_FIELDS)
    template = get_path(body, FIELD_PATHS["user_name_template"])
    body["credentials"]["userNameTemplate"]["type"] = "BUILT_IN" if template in BUILT_IN_USER_NAME_TEMPLATES else "CUSTOM"
    return body


def sign_on_view(app):
    """An app's sign-on settings in this collection's option names."""
    return current_values(app, FIELD_PATHS, [n for n in FIELD_PATHS if n != "label"], VIEWS)


def metadata_url(client, app):
    link = get_path(app, ("_links", "metadata", "href"))
    return link or "%s%s/%s/sso/saml/metadata" % (client.org_url, APPS, app["id"])


def describe_app(client, app):
    return {
        "id": app.get("id"),
        "label": app.get("label"),
        "name": app.get("name"),
        "status": app.get("status"),
        "sign_on": sign_on_view(app),
        "metadata_url": metadata_url(client, app) if app.get("id") else None,
    }


def read_idp(client, app):
    """Issuer, SSO URLs and signing certificate from the app's IdP metadata (for its current kid)."""
    kid = get_path(app, ("credentials", "signing", "kid"))
    xml = client.get_xml("%s/%s/sso/saml/metadata" % (APPS, app["id"]), params={"kid": kid} if kid else None)
    try:
        idp = parse_idp_metadata(xml)
    except MetadataError as exc:
        raise OktaError("the IdP metadata of app %s is unusable: %s" % (app["id"], exc)) from None
    idp["kid"] = kid
    idp["metadata_xml"] = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
    return idp


EMPTY_IDP = dict.fromkeys(("entity_id", "sso_url", "sso_url_redirect", "certificate", "certificate_sha256",
                           "certificate_not_after", "kid", "metadata_xml"))


def read_saml_apps(client, label=None, app_id=None):
    """The info module's result: matching SAML apps, each with its IdP values."""
    apps = find_saml_apps(client, label=label, app_id=app_id)
    if app_id and label:
        apps = [a for a in apps if a.get("label") == label]
    return {"changed": False, "apps": [dict(describe_app(client, app), idp=read_idp(client, app)) for app in apps]}


def _logo_changed(client, app, logo):
    with open(logo, "rb") as handle:
        wanted = hashlib.sha256(handle.read()).hexdigest()
    links = get_path(app, ("_links", "logo")) or []
    href = links[0].get("href") if links else None
    if not href:
        return True
    return hashlib.sha256(client.download(href)).hexdigest() != wanted


def _upload_logo(client, app_id, logo):
    with open(logo, "rb") as handle:
        client.send("POST", "%s/%s/logo" % (APPS, app_id),
                    files={"file": (os.path.basename(logo), handle.read())})


def _set_status(client, app_id, status):
    action = "activate" if status == "ACTIVE" else "deactivate"
    client.post("%s/%s/lifecycle/%s" % (APPS, app_id, action))


# Seconds a run waits for another run that created the same app to remove its own (it checks right after its create).
CONCURRENT_CREATE_SETTLE = 3.0


def ensure_absent(client, params, check_mode):
    app = find_one(client, params["label"], params.get("id"))
    if app is None:
        return {"changed": False, "app": None, "idp": None, "diff": {"before": {}, "after": {}}}
    if not check_mode:
        if app.get("status") == "ACTIVE":
            _set_status(client, app["id"], "INACTIVE")
        client.delete("%s/%s" % (APPS, app["id"]))
    before = dict(current_values(app, FIELD_PATHS, FIELD_PATHS, VIEWS), status=app.get("status"))
    return {"changed": True, "app": None, "idp": None, "diff": {"before": before, "after": {}}}


def ensure_present(client, params, check_mode):
    """Create or update the app so the managed fields, status and logo match; write only on a difference."""
    desired = desired_fields(params)
    status = params["status"]
    app = find_one(client, params["label"], params.get("id"))
    if app is None and params.get("id"):
        raise OktaError("no Okta SAML app has id %r" % params["id"])

    if app is None:
        after = dict(desired, status=status)
        diff = {"before": {}, "after": after}
        if check_mode:
            preview = dict(app_body(None, desired), status=status)
            return {"changed": True, "app": describe_app(client, preview), "idp": dict(EMPTY_IDP), "diff": diff,
                    "duplicate_removed": None}
        app = client.post(APPS, app_body(None, desired), params={"activate": str(status == "ACTIVE").lower()},
                          on_uncertain=lambda: find_one(client, params["label"]))
        kept = _keep_one_of_concurrent_creates(client, params["label"], app)
        if kept is app:
            if params.get("logo"):
                _upload_logo(client, app["id"], params["logo"])
            return {"changed": True, "app": describe_app(client, app), "idp": read_idp(client, app), "diff": diff,
                    "duplicate_removed": None}
        # Another run created the app at the same moment and its app is the one kept: make that one right.
        result = _update(client, params, kept, desired, check_mode)
        return dict(result, changed=True, duplicate_removed=app["id"])
    return _update(client, params, app, desired, check_mode)


def _keep_one_of_concurrent_creates(client, label, created):
    """After a create, the app to keep when another run created one with the label at the same moment.

    Every run keeps the older app (by created, then the smaller id) and removes its own if that is not the one. But a
    run that checked before the other's app existed saw only its own and kept it, whatever the order says; so a run
    the order favours waits a moment, looks again, and yields when the other app is still there."""
    others = [a for a in find_saml_apps(client, label=label) if a["id"] != created["id"]]
    if not others:
        return created
    oldest = min(others, key=_age)
    if _age(created) < _age(oldest):
        client.sleep(CONCURRENT_CREATE_SETTLE)
        still = [a for a in find_saml_apps(client, label=label) if a["id"] in {o["id"] for o in others}]
        if not still:
            return created  # the other run removed its own
        oldest = min(still, key=_age)
    _set_status(client, created["id"], "INACTIVE")
    client.delete("%s/%s" % (APPS, created["id"]))
    return oldest


def _age(app):
    return (app.get("created") or "", app["id"])


def _update(client, params, app, desired, check_mode):
    """Make an existing app match: managed fields, status and logo; writes only what differs."""
    status = params["status"]
    changed = changed_fields(app, FIELD_PATHS, desired, VIEWS)
    before = dict(current_values(app, FIELD_PATHS, desired, VIEWS), status=app.get("status"))
    after = dict(desired, status=status)
    logo_changed = bool(params.get("logo")) and _logo_changed(client, app, params["logo"])
    if logo_changed:
        before["logo"], after["logo"] = "(other image)", params["logo"]
    status_changed = app.get("status") != status
    if not (changed or status_changed or logo_changed):
        return {"changed": False, "app": describe_app(client, app), "idp": read_idp(client, app),
                "diff": {"before": before, "after": after}, "duplicate_removed": None}

    body = app_body(app, desired)
    updated = dict(body, id=app["id"], status=status, _links=app.get("_links", {}))
    if not check_mode:
        if changed:
            updated = client.put("%s/%s" % (APPS, app["id"]), body)
        if status_changed:
            _set_status(client, app["id"], status)
            updated["status"] = status
        if logo_changed:
            _upload_logo(client, app["id"], params["logo"])
    return {"changed": True, "app": describe_app(client, updated), "idp": read_idp(client, updated),
            "diff": {"before": before, "after": after}, "duplicate_removed": None}
