"""An in-memory stand-in for ScimApi with Twilio's documented behaviour where the engine depends on it: userName is
unique and kept by deactivated users, DELETE deactivates, a domain that is not verified is refused (25017), and an
update must carry the user's current version. writes records every write, in order."""

import copy
import itertools

import pytest

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.api import PATHS, ScimApi
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.client import TwilioApiError


class FakeScimApi(ScimApi):
    def __init__(self, users=(), verified_domains=("example.com",)):
        super().__init__(client=None)
        self.users = [copy.deepcopy(u) for u in users]
        self.verified_domains = set(verified_domains)
        self.writes = []
        self.ids = itertools.count(1)

    def users_where(self, attribute_name, value):
        return [copy.deepcopy(u) for u in self.users if u.get(attribute_name) == value]

    def all_users(self):
        return copy.deepcopy(self.users)

    def create_user(self, user_name, fields):
        if user_name.rpartition("@")[2] not in self.verified_domains:
            raise TwilioApiError("Twilio POST /Users failed: HTTP 400 (Twilio error 25017)", 400, 25017)
        user = {
            "id": "US%032d" % next(self.ids),
            "userName": user_name,
            "active": True,
            "emails": [{"value": user_name, "primary": True}],
            "meta": {"version": "W/1"},
        }
        self._apply(user, fields)
        self.users.append(user)
        self.writes.append(("create_user", user_name, tuple(sorted(fields.items()))))
        return copy.deepcopy(user)

    def update_user(self, user, fields):
        stored = next(u for u in self.users if u["id"] == user["id"])
        assert user["meta"]["version"] == stored["meta"]["version"], "an update must carry the current version"
        self._apply(stored, fields)
        stored["meta"]["version"] = "W/%d" % (int(stored["meta"]["version"][2:]) + 1)
        self.writes.append(("update_user", user["userName"], tuple(sorted(fields.items()))))
        return copy.deepcopy(stored)

    def deactivate_user(self, user):
        next(u for u in self.users if u["id"] == user["id"])["active"] = False
        self.writes.append(("deactivate_user", user["userName"]))

    @staticmethod
    def _apply(user, fields):
        for option, value in fields.items():
            head, _dot, tail = PATHS[option].partition(".")
            if tail:
                user.setdefault(head, {})[tail] = value
            else:
                user[head] = value


@pytest.fixture
def fake_scim():
    return FakeScimApi
