//! `successkit check`: read and validate engagement data, list every problem with its
//! place, and say in the exit code whether every engagement is ready. Problems are
//! printed in the language of `--lang`, else of the locale, else English.

use super::{CmdError, Outcome};
use crate::cli::{message_lang, CheckArgs, Format};
use std::io::{IsTerminal, Write};
use successkit::i18n::CmdText;
use successkit::input::{read_inputs, Limits};
use successkit::model::{self, report};
use successkit::output::pdf::PdfWriter;
use successkit::template::Templates;

pub fn run(args: CheckArgs) -> Result<Outcome, CmdError> {
    let lang = message_lang(args.lang);
    let input = read_inputs(&args.inputs, &Limits::default());
    let mut loaded = model::load(&input);
    // Characters no font can draw: the built-in theme's fonts, its fallbacks and --font-dir.
    let templates = Templates::new(None)
        .map_err(|e| CmdError::new(CmdText::Text(e.to_string())))?
        .with_font_dirs(&args.font_dir);
    let pdf = PdfWriter::new(templates.theme(), templates.assets())
        .map_err(|e| CmdError::new(CmdText::Text(e.to_string())))?;
    let fonts = successkit::kit::fonts::font_problems(&pdf, &loaded.engagements);
    loaded.problems.extend(fonts);
    let written = match args.format {
        // Streamed: the document is never held whole.
        Format::Json => report::write_json(&loaded, args.lang, lang, std::io::stdout().lock())
            .map_err(|e| match e.io_error_kind() {
                Some(kind) => std::io::Error::from(kind),
                None => std::io::Error::other(e.to_string()),
            }),
        Format::Text => {
            let text = report::render_text(&loaded, color_wanted(), lang);
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
        }
    };
    if let Err(e) = written {
        // A closed pipe (`check … | head`) is the reader's choice, not a failure.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(CmdError::new(CmdText::CannotWriteReport(e.to_string())));
        }
    }
    let summary = report::Summary::of(&loaded);
    Ok(if loaded.engagements.is_empty() {
        Outcome::NothingRan
    } else if summary.failed > 0 || summary.errors > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything non-empty.
fn color_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
