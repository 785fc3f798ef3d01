# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Warn about variables that carry a role's prefix but are none of its variables: most likely misspelled."""

from __future__ import annotations

import difflib

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("prefix", "known"))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        prefix = self._task.args.get("prefix")
        known = self._task.args.get("known") or []
        if not isinstance(prefix, str) or not prefix or not isinstance(known, list):
            raise AnsibleActionFail("role_variables_check needs prefix (a string) and known (a list of names)")
        unknown = sorted(name for name in task_vars or {} if name.startswith(prefix) and name not in known)
        for name in unknown:
            close = difflib.get_close_matches(name, known, n=1)
            self._display.warning(
                "%s is not a variable of this role, so it has no effect%s"
                % (name, "; did you mean %s?" % close[0] if close else "")
            )
        result.update(changed=False, unknown=unknown)
        return result
