//! `successkit build` through the real binary: the kit and its manifest, isolation of a bad
//! engagement, an interrupted run finished by a rerun, the rerun cache, determinism.

mod cli_support;

use cli_support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const KIT: [&str; 4] = [
    "success-plan.docx",
    "success-plan.pdf",
    "success-checklist.pdf",
    "workshop-handout.pdf",
];

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx")
}

/// Every document the manifest lists is on disk with its size, hash and page count.
fn assert_manifest_matches_files(out: &Path) {
    let m = manifest(out);
    let mut listed = 0;
    for e in m["engagements"].as_array().expect("list") {
        for d in e["documents"].as_array().expect("documents") {
            let path = out.join(d["path"].as_str().expect("path"));
            let bytes =
                std::fs::read(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
            assert_eq!(d["bytes"], bytes.len() as u64, "{}", path.display());
            assert_eq!(
                d["sha256"].as_str(),
                Some(successkit::outdir::sha256_hex(&bytes).as_str())
            );
            if path.extension().is_some_and(|x| x == "pdf") {
                assert_pdf_valid(&path);
                let info = std::process::Command::new("pdfinfo")
                    .arg(&path)
                    .output()
                    .expect("pdfinfo");
                let info = String::from_utf8_lossy(&info.stdout).into_owned();
                let pages = info
                    .lines()
                    .find_map(|l| l.strip_prefix("Pages:"))
                    .and_then(|p| p.trim().parse::<u64>().ok());
                assert_eq!(d["pages"].as_u64(), pages, "{}", path.display());
            } else {
                assert_docx_valid(&path);
            }
            listed += 1;
        }
    }
    assert!(listed > 0, "the manifest lists no document");
}

fn mtimes(out: &Path) -> BTreeMap<PathBuf, SystemTime> {
    files(out)
        .into_iter()
        .map(|f| {
            let t = std::fs::metadata(out.join(&f))
                .and_then(|m| m.modified())
                .expect("mtime");
            (f, t)
        })
        .collect()
}

fn statuses(out: &Path) -> Vec<String> {
    manifest(out)["engagements"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["status"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_sample_kit_has_four_files_and_a_true_manifest() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = run(
        tmp.path(),
        &["build", sample().to_str().expect("utf-8 path"), "-o", "out"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let outdir = tmp.path().join("out");
    let m = manifest(&outdir);
    let engagements = m["engagements"].as_array().expect("list");
    assert!(!engagements.is_empty());
    for e in engagements {
        assert_eq!(e["status"], "ok", "{e}");
        let folder = e["folder"].as_str().expect("folder");
        for name in KIT {
            assert!(
                outdir.join(folder).join(name).is_file(),
                "{folder}/{name} missing"
            );
        }
        let kinds: Vec<&str> = e["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .filter_map(|d| d["kind"].as_str())
            .collect();
        assert_eq!(
            kinds,
            [
                "success-plan-docx",
                "success-plan-pdf",
                "success-checklist-pdf",
                "workshop-handout-pdf"
            ]
        );
    }
    assert_manifest_matches_files(&outdir);
    let summary = stderr(&out);
    assert!(summary.contains("ready"), "{summary}");
}

#[test]
fn one_bad_engagement_fails_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut specs = specs(5);
    specs[2].workshop = "31/02/2026".into();
    write_portfolio(&tmp.path().join("in"), &specs);
    let out = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let outdir = tmp.path().join("out");
    let m = manifest(&outdir);
    let bad = entry(&m, "E-003");
    assert_eq!(bad["status"], "failed");
    assert_eq!(bad["documents"].as_array().map(Vec::len), Some(0));
    let problems = bad["problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .any(|p| p["value"] == "31/02/2026" && p["severity"] == "error" && p["row"] == 4),
        "{problems:?}"
    );
    for id in ["E-001", "E-002", "E-004", "E-005"] {
        let e = entry(&m, id);
        assert_eq!(e["status"], "ok", "{e}");
        assert_eq!(e["documents"].as_array().map(Vec::len), Some(4));
    }
    assert_manifest_matches_files(&outdir);
    // The failure is in the report too.
    assert!(outdir.join("portfolio.xlsx").is_file());
    let text = pdf_text(&outdir.join("portfolio.pdf"));
    assert!(text.contains("E-003"), "{text}");
    let err = stderr(&out);
    assert!(err.contains("31/02/2026"), "{err}");
    // The closing lines are product wording; only the time varies.
    let tail: Vec<&str> = err.lines().rev().take(3).collect();
    let tail = tail
        .iter()
        .rev()
        .map(|l| match l.rfind(" in ") {
            Some(i) if l.ends_with(" s") || l.ends_with(" ms") => format!("{} in [time]", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(tail);
}

#[test]
fn a_panic_while_rendering_stays_in_its_engagement() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(4));
    let out = successkit(tmp.path())
        .args(["build", "in", "-o", "out"])
        .env("SUCCESSKIT_TEST_PANIC_ON", "E-002")
        .output()
        .expect("runs");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let m = manifest(&tmp.path().join("out"));
    let e = entry(&m, "E-002");
    assert_eq!(e["status"], "failed");
    assert!(e["problems"].to_string().contains("internal error"), "{e}");
    for id in ["E-001", "E-003", "E-004"] {
        assert_eq!(entry(&m, id)["status"], "ok");
    }
    // The report is made beside the kits for a run whose kits all render; this one's is
    // made again, with the failed kit in its failed list.
    let report = pdf_text(&tmp.path().join("out/portfolio.pdf"));
    let failed = report
        .find("Engagements that failed")
        .map(|at| &report[at..])
        .expect("the failed list");
    assert!(failed.contains("E-002"), "{failed}");
    assert!(failed.contains("internal error"), "{failed}");
}

#[test]
fn a_killed_run_is_finished_by_the_next() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(40));
    let outdir = tmp.path().join("out");
    let mut child = successkit(tmp.path())
        .args(["build", "in", "-o", "out", "--jobs", "2"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let written = outdir.is_dir()
            && files(&outdir)
                .iter()
                .any(|f| f.extension().is_some_and(|x| x == "pdf"));
        if written || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    assert!(
        !outdir.join("manifest.json").exists(),
        "the run finished before it could be killed"
    );

    let out = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let m = manifest(&outdir);
    assert_eq!(m["engagements"].as_array().map(Vec::len), Some(40));
    assert!(statuses(&outdir)
        .iter()
        .all(|s| s == "ok" || s == "skipped"));
    assert_manifest_matches_files(&outdir);
    for f in files(&outdir) {
        let name = f.to_string_lossy();
        assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
    }
}

#[test]
fn a_rerun_with_nothing_changed_writes_nothing_and_force_renders_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(3));
    let outdir = tmp.path().join("out");
    let first = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let before = mtimes(&outdir);
    std::thread::sleep(Duration::from_millis(50));

    let again = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(mtimes(&outdir), before, "a file was rewritten");
    assert!(statuses(&outdir).iter().all(|s| s == "ok"));
    let summary = stderr(&again);
    assert!(summary.contains("(0 rendered, 3 unchanged)"), "{summary}");
    assert!(summary.contains("0 files written"), "{summary}");

    let forced = run(tmp.path(), &["build", "in", "-o", "out", "--force"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert!(stderr(&forced).contains("(3 rendered, 0 unchanged)"));
    let after = mtimes(&outdir);
    let pdf = PathBuf::from(
        manifest(&outdir)["engagements"][0]["documents"][1]["path"]
            .as_str()
            .expect("path"),
    );
    assert_ne!(
        after.get(&pdf),
        before.get(&pdf),
        "--force did not rewrite {pdf:?}"
    );
    assert_manifest_matches_files(&outdir);
}

#[test]
fn an_edited_document_is_kept_aside_never_rendered_over() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(2));
    let outdir = tmp.path().join("out");
    assert_eq!(code(&run(tmp.path(), &["build", "in", "-o", "out"])), 0);
    let folder = outdir.join(
        manifest(&outdir)["engagements"][0]["folder"]
            .as_str()
            .expect("folder"),
    );
    // The FM edits the plan's DOCX (here: its bytes changed, same size too).
    let docx = folder.join("success-plan.docx");
    let mut edited = std::fs::read(&docx).expect("docx");
    let last = edited.len() - 1;
    edited[last] ^= 1;
    std::fs::write(&docx, &edited).expect("edit");
    // Nothing else changed: a same-size edit leaves the kit current, nothing touched.
    let again = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert!(
        stderr(&again).contains("(0 rendered, 2 unchanged)"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read(&docx).expect("docx"), edited);
    // Forced (or the data changed): the edited file is kept under a new name first.
    let forced = run(tmp.path(), &["build", "in", "-o", "out", "--force"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    let err = stderr(&forced);
    assert!(
        err.contains("warning: ")
            && err.contains(
                "success-plan.docx was changed after it was built: that version is kept as \
                 success-plan.edited.docx, and a new success-plan.docx made from the data"
            ),
        "{err}"
    );
    assert_eq!(
        std::fs::read(folder.join("success-plan.edited.docx")).expect("kept"),
        edited
    );
    assert_ne!(std::fs::read(&docx).expect("docx"), edited);
    assert_manifest_matches_files(&outdir);
    assert_eq!(statuses(&outdir), ["ok", "ok"]);
    // Edited again (longer): kept under the next free name; the first copy stays.
    let mut longer = std::fs::read(&docx).expect("docx");
    longer.extend_from_slice(b"edit");
    std::fs::write(&docx, &longer).expect("edit");
    let changed = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert!(
        stderr(&changed).contains("(1 rendered, 1 unchanged)"),
        "{}",
        stderr(&changed)
    );
    assert_eq!(
        std::fs::read(folder.join("success-plan.edited-2.docx")).expect("kept"),
        longer
    );
    assert_eq!(
        std::fs::read(folder.join("success-plan.edited.docx")).expect("kept"),
        edited
    );
    assert_manifest_matches_files(&outdir);
}

#[test]
fn an_output_folder_that_is_a_file_or_a_workbook_given_to_send_say_what_to_do() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(1));
    std::fs::write(tmp.path().join("kits"), b"").expect("file");
    let file = run(tmp.path(), &["build", "in", "-o", "kits"]);
    assert_eq!(code(&file), 2);
    assert!(
        stderr(&file)
            .ends_with("hint: kits is a file, not a folder: name another output folder with -o\n"),
        "{}",
        stderr(&file)
    );
    // A workbook given without a command: not clap's "did you mean 'init'".
    let bare = run(tmp.path(), &["in"]);
    assert_eq!(code(&bare), 2);
    assert_eq!(
        stderr(&bare),
        "error: in is a file or folder, not a command\n\
         hint: name the command first: successkit check in (validate), successkit build in (make the kits)\n"
    );
    let send = successkit(tmp.path())
        .args(["send", "in/engagements.csv", "--from", "fm@example.com"])
        .output()
        .expect("the binary runs");
    assert_eq!(code(&send), 2);
    assert!(
        stderr(&send).contains("hint: send takes the output folder `build` wrote"),
        "{}",
        stderr(&send)
    );
}

#[test]
fn a_changed_option_or_input_renders_only_what_changed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut s = specs(3);
    write_portfolio(&tmp.path().join("in"), &s);
    let outdir = tmp.path().join("out");
    assert_eq!(code(&run(tmp.path(), &["build", "in", "-o", "out"])), 0);
    s[1].customer = "Customer 002 Renamed".into();
    write_portfolio(&tmp.path().join("in"), &s);
    let changed = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&changed), 0);
    let summary = stderr(&changed);
    assert!(summary.contains("(1 rendered, 2 unchanged)"), "{summary}");
    assert!(outdir
        .join("e-002-customer-002-renamed/success-plan.pdf")
        .is_file());
    assert_eq!(statuses(&outdir), ["ok", "ok", "ok"]);
    let other_day = run(
        tmp.path(),
        &["build", "in", "-o", "out", "--as-of", "2026-12-01"],
    );
    assert_eq!(code(&other_day), 0);
    assert!(stderr(&other_day).contains("(3 rendered, 0 unchanged)"));
}

#[test]
fn a_template_change_renders_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(2));
    let theme = tmp.path().join("theme");
    std::fs::create_dir(&theme).expect("theme folder");
    let builtin =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/theme.toml"))
            .expect("built-in theme");
    std::fs::write(theme.join("theme.toml"), &builtin).expect("theme");
    let args = ["build", "in", "-o", "out", "--templates", "theme"];
    assert_eq!(code(&run(tmp.path(), &args)), 0);
    let same = run(tmp.path(), &args);
    assert!(
        stderr(&same).contains("(0 rendered, 2 unchanged)"),
        "{}",
        stderr(&same)
    );
    std::fs::write(
        theme.join("theme.toml"),
        builtin.replace("accent = \"#1f4e79\"", "accent = \"#7a1f1f\""),
    )
    .expect("theme");
    let out = run(tmp.path(), &args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(2 rendered, 0 unchanged)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(3));
    assert_eq!(code(&run(tmp.path(), &["build", "in", "-o", "a"])), 0);
    assert_eq!(
        code(&run(tmp.path(), &["build", "in", "-o", "b", "--jobs", "1"])),
        0
    );
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let names = files(&a);
    assert_eq!(names, files(&b));
    for f in names {
        let same = std::fs::read(a.join(&f)).ok() == std::fs::read(b.join(&f)).ok();
        assert!(same, "{} differs between runs", f.display());
    }
}

#[test]
fn hostile_customer_names_make_safe_distinct_folders() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut s = specs(5);
    s[0].customer = "../../etc".into();
    s[1].customer = "CON".into();
    s[1].id = "".into();
    s[1].id = "NUL".into();
    s[2].customer = "São Paulo Ação Ltda. ".into();
    s[3].customer = "a<b>c:d\"e|f?g*h\\i/j".into();
    s[4].customer = "São Paulo Ação Ltda. ".into();
    write_portfolio(&tmp.path().join("in"), &s);
    let out = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let outdir = tmp.path().join("out");
    let m = manifest(&outdir);
    let folders: Vec<String> = m["engagements"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["folder"].as_str().expect("folder").to_string())
        .collect();
    assert_eq!(
        folders,
        [
            "e-001-etc",
            "nul-con",
            "e-003-sao-paulo-acao-ltda",
            "e-004-a-b-c-d-e-f-g-h-i-j",
            "e-005-sao-paulo-acao-ltda"
        ]
    );
    assert!(!tmp.path().join("etc").exists());
}

#[test]
fn nothing_readable_is_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("notes.xlsx"), b"this is not a workbook").expect("file");
    let out = run(tmp.path(), &["build", "notes.xlsx", "-o", "out"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("notes.xlsx"), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with("error: no engagement could be read; nothing was built\n"),
        "the errors are listed above: no hint to run check for them\n{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn a_single_engagement_gets_no_report_unless_asked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(1));
    assert_eq!(code(&run(tmp.path(), &["build", "in", "-o", "out"])), 0);
    assert!(!tmp.path().join("out/portfolio.pdf").exists());
    let out = run(
        tmp.path(),
        &[
            "build",
            "in",
            "-o",
            "out",
            "--report",
            "--only",
            "checklist",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(tmp.path().join("out/portfolio.pdf").is_file());
    assert!(tmp.path().join("out/portfolio.xlsx").is_file());
    let m = manifest(&tmp.path().join("out"));
    let docs = m["engagements"][0]["documents"].as_array().expect("docs");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["kind"], "success-checklist-pdf");
    assert_eq!(m["report"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_bad_only_value_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(1));
    let out = run(tmp.path(), &["build", "in", "--only", "plan,brochure"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("brochure"), "{}", stderr(&out));
}

#[test]
fn the_report_names_files_relative_to_the_input_not_absolute() {
    use calamine::{open_workbook, Reader, Xlsx};
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut specs = specs(3);
    specs[1].workshop = "31/02/2026".into();
    // An absolute input path, as a manager's script would pass it.
    let input = write_portfolio(&tmp.path().join("in"), &specs);
    let input = input.to_str().expect("utf-8 path");
    let out = run(
        tmp.path(),
        &["build", input, "-o", "out", "--lang", "pt-BR"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let outdir = tmp.path().join("out");
    let tmp_name = tmp.path().display().to_string();

    let text = pdf_text(&outdir.join("portfolio.pdf"));
    assert!(text.contains("E-002"), "{text}");
    assert!(text.contains("engagements.csv"), "{text}");
    assert!(!text.contains(&tmp_name), "an absolute path in {text}");

    let mut wb: Xlsx<_> = open_workbook(outdir.join("portfolio.xlsx")).expect("xlsx");
    let failed = wb.worksheet_range("Com falha").expect("failed sheet");
    let files: Vec<String> = failed
        .rows()
        .skip(1)
        .map(|r| r.get(3).map(|c| c.to_string()).unwrap_or_default())
        .collect();
    assert!(!files.is_empty());
    assert!(files.iter().all(|f| f == "engagements.csv"), "{files:?}");
}

#[test]
fn a_template_file_nothing_reads_gets_a_warning() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(1));
    let dir = tmp.path().join("tpl");
    std::fs::create_dir_all(dir.join("en")).expect("folder");
    // A typo: the built-in is en/success-plan.md.hbs.
    std::fs::write(dir.join("en/success-plan.hbs"), "# Plan\n").expect("template");
    let out = run(
        tmp.path(),
        &["build", "in", "-o", "out", "--templates", "tpl"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap_or_else(|| panic!("no warning in {err}"));
    assert_eq!(
        warning,
        "warning: tpl/en/success-plan.hbs is not used: no template, theme font or logo has that name"
    );
    // --quiet keeps it quiet.
    let quiet = run(
        tmp.path(),
        &[
            "build",
            "in",
            "-o",
            "out",
            "--templates",
            "tpl",
            "--quiet",
            "--force",
        ],
    );
    assert!(!stderr(&quiet).contains("warning:"), "{}", stderr(&quiet));
}

#[test]
fn option_errors_read_alike_and_help_lists_exit_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_portfolio(&tmp.path().join("in"), &specs(1));
    let bad_date = successkit(tmp.path())
        .env("SOURCE_DATE_EPOCH", "1722470400")
        .args(["build", "in", "--as-of", "12/31/2026"])
        .output()
        .expect("the binary runs");
    assert_eq!(code(&bad_date), 2);
    // The example is the SOURCE_DATE_EPOCH date, not the wall clock.
    assert_eq!(
        stderr(&bad_date),
        "error: --as-of: \"12/31/2026\" is not a date\n\
         hint: write it as YYYY-MM-DD or DD/MM/YYYY, e.g. 2024-08-01 (the date used without --as-of)\n"
    );
    // Day first, as the data writes dates, is a date.
    let day_first = run(tmp.path(), &["build", "in", "-q", "--as-of", "31/12/2026"]);
    assert_eq!(code(&day_first), 0, "{}", stderr(&day_first));
    let manifest =
        std::fs::read_to_string(tmp.path().join("successkit-out/manifest.json")).expect("manifest");
    assert!(manifest.contains("\"as_of\": \"2026-12-31\""), "{manifest}");
    let bad_lang = run(tmp.path(), &["build", "in", "--lang", "fr"]);
    assert_eq!(code(&bad_lang), 2);
    assert_eq!(
        stderr(&bad_lang),
        "error: --lang: \"fr\" is not a language\nhint: choose en or pt-BR\n"
    );
    let help = run(tmp.path(), &["build", "--help"]);
    assert_eq!(code(&help), 0);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("Exit status:\n  0  "), "{text}");
    assert!(text.contains("\n  1  some engagements failed"), "{text}");
    assert!(text.contains("\n  2  nothing could be read"), "{text}");
}

#[test]
fn the_portfolio_build_in_portuguese() {
    // Problems, the summary and the report line in the language of --lang (which also
    // makes the kits Portuguese); only the output folder and the time vary.
    let tmp = tempfile::tempdir().expect("tempdir");
    let outdir = tmp.path().join("out");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(
        root,
        &[
            "build",
            "fixtures/portfolio",
            "-o",
            outdir.to_str().expect("utf-8 path"),
            "--lang",
            "pt-BR",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stderr(&out)
        .replace(&outdir.display().to_string(), "[out]")
        .lines()
        .map(|l| match l.rfind(" (") {
            Some(i) if l.ends_with(" s)") || l.ends_with(" ms)") => {
                format!("{} ([tempo])", &l[..i])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("9 envolvimentos prontos"), "{text}");
    insta::assert_snapshot!("portfolio_pt_br", text);
}

#[test]
fn a_panic_while_making_one_report_file_spares_the_other() {
    for (bad, good) in [
        ("portfolio.xlsx", "portfolio.pdf"),
        ("portfolio.pdf", "portfolio.xlsx"),
    ] {
        let tmp = tempfile::tempdir().expect("tempdir");
        write_portfolio(&tmp.path().join("in"), &specs(3));
        let out = successkit(tmp.path())
            .args(["build", "in", "-o", "out"])
            .env("SUCCESSKIT_TEST_PANIC_ON", bad)
            .output()
            .expect("runs");
        let err = stderr(&out);
        assert_eq!(code(&out), 1, "{err}");
        assert!(err.contains(bad) && err.contains("test panic"), "{err}");
        // Reported once, as the file's problem: not by the default panic hook too.
        assert!(!err.contains("thread '"), "{err}");
        let dir = tmp.path().join("out");
        assert!(dir.join(good).is_file(), "{good} missing: {err}");
        assert!(!dir.join(bad).exists(), "{bad} written: {err}");
        for id in ["E-001", "E-002", "E-003"] {
            assert_eq!(entry(&manifest(&dir), id)["status"], "ok");
        }
    }
}

#[test]
fn engagements_without_a_contact_email_are_named_by_build_not_first_by_send() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // The sample has its contact's address: nothing to say.
    let out = run(
        tmp.path(),
        &["build", sample().to_str().expect("path"), "-o", "sample"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("Contact Email"), "{}", stderr(&out));
    // Seven engagements without one: counted, the first five named, in order, the rest
    // counted.
    write_portfolio(&tmp.path().join("in"), &specs(7));
    let out = run(tmp.path(), &["build", "in", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "notice: none of the 7 engagements has a Contact Email: send will skip their \
             kits (E-001, E-002, E-003, E-004, E-005, and 2 more); fill in the column and \
             build again"
        ),
        "{err}"
    );
    // The kits are made all the same.
    assert_eq!(
        entry(&manifest(&tmp.path().join("out")), "E-007")["status"],
        "ok"
    );
}
