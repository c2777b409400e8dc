//! Emitting: placed chunks into page commands, running header and footer, and the
//! finished file (pages, link annotations, outline, language, metadata).

use super::draw::Cmd;
use super::embed::DocFonts;
use super::fonts::Face;
use super::layout::{Chunk, Flow};
use super::obj::{name, text, Dict, File, Filter, Obj};
use super::paginate::{Placed, Ref};
use super::tags::{Role, Tag, Tagger};
use super::{content, Logo};
use super::{ellipsize, mm, PdfError, PdfWriter};
use crate::document::Document;
use crate::i18n::Lang;
use crate::output::Rendered;
use crate::theme::Theme;

/// The info dictionary's and XMP metadata's producer.
const PRODUCER: &str = concat!("successkit ", env!("CARGO_PKG_VERSION"));

/// Page and text-area geometry in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub(crate) page_w: f32,
    pub(crate) page_h: f32,
    pub(crate) left: f32,
    pub(crate) top: f32,
    pub(crate) body_w: f32,
    pub(crate) body_h: f32,
}

impl Geometry {
    pub(crate) fn of(theme: &Theme) -> Geometry {
        let (w, h) = theme.page.mm();
        let m = &theme.margins;
        Geometry {
            page_w: mm(w),
            page_h: mm(h),
            left: mm(m.left),
            top: mm(m.top),
            body_w: mm(w - m.left - m.right),
            body_h: mm(h - m.top - m.bottom),
        }
    }
}

/// One page's content in page coordinates (y down from the page's top edge) and its
/// outline entries (level, title, y).
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub(crate) cmds: Vec<Cmd>,
    pub(crate) marks: Vec<(u8, String, f32)>,
}

/// Draws one chunk with its top at `y0` (page coordinates) and `gap` points of its
/// backgrounds reaching up to the chunk before it.
pub(crate) fn draw_chunk(pc: &mut PageContent, chunk: Chunk, y0: f32, gap: f32) {
    for d in &chunk.decos {
        let gap = if d.first { 0.0 } else { gap };
        let (ry, rh) = (y0 - gap, chunk.height + gap);
        if let Some(fill) = d.fill {
            pc.cmds.push(Cmd::Rect {
                x: d.x,
                y: ry,
                w: d.w,
                h: rh,
                fill: Some(fill),
                stroke: None,
                radius: 0.0,
            });
        }
        if let Some(bar) = d.bar {
            pc.cmds.push(Cmd::Rect {
                x: d.x,
                y: ry,
                w: 3.0,
                h: rh,
                fill: Some(bar),
                stroke: None,
                radius: 0.0,
            });
        }
    }
    if let Some(m) = chunk.mark {
        pc.marks.push((m.level, m.title, y0));
    }
    pc.cmds
        .extend(chunk.cmds.into_iter().map(|c| c.shifted(0.0, y0)));
}

/// Draws placed chunks page by page.
/// Draws `flow`'s chunks as `pages` places them. Each chunk is placed once and is moved
/// onto its page (its commands not copied); a repeated table header is copied.
pub(crate) fn flow_pages(flow: &mut Flow, pages: &[Vec<Placed>], top: f32) -> Vec<PageContent> {
    pages
        .iter()
        .map(|placed| {
            // Sized for the chunks' commands (and two backgrounds each): filled without
            // growing (the running header and footer come later, in `running`).
            let room: usize = placed
                .iter()
                .map(|p| {
                    let c = match p.r {
                        Ref::Chunk(i) => flow.chunks.get(i),
                        Ref::Header(i) => flow.headers.get(i),
                    };
                    c.map_or(0, |c| c.cmds.len() + 2 * c.decos.len() + 2)
                })
                .sum();
            let mut pc = PageContent {
                cmds: Vec::with_capacity(room),
                ..PageContent::default()
            };
            for p in placed {
                let chunk = match p.r {
                    Ref::Chunk(i) => flow.chunks.get_mut(i).map(std::mem::take),
                    Ref::Header(i) => flow.headers.get(i).cloned(),
                };
                let Some(chunk) = chunk else { continue };
                if let Ref::Header(_) = p.r {
                    // A table header repeated on a later page is decoration: its text
                    // is in the structure once, where the table starts.
                    let mut head = PageContent::default();
                    draw_chunk(&mut head, chunk, top + p.top, p.gap);
                    pc.cmds.push(Cmd::Tag(Tag::Artifact));
                    pc.cmds
                        .extend(head.cmds.into_iter().filter(|c| !matches!(c, Cmd::Tag(_))));
                    pc.cmds.push(Cmd::Tag(Tag::EndArtifact));
                    pc.marks.extend(head.marks);
                } else {
                    draw_chunk(&mut pc, chunk, top + p.top, p.gap);
                }
            }
            pc
        })
        .collect()
}

/// "Page 1 of 3" in the document's language.
fn page_label(lang: Lang, n: usize, of: usize) -> String {
    lang.page_of(n, of)
}

/// Adds the running header from page 2 on (the subject, e.g. the customer, over a thin
/// rule; page 1 has only the logo, if any, since its title says it all) and the footer on
/// every page (footer text, page X of Y).
fn running(w: &PdfWriter, doc: &Document, geo: &Geometry, pages: &mut [PageContent]) {
    let theme = &w.theme;
    let c = &theme.colors;
    let size = theme.sizes.footer;
    let reg = w.fonts.face(Face::Regular);
    let right = geo.left + geo.body_w;
    let rule_y = geo.top - mm(4.0);
    let n = pages.len();
    let subject = doc.meta.running_header();
    let footer_left = doc.meta.footer.trim();
    for (i, page) in pages.iter_mut().enumerate() {
        // Room for the header (at most 8 commands), the page's and the footer (5): the
        // page's commands are moved once.
        let mut cmds = Vec::with_capacity(page.cmds.len() + 16);
        cmds.push(Cmd::Tag(Tag::Artifact));
        if i > 0 {
            cmds.push(Cmd::Line {
                x1: geo.left,
                y1: rule_y,
                x2: right,
                y2: rule_y,
                color: c.rule,
                width: 0.5,
                grid: false,
            });
            let subject = ellipsize(reg, subject, size, geo.body_w);
            if !subject.is_empty() {
                cmds.push(Cmd::Text {
                    x: geo.left,
                    y: rule_y - size * 0.6,
                    face: Face::Regular,
                    size,
                    color: c.muted,
                    text: subject,
                });
            }
        } else if let Some(l) = &w.logo {
            let max_h = (geo.top - mm(7.0)).clamp(mm(4.0), mm(14.0));
            let max_w = geo.body_w * 0.3;
            let s = (max_h / l.px_h).min(max_w / l.px_w);
            let (lw, lh) = (l.px_w * s, l.px_h * s);
            cmds.push(Cmd::Tag(Tag::EndArtifact));
            // The logo is a figure (an empty text stands for the logo's own).
            cmds.push(Cmd::Tag(Tag::Open(Role::Figure(String::new()))));
            cmds.push(Cmd::Image {
                x: right - lw,
                y: rule_y - mm(1.5) - lh,
                w: lw,
                h: lh,
            });
            cmds.push(Cmd::Tag(Tag::Close));
            cmds.push(Cmd::Tag(Tag::Artifact));
        }
        cmds.push(Cmd::Tag(Tag::EndArtifact));
        let base = geo.top + geo.body_h + mm(9.0);
        let label = page_label(doc.meta.lang, i + 1, n);
        let lw = reg.width(&label, size);
        let footer = ellipsize(reg, footer_left, size, geo.body_w - lw - size * 3.0);
        let mut foot = vec![Cmd::Tag(Tag::Artifact)];
        if !footer.is_empty() {
            foot.push(Cmd::Text {
                x: geo.left,
                y: base,
                face: Face::Regular,
                size,
                color: c.muted,
                text: footer,
            });
        }
        foot.push(Cmd::Text {
            x: right - lw,
            y: base,
            face: Face::Regular,
            size,
            color: c.muted,
            text: label,
        });
        foot.push(Cmd::Tag(Tag::EndArtifact));
        // Header first and footer last, so text extraction reads them in place.
        cmds.append(&mut page.cmds);
        cmds.extend(foot);
        page.cmds = cmds;
    }
}

/// Rounds to 1/100 point: finer than any device, and shorter numbers to write.
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The name of the logo's image resource.
const LOGO: &str = "Im1";

/// Builds the nested outline (level-2 entries at the top, level-3 entries under the
/// level-2 entry before them); returns its root, if there is any entry.
fn outline(
    f: &mut File,
    marks: &[(usize, u8, String, f32)],
    pages: &[u32],
    page_h: f32,
) -> Option<u32> {
    struct Node {
        id: u32,
        title: String,
        page: u32,
        y: f32,
        kids: Vec<Node>,
    }
    let mut top: Vec<Node> = Vec::new();
    for (page, level, title, y) in marks {
        let Some(page_id) = pages.get(*page).copied() else {
            continue;
        };
        let node = Node {
            id: f.reserve(),
            title: title.clone(),
            page: page_id,
            y: *y,
            kids: Vec::new(),
        };
        match top.last_mut() {
            Some(parent) if *level >= 3 => parent.kids.push(node),
            _ => top.push(node),
        }
    }
    if top.is_empty() {
        return None;
    }
    fn write(f: &mut File, nodes: &[Node], parent: u32, page_h: f32) -> usize {
        let mut count = 0;
        for (i, n) in nodes.iter().enumerate() {
            let mut d = Dict::new();
            d.set("Title", text(&n.title));
            d.set("Parent", Obj::Ref(parent));
            d.set(
                "Dest",
                Obj::Array(vec![
                    Obj::Ref(n.page),
                    name("XYZ"),
                    Obj::Null,
                    Obj::Real(page_h - n.y + 4.0),
                    Obj::Null,
                ]),
            );
            if let Some(p) = i.checked_sub(1).and_then(|k| nodes.get(k)) {
                d.set("Prev", Obj::Ref(p.id));
            }
            if let Some(nx) = nodes.get(i + 1) {
                d.set("Next", Obj::Ref(nx.id));
            }
            if let (Some(first), Some(last)) = (n.kids.first(), n.kids.last()) {
                d.set("First", Obj::Ref(first.id));
                d.set("Last", Obj::Ref(last.id));
                let k = write(f, &n.kids, n.id, page_h);
                d.set("Count", Obj::Int(k as i64));
                count += k;
            }
            f.set(n.id, Obj::Dict(d));
            count += 1;
        }
        count
    }
    let root = f.reserve();
    let count = write(f, &top, root, page_h);
    let mut d = Dict::typed("Outlines");
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        d.set("First", Obj::Ref(first.id));
        d.set("Last", Obj::Ref(last.id));
    }
    d.set("Count", Obj::Int(count as i64));
    f.set(root, Obj::Dict(d));
    Some(root)
}

/// The logo's image XObject (and its soft mask), from the bytes made once per writer.
fn logo_image(f: &mut File, logo: &Logo) -> u32 {
    let image = |gray: bool, w: usize, h: usize| {
        let mut d = Dict::typed("XObject");
        d.set("Subtype", name("Image"));
        d.set("Width", Obj::Int(w as i64));
        d.set("Height", Obj::Int(h as i64));
        d.set(
            "ColorSpace",
            name(if gray { "DeviceGray" } else { "DeviceRGB" }),
        );
        d.set("BitsPerComponent", Obj::Int(8));
        d
    };
    let mut d = image(logo.gray, logo.w, logo.h);
    if let Some(alpha) = &logo.alpha {
        let mask = f.add_stream(image(true, logo.w, logo.h), alpha.clone(), Filter::Deflated);
        d.set("SMask", Obj::Ref(mask));
    }
    f.add_stream(d, logo.color.clone(), Filter::Deflated)
}

/// Turns page contents into the finished PDF bytes: the pages with their content
/// streams, link annotations and fonts, the structure tree, the outline, the metadata.
pub(crate) fn finish(
    w: &PdfWriter,
    doc: &Document,
    geo: &Geometry,
    mut pages: Vec<PageContent>,
) -> Result<Rendered, PdfError> {
    if pages.is_empty() {
        pages.push(PageContent::default());
    }
    running(w, doc, geo, &mut pages);
    let meta = &doc.meta;
    let standards = w.theme.pdf;
    let mut f = File::new();
    let catalog = f.reserve();
    let pages_id = f.reserve();
    let page_ids: Vec<u32> = pages.iter().map(|_| f.reserve()).collect();
    let logo = w.logo.as_ref();
    let logo_drawn = logo.is_some()
        && pages
            .iter()
            .any(|p| p.cmds.iter().any(|c| matches!(c, Cmd::Image { .. })));
    let logo_arg = logo.map(|l| (LOGO, l.px_w, l.px_h));
    let mut tags = Tagger::new(standards.tagged, meta.lang);
    let mut fonts = DocFonts::default();
    let mut shapes = content::Shapes::new(pages.iter().map(|p| p.cmds.as_slice()));
    let mut contents = Vec::with_capacity(pages.len());
    for p in &pages {
        tags.begin_page();
        let bytes = content::page(
            &p.cmds,
            geo.page_h,
            &w.fonts,
            &mut fonts,
            logo_arg,
            &mut tags,
            &mut shapes,
        );
        contents.push(f.add_stream(Dict::new(), bytes, Filter::Deflate));
    }
    let mut res = Dict::new();
    let font_res = fonts.embed(w.fonts.lib(), &mut f)?;
    if !font_res.is_empty() {
        res.set("Font", Obj::Dict(font_res));
    }
    let mut x = Dict::new();
    if let (Some(l), true) = (logo, logo_drawn) {
        x.set(LOGO, Obj::Ref(logo_image(&mut f, l)));
    }
    for (n, (path, bbox)) in shapes.into_forms().into_iter().enumerate() {
        let mut d = Dict::typed("XObject");
        d.set("Subtype", name("Form"));
        d.set("BBox", Obj::Array(bbox.map(|v| Obj::Real(r2(v))).to_vec()));
        x.set(
            format!("Sh{}", n + 1),
            Obj::Ref(f.add_stream(d, path, Filter::Deflate)),
        );
    }
    if !x.is_empty() {
        res.set("XObject", Obj::Dict(x));
    }
    let res = f.add_dict(res);

    // Link annotations: indirect, so the structure tree can point at them.
    let keys = tags.link_keys(pages.len());
    let mut annots: Vec<Vec<u32>> = Vec::with_capacity(pages.len());
    for (p, pc) in pages.iter().enumerate() {
        let mut ids = Vec::new();
        let links = pc.cmds.iter().filter_map(|c| match c {
            Cmd::Link { x, y, w, h, uri } => Some((*x, *y, *w, *h, uri)),
            _ => None,
        });
        for (k, (x, y, lw, h, uri)) in links.enumerate() {
            let mut a = Dict::typed("Annot");
            a.set("Subtype", name("Link"));
            let bottom = geo.page_h - y - h;
            a.set(
                "Rect",
                Obj::Array(
                    [x, bottom, x + lw, bottom + h]
                        .map(|v| Obj::Real(r2(v)))
                        .to_vec(),
                ),
            );
            a.set("Border", Obj::Array(vec![Obj::Int(0); 3]));
            // Printed (PDF/A wants every annotation to print).
            a.set("F", Obj::Int(4));
            let mut act = Dict::new();
            act.set("S", name("URI"));
            act.set("URI", Obj::Str(uri.as_bytes().to_vec()));
            a.set("A", Obj::Dict(act));
            match keys.get(p).and_then(|l| l.get(k)).cloned().flatten() {
                Some((key, said)) => {
                    a.set("Contents", Obj::Text(said));
                    a.set("StructParent", Obj::Int(key));
                }
                None => a.set("Contents", text(uri)),
            }
            ids.push(f.add_dict(a));
        }
        annots.push(ids);
    }
    let media = Obj::Array([0.0, 0.0, geo.page_w, geo.page_h].map(Obj::Real).to_vec());
    for (p, id) in page_ids.iter().enumerate() {
        let mut d = Dict::typed("Page");
        d.set("Parent", Obj::Ref(pages_id));
        d.set("MediaBox", media.clone());
        d.set("Resources", Obj::Ref(res));
        if let Some(c) = contents.get(p) {
            d.set("Contents", Obj::Ref(*c));
        }
        if let Some(a) = annots.get(p).filter(|a| !a.is_empty()) {
            d.set(
                "Annots",
                Obj::Array(a.iter().map(|id| Obj::Ref(*id)).collect()),
            );
            if standards.tagged {
                d.set("Tabs", name("S"));
            }
        }
        if standards.tagged {
            d.set("StructParents", Obj::Int(p as i64));
        }
        f.set(*id, Obj::Dict(d));
    }
    let mut tree = Dict::typed("Pages");
    tree.set(
        "Kids",
        Obj::Array(page_ids.iter().map(|id| Obj::Ref(*id)).collect()),
    );
    tree.set("Count", Obj::Int(page_ids.len() as i64));
    f.set(pages_id, Obj::Dict(tree));

    let mut marks = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        marks.extend(p.marks.iter().map(|(l, t, y)| (i, *l, t.clone(), *y)));
    }
    let struct_root = tags.finish(&mut f, &page_ids, &annots);
    let outlines = outline(&mut f, &marks, &page_ids, geo.page_h);
    let added = super::pdfa::apply(&mut f, meta, standards, PRODUCER);

    let mut cat = Dict::typed("Catalog");
    cat.set("Pages", Obj::Ref(pages_id));
    cat.set("Lang", Obj::Str(meta.lang.tag().as_bytes().to_vec()));
    let mut vp = Dict::new();
    vp.set("DisplayDocTitle", Obj::Bool(true));
    cat.set("ViewerPreferences", Obj::Dict(vp));
    if let Some(o) = outlines {
        cat.set("Outlines", Obj::Ref(o));
        cat.set("PageMode", name("UseOutlines"));
    }
    if let Some(root) = struct_root {
        cat.set("StructTreeRoot", Obj::Ref(root));
        let mut mi = Dict::new();
        mi.set("Marked", Obj::Bool(true));
        cat.set("MarkInfo", Obj::Dict(mi));
    }
    if let Some(m) = added.metadata {
        cat.set("Metadata", Obj::Ref(m));
    }
    if let Some(oi) = added.intent {
        cat.set("OutputIntents", Obj::Array(vec![Obj::Ref(oi)]));
    }
    f.set(catalog, Obj::Dict(cat));
    let (bytes, sha256) = f.finish(catalog, Some(added.info));
    Ok(Rendered {
        bytes,
        pages: Some(page_ids.len()),
        sha256: Some(sha256),
    })
}
