//! Hostile templates through the real binary (issue: hardening, classes 5, 6 and 8): each
//! ends in bounded time and memory with one clear line naming the template, and what is
//! valid beside it is still made.

mod cli_support;

use cli_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A templates folder holding `files` (relative path, text).
fn templates(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let root = dir.join("templates");
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    root
}

fn portfolio() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio")
}

#[test]
fn partials_including_each_other_are_refused_at_load_naming_the_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tpl = templates(
        dir.path(),
        &[
            ("en/success-plan.md.hbs", "# Success Plan\n\n{{> a}}\n"),
            ("en/partials/a.md.hbs", "A {{#if header}}{{> b}}{{/if}}\n"),
            ("en/partials/b.md.hbs", "B {{> a}}\n"),
        ],
    );
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            portfolio().to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
            "-o",
            "out",
            "--quiet",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_bounded(rss, took);
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: templates: "), "{err}");
    assert!(
        first.contains("partials include each other")
            && first.contains("a.md.hbs → ")
            && first.contains("b.md.hbs → "),
        "{err}"
    );
}

#[test]
fn exponentially_expanding_partials_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("en/partials/p{i}.md.hbs"),
                format!("{{{{> p{0}}}}}{{{{> p{0}}}}}", i + 1),
            )
        })
        .collect();
    files.push(("en/partials/p30.md.hbs".into(), "leaf".into()));
    files.push((
        "en/success-plan.md.hbs".into(),
        "# Plan\n\n{{> p0}}\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let tpl = templates(dir.path(), &refs);
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            portfolio().to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
            "-o",
            "out",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_bounded(rss, took);
    assert!(err.contains("expands to more than 10000 partials"), "{err}");
}

#[test]
fn deep_nesting_fails_that_engagement_alone_naming_the_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Two thousand nested quotes, and a thousand list levels, for one customer only.
    let deep_quotes = "> ".repeat(2000) + "deep\n";
    let deep_list: String = (0..1000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let plan = format!(
        "# Success Plan\n\n{{{{header.customer}}}}\n\n{{{{#if (eq header.customer \"Northwind Traders\")}}}}\n{deep_quotes}\n{{{{/if}}}}\n"
    );
    let checklist = format!(
        "# Success Checklist\n\n{{{{#if (eq header.customer \"Northwind Traders\")}}}}\n{deep_list}\n{{{{/if}}}}\nfine\n"
    );
    let tpl = templates(
        dir.path(),
        &[
            ("en/success-plan.md.hbs", &plan),
            ("en/success-checklist.md.hbs", &checklist),
        ],
    );
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            portfolio().to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
            "-o",
            "out",
            "--lang",
            "en",
            "--only",
            "plan,checklist",
            "--no-report",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_bounded(rss, took);
    let nesting: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("blocks nested more than 32 deep"))
        .collect();
    assert!(!nesting.is_empty(), "{err}");
    for line in &nesting {
        assert!(
            line.contains("success-plan.md.hbs") || line.contains("success-checklist.md.hbs"),
            "{line}"
        );
    }
    // Every other valid engagement has its plan and checklist.
    let m = manifest(&dir.path().join("out"));
    let ok = m["engagements"]
        .as_array()
        .expect("engagements")
        .iter()
        .filter(|e| e["status"] == "ok")
        .count();
    assert_eq!(ok, 8, "{m}");
}

#[test]
fn unsafe_links_numbers_and_headingless_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = "Just a paragraph: {{number \"1e308\"}} and {{number \"-1e308\" 2}}.\n\n\
                [run](javascript:alert(1)) [file](file:///etc/passwd) [share](smb://host/share) \
                [data](data:text/html,hi) [web](https://example.com/a) [mail](mailto:fm@example.com)\n";
    let tpl = templates(dir.path(), &[("en/success-plan.md.hbs", plan)]);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx");
    let out = run(
        dir.path(),
        &[
            "build",
            sample.to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
            "-o",
            "out",
            "--only",
            "plan",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out_dir = dir.path().join("out");
    let files: Vec<PathBuf> = files(&out_dir).iter().map(|f| out_dir.join(f)).collect();
    let pdf = files
        .iter()
        .find(|p| p.ends_with("success-plan.pdf"))
        .expect("pdf");
    let docx = files
        .iter()
        .find(|p| p.ends_with("success-plan.docx"))
        .expect("docx");
    // No heading means no outline: the trailer must still count the objects right.
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf runs");
    let report = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success() && !report.contains("WARNING"),
        "{report}"
    );

    let text = pdf_text(pdf);
    assert!(!text.contains("inf"), "{text}");
    assert!(text.contains("100,000,000,000,000,001"), "{text}");
    // The annotations sit in compressed object streams: read them unpacked.
    let raw = pdf_unpacked(pdf, dir.path());
    let uris: Vec<&str> = raw
        .match_indices("/URI (")
        .map(|(i, _)| &raw[i..i + 30])
        .collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    for bad in ["javascript:", "file:", "smb:", "data:"] {
        assert!(!raw.contains(bad), "{bad} in the PDF");
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).expect("docx")).expect("zip");
    let mut rels = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/_rels/document.xml.rels").expect("rels"),
        &mut rels,
    )
    .expect("read");
    assert!(rels.contains("https://example.com/a") && rels.contains("mailto:fm@example.com"));
    for bad in ["javascript:", "file:", "smb:", "data:"] {
        assert!(!rels.contains(bad), "{bad} in {rels}");
    }
}

#[test]
fn a_fifo_or_a_device_as_input_is_one_line_and_the_valid_input_beside_it_is_built() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("x.xlsx");
    let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("path");
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx");
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            "x.xlsx",
            "/dev/zero",
            sample.to_str().expect("utf-8"),
            "-o",
            "out",
            "--only",
            "checklist",
        ],
    );
    assert_bounded(rss, took);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(code, 1, "{err}");
    for name in ["x.xlsx", "/dev/zero"] {
        let lines: Vec<&str> = err
            .lines()
            .filter(|l| l.contains(name) && l.contains("not a regular file"))
            .collect();
        assert_eq!(lines.len(), 1, "{name}: {err}");
    }
    assert!(!err.contains("200 MB"), "{err}");
    let m = manifest(&dir.path().join("out"));
    assert!(
        m["engagements"]
            .as_array()
            .expect("engagements")
            .iter()
            .any(|e| e["status"] == "ok"),
        "{m}"
    );
}

#[test]
fn a_closed_pipe_or_a_full_disk_on_stdout_and_stderr_never_stops_a_run() {
    for target in ["closed pipe", "/dev/full"] {
        let dir = tempfile::tempdir().expect("tempdir");
        for args in [
            vec!["build", "PORTFOLIO", "-o", "out"],
            vec!["check", "PORTFOLIO"],
            vec!["templates", "export", "exported"],
            vec!["init", "starter"],
        ] {
            let args: Vec<String> = args
                .iter()
                .map(|a| match *a {
                    "PORTFOLIO" => portfolio().to_string_lossy().into_owned(),
                    a => a.to_string(),
                })
                .collect();
            let mut cmd = successkit(dir.path());
            cmd.args(&args);
            let status = if target == "/dev/full" {
                let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
                cmd.stdout(full().expect("/dev/full"))
                    .stderr(full().expect("/dev/full"))
                    .status()
                    .expect("runs")
            } else {
                let mut child = cmd
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("runs");
                // The reader goes away before a line is written (`… | head -0`).
                drop(child.stdout.take());
                drop(child.stderr.take());
                child.wait().expect("waits")
            };
            let code = status.code().unwrap_or(-1);
            // Never a panic (101) or a signal: the command's own status.
            let expected: &[i32] = match args[0].as_str() {
                "build" => &[1],
                // check writes one report; unwritable on a full disk, it says it could not run.
                "check" => &[1, 2],
                _ => &[0],
            };
            assert!(expected.contains(&code), "{target}: {args:?} exited {code}");
        }
        // What the commands make was still made.
        let m = manifest(&dir.path().join("out"));
        let ok = m["engagements"]
            .as_array()
            .expect("engagements")
            .iter()
            .filter(|e| e["status"] == "ok")
            .count();
        assert_eq!(ok, 9, "{target}");
        assert!(dir.path().join("out/portfolio.pdf").is_file(), "{target}");
        assert!(dir.path().join("exported/en/success-plan.md.hbs").is_file());
        assert!(
            dir.path()
                .join("starter")
                .read_dir()
                .expect("starter")
                .count()
                > 0
        );
    }
}

#[test]
fn a_huge_logo_is_embedded_at_print_size_not_at_twenty_five_million_pixels() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A 5,000 × 5,000 PNG of one colour: a few kilobytes on disk, 75 MB of pixels.
    let (w, h) = (5000u32, 5000u32);
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("header");
        writer
            .write_image_data(&vec![0x33u8; (w * h * 3) as usize])
            .expect("pixels");
    }
    let t = templates(dir.path(), &[]);
    std::fs::create_dir_all(&t).expect("mkdir");
    std::fs::write(t.join("logo.png"), &png_bytes).expect("logo");
    let theme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/theme.toml"))
            .expect("theme")
            .replace("# logo = \"logo.png\"", "logo = \"logo.png\"");
    std::fs::write(t.join("theme.toml"), theme).expect("theme");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx");
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            sample.to_str().expect("utf-8"),
            "-o",
            "out",
            "--templates",
            "templates",
            "--only",
            "plan",
        ],
    );
    assert_bounded(rss, took);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    let pdf = files(&out)
        .into_iter()
        .find(|p| p.ends_with("success-plan.pdf"))
        .map(|p| out.join(p))
        .expect("a plan");
    let doc = lopdf::Document::load(&pdf).expect("pdf");
    let widths: Vec<i64> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image"))
        .filter_map(|s| s.dict.get(b"Width").and_then(|v| v.as_i64()).ok())
        .collect();
    assert!(!widths.is_empty(), "no image in the plan");
    assert!(widths.iter().all(|&w| w <= 1200), "{widths:?}");
}

#[test]
fn a_customer_name_of_two_hundred_thousand_unbroken_characters_is_set_in_bounded_time() {
    // One word of any length is shaped in n log n: the cluster lookups of a shaped word
    // were linear scans, and a 200 KB token pasted into a cell took half a minute.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = specs(1);
    if let Some(one) = s.first_mut() {
        one.customer = "ÇãoEmpresaSemEspaços".repeat(10_000);
    }
    let input = write_portfolio(&dir.path().join("in"), &s);
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            input.to_str().expect("utf-8"),
            "-o",
            "out",
            "--only",
            "checklist",
            "--quiet",
        ],
    );
    assert_bounded(rss, took);
    assert_eq!(code, 0, "{err}");
}
