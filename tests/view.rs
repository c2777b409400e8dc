//! The view layer on purpose-built engagements: each computed item, on both sides of
//! its rule.

mod common;

use common::*;
use successkit::model::rules::enhanced_adoption_eligible;
use successkit::model::{Amount, Engagement, FactorStatus, Lang, Segment, WorkStatus};
use successkit::view::checklist::ChecklistView;
use successkit::view::facts::Facts;
use successkit::view::handout::{clip, slide_action_count, HandoutView, SLIDE_TASK, SLIDE_TEXT};
use successkit::view::plan::PlanView;
use successkit::view::text::Factor;
use successkit::view::{Tick, ViewOptions};
use FactorStatus::*;

fn opts() -> ViewOptions {
    ViewOptions::new(Lang::En, d(2026, 11, 24))
}

fn facts(e: &Engagement) -> Facts {
    Facts::new(e, &opts())
}

#[test]
fn readiness_per_service_and_overall() {
    let f = facts(&contoso());
    let r: Vec<_> = f.services.iter().map(|s| s.readiness).collect();
    assert_eq!(r, [Some(1.0), Some(0.5), Some(0.875)]);
    // 11 applicable factors (Teams' Training is N/A): 4 + 1.5 + 3.5 = 9.
    let overall = f.readiness.expect("services in scope");
    assert!((overall - 9.0 / 11.0).abs() < 1e-6, "{overall}");
    let training = &f.factor_readiness[3];
    assert_eq!(training.key, Factor::Training);
    assert_eq!(training.readiness, Some(1.0));
    let mut e = bare();
    e.services = vec![service("Windows", [NotApplicable; 4])];
    let f = facts(&e);
    assert_eq!(f.services[0].readiness, None);
    assert_eq!(f.readiness, None);
    assert_eq!(facts(&bare()).readiness, None);
}

#[test]
fn gaps_are_not_started_and_in_progress_factors_with_next_step_and_guide() {
    let f = facts(&contoso());
    let gaps: Vec<_> = f
        .gaps
        .iter()
        .map(|g| (g.service.as_str(), g.factor, g.status))
        .collect();
    assert_eq!(
        gaps,
        [
            ("Microsoft Teams", "Scenarios", InProgress),
            ("Microsoft Teams", "Awareness", NotStarted),
            ("SharePoint", "Awareness", InProgress),
        ]
    );
    let scen = &f.gaps[0];
    assert!(scen.next_step.contains("metric"), "{}", scen.next_step);
    assert!(scen
        .guides
        .iter()
        .any(|l| l.url == "https://aka.ms/Guide-Adoption-4-4-Pre-reqs-and-Success-Factors"));
    // Not started and in progress get different next steps.
    assert_ne!(f.gaps[1].next_step, f.gaps[2].next_step);
    assert_eq!(
        f.services.iter().map(|s| s.gap_count).collect::<Vec<_>>(),
        [0, 2, 1]
    );

    let mut e = contoso();
    e.services = vec![service("Intune", [NotStarted, Done, Done, Done])];
    e.language = Some(Lang::PtBr);
    let f = facts(&e);
    assert_eq!(f.gaps.len(), 1);
    assert_eq!(f.gaps[0].factor, "Stakeholders");
    assert_eq!(
        f.gaps[0].guides[0].url,
        "https://aka.ms/key-stakeholders-guide"
    );
    assert_eq!(
        f.gaps[0].guides[0].title,
        "Guia dos Principais Stakeholders"
    );
    assert!(f.gaps[0].next_step.starts_with("Nomear"));
}

#[test]
fn missing_key_roles_in_both_languages() {
    assert!(facts(&contoso()).missing_roles.is_empty());
    assert_eq!(
        facts(&bare()).missing_roles,
        ["Executive Sponsor", "Success Owner"]
    );

    let mut e = bare();
    e.stakeholders = vec![
        stakeholder("Vinícius", "Patrocinador Executivo"),
        stakeholder("José", "Responsável pelo sucesso"),
    ];
    assert!(facts(&e).missing_roles.is_empty());

    e.stakeholders = vec![stakeholder("Vinícius", "Patrocinador Executivo")];
    e.language = Some(Lang::PtBr);
    assert_eq!(facts(&e).missing_roles, ["Responsável pelo Sucesso"]);

    // A stakeholder without a role holds none; a champion is not a success owner.
    e.stakeholders = vec![stakeholder("Carla", "Champion")];
    e.stakeholders[0].role = None;
    e.language = None;
    assert_eq!(facts(&e).missing_roles.len(), 2);
}

#[test]
fn suggestions_fit_scope_and_never_repeat_a_service_in_scope() {
    let titles = |e: &Engagement| -> Vec<String> {
        facts(e).suggestions.into_iter().map(|s| s.title).collect()
    };
    // Exchange in scope → Outlook Mobile, AADP, Intune. SharePoint's BVD (3737) is in the
    // data already, so it is listed as a task, not suggested.
    assert_eq!(
        titles(&contoso()),
        [
            "Outlook Mobile",
            "Azure Active Directory Premium (AADP)",
            "Intune"
        ]
    );
    let mut e = bare();
    e.services = vec![
        service("Exchange Online", [Done; 4]),
        service("Microsoft Intune", [Done; 4]),
        service("SharePoint Online", [Done; 4]),
    ];
    assert_eq!(
        titles(&e),
        [
            "Outlook Mobile",
            "Azure Active Directory Premium (AADP)",
            "SharePoint Online business value workshop"
        ]
    );
    let s = &facts(&e).suggestions[2];
    assert_eq!(s.task_id, Some(3737));
    assert_eq!(s.because, "SharePoint Online");

    e.services = vec![
        service("OneDrive for Business", [Done; 4]),
        service("Office 365 ProPlus", [Done; 4]),
    ];
    assert_eq!(
        titles(&e),
        [
            "OneDrive Adoption Launch Program",
            "OneDrive business value presentation",
            "Desktop App Assurance (DAA) business value discussion",
            "Office 365 ProPlus presentation"
        ]
    );
    let launch = &facts(&e).suggestions[0];
    assert_eq!(
        launch.link.as_ref().map(|l| l.url),
        Some("https://aka.ms/OneDriveAdoptionLaunchProgramKit")
    );

    e.services = vec![service("Microsoft Teams", [Done; 4])];
    assert!(titles(&e).is_empty());
    assert!(titles(&bare()).is_empty());
}

#[test]
fn overdue_is_due_before_as_of_and_not_closed() {
    let f = facts(&contoso());
    let tasks: Vec<_> = f.tasks.iter().map(|t| (t.row.id, t.overdue)).collect();
    // 2536 completed (due 11-10), 3737 due 11-20 in progress, 3278 due on as_of itself.
    assert_eq!(tasks, [(2536, false), (3737, true), (3278, false)]);
    let actions: Vec<_> = f.actions.iter().map(|a| a.overdue).collect();
    assert_eq!(actions, [true, false, false]);
    assert_eq!((f.overdue_tasks, f.overdue_actions), (1, 1));

    // One day later the items due on 11-24 are overdue too.
    let later = Facts::new(&contoso(), &ViewOptions::new(Lang::En, d(2026, 11, 25)));
    assert_eq!((later.overdue_tasks, later.overdue_actions), (2, 2));

    // No due date, blocked, N/A.
    let mut e = bare();
    e.tasks = vec![
        task(1, "no date", WorkStatus::NotStarted, None),
        task(2, "blocked", WorkStatus::Blocked, Some(d(2026, 1, 1))),
        task(3, "n/a", WorkStatus::NotApplicable, Some(d(2026, 1, 1))),
    ];
    let f = facts(&e);
    assert_eq!(
        f.tasks.iter().map(|t| t.overdue).collect::<Vec<_>>(),
        [false, true, false]
    );

    // A next check-in is overdue the day after its date, not on it; none is never.
    let as_of = d(2026, 11, 24);
    for (next, overdue) in [
        (Some(d(2026, 11, 23)), true),
        (Some(as_of), false),
        (None, false),
    ] {
        e.next_checkin = next;
        let f = Facts::new(&e, &ViewOptions::new(Lang::En, as_of));
        assert_eq!(f.cadence.overdue, overdue, "{next:?}");
    }
}

#[test]
fn mandatory_tasks_open() {
    assert_eq!(facts(&contoso()).mandatory_open, 2);
    let mut e = contoso();
    for t in &mut e.tasks {
        t.mandatory = Some(false);
    }
    assert_eq!(facts(&e).mandatory_open, 0);
}

#[test]
fn enhanced_adoption_needs_enterprise_and_more_than_20000_licenses() {
    let mut e = contoso();
    e.licenses = Some(20_000);
    assert!(!enhanced_adoption_eligible(&e));
    e.licenses = Some(20_001);
    assert!(enhanced_adoption_eligible(&e));
    assert!(facts(&e).enhanced_adoption);
    e.segment = Some(Segment::Smc);
    assert!(!enhanced_adoption_eligible(&e));
    e.segment = None;
    assert!(!enhanced_adoption_eligible(&e));
    e.segment = Some(Segment::Enterprise);
    e.licenses = None;
    assert!(!enhanced_adoption_eligible(&e));
}

#[test]
fn key_outcomes_ticked_where_the_data_shows_them() {
    let o = facts(&contoso()).outcomes;
    assert_eq!(o.success_defined, Tick::Done);
    assert_eq!(o.next_steps_agreed, Tick::Done);
    assert_eq!(o.metrics_ready, Tick::Done);
    assert_eq!(o.vision_understood, Tick::Done);
    // Teams' Awareness is not started.
    assert_eq!(o.ssat_validated, Tick::Open);
    assert_eq!(o.training_in_project_plan, Tick::Open);
    assert_eq!(o.prereqs_confirmed, Tick::Open);
    assert_eq!(o.adoption_method, Tick::Open);
    // 3737 and 3278 are open.
    assert_eq!(o.business_value_attended, Tick::Open);
    assert_eq!(o.portal_navigation, Tick::Open);
    assert_eq!(o.plan_ready, Tick::Done);
    // Eligible, and the benefit is recorded.
    assert_eq!(o.enhanced_adoption_discussed, Tick::Done);

    let mut e = contoso();
    e.services = vec![
        service("Exchange Online", [Done, InProgress, InProgress, Done]),
        service("Microsoft Teams", [Done, Done, Done, NotApplicable]),
    ];
    e.tasks.retain(|t| t.id == 2536);
    e.tasks
        .push(task(3737, "SharePoint BVW", WorkStatus::Completed, None));
    let o = facts(&e).outcomes;
    assert_eq!(o.ssat_validated, Tick::Done);
    assert_eq!(o.training_in_project_plan, Tick::Done);
    assert_eq!(o.adoption_method, Tick::Done);
    assert_eq!(o.prereqs_confirmed, Tick::Open);
    assert_eq!(o.business_value_attended, Tick::Done);

    e.services = vec![service(
        "Exchange Online",
        [Done, Done, NotApplicable, Done],
    )];
    assert_eq!(facts(&e).outcomes.prereqs_confirmed, Tick::Done);

    e.channel = None;
    e.metrics[0].baseline = None;
    e.success_vision = Some("   ".into());
    e.segment = Some(Segment::Smb);
    e.actions[1].owner = None;
    let o = facts(&e).outcomes;
    assert_eq!(o.next_steps_agreed, Tick::Open);
    assert_eq!(o.metrics_ready, Tick::Open);
    assert_eq!(o.success_defined, Tick::Open);
    assert_eq!(o.vision_understood, Tick::Open);
    assert_eq!(o.plan_ready, Tick::Open);
    assert_eq!(o.enhanced_adoption_discussed, Tick::NotApplicable);

    let o = facts(&bare()).outcomes;
    assert_eq!(
        o.ssat_validated,
        Tick::Open,
        "no services validates nothing"
    );
    assert_eq!(o.metrics_ready, Tick::Open);
    assert_eq!(o.next_steps_agreed, Tick::Open);
}

#[test]
fn checklist_items_and_factor_ticks() {
    let v = ChecklistView::new(&contoso(), &opts());
    let teams = &v.facts.services[1];
    assert_eq!(
        [
            teams.ticks.stakeholders,
            teams.ticks.scenarios,
            teams.ticks.awareness,
            teams.ticks.training
        ],
        [Tick::Done, Tick::Open, Tick::Open, Tick::NotApplicable]
    );
    assert_eq!(v.items.stakeholders, Tick::Done);
    assert_eq!(v.items.criteria, Tick::Done);
    assert_eq!(v.items.communications, Tick::Open);
    assert_eq!(v.items.training, Tick::Done);
    assert_eq!(v.items.usage_reports, Tick::Done);
    // Scenarios are recorded, but Teams' Scenarios factor is open: the item for each
    // service stays open, as the table above it shows.
    assert_eq!(v.items.scenarios, Tick::Open);
    let mut e = contoso();
    for s in &mut e.services {
        if s.scenarios != NotApplicable {
            s.scenarios = Done;
        }
    }
    assert_eq!(ChecklistView::new(&e, &opts()).items.scenarios, Tick::Done);
    e.metrics.clear();
    assert_eq!(ChecklistView::new(&e, &opts()).items.scenarios, Tick::Open);
    let v = ChecklistView::new(&bare(), &opts());
    assert_eq!(v.items.stakeholders, Tick::Open);
    assert_eq!(v.items.training, Tick::Open);
}

#[test]
fn localised_values_and_serialised_shape() {
    let mut e = contoso();
    e.language = Some(Lang::PtBr);
    e.metrics[0].baseline = Some(Amount::Number(1234.5));
    e.metrics[0].target = Some(Amount::Text("80%".into()));
    let v = serde_json::to_value(PlanView::new(&e, &opts())).expect("serialises");
    assert_eq!(v["lang"], "pt-BR");
    assert_eq!(v["cadence"]["frequency"], "quinzenal");
    assert_eq!(v["metrics"][0]["baseline"], "1.234,5");
    assert_eq!(v["metrics"][0]["target"], "80%");
    assert_eq!(v["header"]["workshop_date"], "2026-11-10");
    assert_eq!(v["services"][1]["scenarios"], "In progress");
    assert_eq!(v["services"][1]["ticks"]["training"], "na");
    assert_eq!(v["services"][1]["ticks"]["stakeholders"], true);
    assert_eq!(v["outcomes"]["ssat_validated"], false);
    assert_eq!(v["gaps"][0]["factor"], "Cenários");

    let h = HandoutView::new(&contoso(), &opts());
    let bars: Vec<_> = h
        .slides
        .readiness_chart
        .iter()
        .map(|b| (b.label.as_str(), b.value.as_str()))
        .collect();
    assert_eq!(
        bars,
        [
            ("Exchange Online", "1.000"),
            ("Microsoft Teams", "0.500"),
            ("SharePoint", "0.875")
        ]
    );
    // One line per bar; a `|` is kept (the template's Markdown escaping protects it).
    let mut e = bare();
    e.services = vec![service("A | B\nC", [Done; 4])];
    assert_eq!(
        HandoutView::new(&e, &opts()).slides.readiness_chart[0].label,
        "A | B C"
    );
}

#[test]
fn handout_slides_hold_at_most_a_slide_of_items() {
    let mut e = contoso();
    e.actions = (0..7)
        .map(|i| action(&format!("step {i}"), WorkStatus::NotStarted, None))
        .collect();
    e.services = (0..8)
        .map(|i| service(&format!("S{i}"), [Done; 4]))
        .collect();
    let h = HandoutView::new(&e, &opts());
    // Contoso qualifies for enhanced adoption: its line and "… and 5 more" take the
    // room of a third action.
    assert!(h.facts.enhanced_adoption);
    assert_eq!(
        (h.slides.slide_actions.len(), h.slides.more_actions),
        (2, 5)
    );
    assert_eq!(slide_action_count(3, false), 3);
    assert_eq!(slide_action_count(4, false), 2);
    assert_eq!(slide_action_count(3, true), 2);
    assert_eq!(
        (h.slides.slide_services.len(), h.slides.more_services),
        (4, 4)
    );
    assert_eq!(
        (h.slides.slide_metrics.len(), h.slides.more_metrics),
        (1, 0)
    );
    // The value-added slide shares its three bullets: business-value tasks first.
    let h = HandoutView::new(&contoso(), &opts());
    assert_eq!(h.facts.business_value_tasks.len(), 2);
    assert_eq!(h.facts.suggestions.len(), 3);
    assert_eq!(h.slides.slide_business_value.len(), 2);
    assert_eq!(h.slides.slide_suggestions.len(), 1);
    assert_eq!(
        (h.slides.more_suggestions, h.slides.more_value_added),
        (2, 2)
    );
}

#[test]
fn plan_view_snapshot() {
    insta::assert_json_snapshot!(PlanView::new(&contoso(), &opts()));
}

#[test]
fn service_notes_are_kept_and_blank_notes_dropped() {
    let mut e = bare();
    e.services = vec![
        service("Exchange Online", [Done; 4]),
        service("SharePoint Online", [Done; 4]),
    ];
    assert!(!facts(&e).any_service_notes);
    e.services[1].notes = Some("   ".into());
    assert!(!facts(&e).any_service_notes);
    assert_eq!(facts(&e).services[1].row.notes, None);
    e.services[0].notes = Some("Awareness campaign next quarter.".into());
    let f = facts(&e);
    assert!(f.any_service_notes);
    assert_eq!(
        f.services[0].row.notes.as_deref(),
        Some("Awareness campaign next quarter.")
    );
    // Short notes sit in the SSAT matrix's Notes column; one that runs past
    // NOTE_IN_TABLE_MAX_CHARS or over two lines moves every note under the table.
    assert!(f.service_notes_column && !f.service_notes_below);
    let max = successkit::view::facts::NOTE_IN_TABLE_MAX_CHARS;
    e.services[1].notes = Some("é".repeat(max));
    let f = facts(&e);
    assert!(
        f.service_notes_column && !f.service_notes_below,
        "{max} characters fit"
    );
    e.services[1].notes = Some("é".repeat(max + 1));
    let f = facts(&e);
    assert!(!f.service_notes_column && f.service_notes_below);
    e.services[1].notes = Some("Pilot first.\nThen every site.\n".into());
    let f = facts(&e);
    assert!(
        !f.service_notes_column && f.service_notes_below,
        "two lines"
    );
    e.services[1].notes = Some("Pilot first.\n".into());
    assert!(
        facts(&e).service_notes_column,
        "a trailing line break is not a second line"
    );
}

#[test]
fn suggestions_have_their_own_reason_and_name_a_task_only_when_the_data_has_it() {
    let mut e = bare();
    e.services = vec![service("Exchange Online", [Done; 4])];
    let s = facts(&e).suggestions;
    assert_eq!(s.len(), 3);
    let reasons: std::collections::BTreeSet<_> = s.iter().map(|s| s.reason).collect();
    assert_eq!(reasons.len(), 3, "one rationale per suggested service");
    for s in &s {
        assert!(!s.task_in_data, "{}: no task 3278 in the data", s.title);
        assert!(!s.reason.contains("3278"), "{}", s.reason);
    }
    e.tasks = vec![task(3278, "Outlook Mobile", WorkStatus::NotStarted, None)];
    assert!(facts(&e).suggestions.iter().all(|s| s.task_in_data));
}

#[test]
fn slide_bullets_are_cut_at_a_word_with_an_ellipsis() {
    assert_eq!(clip("short  text", 20), "short text");
    assert_eq!(clip("one two three four", 12), "one two…");
    assert_eq!(clip("abcdefghijklmnop", 8), "abcdefg…");
    let long = "Rollout split in waves, ".repeat(10);
    let mut e = contoso();
    e.actions = vec![action(&long, WorkStatus::NotStarted, None)];
    let h = HandoutView::new(&e, &opts());
    let shown = &h.slides.slide_actions[0].row.action;
    assert!(
        shown.ends_with('…') && shown.chars().count() <= SLIDE_TEXT,
        "{shown}"
    );
    assert!(!shown.contains(",…"), "{shown}");
    // The plan keeps the whole text.
    assert_eq!(h.facts.actions[0].row.action, long);
    // A business-value task's name, after its status on the slide, keeps more.
    let name = "Outlook Mobile - Fornecer Apresentação (Anexação de ExO e anexão de \
                proteção de dados EMS)";
    e.tasks = vec![task(3278, name, WorkStatus::InProgress, None)];
    let h = HandoutView::new(&e, &opts());
    let shown = &h.slides.slide_business_value[0].row.name;
    assert_eq!(
        shown,
        "Outlook Mobile - Fornecer Apresentação (Anexação de ExO e anexão de proteção…"
    );
    assert!(shown.chars().count() <= SLIDE_TASK && SLIDE_TASK > SLIDE_TEXT);
    // The metrics slide names each scenario's metric, cut as the scenario is.
    e.metrics[0].metric =
        Some("Internal e-mails per user per week, counted by message trace".into());
    let h = HandoutView::new(&e, &opts());
    assert_eq!(
        h.slides.slide_metrics[0].row.metric.as_deref(),
        Some("Internal e-mails per user per week…")
    );
    // The title slide's heading keeps a long customer name to two lines.
    e.customer = "Companhia Brasileira de Distribuição, Logística Integrada, Armazenagem \
                  Frigorificada e Serviços Portuários do Norte e Nordeste S.A."
        .into();
    let h = HandoutView::new(&e, &opts());
    assert_eq!(
        h.slides.slide_customer,
        "Companhia Brasileira de Distribuição, Logística…"
    );
    assert_eq!(h.facts.header.customer, e.customer);
}

/// The kit serialises an engagement's facts once and puts each view's overlay over
/// them: what a template sees must be the view itself, serialised.
#[test]
fn facts_with_a_views_overlay_are_the_view_serialised() {
    let mut long = contoso();
    long.channel =
        Some("A channel name far too long for the cadence slide of the handout".repeat(3));
    long.customer = "Ü".repeat(300);
    for e in [contoso(), bare(), long] {
        let f = facts(&e);
        let value = serde_json::to_value(&f).expect("serialises");
        // The plan's view is the facts.
        assert_eq!(
            value,
            serde_json::to_value(PlanView::new(&e, &opts())).expect("serialises")
        );
        let over = |overlay: successkit::view::Overlay| {
            let mut map = value.as_object().cloned().expect("an object");
            map.extend(overlay);
            serde_json::Value::Object(map)
        };
        assert_eq!(
            over(ChecklistView::overlay(&e, &f).expect("serialises")),
            serde_json::to_value(ChecklistView::new(&e, &opts())).expect("serialises")
        );
        assert_eq!(
            over(HandoutView::overlay(&f).expect("serialises")),
            serde_json::to_value(HandoutView::new(&e, &opts())).expect("serialises")
        );
    }
}
