//! The portfolio report of a build: `portfolio.pdf` and `portfolio.xlsx`, skipped when
//! the output folder's stamp says they are current. The library makes the files
//! ([`successkit::kit::Kit::report_pdf`], [`successkit::kit::Kit::report_xlsx`]); this
//! decides where they go and writes them.

use std::path::Path;
use successkit::i18n::Message;
use successkit::model::Lang;
use successkit::outdir::{self, DocumentEntry, DocumentKind, Stamp};
use successkit::output::Rendered;
use successkit::view::portfolio::Portfolio;

use super::engagement::{isolated_message, Result_};
use super::{Context, Status};

/// The report of a portfolio, made but not written.
pub(super) enum Made {
    /// The output folder's stamp says its files are there already: these.
    Current(Vec<DocumentEntry>),
    /// Its two files (or why each could not be made), for the stamp key `key`.
    Files {
        key: String,
        pdf: Result<Rendered, Message>,
        xlsx: Result<Vec<u8>, Message>,
    },
}

impl Context<'_> {
    /// The portfolio of this run, with the engagements whose kit failed to render marked.
    fn portfolio(&self, failed: &[&Result_]) -> Portfolio {
        let mut portfolio = Portfolio::from_loaded(self.loaded, self.opts.as_of);
        for r in failed {
            portfolio.mark_failed(&r.entry.id, r.render_problems.clone());
        }
        portfolio.relative_files(self.inputs);
        portfolio
    }

    /// Makes the report's files for a run whose kits all render, while the kits are
    /// made (the usual case: its time no longer follows theirs on one core at the end);
    /// [`Context::report`] uses them when no kit failed to render. Writes nothing.
    pub(super) fn report_ahead(&self, lang: Lang) -> Option<Made> {
        self.make_report(&[], lang).ok()
    }

    /// The files for `failed` (or why none could be made), unless the stamp says they are
    /// current.
    fn make_report(&self, failed: &[&Result_], lang: Lang) -> Result<Made, ReportError> {
        let portfolio = self.portfolio(failed);
        // The output folder's own stamp is the report's: the report is a function of the
        // portfolio figures, the language, the templates and the version.
        let key = outdir::cache_key(
            &portfolio,
            &self.fingerprint,
            &lang,
            env!("CARGO_PKG_VERSION"),
        );
        if !self.force {
            if let Some(stamp) = Stamp::read(self.out) {
                if stamp.is_current(&key, self.out) {
                    return Ok(Made::Current(stamp.documents));
                }
            }
        }
        let labels = self
            .kit
            .report_labels(lang)
            .map_err(|e| ReportError::Other(Message::Text(e.to_string())))?;
        // Each file on its own: a failure (even a panic) of one does not stop the other.
        // The workbook is made on a second thread while the PDF is: a fifth of the
        // report's time at 2,000 engagements when nothing else runs.
        let pdf = || {
            made("portfolio.pdf", || {
                self.kit.report_pdf(&portfolio, &labels, lang)
            })
        };
        let xlsx = || {
            made("portfolio.xlsx", || {
                self.kit.report_xlsx(&portfolio, &labels, lang)
            })
        };
        let (pdf, xlsx) = std::thread::scope(|scope| {
            match std::thread::Builder::new()
                .name("report-xlsx".into())
                .spawn_scoped(scope, xlsx)
            {
                Ok(handle) => {
                    let pdf = pdf();
                    let xlsx = handle.join().unwrap_or_else(|_| {
                        Err(Message::RenderPanic("the workbook's thread ended".into()))
                    });
                    (pdf, xlsx)
                }
                // No thread to spare: one after the other.
                Err(_) => (pdf(), xlsx()),
            }
        });
        Ok(Made::Files { key, pdf, xlsx })
    }

    /// Writes `portfolio.pdf` and `portfolio.xlsx`, each only when its bytes changed; a
    /// failure (even a panic) of one does not stop the other. `ahead` is what
    /// [`Context::report_ahead`] made: used when no kit failed to render (it was made for
    /// that portfolio), made again here otherwise.
    pub(super) fn report(
        &self,
        results: &[Result_],
        lang: Lang,
        ahead: Option<Made>,
        rep: &mut ReportOutcome,
    ) {
        let failed: Vec<&Result_> = results
            .iter()
            .filter(|r| r.entry.status == Status::Failed && !r.render_problems.is_empty())
            .collect();
        let made = match ahead {
            Some(made) if failed.is_empty() => made,
            _ => match self.make_report(&failed, lang) {
                Ok(made) => made,
                Err(e) => return self.report_error(e, rep),
            },
        };
        let (key, pdf, xlsx) = match made {
            Made::Current(documents) => {
                rep.docs = documents;
                return;
            }
            Made::Files { key, pdf, xlsx } => (key, pdf, xlsx),
        };
        self.report_goes_stale(rep);
        match pdf {
            Ok(r) => rep.save(
                self.out,
                DocumentKind::PortfolioPdf,
                "portfolio.pdf",
                &r.bytes,
                r.pages,
            ),
            Err(e) => rep.errors.push(ReportError::File("portfolio.pdf", e)),
        }
        match xlsx {
            Ok(bytes) => rep.save(
                self.out,
                DocumentKind::PortfolioXlsx,
                "portfolio.xlsx",
                &bytes,
                None,
            ),
            Err(e) => rep.errors.push(ReportError::File("portfolio.xlsx", e)),
        }
        if rep.errors.is_empty() {
            let stamp = Stamp {
                key,
                documents: rep.docs.clone(),
            };
            if let Err(e) = stamp.write(self.out) {
                rep.errors.push(ReportError::Other(Message::CannotWrite(
                    outdir::STAMP_FILE.into(),
                    e.to_string(),
                )));
            }
        }
    }

    /// A report that could not be made at all (its labels): it goes stale as when it is
    /// made, so the next run makes it again.
    fn report_error(&self, e: ReportError, rep: &mut ReportOutcome) {
        self.report_goes_stale(rep);
        rep.errors.push(e);
    }

    /// Before the report's files change: the manifest goes stale and the stamp goes.
    fn report_goes_stale(&self, rep: &mut ReportOutcome) {
        self.manifest_goes_stale();
        if let Err(e) = Stamp::remove(self.out) {
            rep.errors.push(ReportError::Other(Message::CannotRemove(
                outdir::STAMP_FILE.into(),
                e.to_string(),
            )));
        }
    }
}

/// What writing the portfolio report gave.
#[derive(Default)]
pub(super) struct ReportOutcome {
    pub(super) docs: Vec<DocumentEntry>,
    pub(super) written: usize,
    /// What went wrong, worded when printed, in the message language.
    pub(super) errors: Vec<ReportError>,
}

impl ReportOutcome {
    fn save(
        &mut self,
        out: &Path,
        kind: DocumentKind,
        name: &str,
        bytes: &[u8],
        pages: Option<usize>,
    ) {
        let path = out.join(name);
        match outdir::write_if_changed(&path, bytes) {
            Ok(wrote) => {
                self.written += usize::from(wrote);
                self.docs.push(DocumentEntry {
                    kind,
                    path: name.into(),
                    bytes: bytes.len() as u64,
                    sha256: outdir::sha256_hex(bytes),
                    pages,
                });
            }
            Err(e) => self.errors.push(ReportError::Other(Message::CannotWrite(
                path.display().to_string(),
                e.to_string(),
            ))),
        }
    }
}

/// Why (part of) the report was not made, worded when printed, in the message language.
pub(super) enum ReportError {
    /// One of its files could not be made (its name, why).
    File(&'static str, Message),
    /// Anything else (the stamp, writing a file, the labels).
    Other(Message),
}

impl ReportError {
    /// The error in a language: `portfolio.pdf: …`, `não foi possível gerar portfolio.pdf: …`.
    pub(super) fn render(&self, lang: Lang) -> String {
        match self {
            ReportError::File(name, why) => {
                Message::ReportFile((*name).into(), why.render(lang)).render(lang)
            }
            ReportError::Other(m) => m.render(lang),
        }
    }
}

/// One report file made by `make`, a failure or panic becoming the file's problem.
/// (`file` names it for the debug builds' panic hook.)
#[cfg_attr(not(debug_assertions), allow(unused_variables))]
fn made<T, E: std::fmt::Display>(
    file: &str,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<T, Message> {
    isolated_message(|| {
        #[cfg(debug_assertions)]
        if std::env::var(super::PANIC_ENV).is_ok_and(|v| v == file) {
            panic!("test panic for {file}");
        }
        make().map_err(|e| Message::Text(e.to_string()))
    })
    .and_then(|r| r)
}
