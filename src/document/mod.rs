//! Document: the one intermediate representation every writer reads.
//!
//! Templates render Markdown; [`markdown::parse`] turns it into [`Block`]s. The PDF, DOCX
//! and HTML writers read the same IR, so the formats cannot drift apart, and tests
//! snapshot the IR.
//!
//! Markdown extensions (documented in `docs/templates.md`):
//! - `<!-- pagebreak -->` on its own: [`Block::PageBreak`].
//! - `<!-- slide -->` … `<!-- /slide -->`: a [`Block::Slide`] frame (handouts); its first
//!   heading is the slide title.
//! - `> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!CAUTION]`:
//!   [`Block::Callout`].
//! - `<!-- widths: 3 2 2 -->` right before a table: relative column widths.
//! - `<span class="good|warn|bad|muted|info">text</span>`: a toned [`Inline::Span`]
//!   (status marks); a table cell holding only one toned span is filled with its tone.
//! - `<check done/>`, `<check/>`, `<check na/>`: an inline checkbox ([`Inline::Check`]).
//! - `# Heading {.subtitle}`: heading classes (`subtitle` is not a section heading).
//! - a fenced block with info string `chart` (first line `title: …`, then one
//!   `label | value` line per bar, values 0 to 1): a [`Block::Chart`] of horizontal bars.

pub mod markdown;

use crate::i18n::Lang;
use serde::Serialize;

/// A whole document: metadata and blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Metadata (title, author, ...).
    pub meta: Meta,
    /// The content.
    pub blocks: Vec<Block>,
}

/// Document metadata, written to the PDF info dictionary and DOCX core properties, and
/// used for the running header and footer.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Meta {
    /// Title (e.g. "Success Plan").
    pub title: String,
    /// Author (the FastTrack Manager).
    pub author: String,
    /// Subject, as the PDF info dictionary and DOCX core properties carry it
    /// (e.g. "Success Plan: Contoso Ltd.").
    pub subject: String,
    /// The customer the document is for: the running header from page 2 on and the
    /// second half of the title viewers show. Empty for a document about no one customer
    /// (the portfolio report), whose running header is then the subject.
    pub customer: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Language of the text.
    pub lang: Lang,
    /// Running footer text left of the page number (e.g. "Success Plan").
    pub footer: String,
    /// The date the document is "made" (from the data or `SOURCE_DATE_EPOCH`), written
    /// as creation and modification date so bytes are deterministic.
    pub date: Option<chrono::NaiveDate>,
    /// Page layout hint for writers: `Handout` lays slides three to a page with note lines.
    pub layout: Layout,
}

impl Meta {
    /// This metadata as a file's properties carry it (the PDF info dictionary and XMP,
    /// the DOCX core properties): without soft hyphens (U+00AD), which are break
    /// opportunities in the document's lines but a stray character in a viewer's title
    /// bar, a file manager's columns or a search.
    pub fn for_properties(&self) -> Meta {
        let plain = |s: &str| s.replace('\u{00AD}', "");
        Meta {
            title: plain(&self.title),
            author: plain(&self.author),
            subject: plain(&self.subject),
            customer: plain(&self.customer),
            keywords: self.keywords.iter().map(|k| plain(k)).collect(),
            ..self.clone()
        }
    }

    /// What the running header of pages 2 on names: the customer, else the subject.
    pub fn running_header(&self) -> &str {
        let customer = self.customer.trim();
        if customer.is_empty() {
            self.subject.trim()
        } else {
            customer
        }
    }

    /// The title viewers show for the file (a PDF tab, Word's title property): the title
    /// and what the running header names, "Success Plan — Contoso Ltd.", so ten open kits
    /// are told apart.
    pub fn full_title(&self) -> String {
        let (title, rest) = (self.title.trim(), self.running_header());
        match (title.is_empty(), rest.is_empty() || rest == title) {
            (_, true) => title.to_string(),
            (true, false) => rest.to_string(),
            (false, false) => format!("{title} — {rest}"),
        }
    }
}

/// How a writer lays out the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Layout {
    /// A flowing document.
    #[default]
    Flow,
    /// A handout: slide frames three to a page, ruled note lines beside each.
    Handout,
    /// A wide report (the portfolio report): a flowing document on landscape pages
    /// with dense tables, so a table row of typical data is one line high.
    Report,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A heading. Level 1 is the document title, 2 a section, 3 and 4 subsections.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Classes from `{.class}` attributes (`subtitle`).
        classes: Vec<String>,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bullet list (`start == None`) or a numbered list starting at `start`.
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A table.
    Table(Table),
    /// A callout box.
    Callout {
        /// The kind (note, tip, ...).
        kind: CalloutKind,
        /// The content.
        blocks: Vec<Block>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A horizontal rule.
    Rule,
    /// A forced page break.
    PageBreak,
    /// A slide frame (handouts); the first heading inside is its title.
    Slide(Vec<Block>),
    /// A horizontal bar chart (values are fractions, 0 to 1, shown as percentages).
    Chart(Chart),
    /// An image, by its source as written (resolved by the writer's resources).
    Image {
        /// Source path or name.
        src: String,
        /// Alternative text.
        alt: String,
    },
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// The chart's title.
    pub title: String,
    /// One bar per entry: its label and its value (0 to 1).
    pub bars: Vec<(String, f32)>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    /// A task-list checkbox (`- [ ]`, `- [x]`), if any.
    pub check: Option<Check>,
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// The state of a checkbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Check {
    /// Unticked.
    Open,
    /// Ticked.
    Done,
    /// Marked not applicable.
    NotApplicable,
}

/// Callout kinds (GFM alerts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CalloutKind {
    /// `[!NOTE]`
    Note,
    /// `[!TIP]`
    Tip,
    /// `[!IMPORTANT]`
    Important,
    /// `[!WARNING]`
    Warning,
    /// `[!CAUTION]`
    Caution,
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Align {
    /// Left (default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A table: a header row and body rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Relative column widths from `<!-- widths: … -->`, if given.
    pub widths: Option<Vec<f32>>,
    /// From `<!-- row-headers -->`: a table of labels and values (the title block). Its
    /// first row is drawn as a header row but is data like the others, and each row's
    /// first cell is the header of that row (tagged `TH` with `/Scope /Row`), so a screen
    /// reader says "Customer: Contoso", not every value under the heading "Contoso".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub row_headers: bool,
    /// Alignment per column.
    pub align: Vec<Align>,
    /// Header cells (repeated on every page the table spans).
    pub header: Vec<Vec<Inline>>,
    /// Body rows.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Tone of a span: status colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Tone {
    /// Done, met (green).
    Good,
    /// In progress (amber).
    Warn,
    /// Gap, overdue, not started (red).
    Bad,
    /// Not applicable (grey).
    Muted,
    /// Informational (blue).
    Info,
}

/// Inline text style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Monospace (inline code).
    pub code: bool,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Inline {
    /// A run of text with one style.
    Span {
        /// The text.
        text: String,
        /// The style.
        style: Style,
        /// A hyperlink target, if the run is (part of) a link.
        link: Option<String>,
        /// A status tone, if the run is a status mark.
        tone: Option<Tone>,
    },
    /// An inline checkbox.
    Check(Check),
    /// A hard line break.
    LineBreak,
}

impl Inline {
    /// A plain text span.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Span {
            text: s.into(),
            style: Style::default(),
            link: None,
            tone: None,
        }
    }
}

/// The plain text of inlines (checkboxes as `[ ]`/`[x]`/`[-]`, breaks as newlines).
pub fn plain_text(inlines: &[Inline]) -> String {
    text_pieces(inlines).collect()
}

/// The pieces [`plain_text`] joins, in order: for reading the text without making it.
pub fn text_pieces(inlines: &[Inline]) -> impl Iterator<Item = &str> {
    inlines.iter().map(|i| match i {
        Inline::Span { text, .. } => text.as_str(),
        Inline::Check(Check::Open) => "[ ]",
        Inline::Check(Check::Done) => "[x]",
        Inline::Check(Check::NotApplicable) => "[-]",
        Inline::LineBreak => "\n",
    })
}
