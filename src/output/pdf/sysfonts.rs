//! Font files: parsed faces ([`Loaded`]) and the catalogue of fallback fonts found in
//! font folders ([`Catalog`]): the system's (fontconfig's folders, or the folders in
//! `SUCCESSKIT_FONT_PATH` when it is set, none when it is empty), the theme's `dirs` and
//! `--font-dir`.
//!
//! A font is read and parsed only when a character needs it; its bytes then stay for the
//! life of the process (shared by every writer), so the shaper can hold a parsed face.

use super::fonts::Face;
use rustybuzz::ttf_parser;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The variable naming the folders searched instead of the system's.
pub(crate) const FONT_PATH_VAR: &str = "SUCCESSKIT_FONT_PATH";

/// Code points below this have their glyph id in a flat table.
const FAST: usize = 0x800;

/// A parsed face whose bytes live as long as the process.
pub(crate) struct Loaded {
    pub(crate) data: &'static [u8],
    pub(crate) index: u32,
    pub(crate) rb: rustybuzz::Face<'static>,
    pub(crate) upm: f32,
    /// PostScript name, safe to write as a PDF name.
    pub(crate) ps_name: String,
    /// Ascender, descender (negative), cap height, in em.
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) cap_height: f32,
    pub(crate) italic_angle: f32,
    /// Bounding box in em: x0, y0, x1, y1.
    pub(crate) bbox: [f32; 4],
    /// CFF outlines (else TrueType).
    pub(crate) cff: bool,
    pub(crate) serif: bool,
    fast: Vec<u16>,
    /// Shaping plans by direction and script: making one costs more than shaping a
    /// word with it, and a face sees only a few.
    plans: std::sync::RwLock<Vec<PlanEntry>>,
}

type PlanEntry = (
    rustybuzz::Direction,
    Option<rustybuzz::Script>,
    std::sync::Arc<rustybuzz::ShapePlan>,
);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({})", self.ps_name)
    }
}

fn name(face: &ttf_parser::Face<'_>, id: u16) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == id)
        .find_map(|n| n.to_string())
}

impl Loaded {
    /// Parses face `index` of `data`; `None` when it is not a font with outlines.
    pub(crate) fn parse(data: &'static [u8], index: u32) -> Option<Loaded> {
        let rb = rustybuzz::Face::from_slice(data, index)?;
        let t = rb.tables();
        let cff = t.cff.is_some();
        if !cff && t.glyf.is_none() {
            return None;
        }
        let upm = rb.units_per_em().max(1) as f32;
        let mut fast = vec![0u16; FAST];
        for (cp, slot) in fast.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *slot = rb.glyph_index(c).map_or(0, |g| g.0);
            }
        }
        let family = name(&rb, ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name(&rb, ttf_parser::name_id::FAMILY))
            .unwrap_or_default();
        let ps: String = name(&rb, ttf_parser::name_id::POST_SCRIPT_NAME)
            .unwrap_or_else(|| family.clone())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(60)
            .collect();
        let bb = rb.global_bounding_box();
        let em = |v: i16| f32::from(v) / upm;
        let ascent = em(rb.ascender());
        let descent = em(rb.descender());
        Some(Loaded {
            data,
            index,
            upm,
            ps_name: if ps.is_empty() {
                "Font".to_string()
            } else {
                ps
            },
            serif: family.contains("Serif"),
            ascent: if ascent > 0.0 { ascent } else { 0.9 },
            descent: if descent < 0.0 { descent } else { -0.2 },
            cap_height: rb.capital_height().map_or(0.7, em),
            italic_angle: rb.italic_angle(),
            bbox: [em(bb.x_min), em(bb.y_min), em(bb.x_max), em(bb.y_max)],
            cff,
            fast,
            plans: std::sync::RwLock::new(Vec::new()),
            rb,
        })
    }

    /// The shaping plan for text in `direction` and `script` (no language, no
    /// features: what `rustybuzz::shape` would make for the buffer), made once.
    pub(crate) fn plan(
        &self,
        direction: rustybuzz::Direction,
        script: Option<rustybuzz::Script>,
    ) -> std::sync::Arc<rustybuzz::ShapePlan> {
        use std::sync::PoisonError;
        let find = |all: &[PlanEntry]| {
            all.iter()
                .find(|(d, s, _)| *d == direction && *s == script)
                .map(|(_, _, p)| p.clone())
        };
        if let Some(p) = find(&self.plans.read().unwrap_or_else(PoisonError::into_inner)) {
            return p;
        }
        let made = std::sync::Arc::new(rustybuzz::ShapePlan::new(
            &self.rb,
            direction,
            script,
            None,
            &[],
        ));
        let mut all = self.plans.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(p) = find(&all) {
            return p;
        }
        all.push((direction, script, made.clone()));
        made
    }

    /// Whether the font has a glyph for `c`.
    #[inline]
    pub(crate) fn has(&self, c: char) -> bool {
        match self.fast.get(c as usize) {
            Some(g) => *g != 0,
            None => self.rb.glyph_index(c).is_some_and(|g| g.0 != 0),
        }
    }

    /// The font's advance of glyph `gid`, in em.
    pub(crate) fn advance(&self, gid: u16) -> f32 {
        f32::from(
            self.rb
                .glyph_hor_advance(ttf_parser::GlyphId(gid))
                .unwrap_or(0),
        ) / self.upm
    }
}

/// Font bytes kept for the life of the process, by content hash (theme files) or path.
fn keep(key: String, bytes: impl FnOnce() -> Option<Vec<u8>>) -> Option<&'static [u8]> {
    static KEPT: OnceLock<Mutex<HashMap<String, &'static [u8]>>> = OnceLock::new();
    let mut kept = KEPT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(b) = kept.get(&key) {
        return Some(b);
    }
    let b: &'static [u8] = Box::leak(bytes()?.into_boxed_slice());
    kept.insert(key, b);
    Some(b)
}

/// Bytes of a theme font file, kept for the process (one copy per distinct content).
pub(crate) fn keep_bytes(bytes: &[u8]) -> &'static [u8] {
    use sha2::{Digest, Sha256};
    let key: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    keep(key, || Some(bytes.to_vec())).unwrap_or(&[])
}

/// One face a catalogue may fall back to.
#[derive(Debug)]
struct Entry {
    id: fontdb::ID,
    family: String,
    path: String,
    index: u32,
    weight: u16,
    italic: bool,
    mono: bool,
    /// From the theme's `dirs` or `--font-dir` (tried before the system's).
    user: bool,
}

/// The fallback fonts of some folders. Built once per process for each set of folders;
/// the folders are scanned only when a character first needs a fallback (text the
/// theme's own fonts draw never costs the scan).
pub(crate) struct Catalog {
    path: Option<String>,
    dirs: Vec<String>,
    scanned: OnceLock<Scanned>,
    opened: Mutex<HashMap<usize, Option<Arc<Loaded>>>>,
    /// Characters no entry has.
    nobody: Mutex<HashSet<char>>,
}

/// What a scan of the catalogue's folders found.
struct Scanned {
    db: fontdb::Database,
    entries: Vec<Entry>,
}

/// The catalogue's entries in the order to try them for one face, worked out when first
/// needed.
pub(crate) struct Order {
    catalog: Arc<Catalog>,
    face: Face,
    fallback: Vec<String>,
    order: OnceLock<Vec<usize>>,
}

impl Order {
    /// The entry indices, best first (see [`Catalog::order`]).
    pub(crate) fn as_slice(&self) -> &[usize] {
        self.order
            .get_or_init(|| self.catalog.order_now(self.face, &self.fallback))
    }
}

/// The script-specific family word to try first for `c`.
fn script_word(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        0x0900..=0x097F | 0xA8E0..=0xA8FF => "Devanagari",
        0x0980..=0x09FF => "Bengali",
        0x0A00..=0x0A7F => "Gurmukhi",
        0x0A80..=0x0AFF => "Gujarati",
        0x0B80..=0x0BFF => "Tamil",
        0x0C00..=0x0C7F => "Telugu",
        0x0C80..=0x0CFF => "Kannada",
        0x0D00..=0x0D7F => "Malayalam",
        0x0E00..=0x0E7F => "Thai",
        0x0E80..=0x0EFF => "Lao",
        0x1000..=0x109F => "Myanmar",
        0x10A0..=0x10FF => "Georgian",
        0x0530..=0x058F => "Armenian",
        0x1200..=0x139F => "Ethiopic",
        0x1780..=0x17FF => "Khmer",
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => "CJK",
        _ => return None,
    })
}

impl Catalog {
    /// The catalogue of the system's fonts (see the module header) and `dirs`.
    pub(crate) fn get(dirs: &[String]) -> Arc<Catalog> {
        /// Catalogues by (font path variable, folders).
        type Catalogs = HashMap<(Option<String>, Vec<String>), Arc<Catalog>>;
        static ALL: OnceLock<Mutex<Catalogs>> = OnceLock::new();
        let path = std::env::var(FONT_PATH_VAR).ok();
        let key = (path.clone(), dirs.to_vec());
        let mut all = ALL
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = all.get(&key) {
            return c.clone();
        }
        let c = Arc::new(Catalog {
            path,
            dirs: dirs.to_vec(),
            scanned: OnceLock::new(),
            opened: Mutex::new(HashMap::new()),
            nobody: Mutex::new(HashSet::new()),
        });
        all.insert(key, c.clone());
        c
    }

    fn scanned(&self) -> &Scanned {
        self.scanned
            .get_or_init(|| Catalog::scan(self.path.as_deref(), &self.dirs))
    }

    fn scan(path: Option<&str>, dirs: &[String]) -> Scanned {
        let mut db = fontdb::Database::new();
        for d in dirs {
            db.load_fonts_dir(d);
        }
        let user: HashSet<fontdb::ID> = db.faces().map(|f| f.id).collect();
        match path {
            Some(p) => {
                for d in std::env::split_paths(p).filter(|d| !d.as_os_str().is_empty()) {
                    db.load_fonts_dir(d);
                }
            }
            None => db.load_system_fonts(),
        }
        let mut seen = HashSet::new();
        let entries = db
            .faces()
            .filter_map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => PathBuf::new(),
                };
                let path = path.to_string_lossy().into_owned();
                // The same file reached through two folders counts once.
                seen.insert((path.clone(), f.index)).then(|| Entry {
                    id: f.id,
                    family: f
                        .families
                        .first()
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default(),
                    path,
                    index: f.index,
                    weight: f.weight.0,
                    italic: f.style != fontdb::Style::Normal,
                    mono: f.monospaced,
                    user: user.contains(&f.id),
                })
            })
            .collect();
        Scanned { db, entries }
    }

    /// Entry indices in the order to try them for `face`: the `fallback` families in
    /// their order, then fonts from the user's folders, then sans-serif (Noto Sans
    /// first), then the rest; within a family the nearest style. Ties break by path.
    /// Worked out (and the folders scanned) when first used.
    pub(crate) fn order(self: &Arc<Self>, face: Face, fallback: &[String]) -> Order {
        Order {
            catalog: self.clone(),
            face,
            fallback: fallback.to_vec(),
            order: OnceLock::new(),
        }
    }

    fn order_now(&self, face: Face, fallback: &[String]) -> Vec<usize> {
        let entries = &self.scanned().entries;
        let bold = matches!(face, Face::Bold | Face::BoldItalic);
        let italic = matches!(face, Face::Italic | Face::BoldItalic);
        let mono = face == Face::Mono;
        let mut idx: Vec<usize> = (0..entries.len()).collect();
        let key = |e: &Entry| {
            let listed = fallback
                .iter()
                .position(|f| f.eq_ignore_ascii_case(&e.family))
                .unwrap_or(usize::MAX);
            let fam = &e.family;
            let mut class = if fam.starts_with("Noto Sans") {
                0
            } else if fam.starts_with("DejaVu Sans") {
                2
            } else if fam.contains("Serif") {
                6
            } else {
                4
            };
            if fam.contains(" UI") || fam.contains("Mono") != mono || fam.contains("Display") {
                class += 1;
            }
            if fam.contains("CJK") && !fam.contains("CJK SC") {
                class += 1;
            }
            let want = if bold { 700 } else { 400 };
            let style =
                u32::from(e.weight.abs_diff(want)) + if e.italic != italic { 1000 } else { 0 };
            (
                listed,
                !e.user,
                class,
                e.mono != mono,
                fam.clone(),
                style,
                e.path.clone(),
                e.index,
            )
        };
        idx.sort_by_cached_key(|i| entries.get(*i).map(key));
        idx
    }

    fn covers(&self, i: usize, c: char) -> bool {
        if let Some(o) = self
            .opened
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&i)
        {
            return o.as_ref().is_some_and(|l| l.has(c));
        }
        let scanned = self.scanned();
        let Some(e) = scanned.entries.get(i) else {
            return false;
        };
        scanned
            .db
            .with_face_data(e.id, |data, index| {
                let Ok(f) = ttf_parser::Face::parse(data, index) else {
                    return false;
                };
                let t = f.tables();
                (t.glyf.is_some() || t.cff.is_some()) && f.glyph_index(c).is_some_and(|g| g.0 != 0)
            })
            .unwrap_or(false)
    }

    fn open(&self, i: usize) -> Option<Arc<Loaded>> {
        let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(o) = opened.get(&i) {
            return o.clone();
        }
        let scanned = self.scanned();
        let e = scanned.entries.get(i)?;
        let bytes = keep(format!("file:{}", e.path), || {
            scanned.db.with_face_data(e.id, |data, _| data.to_vec())
        });
        let loaded = bytes.and_then(|b| Loaded::parse(b, e.index)).map(Arc::new);
        opened.insert(i, loaded.clone());
        loaded
    }

    /// The first font of `order` that has `c`, opened.
    pub(crate) fn first_covering(
        &self,
        order: &[usize],
        c: char,
        cjk: Option<&str>,
    ) -> Option<Arc<Loaded>> {
        if self
            .nobody
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&c)
        {
            return None;
        }
        let word = script_word(c);
        let family_has = |i: &usize, w: &str| {
            self.scanned()
                .entries
                .get(*i)
                .is_some_and(|e| e.family.contains(w))
        };
        // A Han character of a Japanese or Korean text: that language's family first
        // (Noto Sans CJK JP, KR), so its kanji take Japanese shapes, not Chinese ones.
        let regional = order
            .iter()
            .filter(|i| word == Some("CJK") && cjk.is_some_and(|w| family_has(i, w)));
        let hinted = order
            .iter()
            .filter(|i| word.is_some_and(|w| family_has(i, w)));
        for &i in regional.chain(hinted).chain(order.iter()) {
            if self.covers(i, c) {
                if let Some(l) = self.open(i) {
                    return Some(l);
                }
            }
        }
        self.nobody
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(c);
        None
    }
}
