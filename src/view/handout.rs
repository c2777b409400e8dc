//! The Workshop handout's data: the facts plus the readiness chart.

use super::facts::Facts;
use crate::kit::KitOptions;
use crate::model::Engagement;
use serde::Serialize;

/// One bar of a chart, ready for a ```` ```chart ```` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// The label, with `|` and line breaks replaced so it cannot break the chart line.
    pub label: String,
    /// The value, 0 to 1.
    pub value: f32,
}

/// What `workshop-handout.md.hbs` receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoutView {
    /// The engagement's facts, at the top level of the template data.
    #[serde(flatten)]
    pub facts: Facts,
    /// Readiness per service with any applicable factor.
    pub readiness_chart: Vec<Bar>,
}

impl HandoutView {
    /// Computes the handout's data.
    pub fn new(e: &Engagement, opts: &KitOptions) -> HandoutView {
        let facts = Facts::new(e, opts);
        let readiness_chart = facts
            .services
            .iter()
            .filter_map(|s| {
                s.readiness.map(|value| Bar {
                    label: chart_label(&s.name),
                    value,
                })
            })
            .collect();
        HandoutView {
            facts,
            readiness_chart,
        }
    }
}

fn chart_label(s: &str) -> String {
    s.chars()
        .map(|c| if c == '|' || c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}
