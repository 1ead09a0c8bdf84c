#!/usr/bin/env bash
# Replaces the placeholder OWNER/tongban with the real repository (owner/name) in the files that
# are published with absolute links: the PyPI page and project URLs, the VS Code extension's
# manifest and README, the action's header. The release workflow runs it (with
# $GITHUB_REPOSITORY) before building; nothing is committed.
#   set-repository.sh OWNER/NAME
set -euo pipefail
repo=${1:?usage: set-repository.sh OWNER/NAME}
[[ $repo =~ ^[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$ ]] || { echo "set-repository: not owner/name: $repo" >&2; exit 2; }
cd "$(dirname "$0")/../.."
for f in pyproject.toml docs/pypi.md editors/vscode/package.json editors/vscode/README.md action.yml; do
  sed -i.bak "s#OWNER/tongban#$repo#g" "$f" && rm -f "$f.bak"
done
if grep -n "OWNER/tongban" pyproject.toml docs/pypi.md editors/vscode/package.json; then
  echo "set-repository: placeholders left" >&2
  exit 1
fi
echo "set-repository: links point to $repo"
