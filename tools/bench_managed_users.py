"""tools/bench-managed-users: how long the console_sso role's managed-users check takes for many assigned users, and
how many requests its no-change run makes, against the sandboxes. Adds N users (default 500) to the assigned Okta
group, makes all but the last 5 Twilio managed users through the SCIM sandbox, then times a role run in check mode
and a provision run and counts the requests of a second provision run. Run through tools/bench-managed-users."""

import json
import os
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BUILD, ROOT, play, sandbox  # noqa: E402  (the same sandbox and playbook helpers as tools/bench)

GROUP = "Twilio Console Users"


def main():
    count = int(os.environ.get("BENCH_USERS", "500"))
    directory = os.path.join(BUILD, "sandbox-managed-users")
    os.makedirs(BUILD, exist_ok=True)
    sandbox("start", directory)
    try:
        with open(os.path.join(directory, "sandbox.json"), encoding="utf-8") as handle:
            info = json.load(handle)
        okta, twilio, org = info["okta"]["url"], info["twilio"]["url"], info["twilio_org"]
        http = requests.Session()
        http.trust_env, http.verify = False, info["ca_file"]
        http.headers["Authorization"] = "SSWS %s" % info["okta"]["api_token"]
        group = next(g for g in http.get(okta + "/api/v1/groups", params={"q": GROUP}).json())
        token = http.post(
            org["token_url"],
            data={
                "grant_type": "client_credentials",
                "client_id": org["client_id"],
                "client_secret": org["client_secret"],
            },
        ).json()["access_token"]
        for index in range(count):
            email = "user%04d@sandbox.example" % index
            user = http.post(
                okta + "/api/v1/users",
                json={"profile": {"login": email, "email": email, "firstName": "User", "lastName": "Bench"}},
            ).json()
            http.put(okta + "/api/v1/groups/%s/users/%s" % (group["id"], user["id"])).raise_for_status()
            if index < count - 5:
                http.post(
                    org["scim_url"] + "/Users",
                    headers={"Authorization": "Bearer %s" % token},
                    json={"userName": email, "emails": [{"value": email, "primary": True}]},
                ).raise_for_status()
        env = dict(
            os.environ,
            OKTA_ORG_URL=okta,
            OKTA_API_TOKEN=info["okta"]["api_token"],
            OKTA_CA_PATH=info["ca_file"],
            TWILIO_ADMIN_URL=twilio,
            TWILIO_CA_PATH=info["ca_file"],
            TWILIO_CONSOLE_USERNAME=info["twilio"]["username"],
            TWILIO_CONSOLE_PASSWORD=info["twilio"]["password"],
            TWILIO_CONSOLE_TOTP_SECRET=info["twilio"]["totp_secret"],
            TWILIO_CONSOLE_SESSION_STATE=os.path.join(directory, "twilio-session.json"),
            TWILIO_CLIENT_ID=org["client_id"],
            TWILIO_CLIENT_SECRET=org["client_secret"],
            TWILIO_SCIM_URL=org["scim_url"],
            TWILIO_TOKEN_URL=org["token_url"],
            TWILIO_SCIM_CA_PATH=info["ca_file"],
        )
        role = [
            os.path.join(ROOT, "playbooks", "configure.yml"),
            "-e",
            json.dumps({"console_sso_okta_groups": [GROUP]}),
        ]
        provision = role[:-1] + [
            json.dumps({"console_sso_okta_groups": [GROUP], "console_sso_managed_users": "provision"})
        ]
        play(role, env)  # configures SSO and assigns the group
        checked = play(role, env)[0]
        created = play(provision, env)[0]
        for url in (okta, twilio):
            http.delete(url + "/__sandbox/requests").raise_for_status()
        started = time.perf_counter()
        _elapsed, _ok, changed, _skipped = play(provision, env)
        again = time.perf_counter() - started
        okta_requests = http.get(okta + "/__sandbox/requests").json()
        twilio_requests = http.get(twilio + "/__sandbox/requests").json()
        scim = [r for r in twilio_requests if r["path"].startswith("/scim/") or r["path"] == "/v2/token"]
        writes = [
            r
            for r in okta_requests + scim
            if r["method"] in ("POST", "PUT", "PATCH", "DELETE") and r["path"] != "/v2/token"
        ]
        print(
            "assigned users: %d (+ the sandbox's own), managed users missing before provision: 5 + the sandbox's"
            % count
        )
        print("role run with the managed-users check (no change otherwise): %.1f s" % checked)
        print("role run that provisions the missing ones: %.1f s" % created)
        print(
            "second provision run (nothing to do): %.1f s, changed=%d, %d Okta requests, %d SCIM requests "
            "(tokens and one lookup per user), writes: %s"
            % (
                again,
                changed,
                len(okta_requests),
                len(scim),
                ["%s %s %s" % (w["method"], w["path"], w["status"]) for w in writes],
            )
        )
        return 0
    finally:
        sandbox("stop", directory)


if __name__ == "__main__":
    sys.exit(main())
