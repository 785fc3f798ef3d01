from ansible_collections.twilio_okta.sso.plugins.module_utils.state_diff import changed_fields, merged, same

PATHS = {"audience": ("settings", "signOn", "audience"), "relay": ("settings", "signOn", "defaultRelayState")}


def test_empty_string_and_null_are_equal_at_any_depth():
    assert same("", None) and same(None, "")
    assert same({"a": None, "b": [{"c": ""}]}, {"b": [{"c": None}]})
    assert not same("", "x") and not same(False, None) and not same([1], [1, 2])


def test_changed_fields_names_only_real_differences():
    app = {"settings": {"signOn": {"audience": "urn:a", "defaultRelayState": None}}}
    assert changed_fields(app, PATHS, {"audience": "urn:a", "relay": ""}) == []
    assert changed_fields(app, PATHS, {"audience": "urn:b", "relay": ""}) == ["audience"]


def test_merge_keeps_every_field_it_does_not_manage():
    app = {"id": "0oa1", "_links": {}, "x-new-okta-field": {"n": 1},
           "settings": {"notes": {"admin": "keep"}, "signOn": {"audience": "urn:a", "attributeStatements": [{"name": "a"}]}}}
    body = merged(app, PATHS, {"audience": "urn:b"}, drop=("id", "_links"))
    assert body == {"x-new-okta-field": {"n": 1},
                    "settings": {"notes": {"admin": "keep"},
                                 "signOn": {"audience": "urn:b", "attributeStatements": [{"name": "a"}]}}}
    assert app["settings"]["signOn"]["audience"] == "urn:a"  # the input is not modified


def test_merge_creates_missing_parents():
    assert merged({}, PATHS, {"relay": ""}) == {"settings": {"signOn": {"defaultRelayState": ""}}}
