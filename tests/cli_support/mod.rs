//! Shared by the CLI tests: a portfolio written as a CSV folder, the real binary run in a
//! clean environment, and readers for what it writes.

#![allow(dead_code)]

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The fixed build date of every test run (2026-11-24 00:00 UTC).
pub const EPOCH: &str = "1795478400";

/// The binary under test, with a clean environment and a fixed date.
pub fn successkit(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_successkit"));
    cmd.current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1");
    cmd
}

/// Runs the binary and returns its output.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    successkit(cwd)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// One engagement of a test portfolio.
pub struct Spec {
    pub id: String,
    pub customer: String,
    pub fm: String,
    pub workshop: String,
    pub language: &'static str,
}

/// `n` good engagements `E-001`… with customers `Customer 001`…, two FMs, both languages.
pub fn specs(n: usize) -> Vec<Spec> {
    (1..=n)
        .map(|i| Spec {
            id: format!("E-{i:03}"),
            customer: format!("Customer {i:03}"),
            fm: if i % 2 == 0 {
                "Ana Souza"
            } else {
                "Bruno Lima"
            }
            .into(),
            workshop: format!("2026-11-{:02}", 1 + i % 20),
            language: if i % 3 == 0 { "pt-BR" } else { "en" },
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes a portfolio as a CSV folder (`dir` is created) and returns it.
pub fn write_portfolio(dir: &Path, specs: &[Spec]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("portfolio folder");
    let mut eng = String::from(
        "Engagement ID,Customer,Tenant Domain,Segment,Licenses,FastTrack Manager,FM Email,\
         Workshop Date,Language,Check-in Cadence,Next Check-in,Communication Channel,Success Vision\n",
    );
    let mut services =
        String::from("Engagement ID,Service,Stakeholders,Scenarios,Awareness,Training,Notes\n");
    let mut stakeholders = String::from("Engagement ID,Name,Role,Email,Responsibility\n");
    let mut tasks = String::from(
        "Engagement ID,Task ID,Task Name,Required,Role,Services,Status,Owner,Due Date\n",
    );
    let mut actions = String::from("Engagement ID,Action,Owner,Due Date,Status\n");
    for (i, s) in specs.iter().enumerate() {
        let id = csv_field(&s.id);
        let licenses = if i % 4 == 0 { 25_000 } else { 1_500 + i * 10 };
        let segment = if i % 4 == 0 { "Enterprise" } else { "SMC" };
        let _ = writeln!(
            eng,
            "{id},{},{}.onmicrosoft.com,{segment},{licenses},{},fm@example.com,{},{},biweekly,2026-12-0{},Microsoft Teams,Work as one company",
            csv_field(&s.customer),
            s.id.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), ""),
            csv_field(&s.fm),
            csv_field(&s.workshop),
            s.language,
            1 + i % 9,
        );
        for (svc, f) in [
            (
                "Exchange Online",
                ["Done", "Done", "In progress", "Not started"],
            ),
            (
                "Microsoft Teams",
                ["Done", "In progress", "Not started", "N/A"],
            ),
        ] {
            let _ = writeln!(services, "{id},{svc},{},{},{},{},", f[0], f[1], f[2], f[3]);
        }
        let _ = writeln!(
            stakeholders,
            "{id},Megan Bowen,Executive Sponsor,megan@example.com,Sponsors the plan\n{id},Lee Gu,Success Owner,lee@example.com,Runs the plan"
        );
        let _ = writeln!(
            tasks,
            "{id},2536,Workshop to Drive Success,M,FM,All services,Completed,Ana,2026-11-01\n{id},3734,Deliver the business value presentation,M,FM,Exchange Online,Not started,Ana,2026-11-10"
        );
        let _ = writeln!(
            actions,
            "{id},Share the Success Plan,Ana,2026-11-20,Not started\n{id},Schedule champion training,Lee Gu,2026-12-15,In progress"
        );
    }
    for (name, text) in [
        ("engagements.csv", eng),
        ("services.csv", services),
        ("stakeholders.csv", stakeholders),
        ("tasks.csv", tasks),
        ("actions.csv", actions),
    ] {
        std::fs::write(dir.join(name), text).expect("csv written");
    }
    dir.to_path_buf()
}

/// The manifest of an output folder.
pub fn manifest(out: &Path) -> Value {
    let text = std::fs::read(out.join("manifest.json")).expect("manifest.json exists");
    serde_json::from_slice(&text).expect("manifest.json is JSON")
}

/// The manifest's engagement with this ID.
pub fn entry<'a>(manifest: &'a Value, id: &str) -> &'a Value {
    manifest["engagements"]
        .as_array()
        .expect("engagements list")
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the manifest"))
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if let Ok(rel) = p.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Text of a PDF through pdftotext.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF's bytes as `qpdf --qdf` writes them (streams inflated, no object streams), as
/// text: its pages' operators and every object readable. The unpacked copy goes to
/// `dir`.
pub fn pdf_unpacked(pdf: &Path, dir: &Path) -> String {
    let name = pdf
        .file_stem()
        .map_or_else(Default::default, |s| s.to_os_string());
    let unpacked = dir.join(name).with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&unpacked)
        .status()
        .expect("qpdf runs");
    assert!(status.success(), "qpdf could not unpack {}", pdf.display());
    String::from_utf8_lossy(&std::fs::read(&unpacked).expect("the unpacked PDF")).into_owned()
}

/// `qpdf --check` passes.
pub fn assert_pdf_valid(path: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf runs");
    assert!(
        out.status.success(),
        "qpdf --check failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The DOCX is a whole zip whose every member inflates, with a main document part.
pub fn assert_docx_valid(path: &Path) {
    let file = std::fs::File::open(path).expect("docx opens");
    let mut zip = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut has_document = false;
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).expect("zip member");
        has_document |= member.name().is_ok_and(|n| n == "word/document.xml");
        std::io::copy(&mut member, &mut std::io::sink()).expect("member inflates");
    }
    assert!(has_document, "{} has no word/document.xml", path.display());
}

/// Exit code, stderr shown on failure.
pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs the binary, waiting for it with `wait4` so its own peak resident memory is known.
/// Returns (exit code, stderr, peak RSS in KiB, wall time).
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std cannot do
pub fn run_measured(cwd: &Path, args: &[&str]) -> (i32, String, i64, Duration) {
    let start = Instant::now();
    let child = successkit(cwd)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).ok();
        s
    });
    let mut status = 0;
    // SAFETY: plain FFI call on our own child's pid with valid out-pointers.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let elapsed = start.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    (
        code,
        reader.join().expect("stderr read"),
        usage.ru_maxrss,
        elapsed,
    )
}

/// Bounded: well under the seconds and the memory a runaway would take.
pub fn assert_bounded(rss_kib: i64, elapsed: Duration) {
    assert!(rss_kib < 400 * 1024, "peak RSS {rss_kib} KiB");
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
}
