//! `tongban lint --fix` / `--diff`: before/after snapshots on every fixable rule's fixture,
//! idempotence, fixed findings gone on re-lint, no write without `--fix`, atomic writes that keep
//! permissions, symlinks, and seeded mutations of the bundled guides that `--fix` must never turn
//! into YAML that does not parse.

use crate::common;

use std::path::{Path, PathBuf};

use common::{stderr, stdout, tongban};
use tongban::diagnostic::{Applicability, Lang};

/// Copies `src` into a fresh temporary folder; returns the folder and the copy.
fn scratch(src: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dst = dir.path().join(src.file_name().unwrap());
    std::fs::copy(common::root().join(src), &dst).unwrap();
    (dir, dst)
}

/// Codes of the findings in `path` that carry a fix `--fix` would apply.
fn fixable_codes(path: &Path, unsafe_fixes: bool) -> Vec<&'static str> {
    let reports = common::lint(&[path.to_str().unwrap()], Lang::En);
    reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| {
            f.fix
                .as_ref()
                .is_some_and(|x| unsafe_fixes || x.applicability == Applicability::Safe)
        })
        .map(|f| f.code)
        .collect()
}

/// Every fixture whose fail file has a fix: the fixtures of fixable rules and the fix fixture.
fn fixable_fixtures() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("tests/fixtures/fix/codes.yaml")];
    for e in tongban::rules::registry()
        .iter()
        .filter(|e| !e.fixes.is_empty())
    {
        let p = common::fixture(e.code, e.name).join("fail.yaml");
        // Rules whose fixes only apply to some values (full-width codes) may have a
        // fixture without one; the codes fixture covers those.
        if p.exists() && !out.contains(&p) && !fixable_codes(&p, false).is_empty() {
            out.push(p);
        }
    }
    out
}

#[test]
fn fix_every_fixable_fixture_before_and_after() {
    let fixtures = fixable_fixtures();
    for must in ["TB209", "TB210", "TB216"] {
        assert!(
            fixtures.iter().any(|f| f.to_string_lossy().contains(must)),
            "{must}'s fixture has no fix: {fixtures:?}"
        );
    }
    for fixture in fixtures {
        let (dir, file) = scratch(&fixture);
        let before = std::fs::read_to_string(&file).unwrap();
        assert!(
            !fixable_codes(&file, false).is_empty(),
            "{}: nothing to fix",
            fixture.display()
        );
        let diff = tongban()
            .current_dir(dir.path())
            .args(["lint", "--diff", "--lang", "en"])
            .arg(file.file_name().unwrap())
            .output()
            .unwrap();
        assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
        let out = tongban()
            .current_dir(dir.path())
            .args(["lint", "--fix", "--lang", "en"])
            .arg(file.file_name().unwrap())
            .output()
            .unwrap();
        let after = std::fs::read_to_string(&file).unwrap();
        assert_ne!(before, after);
        assert!(
            stderr(&out).contains(" fixed ("),
            "no summary: {}",
            stderr(&out)
        );
        // The fixed findings are gone: nothing `--fix` could fix is left.
        assert_eq!(fixable_codes(&file, false), Vec::<&str>::new());
        let folder = fixture.parent().and_then(Path::file_name).unwrap();
        let name = if folder == "fix" {
            fixture.file_stem().unwrap()
        } else {
            folder
        }
        .to_string_lossy()
        .into_owned();
        insta::assert_snapshot!(
            format!("fix-{name}"),
            format!(
                "----- diff -----\n{}----- after -----\n{after}----- stderr -----\n{}",
                stdout(&diff),
                stderr(&out)
            )
        );
        // Idempotent: a second run changes nothing and says so.
        let again = tongban()
            .current_dir(dir.path())
            .args(["lint", "--diff", "--lang", "en"])
            .arg(file.file_name().unwrap())
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
        assert_eq!(stdout(&again), "");
        tongban()
            .current_dir(dir.path())
            .args(["lint", "--fix", "--quiet"])
            .arg(file.file_name().unwrap())
            .output()
            .unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), after);
    }
}

#[test]
fn every_fix_is_in_the_fixes_doc() {
    let doc = std::fs::read_to_string(common::root().join("docs/fixes.md")).unwrap();
    for e in tongban::rules::registry()
        .iter()
        .filter(|e| !e.fixes.is_empty())
    {
        assert!(
            doc.contains(e.code),
            "docs/fixes.md does not mention {}",
            e.code
        );
    }
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let (dir, file) = scratch(Path::new("tests/fixtures/fix/codes.yaml"));
    tongban()
        .current_dir(dir.path())
        .args(["lint", "--fix", "codes.yaml"])
        .output()
        .unwrap();
    let safe = std::fs::read_to_string(&file).unwrap();
    // 居民身份证 repeats 身份证 only through the synonyms dictionary, and adds a necessity.
    assert!(safe.contains("- name: 居民身份证"), "{safe}");
    assert_eq!(fixable_codes(&file, true), vec!["TB209"]);
    tongban()
        .current_dir(dir.path())
        .args(["lint", "--fix", "--unsafe-fixes", "codes.yaml"])
        .output()
        .unwrap();
    let all = std::fs::read_to_string(&file).unwrap();
    assert!(!all.contains("居民身份证"), "{all}");
    assert!(all.contains("- name: 身份证"), "{all}");
}

#[cfg(unix)]
fn mtime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
#[cfg(unix)]
fn no_write_without_fix() {
    let (dir, file) = scratch(Path::new("tests/fixtures/fix/codes.yaml"));
    let before = std::fs::read(&file).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    for args in [
        &["lint", "codes.yaml"][..],
        &["lint", "--diff", "codes.yaml"],
        &["lint", "--diff", "--unsafe-fixes", "codes.yaml"],
        &["lint", "--unsafe-fixes", "codes.yaml"],
        &["lint", "-f", "json", "codes.yaml"],
    ] {
        tongban()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} wrote the file"
        );
        assert_eq!(mtime(&file), old, "{args:?} touched the file");
    }
    // Nothing but the file is left in the folder (no temporary files either).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
#[cfg(unix)]
fn fix_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = scratch(Path::new("tests/fixtures/fix/codes.yaml"));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    tongban()
        .current_dir(dir.path())
        .args(["lint", "--fix", "."])
        .output()
        .unwrap();
    assert_ne!(
        std::fs::read(&file).unwrap(),
        std::fs::read(common::root().join("tests/fixtures/fix/codes.yaml")).unwrap()
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
#[cfg(unix)]
fn symlinks_out_of_the_tree_are_not_followed_for_writing() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("guide.yaml");
    std::fs::copy(
        common::root().join("tests/fixtures/fix/codes.yaml"),
        &target,
    )
    .unwrap();
    let before = std::fs::read(&target).unwrap();
    let tree = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&target, tree.path().join("link.yaml")).unwrap();
    let out = tongban()
        .args(["lint", "--fix", "--lang", "en"])
        .arg(tree.path())
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert!(
        stderr(&out).contains("symbolic link points outside the tree"),
        "{}",
        stderr(&out)
    );

    // A linked folder out of the tree: the files under it are not written either.
    std::os::unix::fs::symlink(outside.path(), tree.path().join("linked-folder")).unwrap();
    let out = tongban()
        .args(["lint", "--fix", "--lang", "en"])
        .arg(tree.path())
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert_eq!(
        stderr(&out)
            .matches("symbolic link points outside the tree")
            .count(),
        2,
        "{}",
        stderr(&out)
    );

    // A link to a file inside the tree is fixed through the link, which stays a link.
    let inside = tree.path().join("real");
    std::fs::create_dir(&inside).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/fix/codes.yaml"),
        inside.join("g.yml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(inside.join("g.yml"), tree.path().join("inner.yaml")).unwrap();
    tongban()
        .args(["lint", "--fix"])
        .arg(tree.path())
        .output()
        .unwrap();
    let link = tree.path().join("inner.yaml");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(inside.join("g.yml"))
            .unwrap()
            .contains("code: \"430000\"")
    );
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn not_utf8_is_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/fix/codes.yaml")).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let file = dir.path().join("gbk.yaml");
    std::fs::write(&file, &gbk).unwrap();
    let out = tongban()
        .args(["lint", "--fix", "--lang", "en"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), &*gbk);
    assert!(
        stderr(&out).contains("not UTF-8; not fixed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn byte_order_mark_and_crlf_survive() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/fix/codes.yaml")).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let file = dir.path().join("crlf.yaml");
    std::fs::write(&file, &crlf).unwrap();
    tongban()
        .args(["lint", "--fix"])
        .arg(&file)
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&file).unwrap();
    assert_ne!(after, crlf);
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
    assert!(after.contains("code: \"430000\""), "{after}");
}

/// A small deterministic generator (xorshift), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation aimed at the fixes: unquote a quoted scalar, drop 《》, widen digits, duplicate
/// or swap a line, insert a character from a YAML-significant set.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let i = rng.below(lines.len());
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match rng.below(7) {
        0 => out[i] = out[i].replace('"', ""),
        1 => out[i] = out[i].replace(['《', '》'], ""),
        2 => {
            out[i] = out[i]
                .chars()
                .map(|c| match c {
                    '0'..='9' | 'A'..='Z' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    c => c,
                })
                .collect()
        }
        3 => {
            let l = out[i].clone();
            out.insert(i, l);
        }
        4 if i + 1 < out.len() => out.swap(i, i + 1),
        5 => {
            let extra = ["'", "\"", "#", ":", " ", "-", "《", "》", "\t", "｜"][rng.below(10)];
            let at = out[i]
                .char_indices()
                .map(|(b, _)| b)
                .nth(rng.below(out[i].chars().count() + 1))
                .unwrap_or(out[i].len());
            out[i].insert_str(at, extra);
        }
        _ => out[i] = out[i].replace("- name: ", "- name: 《").to_string(),
    }
    out.join("\n") + "\n"
}

#[test]
fn fix_never_produces_yaml_that_does_not_parse() {
    let n: usize = std::env::var("FIX_MUTATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let cwd = std::env::current_dir().unwrap();
    let config = tongban::lint::config::Config::defaults(&cwd);
    let schema = tongban::schema::Schema::national().unwrap();
    let data = tongban::rules::Data {
        licences: tongban::rules::licences::Licences::bundled(),
        synonyms: tongban::data::ontology::Ontology::bundled().unwrap(),
        readings: Default::default(),
    };
    let opts = tongban::lint::Session {
        schema,
        lang: Lang::En,
        limits: tongban::load::Limits::default(),
        config,
        data,
    };
    let guides: Vec<PathBuf> = walkdir::WalkDir::new(common::root().join("catalogs"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && !p.components().any(|c| c.as_os_str() == "agreements")
                && p.file_name()
                    .is_some_and(|n| n != "materials.yaml" && n != "e-licences.yaml")
        })
        .collect();
    assert!(guides.len() > 20);
    let mut rng = Rng(0x7b1d_2026_1129);
    let (mut fixed_texts, mut fixes) = (0, 0);
    for k in 0..n {
        let path = &guides[k % guides.len()];
        let mut text = std::fs::read_to_string(path).unwrap();
        for _ in 0..1 + rng.below(3) {
            text = mutate(&text, &mut rng);
        }
        // Every input shape the spans must survive: byte-order marks (a second one is text),
        // CRLF and CR-only lines.
        text = match rng.below(8) {
            0 => format!("\u{feff}{text}"),
            1 => format!("\u{feff}\u{feff}{text}"),
            2 => text.replace('\n', "\r\n"),
            3 => text.replace('\n', "\r"),
            _ => text,
        };
        let before =
            tongban::load::load_bytes(String::new(), text.as_bytes(), &opts.limits, Lang::En);
        if before.document.is_none() {
            continue;
        }
        for unsafe_fixes in [false, true] {
            let fixed = tongban::lint::fix_text(path, "m.yaml", &text, &opts, unsafe_fixes);
            assert!(
                !fixed.refused,
                "seed mutation {k} of {}: the fixes broke the text:\n{text}",
                path.display()
            );
            let after = tongban::load::load_bytes(
                String::new(),
                fixed.text.as_bytes(),
                &opts.limits,
                Lang::En,
            );
            let input_problems = before
                .findings
                .iter()
                .filter(|f| f.code.starts_with("TB0"))
                .count();
            let problems = after
                .findings
                .iter()
                .filter(|f| f.code.starts_with("TB0"))
                .count();
            assert!(
                after.document.is_some() && problems <= input_problems,
                "mutation {k} of {}: fixed text does not parse: {:?}\n--- input\n{text}\n--- fixed\n{}",
                path.display(),
                after.findings,
                fixed.text
            );
            // Idempotent: fixing the fixed text changes nothing.
            let again = tongban::lint::fix_text(path, "m.yaml", &fixed.text, &opts, unsafe_fixes);
            assert_eq!(again.fixed, 0, "mutation {k}: second round fixed more");
            if fixed.fixed > 0 {
                fixed_texts += 1;
                fixes += fixed.fixed;
            }
        }
    }
    // The mutations must exercise the fixes, or this test proves nothing.
    assert!(
        fixed_texts > n / 10,
        "only {fixed_texts} of {n} mutations had a fix"
    );
    eprintln!("{fixed_texts} fixed texts, {fixes} fixes over {n} mutations");
}

#[test]
fn fix_with_a_machine_format_keeps_stdout_parseable() {
    let (dir, _) = scratch(Path::new("tests/fixtures/fix/codes.yaml"));
    let out = tongban()
        .current_dir(dir.path())
        .args(["lint", "--fix", "-f", "json", "--lang", "en", "codes.yaml"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // What is left after fixing: no finding with a safe fix.
    let left = json["findings"].as_array().unwrap();
    assert!(!left.is_empty());
    assert!(
        left.iter()
            .all(|f| f.get("fix").is_none_or(|x| x["applicability"] == "unsafe")),
        "{json:#}"
    );
    assert_eq!(json["summary"]["files"], 1);
    assert!(
        stderr(&out).contains("7 fixed (1 file)"),
        "{}",
        stderr(&out)
    );
}

/// Regression: `lint --fix -` said "cannot read -" (an I/O error about a file called `-`); it is
/// a usage error that says why and where editors get fixes instead.
#[test]
fn fix_on_standard_input_is_a_usage_error() {
    for flag in ["--fix", "--diff"] {
        let out = tongban()
            .args(["--lang", "en", "lint", flag, "-"])
            .write_stdin("name: x\n")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = stderr(&out);
        assert!(err.contains("not on standard input"), "{flag}: {err}");
        assert!(!err.contains("cannot read"), "{flag}: {err}");
    }
}
