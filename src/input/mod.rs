//! Input: files into raw tables with their places.
//!
//! Workbooks (xlsx, xlsm, xlsb, xls, ods via calamine) and CSV folders become [`RawTable`]s:
//! a sheet's header row and data rows of [`RawCell`]s, each row with the number the
//! spreadsheet shows. Nothing here knows what an engagement is; the model module matches
//! sheet and column names and turns cells into domain types.
//!
//! Hostile files (corrupt or encrypted archives, zip bombs, huge CSV lines, a different
//! file type under a spreadsheet name) end as one [`Problem`] naming the file, never a
//! panic, a hang or unbounded memory. The limits are in [`Limits`]; `docs/input.md` states
//! every form, encoding, delimiter and limit for users.
//!
//! The reader is picked from the bytes (`sniff`), never from the extension alone; zip
//! workbooks pass the `guard` (declared sizes, encryption, ODS repeat counts) before
//! calamine sees them (`workbook`); text goes to `csv`; every form ends in the one
//! `table` builder, so header and row rules cannot differ between forms.

use crate::i18n::Message;
use crate::problem::{Problem, Severity};
use std::path::{Path, PathBuf};

mod csv;
mod error;
mod guard;
mod sniff;
mod split;
mod table;
mod workbook;

pub use csv::{detect_delimiter, Encoding};
pub use error::ReadError;

/// One cell as read, before any domain typing.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    /// No value (an empty cell, or an empty CSV field).
    Empty,
    /// Text (every CSV field is text).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date or date-time cell, as the spreadsheet serial it holds, already adjusted to
    /// the 1900 epoch: days since 1899-12-30 (the 1904 epoch and the 1900 leap-year bug are
    /// handled by the reader).
    Date(f64),
    /// An ISO 8601 date or date-time cell (ODS stores them as text).
    IsoDate(String),
    /// An error cell, as Excel shows it (`#N/A`, `#REF!`, ...).
    Error(String),
}

impl RawCell {
    /// True for [`RawCell::Empty`] and for text that is only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it (for messages).
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(s) => s.clone(),
            RawCell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(serial) => format!("date serial {serial}"),
            RawCell::IsoDate(s) => s.clone(),
            RawCell::Error(e) => e.clone(),
        }
    }
}

/// One data row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// The row number as the spreadsheet shows it (1-based); for CSV, the record number,
    /// the header being record 1.
    pub number: u64,
    /// The cells, one per header column (padded with [`RawCell::Empty`]).
    pub cells: Vec<RawCell>,
}

/// One sheet (or one CSV file) as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// The file the table came from, as the user named it.
    pub file: String,
    /// The sheet name as written (for CSV: the file stem, e.g. `tasks`).
    pub sheet: String,
    /// The row number of the header row (1-based).
    pub header_row: u64,
    /// Column headers as written (trimmed).
    pub headers: Vec<String>,
    /// Data rows, empty rows already skipped.
    pub rows: Vec<RawRow>,
}

/// One input the user named (a workbook or a CSV folder) and the tables read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSource {
    /// The path as the user gave it (or as found inside a folder they gave).
    pub file: String,
    /// The tables read from it.
    pub tables: Vec<RawTable>,
}

/// Everything read in one run: the sources that could be read and the problems found.
#[derive(Debug, Clone, Default)]
pub struct InputSet {
    /// Sources that could be read (possibly with problems).
    pub sources: Vec<RawSource>,
    /// Problems found while reading (unreadable files, encodings, limits).
    pub problems: Vec<Problem>,
}

/// The custom document property (name, value) successkit writes into its portfolio
/// report workbook: a workbook carrying it is an output, and reading it as input is
/// skipped with a notice (an output folder given as input would otherwise read its own
/// report and see every engagement twice).
pub const REPORT_MARK: (&str, &str) = ("successkit", "portfolio-report");

/// Limits enforced while reading, so no file can exhaust memory or time.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total size of a workbook's zip members once inflated, in bytes.
    pub max_inflated_bytes: u64,
    /// Largest single CSV field or line, in bytes.
    pub max_csv_line_bytes: usize,
    /// Most rows read from one sheet.
    pub max_rows: usize,
    /// Most columns read from one sheet (values further right are ignored with a warning).
    pub max_columns: usize,
    /// Most cells kept from all the inputs of a run together (each row counts as wide as
    /// its header, empty cells included; a workbook's own declarations of cells and
    /// strings are held to it before its reader allocates them): bounds memory whatever
    /// the rows, the columns or the number of files.
    pub max_cells: usize,
    /// Most bytes of text kept from all the inputs of a run together (each cell's copy
    /// counted: one long string shared by many cells counts once per cell).
    pub max_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_inflated_bytes: 1024 * 1024 * 1024,
            max_csv_line_bytes: 1024 * 1024,
            max_rows: 1_000_000,
            max_columns: 512,
            max_cells: 2_000_000,
            max_text_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Reads every input the user named: workbooks, CSV folders, folders of workbooks.
/// Never fails as a whole: what cannot be read is a problem in the returned set.
///
/// Sources come in the order of `paths`; inside a folder, files are sorted by name so
/// runs are deterministic.
pub fn read_inputs(paths: &[PathBuf], limits: &Limits) -> InputSet {
    let mut set = InputSet::default();
    // One budget for the whole run: many files each under the limits cannot add up past
    // them.
    let budget = table::Budget::new(limits);
    for path in paths {
        read_path(path, limits, &budget, &mut set);
        if let Some(notice) = beside(path, paths) {
            set.problems.push(notice);
        }
    }
    set
}

/// What lies beside an input file that the user should know of: Excel's lock file
/// (`~$book.xlsx`: the workbook is open, and what is not saved yet is not read), or, for
/// a CSV table named after a table of the contract, the folder's other tables that were
/// not given (`engagements.csv` alone leaves `services.csv` and `tasks.csv` unread).
fn beside(path: &Path, given: &[PathBuf]) -> Option<Problem> {
    let name = path.file_name()?.to_str()?;
    let folder_of = |p: &Path| {
        p.parent()
            .map(|f| {
                if f.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    f
                }
            })
            .map(Path::to_path_buf)
    };
    let folder = folder_of(path)?;
    let ext = sniff::extension(name).unwrap_or_default();
    if sniff::WORKBOOK_EXTS.contains(&ext.as_str()) {
        let lock = format!("~${name}");
        return folder
            .join(&lock)
            .is_file()
            .then(|| Problem::file(Severity::Notice, display(path), Message::OpenInExcel(lock)));
    }
    if !sniff::TABLE_EXTS.contains(&ext.as_str()) || !names_a_table(path) {
        return None;
    }
    // The folder's tables (as a folder given whole reads them), less those given.
    let given: Vec<&std::ffi::OsStr> = given
        .iter()
        .filter(|g| folder_of(g).as_ref() == Some(&folder))
        .filter_map(|g| g.file_name())
        .collect();
    let others: Vec<String> = list_folder(&folder)
        .ok()?
        .tables
        .iter()
        .filter(|p| names_a_table(p))
        .filter_map(|p| p.file_name())
        .filter(|n| *n != name && !given.contains(n))
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    (!others.is_empty()).then(|| {
        Problem::file(
            Severity::Notice,
            display(path),
            Message::OneTableOfFolder {
                folder: display(&folder),
                others,
            },
        )
    })
}

/// Whether a file is named after a table of the contract (`tarefas.csv`).
fn names_a_table(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| crate::names::TableKind::from_sheet_name(s).is_some())
}

/// Reads one file's bytes: a workbook (any supported form, told by its bytes) or a single
/// CSV table named after the file's stem. `file` is the name used in problems; its
/// extension only breaks ties (a `.tsv` or `.txt` prefers tab as delimiter).
pub fn read_bytes(file: &str, bytes: &[u8], limits: &Limits) -> InputSet {
    read_bytes_within(file, bytes, limits, &table::Budget::new(limits))
}

fn read_bytes_within(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    budget: &table::Budget,
) -> InputSet {
    let mut set = InputSet::default();
    match read_one(file, bytes, limits, budget) {
        // Skipped (successkit's own report): nothing read, the notice says why.
        Ok((tables, problems)) if tables.is_empty() => set.problems.extend(problems),
        Ok((tables, problems)) => {
            set.problems.extend(problems);
            set.sources.push(RawSource {
                file: file.to_string(),
                tables,
            });
        }
        Err(e) => set.problems.push(e.into_problem(file)),
    }
    set
}

fn read_one(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    budget: &table::Budget,
) -> Result<(Vec<RawTable>, Vec<Problem>), ReadError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    match sniff::sniff(file, bytes)? {
        sniff::Sniffed::Zip => {
            let kind = guard::check_zip(bytes, limits.max_inflated_bytes)?;
            // What the run still allows: a reader is stopped before it allocates more.
            let cells = usize::try_from(budget.cells_left()).unwrap_or(usize::MAX);
            match kind {
                guard::ZipKind::Ods => guard::check_ods_repeats(bytes, cells)?,
                guard::ZipKind::Xlsx => {
                    if guard::has_report_mark(bytes) {
                        let notice = Problem::file(Severity::Notice, file, Message::OwnReport);
                        return Ok((Vec::new(), vec![notice]));
                    }
                    guard::check_shared_strings(bytes, cells)?
                }
                guard::ZipKind::Xlsb => {}
            }
            let wb = workbook::read_zip(file, bytes, kind, limits, budget)?;
            Ok((wb.tables, wb.problems))
        }
        sniff::Sniffed::Cfb => {
            let cells = usize::try_from(budget.cells_left()).unwrap_or(usize::MAX);
            guard::check_xls_dimensions(bytes, cells)?;
            let wb = workbook::read_cfb(file, bytes, limits, budget)?;
            Ok((wb.tables, wb.problems))
        }
        sniff::Sniffed::Text => {
            let sheet = Path::new(file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (table, problems) =
                guard::catch(|| csv::read_csv(file, &sheet, bytes, limits, budget))?;
            Ok((table.into_iter().collect(), problems))
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Opens `path` for reading without blocking on a FIFO (whose open waits for a writer):
/// the caller then refuses anything that is not a regular file.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e.to_string()),
    };
    let file = open_regular(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    let size = meta.len();
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit so a file growing while read is still refused.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

fn read_path(path: &Path, limits: &Limits, budget: &table::Budget, set: &mut InputSet) {
    let name = display(path);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            set.problems.push(ReadError::NotFound.into_problem(&name));
            return;
        }
        Err(e) => {
            set.problems
                .push(ReadError::Io(e.to_string()).into_problem(&name));
            return;
        }
    };
    if meta.is_dir() {
        read_folder(path, &name, limits, budget, set);
        return;
    }
    match read_file(path, limits) {
        Ok(bytes) => {
            let read = read_bytes_within(&name, &bytes, limits, budget);
            set.sources.extend(read.sources);
            set.problems.extend(read.problems);
        }
        Err(e) => set.problems.push(e.into_problem(&name)),
    }
}

/// What a folder holds, sorted by file name.
struct Folder {
    tables: Vec<PathBuf>,
    workbooks: Vec<PathBuf>,
}

fn list_folder(path: &Path) -> std::io::Result<Folder> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            // Hidden files and Excel's lock files (`~$book.xlsx`) are not data.
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.') && !n.starts_with("~$"))
        })
        .collect();
    entries.sort();
    let ext = |p: &Path| sniff::extension(&p.to_string_lossy()).unwrap_or_default();
    Ok(Folder {
        tables: entries
            .iter()
            .filter(|p| sniff::TABLE_EXTS.contains(&ext(p).as_str()))
            .cloned()
            .collect(),
        workbooks: entries
            .iter()
            .filter(|p| sniff::WORKBOOK_EXTS.contains(&ext(p).as_str()))
            .cloned()
            .collect(),
    })
}

fn read_folder(
    path: &Path,
    name: &str,
    limits: &Limits,
    budget: &table::Budget,
    set: &mut InputSet,
) {
    let folder = match list_folder(path) {
        Ok(f) => f,
        Err(e) => {
            set.problems
                .push(ReadError::Io(e.to_string()).into_problem(name));
            return;
        }
    };
    // Stray CSV files (an export log, an empty scratch file) next to workbooks must not
    // hide the workbooks: the folder is a CSV folder only when some file is named after a
    // table of the contract.
    if !folder.workbooks.is_empty()
        && !folder.tables.is_empty()
        && !folder.tables.iter().any(|p| names_a_table(p))
    {
        let names: Vec<String> = folder
            .tables
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        set.problems.push(Problem::file(
            Severity::Notice,
            name,
            Message::StrayTables(names),
        ));
        for wb in &folder.workbooks {
            read_path(wb, limits, budget, set);
        }
        return;
    }
    if folder.tables.is_empty() {
        if folder.workbooks.is_empty() {
            set.problems
                .push(ReadError::NothingToRead.into_problem(name));
        }
        for wb in &folder.workbooks {
            read_path(wb, limits, budget, set);
        }
        return;
    }
    if !folder.workbooks.is_empty() {
        set.problems.push(Problem::file(
            Severity::Notice,
            name,
            Message::WorkbooksIgnored(folder.workbooks.len()),
        ));
    }
    let mut source = RawSource {
        file: name.to_string(),
        tables: Vec::new(),
    };
    for table in &folder.tables {
        let file = display(table);
        match read_file(table, limits) {
            Ok(bytes) => {
                let read = read_bytes_within(&file, &bytes, limits, budget);
                set.problems.extend(read.problems);
                source
                    .tables
                    .extend(read.sources.into_iter().flat_map(|s| s.tables));
            }
            Err(e) => set.problems.push(e.into_problem(&file)),
        }
    }
    set.sources.push(source);
}
