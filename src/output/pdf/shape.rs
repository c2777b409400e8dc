//! Text in every script: which font draws each character, and shaping.
//!
//! A character is drawn by the theme's face when it has it, else by the first fallback
//! that does: the theme's `fallback` families, then fonts in the theme's `dirs` and
//! `--font-dir`, then the system's fonts ([`super::sysfonts`]), each list in a fixed
//! order so the same text always picks the same font. A character no font has is left
//! out of the drawing (never a `?`); [`Library::missing`] names it for a warning.
//!
//! Every run of one font and direction is shaped with rustybuzz (kerning, ligatures,
//! marks, joining, reordering), one word at a time so each distinct word is shaped once
//! per writer and then read from a cache. Right-to-left runs are put in visual order
//! with the Unicode bidi algorithm, each drawn text taking the direction of its first
//! strong character.

use super::embed::{Subset, SEED};
use super::fonts::Face;
use super::sysfonts::{Catalog, Loaded, Order};
use crate::output::memo::Memo;
use crate::output::script::Script;
use rustc_hash::FxHashMap as HashMap;
use rustybuzz::{Direction, UnicodeBuffer};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, PoisonError, RwLock};
use unicode_bidi::BidiInfo;

/// A font of a writer: 0–4 are the theme's five faces, then fallbacks as they are needed.
pub(crate) type FontKey = u16;

/// How many faces a theme has (keys 0 to 4); fallbacks come after.
pub(crate) const THEME_FACES: usize = 5;

/// One shaped glyph. Lengths are in em.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Glyph id in its font.
    pub(crate) gid: u16,
    /// The shaped advance (kerning included).
    pub(crate) adv: f32,
    /// The font's own advance of the glyph (what a PDF viewer moves by).
    pub(crate) natural: f32,
    /// Offset from the pen position (marks).
    pub(crate) dx: f32,
    pub(crate) dy: f32,
    /// The text this glyph stands for (byte range; empty for the second and later
    /// glyphs of a cluster).
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Set right to left (drawn in visual order: its text reads back reversed).
    pub(crate) rtl: bool,
}

/// A word shaped in one font, cached.
struct Word {
    glyphs: Box<[Glyph]>,
    width: f32,
}

/// Shaped text: runs in visual order.
#[derive(Debug, Default)]
pub(crate) struct Shaped {
    pub(crate) runs: Vec<Run>,
}

impl Shaped {
    /// About how many bytes the shaped text holds (what the memo counts against its
    /// bound).
    fn bytes(&self) -> usize {
        std::mem::size_of::<Shaped>()
            + self.runs.capacity() * std::mem::size_of::<Run>()
            + self
                .runs
                .iter()
                .map(|r| r.glyphs.capacity() * std::mem::size_of::<Glyph>())
                .sum::<usize>()
    }
}

/// Glyphs of one font (`None`: characters no font has, drawn as nothing).
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) font: Option<FontKey>,
    pub(crate) glyphs: Vec<Glyph>,
}

/// The fonts of one writer, the per-character choices and the shaping cache.
pub(crate) struct Library {
    /// The theme's five faces (keys 0–4).
    theme: Vec<Arc<Loaded>>,
    /// Fallbacks, keys from 5 on, in the order first needed.
    extra: RwLock<Vec<Arc<Loaded>>>,
    catalog: Arc<Catalog>,
    /// Catalog entries in the order to try them, per face.
    orders: [Order; 5],
    /// The font picked for a character, by (character, face, preferred CJK family).
    picks: RwLock<HashMap<PickKey, Option<FontKey>>>,
    /// Per face: whether it draws every printable ASCII character, so that text made of
    /// those alone needs no look-up per character.
    ascii: [bool; 5],
    /// Read far more often than written: a batch's words repeat.
    words: RwLock<WordCache>,
    /// Texts drawn (a line's run of one style), shaped: a batch's lines repeat too.
    texts: Memo<(Face, Box<str>), Shaped>,
    /// Per theme face: the glyph of each character of [`SEED`] it has.
    seeds: [Vec<(char, u16)>; THEME_FACES],
    /// Font subsets by font and glyphs: a batch's documents mostly embed the same.
    subsets: Memo<(FontKey, Box<[u16]>), MadeSubset>,
}

/// A subset made, or why it could not be.
type MadeSubset = Result<Subset, String>;

/// The most the kept font subsets may hold, in bytes.
const SUBSETS_BUDGET: usize = 16 << 20;

/// The most the kept shaped texts may hold, in bytes.
const TEXTS_BUDGET: usize = 24 << 20;

/// Shaped words per (font, right to left).
type WordCache = HashMap<(FontKey, bool), HashMap<Box<str>, Arc<Word>>>;

/// Characters that never need a glyph of their own.
fn invisible(c: char) -> bool {
    if (' '..'\u{7F}').contains(&c) {
        return false;
    }
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        || c.is_control()
}

/// Whether a character attaches to the one before it (combining marks, joiners,
/// variation selectors), so it takes that character's font.
fn clings(c: char) -> bool {
    if c < '\u{0300}' {
        return false;
    }
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x0951..=0x0957 | 0x0962 | 0x0963 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0100..=0xE01EF)
}

/// A pick's key: the character, the face, the CJK family its text prefers.
type PickKey = (char, u8, Option<&'static str>);

/// Whether `text` may hold right-to-left characters (a cheap test before bidi).
pub(crate) fn maybe_rtl(text: &str) -> bool {
    // Every such character is encoded from a lead byte of 0xD6 (U+0580) up: text
    // without one (ASCII, accented Latin, Greek, Cyrillic) is skipped without decoding.
    if !text.bytes().any(|b| b >= 0xD6) {
        return false;
    }
    text.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0x200F | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

fn read<T>(l: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

impl Library {
    /// The library of the theme's five faces (in [`Face`] order) and the fallbacks of
    /// `catalog`, tried first by the families in `fallback`.
    pub(crate) fn new(
        theme: Vec<Arc<Loaded>>,
        catalog: Arc<Catalog>,
        fallback: &[String],
    ) -> Library {
        let orders = [
            Face::Regular,
            Face::Bold,
            Face::Italic,
            Face::BoldItalic,
            Face::Mono,
        ]
        .map(|f| catalog.order(f, fallback));
        let ascii =
            std::array::from_fn(|i| theme.get(i).is_some_and(|f| ('!'..='~').all(|c| f.has(c))));
        Library {
            ascii,
            extra: RwLock::new(Vec::new()),
            catalog,
            orders,
            picks: RwLock::new(HashMap::default()),
            words: RwLock::new(HashMap::default()),
            texts: Memo::new(TEXTS_BUDGET),
            seeds: std::array::from_fn(|i| match theme.get(i) {
                Some(f) => SEED
                    .chars()
                    .filter_map(|c| f.rb.glyph_index(c).filter(|g| g.0 != 0).map(|g| (c, g.0)))
                    .collect(),
                None => Vec::new(),
            }),
            subsets: Memo::new(SUBSETS_BUDGET),
            theme,
        }
    }

    /// The glyphs of [`SEED`] in theme face `key` (none for a fallback).
    pub(crate) fn seed(&self, key: FontKey) -> &[(char, u16)] {
        self.seeds.get(usize::from(key)).map_or(&[], Vec::as_slice)
    }

    /// The subset of font `key` holding `gids` in that order, kept from its second use;
    /// `make` makes it.
    pub(crate) fn subset(
        &self,
        key: FontKey,
        gids: &[u16],
        make: impl FnOnce() -> MadeSubset,
    ) -> Arc<MadeSubset> {
        let mut h = rustc_hash::FxHasher::default();
        (key, gids).hash(&mut h);
        self.subsets.get_or_make(
            h.finish(),
            |(k, g)| *k == key && **g == *gids,
            make,
            |made| {
                let bytes = gids.len() * 2 + made.as_ref().map_or(64, Subset::bytes);
                ((key, gids.into()), bytes)
            },
        )
    }

    /// The font behind a key.
    pub(crate) fn font(&self, key: FontKey) -> Option<Arc<Loaded>> {
        let k = usize::from(key);
        match self.theme.get(k) {
            Some(f) => Some(f.clone()),
            None => read(&self.extra).get(k - self.theme.len()).cloned(),
        }
    }

    /// The font that draws `c` in `face`: the face itself, else the first fallback that
    /// has it; `None` when no font has it.
    pub(crate) fn pick(&self, face: Face, c: char) -> Option<FontKey> {
        self.pick_in(face, c, None)
    }

    /// [`Library::pick`] for a character of a text whose Han characters should come from
    /// the `cjk` family first (a Japanese text's kanji from Noto Sans CJK JP: see
    /// [`Script::regional_cjk_family`]).
    fn pick_in(&self, face: Face, c: char, cjk: Option<&'static str>) -> Option<FontKey> {
        let own = face as FontKey;
        if self.theme.get(usize::from(own)).is_some_and(|f| f.has(c)) {
            return Some(own);
        }
        let k = (c, face as u8, cjk);
        if let Some(p) = read(&self.picks).get(&k) {
            return *p;
        }
        let order = self
            .orders
            .get(face as usize)
            .map_or(&[][..], |o| o.as_slice());
        let found = self.catalog.first_covering(order, c, cjk);
        let key = found.and_then(|loaded| self.key_of(loaded));
        write(&self.picks).insert(k, key);
        key
    }

    fn key_of(&self, loaded: Arc<Loaded>) -> Option<FontKey> {
        if let Some(i) = self.theme.iter().position(|f| Arc::ptr_eq(f, &loaded)) {
            return FontKey::try_from(i).ok();
        }
        let mut extra = write(&self.extra);
        let i = match extra.iter().position(|f| Arc::ptr_eq(f, &loaded)) {
            Some(i) => i,
            None => {
                extra.push(loaded);
                extra.len() - 1
            }
        };
        FontKey::try_from(i + self.theme.len()).ok()
    }

    /// The characters of `text` that no font can draw, each once, in order.
    pub(crate) fn missing(&self, face: Face, text: &str) -> Vec<char> {
        // Most cells are printable ASCII only: one pass over the bytes.
        if self.ascii.get(face as usize) == Some(&true)
            && text.bytes().all(|b| (b' '..0x7F).contains(&b))
        {
            return Vec::new();
        }
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !invisible(c)
                && !c.is_whitespace()
                && !clings(c)
                && self.pick(face, c).is_none()
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        out
    }

    /// Splits `text` into (byte range, font, right-to-left) items in visual order: one
    /// per word (a word keeps its trailing spaces), font and direction.
    fn items(
        &self,
        face: Face,
        text: &str,
        mut f: impl FnMut(usize, usize, Option<FontKey>, bool),
    ) {
        if !maybe_rtl(text) {
            self.words_of(face, text, 0, text.len(), false, &mut f);
            return;
        }
        // The paragraph's direction is its first strong character's (a name that starts
        // in Arabic is set right to left, as Word does with the DOCX's `w:bidi`).
        let info = BidiInfo::new(text, None);
        for para in &info.paragraphs {
            let (levels, runs) = info.visual_runs(para, para.range.clone());
            for run in runs {
                let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
                if rtl {
                    let mut items = Vec::new();
                    self.words_of(face, text, run.start, run.end, true, &mut |a, b, k, r| {
                        items.push((a, b, k, r));
                    });
                    for (a, b, k, r) in items.into_iter().rev() {
                        f(a, b, k, r);
                    }
                } else {
                    self.words_of(face, text, run.start, run.end, false, &mut f);
                }
            }
        }
    }

    fn words_of(
        &self,
        face: Face,
        text: &str,
        start: usize,
        end: usize,
        rtl: bool,
        f: &mut impl FnMut(usize, usize, Option<FontKey>, bool),
    ) {
        let Some(s) = text.get(start..end) else {
            return;
        };
        let own = Some(face as FontKey);
        let own_font = self.theme.get(face as usize);
        let cjk = Script::regional_cjk_family(text);
        let mut cur: Option<FontKey> = own;
        let mut item_start = start;
        let mut after_space = false;
        for (off, c) in s.char_indices() {
            let i = start + off;
            let font = if c == ' ' || c == '\u{00A0}' || invisible(c) || (clings(c) && i > start) {
                cur
            } else if own_font.is_some_and(|f| f.has(c)) {
                own
            } else {
                self.pick_in(face, c, cjk)
            };
            let font = if (c == ' ' || c == '\u{00A0}') && cur.is_none() {
                own
            } else {
                font
            };
            let split = i > item_start && (font != cur || (after_space && c != ' '));
            if split {
                f(item_start, i, cur, rtl);
                item_start = i;
            }
            cur = font;
            after_space = c == ' ';
        }
        if end > item_start {
            f(item_start, end, cur, rtl);
        }
    }

    /// Calls `f` with each item of `text` (see [`Library::items`]) and its shaped word
    /// (`None`: no font draws it), in visual order. The cache's read lock is held across
    /// the items and let go only to shape a word not yet cached, so a batch's threads
    /// take it once per text, not once per word, and a cached word is lent, not cloned.
    fn each_word(
        &self,
        face: Face,
        text: &str,
        mut f: impl FnMut(usize, usize, Option<FontKey>, bool, Option<&Word>),
    ) {
        let mut cache: Option<std::sync::RwLockReadGuard<'_, WordCache>> = None;
        self.items(face, text, |a, b, key, rtl| {
            let (Some(k), Some(s)) = (key, text.get(a..b)) else {
                f(a, b, key, rtl, None);
                return;
            };
            let words = cache.get_or_insert_with(|| read(&self.words));
            if let Some(w) = words.get(&(k, rtl)).and_then(|m| m.get(s)) {
                f(a, b, key, rtl, Some(w));
                return;
            }
            // Not cached: shaped now, without holding the lock.
            cache = None;
            let Some(font) = self.font(k) else {
                f(a, b, key, rtl, None);
                return;
            };
            let w = Arc::new(shape_word(&font, s, rtl));
            write(&self.words)
                .entry((k, rtl))
                .or_default()
                .insert(s.into(), w.clone());
            f(a, b, key, rtl, Some(&w));
        });
    }

    /// The width of `text` in `face`, in em.
    pub(crate) fn width(&self, face: Face, text: &str) -> f32 {
        let mut w = 0.0;
        self.each_word(face, text, |_, _, _, _, word| {
            if let Some(word) = word {
                w += word.width;
            }
        });
        w
    }

    /// Adds each glyph's advance of `text` shaped in `face` (in em) to `out` at the byte
    /// where its cluster starts: a text's widths for any of its ranges, by prefix sums.
    pub(crate) fn advances(&self, face: Face, text: &str, out: &mut [f32]) {
        self.each_word(face, text, |a, _, _, _, word| {
            for g in word.map_or(&[][..], |w| &w.glyphs[..]) {
                if let Some(slot) = out.get_mut(a + g.start as usize) {
                    *slot += g.adv;
                }
            }
        });
    }

    /// `text` shaped in `face`, with fallbacks, in visual order: shaped now or found
    /// among the texts shaped before.
    pub(crate) fn shape(&self, face: Face, text: &str) -> Arc<Shaped> {
        let mut h = rustc_hash::FxHasher::default();
        (face, text).hash(&mut h);
        self.texts.get_or_make(
            h.finish(),
            |(f, t)| *f == face && **t == *text,
            || self.shape_now(face, text),
            |shaped| ((face, text.into()), text.len() + shaped.bytes()),
        )
    }

    fn shape_now(&self, face: Face, text: &str) -> Shaped {
        let mut out = Shaped::default();
        self.each_word(face, text, |a, b, key, rtl, word| {
            if !matches!(out.runs.last(), Some(r) if r.font == key) {
                out.runs.push(Run {
                    font: key,
                    glyphs: Vec::new(),
                });
            }
            let Some(run) = out.runs.last_mut() else {
                return;
            };
            match (key, word) {
                (Some(_), Some(w)) => {
                    run.glyphs.extend(w.glyphs.iter().map(|g| Glyph {
                        start: g.start + a as u32,
                        end: g.end + a as u32,
                        ..*g
                    }));
                }
                (Some(_), None) => {}
                // Nothing to draw; the text is kept for copying (see `content`).
                (None, _) => run.glyphs.push(Glyph {
                    gid: 0,
                    adv: 0.0,
                    natural: 0.0,
                    dx: 0.0,
                    dy: 0.0,
                    start: a as u32,
                    end: b as u32,
                    rtl,
                }),
            }
        });
        out
    }
}

/// Shapes one word with rustybuzz; glyph advances in em, clusters as byte ranges.
fn shape_word(font: &Loaded, word: &str, rtl: bool) -> Word {
    let mut buf = UnicodeBuffer::new();
    buf.push_str(word);
    buf.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buf.guess_segment_properties();
    let plan = font.plan(
        buf.direction(),
        Some(buf.script()).filter(|s| *s != rustybuzz::script::UNKNOWN),
    );
    let out = rustybuzz::shape_with_plan(&font.rb, &plan, buf);
    let upm = font.upm;
    let infos = out.glyph_infos();
    let pos = out.glyph_positions();
    let mut bounds: Vec<u32> = infos.iter().map(|i| i.cluster).collect();
    bounds.push(word.len() as u32);
    bounds.sort_unstable();
    bounds.dedup();
    // Whether each cluster (by its place in `bounds`) has had its first glyph: looked up
    // by binary search, so a word of any length shapes in n log n (a 200 KB token pasted
    // into a cell took half a minute with linear scans).
    let mut seen = vec![false; bounds.len()];
    let mut width = 0.0;
    let glyphs = infos
        .iter()
        .zip(pos)
        .map(|(i, p)| {
            let gid = u16::try_from(i.glyph_id).unwrap_or(0);
            let at = bounds.partition_point(|b| *b < i.cluster);
            let first = seen.get(at).is_some_and(|s| !s);
            if let Some(s) = seen.get_mut(at) {
                *s = true;
            }
            let next = bounds
                .get(bounds.partition_point(|b| *b <= i.cluster))
                .copied()
                .unwrap_or(word.len() as u32);
            let adv = p.x_advance as f32 / upm;
            width += adv;
            Glyph {
                gid,
                adv,
                natural: font.advance(gid),
                dx: p.x_offset as f32 / upm,
                dy: p.y_offset as f32 / upm,
                start: i.cluster,
                end: if first { next } else { i.cluster },
                rtl,
            }
        })
        .collect();
    Word { glyphs, width }
}

#[cfg(test)]
mod tests {
    use super::maybe_rtl;

    #[test]
    fn right_to_left_text_is_found_by_its_lead_bytes() {
        for s in ["Plain", "Conscientização", "Ωμέγα", "Ответ", "漢字", "🚀"] {
            assert!(!maybe_rtl(s), "{s}");
        }
        for s in [
            "בנק",
            "x شركة",
            "\u{0590}",
            "\u{08FF}",
            "\u{FB1D}",
            "\u{FEFC}",
            "\u{10800}",
            "\u{1E900}",
        ] {
            assert!(maybe_rtl(s), "{s:?}");
        }
    }
}
