# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which of the Python packages a module needs are missing, found without importing them (importing costs every
run start-up time). The base module classes fail with Ansible's usual message for each; the code that imports a
package tolerates its absence, so that this check is what the user sees."""

from __future__ import annotations

import importlib.util


def missing(packages):
    return [name for name in packages if importlib.util.find_spec(name) is None]


def fail_on_missing(module, packages, reasons=None):
    """Fail the module naming the first missing package (and why it is needed, from reasons)."""
    # Imported here: missing() also serves controller plugins, which should not load AnsibleModule's code for it.
    from ansible.module_utils.basic import missing_required_lib  # pylint: disable=import-outside-toplevel

    for name in missing(packages):
        reason = (reasons or {}).get(name)
        module.fail_json(msg=missing_required_lib(name) + (" (%s)" % reason if reason else ""))
