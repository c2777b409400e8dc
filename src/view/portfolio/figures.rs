//! The report's figures, computed from the model with the rules the kit uses.

use crate::model::{rules, Engagement, Loaded, Segment};
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The portfolio report's figures.
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
    /// Eligible for enhanced adoption services ([`rules::enhanced_adoption_eligible`]).
    pub enhanced_eligible: bool,
}

/// The figures totals and per-FM roll-ups share: sums and means over their rows.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Rollup {
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

/// Totals over the report's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Totals {
    /// Engagements in the report (rendered or failed).
    pub engagements: u64,
    /// Engagements with a row (ready).
    pub ready: u64,
    /// Engagements that failed.
    pub failed: u64,
    /// Sums and means over the rows.
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// One FastTrack Manager's roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FmRollup {
    /// The FM's name.
    pub fm: String,
    /// Engagements with a row.
    pub engagements: u64,
    /// Sums and means over the FM's rows.
    #[serde(flatten)]
    pub rollup: Rollup,
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
        Row {
            id: e.id.clone(),
            customer: e.customer.clone(),
            fm: e.fm.clone(),
            segment: e.segment,
            licenses: e.licenses,
            workshop_date: e.workshop_date,
            factors: rules::factor_readiness(e),
            overall: rules::overall_readiness(e),
            mandatory_open: rules::mandatory_open(e) as u64,
            overdue_actions: rules::overdue_actions(e, as_of) as u64,
            next_checkin: e.next_checkin,
            enhanced_eligible: rules::enhanced_adoption_eligible(e),
        }
    }
}

impl Rollup {
    /// Sums and means over some rows.
    pub fn of(rows: &[&Row]) -> Rollup {
        Rollup {
            // Each is at most `values::MAX_LICENSES` (the model refuses more); saturating all the same,
            // so no input can wrap a total a customer reads.
            licenses: rows
                .iter()
                .fold(0u64, |a, r| a.saturating_add(r.licenses.unwrap_or(0))),
            factors: std::array::from_fn(|i| mean(rows.iter().map(|r| r.factors[i]))),
            overall: mean(rows.iter().map(|r| r.overall)),
            mandatory_open: rows.iter().map(|r| r.mandatory_open).sum(),
            overdue_actions: rows.iter().map(|r| r.overdue_actions).sum(),
            enhanced_eligible: rows.iter().filter(|r| r.enhanced_eligible).count() as u64,
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
        let rows: Vec<&Row> = self.rows.iter().collect();
        self.totals = Totals {
            engagements: (rows.len() + self.failed.len()) as u64,
            ready: rows.len() as u64,
            failed: self.failed.len() as u64,
            rollup: Rollup::of(&rows),
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
                rollup: Rollup::of(&rs),
            })
            .collect();
    }
}

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
