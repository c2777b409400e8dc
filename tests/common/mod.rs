//! Test engagements built in Rust, the one builder the kit, view and portfolio tests share:
//! one full engagement, a bare one, and builders for each kind of row.
#![allow(dead_code)]

use chrono::NaiveDate;
use successkit::model::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

pub fn service(name: &str, f: [FactorStatus; 4]) -> Service {
    Service {
        name: name.into(),
        stakeholders: f[0],
        scenarios: f[1],
        awareness: f[2],
        training: f[3],
        notes: None,
        custom: Default::default(),
        origin: Origin::default(),
    }
}

pub fn stakeholder(name: &str, role: &str) -> Stakeholder {
    Stakeholder {
        name: name.into(),
        role: Some(role.into()),
        email: Some(format!(
            "{}@contoso.example",
            name.to_lowercase().replace(' ', ".")
        )),
        responsibility: Some("Owns the roll-out".into()),
        custom: Default::default(),
        origin: Origin::default(),
    }
}

pub fn metric(scenario: &str, baseline: Option<Amount>, target: Option<Amount>) -> Metric {
    Metric {
        service: Some("Microsoft Teams".into()),
        scenario: scenario.into(),
        metric: Some("Weekly active users".into()),
        baseline,
        target,
        target_date: Some(d(2027, 3, 31)),
        owner: Some("Ana Souza".into()),
        source: Some("Microsoft 365 usage reports".into()),
        custom: Default::default(),
        origin: Origin::default(),
    }
}

pub fn task(id: u64, name: &str, status: WorkStatus, due: Option<NaiveDate>) -> Task {
    Task {
        id,
        name: name.into(),
        mandatory: Some(true),
        role: Some("FastTrack Manager".into()),
        services: Some("All services".into()),
        status,
        owner: Some("Fiona Manager".into()),
        due,
        completed: None,
        custom: Default::default(),
        origin: Origin::default(),
    }
}

pub fn action(text: &str, status: WorkStatus, due: Option<NaiveDate>) -> Action {
    Action {
        action: text.into(),
        owner: Some("Ana Souza".into()),
        due,
        status,
        custom: Default::default(),
        origin: Origin::default(),
    }
}

/// An engagement with nothing but the required fields.
pub fn bare() -> Engagement {
    Engagement {
        id: "ENG-0".into(),
        customer: "Empty Co".into(),
        tenant_domain: None,
        segment: None,
        licenses: None,
        fm: "Fiona Manager".into(),
        fm_email: None,
        partner: None,
        contact: None,
        contact_emails: vec![],
        kickoff_date: None,
        workshop_date: d(2026, 11, 10),
        language: None,
        cadence: None,
        next_checkin: None,
        channel: None,
        enterprise_adoption_benefit: None,
        success_vision: None,
        custom: Default::default(),
        services: vec![],
        stakeholders: vec![],
        metrics: vec![],
        tasks: vec![],
        actions: vec![],
        origin: Origin::default(),
        valid: true,
    }
}

/// A full engagement: Contoso, Enterprise, 25,000 licenses, gaps in two services, one
/// overdue task and one overdue action as of 2026-11-24.
pub fn contoso() -> Engagement {
    use FactorStatus::*;
    Engagement {
        id: "ENG-1".into(),
        customer: "Contoso Ltd.".into(),
        tenant_domain: Some("contoso.onmicrosoft.com".into()),
        segment: Some(Segment::Enterprise),
        licenses: Some(25_000),
        fm: "Fiona Manager".into(),
        fm_email: Some("fiona@fasttrack.example".into()),
        partner: Some("Northwind Partners".into()),
        contact: Some("Ana Souza".into()),
        contact_emails: vec!["ana@contoso.example".into()],
        kickoff_date: Some(d(2026, 10, 1)),
        workshop_date: d(2026, 11, 10),
        language: None,
        cadence: Some(Cadence::Biweekly),
        next_checkin: Some(d(2026, 12, 8)),
        channel: Some("Microsoft Teams".into()),
        enterprise_adoption_benefit: Some(false),
        success_vision: Some("Every employee collaborates in Teams by June.".into()),
        custom: Default::default(),
        services: vec![
            service("Exchange Online", [Done, Done, Done, Done]),
            service(
                "Microsoft Teams",
                [Done, InProgress, NotStarted, NotApplicable],
            ),
            service("SharePoint", [Done, Done, InProgress, Done]),
        ],
        stakeholders: vec![
            stakeholder("Bruno Lima", "Executive Sponsor"),
            stakeholder("Ana Souza", "Success Owner"),
            stakeholder("Carla Dias", "Champion"),
        ],
        metrics: vec![metric(
            "Meetings move to Teams",
            Some(Amount::Number(1200.0)),
            Some(Amount::Number(20000.0)),
        )],
        tasks: vec![
            task(
                2536,
                "Workshop to Drive Success",
                WorkStatus::Completed,
                Some(d(2026, 11, 10)),
            ),
            task(
                3737,
                "SharePoint Online Business Value Workshop",
                WorkStatus::InProgress,
                Some(d(2026, 11, 20)),
            ),
            task(
                3278,
                "Outlook Mobile - Provide presentation",
                WorkStatus::NotStarted,
                Some(d(2026, 11, 24)),
            ),
        ],
        actions: vec![
            action(
                "Send the communications plan",
                WorkStatus::InProgress,
                Some(d(2026, 11, 23)),
            ),
            action(
                "Book training rooms",
                WorkStatus::NotStarted,
                Some(d(2026, 11, 24)),
            ),
            action(
                "Share the usage report",
                WorkStatus::Completed,
                Some(d(2026, 11, 1)),
            ),
        ],
        origin: Origin::default(),
        valid: true,
    }
}
