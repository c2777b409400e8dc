//! Guards around third-party readers: zip bombs, lying zip headers, panics.
//!
//! calamine opens zip members through the `zip` crate, and keeps what it reads (shared
//! strings, cells) in memory. Since zip 9.8 a member that inflates past the size its
//! header declares fails with an error as soon as it does (`tests/input.rs` keeps that
//! experiment as a test, so an upgrade that loses it is caught), so the declared sizes
//! bound what calamine can inflate. [`check_zip`] therefore only reads the central
//! directory (cheap: no member is inflated) and refuses a workbook whose declared total
//! is over [`super::Limits::max_inflated_bytes`], or whose members are encrypted; a lying
//! member then surfaces from calamine as [`ReadError::LyingHeader`]. Reading normal files
//! costs nothing extra.
//!
//! [`catch`] runs a reader and turns a panic into [`ReadError::ReaderFailed`]; the panic
//! hook installed once by [`quiet_panics`] keeps such panics off stderr (the user gets
//! the one-line problem instead) and leaves every other panic to the previous hook.

use super::ReadError;
use crate::i18n::{Detail, FileKind};
use std::cell::Cell;
use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// Which workbook a zip holds, judged by its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZipKind {
    /// `xl/workbook.xml`: xlsx or xlsm.
    Xlsx,
    /// `xl/workbook.bin`: xlsb.
    Xlsb,
    /// `content.xml` with an OpenDocument spreadsheet mimetype.
    Ods,
}

/// Checks a zip's declared inflated size against `limit` and says which workbook it holds.
pub(crate) fn check_zip(bytes: &[u8], limit: u64) -> Result<ZipKind, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let e = e.to_string();
        ReadError::Corrupt(if e.contains("EOCD") {
            Detail::ZipCutShort
        } else {
            Detail::ZipDirectory(e)
        })
    })?;
    let mut names = Vec::with_capacity(archive.len());
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| ReadError::Corrupt(Detail::ZipEntry(i, e.to_string())))?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted);
        }
        declared = declared.saturating_add(entry.size());
        names.push(String::from_utf8_lossy(entry.name_raw()).into_owned());
    }
    if declared > limit {
        return Err(ReadError::ZipBomb { declared, limit });
    }
    zip_kind(&names, &mut archive)
}

fn zip_kind(
    names: &[String],
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<ZipKind, ReadError> {
    let has = |n: &str| names.iter().any(|m| m.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        return Ok(ZipKind::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(ZipKind::Xlsb);
    }
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return Err(ReadError::Encrypted);
    }
    if has("mimetype") {
        let mut mimetype = String::new();
        if let Ok(entry) = archive.by_name("mimetype") {
            // The mimetype is a short ASCII line; bound the read so a bomb here costs nothing.
            let _ = entry.take(256).read_to_string(&mut mimetype);
        }
        let mimetype = mimetype.trim();
        if mimetype.ends_with("opendocument.spreadsheet") && has("content.xml") {
            return Ok(ZipKind::Ods);
        }
        if mimetype.ends_with("opendocument.text") {
            return Err(ReadError::NotASpreadsheet {
                what: FileKind::OdfText,
            });
        }
        if mimetype.ends_with("opendocument.presentation") {
            return Err(ReadError::NotASpreadsheet {
                what: FileKind::OdfPresentation,
            });
        }
        if mimetype.contains("epub") {
            return Err(ReadError::NotASpreadsheet {
                what: FileKind::Epub,
            });
        }
    }
    if has("content.xml") {
        return Ok(ZipKind::Ods);
    }
    if has("word/document.xml") {
        return Err(ReadError::NotASpreadsheet {
            what: FileKind::Word,
        });
    }
    if has("ppt/presentation.xml") {
        return Err(ReadError::NotASpreadsheet {
            what: FileKind::PowerPoint,
        });
    }
    Err(ReadError::NotASpreadsheet {
        what: FileKind::ZipWithoutWorkbook,
    })
}

/// Refuses an ODS whose repeated rows and columns would expand past `max_cells`.
///
/// ODS stores a run of equal cells once with `table:number-columns-repeated` and a run of
/// equal rows with `table:number-rows-repeated`; calamine expands them into a dense range
/// (up to its own cap of 100 million cells, gigabytes of memory), so a few kilobytes can
/// ask for gigabytes. This scans `content.xml` once, streaming, and adds up rows ×
/// non-empty cells (empty cells are self-closing tags, and cost nothing in calamine).
pub(crate) fn check_ods_repeats(bytes: &[u8], max_cells: usize) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(Detail::Raw(e.to_string())))?;
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut scan = RepeatScan::default();
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, content);
    let mut tag: Vec<u8> = Vec::with_capacity(256);
    let mut in_tag = false;
    loop {
        let buf = match std::io::BufRead::fill_buf(&mut reader) {
            Ok([]) => break,
            Ok(buf) => buf,
            // calamine reports a damaged member in its own words.
            Err(_) => return Ok(()),
        };
        for &b in buf {
            if in_tag {
                if b == b'>' {
                    in_tag = false;
                    scan.tag(&tag, max_cells)?;
                    tag.clear();
                } else if tag.len() < 4096 {
                    tag.push(b);
                }
            } else if b == b'<' {
                in_tag = true;
            }
        }
        let n = buf.len();
        std::io::BufRead::consume(&mut reader, n);
    }
    Ok(())
}

#[derive(Default)]
struct RepeatScan {
    sheet: String,
    rows_repeated: u64,
    row_cells: u64,
    total: u64,
}

impl RepeatScan {
    fn tag(&mut self, tag: &[u8], max_cells: usize) -> Result<(), ReadError> {
        let attr = |name: &str| -> Option<&[u8]> {
            let key = format!("{name}=\"");
            let at = tag.windows(key.len()).position(|w| w == key.as_bytes())? + key.len();
            let rest = tag.get(at..)?;
            let end = rest.iter().position(|&b| b == b'"')?;
            rest.get(..end)
        };
        let number = |name: &str| -> u64 {
            attr(name)
                .and_then(|v| std::str::from_utf8(v).ok())
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1)
        };
        if tag.starts_with(b"table:table ") {
            self.sheet = attr("table:name")
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default();
        } else if tag.starts_with(b"table:table-row") {
            self.rows_repeated = number("table:number-rows-repeated");
            self.row_cells = 0;
            if tag.ends_with(b"/") {
                self.rows_repeated = 0;
            }
        } else if tag.starts_with(b"table:table-cell")
            || tag.starts_with(b"table:covered-table-cell")
        {
            if !tag.ends_with(b"/") {
                self.row_cells = self
                    .row_cells
                    .saturating_add(number("table:number-columns-repeated"));
            }
        } else if tag.starts_with(b"/table:table-row") {
            self.total = self
                .total
                .saturating_add(self.rows_repeated.saturating_mul(self.row_cells));
            if self.total > max_cells as u64 {
                return Err(ReadError::TooManyCells {
                    sheet: self.sheet.clone(),
                });
            }
        }
        Ok(())
    }
}

/// True when an OLE compound file holds an encrypted OOXML package (what Excel writes
/// for a password-protected .xlsx). Directory entry names are UTF-16LE.
pub(crate) fn cfb_is_encrypted_ooxml(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
    bytes.windows(NAME.len()).any(|w| w == NAME)
}

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static PANIC_MESSAGE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that stays silent for panics inside [`catch`] and defers
/// to the previous hook for every other panic.
fn quiet_panics() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                    (*s).to_string()
                } else if let Some(s) = info.payload().downcast_ref::<String>() {
                    s.clone()
                } else {
                    "a panic".to_string()
                };
                PANIC_MESSAGE.with(|m| *m.borrow_mut() = Some(msg));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into [`ReadError::ReaderFailed`] with the panic's message.
pub(crate) fn catch<T>(f: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    quiet_panics();
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    match result {
        Ok(r) => r,
        Err(_) => {
            let msg = PANIC_MESSAGE
                .with(|m| m.borrow_mut().take())
                .unwrap_or_else(|| "a panic".to_string());
            let msg = msg.split_whitespace().collect::<Vec<_>>().join(" ");
            Err(ReadError::ReaderFailed(Detail::Internal(msg)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_problem() {
        let r: Result<(), ReadError> = catch(|| panic!("boom"));
        assert_eq!(
            r,
            Err(ReadError::ReaderFailed(Detail::Internal("boom".into())))
        );
    }
}
