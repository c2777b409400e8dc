//! Workbooks (xlsx, xlsm, xlsb, xls, ods) into raw tables, through calamine.
//!
//! xlsx and xlsb sheets are streamed cell by cell (calamine's cells readers) rather than
//! loaded as a `Range`: a `Range` is dense, so one stray value in `XFD1048576` would ask
//! for sixteen billion cells. xls (at most 65,536 × 256 by its format) and ods (calamine
//! caps repeated rows and columns) are read as ranges. Dates become serials in the 1900
//! epoch whatever the workbook's epoch; formula cells give their cached values.
//!
//! xlsx and xlsb are read on two threads ([`pipelined`]): calamine parses the XML on one
//! and hands the cells over in bounded pieces, while the calling thread checks the limits
//! and builds the tables, in order, exactly as one thread would. Measured on the
//! 2,000-engagement workbook, `check` took 0.87 times the wall time. A second parser
//! taking whole sheets in turn gave nothing: one sheet is three quarters of the XML.
//! So an xlsx workbook's largest sheet, from 8 MiB, is cut in two at a row near its
//! middle ([`super::split`]) and its second half parsed on a third thread, its cells
//! handed over when the first half ends ([`read_halves`]): `check` and the unchanged
//! rerun at 2,000 engagements take 0.75 times the wall time, for about 60 MB more at
//! their peak (the halves' copies, and the second half's cells held until their turn).

use super::guard::{self, ZipKind};
use super::split;
use super::table::{text_bytes, Budget, TableBuilder};
use super::{Limits, RawCell, RawTable, ReadError};
use crate::i18n::{Detail, FileKind};
use crate::problem::Problem;
use calamine::{Data, DataRef, Reader, SheetType};
use std::io::Cursor;

type Src<'b> = Cursor<&'b [u8]>;

/// Cells by (row, column), in reading order.
type Cells = Vec<(u32, u32, RawCell)>;

/// A split workbook's copy, owned by its reader (freed with it).
type Owned = Cursor<Vec<u8>>;

/// A workbook's tables and the warnings found.
pub(crate) struct Workbook {
    pub(crate) tables: Vec<RawTable>,
    pub(crate) problems: Vec<Problem>,
}

/// Reads a zip-based workbook (already checked by [`guard::check_zip`]).
pub(crate) fn read_zip(
    file: &str,
    bytes: &[u8],
    kind: ZipKind,
    limits: &Limits,
    budget: &Budget,
) -> Result<Workbook, ReadError> {
    match kind {
        ZipKind::Xlsx => read_xlsx(file, bytes, limits, budget, split::SPLIT_MIN),
        ZipKind::Xlsb => pipelined(file, limits, budget, |feed| {
            let mut wb: calamine::Xlsb<Src> =
                calamine::Xlsb::new(Cursor::new(bytes)).map_err(|e| other_error(e.to_string()))?;
            for name in worksheet_names(wb.sheets_metadata()) {
                feed.sheet(&name)?;
                let mut reader = wb
                    .worksheet_cells_reader(&name)
                    .map_err(|e| other_error(e.to_string()))?;
                while let Some(cell) = reader.next_cell().map_err(|e| other_error(e.to_string()))? {
                    let (r, c) = cell.get_position();
                    feed.cell(r, c, from_ref(cell.get_value()))?;
                }
                drop(reader);
                feed.end()?;
            }
            Ok(())
        }),
        ZipKind::Ods => guard::catch(|| {
            let mut wb: calamine::Ods<Src> =
                calamine::Ods::new(Cursor::new(bytes)).map_err(|e| other_error(e.to_string()))?;
            read_ranges(file, &mut wb, limits, budget, |e: calamine::OdsError| {
                other_error(e.to_string())
            })
        }),
    }
}

/// Reads an xlsx workbook. When its largest sheet has at least `split_min` bytes and
/// can be cut ([`split`]), its two halves are parsed on two threads; else calamine
/// reads the workbook as it is.
fn read_xlsx(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
    split_min: u64,
) -> Result<Workbook, ReadError> {
    let halves = guard::catch(|| Ok(split::split(bytes, split_min)))
        .ok()
        .flatten();
    if let Some(read) = halves.and_then(|h| read_halves(file, h, limits, budget)) {
        return read;
    }
    pipelined(file, limits, budget, |feed| {
        let mut wb: calamine::Xlsx<Src> =
            calamine::Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
        for name in worksheet_names(wb.sheets_metadata()) {
            feed.sheet(&name)?;
            let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsx_error)?;
            while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
                let (r, c) = cell.get_position();
                feed.cell(r, c, from_ref(cell.get_value()))?;
            }
            drop(reader);
            feed.end()?;
        }
        Ok(())
    })
}

/// The first cell's position in each sheet of `wb` (`None`: a sheet without cells);
/// `None` when calamine cannot read one.
fn first_cells(
    wb: &mut calamine::Xlsx<Owned>,
    names: &[String],
) -> Option<Vec<Option<(u32, u32)>>> {
    names
        .iter()
        .map(|n| {
            let mut reader = wb.worksheet_cells_reader(n).ok()?;
            let first = reader.next_cell().ok()?.map(|c| c.get_position());
            Some(first)
        })
        .collect()
}

/// Reads the two halves of a split workbook, or `None` when they do not show which
/// sheet was cut (the workbook is then read whole). The first half's sheets are read
/// here in order; the cut sheet's second half is parsed meanwhile on a thread of its
/// own and its cells handed over when the first half of that sheet ends: the same
/// cells, in the same order, as reading the workbook whole.
fn read_halves(
    file: &str,
    halves: split::Split,
    limits: &Limits,
    budget: &Budget,
) -> Option<Result<Workbook, ReadError>> {
    // The cut sheet is the one whose first cell differs between the copies (every other
    // member is the same bytes in both).
    let probe = guard::catch(|| {
        let open = |b| calamine::Xlsx::<Owned>::new(Cursor::new(b)).ok();
        let split::Split { first, second } = halves;
        let (Some(mut a), Some(mut b)) = (open(first), open(second)) else {
            return Ok(None);
        };
        let names = worksheet_names(a.sheets_metadata());
        if names != worksheet_names(b.sheets_metadata()) {
            return Ok(None);
        }
        let (Some(fa), Some(fb)) = (first_cells(&mut a, &names), first_cells(&mut b, &names))
        else {
            return Ok(None);
        };
        let mut cut = names
            .iter()
            .zip(fa.iter().zip(&fb))
            .filter(|(_, (x, y))| x != y);
        let (Some((which, _)), None) = (cut.next(), cut.next()) else {
            return Ok(None);
        };
        let which = which.clone();
        Ok(Some((a, b, names, which)))
    })
    .ok()
    .flatten()?;
    let (mut a, mut b, names, which) = probe;
    Some(pipelined(file, limits, budget, move |feed| {
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let (which2, stop2) = (&which, &stop);
            let parse_second =
                move || guard::catch(|| Ok(second_half(&mut b, which2, limits, stop2)));
            // The second copy is the thread's, and freed when it ends.
            let second = std::thread::Builder::new()
                .name("reader-2".into())
                .spawn_scoped(scope, parse_second)
                .map_err(|e| {
                    ReadError::ReaderFailed(Detail::Internal(format!("cannot start a thread: {e}")))
                })?;
            let mut second = Some(second);
            // Whatever ends this reading early stops the second half's parser too.
            struct Stop<'s>(&'s std::sync::atomic::AtomicBool);
            impl Drop for Stop<'_> {
                fn drop(&mut self) {
                    self.0.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            let _stop = Stop(&stop);
            for name in &names {
                feed.sheet(name)?;
                let mut reader = a.worksheet_cells_reader(name).map_err(xlsx_error)?;
                while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
                    let (r, c) = cell.get_position();
                    feed.cell(r, c, from_ref(cell.get_value()))?;
                }
                drop(reader);
                if *name == which {
                    let (cells, failed) = match second.take() {
                        Some(handle) => handle
                            .join()
                            .unwrap_or_else(|p| std::panic::resume_unwind(p))?,
                        None => (Vec::new(), None),
                    };
                    for piece in cells {
                        feed.piece(piece)?;
                    }
                    if let Some(e) = failed {
                        return Err(e);
                    }
                }
                feed.end()?;
            }
            Ok(())
        })
    }))
}

/// The non-blank cells of sheet `which` in the second half's copy, and the error that
/// ended them if one did. Stops past the limits (more cells or text than a run may
/// keep: the collector refuses them, as it would reading the workbook whole) or when
/// `stop` is set.
fn second_half(
    wb: &mut calamine::Xlsx<Owned>,
    which: &str,
    limits: &Limits,
    stop: &std::sync::atomic::AtomicBool,
) -> (Vec<Cells>, Option<ReadError>) {
    // In pieces (no vector twice the size it needs while growing; each freed when
    // handed over).
    let mut cells: Vec<Cells> = Vec::new();
    let mut count: usize = 0;
    let mut text: u64 = 0;
    let mut reader = match wb.worksheet_cells_reader(which) {
        Ok(r) => r,
        Err(e) => return (cells, Some(xlsx_error(e))),
    };
    loop {
        match reader.next_cell() {
            Ok(Some(c)) => {
                let cell = from_ref(c.get_value());
                if cell.is_blank() {
                    continue;
                }
                text = text.saturating_add(text_bytes(&cell));
                let (r, col) = c.get_position();
                match cells.last_mut() {
                    Some(piece) if piece.len() < PIECE_CELLS => piece.push((r, col, cell)),
                    _ => {
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            return (cells, None);
                        }
                        let mut piece = Vec::with_capacity(PIECE_CELLS);
                        piece.push((r, col, cell));
                        cells.push(piece);
                    }
                }
                count += 1;
                if count > limits.max_cells || text > limits.max_text_bytes {
                    return (cells, None);
                }
            }
            Ok(None) => return (cells, None),
            Err(e) => return (cells, Some(xlsx_error(e))),
        }
    }
}

/// What the parsing thread hands the collecting one, in reading order.
enum Piece {
    /// A sheet of this name starts.
    Sheet(String),
    /// Its next non-blank cells.
    Cells(Vec<(u32, u32, RawCell)>),
    /// The sheet ended.
    End,
    /// The reader failed (or panicked) here; nothing follows.
    Failed(ReadError),
}

/// Cells per piece, and the text a piece may carry before it is handed over: with
/// [`IN_FLIGHT`] pieces queued, the parser runs at most about 16,000 cells or 4 MB of
/// text ahead of the limits the collector enforces.
const PIECE_CELLS: usize = 4096;
const PIECE_TEXT: u64 = 1 << 20;
const IN_FLIGHT: usize = 4;

/// The parsing side of [`pipelined`]: gathers cells into pieces and hands them over.
struct Feed {
    tx: std::sync::mpsc::SyncSender<Piece>,
    cells: Vec<(u32, u32, RawCell)>,
    text: u64,
}

impl Feed {
    fn send(&self, piece: Piece) -> Result<(), ReadError> {
        // The collector stopped (a limit, an error): its own error is the one reported.
        self.tx.send(piece).map_err(|_| ReadError::NoData)
    }

    fn flush(&mut self) -> Result<(), ReadError> {
        if self.cells.is_empty() {
            return Ok(());
        }
        let cells = std::mem::replace(&mut self.cells, Vec::with_capacity(PIECE_CELLS));
        self.text = 0;
        self.send(Piece::Cells(cells))
    }

    fn sheet(&mut self, name: &str) -> Result<(), ReadError> {
        self.send(Piece::Sheet(name.to_string()))
    }

    /// Hands over a piece of non-blank cells gathered elsewhere (the second half of a
    /// split sheet), as it is, after the cells before it.
    fn piece(&mut self, piece: Cells) -> Result<(), ReadError> {
        self.flush()?;
        if piece.is_empty() {
            return Ok(());
        }
        self.send(Piece::Cells(piece))
    }

    fn cell(&mut self, r: u32, c: u32, cell: RawCell) -> Result<(), ReadError> {
        if cell.is_blank() {
            return Ok(());
        }
        self.text = self.text.saturating_add(text_bytes(&cell));
        self.cells.push((r, c, cell));
        if self.cells.len() >= PIECE_CELLS || self.text >= PIECE_TEXT {
            self.flush()?;
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), ReadError> {
        self.flush()?;
        self.send(Piece::End)
    }
}

/// Reads a workbook on two threads: `parse` (calamine's XML parsing, the larger part)
/// runs on a second one and hands cells over in bounded pieces, while this thread checks
/// the limits and builds the tables, in the same order and with the same results as one
/// thread doing both. A panic in the parser becomes [`ReadError::ReaderFailed`]; when the
/// collector stops (a limit reached), the parser stops at its next hand-over.
fn pipelined<'b>(
    file: &str,
    limits: &Limits,
    budget: &Budget,
    parse: impl FnOnce(&mut Feed) -> Result<(), ReadError> + Send + 'b,
) -> Result<Workbook, ReadError> {
    let (tx, rx) = std::sync::mpsc::sync_channel(IN_FLIGHT);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut feed = Feed {
                tx,
                cells: Vec::with_capacity(PIECE_CELLS),
                text: 0,
            };
            let parsed = guard::catch(|| parse(&mut feed));
            if let Err(e) = parsed {
                // Cells read before the failure go first, as one thread would have
                // pushed them: a limit they reach is reported rather than the failure.
                if feed.flush().is_ok() {
                    let _ = feed.send(Piece::Failed(e));
                }
            }
        });
        // `rx` moves in, so that stopping early drops it and wakes a parser blocked on a
        // full queue: its hand-over fails and it ends, and the scope's join returns.
        guard::catch(move || {
            let mut out = Collector::new(file, limits, budget);
            let mut sheet: Option<SheetCells> = None;
            for piece in rx.iter() {
                match piece {
                    Piece::Sheet(name) => sheet = Some(out.cells(&name)),
                    Piece::Cells(cells) => {
                        if let Some(sheet) = sheet.as_mut() {
                            sheet.push_piece(cells)?;
                        }
                    }
                    Piece::End => {
                        if let Some(sheet) = sheet.take() {
                            out.finish(sheet)?;
                        }
                    }
                    Piece::Failed(e) => return Err(e),
                }
            }
            out.done()
        })
    })
}

/// Reads an OLE compound file: a `.xls` workbook, or says why it cannot be read.
pub(crate) fn read_cfb(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
) -> Result<Workbook, ReadError> {
    if guard::cfb_is_encrypted_ooxml(bytes) {
        return Err(ReadError::Encrypted);
    }
    guard::catch(|| {
        let mut wb: calamine::Xls<Src> = match calamine::Xls::new(Cursor::new(bytes)) {
            Ok(wb) => wb,
            Err(calamine::XlsError::Password) => return Err(ReadError::Encrypted),
            Err(e) => return Err(cfb_error(bytes, e)),
        };
        read_ranges(
            file,
            &mut wb,
            limits,
            budget,
            |e: calamine::XlsError| match e {
                calamine::XlsError::Password => ReadError::Encrypted,
                e => other_error(e.to_string()),
            },
        )
    })
}

fn cfb_error(bytes: &[u8], e: calamine::XlsError) -> ReadError {
    let has = |name: &str| {
        let wide: Vec<u8> = name.bytes().flat_map(|b| [b, 0]).collect();
        bytes.windows(wide.len()).any(|w| w == wide.as_slice())
    };
    if has("WordDocument") {
        ReadError::NotASpreadsheet {
            what: FileKind::Word97,
        }
    } else if has("PowerPoint Document") {
        ReadError::NotASpreadsheet {
            what: FileKind::PowerPoint97,
        }
    } else if !has("Workbook") && !has("Book") {
        ReadError::NotASpreadsheet {
            what: FileKind::OleWithoutWorkbook,
        }
    } else {
        other_error(e.to_string())
    }
}

fn read_ranges<RS, R, E>(
    file: &str,
    wb: &mut R,
    limits: &Limits,
    budget: &Budget,
    map: impl Fn(E) -> ReadError,
) -> Result<Workbook, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS, Error = E>,
{
    let mut out = Collector::new(file, limits, budget);
    for name in worksheet_names(wb.sheets_metadata()) {
        let range = wb.worksheet_range(&name).map_err(&map)?;
        let mut cells = out.cells(&name);
        if let Some((r0, c0)) = range.start() {
            for (i, row) in range.rows().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    if matches!(v, Data::Empty) {
                        continue;
                    }
                    let r = r0.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    let c = c0.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
                    cells.push(r, c, from_data(v))?;
                }
            }
        }
        out.finish(cells)?;
    }
    out.done()
}

fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Zip(z) if !z.to_string().contains(ZIP_SIZE_LIE) => {
            ReadError::Corrupt(Detail::Raw(
                z.to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ))
        }
        e => other_error(e.to_string()),
    }
}

/// The zip crate's error for a member inflating past its declared size (see `guard`).
const ZIP_SIZE_LIE: &str = "larger than its declared uncompressed size";

fn other_error(detail: String) -> ReadError {
    if detail.contains(ZIP_SIZE_LIE) {
        return ReadError::LyingHeader;
    }
    // calamine's messages can run over several lines; the problem is one line.
    ReadError::Unreadable(Detail::Raw(
        detail.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// Gathers the tables of one workbook, enforcing the per-workbook cell limit.
struct Collector<'a> {
    file: &'a str,
    limits: &'a Limits,
    budget: &'a Budget,
    cells_total: usize,
    tables: Vec<RawTable>,
    problems: Vec<Problem>,
}

/// The non-empty cells of one sheet, in reading order.
struct SheetCells {
    sheet: String,
    /// In the pieces they came in (or of [`PIECE_CELLS`] each): not one vector, which
    /// grew by doubling, each time into fresh memory the kernel clears and with a copy
    /// of every cell so far (for the 2,000-engagement workbook's 736,000-cell Tasks sheet
    /// about 80 MB of fresh pages, a quarter of `check`'s time when the virtual machine's
    /// host is slow to hand them over), and was held whole until the table was built.
    pieces: Vec<Cells>,
    /// How many cells the pieces hold.
    count: usize,
    rows: usize,
    last_row: Option<u32>,
    sorted: bool,
    max_rows: usize,
    budget: usize,
    /// Text kept so far, and the most the run's budget still allows: a sheet whose
    /// cells share one long string (each cell gets its own copy) stops at the budget
    /// instead of copying it gigabytes' worth.
    text: u64,
    text_left: u64,
    cell_limit: usize,
    text_limit: u64,
}

impl SheetCells {
    fn push(&mut self, r: u32, c: u32, cell: RawCell) -> Result<(), ReadError> {
        if cell.is_blank() {
            return Ok(());
        }
        self.admit(r, &cell)?;
        match self.pieces.last_mut() {
            Some(piece) if piece.len() < PIECE_CELLS => piece.push((r, c, cell)),
            _ => {
                let mut piece = Vec::with_capacity(PIECE_CELLS);
                piece.push((r, c, cell));
                self.pieces.push(piece);
            }
        }
        Ok(())
    }

    /// Takes a piece of cells whole, each checked as [`Self::push`] checks it.
    fn push_piece(&mut self, mut piece: Cells) -> Result<(), ReadError> {
        piece.retain(|(_, _, cell)| !cell.is_blank());
        for (r, _, cell) in &piece {
            self.admit(*r, cell)?;
        }
        if !piece.is_empty() {
            self.pieces.push(piece);
        }
        Ok(())
    }

    /// Counts a non-blank cell of row `r` against the limits, or says which it passes.
    fn admit(&mut self, r: u32, cell: &RawCell) -> Result<(), ReadError> {
        if self.last_row != Some(r) {
            if self.last_row.is_some_and(|last| r < last) {
                self.sorted = false;
            }
            self.last_row = Some(r);
            self.rows += 1;
            // The header row is one more than the data rows.
            if self.rows > self.max_rows.saturating_add(1) {
                return Err(ReadError::TooManyRows {
                    sheet: self.sheet.clone(),
                    limit: self.max_rows,
                });
            }
        }
        if self.count >= self.budget {
            return Err(ReadError::TooManyCells {
                sheet: self.sheet.clone(),
                limit: self.cell_limit,
            });
        }
        self.text = self.text.saturating_add(text_bytes(cell));
        if self.text > self.text_left {
            return Err(ReadError::TooMuchText {
                sheet: self.sheet.clone(),
                limit: self.text_limit,
            });
        }
        self.count += 1;
        Ok(())
    }
}

impl<'a> Collector<'a> {
    fn new(file: &'a str, limits: &'a Limits, budget: &'a Budget) -> Self {
        Collector {
            file,
            limits,
            budget,
            cells_total: 0,
            tables: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn cells(&self, sheet: &str) -> SheetCells {
        SheetCells {
            sheet: sheet.to_string(),
            pieces: Vec::new(),
            count: 0,
            rows: 0,
            last_row: None,
            sorted: true,
            max_rows: self.limits.max_rows,
            budget: self
                .limits
                .max_cells
                .saturating_sub(self.cells_total)
                .min(usize::try_from(self.budget.cells_left()).unwrap_or(usize::MAX)),
            text: 0,
            text_left: self.budget.text_left(),
            cell_limit: self.limits.max_cells,
            text_limit: self.limits.max_text_bytes,
        }
    }

    fn finish(&mut self, sheet: SheetCells) -> Result<(), ReadError> {
        self.cells_total += sheet.count;
        let mut pieces = sheet.pieces;
        if !sheet.sorted {
            let mut all: Cells = Vec::with_capacity(sheet.count);
            all.extend(pieces.into_iter().flatten());
            all.sort_by_key(|(r, c, _)| (*r, *c));
            pieces = vec![all];
        }
        let mut builder = TableBuilder::new(self.file, &sheet.sheet, self.limits, self.budget);
        let mut current: Option<u32> = None;
        let mut row: Vec<(usize, RawCell)> = Vec::new();
        // Each piece is freed once its cells are in the table.
        for (r, c, cell) in pieces.into_iter().flatten() {
            if current != Some(r) {
                if let Some(prev) = current {
                    builder.push_row(u64::from(prev) + 1, std::mem::take(&mut row))?;
                }
                current = Some(r);
            }
            row.push((c as usize, cell));
        }
        if let Some(prev) = current {
            builder.push_row(u64::from(prev) + 1, row)?;
        }
        let (table, problems) = builder.finish();
        self.problems.extend(problems);
        self.tables.extend(table);
        Ok(())
    }

    fn done(self) -> Result<Workbook, ReadError> {
        if self.tables.is_empty() {
            return Err(ReadError::NoData);
        }
        Ok(Workbook {
            tables: self.tables,
            problems: self.problems,
        })
    }
}

fn from_ref(v: &DataRef<'_>) -> RawCell {
    match v {
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) => RawCell::IsoDate(s.clone()),
        DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Error(e.to_string()),
        DataRef::Empty => RawCell::Empty,
    }
}

fn from_data(v: &Data) -> RawCell {
    match v {
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) => RawCell::IsoDate(s.clone()),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
        Data::Empty => RawCell::Empty,
    }
}

/// A date cell as days since 1899-12-30, whatever the workbook's epoch: calamine's
/// `as_datetime` applies the 1904 offset and Excel's 1900 leap-day bug.
fn date(d: &calamine::ExcelDateTime) -> RawCell {
    if d.is_duration() {
        return RawCell::Number(d.as_f64());
    }
    // Outside Excel's own range (years 1900 to 9999) a serial is no date a workbook can
    // show, and chrono would overflow (a panic) converting it: keep the number, which the
    // column's rules then judge like any other value.
    if !(-1.0..=2_958_466.0).contains(&d.as_f64()) {
        return RawCell::Number(d.as_f64());
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    match (d.as_datetime(), epoch) {
        (Some(dt), Some(epoch)) => {
            let ms = (dt - epoch).num_milliseconds();
            RawCell::Date(ms as f64 / 86_400_000.0)
        }
        _ => RawCell::Number(d.as_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook of three sheets, the second `rows` rows of text, numbers, dates,
    /// booleans and blanks (in rows of their own and between values).
    fn book(rows: u32) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        let first = wb.add_worksheet().set_name("Engagements").expect("name");
        first.write(0, 0, "ID").expect("write");
        first.write(1, 0, "E-1").expect("write");
        let tasks = wb.add_worksheet().set_name("Tasks").expect("name");
        for (c, h) in ["ID", "Task", "Hours", "Due", "Done"].iter().enumerate() {
            tasks.write(0, c as u16, *h).expect("write");
        }
        for r in 1..rows {
            if r % 97 == 0 {
                continue; // an empty row
            }
            tasks.write(r, 0, "E-1").expect("write");
            tasks.write(r, 1, format!("task {r} ação")).expect("write");
            if r % 5 != 0 {
                tasks.write(r, 2, f64::from(r) / 4.0).expect("write");
            }
            let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1 + (r % 12) as u8, 1)
                .expect("date");
            tasks.write_with_format(r, 3, &d, &date).expect("write");
            tasks.write(r, 4, r % 2 == 0).expect("write");
        }
        let last = wb.add_worksheet().set_name("Services").expect("name");
        last.write(0, 0, "Service").expect("write");
        last.write(3, 2, "late").expect("write");
        wb.save_to_buffer().expect("saves")
    }

    /// Asserts that `bytes` is split and reads as it reads whole, holding `last`.
    fn reads_the_same_split(bytes: &[u8], last: &str) {
        let (whole, split, was_split) = both_ways(bytes, &Limits::default());
        assert!(was_split);
        assert!(whole.contains(last), "{}", &whole[..200]);
        assert_eq!(whole, split);
    }

    /// The workbook read whole and read split (when it can be), each as its tables
    /// and problems or its error, and whether it was split.
    fn both_ways(bytes: &[u8], limits: &Limits) -> (String, String, bool) {
        let read = |min| {
            let budget = Budget::new(limits);
            match read_xlsx("w.xlsx", bytes, limits, &budget, min) {
                Ok(w) => format!("{:?} {:?}", w.tables, w.problems),
                Err(e) => format!("error: {e:?}"),
            }
        };
        (read(u64::MAX), read(0), split::split(bytes, 0).is_some())
    }

    #[test]
    fn a_split_workbook_reads_as_the_whole_one() {
        let bytes = book(5_000);
        reads_the_same_split(&bytes, "task 4999");
        // Limits stop both at the same place, with the same error: in the first half and
        // in the second (25,000 cells, cut near the middle).
        for limits in [
            limits(3_000),
            limits(20_000),
            Limits {
                max_text_bytes: 20_000,
                ..Limits::default()
            },
            Limits {
                max_rows: 4_000,
                ..Limits::default()
            },
        ] {
            let (whole, split, _) = both_ways(&bytes, &limits);
            assert!(whole.starts_with("error: "), "{limits:?}");
            assert_eq!(whole, split, "{limits:?}");
        }
    }

    #[test]
    fn every_xlsx_fixture_reads_the_same_split() {
        let mut split_count = 0;
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("fixtures").flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "xlsx" || x == "xlsm") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() > 5);
        for f in files {
            let bytes = std::fs::read(&f).expect("read");
            let (whole, split, was_split) = both_ways(&bytes, &Limits::default());
            assert_eq!(whole, split, "{}", f.display());
            split_count += usize::from(was_split);
        }
        assert!(split_count > 5, "{split_count} split");
    }

    /// `book(rows)` with its Tasks sheet's XML changed by `edit`.
    fn edited_book(rows: u32, edit: impl Fn(&str) -> String) -> Vec<u8> {
        let bytes = book(rows);
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
        let index = archive
            .index_for_name("xl/worksheets/sheet2.xml")
            .expect("sheet");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(index).expect("sheet"), &mut xml)
            .expect("xml");
        split::copy_with(&mut archive, index, &[edit(&xml).as_bytes()]).expect("repackaged")
    }

    #[test]
    fn rows_out_of_order_read_the_same_split() {
        // The rows written last to first: each keeps its number, and the table is the
        // same either way.
        let bytes = edited_book(3_000, |xml| {
            let start = xml.find("<sheetData>").expect("sheetData") + "<sheetData>".len();
            let end = xml.find("</sheetData>").expect("end");
            let rows: Vec<&str> = xml[start..end].split_inclusive("</row>").collect();
            let reversed: String = rows.into_iter().rev().collect();
            format!("{}{reversed}{}", &xml[..start], &xml[end..])
        });
        reads_the_same_split(&bytes, "task 2999");
    }

    #[test]
    fn cells_without_their_own_reference_read_the_same_split() {
        // `<c>` without `r`: a cell's column is counted within its row, from the row's
        // first cell, and its row is the row's own number: the same on either side.
        let bytes = edited_book(3_000, |xml| {
            let mut out = String::with_capacity(xml.len());
            let mut rest = xml;
            while let Some(at) = rest.find("<c r=\"") {
                out.push_str(&rest[..at]);
                out.push_str("<c");
                let after = &rest[at + "<c r=\"".len()..];
                let close = after.find('"').expect("closing quote");
                rest = &after[close + 1..];
            }
            out.push_str(rest);
            out
        });
        reads_the_same_split(&bytes, "task 2999");
    }

    #[test]
    fn an_error_in_the_second_half_comes_after_the_first_halfs_cells() {
        // The Tasks sheet's last cell made unreadable (a bad number), past the cut.
        let bytes = edited_book(3_000, |xml| {
            let at = xml.rfind("<v>").expect("a value") + 3;
            format!("{}not a number{}", &xml[..at], &xml[at..])
        });
        let (whole, split, was_split) = both_ways(&bytes, &Limits::default());
        assert!(was_split);
        assert!(
            whole.starts_with("error: "),
            "{}",
            &whole[..200.min(whole.len())]
        );
        assert_eq!(whole, split);
    }

    fn limits(max_cells: usize) -> Limits {
        Limits {
            max_cells,
            ..Limits::default()
        }
    }

    /// A parser that offers `rows` rows of two cells, in one sheet.
    fn rows(feed: &mut Feed, rows: u32) -> Result<(), ReadError> {
        feed.sheet("Tasks")?;
        for r in 0..rows {
            feed.cell(r, 0, RawCell::Text(format!("task {r}")))?;
            feed.cell(r, 1, RawCell::Number(f64::from(r)))?;
        }
        feed.end()
    }

    #[test]
    fn pipelined_reading_builds_the_tables_one_thread_would() {
        let limits = limits(1_000_000);
        let budget = Budget::new(&limits);
        let wb = pipelined("book.xlsx", &limits, &budget, |feed| {
            rows(feed, 10_000)?;
            feed.sheet("Empty")?;
            feed.cell(0, 0, RawCell::Empty)?;
            feed.end()
        })
        .unwrap();
        assert_eq!(wb.tables.len(), 1, "the empty sheet makes no table");
        assert_eq!(wb.tables[0].sheet, "Tasks");
        // The first row is the header.
        assert_eq!(wb.tables[0].rows.len(), 9_999);
    }

    #[test]
    fn a_limit_stops_the_parser_long_before_it_ends() {
        // Far more cells than the queue holds: the parser must be stopped (not left
        // blocked, which would hang the join), and the limit is the error.
        let limits = limits(1_000);
        let budget = Budget::new(&limits);
        let offered = std::sync::atomic::AtomicU32::new(0);
        let err = pipelined("book.xlsx", &limits, &budget, |feed| {
            feed.sheet("Tasks")?;
            for r in 0..5_000_000 {
                offered.store(r, std::sync::atomic::Ordering::Relaxed);
                feed.cell(r, 0, RawCell::Number(1.0))?;
            }
            feed.end()
        })
        .err();
        assert!(
            matches!(err, Some(ReadError::TooManyCells { limit: 1_000, .. })),
            "{err:?}"
        );
        let offered = offered.load(std::sync::atomic::Ordering::Relaxed);
        assert!(offered < 100_000, "the parser ran on to row {offered}");
    }

    #[test]
    fn a_parser_failure_comes_after_its_cells_and_a_panic_is_caught() {
        let limits = limits(1_000);
        let budget = Budget::new(&limits);
        // Cells past the limit, then a failure: the limit is what one thread would
        // have met first.
        let err = pipelined("book.xlsx", &limits, &budget, |feed| {
            rows(feed, 600)?;
            Err(ReadError::Unreadable(Detail::Raw("bad XML".into())))
        })
        .err();
        assert!(
            matches!(err, Some(ReadError::TooManyCells { .. })),
            "{err:?}"
        );
        let limits = Limits::default();
        let budget = Budget::new(&limits);
        let err = pipelined("book.xlsx", &limits, &budget, |feed| {
            rows(feed, 10)?;
            Err(ReadError::Unreadable(Detail::Raw("bad XML".into())))
        })
        .err();
        assert_eq!(
            err,
            Some(ReadError::Unreadable(Detail::Raw("bad XML".into())))
        );
        let err = pipelined("book.xlsx", &limits, &budget, |feed| {
            rows(feed, 10)?;
            panic!("index out of bounds")
        })
        .err();
        assert!(
            matches!(&err, Some(ReadError::ReaderFailed(Detail::Internal(m))) if m.contains("index out of bounds")),
            "{err:?}"
        );
    }
}
