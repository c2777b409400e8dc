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
            "it is cut short: the zip directory at its end is missing".to_string()
        } else {
            format!("its zip directory cannot be read: {e}")
        })
    })?;
    let mut names = Vec::with_capacity(archive.len());
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| ReadError::Corrupt(format!("zip entry {i}: {e}")))?;
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
                what: "an OpenDocument text document",
            });
        }
        if mimetype.ends_with("opendocument.presentation") {
            return Err(ReadError::NotASpreadsheet {
                what: "an OpenDocument presentation",
            });
        }
        if mimetype.contains("epub") {
            return Err(ReadError::NotASpreadsheet {
                what: "an EPUB book",
            });
        }
    }
    if has("content.xml") {
        return Ok(ZipKind::Ods);
    }
    if has("word/document.xml") {
        return Err(ReadError::NotASpreadsheet {
            what: "a Word document",
        });
    }
    if has("ppt/presentation.xml") {
        return Err(ReadError::NotASpreadsheet {
            what: "a PowerPoint presentation",
        });
    }
    Err(ReadError::NotASpreadsheet {
        what: "a zip archive holding no workbook",
    })
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
            Err(ReadError::ReaderFailed(format!("internal error: {msg}")))
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
            Err(ReadError::ReaderFailed("internal error: boom".into()))
        );
    }
}
