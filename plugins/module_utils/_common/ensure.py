# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one way every module decides whether to write: compare what is with what is wanted, write the difference
unless in check mode, and report changed and the diff from the same two views."""

from __future__ import annotations

from ansible_collections.twilio_okta.sso.plugins.module_utils._common.state_diff import same


def differences(before, after):
    """Names of the fields whose values differ (an empty string and null are the same value)."""
    return sorted(name for name in set(before) | set(after) if not same(before.get(name), after.get(name)))


def ensure(before, after, write, check_mode, **result):
    """before and after: the object's fields now and as wanted, in option names. write(names) makes the change for
    the differing names; it is not called when nothing differs or in check mode. Returns the module result."""
    changed = differences(before, after)
    if changed and not check_mode:
        write(changed)
    return dict(result, changed=bool(changed), diff={"before": before, "after": after})
