//! Problems found in the input: data, not the first `Err`.
//!
//! Every stage that looks at user data returns what it made *and* every problem it found,
//! each with its place (file, sheet, row as the spreadsheet shows it, column header as
//! written) so an FM can go straight to the cell.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The engagement (or the whole file) cannot be used.
    Error,
    /// Something was ignored or guessed; the output is made anyway.
    Warning,
    /// For information only (an unknown sheet, say).
    Notice,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        })
    }
}

/// One problem with its place. Field names are the `check --format json` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How bad it is.
    pub severity: Severity,
    /// The file as the user named it (or as found inside a folder they named).
    pub file: String,
    /// The sheet (for a CSV folder: the table's name, e.g. `tasks`).
    pub sheet: Option<String>,
    /// Row number as the spreadsheet shows it (1-based, header row included);
    /// for CSV, the record number counting the header as 1.
    pub row: Option<u64>,
    /// The column header as written in the file.
    pub column: Option<String>,
    /// The offending value as written.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// The Engagement ID the problem belongs to, when known.
    pub engagement: Option<String>,
}

impl Problem {
    /// A problem about a whole file.
    pub fn file(severity: Severity, file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity,
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
            value: None,
            message: message.into(),
            engagement: None,
        }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// One line: `error: book.xlsx: Tasks!row 7, "Due Date" = "31/02/2024": not a date ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ": {sheet}")?;
        }
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", {column:?}")?;
        }
        if let Some(value) = &self.value {
            write!(f, " = {value:?}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(id) = &self.engagement {
            write!(f, " (engagement {id})")?;
        }
        Ok(())
    }
}
