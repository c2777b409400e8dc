//! Theme: page size, margins, fonts, sizes, colours and logo, from a TOML file.
//!
//! The built-in theme is `templates/theme.toml`, compiled in; `--templates DIR` may hold a
//! `theme.toml` that replaces it. Every writer reads the same theme.

use serde::{Deserialize, Serialize};

/// Page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn mm(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0, 297.0),
            PageSize::Letter => (215.9, 279.4),
        }
    }
}

/// An RGB colour written `"#1f4e79"` in the theme file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rgb(pub u8, pub u8, pub u8);

impl TryFrom<String> for Rgb {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let h = s.trim().trim_start_matches('#');
        if h.len() != 6 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("colour {s:?}: expected #rrggbb"));
        }
        let v = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).map_err(|e| e.to_string());
        Ok(Rgb(v(0)?, v(2)?, v(4)?))
    }
}

impl From<Rgb> for String {
    fn from(c: Rgb) -> String {
        c.hex()
    }
}

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The whole theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Page size.
    pub page: PageSize,
    /// Margins in millimetres.
    pub margins: Margins,
    /// Font sizes in points.
    pub sizes: Sizes,
    /// Colours.
    pub colors: Colors,
    /// Font file names (looked up in the templates folder, else the built-ins).
    pub fonts: Fonts,
    /// Optional logo (a PNG file name in the templates folder), shown in the header.
    #[serde(default)]
    pub logo: Option<String>,
    /// The standards the PDFs meet (both on when the table is left out).
    #[serde(default)]
    pub pdf: PdfStandards,
    /// How body text is set (ragged right when the table is left out).
    #[serde(default)]
    pub text: TextSettings,
}

/// How body paragraphs are set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSettings {
    /// Justified body paragraphs in the PDF (word spaces stretched to both margins,
    /// words hyphenated with the document language's patterns); headings, table cells
    /// and list labels stay ragged.
    #[serde(default)]
    pub justify: bool,
}

/// What the PDF writer adds for accessibility and archiving; turning both off gives the
/// smallest files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfStandards {
    /// Tagged PDF (PDF/UA-1): a structure tree screen readers follow, decoration marked
    /// as such.
    #[serde(default = "yes")]
    pub tagged: bool,
    /// PDF/A-2b: XMP metadata and an sRGB output intent, for long-term archiving.
    #[serde(default = "yes")]
    pub archival: bool,
}

fn yes() -> bool {
    true
}

impl Default for PdfStandards {
    fn default() -> Self {
        PdfStandards {
            tagged: true,
            archival: true,
        }
    }
}

/// Margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top.
    pub top: f32,
    /// Bottom.
    pub bottom: f32,
    /// Left.
    pub left: f32,
    /// Right.
    pub right: f32,
}

/// Font sizes in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    /// Body text.
    pub body: f32,
    /// Document title (heading level 1).
    pub title: f32,
    /// Subtitle.
    pub subtitle: f32,
    /// Heading level 2.
    pub h2: f32,
    /// Heading level 3.
    pub h3: f32,
    /// Heading level 4.
    pub h4: f32,
    /// Table text.
    pub table: f32,
    /// Header and footer.
    pub footer: f32,
}

/// Colours.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Body text.
    pub text: Rgb,
    /// Headings and the title.
    pub accent: Rgb,
    /// Links.
    pub link: Rgb,
    /// Secondary text (footer, subtitle, notes).
    pub muted: Rgb,
    /// Table header background.
    pub table_header: Rgb,
    /// Table header text.
    pub table_header_text: Rgb,
    /// Table rules and frames.
    pub rule: Rgb,
    /// Zebra stripe of table body rows.
    pub stripe: Rgb,
    /// Tone: good (done).
    pub good: Rgb,
    /// Tone: warn (in progress).
    pub warn: Rgb,
    /// Tone: bad (gap, overdue).
    pub bad: Rgb,
    /// Tone: muted (not applicable).
    pub na: Rgb,
    /// Tone: info and callout background.
    pub info: Rgb,
}

/// Font files, by file name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// Regular.
    pub regular: String,
    /// Bold.
    pub bold: String,
    /// Italic.
    pub italic: String,
    /// Bold italic.
    pub bold_italic: String,
    /// Monospace.
    pub mono: String,
    /// The family name written into DOCX styles.
    pub family: String,
    /// Families to try, in order, for a character the theme's faces lack (before the
    /// other fonts found on the system).
    #[serde(default)]
    pub fallback: Vec<String>,
    /// More folders of font files to draw fallbacks from (`build --font-dir` adds to
    /// these).
    #[serde(default)]
    pub dirs: Vec<String>,
}

/// The built-in theme file.
pub const BUILTIN_THEME: &str = include_str!("../templates/theme.toml");

impl Default for Theme {
    fn default() -> Self {
        toml::from_str(BUILTIN_THEME).expect("the built-in theme parses")
    }
}

impl Theme {
    /// Also draws fallback fonts from `dirs` (`--font-dir`).
    pub fn add_font_dirs(&mut self, dirs: &[std::path::PathBuf]) {
        self.fonts
            .dirs
            .extend(dirs.iter().map(|d| d.display().to_string()));
    }

    /// Parses a theme file.
    pub fn from_toml(s: &str) -> Result<Theme, toml::de::Error> {
        toml::from_str(s)
    }
}
