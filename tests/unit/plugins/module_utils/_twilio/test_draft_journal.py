"""The journal of creates under way: entries survive a new process, are private, and belong to one Admin Center."""

import os
import stat

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.draft_journal import DraftJournal, journal_path


def test_entries_are_kept_per_admin_center_until_finished(tmp_path):
    path = str(tmp_path / "drafts.json")
    first, other = DraftJournal(path, "https://a.example"), DraftJournal(path, "https://b.example")
    entry = first.begin("Okta", ["/sso/profiles/1"])
    other.begin("Okta", [])
    first.record_ref(entry, "/sso/profiles/2")
    again = DraftJournal(path, "https://a.example").pending()
    assert [(e["ref"], e["known_refs"], e["pid"]) for e in again] == [
        ("/sso/profiles/2", ["/sso/profiles/1"], os.getpid())
    ]
    first.finish(entry)
    os.utime(path, (1, 1))
    assert first.pending() == [] and len(other.pending()) == 1
    assert os.stat(path).st_mtime == 1  # reading writes nothing: a no-change run leaves the file alone
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_the_journal_sits_next_to_the_session_state():
    assert journal_path("/keep/session.json") == "/keep/session.json.drafts.json"
    assert journal_path(None).endswith(os.path.join(".ansible", "twilio_okta_sso", "draft-journal.json"))
