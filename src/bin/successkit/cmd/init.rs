//! `successkit init`: write a starter workbook with the contract's sheets, drop-downs and
//! one example engagement, and say what to run next.

use super::{CmdError, Outcome};
use crate::cli::InitArgs;
use chrono::NaiveDate;
use std::path::Path;
use successkit::i18n::CmdText;
use successkit::starter;

pub fn run(args: InitArgs) -> Result<Outcome, CmdError> {
    // The workbook's language, and its messages': `--lang`, else the locale's.
    let lang = crate::cli::message_lang(args.lang);
    let path = args.dir.join(starter::file_name(lang));
    if path.exists() && !args.force {
        return Err(
            CmdError::new(CmdText::AlreadyExists(path.display().to_string()))
                .with_hint(CmdText::InitForceHint),
        );
    }
    let bytes = starter::workbook(lang, creation_date())
        .map_err(|e| CmdError::new(CmdText::Text(e.to_string())))?;
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        CmdError::new(CmdText::CouldNotCreate(
            args.dir.display().to_string(),
            e.to_string(),
        ))
    })?;
    // A temporary file with an unpredictable name, created exclusively beside the
    // target and renamed over it: a link planted at a fixed temporary name is never
    // written through.
    successkit::outdir::write_atomic(&path, &bytes).map_err(|e| {
        CmdError::new(CmdText::CouldNotWrite(
            path.display().to_string(),
            e.to_string(),
        ))
    })?;
    for line in [
        CmdText::InitWrote(path.display().to_string()),
        CmdText::InitSheets,
        CmdText::InitNext(format!("successkit check {}", shell_word(&path))),
    ] {
        println!("{}", line.render(lang));
    }
    Ok(Outcome::Ok)
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else a fixed date: the workbook
/// holds no clock reading either way.
fn creation_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|t| t.date_naive())
        .unwrap_or(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default())
}

/// Quotes a path for the shell when it needs it.
fn shell_word(path: &Path) -> String {
    let s = path.display().to_string();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
