//! Better lines (issue 10, item 6): words in narrow table cells broken at hyphenation
//! points, the theme's justified mode (stretched spaces, hyphenated lines, the last line
//! left alone, copy-paste giving the source text back) and right-to-left paragraphs set
//! right-aligned; soft hyphens typed in the data (U+00AD) as break opportunities; the
//! DOCX justified as the PDF is, with Word's optional hyphens. Real PDFs read back with
//! poppler's `pdftotext`, DOCX unzipped and converted by LibreOffice.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::document::{
    Align, Block, CalloutKind, Check, Document, Inline, Layout, Meta, Table,
};
use successkit::i18n::Lang;
use successkit::output::docx::DocxWriter;
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::Theme;

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn doc(lang: Lang, blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            layout: Layout::Flow,
            lang,
            ..Meta::default()
        },
        blocks,
    }
}

fn write(theme: &Theme, doc: &Document, name: &str) -> (tempfile::TempDir, PathBuf) {
    let w = PdfWriter::new(theme, &Assets::default()).expect("writer");
    let bytes = w.write(doc).expect("write").bytes;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("save");
    if let Ok(keep) = std::env::var("HYPH_KEEP") {
        let _ = std::fs::copy(&path, Path::new(&keep).join(name));
    }
    (dir, path)
}

fn justified() -> Theme {
    let mut t = Theme::default();
    t.text.justify = true;
    t
}

/// A word of `pdftotext -bbox-layout`: its box and text.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    text: String,
}

/// A line of `pdftotext -bbox-layout`: its box and words.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    words: Vec<Word>,
}

fn attr(tag: &str, k: &str) -> f64 {
    let k = format!("{k}=\"");
    let at = tag.find(&k).expect("attr") + k.len();
    tag[at..]
        .split('"')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The lines of the first page, in poppler's reading order.
fn lines(pdf: &Path) -> Vec<Line> {
    let html = tool(
        "pdftotext",
        &[
            "-bbox-layout",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().expect("path"),
            "-",
        ],
    );
    let mut out = Vec::new();
    for chunk in html.split("<line ").skip(1) {
        let head = chunk.split('>').next().unwrap_or("");
        let body = chunk.split("</line>").next().unwrap_or("");
        let words = body
            .split("<word ")
            .skip(1)
            .map(|w| {
                let tag = w.split('>').next().unwrap_or("");
                let text = w
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                Word {
                    x0: attr(tag, "xMin"),
                    y0: attr(tag, "yMin"),
                    x1: attr(tag, "xMax"),
                    text: unescape(text),
                }
            })
            .collect();
        out.push(Line {
            x0: attr(head, "xMin"),
            x1: attr(head, "xMax"),
            words,
        });
    }
    out
}

/// pdftotext's text of page 1 without the footer.
fn text(pdf: &Path) -> String {
    let t = tool(
        "pdftotext",
        &["-f", "1", "-l", "1", pdf.to_str().expect("path"), "-"],
    );
    t.replace("Page 1 of 1", "")
        .replace("Página 1 de 1", "")
        .trim()
        .to_string()
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

const ENGLISH: &str = "The customer success organisation reviews the implementation \
    responsibilities with every stakeholder before the workshop, so that administrative \
    accountability, communication channels and organisational readiness are understood \
    by everybody. Representatives of the infrastructure, procurement and information \
    security departments participate in the conversations about the characteristics of \
    the environment, its interdependencies and the prerequisites of the migration.";

fn narrow_table() -> Block {
    let words = [
        "Responsibilities",
        "Implementation",
        "Communication",
        "Administrative",
        "Organisational",
        "Accountability",
        "Infrastructure",
        "Characteristics",
        "Interdependencies",
        "Representatives",
        "Prerequisites",
    ];
    Block::Table(Table {
        widths: None,
        row_headers: false,
        align: vec![Align::Left; words.len()],
        header: words
            .iter()
            .enumerate()
            .map(|(i, _)| vec![Inline::text(format!("C{i}"))])
            .collect(),
        rows: vec![words.iter().map(|w| vec![Inline::text(*w)]).collect()],
    })
}

const ARABIC: &str = "تقوم إدارة نجاح العملاء بمراجعة مسؤوليات التنفيذ مع كل الأطراف المعنية قبل ورشة العمل، حتى تكون المساءلة الإدارية وقنوات الاتصال والجاهزية التنظيمية مفهومة للجميع. ويشارك ممثلو أقسام البنية التحتية والمشتريات وأمن المعلومات في المحادثات حول خصائص البيئة وترابطاتها ومتطلبات الترحيل.";

const HEBREW: &str = "צוות הצלחת הלקוחות בודק את תחומי האחריות של ההטמעה עם כל בעלי העניין לפני הסדנה, כדי שהאחריות המנהלית, ערוצי התקשורת והמוכנות הארגונית יהיו מובנים לכולם. נציגי מחלקות התשתית, הרכש ואבטחת המידע משתתפים בשיחות.";

/// The right margin of the default theme's A4 page (20 mm), in points.
const RIGHT: f64 = 595.28 - 56.69;
const LEFT: f64 = 56.69;

fn is_footer(l: &Line) -> bool {
    l.words
        .first()
        .is_some_and(|w| w.text == "Page" || w.text == "Página")
}

/// The lines of page 1 but the footer.
fn body_lines(pdf: &Path) -> Vec<Line> {
    lines(pdf).into_iter().filter(|l| !is_footer(l)).collect()
}

/// An English document of one paragraph of `text`, written as `name`.
fn english_paragraph(theme: &Theme, text: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    write(
        theme,
        &doc(Lang::En, vec![Block::Paragraph(vec![Inline::text(text)])]),
        name,
    )
}

#[test]
fn a_word_too_long_for_its_cell_breaks_at_a_hyphenation_point() {
    let words = [
        "Responsibilities",
        "Implementation",
        "Communication",
        "Administrative",
        "Organisational",
        "Accountability",
        "Infrastructure",
        "Characteristics",
        "Interdependencies",
        "Representatives",
        "Prerequisites",
    ];
    let (_d, pdf) = write(
        &Theme::default(),
        &doc(Lang::En, vec![narrow_table()]),
        "table.pdf",
    );
    let page: Vec<Word> = lines(&pdf).into_iter().flat_map(|l| l.words).collect();
    // Each long word is set on two lines of its cell: a start ending in a hyphen and
    // the rest right under it, at the same left edge.
    for w in words {
        let head = page
            .iter()
            .find(|x| x.text.ends_with('-') && w.starts_with(x.text.trim_end_matches('-')))
            .unwrap_or_else(|| panic!("{w} is not hyphenated: {page:?}"));
        let stem = head.text.trim_end_matches('-');
        let rest = &w[stem.len()..];
        let tail = page
            .iter()
            .find(|x| x.text == rest && (x.x0 - head.x0).abs() < 0.5 && x.y0 > head.y0)
            .unwrap_or_else(|| panic!("{w}: no \"{rest}\" under \"{}\"", head.text));
        assert!(
            tail.y0 - head.y0 < 15.0,
            "{w}: the rest is not on the next line"
        );
        // The break is one of the patterns' points, never a cut anywhere: each part
        // keeps at least two letters and the rest at least three (en-US minima).
        assert!(
            stem.chars().count() >= 2 && rest.chars().count() >= 3,
            "{w}: {stem}-{rest}"
        );
    }
    // The table still spans the text width: hyphenation does not narrow any column
    // (columns are sized on whole words; a word is broken only when its column is
    // narrower than it).
    let x0 = page.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let x1 = page
        .iter()
        .filter(|w| !w.text.starts_with("Page") && w.y0 < 700.0)
        .map(|w| w.x1)
        .fold(0.0, f64::max);
    assert!(
        x0 < LEFT + 8.0 && x1 > RIGHT - 60.0,
        "table from {x0} to {x1}"
    );
    // pdftotext joins the halves back into the words.
    let t = text(&pdf);
    for w in words {
        assert!(t.contains(w), "{w} does not copy back: {t}");
    }
}

#[test]
fn words_that_fit_are_never_hyphenated_by_default() {
    let (_d, pdf) = english_paragraph(&Theme::default(), ENGLISH, "ragged.pdf");
    let ls = body_lines(&pdf);
    assert!(ls.len() >= 4);
    for l in &ls {
        assert!(!l.words.iter().any(|w| w.text.ends_with('-')), "{l:?}");
    }
    // Ragged right: the line ends differ.
    let ends: Vec<f64> = ls.iter().map(|l| l.x1).collect();
    assert!(ends.iter().any(|e| (e - ends[0]).abs() > 3.0), "{ends:?}");
}

fn assert_justified(pdf: &Path, source: &str) {
    let ls = body_lines(pdf);
    assert!(ls.len() >= 4, "{ls:?}");
    let (last, full) = ls.split_last().expect("lines");
    for l in full {
        assert!((l.x0 - LEFT).abs() < 0.6, "line starts at {}: {l:?}", l.x0);
        assert!((l.x1 - RIGHT).abs() < 0.6, "line ends at {}: {l:?}", l.x1);
        // No rivers: no word space more than 2.25 normal spaces (2.78 pt at 10 pt)
        // and none squeezed under 0.8 of one (less a kerning pair's 0.55 pt, "A ").
        for pair in l.words.windows(2) {
            let gap = pair[1].x0 - pair[0].x1;
            assert!((1.6..=6.3).contains(&gap), "space of {gap} pt: {pair:?}");
        }
    }
    // The last line is not stretched: normal spaces, ragged right.
    assert!(last.x1 < RIGHT - 20.0, "last line ends at {}", last.x1);
    for pair in last.words.windows(2) {
        let gap = pair[1].x0 - pair[0].x1;
        assert!(
            (2.5..=3.1).contains(&gap),
            "space of {gap} pt in the last line"
        );
    }
    // Some line ends in an inserted hyphen, and copying gives the source text back.
    assert!(
        full.iter()
            .any(|l| l.words.last().is_some_and(|w| w.text.ends_with('-'))),
        "no hyphenated line: {ls:?}"
    );
    assert_eq!(words_of(&text(pdf)), words_of(source));
}

#[test]
fn justified_paragraphs_fill_the_line_hyphenate_and_copy_back() {
    let (_d, pdf) = english_paragraph(&justified(), ENGLISH, "just.pdf");
    assert_justified(&pdf, ENGLISH);
}

#[test]
fn portuguese_is_hyphenated_with_portuguese_patterns() {
    let pt = "A organização responsável pelo sucesso do cliente revisa as responsabilidades \
        de implementação com todas as partes interessadas antes da oficina, para que a \
        responsabilização administrativa, os canais de comunicação e a preparação \
        organizacional sejam compreendidos por todos. Representantes dos departamentos de \
        infraestrutura, compras e segurança da informação participam das conversas sobre \
        as características do ambiente, suas interdependências e os pré-requisitos da migração.";
    let (_d, pdf) = write(
        &justified(),
        &doc(Lang::PtBr, vec![Block::Paragraph(vec![Inline::text(pt)])]),
        "pt.pdf",
    );
    assert_justified(&pdf, pt);
}

#[test]
fn justify_leaves_headings_lists_labels_and_tables_ragged() {
    let long = "Responsibilities implementation communication administrative organisational \
        accountability infrastructure characteristics interdependencies representatives";
    let blocks = vec![
        Block::Heading {
            level: 2,
            classes: Vec::new(),
            content: vec![Inline::text(format!("{long} {long}"))],
        },
        Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![Align::Left, Align::Left],
            header: Vec::new(),
            rows: vec![vec![
                vec![Inline::text("x")],
                vec![Inline::text(format!("{long} {long}"))],
            ]],
        }),
    ];
    // Laid out exactly as without justification.
    let d = doc(Lang::En, blocks);
    let (_d, pdf) = write(&justified(), &d, "ragged.pdf");
    let (_e, plain) = write(&Theme::default(), &d, "plain.pdf");
    let (a, b) = (lines(&pdf), lines(&plain));
    assert!(a.len() > 4);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

fn strip_marks(s: &str) -> String {
    s.chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c) && !c.is_whitespace())
        .collect()
}

#[test]
fn right_to_left_paragraphs_are_right_aligned_and_read_in_order() {
    for (src, tolerance) in [(HEBREW, 0.6), (ARABIC, 4.5)] {
        for theme in [Theme::default(), justified()] {
            let (_d, pdf) = english_paragraph(&theme, src, "rtl.pdf");
            let ls = body_lines(&pdf);
            assert!(ls.len() >= 3, "{ls:?}");
            for l in &ls {
                // (Noto Sans Arabic's letters end short of their advance.)
                assert!(
                    (l.x1 - RIGHT).abs() < tolerance,
                    "line ends at {}: {l:?}",
                    l.x1
                );
            }
            // Ragged left, the last line shortest; justified, the others fill the line.
            let last = ls.last().expect("a line");
            assert!(last.x0 > LEFT + 100.0, "last line starts at {}", last.x0);
            if theme.text.justify {
                for l in &ls[..ls.len() - 1] {
                    assert!((l.x0 - LEFT).abs() < tolerance, "line starts at {}", l.x0);
                }
            }
            assert_eq!(strip_marks(&text(&pdf)), strip_marks(src));
        }
    }
    // Pieces of a right-to-left line (a bold word, a Latin name) are ordered for the
    // whole paragraph: the first word is rightmost, the bold one left of it.
    let inl = vec![
        Inline::text("שלום "),
        Inline::Span {
            text: "עולם".into(),
            style: successkit::document::Style {
                bold: true,
                ..Default::default()
            },
            link: None,
            tone: None,
        },
        Inline::text(" בנק ABC טוב"),
    ];
    let (_d, pdf) = write(
        &Theme::default(),
        &doc(Lang::En, vec![Block::Paragraph(inl)]),
        "mixed.pdf",
    );
    let page: Vec<Word> = lines(&pdf).into_iter().flat_map(|l| l.words).collect();
    let x = |t: &str| {
        page.iter()
            .find(|w| strip_marks(&w.text).chars().rev().collect::<String>() == t || w.text == t)
            .map(|w| (w.x0, w.x1))
            .unwrap_or_else(|| panic!("{t} in {page:?}"))
    };
    let (shalom, olam, abc, tov) = (x("שלום"), x("עולם"), x("ABC"), x("טוב"));
    assert!((shalom.1 - RIGHT).abs() < 0.6, "{shalom:?}");
    assert!(
        olam.1 < shalom.0 && abc.1 < olam.0 && tov.1 < abc.0,
        "{page:?}"
    );
    assert_eq!(
        strip_marks(&text(&pdf)),
        strip_marks("שלום עולם בנק ABC טוב")
    );
    // A table cell in Hebrew is right-aligned in its column; a Latin one left-aligned.
    let table = Block::Table(Table {
        widths: None,
        row_headers: false,
        align: vec![Align::Left],
        header: Vec::new(),
        rows: vec![
            vec![vec![Inline::text("שלום עולם")]],
            vec![vec![Inline::text(
                "Hello world, a longer line of Latin text",
            )]],
        ],
    });
    let (_d, pdf) = write(&Theme::default(), &doc(Lang::En, vec![table]), "cell.pdf");
    let page: Vec<Word> = lines(&pdf).into_iter().flat_map(|l| l.words).collect();
    let he = page
        .iter()
        .filter(|w| !w.text.is_ascii())
        .map(|w| w.x1)
        .fold(0.0, f64::max);
    let en = page
        .iter()
        .filter(|w| w.text.starts_with("Hello"))
        .map(|w| w.x0)
        .fold(f64::MAX, f64::min);
    assert!(he > RIGHT - 8.0, "the Hebrew cell ends at {he}");
    assert!(en < LEFT + 8.0, "the Latin cell starts at {en}");
}

// ---------------------------------------------------------------- soft hyphens

const SHY: char = '\u{00AD}';

/// A table of one row whose every cell is narrower than its words (eleven columns of
/// long words): `cells` among the long words of [`narrow_table`].
fn narrow_table_with(cells: &[&str]) -> Block {
    let Block::Table(mut t) = narrow_table() else {
        unreachable!()
    };
    for (i, c) in cells.iter().enumerate() {
        t.rows[0][i] = vec![Inline::text(*c)];
    }
    Block::Table(t)
}

/// The word right under `head` (same left edge, the next line).
fn under<'w>(page: &'w [Word], head: &Word) -> Option<&'w Word> {
    page.iter()
        .filter(|x| (x.x0 - head.x0).abs() < 0.5 && x.y0 > head.y0 + 1.0)
        .min_by(|a, b| a.y0.total_cmp(&b.y0))
}

#[test]
fn a_soft_hyphen_breaks_a_narrow_cell_there_and_shows_a_hyphen() {
    // "Organi|sational": a soft hyphen well before the patterns' later points (or-gan-
    // i-sa-tion-al), which would fit the cell too; "A Conscien|tização": a word that
    // does not fit after "A" on its line; "Interde|pendencies": a word longer than
    // its cell.
    let cells = [
        "Organi\u{AD}sational",
        "A Conscien\u{AD}tização",
        "Interde\u{AD}pendencies",
    ];
    let (_d, pdf) = write(
        &Theme::default(),
        &doc(Lang::En, vec![narrow_table_with(&cells)]),
        "shy-table.pdf",
    );
    let page: Vec<Word> = lines(&pdf).into_iter().flat_map(|l| l.words).collect();
    for cell in cells {
        let word = cell.rsplit(' ').next().expect("a word");
        let (stem, rest) = word.split_once(SHY).expect("a soft hyphen");
        let head = page
            .iter()
            .find(|w| w.text == format!("{stem}-"))
            .unwrap_or_else(|| panic!("no \"{stem}-\" in {page:?}"));
        // The rest starts the cell's next line (under the start of the cell).
        let tail = page
            .iter()
            .find(|w| w.text == rest && w.y0 > head.y0 + 1.0 && w.y0 - head.y0 < 15.0)
            .unwrap_or_else(|| panic!("{cell}: no \"{rest}\" on the next line: {page:?}"));
        let first = page
            .iter()
            .find(|w| {
                let stem = w.text.trim_end_matches('-');
                (w.y0 - head.y0).abs() < 1.0 && cell.replace(SHY, "").starts_with(stem)
            })
            .expect("the cell's first word");
        assert!(
            (tail.x0 - first.x0).abs() < 0.5,
            "{cell}: {first:?} {tail:?}"
        );
    }
    // Copying gives the words back whole, without the soft hyphen.
    let t = text(&pdf);
    for w in ["Organisational", "A Conscientização", "Interdependencies"] {
        assert!(t.contains(w), "{w} does not copy back: {t}");
    }
    assert!(!t.contains(SHY), "{t:?}");
}

const SHY_SENTENCE: &str =
    "Short Conscien\u{AD}tização and Organi\u{AD}sational read whole on their line.";

#[test]
fn a_soft_hyphen_not_at_a_line_end_is_invisible_and_takes_no_room() {
    for theme in [Theme::default(), justified()] {
        let shy = doc(Lang::En, vec![support::p(vec![support::t(SHY_SENTENCE)])]);
        let plain_text = SHY_SENTENCE.replace(SHY, "");
        let plain = doc(Lang::En, vec![support::p(vec![support::t(&plain_text)])]);
        let (_d, a) = write(&theme, &shy, "shy.pdf");
        let (_e, b) = write(&theme, &plain, "plain.pdf");
        // Laid out exactly as the text without soft hyphens: the same words in the
        // same boxes, no hyphen shown.
        assert_eq!(format!("{:?}", lines(&a)), format!("{:?}", lines(&b)));
        let t = text(&a);
        assert_eq!(t, plain_text);
        assert!(!t.contains('-') && !t.contains(SHY), "{t:?}");
    }
}

#[test]
fn the_running_header_and_footer_drop_their_soft_hyphens() {
    // One line each, never broken: the soft hyphen has nothing to do there, and is
    // left out so that copying gives the customer's name whole.
    let mut d = doc(
        Lang::PtBr,
        vec![
            support::p(vec![support::t("Primeira página.")]),
            Block::PageBreak,
            support::p(vec![support::t("Segunda página.")]),
        ],
    );
    d.meta.customer = "Conscien\u{AD}tização Têxtil Ltda".to_string();
    d.meta.footer = "Plano de Sucesso · Conscien\u{AD}tização Têxtil Ltda".to_string();
    let (_d, pdf) = write(&Theme::default(), &d, "running.pdf");
    let all = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    assert!(!all.contains(SHY), "{all:?}");
    assert_eq!(
        all.matches("Conscientização Têxtil Ltda").count(),
        3,
        "{all}"
    );
}

#[test]
fn a_soft_hyphen_ends_a_ragged_line_when_its_word_does_not_fit() {
    // Where a line of the ragged paragraph leaves room for two letters and a hyphen,
    // a soft hyphen after the first two letters of the next line's first word lets
    // them up onto it.
    let (_d, pdf) = english_paragraph(&Theme::default(), ENGLISH, "ragged.pdf");
    let ls = body_lines(&pdf);
    let word = ls
        .windows(2)
        .find_map(|pair| {
            let first = &pair[1].words.first()?.text;
            let letters = first.chars().all(char::is_alphabetic) && first.chars().count() >= 6;
            (letters && RIGHT - pair[0].x1 > 25.0).then(|| first.clone())
        })
        .expect("a line with room for two letters");
    let (head, rest) = word.split_at(2);
    let source = ENGLISH.replacen(&word, &format!("{head}{SHY}{rest}"), 1);
    let (_e, pdf) = english_paragraph(&Theme::default(), &source, "shy-ragged.pdf");
    let ls = body_lines(&pdf);
    let at = ls
        .iter()
        .position(|l| l.words.last().is_some_and(|w| w.text == format!("{head}-")))
        .unwrap_or_else(|| panic!("no line ends in \"{head}-\": {ls:?}"));
    assert_eq!(
        ls.get(at + 1)
            .and_then(|l| l.words.first())
            .map(|w| w.text.as_str()),
        Some(rest)
    );
    assert!(ls[at].x1 <= RIGHT + 0.5, "{:?}", ls[at]);
    // Copying gives the source text back.
    assert_eq!(words_of(&text(&pdf)), words_of(ENGLISH));
}

#[test]
fn check_never_names_a_soft_hyphen_as_a_missing_character() {
    let w = PdfWriter::new(&Theme::default(), &Assets::default()).expect("writer");
    assert!(w.missing_chars("Conscien\u{AD}tização").is_empty());
    assert!(w.missing_chars("\u{AD}").is_empty());
}

/// The paragraphs of a DOCX body: (style, properties and text).
fn docx_paragraphs(xml: &str) -> Vec<(String, String)> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            let style = p
                .split("<w:pStyle w:val=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("Normal");
            (style.to_string(), p.to_string())
        })
        .collect()
}

/// A document with every kind of paragraph: headings, body text (with a soft hyphen and
/// a line break), list items, a task, a table, a callout, a quote, code, a Hebrew
/// paragraph.
fn every_paragraph() -> Document {
    use support::{cells, h, item, p, subtitle, t, task};
    let body = "Short Conscien\u{AD}tização and a paragraph long enough to take a few lines \
        of the page, so that a reader sees its spaces stretched to both margins.";
    let mut d = doc(
        Lang::PtBr,
        vec![
            h(1, "Plano de Sucesso"),
            subtitle("Conscien\u{AD}tização Ltda."),
            h(2, "Visão"),
            p(vec![t(body), Inline::LineBreak, t(body)]),
            Block::List {
                start: None,
                items: vec![item(vec![p(vec![t(body)]), p(vec![t(body)])])],
            },
            Block::List {
                start: Some(1),
                items: vec![item(vec![p(vec![t(body)])])],
            },
            Block::List {
                start: None,
                items: vec![task(Check::Open, body)],
            },
            Block::Table(Table {
                widths: None,
                row_headers: false,
                align: vec![Align::Left; 2],
                header: cells(&["Serviço", "Observações"]),
                rows: vec![cells(&["Intune", body])],
            }),
            Block::Callout {
                kind: CalloutKind::Note,
                blocks: vec![p(vec![t(body)])],
            },
            Block::Quote(vec![p(vec![t(body)])]),
            Block::Code("Get-MgUser -All".to_string()),
            p(vec![t(HEBREW)]),
        ],
    );
    d.meta.customer = "Conscien\u{AD}tização Ltda.".to_string();
    d
}

#[test]
fn the_docx_justifies_the_paragraphs_the_pdf_does_and_keeps_soft_hyphens() {
    let doc = every_paragraph();
    let bytes = DocxWriter::new(&justified())
        .write(&doc)
        .expect("docx")
        .bytes;
    let xml = support::docx_part(&bytes, "word/document.xml");
    let both = r#"<w:jc w:val="both"/>"#;
    let mut justified_styles = std::collections::BTreeSet::new();
    for (style, p) in docx_paragraphs(&xml) {
        let body = matches!(
            style.as_str(),
            "Normal"
                | "ListBullet"
                | "ListNumber"
                | "ListCheck"
                | "ListContinue"
                | "Callout"
                | "Quote"
        );
        let rtl = p.contains("<w:bidi/>");
        let has_text = p.contains("<w:t");
        if body && has_text && !rtl {
            assert!(p.contains(both), "{style} is not justified: {p}");
            justified_styles.insert(style);
        } else {
            assert!(
                !p.contains(both),
                "{style} (right to left: {rtl}) is justified: {p}"
            );
        }
    }
    // Every kind of body paragraph was seen, and the Hebrew one kept its direction.
    assert_eq!(justified_styles.len(), 7, "{justified_styles:?}");
    assert!(xml.contains("<w:bidi/>"));
    // The soft hyphen is Word's optional hyphen, in the run, never the raw character.
    assert!(
        xml.contains(r#"Conscien</w:t><w:softHyphen/><w:t>tização"#),
        "{xml}"
    );
    assert!(!xml.contains(SHY));
    let header = support::docx_part(&bytes, "word/header2.xml");
    assert!(header.contains("<w:softHyphen/>"), "{header}");
    // Word hyphenates the justified text, as the PDF does, but not headings; a line
    // ended by a line break is not stretched.
    let settings = support::docx_part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:autoHyphenation/>"), "{settings}");
    assert!(
        settings.contains("<w:doNotExpandShiftReturn/>"),
        "{settings}"
    );
    let styles = support::docx_part(&bytes, "word/styles.xml");
    let style = |id: &str| {
        styles
            .split(&format!(r#"w:styleId="{id}""#))
            .nth(1)
            .and_then(|s| s.split("</w:style>").next())
            .unwrap_or_else(|| panic!("no style {id}"))
            .to_string()
    };
    for id in [
        "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "Code",
    ] {
        assert!(style(id).contains("<w:suppressAutoHyphens/>"), "{id}");
    }
    for id in ["ListBullet", "Quote", "Callout", "TableText"] {
        assert!(!style(id).contains("suppressAutoHyphens"), "{id}");
    }

    // Not justified (the default): no paragraph is, nothing is hyphenated, and the
    // soft hyphens are there all the same.
    let bytes = DocxWriter::new(&Theme::default())
        .write(&doc)
        .expect("docx")
        .bytes;
    let xml = support::docx_part(&bytes, "word/document.xml");
    assert!(!xml.contains(both));
    assert!(xml.contains("<w:softHyphen/>"));
    assert!(!support::docx_part(&bytes, "word/settings.xml").contains("Hyphen"));
    assert!(!support::docx_part(&bytes, "word/styles.xml").contains("Hyphen"));
}

#[test]
fn libreoffice_sets_the_justified_docx_and_its_soft_hyphens_as_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc(
        Lang::En,
        vec![
            support::p(vec![support::t(ENGLISH)]),
            narrow_table_with(&["Organi\u{AD}sational", "Interde\u{AD}pendencies"]),
        ],
    );
    let docx = dir.path().join("just.docx");
    let bytes = DocxWriter::new(&justified())
        .write(&doc)
        .expect("docx")
        .bytes;
    std::fs::write(&docx, bytes).expect("save");
    support::soffice_pdf(dir.path(), std::slice::from_ref(&docx));
    let pdf = docx.with_extension("pdf");
    if let Ok(keep) = std::env::var("HYPH_KEEP") {
        let _ = std::fs::copy(&pdf, Path::new(&keep).join("libreoffice-just.pdf"));
    }
    let ls = lines(&pdf);
    // The paragraph's lines but its last fill the text width (the same margins as the
    // PDF's); the last one does not.
    let para: Vec<&Line> = ls
        .iter()
        .filter(|l| {
            (l.x0 - LEFT).abs() < 1.0
                && l.words.len() > 4
                && l.words
                    .iter()
                    .all(|w| ENGLISH.contains(w.text.trim_end_matches('-')))
        })
        .collect();
    assert!(para.len() >= 4, "{ls:?}");
    let (last, full) = para.split_last().expect("lines");
    for l in full {
        assert!((l.x1 - RIGHT).abs() < 1.0, "line ends at {}: {l:?}", l.x1);
    }
    assert!(last.x1 < RIGHT - 20.0, "{last:?}");
    // The cells break at their soft hyphens, with a hyphen.
    let page: Vec<Word> = ls.into_iter().flat_map(|l| l.words).collect();
    for (stem, rest) in [("Organi", "sational"), ("Interde", "pendencies")] {
        let head = page
            .iter()
            .find(|w| w.text == format!("{stem}-"))
            .unwrap_or_else(|| panic!("no \"{stem}-\" in {page:?}"));
        assert_eq!(under(&page, head).map(|w| w.text.as_str()), Some(rest));
    }
}
