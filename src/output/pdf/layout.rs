//! Flow layout: blocks become chunks (a line, a table row, a bar…) with their height,
//! spacing and keep-together rules; [`super::paginate`] places them on pages.

use super::draw::{self, Cmd};
use super::fonts::{Face, FontSet};
use super::tags::{Role, Tag};
use super::text::{Base, Line, Paragraphs, Prepared};
use super::PdfWriter;
use crate::document::{Align, Block, CalloutKind, Chart, Check, Inline, ListItem};
use crate::theme::{Rgb, Theme};

/// A background spanning consecutive chunks (callouts, quotes, code): each chunk draws
/// its own slice, so a box split across pages is closed on each page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deco {
    pub(crate) x: f32,
    pub(crate) w: f32,
    pub(crate) fill: Option<Rgb>,
    pub(crate) bar: Option<Rgb>,
    /// This chunk opens the box: its slice does not reach into the gap above.
    pub(crate) first: bool,
}

/// An outline entry carried by the chunk it points at.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub(crate) level: u8,
    pub(crate) title: String,
}

/// An unbreakable piece of content.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    /// Space above, dropped at the top of a page.
    pub(crate) gap: f32,
    pub(crate) height: f32,
    /// Drawing commands, y from the chunk's top.
    pub(crate) cmds: Vec<Cmd>,
    /// Never break a page between this chunk and the next.
    pub(crate) keep_next: bool,
    pub(crate) decos: Vec<Deco>,
    /// A table header (index into [`Flow::headers`]) to draw first on a new page.
    pub(crate) repeat: Option<usize>,
    /// A forced page break (no content).
    pub(crate) brk: bool,
    pub(crate) mark: Option<Mark>,
    /// Baseline of the first text line, for list markers.
    pub(crate) baseline: Option<f32>,
}

/// Sizes after scaling (handout slides are laid out smaller).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub(crate) body: f32,
    pub(crate) title: f32,
    pub(crate) subtitle: f32,
    pub(crate) h2: f32,
    pub(crate) h3: f32,
    pub(crate) h4: f32,
    pub(crate) table: f32,
}

impl Sizes {
    pub(crate) fn of(theme: &Theme, scale: f32) -> Sizes {
        let s = &theme.sizes;
        let f = |v: f32| (v * scale).clamp(1.0, 200.0);
        Sizes {
            body: f(s.body),
            title: f(s.title),
            subtitle: f(s.subtitle),
            h2: f(s.h2),
            h3: f(s.h3),
            h4: f(s.h4),
            table: f(s.table),
        }
    }
}

/// The logo, as the writer decoded it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogoInfo {
    pub(crate) px_w: f32,
    pub(crate) px_h: f32,
}

/// Lays out blocks into chunks.
pub(crate) struct Flow<'a> {
    pub(crate) fonts: &'a FontSet,
    pub(crate) paragraphs: &'a Paragraphs,
    pub(crate) theme: &'a Theme,
    pub(crate) sizes: Sizes,
    pub(crate) chunks: Vec<Chunk>,
    pub(crate) headers: Vec<Chunk>,
    /// The tallest a chunk may be (the page body), for splitting giant table rows.
    pub(crate) max_h: f32,
    pub(crate) logo: Option<LogoInfo>,
    decos: Vec<Deco>,
    pending_gap: f32,
    /// The next chunk starts a box: no gap above it.
    box_start: bool,
    list_depth: usize,
    quote_depth: usize,
    /// Tables set their text smaller (to 70%) before cutting words; slides turn this
    /// off, since the whole slide is set smaller instead.
    pub(crate) shrink_tables: bool,
    /// A table had to cut a word: a slide tries a smaller size first.
    pub(crate) words_cut: bool,
    /// Tables are set dense (smaller type, less leading and padding): the portfolio
    /// report's rows are one line high.
    pub(crate) dense_tables: bool,
    /// Header words too wide for their column are abbreviated ("Conscien.") rather
    /// than cut (the last resort of a slide at its smallest size).
    pub(crate) abbreviate: bool,
    /// The document's language: its hyphenation patterns break words.
    pub(crate) lang: crate::i18n::Lang,
}

impl<'a> Flow<'a> {
    pub(crate) fn new(
        w: &'a PdfWriter,
        scale: f32,
        max_h: f32,
        logo: Option<LogoInfo>,
    ) -> Flow<'a> {
        let theme = &w.theme;
        Flow {
            fonts: &w.fonts,
            paragraphs: &w.paragraphs,
            theme,
            sizes: Sizes::of(theme, scale),
            chunks: Vec::new(),
            headers: Vec::new(),
            max_h: max_h.max(20.0),
            logo,
            decos: Vec::new(),
            pending_gap: 0.0,
            box_start: false,
            list_depth: 0,
            quote_depth: 0,
            shrink_tables: true,
            words_cut: false,
            abbreviate: false,
            dense_tables: false,
            lang: crate::i18n::Lang::En,
        }
    }

    fn space(&mut self, g: f32) {
        self.pending_gap = self.pending_gap.max(g);
    }

    pub(crate) fn push(&mut self, mut c: Chunk) {
        c.gap = if self.box_start {
            0.0
        } else {
            self.pending_gap + c.gap
        };
        self.box_start = false;
        self.pending_gap = 0.0;
        if c.decos.is_empty() {
            c.decos = self.decos.clone();
        }
        self.chunks.push(c);
    }

    fn mark_box_start(&mut self) {
        if let Some(d) = self.chunks.last_mut().and_then(|c| c.decos.last_mut()) {
            d.first = true;
        }
    }

    fn text_color(&self) -> Rgb {
        if self.quote_depth > 0 {
            self.theme.colors.muted
        } else {
            self.theme.colors.text
        }
    }

    /// Lays out inlines as line chunks; the caller sets keep rules.
    fn lines(&self, inlines: &[Inline], base: Base, w: f32, align: Align) -> Vec<Line> {
        Prepared::new(
            self.fonts,
            self.paragraphs,
            &self.theme.colors,
            inlines,
            base,
        )
        .lang(self.lang)
        .lines(&self.theme.colors, w, align)
    }

    fn line_chunk(line: Line, x: f32) -> Chunk {
        let baseline = line.cmds.iter().find_map(|c| match c {
            Cmd::Text { y, .. } => Some(*y),
            _ => None,
        });
        Chunk {
            height: line.height,
            cmds: line.cmds.into_iter().map(|c| c.shifted(x, 0.0)).collect(),
            baseline,
            ..Chunk::default()
        }
    }

    /// Lays out every block at `x`, `w` wide.
    pub(crate) fn blocks(&mut self, blocks: &[Block], x: f32, w: f32) {
        // The chunk range of the block before, and whether it was a table.
        let mut prev: Option<(&Block, usize, usize)> = None;
        for b in blocks {
            let start = self.chunks.len();
            self.block(b, x, w);
            let end = self.chunks.len();
            if let Some(role) = super::tags::block_role(b) {
                self.wrap(start..end, role);
            }
            if let Some((pb, ps, pe)) = prev {
                self.keep_between(pb, ps..pe, b, start..end);
            }
            prev = Some((b, start, end));
        }
    }

    /// Keep rules between two neighbouring blocks: a heading stays with the first two
    /// lines of a list; a short paragraph that introduces a table or a list, or a short
    /// callout over a table, stays with it; a short paragraph or callout right after a
    /// table (an "overdue" note) stays with its last rows.
    fn keep_between(
        &mut self,
        prev: &Block,
        pr: std::ops::Range<usize>,
        next: &Block,
        nr: std::ops::Range<usize>,
    ) {
        if pr.is_empty() || nr.is_empty() {
            return;
        }
        let short = self.max_h / 4.0;
        let height = |r: std::ops::Range<usize>, chunks: &[Chunk]| -> f32 {
            chunks
                .get(r)
                .map_or(0.0, |cs| cs.iter().map(|c| c.gap + c.height).sum())
        };
        // The chunks that keep with the one after them: the last of `prev`, the first
        // line of `next`, or both.
        let (last, first) = (Some(pr.end - 1), Some(nr.start));
        let marks = match (prev, next) {
            (Block::Heading { .. }, Block::List { .. }) => [first, None],
            (Block::Paragraph(_), Block::Table(_)) if pr.len() <= 3 => [last, None],
            // A short callout over a table (the overdue count above the tasks) stays
            // with the table's header and first rows, as a lead-in paragraph does.
            (Block::Callout { .. }, Block::Table(_))
                if height(pr.clone(), &self.chunks) <= short =>
            {
                [last, None]
            }
            // A short paragraph over a list (a service's name over its gaps, a lead-in
            // ending in a colon) stays with the list's first two lines.
            (Block::Paragraph(_), Block::List { .. }) if pr.len() <= 3 => {
                [last, first.filter(|_| nr.len() >= 2)]
            }
            (Block::Table(_), Block::Paragraph(_) | Block::Callout { .. })
                if (matches!(next, Block::Callout { .. }) || nr.len() <= 3)
                    && height(nr.clone(), &self.chunks) <= short =>
            {
                [last, None]
            }
            _ => [None, None],
        };
        for i in marks.into_iter().flatten() {
            if let Some(c) = self.chunks.get_mut(i) {
                c.keep_next = true;
            }
        }
    }

    /// Makes the chunks of `range` one structure element (tagged PDF).
    pub(crate) fn wrap(&mut self, range: std::ops::Range<usize>, role: Role) {
        super::tags::wrap(&mut self.chunks, range, role);
    }

    fn block(&mut self, b: &Block, x: f32, w: f32) {
        let sz = self.sizes;
        match b {
            Block::Heading {
                level,
                classes,
                content,
            } => self.heading(*level, classes, content, x, w),
            Block::Paragraph(inl) => {
                let gap = if self.list_depth > 0 {
                    sz.body * 0.3
                } else {
                    sz.body * 0.65
                };
                self.space(gap);
                let base = Base {
                    size: sz.body,
                    color: self.text_color(),
                    bold: false,
                    italic: self.quote_depth > 0,
                    leading: 1.38,
                };
                // Body paragraphs alone are justified when the theme asks.
                let lines =
                    Prepared::new(self.fonts, self.paragraphs, &self.theme.colors, inl, base)
                        .lang(self.lang)
                        .justify(self.theme.text.justify)
                        .lines(&self.theme.colors, w, Align::Left);
                self.paragraph_lines(lines, x);
            }
            Block::List { start, items } => self.list(*start, items, x, w),
            Block::Table(t) => {
                self.space(sz.body * 0.8);
                super::table::table(self, t, x, w);
                self.space(sz.body * 0.8);
            }
            Block::Callout { kind, blocks } => {
                let (fill, bar) = callout_colors(self.theme, *kind);
                let start = self.chunks.len();
                self.boxed(blocks, x, w, Some(fill), bar);
                // A callout is one piece: never split across pages unless it is taller
                // than a page (the paginator then lets it run on).
                let end = self.chunks.len().saturating_sub(1);
                for c in self.chunks.get_mut(start..end).unwrap_or(&mut []) {
                    c.keep_next = true;
                }
            }
            Block::Quote(blocks) => {
                self.quote_depth += 1;
                self.boxed(blocks, x, w, None, self.theme.colors.rule);
                self.quote_depth -= 1;
            }
            Block::Slide(blocks) => {
                let fill = draw::tint(self.theme.colors.info, 0.3);
                self.boxed(blocks, x, w, Some(fill), self.theme.colors.accent);
            }
            Block::Code(code) => self.code(code, x, w),
            Block::Rule => {
                self.space(sz.body * 0.9);
                self.push(Chunk {
                    height: 1.0,
                    cmds: vec![Cmd::Line {
                        x1: x,
                        y1: 0.5,
                        x2: x + w,
                        y2: 0.5,
                        color: self.theme.colors.rule,
                        width: 0.75,
                        grid: false,
                    }],
                    ..Chunk::default()
                });
                self.space(sz.body * 0.9);
            }
            Block::PageBreak => {
                self.pending_gap = 0.0;
                self.chunks.push(Chunk {
                    brk: true,
                    ..Chunk::default()
                });
            }
            Block::Chart(c) => self.chart(c, x, w),
            Block::Image { src, alt } => self.image(src, alt, x, w),
        }
    }

    fn paragraph_lines(&mut self, lines: Vec<Line>, x: f32) {
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut c = Self::line_chunk(line, x);
            // No orphan (first line alone at a page's foot) and no widow (last line
            // alone at a page's head).
            c.keep_next = n >= 2 && (i == 0 || i + 2 == n);
            self.push(c);
        }
    }

    fn heading(&mut self, level: u8, classes: &[String], content: &[Inline], x: f32, w: f32) {
        let sz = self.sizes;
        let c = &self.theme.colors;
        let subtitle = classes.iter().any(|k| k == "subtitle");
        let (size, bold, color, before, after) = if subtitle {
            (sz.subtitle, false, c.accent, 0.0, sz.body * 0.9)
        } else {
            match level {
                1 => (sz.title, true, c.accent, sz.title * 0.3, sz.body * 0.3),
                2 => (sz.h2, true, c.accent, sz.h2 * 1.3, sz.body * 0.45),
                3 => (sz.h3, true, c.accent, sz.h3 * 1.1, sz.body * 0.3),
                _ => (sz.h4, true, c.accent, sz.h4 * 1.0, sz.body * 0.2),
            }
        };
        let base = Base {
            size,
            color,
            bold,
            italic: false,
            leading: if subtitle { 1.25 } else { 1.18 },
        };
        let lines = self.lines(content, base, w, Align::Left);
        if lines.is_empty() {
            return;
        }
        if subtitle {
            // A subtitle hugs the title above it.
            self.pending_gap = 0.0;
        } else {
            self.space(before);
        }
        let n = lines.len();
        let title = crate::document::plain_text(content)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for (i, line) in lines.into_iter().enumerate() {
            let mut ch = Self::line_chunk(line, x);
            ch.keep_next = true;
            if i == 0 && !subtitle && (2..=3).contains(&level) {
                ch.mark = Some(Mark {
                    level,
                    title: title.clone(),
                });
            }
            if i + 1 == n && level == 2 && !subtitle {
                let y = ch.height + 2.0;
                ch.height += 3.5;
                ch.cmds.push(Cmd::Line {
                    x1: x,
                    y1: y,
                    x2: x + w,
                    y2: y,
                    color: self.theme.colors.rule,
                    width: 0.8,
                    grid: false,
                });
            }
            self.push(ch);
        }
        self.space(after);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], x: f32, w: f32) {
        let sz = self.sizes;
        let depth = self.list_depth;
        // Numbers wider than the usual indent (item 100, or a list starting at 10000)
        // widen it, so they never reach into the margin.
        let widest = start.map_or(0.0, |s| {
            let last = s.saturating_add(items.len().saturating_sub(1) as u64);
            self.fonts
                .face(Face::Regular)
                .width(&format!("{last}."), sz.body)
        });
        let indent = (sz.body * 1.7)
            .max(widest + sz.body * 0.7)
            .min((w * 0.5).max(sz.body * 1.7));
        self.space(if depth == 0 {
            sz.body * 0.5
        } else {
            sz.body * 0.2
        });
        self.list_depth += 1;
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.space(sz.body * 0.25);
            }
            let first = self.chunks.len();
            if item.blocks.is_empty() {
                let line = Line {
                    height: sz.body * 1.38,
                    ..Line::default()
                };
                self.push(Self::line_chunk(line, x + indent));
            } else {
                self.blocks(&item.blocks, x + indent, (w - indent).max(sz.body * 4.0));
            }
            let number = start.map(|s| s.saturating_add(k as u64));
            let color = self.text_color();
            let reg = self.fonts.face(Face::Regular);
            let end = self.chunks.len();
            if let Some(ch) = self.chunks.get_mut(first) {
                let body_start = ch.cmds.len();
                let mut labelled = true;
                let base = ch.baseline.unwrap_or_else(|| {
                    let lh = sz.body * 1.38;
                    (lh - sz.body * (reg.ascent + reg.descent)) / 2.0 + sz.body * reg.ascent
                });
                let c = &self.theme.colors;
                if let Some(state) = item.check {
                    let s = sz.body * 0.85;
                    draw::checkbox(
                        &mut ch.cmds,
                        state,
                        x + indent - s - sz.body * 0.45,
                        base - s * 0.9,
                        s,
                        c,
                    );
                } else if let Some(n) = number {
                    let label = format!("{n}.");
                    let lw = reg.width(&label, sz.body);
                    // Moved first in the chunk below, so text extraction reads "1."
                    // before the item.
                    ch.cmds.push(Cmd::Text {
                        x: (x + indent - lw - sz.body * 0.4).max(x),
                        y: base,
                        face: Face::Regular,
                        size: sz.body,
                        color,
                        text: label,
                    });
                } else {
                    labelled = false;
                    let r = sz.body * 0.16;
                    let cx = x + indent - sz.body * 0.85;
                    let cy = base - sz.body * 0.32;
                    let (fill, stroke) = match depth % 3 {
                        0 => (Some(c.accent), None),
                        1 => (Some(Rgb(255, 255, 255)), Some((c.accent, 0.6))),
                        _ => (Some(c.accent), None),
                    };
                    ch.cmds.push(Cmd::Rect {
                        x: cx - r,
                        y: cy - r,
                        w: 2.0 * r,
                        h: 2.0 * r,
                        fill,
                        stroke,
                        radius: if depth % 3 == 2 { 0.0 } else { r },
                    });
                }
                // The label (number, checkbox or bullet) first, as its own element
                // unless it is a bullet, then the item's body.
                let mut label = ch.cmds.split_off(body_start);
                let mut head = vec![Cmd::Tag(Tag::Open(Role::LI))];
                if labelled {
                    head.push(Cmd::Tag(Tag::Open(Role::Lbl)));
                    head.append(&mut label);
                    head.push(Cmd::Tag(Tag::Close));
                } else {
                    head.append(&mut label);
                }
                head.push(Cmd::Tag(Tag::Open(Role::LBody)));
                ch.cmds.splice(0..0, head);
            }
            if let Some(last) = self.chunks.get_mut(first..end).and_then(|c| c.last_mut()) {
                last.cmds.push(Cmd::Tag(Tag::Close));
                last.cmds.push(Cmd::Tag(Tag::Close));
            }
            if item.check == Some(Check::NotApplicable) {
                // The whole item is greyed, every line of it, not only the first.
                let muted = self.theme.colors.muted;
                for ch in self.chunks.get_mut(first..).unwrap_or(&mut []) {
                    for cmd in &mut ch.cmds {
                        if let Cmd::Text { color, .. } = cmd {
                            *color = muted;
                        }
                    }
                }
            }
        }
        self.list_depth -= 1;
        self.space(if depth == 0 { sz.body * 0.5 } else { 0.0 });
    }

    fn boxed(&mut self, blocks: &[Block], x: f32, w: f32, fill: Option<Rgb>, bar: Rgb) {
        let sz = self.sizes;
        let pad = sz.body * 0.7;
        let bar_w = 3.0;
        self.space(sz.body * 0.8);
        self.decos.push(Deco {
            x,
            w,
            fill,
            bar: Some(bar),
            first: false,
        });
        let top = if fill.is_some() { pad } else { pad * 0.4 };
        self.push(Chunk {
            height: top,
            keep_next: true,
            ..Chunk::default()
        });
        self.mark_box_start();
        self.box_start = true;
        let inner_x = x + bar_w + pad;
        let inner_w = (w - bar_w - 2.0 * pad).max(sz.body * 4.0);
        self.blocks(blocks, inner_x, inner_w);
        if let Some(last) = self.chunks.last_mut() {
            last.keep_next = true;
        }
        self.pending_gap = 0.0;
        self.push(Chunk {
            height: top,
            ..Chunk::default()
        });
        self.decos.pop();
        self.space(sz.body * 0.8);
    }

    fn code(&mut self, code: &str, x: f32, w: f32) {
        let sz = self.sizes;
        let size = sz.body * 0.88;
        let pad = sz.body * 0.6;
        self.space(sz.body * 0.7);
        self.decos.push(Deco {
            x,
            w,
            fill: Some(self.theme.colors.stripe),
            bar: None,
            first: false,
        });
        self.push(Chunk {
            height: pad * 0.7,
            keep_next: true,
            ..Chunk::default()
        });
        self.mark_box_start();
        self.box_start = true;
        let base = Base {
            size,
            color: self.theme.colors.text,
            bold: false,
            italic: false,
            leading: 1.3,
        };
        let text = code.strip_suffix('\n').unwrap_or(code);
        for raw in text.split('\n') {
            // Keep indentation: leading spaces are not break opportunities.
            let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
            let fixed: String = raw
                .chars()
                .enumerate()
                .map(|(i, c)| if i < lead { '\u{00A0}' } else { c })
                .collect();
            let span = [Inline::Span {
                text: fixed,
                style: crate::document::Style {
                    code: true,
                    ..Default::default()
                },
                link: None,
                tone: None,
            }];
            let mut lines = self.lines(&span, base, w - 2.0 * pad, Align::Left);
            if lines.is_empty() {
                lines.push(Line {
                    height: size * 1.3,
                    ..Line::default()
                });
            }
            for l in lines {
                self.push(Self::line_chunk(l, x + pad));
            }
        }
        self.pending_gap = 0.0;
        self.push(Chunk {
            height: pad * 0.7,
            ..Chunk::default()
        });
        self.decos.pop();
        self.space(sz.body * 0.7);
    }

    fn chart(&mut self, c: &Chart, x: f32, w: f32) {
        let sz = self.sizes;
        let col = &self.theme.colors;
        self.space(sz.body * 0.8);
        let n = c.bars.len();
        if !c.title.trim().is_empty() {
            let base = Base {
                size: sz.body,
                color: col.text,
                bold: true,
                italic: false,
                leading: 1.5,
            };
            let title = [Inline::text(c.title.clone())];
            let lines = self.lines(&title, base, w, Align::Left);
            for l in lines {
                let mut ch = Self::line_chunk(l, x);
                ch.keep_next = n > 0;
                self.push(ch);
            }
        }
        let size = sz.table;
        let reg = self.fonts.face(Face::Regular);
        let label_w = (w * 0.34).min(sz.body * 16.0);
        let pct_w = reg.width("100%", size) + size;
        let track_x = x + label_w + size * 0.6;
        let track_w = (x + w - pct_w - track_x).max(size);
        let row_h = size * 2.0;
        let base_y = (row_h - size * (reg.ascent + reg.descent)) / 2.0 + size * reg.ascent;
        for (i, (label, value)) in c.bars.iter().enumerate() {
            let v = if value.is_finite() {
                value.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let mut cmds = Vec::new();
            let label = super::ellipsize(reg, label, size, label_w);
            cmds.push(Cmd::Text {
                x,
                y: base_y,
                face: Face::Regular,
                size,
                color: col.text,
                text: label,
            });
            let bh = row_h * 0.55;
            let by = (row_h - bh) / 2.0;
            cmds.push(Cmd::Rect {
                x: track_x,
                y: by,
                w: track_w,
                h: bh,
                fill: Some(col.stripe),
                stroke: None,
                radius: bh * 0.2,
            });
            if v > 0.0 {
                cmds.push(Cmd::Rect {
                    x: track_x,
                    y: by,
                    w: (track_w * v).max(bh * 0.4),
                    h: bh,
                    fill: Some(col.accent),
                    stroke: None,
                    radius: bh * 0.2,
                });
            }
            let pct = format!("{}%", (v * 100.0).round() as u32);
            let pw = reg.width(&pct, size);
            cmds.push(Cmd::Text {
                x: x + w - pw,
                y: base_y,
                face: Face::Bold,
                size,
                color: col.text,
                text: pct,
            });
            self.push(Chunk {
                height: row_h,
                cmds,
                // A chart is a figure: whole on one page unless it is longer than
                // one, and then never one bar alone at a page's foot or head.
                keep_next: i + 1 < n && (n <= 16 || i == 0 || i + 2 == n),
                ..Chunk::default()
            });
        }
        self.space(sz.body * 0.8);
    }

    fn image(&mut self, src: &str, alt: &str, x: f32, w: f32) {
        let sz = self.sizes;
        let is_logo = {
            let name = self.theme.logo.as_deref().unwrap_or("logo.png");
            let file = src.rsplit(['/', '\\']).next().unwrap_or(src);
            file == name || src == "logo" || file == "logo.png"
        };
        self.space(sz.body * 0.6);
        match self.logo.filter(|_| is_logo) {
            Some(logo) if logo.px_w > 0.0 && logo.px_h > 0.0 => {
                let max_w = (w * 0.4).min(w);
                let max_h = 30.0 * 72.0 / 25.4;
                let s = (max_w / logo.px_w).min(max_h / logo.px_h);
                let (iw, ih) = (logo.px_w * s, logo.px_h * s);
                // An empty text stands for the logo's (worded in the document's language).
                let alt = alt.trim();
                self.push(Chunk {
                    height: ih,
                    cmds: vec![
                        Cmd::Tag(Tag::Open(Role::Figure(alt.to_string()))),
                        Cmd::Image {
                            x,
                            y: 0.0,
                            w: iw,
                            h: ih,
                        },
                        Cmd::Tag(Tag::Close),
                    ],
                    ..Chunk::default()
                });
            }
            _ => {
                // No such image here: say what it was rather than drop it silently.
                let base = Base {
                    size: sz.body,
                    color: self.theme.colors.muted,
                    bold: false,
                    italic: true,
                    leading: 1.38,
                };
                let t = [Inline::text(if alt.trim().is_empty() { src } else { alt })];
                let lines = self.lines(&t, base, w, Align::Left);
                let start = self.chunks.len();
                self.paragraph_lines(lines, x);
                self.wrap(start..self.chunks.len(), Role::P);
            }
        }
        self.space(sz.body * 0.6);
    }
}

/// A callout's fill and left bar colours; the DOCX writer uses the same, so both
/// formats look alike.
pub(crate) fn callout_colors(theme: &Theme, kind: CalloutKind) -> (Rgb, Rgb) {
    let c = &theme.colors;
    match kind {
        CalloutKind::Note => (c.info, c.accent),
        CalloutKind::Tip => (draw::tint(c.good, 0.45), draw::shade(c.good, 0.5)),
        CalloutKind::Important => (draw::tint(c.info, 0.2), draw::shade(c.link, 0.1)),
        CalloutKind::Warning => (draw::tint(c.warn, 0.45), draw::shade(c.warn, 0.45)),
        CalloutKind::Caution => (draw::tint(c.bad, 0.45), draw::shade(c.bad, 0.5)),
    }
}
