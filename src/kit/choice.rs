//! The documents of a kit and the files they are written as.

use crate::model::Lang;
use std::fmt;

/// One file of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// The Success Plan, editable (DOCX).
    SuccessPlanDocx,
    /// The Success Plan (PDF).
    SuccessPlanPdf,
    /// The Success Checklist (PDF).
    SuccessChecklistPdf,
    /// The Workshop handout (PDF).
    WorkshopHandoutPdf,
}

impl DocKind {
    /// Every file of a whole kit, in the order they are rendered.
    pub const ALL: [DocKind; 4] = [
        DocKind::SuccessPlanDocx,
        DocKind::SuccessPlanPdf,
        DocKind::SuccessChecklistPdf,
        DocKind::WorkshopHandoutPdf,
    ];

    /// A stable identifier for manifests and messages (`success-plan-pdf`, ...).
    pub fn id(self) -> &'static str {
        match self {
            DocKind::SuccessPlanDocx => "success-plan-docx",
            DocKind::SuccessPlanPdf => "success-plan-pdf",
            DocKind::SuccessChecklistPdf => "success-checklist-pdf",
            DocKind::WorkshopHandoutPdf => "workshop-handout-pdf",
        }
    }

    /// The file name inside an engagement's output folder.
    pub fn file_name(self) -> &'static str {
        match self {
            DocKind::SuccessPlanDocx => "success-plan.docx",
            DocKind::SuccessPlanPdf => "success-plan.pdf",
            DocKind::SuccessChecklistPdf => "success-checklist.pdf",
            DocKind::WorkshopHandoutPdf => "workshop-handout.pdf",
        }
    }

    /// The document this file is a rendering of.
    pub fn choice(self) -> DocChoice {
        match self {
            DocKind::SuccessPlanDocx | DocKind::SuccessPlanPdf => DocChoice::Plan,
            DocKind::SuccessChecklistPdf => DocChoice::Checklist,
            DocKind::WorkshopHandoutPdf => DocChoice::Handout,
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// A document the user can ask for with `--only plan,checklist,handout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocChoice {
    /// The Success Plan (DOCX and PDF).
    Plan,
    /// The Success Checklist.
    Checklist,
    /// The Workshop handout.
    Handout,
}

impl DocChoice {
    /// Every document, in kit order.
    pub const ALL: [DocChoice; 3] = [DocChoice::Plan, DocChoice::Checklist, DocChoice::Handout];

    /// The name accepted by `--only` (`plan`, `checklist`, `handout`).
    pub fn name(self) -> &'static str {
        match self {
            DocChoice::Plan => "plan",
            DocChoice::Checklist => "checklist",
            DocChoice::Handout => "handout",
        }
    }

    /// The template this document is rendered from (`success-plan`, ...).
    pub fn template(self) -> &'static str {
        match self {
            DocChoice::Plan => "success-plan",
            DocChoice::Checklist => "success-checklist",
            DocChoice::Handout => "workshop-handout",
        }
    }

    /// The title of a document in the language.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocChoice::Plan, Lang::En) => "Success Plan",
            (DocChoice::Plan, Lang::PtBr) => "Plano de Sucesso",
            (DocChoice::Checklist, Lang::En) => "Success Checklist",
            (DocChoice::Checklist, Lang::PtBr) => "Checklist de Sucesso",
            (DocChoice::Handout, Lang::En) => "Success Workshop",
            (DocChoice::Handout, Lang::PtBr) => "Workshop de Sucesso",
        }
    }

    /// The files this document is written as.
    pub fn kinds(self) -> &'static [DocKind] {
        match self {
            DocChoice::Plan => &[DocKind::SuccessPlanDocx, DocKind::SuccessPlanPdf],
            DocChoice::Checklist => &[DocKind::SuccessChecklistPdf],
            DocChoice::Handout => &[DocKind::WorkshopHandoutPdf],
        }
    }
}

impl fmt::Display for DocChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `--only` was given a document name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown document {given:?}: expected plan, checklist or handout")]
pub struct UnknownDocChoice {
    /// The name as given.
    pub given: String,
}

impl std::str::FromStr for DocChoice {
    type Err = UnknownDocChoice;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Users type what they see in the output folder and in Portuguese too.
        match s.trim().to_lowercase().as_str() {
            "plan" | "success-plan" | "successplan" | "plano" => Ok(DocChoice::Plan),
            "checklist" | "success-checklist" | "successchecklist" => Ok(DocChoice::Checklist),
            "handout" | "workshop-handout" | "workshophandout" | "apostila" => {
                Ok(DocChoice::Handout)
            }
            _ => Err(UnknownDocChoice {
                given: s.to_string(),
            }),
        }
    }
}
