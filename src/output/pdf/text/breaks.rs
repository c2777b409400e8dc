//! Line breaking: first fit at the break opportunities, with hyphenation where a word
//! cannot fit a line on its own and, in justified text, where breaking before a word
//! would leave a loose line. A soft hyphen typed in the input (U+00AD) is a break
//! opportunity like a space, taken with an inserted hyphen whenever the word it is in
//! does not fit the end of a line, and tried before the patterns' points of that word.
//!
//! Justified lines stretch their word spaces to fill the line; a line would rather end
//! in a hyphenated word than have spaces wider than [`LOOSE`] more than a normal space,
//! may squeeze its spaces by [`SHRINK`] to take one more word, and is left ragged when
//! its spaces would grow by more than [`MAX_STRETCH`] (no rivers).

use super::super::fonts::Face;
use super::super::hyph;
use super::Prepared;

/// Spaces growing by more than this (of a space) make a loose line: a hyphenated break
/// is tried instead.
const LOOSE: f32 = 0.5;
/// The most a space grows; a line that would need more is set ragged.
const MAX_STRETCH: f32 = 1.25;
/// The most a space shrinks to take one more word on a justified line.
const SHRINK: f32 = 0.2;

/// A line found by the breaker: bytes `a..b` of the text, `w` wide (an inserted hyphen
/// included), whether it ends in an inserted hyphen, and whether its spaces may be
/// stretched (justified text: not the paragraph's last line, nor one before a break).
#[derive(Debug, Clone, Copy)]
pub(super) struct Brk {
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) w: f32,
    pub(super) hyphen: bool,
    pub(super) stretch: bool,
}

/// Whether a token may be cut after `c` in preference to anywhere else.
fn soft_break_after(c: char) -> bool {
    matches!(
        c,
        '@' | '.' | '/' | '-' | '_' | '\\' | '?' | '&' | '=' | '#'
    )
}

/// One full line of a cut token: `(start, end, width, ends in an inserted hyphen)`.
pub(crate) type Cut = (usize, usize, f32, bool);

/// Where a token may be broken with an inserted hyphen `hyphen_w` wide: byte indices,
/// ascending, it may break before.
pub(crate) struct HyphenPoints<'p> {
    /// Soft hyphens of the input, tried first.
    pub(crate) shy: &'p [usize],
    /// The hyphenation patterns' points.
    pub(crate) hyph: &'p [usize],
    /// The width of the inserted hyphen.
    pub(crate) hyphen_w: f32,
}

/// Cuts a token of `(byte index, advance, char)` into lines of at most `max_w`: at the
/// last soft hyphen that fits, else at the last soft break point (after `@ . / - _` …)
/// when it leaves the line at least a third full, else at the last hyphenation point
/// that fits, else where the line fills. Returns the full lines and the start and width
/// of the remainder.
pub(crate) fn cut_token(
    chars: &[(usize, f32, char)],
    start: usize,
    max_w: f32,
    points: &HyphenPoints,
) -> (Vec<Cut>, usize, f32) {
    let hyphen_w = points.hyphen_w;
    let mut cuts = Vec::new();
    let mut line_start = start;
    let mut w = 0.0f32;
    // The last soft break in the current line: (index into chars after it, width before).
    let mut soft: Option<(usize, f32)> = None;
    // The last soft hyphen and hyphenation point that fit: (index into chars after it,
    // width before).
    let mut sh: Option<(usize, f32)> = None;
    let mut hp: Option<(usize, f32)> = None;
    let mut k = 0;
    let mut first_in_line = 0;
    while let Some(&(i, a, c)) = chars.get(k) {
        if k > first_in_line && w + hyphen_w <= max_w {
            if points.shy.binary_search(&i).is_ok() {
                sh = Some((k, w));
            }
            if points.hyph.binary_search(&i).is_ok() {
                hp = Some((k, w));
            }
        }
        if k > first_in_line && w + a > max_w {
            let sep = soft
                .filter(|(_, sw)| *sw >= max_w / 3.0)
                .filter(|_| sh.is_none());
            match (sep, sh.or(hp)) {
                (Some((after, sw)), _) => {
                    let at = chars.get(after).map_or(i, |x| x.0);
                    cuts.push((line_start, at, sw, false));
                    line_start = at;
                    w -= sw;
                    first_in_line = after;
                }
                (None, Some((after, hw))) => {
                    let at = chars.get(after).map_or(i, |x| x.0);
                    cuts.push((line_start, at, hw + hyphen_w, true));
                    line_start = at;
                    w -= hw;
                    first_in_line = after;
                }
                (None, None) => {
                    cuts.push((line_start, i, w, false));
                    line_start = i;
                    w = 0.0;
                    first_in_line = k;
                }
            }
            soft = None;
            sh = None;
            hp = None;
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

/// How much each of a justified line's `gaps` word spaces grows (negative: shrinks)
/// for a line `w` wide to fill `max_w`; zero when it would grow too much.
pub(super) fn extra_space(p: &Prepared, w: f32, max_w: f32, gaps: usize) -> f32 {
    if gaps == 0 {
        return 0.0;
    }
    let extra = (max_w - w) / gaps as f32;
    if extra > MAX_STRETCH * p.space_width() {
        0.0
    } else {
        extra
    }
}

impl Prepared<'_> {
    /// The width of a word space of the text's size.
    fn space_width(&self) -> f32 {
        self.fonts.face(Face::Regular).width(" ", self.m.size)
    }

    /// Whether the word at byte `i` may be hyphenated (not code, not a status pill).
    fn hyphenable(&self, i: usize) -> bool {
        let k = self.m.pieces.partition_point(|p| p.end <= i);
        self.m
            .pieces
            .get(k)
            .is_some_and(|p| p.face != Face::Mono && p.tone.is_none() && p.check.is_none())
    }

    /// The hyphenation points of bytes `s..e` (absolute byte indices), ascending.
    fn points(&self, s: usize, e: usize) -> Vec<usize> {
        if !self.hyphenable(s) {
            return Vec::new();
        }
        let Some(word) = self.m.text.get(s..e) else {
            return Vec::new();
        };
        hyph::points(self.lang, word)
            .into_iter()
            .map(|p| p + s)
            .collect()
    }

    /// The soft hyphens of the input strictly inside the word `s..e` with a letter or
    /// digit on each side somewhere (absolute byte indices), ascending.
    fn soft_points(&self, s: usize, e: usize) -> Vec<usize> {
        let from = self.m.shy.partition_point(|p| *p <= s);
        let to = self.m.shy.partition_point(|p| *p < e);
        let inside = self.m.shy.get(from..to).unwrap_or(&[]);
        if inside.is_empty() || !self.hyphenable(s) {
            return Vec::new();
        }
        let wordy = |a: usize, b: usize| {
            self.m
                .text
                .get(a..b)
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
        };
        inside
            .iter()
            .copied()
            .filter(|p| wordy(s, *p) && wordy(*p, e))
            .collect()
    }

    /// The longest start of the word `s..e` that ends at a soft hyphen and fits `room`
    /// with the inserted hyphen: the byte it ends at and its width with the hyphen.
    fn soft_fit(&self, s: usize, e: usize, room: f32) -> Option<(usize, f32)> {
        self.fit(s, self.soft_points(s, e), room)
    }

    /// The longest of the starts of `s..` ending at `points` that fits `room` with a
    /// hyphen.
    fn fit(&self, s: usize, points: Vec<usize>, room: f32) -> Option<(usize, f32)> {
        points.into_iter().rev().find_map(|p| {
            let w = self.m.width(s, p) + self.hyphen_before(p);
            (w <= room).then_some((p, w))
        })
    }

    /// The hyphen inserted before byte `i`: its width (in the face of the piece it ends).
    fn hyphen_before(&self, i: usize) -> f32 {
        let k = self.m.pieces.partition_point(|p| p.end < i);
        self.hyphen_width(k)
    }

    /// The longest start of the word `s..e` that fits `room` with a hyphen, at a soft
    /// hyphen if one fits, else at a hyphenation point: the byte it ends at and its
    /// width with the hyphen.
    fn hyphen_fit(&self, s: usize, e: usize, room: f32) -> Option<(usize, f32)> {
        self.soft_fit(s, e, room)
            .or_else(|| self.fit(s, self.points(s, e), room))
    }

    /// Breaks the text into lines at most `max_w` wide (but for squeezed justified
    /// lines, a little wider, and words that cannot be broken).
    pub(super) fn breaks(&self, max_w: f32) -> Vec<Brk> {
        let space = if self.justify {
            self.space_width()
        } else {
            0.0
        };
        let mut out: Vec<Brk> = Vec::new();
        let brk = |a, b, w, hyphen, stretch| Brk {
            a,
            b,
            w,
            hyphen,
            stretch,
        };
        let mut ls = 0;
        let mut le = 0;
        let mut lw = 0.0;
        let mut pending = 0.0;
        let mut has = false;
        let mut gaps = 0usize;
        // Consecutive lines ending in a hyphen.
        let mut hyphens = 0usize;
        let mut i = 0;
        // The start of the rest of a word hyphenated at the end of the line before.
        let mut from: Option<usize> = None;
        while let Some(s) = self.m.segs.get(i) {
            let start = from.unwrap_or(s.start);
            let cw = match from {
                Some(f) => self.m.width(f, s.content_end),
                None => s.cw,
            };
            if has && lw + pending + cw > max_w + 0.01 {
                let gap = usize::from(pending > 0.0);
                let squeeze = SHRINK * space * (gaps + gap) as f32;
                if !self.justify {
                    // A soft hyphen is a break opportunity like a space.
                    let room = max_w + 0.01 - lw - pending;
                    if let Some((p, pw)) = self.soft_fit(start, s.content_end, room) {
                        out.push(brk(ls, p, lw + pending + pw, true, false));
                        has = false;
                        from = Some(p);
                        continue;
                    }
                    out.push(brk(ls, le, lw, false, false));
                    has = false;
                } else if lw + pending + cw > max_w + squeeze {
                    // Spaces grown by how much of a space, were the line broken here.
                    let growth = if gaps == 0 {
                        f32::INFINITY
                    } else {
                        (max_w - lw) / (gaps as f32 * space)
                    };
                    let limit = if hyphens >= 2 { MAX_STRETCH } else { LOOSE };
                    let room = max_w + squeeze - lw - pending;
                    let fit = if growth > limit {
                        self.hyphen_fit(start, s.content_end, room)
                    } else {
                        self.soft_fit(start, s.content_end, room)
                    };
                    if let Some((p, pw)) = fit {
                        out.push(brk(ls, p, lw + pending + pw, true, true));
                        hyphens += 1;
                        has = false;
                        from = Some(p);
                        continue;
                    }
                    out.push(brk(ls, le, lw, false, true));
                    hyphens = 0;
                    has = false;
                }
            }
            if !has {
                ls = start;
                lw = 0.0;
                pending = 0.0;
                gaps = 0;
                if cw > max_w + 0.01 {
                    // A word longer than the line (an e-mail address, a URL, a long
                    // word in a narrow cell): cut it after its last `@ . / - _` that
                    // fills at least a third of the line, else at a hyphenation point,
                    // and only where there is neither, where it fills the line.
                    let mut chars: Vec<(usize, f32, char)> = Vec::new();
                    self.m.each_char(start, s.content_end, |pi, i, c| {
                        chars.push((i, self.adv(pi, i, c), c));
                    });
                    let shy = self.soft_points(start, s.content_end);
                    let hyph = self.points(start, s.content_end);
                    let points = HyphenPoints {
                        hyphen_w: shy
                            .first()
                            .or(hyph.first())
                            .map_or(0.0, |p| self.hyphen_before(*p)),
                        shy: &shy,
                        hyph: &hyph,
                    };
                    let (cuts, cut_start, w) = cut_token(&chars, start, max_w, &points);
                    hyphens = 0;
                    for (a, b, w, h) in cuts {
                        out.push(brk(a, b, w, h, self.justify));
                    }
                    ls = cut_start;
                    lw = w;
                    le = s.content_end;
                    pending = s.tw;
                    has = true;
                    if s.mandatory {
                        out.push(brk(ls, le, lw, false, false));
                        has = false;
                    }
                    from = None;
                    i += 1;
                    continue;
                }
            }
            if cw > 0.0 || has {
                if has && pending > 0.0 {
                    gaps += 1;
                }
                lw += pending + cw;
                pending = s.tw;
                le = s.content_end;
                has = true;
            } else {
                pending += s.tw;
            }
            if s.mandatory {
                if !has {
                    le = start;
                    ls = start;
                    lw = 0.0;
                }
                out.push(brk(ls, le, lw, false, false));
                has = false;
            }
            from = None;
            i += 1;
        }
        if has {
            out.push(brk(ls, le, lw, false, false));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{cut_token, HyphenPoints};

    fn hyph(points: &[usize]) -> HyphenPoints<'_> {
        HyphenPoints {
            shy: &[],
            hyph: points,
            hyphen_w: 1.0,
        }
    }

    fn chars(s: &str) -> Vec<(usize, f32, char)> {
        s.char_indices().map(|(i, c)| (i, 1.0, c)).collect()
    }

    fn parts<'s>(s: &'s str, cuts: &[super::Cut], rest: usize) -> Vec<&'s str> {
        let mut parts: Vec<&str> = cuts.iter().map(|(a, b, _, _)| &s[*a..*b]).collect();
        parts.push(&s[rest..]);
        parts
    }

    #[test]
    fn long_tokens_break_after_separators() {
        let s = "estevao.estevez@itautextil.onmicrosoft.com";
        let (cuts, rest, _) = cut_token(&chars(s), 0, 30.0, &hyph(&[]));
        let parts = parts(s, &cuts, rest);
        assert_eq!(
            parts,
            ["estevao.estevez@itautextil.", "onmicrosoft.com"],
            "{parts:?}"
        );
    }

    #[test]
    fn tokens_without_separators_fill_the_line() {
        let s = "abcdefghij";
        let (cuts, rest, w) = cut_token(&chars(s), 0, 4.0, &hyph(&[]));
        assert_eq!(cuts.len(), 2);
        assert_eq!(&s[rest..], "ij");
        assert!((w - 2.0).abs() < 0.01);
    }

    #[test]
    fn words_break_at_hyphenation_points_before_anywhere() {
        // "responsibilities": re-spon-si-bil-i-ties.
        let s = "responsibilities";
        let points = [2, 6, 8, 11, 12];
        let (cuts, rest, _) = cut_token(&chars(s), 0, 8.0, &hyph(&points));
        let parts = parts(s, &cuts, rest);
        assert_eq!(parts, ["respon", "sibili", "ties"], "{parts:?}");
        // Each hyphenated line counts its hyphen and fits.
        for (a, b, w, h) in &cuts {
            assert!(*h, "{:?}", &s[*a..*b]);
            assert!(*w <= 8.0 && (*w - ((b - a) as f32 + 1.0)).abs() < 0.01);
        }
        // A piece with no point that fits is cut where the line fills.
        let (cuts, _, _) = cut_token(&chars(s), 0, 3.0, &hyph(&points));
        assert!(cuts.iter().any(|c| !c.3), "{cuts:?}");
    }

    #[test]
    fn soft_hyphens_come_before_hyphenation_points_and_separators() {
        // "conscien\u{ad}tizacao.net": the soft hyphen after "conscien" wins over the
        // later pattern point and the separator, as long as it fits.
        let s = "conscientizacao.net";
        let points = HyphenPoints {
            shy: &[8],
            hyph: &[3, 11],
            hyphen_w: 1.0,
        };
        let (cuts, rest, _) = cut_token(&chars(s), 0, 16.0, &points);
        let first = parts(s, &cuts, rest);
        assert_eq!(first, ["conscien", "tizacao.net"], "{first:?}");
        assert!(cuts[0].3, "{cuts:?}");
        // Where the soft hyphen does not fit, a pattern point still does.
        let (cuts, rest, _) = cut_token(&chars(s), 0, 6.0, &points);
        let second = parts(s, &cuts, rest);
        assert_eq!(second.first().copied(), Some("con"), "{second:?}");
    }
}
