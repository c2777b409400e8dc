//! PDF writer: our own layout on printpdf's page operations.

use crate::document::Document;
use crate::output::Rendered;
use crate::theme::Theme;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be loaded.
    #[error("font {name}: {reason}")]
    Font {
        /// The font file name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

/// A PDF writer, built once (fonts parsed) and reused for many documents. `Send + Sync`.
pub struct PdfWriter {
    _theme: Theme,
}

impl PdfWriter {
    /// Loads the theme's fonts (from `assets`, else the built-ins).
    pub fn new(theme: &Theme, _assets: &crate::template::Assets) -> Result<Self, PdfError> {
        Ok(PdfWriter {
            _theme: theme.clone(),
        })
    }

    /// Lays out and writes one document.
    pub fn write(&self, _doc: &Document) -> Result<Rendered, PdfError> {
        todo!("pdf writer")
    }
}
