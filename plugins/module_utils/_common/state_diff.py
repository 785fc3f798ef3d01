# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare managed fields of a remote object with the wanted values, and merge them in.

Fields are addressed by option name, each mapped to a path of keys in the remote object.
Everything outside the managed paths is carried over untouched.
"""

from __future__ import annotations

import copy


def get_path(obj, path):
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def set_path(obj, path, value):
    for key in path[:-1]:
        if not isinstance(obj.get(key), dict):
            obj[key] = {}
        obj = obj[key]
    obj[path[-1]] = value


def same(left, right):
    """Equality where an empty string and null are the same value, at any depth."""
    if left in ("", None) and right in ("", None):
        return True
    if isinstance(left, dict) and isinstance(right, dict):
        keys = set(left) | set(right)
        return all(same(left.get(k), right.get(k)) for k in keys)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right))
    return left == right


def current_values(obj, paths, wanted, views=None):
    """The remote values of the wanted fields, in option names (seen through any view function)."""
    views = views or {}
    values = {}
    for name in wanted:
        value = get_path(obj, paths[name])
        values[name] = views[name](value) if name in views else value
    return values


def merged(obj, paths, wanted, drop=()):
    """A deep copy of obj with the wanted fields set and the drop keys removed; nothing else changes."""
    result = copy.deepcopy(obj)
    for key in drop:
        result.pop(key, None)
    for name, value in wanted.items():
        set_path(result, paths[name], copy.deepcopy(value))
    return result
