#!/usr/bin/env bash
# Creates or refreshes the project's virtual environment at .venv/ with every dependency the
# main job and the test suite need. Idempotent: re-runs only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# What the installed environment was made from: these files, and the C sources an editable install
# builds once (a changed one must be built again). `setup.sh --stamp` prints it (tests/reliability).
stamp_of() {
  cat pyproject.toml scripts/setup.sh src/gongkai/report/*.h src/gongkai/report/*/*.c src/gongkai/corpus/*.c | sha256sum | cut -d' ' -f1
}
if [ "${1:-}" = "--stamp" ]; then
  stamp_of
  exit 0
fi

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON=$candidate
      break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "setup: Python 3.11 or newer is required (none found on PATH)" >&2
  exit 1
fi

# System packages (fonts, LibreOffice, Chromium...) listed in scripts/apt-packages.txt.
apt_wanted=$( (grep -v '^\s*#' scripts/apt-packages.txt || true) | awk 'NF {print $1}')
apt_missing=""
for pkg in $apt_wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || apt_missing="$apt_missing $pkg"
done
if [ -n "$apt_missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages:$apt_missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $apt_missing >/dev/null
  else
    echo "setup: please install these Debian packages (needs root):$apt_missing" >&2
  fi
fi

stamp=.venv/.gongkai-setup
want=$(stamp_of)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing gongkai and its dependencies into .venv/ ..."
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
echo "$want" > "$stamp"
echo "setup: done"
