"""The collection as AWX / Automation Platform uses it: the credential types in extensions/awx, the playbook that
creates them (against a test double of AWX's API), and jobs run the way AWX runs them, with ansible-runner and the
credential types' injectors rendered as AWX renders them (tests/awx, written from AWX's source)."""

import glob
import json
import os
import sys

import ansible_runner
import pytest
import yaml
from awx.api import AwxApi
from awx.credential_types import inject, problems
from sandbox import pki
from sandbox.server import serve_https

from ansible_collections.twilio_okta.sso.plugins.module_utils._okta.module import okta_connection_spec
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.console_pages import DEFAULT_ADMIN_URL
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.module import twilio_connection_spec
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.module import twilio_org_connection_spec

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TYPES_DIR = os.path.join(ROOT, "extensions", "awx", "credential_types")
SECRET_INPUT = ("api_token", "private_key", "password", "totp_secret", "session_state", "client_secret")


def credential_type(name):
    with open(os.path.join(TYPES_DIR, name + ".yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def env_vars_read(spec):
    return {name for option in spec.values() if "fallback" in option for name in option["fallback"][1]}


@pytest.mark.parametrize(
    "name, spec",
    [
        ("okta_api", okta_connection_spec()),
        ("twilio_admin_center", twilio_connection_spec()),
        ("twilio_organization_api", twilio_org_connection_spec()),
    ],
)
def test_credential_types_are_what_awx_takes_and_inject_what_the_modules_read(name, spec):
    definition = credential_type(name)
    assert problems(definition) == []
    assert definition["kind"] == "cloud"
    fields = {field["id"]: field for field in definition["inputs"]["fields"]}
    assert {f for f in fields if fields[f].get("secret")} == {f for f in fields if f in SECRET_INPUT}
    assert set(definition["injectors"]["env"]) <= env_vars_read(spec)


def test_the_twilio_type_defaults_to_twilios_admin_center():
    fields = {field["id"]: field for field in credential_type("twilio_admin_center")["inputs"]["fields"]}
    assert fields["admin_url"]["default"] == DEFAULT_ADMIN_URL


def test_unset_inputs_are_injected_empty_and_secrets_masked_in_the_stored_environment(tmp_path):
    env, safe_env = inject(
        credential_type("okta_api"), {"org_url": "https://x.okta.com", "api_token": "t0k3n"}, str(tmp_path)
    )
    assert env["OKTA_CA_PATH"] == "" and env["OKTA_PRIVATE_KEY"] == "" and env["OKTA_API_TOKEN"] == "t0k3n"
    assert safe_env["OKTA_API_TOKEN"] == "**********"
    env, _safe_env = inject(credential_type("twilio_admin_center"), {"username": "u", "password": "p"}, str(tmp_path))
    assert env["TWILIO_CA_PATH"] == ""
    with open(env["TWILIO_CONSOLE_SESSION_STATE"], encoding="utf-8") as handle:
        assert handle.read() == ""  # an empty file: no session, the module logs in and keeps the session there


@pytest.fixture
def awx_api(tmp_path):
    ca_key, ca_cert = pki.new_ca()
    key, cert = pki.new_server_cert(ca_key, ca_cert)
    files = {}
    for name, data in (
        ("ca.pem", pki.cert_pem(ca_cert)),
        ("cert.pem", pki.cert_pem(cert)),
        ("key.pem", pki.key_pem(key)),
    ):
        files[name] = tmp_path / name
        files[name].write_bytes(data if isinstance(data, bytes) else data.encode())
    api = AwxApi("admin", "awx-admin-password")
    server = serve_https(api, str(files["cert.pem"]), str(files["key.pem"]))
    api.env = {
        "CONTROLLER_HOST": "https://127.0.0.1:%d" % server.server_address[1],
        "CONTROLLER_USERNAME": "admin",
        "CONTROLLER_PASSWORD": "awx-admin-password",
        "SSL_CERT_FILE": str(files["ca.pem"]),
    }
    yield api
    server.shutdown()


def changed_items(run):
    return [result["item"] for status, result in run.results if status == "changed"]


def test_awx_playbook_creates_the_types_then_changes_nothing_then_repairs_drift(playbook, awx_api):
    path = os.path.join(ROOT, "playbooks", "awx_credential_types.yml")
    first = playbook(path, env=awx_api.env)
    assert first.rc == 0 and len(changed_items(first)) == 3, first.output
    stored = {t["name"]: t for t in awx_api.types.values()}
    for name in ("okta_api", "twilio_admin_center", "twilio_organization_api"):
        definition = credential_type(name)
        assert {k: stored[definition["name"]][k] for k in definition} == definition
    again = playbook(path, env=awx_api.env)
    assert again.rc == 0 and again.changed == 0 and "WARNING" not in again.output, again.output
    stored["Okta API"]["injectors"]["env"]["OKTA_API_TOKEN"] = "{{ client_id }}"  # edited by hand in AWX
    repaired = playbook(path, env=awx_api.env)
    assert repaired.rc == 0 and changed_items(repaired) == [os.path.join(TYPES_DIR, "okta_api.yml")], repaired.output
    assert awx_api.types[stored["Okta API"]["id"]]["injectors"] == credential_type("okta_api")["injectors"]


JOB_PLAYBOOK = """---
- name: Twilio Console SSO through Okta
  hosts: localhost
  gather_facts: false
  roles:
    - role: twilio_okta.sso.console_sso
      console_sso_okta_groups: [Twilio Console Users]
"""


def run_awx_job(okta, directory, twilio_inputs_extra=None):
    """One AWX job: the three credentials injected, the playbook run by ansible-runner in a private data directory."""
    with open(okta.ca_file, encoding="utf-8") as handle:
        ca_bundle = handle.read()
    twilio = okta.info["twilio"]
    okta_inputs = {"org_url": okta.okta_url, "api_token": okta.info["okta"]["api_token"], "ca_bundle": ca_bundle}
    twilio_inputs = dict(
        {
            "admin_url": okta.twilio_url,
            "username": twilio["username"],
            "password": twilio["password"],
            "totp_secret": twilio["totp_secret"],
            "ca_bundle": ca_bundle,
        },
        **(twilio_inputs_extra or {}),
    )
    os.makedirs(os.path.join(directory, "project"))
    os.makedirs(os.path.join(directory, "inventory"))
    with open(os.path.join(directory, "project", "site.yml"), "w", encoding="utf-8") as handle:
        handle.write(JOB_PLAYBOOK)
    with open(os.path.join(directory, "inventory", "hosts"), "w", encoding="utf-8") as handle:
        handle.write("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    env, safe_env = {}, {}
    org = okta.info["twilio_org"]
    org_inputs = {
        "client_id": org["client_id"],
        "client_secret": org["client_secret"],
        "scim_url": org["scim_url"],
        "token_url": org["token_url"],
        "ca_bundle": ca_bundle,
    }
    for definition, inputs in (
        (credential_type("okta_api"), okta_inputs),
        (credential_type("twilio_admin_center"), twilio_inputs),
        (credential_type("twilio_organization_api"), org_inputs),
    ):
        injected, safe = inject(definition, inputs, directory)
        env.update(injected)
        safe_env.update(safe)
    env["ANSIBLE_COLLECTIONS_PATH"] = os.environ["ANSIBLE_COLLECTIONS_PATH"]
    result = ansible_runner.run(
        private_data_dir=directory,
        playbook="site.yml",
        inventory="hosts",
        envvars=env,
        suppress_env_files=True,
        settings={"suppress_ansible_output": True},
        quiet=True,
        ident="1",
    )
    return result, env, safe_env


def artifacts_text(directory, result):
    """The job's events and every artifact the run produced, except ansible-runner's own 'command' file: runner
    writes the whole process environment there, every injected credential included (mode 0600, in the private data
    directory that AWX deletes after the job; AWX keeps only the masked environment)."""
    texts = [json.dumps(list(result.events))]
    for path in glob.glob(os.path.join(directory, "artifacts", "**", "*"), recursive=True):
        if os.path.basename(path) == "command":
            assert os.stat(path).st_mode & 0o777 == 0o600
        elif os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                texts.append(handle.read())
    return "\n".join(texts)


def changed(result):
    return sum((result.stats or {}).get("changed", {}).values())


def test_awx_jobs_converge_then_change_nothing_and_never_show_a_secret(okta, tmp_path, monkeypatch):
    for name in [n for n in os.environ if n.startswith(("OKTA_", "TWILIO_"))]:
        monkeypatch.delenv(name)  # the job sees only what the credentials inject
    twilio = okta.info["twilio"]
    secrets = [
        okta.info["okta"]["api_token"],
        twilio["password"],
        twilio["totp_secret"],
        okta.info["twilio_org"]["client_secret"],
    ]

    first, env, safe_env = run_awx_job(okta, str(tmp_path / "job1"))
    assert first.status == "successful", first.stdout.read()
    assert changed(first) > 0
    assert len(okta.twilio_profiles()) == 1
    # The Twilio Organization API credential reached the role: its managed-users check ran and found carol and dave.
    warnings = [e for e in first.events if e.get("event") == "warning"] or [first.stdout.read()]
    assert "are not active managed users" in " ".join(" ".join(json.dumps(w).split()) for w in warnings)
    with open(env["TWILIO_CONSOLE_SESSION_STATE"], encoding="utf-8") as handle:
        session_state = handle.read()
    cookies = [c["value"] for c in json.loads(session_state)["cookies"]]
    assert cookies  # the job logged in and kept its session in the injected file for its later tasks
    for secret in secrets + cookies:
        assert secret not in artifacts_text(str(tmp_path / "job1"), first)
        assert secret not in json.dumps(safe_env)  # what AWX stores as the job's environment

    okta.http.delete(okta.okta_url + "/__sandbox/requests")
    second, _env, _safe_env = run_awx_job(okta, str(tmp_path / "job2"))
    assert second.status == "successful" and changed(second) == 0, second.stdout.read()
    assert okta.writes() == [] and len(okta.twilio_profiles()) == 1

    # A session pasted into the credential (the login playbook's file): the job does not log in at all.
    okta.twilio("DELETE", "/__sandbox/requests")
    third, _env, _safe_env = run_awx_job(okta, str(tmp_path / "job3"), {"session_state": session_state})
    assert third.status == "successful" and changed(third) == 0, third.stdout.read()
    assert okta.twilio_writes() == []
    for secret in secrets + cookies:
        assert secret not in artifacts_text(str(tmp_path / "job3"), third)
