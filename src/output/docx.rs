//! DOCX writer (docx-rs) with real Word styles.

use crate::document::Document;
use crate::output::Rendered;
use crate::theme::Theme;

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// docx-rs failed to pack the document.
    #[error("could not pack the DOCX: {0}")]
    Pack(String),
}

/// A DOCX writer, built once and reused. `Send + Sync`.
pub struct DocxWriter {
    _theme: Theme,
}

impl DocxWriter {
    /// A writer for the theme.
    pub fn new(theme: &Theme) -> Self {
        DocxWriter {
            _theme: theme.clone(),
        }
    }

    /// Writes one document.
    pub fn write(&self, _doc: &Document) -> Result<Rendered, DocxError> {
        todo!("docx writer")
    }
}
