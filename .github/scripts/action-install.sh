#!/usr/bin/env bash
# The "Install tongban" step of action.yml. Installs into $TONGBAN_HOME only (a private venv or
# a folder for the binary), never on PATH or into the runner's Python; writes the program's full
# path to the step output `tongban` and how it got there to `from`.
#
# Environment (set by action.yml from its inputs and contexts):
#   TONGBAN_INSTALL       auto | pip | release | path
#   TONGBAN_VERSION       X.Y.Z or empty
#   TONGBAN_WHEEL_URL     a wheel URL or path, or empty
#   TONGBAN_RELEASE_URL   base of the release downloads, or empty (the action's repository)
#   TONGBAN_ACTION_REF    the action's ref (`v0.1.0` when used as OWNER/tongban@v0.1.0)
#   TONGBAN_ACTION_REPOSITORY, TONGBAN_SERVER_URL, TONGBAN_HOME, TONGBAN_OS, TONGBAN_ARCH
#   GITHUB_OUTPUT         the step's output file
set -euo pipefail

say() { printf 'tongban-action: %s\n' "$*" >&2; }
fail() {
  printf '::error title=tongban::%s\n' "$*"
  exit 2
}

mode=${TONGBAN_INSTALL:-auto}
home=${TONGBAN_HOME:?TONGBAN_HOME is not set}
mkdir -p "$home"

# github.action_ref and github.action_repository are not promised inside composite actions
# (actions/runner#2473): when they are empty, read them off the action's folder,
# …/_actions/OWNER/NAME/REF.
if [ -z "${TONGBAN_ACTION_REPOSITORY:-}" ] && [[ ${GITHUB_ACTION_PATH:-} =~ /_actions/([^/]+)/([^/]+)/([^/]+)$ ]]; then
  TONGBAN_ACTION_REPOSITORY="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
  TONGBAN_ACTION_REF=${TONGBAN_ACTION_REF:-${BASH_REMATCH[3]}}
fi

# The version: the input, else the action's tag when it names a version (v1.2.3), else latest.
version=${TONGBAN_VERSION#v}
if [ -z "$version" ] && [[ ${TONGBAN_ACTION_REF:-} =~ ^v([0-9]+\.[0-9]+\.[0-9]+.*)$ ]]; then
  version=${BASH_REMATCH[1]}
fi

done_with() { # PROGRAM FROM
  "$1" --version >&2 || fail "the installed tongban ($1) does not run"
  echo "tongban=$1" >>"$GITHUB_OUTPUT"
  echo "from=$2" >>"$GITHUB_OUTPUT"
  say "using $1 ($2)"
  exit 0
}

# pip into a private venv: the wheel URL, else the index. Returns non-zero when pip fails.
with_pip() { # SPEC FROM
  local python
  if [ "${TONGBAN_OS:-}" = Windows ]; then # python3 there may be the Store's stub
    python=$(command -v python || command -v python3 || true)
  else
    python=$(command -v python3 || command -v python || true)
  fi
  if [ -z "$python" ]; then
    say "no python3 on this runner: pip is not an option"
    return 1
  fi
  local venv="$home/venv"
  [ -d "$venv" ] || "$python" -m venv "$venv" || return 1
  local bin="$venv/bin"
  [ -d "$venv/Scripts" ] && bin="$venv/Scripts"
  "$bin/python" -m pip install --disable-pip-version-check --quiet "$1" || return 1
  local exe="$bin/tongban"
  [ -f "$bin/tongban.exe" ] && exe="$bin/tongban.exe"
  done_with "$exe" "$2"
}

# The release's plain binary for this runner, checked against its .sha256.
with_release() {
  local target ext=tar.gz exe=tongban
  case "${TONGBAN_OS:-}-${TONGBAN_ARCH:-}" in
    Linux-X64) target=x86_64-unknown-linux-gnu ;;
    Linux-ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    Windows-X64) target=x86_64-pc-windows-msvc ext=zip exe=tongban.exe ;;
    *) fail "no tongban release binary for ${TONGBAN_OS:-?} ${TONGBAN_ARCH:-?}: use wheel-url or install: path" ;;
  esac
  local base=${TONGBAN_RELEASE_URL:-${TONGBAN_SERVER_URL:-https://github.com}/${TONGBAN_ACTION_REPOSITORY:?the action repository is unknown: set release-url}/releases}
  local url
  if [ -n "$version" ]; then
    url="${base%/}/download/v$version/tongban-$target.$ext"
  else
    url="${base%/}/latest/download/tongban-$target.$ext"
  fi
  local archive="$home/tongban-$target.$ext"
  say "downloading $url"
  curl --fail --silent --show-error --location --retry 3 -o "$archive" "$url" \
    || fail "could not download $url (is there a release with this asset?)"
  curl --fail --silent --show-error --location --retry 3 -o "$archive.sha256" "$url.sha256" \
    || fail "could not download $url.sha256"
  local want got
  want=$(cut -d' ' -f1 <"$archive.sha256")
  if command -v sha256sum >/dev/null 2>&1; then
    got=$(sha256sum "$archive" | cut -d' ' -f1)
  else
    got=$(shasum -a 256 "$archive" | cut -d' ' -f1)
  fi
  [ "$want" = "$got" ] || fail "checksum mismatch for $url: expected $want, got $got"
  local dir="$home/bin"
  rm -rf "$dir" && mkdir -p "$dir"
  if [ "$ext" = zip ]; then
    unzip -q -o "$archive" -d "$dir"
  else
    tar xzf "$archive" -C "$dir"
  fi
  local found
  found=$(find "$dir" -type f -name "$exe" | head -n 1)
  [ -n "$found" ] || fail "$exe is not in $url"
  chmod +x "$found"
  done_with "$found" release
}

case "$mode" in
  path)
    found=$(command -v tongban || true)
    [ -n "$found" ] || fail "install: path, but there is no tongban on PATH"
    done_with "$found" path
    ;;
  auto | pip)
    if [ -n "${TONGBAN_WHEEL_URL:-}" ]; then
      with_pip "$TONGBAN_WHEEL_URL" wheel-url || fail "pip could not install the wheel $TONGBAN_WHEEL_URL"
    fi
    spec=tongban
    [ -n "$version" ] && spec="tongban==$version"
    with_pip "$spec" index || {
      [ "$mode" = pip ] && fail "pip could not install $spec from the package index"
      say "the package index has no $spec: falling back to the release binary"
      with_release
    }
    ;;
  release) with_release ;;
  *) fail "install must be auto, pip, release or path, not '$mode'" ;;
esac
