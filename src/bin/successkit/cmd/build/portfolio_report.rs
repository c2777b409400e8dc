//! The portfolio report of a build: `portfolio.pdf` and `portfolio.xlsx`, skipped when
//! the output folder's stamp says they are current. The library makes the files
//! ([`successkit::kit::Kit::report_pdf`], [`successkit::kit::Kit::report_xlsx`]); this
//! decides where they go and writes them.

use std::path::Path;
use successkit::model::Lang;
use successkit::outdir::{self, DocumentEntry, DocumentKind, Stamp};
use successkit::view::portfolio::Portfolio;

use super::engagement::{isolated, Result_};
use super::{Context, Status};

impl Context<'_> {
    /// Writes `portfolio.pdf` and `portfolio.xlsx`, each only when its bytes changed; a
    /// failure (even a panic) of one does not stop the other.
    pub(super) fn report(&self, results: &[Result_], lang: Lang, rep: &mut ReportOutcome) {
        let mut portfolio = Portfolio::from_loaded(self.loaded, self.opts.as_of);
        for r in results
            .iter()
            .filter(|r| r.entry.status == Status::Failed && !r.render_problems.is_empty())
        {
            portfolio.mark_failed(&r.entry.id, r.render_problems.clone());
        }
        portfolio.relative_files(self.inputs);
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
                    rep.docs = stamp.documents;
                    return;
                }
            }
        }
        if let Err(e) = Stamp::remove(self.out) {
            rep.errors
                .push(format!("cannot remove {}: {e}", outdir::STAMP_FILE));
        }
        let labels = match self.kit.report_labels(lang) {
            Ok(l) => l,
            Err(e) => return rep.errors.push(e.to_string()),
        };
        // Each file on its own: a failure (even a panic) of one does not stop the other.
        let pdf = isolated(|| {
            self.kit
                .report_pdf(&portfolio, &labels, lang)
                .map_err(|e| e.to_string())
        })
        .and_then(|r| r);
        match pdf {
            Ok(r) => rep.save(
                self.out,
                DocumentKind::PortfolioPdf,
                "portfolio.pdf",
                &r.bytes,
                r.pages,
            ),
            Err(e) => rep.errors.push(format!("portfolio.pdf: {e}")),
        }
        let xlsx = isolated(|| {
            self.kit
                .report_xlsx(&portfolio, &labels, lang)
                .map_err(|e| e.to_string())
        })
        .and_then(|r| r);
        match xlsx {
            Ok(bytes) => rep.save(
                self.out,
                DocumentKind::PortfolioXlsx,
                "portfolio.xlsx",
                &bytes,
                None,
            ),
            Err(e) => rep.errors.push(format!("portfolio.xlsx: {e}")),
        }
        if rep.errors.is_empty() {
            let stamp = Stamp {
                key,
                documents: rep.docs.clone(),
            };
            if let Err(e) = stamp.write(self.out) {
                rep.errors
                    .push(format!("cannot write {}: {e}", outdir::STAMP_FILE));
            }
        }
    }
}

/// What writing the portfolio report gave.
#[derive(Default)]
pub(super) struct ReportOutcome {
    pub(super) docs: Vec<DocumentEntry>,
    pub(super) written: usize,
    pub(super) errors: Vec<String>,
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
            Err(e) => self
                .errors
                .push(format!("cannot write {}: {e}", path.display())),
        }
    }
}
