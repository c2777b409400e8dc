//! Handout layout: what comes before the first slide at the top of page 1, then each
//! slide as a 16:9 rounded frame on the left, three to a page, with ruled note lines
//! beside it, as tall as the frame. Slide text that does not fit its frame, or a slide
//! table that would cut a word, is set smaller step by step (one size per slide body,
//! the slide title the same on every slide) down to a readable floor; there, column
//! titles are abbreviated ("Conscien.") and what still does not fit is cut with an
//! ellipsis; nothing is drawn outside the frame.

use super::draw::{self, Cmd};
use super::emit::{draw_chunk, flow_pages, Geometry, PageContent};
use super::fonts::Face;
use super::layout::{Chunk, Flow, LogoInfo};
use super::paginate::paginate;
use super::tags::{Role, Tag};
use super::{mm, PdfWriter};
use crate::document::{plain_text, Block, Document, Inline};
use crate::i18n::Lang;

/// Font scales tried, largest first, until a slide's content fits its frame without
/// cutting a word; the last is the floor (body text about 6 pt, still readable on paper).
const SCALES: [f32; 5] = [0.85, 0.78, 0.72, 0.66, 0.62];

fn notes_label(lang: Lang) -> &'static str {
    lang.notes()
}

struct Slide<'a> {
    title: Vec<Inline>,
    body: Vec<&'a Block>,
}

fn slides(blocks: &[Block]) -> (Vec<&Block>, Vec<Slide<'_>>) {
    let mut pre = Vec::new();
    let mut out: Vec<Slide> = Vec::new();
    let mut loose: Vec<&Block> = Vec::new();
    fn flush<'b>(loose: &mut Vec<&'b Block>, out: &mut Vec<Slide<'b>>) {
        if !loose.is_empty() {
            out.push(Slide {
                title: Vec::new(),
                body: std::mem::take(loose),
            });
        }
    }
    for b in blocks {
        match b {
            Block::Slide(inner) => {
                flush(&mut loose, &mut out);
                let mut title = Vec::new();
                let mut body = Vec::new();
                for ib in inner {
                    match ib {
                        Block::Heading { content, .. } if title.is_empty() && body.is_empty() => {
                            title = content.clone();
                        }
                        Block::PageBreak => {}
                        other => body.push(other),
                    }
                }
                out.push(Slide { title, body });
            }
            Block::PageBreak => {}
            other if out.is_empty() => pre.push(other),
            // Blocks between slides get a frame of their own rather than being lost.
            other => loose.push(other),
        }
    }
    flush(&mut loose, &mut out);
    (pre, out)
}

/// Lays the slide's content out at the largest scale that fits `inner_h`; at the
/// smallest scale, keeps what fits and ends with an ellipsis.
fn fit(
    w: &PdfWriter,
    slide: &Slide,
    x: f32,
    inner_w: f32,
    inner_h: f32,
    logo: Option<LogoInfo>,
    lang: Lang,
) -> Vec<(Chunk, f32)> {
    let mut last = Vec::new();
    for (k, scale) in SCALES.iter().enumerate() {
        let last_scale = k + 1 == SCALES.len();
        let mut flow = Flow::new(w, *scale, inner_h, logo);
        // A slide table is set like the slide's text (one size for the whole table),
        // never shrunk on its own: the slide steps down instead, and at the floor the
        // column titles are abbreviated rather than cut mid-word.
        flow.shrink_tables = false;
        flow.lang = lang;
        flow.abbreviate = last_scale;
        flow.sizes.table = flow.sizes.body * 0.92;
        if !slide.title.is_empty() {
            flow.blocks(
                &[Block::Heading {
                    level: 4,
                    classes: Vec::new(),
                    content: slide.title.clone(),
                }],
                x,
                inner_w,
            );
            // The slide title is larger than an ordinary level-4 heading, and the same
            // size on every slide whatever the body needs.
            let t = w.theme.sizes.h3 * SCALES[0] * 1.05;
            let base = super::text::Base {
                size: t,
                color: w.theme.colors.accent,
                bold: true,
                italic: false,
                leading: 1.2,
            };
            flow.chunks.clear();
            let lines = super::text::Prepared::new(
                &w.fonts,
                &w.paragraphs,
                &w.theme.colors,
                &slide.title,
                base,
            )
            .lang(lang)
            .lines(&w.theme.colors, inner_w, crate::document::Align::Left);
            for l in lines {
                flow.push(Chunk {
                    height: l.height,
                    cmds: l.cmds.into_iter().map(|c| c.shifted(x, 0.0)).collect(),
                    keep_next: true,
                    ..Chunk::default()
                });
            }
            flow.wrap(0..flow.chunks.len(), Role::Heading(2));
        }
        let body: Vec<Block> = slide.body.iter().map(|b| (*b).clone()).collect();
        flow.blocks(&body, x, inner_w);
        let mut y = 0.0;
        let mut placed = Vec::new();
        let mut fits = !flow.words_cut;
        let mut overflow = false;
        for c in flow.chunks.into_iter().filter(|c| !c.brk) {
            let gap = if placed.is_empty() { 0.0 } else { c.gap };
            if y + gap + c.height > inner_h + 0.01 {
                fits = false;
                overflow = true;
                if last_scale {
                    break;
                }
            }
            let h = c.height;
            placed.push((c, y + gap, gap));
            y += gap + h;
        }
        // At the floor, a slide that fits only by cutting (abbreviating) words is kept.
        if fits || (last_scale && !overflow) {
            return placed.into_iter().map(|(c, y, _)| (c, y)).collect();
        }
        last = placed;
        // Truncate at the smallest scale: drop lines until an ellipsis fits below.
        if k + 1 == SCALES.len() {
            let size = w.theme.sizes.body * scale;
            let ell_h = size * 1.4;
            while let Some((c, y, _)) = last.last() {
                if y + c.height + ell_h <= inner_h || last.len() == 1 {
                    break;
                }
                last.pop();
            }
            let y_end = last.last().map_or(0.0, |(c, y, _)| y + c.height);
            if y_end + ell_h <= inner_h + 0.01 {
                let reg = w.fonts.face(Face::Regular);
                let base = (ell_h - size * (reg.ascent + reg.descent)) / 2.0 + size * reg.ascent;
                // The ellipsis belongs to the slide, after whatever the cut left open.
                let open = last
                    .iter()
                    .flat_map(|(c, _, _)| &c.cmds)
                    .fold(0usize, |d, c| match c {
                        Cmd::Tag(Tag::Open(_) | Tag::Reopen(_)) => d + 1,
                        Cmd::Tag(Tag::Close) => d.saturating_sub(1),
                        _ => d,
                    });
                let mut cmds: Vec<Cmd> = std::iter::repeat_n(Cmd::Tag(Tag::Close), open).collect();
                cmds.push(Cmd::Tag(Tag::Open(Role::P)));
                cmds.push(Cmd::Text {
                    x,
                    y: base,
                    face: Face::Regular,
                    size,
                    color: w.theme.colors.muted,
                    text: "…".to_string(),
                });
                cmds.push(Cmd::Tag(Tag::Close));
                last.push((
                    Chunk {
                        height: ell_h,
                        cmds,
                        ..Chunk::default()
                    },
                    y_end,
                    0.0,
                ));
            }
        }
    }
    last.into_iter()
        .filter(|(c, y, _)| y + c.height <= inner_h + 0.01)
        .map(|(c, y, _)| (c, y))
        .collect()
}

/// Lays out a handout document.
pub(crate) fn pages(
    w: &PdfWriter,
    doc: &Document,
    geo: &Geometry,
    logo: Option<LogoInfo>,
) -> Vec<PageContent> {
    let lang = doc.meta.lang;
    let (pre, slides) = slides(&doc.blocks);
    let mut pages: Vec<PageContent>;
    let mut y;
    {
        let mut flow = Flow::new(w, 1.0, geo.body_h, logo);
        flow.lang = lang;
        let pre: Vec<Block> = pre.into_iter().cloned().collect();
        flow.blocks(&pre, geo.left, geo.body_w);
        let placed = paginate(&flow.chunks, &flow.headers, geo.body_h);
        y = placed
            .last()
            .and_then(|p| p.last())
            .and_then(|p| match p.r {
                super::paginate::Ref::Chunk(i) => flow.chunks.get(i).map(|c| p.top + c.height),
                super::paginate::Ref::Header(i) => flow.headers.get(i).map(|c| p.top + c.height),
            })
            .unwrap_or(0.0);
        pages = flow_pages(&mut flow, &placed, geo.top);
    }
    let c = &w.theme.colors;
    if y > 0.0 {
        y += mm(5.0);
    }
    // Frames as large as lets three fit under the title block on page 1 (when that
    // block is short), the same size on every page.
    let gap = mm(7.0);
    let first_room = geo.body_h - y;
    let room = if first_room >= geo.body_h * 0.6 {
        first_room
    } else {
        geo.body_h
    };
    let frame_h = ((room - 2.0 * gap) / 3.0)
        .min(geo.body_w * 0.7 * 9.0 / 16.0)
        .max(mm(20.0));
    let frame_w = frame_h * 16.0 / 9.0;
    // One rhythm on every page: a frame, a gap, the next frame, from the top of the
    // body (below the title block on page 1); what is left stays at the foot.
    let pitch = frame_h + gap;
    let pad = mm(4.0);
    let label_size = w.theme.sizes.footer;
    let notes_x = geo.left + frame_w + mm(8.0);
    let notes_w = geo.left + geo.body_w - notes_x;
    let n = slides.len();
    let num_size = w.theme.sizes.footer * 0.95;
    let reg = w.fonts.face(Face::Regular);
    for (i, slide) in slides.iter().enumerate() {
        if y + frame_h > geo.body_h + 0.01 {
            pages.push(PageContent::default());
            y = 0.0;
        }
        let Some(page) = pages.last_mut() else { break };
        let top = geo.top + y;
        // Each slide is a section: its title and content, then its notes area.
        page.cmds.push(Cmd::Tag(Tag::Open(Role::Sect)));
        page.cmds.push(Cmd::Rect {
            x: geo.left,
            y: top,
            w: frame_w,
            h: frame_h,
            fill: Some(draw::tint(c.info, 0.45)),
            stroke: Some((c.accent, 0.9)),
            radius: 5.0,
        });
        let num = format!("{}/{}", i + 1, n);
        let num_w = reg.width(&num, num_size);
        let inner_x = geo.left + pad;
        let inner_w = frame_w - 2.0 * pad - num_w - pad * 0.5;
        let inner_h = frame_h - 2.0 * pad;
        let mut depth = 0usize;
        for (chunk, cy) in fit(w, slide, inner_x, inner_w, inner_h, logo, lang) {
            for c in &chunk.cmds {
                match c {
                    Cmd::Tag(Tag::Open(_) | Tag::Reopen(_)) => depth += 1,
                    Cmd::Tag(Tag::Close) => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            draw_chunk(page, chunk, top + pad + cy, 0.0);
        }
        // A slide cut short at the smallest size may have lost the ends of elements.
        page.cmds
            .extend(std::iter::repeat_n(Cmd::Tag(Tag::Close), depth));
        page.cmds.push(Cmd::Tag(Tag::Artifact));
        page.cmds.push(Cmd::Text {
            x: geo.left + frame_w - pad * 0.8 - num_w,
            y: top + pad * 0.8 + num_size,
            face: Face::Regular,
            size: num_size,
            color: c.muted,
            text: num,
        });
        page.cmds.push(Cmd::Tag(Tag::EndArtifact));
        page.marks.retain(|m| m.2 < top);
        let title = plain_text(&slide.title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !title.is_empty() {
            page.marks.push((2, title, top));
        }
        // Notes: a small label and ruled lines beside the frame.
        page.cmds.push(Cmd::Tag(Tag::Open(Role::Div)));
        page.cmds.push(Cmd::Tag(Tag::Open(Role::P)));
        page.cmds.push(Cmd::Text {
            x: notes_x,
            y: top + label_size,
            face: Face::Regular,
            size: label_size,
            color: c.muted,
            text: notes_label(lang).to_string(),
        });
        page.cmds.push(Cmd::Tag(Tag::Close));
        let mut ly = top + label_size + mm(6.0);
        while ly <= top + frame_h + 0.01 {
            page.cmds.push(Cmd::Line {
                x1: notes_x,
                y1: ly,
                x2: notes_x + notes_w,
                y2: ly,
                color: c.rule,
                width: 0.5,
                grid: false,
            });
            ly += mm(7.0);
        }
        page.cmds.push(Cmd::Tag(Tag::Close));
        page.cmds.push(Cmd::Tag(Tag::Close));
        y += pitch;
    }
    pages
}
