//! DOCX writer (docx-rs) with real Word styles, so the customer edits a proper document:
//! headings in the navigation pane, list styles with real numbering, a table style with
//! repeating header rows, page X of Y in the footer.
//!
//! docx-rs builds the body, numbering, footer and relationships. Three things it cannot
//! express are written here instead: `styles.xml` (it has no conditional table
//! formatting), `docProps/core.xml` (its title, subject and creator are private) and the
//! `tblHeader` mark on header rows. The package is zipped here too, with fixed timestamps
//! and hyperlink IDs counted per document, so the same document gives the same bytes.

use crate::document::{
    plain_text, Align, Block, CalloutKind, Chart, Check, Document, Inline, ListItem, Table, Tone,
};
use crate::model::Lang;
use crate::output::Rendered;
use crate::theme::{Rgb, Theme};
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Hyperlink, HyperlinkData,
    IndentLevel, Level, LevelJc, LevelOverride, LevelText, NumPages, NumberFormat, Numbering,
    NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, ShdType,
    SpecialIndentType, Start, Tab, TabValueType, Table as DTable, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};
use std::io::Write;

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// docx-rs failed to pack the document.
    #[error("could not pack the DOCX: {0}")]
    Pack(String),
}

/// A DOCX writer, built once and reused. `Send + Sync`.
pub struct DocxWriter {
    theme: Theme,
}

// docx-rs always writes a numbering 1 of its own; ours start above it.
const BULLET_NUM: usize = 10;
const ORDERED_ABSTRACT: usize = 11;
const TABLE_STYLE: &str = "SuccessTable";
/// Marks header rows in docx-rs output so they can be given `tblHeader` afterwards.
const HEADER_ROW_MARK: &str = "<w:cantSplit />";

fn twips_from_mm(mm: f32) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn tone_fill(theme: &Theme, tone: Tone) -> String {
    let c = &theme.colors;
    hex(match tone {
        Tone::Good => c.good,
        Tone::Warn => c.warn,
        Tone::Bad => c.bad,
        Tone::Muted => c.na,
        Tone::Info => c.info,
    })
}

/// Per-document state while building the body.
struct Ctx<'a> {
    theme: &'a Theme,
    lang: Lang,
    /// Next numbering instance ID (each numbered list restarts).
    next_num: usize,
    numberings: Vec<(usize, u64)>,
    next_link: usize,
    text_width: i32,
}

// Short-lived and mostly paragraphs: boxing them would cost an allocation each.
#[allow(clippy::large_enum_variant)]
enum Out {
    P(Paragraph),
    T(DTable),
}

impl DocxWriter {
    /// A writer for the theme.
    pub fn new(theme: &Theme) -> Self {
        DocxWriter {
            theme: theme.clone(),
        }
    }

    /// Writes one document.
    pub fn write(&self, doc: &Document) -> Result<Rendered, DocxError> {
        let theme = &self.theme;
        let (w_mm, h_mm) = theme.page.mm();
        let m = theme.margins;
        let text_width = twips_from_mm(w_mm - m.left - m.right);
        let mut ctx = Ctx {
            theme,
            lang: doc.meta.lang,
            next_num: ORDERED_ABSTRACT + 1,
            numberings: Vec::new(),
            next_link: 1,
            text_width,
        };
        let mut out = Vec::new();
        blocks(&mut ctx, &doc.blocks, 0, &mut out);

        let mut docx = Docx::new()
            .page_size(twips_from_mm(w_mm) as u32, twips_from_mm(h_mm) as u32)
            .page_margin(
                PageMargin::new()
                    .top(twips_from_mm(m.top))
                    .bottom(twips_from_mm(m.bottom))
                    .left(twips_from_mm(m.left))
                    .right(twips_from_mm(m.right))
                    .header(twips_from_mm(m.top / 2.0))
                    .footer(twips_from_mm(m.bottom / 2.0)),
            )
            .footer(footer(&ctx, &doc.meta.footer))
            .add_abstract_numbering(bullet_numbering())
            .add_abstract_numbering(ordered_numbering())
            .add_numbering(Numbering::new(BULLET_NUM, BULLET_NUM))
            .add_numbering(Numbering::new(ORDERED_ABSTRACT, ORDERED_ABSTRACT));
        for (id, start) in &ctx.numberings {
            let mut n = Numbering::new(*id, ORDERED_ABSTRACT);
            for level in 0..9 {
                let s = if level == 0 { *start as usize } else { 1 };
                n = n.add_override(LevelOverride::new(level).start(s));
            }
            docx = docx.add_numbering(n);
        }
        if out.is_empty() {
            out.push(Out::P(Paragraph::new()));
        }
        for o in out {
            docx = match o {
                Out::P(p) => docx.add_paragraph(p),
                Out::T(t) => docx.add_table(t),
            };
        }
        let mut xml = docx.build();
        xml.styles = styles_xml(theme, doc.meta.lang).into_bytes();
        xml.doc_props.core = core_xml(doc).into_bytes();
        xml.document = mark_header_rows(&xml.document);
        // docx-rs numbers paragraphs from a thread-local counter that keeps running from
        // one document to the next: renumber so a document's bytes depend on it alone.
        xml.document_rels = sort_relationships(&xml.document_rels);
        let mut next_id = 1;
        xml.document = renumber_para_ids(&xml.document, &mut next_id);
        for f in xml.footers.iter_mut() {
            *f = schema_order(&String::from_utf8_lossy(f)).into_bytes();
            *f = renumber_para_ids(f, &mut next_id);
        }
        for h in xml.headers.iter_mut() {
            *h = renumber_para_ids(h, &mut next_id);
        }
        package(xml)
    }
}

fn bullet_numbering() -> AbstractNumbering {
    let glyphs = ["\u{2022}", "\u{25E6}", "\u{25AA}"];
    let mut a = AbstractNumbering::new(BULLET_NUM);
    for level in 0..9 {
        a = a.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(glyphs[level % 3]),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    a
}

fn ordered_numbering() -> AbstractNumbering {
    let formats = ["decimal", "lowerLetter", "lowerRoman"];
    let mut a = AbstractNumbering::new(ORDERED_ABSTRACT);
    for level in 0..9 {
        a = a.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(formats[level % 3]),
                LevelText::new(format!("%{}.", level + 1)),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    a
}

fn footer(ctx: &Ctx<'_>, text: &str) -> Footer {
    let (page, of) = match ctx.lang {
        Lang::En => ("Page ", " of "),
        Lang::PtBr => ("Página ", " de "),
    };
    let mut p = Paragraph::new().style("Footer").add_tab(
        Tab::new()
            .val(TabValueType::Right)
            .pos(ctx.text_width.max(0) as usize),
    );
    if !text.is_empty() {
        p = p.add_run(Run::new().add_text(text));
    }
    p = p
        .add_run(Run::new().add_tab().add_text(page))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(of))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(p)
}

fn blocks(ctx: &mut Ctx<'_>, bs: &[Block], depth: usize, out: &mut Vec<Out>) {
    for b in bs {
        block(ctx, b, depth, out);
    }
}

fn block(ctx: &mut Ctx<'_>, b: &Block, depth: usize, out: &mut Vec<Out>) {
    match b {
        Block::Heading {
            level,
            classes,
            content,
        } => {
            let style = if classes.iter().any(|c| c == "subtitle") {
                "Subtitle"
            } else {
                match level {
                    1 => "Title",
                    2 => "Heading1",
                    3 => "Heading2",
                    _ => "Heading3",
                }
            };
            out.push(Out::P(inlines(ctx, Paragraph::new().style(style), content)));
        }
        Block::Paragraph(content) => {
            let mut p = Paragraph::new();
            if depth > 0 {
                p = p
                    .style("ListContinue")
                    .indent(Some(360 * depth as i32), None, None, None);
            }
            out.push(Out::P(inlines(ctx, p, content)));
        }
        Block::List { start, items } => list(ctx, *start, items, depth, out),
        Block::Table(t) => push_table(out, table(ctx, t)),
        Block::Callout {
            kind,
            blocks: inner,
        } => callout(ctx, *kind, inner, out),
        Block::Quote(inner) => {
            let mut tmp = Vec::new();
            blocks(ctx, inner, 0, &mut tmp);
            for o in tmp {
                match o {
                    Out::P(p) => out.push(Out::P(p.style("Quote"))),
                    t => out.push(t),
                }
            }
        }
        Block::Code(text) => {
            let mut p = Paragraph::new().style("Code");
            for (i, line) in text.split('\n').enumerate() {
                let mut r = Run::new();
                if i > 0 {
                    r = r.add_break(BreakType::TextWrapping);
                }
                p = p.add_run(r.add_text(line));
            }
            out.push(Out::P(p));
        }
        Block::Rule => out.push(Out::P(Paragraph::new().style("Rule"))),
        Block::PageBreak => out.push(Out::P(
            Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
        )),
        Block::Slide(inner) => push_table(out, slide(ctx, inner)),
        Block::Chart(c) => chart(ctx, c, out),
        Block::Image { alt, .. } => {
            // The IR does not carry image bytes; the alternative text keeps the place.
            out.push(Out::P(
                Paragraph::new()
                    .style("Caption")
                    .add_run(Run::new().add_text(format!("[{alt}]"))),
            ));
        }
    }
}

/// Adds a table and a small spacer after it: two tables in a row would otherwise merge
/// into one, and text would touch the table's bottom rule.
fn push_table(out: &mut Vec<Out>, t: DTable) {
    out.push(Out::T(t));
    out.push(Out::P(Paragraph::new().style("Spacer")));
}

fn check_run(ctx: &Ctx<'_>, c: Check) -> Vec<Run> {
    let sym = |t: &str| {
        Run::new()
            .fonts(
                RunFonts::new()
                    .ascii("Segoe UI Symbol")
                    .hi_ansi("Segoe UI Symbol"),
            )
            .add_text(t)
    };
    match c {
        Check::Open => vec![sym("\u{2610}")],
        Check::Done => vec![sym("\u{2612}")],
        Check::NotApplicable => vec![
            sym("\u{2610}").color(hex(ctx.theme.colors.muted)).strike(),
            Run::new()
                .color(hex(ctx.theme.colors.muted))
                .add_text(match ctx.lang {
                    Lang::En => " N/A",
                    Lang::PtBr => " N/D",
                }),
        ],
    }
}

fn inlines(ctx: &mut Ctx<'_>, mut p: Paragraph, content: &[Inline]) -> Paragraph {
    for i in content {
        match i {
            Inline::Span {
                text,
                style,
                link,
                tone,
            } => {
                let mut r = Run::new().add_text(text.as_str());
                if style.bold {
                    r = r.bold();
                }
                if style.italic {
                    r = r.italic();
                }
                if style.code {
                    r = r.style("CodeChar");
                }
                if let Some(t) = tone {
                    r = r.shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(tone_fill(ctx.theme, *t)),
                    );
                }
                match link {
                    Some(url) if is_external(url) => {
                        let rid = format!("rIdLink{}", ctx.next_link);
                        ctx.next_link += 1;
                        let h = Hyperlink {
                            link: HyperlinkData::External {
                                rid,
                                path: xml_escape(url),
                            },
                            history: None,
                            children: Vec::new(),
                        };
                        p = p.add_hyperlink(h.add_run(r.style("Hyperlink")));
                    }
                    _ => p = p.add_run(r),
                }
            }
            Inline::Check(c) => {
                for r in check_run(ctx, *c) {
                    p = p.add_run(r);
                }
            }
            Inline::LineBreak => p = p.add_run(Run::new().add_break(BreakType::TextWrapping)),
        }
    }
    p
}

fn is_external(url: &str) -> bool {
    let u = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://", "tel:"]
        .iter()
        .any(|s| u.starts_with(s))
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn list(
    ctx: &mut Ctx<'_>,
    start: Option<u64>,
    items: &[ListItem],
    depth: usize,
    out: &mut Vec<Out>,
) {
    let num = match start {
        None => BULLET_NUM,
        Some(s) => {
            let id = ctx.next_num;
            ctx.next_num += 1;
            ctx.numberings.push((id, s));
            id
        }
    };
    let style = if start.is_some() {
        "ListNumber"
    } else {
        "ListBullet"
    };
    for item in items {
        let mut rest: &[Block] = &item.blocks;
        let first = match rest.first() {
            Some(Block::Paragraph(content)) => {
                rest = &rest[1..];
                content.as_slice()
            }
            _ => &[],
        };
        let p = match item.check {
            Some(c) => {
                let mut p = Paragraph::new().style("ListCheck").indent(
                    Some(360 * (depth as i32 + 1)),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                );
                for r in check_run(ctx, c) {
                    p = p.add_run(r);
                }
                p.add_run(Run::new().add_tab())
            }
            None => Paragraph::new()
                .style(style)
                .numbering(NumberingId::new(num), IndentLevel::new(depth.min(8))),
        };
        out.push(Out::P(inlines(ctx, p, first)));
        blocks(ctx, rest, depth + 1, out);
    }
}

/// Column widths in twips, as a browser lays out an automatic table: each column gets at
/// least its longest word (so an e-mail address is not broken mid-word) and the rest of
/// the width goes where the text is long. `Table.widths`, when given, sets the shares
/// instead, still raised to the longest word where the page allows.
fn column_widths(t: &Table, cols: usize, total: i32, font_pt: f32) -> Vec<i32> {
    // Liberation Sans averages about half an em per character; cells pad 80 twips a side.
    let char_tw = font_pt * 20.0 * 0.52;
    let pad = 200.0;
    let total = total.max(1) as f32;
    // With explicit widths the author's shares win over long words; a short word
    // (a header such as "Responsável") still fits.
    let word_cap = if t.widths.is_some() { 14 } else { 40 };
    let mut min = vec![0.0f32; cols];
    let mut max = vec![0.0f32; cols];
    let all_rows = std::iter::once(&t.header).chain(t.rows.iter());
    for row in all_rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            let text = plain_text(cell);
            let longest_word = text
                .split(|c: char| c.is_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
                .min(word_cap);
            let longest_line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            min[i] = min[i].max(longest_word as f32 * char_tw + pad);
            max[i] = max[i].max(longest_line as f32 * char_tw + pad);
        }
    }
    for i in 0..cols {
        min[i] = min[i].max(3.0 * char_tw + pad);
        max[i] = max[i].max(min[i]);
    }
    let sum = |v: &[f32]| v.iter().sum::<f32>();
    let mut w: Vec<f32> = match &t.widths {
        Some(weights) if !weights.is_empty() => {
            let weights: Vec<f32> = (0..cols)
                .map(|i| weights.get(i).copied().unwrap_or(1.0).max(0.05))
                .collect();
            let s = sum(&weights).max(0.001);
            weights.iter().map(|x| x / s * total).collect()
        }
        _ if sum(&max) <= total => {
            let s = sum(&max).max(0.001);
            max.iter().map(|m| m / s * total).collect()
        }
        _ if sum(&min) >= total => {
            let s = sum(&min).max(0.001);
            min.iter().map(|m| m / s * total).collect()
        }
        _ => {
            let spare = total - sum(&min);
            let want: Vec<f32> = (0..cols).map(|i| max[i] - min[i]).collect();
            let s = sum(&want).max(0.001);
            (0..cols).map(|i| min[i] + want[i] / s * spare).collect()
        }
    };
    // Raise columns below their longest word, taking from the ones with room to spare.
    if sum(&min) <= total {
        let deficit: f32 = (0..cols).map(|i| (min[i] - w[i]).max(0.0)).sum();
        let slack: f32 = (0..cols).map(|i| (w[i] - min[i]).max(0.0)).sum();
        if deficit > 0.0 && slack > 0.0 {
            let take = (deficit / slack).min(1.0);
            for i in 0..cols {
                if w[i] < min[i] {
                    w[i] = min[i];
                } else {
                    w[i] -= (w[i] - min[i]) * take;
                }
            }
        }
    }
    w.iter().map(|x| x.round() as i32).collect()
}

fn table(ctx: &mut Ctx<'_>, t: &Table) -> DTable {
    let cols = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let widths = column_widths(t, cols, ctx.text_width, ctx.theme.sizes.table);
    let header_fill = hex(ctx.theme.colors.table_header);
    let header_text = hex(ctx.theme.colors.table_header_text);
    let stripe = hex(ctx.theme.colors.stripe);
    let mut rows = Vec::new();
    let cell_para = |ctx: &mut Ctx<'_>, i: usize, content: &[Inline], header: bool| {
        let mut p = Paragraph::new().style("TableText");
        match t.align.get(i) {
            Some(Align::Center) => p = p.align(AlignmentType::Center),
            Some(Align::Right) => p = p.align(AlignmentType::Right),
            _ => {}
        }
        let mut p = inlines(ctx, p, content);
        if header {
            p = p.bold().color(header_text.clone());
        }
        p
    };
    if !t.header.is_empty() {
        let cells = (0..cols)
            .map(|i| {
                let content = t.header.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let mut p = cell_para(ctx, i, content, true);
                p = header_runs(p, &header_text);
                TableCell::new()
                    .add_paragraph(p)
                    .width(
                        widths.get(i).copied().unwrap_or(0).max(0) as usize,
                        WidthType::Dxa,
                    )
                    .shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(header_fill.clone()),
                    )
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    for (r, row) in t.rows.iter().enumerate() {
        let cells = (0..cols)
            .map(|i| {
                let content = row.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let p = cell_para(ctx, i, content, false);
                let mut cell = TableCell::new().add_paragraph(p).width(
                    widths.get(i).copied().unwrap_or(0).max(0) as usize,
                    WidthType::Dxa,
                );
                if let Some(tone) = sole_tone(content) {
                    cell = cell.shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(tone_fill(ctx.theme, tone)),
                    );
                } else if r % 2 == 1 {
                    cell = cell.shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(stripe.clone()),
                    );
                }
                cell
            })
            .collect();
        rows.push(TableRow::new(cells));
    }
    let rule = hex(ctx.theme.colors.rule);
    let mut borders = TableBorders::new();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(TableBorder::new(pos).size(4).color(rule.clone()));
    }
    DTable::new(rows)
        .set_borders(borders)
        .style(TABLE_STYLE)
        .set_grid(widths.iter().map(|w| (*w).max(0) as usize).collect())
        .layout(TableLayoutType::Fixed)
        .width(ctx.text_width.max(0) as usize, WidthType::Dxa)
}

/// Header text is bold and in the header colour even where the table style is ignored.
fn header_runs(mut p: Paragraph, color: &str) -> Paragraph {
    for child in p.children.iter_mut() {
        if let docx_rs::ParagraphChild::Run(r) = child {
            let run = std::mem::take(r.as_mut());
            **r = run.bold().color(color);
        }
    }
    p
}

/// The tone of a cell that holds one toned span and nothing else.
fn sole_tone(content: &[Inline]) -> Option<Tone> {
    match content {
        [Inline::Span { tone: Some(t), .. }] => Some(*t),
        _ => None,
    }
}

fn callout(ctx: &mut Ctx<'_>, kind: CalloutKind, inner: &[Block], out: &mut Vec<Out>) {
    let title = match (kind, ctx.lang) {
        (CalloutKind::Note, Lang::En) => "Note",
        (CalloutKind::Tip, Lang::En) => "Tip",
        (CalloutKind::Important, Lang::En) => "Important",
        (CalloutKind::Warning, Lang::En) => "Warning",
        (CalloutKind::Caution, Lang::En) => "Caution",
        (CalloutKind::Note, Lang::PtBr) => "Observação",
        (CalloutKind::Tip, Lang::PtBr) => "Dica",
        (CalloutKind::Important, Lang::PtBr) => "Importante",
        (CalloutKind::Warning, Lang::PtBr) => "Aviso",
        (CalloutKind::Caution, Lang::PtBr) => "Cuidado",
    };
    let fill = match kind {
        CalloutKind::Note | CalloutKind::Tip => hex(ctx.theme.colors.info),
        CalloutKind::Important => hex(ctx.theme.colors.good),
        CalloutKind::Warning => hex(ctx.theme.colors.warn),
        CalloutKind::Caution => hex(ctx.theme.colors.bad),
    };
    let mut cell = TableCell::new()
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(fill),
        )
        .width(ctx.text_width.max(0) as usize, WidthType::Dxa)
        .add_paragraph(
            Paragraph::new()
                .style("CalloutTitle")
                .add_run(Run::new().add_text(title)),
        );
    let mut tmp = Vec::new();
    blocks(ctx, inner, 0, &mut tmp);
    for o in tmp {
        cell = match o {
            Out::P(p) => cell.add_paragraph(p.style("Callout")),
            Out::T(t) => cell.add_table(t),
        };
    }
    push_table(
        out,
        DTable::without_borders(vec![TableRow::new(vec![cell]).cant_split()])
            .set_border(
                TableBorder::new(TableBorderPosition::Left)
                    .size(24)
                    .color(hex(ctx.theme.colors.accent)),
            )
            .style("CalloutTable")
            .set_grid(vec![ctx.text_width.max(0) as usize])
            .width(ctx.text_width.max(0) as usize, WidthType::Dxa),
    );
}

fn slide(ctx: &mut Ctx<'_>, inner: &[Block]) -> DTable {
    let mut tmp = Vec::new();
    blocks(ctx, inner, 0, &mut tmp);
    let mut cell = TableCell::new().width(ctx.text_width.max(0) as usize, WidthType::Dxa);
    if tmp.is_empty() {
        tmp.push(Out::P(Paragraph::new()));
    }
    for o in tmp {
        cell = match o {
            Out::P(p) => cell.add_paragraph(p),
            Out::T(t) => cell.add_table(t),
        };
    }
    // A slide row that breaks across pages would no longer read as a slide.
    let accent = hex(ctx.theme.colors.accent);
    let side = |p| TableBorder::new(p).size(12).color(accent.clone());
    DTable::without_borders(vec![TableRow::new(vec![cell])])
        .set_border(side(TableBorderPosition::Top))
        .set_border(side(TableBorderPosition::Left))
        .set_border(side(TableBorderPosition::Bottom))
        .set_border(side(TableBorderPosition::Right))
        .style("SlideFrame")
        .set_grid(vec![ctx.text_width.max(0) as usize])
        .width(ctx.text_width.max(0) as usize, WidthType::Dxa)
}

fn chart(ctx: &mut Ctx<'_>, c: &Chart, out: &mut Vec<Out>) {
    if !c.title.is_empty() {
        out.push(Out::P(
            Paragraph::new()
                .style("ChartTitle")
                .keep_next(true)
                .add_run(Run::new().add_text(c.title.as_str())),
        ));
    }
    const CELLS: usize = 20;
    let label_w = ctx.text_width * 2 / 5;
    let bar_w = ctx.text_width - label_w;
    let accent = hex(ctx.theme.colors.accent);
    let rule = hex(ctx.theme.colors.rule);
    let rows = c
        .bars
        .iter()
        .map(|(label, v)| {
            let v = if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let filled = (v * CELLS as f32).round() as usize;
            let pct = crate::template::format_percent(f64::from(v), 0, ctx.lang);
            let bar = Paragraph::new()
                .style("TableText")
                .add_run(
                    Run::new()
                        .color(accent.clone())
                        .add_text("\u{2588}".repeat(filled)),
                )
                .add_run(
                    Run::new()
                        .color(rule.clone())
                        .add_text("\u{2591}".repeat(CELLS - filled)),
                )
                .add_run(Run::new().add_text(format!(" {pct}")));
            TableRow::new(vec![
                TableCell::new()
                    .width(label_w.max(0) as usize, WidthType::Dxa)
                    .add_paragraph(
                        Paragraph::new()
                            .style("TableText")
                            .add_run(Run::new().add_text(label.as_str())),
                    ),
                TableCell::new()
                    .width(bar_w.max(0) as usize, WidthType::Dxa)
                    .add_paragraph(bar),
            ])
            .cant_split()
        })
        .collect();
    push_table(
        out,
        DTable::without_borders(rows)
            .style("ChartTable")
            .set_grid(vec![label_w.max(0) as usize, bar_w.max(0) as usize])
            .width(ctx.text_width.max(0) as usize, WidthType::Dxa),
    );
}

/// Header rows were built with `cantSplit` (and body rows without), so this adds the
/// `tblHeader` mark docx-rs cannot write; the few other rows built with `cantSplit`
/// (callouts, chart bars) are single-row or header-less tables where it changes nothing.
/// Tables of the main style also get their `tblLook` (header row and banding on), and
/// every `tblPr` is put in schema order, which docx-rs does not keep and Word checks.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let text = text.replace(HEADER_ROW_MARK, "<w:cantSplit /><w:tblHeader />");
    let text = text.replace(
        &format!("<w:tblStyle w:val=\"{TABLE_STYLE}\" />"),
        &format!(
            "<w:tblStyle w:val=\"{TABLE_STYLE}\" /><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\" />"
        ),
    );
    schema_order(&text).into_bytes()
}

/// Puts the property elements docx-rs writes out of order back in schema order.
fn schema_order(xml: &str) -> String {
    let text = reorder_children(xml, "w:tblPr", TBL_PR_ORDER);
    let text = reorder_children(&text, "w:pPr", P_PR_ORDER);
    let text = reorder_children(&text, "w:numPr", &["w:ilvl", "w:numId"]);
    reorder_children(&text, "w:rPr", R_PR_ORDER)
}

/// The children of `w:tblPr` in the order the WordprocessingML schema requires.
const TBL_PR_ORDER: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
];

/// The children of `w:pPr` in schema order.
const P_PR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// The children of `w:rPr` in schema order.
const R_PR_ORDER: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:ins",
    "w:del",
    "w:rPrChange",
];

/// Puts the children of every `<tag>` element in `order` (stable for unknown ones,
/// which go last).
fn reorder_children(xml: &str, tag: &str, order: &[&str]) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start + open.len()]);
        rest = &rest[start + open.len()..];
        let Some(end) = rest.find(&close) else { break };
        let body = &rest[..end];
        match top_level_children(body) {
            Some(mut children) => {
                let rank = |c: &str| {
                    let name = c[1..]
                        .split(|ch: char| ch.is_whitespace() || ch == '/' || ch == '>')
                        .next()
                        .unwrap_or("");
                    order.iter().position(|n| *n == name).unwrap_or(order.len())
                };
                children.sort_by_key(|c| rank(c));
                for c in children {
                    out.push_str(c);
                }
            }
            None => out.push_str(body),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Splits an element's content into its top-level child elements; `None` if it holds
/// anything else (text), in which case it is left alone.
fn top_level_children(body: &str) -> Option<Vec<&str>> {
    let mut children = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            return None;
        }
        let start = i;
        let mut depth = 0i32;
        loop {
            let tag_end = body[i..].find('>').map(|p| i + p)?;
            let tag = &body[i..=tag_end];
            if tag.starts_with("</") {
                depth -= 1;
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
            i = tag_end + 1;
            if depth <= 0 {
                break;
            }
            let next = body[i..].find('<').map(|p| i + p)?;
            i = next;
        }
        children.push(&body[start..i]);
    }
    Some(children)
}

/// docx-rs gathers hyperlink relationships in a hash set, so their order changes from
/// run to run; sorted, the part is stable.
fn sort_relationships(rels: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(rels);
    let (Some(first), Some(end)) = (text.find("<Relationship "), text.rfind("</Relationships>"))
    else {
        return rels.to_vec();
    };
    let body = &text[first..end];
    let mut items: Vec<&str> = body
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.iter().any(|i| !i.starts_with("<Relationship ")) {
        return rels.to_vec();
    }
    items.sort_unstable();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for i in items {
        out.push_str(i);
    }
    out.push_str(&text[end..]);
    out.into_bytes()
}

fn renumber_para_ids(part: &[u8], next: &mut u32) -> Vec<u8> {
    const KEY: &[u8] = b"w14:paraId=\"";
    let mut out = Vec::with_capacity(part.len());
    let mut i = 0;
    while i < part.len() {
        if part[i..].starts_with(KEY) {
            out.extend_from_slice(KEY);
            i += KEY.len();
            let end = part[i..]
                .iter()
                .position(|b| *b == b'"')
                .map_or(part.len(), |p| i + p);
            out.extend_from_slice(format!("{:08X}", *next).as_bytes());
            *next += 1;
            i = end;
        } else {
            out.push(part[i]);
            i += 1;
        }
    }
    out
}

fn core_xml(doc: &Document) -> String {
    let m = &doc.meta;
    let date = m
        .date
        .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>{lang}</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = xml_escape(&m.title),
        subject = xml_escape(&m.subject),
        author = xml_escape(&m.author),
        keywords = xml_escape(&m.keywords.join(", ")),
        lang = m.lang.tag(),
        date = date,
    )
}

fn styles_xml(theme: &Theme, lang: Lang) -> String {
    let c = &theme.colors;
    let s = &theme.sizes;
    let font = xml_escape(&theme.fonts.family);
    let lang_tag = match lang {
        Lang::En => "en-US",
        Lang::PtBr => "pt-BR",
    };
    let text = hex(c.text);
    let accent = hex(c.accent);
    let muted = hex(c.muted);
    let rule = hex(c.rule);
    let info = hex(c.info);
    let mut x = String::with_capacity(12_000);
    x.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    x.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/><w:color w:val="{text}"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/><w:lang w:val="{lang_tag}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        body = half_points(s.body)
    ));
    let para = |id: &str, name: &str, extra_attrs: &str, ppr: &str, rpr: &str| {
        format!(
            r#"<w:style w:type="paragraph"{extra_attrs} w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    x.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#);
    x.push_str(&para(
        "Title",
        "Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="0" w:after="80"/><w:contextualSpacing/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:color w:val="{accent}"/><w:kern w:val="28"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.title)
        ),
    ));
    x.push_str(&para(
        "Subtitle",
        "Subtitle",
        "",
        r#"<w:keepNext/><w:spacing w:before="0" w:after="240"/>"#,
        &format!(
            r#"<w:color w:val="{muted}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.subtitle)
        ),
    ));
    for (i, size, before) in [(1, s.h2, 360), (2, s.h3, 240), (3, s.h4, 200)] {
        let border = if i == 1 {
            format!(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{rule}"/></w:pBdr>"#
            )
        } else {
            String::new()
        };
        x.push_str(&para(
            &format!("Heading{i}"),
            &format!("heading {i}"),
            "",
            &format!(
                r#"<w:keepNext/><w:keepLines/>{border}<w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{}"/>"#,
                i - 1
            ),
            &format!(
                r#"<w:b/><w:bCs/><w:color w:val="{accent}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                half_points(size)
            ),
        ));
    }
    x.push_str(&para(
        "ListBullet",
        "List Bullet",
        "",
        &format!(
            r#"<w:numPr><w:numId w:val="{BULLET_NUM}"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#
        ),
        "",
    ));
    x.push_str(&para(
        "ListNumber",
        "List Number",
        "",
        &format!(
            r#"<w:numPr><w:numId w:val="{ORDERED_ABSTRACT}"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#
        ),
        "",
    ));
    x.push_str(&para(
        "ListCheck",
        "List Check",
        "",
        r#"<w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#,
        "",
    ));
    x.push_str(&para(
        "ListContinue",
        "List Continue",
        "",
        r#"<w:spacing w:after="60"/><w:ind w:left="360"/>"#,
        "",
    ));
    x.push_str(&para(
        "Quote",
        "Quote",
        "",
        &format!(
            r#"<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{rule}"/></w:pBdr><w:ind w:left="360" w:right="360"/>"#
        ),
        &format!(r#"<w:i/><w:iCs/><w:color w:val="{muted}"/>"#),
    ));
    x.push_str(&para(
        "CalloutTitle",
        "Callout Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="40" w:after="40"/>"#,
        &format!(r#"<w:b/><w:bCs/><w:color w:val="{accent}"/>"#),
    ));
    x.push_str(&para(
        "Callout",
        "Callout",
        "",
        r#"<w:spacing w:after="60"/>"#,
        "",
    ));
    x.push_str(&para(
        "TableText",
        "Table Text",
        "",
        r#"<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>"#,
        &format!(
            r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.table)
        ),
    ));
    x.push_str(&para(
        "ChartTitle",
        "Chart Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="60"/>"#,
        &format!(r#"<w:b/><w:bCs/><w:color w:val="{accent}"/>"#),
    ));
    let mono = "Liberation Mono";
    x.push_str(&para(
        "Code",
        "Code",
        "",
        &format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{info}"/><w:spacing w:after="120" w:line="240" w:lineRule="auto"/>"#),
        &format!(
            r#"<w:rFonts w:ascii="{mono}" w:hAnsi="{mono}" w:cs="{mono}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.table)
        ),
    ));
    x.push_str(&para(
        "Rule",
        "Horizontal Rule",
        "",
        &format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{rule}"/></w:pBdr><w:spacing w:after="120"/>"#),
        r#"<w:sz w:val="8"/>"#,
    ));
    x.push_str(&para(
        "Spacer",
        "Spacer",
        "",
        r#"<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>"#,
        r#"<w:sz w:val="8"/><w:szCs w:val="8"/>"#,
    ));
    x.push_str(&para(
        "Caption",
        "caption",
        "",
        r#"<w:spacing w:after="120"/>"#,
        &format!(r#"<w:i/><w:color w:val="{muted}"/>"#),
    ));
    x.push_str(&para(
        "Footer",
        "footer",
        "",
        r#"<w:spacing w:after="0"/>"#,
        &format!(
            r#"<w:color w:val="{muted}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.footer)
        ),
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="{link}"/><w:u w:val="single"/></w:rPr></w:style>"#,
        link = hex(c.link)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="CodeChar"><w:name w:val="Code Char"/><w:rPr><w:rFonts w:ascii="{mono}" w:hAnsi="{mono}" w:cs="{mono}"/><w:shd w:val="clear" w:color="auto" w:fill="{info}"/></w:rPr></w:style>"#
    ));
    let borders = |sz: u32, color: &str, inside: bool| {
        let mut b = String::from("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right"] {
            b.push_str(&format!(
                r#"<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="{color}"/>"#
            ));
        }
        for side in ["insideH", "insideV"] {
            if inside {
                b.push_str(&format!(
                    r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{color}"/>"#
                ));
            } else {
                b.push_str(&format!(r#"<w:{side} w:val="nil"/>"#));
            }
        }
        b.push_str("</w:tblBorders>");
        b
    };
    let margins = |v: u32, h: u32| {
        format!(
            r#"<w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar>"#
        )
    };
    x.push_str(&format!(
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{}</w:tblPr></w:style>"#,
        margins(0, 108)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="{TABLE_STYLE}"><w:name w:val="Success Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{tsz}"/><w:szCs w:val="{tsz}"/></w:rPr><w:tblPr><w:tblStyleRowBandSize w:val="1"/>{borders}{margins}</w:tblPr><w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{htext}"/></w:rPr><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{hfill}"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{stripe}"/></w:tcPr></w:tblStylePr></w:style>"#,
        tsz = half_points(s.table),
        borders = borders(4, &rule, true),
        margins = margins(40, 80),
        htext = hex(c.table_header_text),
        hfill = hex(c.table_header),
        stripe = hex(c.stripe),
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="CalloutTable"><w:name w:val="Callout Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:left w:val="single" w:sz="24" w:space="0" w:color="{accent}"/></w:tblBorders>{}</w:tblPr></w:style>"#,
        margins(80, 160)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="SlideFrame"><w:name w:val="Slide Frame"/><w:basedOn w:val="TableNormal"/><w:tblPr>{}{}</w:tblPr><w:trPr><w:cantSplit/></w:trPr></w:style>"#,
        borders(12, &accent, false),
        margins(160, 200)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="ChartTable"><w:name w:val="Chart Table"/><w:basedOn w:val="TableNormal"/><w:tblPr>{}</w:tblPr></w:style>"#,
        margins(20, 80)
    ));
    x.push_str("</w:styles>");
    x
}

/// Zips the parts with fixed timestamps and deflate, in a fixed order.
fn package(xml: docx_rs::XMLDocx) -> Result<Rendered, DocxError> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // Relationship parts only for the headers and footers that exist.
    let mut header_rels = xml.header_rels.into_iter();
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(r) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
        }
    }
    let mut footer_rels = xml.footer_rels.into_iter();
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(r) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), r));
        }
    }
    for (name, bytes) in xml.media {
        parts.push((format!("word/media/{name}.png"), bytes));
    }
    let err = |e: &dyn std::fmt::Display| DocxError::Pack(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(64 * 1024)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(&bytes).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(Rendered {
        bytes: cursor.into_inner(),
        pages: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_properties_follow_the_schema_order() {
        let xml = r#"<w:tbl><w:tblPr><w:tblW w:w="1" /><w:tblBorders><w:top w:val="x" /></w:tblBorders><w:tblStyle w:val="S" /><w:tblLayout w:type="fixed" /></w:tblPr></w:tbl>"#;
        assert_eq!(
            reorder_children(xml, "w:tblPr", TBL_PR_ORDER),
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="S" /><w:tblW w:w="1" /><w:tblBorders><w:top w:val="x" /></w:tblBorders><w:tblLayout w:type="fixed" /></w:tblPr></w:tbl>"#
        );
    }
}
