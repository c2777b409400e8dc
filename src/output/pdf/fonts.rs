//! Fonts: the theme's five faces, parsed once per writer; measuring goes through the
//! shaper ([`super::shape`]), which adds the fallbacks for characters the faces lack.

use super::shape::Library;
use super::sysfonts::{keep_bytes, Catalog, Loaded};
use super::PdfError;
use crate::template::Assets;
use crate::theme::Theme;
use std::sync::Arc;

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

/// One of the five faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// One face of the theme, measuring with its fallbacks.
pub(crate) struct FontFace {
    face: Face,
    lib: Arc<Library>,
    /// Ascender above the baseline, in em.
    pub(crate) ascent: f32,
    /// Descender below the baseline (positive), in em.
    pub(crate) descent: f32,
    /// The width of one space, in em: asked for after nearly every word.
    space: f32,
}

impl FontFace {
    /// The advance of `c` in em (zero when no font has it).
    pub(crate) fn advance(&self, c: char) -> f32 {
        self.lib.width(self.face, c.encode_utf8(&mut [0; 4]))
    }

    /// Adds the shaped advances of `s` (in em) to `out` at the bytes where their
    /// clusters start (see [`Library::advances`]).
    pub(crate) fn advances(&self, s: &str, out: &mut [f32]) {
        self.lib.advances(self.face, s, out);
    }

    /// The shaped width of `s` at `size` points, fallbacks included.
    pub(crate) fn width(&self, s: &str, size: f32) -> f32 {
        if s == " " {
            return self.space * size;
        }
        self.lib.width(self.face, s) * size
    }
}

/// The five faces of a theme, and the library that shapes with them and their fallbacks.
pub(crate) struct FontSet {
    faces: [FontFace; 5],
    lib: Arc<Library>,
}

fn load_one(theme_file: &str, assets: &Assets) -> Result<Arc<Loaded>, PdfError> {
    let bytes: &'static [u8] = match assets.fonts.get(theme_file) {
        Some(crate::template::Blob::Static(b)) => b,
        Some(b) => keep_bytes(b),
        None => BUILTIN
            .iter()
            .find(|(n, _)| *n == theme_file)
            .map(|(_, b)| *b)
            .ok_or_else(|| PdfError::Font {
                name: theme_file.to_string(),
                reason: "not in the templates folder and not a built-in font \
                         (built-ins: Liberation Sans, Liberation Mono)"
                    .to_string(),
            })?,
    };
    let loaded = Loaded::parse(bytes, 0).ok_or_else(|| PdfError::Font {
        name: theme_file.to_string(),
        reason: "not a TrueType or OpenType font".to_string(),
    })?;
    if !loaded.has(' ') {
        return Err(PdfError::Font {
            name: theme_file.to_string(),
            reason: "the font has no space glyph (no Unicode cmap?)".to_string(),
        });
    }
    Ok(Arc::new(loaded))
}

impl FontSet {
    /// Loads the theme's faces from the assets, else the built-ins, and finds the
    /// fallback fonts (see [`super::sysfonts`]).
    pub(crate) fn load(theme: &Theme, assets: &Assets) -> Result<FontSet, PdfError> {
        let f = &theme.fonts;
        let loaded = [&f.regular, &f.bold, &f.italic, &f.bold_italic, &f.mono]
            .into_iter()
            .map(|n| load_one(n, assets))
            .collect::<Result<Vec<_>, _>>()?;
        let catalog = Catalog::get(&f.dirs);
        let lib = Arc::new(Library::new(loaded.clone(), catalog, &f.fallback));
        let one = |face: Face| {
            let l = loaded.get(face as usize);
            FontFace {
                face,
                space: lib.width(face, " "),
                lib: lib.clone(),
                ascent: l.map_or(0.9, |l| l.ascent),
                descent: l.map_or(0.2, |l| -l.descent),
            }
        };
        Ok(FontSet {
            faces: [
                one(Face::Regular),
                one(Face::Bold),
                one(Face::Italic),
                one(Face::BoldItalic),
                one(Face::Mono),
            ],
            lib,
        })
    }

    /// One face.
    #[inline]
    pub(crate) fn face(&self, face: Face) -> &FontFace {
        &self.faces[face as usize]
    }

    /// The shaping library.
    pub(crate) fn lib(&self) -> &Library {
        &self.lib
    }
}
