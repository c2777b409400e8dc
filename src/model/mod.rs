//! Model: the only place that turns cells into domain types.
//!
//! [`load`] matches sheets and columns by name (English or Portuguese, ignoring case,
//! accents, spaces, `_`, `-` and `.`), parses every value as the input contract says and
//! returns the engagements *and* every problem found. Everything after this module trusts
//! the model: an [`Engagement`] with `valid == true` has every required field.

mod load;
pub mod report;
pub mod rules;
pub mod values;

/// Document languages live with localisation.
pub use crate::i18n::Lang;
/// The contract's sheet and column names, kept below both input and model.
pub use crate::names;

use crate::problem::Problem;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Customer segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Segment {
    /// Enterprise.
    Enterprise,
    /// Small, medium and corporate.
    #[serde(rename = "SMC")]
    Smc,
    /// Small and medium business.
    #[serde(rename = "SMB")]
    Smb,
}

/// Check-in cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Biweekly,
    /// Every month.
    Monthly,
}

/// The status of one SSAT success factor for one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum FactorStatus {
    /// Done (Yes, Complete, Sim, Concluído).
    Done,
    /// In progress (Em andamento).
    #[serde(rename = "In progress")]
    InProgress,
    /// Not started (No, Não, Não iniciado; also an empty cell).
    #[default]
    #[serde(rename = "Not started")]
    NotStarted,
    /// Not applicable (N/A, N/D, Não se aplica).
    #[serde(rename = "N/A")]
    NotApplicable,
}

/// The status of a portal task or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum WorkStatus {
    /// Not started (Não iniciada); also an empty cell.
    #[default]
    #[serde(rename = "Not started")]
    NotStarted,
    /// In progress (Em andamento).
    #[serde(rename = "In progress")]
    InProgress,
    /// Completed (Concluída).
    Completed,
    /// Blocked (Bloqueada).
    Blocked,
    /// Not applicable (N/D).
    #[serde(rename = "N/A")]
    NotApplicable,
}

impl WorkStatus {
    /// Completed or not applicable: nothing left to do.
    pub fn is_closed(self) -> bool {
        matches!(self, WorkStatus::Completed | WorkStatus::NotApplicable)
    }
}

/// Where a row came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file as the user named it.
    pub file: String,
    /// The sheet name as written.
    pub sheet: String,
    /// The row number as the spreadsheet shows it.
    pub row: u64,
}

thread_local! {
    /// Set while [`without_origins`] runs.
    static NO_ORIGINS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every [`Origin`] serialised as `null`: what a cache key hashes, so
/// moving an engagement's rows within their sheets does not make it look changed.
pub fn without_origins<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            NO_ORIGINS.with(|n| n.set(self.0));
        }
    }
    let _reset = Reset(NO_ORIGINS.with(|n| n.replace(true)));
    f()
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if NO_ORIGINS.with(std::cell::Cell::get) {
            return s.serialize_unit();
        }
        let mut st = s.serialize_struct("Origin", 3)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("sheet", &self.sheet)?;
        st.serialize_field("row", &self.row)?;
        st.end()
    }
}

/// Columns not in the contract, kept by their header as written (value as text).
pub type CustomFields = BTreeMap<String, String>;

/// A service in scope with its four SSAT success factors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// The service name (Exchange Online, SharePoint, ...).
    pub name: String,
    /// Stakeholders factor.
    pub stakeholders: FactorStatus,
    /// Scenarios factor.
    pub scenarios: FactorStatus,
    /// Awareness factor.
    pub awareness: FactorStatus,
    /// Training factor.
    pub training: FactorStatus,
    /// Free notes.
    pub notes: Option<String>,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Where the row came from.
    pub origin: Origin,
}

/// A customer stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stakeholder {
    /// Name.
    pub name: String,
    /// Role (Executive Sponsor, Success Owner, Champion, IT Lead, ...).
    pub role: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Responsibility.
    pub responsibility: Option<String>,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Where the row came from.
    pub origin: Origin,
}

/// A number or a text, as Baseline and Target may be either.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// A number.
    Number(f64),
    /// Free text (`40%`, `3 per week`, ...).
    Text(String),
}

/// A scenario with how its success is measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// The service it belongs to.
    pub service: Option<String>,
    /// The scenario.
    pub scenario: String,
    /// The metric.
    pub metric: Option<String>,
    /// Baseline value.
    pub baseline: Option<Amount>,
    /// Target value.
    pub target: Option<Amount>,
    /// Target date.
    pub target_date: Option<NaiveDate>,
    /// Owner.
    pub owner: Option<String>,
    /// Data source (an M365 usage report, ...).
    pub source: Option<String>,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Where the row came from.
    pub origin: Origin,
}

/// A portal task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// The portal's task ID (3734, 2536, ...).
    pub id: u64,
    /// Task name.
    pub name: String,
    /// Mandatory (true) or optional (false); `None` when not given.
    pub mandatory: Option<bool>,
    /// Role.
    pub role: Option<String>,
    /// Services.
    pub services: Option<String>,
    /// Status.
    pub status: WorkStatus,
    /// Owner.
    pub owner: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Completion date.
    pub completed: Option<NaiveDate>,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Where the row came from.
    pub origin: Origin,
}

/// An agreed next step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// What is to be done.
    pub action: String,
    /// Owner.
    pub owner: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status.
    pub status: WorkStatus,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Where the row came from.
    pub origin: Origin,
}

/// One engagement with everything linked to it.
///
/// Required fields hold a placeholder (empty text, `NaiveDate::MIN`) when the engagement
/// failed validation; only engagements with `valid == true` are rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Engagement {
    /// Engagement ID, unique across the batch.
    pub id: String,
    /// Customer name.
    pub customer: String,
    /// Tenant domain.
    pub tenant_domain: Option<String>,
    /// Segment.
    pub segment: Option<Segment>,
    /// Number of licenses.
    pub licenses: Option<u64>,
    /// FastTrack Manager's name.
    pub fm: String,
    /// FastTrack Manager's e-mail.
    pub fm_email: Option<String>,
    /// Partner.
    pub partner: Option<String>,
    /// Customer contact's name.
    pub contact: Option<String>,
    /// Customer contact e-mail addresses.
    pub contact_emails: Vec<String>,
    /// Kickoff date.
    pub kickoff_date: Option<NaiveDate>,
    /// Workshop date.
    pub workshop_date: NaiveDate,
    /// Document language given in the data (else the command's `--lang`).
    pub language: Option<Lang>,
    /// Check-in cadence.
    pub cadence: Option<Cadence>,
    /// Next check-in date.
    pub next_checkin: Option<NaiveDate>,
    /// Communication channel (Microsoft Teams, ...).
    pub channel: Option<String>,
    /// Whether the customer takes part in the Enterprise Adoption Benefit.
    pub enterprise_adoption_benefit: Option<bool>,
    /// The customer's success vision.
    pub success_vision: Option<String>,
    /// Columns not in the contract.
    pub custom: CustomFields,
    /// Services in scope.
    pub services: Vec<Service>,
    /// Stakeholders.
    pub stakeholders: Vec<Stakeholder>,
    /// Success metrics.
    pub metrics: Vec<Metric>,
    /// Portal tasks.
    pub tasks: Vec<Task>,
    /// Agreed actions.
    pub actions: Vec<Action>,
    /// Where the Engagements row came from.
    pub origin: Origin,
    /// False when any error belongs to this engagement; such engagements are not rendered.
    pub valid: bool,
}

/// What [`load`] returns: every engagement found (valid or not) and every problem.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Engagements in input order (duplicated IDs appear once, marked invalid).
    pub engagements: Vec<Engagement>,
    /// Every problem found, in input order.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// The problems that belong to one engagement (a scan of every problem: to look up
    /// many engagements, group once with [`Loaded::problems_by_engagement`]).
    pub fn problems_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems
            .iter()
            .filter(move |p| p.engagement.as_deref() == Some(id))
    }

    /// Every problem that belongs to an engagement, grouped by Engagement ID in one pass,
    /// each group in input order.
    pub fn problems_by_engagement(&self) -> std::collections::HashMap<&str, Vec<&Problem>> {
        let mut by_id: std::collections::HashMap<&str, Vec<&Problem>> =
            std::collections::HashMap::new();
        for p in &self.problems {
            if let Some(id) = p.engagement.as_deref() {
                by_id.entry(id).or_default().push(p);
            }
        }
        by_id
    }
}

/// Matches the raw tables to the contract's sheets and columns and builds the validated
/// engagements. Problems from reading (`input.problems`) are carried over first.
pub fn load(input: &crate::input::InputSet) -> Loaded {
    load::load(input)
}
