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

    // --- Sheets and columns ---------------------------------------------------------
    /// A sheet that is not one of the contract's.
    SheetNotInContract,
    /// A source without any of the contract's sheets.
    NoContractSheet,
    /// A required column is missing.
    MissingColumn(Name),
    /// The Engagement ID column is missing where a file holds other than one engagement.
    MissingIdColumn {
        /// The column.
        column: Name,
        /// How many engagements the file holds.
        engagements: usize,
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
    /// A negative number where a whole number ≥ 0 is expected.
    Negative,
    /// Not a whole number.
    NotWhole,
    /// Not yes or no.
    NotYesNo,
    /// Not one of a column's words.
    NotKeyword(Keyword),
    /// Not an e-mail address (the part as written).
    NotEmail(String),

    // --- Linking rows to engagements ------------------------------------------------
    /// An Engagement ID used more than once (the other places).
    DuplicateId(Vec<Place>),
    /// A row naming an engagement that does not exist.
    UnknownEngagement,
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
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
    /// Larger than [`super::Limits::max_file_bytes`].
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
    /// A sheet has more data rows than [`super::Limits::max_rows`].
    TooManyRows {
        /// The sheet's name.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// A workbook with more non-empty cells than [`super::Limits::max_cells`].
    TooManyCells {
        /// The sheet where the limit was reached.
        sheet: String,
    },
    /// A CSV line longer than [`super::Limits::max_csv_line_bytes`].
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

    /// The message in a language.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::PtBr => self.portuguese(),
        }
    }

    fn english(&self) -> String {
        use Message::*;
        use ReadError as R;
        const RESAVE: &str = "open it in Excel or LibreOffice and save it again";
        let en = Lang::En;
        match self {
            Text(s) => s.clone(),
            Read(R::NotFound) => "no such file or folder".into(),
            Read(R::NotAFile) => "not a regular file (a pipe, device or socket); give a workbook or CSV file".into(),
            Read(R::Io(e)) => format!("cannot be read: {e}"),
            Read(R::Empty) => "the file is empty; export the data again".into(),
            Read(R::TooLarge { size, limit }) => format!(
                "the file is {}, over the {} limit; split the data into smaller workbooks",
                human(*size, en),
                human(*limit, en)
            ),
            Read(R::NotASpreadsheet { what }) => format!(
                "this is {}, not a spreadsheet; give the workbook (.xlsx, .xls, .ods) or CSV export instead",
                what.render(en)
            ),
            Read(R::TextAsWorkbook { ext }) => format!(
                "this is plain text, not a {ext} workbook; if it is a CSV export, name it .csv"
            ),
            Read(R::Unsupported { what }) => format!(
                "{} is not supported; open it in Excel and save it as .xlsx",
                what.render(en)
            ),
            Read(R::Encrypted) => "the workbook is password-protected (encrypted); open it in Excel and save a copy without a password".into(),
            Read(R::Corrupt(d)) => format!(
                "the workbook is damaged or truncated ({}); {RESAVE}",
                d.render(en)
            ),
            Read(R::ZipBomb { declared, limit }) => format!(
                "the workbook inflates to {}, over the {} limit (a zip bomb?); it was not read",
                human(*declared, en),
                human(*limit, en)
            ),
            Read(R::LyingHeader) => "a zip member inflates past the size its header declares (a zip bomb or a damaged file); it was not read".into(),
            Read(R::TooManyRows { limit, .. }) => format!(
                "more than {limit} data rows, the limit for one sheet; split the data into smaller files"
            ),
            Read(R::TooManyCells { .. }) => "the file holds more non-empty cells than the limit (reached in this sheet); split the data into smaller files".into(),
            Read(R::LineTooLong { line, limit }) => format!(
                "line {line} is longer than {}, the limit for one CSV line (is this really a CSV table?); it was not read",
                human(*limit as u64, en)
            ),
            Read(R::RecordTooLong { row, limit }) => format!(
                "record {row} is longer than {}, the limit for one CSV record (an unclosed quote?); it was not read",
                human(*limit as u64, en)
            ),
            Read(R::InvalidText { line, byte }) => format!(
                "line {line} holds byte 0x{byte:02X}, which is neither UTF-8 nor Windows-1252 text; save the table from Excel as \"CSV UTF-8\""
            ),
            Read(R::InvalidUtf16) => "the file starts as UTF-16 text but is malformed (truncated?); save the table from Excel again".into(),
            Read(R::Binary) => "this is binary data, not a CSV table; give the workbook or a CSV export instead".into(),
            Read(R::ReaderFailed(d)) => format!(
                "the workbook reader failed on this file ({}); {RESAVE}",
                d.render(en)
            ),
            Read(R::Unreadable(d)) => format!("the workbook cannot be read ({}); {RESAVE}", d.render(en)),
            Read(R::NothingToRead) => "the folder holds no workbook (.xlsx .xlsm .xlsb .xls .ods) and no CSV table (.csv .tsv .txt)".into(),
            Read(R::NoData) => "the workbook holds no data: every sheet is empty".into(),
            Windows1252 => "not UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); if accents look wrong, save the table from Excel as \"CSV UTF-8\"".into(),
            ValuesBeyondColumn { column, max } => format!(
                "values beyond column {column} are ignored (the limit is {max} columns)"
            ),
            ValuesOutsideHeader { first, last } => format!(
                "values outside the header's columns ({first}..{last}) are ignored: give them a header to keep them"
            ),
            StrayTables(names) => match names.as_slice() {
                [one] => format!("{one} is not named after a table of the contract, so it is not read; the folder's workbooks are"),
                _ => format!("{} are not named after tables of the contract, so they are not read; the folder's workbooks are", names.join(", ")),
            },
            WorkbooksIgnored(1) => "the folder holds CSV tables, so the workbook in it is ignored; name the workbook on its own to read it".into(),
            WorkbooksIgnored(n) => format!("the folder holds CSV tables, so the {n} workbooks in it are ignored; name a workbook on its own to read it"),
            SheetNotInContract => "sheet not in the contract; ignored (expected Engagements, Services, \
                 Stakeholders, Success Metrics, Tasks, Actions or their pt-BR names)".into(),
            NoContractSheet => "none of the contract's sheets found: expected at least an “Engagements” \
                 (pt-BR: “Envolvimentos”) sheet".into(),
            MissingColumn(c) => format!(
                "missing column {}: the sheet's rows cannot be read",
                c.render(en)
            ),
            MissingIdColumn { column, engagements } => format!(
                "missing column {}: needed when a file holds {} engagements",
                column.render(en),
                if *engagements == 0 {
                    "no".to_string()
                } else {
                    engagements.to_string()
                }
            ),
            DuplicateColumn { letter, header, first } => format!(
                "column {letter} ({header}) names the same column as “{first}”; only the first is read"
            ),
            ErrorCellRequired(e) => format!("error cell {e}: a value is required here"),
            ErrorCellIgnored(e) => format!("error cell {e}: taken as empty"),
            RequiredEmpty(c) => format!("{} is required but empty", c.render(en)),
            NotADate => "not a date: expected a date like 2024-07-12 or 12/07/2024".into(),
            NoSuchDay => "no such day in the calendar: expected a date like 2024-07-12 or 12/07/2024".into(),
            Negative => "must not be negative: expected a whole number ≥ 0".into(),
            NotWhole => "not a whole number: expected a whole number like 25000 or 25.000".into(),
            NotYesNo => "not yes or no: expected yes or no (sim or não)".into(),
            NotKeyword(k) => k.render(en).into(),
            NotEmail(part) => format!(
                "“{part}” is not an e-mail address: expected name@example.com, several separated by ; or ,"
            ),
            DuplicateId(others) => format!(
                "Engagement ID used more than once (also at {}); neither copy is used",
                others.iter().map(|p| p.render(en)).collect::<Vec<_>>().join(", ")
            ),
            UnknownEngagement => "no engagement with this ID in any Engagements sheet".into(),
            EmptyEngagementId => "Engagement ID is empty: expected the ID of a row in Engagements".into(),
            CannotPrepare(dir, e) => format!("cannot prepare {dir}: {e}"),
            CannotWrite(path, e) => format!("cannot write {path}: {e}"),
            CouldNotMake(file, e) => format!("could not make {file}: {e}"),
            RenderPanic(m) => format!("internal error while rendering (please report it): {m}"),
            CannotWriteStamp(dir, e) => format!("cannot write the stamp in {dir}: {e}"),
            FilesNotWritten => "internal error: its files were not written".into(),
            CannotRemove(path, e) => format!("cannot remove {path}: {e}"),
            ReportFile(name, e) => format!("{name}: {e}"),
        }
    }

    fn portuguese(&self) -> String {
        use Message::*;
        use ReadError as R;
        const RESAVE: &str = "abra no Excel ou no LibreOffice e salve de novo";
        let pt = Lang::PtBr;
        match self {
            Text(s) => s.clone(),
            Read(R::NotFound) => "arquivo ou pasta inexistente".into(),
            Read(R::NotAFile) => "não é um arquivo comum (é um pipe, dispositivo ou socket); informe uma pasta de trabalho ou um arquivo CSV".into(),
            Read(R::Io(e)) => format!("não foi possível ler: {e}"),
            Read(R::Empty) => "o arquivo está vazio; exporte os dados de novo".into(),
            Read(R::TooLarge { size, limit }) => format!(
                "o arquivo tem {}, acima do limite de {}; divida os dados em pastas de trabalho menores",
                human(*size, pt),
                human(*limit, pt)
            ),
            Read(R::NotASpreadsheet { what }) => format!(
                "este arquivo é {}, não uma planilha; use a pasta de trabalho (.xlsx, .xls, .ods) ou a exportação CSV",
                what.render(pt)
            ),
            Read(R::TextAsWorkbook { ext }) => format!(
                "este arquivo é texto simples, não uma pasta de trabalho {ext}; se for uma exportação CSV, mude a extensão para .csv"
            ),
            Read(R::Unsupported { what }) => format!(
                "formato não suportado ({}); abra no Excel e salve como .xlsx",
                what.render(pt)
            ),
            Read(R::Encrypted) => "a pasta de trabalho está protegida por senha (criptografada); abra no Excel e salve uma cópia sem senha".into(),
            Read(R::Corrupt(d)) => format!(
                "a pasta de trabalho está danificada ou incompleta ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::ZipBomb { declared, limit }) => format!(
                "descompactada, a pasta de trabalho chega a {}, acima do limite de {} (uma bomba zip?); ela não foi lida",
                human(*declared, pt),
                human(*limit, pt)
            ),
            Read(R::LyingHeader) => "um item do zip descompacta além do tamanho declarado no cabeçalho (uma bomba zip ou um arquivo danificado); o arquivo não foi lido".into(),
            Read(R::TooManyRows { limit, .. }) => format!(
                "mais de {} linhas de dados, o limite para uma planilha; divida os dados em arquivos menores",
                count(*limit, pt)
            ),
            Read(R::TooManyCells { .. }) => "o arquivo tem mais células preenchidas do que o limite (atingido nesta planilha); divida os dados em arquivos menores".into(),
            Read(R::LineTooLong { line, limit }) => format!(
                "a linha {line} passa de {}, o limite para uma linha de CSV (é mesmo uma tabela CSV?); o arquivo não foi lido",
                human(*limit as u64, pt)
            ),
            Read(R::RecordTooLong { row, limit }) => format!(
                "o registro {row} passa de {}, o limite para um registro de CSV (aspas sem fechamento?); o arquivo não foi lido",
                human(*limit as u64, pt)
            ),
            Read(R::InvalidText { line, byte }) => format!(
                "a linha {line} contém o byte 0x{byte:02X}, que não é texto UTF-8 nem Windows-1252; salve a tabela no Excel como \"CSV UTF-8\""
            ),
            Read(R::InvalidUtf16) => "o arquivo começa como texto UTF-16, mas está malformado (incompleto?); salve a tabela no Excel de novo".into(),
            Read(R::Binary) => "este arquivo contém dados binários, não uma tabela CSV; use a pasta de trabalho ou uma exportação CSV".into(),
            Read(R::ReaderFailed(d)) => format!(
                "o leitor de pastas de trabalho falhou neste arquivo ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::Unreadable(d)) => format!(
                "não foi possível ler a pasta de trabalho ({}); {RESAVE}",
                d.render(pt)
            ),
            Read(R::NothingToRead) => "a pasta não tem nenhuma pasta de trabalho (.xlsx .xlsm .xlsb .xls .ods) nem tabela CSV (.csv .tsv .txt)".into(),
            Read(R::NoData) => "a pasta de trabalho não tem dados: todas as planilhas estão vazias".into(),
            Windows1252 => "não é UTF-8: lido como Windows-1252 (o \"CSV\" do Excel no Windows); se os acentos aparecerem errados, salve a tabela no Excel como \"CSV UTF-8\"".into(),
            ValuesBeyondColumn { column, max } => format!(
                "os valores depois da coluna {column} foram ignorados (o limite é de {max} colunas)"
            ),
            ValuesOutsideHeader { first, last } => format!(
                "os valores fora das colunas do cabeçalho ({first}..{last}) foram ignorados: dê um cabeçalho a essas colunas para mantê-los"
            ),
            StrayTables(names) => match names.as_slice() {
                [one] => format!("{one} não tem o nome de uma tabela do contrato e por isso não é lido; as pastas de trabalho da pasta são lidas"),
                _ => format!("{} não têm o nome de tabelas do contrato e por isso não são lidos; as pastas de trabalho da pasta são lidas", names.join(", ")),
            },
            WorkbooksIgnored(1) => "a pasta tem tabelas CSV, então a pasta de trabalho que está nela foi ignorada; indique a pasta de trabalho sozinha para lê-la".into(),
            WorkbooksIgnored(n) => format!("a pasta tem tabelas CSV, então as {n} pastas de trabalho que estão nela foram ignoradas; indique cada pasta de trabalho sozinha para lê-la"),
            SheetNotInContract => "planilha fora do contrato; ignorada (esperava-se Envolvimentos, Serviços, \
                 Partes Interessadas, Métricas de Sucesso, Tarefas, Ações ou os nomes em inglês)".into(),
            NoContractSheet => "nenhuma planilha do contrato foi encontrada: esperava-se pelo menos a planilha \
                 “Envolvimentos” (em inglês: “Engagements”)".into(),
            MissingColumn(c) => format!(
                "falta a coluna {}: as linhas desta planilha não podem ser lidas",
                c.render(pt)
            ),
            MissingIdColumn { column, engagements } => format!(
                "falta a coluna {}: ela é necessária quando um arquivo tem {}",
                column.render(pt),
                match engagements {
                    0 => "nenhum envolvimento".to_string(),
                    1 => "1 envolvimento".to_string(),
                    n => format!("{n} envolvimentos"),
                }
            ),
            DuplicateColumn { letter, header, first } => format!(
                "a coluna {letter} ({header}) repete a coluna “{first}”; só a primeira é lida"
            ),
            ErrorCellRequired(e) => format!("célula com erro {e}: este campo é obrigatório"),
            ErrorCellIgnored(e) => format!("célula com erro {e}: considerada vazia"),
            RequiredEmpty(c) => format!("o campo {} é obrigatório, mas está vazio", c.render(pt)),
            NotADate => "não é uma data: esperava-se uma data como 12/07/2024 ou 2024-07-12".into(),
            NoSuchDay => "esse dia não existe no calendário: esperava-se uma data como 12/07/2024 ou 2024-07-12".into(),
            Negative => "não pode ser negativo: esperava-se um número inteiro ≥ 0".into(),
            NotWhole => "não é um número inteiro: esperava-se um número inteiro como 25000 ou 25.000".into(),
            NotYesNo => "não é sim nem não: esperava-se sim ou não (yes ou no)".into(),
            NotKeyword(k) => k.render(pt).into(),
            NotEmail(part) => format!(
                "“{part}” não é um endereço de e-mail: esperava-se nome@exemplo.com.br, vários separados por ; ou ,"
            ),
            DuplicateId(others) => format!(
                "ID do Envolvimento usado mais de uma vez (também em {}); nenhuma das cópias é usada",
                others.iter().map(|p| p.render(pt)).collect::<Vec<_>>().join(", ")
            ),
            UnknownEngagement => "não há envolvimento com este ID em nenhuma planilha Envolvimentos".into(),
            EmptyEngagementId => "o ID do Envolvimento está vazio: esperava-se o ID de uma linha de Envolvimentos".into(),
            CannotPrepare(dir, e) => format!("não foi possível preparar {dir}: {e}"),
            CannotWrite(path, e) => format!("não foi possível gravar {path}: {e}"),
            CouldNotMake(file, e) => format!("não foi possível gerar {file}: {e}"),
            RenderPanic(m) => format!("erro interno ao gerar os documentos (por favor, informe): {m}"),
            CannotWriteStamp(dir, e) => format!("não foi possível gravar o carimbo em {dir}: {e}"),
            FilesNotWritten => "erro interno: os arquivos deste envolvimento não foram gravados".into(),
            CannotRemove(path, e) => format!("não foi possível remover {path}: {e}"),
            ReportFile(name, e) => format!("não foi possível gerar {name}: {e}"),
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
            SheetNotInContract,
            NoContractSheet,
            MissingColumn(name),
            MissingIdColumn {
                column: name,
                engagements: 0,
            },
            MissingIdColumn {
                column: name,
                engagements: 2,
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
            Negative,
            NotWhole,
            NotYesNo,
            NotEmail("a@".into()),
            DuplicateId(vec![place]),
            UnknownEngagement,
            EmptyEngagementId,
            CannotPrepare("out/e1".into(), "denied".into()),
            CannotWrite("out/e1/a.pdf".into(), "denied".into()),
            CouldNotMake("a.pdf".into(), "x".into()),
            RenderPanic("boom".into()),
            CannotWriteStamp("out/e1".into(), "denied".into()),
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

/// The fixed words `check` and `build` print around problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    /// Severity `error`.
    Error,
    /// Severity `warning`.
    Warning,
    /// Severity `notice`.
    Notice,
    /// Table header: severity.
    HeadSeverity,
    /// Table header: place.
    HeadPlace,
    /// Table header: column.
    HeadColumn,
    /// Table header: value.
    HeadValue,
    /// Table header: message.
    HeadMessage,
    /// `row`, in a place.
    Row,
    /// `engagement`, in a one-line problem.
    Engagement,
    /// Under a table that cut cells.
    CutHint,
    /// The `hint:` prefix.
    Hint,
    /// `build` read no engagement.
    NothingBuilt,
    /// What to run when nothing was built.
    CheckHint,
    /// The prefix of the report's paths and errors.
    PortfolioReport,
}

impl Ui {
    /// The words in a language.
    pub fn text(self, lang: Lang) -> &'static str {
        use Ui::*;
        let (en, pt) = match self {
            Error => ("error", "erro"),
            Warning => ("warning", "aviso"),
            Notice => ("notice", "observação"),
            HeadSeverity => ("severity", "gravidade"),
            HeadPlace => ("place", "local"),
            HeadColumn => ("column", "coluna"),
            HeadValue => ("value", "valor"),
            HeadMessage => ("message", "mensagem"),
            Row => ("row", "linha"),
            Engagement => ("engagement", "envolvimento"),
            CutHint => (
                "(long columns and values are cut with …; `successkit check --format json` shows them whole)",
                "(colunas e valores longos são cortados com …; `successkit check --format json` os mostra por inteiro)",
            ),
            Hint => ("hint", "dica"),
            NothingBuilt => (
                "no engagement could be read; nothing was built",
                "nenhum envolvimento pôde ser lido; nada foi gerado",
            ),
            CheckHint => (
                "`successkit check INPUT` lists what is wrong with each file",
                "`successkit check INPUT` lista o que está errado em cada arquivo",
            ),
            PortfolioReport => ("portfolio report", "relatório do portfólio"),
        };
        match lang {
            Lang::En => en,
            Lang::PtBr => pt,
        }
    }

    /// Every word, for tests.
    pub const ALL: [Ui; 15] = [
        Ui::Error,
        Ui::Warning,
        Ui::Notice,
        Ui::HeadSeverity,
        Ui::HeadPlace,
        Ui::HeadColumn,
        Ui::HeadValue,
        Ui::HeadMessage,
        Ui::Row,
        Ui::Engagement,
        Ui::CutHint,
        Ui::Hint,
        Ui::NothingBuilt,
        Ui::CheckHint,
        Ui::PortfolioReport,
    ];

    /// `check`'s summary: `2 engagements ready, 1 failed; 3 errors, 1 warning` (and
    /// `, 2 notices` when there are any).
    pub fn check_summary(
        lang: Lang,
        ready: usize,
        failed: usize,
        errors: usize,
        warnings: usize,
        notices: usize,
    ) -> String {
        let p =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = match lang {
            Lang::En => format!(
                "{} ready, {failed} failed; {}, {}",
                p(ready, "engagement", "engagements"),
                p(errors, "error", "errors"),
                p(warnings, "warning", "warnings"),
            ),
            Lang::PtBr => format!(
                "{}, {failed} com falha; {}, {}",
                p(ready, "envolvimento pronto", "envolvimentos prontos"),
                p(errors, "erro", "erros"),
                p(warnings, "aviso", "avisos"),
            ),
        };
        if notices > 0 {
            s.push_str(", ");
            s.push_str(&match lang {
                Lang::En => p(notices, "notice", "notices"),
                Lang::PtBr => p(notices, "observação", "observações"),
            });
        }
        s
    }

    /// `build`'s summary: `12 engagements ready (3 rendered, 9 unchanged), 1 failed;
    /// 12 files written to out in 2.4 s`.
    pub fn build_summary(
        lang: Lang,
        (ok, skipped, failed): (usize, usize, usize),
        files: usize,
        out: &str,
        seconds: f64,
    ) -> String {
        let ready = ok + skipped;
        let s = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        match lang {
            Lang::En => format!(
                "{ready} {} ready ({ok} rendered, {skipped} unchanged), {failed} failed; \
                 {files} {} written to {out} in {seconds:.1} s",
                s(ready, "engagement", "engagements"),
                s(files, "file", "files"),
            ),
            Lang::PtBr => format!(
                "{ready} {} ({ok} {}, {skipped} sem alteração), {failed} com falha; \
                 {files} {} em {out} em {} s",
                s(ready, "envolvimento pronto", "envolvimentos prontos"),
                s(ok, "gerado", "gerados"),
                s(files, "arquivo gravado", "arquivos gravados"),
                format!("{seconds:.1}").replace('.', ","),
            ),
        }
    }

    /// `build --templates DIR` names a file no template, font or logo uses.
    pub fn unused_override(lang: Lang, path: &str) -> String {
        match lang {
            Lang::En => format!(
                "warning: {path} is not used: no template, theme font or logo has that name"
            ),
            Lang::PtBr => format!(
                "aviso: {path} não é usado: nenhum modelo, fonte do tema ou logotipo tem esse nome"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
