"""tools/bench: the role's no-change run against a floor, alternately, with public tools only (ansible-playbook,
Chromium through Playwright, the sandboxes' request logs). Run through tools/bench, which sets up the environment."""

import json
import os
import re
import statistics
import subprocess
import sys
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, ".build", "bench")
RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)\s+skipped=(\d+)")
TARGET_RATIO = 1.6
# The floor's one real piece of work: Chromium opens the SSO list with the saved session and waits for its content.
OPEN_SSO_LIST = """
import json, sys
from playwright.sync_api import sync_playwright
url, state, chromium, ca_pin = sys.argv[1:5]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
        "--ignore-certificate-errors-spki-list=" + ca_pin])
    page = browser.new_context(storage_state=json.load(open(state))).new_page()
    page.goto(url + "/sso")
    page.get_by_role("button", name="Create new SSO Profile").wait_for()
    page.locator("main [aria-busy=true]").first.wait_for(state="detached")
    browser.close()
"""


def sandbox(command, directory):
    subprocess.run(
        [sys.executable, "-m", "sandbox", command, "--dir", directory],
        cwd=os.path.join(ROOT, "tests"),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def play(args, env):
    started = time.perf_counter()
    done = subprocess.run(["ansible-playbook"] + args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    recap = RECAP.search(done.stdout)
    if done.returncode or not recap:
        sys.exit("ansible-playbook %s failed:\n%s%s" % (" ".join(args), done.stdout[-3000:], done.stderr[-2000:]))
    ok, changed, _failed, skipped = map(int, recap.groups())
    return elapsed, ok, changed, skipped


# The floor's no-op tasks: tasks that do nothing, each run by a worker as the role's own tasks are (debug below its
# verbosity). Ansible's meta: noop is handled inside the strategy without a worker, and its documentation keeps it for
# internal use; a floor of those is printed too, for reference.
NOOPS = {
    "task": "    - name: No-op %d\n      ansible.builtin.debug:\n        msg: nothing\n        verbosity: 4\n",
    "meta": "    - name: No-op %d\n      ansible.builtin.meta: noop\n",
}


def floor_playbook(path, tasks, env, noop):
    argv = (
        sys.executable,
        "-c",
        OPEN_SSO_LIST,
        env["TWILIO_ADMIN_URL"],
        env["TWILIO_CONSOLE_SESSION_STATE"],
        env["BENCH_CHROMIUM"],
        env["BENCH_SERVER_PIN"],
    )
    launch = (
        "    - name: Chromium opens the SSO list with the saved session\n      ansible.builtin.command:\n"
        "        argv: %s\n      changed_when: false\n" % json.dumps(list(argv))
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("---\n- name: Floor\n  hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n")
        handle.write(launch + "".join(NOOPS[noop] % i for i in range(tasks - 1)))


def main():
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    os.makedirs(BUILD, exist_ok=True)
    directory = os.path.join(BUILD, "sandbox")
    sandbox("start", directory)
    try:
        with open(os.path.join(directory, "sandbox.json"), encoding="utf-8") as handle:
            info = json.load(handle)
        http = requests.Session()
        http.trust_env, http.verify = False, info["ca_file"]
        launches = os.path.join(BUILD, "chromium-launches.log")
        counting_chromium = os.path.join(BUILD, "chromium")
        real_chromium = subprocess.run(
            ["sh", "-c", "command -v chromium"], capture_output=True, text=True, check=True
        ).stdout.strip()
        with open(counting_chromium, "w", encoding="utf-8") as handle:
            handle.write('#!/bin/sh\necho launch >> "%s"\nexec "%s" "$@"\n' % (launches, real_chromium))
        os.chmod(counting_chromium, 0o755)
        sys.path.insert(0, os.path.join(ROOT, ".build", "collections"))
        from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.browser import verified_server_key_pin

        env = dict(
            os.environ,
            OKTA_ORG_URL=info["okta"]["url"],
            OKTA_API_TOKEN=info["okta"]["api_token"],
            OKTA_CA_PATH=info["ca_file"],
            TWILIO_ADMIN_URL=info["twilio"]["url"],
            TWILIO_CA_PATH=info["ca_file"],
            TWILIO_CONSOLE_USERNAME=info["twilio"]["username"],
            TWILIO_CONSOLE_PASSWORD=info["twilio"]["password"],
            TWILIO_CONSOLE_TOTP_SECRET=info["twilio"]["totp_secret"],
            TWILIO_CONSOLE_SESSION_STATE=os.path.join(BUILD, "twilio-session.json"),
            TWILIO_BROWSER_EXECUTABLE=counting_chromium,
            BENCH_CHROMIUM=real_chromium,
            BENCH_SERVER_PIN=verified_server_key_pin(info["twilio"]["url"], info["ca_file"], 10),
        )
        role = [
            os.path.join(ROOT, "playbooks", "configure.yml"),
            "-e",
            '{"console_sso_okta_groups": ["Twilio Console Users"]}',
        ]
        play(role, env)  # the first run configures everything; the ones measured change nothing
        _elapsed, ok, _changed, skipped = play(role, env)
        floors = {}
        for noop in NOOPS:
            floors[noop] = os.path.join(BUILD, "floor-%s.yml" % noop)
            floor_playbook(floors[noop], ok + skipped, env, noop)
        role_times, floor_times, meta_floor_times, counts = [], [], [], None
        for _round in range(rounds):
            for url in (info["okta"]["url"], info["twilio"]["url"]):
                http.delete(url + "/__sandbox/requests").raise_for_status()
            if os.path.exists(launches):
                os.remove(launches)
            elapsed, _ok, changed, _skipped = play(role, env)
            okta = http.get(info["okta"]["url"] + "/__sandbox/requests").json()
            twilio = http.get(info["twilio"]["url"] + "/__sandbox/requests").json()
            with open(launches, encoding="utf-8") as handle:
                sessions = len(handle.read().split())
            counts = {
                "changed": changed,
                "browser_sessions": sessions,
                "okta_requests": len(okta),
                "admin_center_page_loads": sum(r["page_load"] for r in twilio),
                "metadata_downloads": sum(r["path"].endswith("sp-metadata.xml") for r in twilio),
                # An OAuth token request changes nothing: not a write.
                "writes": sum(
                    r["method"] in ("POST", "PUT", "PATCH", "DELETE") and r["path"] != "/v2/token"
                    for r in okta + twilio
                ),
            }
            role_times.append(elapsed)
            floor_times.append(play([floors["task"]], env)[0])
            meta_floor_times.append(play([floors["meta"]], env)[0])
        role_median, floor_median = statistics.median(role_times), statistics.median(floor_times)
        meta_floor_median = statistics.median(meta_floor_times)
        ratio = role_median / floor_median
        print(
            "role no-change run: median %.2f s over %d runs (%s)"
            % (role_median, rounds, ", ".join("%.2f" % t for t in role_times))
        )
        print(
            "floor (%d tasks: one Chromium opening the SSO list, no-op tasks): median %.2f s (%s)"
            % (ok + skipped, floor_median, ", ".join("%.2f" % t for t in floor_times))
        )
        print("ratio: %.2f (target <= %.1f)" % (ratio, TARGET_RATIO))
        print(
            "for reference, a floor whose no-ops are meta: noop (no worker): median %.2f s, ratio %.2f"
            % (meta_floor_median, role_median / meta_floor_median)
        )
        print("last role run: %s" % json.dumps(counts))
        targets = {
            "ratio": ratio <= TARGET_RATIO,
            "changed": counts["changed"] == 0,
            "browser_sessions": counts["browser_sessions"] == 1,
            "okta_requests": counts["okta_requests"] <= 4,
            "admin_center_page_loads": counts["admin_center_page_loads"] <= 2,
            "writes": counts["writes"] == 0,
        }
        missed = [name for name, met in targets.items() if not met]
        print("targets met" if not missed else "targets missed: %s" % ", ".join(missed))
        return 1 if missed else 0
    finally:
        sandbox("stop", directory)


if __name__ == "__main__":
    sys.exit(main())
