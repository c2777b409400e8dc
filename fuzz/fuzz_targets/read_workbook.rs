//! Workbook reading from arbitrary bytes: sniffing, zip guard, calamine (xlsx, xlsb, xls, ods).
//!
//! Seed the corpus with `fixtures/input/*` so mutations start from real workbooks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use successkit::input::{read_bytes, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 64 * 1024 * 1024,
        max_rows: 10_000,
        max_columns: 256,
        max_cells: 200_000,
        ..Limits::default()
    };
    let set = read_bytes("book.xlsx", data, &limits);
    for p in &set.problems {
        assert!(!p.message.contains('\n'));
    }
    for t in set.sources.iter().flat_map(|s| &s.tables) {
        assert!(t.rows.iter().all(|r| r.cells.len() == t.headers.len()));
    }
});
