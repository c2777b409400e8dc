//! Markdown (CommonMark + GFM tables, task lists, alerts and our extensions) into the IR.
//!
//! pulldown-cmark does the Markdown; this module folds its event stream into [`Block`]s
//! and interprets the few HTML forms the templates use (comments as directives, toned
//! `<span>`s, `<check/>`, `<br>`). Anything else that looks like HTML is kept as literal
//! text, so a typo in a template shows up in the document instead of vanishing.

use super::{Align, Block, CalloutKind, Check, Inline, ListItem, Style, Table, Tone};
use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag};

mod extensions;

use extensions::{code_block, html_tokens, parse_tag, HtmlToken};

/// How deep block quotes, callouts, lists, list items, slides and tables may nest. Every
/// writer walks the blocks recursively, so an unbounded depth (a template nesting two
/// thousand quotes) would overflow the stack; no document needs more than a handful.
pub const MAX_NESTING: usize = 32;

/// Parses Markdown into blocks. Never fails: unknown constructs become text, and blocks
/// nested deeper than [`MAX_NESTING`] are kept at that depth (see [`parse_bounded`]).
pub fn parse(markdown: &str) -> Vec<Block> {
    build(markdown).0
}

/// Blocks nested deeper than [`MAX_NESTING`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("blocks nested more than {max} deep (block quotes, lists, slides or tables inside each other), from line {line} of the Markdown it renders")]
pub struct TooDeep {
    /// The limit.
    pub max: usize,
    /// The 1-based line of the rendered Markdown where the nesting went past it.
    pub line: usize,
}

/// Parses Markdown into blocks, or says where blocks nest deeper than [`MAX_NESTING`].
pub fn parse_bounded(markdown: &str) -> Result<Vec<Block>, TooDeep> {
    match build(markdown) {
        (blocks, None) => Ok(blocks),
        (_, Some(offset)) => Err(TooDeep {
            max: MAX_NESTING,
            line: 1 + markdown.as_bytes()[..offset.min(markdown.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
        }),
    }
}

/// The blocks, and the byte offset where nesting first went past [`MAX_NESTING`].
fn build(markdown: &str) -> (Vec<Block>, Option<usize>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut b = Builder::default();
    let mut too_deep = None;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        b.event(event);
        if too_deep.is_none() && b.skipped_opens > 0 {
            too_deep = Some(range.start);
        }
    }
    (b.finish(), too_deep)
}

/// What a frame on the builder's stack collects blocks for.
#[derive(Debug)]
enum FrameKind {
    Root,
    Quote(Option<CalloutKind>),
    List(Option<u64>, Vec<ListItem>),
    Item(Option<Check>),
    Slide,
    Table(TableState),
}

#[derive(Debug, Default)]
struct TableState {
    align: Vec<Align>,
    widths: Option<Vec<f32>>,
    row_headers: bool,
    header: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    row: Vec<Vec<Inline>>,
    in_head: bool,
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
    /// Inline content not yet closed into a block: a paragraph, a heading, a tight list
    /// item's text or a table cell.
    inlines: Vec<Inline>,
}

impl Frame {
    fn new(kind: FrameKind) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
        }
    }

    /// Closes pending inline content into a paragraph.
    fn flush(&mut self) {
        let inlines = trim_inlines(std::mem::take(&mut self.inlines));
        if !inlines.is_empty() {
            self.blocks.push(Block::Paragraph(inlines));
        }
    }
}

/// The leaf block whose inline content is being read.
#[derive(Debug)]
enum Leaf {
    Paragraph,
    Heading(u8, Vec<String>),
    Code(Option<String>, String),
    Html(String),
}

#[derive(Debug)]
struct Builder {
    stack: Vec<Frame>,
    leaf: Option<Leaf>,
    bold: u32,
    italic: u32,
    links: Vec<String>,
    /// Open `<span>`s: `Some` for a toned one, `None` for one shown as text.
    spans: Vec<Option<Tone>>,
    image: Option<(String, String)>,
    /// Column widths from a `<!-- widths: … -->` waiting for the next block.
    widths: Option<Vec<f32>>,
    /// A `<!-- row-headers -->` waiting for the next block.
    row_headers: bool,
    /// Containers opened past [`MAX_NESTING`]: not given a frame (their content goes to
    /// the frame at the limit), so their ends must not close a real one.
    skipped: Vec<FrameKind>,
    /// How many opens were skipped in all.
    skipped_opens: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stack: vec![Frame::new(FrameKind::Root)],
            leaf: None,
            bold: 0,
            italic: 0,
            links: Vec::new(),
            spans: Vec::new(),
            image: None,
            widths: None,
            row_headers: false,
            skipped: Vec::new(),
            skipped_opens: 0,
        }
    }
}

impl Builder {
    fn top(&mut self) -> &mut Frame {
        if self.stack.is_empty() {
            self.stack.push(Frame::new(FrameKind::Root));
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn push_block(&mut self, block: Block) {
        if !matches!(block, Block::Table(_)) {
            self.widths = None;
            self.row_headers = false;
        }
        let top = self.top();
        top.flush();
        top.blocks.push(block);
    }

    fn style(&self) -> Style {
        Style {
            bold: self.bold > 0,
            italic: self.italic > 0,
            code: false,
        }
    }

    fn push_text(&mut self, text: &str, code: bool) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        let mut style = self.style();
        style.code = code;
        let link = self.links.last().cloned();
        let tone = self.spans.iter().rev().flatten().next().copied();
        push_span(&mut self.top().inlines, text, style, link, tone);
    }

    fn push_inline(&mut self, inline: Inline) {
        self.top().inlines.push(inline);
    }

    fn open(&mut self, kind: FrameKind) {
        self.top().flush();
        // The root frame does not count: MAX_NESTING containers inside it.
        if self.stack.len() > MAX_NESTING {
            self.skipped.push(kind);
            self.skipped_opens += 1;
            return;
        }
        self.stack.push(Frame::new(kind));
    }

    /// Pops frames until one matching `want` is closed, closing any frame left open
    /// inside it (an unclosed slide, say).
    fn close(&mut self, want: fn(&FrameKind) -> bool) {
        if let Some(kind) = self.skipped.last() {
            if want(kind) {
                self.skipped.pop();
                self.top().flush();
                return;
            }
        }
        if !self.stack.iter().skip(1).any(|f| want(&f.kind)) {
            return;
        }
        while self.stack.len() > 1 {
            let done = self.stack.last().is_some_and(|f| want(&f.kind));
            self.pop_frame();
            if done {
                break;
            }
        }
    }

    fn pop_frame(&mut self) {
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        frame.flush();
        match frame.kind {
            FrameKind::Root => self.stack.push(frame),
            FrameKind::Quote(None) => self.push_block(Block::Quote(frame.blocks)),
            FrameKind::Quote(Some(kind)) => self.push_block(Block::Callout {
                kind,
                blocks: frame.blocks,
            }),
            FrameKind::Slide => self.push_block(Block::Slide(frame.blocks)),
            FrameKind::List(start, items) => self.push_block(Block::List { start, items }),
            FrameKind::Item(check) => {
                let mut item = ListItem {
                    check,
                    blocks: frame.blocks,
                };
                promote_check(&mut item);
                if let Some(FrameKind::List(_, items)) = self.stack.last_mut().map(|f| &mut f.kind)
                {
                    items.push(item);
                } else {
                    // An item outside a list cannot come from pulldown-cmark; keep its text.
                    for b in item.blocks {
                        self.push_block(b);
                    }
                }
            }
            FrameKind::Table(mut t) => {
                if !t.row.is_empty() {
                    t.rows.push(std::mem::take(&mut t.row));
                }
                let table = Table {
                    widths: t.widths,
                    row_headers: t.row_headers,
                    align: t.align,
                    header: t.header,
                    rows: t.rows,
                };
                self.push_block(Block::Table(table));
            }
        }
    }

    fn table(&mut self) -> Option<&mut TableState> {
        match self.stack.last_mut().map(|f| &mut f.kind) {
            Some(FrameKind::Table(t)) => Some(t),
            _ => None,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        use pulldown_cmark::TagEnd as E;
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => match end {
                E::Paragraph => {
                    self.leaf = None;
                    self.top().flush();
                    self.widths = None;
                    self.row_headers = false;
                }
                E::Heading(_) => {
                    if let Some(Leaf::Heading(level, classes)) = self.leaf.take() {
                        let content = trim_inlines(std::mem::take(&mut self.top().inlines));
                        self.push_block(Block::Heading {
                            level,
                            classes,
                            content,
                        });
                    }
                }
                E::CodeBlock => {
                    if let Some(Leaf::Code(info, text)) = self.leaf.take() {
                        let block = code_block(info.as_deref(), text);
                        self.push_block(block);
                    }
                }
                E::HtmlBlock => {
                    if let Some(Leaf::Html(text)) = self.leaf.take() {
                        self.html_block(&text);
                    }
                }
                E::BlockQuote(_) => self.close(|k| matches!(k, FrameKind::Quote(_))),
                E::List(_) => self.close(|k| matches!(k, FrameKind::List(..))),
                E::Item => self.close(|k| matches!(k, FrameKind::Item(_))),
                E::Table => self.close(|k| matches!(k, FrameKind::Table(_))),
                E::TableHead => {
                    if let Some(t) = self.table() {
                        t.in_head = false;
                    }
                }
                E::TableRow => {
                    if let Some(t) = self.table() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                E::TableCell => {
                    let cell = trim_inlines(std::mem::take(&mut self.top().inlines));
                    if let Some(t) = self.table() {
                        if t.in_head {
                            t.header.push(cell);
                        } else {
                            t.row.push(cell);
                        }
                    }
                }
                E::Emphasis => self.italic = self.italic.saturating_sub(1),
                E::Strong => self.bold = self.bold.saturating_sub(1),
                E::Link => {
                    self.links.pop();
                }
                E::Image => self.end_image(),
                _ => {}
            },
            Event::Text(text) => match &mut self.leaf {
                Some(Leaf::Code(_, buf)) | Some(Leaf::Html(buf)) => buf.push_str(&text),
                _ => self.push_text(&text, false),
            },
            Event::Code(text) => self.push_text(&text, true),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.push_text(&text, false),
            Event::Html(text) => match &mut self.leaf {
                Some(Leaf::Html(buf)) => buf.push_str(&text),
                _ => self.html_block(&text),
            },
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::FootnoteReference(label) => self.push_text(&format!("[^{label}]"), false),
            Event::SoftBreak => self.push_text(" ", false),
            Event::HardBreak => {
                if self.image.is_none() {
                    self.push_inline(Inline::LineBreak);
                }
            }
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => {
                if let Some(FrameKind::Item(check)) = self.stack.last_mut().map(|f| &mut f.kind) {
                    *check = Some(if done { Check::Done } else { Check::Open });
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.top().flush();
                self.leaf = Some(Leaf::Paragraph);
            }
            Tag::Heading { level, classes, .. } => {
                self.top().flush();
                let classes = classes.iter().map(|c| c.to_string()).collect();
                self.leaf = Some(Leaf::Heading(level as u8, classes));
            }
            Tag::CodeBlock(kind) => {
                self.top().flush();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info.trim().to_string()),
                    CodeBlockKind::Indented => None,
                };
                self.leaf = Some(Leaf::Code(info, String::new()));
            }
            Tag::HtmlBlock => {
                self.top().flush();
                self.leaf = Some(Leaf::Html(String::new()));
            }
            Tag::BlockQuote(kind) => self.open(FrameKind::Quote(kind.map(callout_kind))),
            Tag::List(start) => self.open(FrameKind::List(start, Vec::new())),
            Tag::Item => self.open(FrameKind::Item(None)),
            Tag::Table(align) => {
                let widths = self.widths.take();
                let row_headers = std::mem::take(&mut self.row_headers);
                let align = align
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                self.open(FrameKind::Table(TableState {
                    align,
                    widths,
                    row_headers,
                    ..TableState::default()
                }));
            }
            Tag::TableHead => {
                if let Some(t) = self.table() {
                    t.in_head = true;
                }
            }
            Tag::TableRow | Tag::TableCell => {}
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => self.links.push(dest_url.to_string()),
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new())),
            // Not enabled, so never emitted; their text still arrives as events.
            _ => {}
        }
    }

    fn end_image(&mut self) {
        let Some((src, alt)) = self.image.take() else {
            return;
        };
        let in_text_only = matches!(self.leaf, Some(Leaf::Heading(..)))
            || matches!(
                self.stack.last().map(|f| &f.kind),
                Some(FrameKind::Table(_))
            );
        if in_text_only {
            self.push_text(&alt, false);
        } else {
            self.push_block(Block::Image { src, alt });
        }
    }

    /// An HTML block: directives in comments, and toned spans or checks standing on
    /// their own line (which CommonMark reads as HTML); anything else as text.
    fn html_block(&mut self, html: &str) {
        for token in html_tokens(html) {
            match token {
                HtmlToken::Comment(body) => self.directive(body),
                HtmlToken::Tag(tag) => self.inline_html(tag),
                HtmlToken::Text(text) => {
                    let text = text.replace(['\r', '\n'], " ");
                    if !text.trim().is_empty() || !self.top().inlines.is_empty() {
                        self.push_text(&text, false);
                    }
                }
            }
        }
        self.top().flush();
    }

    fn directive(&mut self, body: &str) {
        let body = body.trim();
        let lower = body.to_ascii_lowercase();
        match lower.as_str() {
            "pagebreak" | "page-break" | "page break" => self.push_block(Block::PageBreak),
            "slide" => self.open(FrameKind::Slide),
            "row-headers" | "row headers" => {
                self.top().flush();
                self.row_headers = true;
            }
            "/slide" | "end slide" | "endslide" => self.close(|k| matches!(k, FrameKind::Slide)),
            _ => {
                if let Some(rest) = lower.strip_prefix("widths:") {
                    let widths: Option<Vec<f32>> = rest
                        .split_whitespace()
                        .map(|w| w.parse::<f32>().ok().filter(|v| v.is_finite() && *v > 0.0))
                        .collect();
                    self.top().flush();
                    self.widths = widths.filter(|w| !w.is_empty());
                }
                // Any other comment is a template author's note: comments are not shown.
            }
        }
    }

    fn inline_html(&mut self, html: &str) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        let Some(tag) = parse_tag(trimmed) else {
            self.push_text(html, false);
            return;
        };
        match (tag.name.as_str(), tag.closing) {
            ("span", false) => match tag.class.as_deref().and_then(tone) {
                Some(t) => self.spans.push(Some(t)),
                None => {
                    self.spans.push(None);
                    self.push_text(html, false);
                }
            },
            ("span", true) => match self.spans.pop() {
                Some(Some(_)) => {}
                _ => self.push_text(html, false),
            },
            ("check", false) => {
                let check = if tag.attrs.iter().any(|a| a == "na") {
                    Check::NotApplicable
                } else if tag.attrs.iter().any(|a| a == "done") {
                    Check::Done
                } else {
                    Check::Open
                };
                self.push_inline(Inline::Check(check));
            }
            ("check", true) => {}
            ("br", _) => self.push_inline(Inline::LineBreak),
            _ => self.push_text(html, false),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        if let Some(leaf) = self.leaf.take() {
            match leaf {
                Leaf::Code(info, text) => {
                    let block = code_block(info.as_deref(), text);
                    self.push_block(block);
                }
                Leaf::Html(text) => self.html_block(&text),
                _ => {}
            }
        }
        while self.stack.len() > 1 {
            self.pop_frame();
        }
        let mut root = self.stack.pop().map(|f| (f.blocks, f.inlines));
        match root.as_mut() {
            Some((blocks, inlines)) => {
                let inlines = trim_inlines(std::mem::take(inlines));
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(inlines));
                }
                std::mem::take(blocks)
            }
            None => Vec::new(),
        }
    }
}

fn callout_kind(kind: BlockQuoteKind) -> CalloutKind {
    match kind {
        BlockQuoteKind::Note => CalloutKind::Note,
        BlockQuoteKind::Tip => CalloutKind::Tip,
        BlockQuoteKind::Important => CalloutKind::Important,
        BlockQuoteKind::Warning => CalloutKind::Warning,
        BlockQuoteKind::Caution => CalloutKind::Caution,
    }
}

fn tone(class: &str) -> Option<Tone> {
    match class.trim() {
        "good" => Some(Tone::Good),
        "warn" => Some(Tone::Warn),
        "bad" => Some(Tone::Bad),
        "muted" => Some(Tone::Muted),
        "info" => Some(Tone::Info),
        _ => None,
    }
}

/// Appends text, merging it into the previous span when that one looks the same.
fn push_span(
    out: &mut Vec<Inline>,
    text: &str,
    style: Style,
    link: Option<String>,
    tone: Option<Tone>,
) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Span {
        text: prev,
        style: s,
        link: l,
        tone: t,
    }) = out.last_mut()
    {
        if *s == style && *l == link && *t == tone {
            prev.push_str(text);
            return;
        }
    }
    out.push(Inline::Span {
        text: text.to_string(),
        style,
        link,
        tone,
    });
}

/// Whitespace a template may indent with: any but the no-break space, which `&nbsp;`
/// writes on purpose (`&nbsp;<br>&nbsp;`: a cell two lines high to write in by hand).
fn collapsible(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// Drops leading and trailing whitespace and breaks, so templates may indent freely.
fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while matches!(inlines.last(), Some(Inline::LineBreak)) {
        inlines.pop();
    }
    while matches!(inlines.first(), Some(Inline::LineBreak)) {
        inlines.remove(0);
    }
    if let Some(Inline::Span { text, .. }) = inlines.first_mut() {
        let t = text.trim_start_matches(collapsible);
        if t.len() != text.len() {
            *text = t.to_string();
        }
    }
    if let Some(Inline::Span { text, .. }) = inlines.last_mut() {
        let t = text.trim_end_matches(collapsible);
        if t.len() != text.len() {
            *text = t.to_string();
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Span { text, .. } if text.is_empty()));
    inlines
}

/// A list item opening with a `<check …/>` is a checklist item, like `- [ ]`.
fn promote_check(item: &mut ListItem) {
    if item.check.is_some() {
        return;
    }
    if let Some(Block::Paragraph(inlines)) = item.blocks.first_mut() {
        if let Some(Inline::Check(c)) = inlines.first() {
            item.check = Some(*c);
            inlines.remove(0);
            let rest = trim_inlines(std::mem::take(inlines));
            if rest.is_empty() {
                item.blocks.remove(0);
            } else {
                *inlines = rest;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_are_spaces_and_spans_merge() {
        let blocks = parse("one\ntwo *three*");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![
                Inline::text("one two "),
                Inline::Span {
                    text: "three".into(),
                    style: Style {
                        italic: true,
                        ..Style::default()
                    },
                    link: None,
                    tone: None,
                },
            ])]
        );
    }

    #[test]
    fn a_no_break_space_is_kept_where_other_spaces_are_trimmed() {
        let blocks = parse("| a | b |\n|---|---|\n| &nbsp;<br>&nbsp; |  x <br> |\n");
        let [Block::Table(t)] = blocks.as_slice() else {
            panic!("{blocks:?}");
        };
        assert_eq!(
            t.rows,
            vec![vec![
                vec![
                    Inline::text("\u{a0}"),
                    Inline::LineBreak,
                    Inline::text("\u{a0}")
                ],
                vec![Inline::text("x")],
            ]]
        );
    }

    #[test]
    fn unknown_html_is_text() {
        let blocks = parse("a <blink>b</blink>");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![Inline::text("a <blink>b</blink>")])]
        );
    }

    #[test]
    fn check_alone_on_a_line_is_a_paragraph() {
        let blocks = parse("<check done/>\n");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![Inline::Check(Check::Done)])]
        );
    }

    #[test]
    fn unclosed_slide_is_closed_at_the_end() {
        let blocks = parse("<!-- slide -->\n\n## T\n");
        assert!(matches!(blocks.as_slice(), [Block::Slide(b)] if b.len() == 1));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "<",
            "<!--",
            "<span",
            "</span>",
            "<check",
            "```chart\n",
            "| a |\n|-",
            "> [!NOTE]",
            "<!-- widths: -->",
            "<!-- widths: x y -->\n| a |\n|---|\n| b |",
            "<a href='x>",
            "- <check na/>",
            "\u{0}",
            "<!-- /slide -->",
        ] {
            let _ = parse(s);
        }
    }
}
