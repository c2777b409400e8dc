//! The document part: the IR's blocks as WordprocessingML paragraphs, runs, lists and
//! tables, with the column widths a browser would give an automatic table.

use super::*;
use crate::output::script::{starts_rtl, Script};

/// Per-document state while writing the body.
pub(super) struct Body<'a> {
    pub(super) theme: &'a Theme,
    pub(super) lang: Lang,
    pub(super) out: String,
    /// Hyperlink targets; link `n` is relationship `rIdLink{n+1}`.
    pub(super) links: Vec<String>,
    /// Numbered lists: (numbering ID, list level, start).
    pub(super) numberings: Vec<(usize, usize, u64)>,
    pub(super) text_width: i32,
    /// The style plain paragraphs take inside a quote or callout.
    pub(super) para_style: Option<&'static str>,
    /// The paragraph being written introduces the table or list after it.
    pub(super) lead_in: bool,
}

/// The longest paragraph (bytes) kept with the table or list it introduces: about three
/// lines, as the PDF's rule.
const LEAD_IN_MAX: usize = 300;

/// Run properties beyond the paragraph style's.
#[derive(Default, Clone)]
pub(super) struct RunProps<'s> {
    pub(super) style: Option<&'s str>,
    pub(super) symbol_font: bool,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) strike: bool,
    pub(super) color: Option<String>,
    pub(super) fill: Option<String>,
}

fn write_rpr(out: &mut String, p: &RunProps<'_>, script: &Script) {
    if !script.any()
        && p.style.is_none()
        && !p.symbol_font
        && !p.bold
        && !p.italic
        && !p.strike
        && p.color.is_none()
        && p.fill.is_none()
    {
        return;
    }
    out.push_str("<w:rPr>");
    if let Some(s) = p.style {
        let _ = write!(out, r#"<w:rStyle w:val="{s}"/>"#);
    }
    if p.symbol_font {
        out.push_str(r#"<w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol"/>"#);
    } else {
        out.push_str(&script.fonts());
    }
    if p.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if p.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    if p.strike {
        out.push_str("<w:strike/>");
    }
    if let Some(c) = &p.color {
        let _ = write!(out, r#"<w:color w:val="{c}"/>"#);
    }
    if let Some(f) = &p.fill {
        let _ = write!(out, r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#);
    }
    out.push_str(&script.tail());
    out.push_str("</w:rPr>");
}

pub(super) fn write_run(out: &mut String, text: &str, p: &RunProps<'_>) {
    out.push_str("<w:r>");
    write_rpr(out, p, &Script::of(text));
    // A soft hyphen of the input is Word's optional hyphen: invisible unless the line
    // breaks there, then drawn as a hyphen (as the PDF does).
    for (i, part) in text.split('\u{00AD}').enumerate() {
        if i > 0 {
            out.push_str("<w:softHyphen/>");
        }
        if !part.is_empty() || text.is_empty() {
            // Word drops a text's leading and trailing spaces and may join runs of
            // them unless told to keep them: said where there are any (most texts
            // have none, and the attribute was a tenth of a plan's document.xml).
            let keep = part.starts_with(char::is_whitespace)
                || part.ends_with(char::is_whitespace)
                || part.contains("  ")
                || part.contains(['\t', '\n', '\r']);
            out.push_str(if keep {
                r#"<w:t xml:space="preserve">"#
            } else {
                "<w:t>"
            });
            xml_escape_into(out, part);
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

/// Paragraph properties beyond the style.
#[derive(Default)]
pub(super) struct ParaProps<'s> {
    pub(super) style: Option<&'s str>,
    pub(super) keep_next: bool,
    pub(super) num: Option<(usize, usize)>,
    pub(super) indent: Option<(i32, i32)>,
    pub(super) align: Align,
    /// Justified (`jc both`), as the PDF sets body paragraphs when the theme says so;
    /// a right-to-left paragraph keeps its alignment.
    pub(super) justify: bool,
}

pub(super) fn write_ppr(out: &mut String, p: &ParaProps<'_>) {
    write_ppr_dir(out, p, false);
}

/// Paragraph properties; `rtl` makes it a right-to-left (`w:bidi`) paragraph.
fn write_ppr_dir(out: &mut String, p: &ParaProps<'_>, rtl: bool) {
    out.push_str("<w:pPr>");
    if let Some(s) = p.style {
        let _ = write!(out, r#"<w:pStyle w:val="{s}"/>"#);
    }
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if let Some((id, level)) = p.num {
        let _ = write!(
            out,
            r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{id}"/></w:numPr>"#
        );
    }
    if rtl {
        out.push_str("<w:bidi/>");
    }
    if let Some((left, hanging)) = p.indent {
        if hanging > 0 {
            let _ = write!(out, r#"<w:ind w:left="{left}" w:hanging="{hanging}"/>"#);
        } else {
            let _ = write!(out, r#"<w:ind w:left="{left}"/>"#);
        }
    }
    match p.align {
        Align::Center => out.push_str(r#"<w:jc w:val="center"/>"#),
        Align::Right => out.push_str(r#"<w:jc w:val="right"/>"#),
        Align::Left if p.justify && !rtl => out.push_str(r#"<w:jc w:val="both"/>"#),
        Align::Left => {}
    }
    out.push_str("</w:pPr>");
}

impl Body<'_> {
    pub(super) fn blocks(&mut self, bs: &[Block], depth: usize) {
        for (i, b) in bs.iter().enumerate() {
            // A short paragraph that introduces a table or a list stays on its page
            // (Word's "keep with next"), as the PDF keeps it.
            let short = |c: &[Inline]| {
                crate::document::text_pieces(c).map(str::len).sum::<usize>() <= LEAD_IN_MAX
            };
            self.lead_in = matches!(b, Block::Paragraph(c) if short(c))
                && matches!(bs.get(i + 1), Some(Block::Table(_) | Block::List { .. }));
            self.block(b, depth);
            self.lead_in = false;
        }
    }

    fn paragraph(&mut self, props: &ParaProps<'_>, content: &[Inline], base: &RunProps<'_>) {
        self.out.push_str("<w:p>");
        let rtl = starts_rtl(crate::document::text_pieces(content));
        write_ppr_dir(&mut self.out, props, rtl);
        self.inlines(content, base);
        self.out.push_str("</w:p>");
    }

    fn empty_paragraph(&mut self, style: &str) {
        let _ = write!(
            self.out,
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>"#
        );
    }

    fn block(&mut self, b: &Block, depth: usize) {
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
                let props = ParaProps {
                    style: Some(style),
                    ..ParaProps::default()
                };
                self.paragraph(&props, content, &RunProps::default());
            }
            Block::Paragraph(content) => {
                let props = ParaProps {
                    style: if depth > 0 {
                        Some("ListContinue")
                    } else {
                        self.para_style
                    },
                    indent: (depth > 0).then_some((360 * depth as i32, 0)),
                    justify: self.theme.text.justify,
                    keep_next: self.lead_in,
                    ..ParaProps::default()
                };
                self.paragraph(&props, content, &RunProps::default());
            }
            Block::List { start, items } => self.list(*start, items, depth),
            // A table needs a row to be valid WordprocessingML.
            Block::Table(t) if t.header.is_empty() && t.rows.is_empty() => {}
            Block::Table(t) => {
                self.table(t);
                self.empty_paragraph("Spacer");
            }
            Block::Callout { kind, blocks } => {
                self.callout(*kind, blocks);
                self.empty_paragraph("Spacer");
            }
            Block::Quote(blocks) => {
                let saved = self.para_style.replace("Quote");
                self.blocks(blocks, 0);
                self.para_style = saved;
            }
            Block::Code(text) => {
                self.out
                    .push_str(r#"<w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr>"#);
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        self.out.push_str("<w:r><w:br/></w:r>");
                    }
                    write_run(&mut self.out, line, &RunProps::default());
                }
                self.out.push_str("</w:p>");
            }
            Block::Rule => self.empty_paragraph("Rule"),
            Block::PageBreak => self
                .out
                .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
            Block::Slide(blocks) => {
                self.slide(blocks);
                self.empty_paragraph("Spacer");
            }
            Block::Chart(c) => {
                self.chart(c);
                self.empty_paragraph("Spacer");
            }
            Block::Image { alt, .. } => {
                // The IR carries no image bytes; the alternative text keeps the place.
                self.out
                    .push_str(r#"<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>"#);
                write_run(&mut self.out, &format!("[{alt}]"), &RunProps::default());
                self.out.push_str("</w:p>");
            }
        }
    }

    fn check(&mut self, c: Check) {
        let sym = RunProps {
            symbol_font: true,
            ..RunProps::default()
        };
        match c {
            Check::Open => write_run(&mut self.out, "\u{2610}", &sym),
            Check::Done => write_run(&mut self.out, "\u{2611}", &sym),
            Check::NotApplicable => {
                let muted = hex(self.theme.colors.muted);
                let struck = RunProps {
                    strike: true,
                    color: Some(muted.clone()),
                    ..sym
                };
                write_run(&mut self.out, "\u{2610}", &struck);
                let na = format!(" {}", self.lang.not_applicable());
                let grey = RunProps {
                    color: Some(muted),
                    ..RunProps::default()
                };
                write_run(&mut self.out, &na, &grey);
            }
        }
    }

    fn inlines(&mut self, content: &[Inline], base: &RunProps<'_>) {
        for i in content {
            match i {
                Inline::Span {
                    text,
                    style,
                    link,
                    tone,
                } => {
                    let mut p = base.clone();
                    p.bold |= style.bold;
                    p.italic |= style.italic;
                    if style.code {
                        p.style = Some("CodeChar");
                    }
                    // A status pill is one unit: its spaces do not break a line, but
                    // for the one after a separator ("August 30, 2024 · Overdue").
                    let pill;
                    let text = if let Some(t) = tone {
                        p.fill = Some(tone_fill(self.theme, *t));
                        pill = pill_text(text);
                        &pill
                    } else {
                        text
                    };
                    match link {
                        Some(url) if is_external(url) => {
                            let n = match self.links.iter().position(|l| l == url) {
                                Some(n) => n,
                                None => {
                                    self.links.push(url.clone());
                                    self.links.len() - 1
                                }
                            };
                            let _ = write!(
                                self.out,
                                r#"<w:hyperlink r:id="rIdLink{}" w:history="1">"#,
                                n + 1
                            );
                            p.style = Some("Hyperlink");
                            write_run(&mut self.out, text, &p);
                            self.out.push_str("</w:hyperlink>");
                        }
                        _ => write_run(&mut self.out, text, &p),
                    }
                }
                Inline::Check(c) => self.check(*c),
                Inline::LineBreak => self.out.push_str("<w:r><w:br/></w:r>"),
            }
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], depth: usize) {
        let num = match start {
            None => BULLET_NUM,
            Some(s) => {
                let id = ORDERED_ABSTRACT + 1 + self.numberings.len();
                self.numberings.push((id, depth.min(8), s));
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
            let first: &[Inline] = match rest.first() {
                Some(Block::Paragraph(content)) => {
                    rest = &rest[1..];
                    content
                }
                _ => &[],
            };
            match item.check {
                Some(c) => {
                    self.out.push_str("<w:p>");
                    write_ppr(
                        &mut self.out,
                        &ParaProps {
                            style: Some("ListCheck"),
                            indent: Some((360 * (depth as i32 + 1), 360)),
                            justify: self.theme.text.justify
                                && !starts_rtl(crate::document::text_pieces(first)),
                            ..ParaProps::default()
                        },
                    );
                    self.check(c);
                    self.out.push_str("<w:r><w:tab/></w:r>");
                    self.inlines(first, &RunProps::default());
                    self.out.push_str("</w:p>");
                }
                None => {
                    let props = ParaProps {
                        style: Some(style),
                        num: Some((num, depth.min(8))),
                        justify: self.theme.text.justify,
                        ..ParaProps::default()
                    };
                    self.paragraph(&props, first, &RunProps::default());
                }
            }
            self.blocks(rest, depth + 1);
        }
    }

    fn table_open(&mut self, style: &str, borders: &str, grid: &[i32], look: bool) {
        let _ = write!(
            self.out,
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{}" w:type="dxa"/>{borders}<w:tblLayout w:type="fixed"/>"#,
            self.text_width
        );
        if look {
            self.out.push_str(r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>"#);
        }
        self.out.push_str("</w:tblPr><w:tblGrid>");
        for g in grid {
            let _ = write!(self.out, r#"<w:gridCol w:w="{}"/>"#, g.max(&0));
        }
        self.out.push_str("</w:tblGrid>");
    }

    fn cell_open(&mut self, width: i32, fill: Option<&str>) {
        let _ = write!(
            self.out,
            r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#,
            width.max(0)
        );
        if let Some(f) = fill {
            let _ = write!(
                self.out,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#
            );
        }
        self.out.push_str("</w:tcPr>");
    }

    fn table(&mut self, t: &Table) {
        let cols = t
            .header
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = column_widths(t, cols, self.text_width, self.theme.sizes.table);
        let rule = hex(self.theme.colors.rule);
        let borders = box_borders(4, &rule, true);
        self.table_open(TABLE_STYLE, &borders, &widths, true);
        let header_fill = hex(self.theme.colors.table_header);
        let header_run = RunProps {
            bold: true,
            color: Some(hex(self.theme.colors.table_header_text)),
            ..RunProps::default()
        };
        let align = |i: usize| t.align.get(i).copied().unwrap_or_default();
        if !t.header.is_empty() {
            self.out
                .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (i, w) in widths.iter().enumerate() {
                self.cell_open(*w, Some(&header_fill));
                let props = ParaProps {
                    style: Some("TableText"),
                    keep_next: true,
                    align: align(i),
                    ..ParaProps::default()
                };
                let content = t.header.get(i).map(Vec::as_slice).unwrap_or(&[]);
                self.paragraph(&props, content, &header_run);
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        let n = t.rows.len();
        for (r, row) in t.rows.iter().enumerate() {
            // As the PDF breaks a table: never one of five rows or fewer, and never
            // leaving fewer than three rows on either side (each row kept with the next
            // where a break would do that; the header keeps with the first).
            let keep_next = if n <= 5 {
                r + 1 < n
            } else {
                r < 2 || (r + 3 >= n && r + 1 < n)
            };
            // A row of modest height never splits across pages (a coloured row would
            // go on with empty cells); a row of a page of text may.
            let longest = row
                .iter()
                .map(|c| crate::document::text_pieces(c).map(str::len).sum::<usize>())
                .max()
                .unwrap_or(0);
            if longest <= MAX_UNSPLIT_CELL {
                self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            } else {
                self.out.push_str("<w:tr>");
            }
            for (i, w) in widths.iter().enumerate() {
                let content = row.get(i).map(Vec::as_slice).unwrap_or(&[]);
                // The bands come from the table style (`band2Horz`), so a row added or
                // removed in Word keeps them alternating; a status's colour is the
                // cell's own. The header keeps its colours in the cells too: an editor
                // that ignores table styles must not show its white text on white.
                let fill = sole_tone(content).map(|tone| tone_fill(self.theme, tone));
                self.cell_open(*w, fill.as_deref());
                let props = ParaProps {
                    style: Some("TableText"),
                    align: align(i),
                    keep_next,
                    ..ParaProps::default()
                };
                self.paragraph(&props, content, &RunProps::default());
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }

    /// One full-width cell holding blocks: callouts and slide frames.
    fn frame(&mut self, style: &str, borders: &str, fill: Option<&str>, f: impl FnOnce(&mut Self)) {
        let width = self.text_width;
        self.table_open(style, borders, &[width], false);
        self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        self.cell_open(width, fill);
        let before = self.out.len();
        f(self);
        // A cell must end with a paragraph, and may not be empty.
        if self.out.len() == before || self.out.ends_with("</w:tbl>") {
            self.out.push_str("<w:p/>");
        }
        self.out.push_str("</w:tc></w:tr></w:tbl>");
    }

    /// A callout as the PDF draws it: a tinted box with a coloured bar on the left, no
    /// label (the text says what it is about; "Warning" reads harsh to a customer).
    fn callout(&mut self, kind: CalloutKind, inner: &[Block]) {
        let (fill, bar) = crate::output::pdf::callout_colors(self.theme, kind);
        let borders = format!(
            r#"<w:tblBorders><w:top w:val="nil"/><w:left w:val="single" w:sz="24" w:space="0" w:color="{}"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>"#,
            hex(bar)
        );
        self.frame("CalloutTable", &borders, Some(&hex(fill)), |w| {
            let saved = w.para_style.replace("Callout");
            w.blocks(inner, 0);
            w.para_style = saved;
        });
    }

    fn slide(&mut self, inner: &[Block]) {
        let borders = box_borders(12, &hex(self.theme.colors.accent), false);
        self.frame("SlideFrame", &borders, None, |w| w.blocks(inner, 0));
    }

    fn chart(&mut self, c: &Chart) {
        if !c.title.is_empty() {
            self.out
                .push_str(r#"<w:p><w:pPr><w:pStyle w:val="ChartTitle"/><w:keepNext/></w:pPr>"#);
            write_run(&mut self.out, &c.title, &RunProps::default());
            self.out.push_str("</w:p>");
        }
        const CELLS: usize = 20;
        let label_w = self.text_width * 2 / 5;
        let bar_w = self.text_width - label_w;
        let accent = RunProps {
            color: Some(hex(self.theme.colors.accent)),
            ..RunProps::default()
        };
        let rule = RunProps {
            color: Some(hex(self.theme.colors.rule)),
            ..RunProps::default()
        };
        let none = r#"<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>"#;
        self.table_open("ChartTable", none, &[label_w, bar_w], false);
        let text = ParaProps {
            style: Some("TableText"),
            ..ParaProps::default()
        };
        for (label, v) in &c.bars {
            let v = if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let filled = (v * CELLS as f32).round() as usize;
            let pct = crate::template::format_percent(f64::from(v), 0, self.lang);
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            self.cell_open(label_w, None);
            self.paragraph(&text, &[Inline::text(label.as_str())], &RunProps::default());
            self.out.push_str("</w:tc>");
            self.cell_open(bar_w, None);
            self.out.push_str("<w:p>");
            write_ppr(&mut self.out, &text);
            write_run(&mut self.out, &"\u{2588}".repeat(filled), &accent);
            write_run(&mut self.out, &"\u{2591}".repeat(CELLS - filled), &rule);
            write_run(&mut self.out, &format!(" {pct}"), &RunProps::default());
            self.out.push_str("</w:p></w:tc></w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }
}

pub(super) fn box_borders(size: u32, color: &str, inside: bool) -> String {
    let mut b = String::from("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right"] {
        let _ = write!(
            b,
            r#"<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>"#
        );
    }
    for side in ["insideH", "insideV"] {
        if inside {
            let _ = write!(
                b,
                r#"<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>"#
            );
        } else {
            let _ = write!(b, r#"<w:{side} w:val="nil"/>"#);
        }
    }
    b.push_str("</w:tblBorders>");
    b
}

/// Column widths in twips, as a browser lays out an automatic table: each column gets at
/// least its longest word (so an e-mail address is not broken mid-word) and the rest of
/// the width goes where the text is long. `Table.widths`, when given, sets the shares
/// instead, still raised to the longest word where the page allows.
pub(super) fn column_widths(t: &Table, cols: usize, total: i32, font_pt: f32) -> Vec<i32> {
    // Liberation Sans averages about half an em per character; cells pad 80 twips a side.
    let char_tw = font_pt * 20.0 * 0.52;
    let pad = 200.0;
    let total = total.max(1) as f32;
    // With explicit widths the author's shares win over long words; a short word
    // (a header such as "Responsável") still fits.
    let word_cap = if t.widths.is_some() { 14 } else { 40 };
    let mut min = vec![0.0f32; cols];
    // What may not break at all: header words and status labels.
    let mut hard = vec![0.0f32; cols];
    let mut max = vec![0.0f32; cols];
    // Columns whose body cells are all blank (an Owner or a Date column to write in)
    // keep their share.
    let mut blank = vec![!t.rows.is_empty(); cols];
    let all_rows = std::iter::once(&t.header).chain(t.rows.iter());
    for (r, row) in all_rows.enumerate() {
        // Header words are bold and never broken ("Readines/s"); a status cell is a
        // label kept whole ("In progress").
        let head = r == 0;
        for (i, cell) in row.iter().enumerate().take(cols) {
            let text = plain_text(cell);
            if !head && !text.trim().is_empty() {
                if let Some(b) = blank.get_mut(i) {
                    *b = false;
                }
            }
            let longest_line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let label = sole_tone(cell).is_some();
            let longest_word = if label {
                // A pill breaks only after its separators (see `pill_text`).
                text.lines()
                    .flat_map(|l| {
                        let n = l.matches(PILL_BREAK).count();
                        // A part before a break ends with its dot: " ·".
                        l.split(PILL_BREAK)
                            .enumerate()
                            .map(move |(k, part)| part.chars().count() + if k < n { 2 } else { 0 })
                    })
                    .max()
                    .unwrap_or(0)
            } else {
                text.split(|c: char| c.is_whitespace())
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
                    .min(if head { 40 } else { word_cap })
            };
            // A word that must stay whole is measured generously: half an em is an
            // average, and "Em andamento" or a bold "Conscientização" is wider.
            let tw = if head || label {
                char_tw * 1.15
            } else {
                char_tw
            };
            min[i] = min[i].max(longest_word as f32 * tw + pad);
            if head || label {
                hard[i] = hard[i].max(longest_word as f32 * tw + pad);
            }
            max[i] = max[i].max(longest_line as f32 * tw + pad);
        }
    }
    for i in 0..cols {
        hard[i] = hard[i].max(3.0 * char_tw + pad);
        min[i] = min[i].max(hard[i]);
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
    // Raise columns below their longest word, taking from the ones with room to spare;
    // when the longest words alone overrun the page, raise those that may not break at
    // all (a header word, a status label, a date marked overdue) and let prose wrap.
    // Then, with the template's shares, room a column does not need (a status column,
    // a date) goes to the columns that wrap, as the PDF gives it.
    let surplus = |w: Vec<f32>, floor: &[f32]| match t.widths {
        Some(_) => crate::output::columns::give_surplus(w, floor, &max, &blank),
        None => w,
    };
    if sum(&min) <= total {
        raise(&mut w, &min);
        w = surplus(w, &min);
    } else if sum(&hard) <= total {
        raise(&mut w, &hard);
        w = surplus(w, &hard);
    } else {
        let s = sum(&hard).max(0.001);
        w = hard.iter().map(|m| m / s * total).collect();
    }
    w.iter().map(|x| x.round() as i32).collect()
}

/// Raises every width below its floor, taking from the widths above theirs in proportion
/// to their room (the total stays the same when the floors fit in it).
fn raise(w: &mut [f32], floor: &[f32]) {
    let deficit: f32 = w.iter().zip(floor).map(|(w, f)| (f - w).max(0.0)).sum();
    let slack: f32 = w.iter().zip(floor).map(|(w, f)| (w - f).max(0.0)).sum();
    if deficit > 0.0 && slack > 0.0 {
        let take = (deficit / slack).min(1.0);
        for (w, f) in w.iter_mut().zip(floor) {
            if *w < *f {
                *w = *f;
            } else {
                *w -= (*w - f) * take;
            }
        }
    }
}

/// Where a status pill may break a line: after a separator dot, as between a date and
/// "Overdue".
const PILL_BREAK: &str = " · ";

/// A pill's text for Word: no-break spaces, but after each [`PILL_BREAK`] dot.
fn pill_text(text: &str) -> String {
    text.split(PILL_BREAK)
        .map(|part| part.replace(' ', "\u{00A0}"))
        .collect::<Vec<_>>()
        .join("\u{00A0}· ")
}

/// The most text (bytes) a cell of a row that may not split across pages holds: about
/// a third of a page in a narrow column.
const MAX_UNSPLIT_CELL: usize = 600;

/// The tone of a cell that holds one toned span and nothing else.
pub(super) fn sole_tone(content: &[Inline]) -> Option<Tone> {
    match content {
        [Inline::Span { tone: Some(t), .. }] => Some(*t),
        _ => None,
    }
}

pub(super) fn is_external(url: &str) -> bool {
    crate::output::link_target(url).is_some()
}

#[cfg(test)]
mod tests {
    use super::{write_run, RunProps};

    #[test]
    fn a_text_keeps_its_spaces_where_it_has_any_to_keep() {
        let run = |text: &str| {
            let mut out = String::new();
            write_run(&mut out, text, &RunProps::default());
            out
        };
        assert!(run("Plain words").contains("<w:t>Plain words</w:t>"));
        for spaced in [" leading", "trailing ", "two  spaces", "a\ttab"] {
            assert!(
                run(spaced).contains(r#"<w:t xml:space="preserve">"#),
                "{spaced:?}"
            );
        }
    }
}
