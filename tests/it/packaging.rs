//! Packaging, end to end: the Python wheel (maturin, `bindings = "bin"`) builds from this tree,
//! installs into a fresh venv and lints the bundled catalogs; the wheel-based pre-commit hooks
//! (`pre-commit-mirror/`) run with real `pre-commit try-repo` on a scratch repository: a bad
//! guide fails, other YAML is never linted, a cross-region regression in one changed file fails.
//!
//! Needs python3 (with venv), maturin, pre-commit and git on PATH; without them the test says so
//! and skips, except under CI, where it fails (`.ci/run` installs maturin and pre-commit).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;
use common::root;

/// The program on PATH, if any.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The tools, or `None` after a notice (a failure under CI).
fn tools() -> Option<[PathBuf; 4]> {
    let names = ["python3", "maturin", "pre-commit", "git"];
    let found: Vec<Option<PathBuf>> = names.iter().map(|n| on_path(n)).collect();
    let missing: Vec<&str> = names
        .iter()
        .zip(&found)
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        assert!(
            !ci(),
            "CI is set but {} missing: .ci/run installs maturin and pre-commit with pip",
            missing.join(", ")
        );
        eprintln!(
            "notice: {} not on PATH; skipping the wheel and pre-commit test \
             (pip install maturin pre-commit)",
            missing.join(", ")
        );
        return None;
    }
    let v: Vec<PathBuf> = found.into_iter().flatten().collect();
    Some([v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone()])
}

/// Runs a command; returns (success, stdout + stderr).
fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn git(git: &Path, dir: &Path, args: &[&str]) {
    let (ok, out) = run(Command::new(git)
        .current_dir(dir)
        .args([
            "-c",
            "user.name=tongban test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args));
    assert!(ok, "git {args:?}: {out}");
}

fn guide(code: &str, name: &str, kind: &str) -> String {
    format!(
        "item:\n  name: 合伙企业设立登记\n  type: {kind}\nregion:\n  code: \"{code}\"\n  name: {name}\n\
         department: {name}市场监督管理局\nmaterials:\n  - name: 全体合伙人签署的合伙协议\n\
         source:\n  document: tongban 测试样例（非真实指南）\n  retrieved: \"2026-11-26\"\n  completeness: partial\n"
    )
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn wheel_installs_and_lints_and_pre_commit_hooks_work() {
    let Some([python, maturin, pre_commit, git_bin]) = tools() else {
        return;
    };
    let t = tempfile::TempDir::new().unwrap();
    let dist = t.path().join("dist");

    // 1. The wheel of this tree: TONGBAN_WHEEL (.ci/run builds it before `cargo test`), else
    // built here (debug profile, stripped: 9 MB instead of 46 MB, which the two installs below
    // feel) in a target folder of its own. Regression: in the shared target/debug, maturin
    // re-linked target/debug/tongban while the other tests of this binary ran it (23 failed
    // with "NotFound target/debug/tongban").
    let started = std::time::Instant::now();
    std::fs::create_dir_all(&dist).unwrap();
    if let Some(prebuilt) = std::env::var_os("TONGBAN_WHEEL") {
        let prebuilt = PathBuf::from(prebuilt);
        std::fs::copy(&prebuilt, dist.join(prebuilt.file_name().unwrap())).unwrap();
    } else {
        let (ok, out) = run(Command::new(&maturin)
            .current_dir(root())
            .env("CARGO_TARGET_DIR", root().join("target/packaging"))
            .args(["build", "--strip", "--out"])
            .arg(&dist));
        assert!(ok, "maturin build: {out}");
    }
    let wheel = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .expect("a wheel");
    eprintln!(
        "built {} ({} bytes) in {:.1} s",
        wheel.file_name().unwrap().to_string_lossy(),
        std::fs::metadata(&wheel).unwrap().len(),
        started.elapsed().as_secs_f64()
    );

    // The PyPI page and project URLs travel in the wheel's metadata.
    let metadata = wheel_metadata(&wheel);
    assert!(
        metadata.contains("Project-URL: Repository, https://github.com/")
            && metadata.contains("Project-URL: Issues, https://github.com/"),
        "{metadata}"
    );
    assert!(
        metadata.contains("Description-Content-Type: text/markdown")
            && metadata.contains("pip install ./tongban-"),
        "the wheel's description is docs/pypi.md: {metadata}"
    );

    // 2. A fresh venv, the wheel alone (no index), and the README's first command.
    let venv = t.path().join("venv");
    let (ok, out) = run(Command::new(&python).args(["-m", "venv"]).arg(&venv));
    assert!(ok, "venv: {out}");
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    let (ok, out) = run(Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--no-index", "--quiet"])
        .arg(&wheel));
    assert!(ok, "pip install: {out}");
    let installed = bin.join(if cfg!(windows) {
        "tongban.exe"
    } else {
        "tongban"
    });
    let lint = Command::new(&installed)
        .current_dir(root())
        .args(["lint", "catalogs", "--quiet", "--lang", "en", "-f", "json"])
        .output()
        .unwrap();
    assert_eq!(lint.status.code(), Some(0), "{lint:?}");
    let v: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    assert!(v["summary"]["files"].as_u64().unwrap() >= 20, "{v}");
    assert_eq!(v["summary"]["errors"], 0);

    // 3. The hooks repository (pre-commit-mirror/, as it would be published), committed.
    let mirror = t.path().join("mirror");
    for f in [".pre-commit-hooks.yaml", "pyproject.toml", "README.md"] {
        write(
            &mirror,
            f,
            &std::fs::read_to_string(root().join("pre-commit-mirror").join(f)).unwrap(),
        );
    }
    git(&git_bin, &mirror, &["init", "-q"]);
    git(&git_bin, &mirror, &["add", "-A"]);
    git(&git_bin, &mirror, &["commit", "-q", "-m", "hooks"]);

    // A catalog repository: three regions agree; other YAML that is no guide at all.
    let repo = t.path().join("repo");
    write(
        &repo,
        "tongban.toml",
        "catalog = \"catalogs\"\ninclude = [\"catalogs/**\"]\n\n[rules]\ninconsistent-item-type = \"error\"\n",
    );
    write(
        &repo,
        "catalogs/national.yaml",
        &guide("100000", "全国", "行政许可"),
    );
    write(
        &repo,
        "catalogs/shanghai.yaml",
        &guide("310000", "上海市", "行政许可"),
    );
    write(
        &repo,
        "catalogs/hunan.yaml",
        &guide("430000", "湖南省", "行政许可"),
    );
    write(&repo, ".pre-commit-config.yaml", "repos: []\n");
    write(&repo, "config/app.yaml", "key: [unclosed\n");
    git(&git_bin, &repo, &["init", "-q"]);
    git(&git_bin, &repo, &["add", "-A"]);
    git(&git_bin, &repo, &["commit", "-q", "-m", "catalog"]);

    let try_repo = || {
        let mut c = Command::new(&pre_commit);
        c.current_dir(&repo)
            .arg("try-repo")
            .arg(&mirror)
            .arg("tongban")
            .env("PRE_COMMIT_HOME", t.path().join("pre-commit-home"))
            // `tongban==VERSION` comes from the wheel just built (it is not on PyPI yet).
            .env("PIP_FIND_LINKS", &dist)
            .env("LANG", "en_US.UTF-8")
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL");
        run(&mut c)
    };

    // Other YAML changed (broken YAML, the pre-commit config): never linted as guides.
    write(&repo, "config/app.yaml", "key: [still unclosed\n");
    write(&repo, ".pre-commit-config.yaml", "repos: []\n# changed\n");
    git(&git_bin, &repo, &["add", "-A"]);
    let (ok, out) = try_repo();
    assert!(ok, "other YAML must not fail the hook: {out}");
    assert!(!out.contains("app.yaml") && !out.contains("TB0"), "{out}");
    git(&git_bin, &repo, &["commit", "-q", "-m", "other yaml"]);

    // One changed file breaks uniformity (事项类型), and a new guide is broken.
    write(
        &repo,
        "catalogs/hunan.yaml",
        &guide("430000", "湖南省", "其他行政权力"),
    );
    write(
        &repo,
        "catalogs/jiangsu.yaml",
        &guide("320000", "江苏省", "行政许可").replace("department:", "departmnet:"),
    );
    write(&repo, "config/app.yaml", "key: [unclosed again\n");
    git(&git_bin, &repo, &["add", "-A"]);
    let (ok, out) = try_repo();
    assert!(!ok, "the hook must fail: {out}");
    assert!(
        out.contains("TB303(inconsistent-item-type)") && out.contains("catalogs/hunan.yaml:3:9"),
        "the cross-region regression is caught against the whole catalog: {out}"
    );
    assert!(
        out.contains("TB102(unknown-element)") && out.contains("catalogs/jiangsu.yaml"),
        "the bad guide is caught: {out}"
    );
    assert!(!out.contains("app.yaml"), "{out}");
    assert!(
        out.contains("checked 2 files"),
        "only the changed guides are reported on: {out}"
    );

    // 4. This repository's own hooks (`language: system`): the installed wheel's tongban on
    // PATH, nothing installed by pre-commit; without it, a clear failure and no download.
    let roothooks = t.path().join("roothooks");
    write(
        &roothooks,
        ".pre-commit-hooks.yaml",
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    );
    git(&git_bin, &roothooks, &["init", "-q"]);
    git(&git_bin, &roothooks, &["add", "-A"]);
    git(&git_bin, &roothooks, &["commit", "-q", "-m", "hooks"]);
    let path_without_tongban = std::env::join_paths(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .filter(|d| !d.join("tongban").is_file()),
    )
    .unwrap();
    let system_hook = |path: &std::ffi::OsStr| {
        let mut c = Command::new(&pre_commit);
        c.current_dir(&repo)
            .arg("try-repo")
            .arg(&roothooks)
            .arg("tongban")
            .env("PRE_COMMIT_HOME", t.path().join("pre-commit-home-system"))
            .env("PATH", path)
            .env("PIP_NO_INDEX", "1")
            .env("LANG", "en_US.UTF-8")
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL");
        run(&mut c)
    };
    let mut with_venv = std::ffi::OsString::from(bin.as_os_str());
    with_venv.push(if cfg!(windows) { ";" } else { ":" });
    with_venv.push(&path_without_tongban);
    let (ok, out) = system_hook(&with_venv);
    assert!(
        !ok,
        "the system hook lints the staged guides and fails: {out}"
    );
    assert!(
        out.contains("TB303(inconsistent-item-type)") && out.contains("TB102(unknown-element)"),
        "{out}"
    );
    let (ok, out) = system_hook(&path_without_tongban);
    assert!(!ok, "{out}");
    assert!(
        out.contains("Executable `tongban` not found"),
        "without tongban on PATH pre-commit says so: {out}"
    );
    assert!(
        !out.contains("rustup") && !out.contains("cargo install"),
        "nothing is downloaded: {out}"
    );
}

/// The wheel's `*.dist-info/METADATA`.
fn wheel_metadata(wheel: &Path) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(wheel).unwrap()).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if file.name().unwrap().ends_with(".dist-info/METADATA") {
            file.read_to_string(&mut text).unwrap();
            return text;
        }
    }
    panic!("no METADATA in {}", wheel.display());
}

#[test]
fn hooks_pin_this_version_and_the_wheel_is_maturin_bin() {
    let pin = std::fs::read_to_string(root().join("pre-commit-mirror/pyproject.toml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        pin.contains(&format!("\"tongban=={version}\""))
            && pin.contains(&format!("version = \"{version}\"")),
        "pre-commit-mirror/pyproject.toml must pin tongban {version}: {pin}"
    );
    let py = std::fs::read_to_string(root().join("pyproject.toml")).unwrap();
    assert!(py.contains("bindings = \"bin\"") && py.contains("build-backend = \"maturin\""));
    let hooks =
        std::fs::read_to_string(root().join("pre-commit-mirror/.pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("language: python") && hooks.contains("files: \\.ya?ml$"));
}

/// Regression: the source hook (`language: rust`) made pre-commit download rustup where cargo
/// was missing, and crates in any case. The hooks here run the tongban on PATH.
#[test]
fn repository_hooks_never_build_or_download() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let languages: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("language:"))
        .map(str::trim)
        .collect();
    assert_eq!(languages, ["system"], "{hooks}");
    assert!(hooks.contains("entry: tongban lint") && hooks.contains("files: \\.ya?ml$"));
}

/// The PyPI page: install first, every link absolute (PyPI resolves no relative link), and the
/// project URLs; the repository README keeps the Rust quick start first.
#[test]
fn pypi_page_installs_first_with_absolute_links() {
    let py = std::fs::read_to_string(root().join("pyproject.toml")).unwrap();
    assert!(py.contains("readme = \"docs/pypi.md\""), "{py}");
    for key in ["Homepage", "Repository", "Issues", "Changelog"] {
        assert!(
            py.contains(&format!("{key} = \"https://github.com/")),
            "{key} missing"
        );
    }
    let page = std::fs::read_to_string(root().join("docs/pypi.md")).unwrap();
    let headings: Vec<&str> = page.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.first(), Some(&"## Install"), "{headings:?}");
    let offline = page
        .find("pip install ./tongban-")
        .expect("offline install");
    let index = page.find("pipx install tongban").expect("index install");
    assert!(offline < index, "the offline install comes first");
    for (i, _) in page.match_indices("](") {
        let target = &page[i + 2..];
        assert!(
            target.starts_with("https://"),
            "relative link in docs/pypi.md: {}",
            &target[..target.find(')').unwrap_or(target.len())]
        );
    }
    assert!(
        !page.contains("<img") && !page.contains("src=\""),
        "no relative images"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let quick = readme.find("## Quick start").unwrap();
    assert!(quick < readme.find("## Install").unwrap());
    assert!(readme[quick..].starts_with(
        "## Quick start\n\nWith a Rust toolchain (1.88+), from a clone of this repository:\n\n```console\ncargo run --release -- lint catalogs\ncargo test\n```"
    ));
}

/// `.github/scripts/check-glibc.sh` reads the GLIBC versions an ELF binary needs and fails
/// above the floor: any glibc-linked x86_64 binary needs more than GLIBC_2.2.5 and less than 99.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn glibc_check_fails_above_the_floor() {
    if on_path("readelf").is_none() && on_path("objdump").is_none() {
        assert!(!ci(), "CI is set but binutils (readelf) is missing");
        eprintln!("notice: no readelf or objdump; skipping the glibc check test");
        return;
    }
    let script = root().join(".github/scripts/check-glibc.sh");
    let check = |floor: &str| {
        run(Command::new("bash")
            .arg(&script)
            .arg(env!("CARGO_BIN_EXE_tongban"))
            .arg(floor))
    };
    let (ok, out) = check("2.2.5");
    assert!(!ok, "{out}");
    assert!(out.contains("above the floor 2.2.5"), "{out}");
    let (ok, out) = check("99.0");
    assert!(ok && out.contains("(floor 99.0): ok"), "{out}");
}

/// The shipped x86_64 Linux binary needs glibc 2.17 at most (manylinux2014: CentOS 7, RHEL 8,
/// Kylin V10, UOS V20). Checks the artifact of `.github/scripts/build-dist.sh
/// x86_64-unknown-linux-gnu manylinux2014` when it was built (a zig cross-build, too slow for
/// every test run; ci.yml builds it on every push), or `TONGBAN_DIST_BINARY`.
#[cfg(target_os = "linux")]
#[test]
fn dist_binary_needs_glibc_2_17_at_most() {
    let binary = std::env::var_os("TONGBAN_DIST_BINARY").map_or_else(
        || root().join("target/x86_64-unknown-linux-gnu/dist/tongban"),
        PathBuf::from,
    );
    if !binary.is_file() {
        eprintln!(
            "notice: {} not built; skipping (bash .github/scripts/build-dist.sh \
             x86_64-unknown-linux-gnu manylinux2014)",
            binary.display()
        );
        return;
    }
    let (ok, out) = run(Command::new("bash")
        .arg(root().join(".github/scripts/check-glibc.sh"))
        .arg(&binary)
        .arg("2.17"));
    eprintln!("{out}");
    assert!(ok, "{out}");
}

/// The features `cargo build` resolves for each dependency are the ones `cargo test` resolves
/// (dev-dependencies included), so the test build reuses the wheel's and the binary's build
/// instead of compiling jsonschema, globset and tongban a second time (Cargo.toml declares
/// bstr and once_cell for this). Regression: a dev-dependency turning on one more feature of a
/// shared crate recompiled a third of the tree in every CI run.
#[test]
fn build_and_test_resolve_the_same_features() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // A package built for the host (build scripts, proc macros) and for the target may differ
    // in features: each package maps to the set of its feature lists.
    type Tree = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;
    let tree = |edges: Option<&str>| -> Tree {
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(root())
            .args(["tree", "--locked", "--offline", "--prefix", "none"])
            .args(["--format", "{p}|{f}"]);
        if let Some(e) = edges {
            cmd.args(["--edges", e]);
        }
        let (ok, out) = run(&mut cmd);
        assert!(ok, "cargo tree: {out}");
        let mut tree = Tree::new();
        for (p, f) in out.lines().filter_map(|l| l.split_once('|')) {
            // `name vX.Y.Z (path) (*)` → `name vX.Y.Z`
            let p = p.split(" (").next().unwrap_or(p).trim().to_owned();
            let f = f.split(" (").next().unwrap_or(f).trim().to_owned();
            tree.entry(p).or_default().insert(f);
        }
        tree
    };
    let build = tree(Some("no-dev"));
    let test = tree(None);
    assert!(
        build.len() > 50,
        "{} packages in the build tree",
        build.len()
    );
    let differ: Vec<String> = build
        .iter()
        .filter(|(p, f)| test.get(*p).is_some_and(|t| t != *f))
        .map(|(p, f)| format!("{p}: build {f:?}, test {:?}", test[p]))
        .collect();
    assert!(
        differ.is_empty(),
        "declare these features in [dependencies] too:\n{}",
        differ.join("\n")
    );
}
