//! CSV reading from arbitrary bytes: encodings, delimiters, quotes, limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use successkit::input::{read_bytes, Limits};

fuzz_target!(|data: &[u8]| {
    // Small limits so the fuzzer reaches the limit paths too.
    let limits = Limits {
        max_csv_line_bytes: 4096,
        max_rows: 1000,
        max_columns: 64,
        ..Limits::default()
    };
    let set = read_bytes("table.csv", data, &limits);
    // Every problem is one line, and a table is never wider than its header.
    for p in &set.problems {
        assert!(!p.message.contains('\n'));
    }
    for t in set.sources.iter().flat_map(|s| &s.tables) {
        assert!(t.rows.iter().all(|r| r.cells.len() == t.headers.len()));
    }
});
