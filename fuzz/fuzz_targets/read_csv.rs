//! CSV reading from arbitrary bytes: encodings, delimiters, quotes, limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../bodies.rs");

fuzz_target!(|data: &[u8]| read_csv_body(data));
