//! The portfolio report: its figures and view (against the kit's own figures for every
//! engagement of a batch), the XLSX read back through calamine (sheets, cell types, the
//! failed list, formula injection), the PDF through pdftotext.

mod common;

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use common::*;
use std::io::Cursor;
use successkit::kit::{Kit, KitOptions};
use successkit::model::{Engagement, FactorStatus, Lang, Loaded, Segment, Task, WorkStatus};
use successkit::problem::{Problem, Severity};
use successkit::template::Templates;
use successkit::view::facts::Facts;
use successkit::view::portfolio::{relative_file, Portfolio, ReportLabels, Row};

fn date(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    d(y, m, day)
}

fn kit() -> &'static Kit {
    static KIT: std::sync::OnceLock<Kit> = std::sync::OnceLock::new();
    KIT.get_or_init(|| Kit::new(Templates::new(None).expect("built-in templates")).expect("kit"))
}

/// An Enterprise engagement with 25,000 licenses, two services, one open mandatory task
/// and one action overdue as of 2026-11-24.
fn engagement(id: &str, customer: &str, fm: &str) -> Engagement {
    use FactorStatus::*;
    let mut e = bare();
    e.id = id.into();
    e.customer = customer.into();
    e.fm = fm.into();
    e.segment = Some(Segment::Enterprise);
    e.licenses = Some(25_000);
    e.workshop_date = d(2026, 11, 2);
    e.next_checkin = Some(d(2026, 12, 1));
    e.services = vec![
        service("Exchange Online", [Done, Done, InProgress, NotStarted]),
        service("Microsoft Teams", [Done, NotApplicable, Done, Done]),
    ];
    e.tasks = vec![task(3734, "Capture SSAT", WorkStatus::InProgress, None)];
    e.actions = vec![action(
        "Send the plan",
        WorkStatus::NotStarted,
        Some(d(2026, 11, 20)),
    )];
    e
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
    let labels = ReportLabels::builtin(lang).expect("labels");
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
    // Check-in overdue (a flag to filter on), then enhanced adoption.
    assert_eq!(first[14], Data::String("No".into()));
    assert_eq!(first[15], Data::String("Yes".into()));
    let second = rows.rows().nth(2).expect("second row");
    assert_eq!(second[13], Data::String("to be scheduled".into()));
    let third = rows.rows().nth(3).expect("third row");
    assert_eq!(
        third[14],
        Data::String("Yes".into()),
        "2026-11-20 < 2026-11-24"
    );

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
    assert_eq!(rows.get((1, 14)), Some(&Data::String("Não".into())));
    assert_eq!(rows.get((1, 15)), Some(&Data::String("Sim".into())));
    assert_eq!(rows.get((2, 13)), Some(&Data::String("a agendar".into())));
}

#[test]
fn xlsx_shows_na_colours_readiness_and_overdue_and_sizes_its_charts_alike() {
    let mut l = loaded();
    // No factor applies: readiness is N/A, written as such (never a blank cell).
    l.engagements[1].services = vec![service("Viva Engage", [FactorStatus::NotApplicable; 4])];
    for (lang, na) in [(Lang::En, "N/A"), (Lang::PtBr, "N/D")] {
        let port = Portfolio::from_loaded(&l, date(2026, 11, 24));
        let labels = ReportLabels::builtin(lang).expect("labels");
        let bytes = successkit::output::xlsx::write(&port, &labels, lang, date(2026, 11, 24))
            .expect("xlsx written");
        let mut wb: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(bytes.clone())).expect("xlsx reads back");
        let name = labels.sheet_engagements.clone();
        let rows = wb.worksheet_range(&name).expect("sheet");
        for col in 6..=10 {
            assert_eq!(rows.get((2, col)), Some(&Data::String(na.into())), "{col}");
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut read = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut s)
                .expect("utf-8");
            s
        };
        let sheet = read("xl/worksheets/sheet1.xml");
        // Readiness in three bands, overdue actions, an overdue check-in, the flag.
        for range in ["G2:K", "M2:M", "N2:N", "O2:O"] {
            assert!(
                sheet.contains(&format!("<conditionalFormatting sqref=\"{range}")),
                "{range}"
            );
        }
        assert_eq!(sheet.matches("<cfRule").count(), 6);
        let by_fm = read("xl/worksheets/sheet2.xml");
        assert_eq!(by_fm.matches("<cfRule").count(), 3);
        let drawing = read("xl/drawings/drawing1.xml");
        // Both anchors span the same rows (one height; both are set 480 px wide).
        let spans: Vec<Vec<&str>> = drawing
            .split("<xdr:twoCellAnchor>")
            .skip(1)
            .map(|a| {
                a.split("<xdr:row>")
                    .skip(1)
                    .filter_map(|r| r.split("</xdr:rowOff>").next())
                    .collect()
            })
            .collect();
        assert_eq!(spans.len(), 2, "{drawing}");
        assert_eq!(spans[0], spans[1], "two charts of one size");
        for chart in ["xl/charts/chart1.xml", "xl/charts/chart2.xml"] {
            assert!(read(chart).contains("<c:showVal val=\"1\"/>"), "{chart}");
        }
    }
}

#[test]
fn xlsx_names_its_title_and_author() {
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = ReportLabels::builtin(Lang::En).expect("labels");
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
    let labels = ReportLabels::builtin(Lang::En).expect("labels");
    let a = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx");
    let b = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx");
    assert_eq!(a, b);
}

fn report_ir(lang: Lang) -> Vec<successkit::document::Block> {
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = kit().report_labels(lang).expect("labels");
    kit()
        .report_document(&port, &labels, lang)
        .expect("portfolio template renders")
        .blocks
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
fn report_files_hold_every_engagement() {
    // The one call the build makes: both files from the kit's own writers.
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let files = kit().report(&port, Lang::En).expect("labels");
    let pdf = files.pdf.expect("pdf written");
    assert!(files.xlsx.expect("xlsx written").starts_with(b"PK"));
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
    let port = Portfolio::from_loaded(&loaded(), date(2026, 11, 24));
    let labels = kit().report_labels(lang).expect("labels");
    kit()
        .templates()
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

#[test]
fn files_are_named_relative_to_what_the_user_typed() {
    use std::path::PathBuf;
    let inputs = [
        PathBuf::from("/tmp/qa/port/"),
        PathBuf::from("/tmp/qa/one.xlsx"),
        PathBuf::from("csv"),
    ];
    assert_eq!(
        relative_file("/tmp/qa/port/maria-lopes.xlsx", &inputs),
        "maria-lopes.xlsx"
    );
    assert_eq!(relative_file("/tmp/qa/one.xlsx", &inputs), "one.xlsx");
    assert_eq!(relative_file("csv/Tasks.csv", &inputs), "Tasks.csv");
    assert_eq!(relative_file("csv", &inputs), "csv");
    assert_eq!(relative_file("/elsewhere/b.xlsx", &inputs), "b.xlsx");
}

#[test]
fn row_figures() {
    use FactorStatus::*;
    let as_of = date(2026, 11, 24);
    let mut e = engagement("E1", "Contoso", "Ana");
    e.services = vec![
        service("Exchange Online", [Done, Done, InProgress, NotStarted]),
        service("Teams", [Done, NotApplicable, NotStarted, NotStarted]),
    ];
    let task = |mandatory, status| Task {
        mandatory,
        ..task(1, "t", status, None)
    };
    e.tasks = vec![
        task(Some(true), WorkStatus::NotStarted),
        task(Some(true), WorkStatus::Completed),
        task(Some(true), WorkStatus::NotApplicable),
        task(Some(false), WorkStatus::NotStarted),
        task(None, WorkStatus::Blocked),
    ];
    e.actions = vec![
        action("a", WorkStatus::InProgress, Some(date(2026, 11, 23))),
        action("a", WorkStatus::NotStarted, Some(date(2026, 11, 24))),
        action("a", WorkStatus::Completed, Some(date(2026, 1, 1))),
        action("a", WorkStatus::NotStarted, None),
    ];
    let r = Row::of(&e, as_of);
    assert_eq!(r.factors, [Some(1.0), Some(1.0), Some(0.25), Some(0.0)]);
    assert_eq!(r.overall, Some(0.5));
    assert_eq!(r.mandatory_open, 1);
    assert_eq!(r.overdue_actions, 1);
    assert!(r.enhanced_eligible);
    e.licenses = Some(20_000);
    assert!(!Row::of(&e, as_of).enhanced_eligible);
    e.licenses = Some(30_000);
    e.segment = Some(Segment::Smc);
    assert!(!Row::of(&e, as_of).enhanced_eligible);
}

#[test]
fn the_pdf_cuts_long_lists_short_and_points_to_the_workbook() {
    // 199,000 failing engagements took 2.4 GB and 27 s to lay out as one PDF: each list
    // the PDF shows stops at its limit, with a line saying how many more the workbook
    // has; the workbook keeps every row.
    use successkit::view::portfolio::PDF_LIMITS as L;
    let mut engagements: Vec<Engagement> = (0..L.rows + 3)
        .map(|i| {
            engagement(
                &format!("E-{i:05}"),
                &format!("Customer {i}"),
                &format!("FM {i}"),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for i in 0..L.failed + 2 {
        let id = format!("F-{i:05}");
        let mut e = engagement(&id, "Broken", "Ana");
        e.valid = false;
        engagements.push(e);
        for k in 0..if i == 0 { L.problems + 4 } else { 1 } {
            let mut p = Problem::file(Severity::Error, "book.xlsx", format!("problem {k}"));
            p.engagement = Some(id.clone());
            problems.push(p);
        }
    }
    for k in 0..L.other_problems + 5 {
        problems.push(Problem::file(
            Severity::Error,
            format!("other-{k}.xlsx"),
            "not a spreadsheet",
        ));
    }
    let port = Portfolio::from_loaded(
        &Loaded {
            engagements,
            problems,
        },
        date(2026, 11, 24),
    );
    let more = |n: usize| format!("… and {n} more, listed in portfolio.xlsx.");
    let labels = ReportLabels::builtin(Lang::En).expect("labels");
    let view = port.view(Lang::En, &labels);
    assert_eq!(view.rows.len(), L.rows);
    assert_eq!(view.rows_more, more(3));
    assert_eq!(view.by_fm.len(), L.fms);
    assert_eq!(view.chart_by_fm.len(), L.fms);
    // Counts are written as the language writes them.
    assert_eq!(port.by_fm.len() - L.fms, 1803);
    assert_eq!(
        view.by_fm_more,
        "… and 1,803 more, listed in portfolio.xlsx."
    );
    assert_eq!(view.failed.len(), L.failed);
    assert_eq!(view.failed_more, more(2));
    assert_eq!(view.failed[0].problems.len(), L.problems);
    assert_eq!(view.failed[0].problems_more, more(4));
    assert_eq!(view.failed[1].problems_more, "");
    assert_eq!(view.other_problems.len(), L.other_problems);
    assert_eq!(view.other_problems_more, more(5));
    let md = kit()
        .templates()
        .render("portfolio", Lang::En, &view)
        .expect("renders");
    for line in [more(3), more(2), more(4), more(5)] {
        assert!(md.contains(&format!("*{line}*")), "{line} missing");
    }
    let pt = port.view(
        Lang::PtBr,
        &ReportLabels::builtin(Lang::PtBr).expect("labels"),
    );
    assert_eq!(pt.rows_more, "… e mais 3, listados em portfolio.xlsx.");
    // The workbook has every engagement (and its header row).
    let bytes = successkit::output::xlsx::write(&port, &labels, Lang::En, date(2026, 11, 24))
        .expect("xlsx written");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx reads back");
    let rows = wb.worksheet_range("Engagements").expect("sheet").height();
    assert_eq!(rows, L.rows + 3 + 1);
}

#[test]
fn totals_rollups_and_failed() {
    use FactorStatus::*;
    let mut a = engagement("E1", "Contoso", "Ana");
    a.services = vec![service("X", [Done; 4])];
    let mut b = engagement("E2", "Fabrikam", "Bruno");
    b.services = vec![service("X", [NotStarted; 4])];
    b.licenses = Some(100);
    let mut c = engagement("E3", "Bad", "Ana");
    c.valid = false;
    let mut p = Problem::file(Severity::Error, "book.xlsx", "missing Customer");
    p.engagement = Some("E3".into());
    let loaded = Loaded {
        engagements: vec![a, b, c],
        problems: vec![
            p.clone(),
            Problem::file(Severity::Error, "other.xlsx", "not a spreadsheet"),
            Problem::file(Severity::Notice, "book.xlsx", "unknown sheet"),
        ],
    };
    let mut port = Portfolio::from_loaded(&loaded, date(2026, 11, 24));
    assert_eq!(port.rows.len(), 2);
    assert_eq!(port.totals.engagements, 3);
    assert_eq!(port.totals.failed, 1);
    assert_eq!(port.totals.rollup.licenses, 25_100);
    assert_eq!(port.totals.rollup.overall, Some(0.5));
    assert_eq!(port.totals.rollup.enhanced_eligible, 1);
    assert_eq!(port.failed[0].problems, vec![p]);
    assert_eq!(port.other_problems.len(), 1);
    assert_eq!(port.by_fm.len(), 2);
    assert_eq!(port.by_fm[0].fm, "Ana");
    assert_eq!(port.by_fm[0].engagements, 1);
    port.mark_failed("E1", vec![Problem::file(Severity::Error, "x", "render")]);
    assert_eq!(port.rows.len(), 1);
    assert_eq!(port.failed.len(), 2);
    assert_eq!(port.totals.ready, 1);
    assert_eq!(port.by_fm.len(), 1);
    // Totals and roll-ups serialise flat, as the templates and the stamp read them.
    let v = serde_json::to_value(&port.totals).expect("serialises");
    assert_eq!(v["licenses"], 100);
    assert_eq!(v["ready"], 1);
}

#[test]
fn view_formats_by_language() {
    let mut a = engagement("E1", "Contoso", "Ana|Maria");
    a.licenses = Some(1_234_567);
    a.services = vec![service("X", [FactorStatus::Done; 4])];
    let loaded = Loaded {
        engagements: vec![a],
        problems: vec![],
    };
    let port = Portfolio::from_loaded(&loaded, date(2026, 11, 24));
    let en = port.view(Lang::En, &ReportLabels::builtin(Lang::En).expect("labels"));
    assert_eq!(en.rows[0].licenses, "1,234,567");
    // The dense engagement table takes the short numeric date, as the workbook.
    assert_eq!(en.rows[0].workshop_date, "2026-11-02");
    assert_eq!(en.rows[0].overall.text, "100%");
    assert_eq!(en.rows[0].overall.tone, "good");
    assert_eq!(en.chart_by_fm[0].label, "Ana|Maria");
    assert_eq!(en.chart_by_fm[0].value, "1.000");
    let pt = port.view(
        Lang::PtBr,
        &ReportLabels::builtin(Lang::PtBr).expect("labels"),
    );
    assert_eq!(pt.rows[0].licenses, "1.234.567");
    assert_eq!(pt.rows[0].workshop_date, "02/11/2026");
    assert_eq!(pt.rows[0].enhanced_eligible, "Sim");
    assert_eq!(pt.totals.rollup.factors[0].text, "100%");
}

/// The kit and the report must never disagree about a customer: for every engagement of
/// the shipped batch (and of this file's own), the report's row and the kit's facts give
/// the same readiness, overdue actions, open mandatory tasks and eligibility.
#[test]
fn kit_and_report_agree_on_every_engagement_of_a_batch() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio");
    let input = successkit::input::read_inputs(&[path], &successkit::input::Limits::default());
    let mut batch = successkit::model::load(&input);
    batch.engagements.extend(loaded().engagements);
    batch.engagements.push(contoso());
    for as_of in [date(2026, 11, 24), date(2024, 7, 1), date(2027, 6, 30)] {
        let port = Portfolio::from_loaded(&batch, as_of);
        let valid: Vec<&Engagement> = batch.engagements.iter().filter(|e| e.valid).collect();
        assert!(valid.len() > 5, "a batch worth comparing");
        assert_eq!(port.rows.len(), valid.len());
        let opts = KitOptions::new(Lang::En, as_of);
        for (e, row) in valid.into_iter().zip(&port.rows) {
            let facts = Facts::new(e, &opts.view());
            assert_eq!(row.id, e.id);
            assert_eq!(row.overall, facts.readiness, "{}: readiness", e.id);
            let factors: Vec<_> = facts.factor_readiness.iter().map(|f| f.readiness).collect();
            assert_eq!(row.factors.to_vec(), factors, "{}: factors", e.id);
            assert_eq!(
                row.overdue_actions as usize, facts.overdue_actions,
                "{}",
                e.id
            );
            assert_eq!(
                row.mandatory_open as usize, facts.mandatory_open,
                "{}",
                e.id
            );
            assert_eq!(row.enhanced_eligible, facts.enhanced_adoption, "{}", e.id);
        }
    }
}
