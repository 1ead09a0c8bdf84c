//! A seeded, reproducible mutation fuzz test (stable Rust, no cargo-fuzz): mutated copies of the
//! bundled guides, agreements and fixtures go through `lint` (every format), `diff` and
//! `coverage`. Asserted: no panic (none contained as `internal-error` either), exit 0, 1 or 2
//! only, every JSON output parses.
//!
//! Mutated files are written in batches into one folder per batch and each command runs once per
//! batch, so thousands of mutations cost a few dozen processes. Each file is named after its own
//! seed; a failure prints the seeds to replay.
//!
//! - `TONGBAN_FUZZ_COUNT` — mutations (default 300; `.ci/run` runs a few thousand);
//! - `TONGBAN_FUZZ_SEED` — the run's seed (default fixed, so `cargo test` is reproducible);
//! - `TONGBAN_FUZZ_REPLAY=<seed>[,<seed>…]` — only these files' seeds (from a failure message);
//! - `TONGBAN_FUZZ_KEEP=1` — keep the batch folders (their paths are printed).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const BATCH: usize = 250;

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One corpus file: its bytes and whether it is an agreement (goes under `agreements/`).
struct Seedling {
    bytes: Vec<u8>,
    agreement: bool,
}

fn corpus() -> Vec<Seedling> {
    let root = common::root();
    let mut files = Vec::new();
    for dir in ["catalogs", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            let yaml = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
            if yaml && entry.file_type().is_file() {
                files.push(Seedling {
                    bytes: fs::read(path).unwrap(),
                    agreement: path.components().any(|c| c.as_os_str() == "agreements"),
                });
            }
        }
    }
    assert!(files.len() > 50, "corpus of {} files", files.len());
    files
}

/// What a mutation may insert: YAML indicators, whitespace that matters, odd bytes.
const PIECES: &[&[u8]] = &[
    b":",
    b": ",
    b"-",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"&",
    b"*",
    b"!",
    b"! ",
    b"!!str ",
    b"!!int ",
    b"|",
    b">",
    b"|-\n",
    b"? ",
    b"#",
    b" #",
    b"'",
    b"\"",
    b"\t",
    b"\0",
    b"\r",
    b"\r\n",
    b"\n",
    b"\n  ",
    b"\n- ",
    b"---\n",
    b"...\n",
    b"%YAML 1.2\n",
    b"\\",
    b"\x1b[2J",
    b"\xff",
    b"\xc3",
    b"\xe4\xb8",
    "中文".as_bytes(),
    "：".as_bytes(),
    "\u{3000}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{85}".as_bytes(),
    b"1e400",
    b"0x",
    b"~",
    b"<<: *a\n",
    b"=HYPERLINK(\"x\")",
    b"|",
    b"&k a: 1\nb: *k\n",
    b"? [a]\n: 1\n",
];

/// The mutation of seed `seed`: which corpus file and its mutated bytes. Depends on nothing else,
/// so a seed from a failure message replays the same file.
fn mutate(corpus: &[Seedling], seed: u64) -> (usize, Vec<u8>) {
    let mut rng = Rng(seed);
    let pick = rng.below(corpus.len());
    let mut b = corpus[pick].bytes.clone();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(9) {
            // Flip bits of one byte.
            0 if !b.is_empty() => {
                let k = rng.below(b.len());
                b[k] ^= 1 << rng.below(8);
            }
            // Insert an indicator, a control, a broken or multibyte sequence.
            1..=3 => {
                let piece = PIECES[rng.below(PIECES.len())];
                b.splice(at..at, piece.iter().copied());
            }
            // Truncate.
            4 => b.truncate(at),
            // Repeat a line elsewhere (duplicate keys, stray items).
            5 => {
                let lines: Vec<&[u8]> = b.split_inclusive(|&c| c == b'\n').collect();
                if let Some(line) = lines.get(rng.below(lines.len())).map(|l| l.to_vec()) {
                    let start = b[..at]
                        .iter()
                        .rposition(|&c| c == b'\n')
                        .map_or(0, |k| k + 1);
                    b.splice(start..start, line);
                }
            }
            // Re-indent a line: add or remove leading spaces, or indent with a tab.
            6 => {
                let start = b[..at]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |k| k + 1);
                match rng.below(3) {
                    0 => {
                        let n = 1 + rng.below(4);
                        b.splice(start..start, std::iter::repeat_n(b' ', n));
                    }
                    1 => {
                        let n = b[start..].iter().take_while(|&&c| c == b' ').count();
                        b.drain(start..start + n.min(1 + rng.below(4)));
                    }
                    _ => {
                        b.insert(start, b'\t');
                    }
                }
            }
            // Delete a few bytes (may cut a character).
            7 => {
                let end = (at + 1 + rng.below(8)).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            // Overwrite a byte with a random one.
            _ if !b.is_empty() => {
                let k = rng.below(b.len());
                b[k] = rng.next() as u8;
            }
            _ => {}
        }
    }
    (pick, b)
}

/// Runs the binary; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let o = common::tongban()
        .current_dir(dir)
        .arg("--lang")
        .arg("en")
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        o.stdout,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// What went wrong with one command on one batch (empty: nothing).
fn check(dir: &Path, args: &[&str], json: Option<&str>) -> Vec<String> {
    let (code, out, err) = run(dir, args);
    let mut problems = Vec::new();
    if !matches!(code, Some(0..=2)) {
        problems.push(format!("exit status {code:?}"));
    }
    if err.contains("panicked") || err.contains("internal error") {
        problems.push(format!(
            "crash: {}",
            err.lines().take(6).collect::<Vec<_>>().join(" | ")
        ));
    }
    let text = String::from_utf8_lossy(&out);
    // The message of a contained panic (`internal-error`, run with `--lang en`).
    let crashed = "tongban crashed checking";
    if text.contains(crashed) {
        let line = text.lines().find(|l| l.contains(crashed)).unwrap_or("");
        problems.push(format!("internal-error finding: {line}"));
    }
    match json {
        Some("lines") => {
            for l in text.lines() {
                if let Err(e) = serde_json::from_str::<Value>(l) {
                    problems.push(format!("bad JSON line ({e}): {l}"));
                    break;
                }
            }
        }
        Some(_) if code != Some(2) || !out.is_empty() => {
            if let Err(e) = serde_json::from_slice::<Value>(&out) {
                problems.push(format!("bad JSON ({e})"));
            }
        }
        _ => {}
    }
    problems
        .into_iter()
        .map(|p| format!("`tongban {}`: {p}", args.join(" ")))
        .collect()
}

/// The commands run on every batch, with how their output must parse.
const COMMANDS: &[(&[&str], Option<&str>)] = &[
    (&["lint", "--format", "human", "."], None),
    (&["lint", "--format", "json", "."], Some("doc")),
    (&["lint", "--format", "json-lines", "."], Some("lines")),
    (&["lint", "--format", "sarif", "."], Some("doc")),
    (&["lint", "--format", "junit", "."], None),
    (&["lint", "--format", "github", "."], None),
    (&["lint", "--format", "gitlab", "."], Some("doc")),
    (&["diff", "--format", "json", "."], Some("doc")),
    (&["diff", "--format", "csv", "."], None),
    (&["coverage", "--format", "json", "."], Some("doc")),
    (&["coverage", "--format", "markdown", "."], None),
];

/// A folder holding the clean agreement and the mutations of `seeds`.
fn write_batch(corpus: &[Seedling], seeds: &[u64]) -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path();
    fs::create_dir(dir.join("agreements")).unwrap();
    // One clean agreement, so coverage always has something to report on.
    fs::copy(
        common::root().join("catalogs/agreements/donghai-13-xian.yaml"),
        dir.join("agreements/clean.yaml"),
    )
    .unwrap();
    for &seed in seeds {
        let (pick, bytes) = mutate(corpus, seed);
        let sub = if corpus[pick].agreement {
            "agreements/"
        } else {
            ""
        };
        fs::write(dir.join(format!("{sub}m-{seed:016x}.yaml")), bytes).unwrap();
    }
    tmp
}

/// Writes one batch and runs every command on it; returns the problems found, each failing
/// command narrowed down to the seeds of the files that make it fail on their own.
fn batch(corpus: &[Seedling], seeds: &[u64], keep: bool) -> (PathBuf, Vec<String>) {
    let tmp = write_batch(corpus, seeds);
    let dir = tmp.path().to_path_buf();
    let mut problems = Vec::new();
    for &(args, json) in COMMANDS {
        let found = check(&dir, args, json);
        if found.is_empty() {
            continue;
        }
        problems.extend(found);
        // Narrow it down: which files fail this command on their own?
        let culprits: Vec<String> = seeds
            .iter()
            .filter(|&&seed| {
                let one = write_batch(corpus, &[seed]);
                !check(one.path(), args, json).is_empty()
            })
            .take(5)
            .map(|seed| format!("{seed:016x}"))
            .collect();
        problems.push(format!(
            "  failing seeds: {} (TONGBAN_FUZZ_REPLAY={})",
            culprits.join(", "),
            culprits.join(",")
        ));
    }
    if keep || !problems.is_empty() {
        let _ = tmp.keep();
    }
    (dir, problems)
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

#[test]
fn mutated_guides_never_crash_any_command() {
    let corpus = corpus();
    let base = env_u64("TONGBAN_FUZZ_SEED").unwrap_or(0x7ab0_2026_1129);
    let count = env_u64("TONGBAN_FUZZ_COUNT").unwrap_or(300) as usize;
    let keep = std::env::var_os("TONGBAN_FUZZ_KEEP").is_some();
    let seeds: Vec<u64> = match std::env::var("TONGBAN_FUZZ_REPLAY") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| {
                let s = s.trim().trim_start_matches("m-").trim_end_matches(".yaml");
                u64::from_str_radix(s.trim_start_matches("0x"), 16).ok()
            })
            .collect(),
        Err(_) => {
            let mut rng = Rng(base);
            (0..count).map(|_| rng.next()).collect()
        }
    };
    let mut failures = Vec::new();
    for chunk in seeds.chunks(BATCH) {
        let (dir, problems) = batch(&corpus, chunk, keep);
        if keep {
            eprintln!("fuzz batch kept at {}", dir.display());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "batch in {} (files m-<seed>.yaml; replay one with TONGBAN_FUZZ_REPLAY=<seed>):\n  {}",
                dir.display(),
                problems.join("\n  ")
            ));
        }
    }
    eprintln!(
        "fuzz: {} mutations (seed {base:#x}) through lint ×7 formats, diff ×2, coverage ×2",
        seeds.len()
    );
    assert!(
        failures.is_empty(),
        "fuzz failures (run seed {base:#x}, count {count}):\n{}",
        failures.join("\n")
    );
}

#[test]
fn mutations_are_reproducible_and_varied() {
    let corpus = corpus();
    let a = mutate(&corpus, 42);
    assert_eq!(a, mutate(&corpus, 42));
    let distinct: std::collections::HashSet<Vec<u8>> =
        (0..200).map(|s| mutate(&corpus, s).1).collect();
    assert!(distinct.len() > 190, "{} distinct of 200", distinct.len());
    // Most mutations change the file: the test exercises what it says.
    let changed = (0..200)
        .filter(|&s| {
            let (pick, b) = mutate(&corpus, s);
            b != corpus[pick].bytes
        })
        .count();
    assert!(changed > 180, "{changed} of 200 changed");
}

/// Hand-made hostile inputs, one per class (encodings, limits, controls, odd breaks), through
/// every command.
#[test]
fn hostile_inputs_never_crash_any_command() {
    let tmp = write_batch(&corpus(), &[]);
    let dir = tmp.path();
    let files: &[(&str, Vec<u8>)] = &[
        ("bom-only.yaml", b"\xef\xbb\xbf".to_vec()),
        ("utf16-odd.yaml", b"\xff\xfea\x00:\x00 \x001".to_vec()),
        ("utf32.yaml", b"\xff\xfe\x00\x00a\x00\x00\x00".to_vec()),
        ("nul.yaml", b"a: 1\x00\x00\x00\nb: 2\n".to_vec()),
        ("latin1.yaml", b"a: caf\xe9\n\xff".to_vec()),
        (
            "nel.yaml",
            "a: x\u{85}y\u{2028}z\nb: \"\u{202e} evil\"\n".into(),
        ),
        (
            "deep.yaml",
            (0..300)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect::<String>()
                .into(),
        ),
        ("flow-deep.yaml", "[".repeat(20_000).into()),
        ("cr-dups.yaml", "a: 名\r".repeat(2000).into()),
        ("tabs.yaml", "a:\n\tb: 1\n".into()),
        (
            "aliases.yaml",
            format!(
                "a: &a [1, 2, 3]\n{}",
                (0..3000).map(|i| format!("b{i}: *a\n")).collect::<String>()
            )
            .into(),
        ),
        (
            "numbers.yaml",
            format!(
                "a: {}\nb: 0x{}\nc: 1e400\nd: ! 12\n",
                "9".repeat(500),
                "f".repeat(40)
            )
            .into(),
        ),
        (
            "long-key.yaml",
            format!("{k}: 1\n{k}: 2\n", k = "键".repeat(20_000)).into(),
        ),
        (
            "escapes.yaml",
            b"a: \"\\e[2J\\x07\\u202e\"\n\x1b]0;t\x07: 1\n".to_vec(),
        ),
        (
            "anchors.yaml",
            b"&k a: 1\nb: *k\n? &c [x]\n: *c\na: &d 2\nc: *d\n".to_vec(),
        ),
        (
            "formula.yaml",
            "item:\n  name: \"=HYPERLINK(\\\"x\\\")|a\"\nmaterials:\n  - name: \"@SUM(1)\"\n"
                .into(),
        ),
        ("only-breaks.yaml", b"\r\r\n\n\r".to_vec()),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let mut problems = Vec::new();
    for &(args, json) in COMMANDS {
        problems.extend(check(dir, args, json));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Mutations of `tongban.toml` files (every key, `[server]` and overrides included) parsed
/// in-process: never a panic, and an error never much longer than a line (a value quoted in
/// it is cut short).
#[test]
fn mutated_config_files_never_crash_or_echo_a_long_value() {
    let count = env_u64("TONGBAN_FUZZ_COUNT").unwrap_or(300) as usize;
    let base = env_u64("TONGBAN_FUZZ_SEED").unwrap_or(0xc0f_2026_1206);
    let full = "schema = \"s.json\"\nformat = \"json\"\nfail-on = \"warning\"\nexclude = [\"a/**\"]\ninclude = [\"**/*.yaml\"]\ncatalog = \"catalogs\"\nsynonyms = \"d.yaml\"\ne-licences = \"e.yaml\"\n\n[server]\nmax-frame-size = 1000\nmax-diagnostics = 5\nmax-scan-entries = 10\nscan-seconds = 1\n\n[catalog-limits]\nmax-entries = 7\nmax-bytes = 9\n\n[rules]\nTB211 = \"info\"\nphone-format = \"error\"\n\n[[overrides]]\npaths = [\"x/**\"]\nrules = { TB210 = \"off\" }\n";
    let corpus = [
        Seedling {
            bytes: full.as_bytes().to_vec(),
            agreement: false,
        },
        Seedling {
            bytes: fs::read(common::root().join("tongban.toml")).unwrap_or_default(),
            agreement: false,
        },
    ];
    let cwd = Path::new("/repo");
    let mut rng = Rng(base);
    for _ in 0..count {
        let seed = rng.next();
        let (_, bytes) = mutate(&corpus, seed);
        let text = String::from_utf8_lossy(&bytes);
        let parsed = tongban::lint::config::Config::parse(
            &cwd.join("tongban.toml"),
            &text,
            cwd,
            tongban::diagnostic::Lang::En,
        );
        if let Err(e) = parsed {
            let shown = e.to_string();
            assert!(
                shown.len() < 2_000,
                "seed {seed:#x}: a {}-byte error for a {}-byte config",
                shown.len(),
                text.len()
            );
        }
    }
}

/// Mutated baselines (`--baseline`) and guides on standard input (`lint -`) through the binary:
/// never a panic, exit 0, 1 or 2, JSON output that parses. Each case is a process:
/// `TONGBAN_FUZZ_SURFACES` cases (default 10; `.ci/run` runs more).
#[test]
fn mutated_baselines_and_standard_input_never_crash() {
    let count = env_u64("TONGBAN_FUZZ_SURFACES").unwrap_or(10) as usize;
    let base = env_u64("TONGBAN_FUZZ_SEED").unwrap_or(0xba5e_2026_1206);
    let guide = fs::read(common::root().join("tests/fixtures/fix/codes.yaml")).unwrap();
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("g.yaml"), &guide).unwrap();
    let (code, _, err) = run(t.path(), &["lint", "g.yaml", "--write-baseline", "b.json"]);
    assert_eq!(code, Some(0), "{err}");
    let baseline = Seedling {
        bytes: fs::read(t.path().join("b.json")).unwrap(),
        agreement: false,
    };
    let guides = [Seedling {
        bytes: guide,
        agreement: false,
    }];
    let mut rng = Rng(base);
    let mut problems = Vec::new();
    for _ in 0..count {
        let seed = rng.next();
        let (_, b) = mutate(std::slice::from_ref(&baseline), seed);
        fs::write(t.path().join("m.json"), &b).unwrap();
        let args = ["lint", "--format", "json", "--baseline", "m.json", "g.yaml"];
        problems.extend(
            check(t.path(), &args, Some("json"))
                .into_iter()
                .map(|p| format!("baseline seed {seed:#x}: {p}")),
        );
        let (_, input) = mutate(&guides, seed);
        let o = common::tongban()
            .current_dir(t.path())
            .args([
                "--lang",
                "en",
                "lint",
                "--format",
                "json",
                "-",
                "--stdin-filename",
                "s.yaml",
            ])
            .write_stdin(input)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        if err.contains("panicked") || !matches!(o.status.code(), Some(0..=2)) {
            problems.push(format!("stdin seed {seed:#x}: {:?} {err}", o.status.code()));
        } else if o.status.code() != Some(2) && serde_json::from_slice::<Value>(&o.stdout).is_err()
        {
            problems.push(format!("stdin seed {seed:#x}: JSON output does not parse"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
