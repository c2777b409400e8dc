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
/// equal rows with `table:number-rows-repeated`; calamine expands them twice: each row's
/// cells up to its last non-empty one (empty cells before a value included), then the
/// whole sheet into a dense rectangle from the first to the last non-empty row (repeated
/// empty rows between them included) and from the leftmost to the rightmost non-empty
/// column. A few hundred bytes can ask for billions of cells that way. This scans
/// `content.xml` once, streaming, and computes both counts per sheet as calamine would,
/// against `max_cells` for the whole file, before calamine allocates anything.
pub(crate) fn check_ods_repeats(bytes: &[u8], max_cells: usize) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(Detail::Raw(e.to_string())))?;
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut scan = RepeatScan {
        max: max_cells as u64,
        ..RepeatScan::default()
    };
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
                    scan.tag(&tag)?;
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
    // calamine 0.38 reads a table until its end tag and loops for ever at the end of a
    // file that never closes it (found by the stable fuzz run).
    if scan.open_tables > 0 {
        return Err(ReadError::Corrupt(Detail::OdsTableUnclosed));
    }
    Ok(())
}

/// calamine's caps on an ODS sheet (`ods.rs`): repeats beyond them are cut.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

#[derive(Default)]
struct RepeatScan {
    max: u64,
    sheet: String,
    /// Cells calamine keeps before making the sheet dense, in every sheet so far.
    kept: u64,
    /// Rows expanded so far in this sheet, and this row's repeat count.
    rows: u64,
    row_repeats: u64,
    /// This row: its cells so far, the empty ones not yet followed by a value, and the
    /// first and last non-empty column.
    col: u64,
    pending_empty: u64,
    row_first: Option<u64>,
    row_last: u64,
    /// This sheet: the first non-empty row, the end of the last non-empty row (after its
    /// repeats), and the leftmost and rightmost non-empty columns.
    first_row: Option<u64>,
    end_row: u64,
    col_min: u64,
    col_max: u64,
    /// The dense cells of the sheets already closed.
    dense: u64,
    in_cell: bool,
    cell_repeats: u64,
    cell_has_value: bool,
    /// Tables opened and not yet closed.
    open_tables: u32,
}

impl RepeatScan {
    fn tag(&mut self, tag: &[u8]) -> Result<(), ReadError> {
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
        let closed = tag.ends_with(b"/");
        if tag.starts_with(b"table:table ") || tag == b"table:table" {
            if !closed {
                self.open_tables += 1;
            }
            self.sheet = attr("table:name")
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default();
            self.rows = 0;
            self.first_row = None;
            self.end_row = 0;
            self.col_min = u64::MAX;
            self.col_max = 0;
        } else if tag.starts_with(b"/table:table") && !tag.starts_with(b"/table:table-") {
            self.open_tables = self.open_tables.saturating_sub(1);
            if let Some(first) = self.first_row {
                let height = self.end_row.saturating_sub(first);
                let width = (self.col_max + 1).saturating_sub(self.col_min);
                self.dense = self.dense.saturating_add(height.saturating_mul(width));
                self.check()?;
            }
        } else if tag.starts_with(b"table:table-row") && !tag.starts_with(b"table:table-rows") {
            let remaining = ODS_MAX_ROWS.saturating_sub(self.rows);
            self.row_repeats = number("table:number-rows-repeated").min(remaining);
            self.col = 0;
            self.pending_empty = 0;
            self.row_first = None;
            self.row_last = 0;
            if closed {
                self.end_row_now();
            }
        } else if tag.starts_with(b"/table:table-row") && !tag.starts_with(b"/table:table-rows") {
            self.end_row_now();
            self.check()?;
        } else if tag.starts_with(b"table:table-cell")
            || tag.starts_with(b"table:covered-table-cell")
        {
            let repeats = number("table:number-columns-repeated");
            let has_value = attr("office:value-type").is_some() || attr("table:formula").is_some();
            if closed {
                self.cell(repeats, has_value);
            } else {
                self.in_cell = true;
                self.cell_repeats = repeats;
                self.cell_has_value = has_value;
            }
        } else if self.in_cell && (tag.starts_with(b"text:") || tag.starts_with(b"/text:")) {
            // Text content (a paragraph) makes a string cell even without a value type.
            self.cell_has_value = true;
        } else if (tag.starts_with(b"/table:table-cell")
            || tag.starts_with(b"/table:covered-table-cell"))
            && self.in_cell
        {
            self.in_cell = false;
            self.cell(self.cell_repeats, self.cell_has_value);
        }
        Ok(())
    }

    /// One cell element (repeated `repeats` times) in the current row, as calamine's
    /// `read_row` adds it: empty cells count only once a value follows them.
    fn cell(&mut self, repeats: u64, has_value: bool) {
        let room = ODS_MAX_COLUMNS.saturating_sub(self.col);
        if has_value {
            let empty = self.pending_empty.min(room);
            self.col = self.col.saturating_add(empty);
            self.pending_empty = 0;
            let room = ODS_MAX_COLUMNS.saturating_sub(self.col);
            let n = repeats.min(room);
            if n > 0 {
                self.row_first.get_or_insert(self.col);
                self.row_last = self.col + n - 1;
            }
            self.col = self.col.saturating_add(n);
        } else {
            self.pending_empty = repeats.min(room);
        }
    }

    fn end_row_now(&mut self) {
        // calamine keeps each row element's cells once, whatever its repeat count.
        self.kept = self.kept.saturating_add(self.col);
        let top = self.rows;
        self.rows = self.rows.saturating_add(self.row_repeats);
        if let Some(first) = self.row_first {
            self.first_row.get_or_insert(top);
            self.end_row = self.rows;
            self.col_min = self.col_min.min(first);
            self.col_max = self.col_max.max(self.row_last);
        }
        self.row_repeats = 0;
        self.col = 0;
        self.pending_empty = 0;
        self.row_first = None;
    }

    fn check(&self) -> Result<(), ReadError> {
        let open = match self.first_row {
            Some(first) => self
                .end_row
                .saturating_sub(first)
                .saturating_mul((self.col_max + 1).saturating_sub(self.col_min)),
            None => 0,
        };
        if self.kept > self.max || self.dense.saturating_add(open) > self.max {
            return Err(ReadError::TooManyCells {
                sheet: self.sheet.clone(),
                limit: usize::try_from(self.max).unwrap_or(usize::MAX),
            });
        }
        Ok(())
    }
}

/// Refuses an `.xls` whose DIMENSIONS records claim more than `max_cells` cells.
///
/// calamine reserves rows × columns of a sheet's DIMENSIONS record before reading a cell,
/// so a small file claiming four billion rows makes the process abort on the allocation.
/// This walks the `Workbook` (or BIFF5 `Book`) stream's records, a few bytes each, and
/// computes the area as calamine does. When the compound file cannot be opened here,
/// every place in the raw bytes that looks like a DIMENSIONS record is checked instead.
pub(crate) fn check_xls_dimensions(bytes: &[u8], max_cells: usize) -> Result<(), ReadError> {
    let max = max_cells as u64;
    let refuse = || ReadError::TooManyCells {
        sheet: String::new(),
        limit: max_cells,
    };
    // The compound file must outlive its stream (a stream reads through it).
    let mut compound = cfb::CompoundFile::open(Cursor::new(bytes)).ok();
    let stream = compound.as_mut().and_then(|c| {
        c.open_stream("/Workbook")
            .or_else(|_| c.open_stream("/Book"))
            .ok()
    });
    match stream {
        Some(stream) => {
            // Record headers are read and bodies skipped: nothing of the stream is kept.
            let mut r = std::io::BufReader::new(stream);
            let mut head = [0u8; 4];
            while r.read_exact(&mut head).is_ok() {
                let typ = u16::from_le_bytes([head[0], head[1]]);
                let len = u16::from_le_bytes([head[2], head[3]]);
                if typ == 0x0200 && matches!(len, 10 | 14 | 16) {
                    let mut body = [0u8; 16];
                    let body = &mut body[..usize::from(len)];
                    if r.read_exact(body).is_err() {
                        break;
                    }
                    if dimensions_area(body).is_some_and(|a| a > max) {
                        return Err(refuse());
                    }
                } else if r.seek_relative(i64::from(len)).is_err() {
                    break;
                }
            }
        }
        None => {
            for (i, w) in bytes.windows(4).enumerate() {
                if w[0] == 0x00 && w[1] == 0x02 && w[3] == 0 && matches!(w[2], 10 | 14 | 16) {
                    let body = bytes.get(i + 4..i + 4 + usize::from(w[2]));
                    if body.and_then(dimensions_area).is_some_and(|a| a > max) {
                        return Err(refuse());
                    }
                }
            }
        }
    }
    Ok(())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// The cells calamine 0.38 reserves for a DIMENSIONS record body (`parse_dimensions` and
/// the `reserve` after it, wrapping arithmetic included).
fn dimensions_area(r: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)?),
            u32::from(u16_at(r, 2)?),
            u32::from(u16_at(r, 4)?),
            u32::from(u16_at(r, 6)?),
        ),
        14 | 16 => (
            u32_at(r, 0)?,
            u32_at(r, 4)?,
            u32::from(u16_at(r, 8)?),
            u32::from(u16_at(r, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return Some(1);
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    Some(u64::from(rows) * u64::from(cols))
}

/// Refuses an xlsx whose shared-strings table declares more strings than `max_cells`:
/// calamine reserves room for the declared `uniqueCount` before reading one, so a 2 KB
/// file declaring three billion makes the process abort on the allocation. Only the
/// table's first bytes are read.
pub(crate) fn check_shared_strings(bytes: &[u8], max_cells: usize) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let name = archive
        .file_names()
        .flatten()
        .find(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"))
        .map(|n| n.into_owned());
    let Some(entry) = name.and_then(|n| archive.by_name(&n).ok()) else {
        return Ok(());
    };
    let mut head = Vec::with_capacity(4096);
    if entry.take(4096).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let Some(start) = find(&head, b"<sst") else {
        return Ok(());
    };
    let tag = &head[start..];
    let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
    let Some(at) = find(tag, b"uniqueCount=") else {
        return Ok(());
    };
    let digits: String = tag[at + 12..]
        .iter()
        .skip_while(|b| **b == b'"' || **b == b'\'')
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    match digits.parse::<u64>() {
        Ok(n) if n > max_cells as u64 => Err(ReadError::TooManyStrings {
            declared: n,
            limit: max_cells,
        }),
        // An unparsable count (too many digits for u64) is larger than any limit.
        Err(_) if digits.len() > 19 => Err(ReadError::TooManyStrings {
            declared: u64::MAX,
            limit: max_cells,
        }),
        _ => Ok(()),
    }
}

/// True when an xlsx carries [`super::REPORT_MARK`] in its custom document properties.
pub(crate) fn has_report_mark(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = archive.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut xml = Vec::with_capacity(2048);
    if entry.take(64 * 1024).read_to_end(&mut xml).is_err() {
        return false;
    }
    let (name, value) = super::REPORT_MARK;
    let name = format!("name=\"{name}\"");
    let value = format!(">{value}<");
    find(&xml, name.as_bytes()).is_some_and(|at| find(&xml[at..], value.as_bytes()).is_some())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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

#[cfg(test)]
mod xls_tests {
    use super::*;

    #[test]
    fn xls_dimensions_claiming_four_billion_rows_are_refused() {
        let mut xls = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/input/book.xls"
        ))
        .expect("book.xls");
        assert_eq!(check_xls_dimensions(&xls, 4_000_000), Ok(()));
        let at = xls
            .windows(4)
            .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
            .expect("a DIMENSIONS record");
        xls[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            check_xls_dimensions(&xls, 4_000_000),
            Err(ReadError::TooManyCells { .. })
        ));
    }
}
