//! Input: files into raw tables with their places.
//!
//! Workbooks (xlsx, xlsm, xlsb, xls, ods via calamine) and CSV folders become [`RawTable`]s:
//! a sheet's header row and data rows of [`RawCell`]s, each row with the number the
//! spreadsheet shows. Nothing here knows what an engagement is; the model module matches
//! sheet and column names and turns cells into domain types.
//!
//! Hostile files (corrupt or encrypted archives, zip bombs, huge CSV lines, a different
//! file type under a spreadsheet name) end as one [`Problem`] naming the file, never a
//! panic, a hang or unbounded memory. The limits are in [`Limits`].

use crate::problem::Problem;

/// One cell as read, before any domain typing.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    /// No value (an empty cell, or an empty CSV field).
    Empty,
    /// Text (every CSV field is text).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date or date-time cell, as the spreadsheet serial it holds, already adjusted to
    /// the 1900 epoch: days since 1899-12-30 (the 1904 epoch and the 1900 leap-year bug are
    /// handled by the reader).
    Date(f64),
    /// An ISO 8601 date or date-time cell (ODS stores them as text).
    IsoDate(String),
    /// An error cell, as Excel shows it (`#N/A`, `#REF!`, ...).
    Error(String),
}

impl RawCell {
    /// True for [`RawCell::Empty`] and for text that is only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it (for messages).
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(s) => s.clone(),
            RawCell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(serial) => format!("date serial {serial}"),
            RawCell::IsoDate(s) => s.clone(),
            RawCell::Error(e) => e.clone(),
        }
    }
}

/// One data row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// The row number as the spreadsheet shows it (1-based); for CSV, the record number,
    /// the header being record 1.
    pub number: u64,
    /// The cells, one per header column (padded with [`RawCell::Empty`]).
    pub cells: Vec<RawCell>,
}

/// One sheet (or one CSV file) as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// The file the table came from, as the user named it.
    pub file: String,
    /// The sheet name as written (for CSV: the file stem, e.g. `tasks`).
    pub sheet: String,
    /// The row number of the header row (1-based).
    pub header_row: u64,
    /// Column headers as written (trimmed).
    pub headers: Vec<String>,
    /// Data rows, empty rows already skipped.
    pub rows: Vec<RawRow>,
}

/// One input the user named (a workbook or a CSV folder) and the tables read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSource {
    /// The path as the user gave it (or as found inside a folder they gave).
    pub file: String,
    /// The tables read from it.
    pub tables: Vec<RawTable>,
}

/// Everything read in one run: the sources that could be read and the problems found.
#[derive(Debug, Clone, Default)]
pub struct InputSet {
    /// Sources that could be read (possibly with problems).
    pub sources: Vec<RawSource>,
    /// Problems found while reading (unreadable files, encodings, limits).
    pub problems: Vec<Problem>,
}

/// Limits enforced while reading, so no file can exhaust memory or time.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total size of a workbook's zip members once inflated, in bytes.
    pub max_inflated_bytes: u64,
    /// Largest single CSV field or line, in bytes.
    pub max_csv_line_bytes: usize,
    /// Most rows read from one sheet.
    pub max_rows: usize,
    /// Most columns read from one sheet.
    pub max_columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_inflated_bytes: 1024 * 1024 * 1024,
            max_csv_line_bytes: 1024 * 1024,
            max_rows: 1_000_000,
            max_columns: 512,
        }
    }
}

/// Reads every input the user named: workbooks, CSV folders, folders of workbooks.
/// Never fails as a whole: what cannot be read is a problem in the returned set.
pub fn read_inputs(_paths: &[std::path::PathBuf], _limits: &Limits) -> InputSet {
    todo!("input reading")
}
