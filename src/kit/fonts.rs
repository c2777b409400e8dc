//! "Never silent": every character of an engagement's text that no available font can
//! draw becomes a warning naming its engagement, sheet, row and column. The documents
//! are still made; those characters are left out of the PDFs (never printed as `?`).

use crate::i18n::Message;
use crate::model::{Engagement, Lang, Origin};
use crate::names::{
    ActionCol, Column, ColumnSpec, EngagementCol, MetricCol, ServiceCol, StakeholderCol, TaskCol,
};
use crate::output::pdf::PdfWriter;
use crate::problem::{Problem, Severity};

/// A warning for each cell of `engagements` holding characters `pdf` cannot draw, in
/// the engagements' order (they are looked at on every core).
pub fn font_problems(pdf: &PdfWriter, engagements: &[Engagement]) -> Vec<Problem> {
    use rayon::prelude::*;
    engagements
        .par_iter()
        .flat_map_iter(|e| engagement_problems(pdf, e))
        .collect()
}

fn engagement_problems(pdf: &PdfWriter, e: &Engagement) -> Vec<Problem> {
    let mut out = Vec::new();
    let pt = e.language == Some(Lang::PtBr);
    let mut cell = |origin: &Origin, column: &str, text: Option<&str>| {
        let Some(text) = text else { return };
        let missing = pdf.missing_chars(text);
        if missing.is_empty() {
            return;
        }
        let chars: Vec<String> = missing
            .iter()
            .map(|c| format!("{c} (U+{:04X})", *c as u32))
            .collect();
        out.push(Problem {
            severity: Severity::Warning,
            file: origin.file.clone(),
            sheet: Some(origin.sheet.clone()),
            row: Some(origin.row),
            column: Some(column.to_string()),
            value: Some(text.to_string()),
            message: Message::NoFont(chars.join(", ")),
            engagement: Some(e.id.clone()),
        });
    };
    let name = |s: ColumnSpec| if pt { s.pt } else { s.en };
    let o = &e.origin;
    let ecol = |c: EngagementCol| name(c.spec());
    cell(o, ecol(EngagementCol::Customer), Some(&e.customer));
    cell(o, ecol(EngagementCol::FastTrackManager), Some(&e.fm));
    cell(o, ecol(EngagementCol::Partner), e.partner.as_deref());
    cell(
        o,
        ecol(EngagementCol::CustomerContact),
        e.contact.as_deref(),
    );
    cell(
        o,
        ecol(EngagementCol::CommunicationChannel),
        e.channel.as_deref(),
    );
    cell(
        o,
        ecol(EngagementCol::SuccessVision),
        e.success_vision.as_deref(),
    );
    for (k, v) in &e.custom {
        cell(o, k, Some(v));
    }
    for s in &e.services {
        let c = |c: ServiceCol| name(c.spec());
        cell(&s.origin, c(ServiceCol::Service), Some(&s.name));
        cell(&s.origin, c(ServiceCol::Notes), s.notes.as_deref());
        for (k, v) in &s.custom {
            cell(&s.origin, k, Some(v));
        }
    }
    for s in &e.stakeholders {
        let c = |c: StakeholderCol| name(c.spec());
        cell(&s.origin, c(StakeholderCol::Name), Some(&s.name));
        cell(&s.origin, c(StakeholderCol::Role), s.role.as_deref());
        cell(
            &s.origin,
            c(StakeholderCol::Responsibility),
            s.responsibility.as_deref(),
        );
        for (k, v) in &s.custom {
            cell(&s.origin, k, Some(v));
        }
    }
    for m in &e.metrics {
        let c = |c: MetricCol| name(c.spec());
        cell(&m.origin, c(MetricCol::Service), m.service.as_deref());
        cell(&m.origin, c(MetricCol::Scenario), Some(&m.scenario));
        cell(&m.origin, c(MetricCol::Metric), m.metric.as_deref());
        cell(&m.origin, c(MetricCol::Owner), m.owner.as_deref());
        cell(&m.origin, c(MetricCol::Source), m.source.as_deref());
        for (k, v) in &m.custom {
            cell(&m.origin, k, Some(v));
        }
    }
    for t in &e.tasks {
        let c = |c: TaskCol| name(c.spec());
        cell(&t.origin, c(TaskCol::TaskName), Some(&t.name));
        cell(&t.origin, c(TaskCol::Role), t.role.as_deref());
        cell(&t.origin, c(TaskCol::Services), t.services.as_deref());
        cell(&t.origin, c(TaskCol::Owner), t.owner.as_deref());
        for (k, v) in &t.custom {
            cell(&t.origin, k, Some(v));
        }
    }
    for a in &e.actions {
        let c = |c: ActionCol| name(c.spec());
        cell(&a.origin, c(ActionCol::Action), Some(&a.action));
        cell(&a.origin, c(ActionCol::Owner), a.owner.as_deref());
        for (k, v) in &a.custom {
            cell(&a.origin, k, Some(v));
        }
    }
    out
}
