//! Text in every script (issue 10): the kit of `fixtures/scripts` (Chinese, Japanese,
//! Korean, Arabic, Hebrew, Cyrillic, Greek, Vietnamese, Devanagari, Thai, emoji,
//! combining marks, mixed right-to-left and left-to-right) read back with poppler: the
//! same characters come back (right-to-left text in logical order), every font is
//! embedded as a subset, no two words overlap; kerning and ligatures are applied and copy
//! back as their source; with no system fonts the uncovered characters are a warning.
//!
//! Needs the fonts `.ci/run` installs (fonts-noto-cjk, fonts-noto-core).

mod cli_support;

use cli_support::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use successkit::document::{Block, Document, Inline, Layout, Meta};
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::Theme;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scripts")
}

/// Every text cell of the fixture that a PDF shows: (engagement, customer, contact,
/// vision, task name).
fn cells() -> Vec<Vec<String>> {
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(fixture().join(name)).expect("fixture csv");
        r.records()
            .map(|x| x.expect("record").iter().map(str::to_string).collect())
            .collect::<Vec<Vec<String>>>()
    };
    let eng = read("engagements.csv");
    let tasks = read("tasks.csv");
    eng.iter()
        .map(|e| {
            let task = tasks
                .iter()
                .find(|t| t.first() == e.first())
                .and_then(|t| t.get(2))
                .cloned()
                .unwrap_or_default();
            vec![
                e[0].clone(),
                e[1].clone(),
                e[6].clone(),
                e[10].clone(),
                task,
            ]
        })
        .collect()
}

/// Whether `s` has both right-to-left and left-to-right letters.
fn mixed(s: &str) -> bool {
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    s.chars().any(rtl) && s.chars().any(|c| c.is_alphabetic() && !rtl(c))
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn build(out: &Path, extra: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = successkit(out.parent().expect("parent"));
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.args(["build", "--quiet", "-o"])
        .arg(out)
        .arg(fixture())
        .output()
        .expect("the binary runs")
}

fn pdfs(out: &Path) -> Vec<PathBuf> {
    files(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| out.join(p))
        .collect()
}

/// pdffonts: every font embedded, subset and with a Unicode map.
fn assert_fonts_embedded(pdf: &Path) {
    let list = tool("pdffonts", &[pdf.to_str().expect("path")]);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{}: no fonts", pdf.display());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(1-2 words) encoding emb sub uni object ID
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "{}: {row}",
            pdf.display()
        );
        assert!(cols[0].chars().nth(6) == Some('+'), "subset tag: {row}");
    }
}

/// pdftotext -bbox: no two words of a page overlap.
fn assert_no_overlaps(pdf: &Path) {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().expect("path"), "-"]);
    let num = |tag: &str, key: &str| -> f64 {
        let k = format!("{key}=\"");
        let at = tag.find(&k).map(|i| i + k.len()).unwrap_or(0);
        tag[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    for (p, page) in html.split("<page ").skip(1).enumerate() {
        let words: Vec<(f64, f64, f64, f64, String)> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                let text = w
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                (
                    num(w, "xMin"),
                    num(w, "yMin"),
                    num(w, "xMax"),
                    num(w, "yMax"),
                    text.to_string(),
                )
            })
            .collect();
        for (i, a) in words.iter().enumerate() {
            for b in words.iter().skip(i + 1) {
                let ox = a.2.min(b.2) - a.0.max(b.0);
                // Font boxes are the fonts' ascent to descent, tall for Arabic or Thai, so
                // neighbouring lines' boxes may cross: words on one line (their middles
                // within half a box of each other) may not.
                let (ma, mb) = ((a.1 + a.3) / 2.0, (b.1 + b.3) / 2.0);
                let half = (a.3 - a.1).min(b.3 - b.1) / 2.0;
                assert!(
                    !(ox > 1.0 && (ma - mb).abs() < half),
                    "{} page {}: {:?} overlaps {:?}",
                    pdf.display(),
                    p + 1,
                    a,
                    b
                );
            }
        }
    }
}

#[test]
fn every_script_comes_back_from_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let run = build(&out, &[]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let all = pdfs(&out);
    assert!(all.len() >= 3 * cells().len(), "{all:?}");
    for row in cells() {
        let id = row[0].to_lowercase();
        let plan = all
            .iter()
            .find(|p| {
                p.to_string_lossy().contains(&format!("{id}-")) && p.ends_with("success-plan.pdf")
            })
            .unwrap_or_else(|| panic!("{id}: no plan"));
        let text = squeeze(&tool("pdftotext", &[plan.to_str().expect("path"), "-"]));
        for cell in &row[1..] {
            if mixed(cell) {
                // A cell that mixes directions is set in its first strong character's
                // direction; poppler orders a line by the page's majority direction (left
                // to right here), so the words come back, each in logical order.
                for word in cell.split_whitespace() {
                    assert!(
                        text.contains(word),
                        "{id}: {word:?} of {cell:?} not in:\n{text}"
                    );
                }
                continue;
            }
            assert!(
                text.contains(&squeeze(cell)),
                "{id}: {cell:?} not in the plan's text:\n{text}"
            );
        }
    }
    for pdf in &all {
        assert_fonts_embedded(pdf);
        assert_no_overlaps(pdf);
        assert_pdf_valid(pdf);
    }
}

#[test]
fn with_no_fonts_at_all_the_characters_are_a_warning_and_the_kit_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    // An empty font path: no system fonts, only the bundled Liberation faces.
    let check = successkit(dir.path())
        .env("SUCCESSKIT_FONT_PATH", "")
        .arg("check")
        .arg(fixture())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(code(&check), 0, "{text}{}", stderr(&check));
    assert!(text.contains("warning"), "{text}");
    let zh = text
        .lines()
        .find(|l| l.contains("engagements.csv") && l.contains("北京"))
        .unwrap_or_else(|| panic!("no warning for the Chinese customer:\n{text}"));
    assert!(zh.contains("Customer"), "{zh}");
    assert!(zh.contains("no font can draw 北 (U+5317)"), "{zh}");
    assert!(zh.contains("fonts-noto-cjk"), "{zh}");
    // The emoji: no monochrome font has it even with the system's fonts.
    assert!(text.contains("🚀 (U+1F680)"), "{text}");

    let out = dir.path().join("out");
    let run = build(&out, &[("SUCCESSKIT_FONT_PATH", "")]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    assert!(stderr(&run).is_empty() || !stderr(&run).contains("panicked"));
    for pdf in pdfs(&out) {
        assert_pdf_valid(&pdf);
        assert_fonts_embedded(&pdf);
        // Latin, Cyrillic, Greek and Vietnamese come from the bundled faces.
        let _ = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    }
    let m = manifest(&out);
    let ru = entry(&m, "S-RU");
    assert_eq!(ru["status"], "ok");
}

fn one_paragraph(text: &str) -> Document {
    Document {
        meta: Meta {
            layout: Layout::Flow,
            ..Meta::default()
        },
        blocks: vec![Block::Paragraph(vec![Inline::text(text)])],
    }
}

fn write(doc: &Document) -> (tempfile::TempDir, PathBuf) {
    let w = PdfWriter::new(&Theme::default(), &Assets::default()).expect("writer");
    let bytes = w.write(doc).expect("write").bytes;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, bytes).expect("save");
    (dir, path)
}

/// pdftotext's text of a one-paragraph document, without the page footer.
fn body_text(pdf: &Path) -> String {
    let text = tool("pdftotext", &[pdf.to_str().expect("path"), "-"]);
    let text: String = text
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect();
    text.replace("Page 1 of 1", "").trim().to_string()
}

/// The width pdftotext gives the first word.
fn first_word_width(pdf: &Path) -> f64 {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().expect("path"), "-"]);
    let w = html.split("<word ").nth(1).expect("a word");
    let get = |k: &str| -> f64 {
        let k = format!("{k}=\"");
        let at = w.find(&k).expect("attr") + k.len();
        w[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    get("xMax") - get("xMin")
}

#[test]
fn kerning_pulls_pairs_together_and_copies_back() {
    // Liberation Sans: A and V are 0.667 em each; the pair is kerned.
    let (_d, kerned) = write(&one_paragraph("AVAVAVAVAV"));
    let (_e, plain) = write(&one_paragraph("AAAAAVVVVV"));
    let (k, p) = (first_word_width(&kerned), first_word_width(&plain));
    assert!(k < p - 2.0, "AVAV… {k} pt, AAAA… {p} pt: no kerning");
    assert_eq!(body_text(&kerned), "AVAVAVAVAV");
    let (_f, to) = write(&one_paragraph("To Wa"));
    assert_eq!(body_text(&to), "To Wa");
}

#[test]
fn ligatures_and_combining_marks_copy_back_as_typed() {
    let src = "affine efficient flows; Cafe\u{301} Jose\u{301}";
    let (_d, pdf) = write(&one_paragraph(src));
    assert_eq!(body_text(&pdf), src);
}

#[test]
fn right_to_left_text_reads_back_in_logical_order() {
    for src in ["شركة الاتصالات السعودية", "בנק הפועלים", "بنك ABC للتمويل"]
    {
        let (_d, pdf) = write(&one_paragraph(src));
        // poppler puts the spaces around a left-to-right run inside right-to-left text
        // on one side; the characters and their order come back.
        assert_eq!(squeeze(&body_text(&pdf)), squeeze(src), "{src}");
    }
}

#[test]
fn stacked_thai_marks_keep_every_glyph_in_place() {
    // เครื่อง and เพื่อ stack two marks (ื and ่) on one consonant: the shaper moves the
    // second by an x offset written right after the first's adjustment. Two numbers
    // written without a space between them in the TJ array ("49" "16" as "4916") once
    // threw the rest of the line 49 points left, onto the words before it. Marks take
    // no room, so the line is as wide as the same words without them.
    let stacked = "บริษัท เครื่อง เพื่อ จำกัด";
    let bare = "บริษัท เครอง เพอ จำกัด";
    let (_d, pdf) = write(&one_paragraph(stacked));
    let (_e, plain) = write(&one_paragraph(bare));
    assert_eq!(squeeze(&body_text(&pdf)), squeeze(stacked));
    let (w, p) = (first_word_width(&pdf), first_word_width(&plain));
    assert!(
        (w - p).abs() < 2.0,
        "{w} pt with the marks, {p} pt without: glyphs moved"
    );
}

#[test]
fn thai_and_devanagari_words_copy_back_without_gaps() {
    // จำกัด's sara am and रा's vowel sign are glyphs of their cluster that take room but
    // hold none of its text: without the run's /ActualText a copy or a search found a
    // gap inside the word ("จำ กัด", "रा हुल").
    for src in ["บริษัท ปูนซิเมนต์ไทย จำกัด", "राहुल शर्मा"]
    {
        let (_d, pdf) = write(&one_paragraph(src));
        assert_eq!(body_text(&pdf), src);
    }
}

/// A one-paragraph document's text and its non-empty lines, as pdftotext reads them.
fn lines_of(pdf: &Path) -> (String, Vec<String>) {
    let text = body_text(pdf);
    let lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    (text, lines)
}

#[test]
fn thai_lines_break_between_words_and_korean_lines_at_spaces() {
    // Thai writes no spaces between words: the default line-breaking rules found no
    // break in a Thai sentence, so a line was cut wherever it filled ("และก|ารสนับสนุน").
    // Every line of this paragraph now starts and ends on a whole word.
    let words = ["การ", "ฝึก", "อบรม", "และ", "สนับสนุน"];
    let thai = "การฝึกอบรมและการสนับสนุน".repeat(12);
    let (_d, pdf) = write(&one_paragraph(&thai));
    let (text, lines) = lines_of(&pdf);
    assert!(lines.len() >= 3, "{text}");
    assert_eq!(lines.concat(), thai);
    for line in lines.iter().map(String::as_str) {
        assert!(
            words.iter().any(|w| line.starts_with(w)) && words.iter().any(|w| line.ends_with(w)),
            "a line cut inside a word: {line}"
        );
    }
    // Korean is set with spaces between words, and its lines break only there (the
    // default rules also broke between any two syllables).
    let korean = "성공 계획서를 검토해 주세요 ".repeat(12);
    let (_e, pdf) = write(&one_paragraph(korean.trim_end()));
    let (text, lines) = lines_of(&pdf);
    assert!(lines.len() >= 2, "{text}");
    for line in &lines {
        for word in line.split(' ') {
            assert!(
                ["성공", "계획서를", "검토해", "주세요"].contains(&word),
                "a Korean word cut at a line end: {line}"
            );
        }
    }
}

#[test]
fn a_name_in_another_script_says_its_language_to_a_screen_reader() {
    // The document is English; a run wholly in Arabic or Japanese carries /Lang in its
    // marked content. A mixed name is drawn in runs of one direction each: its Arabic
    // words say Arabic, its Latin one keeps the document's language.
    for (src, lang) in [
        ("شركة الاتصالات السعودية", Some("ar-SA")),
        ("株式会社トヨタ", Some("ja-JP")),
        ("بنك ABC للتمويل", Some("ar-SA")),
        ("Contoso Ltd.", None),
    ] {
        let (_d, pdf) = write(&one_paragraph(src));
        let doc = lopdf::Document::load(&pdf).expect("pdf");
        let page = *doc.get_pages().values().next().expect("a page");
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page)).expect("content");
        let langs: Vec<String> = content
            .operations
            .iter()
            .filter(|op| op.operator == "BDC")
            .filter_map(|op| op.operands.get(1)?.as_dict().ok()?.get(b"Lang").ok())
            .filter_map(|l| l.as_str().ok())
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        assert_eq!(langs.first().map(String::as_str), lang, "{src}");
        // The text still reads back as typed.
        assert_eq!(squeeze(&body_text(&pdf)), squeeze(src), "{src}");
    }
}

#[test]
fn a_japanese_or_korean_text_takes_its_own_cjk_face() {
    // Han characters look different in Japan, Korea and China (直, 骨): a text with
    // kana takes Noto Sans CJK JP, one with Hangul KR, plain Han the first (SC).
    for (src, face) in [
        ("株式会社トヨタ自動車販売", "CJKjp"),
        ("삼성전자 주식회사", "CJKkr"),
        ("北京华联商厦股份有限公司", "CJKsc"),
    ] {
        let (_d, pdf) = write(&one_paragraph(src));
        let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
        let cjk: Vec<&str> = fonts.lines().filter(|l| l.contains("CJK")).collect();
        assert!(
            !cjk.is_empty() && cjk.iter().all(|l| l.contains(face)),
            "{src}: {fonts}"
        );
    }
}
