//! Tagged PDF (PDF/UA-1): the structure tree.
//!
//! Layout marks the structure inside the drawing commands it makes ([`Cmd::Tag`]): an
//! element opens before its content and closes after it, so a paragraph may run over two
//! pages and a table over many chunks. [`super::content`] asks a [`Tagger`] which element
//! each run of text or graphic belongs to while it writes a page, and wraps it in marked
//! content: `BDC` with an `MCID` for content, `/Artifact BMC` for running headers and
//! footers, rules, fills, bullets and every other decoration. [`Tagger::finish`] writes the
//! elements, the parent tree, and ties each link annotation to its `Link` element.
//!
//! [`Cmd::Tag`]: super::draw::Cmd::Tag

use super::draw::Cmd;
use super::layout::Chunk;
use super::obj::{text, File, Out};
use crate::document::{Block, Chart, Check};
use crate::i18n::Lang;

/// How a list marks its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    Bullet,
    Numbered,
    Check,
}

/// A structure element's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Role {
    /// A heading, level 1 to 6 (levels are made consecutive when the tree is written).
    Heading(u8),
    P,
    L(ListKind),
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A column header cell (`/Scope /Column`).
    TH,
    /// A row header cell (`TH`, `/Scope /Row`): the label of a row of labels and values.
    RowHeader,
    TD,
    /// A picture or chart, with its alternative text (empty: the logo's).
    Figure(String),
    Quote,
    Code,
    /// A group of blocks: a callout, a slide's notes.
    Div,
    /// A handout slide.
    Sect,
    /// A checkbox: a span a screen reader speaks as its state.
    Check(Check),
    /// A link; the tagger makes these from the link annotations it meets.
    Link,
}

impl Role {
    fn name(&self) -> &'static str {
        match self {
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::P => "P",
            Role::L(_) => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH | Role::RowHeader => "TH",
            Role::TD => "TD",
            Role::Figure(_) => "Figure",
            Role::Quote => "BlockQuote",
            Role::Code => "Code",
            Role::Div => "Div",
            Role::Sect => "Sect",
            Role::Check(_) => "Span",
            Role::Link => "Link",
        }
    }

    /// Whether text may sit directly in this element (else stray text gets a `P`).
    fn holds_text(&self) -> bool {
        !matches!(
            self,
            Role::L(_) | Role::LI | Role::Table | Role::THead | Role::TBody | Role::TR
        )
    }
}

/// A structure mark in a command list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tag {
    /// Opens an element inside the current one.
    Open(Role),
    /// Enters again the `n`th element opened inside the current one (a table cell whose
    /// row continues on the next page).
    Reopen(usize),
    /// Closes the current element.
    Close,
    /// What follows, up to [`Tag::EndArtifact`], is decoration (a repeated table header,
    /// the running header and footer).
    Artifact,
    EndArtifact,
}

/// The element (or artifact) of the role a block gets, if it gets one of its own: lists,
/// tables and images make their inner structure themselves.
pub(crate) fn block_role(b: &Block) -> Option<Role> {
    Some(match b {
        Block::Heading { level, classes, .. } => {
            if classes.iter().any(|c| c == "subtitle") {
                Role::P
            } else {
                Role::Heading((*level).clamp(1, 6))
            }
        }
        Block::Paragraph(_) => Role::P,
        Block::List { start, items } => Role::L(if items.iter().any(|i| i.check.is_some()) {
            ListKind::Check
        } else if start.is_some() {
            ListKind::Numbered
        } else {
            ListKind::Bullet
        }),
        Block::Table(_) => Role::Table,
        Block::Callout { .. } | Block::Slide(_) => Role::Div,
        Block::Quote(_) => Role::Quote,
        Block::Code(_) => Role::Code,
        Block::Chart(c) => Role::Figure(chart_alt(c)),
        Block::Rule | Block::PageBreak | Block::Image { .. } => return None,
    })
}

/// Makes the chunks of `range` one element of `role`: it opens before the first chunk's
/// commands and closes after the last's.
pub(crate) fn wrap(chunks: &mut [Chunk], range: std::ops::Range<usize>, role: Role) {
    let Some(cs) = chunks.get_mut(range).filter(|c| !c.is_empty()) else {
        return;
    };
    if let Some(first) = cs.first_mut() {
        first.cmds.insert(0, Cmd::Tag(Tag::Open(role)));
    }
    if let Some(last) = cs.last_mut() {
        last.cmds.push(Cmd::Tag(Tag::Close));
    }
}

/// A chart's alternative text: its title and every bar's figure, as drawn.
pub(crate) fn chart_alt(c: &Chart) -> String {
    let bars: Vec<String> = c
        .bars
        .iter()
        .map(|(label, v)| {
            let v = if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            };
            format!("{} {}%", label.trim(), (v * 100.0).round() as u32)
        })
        .collect();
    let title = c.title.trim();
    if title.is_empty() {
        bars.join("; ")
    } else {
        format!("{title}: {}", bars.join("; "))
    }
}

/// What a checkbox says to a screen reader.
fn check_words(lang: Lang, c: Check) -> &'static str {
    match (lang, c) {
        (Lang::En, Check::Done) => "checked",
        (Lang::En, Check::Open) => "not checked",
        (Lang::En, Check::NotApplicable) => "not applicable",
        (Lang::PtBr, Check::Done) => "marcado",
        (Lang::PtBr, Check::Open) => "não marcado",
        (Lang::PtBr, Check::NotApplicable) => "não se aplica",
    }
}

/// How a run of content is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Not at all (tagging is off).
    None,
    /// `/Artifact BMC`.
    Artifact,
    /// Marked content of this element.
    Elem(usize),
}

#[derive(Debug, Clone, Copy)]
enum Kid {
    Node(usize),
    Mc { page: usize, mcid: u32 },
    Annot { page: usize, index: usize },
}

#[derive(Debug)]
struct Node {
    role: Role,
    parent: usize,
    kids: Vec<Kid>,
    /// A link's target and its text (the annotation's `/Contents`).
    uri: String,
    text: String,
}

/// Builds the structure tree while the pages are written, page after page.
#[derive(Debug)]
pub(crate) struct Tagger {
    on: bool,
    lang: Lang,
    nodes: Vec<Node>,
    stack: Vec<usize>,
    artifact: u32,
    /// Per page, the element of each MCID.
    mcids: Vec<Vec<usize>>,
    /// Per page, the `Link` element of each link annotation, in drawing order.
    annots: Vec<Vec<usize>>,
    /// The `Link` element of the last run, continued by a link wrapped onto the next line.
    last_link: Option<usize>,
}

impl Tagger {
    /// A tagger; when `on` is false it marks nothing and [`Tagger::finish`] writes nothing.
    pub(crate) fn new(on: bool, lang: Lang) -> Tagger {
        Tagger {
            on,
            lang,
            nodes: vec![Node {
                role: Role::Div,
                parent: 0,
                kids: Vec::new(),
                uri: String::new(),
                text: String::new(),
            }],
            stack: Vec::new(),
            artifact: 0,
            mcids: Vec::new(),
            annots: Vec::new(),
            last_link: None,
        }
    }

    /// Starts the next page.
    pub(crate) fn begin_page(&mut self) {
        self.mcids.push(Vec::new());
        self.annots.push(Vec::new());
        self.artifact = 0;
    }

    fn page(&self) -> usize {
        self.mcids.len().saturating_sub(1)
    }

    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn add(&mut self, role: Role, parent: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent,
            kids: Vec::new(),
            uri: String::new(),
            text: String::new(),
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.kids.push(Kid::Node(id));
        }
        id
    }

    /// Applies a structure mark.
    pub(crate) fn apply(&mut self, tag: &Tag) {
        if !self.on {
            return;
        }
        self.last_link = None;
        match tag {
            Tag::Open(role) => {
                let id = self.add(role.clone(), self.current());
                self.stack.push(id);
            }
            Tag::Reopen(n) => {
                let cur = self.current();
                let found = self.nodes.get(cur).and_then(|node| {
                    node.kids
                        .iter()
                        .filter_map(|k| match k {
                            Kid::Node(id) => Some(*id),
                            _ => None,
                        })
                        .nth(*n)
                });
                self.stack.push(found.unwrap_or(cur));
            }
            Tag::Close => {
                self.stack.pop();
            }
            Tag::Artifact => self.artifact += 1,
            Tag::EndArtifact => self.artifact = self.artifact.saturating_sub(1),
        }
    }

    /// The mark of a run of text; `link` is the target of the link annotation drawn over
    /// it, if any.
    pub(crate) fn text(&mut self, text: &str, link: Option<&str>) -> Mark {
        if !self.on {
            return Mark::None;
        }
        if self.artifact > 0 {
            return Mark::Artifact;
        }
        if let Some(uri) = link {
            let l = self.link(uri);
            if let Some(node) = self.nodes.get_mut(l) {
                if !node.text.is_empty() {
                    node.text.push(' ');
                }
                node.text.push_str(text.trim());
            }
            return Mark::Elem(l);
        }
        self.last_link = None;
        let cur = self.current();
        let holds = self.nodes.get(cur).is_some_and(|n| n.role.holds_text());
        if cur == 0 || !holds {
            // Text outside any element: a paragraph of its own rather than loose text.
            return Mark::Elem(self.add(Role::P, cur));
        }
        Mark::Elem(cur)
    }

    /// The mark of a graphic: content of a figure or a checkbox, else decoration.
    pub(crate) fn graphic(&self) -> Mark {
        if !self.on {
            return Mark::None;
        }
        if self.artifact > 0 {
            return Mark::Artifact;
        }
        for id in self.stack.iter().rev() {
            if let Some(n) = self.nodes.get(*id) {
                if matches!(n.role, Role::Figure(_) | Role::Check(_)) {
                    return Mark::Elem(*id);
                }
            }
        }
        Mark::Artifact
    }

    /// The `Link` element for `uri`: the last one again when the link continues onto
    /// this line, else a new one in the current element.
    fn link(&mut self, uri: &str) -> usize {
        let cur = self.current();
        if let Some(l) = self.last_link {
            let same = self
                .nodes
                .get(l)
                .is_some_and(|n| n.uri == uri && n.parent == cur);
            let last_kid = self.nodes.get(cur).and_then(|n| {
                n.kids.iter().rev().find_map(|k| match k {
                    Kid::Node(id) => Some(*id),
                    _ => None,
                })
            });
            if same && last_kid == Some(l) {
                return l;
            }
        }
        let l = self.add(Role::Link, cur);
        if let Some(n) = self.nodes.get_mut(l) {
            n.uri = uri.to_string();
        }
        self.last_link = Some(l);
        l
    }

    /// Records the page's next link annotation (drawn over the text just marked).
    pub(crate) fn annot(&mut self, uri: &str) {
        if !self.on {
            return;
        }
        let l = self.link(uri);
        let page = self.page();
        if let Some(list) = self.annots.get_mut(page) {
            let index = list.len();
            list.push(l);
            if let Some(n) = self.nodes.get_mut(l) {
                n.kids.push(Kid::Annot { page, index });
            }
        }
    }

    /// Opens marked content for `node` on this page: its tag and MCID.
    pub(crate) fn mcid(&mut self, node: usize) -> (&'static str, u32) {
        let page = self.page();
        let Some(list) = self.mcids.get_mut(page) else {
            return ("Span", 0);
        };
        let mcid = list.len() as u32;
        list.push(node);
        match self.nodes.get_mut(node) {
            Some(n) => {
                n.kids.push(Kid::Mc { page, mcid });
                (n.role.name(), mcid)
            }
            None => ("Span", mcid),
        }
    }

    /// Each link annotation with its element: (page, index on the page, its
    /// `/StructParent` key, the element). Keys follow the pages' own `/StructParents`
    /// keys (0 to pages − 1), in page and drawing order.
    fn keyed_links(&self, pages: usize) -> Vec<(usize, usize, i64, usize)> {
        let mut out = Vec::new();
        for p in 0..pages {
            let links = self.annots.get(p).map(Vec::as_slice).unwrap_or(&[]);
            for (k, l) in links.iter().enumerate() {
                if self.nodes.get(*l).is_some() {
                    out.push((p, k, (pages + out.len()) as i64, *l));
                }
            }
        }
        out
    }

    /// The `/StructParent` key and `/Contents` text of each page's link annotations, in
    /// drawing order (`None` when tagging is off or the annotation has no element).
    pub(crate) fn link_keys(&self, pages: usize) -> Vec<Vec<Option<(i64, String)>>> {
        let mut out: Vec<Vec<Option<(i64, String)>>> = (0..pages)
            .map(|p| vec![None; self.annots.get(p).map_or(0, Vec::len)])
            .collect();
        for (p, k, key, l) in self.keyed_links(pages) {
            let Some(n) = self.nodes.get(l) else { continue };
            let text = if n.text.is_empty() { &n.uri } else { &n.text };
            if let Some(slot) = out.get_mut(p).and_then(|v| v.get_mut(k)) {
                *slot = Some((key, text.clone()));
            }
        }
        out
    }

    /// Writes the structure tree into `f`: the elements and `/StructTreeRoot` with its
    /// parent tree, whose id it returns (`None` when tagging is off). `annots` holds each
    /// page's link annotations' object numbers, keyed as [`Tagger::link_keys`] says.
    pub(crate) fn finish(self, f: &mut File, pages: &[u32], annots: &[Vec<u32>]) -> Option<u32> {
        if !self.on {
            return None;
        }
        let root_id = f.reserve();
        let first = f.reserve();
        let ids: Vec<u32> = std::iter::once(first)
            .chain(self.nodes.iter().skip(1).map(|_| f.reserve()))
            .collect();
        let id_of = |i: usize| ids.get(i).copied().unwrap_or(root_id);
        // Heading levels never skip one (an H4 right under an H2 is read as an H3).
        let mut levels = vec![0u8; self.nodes.len()];
        let mut last = 0u8;
        for (i, n) in self.nodes.iter().enumerate() {
            if let Role::Heading(l) = n.role {
                let l = l.min(last + 1).max(1);
                if let Some(slot) = levels.get_mut(i) {
                    *slot = l;
                }
                last = l;
            }
        }
        let links = self.keyed_links(pages.len());
        let next_key = pages.len() as i64 + links.len() as i64;
        let page_of = |p: usize| pages.get(p).copied();
        for (i, n) in self.nodes.iter().enumerate() {
            let role = match (i, &n.role) {
                (0, _) => "Document",
                (_, Role::Heading(_)) => ["H1", "H2", "H3", "H4", "H5", "H6"]
                    [usize::from(levels.get(i).copied().unwrap_or(1).clamp(1, 6) - 1)],
                (_, r) => r.name(),
            };
            let pg = n.kids.iter().find_map(|k| match k {
                Kid::Mc { page, .. } => Some(*page),
                _ => None,
            });
            // A kid that cannot be written (its page or annotation unknown) is left out.
            let writable = |k: &Kid| match *k {
                Kid::Node(_) => true,
                Kid::Mc { page, .. } => Some(page) == pg || page_of(page).is_some(),
                Kid::Annot { page, index } => {
                    page_of(page).is_some() && annots.get(page).and_then(|a| a.get(index)).is_some()
                }
            };
            let kid = |o: &mut Out<'_>, k: &Kid| match *k {
                Kid::Node(c) => o.reference(id_of(c)),
                Kid::Mc { page, mcid } if Some(page) == pg => o.int(i64::from(mcid)),
                Kid::Mc { page, mcid } => {
                    page_item(o, "MCR", page_of(page), "MCID", |m| m.int(i64::from(mcid)))
                }
                Kid::Annot { page, index } => page_item(o, "OBJR", page_of(page), "Obj", |m| {
                    m.reference(
                        annots
                            .get(page)
                            .and_then(|a| a.get(index))
                            .copied()
                            .unwrap_or(0),
                    )
                }),
            };
            let kids = n.kids.iter().filter(|k| writable(k)).count();
            f.set_raw(id_of(i), |o| {
                o.dict(|d| {
                    d.key("Type");
                    d.name("StructElem");
                    d.key("S");
                    d.name(role);
                    d.key("P");
                    d.reference(if i == 0 { root_id } else { id_of(n.parent) });
                    if let Some(p) = pg.and_then(page_of) {
                        d.key("Pg");
                        d.reference(p);
                    }
                    match kids {
                        0 => {}
                        1 => {
                            if let Some(k) = n.kids.iter().find(|k| writable(k)) {
                                d.key("K");
                                kid(d, k);
                            }
                        }
                        _ => {
                            d.key("K");
                            d.array(|a| {
                                for k in n.kids.iter().filter(|k| writable(k)) {
                                    kid(a, k);
                                }
                            });
                        }
                    }
                    match &n.role {
                        Role::TH | Role::RowHeader => {
                            d.key("A");
                            d.dict(|a| {
                                a.key("O");
                                a.name("Table");
                                a.key("Scope");
                                a.name(if n.role == Role::TH { "Column" } else { "Row" });
                            });
                        }
                        Role::L(kind) => {
                            let numbering = match kind {
                                ListKind::Bullet => "Disc",
                                ListKind::Numbered => "Decimal",
                                ListKind::Check => "None",
                            };
                            d.key("A");
                            d.dict(|a| {
                                a.key("O");
                                a.name("List");
                                a.key("ListNumbering");
                                a.name(numbering);
                            });
                        }
                        Role::Figure(alt) => {
                            let alt = if alt.trim().is_empty() {
                                self.lang.logo_alt()
                            } else {
                                alt
                            };
                            d.key("Alt");
                            d.obj(&text(alt));
                        }
                        Role::Check(c) => {
                            // Drawn, not written: the words stand for the drawing.
                            let words = text(check_words(self.lang, *c));
                            d.key("ActualText");
                            d.obj(&words);
                            d.key("Alt");
                            d.obj(&words);
                        }
                        _ => {}
                    }
                });
            });
        }
        f.set_raw(root_id, |o| {
            o.dict(|root| {
                root.key("Type");
                root.name("StructTreeRoot");
                root.key("K");
                root.reference(id_of(0));
                root.key("ParentTree");
                root.dict(|tree| {
                    tree.key("Nums");
                    tree.array(|nums| {
                        for p in 0..pages.len() {
                            nums.int(p as i64);
                            let on_page = self.mcids.get(p).map(Vec::as_slice).unwrap_or(&[]);
                            nums.array(|a| {
                                for n in on_page {
                                    a.reference(id_of(*n));
                                }
                            });
                        }
                        for (_, _, key, l) in &links {
                            nums.int(*key);
                            nums.reference(id_of(*l));
                        }
                    });
                });
                root.key("ParentTreeNextKey");
                root.int(next_key);
            });
        });
        Some(root_id)
    }
}

/// A marked-content or object reference on another page than its element's:
/// `<</Type /TYPE /Pg PAGE /KEY …>>`, the last value written by `value`.
fn page_item(
    o: &mut Out<'_>,
    ty: &str,
    page: Option<u32>,
    key: &str,
    value: impl FnOnce(&mut Out<'_>),
) {
    o.dict(|m| {
        m.key("Type");
        m.name(ty);
        m.key("Pg");
        m.reference(page.unwrap_or(0));
        m.key(key);
        value(m);
    });
}
