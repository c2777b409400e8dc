//! The customer's kit for one engagement: Success Plan (DOCX, PDF), Success Checklist
//! (PDF) and Workshop handout (PDF); and, beside it, the portfolio report of a batch
//! ([`report`]: [`Kit::report`]).
//!
//! [`Kit`] is built once (templates compiled, fonts parsed) and shared by every thread
//! of a batch and by the report: one PDF writer per run. For each engagement it computes the views ([`crate::view`]), renders the
//! templates into Markdown, parses that into one [`Document`] per document and hands
//! each written file to the caller as soon as it is made, so a batch never holds a
//! whole kit in memory.

use crate::document::{Document, Layout, Meta};
use crate::model::{Engagement, Lang};
use crate::output::docx::{DocxError, DocxWriter};
use crate::output::pdf::{PdfError, PdfWriter};
use crate::output::Rendered;
use crate::template::{TemplateError, Templates};
use crate::view::{self, text, ViewOptions};
use chrono::NaiveDate;

mod choice;
pub mod fonts;
pub mod report;

pub use choice::{DocChoice, DocKind, UnknownDocChoice};

/// What the caller decides for every engagement of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitOptions {
    /// The language of engagements whose data names none (`--lang`).
    pub default_lang: Lang,
    /// The day the kit is made: overdue items are due before it; it is the documents'
    /// date (from `--as-of`, else `SOURCE_DATE_EPOCH`, else today, decided by the caller).
    pub as_of: NaiveDate,
    /// The documents to make; empty means all.
    pub only: Vec<DocChoice>,
}

impl KitOptions {
    /// Options for all documents.
    pub fn new(default_lang: Lang, as_of: NaiveDate) -> KitOptions {
        KitOptions {
            default_lang,
            as_of,
            only: Vec::new(),
        }
    }

    /// The documents chosen, in kit order, each once.
    pub fn choices(&self) -> Vec<DocChoice> {
        DocChoice::ALL
            .into_iter()
            .filter(|c| self.only.is_empty() || self.only.contains(c))
            .collect()
    }

    /// The files chosen, in the order [`Kit::render`] hands them over.
    pub fn kinds(&self) -> Vec<DocKind> {
        self.choices()
            .into_iter()
            .flat_map(|c| c.kinds().iter().copied())
            .collect()
    }

    /// The language of one engagement's documents.
    pub fn lang_of(&self, e: &Engagement) -> Lang {
        self.view().lang_of(e)
    }

    /// What the views need of these options.
    pub fn view(&self) -> ViewOptions {
        ViewOptions::new(self.default_lang, self.as_of)
    }
}

/// Why a document of the kit could not be made.
#[derive(Debug, thiserror::Error)]
pub enum KitError {
    /// A template failed to load or render.
    #[error("template: {0}")]
    Template(#[from] TemplateError),
    /// The PDF writer failed.
    #[error("PDF: {0}")]
    Pdf(#[from] PdfError),
    /// The DOCX writer failed.
    #[error("DOCX: {0}")]
    Docx(#[from] DocxError),
    /// Not made because the document it renders failed for its twin file first.
    #[error("not made: {0} failed")]
    Skipped(&'static str),
    /// The engagement failed validation; its problems say why.
    #[error("engagement {0} failed validation and is not rendered")]
    Invalid(String),
}

/// The kit maker: templates, the PDF writer and the DOCX writer, built once. `Send + Sync`,
/// so one `Kit` serves every thread of a batch.
pub struct Kit {
    templates: Templates,
    pdf: PdfWriter,
    docx: DocxWriter,
}

/// An engagement's facts and their serialisation as template data, made for its first
/// document and kept for the others ([`Kit::render`]).
type FactsData = (view::facts::Facts, handlebars::Context);

impl Kit {
    /// Builds the writers for the templates' theme and assets.
    pub fn new(templates: Templates) -> Result<Kit, KitError> {
        let pdf = PdfWriter::new(templates.theme(), templates.assets())?;
        let docx =
            DocxWriter::new(templates.theme()).with_logo(templates.assets().logo.as_deref())?;
        Ok(Kit {
            templates,
            pdf,
            docx,
        })
    }

    /// The PDF writer (fonts loaded).
    pub fn pdf(&self) -> &PdfWriter {
        &self.pdf
    }

    /// The templates in force.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The IR of each chosen document (the plan's DOCX and PDF share one Document).
    pub fn documents(
        &self,
        e: &Engagement,
        opts: &KitOptions,
    ) -> Result<Vec<(DocChoice, Document)>, KitError> {
        opts.choices()
            .into_iter()
            .map(|c| self.document(e, opts, c).map(|d| (c, d)))
            .collect()
    }

    /// The IR of one document.
    pub fn document(
        &self,
        e: &Engagement,
        opts: &KitOptions,
        choice: DocChoice,
    ) -> Result<Document, KitError> {
        self.document_with(e, opts, choice, &mut None)
    }

    /// [`Kit::document`], with the engagement's facts as template data kept in `data`
    /// for its next document.
    fn document_with(
        &self,
        e: &Engagement,
        opts: &KitOptions,
        choice: DocChoice,
        data: &mut Option<FactsData>,
    ) -> Result<Document, KitError> {
        let md = self.markdown_with(e, opts, choice, data)?;
        Ok(Document {
            meta: meta(e, opts, choice),
            blocks: self
                .templates
                .parse(choice.template(), opts.lang_of(e), &md)?,
        })
    }

    /// The Markdown a document's template renders for one engagement, before parsing:
    /// what a template author debugs against.
    pub fn markdown(
        &self,
        e: &Engagement,
        opts: &KitOptions,
        choice: DocChoice,
    ) -> Result<String, KitError> {
        self.markdown_with(e, opts, choice, &mut None)
    }

    /// [`Kit::markdown`]: the facts are serialised into `data` once, and each
    /// document's view puts its own keys over them while its template renders (what
    /// the template sees is the view serialised).
    fn markdown_with(
        &self,
        e: &Engagement,
        opts: &KitOptions,
        choice: DocChoice,
        data: &mut Option<FactsData>,
    ) -> Result<String, KitError> {
        if !e.valid {
            return Err(KitError::Invalid(e.id.clone()));
        }
        let lang = opts.lang_of(e);
        let view = opts.view();
        let unserialisable = |err: &dyn std::fmt::Display| TemplateError::Render {
            file: choice.template().to_string(),
            line: 0,
            column: 0,
            message: format!("the template data did not serialise: {err}"),
        };
        let (facts, data) = match data {
            Some(d) => d,
            None => {
                // The plan's view is its facts (flattened): serialised the same.
                let facts = view::facts::Facts::new(e, &view);
                let context =
                    handlebars::Context::wraps(&facts).map_err(|err| unserialisable(&err))?;
                data.insert((facts, context))
            }
        };
        let overlay = match choice {
            DocChoice::Plan => Ok(view::Overlay::new()),
            DocChoice::Checklist => view::checklist::ChecklistView::overlay(e, facts),
            DocChoice::Handout => view::handout::HandoutView::overlay(facts),
        }
        .map_err(|err| unserialisable(&err))?;
        Ok(self
            .templates
            .render_overlaid(choice.template(), lang, data, overlay)?)
    }

    /// Renders the chosen documents, handing each file to `emit` as soon as it is made
    /// (so a batch never holds a whole kit in memory). A failure of one document is
    /// handed over for each of its files and does not stop the others.
    pub fn render(
        &self,
        e: &Engagement,
        opts: &KitOptions,
        emit: &mut dyn FnMut(DocKind, Result<Rendered, KitError>),
    ) {
        let mut data = None;
        for choice in opts.choices() {
            match self.document_with(e, opts, choice, &mut data) {
                Ok(doc) => {
                    for &kind in choice.kinds() {
                        emit(kind, self.write(kind, &doc));
                    }
                }
                Err(err) => {
                    let kinds = choice.kinds();
                    // KitError holds writer errors that are not Clone; the first file gets
                    // the error itself, its twin a message that points at it.
                    let mut err = Some(err);
                    for &kind in kinds {
                        let this = err.take().unwrap_or_else(|| {
                            KitError::Skipped(kinds.first().map_or("", |k| k.file_name()))
                        });
                        emit(kind, Err(this));
                    }
                }
            }
        }
    }

    /// Writes one file of an already built document.
    pub fn write(&self, kind: DocKind, doc: &Document) -> Result<Rendered, KitError> {
        match kind {
            DocKind::SuccessPlanDocx => Ok(self.docx.write(doc)?),
            DocKind::SuccessPlanPdf
            | DocKind::SuccessChecklistPdf
            | DocKind::WorkshopHandoutPdf => Ok(self.pdf.write(doc)?),
        }
    }
}

/// The metadata of one document: title, author (the FM), subject, footer, date, layout.
pub fn meta(e: &Engagement, opts: &KitOptions, choice: DocChoice) -> Meta {
    let lang = opts.lang_of(e);
    let title = choice.title(lang).to_string();
    Meta {
        // The footer names the customer too: a printed page on its own says whose it is.
        footer: format!("{title} · {}", e.customer),
        subject: format!("{title}: {}", e.customer),
        customer: e.customer.clone(),
        keywords: text::keywords(lang).iter().map(|s| s.to_string()).collect(),
        title,
        author: e.fm.clone(),
        lang,
        date: Some(opts.as_of),
        layout: match choice {
            DocChoice::Handout => Layout::Handout,
            DocChoice::Plan | DocChoice::Checklist => Layout::Flow,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_choice_parses_names_and_rejects_others_naming_the_accepted() {
        assert_eq!("Plan".parse::<DocChoice>(), Ok(DocChoice::Plan));
        assert_eq!(" checklist ".parse::<DocChoice>(), Ok(DocChoice::Checklist));
        assert_eq!(
            "workshop-handout".parse::<DocChoice>(),
            Ok(DocChoice::Handout)
        );
        let err = "slides".parse::<DocChoice>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown document \"slides\": expected plan, checklist or handout"
        );
    }

    #[test]
    fn kit_is_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Kit>();
    }

    #[test]
    fn options_choose_in_kit_order_once() {
        let mut o = KitOptions::new(Lang::En, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(o.kinds(), DocKind::ALL);
        o.only = vec![DocChoice::Handout, DocChoice::Plan, DocChoice::Handout];
        assert_eq!(
            o.kinds(),
            [
                DocKind::SuccessPlanDocx,
                DocKind::SuccessPlanPdf,
                DocKind::WorkshopHandoutPdf
            ]
        );
        let ids: Vec<_> = DocKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(
            ids,
            [
                "success-plan-docx",
                "success-plan-pdf",
                "success-checklist-pdf",
                "workshop-handout-pdf"
            ]
        );
    }
}
