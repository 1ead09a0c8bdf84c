#!/usr/bin/env bash
# Installs a built wheel into a fresh venv without a package index, as an intranet machine
# would (`pip install ./tongban-*.whl`), and runs the packed binary; both lint the bundled
# catalogs. For the targets the runner can execute.
#   smoke-test.sh WHEEL [ARCHIVE]
set -euo pipefail
wheel=${1:?usage: smoke-test.sh WHEEL [ARCHIVE]}
archive=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python=$(command -v python || command -v python3)
"$python" -m venv "$tmp/venv"
bin="$tmp/venv/bin"
[ -d "$tmp/venv/Scripts" ] && bin="$tmp/venv/Scripts"
"$bin/python" -m pip install --no-index --disable-pip-version-check --quiet "$wheel"
"$bin/tongban" --version
(cd "$root" && "$bin/tongban" lint catalogs --quiet --statistics)
echo "smoke-test: the wheel installs offline and lints the catalogs"
if [ -n "$archive" ]; then
  mkdir "$tmp/bin"
  case "$archive" in
    *.zip) "$python" -m zipfile -e "$archive" "$tmp/bin" ;;
    *) tar xzf "$archive" -C "$tmp/bin" ;;
  esac
  exe=$(find "$tmp/bin" -type f \( -name tongban -o -name tongban.exe \) | head -n 1)
  (cd "$root" && "$exe" lint catalogs --quiet --statistics)
  echo "smoke-test: the plain binary ($(basename "$archive")) lints the catalogs"
fi
