//! View: what each document shows, computed from the model (SSAT readiness, gaps,
//! overdue items, eligibility, localized labels). Templates never compute.
//!
//! [`facts::Facts`] holds everything computed once per engagement; [`plan`],
//! [`checklist`] and [`handout`] are the data each template receives; [`portfolio`] is
//! the report of a batch. The rules themselves (readiness, overdue, eligibility) live in
//! [`crate::model::rules`], which every view calls; `docs/documents.md` states them.

pub mod chart;
pub mod checklist;
pub mod facts;
pub mod handout;
pub mod plan;
pub mod portfolio;
pub mod suggest;
pub mod text;

pub use chart::Bar;

/// Template data keys put over an engagement's facts for one document
/// ([`crate::template::Templates::render_overlaid`]): a view is its facts (serialised once
/// for all of an engagement's documents) with its overlay's keys over them.
pub type Overlay = serde_json::Map<String, serde_json::Value>;

use crate::model::{Engagement, FactorStatus, Lang};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// What the views need besides the engagement: the language of engagements whose data
/// names none, and the day the documents are made (overdue items are due before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewOptions {
    /// The language of engagements whose data names none.
    pub default_lang: Lang,
    /// The documents' date; overdue items are due before it.
    pub as_of: NaiveDate,
}

impl ViewOptions {
    /// Options for a default language and a date.
    pub fn new(default_lang: Lang, as_of: NaiveDate) -> ViewOptions {
        ViewOptions {
            default_lang,
            as_of,
        }
    }

    /// The language of one engagement's documents: its own, else the default.
    pub fn lang_of(&self, e: &Engagement) -> Lang {
        e.language.unwrap_or(self.default_lang)
    }
}

/// The state of a checkbox as templates read it with `{{check v}}`: serialised as `true`
/// (ticked), `false` (open) or `"na"` (not applicable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tick {
    /// Ticked: the data shows it done or met.
    Done,
    /// Open: not (yet) shown by the data.
    #[default]
    Open,
    /// Not applicable.
    NotApplicable,
}

impl Tick {
    /// `Done` when `met`, else `Open`.
    pub fn when(met: bool) -> Tick {
        if met {
            Tick::Done
        } else {
            Tick::Open
        }
    }

    /// The checkbox of one success factor: ticked when Done, N/A when not applicable.
    pub fn of_factor(status: FactorStatus) -> Tick {
        match status {
            FactorStatus::Done => Tick::Done,
            FactorStatus::NotApplicable => Tick::NotApplicable,
            FactorStatus::InProgress | FactorStatus::NotStarted => Tick::Open,
        }
    }
}

impl Serialize for Tick {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tick::Done => s.serialize_bool(true),
            Tick::Open => s.serialize_bool(false),
            Tick::NotApplicable => s.serialize_str("na"),
        }
    }
}
