//! The paginator: places a flow's chunks on pages, keeping a heading with what follows,
//! avoiding orphan and widow lines, never tearing a table row, repeating a table's
//! header row on every page it continues on, and never ending a document on a page
//! under a fifth full when the last two pages can be balanced instead.

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
///
/// A document does not end on a page less than a fifth full when it can be avoided: the
/// page before the last then ends earlier, so the tail takes some of what precedes it (keep rules still hold: a heading moves with
/// its text, a table keeps three rows on each side of a break).
pub(crate) fn paginate(chunks: &[Chunk], headers: &[Chunk], body_h: f32) -> Vec<Vec<Placed>> {
    let pages = fill_pages(chunks, headers, body_h, None);
    balance_tail(chunks, headers, body_h, pages)
}

/// The least a document's last page holds, as a share of the page body.
pub(crate) const MIN_LAST_PAGE: f32 = 0.2;

/// How far down the page content reaches.
pub(crate) fn page_fill(page: &[Placed], chunks: &[Chunk], headers: &[Chunk]) -> f32 {
    page.iter()
        .map(|p| {
            let h = match p.r {
                Ref::Chunk(i) => chunks.get(i).map_or(0.0, |c| c.height),
                Ref::Header(i) => headers.get(i).map_or(0.0, |c| c.height),
            };
            p.top + h
        })
        .fold(0.0, f32::max)
}

/// Re-fills the last two pages when the last is under [`MIN_LAST_PAGE`] full: the page
/// before it is given less room, in steps, until a layout keeps the page count and
/// leaves neither page under the minimum. The least move that does it wins, so the page
/// before the last stays as full as it can.
fn balance_tail(
    chunks: &[Chunk],
    headers: &[Chunk],
    body_h: f32,
    pages: Vec<Vec<Placed>>,
) -> Vec<Vec<Placed>> {
    let n = pages.len();
    // Measured to the last chunk's foot; its text ends a little higher (the leading
    // below the last line), so the target is a few points more than a fifth.
    let min = body_h * MIN_LAST_PAGE + 6.0;
    let fill =
        |ps: &[Vec<Placed>], k: usize| ps.get(k).map_or(0.0, |p| page_fill(p, chunks, headers));
    if n < 2 || fill(&pages, n - 1) >= min {
        return pages;
    }
    let prev = fill(&pages, n - 2);
    let step = (body_h / 60.0).max(1.0);
    let mut limit = prev - step;
    while limit >= min {
        let cand = fill_pages(chunks, headers, body_h, Some((n - 2, limit)));
        if cand.len() == n && fill(&cand, n - 2) >= min && fill(&cand, n - 1) >= min {
            return cand;
        }
        limit -= step;
    }
    pages
}

/// The greedy fill: each page takes chunks while they fit; `limit` gives one page
/// (by index) less room than `body_h`.
fn fill_pages(
    chunks: &[Chunk],
    headers: &[Chunk],
    body_h: f32,
    limit: Option<(usize, f32)>,
) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut page: Vec<Placed> = Vec::new();
    let mut y = 0.0f32;
    let eps = 0.01;
    let room = |k: usize| match limit {
        Some((p, h)) if p == k => h.min(body_h),
        _ => body_h,
    };
    // The chunk and what it keeps with, as far as a fresh page holds: a chain longer
    // than a page breaks somewhere inside it anyway, and the part of it that fits a page
    // still moves as one (a heading never stays behind at a page's foot).
    let group_h = |i: usize, gap: f32| -> f32 {
        let mut h = chunks.get(i).map_or(0.0, |c| c.height);
        let mut j = i;
        while let Some(c) = chunks.get(j) {
            if !c.keep_next {
                break;
            }
            match chunks.get(j + 1) {
                Some(n) if !n.brk && h + n.gap + n.height <= body_h + eps => h += n.gap + n.height,
                _ => break,
            }
            j += 1;
        }
        gap + h
    };
    for (i, c) in chunks.iter().enumerate() {
        if c.brk {
            if !page.is_empty() {
                pages.push(std::mem::take(&mut page));
                y = 0.0;
            }
            continue;
        }
        let cap = room(pages.len());
        let gap = if page.is_empty() { 0.0 } else { c.gap };
        let g = group_h(i, gap);
        let fresh = group_h(i, 0.0);
        // A chunk the one before it on this page keeps with was placed with it: its
        // chain was judged at its start (it fitted, or no page holds it whole), so only
        // running out of room breaks it now. Moving it alone would strand what it is
        // kept with (a heading alone at the top of an otherwise empty page).
        let kept_with_prev = i > 0
            && matches!(page.last(), Some(Placed { r: Ref::Chunk(k), .. }) if *k + 1 == i)
            && chunks.get(i - 1).is_some_and(|p| p.keep_next);
        let new_page = !page.is_empty()
            && ((!kept_with_prev && y + g > cap + eps && fresh <= body_h)
                || y + gap + c.height > cap + eps);
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
    fn a_short_tail_takes_lines_from_the_page_before() {
        // 91 lines of 10 on pages of 100: greedy gives 10 pages, the last holding one line.
        let chunks: Vec<Chunk> = (0..91).map(|_| chunk(10.0, false)).collect();
        let pages = paginate(&chunks, &[], 100.0);
        assert_eq!(pages.len(), 10);
        let last = pages.last().map_or(0, Vec::len);
        let before = pages.get(8).map_or(0, Vec::len);
        // The least move that fills the last page past a fifth (20 + 6 points): three
        // lines.
        assert_eq!((before, last), (8, 3));
        // Every page before the last two is untouched.
        assert!(pages.iter().take(8).all(|p| p.len() == 10));
    }

    #[test]
    fn a_tail_after_a_forced_break_stays_where_it_is() {
        let mut chunks: Vec<Chunk> = (0..10).map(|_| chunk(10.0, false)).collect();
        chunks.push(Chunk {
            brk: true,
            ..Chunk::default()
        });
        chunks.push(chunk(10.0, false));
        let pages = paginate(&chunks, &[], 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].len(), 1);
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
    fn a_chain_longer_than_a_page_never_strands_its_heading() {
        // Page 1 full; then a heading, a lead-in and two table rows, each kept with the
        // next: 8 + 10 + 45 + 40 = 103, more than a page of 100, though the lead-in's own
        // chain (95) would fit one. The heading and what fits after it share page 2 (not
        // the heading alone on it), and the last row follows on page 3.
        let mut chunks = vec![
            chunk(100.0, false),
            chunk(8.0, true),
            chunk(10.0, true),
            chunk(45.0, true),
            chunk(40.0, false),
        ];
        let on = |p: &Vec<super::Placed>| {
            p.iter()
                .map(|c| match c.r {
                    Ref::Chunk(i) | Ref::Header(i) => i,
                })
                .collect::<Vec<_>>()
        };
        let pages = paginate(&chunks, &[], 100.0);
        let expected = [vec![0], vec![1, 2, 3], vec![4]];
        assert_eq!(pages.iter().map(on).collect::<Vec<_>>(), expected);
        // At a page's foot, the heading goes to the next page with as much of its chain
        // as a page holds, not alone at the foot.
        chunks[0] = chunk(70.0, false);
        let pages = paginate(&chunks, &[], 100.0);
        assert_eq!(pages.iter().map(on).collect::<Vec<_>>(), expected);
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
