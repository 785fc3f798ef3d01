from ansible_collections.twilio_okta.sso.plugins.module_utils._common.ensure import differences, ensure
from ansible_collections.twilio_okta.sso.plugins.module_utils._common.state_diff import current_values, merged, same

PATHS = {"audience": ("settings", "signOn", "audience"), "relay": ("settings", "signOn", "defaultRelayState")}


def test_empty_string_and_null_are_equal_at_any_depth():
    assert same("", None) and same(None, "")
    assert same({"a": None, "b": [{"c": ""}]}, {"b": [{"c": None}]})
    assert not same("", "x") and not same(False, None) and not same([1], [1, 2])


def test_differences_name_only_real_differences():
    app = {"settings": {"signOn": {"audience": "urn:a", "defaultRelayState": None}}}
    assert differences(current_values(app, PATHS, ["audience", "relay"]), {"audience": "urn:a", "relay": ""}) == []
    assert differences(current_values(app, PATHS, ["audience", "relay"]), {"audience": "urn:b", "relay": ""}) == [
        "audience"
    ]


def test_ensure_writes_the_differences_only_outside_check_mode():
    written = []
    result = ensure({"a": 1, "b": ""}, {"a": 2, "b": None}, written.append, False, extra="kept")
    assert written == [["a"]] and result == {
        "changed": True,
        "extra": "kept",
        "diff": {"before": {"a": 1, "b": ""}, "after": {"a": 2, "b": None}},
    }
    assert ensure({"a": 1}, {"a": 2}, written.append, True)["changed"] and written == [["a"]]
    assert not ensure({"a": 1}, {"a": 1}, written.append, False)["changed"] and written == [["a"]]


def test_merge_keeps_every_field_it_does_not_manage():
    app = {
        "id": "0oa1",
        "_links": {},
        "x-new-okta-field": {"n": 1},
        "settings": {
            "notes": {"admin": "keep"},
            "signOn": {"audience": "urn:a", "attributeStatements": [{"name": "a"}]},
        },
    }
    body = merged(app, PATHS, {"audience": "urn:b"}, drop=("id", "_links"))
    assert body == {
        "x-new-okta-field": {"n": 1},
        "settings": {
            "notes": {"admin": "keep"},
            "signOn": {"audience": "urn:b", "attributeStatements": [{"name": "a"}]},
        },
    }
    assert app["settings"]["signOn"]["audience"] == "urn:a"  # the input is not modified


def test_merge_creates_missing_parents():
    assert merged({}, PATHS, {"relay": ""}) == {"settings": {"signOn": {"defaultRelayState": ""}}}
