//! Hostile inputs through the real binary (issue: hardening, classes 1, 2, 3 and 8): each
//! file is the smallest that showed the fault, made here (no checked-in bombs); each run
//! ends in bounded time and memory with one clear line naming the file, and the valid
//! input given beside it is still built.

mod cli_support;

use cli_support::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A zip holding `files` (name, bytes), deflated.
fn zip(path: &Path, files: &[(&str, Vec<u8>)]) {
    let file = std::fs::File::create(path).expect("create");
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        z.start_file(*name, opts).expect("member");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("zip");
}

/// The smallest xlsx calamine opens: one sheet `Engagements` holding `sheet_data`, and
/// `shared` as its shared-strings part.
fn xlsx(path: &Path, sheet_data: &str, shared: &str) {
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    zip(
        path,
        &[
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "xl/workbook.xml",
                format!(r#"<?xml version="1.0"?><workbook {ns}><sheets><sheet name="Engagements" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(r#"<?xml version="1.0"?><worksheet {ns}><sheetData>{sheet_data}</sheetData></worksheet>"#).into_bytes(),
            ),
            ("xl/sharedStrings.xml", shared.as_bytes().to_vec()),
        ],
    );
}

/// The smallest ODS calamine opens, with `rows` as its one table's rows.
fn ods(path: &Path, rows: &str) {
    zip(
        path,
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "content.xml",
                format!(
                    r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Engagements">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
                )
                .into_bytes(),
            ),
        ],
    );
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx")
}

/// Builds `inputs` (names in `dir`) beside the valid sample, measured, and checks what
/// every hostile input must give: bounded time and memory, exit 1, exactly one error line
/// naming each bad file (with `expect` in it), and the sample's engagement built.
fn assert_refused_beside_a_valid_input(dir: &Path, bad: &[(&str, &str)]) {
    let sample = sample();
    let mut args = vec!["build", "--quiet"];
    args.extend(bad.iter().map(|(name, _)| *name));
    args.extend([
        sample.to_str().expect("utf-8"),
        "-o",
        "out",
        "--only",
        "checklist",
    ]);
    let (code, err, rss, took) = run_measured(dir, &args);
    assert_bounded(rss, took);
    assert_eq!(code, 1, "{err}");
    for (name, expect) in bad {
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "{name}: {err}");
        assert!(lines[0].contains(expect), "{name}: {}", lines[0]);
    }
    let m = manifest(&dir.join("out"));
    let ok = m["engagements"]
        .as_array()
        .expect("engagements")
        .iter()
        .filter(|e| e["status"] == "ok")
        .count();
    assert!(ok >= 1, "{m}");
}

#[test]
fn reader_declarations_and_repeats_cannot_ask_for_gigabytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // 1. A 2 KB xlsx declaring three billion shared strings (calamine reserves them).
    xlsx(
        &d.join("strings.xlsx"),
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000000000" uniqueCount="3000000000"><si><t>Engagement ID</t></si></sst>"#,
    );
    // 2. One 1 MiB shared string referenced by 3,000 cells (each cell gets its own copy:
    //    3 GB from 8 KB of zip).
    let cells: String = (1..=3000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    xlsx(
        &d.join("copies.xlsx"),
        &cells,
        &format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000" uniqueCount="1"><si><t>{}</t></si></sst>"#,
            "x".repeat(1 << 20)
        ),
    );
    // 3. An ODS whose repeated empty rows and columns calamine makes dense: a value in
    //    A1, a million empty rows, then a value in column 16,000.
    ods(
        &d.join("repeats.ods"),
        concat!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell></table:table-row>"#
        ),
    );
    // 4. An ODS whose table is never closed: calamine 0.38 reads on at the end of the
    //    file for ever (found by the stable fuzz run).
    zip(
        &d.join("unclosed.ods"),
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "content.xml",
                br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="Engagements"><table:table-row><table:table-cell/></table:table-row>"#.to_vec(),
            ),
        ],
    );
    // 5. An .xls whose DIMENSIONS record claims four billion rows.
    let mut xls =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/input/book.xls"))
            .expect("book.xls");
    let at = xls
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    xls[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(d.join("dims.xls"), xls).expect("write");

    assert_refused_beside_a_valid_input(
        d,
        &[
            ("strings.xlsx", "3,000,000,000 distinct texts"),
            ("copies.xlsx", "more text than one run reads"),
            ("repeats.ods", "more cells than one run reads"),
            ("unclosed.ods", "ends inside a table"),
            ("dims.xls", "more cells than one run reads"),
        ],
    );
}

#[test]
fn a_date_far_outside_excel_in_an_unused_column_is_no_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Engagements").expect("name");
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let head = [
        "Engagement ID",
        "Customer",
        "FastTrack Manager",
        "Workshop Date",
        "Notes",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (c, v) in ["E-1", "Contoso", "Ana Souza", "2026-11-10"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *v).expect("cell");
    }
    sheet
        .write_number_with_format(1, 4, -1e12, &date)
        .expect("date cell");
    wb.save(dir.path().join("far.xlsx")).expect("save");
    let o = run(dir.path(), &["check", "far.xlsx"]);
    let err = stderr(&o);
    assert!(!err.contains("internal error"), "{err}");
    assert!(!err.contains("TimeDelta"), "{err}");
    assert_eq!(code(&o), 0, "{err}");
}

#[test]
fn twenty_thousand_rows_sharing_one_id_give_short_messages_in_linear_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut csv = String::from("Engagement ID,Customer,FastTrack Manager,Workshop Date\n");
    for _ in 0..20_000 {
        csv.push_str("E-1,Contoso,Ana Souza,2026-11-10\n");
    }
    std::fs::write(dir.path().join("engagements.csv"), csv).expect("write");
    let (code, err, rss, took) = run_measured(dir.path(), &["check", "engagements.csv"]);
    assert_bounded(rss, took);
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(code, 1, "{err}");
    // The report goes to stdout: read it whole.
    let o = run(
        dir.path(),
        &["check", "--format", "json", "engagements.csv"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let messages: Vec<String> = doc["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["message"].as_str().unwrap_or_default().to_string())
        .collect();
    let dup: Vec<&str> = messages
        .iter()
        .map(String::as_str)
        .filter(|l| l.contains("used more than once"))
        .collect();
    assert_eq!(dup.len(), 20_000, "one line per copy");
    assert!(dup.iter().all(|l| l.len() < 400), "{}", dup[0]);
    assert!(dup[0].contains("and 19,996 more"), "{}", dup[0]);
}

#[test]
fn build_with_many_failing_engagements_is_linear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut csv = String::from("Engagement ID,Customer,FastTrack Manager,Workshop Date,Segment\n");
    for i in 0..40_000 {
        csv.push_str(&format!("E-{i},Contoso,Ana Souza,2026-11-10,Galactic\n"));
    }
    std::fs::write(dir.path().join("engagements.csv"), csv).expect("write");
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &["build", "engagements.csv", "-o", "out", "--no-report"],
    );
    assert_bounded(rss, took);
    // Quadratic (a scan of every problem per engagement) took minutes here in a debug
    // build; linear takes seconds.
    assert!(took < Duration::from_secs(40), "took {took:?}");
    assert_eq!(code, 1, "{}", &err[..err.len().min(2000)]);
    let m = manifest(&dir.path().join("out"));
    let failed = m["engagements"]
        .as_array()
        .expect("engagements")
        .iter()
        .filter(|e| {
            e["status"] == "failed" && e["problems"].as_array().is_some_and(|p| !p.is_empty())
        })
        .count();
    assert_eq!(failed, 40_000);
}

#[test]
fn a_fifo_or_a_device_where_a_stamp_belongs_neither_hangs_nor_grows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(3));
    let input = input.to_str().expect("utf-8");
    let o = run(
        dir.path(),
        &["build", input, "-o", "out", "--only", "checklist"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.path().join("out");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let fifo = folders[0].join(".successkit-hash");
    std::fs::remove_file(&fifo).expect("stamp");
    let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("path");
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let zero = folders[1].join(".successkit-hash");
    std::fs::remove_file(&zero).expect("stamp");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    std::fs::remove_file(out.join(".successkit-hash")).expect("report stamp");
    std::os::unix::fs::symlink("/dev/zero", out.join(".successkit-hash")).expect("symlink");

    let (code, err, rss, took) = run_measured(
        dir.path(),
        &["build", input, "-o", "out", "--only", "checklist"],
    );
    assert_bounded(rss, took);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(code, 0, "{err}");
    // Both engagements were rendered again and have a real stamp now.
    for f in &folders[..2] {
        let meta = std::fs::symlink_metadata(f.join(".successkit-hash")).expect("stamp");
        assert!(meta.is_file(), "{}", f.display());
    }
}

#[test]
fn a_huge_jobs_count_starts_no_more_threads_than_there_is_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(2));
    let (code, err, rss, took) = run_measured(
        dir.path(),
        &[
            "build",
            input.to_str().expect("utf-8"),
            "-o",
            "out",
            "--jobs",
            "100000",
            "--only",
            "checklist",
        ],
    );
    assert_bounded(rss, took);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn utf32_csv_is_read_like_any_other_encoding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(1));
    for name in ["engagements.csv", "services.csv"] {
        let text = std::fs::read_to_string(input.join(name)).expect("csv");
        let mut bytes = vec![0xFF, 0xFE, 0, 0];
        bytes.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        std::fs::write(input.join(name), bytes).expect("utf-32");
    }
    let o = run(dir.path(), &["check", input.to_str().expect("utf-8")]);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "{err}");
    assert!(!err.contains("missing"), "{err}");
}
