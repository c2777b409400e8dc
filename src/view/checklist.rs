//! The Success Checklist's data: the facts plus the seed's plan items, each ticked where
//! the data shows it done.

use super::facts::{missing_roles, Facts};
use super::ViewOptions;
use super::{Overlay, Tick};
use crate::model::{Engagement, FactorStatus};
use serde::Serialize;

/// The seed's success-plan checklist items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlanItems {
    /// Stakeholders identified: an executive sponsor and a success owner are named.
    pub stakeholders: Tick,
    /// Scenarios prioritised for each service: at least one scenario is recorded and no
    /// service's Scenarios factor is Not started or In progress.
    pub scenarios: Tick,
    /// Success criteria and baselines defined: every metric has a baseline and a target.
    pub criteria: Tick,
    /// Communications plan: every service's Awareness is Done or N/A.
    pub communications: Tick,
    /// Training plan: every service's Training is Done or N/A.
    pub training: Tick,
    /// Usage reports set up: every metric names its source report.
    pub usage_reports: Tick,
    /// Success plan integrated into the project plan (not in the data: open).
    pub plan_integrated: Tick,
    /// End-user training and awareness added to the project plan.
    pub training_in_project_plan: Tick,
}

/// What `success-checklist.md.hbs` receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistView {
    /// The engagement's facts, at the top level of the template data.
    #[serde(flatten)]
    pub facts: Facts,
    /// The plan items.
    pub items: PlanItems,
}

impl ChecklistView {
    /// Computes the checklist's data.
    pub fn new(e: &Engagement, opts: &ViewOptions) -> ChecklistView {
        let facts = Facts::new(e, opts);
        let items = PlanItems::new(e, &facts);
        ChecklistView { facts, items }
    }

    /// The keys of the checklist's data besides `facts`' ([`super::Overlay`]): the
    /// items. `facts` with these over them is the checklist's view serialised.
    pub fn overlay(e: &Engagement, facts: &Facts) -> Result<Overlay, serde_json::Error> {
        let mut map = Overlay::new();
        map.insert(
            "items".into(),
            serde_json::to_value(PlanItems::new(e, facts))?,
        );
        Ok(map)
    }
}

impl PlanItems {
    /// The seed's plan items for `e`, ticked where its data shows them done.
    pub fn new(e: &Engagement, facts: &Facts) -> PlanItems {
        let settled =
            |f: FactorStatus| matches!(f, FactorStatus::Done | FactorStatus::NotApplicable);
        let has_services = !e.services.is_empty();
        PlanItems {
            stakeholders: Tick::when(!e.stakeholders.is_empty() && missing_roles(e).is_empty()),
            scenarios: Tick::when(
                !e.metrics.is_empty()
                    && e.services.iter().all(|s| {
                        matches!(
                            s.scenarios,
                            FactorStatus::Done | FactorStatus::NotApplicable
                        )
                    }),
            ),
            criteria: Tick::when(
                !e.metrics.is_empty()
                    && e.metrics
                        .iter()
                        .all(|m| m.baseline.is_some() && m.target.is_some()),
            ),
            communications: Tick::when(
                has_services && e.services.iter().all(|s| settled(s.awareness)),
            ),
            training: Tick::when(has_services && e.services.iter().all(|s| settled(s.training))),
            usage_reports: Tick::when(
                !e.metrics.is_empty() && e.metrics.iter().all(|m| m.source.is_some()),
            ),
            plan_integrated: Tick::Open,
            training_in_project_plan: facts.outcomes.training_in_project_plan,
        }
    }
}
