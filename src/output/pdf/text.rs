//! Inline text: styled runs measured with the fonts' advance widths and broken into lines
//! at Unicode (UAX #14) break opportunities ([`breaks`]). A word that cannot fit a line on
//! its own is broken at a hyphenation point ([`super::hyph`]), else cut (long URLs,
//! e-mail addresses). Justified text stretches its word spaces; a paragraph whose first
//! strong character is right to left is set right-aligned, each line in visual order.

use super::draw::{self, Cmd};
use super::fonts::{Face, FontSet};
use crate::document::{Align, Check, Inline, Tone};
use crate::i18n::Lang;
use crate::theme::{Colors, Rgb};
use std::sync::Arc;
use unicode_bidi::BidiInfo;
use unicode_linebreak::BreakOpportunity;

mod breaks;
mod cache;
mod words;
use breaks::Brk;
pub(crate) use cache::Paragraphs;

/// The text drawn for a hyphen the line breaker inserts (at a hyphenation point or at a
/// soft hyphen of the input): a plain hyphen-minus, which text extraction joins back
/// into the word (poppler's `pdftotext` drops a hyphen that
/// ends a line and joins the lines; a soft hyphen, as a glyph's `ToUnicode` or an
/// `/ActualText`, comes back as U+00AD and a line break inside the word, an empty
/// `/ActualText` as the word cut in two).
const INSERTED_HYPHEN: &str = "-";

/// Stands for an inline checkbox in the text given to the line breaker.
const OBJECT: char = '\u{FFFC}';

/// The base style of a run of inlines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Base {
    pub(crate) size: f32,
    pub(crate) color: Rgb,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    /// Line height as a multiple of the size.
    pub(crate) leading: f32,
}

#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    end: usize,
    face: Face,
    size: f32,
    color: Rgb,
    link: Option<Box<str>>,
    tone: Option<Tone>,
    check: Option<Check>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    start: usize,
    content_end: usize,
    /// Width of the content (without trailing spaces).
    cw: f32,
    /// Width of the trailing spaces.
    tw: f32,
    mandatory: bool,
}

/// What a paragraph's inlines and base style make, whatever width it is set to: one
/// string of styled pieces, its break opportunities and its shaped widths. Kept from its
/// second use and shared for the rest of the run ([`Paragraphs`]): a batch's documents
/// repeat their headings, labels, statuses and boilerplate.
pub(crate) struct Measured {
    text: String,
    pieces: Vec<Piece>,
    segs: Vec<Seg>,
    /// The shaped width of `text` up to each byte, in points: every piece's text is
    /// shaped once, and any range's width is a difference (line breaking measures each
    /// segment, each line and each justified word).
    upto: Vec<f64>,
    size: f32,
    leading: f32,
    /// Where the input had soft hyphens (U+00AD), ascending byte indices into `text`:
    /// the characters themselves are not kept (invisible, zero width), the breaker
    /// may end a line there with an inserted hyphen.
    shy: Vec<usize>,
}

/// A paragraph ready to be broken into lines: its measured text, the fonts that draw
/// it, and how its lines are set.
pub(crate) struct Prepared<'a> {
    m: Arc<Measured>,
    fonts: &'a FontSet,
    /// The language whose hyphenation patterns break words.
    lang: Lang,
    /// Lines are justified (body paragraphs, when the theme says so).
    justify: bool,
}

/// Where an item of a line is drawn: its left edge and width, the growth of each of its
/// word spaces, the line's baseline and height.
#[derive(Debug, Clone, Copy)]
struct Placed {
    x: f32,
    w: f32,
    extra: f32,
    baseline: f32,
    height: f32,
}

/// One laid-out line: its height and drawing commands (x from the line's left edge,
/// y from its top).
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub(crate) height: f32,
    pub(crate) cmds: Vec<Cmd>,
}

/// The colour a tone fills its badge or cell with.
pub(crate) fn tone_color(colors: &Colors, tone: Tone) -> Rgb {
    match tone {
        Tone::Good => colors.good,
        Tone::Warn => colors.warn,
        Tone::Bad => colors.bad,
        Tone::Muted => colors.na,
        Tone::Info => colors.info,
    }
}

fn badge_pad(size: f32) -> f32 {
    size * 0.3
}

fn check_size(size: f32) -> f32 {
    size * 0.82
}

/// The shaped width of `text` up to each byte (`text.len() + 1` entries), in points:
/// each piece shaped once in its face at its size; line breaks and check boxes measure
/// nothing here.
fn shaped_widths(fonts: &FontSet, text: &str, pieces: &[Piece]) -> Vec<f64> {
    let mut adv = vec![0.0f32; text.len()];
    for p in pieces {
        if p.check.is_some() {
            continue;
        }
        let (Some(t), Some(out)) = (text.get(p.start..p.end), adv.get_mut(p.start..p.end)) else {
            continue;
        };
        let face = fonts.face(p.face);
        let mut at = 0;
        for line in t.split('\n') {
            if let Some(o) = out.get_mut(at..at + line.len()) {
                if !line.is_empty() {
                    face.advances(line, o);
                }
                for a in o.iter_mut() {
                    *a *= p.size;
                }
            }
            at += line.len() + 1;
        }
    }
    let mut upto = Vec::with_capacity(text.len() + 1);
    let mut sum = 0.0f64;
    upto.push(sum);
    for a in adv {
        sum += f64::from(a);
        upto.push(sum);
    }
    upto
}

impl Measured {
    /// Flattens `inlines` into styled pieces, shapes them and finds the break
    /// opportunities.
    fn new(fonts: &FontSet, link_color: Rgb, inlines: &[Inline], base: Base) -> Measured {
        let mut text = String::new();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut shy: Vec<usize> = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Span {
                    text: t,
                    style,
                    link,
                    tone,
                } => {
                    let link = link
                        .as_deref()
                        .and_then(crate::output::link_target)
                        .map(Box::from);
                    let face = Face::styled(
                        base.bold || style.bold,
                        base.italic || style.italic,
                        style.code,
                    );
                    let start = text.len();
                    for c in t.chars() {
                        match c {
                            '\t' | '\n' | '\r' => text.push(' '),
                            '\u{00AD}' => {
                                if shy.last() != Some(&text.len()) {
                                    shy.push(text.len());
                                }
                            }
                            '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
                            c if c.is_control() => {}
                            '\u{00A0}' | '\u{202F}' => text.push(c),
                            c if c.is_whitespace() => text.push(' '),
                            // Every other character is kept: the shaper finds a font for
                            // it, or leaves it undrawn (a warning names it).
                            c => text.push(c),
                        }
                    }
                    if text.len() > start {
                        pieces.push(Piece {
                            start,
                            end: text.len(),
                            face,
                            size: base.size,
                            color: if link.is_some() {
                                link_color
                            } else {
                                base.color
                            },
                            link,
                            tone: *tone,
                            check: None,
                        });
                    }
                }
                Inline::Check(state) => {
                    let start = text.len();
                    text.push(OBJECT);
                    pieces.push(Piece {
                        start,
                        end: text.len(),
                        face: Face::Regular,
                        size: base.size,
                        color: base.color,
                        link: None,
                        tone: None,
                        check: Some(*state),
                    });
                }
                Inline::LineBreak => {
                    let start = text.len();
                    text.push('\n');
                    pieces.push(Piece {
                        start,
                        end: text.len(),
                        face: Face::Regular,
                        size: base.size,
                        color: base.color,
                        link: None,
                        tone: None,
                        check: None,
                    });
                }
            }
        }
        let upto = shaped_widths(fonts, &text, &pieces);
        let mut m = Measured {
            text,
            pieces,
            segs: Vec::new(),
            upto,
            size: base.size,
            leading: base.leading,
            shy,
        };
        m.segment();
        m
    }

    /// The shaped width of bytes `start..end`, badge padding included.
    fn width(&self, start: usize, end: usize) -> f32 {
        let mut w = 0.0;
        let first = self.pieces.partition_point(|p| p.end <= start);
        for p in self.pieces.iter().skip(first) {
            if p.start >= end {
                break;
            }
            let a = p.start.max(start);
            let b = p.end.min(end);
            if p.check.is_some() {
                w += check_size(p.size) + p.size * 0.3;
                continue;
            }
            if let (Some(x), Some(y)) = (self.upto.get(a), self.upto.get(b)) {
                w += (y - x) as f32;
            }
            if p.tone.is_some() {
                if a == p.start {
                    w += badge_pad(p.size);
                }
                if b == p.end {
                    w += badge_pad(p.size);
                }
            }
        }
        w
    }

    /// Calls `f(piece index, byte index, char)` for every character in `range`.
    fn each_char(&self, start: usize, end: usize, mut f: impl FnMut(usize, usize, char)) {
        let first = self.pieces.partition_point(|p| p.end <= start);
        for (pi, p) in self.pieces.iter().enumerate().skip(first) {
            if p.start >= end {
                break;
            }
            let a = p.start.max(start);
            let b = p.end.min(end);
            if let Some(s) = self.text.get(a..b) {
                for (off, c) in s.char_indices() {
                    f(pi, a + off, c);
                }
            }
        }
    }

    /// Whether byte `idx` falls inside an inline-code piece, not after a space.
    fn inside_code(&self, idx: usize) -> bool {
        let i = self.pieces.partition_point(|p| p.end <= idx);
        let Some(p) = self.pieces.get(i) else {
            return false;
        };
        p.face == Face::Mono
            && p.start < idx
            && !self
                .text
                .get(..idx)
                .is_some_and(|t| t.ends_with(' ') || t.ends_with('\u{00A0}'))
    }

    /// Whether byte `idx` falls strictly inside a toned piece (a pill).
    fn inside_tone(&self, idx: usize) -> bool {
        let i = self.pieces.partition_point(|p| p.end <= idx);
        self.pieces
            .get(i)
            .is_some_and(|p| p.tone.is_some() && p.start < idx)
    }

    fn segment(&mut self) {
        let mut segs = Vec::new();
        let mut prev = 0;
        for (idx, op) in words::breaks(&self.text, words::scripts(&self.text)) {
            if idx <= prev {
                continue;
            }
            // Code (a command, a path) breaks only at its spaces: "Get-MgUser" stays
            // whole unless it cannot fit a line at all.
            if op == BreakOpportunity::Allowed && self.inside_code(idx) {
                continue;
            }
            // A status pill ("In progress") is one piece: never broken inside itself.
            if op == BreakOpportunity::Allowed && self.inside_tone(idx) {
                continue;
            }
            let s = self.text.get(prev..idx).unwrap_or("");
            let trimmed = s.trim_end_matches([' ', '\n']);
            let content_end = prev + trimmed.len();
            let cw = self.width(prev, content_end);
            let tw = self.width(content_end, idx);
            let mandatory = op == BreakOpportunity::Mandatory && s.ends_with('\n');
            segs.push(Seg {
                start: prev,
                content_end,
                cw,
                tw,
                mandatory,
            });
            prev = idx;
        }
        self.segs = segs;
    }

    /// The narrowest width without cutting a word, and the width on one line.
    fn min_max(&self) -> (f32, f32) {
        let mut min: f32 = 0.0;
        let mut max: f32 = 0.0;
        let mut line: f32 = 0.0;
        let mut pending: f32 = 0.0;
        for s in &self.segs {
            min = min.max(s.cw);
            if s.cw > 0.0 {
                line += pending + s.cw;
                pending = s.tw;
            } else {
                pending += s.tw;
            }
            max = max.max(line);
            if s.mandatory {
                line = 0.0;
                pending = 0.0;
            }
        }
        (min, max)
    }

    /// About how many bytes the paragraph holds (what the cache counts against its
    /// bound): its vectors' capacities, not only their lengths.
    fn bytes(&self) -> usize {
        std::mem::size_of::<Measured>()
            + self.text.capacity()
            + self.pieces.capacity() * std::mem::size_of::<Piece>()
            + self
                .pieces
                .iter()
                .filter_map(|p| p.link.as_ref())
                .map(|l| l.len())
                .sum::<usize>()
            + self.segs.capacity() * std::mem::size_of::<Seg>()
            + self.upto.capacity() * std::mem::size_of::<f64>()
            + self.shy.capacity() * std::mem::size_of::<usize>()
    }
}

impl<'a> Prepared<'a> {
    /// `inlines` in the `base` style, measured now or found among the paragraphs
    /// measured before.
    pub(crate) fn new(
        fonts: &'a FontSet,
        paragraphs: &Paragraphs,
        colors: &Colors,
        inlines: &[Inline],
        base: Base,
    ) -> Prepared<'a> {
        let m = paragraphs.get_or_measure(fonts, colors.link, inlines, base);
        Prepared {
            m,
            fonts,
            lang: Lang::En,
            justify: false,
        }
    }

    /// The narrowest width without cutting a word, and the width on one line.
    pub(crate) fn min_max(&self) -> (f32, f32) {
        self.m.min_max()
    }

    /// Words are hyphenated with `lang`'s patterns (English unless set).
    pub(crate) fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Lines but the last (and those ended by a line break) are justified.
    pub(crate) fn justify(mut self, on: bool) -> Self {
        self.justify = on;
        self
    }

    /// The advance of the character at byte `i` of piece `pi`, badge padding included.
    fn adv(&self, pi: usize, i: usize, c: char) -> f32 {
        let Some(p) = self.m.pieces.get(pi) else {
            return 0.0;
        };
        if let Some(_state) = p.check {
            return check_size(p.size) + p.size * 0.3;
        }
        if c == '\n' {
            return 0.0;
        }
        let mut w = self.fonts.face(p.face).advance(c) * p.size;
        if p.tone.is_some() {
            if i == p.start {
                w += badge_pad(p.size);
            }
            if i + c.len_utf8() == p.end {
                w += badge_pad(p.size);
            }
        }
        w
    }

    /// How many lines the text takes at most `max_w` points wide (one when empty).
    pub(crate) fn line_count(&self, max_w: f32) -> usize {
        self.breaks(max_w.max(1.0)).len().max(1)
    }

    /// Whether the text has a line break of its own (a `<br>` in a cell).
    pub(crate) fn has_line_break(&self) -> bool {
        self.m.segs.iter().any(|s| s.mandatory)
    }

    /// Breaks the text into lines of at most `max_w` points, aligned within `max_w`
    /// (a right-to-left paragraph's `Left` is its right edge).
    pub(crate) fn lines(&self, colors: &Colors, max_w: f32, align: Align) -> Vec<Line> {
        let max_w = max_w.max(1.0);
        let brks = self.breaks(max_w);
        let bidi = self.rtl_paragraph();
        let align = match (&bidi, align) {
            (Some(_), Align::Left) => Align::Right,
            (_, a) => a,
        };
        brks.iter()
            .map(|r| self.line(colors, r, max_w, align, bidi.as_ref()))
            .collect()
    }

    /// The bidi analysis of a paragraph whose first strong character is right to left
    /// (Unicode bidi P2, P3), `None` for a left-to-right one.
    fn rtl_paragraph(&self) -> Option<BidiInfo<'_>> {
        if !super::shape::maybe_rtl(&self.m.text) {
            return None;
        }
        let first = BidiInfo::new(&self.m.text, None)
            .paragraphs
            .first()
            .is_some_and(|p| p.level.is_rtl());
        // Every line of the text (a line break is a bidi paragraph end) takes the
        // direction of the first.
        first.then(|| BidiInfo::new(&self.m.text, Some(unicode_bidi::Level::rtl())))
    }

    /// The pieces of bytes `a..b` in visual order: (piece, start, end, right to left).
    /// A left-to-right paragraph keeps its pieces in order (each drawn text is put in
    /// order by the shaper); a right-to-left one is reordered by its bidi levels.
    fn visual(
        &self,
        a: usize,
        b: usize,
        bidi: Option<&BidiInfo>,
    ) -> Vec<(usize, usize, usize, bool)> {
        let clip = |out: &mut Vec<(usize, usize, usize, bool)>, s: usize, e: usize, rtl: bool| {
            let first = self.m.pieces.partition_point(|p| p.end <= s);
            let from = out.len();
            for (pi, p) in self.m.pieces.iter().enumerate().skip(first) {
                if p.start >= e {
                    break;
                }
                out.push((pi, p.start.max(s), p.end.min(e), rtl));
            }
            if rtl {
                if let Some(tail) = out.get_mut(from..) {
                    tail.reverse();
                }
            }
        };
        let mut out = Vec::new();
        let para = bidi.and_then(|info| {
            info.paragraphs
                .iter()
                .find(|p| p.range.start <= a && a < p.range.end.max(p.range.start + 1))
                .map(|p| (info, p))
        });
        match para {
            Some((info, para)) if a < b => {
                let end = b.min(para.range.end);
                let (levels, runs) = info.visual_runs(para, a..end);
                for run in runs {
                    let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                    clip(&mut out, run.start, run.end, rtl);
                }
            }
            _ => clip(&mut out, a, b, false),
        }
        out
    }

    fn line(
        &self,
        colors: &Colors,
        r: &Brk,
        max_w: f32,
        align: Align,
        bidi: Option<&BidiInfo>,
    ) -> Line {
        let size = self.m.size;
        let reg = self.fonts.face(Face::Regular);
        let height = size * self.m.leading;
        let baseline = (height - size * (reg.ascent + reg.descent)) / 2.0 + size * reg.ascent;
        let items = self.visual(r.a, r.b, bidi);
        // Justified: every item is cut into words (each keeps its spaces), and each
        // word space gets `extra` more.
        let stretch = self.justify && (r.stretch || r.w > max_w + 0.01);
        // (Left empty when not stretched: each item is then one text.)
        let chunks: Vec<Vec<(usize, usize)>> = if stretch {
            items
                .iter()
                .map(|&(pi, s, e, _)| {
                    let whole = self
                        .m
                        .pieces
                        .get(pi)
                        .is_some_and(|p| p.tone.is_some() || p.check.is_some());
                    if whole {
                        vec![(s, e)]
                    } else {
                        self.words(s, e)
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let extra = if stretch {
            let gaps = chunks
                .iter()
                .flatten()
                .filter(|(s, e)| self.m.text.get(*s..*e).is_some_and(|t| t.ends_with(' ')))
                .count();
            breaks::extra_space(self, r.w, max_w, gaps)
        } else {
            0.0
        };
        let mut x = if extra != 0.0 {
            0.0
        } else {
            match align {
                Align::Left => 0.0,
                Align::Center => ((max_w - r.w) / 2.0).max(0.0),
                Align::Right => (max_w - r.w).max(0.0),
            }
        };
        let mut back = Vec::new();
        // About one text an item (more when justified, cut into words).
        let mut front = Vec::with_capacity(items.len() + 1);
        // A right-to-left paragraph's items are placed in visual order and drawn in
        // logical order (what a reader of the structure and copying follow).
        let mut placed: Vec<(usize, f32, f32, usize)> = Vec::new();
        let mut hyphen_at: Option<(f32, usize)> = None;
        for (k, &(pi, s, e, rtl)) in items.iter().enumerate() {
            let one = [(s, e)];
            let ch = chunks.get(k).map_or(&one[..], Vec::as_slice);
            let w = self.item_width(pi, s, e, ch, extra);
            if bidi.is_some() {
                placed.push((s, x, w, k));
            } else {
                let at = Placed {
                    x,
                    w,
                    extra,
                    baseline,
                    height,
                };
                self.draw_item(colors, (pi, s, e, rtl), ch, at, &mut back, &mut front);
            }
            x += w;
            if r.hyphen && e == r.b && hyphen_at.is_none() {
                hyphen_at = Some((x, pi));
                x += self.hyphen_width(pi);
            }
        }
        placed.sort_by_key(|p| p.0);
        for (_, x, w, k) in placed {
            let Some(&(pi, s, e, rtl)) = items.get(k) else {
                continue;
            };
            let one = [(s, e)];
            let ch = chunks.get(k).map_or(&one[..], Vec::as_slice);
            let at = Placed {
                x,
                w,
                extra,
                baseline,
                height,
            };
            self.draw_item(colors, (pi, s, e, rtl), ch, at, &mut back, &mut front);
        }
        if let Some((hx, pi)) = hyphen_at {
            if let Some(p) = self.m.pieces.get(pi) {
                front.push(Cmd::Text {
                    x: hx,
                    y: baseline,
                    face: p.face,
                    size: p.size,
                    color: p.color,
                    text: INSERTED_HYPHEN.to_string(),
                });
            }
        }
        // Backgrounds first (most lines have none: then the texts are the line).
        let cmds = if back.is_empty() {
            front
        } else {
            back.extend(front);
            back
        };
        Line { height, cmds }
    }

    /// Cuts bytes `s..e` after each run of spaces.
    fn words(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let Some(t) = self.m.text.get(s..e) else {
            return out;
        };
        let mut start = s;
        let mut in_space = false;
        for (off, c) in t.char_indices() {
            let i = s + off;
            if c == ' ' {
                in_space = true;
            } else if in_space {
                out.push((start, i));
                start = i;
                in_space = false;
            }
        }
        if e > start {
            out.push((start, e));
        }
        out
    }

    /// The width an item takes on its line: its text, its badge, its stretched spaces.
    fn item_width(
        &self,
        pi: usize,
        s: usize,
        e: usize,
        chunks: &[(usize, usize)],
        extra: f32,
    ) -> f32 {
        if let Some(p) = self.m.pieces.get(pi) {
            if p.check.is_some() {
                return check_size(p.size) + p.size * 0.3;
            }
        }
        let stretched = if extra != 0.0 {
            chunks
                .iter()
                .filter(|(a, b)| self.m.text.get(*a..*b).is_some_and(|t| t.ends_with(' ')))
                .count() as f32
                * extra
        } else {
            0.0
        };
        self.m.width(s, e) + stretched
    }

    /// The width of the hyphen inserted after piece `pi`.
    fn hyphen_width(&self, pi: usize) -> f32 {
        self.m
            .pieces
            .get(pi)
            .map_or(0.0, |p| self.fonts.face(p.face).width("-", p.size))
    }

    /// Draws one item (a piece's part of a line) at `at`.
    fn draw_item(
        &self,
        colors: &Colors,
        (pi, s, e, rtl): (usize, usize, usize, bool),
        chunks: &[(usize, usize)],
        at: Placed,
        back: &mut Vec<Cmd>,
        front: &mut Vec<Cmd>,
    ) {
        let Placed {
            mut x,
            w,
            extra,
            baseline,
            height,
        } = at;
        let Some(p) = self.m.pieces.get(pi) else {
            return;
        };
        if let Some(state) = p.check {
            let cs = check_size(p.size);
            draw::checkbox(front, state, x, baseline - cs * 0.9, cs, colors);
            return;
        }
        let Some(t) = self.m.text.get(s..e) else {
            return;
        };
        let t = t.trim_end_matches('\n');
        if t.is_empty() {
            return;
        }
        let x0 = x;
        let x_end = x0 + w;
        if let Some(tone) = p.tone {
            back.push(Cmd::Rect {
                x: x0,
                y: baseline - p.size * 0.86,
                w,
                h: p.size * 1.12,
                fill: Some(tone_color(colors, tone)),
                stroke: None,
                radius: p.size * 0.25,
            });
            if s == p.start {
                x += badge_pad(p.size);
            }
        }
        let mut text_at = |x: f32, text: &str| {
            if !text.is_empty() {
                front.push(Cmd::Text {
                    x,
                    y: baseline,
                    face: p.face,
                    size: p.size,
                    color: p.color,
                    text: rtl_text(text, rtl),
                });
            }
        };
        if let [_] = chunks {
            // One text: a left-to-right one without the spaces that end it (a reader
            // of the structure gets a space from the page writer), a right-to-left one
            // whole (its spaces are drawn on its left).
            if rtl {
                text_at(x, t);
            } else {
                text_at(x, t.trim_end_matches(' '));
            }
        } else if rtl {
            // Words from the right edge, in logical order.
            let mut right = x_end;
            for &(a, b) in chunks {
                let cw = self.m.width(a, b);
                let tail = self.m.text.get(a..b).unwrap_or("");
                let gap = if tail.ends_with(' ') { extra } else { 0.0 };
                text_at(right - cw, tail);
                right -= cw + gap;
            }
        } else {
            for &(a, b) in chunks {
                let cw = self.m.width(a, b);
                let tail = self.m.text.get(a..b).unwrap_or("");
                let gap = if tail.ends_with(' ') { extra } else { 0.0 };
                text_at(x, tail.trim_end_matches('\n'));
                x += cw + gap;
            }
        }
        if let Some(uri) = &p.link {
            front.push(Cmd::Link {
                x: x0,
                y: 0.0,
                w,
                h: height,
                uri: uri.to_string(),
            });
        }
    }
}

/// The right-to-left mark [`rtl_text`] puts before a right-to-left item without a letter
/// of its direction: for the shaper only (the page writer draws and maps nothing for it).
pub(super) const RLM: &str = "\u{200F}";

/// The text of a right-to-left item as the shaper must see it. An item the bidi levels
/// set right to left but holding no right-to-left letter (the `)` that closes
/// "(Teams, OneDrive)" in Hebrew, alone at its level) would be shaped left to right on its
/// own, its bracket not mirrored: a right-to-left mark before it (drawn as nothing) gives
/// the shaper the item's direction.
fn rtl_text(text: &str, rtl: bool) -> String {
    let strong_rtl = || {
        text.chars().any(|c| {
            matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            )
        })
    };
    if rtl && !strong_rtl() {
        format!("{RLM}{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod rtl_tests {
    use super::rtl_text;
    use crate::output::pdf::fonts::{Face, FontSet};

    #[test]
    fn a_right_to_left_item_without_a_letter_is_shaped_mirrored() {
        let fonts = FontSet::load(
            &crate::theme::Theme::default(),
            &crate::template::Assets::default(),
        )
        .expect("fonts");
        let lib = fonts.lib();
        let gids = |t: &str| -> Vec<u16> {
            lib.shape(Face::Regular, t)
                .runs
                .iter()
                .flat_map(|r| r.glyphs.iter().map(|g| g.gid))
                .collect()
        };
        let open = gids("(");
        assert_ne!(gids(")"), open);
        // The ")" closing "(Teams, OneDrive)" in Hebrew, an item of its own: drawn as
        // the "(" glyph, mirrored, as the bidi level says.
        assert_eq!(gids(&rtl_text(")", true)).first(), open.first());
        assert_eq!(rtl_text(")", false), ")");
        assert_eq!(
            rtl_text("שלבים (", true),
            "שלבים (",
            "a Hebrew letter says it"
        );
    }
}
