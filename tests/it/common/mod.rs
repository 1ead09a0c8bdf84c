//! Helpers shared by the integration tests: lint paths in-process and render findings.
#![allow(unreachable_pub)] // shared by every test binary, each using a part
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tongban::diagnostic::{FileReport, Lang, Summary};
use tongban::lint::config::Config;
use tongban::report::{LintPrinter, Style};
use tongban::{cli, input, lint, load, rules, schema};

/// The crate root (tests run the binary from there, so fixture paths are relative to it).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with no locale and no colour, so output is stable.
pub fn tongban() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("tongban").unwrap();
    cmd.current_dir(root())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1");
    cmd
}

/// Writes `text` to `rel` under `dir`, creating folders.
pub fn write_in(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The binary, run in `dir` (a scratch folder) with an English locale, no colour and no GitHub
/// job summary.
pub fn tongban_in(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("tongban").unwrap();
    c.current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    c
}

/// Runs the binary in `dir`: (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = tongban_in(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Standard output as UTF-8.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error, lossily.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether Chromium is there for a rendering test; says so on stderr when it is not.
pub fn chromium_or_notice() -> bool {
    let found = chromium().is_some();
    if !found {
        eprintln!(
            "notice: /usr/bin/chromium not found and CI unset; skipping the HTML rendering test"
        );
    }
    found
}

/// Lints `paths` (relative to the crate root) with the defaults; returns every report, cross-region
/// ones included, in output order.
pub fn lint(paths: &[&str], lang: Lang) -> Vec<FileReport> {
    let cwd = std::env::current_dir().unwrap();
    let mut config = Config::defaults(&cwd);
    // As the CLI run from the crate root finds its tongban.toml: every YAML file given is linted
    // as a guide, fragments (rule fixtures, doc examples) included.
    config.file = Some(cwd.join("tongban.toml"));
    let schema = schema::Schema::national().unwrap();
    let data = rules::Data {
        licences: rules::licences::Licences::bundled(),
        synonyms: tongban::data::ontology::Ontology::bundled().unwrap(),
        readings: Default::default(),
    };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let opts = lint::Session {
        schema,
        lang,
        limits: load::Limits::default(),
        config,
        data,
    };
    let walk = input::walk(&paths, &opts.config, lang).unwrap();
    let mut out = Vec::new();
    lint::run(
        walk,
        &opts,
        1,
        &mut tongban::progress::Progress::hidden(),
        |r, _| {
            out.push(r);
            Ok(())
        },
    )
    .unwrap();
    out
}

/// Renders reports in a format, as `tongban lint` would (human: no colour, width 80).
pub fn render(reports: &[FileReport], format: cli::LintFormat, lang: Lang) -> String {
    let mut buf = Vec::new();
    let style = Style {
        color: false,
        width: 80,
        fold: false,
        lang,
        quiet: false,
    };
    let mut p = LintPrinter::new(format, style, &mut buf).unwrap();
    let mut summary = Summary::default();
    for r in reports {
        summary.add(r);
        p.file(r).unwrap();
    }
    p.finish(&summary).unwrap();
    String::from_utf8(buf).unwrap()
}

/// The fixture folder of a rule.
pub fn fixture(code: &str, name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(format!("{code}-{name}"))
}

// --- headless Chromium (shared by the diff and coverage HTML tests) ---------------------------

/// `/usr/bin/chromium`, if installed; under CI its absence is a failure (`.ci/run` installs it).
pub fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "CI is set but /usr/bin/chromium is missing: .ci/run installs it"
    );
    None
}

/// A headless Chromium with a throwaway profile and no background network traffic.
pub fn headless(profile: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new("/usr/bin/chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Renders a local HTML file in headless Chromium and returns the DOM after its scripts ran.
#[allow(dead_code)]
pub fn render_dom(page: &Path, scratch: &Path) -> String {
    let out = headless(&scratch.join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of an xlsx workbook, for snapshots: per sheet (in order) its non-empty cells as
/// `A1: text`, then every cell note as `note B5: text`. Read with the zip crate, without a
/// spreadsheet library: shared strings, inline numbers and the comments parts.
pub fn xlsx_cells(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| -> Option<String> {
        let mut s = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
        Some(s)
    };
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    }
    /// The contents of every `<tag …>…</tag>` in `s`.
    fn elements<'a>(s: &'a str, tag: &str) -> Vec<(&'a str, &'a str)> {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(at) = rest.find(&open) {
            let after = &rest[at + open.len()..];
            // `<c` must not match `<cols`.
            if !after.starts_with([' ', '>', '/']) {
                rest = after;
                continue;
            }
            let head_end = after.find('>').unwrap();
            let head = &after[..head_end];
            if head.ends_with('/') {
                out.push((head, ""));
                rest = &after[head_end..];
                continue;
            }
            let body = &after[head_end + 1..];
            let end = body.find(&close).unwrap();
            out.push((head, &body[..end]));
            rest = &body[end..];
        }
        out
    }
    fn attr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        let key = format!(" {name}=\"");
        let at = head.find(&key)? + key.len();
        Some(&head[at..at + head[at..].find('"')?])
    }
    fn text(s: &str) -> String {
        elements(s, "t").iter().map(|(_, t)| unescape(t)).collect()
    }
    let strings: Vec<String> = read("xl/sharedStrings.xml")
        .map(|x| elements(&x, "si").iter().map(|(_, b)| text(b)).collect())
        .unwrap_or_default();
    // Per cell style, its custom number format (`0.00`, `0.0%`), if any.
    let styles = read("xl/styles.xml").unwrap_or_default();
    let codes: Vec<(String, String)> = elements(&styles, "numFmt")
        .iter()
        .filter_map(|(h, _)| {
            Some((
                attr(h, "numFmtId")?.to_owned(),
                unescape(attr(h, "formatCode")?),
            ))
        })
        .collect();
    let xfs = styles
        .split_once("<cellXfs")
        .map(|(_, rest)| rest.split_once("</cellXfs>").map_or(rest, |(x, _)| x))
        .unwrap_or("");
    let formats: Vec<Option<String>> = elements(xfs, "xf")
        .iter()
        .map(|(h, _)| {
            let id = attr(h, "numFmtId")?;
            codes.iter().find(|(i, _)| i == id).map(|(_, c)| c.clone())
        })
        .collect();
    let workbook = read("xl/workbook.xml").unwrap();
    let mut out = String::new();
    for (n, (head, _)) in elements(&workbook, "sheet").iter().enumerate() {
        out.push_str(&format!("== {}\n", unescape(attr(head, "name").unwrap())));
        let sheet = read(&format!("xl/worksheets/sheet{}.xml", n + 1)).unwrap();
        for (head, body) in elements(&sheet, "c") {
            let Some((_, v)) = elements(body, "v").into_iter().next() else {
                continue;
            };
            let value = match attr(head, "t") {
                Some("s") => strings[v.parse::<usize>().unwrap()].clone(),
                // A number with a format of its own shows it: `0.6667 [0.0%]`.
                _ => match attr(head, "s").and_then(|x| formats.get(x.parse::<usize>().ok()?)) {
                    Some(Some(code)) => format!("{} [{code}]", unescape(v)),
                    _ => unescape(v),
                },
            };
            out.push_str(&format!("{}: {value}\n", attr(head, "r").unwrap()));
        }
    }
    for n in 1.. {
        let Some(comments) = read(&format!("xl/comments{n}.xml")) else {
            break;
        };
        out.push_str(&format!("== notes {n}\n"));
        for (head, body) in elements(&comments, "comment") {
            out.push_str(&format!(
                "note {}: {}\n",
                attr(head, "ref").unwrap(),
                text(body)
            ));
        }
    }
    out
}

/// Prints a local HTML page to PDF with headless Chromium; returns (pages, page size in points,
/// the PDF's text as `pdftotext -raw` reads it: vertical headers one character a line). `None`,
/// with a notice, when poppler's tools are missing outside CI (.ci/run installs them).
pub fn print_pdf(page: &Path, scratch: &Path) -> Option<(usize, String, String)> {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    // Without a CJK font the PDF's text loses characters: the test would say nothing true.
    let cjk = std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    if !Path::new("/usr/bin/pdftotext").exists() || !cjk {
        assert!(
            !ci,
            "CI is set but pdftotext or a CJK font is missing: .ci/run installs them"
        );
        eprintln!(
            "notice: pdftotext (poppler-utils) or a CJK font not found; skipping the print test"
        );
        return None;
    }
    let pdf = scratch.join("print.pdf");
    let out = headless(&scratch.join("profile"))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let pages = field("Pages:").parse().unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    Some((
        pages,
        field("Page size:"),
        String::from_utf8_lossy(&text.stdout).into_owned(),
    ))
}

/// The parts of an xlsx workbook by name (XML as text), read with the zip crate.
pub fn xlsx_parts(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            parts.insert(name, s);
        }
    }
    parts
}
