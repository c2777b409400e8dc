//! The Success Plan's data.

use super::facts::Facts;
use super::ViewOptions;
use crate::model::Engagement;
use serde::Serialize;

/// What `success-plan.md.hbs` receives: every computed fact of the engagement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanView {
    /// The engagement's facts, at the top level of the template data.
    #[serde(flatten)]
    pub facts: Facts,
}

impl PlanView {
    /// Computes the plan's data.
    pub fn new(e: &Engagement, opts: &ViewOptions) -> PlanView {
        PlanView {
            facts: Facts::new(e, opts),
        }
    }
}
