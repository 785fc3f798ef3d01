# Sourced by the other tools: a virtualenv with the pinned test requirements, and this checkout
# placed on a collections path as ansible_collections/twilio_okta/sso.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
BUILD="$ROOT/.build"
stamp="$(cat "$ROOT/requirements.txt" "$ROOT/tests/requirements.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== installing test requirements into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$ROOT/tests/requirements.txt"
  echo "$stamp" > "$VENV/.requirements-stamp"
fi
# The Twilio modules drive Chromium; Playwright's own browser download does not work here, Debian's does.
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Chromium (Debian package)"
  if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" install -y --no-install-recommends chromium >/dev/null \
    || { "${apt_get[@]}" update >/dev/null && "${apt_get[@]}" install -y --no-install-recommends chromium >/dev/null; }
fi
mkdir -p "$BUILD/collections/ansible_collections/twilio_okta"
ln -sfn "$ROOT" "$BUILD/collections/ansible_collections/twilio_okta/sso"
export PATH="$VENV/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$BUILD/collections"
export PYTHONPATH="$BUILD/collections:$ROOT/tests"
export ANSIBLE_PYTHON_INTERPRETER="$VENV/bin/python"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
