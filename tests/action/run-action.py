#!/usr/bin/env python3
"""Runs the steps of the composite action (action.yml) here, as a GitHub runner would, in
scripted scenarios, and checks what they do. `act` would run it in a container, but this
machine has no Docker engine, so this script is the runner: it evaluates the `${{ }}`
expressions and `if:` conditions the action uses, runs each `run:` step with bash (the files
GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY as on a runner), records each
`uses:` step (code scanning's upload cannot run here) and evaluates the action's outputs.

    run-action.py --wheel tongban-….whl --binary path/to/tongban

The wheel and binary are the artifacts under test: the wheel is installed through `wheel-url`,
the binary is packed as a release asset by .github/scripts/package-binary.sh and served from a
file:// `release-url`. Nothing is fetched from a network (PIP_NO_INDEX=1 stands for a package
index that has no tongban). Prints "N passed, N failed"; exits 1 on a failure.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml  # PyYAML (installed with pre-commit in .ci/run's venv)

ROOT = Path(__file__).resolve().parents[2]

# --- expressions -------------------------------------------------------------------------------

TOKEN = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.\-]*|\d+)")


def lookup(ctx, path):
    value = ctx
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return ""
    return value


def evaluate(expr, ctx, status):
    """The subset of GitHub's expression language action.yml uses: context paths, 'strings',
    true/false, ==, !=, !, &&, ||, parentheses, always(), success(), failure()."""
    tokens = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m:
            raise ValueError(f"cannot read expression at {expr[pos:]!r}")
        tokens.append(m.group(1))
        pos = m.end()
    it = {"i": 0}

    def peek():
        return tokens[it["i"]] if it["i"] < len(tokens) else None

    def take():
        t = peek()
        it["i"] += 1
        return t

    def primary():
        t = take()
        if t == "(":
            v = or_()
            assert take() == ")", expr
            return v
        if t == "!":
            return not truthy(primary())
        if t.startswith("'"):
            return t[1:-1].replace("''", "'")
        if t in ("true", "false"):
            return t == "true"
        if t in ("always", "success", "failure") and peek() == "(":
            take()
            assert take() == ")", expr
            return {"always": True, "success": status == "success", "failure": status == "failure"}[t]
        return lookup(ctx, t)

    def eq():
        left = primary()
        while peek() in ("==", "!="):
            op = take()
            right = primary()
            same = str(left).lower() == str(right).lower()
            left = same if op == "==" else not same
        return left

    def and_():
        left = eq()
        while peek() == "&&":
            take()
            right = eq()
            left = right if truthy(left) else left
        return left

    def or_():
        left = and_()
        while peek() == "||":
            take()
            right = and_()
            left = left if truthy(left) else right
        return left

    value = or_()
    assert peek() is None, f"unread tokens in {expr!r}"
    return value


def truthy(v):
    return v not in ("", False, None, 0)


def interpolate(text, ctx, status="success"):
    def sub(m):
        v = evaluate(m.group(1), ctx, status)
        if isinstance(v, bool):
            return "true" if v else "false"
        return str(v)

    return re.sub(r"\$\{\{(.*?)\}\}", sub, str(text))


# --- the runner --------------------------------------------------------------------------------


def read_kv_file(path):
    """GITHUB_OUTPUT / GITHUB_ENV: `k=v` lines and `k<<DELIM` blocks."""
    out = {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = line.split("<<", 1)
            block = []
            i += 1
            while lines[i] != delim:
                block.append(lines[i])
                i += 1
            out[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
        i += 1
    return out


def run_action(inputs, github, env, workdir, temp, runner_os="Linux", runner_arch="X64"):
    """Runs action.yml's steps; returns a dict: status, steps (id/name -> record), outputs, log,
    and what the steps wrote to GITHUB_ENV and GITHUB_PATH (side effects for later steps)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    for k, v in inputs.items():
        assert k in values, f"the action has no input {k}"
        values[k] = v
    runner = {"temp": str(temp), "os": runner_os, "arch": runner_arch}
    ctx = {"inputs": values, "github": github, "runner": runner, "steps": {}}
    status = "success"
    records = []
    log = []
    github_env = Path(temp) / "github-env"
    github_path = Path(temp) / "github-path"
    summary = Path(temp) / "step-summary.md"
    for f in (github_env, github_path, summary):
        f.write_text("")
    for n, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {n}")
        cond = step.get("if", "success()")
        cond = re.sub(r"^\$\{\{(.*)\}\}$", r"\1", str(cond).strip())
        record = {"name": name, "ran": False, "outcome": "skipped", "outputs": {}}
        records.append(record)
        if not truthy(evaluate(cond, ctx, status)):
            continue
        record["ran"] = True
        if "uses" in step:
            record["uses"] = step["uses"]
            record["with"] = {k: interpolate(v, ctx, status) for k, v in step.get("with", {}).items()}
            record["outcome"] = "success"
            log.append(f"[{name}] would run {step['uses']} with {record['with']}")
            continue
        output = Path(temp) / f"output-{n}"
        output.write_text("")
        step_env = dict(env)
        step_env.update({k: interpolate(v, ctx, status) for k, v in step.get("env", {}).items()})
        step_env.update(
            {
                "GITHUB_OUTPUT": str(output),
                "GITHUB_ENV": str(github_env),
                "GITHUB_PATH": str(github_path),
                "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_ACTION_PATH": str(ROOT),
                "RUNNER_TEMP": str(temp),
                "GITHUB_ACTIONS": "true",
            }
        )
        script = Path(temp) / f"step-{n}.sh"
        script.write_text(interpolate(step["run"], ctx, status))
        assert step.get("shell") == "bash", f"{name}: every step says shell: bash"
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workdir,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        log.append(f"[{name}] exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
        record["exit"] = proc.returncode
        record["stdout"] = proc.stdout
        record["stderr"] = proc.stderr
        record["outputs"] = read_kv_file(output)
        record["outcome"] = "success" if proc.returncode == 0 else "failure"
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": record["outputs"], "outcome": record["outcome"]}
        if proc.returncode != 0:
            status = "failure"
    outputs = {k: interpolate(v["value"], ctx, status) for k, v in action["outputs"].items()}
    return {
        "status": status,
        "steps": {r["name"]: r for r in records},
        "outputs": outputs,
        "log": "\n".join(log),
        "github_env": github_env.read_text(),
        "github_path": github_path.read_text(),
        "summary": summary.read_text(encoding="utf-8"),
    }


# --- scenarios ---------------------------------------------------------------------------------


def release_dir(binary, temp, version):
    """A file:// release as the release workflow lays it out: download/vX/ and latest/download/,
    with the archive from .github/scripts/package-binary.sh and its .sha256."""
    base = Path(temp) / "releases"
    out = Path(temp) / "packed"
    subprocess.run(
        ["bash", str(ROOT / ".github/scripts/package-binary.sh"), "x86_64-unknown-linux-gnu", str(binary), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    for d in (base / "download" / f"v{version}", base / "latest" / "download"):
        d.mkdir(parents=True)
        for f in out.iterdir():
            shutil.copy(f, d / f.name)
    return base


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def scenario(self, name, fn):
        try:
            fn()
            self.passed += 1
            print(f"ok - {name}")
        except AssertionError as e:
            self.failed += 1
            print(f"FAILED - {name}: {e}")


def check(cond, msg, result=None):
    if not cond:
        raise AssertionError(msg + ("\n" + result["log"] if result else ""))


def no_side_effects(r):
    check(r["github_env"] == "", f"the action wrote GITHUB_ENV: {r['github_env']!r}", r)
    check(r["github_path"] == "", f"the action wrote GITHUB_PATH: {r['github_path']!r}", r)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", required=True, type=Path)
    ap.add_argument("--binary", required=True, type=Path)
    args = ap.parse_args()
    args.wheel = args.wheel.resolve()
    args.binary = args.binary.resolve()
    version = re.search(r'^version = "([^"]+)"', (ROOT / "Cargo.toml").read_text(), re.M).group(1)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "PIP_"))}
    base_env.update({"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "LANG": "C.UTF-8"})
    # No tongban on PATH: the action must install its own.
    base_env["PATH"] = os.pathsep.join(
        p for p in base_env.get("PATH", "").split(os.pathsep) if not (Path(p) / "tongban").exists()
    )
    github = {
        "action_ref": f"v{version}",
        "action_repository": "OWNER/tongban",
        "server_url": "https://github.invalid",
        "event": {},
    }
    checks = Checks()
    scratch = Path(tempfile.mkdtemp(prefix="tongban-action-"))
    counter = iter(range(1000))

    def temp():
        d = scratch / f"run-{next(counter)}"
        d.mkdir()
        return d

    def workspace(t):
        """The checkout a workflow would lint: the repository's catalogs and fixtures, linked."""
        ws = t / "ws"
        ws.mkdir()
        for name in ("catalogs", "tests", "tongban.toml"):
            (ws / name).symlink_to(ROOT / name)
        return ws

    releases = release_dir(args.binary, temp(), version)
    broken = "tests/fixtures/lint/broken-guide.yaml"

    def wheel_url_clean_catalogs():
        t = temp()
        r = run_action({"paths": "catalogs", "wheel-url": str(args.wheel)}, github, base_env, workspace(t), t)
        check(r["status"] == "success", "clean catalogs: the action succeeds", r)
        check(r["outputs"]["installed-from"] == "wheel-url", f"from {r['outputs']}", r)
        check(r["outputs"]["tongban"].startswith(str(t / "tongban-action" / "venv")), f"{r['outputs']}", r)
        sarif = json.loads((t / "ws" / "tongban.sarif").read_text(encoding="utf-8"))
        check(sarif["runs"][0]["tool"]["driver"]["name"] == "tongban", "SARIF written", r)
        check(not r["steps"]["Upload SARIF"]["ran"], "upload-sarif is opt-in (off by default)", r)
        check(not r["steps"]["Decide on the SARIF upload"]["ran"], "no SARIF decision when off", r)
        check("tongban" in r["summary"], f"job summary written: {r['summary']!r}", r)
        no_side_effects(r)

    def index_empty_falls_back_to_release_binary():
        t = temp()
        out = t / "out.sarif"
        r = run_action(
            {"paths": broken, "release-url": releases.as_uri(), "upload-sarif": "true", "sarif-file": str(out)},
            github,
            base_env,
            workspace(t),
            t,
        )
        install = r["steps"]["Install tongban"]
        check(install["outcome"] == "success", "install from the release binary", r)
        check("the package index has no tongban==" + version in install["stderr"], "says why it falls back", r)
        check(f"/download/v{version}/tongban-x86_64-unknown-linux-gnu.tar.gz" in install["stderr"], "the tag's asset", r)
        check(r["outputs"]["installed-from"] == "release", f"{r['outputs']}", r)
        lint = r["steps"]["Lint"]
        check(lint["exit"] == 1, "findings: the lint step fails with exit 1", r)
        check("::error file=" + broken in lint["stdout"], "workflow annotations", r)
        check(r["status"] == "failure", "the action fails on findings", r)
        check(out.is_file(), "SARIF written even with findings", r)
        up = r["steps"]["Upload SARIF"]
        check(up["ran"] and up["uses"].startswith("github/codeql-action/upload-sarif@"), "upload after findings", r)
        check(up["with"]["sarif_file"] == str(out), f"uploads the written file: {up['with']}", r)
        no_side_effects(r)

    def latest_when_the_ref_is_no_tag():
        t = temp()
        gh = dict(github, action_ref="main")
        r = run_action({"paths": "catalogs/national", "install": "release", "release-url": releases.as_uri()}, gh, base_env, workspace(t), t)
        check(r["status"] == "success", "release binary from latest", r)
        check("/latest/download/tongban-x86_64-unknown-linux-gnu.tar.gz" in r["steps"]["Install tongban"]["stderr"], "latest", r)

    def fork_pull_request_skips_upload_with_a_note():
        t = temp()
        gh = dict(github, event={"pull_request": {"head": {"repo": {"fork": True}}}})
        r = run_action(
            {"paths": "catalogs/national", "wheel-url": str(args.wheel), "upload-sarif": "true", "sarif-file": str(t / "s.sarif")},
            gh,
            base_env,
            workspace(t),
            t,
        )
        decide = r["steps"]["Decide on the SARIF upload"]
        check(decide["ran"] and "::notice title=tongban::SARIF upload skipped" in decide["stdout"], "note", r)
        check(not r["steps"]["Upload SARIF"]["ran"], "no upload from a fork", r)
        check(r["status"] == "success", "the run still succeeds", r)

    def checksum_mismatch_is_refused():
        t = temp()
        bad = t / "releases"
        shutil.copytree(releases, bad)
        (bad / "latest/download/tongban-x86_64-unknown-linux-gnu.tar.gz.sha256").write_text("0" * 64 + "  x\n")
        gh = dict(github, action_ref="main")
        r = run_action({"install": "release", "release-url": bad.as_uri()}, gh, base_env, workspace(t), t)
        install = r["steps"]["Install tongban"]
        check(install["exit"] == 2 and "checksum mismatch" in install["stdout"], "refused", r)
        check(not r["steps"]["Lint"]["ran"], "nothing linted", r)

    def install_path_without_tongban_says_so():
        t = temp()
        r = run_action({"install": "path"}, github, base_env, workspace(t), t)
        install = r["steps"]["Install tongban"]
        check(install["exit"] == 2 and "no tongban on PATH" in install["stdout"], "clear error", r)

    def pip_only_with_an_empty_index_fails_clearly():
        t = temp()
        r = run_action({"install": "pip"}, github, base_env, workspace(t), t)
        install = r["steps"]["Install tongban"]
        check(install["exit"] == 2 and "from the package index" in install["stdout"], "clear error", r)

    def every_runner_asks_for_an_asset_the_release_builds():
        release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
        built = {row["target"] for row in release["jobs"]["build"]["strategy"]["matrix"]["include"]}
        for runner_os, arch, asset in [
            ("Linux", "ARM64", "tongban-aarch64-unknown-linux-gnu.tar.gz"),
            ("macOS", "X64", "tongban-x86_64-apple-darwin.tar.gz"),
            ("macOS", "ARM64", "tongban-aarch64-apple-darwin.tar.gz"),
            ("Windows", "X64", "tongban-x86_64-pc-windows-msvc.zip"),
        ]:
            t = temp()
            r = run_action(
                {"install": "release", "release-url": releases.as_uri()},
                github, base_env, workspace(t), t, runner_os=runner_os, runner_arch=arch,
            )
            install = r["steps"]["Install tongban"]
            # The file:// release here only has the x86_64 Linux asset: the others are asked
            # for by name and reported missing.
            check(install["exit"] == 2, f"{runner_os} {arch}: no such asset here", r)
            check(f"/download/v{version}/{asset}" in install["stdout"], f"{runner_os} {arch} asks for {asset}", r)
            target = asset.removeprefix("tongban-").removesuffix(".tar.gz").removesuffix(".zip")
            check(target in built, f"release.yml builds {target} (it builds {sorted(built)})", r)
        t = temp()
        r = run_action({"install": "release", "release-url": releases.as_uri()}, github, base_env, workspace(t), t, runner_os="Linux", runner_arch="ARM")
        check("no tongban release binary for Linux ARM" in r["steps"]["Install tongban"]["stdout"], "32-bit ARM: said so", r)

    for name, fn in [
        ("wheel-url: installs the wheel into a private venv, lints clean catalogs, SARIF off by default", wheel_url_clean_catalogs),
        ("empty package index: falls back to the tag's release binary; findings fail the run; SARIF uploaded when on", index_empty_falls_back_to_release_binary),
        ("no version tag: the latest release's binary", latest_when_the_ref_is_no_tag),
        ("pull request from a fork: SARIF upload skipped with a note", fork_pull_request_skips_upload_with_a_note),
        ("a release asset whose checksum does not match is refused", checksum_mismatch_is_refused),
        ("install: path without tongban on PATH: a clear error", install_path_without_tongban_says_so),
        ("install: pip with an empty index: a clear error", pip_only_with_an_empty_index_fails_clearly),
        ("each runner's asset (Linux ARM64, macOS both, Windows) is one release.yml builds", every_runner_asks_for_an_asset_the_release_builds),
    ]:
        checks.scenario(name, fn)
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"action: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
