//! The PDF writer, checked by reading its output back with poppler (pdftotext,
//! pdffonts, pdfinfo), qpdf and lopdf.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::document::{plain_text, Block, Document, Inline, Layout};
use successkit::model::Lang;
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::{PageSize, Theme};
use support::*;

fn writer(theme: &Theme) -> PdfWriter {
    PdfWriter::new(theme, &Assets::default()).expect("writer")
}

fn render(doc: &Document) -> (tempfile::TempDir, PathBuf, usize) {
    render_with(&Theme::default(), doc)
}

fn render_with(theme: &Theme, doc: &Document) -> (tempfile::TempDir, PathBuf, usize) {
    let out = writer(theme).write(doc).expect("write");
    let (dir, path) = saved(&out.bytes);
    (dir, path, out.pages.unwrap_or(0))
}

/// `bytes` saved as `out.pdf` in a new temporary folder, for the tools that read files.
fn saved(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("save");
    (dir, path)
}

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn mm(v: f32) -> f64 {
    f64::from(v) * 72.0 / 25.4
}

/// The text area in points: left, top, right, bottom.
fn body(theme: &Theme) -> (f64, f64, f64, f64) {
    let (w, h) = theme.page.mm();
    let m = &theme.margins;
    (mm(m.left), mm(m.top), mm(w - m.right), mm(h - m.bottom))
}

/// pdftotext's text of the text area only (running header and footer cropped off), in
/// content-stream order, with all whitespace removed.
fn body_text(path: &Path, theme: &Theme) -> String {
    let (l, t, r, b) = body(theme);
    let (ok, text) = run(
        "pdftotext",
        &[
            "-raw",
            "-x",
            &format!("{}", l.floor() as i64 - 2),
            "-y",
            &format!("{}", t.floor() as i64 - 1),
            "-W",
            &format!("{}", (r - l).ceil() as i64 + 4),
            "-H",
            &format!("{}", (b - t).ceil() as i64 + 2),
            path.to_str().expect("path"),
            "-",
        ],
    );
    assert!(ok, "pdftotext failed: {text}");
    squash(&text)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text the IR shows, in layout order (list numbers before their item; checkboxes
/// are drawn, not written; an image without a file shows its alternative text).
fn ir_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                out.push_str(&inline_text(content))
            }
            Block::List { start, items } => {
                for (k, it) in items.iter().enumerate() {
                    if let Some(s) = start {
                        out.push_str(&format!("{}.", s + k as u64));
                    }
                    ir_text(&it.blocks, out);
                }
            }
            Block::Table(t) => {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    out.push_str(&inline_text(c));
                }
            }
            Block::Callout { blocks, .. } | Block::Quote(blocks) | Block::Slide(blocks) => {
                ir_text(blocks, out)
            }
            Block::Code(c) => out.push_str(c),
            Block::Chart(c) => {
                out.push_str(&c.title);
                for (label, v) in &c.bars {
                    out.push_str(label);
                    out.push_str(&format!("{}%", (v * 100.0).round() as u32));
                }
            }
            Block::Image { alt, .. } => out.push_str(alt),
            Block::Rule | Block::PageBreak => {}
        }
    }
}

fn inline_text(inl: &[Inline]) -> String {
    let no_checks: Vec<Inline> = inl
        .iter()
        .filter(|i| !matches!(i, Inline::Check(_)))
        .cloned()
        .collect();
    plain_text(&no_checks)
}

#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Every word with its box, and each page's size.
fn words(path: &Path) -> (Vec<Word>, Vec<(f64, f64)>) {
    let (ok, html) = run("pdftotext", &["-bbox", path.to_str().expect("path"), "-"]);
    assert!(ok, "pdftotext -bbox failed");
    let attr = |line: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = start + line[start..].find('"').expect("quote");
        line[start..end].parse().expect("number")
    };
    let mut out = Vec::new();
    let mut pages = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push((attr(line, "width"), attr(line, "height")));
        } else if line.starts_with("<word ") {
            let text = line[line.find('>').expect(">") + 1..line.rfind("</word>").expect("end")]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            out.push(Word {
                page: pages.len(),
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            });
        }
    }
    (out, pages)
}

/// Keeps the first occurrence of `needle` in `hay` and removes the others; returns how
/// many there were.
fn keep_first(hay: &mut String, needle: &str) -> usize {
    let mut n = 0;
    let mut out = String::new();
    let mut rest = hay.as_str();
    while let Some(i) = rest.find(needle) {
        out.push_str(&rest[..i]);
        if n == 0 {
            out.push_str(needle);
        }
        n += 1;
        rest = &rest[i + needle.len()..];
    }
    out.push_str(rest);
    *hay = out;
    n
}

fn check_text_matches_ir(lang: Lang) {
    let doc = plan(lang);
    let (_d, path, pages) = render(&doc);
    let mut got = body_text(&path, &Theme::default());
    let mut want = String::new();
    ir_text(&doc.blocks, &mut want);
    let want = squash(&want);
    // The long table repeats its header on each page it continues on.
    let Some(Block::Table(tasks)) = doc
        .blocks
        .iter()
        .rev()
        .find(|b| matches!(b, Block::Table(_)))
    else {
        panic!("sample has a table")
    };
    let header = squash(
        &tasks
            .header
            .iter()
            .map(|c| inline_text(c))
            .collect::<String>(),
    );
    let repeats = keep_first(&mut got, &header);
    assert!(repeats >= 2, "the task table spans pages ({pages} pages)");
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let g: String = got.chars().skip(at.saturating_sub(40)).take(120).collect();
        let w: String = want.chars().skip(at.saturating_sub(40)).take(120).collect();
        panic!("text differs at char {at}:\n got: {g}\nwant: {w}");
    }
    for accent in ["ã", "ç", "é", "Ê", "à", "í"] {
        assert!(got.contains(accent), "{accent} extractable");
    }
}

#[test]
fn extracted_text_equals_the_ir_text_in_english() {
    check_text_matches_ir(Lang::En);
}

#[test]
fn extracted_text_equals_the_ir_text_in_portuguese() {
    check_text_matches_ir(Lang::PtBr);
}

#[test]
fn qpdf_finds_no_errors() {
    for doc in [plan(Lang::PtBr), handout(Lang::En), bench_doc()] {
        let (_d, path, _) = render(&doc);
        let (ok, out) = run("qpdf", &["--check", path.to_str().expect("path")]);
        assert!(ok, "qpdf --check failed:\n{out}");
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (_d, path, _) = render(&plan(Lang::PtBr));
    let (ok, out) = run("pdffonts", &[path.to_str().expect("path")]);
    assert!(ok, "{out}");
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(
        rows.len() >= 4,
        "regular, bold, italic and mono are used:\n{out}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(2 words) encoding emb sub uni id gen
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
        assert!(cols[0].chars().nth(6) == Some('+'), "subset tag: {row}");
    }
}

fn check_word_boxes(theme: &Theme, doc: &Document) {
    let (_d, path, _) = render_with(theme, doc);
    let (words, _) = words(&path);
    let (l, t, r, b) = body(theme);
    let tol = 0.6;
    let in_running_zone = |w: &Word| w.y1 <= t + tol || w.y0 >= b - tol;
    let body_words: Vec<&Word> = words.iter().filter(|w| !in_running_zone(w)).collect();
    assert!(body_words.len() > 50);
    for w in &body_words {
        assert!(
            w.x0 >= l - tol && w.x1 <= r + tol,
            "word outside the text area: {w:?} (area {l}..{r})"
        );
    }
    for w in words.iter().filter(|w| in_running_zone(w)) {
        assert!(w.y0 >= 0.0 && w.x0 >= l - tol && w.x1 <= r + tol, "{w:?}");
    }
    let mut by_page: BTreeMap<usize, Vec<&Word>> = BTreeMap::new();
    for w in &words {
        by_page.entry(w.page).or_default().push(w);
    }
    for ws in by_page.values() {
        for (i, a) in ws.iter().enumerate() {
            for c in &ws[i + 1..] {
                let ox = a.x1.min(c.x1) - a.x0.max(c.x0);
                let oy = a.y1.min(c.y1) - a.y0.max(c.y0);
                assert!(ox <= tol || oy <= tol, "words overlap: {a:?} and {c:?}");
            }
        }
    }
}

#[test]
fn no_word_leaves_the_text_area_or_overlaps_another() {
    check_word_boxes(&Theme::default(), &plan(Lang::PtBr));
    check_word_boxes(&Theme::default(), &plan(Lang::En));
    check_word_boxes(&Theme::default(), &handout(Lang::PtBr));
    let letter = Theme {
        page: PageSize::Letter,
        ..Theme::default()
    };
    check_word_boxes(&letter, &bench_doc());
}

#[test]
fn a_table_spanning_pages_repeats_its_header_on_each() {
    let (_d, path, pages) = render(&bench_doc());
    assert!(pages >= 3, "{pages} pages");
    let (words, _) = words(&path);
    let mut row_pages = 0;
    for page in 1..=pages {
        let on: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
        let Some(first_row) = on
            .iter()
            .filter(|w| w.text == "Campanha")
            .min_by(|a, b| a.y0.total_cmp(&b.y0))
        else {
            continue;
        };
        row_pages += 1;
        let header = on
            .iter()
            .filter(|w| w.text == "Observações" && w.y0 < first_row.y0)
            .count();
        assert!(
            header >= 1,
            "page {page}: no header row above the first row"
        );
    }
    assert!(row_pages >= 3);
}

/// Many headings and paragraphs of varied lengths, so headings and paragraph ends fall
/// everywhere; paragraph `i` is made of the words `p{i}w{j}`.
fn headings_doc() -> Document {
    let mut blocks = Vec::new();
    for i in 0..70 {
        blocks.push(h(
            if i % 3 == 0 { 2 } else { 3 },
            &format!("Heading number {i}"),
        ));
        let n = 10 + (i * 7) % 60;
        let words: Vec<String> = (0..n).map(|j| format!("p{i}w{j}")).collect();
        blocks.push(p(vec![t(&words.join(" "))]));
    }
    Document {
        meta: meta(Lang::En, "Headings", Layout::Flow),
        blocks,
    }
}

/// The text lines of each page's body, top to bottom, as lists of words.
fn body_lines(path: &Path, pages: usize) -> Vec<Vec<Vec<String>>> {
    let (words, _) = words(path);
    let (_, t, _, b) = body(&Theme::default());
    (1..=pages)
        .map(|page| {
            let mut on: Vec<&Word> = words
                .iter()
                .filter(|w| w.page == page && w.y0 > t && w.y1 < b)
                .collect();
            on.sort_by(|a, c| a.y0.total_cmp(&c.y0).then(a.x0.total_cmp(&c.x0)));
            let mut lines: Vec<(f64, Vec<String>)> = Vec::new();
            for w in on {
                match lines.last_mut() {
                    Some((y, l)) if (w.y0 - *y).abs() < 1.0 => l.push(w.text.clone()),
                    _ => lines.push((w.y0, vec![w.text.clone()])),
                }
            }
            lines.into_iter().map(|(_, l)| l).collect()
        })
        .collect()
}

fn paragraph_of(line: &[String]) -> Option<String> {
    let w = line.first()?;
    let i = w.strip_prefix('p')?.split('w').next()?;
    Some(i.to_string())
}

#[test]
fn a_heading_is_never_the_last_line_of_a_page_and_no_line_is_left_alone() {
    let doc = headings_doc();
    let (_d, path, pages) = render(&doc);
    assert!(pages >= 4);
    let lines = body_lines(&path, pages);
    let mut splits = 0;
    for (k, page) in lines.iter().enumerate() {
        let last = page.last().expect("no blank page");
        assert!(
            !(last.len() == 3 && last[0] == "Heading"),
            "page {} ends with a heading: {last:?}",
            k + 1
        );
        let Some(next) = lines.get(k + 1) else {
            continue;
        };
        let (Some(a), Some(b)) = (
            paragraph_of(last),
            next.first().and_then(|l| paragraph_of(l)),
        ) else {
            continue;
        };
        if a != b {
            continue;
        }
        splits += 1;
        let here = page
            .iter()
            .rev()
            .take_while(|l| paragraph_of(l).as_deref() == Some(&a))
            .count();
        let there = next
            .iter()
            .take_while(|l| paragraph_of(l).as_deref() == Some(&a))
            .count();
        assert!(
            here >= 2,
            "orphan: paragraph {a} leaves one line at the foot of page {}",
            k + 1
        );
        assert!(
            there >= 2,
            "widow: paragraph {a} carries one line to page {}",
            k + 2
        );
    }
    assert!(
        splits >= 1,
        "the sample splits at least one paragraph across pages"
    );
}

#[test]
fn same_input_gives_the_same_bytes_from_any_thread() {
    let w = writer(&Theme::default());
    let doc = plan(Lang::PtBr);
    let a = w.write(&doc).expect("write").bytes;
    let b = w.write(&doc).expect("write").bytes;
    assert_eq!(a, b);
    let c = std::thread::scope(|s| {
        s.spawn(|| w.write(&doc).expect("write").bytes)
            .join()
            .expect("thread")
    });
    assert_eq!(a, c);
    let other = writer(&Theme::default()).write(&doc).expect("write").bytes;
    assert_eq!(a, other);
    // The /ID is derived from the content, so a different document has another.
    let d = w.write(&plan(Lang::En)).expect("write").bytes;
    let id = |bytes: &[u8]| {
        let s = String::from_utf8_lossy(bytes).into_owned();
        let i = s.rfind("/ID").expect("/ID");
        s[i..i + 80].to_string()
    };
    assert_ne!(id(&a), id(&d));
    assert!(!id(&a).contains("00000000000000000000"), "{}", id(&a));
}

#[test]
fn letter_and_a4_page_sizes() {
    let (_d, path, _) = render(&bench_doc());
    let (_, info) = run("pdfinfo", &[path.to_str().expect("path")]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    let letter = Theme {
        page: PageSize::Letter,
        ..Theme::default()
    };
    let (_d, path, _) = render_with(&letter, &bench_doc());
    let (_, info) = run("pdfinfo", &[path.to_str().expect("path")]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
}

fn load(path: &Path) -> lopdf::Document {
    lopdf::Document::load(path).expect("lopdf loads the file")
}

#[test]
fn links_are_clickable() {
    let (_d, path, _) = render(&plan(Lang::En));
    let pdf = load(&path);
    let mut uris = Vec::new();
    for (_, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).expect("page");
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        for a in annots {
            let d = match a {
                lopdf::Object::Reference(id) => pdf.get_dictionary(*id).expect("annot"),
                lopdf::Object::Dictionary(d) => d,
                _ => continue,
            };
            assert_eq!(
                d.get(b"Subtype").and_then(|s| s.as_name()).ok(),
                Some(&b"Link"[..])
            );
            let action = d.get(b"A").and_then(|a| a.as_dict()).expect("action");
            let uri = action.get(b"URI").and_then(|u| u.as_str()).expect("URI");
            uris.push(String::from_utf8_lossy(uri).into_owned());
        }
    }
    for want in [
        "https://www.microsoft.com/fasttrack",
        "https://aka.ms/success-workshop-decks-all",
        "https://fasttrack.microsoft.com/microsoft365/resourcehub/success-plan-checklist-and-templates",
    ] {
        assert!(uris.iter().any(|u| u == want), "{want} in {uris:?}");
    }
}

#[test]
fn document_info_language_and_nested_outline() {
    let (_d, path, _) = render(&plan(Lang::PtBr));
    let pdf = load(&path);
    let cat = pdf.catalog().expect("catalog");
    assert_eq!(
        cat.get(b"Lang").and_then(|l| l.as_str()).expect("Lang"),
        b"pt-BR"
    );
    let (_, info) = run("pdfinfo", &[path.to_str().expect("path")]);
    // The customer is in the title, so open kits are told apart by their tab titles.
    assert!(
        info.contains("Title:           Plano de Sucesso — Grupo Itaú Têxtil Ltda.\n"),
        "{info}"
    );
    assert!(info.contains("Author:          Cecília Romão"), "{info}");
    assert!(
        info.contains("Subject:         Plano de Sucesso: Grupo Itaú Têxtil Ltda."),
        "{info}"
    );
    assert!(info.contains("Keywords:        FastTrack,SSAT"), "{info}");
    assert!(
        info.contains("CreationDate:    Fri Jul 12 00:00:00 2024"),
        "{info}"
    );
    // Level-2 headings at the top of the outline, level 3 under them.
    let outlines = cat
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .expect("outline");
    let root = pdf.get_dictionary(outlines).expect("root");
    let title = |d: &lopdf::Dictionary| -> String {
        // A text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (ASCII).
        let raw = d.get(b"Title").and_then(|t| t.as_str()).expect("title");
        match raw.strip_prefix(&[0xFE, 0xFF]) {
            Some(utf16) => {
                let units: Vec<u16> = utf16
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).expect("utf-16")
            }
            None => raw.iter().map(|b| char::from(*b)).collect(),
        }
    };
    let mut top = Vec::new();
    let mut next = root.get(b"First").and_then(|f| f.as_reference()).ok();
    while let Some(id) = next {
        let d = pdf.get_dictionary(id).expect("item");
        let mut kids = Vec::new();
        let mut k = d.get(b"First").and_then(|f| f.as_reference()).ok();
        while let Some(kid) = k {
            let kd = pdf.get_dictionary(kid).expect("kid");
            kids.push(title(kd));
            k = kd.get(b"Next").and_then(|f| f.as_reference()).ok();
        }
        top.push((title(d), kids));
        next = d.get(b"Next").and_then(|f| f.as_reference()).ok();
    }
    insta::assert_debug_snapshot!("outline_pt", top);
}

#[test]
fn no_blank_pages_from_page_breaks() {
    let doc = Document {
        meta: meta(Lang::En, "Breaks", Layout::Flow),
        blocks: vec![
            Block::PageBreak,
            p(vec![t("First page.")]),
            Block::PageBreak,
            Block::PageBreak,
            p(vec![t("Second page.")]),
            Block::PageBreak,
        ],
    };
    let (_d, path, pages) = render(&doc);
    assert_eq!(pages, 2);
    let (words, n) = words(&path);
    assert_eq!(n.len(), 2);
    assert!(words.iter().any(|w| w.page == 2 && w.text == "Second"));
    let empty = Document {
        meta: meta(Lang::En, "Empty", Layout::Flow),
        blocks: vec![],
    };
    assert_eq!(
        render(&empty).2,
        1,
        "an empty document is one page, not zero"
    );
}

#[test]
fn footer_says_page_x_of_y_in_the_documents_language() {
    for (lang, want) in [(Lang::En, "Page 2 of 4"), (Lang::PtBr, "Página 2 de 4")] {
        let (_d, path, pages) = render(&plan(lang));
        assert_eq!(pages, 4);
        let (_, text) = run(
            "pdftotext",
            &["-f", "2", "-l", "2", path.to_str().expect("path"), "-"],
        );
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[test]
fn handout_lays_three_slides_to_a_page_with_notes() {
    let doc = handout(Lang::PtBr);
    let (_d, path, pages) = render(&doc);
    assert_eq!(pages, 3);
    let (_, text) = run("pdftotext", &["-raw", path.to_str().expect("path"), "-"]);
    assert_eq!(text.matches("Anotações").count(), 7);
    for n in 1..=7 {
        assert!(text.contains(&format!("{n}/7")), "slide number {n}/7");
    }
    assert!(
        text.contains("…"),
        "the overfull slide ends with an ellipsis"
    );
    assert!(
        !text.contains("Ponto 30"),
        "what does not fit is cut, not drawn outside"
    );
    insta::assert_snapshot!("handout_pt_text", text);
    let (_, text) = run(
        "pdftotext",
        &[
            "-raw",
            render(&handout(Lang::En)).1.to_str().expect("path"),
            "-",
        ],
    );
    assert_eq!(text.matches("Notes").count(), 7);
}

#[test]
fn theme_errors_name_the_key() {
    let bad = successkit::theme::BUILTIN_THEME.replace("[margins]", "[margins]\nleftt = 3.0");
    let err = Theme::from_toml(&bad).expect_err("unknown key").to_string();
    assert!(err.contains("leftt"), "{err}");
    let bad = successkit::theme::BUILTIN_THEME.replace("\"#1f4e79\"", "\"blue\"");
    let err = Theme::from_toml(&bad).expect_err("bad colour").to_string();
    assert!(err.contains("#rrggbb"), "{err}");
}

#[test]
fn a_font_missing_from_assets_and_built_ins_is_an_error() {
    let mut theme = Theme::default();
    theme.fonts.bold = "Nope-Bold.ttf".to_string();
    let err = PdfWriter::new(&theme, &Assets::default())
        .err()
        .expect("error");
    assert!(err.to_string().contains("Nope-Bold.ttf"), "{err}");
    let mut assets = Assets::default();
    assets
        .fonts
        .insert("Nope-Bold.ttf".to_string(), b"not a font".to_vec().into());
    assert!(PdfWriter::new(&theme, &assets).is_err());
}

#[test]
fn hostile_text_never_panics() {
    let w = writer(&Theme::default());
    let long = "x".repeat(5000);
    let doc = Document {
        meta: meta(Lang::En, "Hostile", Layout::Flow),
        blocks: vec![
            p(vec![t(&long)]),
            p(vec![t(
                "\u{0}\u{7}\t\r\n\u{200B}\u{FEFF}控制 🎉 \u{10FFFF}",
            )]),
            Block::Table(successkit::document::Table {
                widths: Some(vec![f32::NAN, -1.0, 0.0]),
                row_headers: false,
                align: vec![],
                header: vec![],
                rows: vec![vec![vec![t(&"word ".repeat(900))], vec![], vec![t(&long)]]],
            }),
            Block::Chart(successkit::document::Chart {
                title: String::new(),
                bars: vec![
                    ("nan".into(), f32::NAN),
                    ("big".into(), 7.0),
                    ("neg".into(), -1.0),
                ],
            }),
            Block::List {
                start: Some(u64::MAX),
                items: vec![item(vec![]), item(vec![])],
            },
            Block::Slide(vec![]),
        ],
    };
    let out = w.write(&doc).expect("write");
    assert!(out.pages.unwrap_or(0) >= 2);
    // The giant row is split between lines, and every piece stays on its page.
    check_word_boxes(&Theme::default(), &doc);
    let mut hd = doc.clone();
    hd.meta.layout = Layout::Handout;
    w.write(&hd).expect("handout");
}

#[test]
fn a_wide_table_is_set_smaller_rather_than_cutting_words() {
    let head = [
        "Customer",
        "Engagements",
        "Licenses",
        "Stakeholders",
        "Scenarios",
        "Awareness",
        "Training",
        "Overall",
        "Mandatory",
    ];
    let doc = Document {
        meta: meta(Lang::En, "Wide", Layout::Flow),
        blocks: vec![Block::Table(successkit::document::Table {
            widths: None,
            row_headers: false,
            align: vec![],
            header: cells(&head),
            rows: vec![cells(&[
                "Grupo Itaú Têxtil Ltda.",
                "1",
                "1,500",
                "70%",
                "42%",
                "40%",
                "75%",
                "57%",
                "4",
            ])],
        })],
    };
    let (_d, path, _) = render(&doc);
    let (words, _) = words(&path);
    for h in head {
        assert!(words.iter().any(|w| w.text == h), "{h} is whole");
    }
    check_word_boxes(&Theme::default(), &plan(Lang::En));
}

#[test]
fn the_logo_is_drawn_on_the_first_page_and_for_its_image_block() {
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, 40, 20);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header().expect("header");
        let px: Vec<u8> = (0..40 * 20)
            .flat_map(|i| [31, 78, 121, (i % 256) as u8])
            .collect();
        wr.write_image_data(&px).expect("pixels");
    }
    let assets = Assets {
        logo: Some(png_bytes),
        ..Assets::default()
    };
    let theme = Theme {
        logo: Some("logo.png".to_string()),
        ..Theme::default()
    };
    let w = PdfWriter::new(&theme, &assets).expect("writer");
    let out = w.write(&plan(Lang::En)).expect("write");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("logo.pdf");
    std::fs::write(&path, &out.bytes).expect("save");
    let (ok, list) = run("pdfimages", &["-list", path.to_str().expect("path")]);
    assert!(ok, "{list}");
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(rows.len() >= 2, "header logo and image block:\n{list}");
    assert!(
        rows.iter()
            .all(|r| r.contains(" 40 ") && r.contains(" 20 ")),
        "{list}"
    );
    let (ok, check) = run("qpdf", &["--check", path.to_str().expect("path")]);
    assert!(ok, "{check}");
    assert!(PdfWriter::new(
        &theme,
        &Assets {
            logo: Some(b"not a png".to_vec()),
            ..Assets::default()
        }
    )
    .is_err());
}

/// Painted shapes of page `page` (1-based) in drawing order: `(is_fill, fill or stroke
/// colour, segments or rectangles as (x0, y0, x1, y1) in PDF coordinates)`.
type Painted = (bool, [f32; 3], Vec<(f32, f32, f32, f32)>);

fn painted(path: &Path, page: u32) -> Vec<Painted> {
    let doc = load(path);
    let id = *doc.get_pages().get(&page).expect("page");
    let content = doc.get_page_content(id);
    let ops = lopdf::content::Content::decode(&content)
        .expect("decode")
        .operations;
    let mut state = Paint::default();
    state.run(&doc, id, &ops, (0.0, 0.0));
    state.out
}

/// What [`painted`] keeps track of while it reads a page.
#[derive(Default)]
struct Paint {
    fill: [f32; 3],
    stroke: [f32; 3],
    path_parts: Vec<(f32, f32, f32, f32)>,
    at: (f32, f32),
    out: Vec<Painted>,
}

impl Paint {
    /// Reads `ops` drawn moved by `by`, following the shapes drawn as form XObjects
    /// (`cm` moves and `Do`) into their own content.
    fn run(
        &mut self,
        doc: &lopdf::Document,
        page: lopdf::ObjectId,
        ops: &[lopdf::content::Operation],
        by: (f32, f32),
    ) {
        let num = |o: &lopdf::Object| o.as_float().unwrap_or(0.0);
        let mut moved = by;
        let mut saved = Vec::new();
        for op in ops {
            let a: Vec<f32> = op.operands.iter().map(num).collect();
            let (dx, dy) = moved;
            match (op.operator.as_str(), a.as_slice()) {
                ("q", _) => saved.push(moved),
                ("Q", _) => moved = saved.pop().unwrap_or(by),
                ("cm", [a, b, c, d, e, f]) if (*a, *b, *c, *d) == (1.0, 0.0, 0.0, 1.0) => {
                    moved = (dx + e, dy + f);
                }
                ("Do", _) => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    if let Some(inner) = name.and_then(|n| form_ops(doc, page, n)) {
                        self.run(doc, page, &inner, moved);
                    }
                }
                ("rg", [r, g, b]) => self.fill = [*r, *g, *b],
                ("RG", [r, g, b]) => self.stroke = [*r, *g, *b],
                ("re", [x, y, w, h]) => {
                    self.path_parts
                        .push((x + dx, y + dy, x + w + dx, y + h + dy));
                }
                ("m", [x, y]) => self.at = (x + dx, y + dy),
                ("l", [x, y]) | ("c", [.., x, y]) => {
                    let to = (x + dx, y + dy);
                    self.path_parts.push((self.at.0, self.at.1, to.0, to.1));
                    self.at = to;
                }
                ("f", _) => {
                    let parts = std::mem::take(&mut self.path_parts);
                    self.out.push((true, self.fill, parts));
                }
                ("S" | "B" | "b", _) => {
                    let parts = std::mem::take(&mut self.path_parts);
                    self.out.push((false, self.stroke, parts));
                }
                ("n" | "f*", _) => self.path_parts.clear(),
                _ => {}
            }
        }
    }
}

/// The operators of the form XObject `name` in `page`'s resources.
fn form_ops(
    doc: &lopdf::Document,
    page: lopdf::ObjectId,
    name: &[u8],
) -> Option<Vec<lopdf::content::Operation>> {
    let res = doc.get_dictionary(page).ok()?.get(b"Resources").ok()?;
    let res = match res {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok()?,
        other => other.as_dict().ok()?,
    };
    let id = res
        .get(b"XObject")
        .ok()?
        .as_dict()
        .ok()?
        .get(name)
        .ok()?
        .as_reference()
        .ok()?;
    let form = doc.get_object(id).ok()?.as_stream().ok()?;
    if form.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Form" {
        return None;
    }
    let bytes = form
        .decompressed_content()
        .unwrap_or_else(|_| form.content.clone());
    Some(lopdf::content::Content::decode(&bytes).ok()?.operations)
}

fn status_table() -> Document {
    use successkit::document::{Table, Tone};
    let row = |id: &str, status: &str, st: Tone, due: Vec<Inline>| {
        vec![vec![t(id)], vec![tone(status, st)], due]
    };
    Document {
        meta: meta(Lang::En, "Status", Layout::Flow),
        blocks: vec![Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![],
            header: cells(&["ID", "Status", "Due"]),
            rows: vec![
                row(
                    "3278",
                    "In progress",
                    Tone::Warn,
                    vec![tone("July 26, 2024 · Overdue", Tone::Bad)],
                ),
                row(
                    "3718",
                    "Not started",
                    Tone::Bad,
                    vec![tone("July 31, 2024 · Overdue", Tone::Bad)],
                ),
                row("3737", "Blocked", Tone::Bad, vec![t("August 16, 2024")]),
                row("3738", "Done", Tone::Good, vec![t("August 30, 2024")]),
            ],
        })],
    }
}

#[test]
fn table_rules_are_drawn_over_the_cell_fills() {
    let (_d, path, _) = render(&status_table());
    let shapes = painted(&path, 1);
    // Every horizontal rule: no fill painted after its last stroke may touch it.
    let mut rules: Vec<(usize, f32, f32, f32)> = Vec::new();
    for (i, (is_fill, _, parts)) in shapes.iter().enumerate() {
        if !is_fill {
            for &(x0, y0, x1, y1) in parts {
                if (y0 - y1).abs() < 0.01 && (x1 - x0).abs() > 1.0 {
                    rules.retain(|r| (r.1 - y0).abs() > 0.01);
                    rules.push((i, y0, x0.min(x1), x0.max(x1)));
                }
            }
        }
    }
    assert!(rules.len() >= 5, "a rule under the header and every row");
    let mut toned = 0;
    for (i, (is_fill, colour, parts)) in shapes.iter().enumerate() {
        if !is_fill {
            continue;
        }
        for &(x0, y0, x1, y1) in parts {
            if (colour[0] - 0.965).abs() < 0.01 && colour[1] < 0.8 {
                toned += 1;
            }
            for &(ri, ry, rx0, rx1) in &rules {
                let touches = y0 - 0.01 <= ry && ry <= y1 + 0.01 && x0 < rx1 && x1 > rx0;
                assert!(
                    !(touches && i > ri),
                    "fill {i} {:?} painted over the rule at y {ry} (drawn at {ri})",
                    (x0, y0, x1, y1)
                );
            }
        }
    }
    assert!(toned >= 3, "the bad-toned cells are filled ({toned})");
}

#[test]
fn an_email_keeps_whole_when_the_table_affords_it_and_else_breaks_after_a_separator() {
    use successkit::document::Table;
    let mail = "estevao.estevez@itautextil.onmicrosoft.com";
    let table = |widths: Option<Vec<f32>>, cols: usize| {
        let mut head = vec!["Name", "Role", "E-mail", "Responsibility"];
        let mut row = vec![
            "Estêvão Estévez",
            "IT lead",
            mail,
            "Makes sure the technical prerequisites, security and configuration are in place.",
        ];
        for _ in 4..cols {
            head.push("More");
            row.push("Extra words that can wrap");
        }
        Block::Table(Table {
            widths,
            row_headers: false,
            align: vec![],
            header: cells(&head),
            rows: vec![cells(&row)],
        })
    };
    let doc = Document {
        meta: meta(Lang::En, "Mail", Layout::Flow),
        blocks: vec![table(Some(vec![2.0, 2.0, 3.4, 2.6]), 4)],
    };
    let (_d, path, _) = render(&doc);
    let (w, _) = words(&path);
    assert!(w.iter().any(|w| w.text == mail), "the address is one word");
    // Too narrow for the address: the cut falls after a separator, not inside a label.
    let mut theme = Theme::default();
    theme.margins.left = 60.0;
    theme.margins.right = 60.0;
    let doc = Document {
        meta: meta(Lang::En, "Mail", Layout::Flow),
        blocks: vec![table(None, 8)],
    };
    let (_d, path, _) = render_with(&theme, &doc);
    let (w, _) = words(&path);
    let pieces: Vec<&str> = w
        .iter()
        .filter(|w| mail.contains(w.text.as_str()) && w.text.len() > 4)
        .map(|w| w.text.as_str())
        .collect();
    assert!(pieces.len() >= 2, "{pieces:?}");
    assert_eq!(pieces.concat(), mail);
    for p in &pieces[..pieces.len() - 1] {
        assert!(p.ends_with(['.', '@']), "cut after a separator: {pieces:?}");
    }
}

#[test]
fn the_running_header_names_the_customer_and_page_one_has_none() {
    let mut doc = plan(Lang::En);
    doc.meta.title = "Success Plan".to_string();
    doc.meta.subject = "Success Plan: Grupo Itaú Têxtil Ltda.".to_string();
    doc.meta.customer = "Grupo Itaú Têxtil Ltda.".to_string();
    doc.meta.footer = "Success Plan".to_string();
    let (_d, path, pages) = render(&doc);
    assert!(pages >= 2);
    let theme = Theme::default();
    let (_, top, _, bottom) = body(&theme);
    let (w, _) = words(&path);
    let header = |p: usize| -> String {
        w.iter()
            .filter(|w| w.page == p && w.y1 < top)
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let footer = |p: usize| -> String {
        w.iter()
            .filter(|w| w.page == p && w.y0 > bottom)
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(header(1), "", "no header on page 1");
    let strokes_above = painted(&path, 1)
        .iter()
        .filter(|(f, _, parts)| {
            !f && parts
                .iter()
                .any(|p| p.1 > mm(theme.page.mm().1) as f32 - top as f32 + 1.0)
        })
        .count();
    assert_eq!(strokes_above, 0, "no header rule on page 1");
    for p in 2..=pages {
        assert_eq!(header(p), "Grupo Itaú Têxtil Ltda.");
        assert_eq!(footer(p), format!("Success Plan Page {p} of {pages}"));
    }
}

/// The page (1-based) of the first word equal to `text`.
fn page_of(w: &[Word], text: &str) -> usize {
    w.iter()
        .find(|w| w.text == text)
        .unwrap_or_else(|| panic!("{text} not found"))
        .page
}

#[test]
fn headings_intros_notes_and_callouts_stay_with_their_tables() {
    use successkit::document::{CalloutKind, Table};
    let filler = |n: usize| -> Vec<Block> {
        (0..n)
            .map(|i| {
                p(vec![t(&format!(
                    "Filler{i} line that takes some room on the page."
                ))])
            })
            .collect()
    };
    let table = |tag: &str| {
        Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![],
            header: cells(&["ID", "Task"]),
            rows: (0..4)
                .map(|i| cells(&[&format!("{tag}{i}"), "Some task to do"]))
                .collect(),
        })
    };
    // Try every amount of filler, so the page end falls on each boundary in turn.
    for n in 30..48 {
        let mut blocks = filler(n);
        blocks.push(h(2, "Factors"));
        blocks.push(p(vec![t("IntroLine before the table.")]));
        blocks.push(table("row"));
        blocks.push(Block::Callout {
            kind: CalloutKind::Warning,
            blocks: vec![
                p(vec![t("OverdueNote: 2 tasks are overdue.")]),
                p(vec![t("SecondLine of the callout.")]),
                p(vec![t("ThirdLine of the callout.")]),
            ],
        });
        let doc = Document {
            meta: meta(Lang::En, "Keep", Layout::Flow),
            blocks,
        };
        let (_d, path, _) = render(&doc);
        let (w, _) = words(&path);
        let hp = page_of(&w, "Factors");
        assert_eq!(page_of(&w, "IntroLine"), hp, "n={n}: intro with heading");
        assert_eq!(page_of(&w, "row1"), hp, "n={n}: two rows with heading");
        let cp = page_of(&w, "OverdueNote:");
        assert_eq!(page_of(&w, "ThirdLine"), cp, "n={n}: callout split");
        assert_eq!(page_of(&w, "row3"), cp, "n={n}: note away from its table");
    }
}

fn ssat_slide(services: usize, lang: Lang) -> Document {
    use successkit::document::{Table, Tone};
    let head = match lang {
        Lang::En => [
            "Service",
            "Stakeholders",
            "Scenarios",
            "Awareness",
            "Training",
        ],
        Lang::PtBr => [
            "Serviço",
            "Stakeholders",
            "Cenários",
            "Conscientização",
            "Treinamento",
        ],
    };
    let names = [
        "Microsoft 365 Apps",
        "OneDrive for Business",
        "Intune",
        "Microsoft Teams",
        "Windows",
        "Viva Engage",
    ];
    let rows = names
        .iter()
        .cycle()
        .take(services)
        .map(|n| {
            vec![
                vec![t(n)],
                vec![tone("Em andamento", Tone::Warn)],
                vec![tone("Concluído", Tone::Good)],
                vec![tone("Não iniciado", Tone::Bad)],
                vec![tone("Em andamento", Tone::Warn)],
            ]
        })
        .collect();
    let slide = |title: &str, blocks: Vec<Block>| {
        let mut v = vec![h(2, title)];
        v.extend(blocks);
        Block::Slide(v)
    };
    let mut blocks = vec![h(1, "Workshop")];
    for i in 0..4 {
        blocks.push(slide(
            &format!("Slide{i}"),
            vec![Block::List {
                start: None,
                items: vec![item(vec![p(vec![t("A short point")])])],
            }],
        ));
    }
    blocks.push(slide(
        "Services",
        vec![
            Block::Table(Table {
                widths: Some(vec![3.0, 2.0, 2.0, 2.0, 2.0]),
                row_headers: false,
                align: vec![],
                header: cells(&head),
                rows,
            }),
            p(vec![t("Overall readiness: 57%")]),
        ],
    ));
    Document {
        meta: meta(lang, "Workshop", Layout::Handout),
        blocks,
    }
}

#[test]
fn a_slide_table_keeps_its_words_whole_in_one_readable_size() {
    for (services, lang) in [
        (6, Lang::PtBr),
        (2, Lang::PtBr),
        (1, Lang::En),
        (6, Lang::En),
    ] {
        let doc = ssat_slide(services, lang);
        let (_d, path, _) = render(&doc);
        let (w, _) = words(&path);
        let Some(Block::Table(table)) = doc.blocks.iter().find_map(|b| match b {
            Block::Slide(v) => v.iter().find(|b| matches!(b, Block::Table(_))),
            _ => None,
        }) else {
            panic!("no table");
        };
        let mut heights = Vec::new();
        for cell in table.header.iter().chain(table.rows.iter().flatten()) {
            for word in plain_text(cell).split_whitespace() {
                let found = w.iter().find(|x| x.text == word);
                let found = found.unwrap_or_else(|| {
                    panic!("{services} services, {lang:?}: {word} is not whole")
                });
                heights.push(found.y1 - found.y0);
            }
        }
        let (lo, hi) = heights
            .iter()
            .fold((f64::MAX, 0.0f64), |(a, b), h| (a.min(*h), b.max(*h)));
        assert!(hi - lo < 0.2, "one size across the table: {lo}..{hi}");
        assert!(lo >= 6.0, "readable: word boxes {lo} pt tall");
    }
}

#[test]
fn handout_frames_keep_one_rhythm_on_every_page_with_notes_as_tall_as_each_frame() {
    let doc = ssat_slide(6, Lang::En);
    let (_d, path, pages) = render(&doc);
    assert_eq!(pages, 2);
    let theme = Theme::default();
    let (left, top, _, bottom) = body(&theme);
    let (w, _) = words(&path);
    let labels = |page: usize| -> Vec<f64> {
        w.iter()
            .filter(|w| w.page == page && w.text == "Notes")
            .map(|w| w.y0)
            .collect()
    };
    let (first, second) = (labels(1), labels(2));
    assert_eq!((first.len(), second.len()), (3, 2));
    // The same pitch on page 2 as on page 1 (not spread over the page), from the top of
    // the body: the title block takes its room on page 1 only.
    let pitch = first[1] - first[0];
    assert!((first[2] - first[1] - pitch).abs() < 0.5, "{first:?}");
    assert!(
        (second[1] - second[0] - pitch).abs() < 0.5,
        "{first:?} {second:?}"
    );
    assert!(pitch < (bottom - top) / 2.5, "pitch {pitch}");
    assert!(
        second[0] < top + 15.0,
        "page 2 starts at the top: {second:?}"
    );
    // The frames fill most of the page: each is taller than a quarter of the body.
    let shapes = painted(&path, 2);
    let page_h = mm(theme.page.mm().1) as f32;
    let frames: Vec<(f32, f32)> = shapes
        .iter()
        // A frame: a closed rounded rectangle from the left edge of the text area.
        .filter(|(f, _, parts)| {
            !f && parts.len() == 8 && parts.iter().any(|p| (f64::from(p.0) - left).abs() < 1.0)
        })
        .map(|(_, _, parts)| {
            let ys = parts.iter().flat_map(|p| [p.1, p.3]);
            let (lo, hi) = ys.fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(y), b.max(y)));
            (page_h - hi, hi - lo)
        })
        .collect();
    assert!(!frames.is_empty(), "frames drawn as stroked paths");
    for (ftop, fh) in &frames {
        assert!(f64::from(*fh) > (bottom - top) / 4.0, "frame {fh} pt tall");
        // Note lines beside the frame (right of its 16:9 box) run its height, no further.
        let right = left as f32 + fh * 16.0 / 9.0;
        let lines: Vec<f32> = shapes
            .iter()
            .filter(|(f, _, _)| !f)
            .flat_map(|(_, _, parts)| parts.iter())
            .filter(|p| (p.1 - p.3).abs() < 0.01 && p.0 > right)
            .map(|p| page_h - p.1)
            .filter(|y| *y > *ftop && *y < *ftop + *fh + 25.0)
            .collect();
        assert!(lines.len() >= 5, "note lines beside the frame");
        assert!(
            lines.iter().all(|y| *y <= *ftop + *fh + 0.5),
            "{ftop} {fh} {lines:?}"
        );
    }
}

#[test]
fn short_columns_keep_dates_and_names_on_one_line_and_long_text_wraps() {
    use successkit::document::Table;
    let head = [
        "Customer",
        "Engagement ID",
        "FastTrack Manager",
        "Segment",
        "Licenses",
        "Workshop date",
        "Next check-in",
        "Enhanced adoption",
    ];
    let long = "Companhia Brasileira de Distribuição, Logística Integrada, Armazenagem \
                Frigorificada e Serviços Portuários do Norte e Nordeste S.A.";
    let doc = Document {
        meta: meta(Lang::En, "Portfolio", Layout::Flow),
        blocks: vec![Block::Table(Table {
            widths: None,
            row_headers: false,
            align: vec![],
            header: cells(&head),
            rows: vec![
                cells(&[
                    long,
                    "BR-2002",
                    "Cecília Romão",
                    "Enterprise",
                    "48,000",
                    "June 18, 2024",
                    "August 11, 2024",
                    "Yes",
                ]),
                cells(&[
                    "Contoso Ltd.",
                    "ENG-1001",
                    "Alex Wilber",
                    "SMC",
                    "25,000",
                    "July 12, 2024",
                    "",
                    "No",
                ]),
            ],
        })],
    };
    let (_d, path, _) = render(&doc);
    let (w, _) = words(&path);
    for phrase in [
        "June 18, 2024",
        "August 11, 2024",
        "Cecília Romão",
        "July 12, 2024",
        "Alex Wilber",
    ] {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let first = w.iter().find(|x| x.text == parts[0]).expect(phrase);
        for p in &parts[1..] {
            let on_line = w.iter().any(|x| {
                x.text == *p
                    && (x.y0 - first.y0).abs() < 0.5
                    && x.x0 > first.x0
                    && x.x0 < first.x0 + 100.0
            });
            assert!(on_line, "{phrase} wraps");
        }
    }
    let first = w.iter().find(|x| x.text == "Companhia").expect("customer");
    let last = w.iter().find(|x| x.text == "S.A.").expect("customer end");
    assert!(
        last.y0 > first.y0 + 5.0,
        "the long customer name wraps instead"
    );
}

/// An SSAT table with the plan's given widths, `note` on every service.
fn ssat_table(note: &str) -> Document {
    use successkit::document::{Table, Tone};
    let row = |service: &str, note: &str| {
        vec![
            vec![t(service)],
            vec![tone("In progress", Tone::Warn)],
            vec![tone("Not started", Tone::Muted)],
            vec![tone("Done", Tone::Good)],
            vec![tone("Not started", Tone::Muted)],
            vec![t("38%")],
            vec![t(note)],
        ]
    };
    Document {
        meta: meta(Lang::En, "SSAT", Layout::Flow),
        blocks: vec![Block::Table(Table {
            widths: Some(vec![2.2, 1.9, 1.6, 2.5, 2.0, 1.3, 2.5]),
            row_headers: false,
            align: vec![],
            header: cells(&[
                "Service",
                "Stakeholders",
                "Scenarios",
                "Awareness",
                "Training",
                "Readiness",
                "Notes",
            ]),
            rows: vec![
                row("Microsoft Teams", note),
                row("SharePoint Online", note),
                row("Exchange Online", note),
            ],
        })],
    }
}

#[test]
fn a_long_notes_column_takes_room_from_columns_that_can_spare_it() {
    let note = "Rollout split in waves by business unit, each wave gated on the previous \
                one's training completion and a go/no-go with the local IT team. "
        .repeat(3);
    let theme = Theme::default();
    let (_d, path, _) = render(&ssat_table(&note));
    check_word_boxes(&theme, &ssat_table(&note));
    let (w, _) = words(&path);
    let (x0, _, x1, _) = body(&theme);
    let first = w.iter().find(|x| x.text == "Rollout").expect("note");
    let right = w
        .iter()
        .filter(|x| x.y0 >= first.y0 - 0.5)
        .map(|x| x.x1)
        .fold(0.0f64, f64::max);
    // Given 2.5 of 14 parts (about 86 points of 481), the note takes what the status
    // columns do not need (about 134 points) and what the service names can spare by
    // wrapping where their rows are tall anyway.
    let given = (x1 - x0) * 2.5 / 14.0;
    assert!(
        right - first.x0 > given * 1.6,
        "the note is {:.0} wide, given {given:.0}",
        right - first.x0
    );
    let top = |text: &str| w.iter().find(|x| x.text == text).expect(text).y0;
    assert!(
        top("Teams") > top("Microsoft") + 5.0,
        "Microsoft Teams on one line"
    );
    // Its rows no taller than they must be: each status label still on one line.
    for label in ["In progress", "Not started"] {
        let parts: Vec<&str> = label.split(' ').collect();
        for a in w.iter().filter(|x| x.text == parts[0]) {
            assert!(
                w.iter()
                    .any(|b| b.text == parts[1] && (b.y0 - a.y0).abs() < 0.5 && b.x0 > a.x0),
                "{label} wraps"
            );
        }
    }
    // A short note keeps the given widths: the Notes column starts where 11.5 of 14
    // parts end (give or take the room short columns hand on).
    let (_d2, path2, _) = render(&ssat_table("Champions named."));
    let (w2, _) = words(&path2);
    let notes = w2.iter().find(|x| x.text == "Notes").expect("header");
    let share = (notes.x0 - x0) / (x1 - x0);
    assert!((0.75..0.85).contains(&share), "Notes starts at {share:.2}");
}

#[test]
fn slide_column_titles_too_long_even_at_the_floor_are_abbreviated_not_cut() {
    use successkit::document::Table;
    let head: Vec<String> = (0..7)
        .map(|i| format!("Conscientizaçãoorganizacional{i}"))
        .collect();
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let doc = Document {
        meta: meta(Lang::PtBr, "Workshop", Layout::Handout),
        blocks: vec![Block::Slide(vec![
            h(2, "Serviços"),
            Block::Table(Table {
                widths: None,
                row_headers: false,
                align: vec![],
                header: cells(&head_refs),
                rows: vec![cells(&["Sim"; 7])],
            }),
        ])],
    };
    let (_d, path, _) = render(&doc);
    let (w, _) = words(&path);
    let titles: Vec<&Word> = w.iter().filter(|x| x.text.starts_with("Consc")).collect();
    assert_eq!(titles.len(), 7, "one piece per title: {titles:?}");
    for t in titles {
        let stem = t
            .text
            .strip_suffix('.')
            .expect("abbreviated with a full stop");
        assert!(head.iter().any(|h| h.starts_with(stem)), "{}", t.text);
    }
}

/// Tasks table of `rows` rows, its short note, then a short "Cadence" section (heading
/// and three bullets) and more sections, as in the plan's "Portal tasks".
fn table_then_short_section(rows: usize) -> Document {
    use successkit::document::Table;
    let filler: Vec<String> = (0..120).map(|j| format!("filler{j}")).collect();
    Document {
        meta: meta(Lang::En, "Sections", Layout::Flow),
        blocks: vec![
            h(2, "Portal tasks"),
            Block::Table(Table {
                widths: None,
                row_headers: false,
                align: vec![],
                header: cells(&["ID", "Task", "Status"]),
                rows: (0..rows)
                    .map(|i| cells(&[&format!("{}", 3000 + i), "Deliver a workshop", "Open"]))
                    .collect(),
            }),
            p(vec![t("Mandatory tasks still open: 4.")]),
            h(2, "Cadence"),
            Block::List {
                start: None,
                items: [
                    "Check-ins: every two weeks",
                    "Channel: Teams",
                    "Next: August 2",
                ]
                .iter()
                .map(|s| item(vec![p(vec![t(s)])]))
                .collect(),
            },
            h(2, "Next steps"),
            p(vec![t(&filler.join(" "))]),
            p(vec![t(&filler.join(" "))]),
        ],
    }
}

#[test]
fn a_short_section_after_a_table_starts_on_the_tables_page_when_it_fits() {
    let (_, top, _, bottom) = body(&Theme::default());
    let (mut same_page, mut moved) = (0, 0);
    for rows in 6..=48 {
        let (_d, path, pages) = render(&table_then_short_section(rows));
        let (words, _) = words(&path);
        // No page but the last is left more than a quarter empty.
        for page in 1..pages {
            let foot = words
                .iter()
                .filter(|w| w.page == page && w.y0 > top && w.y1 < bottom)
                .map(|w| w.y1)
                .fold(top, f64::max);
            assert!(
                foot > top + 0.75 * (bottom - top),
                "{rows} rows: page {page} of {pages} ends at {:.0}% of the text area",
                100.0 * (foot - top) / (bottom - top)
            );
        }
        let find = |s: &str| {
            words
                .iter()
                .find(|w| w.text == s)
                .unwrap_or_else(|| panic!("{rows} rows: no {s:?}"))
        };
        let note = find("Mandatory");
        let head = find("Cadence");
        let second = find("Channel:");
        assert_eq!(
            head.page, second.page,
            "{rows} rows: heading kept with its list"
        );
        if head.page == note.page {
            same_page += 1;
            continue;
        }
        // Moved on: the heading and the first two bullets (plus the heading's space
        // above) must really not have fitted under the note.
        let room = bottom - note.y1;
        let need = second.y1 - head.y0 + 20.0;
        assert!(
            room < need,
            "{rows} rows: {room:.0} pt free under the table's note on page {} but \
             \"Cadence\" ({need:.0} pt) went to page {}",
            note.page,
            head.page
        );
        assert!(head.page == note.page + 1);
        moved += 1;
    }
    assert!(
        same_page >= 3,
        "only {same_page} layouts kept the section on the page"
    );
    assert!(
        moved >= 1,
        "no layout put the table's end near a page's foot"
    );
}

/// Each embedded font's name and its font program (the `FontFile2` or `FontFile3`
/// stream, inflated), in the order of the fonts' names.
fn font_programs(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let pdf = lopdf::Document::load_mem(bytes).expect("lopdf loads the file");
    let mut out = Vec::new();
    for obj in pdf.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if !d
            .get(b"Type")
            .and_then(|t| t.as_name())
            .is_ok_and(|t| t == b"FontDescriptor")
        {
            continue;
        }
        let name = d
            .get(b"FontName")
            .and_then(|n| n.as_name())
            .expect("FontName");
        let file = d
            .get(b"FontFile2")
            .or_else(|_| d.get(b"FontFile3"))
            .and_then(|f| f.as_reference())
            .expect("an embedded font program");
        let stream = pdf
            .get_object(file)
            .and_then(|o| o.as_stream())
            .expect("stream");
        let program = stream.decompressed_content().expect("inflates");
        out.push((String::from_utf8_lossy(name).into_owned(), program));
    }
    // By the font's name after the subset tag.
    out.sort_by(|a, b| a.0.get(7..).cmp(&b.0.get(7..)));
    out
}

#[test]
fn documents_in_common_characters_share_their_font_subsets_and_a_kept_one_changes_no_byte() {
    let doc = |title: &str, text: &str| Document {
        meta: meta(Lang::PtBr, title, Layout::Flow),
        blocks: vec![p(vec![t(text)]), p(vec![b(text)])],
    };
    let a = doc(
        "Plano",
        "Farmácia São João — ação, gestão & “adoção” (2026).",
    );
    let other = doc(
        "Checklist",
        "Woodgrove Bank: Tenant_01 ~ 50% done? Ñandú, Zoé.",
    );
    let rare = doc("Plano", "Straße Œuvre Łódź");
    let w = writer(&Theme::default());
    let first = w.write(&a).expect("write").bytes;
    let other = w.write(&other).expect("write").bytes;
    // By now the shared subsets were made twice and are kept: this one is found.
    let again = w.write(&a).expect("write").bytes;
    assert_eq!(again, first, "a kept subset changes no byte");
    let fresh = writer(&Theme::default()).write(&a).expect("write").bytes;
    assert_eq!(fresh, first, "nor does a writer that kept nothing");

    let fonts = font_programs(&first);
    let names = |f: &[(String, Vec<u8>)]| {
        f.iter()
            .map(|(n, p)| format!("{n} ({} bytes)", p.len()))
            .collect::<Vec<_>>()
    };
    assert!(fonts.len() >= 2, "regular and bold: {:?}", names(&fonts));
    let others = font_programs(&other);
    assert_eq!(
        names(&others),
        names(&fonts),
        "different text in the seed characters: the same subsets"
    );
    assert!(others == fonts, "the same bytes");
    let rare = w.write(&rare).expect("write").bytes;
    let rare_fonts = font_programs(&rare);
    assert_eq!(rare_fonts.len(), fonts.len());
    for ((n1, f1), (n2, f2)) in fonts.iter().zip(&rare_fonts) {
        assert_ne!(n1, n2, "other glyphs, another tag");
        assert!(f2.len() > f1.len(), "{n2} holds the seed and ß, Œ, Ł, ó, ź");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rare.pdf");
    std::fs::write(&path, &rare).expect("save");
    let (ok, text) = run("pdftotext", &[path.to_str().expect("path"), "-"]);
    assert!(ok && text.contains("Straße Œuvre Łódź"), "{text}");
}

mod any_markdown {
    use super::*;
    use proptest::prelude::*;
    use successkit::document::markdown;

    /// Pieces a template author's Markdown or a customer's data can hold: every block
    /// kind, nesting, links (safe and not), unbroken runs, URLs, right-to-left, CJK,
    /// Indic and Thai text, combining marks, joiners, soft hyphens, control and private
    /// use characters, emoji sequences and bidi overrides.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "# ", "## ", "### ", "#### ", "- ", "  - ", "    - ", "1. ", "> ", "- [ ] ", "- [x] ",
        "| a | b |\n|---|---|\n", "| ", " |", "**", "*", "_", "`", "---\n", "\n", "\n\n",
        "[link](https://example.com)", "[x](javascript:alert(1))", "![img](a.png)",
        "word ", "Ação de adoção ", "مرحبا بالعالم ", "שלום עולם ", "中文客户名称有限公司",
        "日本語のテキスト", "한국어 텍스트 ", "हिन्दी पाठ ", "ภาษาไทยข้อความ", "Кириллица ",
        "e\u{301}\u{302}", "\u{200b}", "\u{200d}", "\u{ad}", "\u{2028}", "\t", "\u{1}",
        "\u{feff}", "\u{e000}", "\u{fffd}", "😀👩‍👩‍👧 ", "\u{202e}override\u{202c} ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "https://example.com/a/long/path/with/no/spaces/at/all/and/more/segments/still ",
        "{.keep}", "<br>", "&amp;", "\\",
    ];

    /// One writer for every case, as a build keeps one for every kit.
    static WRITER: std::sync::LazyLock<PdfWriter> =
        std::sync::LazyLock::new(|| writer(&Theme::default()));

    fn markdown_text() -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(PIECES), 1usize..4), 1..120)
            .prop_map(|v| v.iter().map(|(p, n)| p.repeat(*n)).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Whatever the Markdown, in every layout: a PDF that qpdf finds no error in,
        /// with the pages the writer counted, and text poppler reads back.
        #[test]
        fn any_markdown_in_any_layout_gives_a_sound_pdf(
            s in markdown_text(),
            layout in prop::sample::select(vec![Layout::Flow, Layout::Handout, Layout::Report]),
            customer in prop::sample::select(PIECES),
        ) {
            let mut meta = meta(Lang::En, "Success Plan", layout);
            meta.customer = customer.repeat(3);
            let doc = Document { meta, blocks: markdown::parse(&s) };
            let out = WRITER.write(&doc).expect("write");
            let (_dir, path) = saved(&out.bytes);
            let path = path.to_str().expect("path");
            let (ok, check) = run("qpdf", &["--check", path]);
            prop_assert!(ok, "qpdf --check:\n{}", check);
            let pdf = lopdf::Document::load_mem(&out.bytes).expect("lopdf");
            prop_assert_eq!(Some(pdf.get_pages().len()), out.pages);
            let (ok, text) = run("pdftotext", &[path, "-"]);
            prop_assert!(ok, "pdftotext: {}", text);
        }
    }
}

/// The page (from 1) of the first page text holding `needle`.
fn page_holding(pages: &[&str], needle: &str) -> Option<usize> {
    pages.iter().position(|p| p.contains(needle)).map(|i| i + 1)
}

#[test]
fn a_label_over_a_list_and_a_callout_over_a_table_stay_with_what_they_introduce() {
    use successkit::document::markdown;
    let w = writer(&Theme::default());
    let tails = [
        // A service's name over its gaps, as the checklist lists them.
        (
            "- **LABELX**\n\n  - FIRSTITEM one\n  - second item\n  - third item\n",
            "LABELX",
            "FIRSTITEM",
        ),
        // The overdue count over the tasks, as the plan sets it.
        (
            "> [!WARNING]\n> CALLOUTX two actions are overdue.\n\n| Task | Due |\n|---|---|\n| ROWONE | x |\n| r2 | y |\n| r3 | z |\n| r4 | w |\n",
            "CALLOUTX",
            "ROWONE",
        ),
    ];
    for (tail, label, first) in tails {
        let mut crossed = false;
        for n in 30..56 {
            let mut md = String::new();
            for k in 0..n {
                md.push_str(&format!("Filler paragraph number {k}.\n\n"));
            }
            md.push_str(tail);
            // More after, so the last page's balancing does not move the break.
            for k in 0..40 {
                md.push_str(&format!("\nClosing paragraph number {k}.\n"));
            }
            let doc = Document {
                meta: meta(Lang::En, "Success Plan", Layout::Flow),
                blocks: markdown::parse(&md),
            };
            let (_dir, path) = saved(&w.write(&doc).expect("write").bytes);
            let (ok, text) = run("pdftotext", &[path.to_str().expect("path"), "-"]);
            assert!(ok, "{text}");
            let pages: Vec<&str> = text.split('\u{c}').collect();
            let (at, with) = (page_holding(&pages, label), page_holding(&pages, first));
            assert!(at.is_some(), "{label} is drawn ({n} fillers)");
            assert_eq!(at, with, "{label} and {first}, {n} fillers before them");
            crossed |= at != Some(1);
        }
        assert!(crossed, "some filler count puts {label} past page 1");
    }
}
