//! The portfolio report read back: the XLSX through calamine (sheets, cell types, the failed
//! list, formula injection), the PDF through pdftotext.

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;
use successkit::model::{
    Action, Engagement, FactorStatus, Lang, Loaded, Segment, Service, Task, WorkStatus,
};
use successkit::portfolio::{Labels, Portfolio};
use successkit::problem::{Problem, Severity};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn service(name: &str, f: [FactorStatus; 4]) -> Service {
    Service {
        name: name.into(),
        stakeholders: f[0],
        scenarios: f[1],
        awareness: f[2],
        training: f[3],
        notes: None,
        custom: Default::default(),
        origin: Default::default(),
    }
}

fn engagement(id: &str, customer: &str, fm: &str) -> Engagement {
    use FactorStatus::*;
    Engagement {
        id: id.into(),
        customer: customer.into(),
        tenant_domain: None,
        segment: Some(Segment::Enterprise),
        licenses: Some(25_000),
        fm: fm.into(),
        fm_email: None,
        partner: None,
        contact: None,
        contact_emails: vec![],
        kickoff_date: None,
        workshop_date: date(2026, 11, 2),
        language: None,
        cadence: None,
        next_checkin: Some(date(2026, 12, 1)),
        channel: None,
        enterprise_adoption_benefit: None,
        success_vision: None,
        custom: Default::default(),
        services: vec![
            service("Exchange Online", [Done, Done, InProgress, NotStarted]),
            service("Microsoft Teams", [Done, NotApplicable, Done, Done]),
        ],
        stakeholders: vec![],
        metrics: vec![],
        tasks: vec![Task {
            id: 3734,
            name: "Capture SSAT".into(),
            mandatory: Some(true),
            role: None,
            services: None,
            status: WorkStatus::InProgress,
            owner: None,
            due: None,
            completed: None,
            custom: Default::default(),
            origin: Default::default(),
        }],
        actions: vec![Action {
            action: "Send the plan".into(),
            owner: None,
            due: Some(date(2026, 11, 20)),
            status: WorkStatus::NotStarted,
            custom: Default::default(),
            origin: Default::default(),
        }],
        origin: Default::default(),
        valid: true,
    }
}

const HOSTILE: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1",
    "-1",
    "@SUM(A1:A2)",
];

fn loaded() -> Loaded {
    let mut engagements = vec![
        engagement("E-001", "Contoso Ltda.", "Ana Souza"),
        engagement("E-002", "Fabrikam", "Bruno Lima"),
    ];
    // No check-in date yet: the report says "to be scheduled", never a blank.
    engagements[1].next_checkin = None;
    for (i, name) in HOSTILE.iter().enumerate() {
        engagements.push(engagement(&format!("X-{i}"), name, "=cmd|' /C calc'!A0"));
    }
    // A check-in before the as-of date (2026-11-24) is flagged overdue.
    engagements[2].next_checkin = Some(date(2026, 11, 20));
    let mut bad = engagement("E-BAD", "Broken Co", "Ana Souza");
    bad.valid = false;
    engagements.push(bad);
    let mut p = Problem::file(
        Severity::Error,
        "portfolio.xlsx",
        "not a date: expected 2019-05-08 or 08/05/2019",
    );
    p.sheet = Some("Engagements".into());
    p.row = Some(9);
    p.column = Some("Workshop Date".into());
    p.value = Some("31/02/2026".into());
    p.engagement = Some("E-BAD".into());
    Loaded {
        engagements,
        problems: vec![
            p,
            Problem::file(Severity::Error, "notes.xlsx", "not a spreadsheet"),
        ],
    }
}

fn workbook(lang: Lang) -> (Portfolio, Xlsx<Cursor<Vec<u8>>>) {
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = Labels::builtin(lang).expect("labels");
    let bytes = successkit::output::xlsx::write(&port, &labels, lang, date(2026, 11, 24))
        .expect("xlsx written");
    let wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx reads back");
    (port, wb)
}

#[test]
fn xlsx_has_typed_cells_and_the_failed_list() {
    let (port, mut wb) = workbook(Lang::En);
    assert_eq!(wb.sheet_names(), ["Engagements", "By FM", "Failed"]);

    let rows = wb.worksheet_range("Engagements").expect("sheet");
    let header: Vec<String> = rows
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "Engagement ID");
    assert_eq!(header[4], "Licenses");
    assert_eq!(rows.height(), 1 + port.rows.len());
    let first = rows.rows().nth(1).expect("first row");
    assert_eq!(first[0], Data::String("E-001".into()));
    assert_eq!(first[1], Data::String("Contoso Ltda.".into()));
    assert!(
        matches!(first[4], Data::Float(n) if n == 25_000.0),
        "licenses: {:?}",
        first[4]
    );
    assert!(first[5].is_datetime(), "workshop date: {:?}", first[5]);
    assert_eq!(
        first[5].as_datetime().map(|d| d.date()),
        Some(date(2026, 11, 2))
    );
    // Stakeholders: Done, Done → 100%; Awareness: In progress, Done → 75%.
    assert!(
        matches!(first[6], Data::Float(n) if n == 1.0),
        "{:?}",
        first[6]
    );
    assert!(
        matches!(first[8], Data::Float(n) if n == 0.75),
        "{:?}",
        first[8]
    );
    assert!(
        matches!(first[11], Data::Float(n) if n == 1.0),
        "mandatory open: {:?}",
        first[11]
    );
    assert!(
        matches!(first[12], Data::Float(n) if n == 1.0),
        "overdue: {:?}",
        first[12]
    );
    assert!(first[13].is_datetime());
    assert_eq!(first[14], Data::String("Yes".into()));
    let second = rows.rows().nth(2).expect("second row");
    assert_eq!(second[13], Data::String("to be scheduled".into()));

    let fm = wb.worksheet_range("By FM").expect("by fm");
    let names: Vec<String> = fm.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert!(names.contains(&"Ana Souza".to_string()));
    assert_eq!(names.last().map(String::as_str), Some("Total"));
    let total = fm.rows().next_back().expect("total row");
    assert!(matches!(total[1], Data::Float(n) if n == port.rows.len() as f64));

    let failed = wb.worksheet_range("Failed").expect("failed");
    let lines: Vec<Vec<String>> = failed
        .rows()
        .skip(1)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0][0], "E-BAD");
    assert_eq!(lines[0][1], "Broken Co");
    assert_eq!(lines[0][4], "Engagements");
    assert_eq!(lines[0][5], "9");
    assert_eq!(lines[0][6], "Workshop Date");
    assert_eq!(lines[0][7], "31/02/2026");
    assert!(lines[0][8].starts_with("not a date"));
    assert_eq!(lines[1][3], "notes.xlsx");
}

#[test]
fn xlsx_is_portuguese_with_pt_br() {
    let (_, mut wb) = workbook(Lang::PtBr);
    assert_eq!(wb.sheet_names(), ["Envolvimentos", "Por FM", "Com falha"]);
    let rows = wb.worksheet_range("Envolvimentos").expect("sheet");
    assert_eq!(rows.get((0, 1)), Some(&Data::String("Cliente".into())));
    assert_eq!(rows.get((1, 14)), Some(&Data::String("Sim".into())));
    assert_eq!(rows.get((2, 13)), Some(&Data::String("a agendar".into())));
}

#[test]
fn xlsx_names_its_title_and_author() {
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = Labels::builtin(Lang::En).expect("labels");
    let bytes = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx written");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core.xml"),
        &mut core,
    )
    .expect("utf-8");
    assert!(
        core.contains("<dc:title>Portfolio report 2026-11-24</dc:title>"),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>successkit</dc:creator>"),
        "{core}"
    );
}

#[test]
fn hostile_text_stays_text_never_a_formula() {
    let (_, mut wb) = workbook(Lang::En);
    for sheet in ["Engagements", "By FM", "Failed"] {
        let formulas = wb.worksheet_formula(sheet).expect("formula range");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} holds a formula"
        );
    }
    let rows = wb.worksheet_range("Engagements").expect("sheet");
    let customers: Vec<&Data> = rows.rows().skip(1).map(|r| &r[1]).collect();
    for name in HOSTILE {
        assert!(
            customers.contains(&&Data::String(name.to_string())),
            "{name} not kept as text"
        );
    }
    let fms: Vec<&Data> = rows.rows().skip(1).map(|r| &r[2]).collect();
    assert!(fms.contains(&&Data::String("=cmd|' /C calc'!A0".into())));
}

#[test]
fn xlsx_bytes_are_deterministic() {
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = Labels::builtin(Lang::En).expect("labels");
    let a = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx");
    let b = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx");
    assert_eq!(a, b);
}

fn report_ir(lang: Lang) -> Vec<successkit::document::Block> {
    let templates = successkit::template::Templates::new(None).expect("built-in templates");
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = Labels::from_templates(&templates, lang).expect("labels");
    let md = templates
        .render("portfolio", lang, &port.view(lang, &labels))
        .expect("portfolio template renders");
    successkit::document::markdown::parse(&md)
}

fn table_texts(blocks: &[successkit::document::Block]) -> Vec<Vec<String>> {
    use successkit::document::{plain_text, Block};
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Table(t) = b {
            for row in &t.rows {
                out.push(row.iter().map(|c| plain_text(c)).collect());
            }
        }
    }
    out
}

#[test]
fn report_ir_holds_every_engagement_the_charts_and_the_failures() {
    use successkit::document::Block;
    let blocks = report_ir(Lang::En);
    let charts: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(charts.len(), 2);
    assert_eq!(charts[0].title, "Portfolio readiness by success factor");
    let labels: Vec<&str> = charts[0].bars.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Stakeholders",
            "Scenarios",
            "Awareness",
            "Training",
            "Overall"
        ]
    );
    // Every engagement: Stakeholders 100%, Awareness 75%.
    assert_eq!(charts[0].bars[0].1, 1.0);
    assert_eq!(charts[0].bars[2].1, 0.75);
    // FM names that look like syntax come through as written.
    assert!(charts[1]
        .bars
        .iter()
        .any(|(l, _)| l == "=cmd|' /C calc'!A0"));

    let rows = table_texts(&blocks);
    for name in HOSTILE.iter().chain(&["Contoso Ltda.", "Fabrikam"]) {
        assert!(
            rows.iter()
                .any(|r| r.first().map(String::as_str) == Some(name)),
            "{name} missing from the report tables"
        );
    }
    let text = format!("{blocks:?}");
    assert!(text.contains("E-BAD"));
    assert!(text.contains("31/02/2026"));
    assert!(text.contains("notes.xlsx"));
}

#[test]
fn report_ir_is_portuguese_with_pt_br() {
    let blocks = report_ir(Lang::PtBr);
    let text = format!("{blocks:?}");
    assert!(text.contains("Relatório de portfólio"));
    assert!(text.contains("24/11/2026"));
    assert!(
        text.contains("25.000"),
        "licenses grouped the Brazilian way"
    );
}

#[test]
fn report_pdf_text_holds_every_engagement() {
    use successkit::document::{Document, Meta};
    let templates = successkit::template::Templates::new(None).expect("built-in templates");
    let writer = successkit::output::pdf::PdfWriter::new(templates.theme(), templates.assets())
        .expect("pdf writer");
    let doc = Document {
        meta: Meta {
            title: "Portfolio report".into(),
            lang: Lang::En,
            date: Some(date(2026, 11, 24)),
            ..Meta::default()
        },
        blocks: report_ir(Lang::En),
    };
    let pdf = writer.write(&doc).expect("pdf written");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("portfolio.pdf");
    std::fs::write(&path, &pdf.bytes).expect("written");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for id in ["E-001", "E-002", "X-0", "X-1", "X-2", "X-3", "E-BAD"] {
        assert!(flat.contains(id), "{id} missing from the PDF text");
    }
    for name in ["Contoso Ltda.", "Fabrikam", "+1", "@SUM(A1:A2)"] {
        assert!(flat.contains(name), "{name} missing from the PDF text");
    }
}

fn report_markdown(lang: Lang) -> String {
    let templates = successkit::template::Templates::new(None).expect("built-in templates");
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = Labels::from_templates(&templates, lang).expect("labels");
    templates
        .render("portfolio", lang, &port.view(lang, &labels))
        .expect("portfolio template renders")
}

#[test]
fn report_wording_en() {
    insta::assert_snapshot!(report_markdown(Lang::En));
}

#[test]
fn report_wording_pt_br() {
    insta::assert_snapshot!(report_markdown(Lang::PtBr));
}
