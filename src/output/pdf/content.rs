//! Page content streams, written directly as bytes.
//!
//! printpdf turns every page operation into a handful of lopdf objects and encodes them
//! back into text; for our table-heavy pages that was over half the writing time. We
//! write the pages' drawing operators ourselves; text is shaped ([`super::shape`]) and
//! written as glyph ids of the document's fonts ([`super::embed`]).

use super::draw::Cmd;
use super::embed::DocFonts;
use super::fonts::{Face, FontSet};
use super::tags::{Mark, Tagger};
use super::text::RLM;
use crate::theme::Rgb;
use std::io::Write;

/// `v` in hundredths, rounded (0 for a value that is not finite).
fn hundredths(v: f32) -> i64 {
    let v = if v.is_finite() { v } else { 0.0 };
    super::obj::rounded(f64::from(v) * 100.0)
}

/// Writes `v` with at most two decimals.
fn num(out: &mut Vec<u8>, v: f32) {
    centi(out, hundredths(v));
}

/// Writes `h` hundredths as a number with at most two decimals.
fn centi(out: &mut Vec<u8>, h: i64) {
    if h < 0 {
        out.push(b'-');
    }
    let h = h.unsigned_abs();
    int(out, h / 100);
    let f = h % 100;
    if f != 0 {
        out.push(b'.');
        out.push(b'0' + (f / 10) as u8);
        if !f.is_multiple_of(10) {
            out.push(b'0' + (f % 10) as u8);
        }
    }
}

/// Writes a non-negative integer without the formatting machinery (hot path). Below
/// 1,000 (a page's coordinates, in points) digit by digit: copying from a buffer is a
/// call to `memcpy` for a few bytes.
fn int(out: &mut Vec<u8>, mut v: u64) {
    let digit = |d: u64| b'0' + (d % 10) as u8;
    if v < 10 {
        out.push(digit(v));
        return;
    }
    if v < 100 {
        out.extend_from_slice(&[digit(v / 10), digit(v)]);
        return;
    }
    if v < 1000 {
        out.extend_from_slice(&[digit(v / 100), digit(v / 10), digit(v)]);
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(i..).unwrap_or(&[]));
}

/// A two-byte character code inside a literal string: its bytes as they are, but the
/// three that delimit or escape (`(`, `)`, `\`) and the end-of-line bytes escaped (a
/// bare carriage return, alone or before a line feed, would be read as a line feed; a
/// line feed is escaped alike, so no line of the stream is broken inside a string).
/// Half the size of the same code in hexadecimal, and so less to deflate.
fn code2(out: &mut Vec<u8>, v: u16) {
    for b in v.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
}

/// `v` as four uppercase hexadecimal digits.
pub(super) fn hex4(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((v >> shift) & 0xF)]);
    }
}

fn nums(out: &mut Vec<u8>, vs: &[f32], op: &str) {
    for v in vs {
        num(out, *v);
        out.push(b' ');
    }
    out.extend_from_slice(op.as_bytes());
    out.push(b'\n');
}

fn rgb(c: Rgb) -> [f32; 3] {
    [
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
    ]
}

/// Appends a rectangle path (PDF coordinates, `y` the bottom edge), corners rounded by `r`.
fn rect_path(out: &mut Vec<u8>, x: f32, y: f32, w: f32, h: f32, r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r < 0.05 {
        nums(out, &[x, y, w, h], "re");
        return;
    }
    // A side as long as the two corners leave nothing of (a pill's ends, a dot's four
    // sides) is not drawn: a line to where the path already is.
    let (across, down) = (w - 2.0 * r > 0.005, h - 2.0 * r > 0.005);
    let k = r * 0.447_715; // 1 - 0.5523: the Bézier quarter-circle
    nums(out, &[x + r, y], "m");
    if across {
        nums(out, &[x + w - r, y], "l");
    }
    nums(out, &[x + w - k, y, x + w, y + k, x + w, y + r], "c");
    if down {
        nums(out, &[x + w, y + h - r], "l");
    }
    nums(
        out,
        &[x + w, y + h - k, x + w - k, y + h, x + w - r, y + h],
        "c",
    );
    if across {
        nums(out, &[x + r, y + h], "l");
    }
    nums(out, &[x + k, y + h, x, y + h - k, x, y + h - r], "c");
    if down {
        nums(out, &[x, y + r], "l");
    }
    nums(out, &[x, y + k, x + k, y, x + r, y], "c");
    out.extend_from_slice(b"h\n");
}

/// Rounded shapes a document draws more than once at one size (the checklist's boxes,
/// the lists' bullets, the status badges of one label), each drawn once in a form
/// XObject and placed where it goes with `cm` and `Do`: 35 bytes a box instead of 250
/// (about a sixth of a kit's page content). Colours and line width are set outside the
/// form, which inherits them. Drawn once, a shape stays in the page.
#[derive(Default)]
pub(crate) struct Shapes {
    /// The shapes seen more than once, by [`ShapeKey`], and their form's number once
    /// made.
    repeated: rustc_hash::FxHashMap<ShapeKey, Option<usize>>,
    /// The forms made, in order: their content (a path and its painting operator) and
    /// bounding box.
    forms: Vec<(Vec<u8>, [f32; 4])>,
}

/// A rounded shape as written: width, height, corner radius and line width in
/// hundredths of a point, and how it is painted (fill, stroke or both).
type ShapeKey = [i64; 5];

impl Shapes {
    /// Counts the rounded shapes of `pages`; those seen twice or more are drawn as forms.
    pub(crate) fn new<'a>(pages: impl Iterator<Item = &'a [Cmd]>) -> Shapes {
        let mut seen: rustc_hash::FxHashMap<ShapeKey, bool> = Default::default();
        for cmd in pages.flatten() {
            if let Some(key) = Rounded::of(cmd).and_then(|r| r.key()) {
                seen.entry(key)
                    .and_modify(|twice| *twice = true)
                    .or_insert(false);
            }
        }
        Shapes {
            repeated: seen
                .into_iter()
                .filter(|(_, twice)| *twice)
                .map(|(k, _)| (k, None))
                .collect(),
            forms: Vec::new(),
        }
    }

    /// The forms made, in order (form `n` is named `/Sh<n+1>`): content and bounding box.
    pub(crate) fn into_forms(self) -> Vec<(Vec<u8>, [f32; 4])> {
        self.forms
    }

    /// The number of the form drawing `shape`, made on first use; `None` if it is not a
    /// rounded shape drawn more than once.
    fn form(&mut self, shape: Rounded) -> Option<usize> {
        let slot = self.repeated.get_mut(&shape.key()?)?;
        if let Some(n) = slot {
            return Some(*n);
        }
        let Rounded {
            w,
            h,
            radius,
            fill,
            stroke,
        } = shape;
        let mut path = Vec::with_capacity(256);
        rect_path(&mut path, 0.0, 0.0, w, h, radius);
        path.extend_from_slice(paint(fill, stroke.is_some()).as_bytes());
        // The box holds the stroke's outer half, with room to spare.
        let m = 1.0 + stroke.unwrap_or(0.0);
        let n = self.forms.len();
        self.forms.push((path, [-m, -m, w + m, h + m]));
        *slot = Some(n);
        Some(n)
    }
}

/// A rectangle's shape, wherever it is drawn: size, corner radius, whether it is filled
/// and its line width if stroked.
#[derive(Clone, Copy)]
struct Rounded {
    w: f32,
    h: f32,
    radius: f32,
    fill: bool,
    stroke: Option<f32>,
}

impl Rounded {
    /// The shape of a rectangle command.
    fn of(cmd: &Cmd) -> Option<Rounded> {
        match cmd {
            Cmd::Rect {
                w,
                h,
                fill,
                stroke,
                radius,
                ..
            } => Some(Rounded {
                w: *w,
                h: *h,
                radius: *radius,
                fill: fill.is_some(),
                stroke: stroke.map(|(_, lw)| lw),
            }),
            _ => None,
        }
    }

    /// Its key, `None` unless its corners are drawn as curves and it is painted.
    fn key(&self) -> Option<ShapeKey> {
        if self.radius.min(self.w / 2.0).min(self.h / 2.0) < 0.05
            || (!self.fill && self.stroke.is_none())
        {
            return None;
        }
        let op = i64::from(self.fill) + 2 * i64::from(self.stroke.is_some());
        Some([
            hundredths(self.w),
            hundredths(self.h),
            hundredths(self.radius),
            hundredths(self.stroke.unwrap_or(0.0)),
            op,
        ])
    }
}

/// The operator painting a path: fill, stroke or both.
fn paint(fill: bool, stroke: bool) -> &'static str {
    match (fill, stroke) {
        (true, true) => "B\n",
        (true, false) => "f\n",
        _ => "S\n",
    }
}

#[derive(Default)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
}

impl State {
    fn fill(&mut self, out: &mut Vec<u8>, c: Rgb) {
        if self.fill != Some(c) {
            nums(out, &rgb(c), "rg");
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, out: &mut Vec<u8>, c: Rgb, w: f32) {
        if self.stroke != Some((c, w)) {
            nums(out, &rgb(c), "RG");
            nums(out, &[w], "w");
            self.stroke = Some((c, w));
        }
    }
}

/// Appends `s` as a UTF-16BE hex string with a byte-order mark.
fn utf16_hex(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(b"<FEFF");
    for u in s.encode_utf16() {
        hex4(out, u);
    }
    out.push(b'>');
}

/// Makes the document's font `n` at `size` the current one (`Tf`), unless it already is.
fn select_font(out: &mut Vec<u8>, cur: &mut Option<(usize, f32)>, n: usize, size: f32) {
    if *cur != Some((n, size)) {
        out.extend_from_slice(b"/F");
        int(out, n as u64 + 1);
        out.push(b' ');
        nums(out, &[size], "Tf");
        *cur = Some((n, size));
    }
}

/// The text-drawing operators of one run of text at (`x`, `y`) (PDF coordinates): the
/// shaped glyphs of each font in visual order, with the kerning and mark offsets as
/// `TJ` adjustments and text rise.
///
/// Each glyph's `ToUnicode` entry is the text it was first drawn for; right-to-left
/// glyphs map to their text reversed, since readers (poppler, pdf.js) turn the drawn,
/// visual order back into logical order by reversing right-to-left runs. When the maps
/// would not give `text` back as it reads (characters no font has, a glyph first drawn
/// for other text, a cluster's spacing glyph without text of its own), the run carries
/// its text as `/ActualText`.
#[allow(clippy::too_many_arguments)]
fn text_run(
    out: &mut Vec<u8>,
    fonts: &FontSet,
    doc: &mut DocFonts,
    cur: &mut Option<(usize, f32)>,
    line: &mut Option<(i64, i64)>,
    face: Face,
    size: f32,
    x: f32,
    y: f32,
    text: &str,
) {
    let lib = fonts.lib();
    let shaped = lib.shape(face, text);
    // The run starts a new line at (x, y): `Td` from the line before in this text object
    // (both in hundredths, so the offsets add up exactly), half the bytes of a `Tm`.
    let at = (hundredths(x), hundredths(y));
    let (from_x, from_y) = line.unwrap_or((0, 0));
    centi(out, at.0 - from_x);
    out.push(b' ');
    centi(out, at.1 - from_y);
    out.extend_from_slice(b" Td\n");
    *line = Some(at);
    // The glyphs go straight after it; a run the maps cannot give back is wrapped in an
    // `/ActualText` span afterwards (rare: its bytes are moved once).
    let body = out.len();
    out.reserve(text.len() * 6 + 32);
    let mut whole = true;
    for run in &shaped.runs {
        let Some(n) = run.font.and_then(|k| doc.font(lib, k)) else {
            whole = false;
            continue;
        };
        select_font(out, cur, n, size);
        // Glyphs between two position adjustments share one string.
        out.push(b'[');
        let mut open = false;
        let close = |out: &mut Vec<u8>, open: &mut bool| {
            if std::mem::take(open) {
                out.push(b')');
            }
        };
        for g in &run.glyphs {
            let src = text.get(g.start as usize..g.end as usize).unwrap_or("");
            if src == RLM {
                // The mark that gave the shaper a right-to-left item's direction
                // (text.rs): no glyph of its own, and no text to map one to.
                continue;
            }
            let (cid, same) = doc.cid(n, g.gid, src, g.rtl);
            // A glyph of a cluster that takes room but holds none of its text (Thai's
            // sara am, a Devanagari vowel sign): a copy or a search would find a gap in
            // the word, so the run carries its text whole as `/ActualText`. (Not for
            // right-to-left runs: poppler reverses their `/ActualText` as it reverses
            // their glyphs, so the reversed maps are what reads back in logical order.)
            whole &= same && !(src.is_empty() && g.adv > 0.0);
            if g.dy != 0.0 {
                close(out, &mut open);
                out.extend_from_slice(b"] TJ ");
                nums(out, &[g.dy * size], "Ts");
                out.push(b'[');
            }
            if g.dx != 0.0 {
                close(out, &mut open);
                // Right after the previous glyph's adjustment (a mark stacked on a mark,
                // as in Thai เครื่อง), the two numbers need a space between them: "49 16",
                // not 4916 (a line thrown 49 points left).
                if out.last().is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
                    out.push(b' ');
                }
                num(out, -g.dx * 1000.0);
            }
            if !open {
                out.push(b'(');
                open = true;
            }
            code2(out, cid);
            let adjust = g.natural - g.adv + g.dx;
            if adjust.abs() > 0.0005 {
                close(out, &mut open);
                num(out, adjust * 1000.0);
            }
            if g.dy != 0.0 {
                close(out, &mut open);
                out.extend_from_slice(b"] TJ 0 Ts [");
            }
        }
        close(out, &mut open);
        out.extend_from_slice(b"] TJ\n");
    }
    // A run wholly in Arabic, Hebrew, Thai, Devanagari, Chinese, Japanese or Korean says
    // its language, so a screen reader does not read a customer's name in the
    // document's English or Portuguese voice.
    let lang = crate::output::script::Script::speech_lang(text);
    if !whole || lang.is_some() {
        let mut span = b"/Span <<".to_vec();
        if let Some(lang) = lang {
            span.extend_from_slice(b"/Lang (");
            span.extend_from_slice(lang.as_bytes());
            span.push(b')');
        }
        if !whole {
            span.extend_from_slice(b"/ActualText ");
            utf16_hex(&mut span, text.trim_start_matches(RLM));
        }
        span.extend_from_slice(b">> BDC\n");
        out.splice(body..body, span);
        out.extend_from_slice(b"EMC\n");
    }
}

/// A word space in `face` at the current text position (`Tj`, no `Tm`).
fn space(
    out: &mut Vec<u8>,
    fonts: &FontSet,
    doc: &mut DocFonts,
    cur: &mut Option<(usize, f32)>,
    face: Face,
    size: f32,
) {
    let lib = fonts.lib();
    let key = face as super::shape::FontKey;
    let Some(gid) = lib
        .font(key)
        .and_then(|f| f.rb.glyph_index(' '))
        .map(|g| g.0)
    else {
        return;
    };
    let Some(n) = doc.font(lib, key) else {
        return;
    };
    select_font(out, cur, n, size);
    let (cid, _) = doc.cid(n, gid, " ", false);
    out.push(b'(');
    code2(out, cid);
    out.extend_from_slice(b") Tj\n");
}

/// Whether the text run `text` at `x`, `y` ends a word: the next run of the same element
/// (a few commands on) starts another line, or starts at least one space (`widths`: the
/// run's and a space's) after it on this one (a status pill's padding adds to the space
/// before it: "Scenarios In progress", not "ScenariosIn progress"), and neither has a
/// space or a break character there already.
fn ends_word(
    cmds: &[Cmd],
    from: usize,
    text: &str,
    x: f32,
    y: f32,
    size: f32,
    widths: impl FnOnce() -> (f32, f32),
) -> bool {
    if text.ends_with([' ', '-', '/', '\u{00A0}']) {
        return false;
    }
    // The next run of the same element: another element's text reads apart anyway.
    let next = cmds.iter().skip(from).take(24).find_map(|c| match c {
        Cmd::Text { x, y, text, .. } => Some(Some((*x, *y, text))),
        Cmd::Tag(_) => Some(None),
        _ => None,
    });
    let Some(Some((nx, ny, ntext))) = next else {
        return false;
    };
    if ntext.starts_with(' ') {
        return false;
    }
    if (ny - y).abs() > 0.01 {
        return true;
    }
    let (w, space) = widths();
    nx - (x + w) >= space - size * 0.02
}

/// Marked content: the sequence open in a page's content stream and whether it was opened
/// inside a text object (it must then close before `ET`).
struct Marked {
    open: Option<(Mark, bool)>,
    in_text: bool,
    /// The start of the current line of the open text object, in hundredths (`None`
    /// right after `BT`: the origin).
    line: Option<(i64, i64)>,
}

impl Marked {
    fn close(&mut self, out: &mut Vec<u8>) {
        if let Some((_, inside)) = self.open.take() {
            if !inside && self.in_text {
                out.extend_from_slice(b"ET\n");
                self.in_text = false;
            }
            out.extend_from_slice(b"EMC\n");
        }
    }

    fn end_text(&mut self, out: &mut Vec<u8>) {
        if !self.in_text {
            return;
        }
        if matches!(self.open, Some((_, true))) {
            self.close(out);
        }
        out.extend_from_slice(b"ET\n");
        self.in_text = false;
    }

    /// Makes `want` the open sequence, for text (`text`) or a graphic.
    fn enter(&mut self, out: &mut Vec<u8>, want: Mark, text: bool, tags: &mut Tagger) {
        if !text && self.in_text {
            self.end_text(out);
        }
        if self.open.map(|(m, _)| m) != Some(want) || want == Mark::None {
            self.close(out);
            if text && !self.in_text {
                out.extend_from_slice(b"BT\n");
                self.in_text = true;
                self.line = None;
            }
            match want {
                Mark::None => {}
                Mark::Artifact => {
                    out.extend_from_slice(b"/Artifact BMC\n");
                    self.open = Some((want, self.in_text));
                }
                Mark::Elem(node) => {
                    let (tag, mcid) = tags.mcid(node);
                    out.push(b'/');
                    out.extend_from_slice(tag.as_bytes());
                    out.extend_from_slice(b" <</MCID ");
                    int(out, u64::from(mcid));
                    out.extend_from_slice(b">> BDC\n");
                    self.open = Some((want, self.in_text));
                }
            }
        }
        if text && !self.in_text {
            out.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.line = None;
        }
    }
}

/// One page's content stream. Links are not drawn here (they are annotations); every
/// piece of text and every graphic is marked as `tags` says (structure or artifact).
pub(crate) fn page(
    cmds: &[Cmd],
    page_h: f32,
    fonts: &FontSet,
    doc: &mut DocFonts,
    logo: Option<(&str, f32, f32)>,
    tags: &mut Tagger,
    shapes: &mut Shapes,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(cmds.len() * 40);
    let mut st = State::default();
    let mut mc = Marked {
        open: None,
        in_text: false,
        line: None,
    };
    let mut font: Option<(usize, f32)> = None;
    let mut grid_lines: Vec<GridLine> = Vec::new();
    let mut k = 0;
    while let Some(cmd) = cmds.get(k) {
        k += 1;
        match cmd {
            Cmd::Tag(t) => tags.apply(t),
            Cmd::Text {
                x,
                y,
                face,
                size,
                color,
                text,
            } => {
                // text.rs puts a link's annotation right after the text it covers.
                let link = match cmds.get(k) {
                    Some(Cmd::Link { uri, .. }) => Some(uri.as_str()),
                    _ => None,
                };
                let want = tags.text(text, link);
                mc.enter(&mut out, want, true, tags);
                st.fill(&mut out, *color);
                text_run(
                    &mut out,
                    fonts,
                    doc,
                    &mut font,
                    &mut mc.line,
                    *face,
                    *size,
                    *x,
                    page_h - *y,
                    text,
                );
                if matches!(want, Mark::Elem(_))
                    && ends_word(cmds, k, text, *x, *y, *size, || {
                        let f = fonts.face(*face);
                        (f.width(text, *size), f.width(" ", *size))
                    })
                {
                    // Lines and pieces are drawn without the space that ends them; a
                    // reader of the structure needs it between the words.
                    space(&mut out, fonts, doc, &mut font, *face, *size);
                }
            }
            Cmd::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                radius,
            } => {
                if fill.is_none() && stroke.is_none() {
                    continue;
                }
                mc.enter(&mut out, tags.graphic(), false, tags);
                if let Some(f) = fill {
                    st.fill(&mut out, *f);
                }
                if let Some((c, lw)) = stroke {
                    st.stroke(&mut out, *c, *lw);
                }
                let bottom = page_h - *y - *h;
                match Rounded::of(cmd).and_then(|r| shapes.form(r)) {
                    Some(n) => {
                        out.extend_from_slice(b"q\n1 0 0 1 ");
                        nums(&mut out, &[*x, bottom], "cm");
                        out.extend_from_slice(b"/Sh");
                        int(&mut out, n as u64 + 1);
                        out.extend_from_slice(b" Do\nQ\n");
                    }
                    None => {
                        rect_path(&mut out, *x, bottom, *w, *h, *radius);
                        out.extend_from_slice(paint(fill.is_some(), stroke.is_some()).as_bytes());
                    }
                }
            }
            Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                color,
                width,
                grid,
            } => {
                if *grid {
                    grid_lines.push(GridLine::new(*x1, *y1, *x2, *y2, *color, *width));
                    continue;
                }
                mc.enter(&mut out, tags.graphic(), false, tags);
                st.stroke(&mut out, *color, *width);
                nums(&mut out, &[*x1, page_h - *y1], "m");
                nums(&mut out, &[*x2, page_h - *y2], "l");
                // Lines of one style in a row share one stroke.
                while let Some(Cmd::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    color: c2,
                    width: w2,
                    grid: false,
                }) = cmds.get(k)
                {
                    if c2 != color || w2 != width {
                        break;
                    }
                    nums(&mut out, &[*x1, page_h - *y1], "m");
                    nums(&mut out, &[*x2, page_h - *y2], "l");
                    k += 1;
                }
                out.extend_from_slice(b"S\n");
            }
            Cmd::Path {
                points,
                color,
                width,
            } => {
                mc.enter(&mut out, tags.graphic(), false, tags);
                st.stroke(&mut out, *color, *width);
                out.extend_from_slice(b"1 J 1 j\n");
                for (i, (px, py)) in points.iter().enumerate() {
                    nums(
                        &mut out,
                        &[*px, page_h - *py],
                        if i == 0 { "m" } else { "l" },
                    );
                }
                out.extend_from_slice(b"S 0 J 0 j\n");
            }
            Cmd::Link { uri, .. } => tags.annot(uri),
            Cmd::Image { x, y, w, h } => {
                if let Some((name, _, _)) = logo {
                    mc.enter(&mut out, tags.graphic(), false, tags);
                    out.extend_from_slice(b"q\n");
                    nums(&mut out, &[*w, 0.0, 0.0, *h, *x, page_h - *y - *h], "cm");
                    let _ = writeln!(out, "/{name} Do\nQ");
                }
            }
        }
    }
    if !grid_lines.is_empty() {
        mc.enter(&mut out, tags.graphic(), false, tags);
        draw_grid(&mut out, &mut st, &mut grid_lines, page_h);
    }
    mc.end_text(&mut out);
    mc.close(&mut out);
    out
}

/// A table's grid line on a page, by what can join it: its style, its direction and
/// the coordinate it keeps (in hundredths of a point, as written), then its extent.
#[derive(Debug, Clone, Copy)]
struct GridLine {
    key: u128,
    from: f32,
    to: f32,
    /// Vertical (0), horizontal (1), slanted (2).
    dir: u8,
    /// The coordinate it keeps, as given.
    at: f32,
    /// Its ends as given (x1, y1, x2, y2): how a slanted line is drawn.
    ends: [f32; 4],
    color: Rgb,
    width: f32,
}

impl GridLine {
    fn new(x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb, width: f32) -> GridLine {
        // Vertical (0), horizontal (1); a slanted line (2, none in a table) keeps its own
        // place and is never joined.
        let (dir, at, a, b) = if (x1 - x2).abs() < 0.005 {
            (0, x1, y1, y2)
        } else if (y1 - y2).abs() < 0.005 {
            (1, y1, x1, x2)
        } else {
            (2, x1, y1, y2)
        };
        // Packed into one number, compared in one step (pages have hundreds to sort).
        let centi = ((at * 100.0).round() as i64 as u64) ^ (1 << 63);
        let style = u128::from(color.0) << 120
            | u128::from(color.1) << 112
            | u128::from(color.2) << 104
            | u128::from(width.to_bits()) << 72;
        GridLine {
            key: style | u128::from(dir) << 64 | u128::from(centi),
            from: a.min(b),
            to: a.max(b),
            dir,
            at,
            ends: [x1, y1, x2, y2],
            color,
            width,
        }
    }
}

/// Draws a page's grid lines, sorted (the same page gives the same bytes), a line that
/// continues or overlaps the one before joined with it: one rule down each column of
/// a table's part on the page, one between two rows.
fn draw_grid(out: &mut Vec<u8>, st: &mut State, lines: &mut [GridLine], page_h: f32) {
    lines.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.from.total_cmp(&b.from)));
    let mut open: Option<GridLine> = None;
    let mut pending = false;
    let mut put = |out: &mut Vec<u8>, st: &mut State, l: GridLine| {
        if st.stroke != Some((l.color, l.width)) {
            if pending {
                out.extend_from_slice(b"S\n");
            }
            st.stroke(out, l.color, l.width);
        }
        pending = true;
        let [x1, y1, x2, y2] = l.ends;
        let (a, b) = match l.dir {
            0 => ([l.at, page_h - l.from], [l.at, page_h - l.to]),
            1 => ([l.from, page_h - l.at], [l.to, page_h - l.at]),
            _ => ([x1, page_h - y1], [x2, page_h - y2]),
        };
        nums(out, &a, "m");
        nums(out, &b, "l");
    };
    for l in lines.iter().copied() {
        match &mut open {
            Some(o) if o.key == l.key && l.dir != 2 && l.from <= o.to + 0.01 => {
                o.to = o.to.max(l.to);
            }
            _ => {
                if let Some(o) = open.replace(l) {
                    put(out, st, o);
                }
            }
        }
    }
    if let Some(o) = open {
        put(out, st, o);
    }
    if pending {
        out.extend_from_slice(b"S\n");
    }
}

#[cfg(test)]
mod tests {
    use super::{draw_grid, num, rect_path, GridLine, State};
    use crate::theme::Rgb;

    #[test]
    fn a_tables_grid_is_drawn_once_each_rule_whole() {
        let black = Rgb(0, 0, 0);
        let mut lines = Vec::new();
        // Two rows (0-20, 20-35) between x 10 and 50, each giving its four rules, as
        // table.rs does; a third row after a gap; one line of another width.
        for (top, bottom) in [(0.0, 20.0), (20.0, 35.0), (40.0, 50.0)] {
            for y in [top, bottom] {
                lines.push(GridLine::new(10.0, y, 50.0, y, black, 0.5));
            }
            for x in [10.0, 50.0] {
                lines.push(GridLine::new(x, top, x, bottom, black, 0.5));
            }
        }
        lines.push(GridLine::new(10.0, 60.0, 10.0, 70.0, black, 1.0));
        // A slanted line (none in a table) is drawn as given, never joined.
        lines.push(GridLine::new(10.0, 60.0, 20.0, 70.0, black, 1.0));
        lines.push(GridLine::new(10.0, 62.0, 20.0, 72.0, black, 1.0));
        lines.reverse();
        let mut out = Vec::new();
        draw_grid(&mut out, &mut State::default(), &mut lines, 100.0);
        let got = String::from_utf8(out).unwrap_or_default();
        let want = [
            "0 0 0 RG", "0.5 w",
            // Down each column: the first two rows joined, the third apart.
            "10 100 m", "10 65 l", "10 60 m", "10 50 l", "50 100 m", "50 65 l", "50 60 m",
            "50 50 l", // Between the rows, once each.
            "10 100 m", "50 100 l", "10 80 m", "50 80 l", "10 65 m", "50 65 l", "10 60 m",
            "50 60 l", "10 50 m", "50 50 l", "S", "0 0 0 RG", "1 w", "10 40 m", "10 30 l",
            "10 40 m", "20 30 l", "10 38 m", "20 28 l", "S", "",
        ]
        .join("\n");
        assert_eq!(got, want);
    }

    #[test]
    fn a_rounded_rectangle_draws_no_side_its_corners_leave_nothing_of() {
        let path = |w: f32, h: f32, r: f32| {
            let mut o = Vec::new();
            rect_path(&mut o, 0.0, 0.0, w, h, r);
            let s = String::from_utf8(o).unwrap_or_default();
            let ops: Vec<String> = s
                .lines()
                .filter_map(|l| l.split(' ').next_back())
                .map(String::from)
                .collect();
            ops.join(" ")
        };
        assert_eq!(path(10.0, 10.0, 5.0), "m c c c c h", "a dot");
        assert_eq!(path(20.0, 10.0, 5.0), "m l c c l c c h", "a pill");
        assert_eq!(path(20.0, 30.0, 5.0), "m l c l c l c l c h");
        assert_eq!(path(20.0, 30.0, 0.0), "re");
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let s = |v: f32| {
            let mut o = Vec::new();
            num(&mut o, v);
            String::from_utf8(o).unwrap_or_default()
        };
        assert_eq!(s(12.0), "12");
        assert_eq!(s(12.5), "12.5");
        assert_eq!(s(-0.125), "-0.13");
        assert_eq!(s(841.8898), "841.89");
        assert_eq!(s(0.04), "0.04");
        assert_eq!(s(f32::NAN), "0");
        assert_eq!(s(1234567.0), "1234567");
        for v in (0..=2000).chain([9_999, 10_000, 123_456_789, u64::MAX]) {
            let mut o = Vec::new();
            super::int(&mut o, v);
            assert_eq!(o, v.to_string().as_bytes());
        }
        let mut o = Vec::new();
        super::hex4(&mut o, 0x0A3F);
        assert_eq!(o, b"0A3F");
        let mut o = Vec::new();
        for cid in [0x0041, 0x2829, 0x5C0D, 0x0A00] {
            super::code2(&mut o, cid);
        }
        assert_eq!(o, b"\0A\\(\\)\\\\\\r\\n\0");
    }
}
