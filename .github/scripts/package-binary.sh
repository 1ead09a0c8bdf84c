#!/usr/bin/env bash
# Packs a release binary: OUTDIR/tongban-TARGET.tar.gz (a .zip for Windows) holding
# tongban-TARGET/tongban[.exe] and README.md, and its checksum OUTDIR/tongban-TARGET.<ext>.sha256
# ("HASH  NAME", as sha256sum writes it). The names carry no version, so
# releases/latest/download/tongban-TARGET.tar.gz always names the newest (the action uses both).
#   package-binary.sh TARGET BINARY OUTDIR
set -euo pipefail
target=${1:?usage: package-binary.sh TARGET BINARY OUTDIR}
binary=${2:?usage: package-binary.sh TARGET BINARY OUTDIR}
out=${3:?usage: package-binary.sh TARGET BINARY OUTDIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
name="tongban-$target"
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
exe=tongban
case "$target" in *windows*) exe=tongban.exe ;; esac
cp "$binary" "$stage/$name/$exe"
chmod +x "$stage/$name/$exe"
cp "$root/README.md" "$stage/$name/"
if [[ $target == *windows* ]]; then
  archive="$name.zip"
  rm -f "$out/$archive"
  if command -v 7z >/dev/null 2>&1; then
    (cd "$stage" && 7z a -tzip "$out/$archive" "$name" >/dev/null)
  else
    (cd "$stage" && zip -qr "$out/$archive" "$name")
  fi
else
  archive="$name.tar.gz"
  tar -C "$stage" -czf "$out/$archive" "$name"
fi
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$out" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$out/$archive ($(wc -c <"$out/$archive" | tr -d ' ') bytes)"
