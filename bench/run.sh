#!/usr/bin/env bash
# Reproducible benchmark: tongban vs ajv-cli and check-jsonschema on synthetic national corpora.
# Installs the peers into a scratch folder (never globally), generates the corpora, runs every
# tool several times, checks each reported exactly the manifest's invalid files, and writes
# docs/benchmarks.md.
#
#   bench/run.sh                 # 10k and 100k guides
#   BENCH_MILLION=1 bench/run.sh # also 1,000,000 guides (tongban only; ~4 GB of disk)
#   BENCH_RUNS=5 bench/run.sh    # runs per measurement (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=${BENCH_DIR:-$root/target/bench}
mkdir -p "$scratch"

echo "== building tongban and the corpus generator (release)" >&2
cargo build --release --locked --bin tongban --example gen-corpus >&2

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (peak RSS)" >&2
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

if [ ! -x "$scratch/node/node_modules/.bin/ajv" ]; then
  echo "== installing ajv-cli + ajv-formats into $scratch/node" >&2
  mkdir -p "$scratch/node"
  (cd "$scratch/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent ajv-cli@5 ajv-formats@3 >&2)
fi
if [ ! -x "$scratch/venv/bin/check-jsonschema" ]; then
  echo "== installing check-jsonschema into $scratch/venv" >&2
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/pip" install -q check-jsonschema >&2
fi

exec python3 bench/bench.py \
  --tongban "$root/target/release/tongban" \
  --gen "$root/target/release/examples/gen-corpus" \
  --ajv "$scratch/node/node_modules/.bin/ajv" \
  --check-jsonschema "$scratch/venv/bin/check-jsonschema" \
  --scratch "$scratch" \
  --runs "${BENCH_RUNS:-3}" \
  ${BENCH_MILLION:+--million} \
  --out "$root/docs/benchmarks.md"
