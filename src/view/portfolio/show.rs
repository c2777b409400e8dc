//! The report as the `portfolio.md.hbs` templates show it: every figure formatted in the
//! report's language.

use super::figures::{Portfolio, Rollup};
use super::labels::ReportLabels;
use crate::i18n::format;
use crate::model::{rules, Lang, Segment};
use crate::problem::Problem;
use crate::view::Bar;
use serde::Serialize;

pub use crate::model::rules::{FAIR_READINESS, GOOD_READINESS};

/// The template data of the portfolio report: every figure already formatted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioView {
    /// Language tag.
    pub lang: &'static str,
    /// The as-of date.
    pub as_of: String,
    /// Labels.
    pub labels: ReportLabels,
    /// Totals.
    pub totals: TotalsView,
    /// Rows.
    pub rows: Vec<RowView>,
    /// Per-FM roll-ups.
    pub by_fm: Vec<FmView>,
    /// Failed engagements.
    pub failed: Vec<FailedView>,
    /// Errors that belong to no engagement, one line each.
    pub other_problems: Vec<String>,
    /// Below each list the PDF cuts short (see [`PDF_LIMITS`]): "… and 198,000 more,
    /// listed in portfolio.xlsx", or empty when the list is whole.
    pub rows_more: String,
    /// See `rows_more`: the FastTrack Managers' tables and chart.
    pub by_fm_more: String,
    /// See `rows_more`: the failed engagements.
    pub failed_more: String,
    /// See `rows_more`: the problems outside any engagement.
    pub other_problems_more: String,
    /// Whether anything failed.
    pub has_failed: bool,
    /// Bars of readiness by factor (and overall).
    pub chart_by_factor: Vec<Bar>,
    /// Bars of overall readiness by FM.
    pub chart_by_fm: Vec<Bar>,
}

/// A readiness figure as shown: the percentage and its tone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// `75%`, or N/A.
    pub text: String,
    /// `good`, `warn`, `bad` or `muted`.
    pub tone: &'static str,
}

/// A row as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowView {
    /// Engagement ID.
    pub id: String,
    /// Customer.
    pub customer: String,
    /// FM.
    pub fm: String,
    /// Segment.
    pub segment: String,
    /// Licenses.
    pub licenses: String,
    /// Workshop date.
    pub workshop_date: String,
    /// Readiness per factor.
    pub factors: Vec<Readiness>,
    /// Overall readiness.
    pub overall: Readiness,
    /// Mandatory tasks open.
    pub mandatory_open: String,
    /// Overdue actions.
    pub overdue_actions: String,
    /// Next check-in (with the overdue word when it is overdue).
    pub next_checkin: String,
    /// The next check-in's date has passed: shown as the plan shows an overdue item.
    pub checkin_overdue: bool,
    /// Yes or No.
    pub enhanced_eligible: String,
}

/// A [`Rollup`] as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollupView {
    /// Licenses.
    pub licenses: String,
    /// Readiness per factor.
    pub factors: Vec<Readiness>,
    /// Overall readiness.
    pub overall: Readiness,
    /// Mandatory tasks open.
    pub mandatory_open: String,
    /// Overdue actions.
    pub overdue_actions: String,
    /// Eligible for enhanced adoption.
    pub enhanced_eligible: String,
}

/// Totals as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsView {
    /// Engagements.
    pub engagements: String,
    /// Ready.
    pub ready: String,
    /// Failed.
    pub failed: String,
    /// The sums and means.
    #[serde(flatten)]
    pub rollup: RollupView,
}

/// An FM roll-up as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FmView {
    /// FM.
    pub fm: String,
    /// Engagements.
    pub engagements: String,
    /// The sums and means.
    #[serde(flatten)]
    pub rollup: RollupView,
}

/// A failed engagement as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedView {
    /// Engagement ID.
    pub id: String,
    /// Customer.
    pub customer: String,
    /// Its problems, one line each.
    pub problems: Vec<String>,
    /// See [`PortfolioView::rows_more`]: its problems beyond the first few.
    pub problems_more: String,
}

/// How much of each list the PDF shows; `portfolio.xlsx` always has all of it. A
/// portfolio of 2,000 engagements is shown whole (49 pages); beyond that a printed list
/// helps no one, and 199,000 failing engagements took 2.4 GB and 27 s to lay out as one
/// document.
#[derive(Debug, Clone, Copy)]
pub struct PdfLimits {
    /// Rows of the engagements table.
    pub rows: usize,
    /// FastTrack Managers (their two tables and the chart).
    pub fms: usize,
    /// Failed engagements.
    pub failed: usize,
    /// Problems of one failed engagement.
    pub problems: usize,
    /// Problems outside any engagement.
    pub other_problems: usize,
}

/// The limits in force (see [`PdfLimits`]).
pub const PDF_LIMITS: PdfLimits = PdfLimits {
    rows: 2_000,
    fms: 200,
    failed: 200,
    problems: 50,
    other_problems: 200,
};

/// The English name of a segment as the contract spells it.
pub fn segment_name(s: Segment) -> &'static str {
    match s {
        Segment::Enterprise => "Enterprise",
        Segment::Smc => "SMC",
        Segment::Smb => "SMB",
    }
}

/// Shows a readiness figure as a tone for status colours: good, warn or bad, by the one
/// rule ([`crate::model::rules::readiness_band`]).
pub fn readiness_tone(value: f32) -> &'static str {
    match crate::model::rules::readiness_band(value) {
        crate::model::rules::ReadinessBand::Good => "good",
        crate::model::rules::ReadinessBand::Fair => "warn",
        crate::model::rules::ReadinessBand::Low => "bad",
    }
}

fn readiness(v: Option<f32>, lang: Lang) -> Readiness {
    match v {
        Some(v) => Readiness {
            text: format::percent(f64::from(v), 0, lang),
            tone: readiness_tone(v),
        },
        None => Readiness {
            text: format::not_applicable(lang).into(),
            tone: "muted",
        },
    }
}

impl RollupView {
    fn of(r: &Rollup, lang: Lang) -> RollupView {
        RollupView {
            licenses: format::count(r.licenses, lang),
            factors: r.factors.map(|x| readiness(x, lang)).to_vec(),
            overall: readiness(r.overall, lang),
            mandatory_open: format::count(r.mandatory_open, lang),
            overdue_actions: format::count(r.overdue_actions, lang),
            enhanced_eligible: format::count(r.enhanced_eligible, lang),
        }
    }
}

impl Portfolio {
    /// What the `portfolio.md.hbs` template shows, localized.
    pub fn view(&self, lang: Lang, labels: &ReportLabels) -> PortfolioView {
        let labels = labels.clone();
        let count = |n: u64| format::count(n, lang);
        let date = |d| format::date(d, lang);
        // The engagement table is dense: its dates are the short numeric form the
        // workbook uses too (2026-07-13, 13/07/2026), so a row stays one line high.
        let short = |d: chrono::NaiveDate| match lang {
            Lang::En => d.format("%Y-%m-%d").to_string(),
            Lang::PtBr => d.format("%d/%m/%Y").to_string(),
        };
        let l = PDF_LIMITS;
        let more = |total: usize, shown: usize| {
            if total > shown {
                labels
                    .more_in_workbook
                    .replace("{n}", &count((total - shown) as u64))
            } else {
                String::new()
            }
        };
        let rows = self
            .rows
            .iter()
            .take(l.rows)
            .map(|r| RowView {
                id: r.id.clone(),
                customer: r.customer.clone(),
                fm: r.fm.clone(),
                segment: r.segment.map(segment_name).unwrap_or_default().to_string(),
                licenses: r.licenses.map(count).unwrap_or_default(),
                workshop_date: short(r.workshop_date),
                factors: r.factors.map(|x| readiness(x, lang)).to_vec(),
                overall: readiness(r.overall, lang),
                mandatory_open: count(r.mandatory_open),
                overdue_actions: count(r.overdue_actions),
                next_checkin: match r.next_checkin {
                    // A check-in whose date has passed is what a manager must chase.
                    Some(d) if rules::checkin_overdue(Some(d), self.as_of) => {
                        format!("{} · {}", short(d), labels.checkin_overdue)
                    }
                    Some(d) => short(d),
                    None => labels.to_be_scheduled.clone(),
                },
                checkin_overdue: rules::checkin_overdue(r.next_checkin, self.as_of),
                enhanced_eligible: if r.enhanced_eligible {
                    labels.yes.clone()
                } else {
                    labels.no.clone()
                },
            })
            .collect();
        let by_fm = self
            .by_fm
            .iter()
            .take(l.fms)
            .map(|g| FmView {
                fm: g.fm.clone(),
                engagements: count(g.engagements),
                rollup: RollupView::of(&g.rollup, lang),
            })
            .collect();
        let failed = self
            .failed
            .iter()
            .take(l.failed)
            .map(|x| FailedView {
                id: x.id.clone(),
                customer: x.customer.clone(),
                problems_more: more(x.problems.len(), l.problems),
                // The heading names the engagement; each line need not repeat it.
                problems: x
                    .problems
                    .iter()
                    .take(l.problems)
                    .map(|p| {
                        Problem {
                            engagement: None,
                            ..p.clone()
                        }
                        .line(lang)
                    })
                    .collect(),
            })
            .collect();
        let t = &self.totals;
        let totals = TotalsView {
            engagements: count(t.engagements),
            ready: count(t.ready),
            failed: count(t.failed),
            rollup: RollupView::of(&t.rollup, lang),
        };
        let factor_names = [
            &labels.stakeholders,
            &labels.scenarios,
            &labels.awareness,
            &labels.training,
        ];
        let chart_by_factor = factor_names
            .iter()
            .zip(t.rollup.factors)
            .map(|(name, v)| Bar::new(name, v))
            .chain(std::iter::once(Bar::new(&labels.overall, t.rollup.overall)))
            .collect();
        let chart_by_fm = self
            .by_fm
            .iter()
            .take(l.fms)
            .map(|g| Bar::new(&g.fm, g.rollup.overall))
            .collect();
        PortfolioView {
            lang: lang.tag(),
            as_of: date(self.as_of),
            totals,
            rows,
            by_fm,
            failed,
            other_problems: self
                .other_problems
                .iter()
                .take(l.other_problems)
                .map(|p| p.line(lang))
                .collect(),
            rows_more: more(self.rows.len(), l.rows),
            by_fm_more: more(self.by_fm.len(), l.fms),
            failed_more: more(self.failed.len(), l.failed),
            other_problems_more: more(self.other_problems.len(), l.other_problems),
            has_failed: !self.failed.is_empty() || !self.other_problems.is_empty(),
            chart_by_factor,
            chart_by_fm,
            labels,
        }
    }
}
