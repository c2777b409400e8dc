//! Inline text: styled runs measured with the fonts' advance widths and broken into lines
//! at Unicode (UAX #14) break opportunities; a word is cut only when it cannot fit a line
//! on its own (long URLs, e-mail addresses).

use super::draw::{self, Cmd};
use super::fonts::{Face, FontSet};
use crate::document::{Align, Check, Inline, Tone};
use crate::theme::{Colors, Rgb};
use unicode_linebreak::{linebreaks, BreakOpportunity};

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
struct Piece<'a> {
    start: usize,
    end: usize,
    face: Face,
    size: f32,
    color: Rgb,
    link: Option<&'a str>,
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

/// Inlines turned into one string of styled pieces with their break opportunities.
pub(crate) struct Prepared<'a> {
    text: String,
    pieces: Vec<Piece<'a>>,
    segs: Vec<Seg>,
    fonts: &'a FontSet,
    size: f32,
    leading: f32,
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

/// Whether a token may be cut after `c` in preference to anywhere else.
fn soft_break_after(c: char) -> bool {
    matches!(
        c,
        '@' | '.' | '/' | '-' | '_' | '\\' | '?' | '&' | '=' | '#'
    )
}

/// Cuts a token of `(byte index, advance, char)` into lines of at most `max_w`: at the
/// last soft break point (after `@ . / - _` …) when it leaves the line at least a third
/// full, else where the line fills. Returns the full lines `(start, end, width)` and the
/// start and width of the remainder.
pub(crate) fn cut_token(
    chars: &[(usize, f32, char)],
    start: usize,
    max_w: f32,
) -> (Vec<(usize, usize, f32)>, usize, f32) {
    let mut cuts = Vec::new();
    let mut line_start = start;
    let mut w = 0.0f32;
    // The last soft break in the current line: (index into chars after it, width before).
    let mut soft: Option<(usize, f32)> = None;
    let mut k = 0;
    let mut first_in_line = 0;
    while let Some(&(i, a, c)) = chars.get(k) {
        if k > first_in_line && w + a > max_w {
            match soft.filter(|(_, sw)| *sw >= max_w / 3.0) {
                Some((after, sw)) => {
                    let at = chars.get(after).map_or(i, |x| x.0);
                    cuts.push((line_start, at, sw));
                    line_start = at;
                    w -= sw;
                    first_in_line = after;
                }
                None => {
                    cuts.push((line_start, i, w));
                    line_start = i;
                    w = 0.0;
                    first_in_line = k;
                }
            }
            soft = None;
            // Re-check the same character against the new line.
            continue;
        }
        w += a;
        if soft_break_after(c) && chars.get(k + 1).is_some() {
            soft = Some((k + 1, w));
        }
        k += 1;
    }
    (cuts, line_start, w)
}

impl<'a> Prepared<'a> {
    /// Flattens `inlines` into styled pieces and finds the break opportunities.
    pub(crate) fn new(
        fonts: &'a FontSet,
        colors: &Colors,
        inlines: &'a [Inline],
        base: Base,
    ) -> Prepared<'a> {
        let mut text = String::new();
        let mut pieces: Vec<Piece<'a>> = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Span {
                    text: t,
                    style,
                    link,
                    tone,
                } => {
                    let link = link.as_deref().and_then(crate::output::link_target);
                    let face = Face::styled(
                        base.bold || style.bold,
                        base.italic || style.italic,
                        style.code,
                    );
                    let start = text.len();
                    for c in t.chars() {
                        match c {
                            '\t' | '\n' | '\r' => text.push(' '),
                            '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => {}
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
                                colors.link
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
        let mut p = Prepared {
            text,
            pieces,
            segs: Vec::new(),
            fonts,
            size: base.size,
            leading: base.leading,
        };
        p.segment();
        p
    }

    /// The advance of the character at byte `i` of piece `pi`, badge padding included.
    fn adv(&self, pi: usize, i: usize, c: char) -> f32 {
        let Some(p) = self.pieces.get(pi) else {
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
            let Some(t) = self.text.get(a..b) else {
                continue;
            };
            let t = t.trim_end_matches('\n');
            if !t.is_empty() {
                w += self.fonts.face(p.face).width(t, p.size);
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
        for (idx, op) in linebreaks(&self.text) {
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
    pub(crate) fn min_max(&self) -> (f32, f32) {
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

    /// Breaks the text into lines of at most `max_w` points, aligned within `max_w`.
    pub(crate) fn lines(&self, colors: &Colors, max_w: f32, align: Align) -> Vec<Line> {
        let max_w = max_w.max(1.0);
        let mut ranges: Vec<(usize, usize, f32)> = Vec::new();
        let mut ls = 0;
        let mut le = 0;
        let mut lw = 0.0;
        let mut pending = 0.0;
        let mut has = false;
        for s in &self.segs {
            if has && lw + pending + s.cw > max_w + 0.01 {
                ranges.push((ls, le, lw));
                has = false;
            }
            if !has {
                ls = s.start;
                lw = 0.0;
                pending = 0.0;
                if s.cw > max_w + 0.01 {
                    // A word longer than the line (an e-mail address, a URL): cut it
                    // after its last `@ . / - _` that fills at least a third of the
                    // line, and only where there is none, where it fills the line.
                    let mut chars: Vec<(usize, f32, char)> = Vec::new();
                    self.each_char(s.start, s.content_end, |pi, i, c| {
                        chars.push((i, self.adv(pi, i, c), c));
                    });
                    let (cuts, cut_start, w) = cut_token(&chars, s.start, max_w);
                    ranges.extend(cuts);
                    ls = cut_start;
                    lw = w;
                    le = s.content_end;
                    pending = s.tw;
                    has = true;
                    if s.mandatory {
                        ranges.push((ls, le, lw));
                        has = false;
                    }
                    continue;
                }
            }
            if s.cw > 0.0 || has {
                lw += pending + s.cw;
                pending = s.tw;
                le = s.content_end;
                has = true;
            } else {
                pending += s.tw;
            }
            if s.mandatory {
                if !has {
                    le = s.start;
                    ls = s.start;
                    lw = 0.0;
                }
                ranges.push((ls, le, lw));
                has = false;
            }
        }
        if has {
            ranges.push((ls, le, lw));
        }
        ranges
            .into_iter()
            .map(|(a, b, w)| self.line(colors, a, b, w, max_w, align))
            .collect()
    }

    fn line(&self, colors: &Colors, a: usize, b: usize, w: f32, max_w: f32, align: Align) -> Line {
        let size = self.size;
        let reg = self.fonts.face(Face::Regular);
        let height = size * self.leading;
        let baseline = (height - size * (reg.ascent + reg.descent)) / 2.0 + size * reg.ascent;
        let mut x = match align {
            Align::Left => 0.0,
            Align::Center => ((max_w - w) / 2.0).max(0.0),
            Align::Right => (max_w - w).max(0.0),
        };
        let mut back = Vec::new();
        let mut front = Vec::new();
        let first = self.pieces.partition_point(|p| p.end <= a);
        for p in self.pieces.iter().skip(first) {
            if p.start >= b {
                break;
            }
            let s = p.start.max(a);
            let e = p.end.min(b);
            if let Some(state) = p.check {
                let cs = check_size(p.size);
                draw::checkbox(&mut front, state, x, baseline - cs * 0.9, cs, colors);
                x += check_size(p.size) + p.size * 0.3;
                continue;
            }
            let Some(t) = self.text.get(s..e) else {
                continue;
            };
            let t = t.trim_end_matches('\n');
            if t.is_empty() {
                continue;
            }
            let x0 = x;
            let tx = if p.tone.is_some() && s == p.start {
                x + badge_pad(p.size)
            } else {
                x
            };
            x += self.width(s, e);
            if let Some(tone) = p.tone {
                back.push(Cmd::Rect {
                    x: x0,
                    y: baseline - p.size * 0.86,
                    w: x - x0,
                    h: p.size * 1.12,
                    fill: Some(tone_color(colors, tone)),
                    stroke: None,
                    radius: p.size * 0.25,
                });
            }
            let shown = t.trim_end_matches(' ');
            if !shown.is_empty() {
                front.push(Cmd::Text {
                    x: tx,
                    y: baseline,
                    face: p.face,
                    size: p.size,
                    color: p.color,
                    text: shown.to_string(),
                });
            }
            if let Some(uri) = p.link {
                front.push(Cmd::Link {
                    x: x0,
                    y: 0.0,
                    w: x - x0,
                    h: height,
                    uri: uri.to_string(),
                });
            }
        }
        back.extend(front);
        Line { height, cmds: back }
    }
}

#[cfg(test)]
mod tests {
    use super::cut_token;

    fn chars(s: &str) -> Vec<(usize, f32, char)> {
        s.char_indices().map(|(i, c)| (i, 1.0, c)).collect()
    }

    #[test]
    fn long_tokens_break_after_separators() {
        let s = "estevao.estevez@itautextil.onmicrosoft.com";
        let (cuts, rest, _) = cut_token(&chars(s), 0, 30.0);
        let mut parts: Vec<&str> = cuts.iter().map(|(a, b, _)| &s[*a..*b]).collect();
        parts.push(&s[rest..]);
        assert_eq!(
            parts,
            ["estevao.estevez@itautextil.", "onmicrosoft.com"],
            "{parts:?}"
        );
    }

    #[test]
    fn tokens_without_separators_fill_the_line() {
        let s = "abcdefghij";
        let (cuts, rest, w) = cut_token(&chars(s), 0, 4.0);
        assert_eq!(cuts.len(), 2);
        assert_eq!(&s[rest..], "ij");
        assert!((w - 2.0).abs() < 0.01);
    }
}
