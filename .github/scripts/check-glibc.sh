#!/usr/bin/env bash
# Fails when a Linux binary needs a newer glibc than the floor (default 2.17, manylinux2014:
# CentOS 7, and so Kylin V10, UOS V20, RHEL 8 and anything newer). Reads the version needs of
# the ELF file (readelf works for any architecture; objdump -T as a fallback), prints the
# highest GLIBC_x.y required and the file size.
#   check-glibc.sh BINARY [FLOOR]
set -euo pipefail
bin=${1:?usage: check-glibc.sh BINARY [FLOOR]}
floor=${2:-2.17}
[ -f "$bin" ] || { echo "check-glibc: $bin: no such file" >&2; exit 2; }
if command -v readelf >/dev/null 2>&1; then
  needs=$(readelf --version-info --wide "$bin")
elif command -v objdump >/dev/null 2>&1; then
  needs=$(objdump -T "$bin")
else
  echo "check-glibc: neither readelf nor objdump (binutils) is installed" >&2
  exit 2
fi
versions=$(grep -o 'GLIBC_[0-9][0-9.]*' <<<"$needs" | sed 's/^GLIBC_//' | sort -uV || true)
size=$(wc -c <"$bin" | tr -d ' ')
if [ -z "$versions" ]; then
  echo "check-glibc: $bin needs no glibc symbol versions (static or not glibc); $size bytes"
  exit 0
fi
highest=$(tail -n 1 <<<"$versions")
if [ "$(printf '%s\n%s\n' "$highest" "$floor" | sort -V | tail -n 1)" != "$floor" ]; then
  echo "check-glibc: $bin needs GLIBC_$highest, above the floor $floor; symbols above it:" >&2
  # The symbols that need more (objdump prints them with their version).
  (objdump -T "$bin" 2>/dev/null || true) | awk -v f="$floor" '
    match($0, /GLIBC_[0-9.]+/) {
      v = substr($0, RSTART + 6, RLENGTH - 6); split(v, b, "."); split(f, a, ".")
      if (b[1] + 0 > a[1] + 0 || (b[1] + 0 == a[1] + 0 && b[2] + 0 > a[2] + 0)) print "  " $NF " (GLIBC_" v ")"
    }' | sort -u >&2
  exit 1
fi
echo "check-glibc: $bin needs at most GLIBC_$highest (floor $floor): ok; $size bytes"
