//! The portfolio report's files, made beside the kits with the same templates and the
//! same PDF writer: `portfolio.pdf` from the `portfolio` template, `portfolio.xlsx` from
//! the figures themselves.

use super::Kit;
use crate::document::{Document, Layout, Meta};
use crate::i18n::labels::LabelsError;
use crate::model::Lang;
use crate::output::pdf::PdfError;
use crate::output::xlsx::{self, XlsxError};
use crate::output::Rendered;
use crate::template::TemplateError;
use crate::view::portfolio::{Portfolio, ReportLabels};

/// Why a file of the report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The report's labels could not be read.
    #[error(transparent)]
    Labels(#[from] LabelsError),
    /// The `portfolio` template failed to render.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The PDF writer failed.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The XLSX writer failed.
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
}

/// The report's two files, each made or failed on its own.
#[derive(Debug)]
pub struct ReportFiles {
    /// `portfolio.pdf`.
    pub pdf: Result<Rendered, ReportError>,
    /// `portfolio.xlsx`.
    pub xlsx: Result<Vec<u8>, ReportError>,
}

impl Kit {
    /// The report's files for a batch, in `lang`: the PDF and the XLSX, each a result of
    /// its own. `Err` only when the labels in force cannot be read.
    pub fn report(&self, portfolio: &Portfolio, lang: Lang) -> Result<ReportFiles, ReportError> {
        let labels = self.report_labels(lang)?;
        Ok(ReportFiles {
            pdf: self.report_pdf(portfolio, &labels, lang),
            xlsx: self.report_xlsx(portfolio, &labels, lang),
        })
    }

    /// The report's labels in force: the built-ins, reworded by the templates' labels.
    pub fn report_labels(&self, lang: Lang) -> Result<ReportLabels, LabelsError> {
        ReportLabels::new(self.templates.labels(lang), lang)
    }

    /// The report's document IR, as the PDF shows it.
    pub fn report_document(
        &self,
        portfolio: &Portfolio,
        labels: &ReportLabels,
        lang: Lang,
    ) -> Result<Document, ReportError> {
        let view = portfolio.view(lang, labels);
        let md = self.templates.render("portfolio", lang, &view)?;
        Ok(Document {
            meta: Meta {
                title: labels.title.clone(),
                author: String::new(),
                subject: format!("{} {}", labels.as_of, view.as_of),
                keywords: vec!["FastTrack".into(), labels.title.clone()],
                lang,
                customer: String::new(),
                footer: labels.title.clone(),
                date: Some(portfolio.as_of),
                layout: Layout::Report,
            },
            blocks: self.templates.parse("portfolio", lang, &md)?,
        })
    }

    /// `portfolio.pdf`, written by the kit's own PDF writer.
    pub fn report_pdf(
        &self,
        portfolio: &Portfolio,
        labels: &ReportLabels,
        lang: Lang,
    ) -> Result<Rendered, ReportError> {
        let doc = self.report_document(portfolio, labels, lang)?;
        Ok(self.pdf.write(&doc)?)
    }

    /// `portfolio.xlsx`; its properties carry the report's as-of date, so the same
    /// figures give the same bytes.
    pub fn report_xlsx(
        &self,
        portfolio: &Portfolio,
        labels: &ReportLabels,
        lang: Lang,
    ) -> Result<Vec<u8>, ReportError> {
        Ok(xlsx::write(portfolio, labels, lang, portfolio.as_of)?)
    }
}
