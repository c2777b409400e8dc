//! Pagination over every fixture kit, read back from the PDFs: no document ends on a
//! page under a fifth full, no section heading is the last thing on its page, no table is
//! split with fewer than three rows on a side of a break, no status pill is broken across
//! lines. Both languages (the fixtures' own and the other), the stress fixtures (`BR-2002`: long names and cells), the engagements
//! with empty sections (`US-3003`, `BR-2003`) and the portfolio report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::document::{Block, Document, Inline, Table};
use successkit::input::{read_inputs, Limits};
use successkit::kit::{DocChoice, Kit, KitOptions};
use successkit::model::{self, Lang};
use successkit::template::Templates;
use successkit::view::portfolio::Portfolio;

/// The page body's top and bottom margins of the built-in theme (20 mm).
const MARGIN: f32 = 20.0 * 72.0 / 25.4;

/// One word of `pdftotext -bbox-layout`: its text and vertical extent.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    y_min: f32,
    y_max: f32,
}

/// One page: its height and its lines of words.
#[derive(Debug, Default)]
struct Page {
    height: f32,
    lines: Vec<Vec<Word>>,
}

fn attr(tag: &str, name: &str) -> Option<f32> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = tag.get(at..)?;
    rest.get(..rest.find('"')?)?.parse().ok()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The pages of a PDF as `pdftotext -bbox-layout` reads them.
fn bbox_pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    let mut page: Option<Page> = None;
    let mut line: Vec<Word> = Vec::new();
    for raw in xml.lines() {
        let t = raw.trim();
        if t.starts_with("<page ") {
            page = Some(Page {
                height: attr(t, "height").unwrap_or(0.0),
                lines: Vec::new(),
            });
        } else if t.starts_with("</page>") {
            pages.extend(page.take());
        } else if t.starts_with("</line>") {
            if let Some(p) = page.as_mut() {
                p.lines.push(std::mem::take(&mut line));
            }
        } else if t.starts_with("<word ") {
            let text = t
                .find('>')
                .and_then(|a| t.get(a + 1..).map(|r| r.trim_end_matches("</word>")))
                .map(unescape)
                .unwrap_or_default();
            line.push(Word {
                text,
                y_min: attr(t, "yMin").unwrap_or(0.0),
                y_max: attr(t, "yMax").unwrap_or(0.0),
            });
        }
    }
    pages
}

/// Each page's text in content order (`pdftotext -raw`), letters and digits only.
fn raw_pages(pdf: &Path, n: usize) -> Vec<String> {
    (1..=n)
        .map(|k| {
            let out = Command::new("pdftotext")
                .args(["-raw", "-f", &k.to_string(), "-l", &k.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            key(&String::from_utf8_lossy(&out.stdout))
        })
        .collect()
}

fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether a word lies inside the page body (not in the running header or footer).
fn in_body(w: &Word, page: &Page) -> bool {
    w.y_min >= MARGIN - 1.0 && w.y_max <= page.height - MARGIN + 1.0
}

/// How full the body of a page is: the lowest word inside the body, as a share of it.
fn fill(page: &Page) -> f32 {
    let body_h = page.height - 2.0 * MARGIN;
    let bottom = page
        .lines
        .iter()
        .flatten()
        .filter(|w| in_body(w, page))
        .map(|w| w.y_max)
        .fold(MARGIN, f32::max);
    (bottom - MARGIN) / body_h
}

/// The text of a cell's spans (a checkbox is drawn, not written).
fn spans(cell: &[Inline]) -> String {
    cell.iter()
        .filter_map(|i| match i {
            Inline::Span { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn tables<'a>(blocks: &'a [Block], out: &mut Vec<&'a Table>) {
    for b in blocks {
        match b {
            Block::Table(t) => out.push(t),
            Block::Callout { blocks, .. } | Block::Quote(blocks) | Block::Slide(blocks) => {
                tables(blocks, out)
            }
            Block::List { items, .. } => {
                for i in items {
                    tables(&i.blocks, out);
                }
            }
            _ => {}
        }
    }
}

fn toned(inlines: &[Inline], toned_out: &mut BTreeSet<String>, plain_out: &mut String) {
    for i in inlines {
        if let Inline::Span { text, tone, .. } = i {
            if tone.is_some() {
                toned_out.insert(text.split_whitespace().collect::<Vec<_>>().join(" "));
            } else {
                plain_out.push_str(text);
                plain_out.push(' ');
            }
        }
    }
}

fn inlines_of(blocks: &[Block], f: &mut dyn FnMut(&[Inline])) {
    for b in blocks {
        match b {
            Block::Heading { content, .. } => f(content),
            Block::Paragraph(inl) => f(inl),
            Block::Table(t) => {
                for c in t.header.iter().chain(t.rows.iter().flatten()) {
                    f(c);
                }
            }
            Block::Callout { blocks, .. } | Block::Quote(blocks) | Block::Slide(blocks) => {
                inlines_of(blocks, f)
            }
            Block::List { items, .. } => {
                for i in items {
                    inlines_of(&i.blocks, f);
                }
            }
            _ => {}
        }
    }
}

/// What one document shows wrong.
#[derive(Debug, Default)]
struct Findings {
    short_last_page: Vec<String>,
    stranded_headings: Vec<String>,
    thin_table_splits: Vec<String>,
    broken_pills: Vec<String>,
}

fn check(name: &str, doc: &Document, pdf: &Path, f: &mut Findings) {
    let pages = bbox_pages(pdf);
    let n = pages.len();
    if n >= 2 {
        let last = pages.last().map(fill).unwrap_or(1.0);
        if last < 0.2 {
            f.short_last_page.push(format!(
                "{name}: page {n} of {n} is {:.0}% full",
                last * 100.0
            ));
        }
    }
    // Headings: a section heading (level 2 to 4, outside slides) whose text is the last
    // line of a page's body, with nothing of its section under it (at the foot of a page,
    // or alone on one).
    let heads: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 2..=4,
                classes,
                content,
            } if classes.is_empty() => Some(key(&spans(content))),
            _ => None,
        })
        .filter(|k| !k.is_empty())
        .collect();
    for (pi, p) in pages.iter().enumerate().take(n.saturating_sub(1)) {
        let body: Vec<&Vec<Word>> = p
            .lines
            .iter()
            .filter(|l| l.iter().all(|w| in_body(w, p)))
            .collect();
        let Some(last) = body.last() else { continue };
        let last_key: String = last.iter().map(|w| key(&w.text)).collect();
        if let Some(h) = heads
            .iter()
            .find(|h| !last_key.is_empty() && h.ends_with(&last_key))
        {
            f.stranded_headings
                .push(format!("{name}: \"{h}\" ends page {}", pi + 1));
        }
    }
    // Tables: the page each body row is found on, scanning the pages' text in order.
    let raw = raw_pages(pdf, n);
    let mut ts = Vec::new();
    tables(&doc.blocks, &mut ts);
    let (mut page, mut at) = (0usize, 0usize);
    for (ti, t) in ts.iter().enumerate() {
        let mut rows_on: Vec<(usize, usize)> = Vec::new();
        for row in &t.rows {
            let k: String = row.iter().map(|c| key(&spans(c))).collect();
            if k.is_empty() {
                continue;
            }
            let mut p = page;
            let mut from = at;
            let found = loop {
                let Some(text) = raw.get(p) else { break None };
                if let Some(i) = text.get(from..).and_then(|s| s.find(&k)) {
                    break Some((p, from + i + k.len()));
                }
                p += 1;
                from = 0;
                if p > page + 1 {
                    break None;
                }
            };
            if let Some((p, end)) = found {
                (page, at) = (p, end);
                match rows_on.last_mut() {
                    Some((lp, count)) if *lp == p => *count += 1,
                    _ => rows_on.push((p, 1)),
                }
            }
        }
        let total: usize = rows_on.iter().map(|(_, c)| c).sum();
        for pair in rows_on.windows(2) {
            if let [(pa, a), (_, b)] = pair {
                if *a < 3.min(total) || *b < 3.min(total) || total < 6 {
                    f.thin_table_splits.push(format!(
                        "{name}: table {} ({total} rows) splits {a} | {b} after page {}",
                        ti + 1,
                        pa + 1
                    ));
                }
            }
        }
    }
    // Pills: a toned label of two or more words whose words end one line and start the
    // next. A label also written as plain text in the same document (the readiness
    // sentence "In progress ½") may wrap there, so it is not counted.
    let mut labels = BTreeSet::new();
    let mut plain = String::new();
    inlines_of(&doc.blocks, &mut |i| toned(i, &mut labels, &mut plain));
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let labels: Vec<String> = labels
        .into_iter()
        .filter(|l| l.contains(' ') && !plain.contains(l.as_str()))
        .collect();
    for (pi, p) in pages.iter().enumerate() {
        for pair in p.lines.windows(2) {
            let [a, b] = pair else { continue };
            let (Some(end), Some(start)) = (a.last(), b.first()) else {
                continue;
            };
            for l in &labels {
                let words: Vec<&str> = l.split(' ').collect();
                for cut in 1..words.len() {
                    let head = words.get(cut - 1).copied().unwrap_or("");
                    let tail = words.get(cut).copied().unwrap_or("");
                    if end.text == head
                        && start.text == tail
                        && a.len() >= cut
                        && b.len() >= words.len() - cut
                    {
                        let before: Vec<&str> =
                            a[a.len() - cut..].iter().map(|w| w.text.as_str()).collect();
                        let after: Vec<&str> = b[..words.len() - cut]
                            .iter()
                            .map(|w| w.text.as_str())
                            .collect();
                        if before == words[..cut] && after == words[cut..] {
                            f.broken_pills
                                .push(format!("{name}: \"{l}\" broken on page {}", pi + 1));
                        }
                    }
                }
            }
        }
    }
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    vec![
        root.join("sample/contoso.xlsx"),
        root.join("sample/itau-textil.xlsx"),
        root.join("portfolio"),
    ]
}

#[test]
fn fixture_documents_paginate_cleanly_in_both_languages() {
    let input = read_inputs(&fixtures(), &Limits::default());
    let loaded = model::load(&input);
    let kit = Kit::new(Templates::new(None).expect("built-in templates load")).expect("kit");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 8, 1).expect("a date");
    let tmp = tempfile::tempdir().expect("temp dir");
    // PAGINATION_KEEP=DIR keeps the PDFs to look at.
    let keep = std::env::var_os("PAGINATION_KEEP").map(PathBuf::from);
    let dir = keep.as_deref().unwrap_or(tmp.path());
    std::fs::create_dir_all(dir).expect("output folder");
    let mut f = Findings::default();
    let mut documents = 0;
    let ids: Vec<&str> = loaded.engagements.iter().map(|e| e.id.as_str()).collect();
    for must in ["BR-2002", "BR-2003", "US-3003", "ENG-1001", "ENG-0001"] {
        assert!(ids.contains(&must), "fixture engagement {must} is read");
    }
    for lang in [Lang::En, Lang::PtBr] {
        for e in loaded.engagements.iter().filter(|e| e.valid) {
            // The engagement in the other language too: its data names one.
            let mut e = e.clone();
            e.language = Some(lang);
            let opts = KitOptions::new(lang, as_of);
            for choice in [DocChoice::Plan, DocChoice::Checklist, DocChoice::Handout] {
                let doc = kit.document(&e, &opts, choice).expect("document");
                let kind = match choice {
                    DocChoice::Plan => successkit::kit::DocKind::SuccessPlanPdf,
                    DocChoice::Checklist => successkit::kit::DocKind::SuccessChecklistPdf,
                    DocChoice::Handout => successkit::kit::DocKind::WorkshopHandoutPdf,
                };
                let bytes = kit.write(kind, &doc).expect("pdf");
                let name = format!("{}-{}-{:?}", e.id, lang.tag(), choice);
                let path = dir.join(format!("{name}.pdf"));
                std::fs::write(&path, &bytes.bytes).expect("written");
                check(&name, &doc, &path, &mut f);
                documents += 1;
            }
        }
        let portfolio = Portfolio::from_loaded(&loaded, as_of);
        let labels = kit.report_labels(lang).expect("labels");
        let doc = kit
            .report_document(&portfolio, &labels, lang)
            .expect("report");
        let bytes = kit
            .report_pdf(&portfolio, &labels, lang)
            .expect("report pdf");
        let path = dir.join(format!("portfolio-{}.pdf", lang.tag()));
        std::fs::write(&path, &bytes.bytes).expect("written");
        check(&format!("portfolio-{}", lang.tag()), &doc, &path, &mut f);
        documents += 1;
    }
    assert!(documents >= 50, "{documents} documents checked");
    assert!(
        f.short_last_page.is_empty(),
        "documents ending on a page under a fifth full:\n{}",
        f.short_last_page.join("\n")
    );
    assert!(
        f.stranded_headings.is_empty(),
        "section headings left at the end of a page:\n{}",
        f.stranded_headings.join("\n")
    );
    assert!(
        f.thin_table_splits.is_empty(),
        "tables split with fewer than three rows on a side:\n{}",
        f.thin_table_splits.join("\n")
    );
    assert!(
        f.broken_pills.is_empty(),
        "status pills broken across lines:\n{}",
        f.broken_pills.join("\n")
    );
}

/// Whether every body row of the fixtures' plan tables is marked `cantSplit` in the DOCX,
/// and LibreOffice, converting it to PDF, keeps every body row on one page and every
/// header word and status label whole ("Readiness", not "Readines/s").
#[test]
fn docx_through_libreoffice_keeps_rows_and_header_words_whole() {
    let input = read_inputs(&fixtures(), &Limits::default());
    let loaded = model::load(&input);
    let kit = Kit::new(Templates::new(None).expect("built-in templates load")).expect("kit");
    // After every due date: each open task's Due cell is a pill, "August 30, 2024 ·
    // Overdue", the longest of the labels.
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 1).expect("a date");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut docs = Vec::new();
    for (id, lang) in [
        ("ENG-1001", Lang::En),
        ("ENG-0001", Lang::PtBr),
        ("BR-2002", Lang::PtBr),
        ("BR-2002", Lang::En),
        ("US-3003", Lang::En),
    ] {
        let mut e = loaded
            .engagements
            .iter()
            .find(|e| e.id == id)
            .expect("fixture engagement")
            .clone();
        e.language = Some(lang);
        let doc = kit
            .document(&e, &KitOptions::new(lang, as_of), DocChoice::Plan)
            .expect("plan");
        let bytes = kit
            .write(successkit::kit::DocKind::SuccessPlanDocx, &doc)
            .expect("docx");
        let path = dir.join(format!("{id}-{}.docx", lang.tag()));
        std::fs::write(&path, &bytes.bytes).expect("written");
        // Every table row of the body is kept whole (the fixtures' rows are all modest).
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.bytes)).expect("zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("word/document.xml").expect("document.xml"),
            &mut xml,
        )
        .expect("utf-8");
        let rows = xml.matches("<w:tr>").count();
        let kept = xml.matches("<w:tr><w:trPr><w:cantSplit/>").count();
        assert_eq!(rows, kept, "{id} {lang:?}: rows without cantSplit");
        docs.push((format!("{id}-{}", lang.tag()), doc, path));
    }
    let profile = dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(docs.iter().map(|(_, _, p)| p))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success());
    let mut problems = Vec::new();
    for (name, doc, path) in &docs {
        let pdf = path.with_extension("pdf");
        let pages = bbox_pages(&pdf);
        // How many times each word is drawn whole.
        let mut drawn: BTreeMap<&str, usize> = BTreeMap::new();
        for w in pages.iter().flat_map(|p| p.lines.iter().flatten()) {
            *drawn.entry(w.text.as_str()).or_default() += 1;
        }
        let mut ts = Vec::new();
        tables(&doc.blocks, &mut ts);
        // Header words and status labels (a cell holding one toned span: "In progress",
        // "August 30, 2024 · Overdue") whole: each word at least as many times whole in
        // the PDF as the labels hold it (a word broken in one cell is missed there even
        // if it is whole in another).
        let mut labelled: BTreeMap<String, usize> = BTreeMap::new();
        for t in &ts {
            let labels = t.header.iter().chain(
                t.rows
                    .iter()
                    .flatten()
                    .filter(|c| matches!(c.as_slice(), [Inline::Span { tone: Some(_), .. }])),
            );
            for cell in labels {
                for w in spans(cell).split_whitespace() {
                    if w.chars().any(char::is_alphanumeric) {
                        *labelled.entry(w.to_string()).or_default() += 1;
                    }
                }
            }
        }
        for (w, n) in &labelled {
            let whole = drawn.get(w.as_str()).copied().unwrap_or(0);
            if whole < *n {
                problems.push(format!(
                    "{name}: \"{w}\" is broken: {n} in labels, {whole} drawn whole"
                ));
            }
        }
        // Every body row on one page: its text is found within one page.
        let raw = raw_pages(&pdf, pages.len());
        for t in &ts {
            for row in &t.rows {
                let k: String = row.iter().map(|c| key(&spans(c))).collect();
                if !k.is_empty() && !raw.iter().any(|p| p.contains(&k)) {
                    problems.push(format!("{name}: a row is split: {}", &k[..k.len().min(40)]));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
