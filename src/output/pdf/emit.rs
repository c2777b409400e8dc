//! Emitting: placed chunks into page commands, running header and footer, printpdf
//! operations, and the finished file (outline, language, deterministic `/ID`).

use super::draw::Cmd;
use super::fonts::Face;
use super::layout::{Chunk, Flow, Placed, Ref};
use super::{ellipsize, mm, PdfError, PdfWriter};
use crate::document::Document;
use crate::model::Lang;
use crate::output::Rendered;
use crate::theme::{Rgb, Theme};
use lopdf::{Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, ColorArray, LinePoint, LinkAnnotation, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem, TextMatrix,
    WindingOrder, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

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
pub(crate) fn draw_chunk(pc: &mut PageContent, chunk: &Chunk, y0: f32, gap: f32) {
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
    pc.cmds
        .extend(chunk.cmds.iter().map(|c| c.shifted(0.0, y0)));
    if let Some(m) = &chunk.mark {
        pc.marks.push((m.level, m.title.clone(), y0));
    }
}

/// Draws placed chunks page by page.
pub(crate) fn flow_pages(flow: &Flow, pages: &[Vec<Placed>], top: f32) -> Vec<PageContent> {
    pages
        .iter()
        .map(|placed| {
            let mut pc = PageContent::default();
            for p in placed {
                let chunk = match p.r {
                    Ref::Chunk(i) => flow.chunks.get(i),
                    Ref::Header(i) => flow.headers.get(i),
                };
                if let Some(chunk) = chunk {
                    draw_chunk(&mut pc, chunk, top + p.top, p.gap);
                }
            }
            pc
        })
        .collect()
}

/// "Page 1 of 3" in the document's language.
fn page_label(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Page {n} of {of}"),
        Lang::PtBr => format!("Página {n} de {of}"),
    }
}

/// Adds the running header (a thin rule; title and subject after the first page; the
/// logo on the first) and footer (footer text, page X of Y).
fn running(w: &PdfWriter, doc: &Document, geo: &Geometry, pages: &mut [PageContent]) {
    let theme = &w.theme;
    let c = &theme.colors;
    let size = theme.sizes.footer;
    let reg = w.fonts.face(Face::Regular);
    let right = geo.left + geo.body_w;
    let rule_y = geo.top - mm(4.0);
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let mut cmds = Vec::new();
        cmds.push(Cmd::Line {
            x1: geo.left,
            y1: rule_y,
            x2: right,
            y2: rule_y,
            color: c.rule,
            width: 0.5,
        });
        if i > 0 {
            let subject = ellipsize(reg, doc.meta.subject.trim(), size, geo.body_w * 0.45);
            let sw = reg.width(&subject, size);
            let title = ellipsize(reg, doc.meta.title.trim(), size, geo.body_w * 0.5);
            for (x, t) in [(geo.left, title), (right - sw, subject)] {
                if !t.is_empty() {
                    cmds.push(Cmd::Text {
                        x,
                        y: rule_y - size * 0.6,
                        face: Face::Regular,
                        size,
                        color: c.muted,
                        text: t,
                    });
                }
            }
        } else if let Some(l) = &w.logo {
            let max_h = (geo.top - mm(7.0)).clamp(mm(4.0), mm(14.0));
            let max_w = geo.body_w * 0.3;
            let s = (max_h / l.px_h).min(max_w / l.px_w);
            let (lw, lh) = (l.px_w * s, l.px_h * s);
            cmds.push(Cmd::Image {
                x: right - lw,
                y: rule_y - mm(1.5) - lh,
                w: lw,
                h: lh,
            });
        }
        let base = geo.top + geo.body_h + mm(9.0);
        let label = page_label(doc.meta.lang, i + 1, n);
        let lw = reg.width(&label, size);
        cmds.push(Cmd::Text {
            x: right - lw,
            y: base,
            face: Face::Regular,
            size,
            color: c.muted,
            text: label,
        });
        let footer = ellipsize(
            reg,
            doc.meta.footer.trim(),
            size,
            geo.body_w - lw - size * 3.0,
        );
        if !footer.is_empty() {
            cmds.push(Cmd::Text {
                x: geo.left,
                y: base,
                face: Face::Regular,
                size,
                color: c.muted,
                text: footer,
            });
        }
        page.cmds.extend(cmds);
    }
}

fn color(c: Rgb) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn ctl(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: true,
    }
}

/// A rectangle path in PDF coordinates (`y` is the bottom edge), corners rounded by `r`.
fn rect_ring(x: f32, y: f32, w: f32, h: f32, r: f32) -> PolygonRing {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r < 0.05 {
        return PolygonRing {
            points: vec![pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)],
        };
    }
    let k = r * 0.447_715; // 1 - 0.5523, the Bézier circle constant
    PolygonRing {
        points: vec![
            pt(x + r, y),
            pt(x + w - r, y),
            ctl(x + w - k, y),
            ctl(x + w, y + k),
            pt(x + w, y + r),
            pt(x + w, y + h - r),
            ctl(x + w, y + h - k),
            ctl(x + w - k, y + h),
            pt(x + w - r, y + h),
            pt(x + r, y + h),
            ctl(x + k, y + h),
            ctl(x, y + h - k),
            pt(x, y + h - r),
            pt(x, y + r),
            ctl(x, y + k),
            ctl(x + k, y),
            pt(x + r, y),
        ],
    }
}

/// Page commands into printpdf operations; text runs share one text object.
fn ops(w: &PdfWriter, cmds: &[Cmd], page_h: f32, logo: Option<&XObjectId>) -> Vec<Op> {
    let mut out = Vec::with_capacity(cmds.len() * 3);
    let mut in_text = false;
    let mut fill: Option<Rgb> = None;
    let mut font: Option<(Face, f32)> = None;
    let set_fill = |out: &mut Vec<Op>, fill: &mut Option<Rgb>, c: Rgb| {
        if *fill != Some(c) {
            out.push(Op::SetFillColor { col: color(c) });
            *fill = Some(c);
        }
    };
    for cmd in cmds {
        if in_text && !matches!(cmd, Cmd::Text { .. }) {
            out.push(Op::EndTextSection);
            in_text = false;
        }
        match cmd {
            Cmd::Text {
                x,
                y,
                face,
                size,
                color: c,
                text,
            } => {
                if !in_text {
                    out.push(Op::StartTextSection);
                    in_text = true;
                    font = None;
                }
                if font != Some((*face, *size)) {
                    out.push(Op::SetFont {
                        font: PdfFontHandle::External(w.fonts.face(*face).id.clone()),
                        size: Pt(*size),
                    });
                    font = Some((*face, *size));
                }
                set_fill(&mut out, &mut fill, *c);
                out.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(page_h - *y)),
                });
                out.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
            }
            Cmd::Rect {
                x,
                y,
                w: rw,
                h,
                fill: f,
                stroke,
                radius,
            } => {
                let mode = match (f, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(f) = f {
                    set_fill(&mut out, &mut fill, *f);
                }
                if let Some((sc, sw)) = stroke {
                    out.push(Op::SetOutlineColor { col: color(*sc) });
                    out.push(Op::SetOutlineThickness { pt: Pt(*sw) });
                }
                out.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![rect_ring(*x, page_h - *y - *h, *rw, *h, *radius)],
                        mode,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
                width,
            } => {
                out.push(Op::SetOutlineColor { col: color(*c) });
                out.push(Op::SetOutlineThickness { pt: Pt(*width) });
                out.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![pt(*x1, page_h - *y1), pt(*x2, page_h - *y2)],
                        is_closed: false,
                    },
                });
            }
            Cmd::Path {
                points,
                color: c,
                width,
            } => {
                out.push(Op::SetOutlineColor { col: color(*c) });
                out.push(Op::SetOutlineThickness { pt: Pt(*width) });
                out.push(Op::SetLineCapStyle {
                    cap: printpdf::LineCapStyle::Round,
                });
                out.push(Op::SetLineJoinStyle {
                    join: printpdf::LineJoinStyle::Round,
                });
                out.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: points.iter().map(|(x, y)| pt(*x, page_h - *y)).collect(),
                        is_closed: false,
                    },
                });
                out.push(Op::SetLineCapStyle {
                    cap: printpdf::LineCapStyle::Butt,
                });
                out.push(Op::SetLineJoinStyle {
                    join: printpdf::LineJoinStyle::Miter,
                });
            }
            Cmd::Link {
                x,
                y,
                w: lw,
                h,
                uri,
            } => {
                out.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        printpdf::Rect {
                            x: Pt(*x),
                            y: Pt(page_h - *y - *h),
                            width: Pt(*lw),
                            height: Pt(*h),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Uri(uri.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
            Cmd::Image { x, y, w: iw, h } => {
                let (Some(id), Some(l)) = (logo, w.logo.as_ref()) else {
                    continue;
                };
                out.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(page_h - *y - *h)),
                        scale_x: Some(*iw / l.px_w),
                        scale_y: Some(*h / l.px_h),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
        }
    }
    if in_text {
        out.push(Op::EndTextSection);
    }
    out
}

fn date_time(d: chrono::NaiveDate) -> Option<printpdf::OffsetDateTime> {
    let ts = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(ts).ok()
}

fn text_string(s: &str) -> Object {
    // UTF-16BE with a byte-order mark: the PDF text string encoding for any script.
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// Builds the nested outline: level-2 entries at the top, level-3 entries under the
/// level-2 entry before them.
fn outline(doc: &mut lopdf::Document, marks: &[(usize, u8, String, f32)], page_h: f32) {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let root = doc.new_object_id();
    struct Node {
        id: ObjectId,
        title: String,
        page: ObjectId,
        y: f32,
        kids: Vec<Node>,
    }
    let mut top: Vec<Node> = Vec::new();
    for (page, level, title, y) in marks {
        let Some(page_id) = pages.get(*page).copied() else {
            continue;
        };
        let node = Node {
            id: doc.new_object_id(),
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
        return;
    }
    fn write(doc: &mut lopdf::Document, nodes: &[Node], parent: ObjectId, page_h: f32) -> usize {
        let mut count = 0;
        for (i, n) in nodes.iter().enumerate() {
            let mut d = lopdf::Dictionary::new();
            d.set("Title", text_string(&n.title));
            d.set("Parent", Object::Reference(parent));
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(n.page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(page_h - n.y + 4.0),
                    Object::Null,
                ]),
            );
            if i > 0 {
                if let Some(p) = nodes.get(i - 1) {
                    d.set("Prev", Object::Reference(p.id));
                }
            }
            if let Some(nx) = nodes.get(i + 1) {
                d.set("Next", Object::Reference(nx.id));
            }
            if let (Some(f), Some(l)) = (n.kids.first(), n.kids.last()) {
                d.set("First", Object::Reference(f.id));
                d.set("Last", Object::Reference(l.id));
                let k = write(doc, &n.kids, n.id, page_h);
                d.set("Count", Object::Integer(k as i64));
                count += k;
            }
            doc.objects.insert(n.id, Object::Dictionary(d));
            count += 1;
        }
        count
    }
    let count = write(doc, &top, root, page_h);
    let mut d = lopdf::Dictionary::new();
    d.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        d.set("First", Object::Reference(f.id));
        d.set("Last", Object::Reference(l.id));
    }
    d.set("Count", Object::Integer(count as i64));
    doc.objects.insert(root, Object::Dictionary(d));
    if let Ok(cat) = doc.catalog_mut() {
        cat.set("Outlines", Object::Reference(root));
        cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// Turns page contents into the finished PDF bytes.
pub(crate) fn finish(
    w: &PdfWriter,
    doc: &Document,
    geo: &Geometry,
    mut pages: Vec<PageContent>,
    logo: Option<&printpdf::RawImage>,
) -> Result<Rendered, PdfError> {
    if pages.is_empty() {
        pages.push(PageContent::default());
    }
    running(w, doc, geo, &mut pages);
    let meta = &doc.meta;
    let mut pdf = PdfDocument::new(&meta.title);
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "successkit".to_string();
    info.producer = concat!("successkit ", env!("CARGO_PKG_VERSION"), " (printpdf)").to_string();
    if let Some(t) = meta.date.and_then(date_time) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }
    // Fixed ids: printpdf would draw random ones, and the first six letters of a font id
    // become its subset tag.
    let logo_id = logo.map(|img| {
        let id = XObjectId("SKLOGO".to_string());
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::Image(img.clone()));
        id
    });
    let mut used = [false; 5];
    for p in &pages {
        for c in &p.cmds {
            if let Cmd::Text { face, .. } = c {
                if let Some(u) = used.get_mut(*face as usize) {
                    *u = true;
                }
            }
        }
    }
    for (face, f) in w.fonts.all() {
        if used.get(face as usize).copied().unwrap_or(false) {
            pdf.resources
                .fonts
                .map
                .insert(f.id.clone(), printpdf::PdfFont::new(f.parsed.clone()));
        }
    }
    let mut marks = Vec::new();
    let page_count = pages.len();
    for (i, p) in pages.into_iter().enumerate() {
        marks.extend(p.marks.into_iter().map(|(l, t, y)| (i, l, t, y)));
        let ops = ops(w, &p.cmds, geo.page_h, logo_id.as_ref());
        pdf.pages.push(PdfPage::new(
            printpdf::Mm(geo.page_w * 25.4 / 72.0),
            printpdf::Mm(geo.page_h * 25.4 / 72.0),
            ops,
        ));
    }
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    outline(&mut lo, &marks, geo.page_h);
    if let Ok(cat) = lo.catalog_mut() {
        cat.set("Lang", Object::string_literal(meta.lang.tag()));
        let mut vp = lopdf::Dictionary::new();
        vp.set("DisplayDocTitle", Object::Boolean(true));
        cat.set("ViewerPreferences", Object::Dictionary(vp));
    }
    if let Ok(Object::Reference(info_id)) = lo.trailer.get(b"Info").cloned() {
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(info_id) {
            for k in ["GTS_PDFXVersion", "Identifier", "Trapped"] {
                d.remove(k.as_bytes());
            }
            if meta.date.is_none() {
                d.remove(b"CreationDate");
                d.remove(b"ModDate");
            }
            if meta.keywords.is_empty() {
                d.remove(b"Keywords");
            }
        }
    }
    // The /ID is a hash of the file itself: written as a placeholder, then patched.
    let placeholder = vec![0u8; 16];
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(placeholder.clone(), StringFormat::Hexadecimal),
            Object::String(placeholder, StringFormat::Hexadecimal),
        ]),
    );
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let hash = Sha256::digest(&bytes);
    let hex: String = hash.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let needle = format!("<{}>", "0".repeat(32));
    let mut end = bytes.len();
    for _ in 0..2 {
        let Some(pos) = find_last(bytes.get(..end).unwrap_or(&[]), needle.as_bytes()) else {
            break;
        };
        if let Some(slot) = bytes.get_mut(pos + 1..pos + 33) {
            slot.copy_from_slice(hex.as_bytes());
        }
        end = pos;
    }
    Ok(Rendered {
        bytes,
        pages: Some(page_count),
    })
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay.get(i..i + needle.len()) == Some(needle))
}
