#!/usr/bin/env bash
# Creates compat/.venv from the pinned requirements when it is missing or they changed. Sourced
# by run.sh; run on its own (from the repository root) by tests that need the official Python
# packages, such as python-socketio, before the compatibility stage runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=compat/.venv
stamp=$(cat compat/requirements.txt compat/requirements-node.txt | sha256sum | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements-sha" 2>/dev/null)" != "$stamp" ]; then
  echo "compat: creating $venv"
  started=$SECONDS
  "${COMPAT_PYTHON:-python3}" -m venv --clear "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r compat/requirements.txt
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    -r compat/requirements-node.txt
  echo "$stamp" >"$venv/.requirements-sha"
  echo "compat: venv ready in $((SECONDS - started)) s"
fi
