# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Okta group assignments of an app: users who are not assigned cannot sign in to it."""

from __future__ import annotations

import re

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.ensure import ensure
from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.client import OktaError

GROUP_ID = re.compile(r"^00g[0-9A-Za-z]{17}$")


def find_group(api, name_or_id):
    """{"id", "name"} of a group given by id or by exact name."""
    if GROUP_ID.match(name_or_id):
        group = api.group(name_or_id)
        if group is not None:
            return group
    found = api.groups_named(name_or_id)
    if not found:
        raise OktaError("no Okta group is named (or has the id) %r" % name_or_id)
    if len(found) > 1:
        raise OktaError(
            "%d Okta groups are named %r (ids: %s); give the id instead"
            % (len(found), name_or_id, ", ".join(g["id"] for g in found))
        )
    return found[0]


def find_groups(api, names_or_ids):
    """The info module's result: each group given by name or id, resolved."""
    return {"changed": False, "groups": [find_group(api, n) for n in names_or_ids]}


def _assigned(api, params, check_mode):
    """(app id or None, {group id: name} assigned now). By id the app is not read: listing its groups fails just the
    same when there is no such app. In check mode an app that does not exist yet has no groups."""
    app_id = params.get("app_id")
    if not app_id:
        app = api.one_saml_app(params.get("app_label"))
        if app is None:
            if not check_mode:
                raise OktaError("no Okta SAML app is labelled %r" % params["app_label"])
            return None, {}
        app_id = app["id"]
    try:
        return app_id, api.app_groups(app_id)
    except OktaError as exc:
        if exc.status != 404:
            raise
        if not check_mode:
            raise OktaError("no Okta SAML app has id %r" % app_id, 404, exc.error_code) from None
        return None, {}


def plan_assignments(api, assigned, names_or_ids, exclusive, state="present"):
    """What the assignments become, with every group resolved before anything is written. assigned: {group id: name}
    the app has now. A group the app already has needs no lookup, by id or by a name only one assigned group carries:
    the listing brought its name along. Returns current and wanted (sorted ids), added, removed and groups (wanted,
    with names)."""
    assigned_ids_by_name = {}
    for group_id, name in assigned.items():
        assigned_ids_by_name.setdefault(name, []).append(group_id)
    groups = {}
    for name_or_id in names_or_ids:
        same_name = assigned_ids_by_name.get(name_or_id, [])
        if assigned.get(name_or_id):
            group = {"id": name_or_id, "name": assigned[name_or_id]}
        elif len(same_name) == 1:
            group = {"id": same_name[0], "name": name_or_id}
        else:
            try:
                group = find_group(api, name_or_id)
            except OktaError as exc:
                raise OktaError("groups: %s" % exc, exc.status, exc.error_code, exc.error_id) from None
        groups[group["id"]] = group
    current = set(assigned)
    if state == "present":
        wanted = set(groups) | (set() if exclusive else current)
    else:
        wanted = current - set(groups)
    names = {gid: groups[gid]["name"] if gid in groups else assigned.get(gid) for gid in current | wanted}
    return {
        "current": sorted(current),
        "wanted": sorted(wanted),
        "added": sorted(wanted - current),
        "removed": sorted(current - wanted),
        "groups": [{"id": gid, "name": names[gid]} for gid in sorted(wanted)],
    }


def apply_assignments(api, app_id, plan):
    for group_id in plan["added"]:
        api.assign_group(app_id, group_id)
    for group_id in plan["removed"]:
        api.unassign_group(app_id, group_id)


def ensure_group_assignments(api, params, check_mode):
    """Assign the groups (and with exclusive, unassign all others); writes only what differs."""
    app_id, assigned = _assigned(api, params, check_mode)
    plan = plan_assignments(api, assigned, params["groups"], params["exclusive"], params["state"])
    return ensure(
        {"groups": plan["current"]},
        {"groups": plan["wanted"]},
        lambda _changed: apply_assignments(api, app_id, plan),
        check_mode,
        app_id=app_id,
        groups=plan["groups"],
        added=plan["added"],
        removed=plan["removed"],
    )
