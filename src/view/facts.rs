//! Everything the documents show about one engagement, computed once: readiness, gaps,
//! missing key roles, overdue items, eligibility, suggestions and key outcomes.

use super::suggest::{suggestions, Suggestion, BUSINESS_VALUE_TASKS};
use super::text::{self, Factor, KeyRole, Link};
use super::{Tick, ViewOptions};
use crate::i18n::format;
use crate::model::rules::{
    self, enhanced_adoption_eligible, factors, is_gap, is_overdue, readiness,
};
use crate::model::{
    Action, Amount, CustomFields, Engagement, FactorStatus, Lang, Metric, Segment, Service,
    Stakeholder, Task,
};
use chrono::NaiveDate;
use serde::Serialize;

/// The engagement's identity, for title blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Engagement ID.
    pub id: String,
    /// Customer name.
    pub customer: String,
    /// Tenant domain.
    pub tenant_domain: Option<String>,
    /// FastTrack Manager.
    pub fm: String,
    /// FastTrack Manager's e-mail.
    pub fm_email: Option<String>,
    /// Partner.
    pub partner: Option<String>,
    /// Customer contact.
    pub contact: Option<String>,
    /// Customer contact's e-mail addresses, `; ` between.
    pub contact_email: Option<String>,
    /// Segment.
    pub segment: Option<Segment>,
    /// Licenses.
    pub licenses: Option<u64>,
    /// Kickoff date.
    pub kickoff_date: Option<NaiveDate>,
    /// Workshop date.
    pub workshop_date: NaiveDate,
    /// The day the kit is made.
    pub as_of: NaiveDate,
    /// The engagement's own columns not in the contract.
    pub custom: CustomFields,
}

/// A stakeholder: the model's row, and whether it holds a key role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StakeholderView {
    /// The row as the model holds it, at the top level of the template data.
    #[serde(flatten)]
    pub row: Stakeholder,
    /// Executive sponsor or success owner.
    pub key: bool,
}

/// The checkboxes of a service's four factors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FactorTicks {
    /// Stakeholders.
    pub stakeholders: Tick,
    /// Scenarios.
    pub scenarios: Tick,
    /// Awareness.
    pub awareness: Tick,
    /// Training.
    pub training: Tick,
}

/// A service in scope: the model's row (blank notes left out) with its checkboxes,
/// readiness and gaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceView {
    /// The row as the model holds it, at the top level of the template data; its
    /// `notes` are `None` when blank.
    #[serde(flatten)]
    pub row: Service,
    /// The four checkboxes (ticked when Done, N/A when not applicable).
    pub ticks: FactorTicks,
    /// Readiness 0 to 1 ([`rules::readiness`]); `None` when no factor applies.
    pub readiness: Option<f32>,
    /// Factors not started or in progress.
    pub gap_count: usize,
}

/// A gap: one factor of one service not started or in progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The service.
    pub service: String,
    /// The factor.
    pub factor_key: Factor,
    /// The factor's name in the language.
    pub factor: &'static str,
    /// Not started or In progress.
    pub status: FactorStatus,
    /// What to do next, in the language.
    pub next_step: &'static str,
    /// The seed's guides for it.
    pub guides: Vec<Link>,
}

/// The gaps of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapGroup {
    /// The service.
    pub service: String,
    /// Its gaps, in factor order.
    pub gaps: Vec<Gap>,
}

/// Readiness of one factor across all services.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorReadiness {
    /// The factor.
    pub key: Factor,
    /// Its name in the language.
    pub name: &'static str,
    /// Readiness 0 to 1; `None` when it applies to no service.
    pub readiness: Option<f32>,
}

/// A scenario and how its success is measured: the model's row, its baseline and target
/// written as the language writes numbers (`Amount::Text`, serialised as a string).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricView {
    /// The row as the model holds it, at the top level of the template data; baseline and
    /// target are always text here.
    #[serde(flatten)]
    pub row: Metric,
}

/// A portal task: the model's row, whether it is overdue and whether it is one of the
/// seed's business-value tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    /// The row as the model holds it, at the top level of the template data.
    #[serde(flatten)]
    pub row: Task,
    /// Due before the kit's date and not closed ([`rules::is_overdue`]).
    pub overdue: bool,
    /// One of the seed's business-value tasks.
    pub business_value: bool,
}

/// An agreed next step: the model's row and whether it is overdue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionView {
    /// The row as the model holds it, at the top level of the template data.
    #[serde(flatten)]
    pub row: Action,
    /// Due before the kit's date and not closed ([`rules::is_overdue`]).
    pub overdue: bool,
}

/// How the FM and the customer keep in touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadenceView {
    /// Check-in frequency in the language.
    pub frequency: Option<&'static str>,
    /// Communication channel.
    pub channel: Option<String>,
    /// Next check-in date.
    pub next_checkin: Option<NaiveDate>,
    /// The next check-in's date has passed ([`rules::checkin_overdue`]).
    pub overdue: bool,
    /// Any of the three is set.
    pub any: bool,
}

/// The seed's key outcomes ("Principais Resultados"), each ticked where the data shows
/// it met. The rules are in `docs/documents.md`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcomes {
    /// The customer has defined success.
    pub success_defined: Tick,
    /// The customer can navigate the FastTrack portal (not in the data: always open).
    pub portal_navigation: Tick,
    /// Next steps, tools and communication agreed.
    pub next_steps_agreed: Tick,
    /// The customer understands the adoption method (its three data-backed parts met).
    pub adoption_method: Tick,
    /// The FM validated the SSAT status and gaps.
    pub ssat_validated: Tick,
    /// Prepared to set success metrics with the usage reports.
    pub metrics_ready: Tick,
    /// Understands integrating the Success Plan into a project plan (always open).
    pub plan_integration: Tick,
    /// Training and awareness added to the project plan.
    pub training_in_project_plan: Tick,
    /// Prepared to develop the Success Plan with actions and owners.
    pub plan_ready: Tick,
    /// Attended the business-value workshops.
    pub business_value_attended: Tick,
    /// SSAT prerequisites confirmed for every service.
    pub prereqs_confirmed: Tick,
    /// The FM understands the customer's vision of success.
    pub vision_understood: Tick,
    /// Enterprise only: enhanced adoption next steps discussed (N/A when not eligible).
    pub enhanced_adoption_discussed: Tick,
}

/// The longest service note the plan's SSAT matrix keeps in a Notes column: about four
/// lines of that column; one longer note moves every note under the table.
pub const NOTE_IN_TABLE_MAX_CHARS: usize = 120;

/// Everything computed once per engagement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    /// Language tag (`en`, `pt-BR`).
    pub lang: &'static str,
    /// The title block.
    pub header: Header,
    /// Success vision.
    pub vision: Option<String>,
    /// Stakeholders.
    pub stakeholders: Vec<StakeholderView>,
    /// Key roles nobody holds, in the language.
    pub missing_roles: Vec<&'static str>,
    /// Services with their SSAT status.
    pub services: Vec<ServiceView>,
    /// Some service has notes.
    pub any_service_notes: bool,
    /// Some service has notes and every note is short: the plan's SSAT matrix has a
    /// Notes column.
    pub service_notes_column: bool,
    /// Some service's note is long (over [`NOTE_IN_TABLE_MAX_CHARS`] characters, or
    /// more than one line): the plan then lists the notes under the SSAT matrix, each at
    /// the table's full width, instead of a Notes column that would make the table
    /// pages long.
    pub service_notes_below: bool,
    /// Overall readiness across every service and factor.
    pub readiness: Option<f32>,
    /// Readiness per factor across services.
    pub factor_readiness: Vec<FactorReadiness>,
    /// Every gap, service by service, in factor order.
    pub gaps: Vec<Gap>,
    /// The same gaps grouped by service (services without gaps left out).
    pub gap_groups: Vec<GapGroup>,
    /// Scenarios and metrics.
    pub metrics: Vec<MetricView>,
    /// Portal tasks.
    pub tasks: Vec<TaskView>,
    /// Tasks overdue.
    pub overdue_tasks: usize,
    /// Mandatory tasks not closed.
    pub mandatory_open: usize,
    /// The portal's business-value tasks present in the data.
    pub business_value_tasks: Vec<TaskView>,
    /// Complementary suggestions for the services in scope.
    pub suggestions: Vec<Suggestion>,
    /// Check-in cadence.
    pub cadence: CadenceView,
    /// Agreed actions.
    pub actions: Vec<ActionView>,
    /// Actions overdue.
    pub overdue_actions: usize,
    /// Enterprise with more than 20,000 licenses.
    pub enhanced_adoption: bool,
    /// Whether the customer takes part in the Enterprise Adoption Benefit.
    pub enterprise_adoption_benefit: Option<bool>,
    /// The seed's key outcomes.
    pub outcomes: Outcomes,
}

/// The key roles nobody among the stakeholders holds.
pub fn missing_roles(e: &Engagement) -> Vec<KeyRole> {
    [KeyRole::ExecutiveSponsor, KeyRole::SuccessOwner]
        .into_iter()
        .filter(|k| {
            !e.stakeholders
                .iter()
                .any(|s| s.role.as_deref().is_some_and(|r| k.matches(r)))
        })
        .collect()
}

/// Every gap of every service (factors not started or in progress).
pub fn gaps(e: &Engagement, lang: Lang) -> Vec<Gap> {
    e.services
        .iter()
        .flat_map(|s| {
            Factor::ALL
                .into_iter()
                .zip(factors(s))
                .filter(|(_, st)| is_gap(*st))
                .map(move |(f, st)| Gap {
                    service: s.name.clone(),
                    factor_key: f,
                    factor: f.name(lang),
                    status: st,
                    next_step: f.next_step(st, lang),
                    guides: f.guides().iter().map(|g| g.link(lang)).collect(),
                })
        })
        .collect()
}

fn group_gaps(gaps: Vec<Gap>) -> Vec<GapGroup> {
    let mut groups: Vec<GapGroup> = Vec::new();
    for g in gaps {
        match groups.last_mut() {
            Some(last) if last.service == g.service => last.gaps.push(g),
            _ => groups.push(GapGroup {
                service: g.service.clone(),
                gaps: vec![g],
            }),
        }
    }
    groups
}

fn amount(a: &Amount, lang: Lang) -> Amount {
    Amount::Text(match a {
        Amount::Number(n) => format::number(*n, None, lang),
        Amount::Text(t) => t.clone(),
    })
}

/// The key outcomes as the data shows them.
pub fn outcomes(e: &Engagement) -> Outcomes {
    let all_factors = || e.services.iter().flat_map(factors);
    let has_services = !e.services.is_empty();
    let ssat_validated = has_services && all_factors().all(|f| f != FactorStatus::NotStarted);
    let prereqs_confirmed = has_services
        && all_factors().all(|f| matches!(f, FactorStatus::Done | FactorStatus::NotApplicable));
    let metrics_ready = !e.metrics.is_empty()
        && e.metrics
            .iter()
            .all(|m| m.metric.is_some() && m.baseline.is_some() && m.target.is_some());
    let training_in_project_plan = has_services
        && e.services.iter().all(|s| {
            s.awareness != FactorStatus::NotStarted && s.training != FactorStatus::NotStarted
        });
    let vision = e
        .success_vision
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty());
    let bv: Vec<_> = e
        .tasks
        .iter()
        .filter(|t| BUSINESS_VALUE_TASKS.contains(&t.id))
        .collect();
    let eligible = enhanced_adoption_eligible(e);
    Outcomes {
        success_defined: Tick::when(vision && e.metrics.iter().any(|m| m.target.is_some())),
        portal_navigation: Tick::Open,
        next_steps_agreed: Tick::when(
            e.cadence.is_some()
                && e.channel.is_some()
                && e.next_checkin.is_some()
                && !e.actions.is_empty(),
        ),
        adoption_method: Tick::when(ssat_validated && metrics_ready && training_in_project_plan),
        ssat_validated: Tick::when(ssat_validated),
        metrics_ready: Tick::when(metrics_ready),
        plan_integration: Tick::Open,
        training_in_project_plan: Tick::when(training_in_project_plan),
        plan_ready: Tick::when(
            !e.actions.is_empty()
                && e.actions
                    .iter()
                    .all(|a| a.owner.is_some() || a.status.is_closed()),
        ),
        business_value_attended: Tick::when(
            !bv.is_empty() && bv.iter().all(|t| t.status.is_closed()),
        ),
        prereqs_confirmed: Tick::when(prereqs_confirmed),
        vision_understood: Tick::when(vision),
        enhanced_adoption_discussed: if eligible {
            Tick::when(e.enterprise_adoption_benefit.is_some())
        } else {
            Tick::NotApplicable
        },
    }
}

impl Facts {
    /// Computes everything for one engagement.
    pub fn new(e: &Engagement, opts: &ViewOptions) -> Facts {
        let lang = opts.lang_of(e);
        let as_of = opts.as_of;
        let services: Vec<ServiceView> = e
            .services
            .iter()
            .map(|s| {
                let f = factors(s);
                ServiceView {
                    row: Service {
                        notes: s.notes.clone().filter(|n| !n.trim().is_empty()),
                        ..s.clone()
                    },
                    ticks: FactorTicks {
                        stakeholders: Tick::of_factor(s.stakeholders),
                        scenarios: Tick::of_factor(s.scenarios),
                        awareness: Tick::of_factor(s.awareness),
                        training: Tick::of_factor(s.training),
                    },
                    readiness: readiness(f),
                    gap_count: f.iter().filter(|x| is_gap(**x)).count(),
                }
            })
            .collect();
        let notes = || services.iter().filter_map(|s| s.row.notes.as_deref());
        let any_service_notes = notes().next().is_some();
        let service_notes_below = notes().any(|n| {
            n.trim().contains('\n') || n.trim().chars().nth(NOTE_IN_TABLE_MAX_CHARS).is_some()
        });
        let factor_readiness = Factor::ALL
            .into_iter()
            .zip(rules::factor_readiness(e))
            .map(|(f, readiness)| FactorReadiness {
                key: f,
                name: f.name(lang),
                readiness,
            })
            .collect();
        let tasks: Vec<TaskView> = e
            .tasks
            .iter()
            .map(|t| TaskView {
                row: t.clone(),
                overdue: is_overdue(t.due, t.status, as_of),
                business_value: BUSINESS_VALUE_TASKS.contains(&t.id),
            })
            .collect();
        let actions: Vec<ActionView> = e
            .actions
            .iter()
            .map(|a| ActionView {
                row: a.clone(),
                overdue: is_overdue(a.due, a.status, as_of),
            })
            .collect();
        let cadence = CadenceView {
            frequency: e.cadence.map(|c| text::cadence(c, lang)),
            channel: e.channel.clone(),
            next_checkin: e.next_checkin,
            overdue: rules::checkin_overdue(e.next_checkin, as_of),
            any: e.cadence.is_some() || e.channel.is_some() || e.next_checkin.is_some(),
        };
        Facts {
            lang: lang.tag(),
            header: Header {
                id: e.id.clone(),
                customer: e.customer.clone(),
                tenant_domain: e.tenant_domain.clone(),
                fm: e.fm.clone(),
                fm_email: e.fm_email.clone(),
                partner: e.partner.clone(),
                contact: e.contact.clone(),
                contact_email: (!e.contact_emails.is_empty()).then(|| e.contact_emails.join("; ")),
                segment: e.segment,
                licenses: e.licenses,
                kickoff_date: e.kickoff_date,
                workshop_date: e.workshop_date,
                as_of,
                custom: e.custom.clone(),
            },
            vision: e.success_vision.clone().filter(|v| !v.trim().is_empty()),
            stakeholders: e
                .stakeholders
                .iter()
                .map(|s| StakeholderView {
                    row: s.clone(),
                    key: s.role.as_deref().is_some_and(|r| {
                        KeyRole::ExecutiveSponsor.matches(r) || KeyRole::SuccessOwner.matches(r)
                    }),
                })
                .collect(),
            missing_roles: missing_roles(e).into_iter().map(|k| k.name(lang)).collect(),
            any_service_notes,
            service_notes_column: any_service_notes && !service_notes_below,
            service_notes_below,
            readiness: rules::overall_readiness(e),
            factor_readiness,
            gap_groups: group_gaps(gaps(e, lang)),
            gaps: gaps(e, lang),
            metrics: e
                .metrics
                .iter()
                .map(|m| MetricView {
                    row: Metric {
                        baseline: m.baseline.as_ref().map(|a| amount(a, lang)),
                        target: m.target.as_ref().map(|a| amount(a, lang)),
                        ..m.clone()
                    },
                })
                .collect(),
            overdue_tasks: rules::overdue_tasks(e, as_of),
            mandatory_open: rules::mandatory_open(e),
            business_value_tasks: tasks.iter().filter(|t| t.business_value).cloned().collect(),
            tasks,
            suggestions: suggestions(e, lang),
            cadence,
            overdue_actions: rules::overdue_actions(e, as_of),
            actions,
            enhanced_adoption: enhanced_adoption_eligible(e),
            enterprise_adoption_benefit: e.enterprise_adoption_benefit,
            outcomes: outcomes(e),
            services,
        }
    }
}
