# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Show a role's message as an Ansible warning (ansible.builtin.debug only prints)."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("msg",))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        message = self._task.args.get("msg")
        if not isinstance(message, str) or not message.strip():
            raise AnsibleActionFail("role_warning needs msg, a non-empty string")
        self._display.warning(message)
        result.update(changed=False, msg=message)
        return result
