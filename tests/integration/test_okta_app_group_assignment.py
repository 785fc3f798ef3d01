"""okta_app_group_assignment through ansible-playbook against the Okta sandbox."""

PLAYBOOK = "okta_app_group_assignment/okta_app_group_assignment.yml"
APP = {"label": "Twilio Console", "sso_url": "https://sso.twilio.example/acs", "audience": "urn:twilio:sso:JQ1"}


def group(okta, name):
    return okta.okta("POST", "/api/v1/groups", json={"profile": {"name": name, "description": ""}})["id"]


def assigned(okta, app_id):
    return sorted(a["id"] for a in okta.okta("GET", "/api/v1/apps/%s/groups" % app_id))


def test_assign_by_name_and_id_then_nothing_to_do(playbook, okta):
    app_id = playbook("okta_saml_app/okta_saml_app.yml", APP).task()["app"]["id"]
    admins, users = group(okta, "Twilio Admins"), group(okta, "Twilio Users")
    run = playbook(PLAYBOOK, {"app_label": "Twilio Console", "assign_groups": ["Twilio Admins", users]})
    assert run.rc == 0 and run.changed == 1, run.output
    assert assigned(okta, app_id) == sorted([admins, users])
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    again = playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Twilio Admins", users]})
    assert again.rc == 0 and again.changed == 0
    # The app's group listing names its groups: an assigned group given by name or id needs no lookup of its own.
    assert [r["path"] for r in okta.requests()] == ["/api/v1/apps/%s/groups" % app_id]


def test_exclusive_removes_others_and_absent_removes_listed(playbook, okta):
    app_id = playbook("okta_saml_app/okta_saml_app.yml", APP).task()["app"]["id"]
    keep, other = group(okta, "Keep"), group(okta, "Other")
    okta.okta("PUT", "/api/v1/apps/%s/groups/%s" % (app_id, other), json={})
    assert playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Keep"]}).changed == 1
    assert assigned(okta, app_id) == sorted([keep, other])
    run = playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Keep"], "exclusive": True}, diff=True)
    assert run.rc == 0 and run.changed == 1 and run.task()["removed"] == [other]
    assert assigned(okta, app_id) == [keep]
    assert playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Keep"], "state": "absent"}).changed == 1
    assert assigned(okta, app_id) == []


def test_check_mode_writes_nothing_even_before_the_app_exists(playbook, okta):
    group(okta, "Twilio Users")
    run = playbook(PLAYBOOK, {"app_label": "Twilio Console", "assign_groups": ["Twilio Users"]}, check=True)
    assert run.rc == 0 and run.changed == 1 and run.task()["app_id"] is None
    app_id = playbook("okta_saml_app/okta_saml_app.yml", APP).task()["app"]["id"]
    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    run = playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Twilio Users"]}, check=True)
    assert run.rc == 0 and run.changed == 1
    assert okta.writes() == [] and assigned(okta, app_id) == []


def test_unknown_group_and_missing_app_fail_clearly(playbook, okta):
    app_id = playbook("okta_saml_app/okta_saml_app.yml", APP).task()["app"]["id"]
    run = playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["No Such Group"]})
    assert run.rc != 0 and "no Okta group is named (or has the id) 'No Such Group'" in run.task()["msg"]
    group(okta, "Twins")
    group(okta, "Twins")
    run = playbook(PLAYBOOK, {"app_id": app_id, "assign_groups": ["Twins"]})
    assert run.rc != 0 and "2 Okta groups are named 'Twins'" in run.task()["msg"]
    group(okta, "Solo")
    run = playbook(PLAYBOOK, {"app_label": "Nope", "assign_groups": ["Solo"]})
    assert run.rc != 0 and "no Okta SAML app is labelled 'Nope'" in run.task()["msg"]
    assert okta.writes() == [w for w in okta.writes() if w["path"] in ("/api/v1/apps", "/api/v1/groups")]


def test_sandbox_reset_keeps_only_the_seeded_groups(okta):
    # A reset that kept groups let one test's "Twilio Users" collide with the next test's (found in CI).
    group(okta, "Twilio Users")
    okta.reset()
    names = [g["profile"]["name"] for g in okta.okta("GET", "/api/v1/groups")]
    assert names == [okta.info["sso"]["group"]]
