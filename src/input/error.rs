//! Why a file could not be read: one variant per kind, one line each.
//!
//! The wording is product and lives with every other message in `crate::i18n`, in
//! English and Portuguese; `tests/input.rs` snapshots it. A [`ReadError`] becomes a [`Problem`] naming the file.

use crate::i18n::{Detail, FileKind, Message};
use crate::problem::{Problem, Severity};
use std::fmt;

/// A reason a whole file (or one sheet of it) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path does not exist.
    NotFound,
    /// A pipe, device or socket where a file was expected.
    NotAFile,
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
        /// What the file really is (a PDF document, …).
        what: FileKind,
    },
    /// Text under a workbook extension.
    TextAsWorkbook {
        /// The extension used, with its dot.
        ext: String,
    },
    /// A spreadsheet format successkit does not read.
    Unsupported {
        /// What it is.
        what: FileKind,
    },
    /// A password-protected (encrypted) workbook.
    Encrypted,
    /// A damaged or truncated workbook.
    Corrupt(Detail),
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
    ReaderFailed(Detail),
    /// The workbook reader refused it for another reason.
    Unreadable(Detail),
    /// A folder holding nothing successkit reads.
    NothingToRead,
    /// A workbook with no non-empty sheet.
    NoData,
}

impl From<ReadError> for Message {
    fn from(e: ReadError) -> Message {
        match e {
            ReadError::NotFound => Message::NotFound,
            ReadError::NotAFile => Message::NotAFile,
            ReadError::Io(e) => Message::Io(e),
            ReadError::Empty => Message::Empty,
            ReadError::TooLarge { size, limit } => Message::TooLarge { size, limit },
            ReadError::NotASpreadsheet { what } => Message::NotASpreadsheet(what),
            ReadError::TextAsWorkbook { ext } => Message::TextAsWorkbook(ext),
            ReadError::Unsupported { what } => Message::Unsupported(what),
            ReadError::Encrypted => Message::Encrypted,
            ReadError::Corrupt(d) => Message::Corrupt(d),
            ReadError::ZipBomb { declared, limit } => Message::ZipBomb { declared, limit },
            ReadError::LyingHeader => Message::LyingHeader,
            ReadError::TooManyRows { limit, .. } => Message::TooManyRows(limit),
            ReadError::TooManyCells { .. } => Message::TooManyCells,
            ReadError::LineTooLong { line, limit } => Message::LineTooLong { line, limit },
            ReadError::RecordTooLong { row, limit } => Message::RecordTooLong { row, limit },
            ReadError::InvalidText { line, byte } => Message::InvalidText { line, byte },
            ReadError::InvalidUtf16 => Message::InvalidUtf16,
            ReadError::Binary => Message::Binary,
            ReadError::ReaderFailed(d) => Message::ReaderFailed(d),
            ReadError::Unreadable(d) => Message::Unreadable(d),
            ReadError::NothingToRead => Message::NothingToRead,
            ReadError::NoData => Message::NoData,
        }
    }
}

impl fmt::Display for ReadError {
    /// The English message (see [`Message`] for every language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Message::from(self.clone()).en())
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
        let mut p = Problem::file(Severity::Error, file, Message::from(self));
        p.sheet = sheet;
        p
    }
}
