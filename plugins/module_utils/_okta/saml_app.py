# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Okta SAML 2.0 app integration of Twilio's guide, steps 2 and 3: read, compare, write."""

from __future__ import annotations

import datetime
import hashlib
import os
import re

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.ensure import differences, ensure
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.input_checks import (
    InvalidParameters,
    check_https_url,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.saml_metadata import (
    MetadataError,
    parse_idp_metadata,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.state_diff import current_values, get_path, merged
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.api import SAML_2_0
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.app_groups import (
    apply_assignments,
    plan_assignments,
)
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError

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
    "${source.login}",
    "${source.email}",
    '${fn:substringBefore(source.login, "@")}',
    '${fn:substringBefore(source.email, "@")}',
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
    return [
        {
            "type": s.get("type") or "EXPRESSION",
            "name": s.get("name"),
            "namespace": s.get("namespace") or DEFAULT_ATTRIBUTE_NAMESPACE,
            "values": list(s.get("values") or []),
        }
        for s in statements
    ]


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
    raise InvalidParameters(
        "name_id_format must be one of %s or their full URNs, got %r" % (", ".join(NAME_ID_FORMATS), value)
    )


def validate(params):
    """Reject bad input with a message naming the option, before anything is sent."""
    if not (params.get("label") or "").strip():
        raise InvalidParameters("label must not be empty")
    if len(params["label"]) > MAX_LABEL_LENGTH:
        raise InvalidParameters(
            "label is %d characters long; Okta allows at most %d" % (len(params["label"]), MAX_LABEL_LENGTH)
        )
    if re.search(r"[\x00-\x1f\x7f]", params["label"]):
        raise InvalidParameters(
            "label must not contain control characters (tabs, line breaks), got %r" % params["label"]
        )
    if params["state"] == "absent":
        return
    for name in ("sso_url", "audience"):  # required_if has made sure they are given; empty is refused here
        if not (params.get(name) or "").strip():
            raise InvalidParameters("%s must not be empty when state is present" % name)
    check_https_url("sso_url", params["sso_url"])
    for name in ("recipient", "destination"):
        if params.get(name):
            check_https_url(name, params[name])
    if ":" not in params["audience"]:
        raise InvalidParameters(
            "audience must be an absolute URI (Twilio's entity ID is a URN), got %r" % params["audience"]
        )
    if not (params["response_signed"] or params["assertion_signed"]):
        raise InvalidParameters(
            "at least one of response_signed and assertion_signed must be true (Twilio requires both)"
        )
    name_id_format_urn(params["name_id_format"])
    for index, statement in enumerate(params.get("attribute_statements") or []):
        if not (statement.get("name") or "").strip():
            raise InvalidParameters("every attribute_statements item needs a name")
        wrong = [v for v in statement.get("values") or [] if not isinstance(v, str)]
        if wrong:
            raise InvalidParameters(
                "attribute_statements[%d].values must be strings (Okta expressions), got %r" % (index, wrong[0])
            )
    rotation = params.get("signing_key_rotation")
    if rotation:
        if not 2 <= rotation["validity_years"] <= 10:
            raise InvalidParameters(
                "signing_key_rotation.validity_years must be 2 to 10 (Okta's range), got %d"
                % rotation["validity_years"]
            )
        if rotation["rotate_days_before_expiry"] < 0:
            raise InvalidParameters("signing_key_rotation.rotate_days_before_expiry must not be negative")
    if any(not name.strip() for name in params.get("groups") or []):
        raise InvalidParameters("groups: a group name or id must not be empty")
    logo = params.get("logo")
    if logo:
        if not os.path.isfile(logo):
            raise InvalidParameters("logo %r is not a readable file" % logo)
        if os.path.getsize(logo) > MAX_LOGO_BYTES:
            raise InvalidParameters("logo %r is larger than Okta's 1 MB limit" % logo)
        if os.path.splitext(logo)[1].lower() not in (".png", ".jpg", ".jpeg", ".gif"):
            raise InvalidParameters("logo must be a PNG, JPG or GIF file, got %r" % logo)


def wanted_fields(params):
    """The managed fields' wanted values in option names; defaults are the guide's settings."""
    wanted = {
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
            wanted[name] = params[name]
    if "attribute_statements" in wanted:
        wanted["attribute_statements"] = _attribute_statements_view(wanted["attribute_statements"])
    return wanted


def app_body(app, wanted):
    """The full object to send: app (or a new SAML app) with the wanted fields set."""
    base = app if app is not None else {"signOnMode": SAML_2_0, "features": [], "settings": {"signOn": {}}}
    if app is None:
        wanted = dict(CREATE_DEFAULTS, **wanted)
    body = merged(base, FIELD_PATHS, wanted, drop=READ_ONLY_FIELDS)
    template = get_path(body, FIELD_PATHS["user_name_template"])
    body["credentials"]["userNameTemplate"]["type"] = (
        "BUILT_IN" if template in BUILT_IN_USER_NAME_TEMPLATES else "CUSTOM"
    )
    return body


def sign_on_view(app):
    """An app's sign-on settings in this collection's option names."""
    return current_values(app, FIELD_PATHS, [n for n in FIELD_PATHS if n != "label"], VIEWS)


def describe_app(api, app):
    return {
        "id": app.get("id"),
        "label": app.get("label"),
        "name": app.get("name"),
        "status": app.get("status"),
        "sign_on": sign_on_view(app),
        "metadata_url": api.metadata_url(app) if app.get("id") else None,
    }


def read_idp(api, app):
    """Issuer, SSO URLs and signing certificate from the app's IdP metadata (for its current kid)."""
    kid = get_path(app, ("credentials", "signing", "kid"))
    xml = api.idp_metadata(app["id"], kid)
    try:
        idp = parse_idp_metadata(xml)
    except MetadataError as exc:
        raise OktaError("the IdP metadata of app %s is unusable: %s" % (app["id"], exc)) from None
    idp["kid"] = kid
    idp["metadata_xml"] = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
    idp["certificate_days_left"] = days_left(idp["certificate_not_after"])
    return idp


def days_left(iso_time, now=None):
    """Whole days from now until an ISO 8601 UTC time (negative once it has passed)."""
    moment = datetime.datetime.strptime(iso_time[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return (moment - (now or datetime.datetime.now(datetime.timezone.utc))).days


def _signing_key(api, app, rotation):
    """The active signing key ({"kid", "expires_at", "days_left"}) and whether the rotation is due."""
    keys = api.signing_keys(app["id"])
    kid = get_path(app, ("credentials", "signing", "kid"))
    active = next((k for k in keys if k["kid"] == kid), None) or (keys[-1] if keys else None)
    if active is None:
        raise OktaError("app %s has no signing key to rotate" % app["id"])
    key = dict(active, days_left=days_left(active["expires_at"]))
    return key, rotation["force"] or key["days_left"] <= rotation["rotate_days_before_expiry"]


EMPTY_IDP = dict.fromkeys(
    (
        "entity_id",
        "sso_url",
        "sso_url_redirect",
        "certificate",
        "certificate_sha256",
        "certificate_not_after",
        "certificate_days_left",
        "kid",
        "metadata_xml",
    )
)


def find_apps(api, label=None, app_id=None):
    """The info module's result: SAML apps by id (and label, when both are given), by label, or all of them, each with
    its IdP values."""
    if app_id:
        app = api.saml_app(app_id)
        apps = [app] if app and (label is None or app.get("label") == label) else []
    else:
        apps = api.saml_apps(label)
    return {"changed": False, "apps": [dict(describe_app(api, app), idp=read_idp(api, app)) for app in apps]}


def _logo_matches(api, app, logo):
    with open(logo, "rb") as handle:
        wanted = hashlib.sha256(handle.read()).hexdigest()
    current = api.logo(app)
    return current is not None and hashlib.sha256(current).hexdigest() == wanted


# Seconds a run waits for another run that created the same app to remove its own (it checks right after its create).
CONCURRENT_CREATE_SETTLE = 3.0


def ensure_absent(api, params, check_mode):
    app = api.one_saml_app(params["label"], params.get("id"))
    before = dict(current_values(app, FIELD_PATHS, FIELD_PATHS, VIEWS), status=app.get("status")) if app else {}

    def remove(_changed):
        if app.get("status") == "ACTIVE":
            api.set_app_status(app["id"], "INACTIVE")  # Okta deletes only inactive apps
        api.delete_app(app["id"])

    return ensure(before, {}, remove, check_mode, app=None, idp=None)


def ensure_present(api, params, check_mode):
    """Create or update the app so the managed fields, status and logo match; write only on a difference."""
    wanted = wanted_fields(params)
    status = params["status"]
    app = api.one_saml_app(params["label"], params.get("id"))
    if app is None and params.get("id"):
        raise OktaError("no Okta SAML app has id %r" % params["id"])
    if app is not None:
        return _update(api, params, app, wanted, check_mode)

    # Groups are resolved before the create, so that an unknown one fails before anything is written.
    plan = _plan_groups(api, params)
    after = dict(wanted, status=status, **({"groups": plan["wanted"]} if plan else {}))
    created = {}

    def create(_changed):
        created["app"] = api.create_app(
            app_body(None, wanted), status == "ACTIVE", on_uncertain=lambda: api.one_saml_app(params["label"])
        )

    result = dict(ensure({}, after, create, check_mode, duplicate_removed=None), **_groups_result(plan))
    if check_mode:
        preview = dict(app_body(None, wanted), status=status)
        return dict(result, app=describe_app(api, preview), idp=dict(EMPTY_IDP))
    new = created["app"]
    kept = _keep_one_of_concurrent_creates(api, params["label"], new)
    if kept is not new:
        # Another run created the app at the same moment and its app is the one kept: make that one right.
        return dict(_update(api, params, kept, wanted, check_mode), changed=True, duplicate_removed=new["id"])
    if params.get("logo"):
        api.upload_logo(new["id"], params["logo"])
    if plan:
        apply_assignments(api, new["id"], plan)
    return dict(result, app=describe_app(api, new), idp=read_idp(api, new))


def _plan_groups(api, params, app_id=None):
    """The plan of the app's group assignments (see app_groups) when the groups option is given, else None: the
    assignments are left alone. A new app (no app_id) has none yet."""
    if params.get("groups") is None:
        return None
    assigned = api.app_groups(app_id) if app_id else {}
    return plan_assignments(api, assigned, params["groups"], params.get("groups_exclusive"))


def _groups_result(plan):
    return {"groups": plan["groups"]} if plan else {}


def _keep_one_of_concurrent_creates(api, label, created):
    """After a create, the app to keep when another run created one with the label at the same moment.

    Every run keeps the older app (by created, then the smaller id) and removes its own if that is not the one. But a
    run that checked before the other's app existed saw only its own and kept it, whatever the order says; so a run
    the order favours waits a moment, looks again, and yields when the other app is still there."""
    others = [a for a in api.saml_apps(label) if a["id"] != created["id"]]
    if not others:
        return created
    oldest = min(others, key=_age)
    if _age(created) < _age(oldest):
        api.sleep(CONCURRENT_CREATE_SETTLE)
        still = [a for a in api.saml_apps(label) if a["id"] in {o["id"] for o in others}]
        if not still:
            return created  # the other run removed its own
        oldest = min(still, key=_age)
    api.set_app_status(created["id"], "INACTIVE")
    api.delete_app(created["id"])
    return oldest


def _age(app):
    return (app.get("created") or "", app["id"])


def _update(api, params, app, wanted, check_mode):
    """Make an existing app match: managed fields, status, logo, a due signing key rotation and the group
    assignments; writes only what differs."""
    status = params["status"]
    before = dict(current_values(app, FIELD_PATHS, wanted, VIEWS), status=app.get("status"))
    after = dict(wanted, status=status)
    if params.get("logo") and not _logo_matches(api, app, params["logo"]):
        before["logo"], after["logo"] = "(other image)", params["logo"]
    rotation = params.get("signing_key_rotation")
    key = None
    if rotation:
        key, due = _signing_key(api, app, rotation)
        before["signing_kid"] = after["signing_kid"] = key["kid"]
        if due:
            after["signing_kid"] = "(a new key, valid %d years)" % rotation["validity_years"]
    plan = _plan_groups(api, params, app["id"])
    if plan:
        before["groups"], after["groups"] = plan["current"], plan["wanted"]
    updated = dict(app_body(app, wanted), id=app["id"], status=status, _links=app.get("_links", {}))

    def write(changed):
        nonlocal updated, key
        if set(changed) - {"status", "logo", "groups"}:
            body = app_body(app, wanted)
            if "signing_kid" in changed:
                # Generate, then switch credentials.signing.kid in the same full replace as any other change.
                key = api.generate_signing_key(app["id"], rotation["validity_years"])
                key["days_left"] = days_left(key["expires_at"])
                body["credentials"].setdefault("signing", {})["kid"] = key["kid"]
            updated = api.replace_app(app["id"], body)
        if "status" in changed:
            api.set_app_status(app["id"], status)
            updated["status"] = status
        if "logo" in changed:
            api.upload_logo(app["id"], params["logo"])
        if "groups" in changed:
            apply_assignments(api, app["id"], plan)

    result = dict(ensure(before, after, write, check_mode, duplicate_removed=None), **_groups_result(plan))
    shown = updated if result["changed"] else app
    if key is not None:
        result["signing_key"] = dict(key, rotated="signing_kid" in differences(before, after))
    return dict(result, app=describe_app(api, shown), idp=read_idp(api, shown))
