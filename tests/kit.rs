//! The kit end to end: templates rendered from real views, parsed into the IR, written
//! as PDF and DOCX and read back.

mod common;

use common::*;
use successkit::document::{plain_text, Block, Check, Document, Inline, Table, Tone};
use successkit::kit::{DocChoice, Kit, KitOptions};
use successkit::model::{Engagement, Lang};
use successkit::template::Templates;

fn kit() -> &'static Kit {
    static KIT: std::sync::OnceLock<Kit> = std::sync::OnceLock::new();
    KIT.get_or_init(|| {
        Kit::new(Templates::new(None).expect("built-in templates load")).expect("kit builds")
    })
}

fn opts(lang: Lang) -> KitOptions {
    KitOptions::new(lang, d(2026, 11, 24))
}

fn doc(e: &Engagement, lang: Lang, c: DocChoice) -> Document {
    kit()
        .document(e, &opts(lang), c)
        .unwrap_or_else(|err| panic!("{c} {lang:?}: {err}"))
}

/// Every block, depth first (inside lists, callouts, quotes and slides too).
fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
    for b in blocks {
        out.push(b);
        match b {
            Block::List { items, .. } => {
                for i in items {
                    walk(&i.blocks, out);
                }
            }
            Block::Callout { blocks, .. } | Block::Quote(blocks) | Block::Slide(blocks) => {
                walk(blocks, out)
            }
            _ => {}
        }
    }
}

fn blocks(d: &Document) -> Vec<&Block> {
    let mut v = Vec::new();
    walk(&d.blocks, &mut v);
    v
}

fn sections(d: &Document) -> Vec<String> {
    blocks(d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Heading {
                level,
                content,
                classes,
            } if *level <= 3 && classes.is_empty() => Some(format!(
                "{} {}",
                "#".repeat(*level as usize),
                plain_text(content)
            )),
            _ => None,
        })
        .collect()
}

fn tables(d: &Document) -> Vec<&Table> {
    blocks(d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The table whose header's first cell is `first`.
fn table<'a>(d: &'a Document, first: &str) -> &'a Table {
    tables(d)
        .into_iter()
        .find(|t| t.header.first().map(|c| plain_text(c)).as_deref() == Some(first))
        .unwrap_or_else(|| panic!("no table starting with {first:?}"))
}

fn tones(cell: &[Inline]) -> Vec<(Tone, String)> {
    cell.iter()
        .filter_map(|i| match i {
            Inline::Span {
                tone: Some(t),
                text,
                ..
            } => Some((*t, text.clone())),
            _ => None,
        })
        .collect()
}

fn all_inlines(d: &Document) -> Vec<Inline> {
    let mut out = Vec::new();
    for b in blocks(d) {
        match b {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                out.extend(content.iter().cloned())
            }
            Block::Table(t) => {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    out.extend(c.iter().cloned());
                }
            }
            _ => {}
        }
    }
    out
}

fn text(d: &Document) -> String {
    plain_text(&all_inlines(d))
}

#[test]
fn every_document_and_language_has_its_sections() {
    let mut snap = String::new();
    for lang in [Lang::En, Lang::PtBr] {
        for c in DocChoice::ALL {
            let d = doc(&contoso(), lang, c);
            snap.push_str(&format!("== {c} {}\n", lang.tag()));
            for s in sections(&d) {
                snap.push_str(&s);
                snap.push('\n');
            }
        }
    }
    insta::assert_snapshot!(snap);
}

#[test]
fn plan_metadata_and_values() {
    let p = doc(&contoso(), Lang::En, DocChoice::Plan);
    assert_eq!(p.meta.title, "Success Plan");
    assert_eq!(p.meta.author, "Fiona Manager");
    assert_eq!(p.meta.footer, "Success Plan · Contoso Ltd.");
    assert_eq!(p.meta.customer, "Contoso Ltd.");
    assert_eq!(p.meta.subject, "Success Plan: Contoso Ltd.");
    assert_eq!(p.meta.date, Some(d(2026, 11, 24)));
    let t = text(&p);
    for want in [
        "contoso.onmicrosoft.com",
        "Enterprise / 25,000",
        "November 10, 2026",
        "Every employee collaborates in Teams by June.",
        "1,200 → 20,000",
        "every two weeks",
        "December 8, 2026",
        "Overall readiness: 82%",
    ] {
        assert!(t.contains(want), "plan lacks {want:?}");
    }
    let p = doc(&contoso(), Lang::PtBr, DocChoice::Plan);
    assert_eq!(p.meta.title, "Plano de Sucesso");
    assert_eq!(p.meta.lang, Lang::PtBr);
    let t = text(&p);
    for want in [
        "Enterprise / 25.000",
        "10/11/2026",
        "1.200 → 20.000",
        "quinzenal",
        "Prontidão geral: 82%",
    ] {
        assert!(t.contains(want), "plano lacks {want:?}");
    }
    let h = doc(&contoso(), Lang::En, DocChoice::Handout);
    assert_eq!(h.meta.layout, successkit::document::Layout::Handout);
    let slides = blocks(&h)
        .iter()
        .filter(|b| matches!(b, Block::Slide(_)))
        .count();
    assert_eq!(slides, 9);
}

#[test]
fn gap_marks_sit_exactly_on_gaps() {
    for lang in [Lang::En, Lang::PtBr] {
        let d = doc(&contoso(), lang, DocChoice::Plan);
        let first = if lang == Lang::En {
            "Service"
        } else {
            "Serviço"
        };
        let m = table(&d, first);
        let marks: Vec<Vec<Option<Tone>>> = m
            .rows
            .iter()
            .map(|r| {
                r[1..5]
                    .iter()
                    .map(|c| tones(c).first().map(|(t, _)| *t))
                    .collect()
            })
            .collect();
        use Tone::*;
        assert_eq!(
            marks,
            [
                [Some(Good), Some(Good), Some(Good), Some(Good)],
                [Some(Good), Some(Warn), Some(Muted), Some(Muted)],
                [Some(Good), Some(Good), Some(Warn), Some(Good)],
            ],
            "{lang:?}"
        );
        let readiness: Vec<_> = m.rows.iter().map(|r| plain_text(&r[5])).collect();
        assert_eq!(readiness, ["100%", "50%", "88%"]);
    }
}

#[test]
fn overdue_marks_sit_exactly_on_overdue_rows() {
    for (lang, word, first_task, first_action) in [
        (Lang::En, "Overdue", "ID", "Action"),
        (Lang::PtBr, "Atrasada", "ID", "Ação"),
    ] {
        let d = doc(&contoso(), lang, DocChoice::Plan);
        let marked = |t: &Table| -> Vec<bool> {
            t.rows
                .iter()
                .map(|r| {
                    r.iter()
                        .flat_map(|c| tones(c))
                        .any(|(tone, text)| tone == Tone::Bad && text.contains(word))
                })
                .collect()
        };
        assert_eq!(
            marked(table(&d, first_task)),
            [false, true, false],
            "{lang:?}"
        );
        assert_eq!(
            marked(table(&d, first_action)),
            [true, false, false],
            "{lang:?}"
        );
        let n = text(&d).matches(word).count();
        // The tasks table and the actions table only: the business-value list shows
        // status, never a second overdue mark.
        assert_eq!(n, 2, "{lang:?}: {word} appears {n} times");
    }
    // One day later, the items due on as_of are overdue too.
    let later = kit()
        .document(
            &contoso(),
            &KitOptions::new(Lang::En, d(2026, 11, 25)),
            DocChoice::Plan,
        )
        .expect("plan");
    assert_eq!(text(&later).matches("Overdue").count(), 4);
}

fn checks(d: &Document) -> Vec<Check> {
    let mut out = Vec::new();
    for b in blocks(d) {
        if let Block::List { items, .. } = b {
            out.extend(items.iter().filter_map(|i| i.check));
        }
    }
    out.extend(all_inlines(d).into_iter().filter_map(|i| match i {
        Inline::Check(c) => Some(c),
        _ => None,
    }));
    out
}

#[test]
fn ticks_follow_the_data() {
    use Check::*;
    // Key outcomes of Contoso, in template order: defined, portal, next steps, method,
    // 4 sub-items, plan ready, BVD, prereqs, vision, enterprise.
    let d = doc(&contoso(), Lang::En, DocChoice::Plan);
    let c = checks(&d);
    let done = c.iter().filter(|c| **c == Done).count();
    let na = c.iter().filter(|c| **c == NotApplicable).count();
    assert_eq!((c.len(), done, na), (13, 6, 0));

    let d = doc(&bare(), Lang::PtBr, DocChoice::Plan);
    let c = checks(&d);
    assert_eq!(c.iter().filter(|c| **c == Done).count(), 0);
    assert_eq!(
        c.iter().filter(|c| **c == NotApplicable).count(),
        1,
        "not Enterprise"
    );

    // Checklist: Exchange 4 done; Teams done, open, open, N/A; SharePoint 3 done; then
    // the plan items (stakeholders, scenarios, criteria, training, usage reports).
    let d = doc(&contoso(), Lang::En, DocChoice::Checklist);
    let m = table(&d, "Service");
    let boxes: Vec<Vec<Check>> = m
        .rows
        .iter()
        .map(|r| {
            r[1..5]
                .iter()
                .flat_map(|c| {
                    c.iter().filter_map(|i| match i {
                        Inline::Check(c) => Some(*c),
                        _ => None,
                    })
                })
                .collect()
        })
        .collect();
    assert_eq!(
        boxes,
        [
            vec![Done, Done, Done, Done],
            vec![Done, Open, Open, NotApplicable],
            vec![Done, Done, Open, Done],
        ]
    );
    let items = table(&d, "Done");
    let ticked: Vec<bool> = items
        .rows
        .iter()
        .map(|r| r[0].contains(&Inline::Check(Done)))
        .collect();
    // Scenarios recorded but Teams' Scenarios open: "for each service" stays open.
    assert_eq!(ticked, [true, false, true, false, true, true, false, false]);
}

#[test]
fn empty_engagement_says_what_to_fill_in_and_has_no_empty_table() {
    for lang in [Lang::En, Lang::PtBr] {
        for c in DocChoice::ALL {
            let d = doc(&bare(), lang, c);
            for t in tables(&d) {
                assert!(
                    !t.rows.is_empty(),
                    "{c} {lang:?}: empty table {:?}",
                    t.header
                );
            }
        }
        let d = doc(&bare(), lang, DocChoice::Plan);
        let callouts = blocks(&d)
            .iter()
            .filter(|b| matches!(b, Block::Callout { .. }))
            .count();
        // Vision, missing roles, stakeholders, services, metrics, value-added, tasks,
        // cadence, next steps.
        assert_eq!(callouts, 9, "{lang:?}");
        let t = text(&d);
        let fill = if lang == Lang::En {
            "To fill in"
        } else {
            "A preencher"
        };
        assert!(t.matches(fill).count() >= 5, "{lang:?}");
        assert!(!t.contains("Overdue") && !t.contains("Atrasada"));
    }
}

#[test]
fn missing_roles_note_only_when_a_role_is_missing() {
    let warn = |e: &Engagement| {
        text(&doc(e, Lang::En, DocChoice::Plan)).contains("Key roles not yet named")
    };
    assert!(!warn(&contoso()));
    let mut e = contoso();
    e.stakeholders.remove(1);
    assert!(warn(&e));
    assert!(text(&doc(&e, Lang::En, DocChoice::Plan))
        .contains("Key roles not yet named: Success Owner."));
}

#[test]
fn enhanced_adoption_note_only_for_eligible_customers() {
    let note = |e: &Engagement, lang| {
        let d = doc(e, lang, DocChoice::Plan);
        blocks(&d).iter().any(|b| match b {
            Block::Callout { kind, .. } => *kind == successkit::document::CalloutKind::Important,
            _ => false,
        })
    };
    assert!(note(&contoso(), Lang::En));
    assert!(note(&contoso(), Lang::PtBr));
    let mut e = contoso();
    e.licenses = Some(20_000);
    assert!(!note(&e, Lang::En));
}

#[test]
fn hostile_text_stays_text() {
    let mut e = contoso();
    e.customer = "A | B *C* <span class=\"good\">x</span> # [link](http://x)".into();
    e.services[0].name = "Exchange | Online\nsecond line".into();
    e.success_vision = Some("1. not a list\n\n## not a heading".into());
    for lang in [Lang::En, Lang::PtBr] {
        for c in DocChoice::ALL {
            let d = doc(&e, lang, c);
            let t = text(&d);
            assert!(
                t.contains("A | B *C* <span class=\"good\">x</span> # [link](http://x)"),
                "{c}"
            );
        }
        let d = doc(&e, lang, DocChoice::Plan);
        let first = if lang == Lang::En {
            "Service"
        } else {
            "Serviço"
        };
        assert_eq!(table(&d, first).rows.len(), 3);
        assert_eq!(
            sections(&d)
                .iter()
                .filter(|s| s.contains("not a heading"))
                .count(),
            0
        );
    }
}

#[test]
fn markdown_snapshots() {
    let k = kit();
    for lang in [Lang::En, Lang::PtBr] {
        for c in DocChoice::ALL {
            let md = k.markdown(&contoso(), &opts(lang), c).expect("renders");
            insta::assert_snapshot!(format!("{}-{}", c.template(), lang.tag()), md);
        }
    }
}

fn fixture(name: &str) -> Vec<Engagement> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sample")
        .join(name);
    let input = successkit::input::read_inputs(&[path], &successkit::input::Limits::default());
    let loaded = successkit::model::load(&input);
    assert!(
        loaded.engagements.iter().all(|e| e.valid),
        "{name}: {:?}",
        loaded.problems
    );
    loaded.engagements
}

#[test]
fn shipped_fixtures_render_every_document() {
    let k = kit();
    // The data's Language wins over the default (pt-BR here for the English fixture).
    for (file, title) in [
        ("contoso.xlsx", "Success Plan"),
        ("itau-textil.xlsx", "Plano de Sucesso"),
    ] {
        let engagements = fixture(file);
        assert_eq!(engagements.len(), 1, "{file}");
        for e in &engagements {
            let docs = k.documents(e, &opts(Lang::PtBr)).expect("documents");
            assert_eq!(docs.len(), 3);
            let plan = &docs[0].1;
            assert_eq!(plan.meta.title, title, "{file}");
            assert!(text(plan).contains(&e.customer), "{file}");
            assert_eq!(tables(plan).iter().filter(|t| t.rows.is_empty()).count(), 0);
        }
    }
}

/// The four files of a kit, written by [`Kit::render`] into a temp dir.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn render(e: &Engagement, lang: Lang) -> Files {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut made = Vec::new();
        kit().render(e, &opts(lang), &mut |kind, r| {
            let r = r.unwrap_or_else(|err| panic!("{kind}: {err}"));
            std::fs::write(dir.path().join(kind.file_name()), &r.bytes).expect("write");
            made.push(kind);
        });
        assert_eq!(made, successkit::kit::DocKind::ALL);
        Files { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn pdf_text(&self, name: &str) -> String {
        let out = std::process::Command::new("pdftotext")
            .arg(self.path(name))
            .arg("-")
            .output()
            .expect("pdftotext runs");
        assert!(out.status.success(), "pdftotext {name}");
        String::from_utf8(out.stdout).expect("UTF-8 text")
    }

    fn docx_text(&self) -> String {
        let f = std::fs::File::open(self.path("success-plan.docx")).expect("docx");
        let mut zip = zip::ZipArchive::new(f).expect("a zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/document.xml").expect("document.xml"),
            &mut xml,
        )
        .expect("read");
        // Paragraph ends become newlines; every other tag goes.
        let xml = xml.replace("</w:p>", "\n");
        let mut text = String::new();
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
    }
}

/// Whitespace-insensitive: PDF text comes out cell by cell and line by line.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_and_docx_read_back_with_the_data() {
    for (lang, want, overdue) in [
        (
            Lang::En,
            &[
                "Success Plan",
                "Contoso Ltd.",
                "Enterprise / 25,000",
                "November 10, 2026",
                "Overall readiness: 82%",
                "Key roles",
                "Outlook Mobile",
                "every two weeks",
                "Key outcomes",
                "Enhanced adoption services",
            ][..],
            "Overdue",
        ),
        (
            Lang::PtBr,
            &[
                "Plano de Sucesso",
                "Contoso Ltd.",
                "Enterprise / 25.000",
                "10/11/2026",
                "Prontidão geral: 82%",
                "Funções-chave",
                "Outlook Mobile",
                "quinzenal",
                "Principais resultados",
                "Serviços de Adoção Aprimorados",
            ][..],
            "Atrasada",
        ),
    ] {
        let files = Files::render(&contoso(), lang);
        let pdf = squash(&files.pdf_text("success-plan.pdf"));
        let docx = squash(&files.docx_text());
        for w in want {
            // "Key roles" only shows when a role is missing: Contoso has both.
            let expected = !w.starts_with("Key roles") && !w.starts_with("Funções-chave");
            assert_eq!(pdf.contains(w), expected, "{lang:?} PDF: {w}");
            assert_eq!(docx.contains(w), expected, "{lang:?} DOCX: {w}");
        }
        // Overdue marks: task 3737 (in Portal tasks only) and the first action; nothing
        // due on the as-of date is marked.
        assert_eq!(pdf.matches(overdue).count(), 2, "{lang:?} PDF overdue");
        assert_eq!(docx.matches(overdue).count(), 2, "{lang:?} DOCX overdue");
        // Ticks in the DOCX: six key outcomes met.
        assert_eq!(docx.matches('\u{2611}').count(), 6, "{lang:?} ticked");
        assert_eq!(docx.matches('\u{2610}').count(), 7, "{lang:?} open");

        let checklist = squash(&files.pdf_text("success-checklist.pdf"));
        for w in ["Contoso Ltd.", "Fiona Manager", "Exchange Online", "82%"] {
            assert!(checklist.contains(w), "{lang:?} checklist: {w}");
        }
        let handout = squash(&files.pdf_text("workshop-handout.pdf"));
        for w in ["Contoso Ltd.", "Fiona Manager", "Agenda", "Microsoft Teams"] {
            assert!(handout.contains(w), "{lang:?} handout: {w}");
        }
    }
}

#[test]
fn pdfs_are_valid_embed_their_fonts_and_keep_to_their_page_budgets() {
    let files = Files::render(&contoso(), Lang::PtBr);
    for (name, pages) in [
        ("success-plan.pdf", 3..=6),
        ("success-checklist.pdf", 1..=2),
        ("workshop-handout.pdf", 3..=3),
    ] {
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(files.path(name))
            .output()
            .expect("qpdf runs");
        assert!(
            check.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let fonts = std::process::Command::new("pdffonts")
            .arg(files.path(name))
            .output()
            .expect("pdffonts runs");
        let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for r in rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            assert!(
                cols.len() > 4 && cols[cols.len() - 5] == "yes",
                "{name}: not embedded: {r}"
            );
        }
        let info = std::process::Command::new("pdfinfo")
            .arg(files.path(name))
            .output()
            .expect("pdfinfo runs");
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        let n: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("page count");
        assert!(pages.contains(&n), "{name}: {n} pages");
        assert!(
            info.contains("Author:          Fiona Manager"),
            "{name}: {info}"
        );
    }
}

#[test]
fn empty_engagement_files_still_read_as_documents() {
    let files = Files::render(&bare(), Lang::En);
    let pdf = squash(&files.pdf_text("success-plan.pdf"));
    let docx = squash(&files.docx_text());
    for text in [&pdf, &docx] {
        for w in [
            "To fill in",
            "Key roles not yet named: Executive Sponsor, Success Owner.",
            "To agree",
        ] {
            assert!(text.contains(w), "{w}");
        }
        assert!(!text.contains("Overdue"));
    }
    assert_eq!(docx.matches('\u{2612}').count(), 0);
    let checklist = squash(&files.pdf_text("success-checklist.pdf"));
    assert!(checklist.contains("To fill in"));
}

#[test]
fn same_input_same_bytes() {
    let a = Files::render(&contoso(), Lang::En);
    let b = Files::render(&contoso(), Lang::En);
    for k in successkit::kit::DocKind::ALL {
        let x = std::fs::read(a.path(k.file_name())).expect("a");
        let y = std::fs::read(b.path(k.file_name())).expect("b");
        assert!(x == y, "{k} differs between runs");
    }
}

#[test]
fn the_cli_builds_the_kit_of_each_fixture_in_its_language() {
    let out = tempfile::tempdir().expect("temp dir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_successkit"))
        .arg("build")
        .arg(root.join("contoso.xlsx"))
        .arg(root.join("itau-textil.xlsx"))
        .arg("-o")
        .arg(out.path())
        .args([
            "--as-of",
            "2024-08-01",
            "--only",
            "plan,handout",
            "--no-report",
            "-q",
        ])
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .status()
        .expect("successkit runs");
    assert!(status.success());
    let mut plans = Vec::new();
    for entry in std::fs::read_dir(out.path()).expect("output folder") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        assert!(dir.join("workshop-handout.pdf").is_file(), "{dir:?}");
        assert!(dir.join("success-plan.docx").is_file(), "{dir:?}");
        assert!(
            !dir.join("success-checklist.pdf").exists(),
            "--only leaves it out"
        );
        let text = std::process::Command::new("pdftotext")
            .arg(dir.join("success-plan.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext runs");
        plans.push(squash(&String::from_utf8_lossy(&text.stdout)));
    }
    assert_eq!(plans.len(), 2);
    assert!(plans
        .iter()
        .any(|t| t.starts_with("Success Plan Contoso Ltd.")));
    assert!(plans
        .iter()
        .any(|t| t.starts_with("Plano de Sucesso Grupo Itaú Têxtil Ltda.")));
}

#[test]
fn service_notes_show_in_the_plan_matrix_and_under_the_checklist() {
    let e = &fixture("itau-textil.xlsx")[0];
    let notes: Vec<(String, String)> = e
        .services
        .iter()
        .filter_map(|s| s.notes.clone().map(|n| (s.name.clone(), squash(&n))))
        .collect();
    assert_eq!(
        notes.len(),
        e.services.len(),
        "every Itaú service has a note"
    );
    let docs = kit().documents(e, &opts(Lang::PtBr)).expect("documents");
    let plan = &docs[0].1;
    let m = table(plan, "Serviço");
    assert_eq!(
        m.header.last().map(|c| plain_text(c)).as_deref(),
        Some("Observações")
    );
    for (row, (service, note)) in m.rows.iter().zip(&notes) {
        assert_eq!(plain_text(&row[0]), *service);
        assert_eq!(
            row.last().map(|c| squash(&plain_text(c))).as_ref(),
            Some(note)
        );
    }
    let checklist = squash(&text(&docs[1].1));
    assert!(checklist.contains("Observações sobre os serviços:"));
    for (service, note) in &notes {
        assert!(
            checklist.contains(&format!("{service}: {note}")),
            "checklist lacks the note of {service}"
        );
    }
    // The words reach the PDFs too.
    let files = Files::render(e, Lang::PtBr);
    for f in ["success-plan.pdf", "success-checklist.pdf"] {
        assert!(files.pdf_text(f).contains("trimestre"), "{f}");
    }
    // Without notes there is no empty Notes column.
    let plan = doc(&contoso(), Lang::En, DocChoice::Plan);
    let m = table(&plan, "Service");
    assert!(m.header.iter().all(|c| plain_text(c) != "Notes"));
    assert!(!text(&doc(&contoso(), Lang::En, DocChoice::Checklist)).contains("Notes:"));
}
