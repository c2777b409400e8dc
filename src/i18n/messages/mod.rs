//! Every problem message, and the words `check` and `build` print around them, in English
//! and Brazilian Portuguese.
//!
//! The English wording is the `message` of `check --format json`: scripts may match it,
//! so it changes only on purpose (the snapshots in `tests/` hold it). The Portuguese one
//! is written for an FM in Brazil, in the contract's own terms (Envolvimentos, planilha,
//! linha, coluna).

use super::Lang;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The most other places a duplicated Engagement ID's message lists.
pub const DUPLICATE_PLACES_SHOWN: usize = 3;

mod english;
mod portuguese;
mod ui;

pub use ui::Ui;

/// A contract name in both languages (a column or a sheet), shown as
/// `“Task ID” (pt-BR: “ID da Tarefa”)` in English and `“ID da Tarefa” (em inglês:
/// “Task ID”)` in Portuguese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// The English name.
    pub en: &'static str,
    /// The pt-BR name.
    pub pt: &'static str,
}

impl Name {
    fn render(&self, lang: Lang) -> String {
        match lang {
            _ if self.en == self.pt => format!("“{}”", self.en),
            Lang::En => format!("“{}” (pt-BR: “{}”)", self.en, self.pt),
            Lang::PtBr => format!("“{}” (em inglês: “{}”)", self.pt, self.en),
        }
    }
}

/// A row of a sheet, for messages that point at another place: `book.xlsx › Engagements ›
/// row 3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: String,
    /// The sheet as written.
    pub sheet: String,
    /// The row as the spreadsheet shows it.
    pub row: u64,
}

impl Place {
    fn render(&self, lang: Lang) -> String {
        format!(
            "{} › {} › {} {}",
            self.file,
            self.sheet,
            Ui::Row.text(lang),
            self.row
        )
    }
}

/// What a file really is when it is not a spreadsheet (or is one successkit does not
/// read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Rtf,
    Gzip,
    SevenZip,
    Rar,
    Html,
    Xml,
    OdfText,
    OdfPresentation,
    Epub,
    Word,
    PowerPoint,
    ZipWithoutWorkbook,
    Word97,
    PowerPoint97,
    OleWithoutWorkbook,
    UnknownBinary,
    /// An Excel 2003 XML spreadsheet (a format successkit does not read).
    Excel2003Xml,
}

impl FileKind {
    fn render(self, lang: Lang) -> &'static str {
        use FileKind::*;
        let (en, pt) = match self {
            Pdf => ("a PDF document", "um documento PDF"),
            Png => ("a PNG image", "uma imagem PNG"),
            Jpeg => ("a JPEG image", "uma imagem JPEG"),
            Gif => ("a GIF image", "uma imagem GIF"),
            Rtf => ("an RTF document", "um documento RTF"),
            Gzip => ("a gzip archive", "um arquivo compactado gzip"),
            SevenZip => ("a 7-Zip archive", "um arquivo compactado 7-Zip"),
            Rar => ("a RAR archive", "um arquivo compactado RAR"),
            Html => (
                "an HTML page (a web export?)",
                "uma página HTML (exportada da web?)",
            ),
            Xml => ("an XML document", "um documento XML"),
            OdfText => (
                "an OpenDocument text document",
                "um documento de texto OpenDocument",
            ),
            OdfPresentation => (
                "an OpenDocument presentation",
                "uma apresentação OpenDocument",
            ),
            Epub => ("an EPUB book", "um livro EPUB"),
            Word => ("a Word document", "um documento do Word"),
            PowerPoint => (
                "a PowerPoint presentation",
                "uma apresentação do PowerPoint",
            ),
            ZipWithoutWorkbook => (
                "a zip archive holding no workbook",
                "um arquivo zip sem nenhuma pasta de trabalho",
            ),
            Word97 => ("a Word 97-2003 document", "um documento do Word 97-2003"),
            PowerPoint97 => (
                "a PowerPoint 97-2003 presentation",
                "uma apresentação do PowerPoint 97-2003",
            ),
            OleWithoutWorkbook => (
                "an OLE compound file holding no workbook",
                "um arquivo composto OLE sem nenhuma pasta de trabalho",
            ),
            UnknownBinary => ("an unknown binary file", "um arquivo binário desconhecido"),
            Excel2003Xml => (
                "an Excel 2003 XML spreadsheet",
                "uma planilha XML do Excel 2003",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::PtBr => pt,
        }
    }
}

/// Why a workbook reader gave up, in parentheses after the message. Our own findings are
/// worded per language; a third-party reader's text ([`Detail::Raw`]) is kept as it said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// The end of central directory record is missing.
    ZipCutShort,
    /// The zip directory is unreadable (the zip crate's reason).
    ZipDirectory(String),
    /// One zip entry is unreadable (its index and the zip crate's reason).
    ZipEntry(usize, String),
    /// The first bytes look like a zip but are not one.
    ZipHeader,
    /// The CSV reader refused a record (its number and the reason).
    CsvRecord(u64, String),
    /// The reader panicked (the panic's message).
    Internal(String),
    /// A reader's own words.
    Raw(String),
    /// An ODS's `content.xml` ends inside a table (cut short or damaged).
    OdsTableUnclosed,
}

impl Detail {
    fn render(&self, lang: Lang) -> String {
        let pt = lang == Lang::PtBr;
        match self {
            Detail::ZipCutShort if pt => "falta o diretório zip no final do arquivo".into(),
            Detail::ZipCutShort => {
                "it is cut short: the zip directory at its end is missing".into()
            }
            Detail::ZipDirectory(e) if pt => format!("o diretório zip não pode ser lido: {e}"),
            Detail::ZipDirectory(e) => format!("its zip directory cannot be read: {e}"),
            Detail::ZipEntry(i, e) if pt => format!("entrada zip {i}: {e}"),
            Detail::ZipEntry(i, e) => format!("zip entry {i}: {e}"),
            Detail::ZipHeader if pt => "o cabeçalho zip está danificado".into(),
            Detail::ZipHeader => "the zip header is damaged".into(),
            Detail::OdsTableUnclosed if pt => "o content.xml termina dentro de uma tabela".into(),
            Detail::OdsTableUnclosed => "its content.xml ends inside a table".into(),
            Detail::CsvRecord(n, e) if pt => format!("registro CSV {n}: {e}"),
            Detail::CsvRecord(n, e) => format!("CSV record {n}: {e}"),
            Detail::Internal(m) if pt => format!("erro interno: {m}"),
            Detail::Internal(m) => format!("internal error: {m}"),
            Detail::Raw(s) => s.clone(),
        }
    }
}

/// A column holding words from a fixed list; its message says what was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Segment: Enterprise, SMC, SMB.
    Segment,
    /// Language: en, pt-BR.
    Language,
    /// Check-in cadence.
    Cadence,
    /// An SSAT success factor's status.
    Factor,
    /// A task's or action's status.
    Work,
    /// The Required column: M or O.
    Required,
}

impl Keyword {
    /// Every keyword column kind.
    pub const ALL: [Keyword; 6] = [
        Keyword::Segment,
        Keyword::Language,
        Keyword::Cadence,
        Keyword::Factor,
        Keyword::Work,
        Keyword::Required,
    ];

    fn render(self, lang: Lang) -> &'static str {
        use Keyword::*;
        match (self, lang) {
            (Segment, Lang::En) => "not a segment: expected Enterprise, SMC or SMB",
            (Segment, Lang::PtBr) => "não é um segmento: esperava-se Enterprise, SMC ou SMB",
            (Language, Lang::En) => "not a language: expected en or pt-BR",
            (Language, Lang::PtBr) => "não é um idioma: esperava-se en ou pt-BR",
            (Cadence, Lang::En) => {
                "not a cadence: expected weekly, biweekly or monthly (semanal, quinzenal, mensal)"
            }
            (Cadence, Lang::PtBr) => {
                "não é uma cadência: esperava-se semanal, quinzenal ou mensal (weekly, biweekly, monthly)"
            }
            (Factor, Lang::En) => {
                "not an SSAT status: expected Done, In progress, Not started or N/A \
                 (Concluído, Em andamento, Não iniciado, N/D)"
            }
            (Factor, Lang::PtBr) => {
                "não é um status SSAT: esperava-se Concluído, Em andamento, Não iniciado ou N/D \
                 (Done, In progress, Not started, N/A)"
            }
            (Work, Lang::En) => {
                "not a task status: expected Not started, In progress, Completed, Blocked or N/A \
                 (Não iniciada, Em andamento, Concluída, Bloqueada, N/D)"
            }
            (Work, Lang::PtBr) => {
                "não é um status de tarefa: esperava-se Não iniciada, Em andamento, Concluída, \
                 Bloqueada ou N/D (Not started, In progress, Completed, Blocked, N/A)"
            }
            (Required, Lang::En) => {
                "not M or O: expected M (mandatory, Obrigatório) or O (optional, Opcional)"
            }
            (Required, Lang::PtBr) => {
                "não é M nem O: esperava-se M (obrigatória, Mandatory) ou O (opcional, Optional)"
            }
        }
    }
}

/// What is wrong, with its arguments: one variant per problem message.
///
/// Shown in English by [`Message::en`] (and `Display`, and as a JSON string), in any
/// language by [`Message::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Text from outside the catalogue (a template engine's error, say), shown as given in
    /// every language.
    Text(String),

    // --- Reading files --------------------------------------------------------------
    /// A whole file (or one sheet of it) could not be read.
    Read(ReadError),
    /// A CSV table read as Windows-1252.
    Windows1252,
    /// Values right of the column limit (the last column read, the limit).
    ValuesBeyondColumn {
        /// The last column read (`SR`).
        column: String,
        /// The limit in columns.
        max: usize,
    },
    /// Values left or right of the header's columns.
    ValuesOutsideHeader {
        /// First header column (`A`).
        first: String,
        /// Last header column.
        last: String,
    },
    /// CSV files beside workbooks not named after a table (their names).
    StrayTables(Vec<String>),
    /// Workbooks in a CSV folder (how many).
    WorkbooksIgnored(usize),
    /// A portfolio report successkit wrote (an output, skipped as input).
    OwnReport,
    /// Excel's lock file beside a workbook (its name): the workbook is open.
    OpenInExcel(String),
    /// A CSV table given alone while its folder holds other tables of the contract.
    OneTableOfFolder {
        /// The folder, as the user would name it.
        folder: String,
        /// The other tables' file names.
        others: Vec<String>,
    },

    // --- Sheets and columns ---------------------------------------------------------
    /// A sheet that is not one of the contract's.
    SheetNotInContract,
    /// A source without any of the contract's sheets.
    NoContractSheet,
    /// A sheet not in the contract whose name resembles a table the file lacks (that
    /// table's name): its rows are not read.
    LooksLikeSheet(Name),
    /// Contract sheets but no Engagements sheet anywhere in the input: no row of the
    /// others can be linked (one error, not one per row).
    NoEngagementsSheet,
    /// A required column is missing.
    MissingColumn(Name),
    /// The Engagement ID column is missing where a file holds other than one engagement.
    MissingIdColumn {
        /// The column.
        column: Name,
        /// How many engagements the file holds.
        engagements: usize,
    },
    /// A header not in the contract that resembles a column the sheet lacks: kept as a
    /// custom field, but that column's values are not read from it.
    LooksLikeColumn {
        /// The header as written.
        header: String,
        /// The column it resembles.
        column: Name,
    },
    /// A header naming a column already matched.
    DuplicateColumn {
        /// Its column letter.
        letter: String,
        /// Its header as written.
        header: String,
        /// The first header naming that column.
        first: String,
    },

    // --- Cells ----------------------------------------------------------------------
    /// An error cell (`#N/A`) where a value is required.
    ErrorCellRequired(String),
    /// An error cell taken as empty.
    ErrorCellIgnored(String),
    /// A required value is empty.
    RequiredEmpty(Name),
    /// Not a date.
    NotADate,
    /// A date form, but no such day.
    NoSuchDay,
    /// A date typed month first (`07/13/2024`): the date it would be, in ISO form.
    MonthFirst(String),
    /// A negative number where a whole number ≥ 0 is expected.
    Negative,
    /// Not a whole number.
    NotWhole,
    /// A Licenses value no tenant comes near (the limit): a typo, and sums over it would
    /// be meaningless.
    TooManyLicenses(u64),
    /// Not yes or no.
    NotYesNo,
    /// Not one of a column's words.
    NotKeyword(Keyword),
    /// Not an e-mail address (the part as written).
    NotEmail(String),
    /// Characters no available font can draw (they are left out of the PDF).
    NoFont(String),

    // --- Linking rows to engagements ------------------------------------------------
    /// An Engagement ID used more than once: the first few other places (at most
    /// [`DUPLICATE_PLACES_SHOWN`]) and how many more there are, so the messages of an ID
    /// used thousands of times stay short (listing every place in every message would be
    /// quadratic in time and memory).
    DuplicateId {
        /// The first other places, in input order.
        others: Vec<Place>,
        /// How many further places are not listed.
        more: usize,
    },
    /// A row naming an engagement that does not exist, and the ID it resembles, if one
    /// does (`ENG-101` for `ENG-1001`).
    UnknownEngagement {
        /// The known ID closest to it.
        like: Option<String>,
    },
    /// A row with an empty Engagement ID where the file holds several.
    EmptyEngagementId,

    // --- Building -------------------------------------------------------------------
    /// The engagement's folder could not be made (the folder, the reason).
    CannotPrepare(String, String),
    /// A file could not be written (the path, the reason).
    CannotWrite(String, String),
    /// A document could not be made (its file name, the reason).
    CouldNotMake(String, String),
    /// Rendering panicked (the panic's message).
    RenderPanic(String),
    /// The stamp could not be written (the folder, the reason).
    CannotWriteStamp(String, String),
    /// A document changed since it was built, kept under a new name before a new one was
    /// made (its file name, the name it is kept under).
    EditedKept {
        /// The document's file name.
        file: String,
        /// The name the changed version now has.
        kept: String,
    },
    /// The I/O threads never reported on the engagement's files.
    FilesNotWritten,
    /// A file could not be removed (the path, the reason).
    CannotRemove(String, String),
    /// One file of the portfolio report could not be made (its name, the reason).
    ReportFile(String, String),
}

/// A size as people read it: `200 MB`, `1.5 GB` (`1,5 GB` in Portuguese), `12 bytes`.
fn human(bytes: u64, lang: Lang) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b >= K * K * K {
        (b / (K * K * K), "GB")
    } else if b >= K * K {
        (b / (K * K), "MB")
    } else if b >= K {
        (b / K, "KB")
    } else {
        return format!("{bytes} bytes");
    };
    let s = if value.fract() == 0.0 || value >= 10.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    };
    match lang {
        Lang::En => s,
        Lang::PtBr => s.replace('.', ","),
    }
}

/// A count as the language writes it: `1000000`, `1.000.000`.
fn count(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    if lang == Lang::En {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A reason a whole file (or one sheet of it) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The path does not exist.
    NotFound,
    /// A pipe, device or socket where a file was expected.
    NotAFile,
    /// The operating system refused to read it.
    Io(String),
    /// Zero bytes (or only a byte-order mark).
    Empty,
    /// Larger than [`Limits::max_file_bytes`](crate::input::Limits::max_file_bytes).
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A known non-spreadsheet file type (`what` says which).
    NotASpreadsheet {
        /// What the file really is (a PDF document, …).
        what: FileKind,
    },
    /// Text under a workbook extension.
    TextAsWorkbook {
        /// The extension used, with its dot.
        ext: String,
    },
    /// A spreadsheet format successkit does not read.
    Unsupported {
        /// What it is.
        what: FileKind,
    },
    /// A password-protected (encrypted) workbook.
    Encrypted,
    /// A damaged or truncated workbook.
    Corrupt(Detail),
    /// The declared inflated size of the members is over the limit.
    ZipBomb {
        /// Declared total inflated bytes.
        declared: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A member inflates past the size its zip header declares.
    LyingHeader,
    /// A sheet has more data rows than [`Limits::max_rows`](crate::input::Limits::max_rows).
    TooManyRows {
        /// The sheet's name.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// More cells than a run keeps (`Limits::max_cells`, all inputs together), or a
    /// workbook declaring more.
    TooManyCells {
        /// The sheet where the limit was reached (empty when the workbook's own
        /// declaration is refused before any sheet is read).
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// More text than a run keeps (`Limits::max_text_bytes`, all inputs together).
    TooMuchText {
        /// The sheet where the limit was reached.
        sheet: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// An xlsx whose shared-strings table declares more strings than a run keeps cells.
    TooManyStrings {
        /// The count it declares.
        declared: u64,
        /// The limit.
        limit: usize,
    },
    /// A CSV line longer than [`Limits::max_csv_line_bytes`](crate::input::Limits::max_csv_line_bytes).
    LineTooLong {
        /// The physical line number (1-based).
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// A CSV record (quoted fields may span lines) longer than the limit.
    RecordTooLong {
        /// The record's row number.
        row: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// Bytes that are neither UTF-8 nor plausible Windows-1252.
    InvalidText {
        /// The physical line number (1-based).
        line: u64,
        /// The first offending byte.
        byte: u8,
    },
    /// Malformed UTF-16 (an unpaired surrogate or an odd byte count).
    InvalidUtf16,
    /// NUL bytes and no UTF-16 pattern: not a text file.
    Binary,
    /// The third-party reader panicked.
    ReaderFailed(Detail),
    /// The workbook reader refused it for another reason.
    Unreadable(Detail),
    /// A folder holding nothing successkit reads.
    NothingToRead,
    /// A workbook with no non-empty sheet.
    NoData,
}

impl std::fmt::Display for ReadError {
    /// The English message (see [`Message`] for every language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Message::Read(self.clone()).en())
    }
}

impl std::error::Error for ReadError {}

impl From<ReadError> for Message {
    fn from(e: ReadError) -> Message {
        Message::Read(e)
    }
}

impl Message {
    /// The message in English: the stable `message` of `check --format json`.
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }

    /// The message in a language: always one line. A value quoted in it (a cell holding
    /// a line break or a tab) has its control characters shown as spaces, so a problem
    /// never spills over several lines of a report or a log.
    pub fn render(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::En => self.english(),
            Lang::PtBr => self.portuguese(),
        };
        if text.chars().any(char::is_control) {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        } else {
            text
        }
    }

    /// One example of every variant (for tests: each must read well in every language).
    pub fn examples() -> Vec<Message> {
        use Message::*;
        use ReadError as R;
        let name = Name {
            en: "Task ID",
            pt: "ID da Tarefa",
        };
        let place = Place {
            file: "a.xlsx".into(),
            sheet: "Engagements".into(),
            row: 3,
        };
        let read = [
            R::NotFound,
            R::NotAFile,
            R::Io("denied".into()),
            R::Empty,
            R::TooLarge {
                size: 300 << 20,
                limit: 200 << 20,
            },
            R::NotASpreadsheet {
                what: FileKind::Pdf,
            },
            R::TextAsWorkbook {
                ext: ".xlsx".into(),
            },
            R::Unsupported {
                what: FileKind::Excel2003Xml,
            },
            R::Encrypted,
            R::Corrupt(Detail::ZipCutShort),
            R::ZipBomb {
                declared: 5 << 30,
                limit: 1 << 30,
            },
            R::LyingHeader,
            R::TooManyRows {
                sheet: "Tasks".into(),
                limit: 1_000_000,
            },
            R::TooManyCells {
                sheet: "Tasks".into(),
                limit: 2_000_000,
            },
            R::TooMuchText {
                sheet: "Tasks".into(),
                limit: 256 << 20,
            },
            R::TooManyStrings {
                declared: 3_000_000_000,
                limit: 2_000_000,
            },
            R::LineTooLong {
                line: 3,
                limit: 1 << 20,
            },
            R::RecordTooLong {
                row: 3,
                limit: 1 << 20,
            },
            R::InvalidText {
                line: 2,
                byte: 0x81,
            },
            R::InvalidUtf16,
            R::Binary,
            R::ReaderFailed(Detail::Internal("boom".into())),
            R::Unreadable(Detail::CsvRecord(4, "x".into())),
            R::NothingToRead,
            R::NoData,
        ];
        let mut all: Vec<Message> = read.into_iter().map(Read).collect();
        all.extend([
            Windows1252,
            ValuesBeyondColumn {
                column: "SR".into(),
                max: 512,
            },
            ValuesOutsideHeader {
                first: "A".into(),
                last: "C".into(),
            },
            StrayTables(vec!["log.csv".into()]),
            StrayTables(vec!["a.csv".into(), "b.csv".into()]),
            WorkbooksIgnored(1),
            WorkbooksIgnored(2),
            OwnReport,
            OpenInExcel("~$book.xlsx".into()),
            OneTableOfFolder {
                folder: "export".into(),
                others: vec!["services.csv".into(), "tasks.csv".into()],
            },
            SheetNotInContract,
            NoContractSheet,
            LooksLikeSheet(name),
            NoEngagementsSheet,
            MissingColumn(name),
            MissingIdColumn {
                column: name,
                engagements: 0,
            },
            MissingIdColumn {
                column: name,
                engagements: 2,
            },
            LooksLikeColumn {
                header: "Staus".into(),
                column: name,
            },
            DuplicateColumn {
                letter: "C".into(),
                header: "Cliente".into(),
                first: "Customer".into(),
            },
            ErrorCellRequired("#N/A".into()),
            ErrorCellIgnored("#N/A".into()),
            RequiredEmpty(name),
            NotADate,
            NoSuchDay,
            MonthFirst("2024-07-13".into()),
            Negative,
            NotWhole,
            TooManyLicenses(100_000_000),
            NotYesNo,
            NotEmail("a@".into()),
            NoFont("🚀 ✈".into()),
            DuplicateId {
                others: vec![place],
                more: 2,
            },
            UnknownEngagement { like: None },
            UnknownEngagement {
                like: Some("ENG-1001".into()),
            },
            EmptyEngagementId,
            CannotPrepare("out/e1".into(), "denied".into()),
            CannotWrite("out/e1/a.pdf".into(), "denied".into()),
            CouldNotMake("a.pdf".into(), "x".into()),
            RenderPanic("boom".into()),
            CannotWriteStamp("out/e1".into(), "denied".into()),
            EditedKept {
                file: "success-plan.docx".into(),
                kept: "success-plan.edited.docx".into(),
            },
            FilesNotWritten,
            CannotRemove(".successkit-hash".into(), "denied".into()),
            ReportFile("portfolio.pdf".into(), "x".into()),
        ]);
        all.extend(Keyword::ALL.map(NotKeyword));
        all
    }
}

impl fmt::Display for Message {
    /// The English wording.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Text(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Self {
        Message::Text(s.to_string())
    }
}

impl Serialize for Message {
    /// As its English wording: the stable `message` field.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en())
    }
}

impl<'de> Deserialize<'de> for Message {
    /// A message read back (from a manifest, say) is its English text.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Message::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_with_a_line_break_still_gives_a_one_line_message() {
        // Found by the stable fuzz run (examples/fuzz_stable.rs): a cell value quoted in
        // its message carried its line break into the report.
        let m = Message::NotEmail("maria@example.co\nm\t".into());
        for lang in [Lang::En, Lang::PtBr] {
            let text = m.render(lang);
            assert!(!text.chars().any(char::is_control), "{text:?}");
            assert!(text.contains("maria@example.co m"), "{text}");
        }
    }

    #[test]
    fn every_message_reads_in_both_languages_and_differs() {
        for m in Message::examples() {
            let en = m.render(Lang::En);
            let pt = m.render(Lang::PtBr);
            assert!(!en.trim().is_empty(), "{m:?}");
            assert!(!pt.trim().is_empty(), "{m:?}");
            assert_ne!(en, pt, "{m:?} is not translated");
            assert_eq!(m.to_string(), en);
        }
        for u in Ui::ALL {
            assert!(!u.text(Lang::PtBr).is_empty());
            assert_ne!(u.text(Lang::En), u.text(Lang::PtBr), "{u:?}");
        }
        // Free text from outside the catalogue is kept as given.
        let t = Message::from("template error");
        assert_eq!(t.render(Lang::PtBr), "template error");
    }

    #[test]
    fn names_lead_with_the_reader_s_language() {
        let n = Name {
            en: "Customer",
            pt: "Cliente",
        };
        assert_eq!(
            Message::RequiredEmpty(n).en(),
            "“Customer” (pt-BR: “Cliente”) is required but empty"
        );
        assert_eq!(
            Message::RequiredEmpty(n).render(Lang::PtBr),
            "o campo “Cliente” (em inglês: “Customer”) é obrigatório, mas está vazio"
        );
    }

    #[test]
    fn numbers_in_portuguese() {
        assert_eq!(human(1536 << 20, Lang::PtBr), "1,5 GB");
        assert_eq!(count(1_000_000, Lang::PtBr), "1.000.000");
        assert_eq!(
            Ui::check_summary(Lang::PtBr, 1, 0, 1, 2, 1),
            "1 envolvimento pronto, 0 com falha; 1 erro, 2 avisos, 1 observação"
        );
    }
}
