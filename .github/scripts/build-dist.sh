#!/usr/bin/env bash
# Builds what the release ships for one target, with one cargo build: the wheel (maturin,
# `bindings = "bin"`) and, from the same build, the plain binary packed by package-binary.sh.
# Profile `dist` (release + strip). Linux targets build with zig (pip's ziglang) for a glibc
# floor (COMPAT manylinux2014 = glibc 2.17) or a static musl binary (COMPAT musllinux_1_2), and
# are checked: check-glibc.sh for -gnu, no dynamic dependencies for -musl.
#   build-dist.sh TARGET [COMPAT] [OUTDIR=dist]
# Needs maturin on PATH (and ziglang in its Python for Linux). The release workflow runs this;
# .ci/run's artifacts here came from `build-dist.sh x86_64-unknown-linux-gnu manylinux2014`.
set -euo pipefail
target=${1:?usage: build-dist.sh TARGET [COMPAT] [OUTDIR]}
compat=${2:-}
out=${3:-dist}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

args=(build --profile dist --locked --target "$target" --out "$out")
if [ -n "$compat" ]; then
  args+=(--zig --compatibility "$compat")
fi
start=$(date +%s)
maturin "${args[@]}"
echo "build-dist: built in $(($(date +%s) - start)) s"

exe=tongban
case "$target" in *windows*) exe=tongban.exe ;; esac
binary="${CARGO_TARGET_DIR:-target}/$target/dist/$exe"
[ -f "$binary" ] || { echo "build-dist: no binary at $binary" >&2; exit 1; }
case "$target" in
  *-linux-gnu*) bash "$here/check-glibc.sh" "$binary" 2.17 ;;
  *-linux-musl*)
    if readelf --dynamic "$binary" | grep -q NEEDED; then
      echo "build-dist: $binary is not static:" >&2
      readelf --dynamic "$binary" | grep NEEDED >&2
      exit 1
    fi
    echo "build-dist: $binary is static (no NEEDED entries); $(wc -c <"$binary" | tr -d ' ') bytes"
    ;;
esac
bash "$here/package-binary.sh" "$target" "$binary" "$out"
ls -l "$out"
