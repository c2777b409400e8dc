//! Every message in English: the stable `message` of `check --format json`, changed only
//! on purpose.

use super::*;

impl Message {
    pub(super) fn english(&self) -> String {
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
            Read(R::TooManyCells { sheet, limit }) => format!(
                "more cells than one run reads ({}, all inputs together{}); check the file, or build the portfolio in parts",
                crate::i18n::format::number(*limit as f64, Some(0), en),
                if sheet.is_empty() { ", as the workbook declares its size" } else { "; reached in this sheet" }
            ),
            Read(R::TooMuchText { limit, .. }) => format!(
                "more text than one run reads ({}, all inputs together; reached in this sheet); check the file, or build the portfolio in parts",
                human(*limit, en)
            ),
            Read(R::TooManyStrings { declared, limit }) => format!(
                "the workbook declares {} distinct texts, more than one run reads ({}); it is damaged or not engagement data",
                crate::i18n::format::number(*declared as f64, Some(0), en),
                crate::i18n::format::number(*limit as f64, Some(0), en)
            ),
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
            Read(R::NothingToRead) => "the folder holds no workbook (.xlsx .xlsm .xlsb .xls .ods) and no CSV table (.csv .tsv .txt); its subfolders are not searched: name each folder to read".into(),
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
            OpenInExcel(lock) => format!(
                "the workbook is open in Excel ({lock} beside it): changes not saved yet are not read"
            ),
            OneTableOfFolder { folder, others } => format!(
                "one table of the CSV folder {folder}: its other tables ({}) are read only when the folder itself is given",
                others.join(", ")
            ),
            OwnReport => "a portfolio report successkit wrote (an output, not engagement data): skipped".into(),
            WorkbooksIgnored(n) => format!("the folder holds CSV tables, so the {n} workbooks in it are ignored; name a workbook on its own to read it"),
            SheetNotInContract => "sheet not in the contract; ignored (expected Engagements, Services, \
                 Stakeholders, Success Metrics, Tasks, Actions or their pt-BR names)".into(),
            NoContractSheet => "none of the contract's sheets found: expected at least an “Engagements” \
                 (pt-BR: “Envolvimentos”) sheet".into(),
            LooksLikeSheet(t) => format!(
                "sheet not in the contract, so its rows are not read: did you mean {}? Rename the sheet",
                t.render(en)
            ),
            NoEngagementsSheet => "no “Engagements” (pt-BR: “Envolvimentos”) sheet: the other sheets' \
                 rows belong to the engagements it lists, so none can be read; add the sheet (in a CSV \
                 folder, engagements.csv), or give the file that holds it too".into(),
            LooksLikeColumn { header, column } => format!(
                "“{header}” is not a column of the contract (kept as a custom field): did you mean {}? \
                 Until it is renamed, that column is read as empty",
                column.render(en)
            ),
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
            MonthFirst(iso) => format!(
                "dates are read day first (dd/mm/yyyy), and this one has no such month: if it was typed month first, write {iso} (or dd/mm/yyyy)"
            ),
            Negative => "must not be negative: expected a whole number ≥ 0".into(),
            NotWhole => "not a whole number: expected a whole number like 25000 or 25.000".into(),
            TooManyLicenses(max) => format!(
                "more licenses than any tenant holds (at most {}): check the number",
                crate::i18n::format::number(*max as f64, Some(0), en)
            ),
            NoFont(chars) => {
                let one = chars.matches("(U+").count() <= 1;
                let (they, them) = if one { ("it is", "it") } else { ("they are", "them") };
                format!(
                    "no font can draw {chars}: {they} left out of the PDF; install a font \
                     that has {them} (Debian: fonts-noto-core, fonts-noto-cjk; emoji: fonts-symbola) or name its \
                     folder with --font-dir"
                )
            }
            NotYesNo => "not yes or no: expected yes or no (sim or não)".into(),
            NotKeyword(k) => k.render(en).into(),
            NotEmail(part) => format!(
                "“{part}” is not an e-mail address: expected name@example.com, several separated by ; or ,"
            ),
            DuplicateId { others, more } => {
                let mut at = others.iter().map(|p| p.render(en)).collect::<Vec<_>>().join(", ");
                if *more > 0 {
                    at.push_str(&format!(
                        " and {} more",
                        crate::i18n::format::number(*more as f64, Some(0), en)
                    ));
                }
                let none = if others.len() + more > 1 { "no copy" } else { "neither copy" };
                format!("Engagement ID used more than once (also at {at}); {none} is used")
            }
            UnknownEngagement { like: None } => "no engagement with this ID in any Engagements sheet".into(),
            UnknownEngagement { like: Some(id) } => format!(
                "no engagement with this ID in any Engagements sheet: did you mean {id}?"
            ),
            EmptyEngagementId => "Engagement ID is empty: expected the ID of a row in Engagements".into(),
            CannotPrepare(dir, e) => format!("cannot prepare {dir}: {e}"),
            CannotWrite(path, e) => format!("cannot write {path}: {e}"),
            CouldNotMake(file, e) => format!("could not make {file}: {e}"),
            RenderPanic(m) => format!("internal error while rendering (please report it): {m}"),
            CannotWriteStamp(dir, e) => format!("cannot write the stamp in {dir}: {e}"),
            EditedKept { file, kept } => format!(
                "{file} was changed after it was built: that version is kept as {kept}, and a new {file} made from the data"
            ),
            FilesNotWritten => "internal error: its files were not written".into(),
            CannotRemove(path, e) => format!("cannot remove {path}: {e}"),
            ReportFile(name, e) => format!("{name}: {e}"),
        }
    }
}
