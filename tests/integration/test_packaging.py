"""The collection as users get it: the tarball that ansible-galaxy builds, installed into an empty collections
path, runs the role against the sandboxes with no checkout on any path, and gives ansible-builder what an execution
environment needs."""

import os
import re
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def without_checkout(collections_path):
    """The environment with only collections_path to find collections in: the test setup puts the checkout on
    PYTHONPATH, and Ansible scans sys.path for collections too."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false")
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(collections path, collection directory) of the built tarball installed alone."""
    work = tmp_path_factory.mktemp("packaging")
    env = without_checkout(str(work / "collections"))
    subprocess.run(
        ["ansible-galaxy", "collection", "build", ROOT, "--output-path", str(work)],
        env=env,
        check=True,
        capture_output=True,
    )
    tarball = next(str(work / name) for name in os.listdir(work) if name.endswith(".tar.gz"))
    subprocess.run(
        ["ansible-galaxy", "collection", "install", tarball, "-p", str(work / "collections")],
        env=env,
        check=True,
        capture_output=True,
    )
    return str(work / "collections"), str(work / "collections" / "ansible_collections" / "twilio_okta" / "sso")


def test_the_installed_tarball_runs_the_role_with_no_checkout_on_the_path(installed, okta, tmp_path):
    collections_path, collection = installed
    assert not os.path.islink(collection) and os.path.isfile(os.path.join(collection, "MANIFEST.json"))
    env = dict(without_checkout(collections_path), **okta.env())
    env.update(TWILIO_CONSOLE_SESSION_STATE=str(tmp_path / "session.json"), ANSIBLE_NOCOLOR="1")
    command = [
        "ansible-playbook",
        "twilio_okta.sso.configure",
        "-e",
        '{"console_sso_okta_groups": ["%s"]}' % okta.info["sso"]["group"],
        "-vvv",
    ]
    first = subprocess.run(command, env=env, cwd=str(tmp_path), capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-2000:]
    # Every plugin, module, role and playbook came from the installed copy (the venv lives under the checkout).
    for checkout_path in ("plugins", "roles", "playbooks", ".build"):
        assert os.path.join(ROOT, checkout_path) not in first.stdout
    assert collection in first.stdout
    again = subprocess.run(command, env=env, cwd=str(tmp_path), capture_output=True, text=True, check=False)
    assert again.returncode == 0 and re.search(r"localhost\s+: ok=\d+\s+changed=0\s", again.stdout), again.stdout[
        -3000:
    ]


def test_the_installed_tarball_has_the_awx_and_execution_environment_files(installed):
    _collections_path, collection = installed
    for name in ("okta_api.yml", "twilio_admin_center.yml", "twilio_organization_api.yml"):
        assert os.path.isfile(os.path.join(collection, "extensions", "awx", "credential_types", name))
    for path in (
        "playbooks/awx_credential_types.yml",
        "playbooks/console_login.yml",
        "meta/execution-environment.yml",
        "requirements.txt",
        "bindep.txt",
        "extensions/ee/execution-environment.yml",
    ):
        assert os.path.isfile(os.path.join(collection, path)), path


def test_ansible_builder_finds_the_python_and_system_dependencies(installed):
    collections_path, _collection = installed
    found = subprocess.run(
        ["ansible-builder", "introspect", "--sanitize", collections_path], capture_output=True, text=True, check=True
    ).stdout
    data = yaml.safe_load(found[found.index("---") :])
    python = {re.split(r"[<>=~! ]", line)[0] for line in data["python"]}
    assert {"requests", "lxml", "cryptography", "playwright"} <= python, found
    assert "chromium [platform:rpm]  # from collection twilio_okta.sso" in data["system"], found
    assert "chromium [platform:debian]  # from collection twilio_okta.sso" in data["system"], found


def test_ansible_builder_writes_a_build_context_for_the_example(installed, tmp_path):
    _collections_path, collection = installed
    example = os.path.join(collection, "extensions", "ee", "execution-environment.yml")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ansible_builder",
            "create",
            "-f",
            example,
            "--context",
            str(tmp_path / "ctx"),
            "--output-filename",
            "Containerfile",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    containerfile = (tmp_path / "ctx" / "Containerfile").read_text()
    assert "epel-release" in containerfile and "install-from-bindep" in containerfile
    requirements = yaml.safe_load((tmp_path / "ctx" / "_build" / "requirements.yml").read_text())
    assert requirements == {"collections": [{"name": "twilio_okta.sso"}]}
