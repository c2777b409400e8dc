//! The Workshop handout's data: the facts plus the readiness chart.

use super::facts::{ActionView, CadenceView, Facts, MetricView, ServiceView, TaskView};
use super::suggest::Suggestion;
use super::{Bar, Overlay, ViewOptions};
use crate::model::{Amount, Engagement};
use serde::Serialize;

/// What `workshop-handout.md.hbs` receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoutView {
    /// The engagement's facts, at the top level of the template data (the cadence's
    /// channel cut at [`SLIDE_NAME`]).
    #[serde(flatten)]
    pub facts: Facts,
    /// What the slides show besides the facts, at the top level too.
    #[serde(flatten)]
    pub slides: Slides,
}

/// The handout's own data: what its slides show, cut to fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slides {
    /// The customer's name as the title slide shows it (cut at [`SLIDE_TITLE`]).
    pub slide_customer: String,
    /// Readiness per service with any applicable factor.
    pub readiness_chart: Vec<Bar>,
    /// The first services, as many as a slide's status table holds.
    pub slide_services: Vec<ServiceView>,
    /// Services left off the slide.
    pub more_services: usize,
    /// The first open actions (not Completed or N/A), as many as a slide holds.
    pub slide_actions: Vec<ActionView>,
    /// Open actions left off the slide (they are all in the Success Plan).
    pub more_actions: usize,
    /// The first metrics, as many as a slide holds.
    pub slide_metrics: Vec<MetricView>,
    /// Metrics left off the slide.
    pub more_metrics: usize,
    /// The first business-value tasks, as many as the value-added slide holds.
    pub slide_business_value: Vec<TaskView>,
    /// The first suggestions, as many as the value-added slide holds after the
    /// business-value tasks.
    pub slide_suggestions: Vec<Suggestion>,
    /// Suggestions left off the slide.
    pub more_suggestions: usize,
    /// Business-value tasks and suggestions left off the value-added slide.
    pub more_value_added: usize,
}

/// How many list items a slide frame holds beside its other lines.
pub const SLIDE_ITEMS: usize = 3;

/// How many metrics the metrics slide holds below the four success factors.
pub const SLIDE_METRICS: usize = 2;

/// How many actions the cadence slide holds: three, or two when the slide also needs
/// a "… and N more" line and the enhanced adoption line (about eight lines in all: the
/// cadence line may take two, each action two).
pub fn slide_action_count(actions: usize, enhanced_adoption: bool) -> usize {
    if actions <= SLIDE_ITEMS && !enhanced_adoption {
        SLIDE_ITEMS
    } else {
        SLIDE_ITEMS - 1
    }
}

/// How many services the status table of a slide holds.
pub const SLIDE_SERVICES: usize = 4;

/// The longest text of a slide bullet, in characters. A slide frame holds about ten
/// lines of 55 characters at the slides' one font size; a bullet is kept to two lines
/// (its text plus what the template adds: an owner and a date, a status, a target) so
/// that three bullets and the slide's fixed lines always fit. Longer texts are cut at
/// a word with "…" (the whole text is in the Success Plan).
pub const SLIDE_TEXT: usize = 64;

/// The longest business-value task name on the value-added slide, in characters: its
/// status pill comes first and nothing follows it, so it has more of its two lines than
/// an action, which an owner and a date follow.
pub const SLIDE_TASK: usize = 80;

/// The longest customer name in the title slide's heading, in characters: two lines of
/// the slide title (the whole name is in the handout's subtitle).
pub const SLIDE_TITLE: usize = 56;

/// The longest name (a service, an owner, a channel) a slide shows, in characters.
pub const SLIDE_NAME: usize = 32;

/// The longest scenario on the metrics slide, which also holds the four factors: one
/// line with its baseline and target.
pub const SLIDE_SCENARIO: usize = 40;

/// `s` cut to at most `max` characters at a word boundary, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let keep: String = s.chars().take(max.saturating_sub(1)).collect();
    // Cut at the last space when it leaves at least half the text; a single very long
    // word is cut where it stands.
    let cut = match keep.rfind(' ') {
        Some(i) if keep[..i].chars().count() >= max / 2 => &keep[..i],
        _ => keep.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—(".contains(c));
    format!("{cut}…")
}

fn head<T: Clone>(items: &[T], max: usize) -> (Vec<T>, usize) {
    let n = items.len().min(max);
    (items.iter().take(n).cloned().collect(), items.len() - n)
}

impl HandoutView {
    /// Computes the handout's data.
    pub fn new(e: &Engagement, opts: &ViewOptions) -> HandoutView {
        let mut facts = Facts::new(e, opts);
        let slides = Slides::new(&facts);
        facts.cadence = slide_cadence(&facts.cadence);
        HandoutView { facts, slides }
    }

    /// The keys of the handout's data that differ from `facts`' ([`super::Overlay`]):
    /// the slides' and the cadence (its channel cut). `facts` with these over them is
    /// the handout's view serialised.
    pub fn overlay(facts: &Facts) -> Result<Overlay, serde_json::Error> {
        let mut map = match serde_json::to_value(Slides::new(facts))? {
            serde_json::Value::Object(map) => map,
            _ => Overlay::new(),
        };
        map.insert(
            "cadence".into(),
            serde_json::to_value(slide_cadence(&facts.cadence))?,
        );
        Ok(map)
    }
}

/// The cadence as the handout shows it: its channel cut at [`SLIDE_NAME`].
fn slide_cadence(cadence: &CadenceView) -> CadenceView {
    CadenceView {
        channel: cadence.channel.as_deref().map(|c| clip(c, SLIDE_NAME)),
        ..cadence.clone()
    }
}

impl Slides {
    /// What the slides show of `facts`.
    pub fn new(facts: &Facts) -> Slides {
        let readiness_chart = facts
            .services
            .iter()
            .filter(|s| s.readiness.is_some())
            .map(|s| Bar::new(&s.row.name, s.readiness))
            .collect();
        let (mut slide_services, more_services) = head(&facts.services, SLIDE_SERVICES);
        for s in &mut slide_services {
            s.row.name = clip(&s.row.name, SLIDE_NAME);
        }
        // Next steps are what is still to do: a Completed (or N/A) action is left off.
        let open: Vec<ActionView> = facts
            .actions
            .iter()
            .filter(|a| !a.row.status.is_closed())
            .cloned()
            .collect();
        let (mut slide_actions, more_actions) = head(
            &open,
            slide_action_count(open.len(), facts.enhanced_adoption),
        );
        for a in &mut slide_actions {
            a.row.action = clip(&a.row.action, SLIDE_TEXT);
            a.row.owner = a.row.owner.as_deref().map(|o| clip(o, SLIDE_NAME));
        }
        let (mut slide_metrics, more_metrics) = head(&facts.metrics, SLIDE_METRICS);
        for m in &mut slide_metrics {
            m.row.scenario = clip(&m.row.scenario, SLIDE_SCENARIO);
            m.row.metric = m.row.metric.as_deref().map(|x| clip(x, SLIDE_SCENARIO));
            for amount in [&mut m.row.baseline, &mut m.row.target] {
                if let Some(Amount::Text(t)) = amount {
                    *t = clip(t, 12);
                }
            }
        }
        let (mut slide_business_value, more_business_value) =
            head(&facts.business_value_tasks, SLIDE_ITEMS);
        for t in &mut slide_business_value {
            t.row.name = clip(&t.row.name, SLIDE_TASK);
        }
        let (mut slide_suggestions, more_suggestions) = head(
            &facts.suggestions,
            SLIDE_ITEMS.saturating_sub(slide_business_value.len()),
        );
        for s in &mut slide_suggestions {
            s.because = clip(&s.because, SLIDE_NAME);
        }
        Slides {
            slide_customer: clip(&facts.header.customer, SLIDE_TITLE),
            readiness_chart,
            slide_services,
            more_services,
            slide_actions,
            more_actions,
            slide_metrics,
            more_metrics,
            slide_business_value,
            slide_suggestions,
            more_suggestions,
            more_value_added: more_business_value + more_suggestions,
        }
    }
}
