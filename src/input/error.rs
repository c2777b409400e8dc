//! Why a file could not be read: one variant per kind, one line each.
//!
//! The wording is product: every message says what is wrong and what to do, and
//! `tests/input.rs` snapshots them. A [`ReadError`] becomes a [`Problem`] naming the file.

use crate::problem::{Problem, Severity};
use std::fmt;

/// A reason a whole file (or one sheet of it) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path does not exist.
    NotFound,
    /// The operating system refused to read it.
    Io(String),
    /// Zero bytes (or only a byte-order mark).
    Empty,
    /// Larger than [`super::Limits::max_file_bytes`].
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A known non-spreadsheet file type (`what` says which).
    NotASpreadsheet {
        /// What the file really is ("a PDF document").
        what: &'static str,
    },
    /// Text under a workbook extension.
    TextAsWorkbook {
        /// The extension used, with its dot.
        ext: String,
    },
    /// A spreadsheet format successkit does not read.
    Unsupported {
        /// What it is.
        what: &'static str,
    },
    /// A password-protected (encrypted) workbook.
    Encrypted,
    /// A damaged or truncated workbook.
    Corrupt(String),
    /// The declared inflated size of the members is over the limit.
    ZipBomb {
        /// Declared total inflated bytes.
        declared: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A member inflates past the size its zip header declares.
    LyingHeader,
    /// A sheet has more data rows than [`super::Limits::max_rows`].
    TooManyRows {
        /// The sheet's name.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// A workbook with more non-empty cells than [`super::Limits::max_cells`].
    TooManyCells {
        /// The sheet where the limit was reached.
        sheet: String,
    },
    /// A CSV line longer than [`super::Limits::max_csv_line_bytes`].
    LineTooLong {
        /// The physical line number (1-based).
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// A CSV record (quoted fields may span lines) longer than the limit.
    RecordTooLong {
        /// The record's row number.
        row: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// Bytes that are neither UTF-8 nor plausible Windows-1252.
    InvalidText {
        /// The physical line number (1-based).
        line: u64,
        /// The first offending byte.
        byte: u8,
    },
    /// Malformed UTF-16 (an unpaired surrogate or an odd byte count).
    InvalidUtf16,
    /// NUL bytes and no UTF-16 pattern: not a text file.
    Binary,
    /// The third-party reader panicked.
    ReaderFailed(String),
    /// The workbook reader refused it for another reason.
    Unreadable(String),
    /// A folder holding nothing successkit reads.
    NothingToRead,
    /// A workbook with no non-empty sheet.
    NoData,
}

/// A size as people read it: `200 MB`, `1.5 GB`, `7.7 KB`, `12 bytes`.
fn human(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b >= K * K * K {
        (b / (K * K * K), "GB")
    } else if b >= K * K {
        (b / (K * K), "MB")
    } else if b >= K {
        (b / K, "KB")
    } else {
        return format!("{bytes} bytes");
    };
    if value.fract() == 0.0 || value >= 10.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const RESAVE: &str = "open it in Excel or LibreOffice and save it again";
        match self {
            ReadError::NotFound => f.write_str("no such file or folder"),
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
            ReadError::Empty => f.write_str("the file is empty; export the data again"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {}, over the {} limit; split the data into smaller workbooks",
                human(*size),
                human(*limit)
            ),
            ReadError::NotASpreadsheet { what } => write!(
                f,
                "this is {what}, not a spreadsheet; give the workbook (.xlsx, .xls, .ods) or CSV export instead"
            ),
            ReadError::TextAsWorkbook { ext } => write!(
                f,
                "this is plain text, not a {ext} workbook; if it is a CSV export, name it .csv"
            ),
            ReadError::Unsupported { what } => write!(
                f,
                "{what} is not supported; open it in Excel and save it as .xlsx"
            ),
            ReadError::Encrypted => f.write_str(
                "the workbook is password-protected (encrypted); open it in Excel and save a copy without a password",
            ),
            ReadError::Corrupt(detail) => {
                write!(f, "the workbook is damaged or truncated ({detail}); {RESAVE}")
            }
            ReadError::ZipBomb { declared, limit } => write!(
                f,
                "the workbook inflates to {}, over the {} limit (a zip bomb?); it was not read",
                human(*declared),
                human(*limit)
            ),
            ReadError::LyingHeader => f.write_str(
                "a zip member inflates past the size its header declares (a zip bomb or a damaged file); it was not read",
            ),
            ReadError::TooManyRows { limit, .. } => write!(
                f,
                "more than {limit} data rows, the limit for one sheet; split the data into smaller files"
            ),
            ReadError::TooManyCells { .. } => f.write_str(
                "the file holds more non-empty cells than the limit (reached in this sheet); split the data into smaller files",
            ),
            ReadError::LineTooLong { line, limit } => write!(
                f,
                "line {line} is longer than {}, the limit for one CSV line (is this really a CSV table?); it was not read",
                human(*limit as u64)
            ),
            ReadError::RecordTooLong { row, limit } => write!(
                f,
                "record {row} is longer than {}, the limit for one CSV record (an unclosed quote?); it was not read",
                human(*limit as u64)
            ),
            ReadError::InvalidText { line, byte } => write!(
                f,
                "line {line} holds byte 0x{byte:02X}, which is neither UTF-8 nor Windows-1252 text; save the table from Excel as \"CSV UTF-8\""
            ),
            ReadError::InvalidUtf16 => f.write_str(
                "the file starts as UTF-16 text but is malformed (truncated?); save the table from Excel again",
            ),
            ReadError::Binary => f.write_str(
                "this is binary data, not a CSV table; give the workbook or a CSV export instead",
            ),
            ReadError::ReaderFailed(detail) => write!(
                f,
                "the workbook reader failed on this file ({detail}); {RESAVE}"
            ),
            ReadError::Unreadable(detail) => {
                write!(f, "the workbook cannot be read ({detail}); {RESAVE}")
            }
            ReadError::NothingToRead => f.write_str(
                "the folder holds no workbook (.xlsx .xlsm .xlsb .xls .ods) and no CSV table (.csv .tsv .txt)",
            ),
            ReadError::NoData => f.write_str("the workbook holds no data: every sheet is empty"),
        }
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// This error as an error [`Problem`] about `file` (and `sheet`, when it is about one).
    pub fn into_problem(self, file: &str) -> Problem {
        let sheet = match &self {
            ReadError::TooManyRows { sheet, .. } | ReadError::TooManyCells { sheet } => {
                Some(sheet.clone())
            }
            _ => None,
        };
        let mut p = Problem::file(Severity::Error, file, self.to_string());
        p.sheet = sheet;
        p
    }
}
