//! Fonts: the theme's five faces, parsed once per writer, with a precomputed table of
//! advance widths so measuring text never goes back to the font tables for Latin text.

use super::PdfError;
use crate::template::Assets;
use crate::theme::Theme;
use printpdf::{FontId, ParsedFont};

/// The bundled Liberation fonts, used when the assets do not carry the theme's file.
const BUILTIN: &[(&str, &[u8])] = &[
    (
        "LiberationSans-Regular.ttf",
        include_bytes!("../../../templates/fonts/LiberationSans-Regular.ttf"),
    ),
    (
        "LiberationSans-Bold.ttf",
        include_bytes!("../../../templates/fonts/LiberationSans-Bold.ttf"),
    ),
    (
        "LiberationSans-Italic.ttf",
        include_bytes!("../../../templates/fonts/LiberationSans-Italic.ttf"),
    ),
    (
        "LiberationSans-BoldItalic.ttf",
        include_bytes!("../../../templates/fonts/LiberationSans-BoldItalic.ttf"),
    ),
    (
        "LiberationMono-Regular.ttf",
        include_bytes!("../../../templates/fonts/LiberationMono-Regular.ttf"),
    ),
];

/// Characters below this code point have their width in a flat table; the rest (rare in
/// our documents) are looked up in the font.
const FAST: usize = 0x800;

/// One of the five faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
    Mono = 4,
}

impl Face {
    /// The face for a bold/italic/code combination.
    pub(crate) fn styled(bold: bool, italic: bool, code: bool) -> Face {
        match (code, bold, italic) {
            (true, _, _) => Face::Mono,
            (false, true, true) => Face::BoldItalic,
            (false, true, false) => Face::Bold,
            (false, false, true) => Face::Italic,
            (false, false, false) => Face::Regular,
        }
    }
}

/// A parsed face and its metrics, in em units.
pub(crate) struct FontFace {
    /// The parsed font handed to printpdf for embedding and subsetting.
    pub(crate) parsed: ParsedFont,
    /// The resource id; its first six letters are the subset tag pdffonts shows.
    pub(crate) id: FontId,
    /// Advance widths in em for code points below [`FAST`]; negative when the font has
    /// no glyph.
    fast: Vec<f32>,
    units_per_em: f32,
    /// Ascender above the baseline, in em.
    pub(crate) ascent: f32,
    /// Descender below the baseline (positive), in em.
    pub(crate) descent: f32,
}

impl FontFace {
    fn load(name: &str, bytes: &[u8], id: &str) -> Result<FontFace, PdfError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| PdfError::Font {
                name: name.to_string(),
                reason: "not a TrueType or OpenType font".to_string(),
            })?;
        let upm = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut fast = vec![-1.0; FAST];
        for (cp, slot) in fast.iter_mut().enumerate() {
            if let Some(gid) = parsed.lookup_glyph_index(cp as u32).filter(|g| *g != 0) {
                *slot = f32::from(parsed.get_horizontal_advance(gid)) / upm;
            }
        }
        if fast.get(usize::from(b' ')).is_none_or(|w| *w < 0.0) {
            return Err(PdfError::Font {
                name: name.to_string(),
                reason: "the font has no space glyph (no Unicode cmap?)".to_string(),
            });
        }
        let ascent = f32::from(parsed.pdf_font_metrics.ascender) / upm;
        let descent = -f32::from(parsed.pdf_font_metrics.descender) / upm;
        Ok(FontFace {
            parsed,
            id: FontId(id.to_string()),
            fast,
            units_per_em: upm,
            ascent: if ascent > 0.0 { ascent } else { 0.9 },
            descent: if descent > 0.0 { descent } else { 0.2 },
        })
    }

    /// The advance of `c` in em, `None` when the font has no glyph for it.
    #[inline]
    pub(crate) fn advance(&self, c: char) -> Option<f32> {
        let cp = c as usize;
        if cp < FAST {
            let w = self.fast.get(cp).copied().unwrap_or(-1.0);
            return (w >= 0.0).then_some(w);
        }
        let gid = self
            .parsed
            .lookup_glyph_index(c as u32)
            .filter(|g| *g != 0)?;
        Some(f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em)
    }

    /// Whether the font can draw `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The width of `s` at `size` points (characters without a glyph count as `?`).
    pub(crate) fn width(&self, s: &str, size: f32) -> f32 {
        let q = self.advance('?').unwrap_or(0.5);
        s.chars().map(|c| self.advance(c).unwrap_or(q)).sum::<f32>() * size
    }
}

/// The five faces of a theme.
pub(crate) struct FontSet {
    faces: [FontFace; 5],
}

impl FontSet {
    /// Loads the theme's faces from the assets, else the built-ins.
    pub(crate) fn load(theme: &Theme, assets: &Assets) -> Result<FontSet, PdfError> {
        let f = &theme.fonts;
        let one = |name: &str, id: &str| -> Result<FontFace, PdfError> {
            let bytes: &[u8] = match assets.fonts.get(name) {
                Some(b) => b,
                None => BUILTIN
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, b)| *b)
                    .ok_or_else(|| PdfError::Font {
                        name: name.to_string(),
                        reason: "not in the templates folder and not a built-in font \
                                 (built-ins: Liberation Sans, Liberation Mono)"
                            .to_string(),
                    })?,
            };
            FontFace::load(name, bytes, id)
        };
        Ok(FontSet {
            faces: [
                one(&f.regular, "SKREGU")?,
                one(&f.bold, "SKBOLD")?,
                one(&f.italic, "SKITAL")?,
                one(&f.bold_italic, "SKBDIT")?,
                one(&f.mono, "SKMONO")?,
            ],
        })
    }

    /// One face.
    #[inline]
    pub(crate) fn face(&self, face: Face) -> &FontFace {
        &self.faces[face as usize]
    }

    /// All faces with their role.
    pub(crate) fn all(&self) -> impl Iterator<Item = (Face, &FontFace)> {
        [
            Face::Regular,
            Face::Bold,
            Face::Italic,
            Face::BoldItalic,
            Face::Mono,
        ]
        .into_iter()
        .map(|f| (f, self.face(f)))
    }
}
