"""okta_app_user_info through ansible-playbook against the Okta sandbox (page size 2, so pages are followed)."""

PLAYBOOK = "okta_app_user_info/okta_app_user_info.yml"
APP = {"label": "Twilio Console", "sso_url": "https://sso.twilio.example/acs", "audience": "urn:twilio:sso:JQ1"}


def test_users_of_the_assigned_group_with_their_app_usernames(playbook, okta):
    app_id = playbook("okta_saml_app/okta_saml_app.yml", APP).task()["app"]["id"]
    assigned = playbook(
        "okta_app_group_assignment/okta_app_group_assignment.yml",
        {"app_id": app_id, "assign_groups": [okta.info["sso"]["group"]]},
    )
    assert assigned.rc == 0, assigned.output
    run = playbook(PLAYBOOK, {"app_label": "Twilio Console"})
    assert run.rc == 0 and run.changed == 0, run.output
    users = {u["user_name"]: u for u in run.task()["users"]}
    # alice, carol and dave are in the group; bob is not. Three users over pages of two.
    assert sorted(users) == ["alice@sandbox.example", "carol@sandbox.example", "dave@unverified.example"]
    assert users["alice@sandbox.example"]["email"] == "alice@sandbox.example"
    assert (
        users["alice@sandbox.example"]["first_name"] == "Alice" and users["alice@sandbox.example"]["scope"] == "GROUP"
    )
    assert run.task()["app_id"] == app_id


def test_an_unknown_app_fails_clearly(playbook, okta):
    run = playbook(PLAYBOOK, {"app_label": "No Such App"})
    assert run.rc != 0 and "no Okta SAML app is labelled 'No Such App'" in run.task()["msg"]
