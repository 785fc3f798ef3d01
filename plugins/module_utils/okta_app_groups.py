# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Okta group assignments of an app: users who are not assigned cannot sign in to it."""

from __future__ import annotations

import re

from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_client import OktaError
from ansible_collections.twilio_okta.sso.plugins.module_utils.okta_apps import APPS, find_one

GROUP_ID = re.compile(r"^00g[0-9A-Za-z]{17}$")


def resolve_group(client, name_or_id):
    """{"id", "name"} of a group given by id or by exact name."""
    if GROUP_ID.match(name_or_id):
        group = client.get_or_none("/api/v1/groups/%s" % name_or_id)
        if group is not None:
            return {"id": group["id"], "name": group["profile"]["name"]}
    found = [g for g in client.paginate("/api/v1/groups", {"q": name_or_id, "limit": 200})
             if g["profile"]["name"] == name_or_id]
    if not found:
        raise OktaError("no Okta group is named (or has the id) %r" % name_or_id)
    if len(found) > 1:
        raise OktaError("%d Okta groups are named %r (ids: %s); give the id instead"
                        % (len(found), name_or_id, ", ".join(g["id"] for g in found)))
    return {"id": found[0]["id"], "name": found[0]["profile"]["name"]}


def _embedded_name(assignment):
    return (((assignment.get("_embedded") or {}).get("group") or {}).get("profile") or {}).get("name")


def resolve_groups(client, names_or_ids):
    """The info module's result: each group given by name or id, resolved."""
    return {"changed": False, "groups": [resolve_group(client, n) for n in names_or_ids]}


def ensure_group_assignments(client, params, check_mode):
    """Assign the groups (and with exclusive, unassign all others); writes only what differs."""
    # By id the app is not read: listing its groups fails just the same when there is no such app.
    app = {"id": params["app_id"]} if params.get("app_id") else find_one(client, params.get("app_label"), None)
    if app is None and not check_mode:
        raise OktaError("no Okta SAML app is labelled %r" % params["app_label"])
    assigned = {}
    if app is not None:
        try:
            listing = client.paginate("%s/%s/groups" % (APPS, app["id"]), {"limit": 200, "expand": "group"})
            assigned = {a["id"]: _embedded_name(a) for a in listing}
        except OktaError as exc:
            if exc.status != 404:
                raise
            if not check_mode:
                raise OktaError("no Okta SAML app has id %r" % params["app_id"], 404, exc.error_code) from None
            app = None  # check mode before the app exists
    # A group the app already has needs no lookup, by id or by a name only one assigned group carries: the
    # listing brought its name along.
    assigned_ids_by_name = {}
    for group_id, name in assigned.items():
        assigned_ids_by_name.setdefault(name, []).append(group_id)
    groups = {}
    for name_or_id in params["groups"]:
        same_name = assigned_ids_by_name.get(name_or_id, [])
        if assigned.get(name_or_id):
            group = {"id": name_or_id, "name": assigned[name_or_id]}
        elif len(same_name) == 1:
            group = {"id": same_name[0], "name": name_or_id}
        else:
            group = resolve_group(client, name_or_id)
        groups[group["id"]] = group
    current = set(assigned)
    if params["state"] == "present":
        wanted = set(groups) | (set() if params["exclusive"] else current)
    else:
        wanted = current - set(groups)
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if not check_mode:
        for group_id in added:
            client.put("%s/%s/groups/%s" % (APPS, app["id"], group_id), {})
        for group_id in removed:
            client.delete("%s/%s/groups/%s" % (APPS, app["id"], group_id))
    names = {gid: groups[gid]["name"] if gid in groups else assigned.get(gid) for gid in current | wanted}
    return {
        "changed": bool(added or removed),
        "app_id": app["id"] if app else None,
        "groups": [{"id": gid, "name": names[gid]} for gid in sorted(wanted)],
        "added": added,
        "removed": removed,
        "diff": {"before": {"groups": sorted(current)}, "after": {"groups": sorted(wanted)}},
    }
