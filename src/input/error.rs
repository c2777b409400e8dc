//! Why a file could not be read: one variant per kind, one line each.
//!
//! The wording is product and lives with every other message in `crate::i18n`, in
//! English and Portuguese; `tests/input.rs` snapshots it. A [`ReadError`] becomes a [`Problem`] naming the file.

use crate::i18n::Message;
pub use crate::i18n::ReadError;
use crate::problem::{Problem, Severity};

impl ReadError {
    /// This error as an error [`Problem`] about `file` (and `sheet`, when it is about one).
    pub fn into_problem(self, file: &str) -> Problem {
        let sheet = match &self {
            ReadError::TooManyRows { sheet, .. }
            | ReadError::TooManyCells { sheet, .. }
            | ReadError::TooMuchText { sheet, .. }
                if !sheet.is_empty() =>
            {
                Some(sheet.clone())
            }
            _ => None,
        };
        let mut p = Problem::file(Severity::Error, file, Message::from(self));
        p.sheet = sheet;
        p
    }
}
