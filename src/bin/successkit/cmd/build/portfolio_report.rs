//! The portfolio report of a build: `portfolio.pdf` and `portfolio.xlsx`, skipped when
//! the output folder's stamp says they are current.

use std::path::Path;
use successkit::document::{markdown, Document, Layout, Meta};
use successkit::model::Lang;
use successkit::outdir::{self, DocumentEntry, DocumentKind, Stamp};
use successkit::output::pdf::PdfWriter;
use successkit::output::Rendered;
use successkit::portfolio::{Labels, Portfolio};

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
        let labels = match Labels::from_templates(self.kit.templates(), lang) {
            Ok(l) => l,
            Err(e) => return rep.errors.push(e.to_string()),
        };
        let pdf = isolated(|| self.report_pdf(&portfolio, &labels, lang)).and_then(|r| r);
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
            successkit::output::xlsx::write(&portfolio, &labels, lang, self.opts.as_of)
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

    fn report_pdf(
        &self,
        portfolio: &Portfolio,
        labels: &Labels,
        lang: Lang,
    ) -> Result<Rendered, String> {
        let templates = self.kit.templates();
        let view = portfolio.view(lang, labels);
        let md = templates
            .render("portfolio", lang, &view)
            .map_err(|e| e.to_string())?;
        let doc = Document {
            meta: Meta {
                title: labels.title.clone(),
                author: String::new(),
                subject: format!("{} {}", labels.as_of, view.as_of),
                keywords: vec!["FastTrack".into(), labels.title.clone()],
                lang,
                footer: format!("{} · {} {}", labels.title, labels.as_of, view.as_of),
                date: Some(self.opts.as_of),
                layout: Layout::Flow,
            },
            blocks: markdown::parse(&md),
        };
        drop(md);
        PdfWriter::new(templates.theme(), templates.assets())
            .map_err(|e| e.to_string())?
            .write(&doc)
            .map_err(|e| e.to_string())
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
