# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A journal of SSO profiles being created, so that no run leaves a half-made one behind.

'Create new SSO Profile' creates a profile on Twilio's side at once, named 'SSO Profile N', before the
friendly name is saved. A failure, a kill or a lost connection in between would leave that draft for
ever, and no later run could tell it from the user's own. So a create is written down before the
click (with the profiles that existed then) and again as soon as the draft's address is known; a
finished or cleaned-up create is crossed out. The next run finds the entry and adopts or deletes
the draft. The file sits next to session_state (or in ~/.ansible/twilio_okta_sso), mode 0600, and
is locked while it is read and rewritten, so that runs on one machine do not lose each other's entries.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import uuid

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio.browser import write_private

DEFAULT_PATH = os.path.join("~", ".ansible", "twilio_okta_sso", "draft-journal.json")


def journal_path(session_state=None):
    return session_state + ".drafts.json" if session_state else os.path.expanduser(DEFAULT_PATH)


class DraftJournal:
    def __init__(self, path, admin_url):
        self.path = path
        self.admin_url = admin_url

    @contextlib.contextmanager
    def _entries(self, write=True):
        """All entries, locked; with write, whatever the block leaves in the list is written back."""
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), mode=0o700, exist_ok=True)
        with open(self.path + ".lock", "a", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with open(self.path, encoding="utf-8") as handle:
                    entries = json.load(handle)
            except (OSError, ValueError):
                entries = []
            yield entries
            if write:
                write_private(self.path, json.dumps(entries, indent=1))

    def begin(self, friendly_name, known_refs):
        """Before the create: returns the entry's id."""
        entry_id = uuid.uuid4().hex
        with self._entries() as entries:
            entries.append(
                {
                    "id": entry_id,
                    "admin_url": self.admin_url,
                    "friendly_name": friendly_name,
                    "known_refs": sorted(known_refs),
                    "ref": None,
                    "started": time.time(),
                    "pid": os.getpid(),
                }
            )
        return entry_id

    def record_ref(self, entry_id, ref):
        with self._entries() as entries:
            for entry in entries:
                if entry["id"] == entry_id:
                    entry["ref"] = ref

    def finish(self, entry_id):
        with self._entries() as entries:
            entries[:] = [e for e in entries if e["id"] != entry_id]

    def pending(self):
        """Unfinished creates against this Admin Center, oldest first."""
        if not os.path.exists(self.path):
            return []
        with self._entries(write=False) as entries:
            return [dict(e) for e in entries if e["admin_url"] == self.admin_url]
