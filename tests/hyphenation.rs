//! Better lines (issue 10, item 6): words in narrow table cells broken at hyphenation
//! points, the theme's justified mode (stretched spaces, hyphenated lines, the last line
//! left alone, copy-paste giving the source text back) and right-to-left paragraphs set
//! right-aligned. Real PDFs read back with poppler's `pdftotext`.

use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::document::{Align, Block, Document, Inline, Layout, Meta, Table};
use successkit::i18n::Lang;
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
    let (_d, pdf) = write(
        &Theme::default(),
        &doc(
            Lang::En,
            vec![Block::Paragraph(vec![Inline::text(ENGLISH)])],
        ),
        "ragged.pdf",
    );
    let ls: Vec<Line> = lines(&pdf).into_iter().filter(|l| !is_footer(l)).collect();
    assert!(ls.len() >= 4);
    for l in &ls {
        assert!(!l.words.iter().any(|w| w.text.ends_with('-')), "{l:?}");
    }
    // Ragged right: the line ends differ.
    let ends: Vec<f64> = ls.iter().map(|l| l.x1).collect();
    assert!(ends.iter().any(|e| (e - ends[0]).abs() > 3.0), "{ends:?}");
}

fn assert_justified(pdf: &Path, source: &str) {
    let ls: Vec<Line> = lines(pdf).into_iter().filter(|l| !is_footer(l)).collect();
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
    let (_d, pdf) = write(
        &justified(),
        &doc(
            Lang::En,
            vec![Block::Paragraph(vec![Inline::text(ENGLISH)])],
        ),
        "just.pdf",
    );
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
            let (_d, pdf) = write(
                &theme,
                &doc(Lang::En, vec![Block::Paragraph(vec![Inline::text(src)])]),
                "rtl.pdf",
            );
            let ls: Vec<Line> = lines(&pdf).into_iter().filter(|l| !is_footer(l)).collect();
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
