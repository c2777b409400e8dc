//! The report's labels: the `[portfolio]` table of `templates/<lang>/labels.toml`, read
//! through the one labels loader ([`crate::i18n::labels`]).

use crate::i18n::labels::{Labels, LabelsError};
use crate::model::Lang;
use serde::{Deserialize, Serialize};

/// Labels of the portfolio report: the `[portfolio]` table of `templates/<lang>/labels.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportLabels {
    /// Report title.
    pub title: String,
    /// "As of" before the date.
    pub as_of: String,
    /// Summary section heading.
    pub summary: String,
    /// Engagements (count, section, sheet name).
    pub engagements: String,
    /// Engagements ready.
    pub ready: String,
    /// Engagements failed.
    pub failed: String,
    /// Engagement ID column.
    pub id: String,
    /// Customer column.
    pub customer: String,
    /// FastTrack Manager column.
    pub fm: String,
    /// Segment column.
    pub segment: String,
    /// Licenses column.
    pub licenses: String,
    /// Workshop date column.
    pub workshop_date: String,
    /// Stakeholders factor.
    pub stakeholders: String,
    /// Scenarios factor.
    pub scenarios: String,
    /// Awareness factor.
    pub awareness: String,
    /// Training factor.
    pub training: String,
    /// Overall readiness.
    pub overall: String,
    /// Mandatory tasks open column.
    pub mandatory_open: String,
    /// Overdue actions column.
    pub overdue_actions: String,
    /// Next check-in column.
    pub next_checkin: String,
    /// Enhanced adoption eligibility column.
    pub enhanced_eligible: String,
    /// Totals row.
    pub totals: String,
    /// Per-FM section heading.
    pub by_fm: String,
    /// Readiness section heading.
    pub readiness: String,
    /// Chart title: readiness by factor.
    pub chart_by_factor: String,
    /// Chart title: readiness by FM.
    pub chart_by_fm: String,
    /// Failed section heading.
    pub failed_heading: String,
    /// Text when nothing failed.
    pub none_failed: String,
    /// Problems column.
    pub problems: String,
    /// Severity column.
    pub severity: String,
    /// File column.
    pub file: String,
    /// Sheet column.
    pub sheet: String,
    /// Row column.
    pub row: String,
    /// Column column.
    pub column: String,
    /// Value column.
    pub value: String,
    /// Message column.
    pub message: String,
    /// Problems that belong to no engagement.
    pub other_problems: String,
    /// Yes.
    pub yes: String,
    /// No.
    pub no: String,
    /// Sheet name: engagements.
    pub sheet_engagements: String,
    /// Sheet name: per FM.
    pub sheet_by_fm: String,
    /// Sheet name: failed.
    pub sheet_failed: String,
    /// Footnote explaining readiness.
    pub readiness_note: String,
    /// Header of a summary table's label column. The built-in report sets its summary as
    /// one row of figures and does not use it; kept for template sets that list the
    /// summary as rows.
    pub measure: String,
    /// A next check-in that has no date yet.
    pub to_be_scheduled: String,
    /// After a next check-in whose date has passed.
    pub checkin_overdue: String,
    /// Who the report workbook names as its author.
    pub author: String,
    /// Under a list the PDF cuts short: `{n}` is how many more the workbook lists.
    pub more_in_workbook: String,
}

impl ReportLabels {
    /// The built-in labels for a language.
    pub fn builtin(lang: Lang) -> Result<ReportLabels, LabelsError> {
        let builtin = Labels::builtin(lang)?;
        builtin.table("portfolio", &builtin)
    }

    /// The labels in force for a language: the built-ins, each overridden by the
    /// `portfolio.<key>` label of `in_force` (the template set's labels, so `--templates`
    /// can reword them).
    pub fn new(in_force: Option<&Labels>, lang: Lang) -> Result<ReportLabels, LabelsError> {
        let builtin = Labels::builtin(lang)?;
        in_force.unwrap_or(&builtin).table("portfolio", &builtin)
    }
}
