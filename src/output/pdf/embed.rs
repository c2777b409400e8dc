//! The fonts of one document, embedded as subsets: each font a Type 0 font with
//! `Identity-H` encoding over a CID font (TrueType or CFF outlines), its glyphs
//! renumbered in the order the document first uses them, and a `ToUnicode` map so
//! copying and searching give back the text.
//!
//! A theme face's subset always holds the glyphs of [`SEED`] (printable ASCII, the
//! accented letters of Portuguese, Spanish and French names, common punctuation),
//! numbered first in that order. Most documents of a batch then use no other glyph of
//! that face and so embed the very same subset, which is made and deflated once and
//! kept by the library ([`Library::subset`]): subsetting and deflating the fonts were a
//! tenth of a build. Each subset is a few kilobytes larger for it.
//!
//! The subset tag (the six letters before `+` that pdffonts shows) is derived from the
//! font and the glyphs kept, so the same document always gives the same bytes.

use super::content::hex4;
use super::obj::{name, Dict, File, Filter, Obj};
use super::shape::{FontKey, Library, THEME_FACES};
use super::sysfonts::Loaded;
use super::PdfError;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::Arc;
use subsetter::GlyphRemapper;

/// The characters whose glyphs every subset of a theme face holds, numbered first in this
/// order (a character the face lacks is skipped).
pub(crate) const SEED: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "ÀÁÂÃÇÈÉÊÍÑÓÔÕÚÜàáâãçèéêíñóôõúü",
    "–—‘’“”•…·→½",
);

/// A font program made and deflated for one set of glyphs, kept by the library.
pub(crate) struct Subset {
    /// The zlib-deflated `FontFile2` (the whole subset) or `FontFile3` (its CFF table).
    zlib: Vec<u8>,
    /// The length of the TrueType subset before deflating (`/Length1`).
    length1: usize,
    /// The six-letter tag.
    tag: String,
}

impl Subset {
    /// About how many bytes it holds.
    pub(crate) fn bytes(&self) -> usize {
        self.zlib.capacity() + self.tag.capacity() + std::mem::size_of::<Subset>()
    }
}

/// One font a document uses.
struct Used {
    key: FontKey,
    font: Arc<Loaded>,
    remap: GlyphRemapper,
    /// What each new glyph id stands for (index: new id; the first text it was drawn
    /// for, reversed for right-to-left glyphs).
    unicode: Vec<String>,
    /// The new glyph id of each glyph id drawn (index: old id; 0: not yet drawn).
    cids: Vec<u16>,
}

/// Whether `a` and `b` are equal: a glyph's text is mostly one to four bytes, compared
/// here without a call to `memcmp` (a per cent of writing the pages' operators).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && match a.len() {
            0..=4 => a.iter().zip(b).all(|(x, y)| x == y),
            _ => a == b,
        }
}

/// The fonts of one document, in the order of first use (`/F1`, `/F2` …).
#[derive(Default)]
pub(crate) struct DocFonts {
    keys: Vec<FontKey>,
    used: Vec<Used>,
}

impl DocFonts {
    /// The document's number of the font `key` (its resource is `/F{n+1}`).
    pub(crate) fn font(&mut self, lib: &Library, key: FontKey) -> Option<usize> {
        if let Some(i) = self.keys.iter().position(|k| *k == key) {
            return Some(i);
        }
        let font = lib.font(key)?;
        self.keys.push(key);
        let n = self.used.len();
        self.used.push(Used {
            key,
            font,
            remap: GlyphRemapper::new(),
            unicode: Vec::new(),
            cids: Vec::new(),
        });
        if usize::from(key) < THEME_FACES {
            for (c, gid) in lib.seed(key) {
                let mut utf8 = [0; 4];
                self.cid(n, *gid, c.encode_utf8(&mut utf8), false);
            }
        }
        Some(n)
    }

    /// The CID to write for glyph `gid` of font `n`, drawn for `text` (right to left when
    /// `rtl`), and whether its `ToUnicode` entry (the first text the glyph was drawn for)
    /// gives `text` back.
    pub(crate) fn cid(&mut self, n: usize, gid: u16, text: &str, rtl: bool) -> (u16, bool) {
        let Some(u) = self.used.get_mut(n) else {
            return (0, false);
        };
        let at = usize::from(gid);
        let cid = match u.cids.get(at).copied().filter(|c| *c != 0) {
            Some(cid) => cid,
            None => {
                let cid = u.remap.remap(gid);
                if u.cids.len() <= at {
                    u.cids.resize(at + 1, 0);
                }
                if let Some(slot) = u.cids.get_mut(at) {
                    *slot = cid;
                }
                let i = usize::from(cid);
                if u.unicode.len() <= i {
                    u.unicode.resize(i + 1, String::new());
                    if let Some(slot) = u.unicode.get_mut(i) {
                        *slot = if rtl {
                            text.chars().rev().collect()
                        } else {
                            text.to_string()
                        };
                    }
                }
                cid
            }
        };
        let mapped = u.unicode.get(usize::from(cid)).map_or("", String::as_str);
        let same = if rtl {
            mapped.chars().eq(text.chars().rev())
        } else {
            same_bytes(mapped.as_bytes(), text.as_bytes())
        };
        (cid, same)
    }

    /// Embeds every font; returns the `/Font` resource dictionary.
    pub(crate) fn embed(&self, lib: &Library, doc: &mut File) -> Result<Dict, PdfError> {
        let mut res = Dict::new();
        for (i, u) in self.used.iter().enumerate() {
            let id = embed_one(lib, doc, u)?;
            res.set(format!("F{}", i + 1), Obj::Ref(id));
        }
        Ok(res)
    }
}

fn tag(ps_name: &str, gids: &[u16]) -> String {
    let mut h = Sha256::new();
    h.update(ps_name.as_bytes());
    for g in gids {
        h.update(g.to_be_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn real(v: f32) -> Obj {
    Obj::Real((v * 1000.0).round())
}

/// The subset of `font` holding `gids` (old glyph ids, in their new order).
/// A theme face's subset is deflated at level 9 (`best`): it is made once a run.
fn make_subset(
    font: &Loaded,
    remap: &GlyphRemapper,
    gids: &[u16],
    best: bool,
) -> Result<Subset, String> {
    let sub = subsetter::subset(font.data, font.index, remap).map_err(|e| e.to_string())?;
    let length1 = sub.len();
    let program = if font.cff {
        let raw = rustybuzz::ttf_parser::RawFace::parse(&sub, 0).map_err(|e| e.to_string())?;
        raw.table(rustybuzz::ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| "no CFF table in the subset".to_string())?
            .to_vec()
    } else {
        sub
    };
    Ok(Subset {
        zlib: if best {
            crate::output::deflate::zlib_best(&program)
        } else {
            crate::output::deflate::zlib(&program)
        },
        length1,
        tag: tag(&font.ps_name, gids),
    })
}

fn embed_one(lib: &Library, doc: &mut File, u: &Used) -> Result<u32, PdfError> {
    let f = &u.font;
    let gids: Vec<u16> = u.remap.remapped_gids().collect();
    let seeded = usize::from(u.key) < THEME_FACES;
    let subset = lib.subset(u.key, &gids, || make_subset(f, &u.remap, &gids, seeded));
    let subset = subset.as_ref().as_ref().map_err(|e| PdfError::Font {
        name: f.ps_name.clone(),
        reason: format!("cannot subset: {e}"),
    })?;
    let base = format!("{}+{}", subset.tag, f.ps_name);
    let (file_key, file) = if f.cff {
        let mut d = Dict::new();
        d.set("Subtype", name("CIDFontType0C"));
        ("FontFile3", d)
    } else {
        let mut d = Dict::new();
        d.set("Length1", Obj::Int(subset.length1 as i64));
        ("FontFile2", d)
    };
    let file_id = doc.add_stream(file, subset.zlib.clone(), Filter::Deflated);
    let base = Obj::Name(base.into());

    let mut desc = Dict::typed("FontDescriptor");
    desc.set("FontName", base.clone());
    // Symbolic (4), plus serif (2) and italic (64) when they are so.
    let flags = 4 | if f.serif { 2 } else { 0 } | if f.italic_angle != 0.0 { 64 } else { 0 };
    desc.set("Flags", Obj::Int(flags));
    desc.set(
        "FontBBox",
        Obj::Array(f.bbox.iter().map(|v| real(*v)).collect()),
    );
    desc.set("ItalicAngle", Obj::Real(f.italic_angle));
    desc.set("Ascent", real(f.ascent));
    desc.set("Descent", real(f.descent));
    desc.set("CapHeight", real(f.cap_height));
    desc.set("StemV", Obj::Int(80));
    desc.set(file_key, Obj::Ref(file_id));
    let desc_id = doc.add_dict(desc);

    let widths: Vec<Obj> = gids.iter().map(|g| real(f.advance(*g))).collect();
    let mut cid = Dict::typed("Font");
    cid.set(
        "Subtype",
        name(if f.cff {
            "CIDFontType0"
        } else {
            "CIDFontType2"
        }),
    );
    cid.set("BaseFont", base.clone());
    let mut info = Dict::new();
    info.set("Registry", Obj::Str(b"Adobe".to_vec()));
    info.set("Ordering", Obj::Str(b"Identity".to_vec()));
    info.set("Supplement", Obj::Int(0));
    cid.set("CIDSystemInfo", Obj::Dict(info));
    cid.set("FontDescriptor", Obj::Ref(desc_id));
    cid.set("W", Obj::Array(vec![Obj::Int(0), Obj::Array(widths)]));
    if !f.cff {
        cid.set("CIDToGIDMap", name("Identity"));
    }
    let cid_id = doc.add_dict(cid);

    let cmap_id = doc.add_stream(Dict::new(), to_unicode(&u.unicode), Filter::Deflate);

    let mut top = Dict::typed("Font");
    top.set("Subtype", name("Type0"));
    top.set("BaseFont", base);
    top.set("Encoding", name("Identity-H"));
    top.set("DescendantFonts", Obj::Array(vec![Obj::Ref(cid_id)]));
    top.set("ToUnicode", Obj::Ref(cmap_id));
    Ok(doc.add_dict(top))
}

/// The `ToUnicode` CMap: each CID to the UTF-16 of its text.
fn to_unicode(map: &[String]) -> Vec<u8> {
    let mut s: Vec<u8> = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        .to_vec();
    let entries: Vec<(usize, &String)> = map
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .collect();
    // Written by hand, not with `write!`: formatting was a per cent of a batch's
    // instructions (every document's maps, a few hundred entries each).
    for block in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", block.len());
        for (cid, text) in block {
            s.push(b'<');
            // CIDs are u16 (the remapper's ids); a larger index is written whole.
            match u16::try_from(*cid) {
                Ok(c) => hex4(&mut s, c),
                Err(_) => {
                    let _ = write!(s, "{cid:04X}");
                }
            }
            s.extend_from_slice(b"> <");
            for unit in text.encode_utf16() {
                hex4(&mut s, unit);
            }
            s.extend_from_slice(b">\n");
        }
        s.extend_from_slice(b"endbfchar\n");
    }
    s.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}
