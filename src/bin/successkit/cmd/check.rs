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
    // The theme's fonts are loaded on a second thread while the data is read: they do
    // not depend on it.
    let (input, writer) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            // Characters no font can draw: the built-in theme's fonts, its fallbacks and
            // --font-dir (no template is compiled: check renders nothing).
            let (mut theme, assets) = Templates::builtin_theme()
                .map_err(|e| CmdError::new(CmdText::Text(e.to_string())))?;
            theme.add_font_dirs(&args.font_dir);
            PdfWriter::new(&theme, &assets).map_err(|e| CmdError::new(CmdText::Text(e.to_string())))
        });
        let input = read_inputs(&args.inputs, &Limits::default());
        let writer = writer.join().unwrap_or_else(|_| {
            Err(CmdError::new(CmdText::Text(
                "the fonts could not be loaded".to_string(),
            )))
        });
        (input, writer)
    });
    let mut loaded = model::load(&input);
    // Freed by the end of the process, not cell by cell.
    std::mem::forget(input);
    let pdf = writer?;
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
    let nothing = loaded.engagements.is_empty();
    // The process ends next: freeing every engagement's strings one by one would only
    // delay it (4 % of checking 2,000 engagements).
    std::mem::forget(loaded);
    Ok(if nothing {
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
