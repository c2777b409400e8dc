// The fuzz targets' bodies: the properties every input must keep, whatever its bytes.
// Shared, through `include!`, by the cargo-fuzz targets (`fuzz_targets/*.rs`, nightly)
// and the stable harness (`examples/fuzz_stable.rs`), so both check the same things.

use successkit::input::{read_bytes, InputSet, Limits};

/// What both bodies check of a read: every problem is one line, every row is as wide as
/// its header, and validating what was read does not panic either.
fn check_read(set: &InputSet) {
    for p in &set.problems {
        assert!(!p.message.en().contains('\n'), "a problem of several lines");
    }
    for t in set.sources.iter().flat_map(|s| &s.tables) {
        assert!(
            t.rows.iter().all(|r| r.cells.len() == t.headers.len()),
            "a row wider or narrower than its header"
        );
    }
    let loaded = successkit::model::load(set);
    for p in &loaded.problems {
        assert!(!p.message.en().contains('\n'), "a problem of several lines");
    }
}

/// CSV reading from arbitrary bytes: encodings, delimiters, quotes, limits. Small limits
/// so the limit paths are reached too.
#[allow(dead_code)]
pub fn read_csv_body(data: &[u8]) {
    let limits = Limits {
        max_csv_line_bytes: 4096,
        max_rows: 1000,
        max_columns: 64,
        ..Limits::default()
    };
    check_read(&read_bytes("table.csv", data, &limits));
}

/// Workbook reading from arbitrary bytes: sniffing, the zip and declaration guards,
/// calamine (xlsx, xlsb, xls, ods).
#[allow(dead_code)]
pub fn read_workbook_body(data: &[u8]) {
    let limits = Limits {
        max_inflated_bytes: 64 * 1024 * 1024,
        max_rows: 10_000,
        max_columns: 256,
        max_cells: 200_000,
        max_text_bytes: 16 * 1024 * 1024,
        ..Limits::default()
    };
    check_read(&read_bytes("book.xlsx", data, &limits));
}
