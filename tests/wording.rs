//! The wording and content of the kit, pinned in both languages: the Brazilian
//! Portuguese review (statuses that agree with *tarefa*, "Somente Enterprise", "gestão de
//! mudanças", "Partes interessadas"), the plan's as-of date, the footer naming the
//! customer, the checklist's sign-off and handwriting rows, the handout's next steps
//! without Completed actions, and the status colours.

mod common;

use common::*;
use successkit::document::{plain_text, Block, Document, Inline, Tone};
use successkit::kit::{DocChoice, Kit, KitOptions};
use successkit::model::{Engagement, Lang, WorkStatus};
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

fn markdown(e: &Engagement, lang: Lang, c: DocChoice) -> String {
    kit()
        .markdown(e, &opts(lang), c)
        .unwrap_or_else(|err| panic!("{c} {lang:?}: {err}"))
}

fn doc(e: &Engagement, lang: Lang, c: DocChoice) -> Document {
    kit()
        .document(e, &opts(lang), c)
        .unwrap_or_else(|err| panic!("{c} {lang:?}: {err}"))
}

/// Every toned span of a document: (text, tone).
fn pills(blocks: &[Block], out: &mut Vec<(String, Tone)>) {
    let inl = |c: &[Inline], out: &mut Vec<(String, Tone)>| {
        for i in c {
            if let Inline::Span {
                text,
                tone: Some(t),
                ..
            } = i
            {
                out.push((text.clone(), *t));
            }
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph(c) | Block::Heading { content: c, .. } => inl(c, out),
            Block::Table(t) => {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    inl(c, out);
                }
            }
            Block::Callout { blocks, .. } | Block::Quote(blocks) | Block::Slide(blocks) => {
                pills(blocks, out)
            }
            Block::List { items, .. } => {
                for i in items {
                    pills(&i.blocks, out);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn portuguese_reads_as_brazilian_portuguese() {
    let e = contoso();
    let plan = markdown(&e, Lang::PtBr, DocChoice::Plan);
    assert!(plan.contains("\n## Partes interessadas\n"), "{plan}");
    assert!(!plan.contains("## Stakeholders"));
    assert!(plan.contains("Somente Enterprise:"));
    assert!(!plan.contains("Apenas empresa"));
    assert!(plan.contains("a importância da gestão de mudanças na organização"));
    assert!(!plan.contains("gerenciamento de alterações"));
    assert!(plan.contains("| Data-alvo |") || e.metrics.is_empty());
    assert!(plan.contains("as ações de planejamento e seus responsáveis"));
    let handout = markdown(&e, Lang::PtBr, DocChoice::Handout);
    assert!(handout.contains("Por que a gestão de mudanças é importante"));
    assert!(!handout.contains("gerenciamento de alterações"));
}

#[test]
fn task_statuses_agree_with_tarefa_and_factor_statuses_with_fator() {
    let e = contoso();
    let plan = doc(&e, Lang::PtBr, DocChoice::Plan);
    let mut p = Vec::new();
    pills(&plan.blocks, &mut p);
    let words: Vec<&str> = p.iter().map(|(t, _)| t.as_str()).collect();
    // Task 3278 and the "Book training rooms" action are not started: feminine.
    assert!(words.contains(&"Não iniciada"), "{words:?}");
    assert!(words.contains(&"Concluída"), "{words:?}");
    // Teams' Awareness factor is not started: masculine, in the SSAT matrix.
    assert!(words.contains(&"Não iniciado"), "{words:?}");
    let md = markdown(&e, Lang::PtBr, DocChoice::Plan);
    let tasks = md
        .split("## Tarefas do portal")
        .nth(1)
        .and_then(|s| s.split("## Cadência").next())
        .unwrap_or_default();
    assert!(!tasks.contains("Não iniciado<"), "{tasks}");
    // English keeps its words.
    let en = markdown(&e, Lang::En, DocChoice::Plan);
    assert!(en.contains(">Not started</span>"));
}

#[test]
fn status_colours_not_started_grey_blocked_red() {
    let mut e = contoso();
    if let Some(t) = e.tasks.get_mut(1) {
        t.status = WorkStatus::Blocked;
    }
    for lang in [Lang::En, Lang::PtBr] {
        let mut p = Vec::new();
        pills(&doc(&e, lang, DocChoice::Plan).blocks, &mut p);
        let tone = |w: &str| p.iter().find(|(t, _)| t == w).map(|(_, t)| *t);
        let (not_started, blocked) = match lang {
            Lang::En => ("Not started", "Blocked"),
            Lang::PtBr => ("Não iniciada", "Bloqueada"),
        };
        assert_eq!(tone(not_started), Some(Tone::Muted), "{lang:?}");
        assert_eq!(tone(blocked), Some(Tone::Bad), "{lang:?}");
    }
}

#[test]
fn the_plan_shows_its_as_of_date_on_page_one_and_the_footer_names_the_customer() {
    let e = contoso();
    for (lang, label, date, title) in [
        (Lang::En, "As of", "November 24, 2026", "Success Plan"),
        (Lang::PtBr, "Posição em", "24/11/2026", "Plano de Sucesso"),
    ] {
        let md = markdown(&e, lang, DocChoice::Plan);
        let block = md.split("\n## ").next().unwrap_or_default();
        assert!(
            block.contains(&format!("| {label} | {date} |")),
            "{lang:?}: {block}"
        );
        for c in [DocChoice::Plan, DocChoice::Checklist, DocChoice::Handout] {
            let d = doc(&e, lang, c);
            assert!(
                d.meta.footer.contains("Contoso Ltd."),
                "{:?}",
                d.meta.footer
            );
        }
        assert_eq!(
            doc(&e, lang, DocChoice::Plan).meta.footer,
            format!("{title} · Contoso Ltd.")
        );
    }
}

#[test]
fn the_checklist_has_sign_off_lines_and_rows_tall_enough_to_write_in() {
    let e = contoso();
    for (lang, heading, fm) in [
        (Lang::En, "Sign-off", "FastTrack Manager"),
        (Lang::PtBr, "Aprovação", "Gerente FastTrack"),
    ] {
        let d = doc(&e, lang, DocChoice::Checklist);
        let tables: Vec<_> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let headings: Vec<String> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { content, .. } => Some(plain_text(content)),
                _ => None,
            })
            .collect();
        assert!(headings.iter().any(|h| h == heading), "{headings:?}");
        let signoff = tables.last().expect("the sign-off table");
        assert_eq!(signoff.rows.len(), 3);
        assert!(signoff
            .rows
            .iter()
            .any(|r| r.first().is_some_and(|c| plain_text(c) == fm)));
        // Every plan item's Owner cell is two lines tall (a line break), blank to write in.
        let items = tables
            .iter()
            .find(|t| t.rows.len() == 8)
            .expect("the plan items table");
        for row in &items.rows {
            let owner = row.get(2).expect("owner cell");
            assert!(owner.iter().any(|i| matches!(i, Inline::LineBreak)));
            assert!(plain_text(owner).trim().is_empty());
        }
        // And so they are drawn: one row to the next at least two lines apart (one line
        // is about 16 points with its padding, two about 27), signatures included.
        let pdf = kit()
            .write(successkit::kit::DocKind::SuccessChecklistPdf, &d)
            .expect("checklist pdf");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("checklist.pdf");
        std::fs::write(&path, &pdf.bytes).expect("written");
        let out = std::process::Command::new("pdftotext")
            .args(["-bbox"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let html = String::from_utf8_lossy(&out.stdout);
        // Each word's page and top, in reading order.
        let mut page = 0;
        let mut words: Vec<(usize, f32, String)> = Vec::new();
        for line in html.lines().map(str::trim) {
            if line.starts_with("<page ") {
                page += 1;
            } else if let Some(rest) = line.strip_prefix("<word ") {
                let y = rest
                    .split("yMin=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .and_then(|v| v.parse().ok())
                    .expect("yMin");
                let text = rest
                    .split('>')
                    .nth(1)
                    .and_then(|r| r.split('<').next())
                    .unwrap_or_default();
                words.push((page, y, text.to_string()));
            }
        }
        // The last time a word is drawn: the sign-off table ends the checklist.
        let top = |text: &str| {
            words
                .iter()
                .rfind(|w| w.2 == text)
                .map(|w| (w.0, w.1))
                .unwrap_or_else(|| panic!("{text} in the checklist"))
        };
        let rows = match lang {
            Lang::En => [("Prioritize", "Define"), ("Executive", "FastTrack")],
            Lang::PtBr => [("Priorizar", "Definir"), ("Patrocinador", "Gerente")],
        };
        for (a, b) in rows {
            let ((pa, ya), (pb, yb)) = (top(a), top(b));
            assert_eq!(pa, pb, "{a} and {b} on one page");
            assert!(yb - ya >= 24.0, "{a} to {b}: {:.1} points", yb - ya);
        }
    }
}

#[test]
fn long_service_notes_go_under_the_ssat_table_short_ones_stay_in_a_column() {
    let ssat = |d: &Document| -> (Vec<String>, String, Vec<String>) {
        // The SSAT matrix (the table whose header starts with Service / Serviço) and
        // the list straight after it, if any.
        let at = d
            .blocks
            .iter()
            .position(|b| match b {
                Block::Table(t) => {
                    t.header.len() >= 6
                        && t.header
                            .get(1)
                            .is_some_and(|c| plain_text(c) == "Stakeholders")
                }
                _ => false,
            })
            .expect("the SSAT matrix");
        let Some(Block::Table(t)) = d.blocks.get(at) else {
            unreachable!()
        };
        let header = t.header.iter().map(|c| plain_text(c)).collect();
        // The notes' lead-in, then their list.
        let lead = match d.blocks.get(at + 1) {
            Some(Block::Paragraph(c)) => plain_text(c),
            _ => String::new(),
        };
        let below = match d.blocks.get(at + 2) {
            Some(Block::List { items, .. }) => items
                .iter()
                .map(|item| {
                    item.blocks
                        .iter()
                        .map(|b| match b {
                            Block::Paragraph(c) => plain_text(c),
                            _ => String::new(),
                        })
                        .collect::<String>()
                })
                .collect(),
            _ => Vec::new(),
        };
        (header, lead, below)
    };
    let mut e = contoso();
    let short = "Champions named in every site.";
    e.services[0].notes = Some(short.into());
    let long = "Rollout in waves by business unit, each wave gated on the previous one's \
                training and a go/no-go with the local IT team; the pilot site goes first.";
    assert!(long.chars().count() > successkit::view::facts::NOTE_IN_TABLE_MAX_CHARS);
    for (lang, notes, lead_in) in [
        (Lang::En, "Notes", "Notes on the services:"),
        (Lang::PtBr, "Observações", "Observações sobre os serviços:"),
    ] {
        // Short notes: a Notes column, nothing under the table.
        let (header, lead, below) = ssat(&doc(&e, lang, DocChoice::Plan));
        assert_eq!(header.last().map(String::as_str), Some(notes), "{header:?}");
        assert!(below.is_empty() && lead != lead_in, "{lead} {below:?}");
        // One long note: no column; every note under the table, at its full width,
        // naming its service.
        let mut long_e = e.clone();
        long_e.services[1].notes = Some(long.into());
        let (header, lead, below) = ssat(&doc(&long_e, lang, DocChoice::Plan));
        assert!(!header.iter().any(|h| h == notes), "{header:?}");
        assert_eq!(lead, lead_in);
        let first = e.services[0].name.clone();
        let second = e.services[1].name.clone();
        assert_eq!(
            below,
            [format!("{first}: {short}"), format!("{second}: {long}")],
            "{lang:?}"
        );
    }
}

#[test]
fn a_past_next_check_in_is_marked_overdue_in_the_plan_and_the_handout() {
    let mut e = contoso();
    for (lang, line) in [
        (
            Lang::En,
            "- Next check-in: <span class=\"bad\">November 23, 2026 · Overdue</span>",
        ),
        (
            Lang::PtBr,
            "- Próxima verificação: <span class=\"bad\">23/11/2026 · Atrasada</span>",
        ),
    ] {
        e.next_checkin = Some(d(2026, 11, 23));
        let md = markdown(&e, lang, DocChoice::Plan);
        assert!(md.contains(line), "{lang:?}: {md}");
        // The handout's cadence line marks it the same way.
        let pill = line.split_once(": ").map_or("", |(_, p)| p);
        let slides = markdown(&e, lang, DocChoice::Handout);
        assert!(slides.contains(pill), "{lang:?}: {slides}");
        e.next_checkin = Some(d(2026, 11, 24));
        let md = markdown(&e, lang, DocChoice::Plan);
        assert!(
            !md.contains("<span class=\"bad\">24/11/2026")
                && !md.contains("<span class=\"bad\">November 24")
        );
    }
}

#[test]
fn the_handout_lists_only_open_actions_as_next_steps() {
    let e = contoso();
    for lang in [Lang::En, Lang::PtBr] {
        let md = markdown(&e, lang, DocChoice::Handout);
        let cadence = md.rsplit("<!-- slide -->").next().unwrap_or_default();
        assert!(
            cadence.contains("Send the communications plan"),
            "{cadence}"
        );
        assert!(cadence.contains("Book training rooms"));
        assert!(
            !cadence.contains("Share the usage report"),
            "a Completed action is no next step: {cadence}"
        );
    }
}
