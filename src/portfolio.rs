//! The portfolio report for a batch: one row per engagement, totals, per-FM roll-ups,
//! readiness charts and the engagements that failed, with their problems.
//!
//! [`Portfolio::from_loaded`] computes the report's data from the model; the XLSX writer
//! ([`crate::output::xlsx`]) reads it typed, and [`Portfolio::view`] turns it into the
//! localized strings the `portfolio.md.hbs` templates show (templates never compute).
//!
//! Definitions, so the report and the kits agree:
//! - readiness per factor and overall use [`crate::view::readiness`] over the engagement's
//!   services; totals and roll-ups are the mean over engagements (each counts once, however
//!   many services it has), leaving out engagements where nothing applies;
//! - a mandatory task is open when it is marked mandatory and is neither completed nor N/A;
//! - an action is overdue when it is open and its due date is before the as-of date;
//! - enhanced adoption services: Enterprise segment with more than 20,000 licenses.

use crate::model::{Engagement, FactorStatus, Lang, Loaded, Segment};
use crate::problem::{Problem, Severity};
use crate::view::readiness;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Licenses above which an Enterprise customer qualifies for enhanced adoption services.
pub const ENHANCED_ADOPTION_LICENSES: u64 = 20_000;

/// `file` (a path as input reading names it: an input argument, or an argument joined
/// with a name inside it) relative to the argument it came from: inside a folder, the path
/// below the folder; otherwise the base name. Separators come out as `/`.
pub fn relative_file(file: &str, inputs: &[std::path::PathBuf]) -> String {
    use std::path::Path;
    let path = Path::new(file);
    // The longest argument wins, so `data/` and `data/q3/` both named still give `x.xlsx`.
    let below = inputs
        .iter()
        .filter(|root| path != root.as_path())
        .filter_map(|root| path.strip_prefix(root).ok())
        .filter(|rest| !rest.as_os_str().is_empty())
        .min_by_key(|rest| rest.components().count());
    match below {
        Some(rest) => rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string()),
    }
}

/// Readiness at or above which a figure shows as good (green).
pub const GOOD_READINESS: f32 = 0.8;

/// Readiness at or above which a figure shows as in progress (amber); below it, a gap.
pub const FAIR_READINESS: f32 = 0.5;

/// The portfolio report's data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Portfolio {
    /// The date overdue items are judged against.
    pub as_of: NaiveDate,
    /// One row per engagement that could be rendered, in input order.
    pub rows: Vec<Row>,
    /// Totals over `rows`.
    pub totals: Totals,
    /// One roll-up per FastTrack Manager, by name.
    pub by_fm: Vec<FmRollup>,
    /// Engagements that failed (validation or rendering), with their problems.
    pub failed: Vec<Failed>,
    /// Errors that belong to no engagement (a file that could not be read, say).
    pub other_problems: Vec<Problem>,
}

/// One engagement's line in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Engagement ID.
    pub id: String,
    /// Customer.
    pub customer: String,
    /// FastTrack Manager.
    pub fm: String,
    /// Segment.
    pub segment: Option<Segment>,
    /// Licenses.
    pub licenses: Option<u64>,
    /// Workshop date.
    pub workshop_date: NaiveDate,
    /// Readiness of each SSAT factor (stakeholders, scenarios, awareness, training).
    pub factors: [Option<f32>; 4],
    /// Readiness over all factors of all services.
    pub overall: Option<f32>,
    /// Mandatory portal tasks still open.
    pub mandatory_open: u64,
    /// Actions past their due date and not closed.
    pub overdue_actions: u64,
    /// Next check-in.
    pub next_checkin: Option<NaiveDate>,
    /// Enterprise with more than 20,000 licenses.
    pub enhanced_eligible: bool,
}

/// Totals over the report's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Totals {
    /// Engagements in the report (rendered or failed).
    pub engagements: u64,
    /// Engagements with a row (ready).
    pub ready: u64,
    /// Engagements that failed.
    pub failed: u64,
    /// Sum of licenses.
    pub licenses: u64,
    /// Mean readiness per factor.
    pub factors: [Option<f32>; 4],
    /// Mean overall readiness.
    pub overall: Option<f32>,
    /// Sum of open mandatory tasks.
    pub mandatory_open: u64,
    /// Sum of overdue actions.
    pub overdue_actions: u64,
    /// Engagements eligible for enhanced adoption services.
    pub enhanced_eligible: u64,
}

/// One FastTrack Manager's roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FmRollup {
    /// The FM's name.
    pub fm: String,
    /// Engagements with a row.
    pub engagements: u64,
    /// Sum of licenses.
    pub licenses: u64,
    /// Mean readiness per factor.
    pub factors: [Option<f32>; 4],
    /// Mean overall readiness.
    pub overall: Option<f32>,
    /// Sum of open mandatory tasks.
    pub mandatory_open: u64,
    /// Sum of overdue actions.
    pub overdue_actions: u64,
    /// Engagements eligible for enhanced adoption services.
    pub enhanced_eligible: u64,
}

/// An engagement that could not be rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failed {
    /// Engagement ID.
    pub id: String,
    /// Customer (may be empty when the data lacks it).
    pub customer: String,
    /// FastTrack Manager (may be empty).
    pub fm: String,
    /// Its problems.
    pub problems: Vec<Problem>,
}

fn mean(values: impl IntoIterator<Item = Option<f32>>) -> Option<f32> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0f32, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f32)
}

impl Row {
    /// The report line of one (valid) engagement.
    pub fn of(e: &Engagement, as_of: NaiveDate) -> Row {
        let factor =
            |f: fn(&crate::model::Service) -> FactorStatus| readiness(e.services.iter().map(f));
        let factors = [
            factor(|s| s.stakeholders),
            factor(|s| s.scenarios),
            factor(|s| s.awareness),
            factor(|s| s.training),
        ];
        let overall = readiness(e.services.iter().flat_map(crate::view::factors));
        let mandatory_open = e
            .tasks
            .iter()
            .filter(|t| t.mandatory == Some(true) && !t.status.is_closed())
            .count() as u64;
        let overdue_actions = e
            .actions
            .iter()
            .filter(|a| !a.status.is_closed() && a.due.is_some_and(|d| d < as_of))
            .count() as u64;
        Row {
            id: e.id.clone(),
            customer: e.customer.clone(),
            fm: e.fm.clone(),
            segment: e.segment,
            licenses: e.licenses,
            workshop_date: e.workshop_date,
            factors,
            overall,
            mandatory_open,
            overdue_actions,
            next_checkin: e.next_checkin,
            enhanced_eligible: e.segment == Some(Segment::Enterprise)
                && e.licenses.is_some_and(|l| l > ENHANCED_ADOPTION_LICENSES),
        }
    }
}

impl Portfolio {
    /// The report of everything loaded: a row per valid engagement, the invalid ones in
    /// `failed` with their problems, and errors that belong to no engagement apart.
    pub fn from_loaded(loaded: &Loaded, as_of: NaiveDate) -> Portfolio {
        let mut by_id: BTreeMap<&str, Vec<Problem>> = BTreeMap::new();
        let mut other_problems = Vec::new();
        for p in &loaded.problems {
            match p.engagement.as_deref() {
                Some(id) => by_id.entry(id).or_default().push(p.clone()),
                None if p.severity == Severity::Error => other_problems.push(p.clone()),
                None => {}
            }
        }
        let mut rows = Vec::new();
        let mut failed = Vec::new();
        for e in &loaded.engagements {
            if e.valid {
                rows.push(Row::of(e, as_of));
            } else {
                failed.push(Failed {
                    id: e.id.clone(),
                    customer: e.customer.clone(),
                    fm: e.fm.clone(),
                    problems: by_id.get(e.id.as_str()).cloned().unwrap_or_default(),
                });
            }
        }
        let mut p = Portfolio {
            as_of,
            rows,
            totals: Totals::default(),
            by_fm: Vec::new(),
            failed,
            other_problems,
        };
        p.recompute();
        p
    }

    /// Moves an engagement that failed while rendering from the rows to the failed list.
    pub fn mark_failed(&mut self, id: &str, problems: Vec<Problem>) {
        if let Some(i) = self.rows.iter().position(|r| r.id == id) {
            let row = self.rows.remove(i);
            self.failed.push(Failed {
                id: row.id,
                customer: row.customer,
                fm: row.fm,
                problems,
            });
        } else if let Some(f) = self.failed.iter_mut().find(|f| f.id == id) {
            f.problems.extend(problems);
        }
        self.recompute();
    }

    /// Names every problem's file relative to the input the user named (a file inside a
    /// named folder keeps its path inside that folder; a named file keeps its base name),
    /// so a report sent to a manager shows `maria-lopes.xlsx`, not `/tmp/…/maria-lopes.xlsx`.
    pub fn relative_files(&mut self, inputs: &[std::path::PathBuf]) {
        let fix = |p: &mut Problem| p.file = relative_file(&p.file, inputs);
        self.failed
            .iter_mut()
            .flat_map(|f| f.problems.iter_mut())
            .for_each(fix);
        self.other_problems.iter_mut().for_each(fix);
    }

    fn recompute(&mut self) {
        let rows = &self.rows;
        let sum = |f: fn(&Row) -> u64| rows.iter().map(f).sum::<u64>();
        self.totals = Totals {
            engagements: (rows.len() + self.failed.len()) as u64,
            ready: rows.len() as u64,
            failed: self.failed.len() as u64,
            licenses: sum(|r| r.licenses.unwrap_or(0)),
            factors: std::array::from_fn(|i| mean(rows.iter().map(|r| r.factors[i]))),
            overall: mean(rows.iter().map(|r| r.overall)),
            mandatory_open: sum(|r| r.mandatory_open),
            overdue_actions: sum(|r| r.overdue_actions),
            enhanced_eligible: rows.iter().filter(|r| r.enhanced_eligible).count() as u64,
        };
        let mut groups: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for r in rows {
            groups.entry(r.fm.as_str()).or_default().push(r);
        }
        self.by_fm = groups
            .into_iter()
            .map(|(fm, rs)| FmRollup {
                fm: fm.to_string(),
                engagements: rs.len() as u64,
                licenses: rs.iter().map(|r| r.licenses.unwrap_or(0)).sum(),
                factors: std::array::from_fn(|i| mean(rs.iter().map(|r| r.factors[i]))),
                overall: mean(rs.iter().map(|r| r.overall)),
                mandatory_open: rs.iter().map(|r| r.mandatory_open).sum(),
                overdue_actions: rs.iter().map(|r| r.overdue_actions).sum(),
                enhanced_eligible: rs.iter().filter(|r| r.enhanced_eligible).count() as u64,
            })
            .collect();
    }

    /// What the `portfolio.md.hbs` template shows, localized.
    pub fn view(&self, lang: Lang, labels: &Labels) -> PortfolioView {
        let labels = labels.clone();
        let f = Fmt { lang };
        let factor_names = [
            &labels.stakeholders,
            &labels.scenarios,
            &labels.awareness,
            &labels.training,
        ];
        let rows = self
            .rows
            .iter()
            .map(|r| RowView {
                id: r.id.clone(),
                customer: r.customer.clone(),
                fm: r.fm.clone(),
                segment: r.segment.map(segment_name).unwrap_or_default().to_string(),
                licenses: r.licenses.map(|l| f.int(l)).unwrap_or_default(),
                workshop_date: f.date(r.workshop_date),
                factors: r.factors.map(|x| f.readiness(x)).to_vec(),
                overall: f.readiness(r.overall),
                mandatory_open: f.int(r.mandatory_open),
                overdue_actions: f.int(r.overdue_actions),
                next_checkin: match r.next_checkin {
                    // A check-in whose date has passed is what a manager must chase.
                    Some(d) if d < self.as_of => {
                        format!("{} · {}", f.date(d), labels.checkin_overdue)
                    }
                    Some(d) => f.date(d),
                    None => labels.to_be_scheduled.clone(),
                },
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
            .map(|g| FmView {
                fm: g.fm.clone(),
                engagements: f.int(g.engagements),
                licenses: f.int(g.licenses),
                factors: g.factors.map(|x| f.readiness(x)).to_vec(),
                overall: f.readiness(g.overall),
                mandatory_open: f.int(g.mandatory_open),
                overdue_actions: f.int(g.overdue_actions),
                enhanced_eligible: f.int(g.enhanced_eligible),
            })
            .collect();
        let failed = self
            .failed
            .iter()
            .map(|x| FailedView {
                id: x.id.clone(),
                customer: x.customer.clone(),
                // The heading names the engagement; each line need not repeat it.
                problems: x
                    .problems
                    .iter()
                    .map(|p| {
                        Problem {
                            engagement: None,
                            ..p.clone()
                        }
                        .to_string()
                    })
                    .collect(),
            })
            .collect();
        let t = &self.totals;
        let totals = TotalsView {
            engagements: f.int(t.engagements),
            ready: f.int(t.ready),
            failed: f.int(t.failed),
            licenses: f.int(t.licenses),
            factors: t.factors.map(|x| f.readiness(x)).to_vec(),
            overall: f.readiness(t.overall),
            mandatory_open: f.int(t.mandatory_open),
            overdue_actions: f.int(t.overdue_actions),
            enhanced_eligible: f.int(t.enhanced_eligible),
        };
        let chart_by_factor = factor_names
            .iter()
            .zip(t.factors)
            .map(|(name, v)| Bar::new(name, v))
            .chain(std::iter::once(Bar::new(&labels.overall, t.overall)))
            .collect();
        let chart_by_fm = self
            .by_fm
            .iter()
            .map(|g| Bar::new(&g.fm, g.overall))
            .collect();
        PortfolioView {
            lang: lang.tag(),
            as_of: f.date(self.as_of),
            totals,
            rows,
            by_fm,
            failed,
            other_problems: self.other_problems.iter().map(|p| p.to_string()).collect(),
            has_failed: !self.failed.is_empty() || !self.other_problems.is_empty(),
            chart_by_factor,
            chart_by_fm,
            labels,
        }
    }
}

/// The English name of a segment as the contract spells it.
pub fn segment_name(s: Segment) -> &'static str {
    match s {
        Segment::Enterprise => "Enterprise",
        Segment::Smc => "SMC",
        Segment::Smb => "SMB",
    }
}

/// Shows a readiness figure as a tone for status colours: good, warn or bad.
pub fn readiness_tone(value: f32) -> &'static str {
    if value >= GOOD_READINESS {
        "good"
    } else if value >= FAIR_READINESS {
        "warn"
    } else {
        "bad"
    }
}

/// Localized formatting of the report's figures.
struct Fmt {
    lang: Lang,
}

impl Fmt {
    fn int(&self, n: u64) -> String {
        crate::template::format_number(n as f64, Some(0), self.lang)
    }

    fn date(&self, d: NaiveDate) -> String {
        crate::template::format_date(&serde_json::Value::String(d.to_string()), self.lang)
    }

    fn readiness(&self, v: Option<f32>) -> Readiness {
        match v {
            Some(v) => Readiness {
                text: crate::template::format_percent(f64::from(v), 0, self.lang),
                tone: readiness_tone(v),
            },
            None => Readiness {
                text: match self.lang {
                    Lang::En => "N/A".into(),
                    Lang::PtBr => "N/D".into(),
                },
                tone: "muted",
            },
        }
    }
}

/// Labels of the portfolio report: the `[portfolio]` table of `templates/<lang>/labels.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
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
    /// Header of the summary table's label column.
    pub measure: String,
    /// A next check-in that has no date yet.
    pub to_be_scheduled: String,
    /// After a next check-in whose date has passed.
    pub checkin_overdue: String,
    /// Who the report workbook names as its author.
    pub author: String,
}

/// The built-in labels could not be read (a broken `labels.toml`).
#[derive(Debug, thiserror::Error)]
#[error("labels for {lang}: {reason}")]
pub struct LabelsError {
    /// The language.
    pub lang: &'static str,
    /// What is wrong.
    pub reason: String,
}

impl Labels {
    /// The built-in labels for a language.
    pub fn builtin(lang: Lang) -> Result<Labels, LabelsError> {
        let text = match lang {
            Lang::En => include_str!("../templates/en/labels.toml"),
            Lang::PtBr => include_str!("../templates/pt-BR/labels.toml"),
        };
        #[derive(Deserialize)]
        struct File {
            portfolio: Labels,
        }
        toml::from_str::<File>(text)
            .map(|f| f.portfolio)
            .map_err(|e| LabelsError {
                lang: lang.tag(),
                reason: e.to_string(),
            })
    }
}

impl Labels {
    /// The labels in force for a language: the built-ins, each overridden by the
    /// `portfolio.<key>` label of the template set (so `--templates` can reword them).
    pub fn from_templates(
        templates: &crate::template::Templates,
        lang: Lang,
    ) -> Result<Labels, LabelsError> {
        let builtin = Labels::builtin(lang)?;
        let Some(labels) = templates.labels(lang) else {
            return Ok(builtin);
        };
        let mut map = match serde_json::to_value(&builtin) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => return Ok(builtin),
        };
        for (key, value) in map.iter_mut() {
            if let Some(text) = labels.get(&format!("portfolio.{key}")) {
                *value = serde_json::Value::String(text.to_string());
            }
        }
        serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| LabelsError {
            lang: lang.tag(),
            reason: e.to_string(),
        })
    }
}

/// A readiness figure as shown: the percentage and its tone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// `75%`, or N/A.
    pub text: String,
    /// `good`, `warn`, `bad` or `muted`.
    pub tone: &'static str,
}

/// One bar of a chart, ready for a ```` ```chart ```` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The label, on one line.
    pub label: String,
    /// The value, 0 to 1, with three decimals.
    pub value: String,
}

impl Bar {
    fn new(label: &str, value: Option<f32>) -> Bar {
        let label: String = label
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        Bar {
            label: label.trim().to_string(),
            value: format!("{:.3}", value.unwrap_or(0.0).clamp(0.0, 1.0)),
        }
    }
}

/// The template data of the portfolio report: every figure already formatted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioView {
    /// Language tag.
    pub lang: &'static str,
    /// The as-of date.
    pub as_of: String,
    /// Labels.
    pub labels: Labels,
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
    /// Whether anything failed.
    pub has_failed: bool,
    /// Bars of readiness by factor (and overall).
    pub chart_by_factor: Vec<Bar>,
    /// Bars of overall readiness by FM.
    pub chart_by_fm: Vec<Bar>,
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
    /// Next check-in.
    pub next_checkin: String,
    /// Yes or No.
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

/// An FM roll-up as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FmView {
    /// FM.
    pub fm: String,
    /// Engagements.
    pub engagements: String,
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

/// A failed engagement as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedView {
    /// Engagement ID.
    pub id: String,
    /// Customer.
    pub customer: String,
    /// Its problems, one line each.
    pub problems: Vec<String>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;

    pub(crate) fn service(name: &str, f: [FactorStatus; 4]) -> Service {
        Service {
            name: name.into(),
            stakeholders: f[0],
            scenarios: f[1],
            awareness: f[2],
            training: f[3],
            notes: None,
            custom: Default::default(),
            origin: Default::default(),
        }
    }

    pub(crate) fn engagement(id: &str, customer: &str, fm: &str) -> Engagement {
        Engagement {
            id: id.into(),
            customer: customer.into(),
            tenant_domain: None,
            segment: Some(Segment::Enterprise),
            licenses: Some(25_000),
            fm: fm.into(),
            fm_email: None,
            partner: None,
            contact: None,
            contact_emails: vec![],
            kickoff_date: None,
            workshop_date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
            language: None,
            cadence: None,
            next_checkin: NaiveDate::from_ymd_opt(2026, 12, 1),
            channel: None,
            enterprise_adoption_benefit: None,
            success_vision: None,
            custom: Default::default(),
            services: vec![],
            stakeholders: vec![],
            metrics: vec![],
            tasks: vec![],
            actions: vec![],
            origin: Default::default(),
            valid: true,
        }
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn files_are_named_relative_to_what_the_user_typed() {
        use std::path::PathBuf;
        let inputs = [
            PathBuf::from("/tmp/qa/port/"),
            PathBuf::from("/tmp/qa/one.xlsx"),
            PathBuf::from("csv"),
        ];
        assert_eq!(
            relative_file("/tmp/qa/port/maria-lopes.xlsx", &inputs),
            "maria-lopes.xlsx"
        );
        assert_eq!(relative_file("/tmp/qa/one.xlsx", &inputs), "one.xlsx");
        assert_eq!(relative_file("csv/Tasks.csv", &inputs), "Tasks.csv");
        assert_eq!(relative_file("csv", &inputs), "csv");
        assert_eq!(relative_file("/elsewhere/b.xlsx", &inputs), "b.xlsx");
    }

    #[test]
    fn row_figures() {
        use FactorStatus::*;
        let mut e = engagement("E1", "Contoso", "Ana");
        e.services = vec![
            service("Exchange Online", [Done, Done, InProgress, NotStarted]),
            service("Teams", [Done, NotApplicable, NotStarted, NotStarted]),
        ];
        let task = |mandatory, status| Task {
            id: 1,
            name: "t".into(),
            mandatory,
            role: None,
            services: None,
            status,
            owner: None,
            due: None,
            completed: None,
            custom: Default::default(),
            origin: Default::default(),
        };
        e.tasks = vec![
            task(Some(true), WorkStatus::NotStarted),
            task(Some(true), WorkStatus::Completed),
            task(Some(true), WorkStatus::NotApplicable),
            task(Some(false), WorkStatus::NotStarted),
            task(None, WorkStatus::Blocked),
        ];
        let action = |due: Option<NaiveDate>, status| Action {
            action: "a".into(),
            owner: None,
            due,
            status,
            custom: Default::default(),
            origin: Default::default(),
        };
        e.actions = vec![
            action(
                NaiveDate::from_ymd_opt(2026, 11, 23),
                WorkStatus::InProgress,
            ),
            action(
                NaiveDate::from_ymd_opt(2026, 11, 24),
                WorkStatus::NotStarted,
            ),
            action(NaiveDate::from_ymd_opt(2026, 1, 1), WorkStatus::Completed),
            action(None, WorkStatus::NotStarted),
        ];
        let r = Row::of(&e, as_of());
        assert_eq!(r.factors, [Some(1.0), Some(1.0), Some(0.25), Some(0.0)]);
        assert_eq!(r.overall, Some(0.5));
        assert_eq!(r.mandatory_open, 1);
        assert_eq!(r.overdue_actions, 1);
        assert!(r.enhanced_eligible);
        e.licenses = Some(20_000);
        assert!(!Row::of(&e, as_of()).enhanced_eligible);
        e.licenses = Some(30_000);
        e.segment = Some(Segment::Smc);
        assert!(!Row::of(&e, as_of()).enhanced_eligible);
    }

    #[test]
    fn totals_rollups_and_failed() {
        use FactorStatus::*;
        let mut a = engagement("E1", "Contoso", "Ana");
        a.services = vec![service("X", [Done; 4])];
        let mut b = engagement("E2", "Fabrikam", "Bruno");
        b.services = vec![service("X", [NotStarted; 4])];
        b.licenses = Some(100);
        let mut c = engagement("E3", "Bad", "Ana");
        c.valid = false;
        let mut p = Problem::file(Severity::Error, "book.xlsx", "missing Customer");
        p.engagement = Some("E3".into());
        let loaded = Loaded {
            engagements: vec![a, b, c],
            problems: vec![
                p.clone(),
                Problem::file(Severity::Error, "other.xlsx", "not a spreadsheet"),
                Problem::file(Severity::Notice, "book.xlsx", "unknown sheet"),
            ],
        };
        let mut port = Portfolio::from_loaded(&loaded, as_of());
        assert_eq!(port.rows.len(), 2);
        assert_eq!(port.totals.engagements, 3);
        assert_eq!(port.totals.failed, 1);
        assert_eq!(port.totals.licenses, 25_100);
        assert_eq!(port.totals.overall, Some(0.5));
        assert_eq!(port.totals.enhanced_eligible, 1);
        assert_eq!(port.failed[0].problems, vec![p]);
        assert_eq!(port.other_problems.len(), 1);
        assert_eq!(port.by_fm.len(), 2);
        assert_eq!(port.by_fm[0].fm, "Ana");
        assert_eq!(port.by_fm[0].engagements, 1);
        port.mark_failed("E1", vec![Problem::file(Severity::Error, "x", "render")]);
        assert_eq!(port.rows.len(), 1);
        assert_eq!(port.failed.len(), 2);
        assert_eq!(port.totals.ready, 1);
        assert_eq!(port.by_fm.len(), 1);
    }

    #[test]
    fn view_formats_by_language() {
        let mut a = engagement("E1", "Contoso", "Ana|Maria");
        a.licenses = Some(1_234_567);
        a.services = vec![service("X", [FactorStatus::Done; 4])];
        let loaded = Loaded {
            engagements: vec![a],
            problems: vec![],
        };
        let port = Portfolio::from_loaded(&loaded, as_of());
        let en = port.view(Lang::En, &Labels::builtin(Lang::En).unwrap());
        assert_eq!(en.rows[0].licenses, "1,234,567");
        assert_eq!(en.rows[0].workshop_date, "November 2, 2026");
        assert_eq!(en.rows[0].overall.text, "100%");
        assert_eq!(en.rows[0].overall.tone, "good");
        assert_eq!(en.chart_by_fm[0].label, "Ana|Maria");
        assert_eq!(en.chart_by_fm[0].value, "1.000");
        let pt = port.view(Lang::PtBr, &Labels::builtin(Lang::PtBr).unwrap());
        assert_eq!(pt.rows[0].licenses, "1.234.567");
        assert_eq!(pt.rows[0].workshop_date, "02/11/2026");
        assert_eq!(pt.rows[0].enhanced_eligible, "Sim");
        assert_eq!(pt.totals.factors[0].text, "100%");
    }

    #[test]
    fn builtin_labels_parse() {
        assert!(Labels::builtin(Lang::En).is_ok());
        assert!(Labels::builtin(Lang::PtBr).is_ok());
    }
}
