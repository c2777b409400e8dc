//! Loading: raw tables into engagements, with every problem found.
//!
//! Three passes: match every table to the contract (unknown sheets are a notice, missing
//! required columns one error per sheet); read the Engagements rows and find duplicate IDs
//! across the whole batch; then link every other row to its engagement by ID (or to the
//! file's only engagement when the ID column is left out) and parse its values.

use super::names::{HeaderMap, TableKind, ENGAGEMENT_ID};
use super::values;
use super::{
    Action, Amount, CustomFields, Engagement, Loaded, Metric, Origin, Service, Stakeholder, Task,
};
use crate::input::{InputSet, RawCell, RawRow, RawTable};
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

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

/// One row being read: its table and place, the engagement it belongs to once known,
/// and the problems found so far.
struct RowCtx<'a, 'f> {
    table: &'a Matched<'a>,
    row: &'a RawRow,
    engagement: Option<String>,
    found: &'f mut Found,
    errors: usize,
}

impl<'a> RowCtx<'a, '_> {
    fn report(
        &mut self,
        severity: Severity,
        index: Option<usize>,
        value: Option<String>,
        message: String,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        let raw = self.table.raw;
        let column = index.and_then(|i| raw.headers.get(i)).cloned();
        self.found.push(
            (self.table.source, self.table.order, self.row.number),
            Problem {
                severity,
                file: raw.file.clone(),
                sheet: Some(raw.sheet.clone()),
                row: Some(self.row.number),
                column,
                value,
                message,
                engagement: self.engagement.clone(),
            },
        );
    }

    fn spec(&self, en: &str) -> Option<super::names::ColumnSpec> {
        self.table
            .kind
            .columns()
            .iter()
            .find(|s| s.en == en)
            .copied()
    }

    /// The cell of a contract column. `Err` when an error cell was found (already
    /// reported); `Ok(None)` when the column is absent or the cell blank.
    fn cell(&mut self, en: &str) -> Result<Option<&'a RawCell>, ()> {
        let Some(index) = self.table.map.index(self.table.kind, en) else {
            return Ok(None);
        };
        let row = self.row;
        let cell = row.cells.get(index);
        match cell.and_then(values::error_code) {
            None => match cell {
                Some(cell) if !cell.is_blank() => Ok(Some(cell)),
                _ => Ok(None),
            },
            Some(e) => {
                let e = e.to_string();
                if self.spec(en).is_some_and(|s| s.required) {
                    self.report(
                        Severity::Error,
                        Some(index),
                        Some(e.clone()),
                        format!("error cell {e}: a value is required here"),
                    );
                    Err(())
                } else {
                    self.report(
                        Severity::Warning,
                        Some(index),
                        Some(e.clone()),
                        format!("error cell {e}: taken as empty"),
                    );
                    Ok(None)
                }
            }
        }
    }

    fn required_missing(&mut self, en: &str) {
        // An absent column is reported once, at the sheet's header.
        let Some(index) = self.table.map.index(self.table.kind, en) else {
            return;
        };
        let index = Some(index);
        let name = self.spec(en).map(|s| s.both_names()).unwrap_or_default();
        self.report(
            Severity::Error,
            index,
            None,
            format!("{name} is required but empty"),
        );
    }

    fn text(&mut self, en: &str) -> Option<String> {
        self.cell(en).ok().flatten().and_then(values::cell_text)
    }

    fn required_text(&mut self, en: &str) -> Option<String> {
        match self.cell(en) {
            Err(()) => None,
            Ok(cell) => {
                let text = cell.and_then(values::cell_text);
                if text.is_none() {
                    self.required_missing(en);
                }
                text
            }
        }
    }

    fn value<T>(
        &mut self,
        en: &str,
        parse: impl Fn(&RawCell) -> Result<Option<T>, String>,
    ) -> Option<T> {
        let cell = self.cell(en).ok().flatten()?;
        match parse(cell) {
            Ok(v) => v,
            Err(message) => {
                let index = self.table.map.index(self.table.kind, en);
                self.report(Severity::Error, index, Some(cell.display()), message);
                None
            }
        }
    }

    fn required_value<T>(
        &mut self,
        en: &str,
        parse: impl Fn(&RawCell) -> Result<Option<T>, String>,
    ) -> Option<T> {
        match self.cell(en) {
            Err(()) => None,
            Ok(None) => {
                self.required_missing(en);
                None
            }
            Ok(Some(_)) => self.value(en, parse),
        }
    }

    fn keyword<T>(
        &mut self,
        en: &str,
        parse: fn(&str) -> Option<T>,
        what: &str,
        expected: &str,
    ) -> Option<T> {
        self.value(en, |c| values::keyword(c, parse, what, expected))
    }

    fn date(&mut self, en: &str) -> Option<NaiveDate> {
        self.value(en, values::date)
    }

    fn amount(&mut self, en: &str) -> Option<Amount> {
        let cell = self.cell(en).ok().flatten()?;
        Some(match cell {
            RawCell::Number(n) => Amount::Number(*n),
            _ => {
                let text = values::cell_text(cell)?;
                match number_text(&text) {
                    Some(n) => Amount::Number(n),
                    None => Amount::Text(text),
                }
            }
        })
    }

    fn custom(&mut self) -> CustomFields {
        let mut fields = CustomFields::new();
        let table = self.table;
        for (index, header) in &table.map.custom {
            let cell = self.row.cells.get(*index);
            match (cell, cell.and_then(values::error_code)) {
                (_, Some(e)) => {
                    let e = e.to_string();
                    self.report(
                        Severity::Warning,
                        Some(*index),
                        Some(e.clone()),
                        format!("error cell {e}: taken as empty"),
                    )
                }
                (Some(cell), None) => {
                    if let Some(text) = values::cell_text(cell) {
                        fields.entry(header.clone()).or_insert(text);
                    }
                }
                (None, None) => {}
            }
        }
        fields
    }

    fn origin(&self) -> Origin {
        Origin {
            file: self.table.raw.file.clone(),
            sheet: self.table.raw.sheet.clone(),
            row: self.row.number,
        }
    }
}

/// A number written as text in a Baseline or Target cell: a whole number in any form
/// [`values::parse_whole_text`] takes, or a decimal with `.` or `,`.
fn number_text(s: &str) -> Option<f64> {
    if let Some(n) = values::parse_whole_text(s) {
        return Some(n as f64);
    }
    let t = s.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once(['.', ','])?;
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if digits(int) && digits(frac) {
        t.replace(',', ".").parse().ok()
    } else {
        None
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
        let mut any = false;
        for (t, raw) in source.tables.iter().enumerate() {
            match TableKind::from_sheet_name(&raw.sheet) {
                Some(kind) => {
                    any = true;
                    tables.push(match_table(s, t, kind, raw, &mut found));
                }
                None => found.push(
                    (s, t, 0),
                    Problem {
                        sheet: Some(raw.sheet.clone()),
                        ..Problem::file(
                            Severity::Notice,
                            &raw.file,
                            "sheet not in the contract; ignored (expected Engagements, Services, \
                             Stakeholders, Success Metrics, Tasks, Actions or their pt-BR names)",
                        )
                    },
                ),
            }
        }
        if !any {
            found.push(
                (s, usize::MAX, 0),
                Problem::file(
                    Severity::Error,
                    &source.file,
                    "none of the contract's sheets found: expected at least an “Engagements” \
                     (pt-BR: “Envolvimentos”) sheet",
                ),
            );
        }
    }

    // Pass 2: the engagements, and duplicate IDs across the batch.
    let mut engagements: Vec<Engagement> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut per_source: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut occurrences: HashMap<String, Vec<Origin>> = HashMap::new();
    // Engagements whose own sheet lacks a required column: listed, never valid.
    let mut spoiled: BTreeSet<usize> = BTreeSet::new();
    for table in tables.iter().filter(|t| {
        t.kind == TableKind::Engagements && t.map.index(t.kind, ENGAGEMENT_ID).is_some()
    }) {
        for row in table.raw.rows.iter().filter(|r| !is_blank_row(r)) {
            let mut ctx = RowCtx {
                table,
                row,
                engagement: None,
                found: &mut found,
                errors: 0,
            };
            let Some(id) = ctx.required_text(ENGAGEMENT_ID) else {
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
            let others: Vec<String> = places
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, o)| format!("{} › {} › row {}", o.file, o.sheet, o.row))
                .collect();
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
                    message: format!(
                        "Engagement ID used more than once (also at {}); neither copy is used",
                        others.join(", ")
                    ),
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
        if table.kind == TableKind::Engagements {
            if table.unusable {
                let here: BTreeSet<usize> = table
                    .raw
                    .rows
                    .iter()
                    .filter_map(|r| {
                        let i = table.map.index(table.kind, ENGAGEMENT_ID)?;
                        by_id.get(&values::cell_text(r.cells.get(i)?)?).copied()
                    })
                    .collect();
                blame(&mut found, table, &here, &engagements);
            }
            continue;
        }
        let id_column = table.map.index(table.kind, ENGAGEMENT_ID);
        if id_column.is_none() && own.len() != 1 && table.raw.rows.iter().any(|r| !is_blank_row(r))
        {
            let spec = table
                .kind
                .columns()
                .first()
                .map(|s| s.both_names())
                .unwrap_or_default();
            found.push(
                (table.source, table.order, table.raw.header_row),
                Problem {
                    sheet: Some(table.raw.sheet.clone()),
                    row: Some(table.raw.header_row),
                    ..Problem::file(
                        Severity::Error,
                        &table.raw.file,
                        format!(
                            "missing column {spec}: needed when a file holds {} engagements",
                            if own.is_empty() {
                                "no".to_string()
                            } else {
                                own.len().to_string()
                            }
                        ),
                    )
                },
            );
            spoiled.extend(own);
            continue;
        }
        let mut here: BTreeSet<usize> = BTreeSet::new();
        for row in table.raw.rows.iter().filter(|r| !is_blank_row(r)) {
            let mut ctx = RowCtx {
                table,
                row,
                engagement: None,
                found: &mut found,
                errors: 0,
            };
            let target = match ctx.text(ENGAGEMENT_ID) {
                Some(id) => match by_id.get(&id) {
                    Some(&e) => Some(e),
                    None => {
                        ctx.report(
                            Severity::Error,
                            id_column,
                            Some(id),
                            "no engagement with this ID in any Engagements sheet".to_string(),
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
                        "Engagement ID is empty: expected the ID of a row in Engagements"
                            .to_string(),
                    );
                    None
                }
            };
            let Some(e) = target else { continue };
            let Some(engagement) = engagements.get_mut(e) else {
                continue;
            };
            if table.unusable {
                here.insert(e);
                continue;
            }
            ctx.engagement = Some(engagement.id.clone());
            read_child(&mut ctx, table.kind, engagement);
        }
        if table.unusable {
            blame(&mut found, table, &here, &engagements);
            spoiled.extend(here);
        }
    }

    let mut items = found.items;
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
    let index = t.map.index(t.kind, ENGAGEMENT_ID)?;
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
    let place = |message: String, severity: Severity, column: Option<String>| Problem {
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
                place(
                    format!(
                        "missing column {}: the sheet's rows cannot be read",
                        spec.both_names()
                    ),
                    Severity::Error,
                    None,
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
                format!(
                    "column {} ({}) names the same column as “{first}”; only the first is read",
                    column_letter(*index),
                    header
                ),
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

fn read_engagement(ctx: &mut RowCtx, id: String) -> Engagement {
    let customer = ctx.required_text("Customer");
    let tenant_domain = ctx.text("Tenant Domain");
    let segment = ctx.keyword(
        "Segment",
        values::parse_segment_text,
        "a segment",
        values::EXPECT_SEGMENT,
    );
    let licenses = ctx.value("Licenses", values::whole);
    let fm = ctx.required_text("FastTrack Manager");
    let fm_email = ctx
        .value("FM Email", emails)
        .and_then(|v: Vec<String>| v.into_iter().next());
    let partner = ctx.text("Partner");
    let contact = ctx.text("Customer Contact");
    let contact_emails = ctx.value("Contact Email", emails).unwrap_or_default();
    let kickoff_date = ctx.date("Kickoff Date");
    let workshop_date = ctx.required_value("Workshop Date", values::date);
    let language = ctx.keyword(
        "Language",
        values::parse_lang_text,
        "a language",
        values::EXPECT_LANG,
    );
    let cadence = ctx.keyword(
        "Check-in Cadence",
        values::parse_cadence_text,
        "a cadence",
        values::EXPECT_CADENCE,
    );
    let next_checkin = ctx.date("Next Check-in");
    let channel = ctx.text("Communication Channel");
    let enterprise_adoption_benefit = ctx.value("Enterprise Adoption Benefit", values::yes_no);
    let success_vision = ctx.text("Success Vision");
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

fn emails(cell: &RawCell) -> Result<Option<Vec<String>>, String> {
    match values::cell_text(cell) {
        None => Ok(None),
        Some(t) => values::parse_emails(&t).map(|v| (!v.is_empty()).then_some(v)),
    }
}

fn factor(ctx: &mut RowCtx, en: &str) -> super::FactorStatus {
    ctx.keyword(
        en,
        values::parse_factor_text,
        "an SSAT status",
        values::EXPECT_FACTOR,
    )
    .unwrap_or_default()
}

fn work(ctx: &mut RowCtx, en: &str) -> super::WorkStatus {
    ctx.keyword(
        en,
        values::parse_work_text,
        "a task status",
        values::EXPECT_WORK,
    )
    .unwrap_or_default()
}

fn read_child(ctx: &mut RowCtx, kind: TableKind, engagement: &mut Engagement) {
    match kind {
        TableKind::Engagements => {}
        TableKind::Services => {
            let name = ctx.required_text("Service");
            let service = Service {
                name: name.unwrap_or_default(),
                stakeholders: factor(ctx, "Stakeholders"),
                scenarios: factor(ctx, "Scenarios"),
                awareness: factor(ctx, "Awareness"),
                training: factor(ctx, "Training"),
                notes: ctx.text("Notes"),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            if ctx.errors == 0 {
                engagement.services.push(service);
            }
        }
        TableKind::Stakeholders => {
            let name = ctx.required_text("Name");
            let stakeholder = Stakeholder {
                name: name.unwrap_or_default(),
                role: ctx.text("Role"),
                email: ctx
                    .value("Email", emails)
                    .and_then(|v| v.into_iter().next()),
                responsibility: ctx.text("Responsibility"),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            if ctx.errors == 0 {
                engagement.stakeholders.push(stakeholder);
            }
        }
        TableKind::Metrics => {
            let scenario = ctx.required_text("Scenario");
            let metric = Metric {
                service: ctx.text("Service"),
                scenario: scenario.unwrap_or_default(),
                metric: ctx.text("Metric"),
                baseline: ctx.amount("Baseline"),
                target: ctx.amount("Target"),
                target_date: ctx.date("Target Date"),
                owner: ctx.text("Owner"),
                source: ctx.text("Source"),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            if ctx.errors == 0 {
                engagement.metrics.push(metric);
            }
        }
        TableKind::Tasks => {
            let id = ctx.required_value("Task ID", values::whole);
            let name = ctx.required_text("Task Name");
            let task = Task {
                id: id.unwrap_or_default(),
                name: name.unwrap_or_default(),
                mandatory: ctx.keyword(
                    "Required",
                    values::parse_required_text,
                    "M or O",
                    values::EXPECT_REQUIRED,
                ),
                role: ctx.text("Role"),
                services: ctx.text("Services"),
                status: work(ctx, "Status"),
                owner: ctx.text("Owner"),
                due: ctx.date("Due Date"),
                completed: ctx.date("Completed Date"),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            if ctx.errors == 0 {
                engagement.tasks.push(task);
            }
        }
        TableKind::Actions => {
            let action = ctx.required_text("Action");
            let action = Action {
                action: action.unwrap_or_default(),
                owner: ctx.text("Owner"),
                due: ctx.date("Due Date"),
                status: work(ctx, "Status"),
                custom: ctx.custom(),
                origin: ctx.origin(),
            };
            if ctx.errors == 0 {
                engagement.actions.push(action);
            }
        }
    }
}
