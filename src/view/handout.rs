//! The Workshop handout's data: the facts plus the readiness chart.

use super::facts::{ActionView, Facts, MetricView, ServiceView};
use super::suggest::Suggestion;
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
    /// The first services, as many as a slide's status table holds.
    pub slide_services: Vec<ServiceView>,
    /// Services left off the slide.
    pub more_services: usize,
    /// The first actions, as many as a slide holds.
    pub slide_actions: Vec<ActionView>,
    /// Actions left off the slide (they are all in the Success Plan).
    pub more_actions: usize,
    /// The first metrics, as many as a slide holds.
    pub slide_metrics: Vec<MetricView>,
    /// Metrics left off the slide.
    pub more_metrics: usize,
    /// The first suggestions, as many as a slide holds.
    pub slide_suggestions: Vec<Suggestion>,
    /// Suggestions left off the slide.
    pub more_suggestions: usize,
}

/// How many list items a slide frame holds beside its other lines.
pub const SLIDE_ITEMS: usize = 4;

/// How many services the status table of a slide holds.
pub const SLIDE_SERVICES: usize = 6;

fn head<T: Clone>(items: &[T], max: usize) -> (Vec<T>, usize) {
    let n = items.len().min(max);
    (items.iter().take(n).cloned().collect(), items.len() - n)
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
        let (slide_services, more_services) = head(&facts.services, SLIDE_SERVICES);
        let (slide_actions, more_actions) = head(&facts.actions, SLIDE_ITEMS);
        let (slide_metrics, more_metrics) = head(&facts.metrics, SLIDE_ITEMS);
        let (slide_suggestions, more_suggestions) = head(&facts.suggestions, SLIDE_ITEMS);
        HandoutView {
            facts,
            readiness_chart,
            slide_services,
            more_services,
            slide_actions,
            more_actions,
            slide_metrics,
            more_metrics,
            slide_suggestions,
            more_suggestions,
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
