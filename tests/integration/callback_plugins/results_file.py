"""Writes every task result and the final stats as JSON lines to the file $TWILIO_OKTA_TEST_RESULTS: what the
integration tests read, instead of parsing the default callback's text (which changes between ansible-core
versions)."""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "results_file"
    CALLBACK_NEEDS_ENABLED = True

    def _write(self, record):
        with open(os.environ["TWILIO_OKTA_TEST_RESULTS"], "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, default=str) + "\n")

    def _result(self, status, result):
        data = dict(result._result)  # pylint: disable=protected-access
        if "results" in data and "item" not in data:
            return  # a loop's summary: its items were written one by one
        if status == "ok" and data.get("changed"):
            status = "changed"
        self._write({"status": status, "task": result._task.get_name(), "result": data})  # pylint: disable=protected-access

    def v2_runner_on_ok(self, result):
        self._result("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result("failed", result)

    def v2_runner_on_skipped(self, result):
        self._result("skipping", result)

    def v2_runner_item_on_ok(self, result):
        self._result("ok", result)

    def v2_runner_item_on_failed(self, result):
        self._result("failed", result)

    def v2_runner_item_on_skipped(self, result):
        self._result("skipping", result)

    def v2_playbook_on_stats(self, stats):
        self._write({"stats": {host: stats.summarize(host) for host in sorted(stats.processed)}})
