//! The paginator: places a flow's chunks on pages, keeping a heading with what follows,
//! avoiding orphan and widow lines, never tearing a table row and repeating a table's
//! header row on every page it continues on.

use super::layout::Chunk;

/// Where a chunk went.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ref {
    Chunk(usize),
    Header(usize),
}

/// A chunk on a page: its top (below the body top) and the gap drawn above it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub(crate) r: Ref,
    pub(crate) top: f32,
    pub(crate) gap: f32,
}

/// Places chunks on pages of `body_h` points; never returns an empty page unless there
/// is no content at all.
pub(crate) fn paginate(chunks: &[Chunk], headers: &[Chunk], body_h: f32) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut page: Vec<Placed> = Vec::new();
    let mut y = 0.0f32;
    let eps = 0.01;
    let group_h = |i: usize, gap: f32| -> f32 {
        let mut h = gap + chunks.get(i).map_or(0.0, |c| c.height);
        let mut j = i;
        while let Some(c) = chunks.get(j) {
            if !c.keep_next || h > body_h {
                break;
            }
            match chunks.get(j + 1) {
                Some(n) if !n.brk => h += n.gap + n.height,
                _ => break,
            }
            j += 1;
        }
        h
    };
    for (i, c) in chunks.iter().enumerate() {
        if c.brk {
            if !page.is_empty() {
                pages.push(std::mem::take(&mut page));
                y = 0.0;
            }
            continue;
        }
        let gap = if page.is_empty() { 0.0 } else { c.gap };
        let g = group_h(i, gap);
        let fresh = group_h(i, 0.0);
        let new_page = !page.is_empty()
            && ((y + g > body_h + eps && fresh <= body_h) || y + gap + c.height > body_h + eps);
        let gap = if new_page {
            pages.push(std::mem::take(&mut page));
            y = 0.0;
            0.0
        } else {
            gap
        };
        if page.is_empty() {
            if let Some(h) = c.repeat.and_then(|h| headers.get(h).map(|hc| (h, hc))) {
                page.push(Placed {
                    r: Ref::Header(h.0),
                    top: 0.0,
                    gap: 0.0,
                });
                y = h.1.height;
            }
        }
        page.push(Placed {
            r: Ref::Chunk(i),
            top: y + gap,
            gap: if page.is_empty() { 0.0 } else { gap },
        });
        y += gap + c.height;
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push(page);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::{paginate, Ref};
    use crate::output::pdf::layout::Chunk;

    fn chunk(height: f32, keep_next: bool) -> Chunk {
        Chunk {
            height,
            keep_next,
            ..Chunk::default()
        }
    }

    #[test]
    fn breaks_never_make_empty_pages() {
        let brk = Chunk {
            brk: true,
            ..Chunk::default()
        };
        let chunks = vec![
            brk.clone(),
            chunk(10.0, false),
            brk.clone(),
            brk.clone(),
            chunk(10.0, false),
            brk,
        ];
        let pages = paginate(&chunks, &[], 100.0);
        assert_eq!(pages.len(), 2);
        assert!(pages.iter().all(|p| !p.is_empty()));
    }

    #[test]
    fn kept_chunks_move_together_and_headers_repeat() {
        // A heading (kept with the next row) that would end page 1 moves to page 2.
        let mut chunks = vec![chunk(90.0, false), chunk(5.0, true), chunk(10.0, false)];
        let pages = paginate(&chunks, &[], 100.0);
        assert_eq!(pages.len(), 2);
        assert!(matches!(pages[1][0].r, Ref::Chunk(1)));
        // Rows of a table continue under a repeated header.
        let header = chunk(10.0, true);
        chunks = vec![header.clone()];
        for _ in 0..12 {
            chunks.push(Chunk {
                repeat: Some(0),
                ..chunk(10.0, false)
            });
        }
        let pages = paginate(&chunks, &[header], 100.0);
        assert_eq!(pages.len(), 2);
        assert!(matches!(pages[1][0].r, Ref::Header(0)));
        assert!(pages
            .iter()
            .all(|p| p.iter().all(|c| c.top + 10.0 <= 100.01)));
    }
}
