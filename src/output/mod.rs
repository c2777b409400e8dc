//! Output: pure functions from the document IR (plus a theme) to bytes. No file I/O.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod xlsx;

/// A written document: its bytes and, where the format knows it, its page count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages (PDF), `None` where the format has no fixed pages (DOCX, HTML).
    pub pages: Option<usize>,
}
