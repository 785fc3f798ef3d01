# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Twilio SCIM path and JSON shape the collection uses, in one place (base https://iam.twilio.com/scim/v2)."""

from __future__ import annotations

USERS = "/Users"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
# Module option -> SCIM attribute path (PATCH path, and where it sits in a user).
PATHS = {
    "given_name": "name.givenName",
    "family_name": "name.familyName",
    "display_name": "displayName",
    "external_id": "externalId",
    "active": "active",
}


def attribute(user, path):
    head, _dot, tail = path.partition(".")
    value = user.get(head)
    return (value or {}).get(tail) if tail else value


class ScimApi:
    """Twilio's organization-managed users over a TwilioOrgClient."""

    def __init__(self, client):
        self.client = client

    def users_where(self, attribute_name, value):
        """Users whose userName or externalId equals value: the only filters Twilio supports (no paging)."""
        found = self.client.request("GET", USERS, params={"filter": '%s eq "%s"' % (attribute_name, value)})
        return list((found or {}).get("Resources") or [])

    def all_users(self):
        """Every user of the organization, as one unfiltered list (Twilio documents no paging)."""
        return list((self.client.request("GET", USERS) or {}).get("Resources") or [])

    def create_user(self, user_name, fields):
        """Create a managed user; fields in option names (given_name, ...). Twilio sends the user a welcome email."""
        body = {
            "schemas": [USER_SCHEMA],
            "userName": user_name,
            "emails": [{"value": user_name, "primary": True, "type": "work"}],
        }
        for option, value in fields.items():
            head, _dot, tail = PATHS[option].partition(".")
            if tail:
                body.setdefault(head, {})[tail] = value
            else:
                body[head] = value

        def already_created():
            found = self.users_where("userName", user_name)
            return found[0] if found else None

        return self.client.request("POST", USERS, json_body=body, on_uncertain=already_created)

    def update_user(self, user, fields):
        """PATCH the fields (option names) of a user, guarded by its version (If-Match)."""
        operations = [{"op": "replace", "path": PATHS[name], "value": value} for name, value in sorted(fields.items())]
        return self.client.request(
            "PATCH",
            "%s/%s" % (USERS, user["id"]),
            json_body={"schemas": [PATCH_SCHEMA], "Operations": operations},
            headers={"If-Match": (user.get("meta") or {}).get("version", "")},
        )

    def deactivate_user(self, user):
        """DELETE: Twilio deactivates the user (it is never deleted, and keeps its userName)."""
        self.client.request("DELETE", "%s/%s" % (USERS, user["id"]))
