//! What a file really is, from its first bytes (the extension only breaks ties).
//!
//! Users rename files, portals serve HTML under `.xls` names and mail gateways truncate
//! attachments, so the reader is picked from the bytes: a zip (OOXML or ODS, told apart
//! by their members), an OLE compound file (`.xls`, or an encrypted OOXML workbook), a
//! known non-spreadsheet type, or text (CSV).

use super::ReadError;
use crate::i18n::{Detail, FileKind};

/// The form a file's bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip archive: xlsx, xlsm, xlsb or ods (told apart by [`super::guard`]).
    Zip,
    /// An OLE compound file: `.xls`, or an encrypted OOXML workbook.
    Cfb,
    /// Text: read as CSV.
    Text,
}

/// Extensions of workbooks successkit reads.
pub(crate) const WORKBOOK_EXTS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];
/// Extensions of CSV tables successkit reads.
pub(crate) const TABLE_EXTS: [&str; 3] = ["csv", "tsv", "txt"];

/// The lower-cased extension of a file name, if any.
pub(crate) fn extension(name: &str) -> Option<String> {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// Decides what `bytes` (named `name`) hold, or why they cannot be read at all.
pub(crate) fn sniff(name: &str, bytes: &[u8]) -> Result<Sniffed, ReadError> {
    let content = strip_bom(bytes);
    if content.iter().all(|b| b.is_ascii_whitespace()) && !looks_utf16(bytes) {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Sniffed::Zip);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Sniffed::Cfb);
    }
    if let Some(what) = known_other(bytes) {
        return Err(what);
    }
    let ext = extension(name).unwrap_or_default();
    if WORKBOOK_EXTS.contains(&ext.as_str()) {
        if looks_text(bytes) {
            return Err(ReadError::TextAsWorkbook {
                ext: format!(".{ext}"),
            });
        }
        if bytes.starts_with(b"PK") {
            return Err(ReadError::Corrupt(Detail::ZipHeader));
        }
        return Err(ReadError::NotASpreadsheet {
            what: FileKind::UnknownBinary,
        });
    }
    Ok(Sniffed::Text)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .or_else(|| bytes.strip_prefix(b"\xFF\xFE"))
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
        .unwrap_or(bytes)
}

fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.len() > 2 && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF"))
}

/// True when the start of the file is plausibly text (any of the encodings CSV comes in).
fn looks_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if super::csv::utf16_without_bom(head).is_some() || looks_utf16(head) {
        return true;
    }
    !head
        .iter()
        .any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
}

fn known_other(bytes: &[u8]) -> Option<ReadError> {
    let what = |what| Some(ReadError::NotASpreadsheet { what });
    if bytes.starts_with(b"%PDF") {
        return what(FileKind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return what(FileKind::Png);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return what(FileKind::Jpeg);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return what(FileKind::Gif);
    }
    if bytes.starts_with(b"{\\rtf") {
        return what(FileKind::Rtf);
    }
    if bytes.starts_with(b"\x1F\x8B") {
        return what(FileKind::Gzip);
    }
    if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return what(FileKind::SevenZip);
    }
    if bytes.starts_with(b"Rar!") {
        return what(FileKind::Rar);
    }
    let head: Vec<u8> = strip_bom(bytes)
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return what(FileKind::Html);
    }
    if head.starts_with(b"<?xml") || head.starts_with(b"<") {
        let text = String::from_utf8_lossy(head);
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || text.contains("<?mso-application progid=\"excel.sheet\"")
        {
            return Some(ReadError::Unsupported {
                what: FileKind::Excel2003Xml,
            });
        }
        if text.contains("<html") {
            return what(FileKind::Html);
        }
        if head.starts_with(b"<?xml") {
            return what(FileKind::Xml);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_reader_from_the_bytes() {
        assert_eq!(sniff("a.csv", b"PK\x03\x04rest"), Ok(Sniffed::Zip));
        assert_eq!(
            sniff(
                "a.xlsx",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]
            ),
            Ok(Sniffed::Cfb)
        );
        assert_eq!(sniff("a.csv", b"a,b\n1,2\n"), Ok(Sniffed::Text));
        assert_eq!(sniff("a.xlsx", b""), Err(ReadError::Empty));
        assert_eq!(sniff("a.csv", b"\xEF\xBB\xBF \r\n"), Err(ReadError::Empty));
        assert!(matches!(
            sniff("a.xlsx", b"a,b\n"),
            Err(ReadError::TextAsWorkbook { .. })
        ));
        assert!(matches!(
            sniff("a.xls", b"  <!DOCTYPE html><html>"),
            Err(ReadError::NotASpreadsheet { .. })
        ));
    }
}
