//! Problems found in the input: data, not the first `Err`.
//!
//! Every stage that looks at user data returns what it made *and* every problem it found,
//! each with its place (file, sheet, row as the spreadsheet shows it, column header as
//! written) so an FM can go straight to the cell.

use crate::i18n::{Lang, Message, Ui};
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

impl Severity {
    /// The word for it in a language: `error`, `erro`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => Ui::Error,
            Severity::Warning => Ui::Warning,
            Severity::Notice => Ui::Notice,
        }
        .text(lang)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word(Lang::En))
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
    /// What is wrong and what was expected: serialized as its English wording (the stable
    /// `message` of `check --format json`); [`Message::render`] words it in any language.
    pub message: Message,
    /// The Engagement ID the problem belongs to, when known.
    pub engagement: Option<String>,
}

impl Problem {
    /// A problem about a whole file.
    pub fn file(severity: Severity, file: impl Into<String>, message: impl Into<Message>) -> Self {
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

impl Problem {
    /// One line in a language: `error: book.xlsx: Tasks row 7, "Due Date" = "31/02/2024":
    /// no such day …`; in Portuguese `erro: book.xlsx: Tasks linha 7, …`.
    pub fn line(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let mut s = format!("{}: {}", self.severity.word(lang), self.file);
        if let Some(sheet) = &self.sheet {
            let _ = write!(s, ": {sheet}");
        }
        if let Some(row) = self.row {
            let _ = write!(s, " {} {row}", Ui::Row.text(lang));
        }
        if let Some(column) = &self.column {
            let _ = write!(s, ", {column:?}");
        }
        if let Some(value) = &self.value {
            let _ = write!(s, " = {value:?}");
        }
        let _ = write!(s, ": {}", self.message.render(lang));
        if let Some(id) = &self.engagement {
            let _ = write!(s, " ({} {id})", Ui::Engagement.text(lang));
        }
        s
    }
}

impl fmt::Display for Problem {
    /// One line in English (see [`Problem::line`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}
