//! Loading: raw tables into engagements, with every problem found.
//!
//! Three passes: match every table to the contract (unknown sheets are a notice, a warning
//! when named like a table the file lacks; missing required columns one error per sheet, a
//! header named like a missing column a warning); read the Engagements rows and find duplicate IDs
//! across the whole batch; then link every other row to its engagement by ID (or to the
//! file's only engagement when the ID column is left out) and parse its values.

use super::names::{
    ActionCol, Column, EngagementCol, HeaderMap, MetricCol, ServiceCol, StakeholderCol, TableKind,
    TaskCol,
};
use super::values;
use super::{Action, Engagement, Loaded, Metric, Origin, Service, Stakeholder, Task};
use crate::i18n::{Keyword, Message, Name, Place, DUPLICATE_PLACES_SHOWN};
use crate::input::{InputSet, RawCell, RawRow, RawTable};
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

mod row;

use row::RowCtx;

/// A table matched to the contract.
struct Matched<'a> {
    source: usize,
    /// Position of the table in its source, for problem order.
    order: usize,
    kind: TableKind,
    raw: &'a RawTable,
    map: HeaderMap,
    /// A required column is missing: its rows cannot be read.
    unusable: bool,
}

/// Problems with a sort key, so the report follows the input's order.
#[derive(Default)]
struct Found {
    items: Vec<((usize, usize, u64), Problem)>,
}

impl Found {
    fn push(&mut self, key: (usize, usize, u64), p: Problem) {
        self.items.push((key, p));
    }
}

/// A row of blanks (spaces count as blank) is skipped like an empty one.
fn is_blank_row(row: &RawRow) -> bool {
    row.cells.iter().all(RawCell::is_blank)
}

fn placeholder_date() -> NaiveDate {
    NaiveDate::MIN
}

/// See [`super::load`].
pub fn load(input: &InputSet) -> Loaded {
    let mut found = Found::default();
    let mut tables: Vec<Matched> = Vec::new();

    for (s, source) in input.sources.iter().enumerate() {
        let kinds: Vec<Option<TableKind>> = source
            .tables
            .iter()
            .map(|raw| TableKind::from_sheet_name(&raw.sheet))
            .collect();
        for ((t, raw), kind) in source.tables.iter().enumerate().zip(&kinds) {
            let problem = match kind {
                Some(kind) => {
                    tables.push(match_table(s, t, *kind, raw, &mut found));
                    continue;
                }
                // A sheet named like a table this file lacks ("Engagements 2024", "Taks")
                // is a warning that says which, not a notice that it was ignored.
                None => match TableKind::ALL
                    .into_iter()
                    .filter(|k| !kinds.contains(&Some(*k)))
                    .filter_map(|k| Some((k.resemblance(&raw.sheet)?, k)))
                    .min()
                {
                    Some((_, like)) => Problem::file(
                        Severity::Warning,
                        &raw.file,
                        Message::LooksLikeSheet(Name {
                            en: like.en(),
                            pt: like.pt(),
                        }),
                    ),
                    None => Problem::file(Severity::Notice, &raw.file, Message::SheetNotInContract),
                },
            };
            found.push(
                (s, t, 0),
                Problem {
                    sheet: Some(raw.sheet.clone()),
                    ..problem
                },
            );
        }
        if kinds.iter().all(Option::is_none) {
            found.push(
                (s, usize::MAX, 0),
                Problem::file(Severity::Error, &source.file, Message::NoContractSheet),
            );
        }
    }
    // Other sheets but no Engagements sheet anywhere: one error for each file holding
    // them, instead of one for each of their rows (no ID could be found).
    let no_engagements = !tables.iter().any(|t| t.kind == TableKind::Engagements);
    if no_engagements {
        let mut named = BTreeSet::new();
        for t in &tables {
            if named.insert(t.source) {
                found.push(
                    (t.source, usize::MAX, 0),
                    Problem::file(Severity::Error, &t.raw.file, Message::NoEngagementsSheet),
                );
            }
        }
    }

    // Pass 2: the engagements, and duplicate IDs across the batch.
    let mut engagements: Vec<Engagement> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut per_source: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut occurrences: HashMap<String, Vec<Origin>> = HashMap::new();
    // Engagements whose own sheet lacks a required column: listed, never valid.
    let mut spoiled: BTreeSet<usize> = BTreeSet::new();
    for table in tables
        .iter()
        .filter(|t| t.kind == TableKind::Engagements && t.map.id_index().is_some())
    {
        for row in table.raw.rows.iter().filter(|r| !is_blank_row(r)) {
            let mut ctx = RowCtx::new(table, row, &mut found).columns::<EngagementCol>();
            let Some(id) = ctx.required_text(EngagementCol::EngagementId) else {
                continue;
            };
            ctx.engagement = Some(id.clone());
            let engagement = read_engagement(&mut ctx, id.clone());
            occurrences
                .entry(id.clone())
                .or_default()
                .push(engagement.origin.clone());
            if let std::collections::hash_map::Entry::Vacant(slot) = by_id.entry(id) {
                if table.unusable {
                    spoiled.insert(engagements.len());
                }
                slot.insert(engagements.len());
                per_source
                    .entry(table.source)
                    .or_default()
                    .push(engagements.len());
                engagements.push(engagement);
            }
        }
    }
    let mut duplicated: BTreeSet<String> = BTreeSet::new();
    for (id, places) in &occurrences {
        if places.len() < 2 {
            continue;
        }
        duplicated.insert(id.clone());
        for (i, place) in places.iter().enumerate() {
            let others: Vec<Place> = places
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .take(DUPLICATE_PLACES_SHOWN)
                .map(|(_, o)| Place {
                    file: o.file.clone(),
                    sheet: o.sheet.clone(),
                    row: o.row,
                })
                .collect();
            let more = places.len() - 1 - others.len();
            let (source, order) = tables
                .iter()
                .find(|t| t.raw.file == place.file && t.raw.sheet == place.sheet)
                .map(|t| (t.source, t.order))
                .unwrap_or_default();
            found.push(
                (source, order, place.row),
                Problem {
                    severity: Severity::Error,
                    file: place.file.clone(),
                    sheet: Some(place.sheet.clone()),
                    row: Some(place.row),
                    column: engagement_id_header(&tables, place),
                    value: Some(id.clone()),
                    message: Message::DuplicateId { others, more },
                    engagement: Some(id.clone()),
                },
            );
        }
    }

    // Pass 3: every other row, linked to its engagement. A sheet that lacks a required
    // column spoils the engagements its rows belong to (all of the file's when they
    // cannot be told apart); its header error names the engagement when there is one.
    for table in &tables {
        let own = per_source
            .get(&table.source)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if no_engagements {
            break;
        }
        if table.kind == TableKind::Engagements {
            if table.unusable {
                let here: BTreeSet<usize> = table
                    .raw
                    .rows
                    .iter()
                    .filter_map(|r| {
                        let i = table.map.id_index()?;
                        by_id.get(&values::cell_text(r.cells.get(i)?)?).copied()
                    })
                    .collect();
                blame(&mut found, table, &here, &engagements);
            }
            continue;
        }
        let id_column = table.map.id_index();
        if id_column.is_none() && own.len() != 1 && table.raw.rows.iter().any(|r| !is_blank_row(r))
        {
            let Some(column) = table.kind.columns().first().map(|s| s.names()) else {
                continue;
            };
            found.push(
                (table.source, table.order, table.raw.header_row),
                Problem {
                    sheet: Some(table.raw.sheet.clone()),
                    row: Some(table.raw.header_row),
                    ..Problem::file(
                        Severity::Error,
                        &table.raw.file,
                        Message::MissingIdColumn {
                            column,
                            engagements: own.len(),
                        },
                    )
                },
            );
            spoiled.extend(own);
            continue;
        }
        // Rows are read on every core, each with its own problems; then, in row order,
        // each child joins its engagement and the problems the list: the same result as
        // one row after another (problems are sorted by place at the end). A block of
        // rows at a time, so the children waiting to join are few whatever the sheet.
        let rows: Vec<&RawRow> = table.raw.rows.iter().filter(|r| !is_blank_row(r)).collect();
        let mut here: BTreeSet<usize> = BTreeSet::new();
        for block in rows.chunks(ROWS_READ_AT_ONCE) {
            let read: Vec<(Option<usize>, Option<Child>, Found)> = block
                .par_iter()
                .with_min_len(256)
                .map(|row| {
                    let mut own_found = Found::default();
                    let mut ctx = RowCtx::new(table, row, &mut own_found);
                    let target = match ctx.id_text() {
                        Some(id) => match by_id.get(&id) {
                            Some(&e) => Some(e),
                            None => {
                                ctx.report(
                                    Severity::Error,
                                    id_column,
                                    Some(id),
                                    Message::UnknownEngagement { like: None },
                                );
                                None
                            }
                        },
                        None if own.len() == 1 => own.first().copied(),
                        None => {
                            ctx.report(
                                Severity::Error,
                                id_column,
                                None,
                                Message::EmptyEngagementId,
                            );
                            None
                        }
                    };
                    let engagement = target.and_then(|e| engagements.get(e));
                    let child = match engagement {
                        Some(engagement) if !table.unusable => {
                            ctx.engagement = Some(engagement.id.clone());
                            read_child(ctx, table.kind)
                        }
                        _ => None,
                    };
                    (target.filter(|_| engagement.is_some()), child, own_found)
                })
                .collect();
            for (target, child, own_found) in read {
                found.items.extend(own_found.items);
                let Some(e) = target else { continue };
                if table.unusable {
                    here.insert(e);
                } else if let (Some(child), Some(engagement)) = (child, engagements.get_mut(e)) {
                    child.join(engagement);
                }
            }
        }
        if table.unusable {
            blame(&mut found, table, &here, &engagements);
            spoiled.extend(here);
        }
    }

    let mut items = found.items;
    suggest_ids(&mut items, &by_id);
    let mut failed: BTreeSet<String> = items
        .iter()
        .filter(|(_, p)| p.is_error())
        .filter_map(|(_, p)| p.engagement.clone())
        .collect();
    failed.extend(duplicated);
    failed.extend(
        spoiled
            .iter()
            .filter_map(|&i| engagements.get(i))
            .map(|e| e.id.clone()),
    );
    for engagement in &mut engagements {
        engagement.valid = !failed.contains(&engagement.id);
    }

    items.sort_by_key(|(key, _)| *key);
    let mut problems = input.problems.clone();
    problems.extend(items.into_iter().map(|(_, p)| p));
    Loaded {
        engagements,
        problems,
    }
}

/// At most this many distinct unknown Engagement IDs get a "did you mean", each compared
/// with at most [`SUGGEST_MAX_KNOWN`] known IDs: a sheet of a million rows naming IDs
/// that do not exist costs a bounded search, not one per row.
const SUGGEST_MAX_UNKNOWN: usize = 32;
/// See [`SUGGEST_MAX_UNKNOWN`].
const SUGGEST_MAX_KNOWN: usize = 20_000;
/// IDs longer than this (in characters) are not compared letter by letter.
const SUGGEST_MAX_CHARS: usize = 64;

/// Fills in the ID each unknown-engagement error most likely meant ([`likely_id`]), once
/// for each distinct unknown ID.
fn suggest_ids(items: &mut [((usize, usize, u64), Problem)], by_id: &HashMap<String, usize>) {
    if by_id.is_empty() || by_id.len() > SUGGEST_MAX_KNOWN {
        return;
    }
    let mut known: Vec<(String, &str)> = by_id
        .keys()
        .filter(|id| id.chars().count() <= SUGGEST_MAX_CHARS)
        .map(|id| (crate::model::names::fold(id), id.as_str()))
        .collect();
    known.sort_unstable();
    let mut seen: HashMap<String, Option<String>> = HashMap::new();
    for (_, p) in items.iter_mut() {
        let (Message::UnknownEngagement { like }, Some(id)) = (&mut p.message, &p.value) else {
            continue;
        };
        if let Some(found) = seen.get(id) {
            like.clone_from(found);
        } else if seen.len() < SUGGEST_MAX_UNKNOWN {
            let found = likely_id(id, &known);
            like.clone_from(&found);
            seen.insert(id.clone(), found);
        }
    }
}

/// The known ID (folded, as written) an unknown one most likely meant: the only one
/// closest to it once both are folded (case, dashes and spaces aside) and at most a
/// quarter of its letters away (one to three): `eng 1001` and `ENG-101` for `ENG-1001`;
/// none when two are as close (`ENG-100` for `ENG-1001` and `ENG-1002`).
fn likely_id(unknown: &str, known: &[(String, &str)]) -> Option<String> {
    let folded = crate::model::names::fold(unknown);
    let len = folded.chars().count();
    if folded.is_empty() || len > SUGGEST_MAX_CHARS {
        return None;
    }
    let limit = (len / 4).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for (k, id) in known {
        if k.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = strsim::damerau_levenshtein(&folded, k);
        match best {
            _ if d > limit => {}
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, id));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, id)| id.to_string())
}

/// Names the engagement on a sheet's header errors when exactly one is affected.
fn blame(found: &mut Found, table: &Matched, affected: &BTreeSet<usize>, all: &[Engagement]) {
    let [only] = affected.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    let Some(id) = all.get(*only).map(|e| e.id.clone()) else {
        return;
    };
    for (key, p) in &mut found.items {
        if *key == (table.source, table.order, table.raw.header_row)
            && p.is_error()
            && p.engagement.is_none()
        {
            p.engagement = Some(id.clone());
        }
    }
}

fn engagement_id_header(tables: &[Matched], place: &Origin) -> Option<String> {
    let t = tables
        .iter()
        .find(|t| t.raw.file == place.file && t.raw.sheet == place.sheet)?;
    let index = t.map.id_index()?;
    t.raw.headers.get(index).cloned()
}

fn match_table<'a>(
    source: usize,
    order: usize,
    kind: TableKind,
    raw: &'a RawTable,
    found: &mut Found,
) -> Matched<'a> {
    let map = HeaderMap::new(kind, &raw.headers);
    let place = |message: Message, severity: Severity, column: Option<String>| Problem {
        sheet: Some(raw.sheet.clone()),
        row: Some(raw.header_row),
        column,
        ..Problem::file(severity, &raw.file, message)
    };
    let mut unusable = false;
    for (spec, slot) in kind.columns().iter().zip(&map.known) {
        if spec.required && slot.is_none() {
            unusable = true;
            found.push(
                (source, order, raw.header_row),
                place(Message::MissingColumn(spec.names()), Severity::Error, None),
            );
        }
    }
    // A header not in the contract that looks like a column the sheet lacks ("Staus",
    // "Workshop Date (dd/mm/yyyy)"): kept as a custom field, as the contract says, but
    // that column now reads as empty in every row, so the user is told which it was.
    for (_, header) in &map.custom {
        let like = kind
            .columns()
            .iter()
            .zip(&map.known)
            .filter(|(_, slot)| slot.is_none())
            .filter_map(|(spec, _)| Some((spec.resemblance(header)?, spec)))
            .min_by_key(|(distance, _)| *distance);
        if let Some((_, spec)) = like {
            found.push(
                (source, order, raw.header_row),
                place(
                    Message::LooksLikeColumn {
                        header: header.clone(),
                        column: spec.names(),
                    },
                    Severity::Warning,
                    Some(header.clone()),
                ),
            );
        }
    }
    for (index, header) in &map.duplicates {
        let first = kind
            .columns()
            .iter()
            .zip(&map.known)
            .find(|(s, _)| s.matches(header))
            .and_then(|(_, i)| *i)
            .and_then(|i| raw.headers.get(i))
            .cloned()
            .unwrap_or_default();
        found.push(
            (source, order, raw.header_row),
            place(
                Message::DuplicateColumn {
                    letter: column_letter(*index),
                    header: header.clone(),
                    first,
                },
                Severity::Warning,
                Some(header.clone()),
            ),
        );
    }
    Matched {
        source,
        order,
        kind,
        raw,
        map,
        unusable,
    }
}

/// `A`, `B`, … `AA` for a 0-based column index.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn read_engagement(ctx: &mut RowCtx<EngagementCol>, id: String) -> Engagement {
    let customer = ctx.required_text(EngagementCol::Customer);
    let tenant_domain = ctx.text(EngagementCol::TenantDomain);
    let segment = ctx.keyword(
        EngagementCol::Segment,
        values::parse_segment_text,
        Keyword::Segment,
    );
    let licenses = ctx.value(EngagementCol::Licenses, values::licenses);
    let fm = ctx.required_text(EngagementCol::FastTrackManager);
    let fm_email = ctx
        .value(EngagementCol::FmEmail, emails)
        .and_then(|v: Vec<String>| v.into_iter().next());
    let partner = ctx.text(EngagementCol::Partner);
    let contact = ctx.text(EngagementCol::CustomerContact);
    let contact_emails = ctx
        .value(EngagementCol::ContactEmail, emails)
        .unwrap_or_default();
    let kickoff_date = ctx.date(EngagementCol::KickoffDate);
    let workshop_date = ctx.required_value(EngagementCol::WorkshopDate, values::date);
    let language = ctx.keyword(
        EngagementCol::Language,
        values::parse_lang_text,
        Keyword::Language,
    );
    let cadence = ctx.keyword(
        EngagementCol::CheckInCadence,
        values::parse_cadence_text,
        Keyword::Cadence,
    );
    let next_checkin = ctx.date(EngagementCol::NextCheckIn);
    let channel = ctx.text(EngagementCol::CommunicationChannel);
    let enterprise_adoption_benefit =
        ctx.value(EngagementCol::EnterpriseAdoptionBenefit, values::yes_no);
    let success_vision = ctx.text(EngagementCol::SuccessVision);
    let custom = ctx.custom();
    Engagement {
        id,
        customer: customer.unwrap_or_default(),
        tenant_domain,
        segment,
        licenses,
        fm: fm.unwrap_or_default(),
        fm_email,
        partner,
        contact,
        contact_emails,
        kickoff_date,
        workshop_date: workshop_date.unwrap_or_else(placeholder_date),
        language,
        cadence,
        next_checkin,
        channel,
        enterprise_adoption_benefit,
        success_vision,
        custom,
        services: Vec::new(),
        stakeholders: Vec::new(),
        metrics: Vec::new(),
        tasks: Vec::new(),
        actions: Vec::new(),
        origin: ctx.origin(),
        valid: true,
    }
}

fn emails(cell: &RawCell) -> Result<Option<Vec<String>>, Message> {
    match values::cell_text(cell) {
        None => Ok(None),
        Some(t) => values::parse_emails(&t).map(|v| (!v.is_empty()).then_some(v)),
    }
}

fn factor(ctx: &mut RowCtx<ServiceCol>, column: ServiceCol) -> super::FactorStatus {
    ctx.keyword(column, values::parse_factor_text, Keyword::Factor)
        .unwrap_or_default()
}

fn work<C: Column>(ctx: &mut RowCtx<C>, column: C) -> super::WorkStatus {
    ctx.keyword(column, values::parse_work_text, Keyword::Work)
        .unwrap_or_default()
}

/// Rows of a child sheet read in parallel before they join their engagements.
const ROWS_READ_AT_ONCE: usize = 8192;

/// A row of a child sheet, read, on its way to its engagement.
enum Child {
    Service(Service),
    Stakeholder(Stakeholder),
    Metric(Metric),
    Task(Task),
    Action(Action),
}

impl Child {
    fn join(self, engagement: &mut Engagement) {
        match self {
            Child::Service(s) => engagement.services.push(s),
            Child::Stakeholder(s) => engagement.stakeholders.push(s),
            Child::Metric(m) => engagement.metrics.push(m),
            Child::Task(t) => engagement.tasks.push(t),
            Child::Action(a) => engagement.actions.push(a),
        }
    }
}

/// The child a row of a `kind` sheet holds, or `None` when the row has errors (they are
/// in the context's problems).
fn read_child(ctx: RowCtx, kind: TableKind) -> Option<Child> {
    match kind {
        TableKind::Engagements => None,
        TableKind::Services => {
            let ctx = &mut ctx.columns::<ServiceCol>();
            let name = ctx.required_text(ServiceCol::Service);
            let service = Service {
                name: name.unwrap_or_default(),
                stakeholders: factor(ctx, ServiceCol::Stakeholders),
                scenarios: factor(ctx, ServiceCol::Scenarios),
                awareness: factor(ctx, ServiceCol::Awareness),
                training: factor(ctx, ServiceCol::Training),
                notes: ctx.text(ServiceCol::Notes),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            (ctx.errors == 0).then_some(Child::Service(service))
        }
        TableKind::Stakeholders => {
            let ctx = &mut ctx.columns::<StakeholderCol>();
            let name = ctx.required_text(StakeholderCol::Name);
            let stakeholder = Stakeholder {
                name: name.unwrap_or_default(),
                role: ctx.text(StakeholderCol::Role),
                email: ctx
                    .value(StakeholderCol::Email, emails)
                    .and_then(|v| v.into_iter().next()),
                responsibility: ctx.text(StakeholderCol::Responsibility),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            (ctx.errors == 0).then_some(Child::Stakeholder(stakeholder))
        }
        TableKind::Metrics => {
            let ctx = &mut ctx.columns::<MetricCol>();
            let scenario = ctx.required_text(MetricCol::Scenario);
            let metric = Metric {
                service: ctx.text(MetricCol::Service),
                scenario: scenario.unwrap_or_default(),
                metric: ctx.text(MetricCol::Metric),
                baseline: ctx.amount(MetricCol::Baseline),
                target: ctx.amount(MetricCol::Target),
                target_date: ctx.date(MetricCol::TargetDate),
                owner: ctx.text(MetricCol::Owner),
                source: ctx.text(MetricCol::Source),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            (ctx.errors == 0).then_some(Child::Metric(metric))
        }
        TableKind::Tasks => {
            let ctx = &mut ctx.columns::<TaskCol>();
            let id = ctx.required_value(TaskCol::TaskId, values::whole);
            let name = ctx.required_text(TaskCol::TaskName);
            let task = Task {
                id: id.unwrap_or_default(),
                name: name.unwrap_or_default(),
                mandatory: ctx.keyword(
                    TaskCol::Required,
                    values::parse_required_text,
                    Keyword::Required,
                ),
                role: ctx.text(TaskCol::Role),
                services: ctx.text(TaskCol::Services),
                status: work(ctx, TaskCol::Status),
                owner: ctx.text(TaskCol::Owner),
                due: ctx.date(TaskCol::DueDate),
                completed: ctx.date(TaskCol::CompletedDate),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            (ctx.errors == 0).then_some(Child::Task(task))
        }
        TableKind::Actions => {
            let ctx = &mut ctx.columns::<ActionCol>();
            let action = ctx.required_text(ActionCol::Action);
            let action = Action {
                action: action.unwrap_or_default(),
                owner: ctx.text(ActionCol::Owner),
                due: ctx.date(ActionCol::DueDate),
                status: work(ctx, ActionCol::Status),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            (ctx.errors == 0).then_some(Child::Action(action))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(ids: &[&'static str]) -> Vec<(String, &'static str)> {
        let mut v: Vec<_> = ids
            .iter()
            .map(|id| (crate::model::names::fold(id), *id))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn likely_id_is_the_one_closest_id() {
        let ids = known(&["ENG-1001", "ENG-2002", "BR-2001"]);
        assert_eq!(likely_id("ENG-101", &ids).as_deref(), Some("ENG-1001"));
        assert_eq!(likely_id("eng 1001", &ids).as_deref(), Some("ENG-1001"));
        assert_eq!(likely_id("BR-2010", &ids).as_deref(), Some("BR-2001"));
        assert_eq!(likely_id("XYZ-9", &ids), None);
        assert_eq!(likely_id("", &ids), None);
        // Two as close: no guess.
        let ids = known(&["ENG-1001", "ENG-1002"]);
        assert_eq!(likely_id("ENG-100", &ids), None);
    }
}
