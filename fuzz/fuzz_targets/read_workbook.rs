//! Workbook reading from arbitrary bytes: sniffing, zip guard, calamine (xlsx, xlsb, xls, ods).
//!
//! Seed the corpus with `fixtures/input/*` so mutations start from real workbooks.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../bodies.rs");

fuzz_target!(|data: &[u8]| read_workbook_body(data));
