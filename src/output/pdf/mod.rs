//! PDF writer: our own layout, and our own writer of the file.
//!
//! (The modules named here are private; `cargo doc --document-private-items` shows them.)
//!
//! - `layout` turns blocks into chunks (a line, a table row, a chart bar…) with keep
//!   rules, and `paginate` places them on pages (no short last page, no table split
//!   with fewer than three rows on a side); `text` measures and breaks lines (UAX #14;
//!   hyphenation points from `hyph`, justified lines, right-to-left paragraphs),
//!   `table` sizes columns and rows, `handout` lays slides three to a page.
//! - `fonts` holds the theme's five faces, parsed once per writer; `shape` chooses the
//!   font of each character (the faces, then the theme's fallbacks, `--font-dir` and the
//!   system's fonts found by `sysfonts`) and shapes every word with rustybuzz, once per
//!   distinct word; `embed` writes the fonts a document uses as Type 0 subsets with a
//!   `ToUnicode` map.
//! - `emit` adds the running header and footer, then builds the file: the pages, the
//!   link annotations, the nested outline, `/Lang`; `content` writes each page's
//!   drawing operators directly; `obj` numbers the objects and writes them (object
//!   streams, a cross-reference stream, a `/ID` derived from the bytes, so the same
//!   document always gives the same file).
//! - `tags` builds the structure tree (tagged PDF/UA-1) from the marks layout puts in
//!   the drawing commands, while `content` wraps each run in marked content; `pdfa`
//!   writes the XMP metadata and the PDF/A-2b sRGB output intent
//!   (docs/accessibility.md).

mod content;
mod draw;
mod embed;
mod emit;
mod fonts;
mod handout;
mod hyph;
mod layout;
mod obj;
mod paginate;
mod pdfa;
mod shape;
mod sysfonts;
mod table;
mod tags;
mod text;

// The DOCX writer mirrors the PDF's running header, footer and callout colours.
pub(crate) use layout::callout_colors;

use crate::document::{Document, Layout};
use crate::output::Rendered;
use crate::theme::Theme;
use fonts::{FontFace, FontSet};

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be loaded.
    #[error("font {name}: {reason}")]
    Font {
        /// The font file name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The logo could not be decoded.
    #[error("logo: {0}")]
    Logo(String),
    /// The theme cannot be laid out (e.g. margins larger than the page).
    #[error("theme: {0}")]
    Theme(String),
    /// The finished PDF could not be serialised.
    #[error("writing the PDF: {0}")]
    Write(String),
}

/// A decoded logo, ready to embed: its pixels deflated once per writer, not once per
/// document.
struct Logo {
    /// Pixels embedded (after shrinking).
    w: usize,
    h: usize,
    /// Grey levels rather than RGB.
    gray: bool,
    /// The colour samples, deflated.
    color: Vec<u8>,
    /// The alpha channel, deflated: the image's soft mask.
    alpha: Option<Vec<u8>>,
    /// The source image's size, which sets its aspect ratio.
    px_w: f32,
    px_h: f32,
}

/// A PDF writer, built once (fonts parsed, widths measured) and reused for many
/// documents, from several threads at once. `Send + Sync`. It keeps the paragraphs and
/// texts its documents repeat for its whole life (two memos of at most 24 MiB each,
/// see `memo.rs`): make one per run, not one per process.
pub struct PdfWriter {
    theme: Theme,
    fonts: FontSet,
    /// The paragraphs measured with `fonts`, kept for the documents after.
    paragraphs: text::Paragraphs,
    logo: Option<Logo>,
}

/// Millimetres to points.
/// The theme's page turned landscape for a wide report: its side margins above and
/// below, and top and bottom margins of at most 16 mm (the running header and footer
/// still fit), so more rows fit a page.
fn landscape(geo: &emit::Geometry) -> emit::Geometry {
    let side = geo.left;
    let top = geo.top.min(mm(16.0));
    let bottom = (geo.page_h - geo.top - geo.body_h).min(mm(16.0));
    emit::Geometry {
        page_w: geo.page_h,
        page_h: geo.page_w,
        left: side,
        top,
        body_w: geo.page_h - 2.0 * side,
        body_h: geo.page_w - top - bottom,
    }
}

pub(crate) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// `s` shortened with an ellipsis to fit `max_w` points, on one line: its soft hyphens
/// (U+00AD), break opportunities it never takes, are left out, so copying it gives the
/// words whole as in the body text.
pub(crate) fn ellipsize(face: &FontFace, s: &str, size: f32, max_w: f32) -> String {
    let unhyphenated;
    let s = if s.contains('\u{00AD}') {
        unhyphenated = s.replace('\u{00AD}', "");
        unhyphenated.as_str()
    } else {
        s
    };
    if face.width(s, size) <= max_w {
        return s.to_string();
    }
    let ell = face.width("…", size);
    let mut out = String::new();
    let mut w = 0.0;
    // Width of `out` at its last space, to end on a whole word when that keeps most
    // of the room ("… Armazenagem e Serviços…", not "… e Serviços Po…").
    let mut at_space = None;
    let mut rest = s.chars().peekable();
    while let Some(&c) = rest.peek() {
        let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw + ell > max_w {
            break;
        }
        if c.is_whitespace() {
            at_space = Some((out.len(), w));
        }
        w += cw;
        out.push(c);
        rest.next();
    }
    let mid_word = rest.peek().is_some_and(|c| !c.is_whitespace())
        && out.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if let Some((len, kept)) = at_space.filter(|_| mid_word) {
        if kept >= max_w * 0.6 {
            out.truncate(len);
        }
    }
    let mut out = out
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '·' | '-' | '–' | '—')
        })
        .to_string();
    out.push('…');
    out
}

impl PdfWriter {
    /// Loads the theme's fonts (from `assets`, else the built-ins) and decodes the logo.
    pub fn new(theme: &Theme, assets: &crate::template::Assets) -> Result<Self, PdfError> {
        let (w, h) = theme.page.mm();
        let m = &theme.margins;
        let sane = |v: f32| v.is_finite() && v >= 0.0;
        if ![m.top, m.bottom, m.left, m.right].into_iter().all(sane)
            || m.left + m.right > w - 40.0
            || m.top + m.bottom > h - 60.0
        {
            return Err(PdfError::Theme(format!(
                "margins (top {}, bottom {}, left {}, right {} mm) leave too little of the page",
                m.top, m.bottom, m.left, m.right
            )));
        }
        let s = &theme.sizes;
        let sizes = [
            s.body, s.title, s.subtitle, s.h2, s.h3, s.h4, s.table, s.footer,
        ];
        if !sizes
            .iter()
            .all(|v| v.is_finite() && (3.0..=96.0).contains(v))
        {
            return Err(PdfError::Theme(
                "font sizes must be between 3 and 96 points".to_string(),
            ));
        }
        let fonts = FontSet::load(theme, assets)?;
        let logo = match &assets.logo {
            Some(bytes) => Some(decode_png(bytes)?),
            None => None,
        };
        Ok(PdfWriter {
            theme: theme.clone(),
            fonts,
            paragraphs: text::Paragraphs::default(),
            logo,
        })
    }

    /// The characters of `text` that no font can draw, each once: the theme's regular
    /// face, its fallbacks, the fonts in its `dirs` and the system's all lack them. A
    /// soft hyphen (U+00AD) is never one: it is a break opportunity, never drawn as
    /// itself (a line broken there shows a hyphen-minus).
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing = self.fonts.lib().missing(fonts::Face::Regular, text);
        missing.retain(|c| *c != '\u{00AD}');
        missing
    }

    /// Lays out and writes one document.
    pub fn write(&self, doc: &Document) -> Result<Rendered, PdfError> {
        let geo = emit::Geometry::of(&self.theme);
        let logo_info = self.logo.as_ref().map(|l| layout::LogoInfo {
            px_w: l.px_w,
            px_h: l.px_h,
        });
        let pages = match doc.meta.layout {
            Layout::Flow | Layout::Report => {
                let report = doc.meta.layout == Layout::Report;
                let geo = if report { landscape(&geo) } else { geo };
                let mut flow = layout::Flow::new(self, 1.0, geo.body_h, logo_info);
                flow.dense_tables = report;
                flow.lang = doc.meta.lang;
                flow.blocks(&doc.blocks, geo.left, geo.body_w);
                let placed = paginate::paginate(&flow.chunks, &flow.headers, geo.body_h);
                let pages = emit::flow_pages(&mut flow, &placed, geo.top);
                return emit::finish(self, doc, &geo, pages);
            }
            Layout::Handout => handout::pages(self, doc, &geo, logo_info),
        };
        emit::finish(self, doc, &geo, pages)
    }
}

/// Decodes a PNG into RGB or grey pixels and an alpha channel with the `png` crate.
fn decode_png(bytes: &[u8]) -> Result<Logo, PdfError> {
    let err = |e: png::DecodingError| PdfError::Logo(format!("not a readable PNG: {e}"));
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(err)?;
    let (w, h) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > 25_000_000 {
        return Err(PdfError::Logo(format!("{w}×{h} pixels is not a logo size")));
    }
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).map_err(err)?;
    buf.truncate(info.buffer_size());
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Indexed => {
            return Err(PdfError::Logo(
                "indexed colours were not expanded".to_string(),
            ))
        }
    };
    let (pixels, w2, h2) = shrink(buf, w as usize, h as usize, channels);
    // Colour and alpha apart: PDF draws the alpha channel as a soft mask.
    let has_alpha = channels % 2 == 0;
    let colors = if has_alpha { channels - 1 } else { channels };
    let mut color = Vec::with_capacity(w2 * h2 * colors);
    let mut alpha = Vec::with_capacity(if has_alpha { w2 * h2 } else { 0 });
    for px in pixels.chunks_exact(channels) {
        color.extend_from_slice(px.get(..colors).unwrap_or(&[]));
        if has_alpha {
            alpha.extend(px.last().copied());
        }
    }
    Ok(Logo {
        w: w2,
        h: h2,
        gray: colors == 1,
        color: crate::output::deflate::zlib(&color),
        // A fully opaque alpha channel needs no mask.
        alpha: (has_alpha && alpha.iter().any(|a| *a != 255))
            .then(|| crate::output::deflate::zlib(&alpha)),
        px_w: w as f32,
        px_h: h as f32,
    })
}

/// Longest side a logo is embedded at, in pixels: it prints a few centimetres wide, so
/// this is well over 300 dpi, and a huge image (a 5,000 × 5,000 photo) no longer costs
/// every document the compression of a hundred megabytes.
const LOGO_MAX_SIDE: usize = 1200;

/// Pixels shrunk by a whole factor (each output pixel the average of a k × k block) until
/// the longest side is at most [`LOGO_MAX_SIDE`]; the size stays as it is otherwise. The
/// logo's printed size comes from the theme, not from its pixels, so only sharpness
/// beyond print resolution is lost.
fn shrink(pixels: Vec<u8>, w: usize, h: usize, channels: usize) -> (Vec<u8>, usize, usize) {
    let k = w.max(h).div_ceil(LOGO_MAX_SIDE);
    if k <= 1 || pixels.len() < w * h * channels {
        return (pixels, w, h);
    }
    let (w2, h2) = (w.div_ceil(k), h.div_ceil(k));
    let mut out = Vec::with_capacity(w2 * h2 * channels);
    for y2 in 0..h2 {
        let ys = y2 * k..((y2 + 1) * k).min(h);
        for x2 in 0..w2 {
            let xs = x2 * k..((x2 + 1) * k).min(w);
            let n = (ys.len() * xs.len()) as u32;
            for c in 0..channels {
                let mut sum: u32 = 0;
                for y in ys.clone() {
                    for x in xs.clone() {
                        sum += u32::from(pixels[(y * w + x) * channels + c]);
                    }
                }
                out.push(((sum + n / 2) / n) as u8);
            }
        }
    }
    (out, w2, h2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_logo_is_shrunk_by_averaging_and_a_small_one_kept() {
        let (w, h) = (3000, 1500);
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % 2 * 200) as u8, 7, 9])
            .collect();
        let (out, w2, h2) = shrink(pixels, w, h, 3);
        assert_eq!((w2, h2), (1000, 500));
        assert_eq!(out.len(), 1000 * 500 * 3);
        // Alternating 0 / 200 columns average to 100 over a 3 × 3 block (rounded).
        assert!(out
            .chunks(3)
            .all(|p| (p[0] == 67 || p[0] == 133) && p[1] == 7 && p[2] == 9));
        let small = vec![1u8; 100 * 50 * 4];
        assert_eq!(shrink(small.clone(), 100, 50, 4), (small, 100, 50));
    }

    #[test]
    fn ellipsize_ends_on_a_whole_word_when_that_keeps_most_of_the_room() {
        let fonts = fonts::FontSet::load(&Theme::default(), &crate::template::Assets::default())
            .expect("fonts");
        let reg = fonts.face(fonts::Face::Regular);
        let name = "Plano de Sucesso · Companhia Brasileira de Distribuição, Logística Integrada";
        let size = 9.0;
        let fits = |s: &str| reg.width(s, size);
        assert_eq!(
            ellipsize(reg, name, size, fits(name) + 1.0),
            name,
            "fits whole"
        );
        // Room up to the middle of "Logística": the cut backs off to "Distribuição".
        let room = fits("Plano de Sucesso · Companhia Brasileira de Distribuição, Logís");
        assert_eq!(
            ellipsize(reg, name, size, room),
            "Plano de Sucesso · Companhia Brasileira de Distribuição…"
        );
        // One long word: cut inside it rather than give up most of the room.
        let word = "Armazenagemfrigorificadaeserviçosportuários";
        let cut = ellipsize(reg, word, size, fits(word) * 0.7);
        assert!(cut.ends_with('…') && cut.chars().count() > word.chars().count() / 2);
        // No space to back off to (a name in Chinese): cut between characters.
        let zh = "上海浦东新区张江高科技园区有限公司";
        assert!(ellipsize(reg, zh, size, fits("上海浦东新区") + 2.0).ends_with('…'));
    }

    #[test]
    fn writer_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<PdfWriter>();
    }
}
