//! Reading every input form, and hostile files: `successkit::input`.
//!
//! Fixtures come from `fixtures/make_input_fixtures.py` (openpyxl, LibreOffice,
//! pyxlsbwriter, msoffcrypto-tool); the big hostile files (bombs, a 50 MB line) are made
//! here in a temp dir. Message wording is product: it is snapshot-tested.

use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use successkit::i18n::Lang;
use successkit::input::{read_bytes, read_inputs, InputSet, Limits, RawCell};

fn fixture(rel: &str) -> PathBuf {
    // Relative to the package root (cargo runs tests there) so messages are stable.
    PathBuf::from("fixtures").join(rel)
}

fn read(paths: &[PathBuf]) -> InputSet {
    read_inputs(paths, &Limits::default())
}

/// Every table as text: sheet, header row, headers, then `row: cell | cell`.
fn dump(set: &InputSet) -> String {
    let mut out = String::new();
    for source in &set.sources {
        let _ = writeln!(out, "source {}", source.file);
        for t in &source.tables {
            let _ = writeln!(
                out,
                "  table {:?} from {} (header row {})",
                t.sheet, t.file, t.header_row
            );
            let _ = writeln!(out, "    headers: {:?}", t.headers);
            for r in &t.rows {
                let cells: Vec<String> = r.cells.iter().map(cell).collect();
                let _ = writeln!(out, "    {}: {}", r.number, cells.join(" | "));
            }
        }
    }
    for p in &set.problems {
        let _ = writeln!(out, "problem {p}");
    }
    out
}

fn cell(c: &RawCell) -> String {
    match c {
        RawCell::Empty => "·".into(),
        RawCell::Text(s) => format!("{s:?}"),
        RawCell::Number(n) => format!("n:{n}"),
        RawCell::Bool(b) => format!("b:{b}"),
        RawCell::Date(d) => format!("date:{d}"),
        RawCell::IsoDate(s) => format!("iso:{s}"),
        RawCell::Error(e) => format!("err:{e}"),
    }
}

fn serial(y: i32, m: u32, d: u32) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch");
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    (date - epoch).num_days() as f64
}

fn table<'a>(set: &'a InputSet, sheet: &str) -> &'a successkit::input::RawTable {
    set.sources
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.sheet == sheet)
        .unwrap_or_else(|| panic!("no table {sheet} in\n{}", dump(set)))
}

// ---------------------------------------------------------------- input forms

#[test]
fn xlsx_written_by_libreoffice() {
    let set = read(&[fixture("input/book.xlsx")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn xlsm_written_by_libreoffice() {
    let set = read(&[fixture("input/book.xlsm")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn xls_written_by_libreoffice() {
    let set = read(&[fixture("input/book.xls")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn ods_written_by_libreoffice() {
    let set = read(&[fixture("input/book.ods")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn xlsb_written_by_pyxlsbwriter() {
    let set = read(&[fixture("input/book.xlsb")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn csv_folder_in_three_encodings_and_delimiters() {
    let set = read(&[fixture("input/csv-folder")]);
    insta::assert_snapshot!(dump(&set));
}

#[test]
fn every_workbook_form_gives_the_same_cells() {
    let sheets = |rel: &str| {
        let set = read(&[fixture(rel)]);
        assert!(set.problems.is_empty(), "{rel}: {:?}", set.problems);
        let mut tables = set
            .sources
            .into_iter()
            .flat_map(|s| s.tables)
            .collect::<Vec<_>>();
        for t in &mut tables {
            t.file.clear();
        }
        tables
    };
    let xlsx = sheets("input/book.xlsx");
    assert_eq!(xlsx.len(), 2, "the empty sheet gives no table");
    assert_eq!(sheets("input/book.xlsm"), xlsx);
    assert_eq!(sheets("input/book.xls"), xlsx);
}

#[test]
fn formula_cells_give_their_cached_values() {
    let set = read(&[fixture("input/book.xlsx")]);
    let t = table(&set, "Engagements");
    let col = t
        .headers
        .iter()
        .position(|h| h == "Seats x2")
        .expect("column");
    assert_eq!(t.rows[0].cells[col], RawCell::Number(40000.0));
    assert_eq!(t.rows[1].cells[col], RawCell::Number(3001.0));
    let ods = read(&[fixture("input/book.ods")]);
    assert_eq!(
        table(&ods, "Engagements").rows[0].cells[col],
        RawCell::Number(40000.0)
    );
}

#[test]
fn dates_are_1900_serials_whatever_the_epoch() {
    for rel in [
        "input/book.xlsx",
        "input/book-1904.xlsx",
        "input/book.xls",
        "input/book.xlsb",
    ] {
        let set = read(&[fixture(rel)]);
        let t = table(&set, "Engagements");
        assert_eq!(
            t.rows[0].cells[3],
            RawCell::Date(serial(2026, 11, 24)),
            "{rel}"
        );
        assert_eq!(
            t.rows[1].cells[3],
            RawCell::Date(serial(1999, 12, 31)),
            "{rel}"
        );
    }
    // A date-time keeps its time of day as the fraction.
    let set = read(&[fixture("input/book-1904.xlsx")]);
    let kickoff = &table(&set, "Engagements").rows[0].cells[4];
    assert_eq!(kickoff, &RawCell::Date(serial(2026, 11, 2) + 9.5 / 24.0));
}

#[test]
fn rows_keep_the_numbers_the_spreadsheet_shows() {
    let set = read(&[fixture("input/book.xlsx")]);
    let t = table(&set, "Tarefas");
    assert_eq!(t.header_row, 3);
    assert_eq!(
        t.headers[0], "ID do Envolvimento",
        "the header starts at column B"
    );
    let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [4, 5, 6]);
    let e = table(&set, "Engagements");
    let numbers: Vec<u64> = e.rows.iter().map(|r| r.number).collect();
    assert_eq!(
        numbers,
        [2, 3, 5],
        "the empty row 4 is skipped, not renumbered"
    );
}

#[test]
fn a_folder_of_workbooks_reads_each_sorted_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["book.xlsx", "book.ods", "book.xls"] {
        std::fs::copy(fixture(&format!("input/{name}")), dir.path().join(name)).expect("copy");
    }
    std::fs::write(dir.path().join("~$book.xlsx"), b"lock").expect("lock file");
    let set = read(&[dir.path().to_path_buf()]);
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    let names: Vec<String> = set
        .sources
        .iter()
        .map(|s| {
            Path::new(&s.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["book.ods", "book.xls", "book.xlsx"]);
}

#[test]
fn several_paths_in_one_run_and_a_missing_one() {
    let set = read(&[
        fixture("input/book.xlsx"),
        fixture("input/missing.xlsx"),
        fixture("input/csv-folder/engagements.csv"),
    ]);
    assert_eq!(set.sources.len(), 2);
    assert_eq!(set.sources[1].tables[0].sheet, "engagements");
    let problems: Vec<String> = set.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "error: fixtures/input/missing.xlsx: no such file or folder",
            "notice: fixtures/input/csv-folder/engagements.csv: one table of the CSV folder \
             fixtures/input/csv-folder: its other tables (acoes.txt, tarefas.csv) are read only \
             when the folder itself is given"
        ]
    );
}

#[test]
fn an_empty_folder_is_one_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.md"), b"# not data").expect("write");
    let set = read(&[dir.path().to_path_buf()]);
    assert!(set.sources.is_empty());
    assert_eq!(set.problems.len(), 1);
    assert!(
        set.problems[0].message.en().contains("holds no workbook"),
        "{}",
        set.problems[0]
    );
}

#[test]
fn a_workbook_under_a_csv_name_is_read_as_a_workbook() {
    let bytes = std::fs::read(fixture("input/book.ods")).expect("fixture");
    let set = read_bytes("export.csv", &bytes, &Limits::default());
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    assert_eq!(set.sources[0].tables.len(), 2);
}

// ---------------------------------------------------------------- hostile files

/// One line per hostile input: `name: message`, each input giving exactly one problem.
fn messages(cases: &[(String, InputSet)]) -> String {
    let mut out = String::new();
    for (name, set) in cases {
        assert_eq!(set.problems.len(), 1, "{name}: {:?}", set.problems);
        assert!(set.problems[0].is_error(), "{name}");
        assert!(
            set.sources.is_empty() || set.sources.iter().all(|s| s.tables.is_empty()),
            "{name}"
        );
        let line = set.problems[0].to_string();
        assert!(!line.contains('\n'), "{name}: {line}");
        let _ = writeln!(out, "{line}");
    }
    out
}

#[test]
fn small_hostile_files_give_one_clear_line_each() {
    let names = [
        "truncated.xlsx",
        "report.xlsx",
        "picture.xlsx",
        "portal-export.xls",
        "notes.xlsx",
        "document.xlsx",
        "empty.xlsx",
        "empty.csv",
        "invalid-utf8.csv",
        "encrypted.xlsx",
        "encrypted.xls",
    ];
    let cases: Vec<(String, InputSet)> = names
        .iter()
        .map(|n| (n.to_string(), read(&[fixture(&format!("hostile/{n}"))])))
        .collect();
    insta::assert_snapshot!(messages(&cases));
    // The same lines as a Brazilian FM reads them (`check --lang pt-BR`).
    let pt: String = cases
        .iter()
        .flat_map(|(_, set)| &set.problems)
        .map(|p| p.line(Lang::PtBr) + "\n")
        .collect();
    insta::assert_snapshot!("small_hostile_files_pt_br", pt);
}

/// A deflate stream (fixed Huffman) of `1 + 258 * n` spaces: one literal, then `n`
/// copies of "length 258, distance 1". About 1,000:1, written without deflating anything.
fn deflate_spaces(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.len;
            self.len += len;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        fn huffman(&mut self, code: u64, len: u32) {
            let mut rev = 0;
            for i in 0..len {
                rev |= ((code >> i) & 1) << (len - 1 - i);
            }
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity((n * 13 / 8 + 16) as usize),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman
    b.huffman(0x30 + 0x20, 8); // literal ' '
    for _ in 0..n {
        b.huffman(0b1100_0101, 8); // length 258
        b.huffman(0, 5); // distance 1
    }
    b.huffman(0, 7); // end of block
    b.put(0, 7);
    b.out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip written by hand so its headers can say what the test wants:
/// `(name, method, data, declared uncompressed size, crc)`.
fn zip(members: &[(&str, u16, Vec<u8>, u32, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size, crc) in members {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(0x21u16.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // comment length, disk, internal and external attributes
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn stored<'a>(name: &'a str, data: &[u8]) -> (&'a str, u16, Vec<u8>, u32, u32) {
    (name, 0, data.to_vec(), data.len() as u32, crc32(data))
}

/// An xlsx whose sheet member inflates to `1 + 258 * n` bytes, declared as `declared`.
fn bomb_xlsx(n: u64, declared: u32) -> Vec<u8> {
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let root = format!(
        r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{DOC}"><sheets><sheet name="Engagements" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let workbook_rels = format!(
        r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    zip(&[
        stored(
            "[Content_Types].xml",
            b"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        ),
        stored("_rels/.rels", root.as_bytes()),
        stored("xl/workbook.xml", workbook.as_bytes()),
        stored("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        (
            "xl/worksheets/sheet1.xml",
            8,
            deflate_spaces(n),
            declared,
            0,
        ),
    ])
}

/// An ODS of a few hundred bytes whose one cell, repeated 16,384 columns × 1,000,000 rows,
/// would expand to sixteen billion cells.
fn repeat_bomb_ods() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Engagements"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    zip(&[
        stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        stored("content.xml", content.as_bytes()),
    ])
}

#[test]
fn the_zip_crate_stops_at_a_lying_header() {
    // The experiment the guard relies on (src/input/guard.rs): zip 9.8 fails a member as
    // soon as it inflates past its declared size, so calamine (which reads through it)
    // cannot be made to inflate a bomb behind a small declared size. If an upgrade loses
    // this, this test fails: restore an inflating pre-pass in `guard::check_zip`.
    use std::io::Read;
    let bytes = bomb_xlsx(40_000, 1024);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).expect("zip");
    let mut member = archive.by_name("xl/worksheets/sheet1.xml").expect("member");
    assert_eq!(member.size(), 1024);
    let mut buf = [0u8; 4096];
    let mut total = 0usize;
    let err = loop {
        match member.read(&mut buf) {
            Ok(0) => panic!("inflated {total} bytes without an error"),
            Ok(n) => total += n,
            Err(e) => break e,
        }
    };
    assert!(total <= 1024 + 4096, "read {total} bytes before failing");
    assert!(
        err.to_string()
            .contains("larger than its declared uncompressed size"),
        "{err}"
    );
    drop(member);
    // Reading the whole thing the way calamine does fails the same way.
    let mut member = archive.by_name("xl/worksheets/sheet1.xml").expect("member");
    let mut all = Vec::new();
    assert!(member.read_to_end(&mut all).is_err());
    assert!(all.len() <= 1025);
}

#[test]
fn bombs_huge_lines_and_limits_give_one_clear_line_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let put = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    // 2 GiB of zeros in a ~13 MB file, honest headers.
    let n = (1u64 << 31) / 258;
    let bomb = put("bomb.xlsx", &bomb_xlsx(n, (1 + 258 * n) as u32));
    // 16 MB of zeros declared as 1 KB.
    let liar = put("liar.xlsx", &bomb_xlsx(65_000, 1024));
    let repeats = put("repeats.ods", &repeat_bomb_ods());
    let mut line = b"Engagement ID,Customer\r\nE-001,".to_vec();
    line.resize(line.len() + 50 * 1024 * 1024, b'x');
    let long = put("long-line.csv", &line);
    let mut quoted = b"Engagement ID,Customer\r\nE-001,\"".to_vec();
    for _ in 0..3000 {
        quoted.extend_from_slice(&[b'y'; 1000]);
        quoted.extend_from_slice(b"\r\n");
    }
    let unclosed = put("unclosed-quote.csv", &quoted);
    let rows: String = std::iter::once("a,b\n".to_string())
        .chain((0..30).map(|i| format!("{i},x\n")))
        .collect();
    let many_rows = put("many-rows.csv", rows.as_bytes());
    let too_large = put("too-large.csv", &[b'a'; 6 * 1024]);
    let small = Limits {
        max_file_bytes: 4096,
        max_rows: 20,
        ..Limits::default()
    };
    let cases = vec![
        ("bomb".to_string(), read(&[bomb])),
        ("liar".to_string(), read(&[liar])),
        ("ods repeats".to_string(), read(&[repeats])),
        ("long line".to_string(), read(&[long])),
        ("unclosed quote".to_string(), read(&[unclosed])),
        ("too large".to_string(), read_inputs(&[too_large], &small)),
        (
            "too many rows".to_string(),
            read_inputs(&[many_rows], &small),
        ),
    ];
    let text = messages(&cases).replace(&dir.path().display().to_string(), "[tmp]");
    insta::assert_snapshot!(text);
}

#[test]
fn windows_1252_is_read_with_a_notice() {
    let set = read_bytes(
        "t.csv",
        b"Cliente;A\xe7\xe3o\r\nJo\xe3o;Conclu\xedda\r\n",
        &Limits::default(),
    );
    let t = &set.sources[0].tables[0];
    assert_eq!(t.headers, ["Cliente", "Ação"]);
    assert_eq!(t.rows[0].cells[1], RawCell::Text("Concluída".into()));
    assert_eq!(set.problems.len(), 1);
    assert!(!set.problems[0].is_error());
}

#[test]
fn columns_past_the_limit_are_ignored_with_a_warning() {
    let limits = Limits {
        max_columns: 2,
        ..Limits::default()
    };
    let set = read_bytes("t.csv", b"a,b,c\n1,2,3\n", &limits);
    let t = &set.sources[0].tables[0];
    assert_eq!(t.headers, ["a", "b"]);
    assert_eq!(set.problems.len(), 1);
    insta::assert_snapshot!(set.problems[0].to_string(), @"warning: t.csv: t row 1: values beyond column B are ignored (the limit is 2 columns)");
}

// ---------------------------------------------------------------- detection properties

#[derive(Debug, Clone, Copy)]
enum Enc {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    Utf16LeNoBom,
    Utf16BeNoBom,
    Windows1252,
}

fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Enc::Utf16LeBom => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Enc::Utf16BeBom => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Enc::Utf16LeNoBom => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Enc::Utf16BeNoBom => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Enc::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

fn header_name() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,6})?"
}

/// Cell text with the characters that make CSV hard: the three delimiters, quotes,
/// newlines, accents (all within Windows-1252 so every encoding can carry them).
fn cell_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a".to_string()),
            Just("Z".to_string()),
            Just("7".to_string()),
            Just(",".to_string()),
            Just(";".to_string()),
            Just("\t".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            Just("ção".to_string()),
            Just("É".to_string()),
            Just("–".to_string()),
            Just("€".to_string()),
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("a cell is not only whitespace", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_table_in_any_delimiter_and_encoding_reads_back(
        width in 2usize..6,
        headers in prop::collection::vec(header_name(), 6),
        body in prop::collection::vec(prop::collection::vec(cell_text(), 6), 1..8),
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        enc in prop::sample::select(vec![Enc::Utf8, Enc::Utf8Bom, Enc::Utf16LeBom, Enc::Utf16BeBom, Enc::Utf16LeNoBom, Enc::Utf16BeNoBom, Enc::Windows1252]),
        crlf in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        w.write_record(&headers[..width]).expect("write");
        for row in &body {
            w.write_record(&row[..width]).expect("write");
        }
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf8");
        let bytes = encode(&text, enc);
        // Windows-1252 bytes that happen to be valid UTF-8 (`É–` is C9 96, a UTF-8 `ɖ`)
        // are read as UTF-8 by design: valid UTF-8 is never second-guessed.
        prop_assume!(!matches!(enc, Enc::Windows1252) || text.is_ascii() || std::str::from_utf8(&bytes).is_err());
        let set = read_bytes("table.csv", &bytes, &Limits::default());
        prop_assert!(set.problems.iter().all(|p| !p.is_error()), "{:?}", set.problems);
        let t = &set.sources[0].tables[0];
        prop_assert_eq!(&t.headers[..], &headers[..width]);
        prop_assert_eq!(t.rows.len(), body.len());
        for (got, want) in t.rows.iter().zip(&body) {
            let want: Vec<RawCell> = want[..width].iter().map(|s| RawCell::Text(s.clone())).collect();
            prop_assert_eq!(&got.cells, &want);
        }
    }
}

// ---------------------------------------------------------------- robustness (stable-Rust fuzzing)

fn mutated(base: Vec<u8>, edits: Vec<(usize, u8)>, cut: Option<usize>) -> Vec<u8> {
    let mut bytes = base;
    for (at, value) in edits {
        let len = bytes.len();
        if len > 0 {
            bytes[at % len] = value;
        }
    }
    if let Some(cut) = cut {
        let len = bytes.len();
        bytes.truncate(cut % (len + 1));
    }
    bytes
}

fn assert_well_behaved(set: &InputSet) {
    for p in &set.problems {
        assert!(!p.message.en().contains('\n'), "{p}");
    }
    for t in set.sources.iter().flat_map(|s| &s.tables) {
        assert!(t.rows.iter().all(|r| r.cells.len() == t.headers.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Damaged real workbooks (bytes overwritten, cut short) never panic, hang or give
    /// a multi-line problem: the fuzz targets' property, run on stable in CI.
    #[test]
    fn damaged_workbooks_are_problems_not_panics(
        which in prop::sample::select(vec!["book.xlsx", "book.xls", "book.ods", "book.xlsb", "book-1904.xlsx"]),
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16),
        cut in prop::option::of(any::<usize>()),
    ) {
        let base = std::fs::read(fixture(&format!("input/{which}"))).expect("fixture");
        let bytes = mutated(base, edits, cut);
        let set = read_bytes(which, &bytes, &Limits::default());
        assert_well_behaved(&set);
    }

    #[test]
    fn arbitrary_bytes_are_problems_not_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(vec!["t.csv", "t.txt", "t.xlsx", "t.xls"]),
    ) {
        assert_well_behaved(&read_bytes(name, &bytes, &Limits::default()));
    }
}

#[test]
fn excel_sep_line_and_old_mac_line_ends() {
    let set = read_bytes("t.csv", b"sep=;\r\na;b\r\n1,5;2\r\n", &Limits::default());
    let t = &set.sources[0].tables[0];
    assert_eq!(
        (t.header_row, t.headers.clone()),
        (1, vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(t.rows[0].number, 2);
    assert_eq!(t.rows[0].cells[0], RawCell::Text("1,5".into()));
    let set = read_bytes("t.csv", b"a,b\r1,2\r\r3,4\r", &Limits::default());
    let t = &set.sources[0].tables[0];
    let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 4]);
}

#[test]
fn blank_lines_count_with_every_line_end() {
    for end in ["\n", "\r\n", "\r"] {
        let text = ["", "a,b", "", "1,2", "", "", "3,4", ""].join(end);
        let set = read_bytes("t.csv", text.as_bytes(), &Limits::default());
        let t = &set.sources[0].tables[0];
        let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!((t.header_row, numbers), (2, vec![4, 7]), "{end:?}");
    }
}

#[test]
fn a_folder_with_csv_tables_ignores_its_workbooks_with_a_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["engagements.csv", "tarefas.csv"] {
        std::fs::copy(
            fixture(&format!("input/csv-folder/{name}")),
            dir.path().join(name),
        )
        .expect("copy");
    }
    std::fs::copy(fixture("input/book.xlsx"), dir.path().join("book.xlsx")).expect("copy");
    let set = read(&[dir.path().to_path_buf()]);
    assert_eq!(set.sources.len(), 1);
    let sheets: Vec<&str> = set.sources[0]
        .tables
        .iter()
        .map(|t| t.sheet.as_str())
        .collect();
    assert_eq!(sheets, ["engagements", "tarefas"]);
    let notices: Vec<String> = set
        .problems
        .iter()
        .filter(|p| p.message.en().contains("workbook"))
        .map(|p| {
            p.to_string()
                .replace(&dir.path().display().to_string(), "[tmp]")
        })
        .collect();
    insta::assert_snapshot!(notices.join("\n"), @"notice: [tmp]: the folder holds CSV tables, so the workbook in it is ignored; name the workbook on its own to read it");
}

#[test]
fn stray_csv_files_beside_workbooks_do_not_hide_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("input/book.xlsx"), dir.path().join("book.xlsx")).expect("copy");
    // Neither stem names a contract table: an empty scratch file and an export log.
    std::fs::write(dir.path().join("empty.csv"), b"").expect("write");
    std::fs::write(dir.path().join("export-log.csv"), b"when,what\n1,2\n").expect("write");
    let set = read(&[dir.path().to_path_buf()]);
    assert_eq!(set.sources.len(), 1, "{:?}", set.problems);
    assert!(set.sources[0].file.ends_with("book.xlsx"));
    let notices: Vec<String> = set
        .problems
        .iter()
        .map(|p| {
            p.to_string()
                .replace(&dir.path().display().to_string(), "[tmp]")
        })
        .collect();
    insta::assert_snapshot!(notices.join("\n"), @"notice: [tmp]: empty.csv, export-log.csv are not named after tables of the contract, so they are not read; the folder's workbooks are");
}
