# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""With skip_without_credentials and the credentials surely missing, answer on the controller: starting the module
only to learn that costs a module run (about 0.3 s) in every run of the console_sso role without them. Whenever
the module could see something the controller does not (another host, a task environment), the module decides."""

from __future__ import annotations

import os

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

from ansible_collections.twilio_okta.sso.plugins.module_utils._twilio_org.credentials import (
    NOT_CONFIGURED_WARNING,
    not_configured_result,
    surely_missing,
)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        if (
            boolean(args.get("skip_without_credentials", False), strict=False)
            and self._connection.transport == "local"
            and not any(self._task.environment or ())  # a play or task environment reaches the module
            and surely_missing(args, os.environ)
        ):
            self._display.warning(NOT_CONFIGURED_WARNING)
            result.update(not_configured_result())
            return result
        result.update(self._execute_module(task_vars=task_vars))
        return result
