"""What the browser layer keeps on disk: private files and scrubbed pages."""

import os
import stat

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio import browser
from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.browser import scrub, write_private


def test_private_files_in_a_private_directory(tmp_path):
    path = tmp_path / "new" / "state.json"
    write_private(str(path), "{}")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_scrub_removes_typed_secrets_and_tokens():
    page = (
        '<input name="password" value="hunter2"><script>{"csrf": "abc123", "user": "a"}</script>'
        '<input type="hidden" name="csrf_token" value="zzz"> the code 123456'
    )
    cleaned = scrub(page, ["hunter2", "123456", None])
    assert "hunter2" not in cleaned and "abc123" not in cleaned and "zzz" not in cleaned and "123456" not in cleaned
    assert '"user": "a"' in cleaned


def test_without_chromium_on_path_playwright_launches_its_own(monkeypatch):
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    assert browser.find_chromium() is None
    monkeypatch.setattr(browser.shutil, "which", lambda name: "/usr/bin/" + name if name == "google-chrome" else None)
    assert browser.find_chromium() == "/usr/bin/google-chrome"
