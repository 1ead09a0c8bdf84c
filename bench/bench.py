#!/usr/bin/env python3
"""Benchmark driver for bench/run.sh: times each tool on the same synthetic corpora, checks that
each reported exactly the manifest's invalid files, and writes docs/benchmarks.md.

Wall time and peak RSS come from GNU time; each measurement is the median of --runs runs.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

# ajv-cli stops its whole run at the first file that does not parse, so the corpora used here
# carry only schema-level defects (tongban's handling of broken YAML is covered by its tests).
DEFECTS = "missing-department,bad-item-type,bad-region-code,unknown-key,wrong-type-days,bad-date,negative-copies"


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def timed(cmd, cwd=None):
    """Runs cmd under GNU time; returns (seconds, peak RSS in MiB, stdout, stderr)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %M"] + cmd,
                           capture_output=True, text=True, cwd=cwd)
        secs, kb = t.read().strip().splitlines()[-1].split()
    return float(secs), int(kb) / 1024, p.stdout, p.stderr


def measure(name, cmd, runs, parse, expected, cwd=None):
    times, rss, found = [], [], None
    for _ in range(runs):
        secs, mib, out, err = timed(cmd, cwd)
        times.append(secs)
        rss.append(mib)
        found = parse(out, err)
    ok = expected is None or found == expected
    if not ok:
        missing = sorted(expected - found)[:5]
        extra = sorted(found - expected)[:5]
        print(f"  !! {name}: reported {len(found)} invalid files, manifest has {len(expected)};"
              f" missing {missing} extra {extra}", file=sys.stderr)
    med = statistics.median(times)
    print(f"  {name}: median {med:.2f} s over {runs} runs, peak RSS {max(rss):.0f} MiB,"
          f" correct={ok}", file=sys.stderr)
    return {"name": name, "median": med, "runs": times, "rss": max(rss), "correct": ok}


def manifest(corpus, subset=None):
    files = set()
    with open(os.path.join(corpus, "manifest.tsv")) as f:
        next(f)
        for line in f:
            path = line.split("\t")[0]
            if subset is None or path in subset:
                files.add(path)
    return files


def rel(corpus, path):
    path = path.strip()
    if path.startswith(corpus):
        path = path[len(corpus):]
    return path.lstrip("./").lstrip("/")


def parse_tongban(corpus):
    def parse(out, _err):
        data = json.loads(out)
        return {rel(corpus, f["path"]) for f in data["findings"] if f["severity"] == "error"}
    return parse


def parse_ajv(corpus):
    def parse(out, err):
        bad = set()
        for line in (out + err).splitlines():
            m = re.match(r"^(\S+\.yaml) invalid$", line.strip())
            if m:
                bad.add(rel(corpus, m.group(1)))
        return bad
    return parse


def parse_cjs(corpus):
    def parse(out, err):
        bad = set()
        for line in (out + err).splitlines():
            m = re.match(r"^\s+(\S+\.yaml)::", line) or re.match(r"^\s+Failed to parse (\S+\.yaml)", line)
            if m:
                bad.add(rel(corpus, m.group(1)))
        return bad
    return parse


def version(cmd):
    p = sh(cmd)
    return (p.stdout or p.stderr).strip().splitlines()[0] if (p.stdout or p.stderr) else "?"


def main():
    ap = argparse.ArgumentParser()
    for a in ["tongban", "gen", "ajv", "check-jsonschema", "scratch", "out"]:
        ap.add_argument("--" + a, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--million", action="store_true")
    args = ap.parse_args()

    schema = os.path.join(args.scratch, "schema.json")
    with open(schema, "w") as f:
        f.write(sh([args.tongban, "schema"]).stdout)

    sizes = [10_000, 100_000] + ([1_000_000] if args.million else [])
    rows = []
    for n in sizes:
        corpus = os.path.join(args.scratch, f"corpus-{n}")
        if not os.path.exists(os.path.join(corpus, "manifest.tsv")):
            shutil.rmtree(corpus, ignore_errors=True)
            print(f"== generating {n} guides", file=sys.stderr)
            subprocess.run([args.gen, "--guides", str(n), "--out", corpus, "--seed", "2026",
                            "--defects", DEFECTS], check=True)
        expected = manifest(corpus)
        print(f"== {n} guides ({len(expected)} invalid)", file=sys.stderr)
        # Warm the page cache: one untimed read of every file, so that the first tool timed
        # does not pay for the disk (a cold 1M corpus made the first run ~1.8x slower).
        subprocess.run([args.tongban, "lint", "--quiet", "--format", "json", "."], cwd=corpus,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs = args.runs if n < 1_000_000 else 1
        # A 10k tongban run takes ~0.3 s, so one hiccup of a shared host moves a median of 3 by
        # 20%: take more runs there (tongban only; each peer run takes seconds).
        quick = max(runs, 7) if n <= 10_000 else runs
        r = measure("tongban lint", [args.tongban, "lint", "--quiet", "--format", "json", "."],
                    quick, parse_tongban(corpus), expected, cwd=corpus)
        rows.append((n, r))
        r = measure("tongban lint -j1", [args.tongban, "lint", "--quiet", "--format", "json", "-j", "1", "."],
                    quick, parse_tongban(corpus), expected, cwd=corpus)
        rows.append((n, r))
        if "diff" in sh([args.tongban, "--help"]).stdout:
            r = measure("tongban diff", [args.tongban, "diff", "--format", "json", "-o", os.devnull, "."],
                        runs, lambda o, e: set(), None, cwd=corpus)
            rows.append((n, r))
        if n <= 100_000:
            r = measure("ajv-cli", [args.ajv, "validate", "--spec=draft2020", "-c", "ajv-formats",
                                    "--all-errors", "--errors=line", "-s", schema, "-d", "**/*.yaml"],
                        runs, parse_ajv(corpus), expected, cwd=corpus)
            rows.append((n, r))
        if n == 10_000:
            files = []
            for d in sorted(os.listdir(corpus)):
                full = os.path.join(corpus, d)
                if os.path.isdir(full):
                    files += [f"{d}/{f}" for f in sorted(os.listdir(full))]
            files = files[:2000]
            r = measure("check-jsonschema (2,000)", [args.check_jsonschema, "--schemafile", schema] + files,
                        runs, parse_cjs(corpus), manifest(corpus, set(files)), cwd=corpus)
            r["guides"] = 2000
            rows.append((n, r))

    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "# Benchmarks",
        "",
        "Generated by `bench/run.sh` (do not edit by hand). Corpora are **synthetic** guides from",
        "`cargo run --release --example gen-corpus` (seed 2026, 3% invalid with schema-level defects:",
        f"`{DEFECTS}`), linted against the same schema (`tongban schema`).",
        "Each time is the median wall-clock of several runs (tongban lint: at least 7 at 10,000, where a run",
        "takes ~0.3 s; one at 1,000,000), after one untimed run that warms the page cache; RSS is the peak",
        "(GNU time).",
        "\"correct\" means the tool reported exactly the manifest's invalid files.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {cpu}",
        f"- tongban: {version([args.tongban, '--version'])}",
        f"- ajv-cli 5 + ajv-formats 3 (npm); node {version(['node', '--version'])}",
        f"- check-jsonschema: {version([args.check_jsonschema, '--version'])}",
        "",
        "| guides | tool | median s | guides/s | µs/guide | peak RSS MiB | correct |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for n, r in rows:
        g = r.get("guides", n)
        lines.append(f"| {n:,} | {r['name']} | {r['median']:.2f} | {g / r['median']:,.0f} |"
                     f" {r['median'] / g * 1e6:.1f} | {r['rss']:.0f} | {'yes' if r['correct'] else 'NO'} |")
    lines += ["", "## Ratios", ""]
    by = {(n, r["name"]): r for n, r in rows}
    for n in sizes:
        t = by.get((n, "tongban lint"))
        if not t:
            continue
        tg = n / t["median"]
        a = by.get((n, "ajv-cli"))
        if a:
            lines.append(f"- {n:,} guides: tongban lint is **{tg / (n / a['median']):.1f}×** the throughput of ajv-cli")
        c = by.get((n, "check-jsonschema (2,000)"))
        if c:
            lines.append(f"- {n:,} guides: tongban lint is **{tg / (2000 / c['median']):.0f}×** the throughput of check-jsonschema")
    if len(sizes) > 1:
        per = [(n, by[(n, 'tongban lint')]['median'] / n * 1e6) for n in sizes if (n, 'tongban lint') in by]
        lines.append("- tongban lint µs/guide by corpus size: " + ", ".join(f"{n:,}: {u:.1f}" for n, u in per))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
