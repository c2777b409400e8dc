//! Tables: column widths from content (min-content is the longest word, max-content the
//! whole text; short columns such as dates and names get their one-line width first and
//! long text columns wrap) or from `Table.widths` (yielding to a column's min-content
//! width, e.g. an e-mail address, when the table can afford it), always within the text
//! area, then moved from columns that can spare room to a column whose text makes its
//! rows far taller than the rest; fills drawn before the rules so toned cells never
//! merge; wrapped, padded cells; a header row repeated on every page; zebra stripes; a
//! cell holding one toned span filled with its tone; rows never torn across pages except
//! a row taller than a page, which is split between lines; a break leaves at least three
//! rows on each side.

use super::draw::Cmd;
use super::layout::{Chunk, Flow};
use super::tags::{Role, Tag};
use super::text::{tone_color, Base, Line, Prepared};
use crate::document::{Align, Inline, Table};
use crate::output::columns::give_surplus;
use crate::theme::Rgb;

/// A row: whether it is the header, and each cell's inlines with its tone fill.
type Row = (bool, Vec<(Vec<Inline>, Option<Rgb>)>);

struct Cell {
    lines: Vec<Line>,
    fill: Option<Rgb>,
}

/// The single tone of a cell whose content is exactly one toned span.
fn sole_tone(cell: &[Inline]) -> Option<crate::document::Tone> {
    match cell {
        [Inline::Span { tone: Some(t), .. }] => Some(*t),
        _ => None,
    }
}

/// Column widths (points) for `min`/`max` content widths in `avail` points.
///
/// `one_line` is each column's widest body cell on one line (header aside: a column
/// title may wrap at its spaces): short columns get that much first.
pub(crate) fn column_widths(
    min: &[f32],
    max: &[f32],
    one_line: &[f32],
    given: Option<&[f32]>,
    avail: f32,
    blank: &[bool],
) -> Vec<f32> {
    let n = min.len();
    if n == 0 {
        return Vec::new();
    }
    if let Some(g) = given.filter(|g| !g.is_empty()) {
        let valid: Vec<f32> = g
            .iter()
            .copied()
            .filter(|v| v.is_finite() && *v > 0.0)
            .collect();
        let mean = if valid.is_empty() {
            1.0
        } else {
            valid.iter().sum::<f32>() / valid.len() as f32
        };
        let rel: Vec<f32> = (0..n)
            .map(|i| {
                g.get(i)
                    .copied()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .unwrap_or(mean)
            })
            .collect();
        let sum: f32 = rel.iter().sum();
        let w: Vec<f32> = rel.iter().map(|r| avail * r / sum).collect();
        return give_surplus(at_least_min(w, min, avail), min, max, blank);
    }
    let capped = capped_min(min, avail);
    let min = capped.as_slice();
    let tmin: f32 = min.iter().sum();
    let tmax: f32 = max.iter().sum();
    if tmax <= avail && tmax > 0.0 {
        max.iter().map(|m| m + (avail - tmax) * m / tmax).collect()
    } else if tmin >= avail && tmin > 0.0 {
        min.iter().map(|m| m * avail / tmin).collect()
    } else if tmax > tmin {
        // Short columns (a date, a name, a number: at most a quarter of the table)
        // get their whole text on one line first, cheapest first, while the room lasts;
        // the long text columns share what is left and wrap instead.
        let mut w: Vec<f32> = min.to_vec();
        let mut room = avail - tmin;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|a, b| {
            let cost = |i: usize| {
                one_line.get(i).copied().unwrap_or(0.0) - min.get(i).copied().unwrap_or(0.0)
            };
            cost(*a).total_cmp(&cost(*b))
        });
        let mut granted = vec![false; n];
        for i in order {
            let (Some(lo), Some(body)) = (min.get(i), one_line.get(i)) else {
                continue;
            };
            let hi = body.max(*lo);
            let cost = hi - lo;
            if hi <= avail * 0.25 && cost <= room {
                if let (Some(wi), Some(g)) = (w.get_mut(i), granted.get_mut(i)) {
                    *wi = hi;
                    *g = true;
                }
                room -= cost;
            }
        }
        let rest: f32 = (0..n)
            .filter(|i| !granted.get(*i).copied().unwrap_or(true))
            .map(|i| {
                (max.get(i).copied().unwrap_or(0.0) - min.get(i).copied().unwrap_or(0.0)).max(0.0)
            })
            .sum();
        for (i, wi) in w.iter_mut().enumerate() {
            if granted.get(i).copied().unwrap_or(true) {
                continue;
            }
            let cost =
                (max.get(i).copied().unwrap_or(0.0) - min.get(i).copied().unwrap_or(0.0)).max(0.0);
            if rest > 0.0 {
                *wi += room * cost / rest;
            }
        }
        if rest <= 0.0 && room > 0.0 {
            // Every column got its whole text: spread what is left evenly.
            let share = room / n as f32;
            w.iter_mut().for_each(|x| *x += share);
        }
        w
    } else {
        vec![avail / n as f32; n]
    }
}

/// Widths `w` (summing to `avail`) adjusted so every column gets its min-content width
/// (its longest unbreakable token: an e-mail address, a long word) when the table can
/// afford it; the room comes from columns wider than their own minimum, in proportion
/// to that slack. When the minimums do not fit, they are shared in proportion.
fn at_least_min(mut w: Vec<f32>, min: &[f32], avail: f32) -> Vec<f32> {
    let capped = capped_min(min, avail);
    let min = capped.as_slice();
    let tmin: f32 = min.iter().sum();
    if tmin >= avail && tmin > 0.0 {
        return min.iter().map(|m| m * avail / tmin).collect();
    }
    let deficit: f32 = w.iter().zip(min).map(|(a, m)| (m - a).max(0.0)).sum();
    if deficit <= 0.0 {
        return w;
    }
    let slack: f32 = w.iter().zip(min).map(|(a, m)| (a - m).max(0.0)).sum();
    if slack <= 0.0 {
        return w;
    }
    let k = (deficit / slack).min(1.0);
    for (a, m) in w.iter_mut().zip(min) {
        if *a < *m {
            *a = *m;
        } else {
            *a -= (*a - m) * k;
        }
    }
    w
}

/// The most cells a table may have for [`balance`] to run: a longer table (a portfolio
/// report of a thousand engagements) keeps the widths it was given.
const BALANCE_MAX_CELLS: usize = 4000;

/// Widths `w` (summing to `avail`) moved, a step at a time, from columns that can spare
/// them to the column whose cells make their rows taller than any other: a long note
/// squeezed by its given width into a tall strip takes the room of a service name that
/// may wrap where its row is tall anyway. Each step takes from the column that leaves
/// the table shortest (most room to spare on a tie), never below its `floor` (its
/// longest word; a status label whole; a short column's whole text when the widths come
/// from content), never from a blank column (room to write in by hand); steps stop when
/// none makes the table shorter. The widths are kept only when they save at least two
/// lines and a tenth of the table's height: a table that is about right keeps the widths
/// its template gave.
///
/// `count(column, row, width)` is how many lines the cell takes in a column that wide.
fn balance(
    count: impl Fn(usize, usize, f32) -> u32,
    rows: usize,
    mut w: Vec<f32>,
    floor: &[f32],
    blank: &[bool],
    avail: f32,
) -> Vec<f32> {
    let ncols = w.len();
    if ncols < 2 || rows == 0 || rows * ncols > BALANCE_MAX_CELLS {
        return w;
    }
    let column =
        |c: usize, width: f32| -> Vec<u32> { (0..rows).map(|r| count(c, r, width)).collect() };
    let mut lines: Vec<Vec<u32>> = w.iter().enumerate().map(|(c, x)| column(c, *x)).collect();
    let at = |lines: &[Vec<u32>], c: usize, r: usize| {
        lines.get(c).and_then(|l| l.get(r)).copied().unwrap_or(1)
    };
    // Each row's three tallest cells, (lines, column) tallest first: the row's height
    // with any two columns changed is found among them.
    let top3 = |lines: &[Vec<u32>], r: usize| -> [(u32, usize); 3] {
        let mut t = [(0u32, usize::MAX); 3];
        for c in 0..ncols {
            let l = at(lines, c, r);
            if l > t[2].0 {
                t[2] = (l, c);
                t.sort_by_key(|x| std::cmp::Reverse(x.0));
            }
        }
        t
    };
    let height =
        |lines: &[Vec<u32>]| -> u32 { (0..rows).map(|r| top3(lines, r)[0].0.max(1)).sum() };
    let h0 = height(&lines);
    let worth = (h0 / 10).max(2);
    // No width moved between columns shortens a row by more than its tallest cell's
    // lines above the second tallest, nor by more than that cell loses in a column
    // given all the room the others can spare.
    let spare: Vec<f32> = (0..ncols)
        .map(|c| match (w.get(c), floor.get(c)) {
            (Some(x), Some(f)) if !blank.get(c).copied().unwrap_or(false) => (x - f).max(0.0),
            _ => 0.0,
        })
        .collect();
    let all_spare: f32 = spare.iter().sum();
    let bound: u32 = (0..rows)
        .map(|r| {
            let [(first, d), (second, _), _] = top3(&lines, r);
            if first <= second {
                return 0;
            }
            let widest =
                w.get(d).copied().unwrap_or(0.0) + all_spare - spare.get(d).copied().unwrap_or(0.0);
            first - count(d, r, widest).clamp(second, first)
        })
        .sum();
    if bound < worth {
        return w;
    }
    let given = w.clone();
    let steps = [avail / 64.0, avail / 32.0, avail / 16.0];
    // Each column's lines at its width narrowed or widened by each step, computed when
    // first needed and again once its width changes.
    let mut narrowed: Vec<[Option<Vec<u32>>; 3]> = vec![Default::default(); ncols];
    let mut widened: Vec<[Option<Vec<u32>>; 3]> = vec![Default::default(); ncols];
    for _ in 0..48 {
        let tops: Vec<[(u32, usize); 3]> = (0..rows).map(|r| top3(&lines, r)).collect();
        let h: u32 = tops.iter().map(|t| t[0].0.max(1)).sum();
        // The receiver: the column with the most lines above every other cell of its rows.
        let mut excess = vec![0u32; ncols];
        for t in &tops {
            if let Some(x) = excess.get_mut(t[0].1).filter(|_| t[0].0 > t[1].0) {
                *x += t[0].0 - t[1].0;
            }
        }
        let Some(d) = (0..ncols)
            .filter(|c| excess.get(*c).is_some_and(|e| *e > 0))
            .max_by(|a, b| excess.get(*a).cmp(&excess.get(*b)).then(b.cmp(a)))
        else {
            break;
        };
        let d_lines: u32 = lines.get(d).map_or(0, |l| l.iter().sum());
        let wd = w.get(d).copied().unwrap_or(0.0);
        // The best move: (height, receiver's lines, spare room given up, donor, step).
        let mut best: Option<(u32, u32, f32, usize, usize)> = None;
        for (k, amount) in steps.iter().enumerate() {
            let Some(slot) = widened.get_mut(d).and_then(|s| s.get_mut(k)) else {
                continue;
            };
            let gained = slot.get_or_insert_with(|| column(d, wd + amount)).clone();
            let gained_sum: u32 = gained.iter().sum();
            for c in 0..ncols {
                let (Some(wc), Some(fc)) = (w.get(c).copied(), floor.get(c).copied()) else {
                    continue;
                };
                if c == d || blank.get(c).copied().unwrap_or(false) || wc - amount < fc - 0.01 {
                    continue;
                }
                let Some(slot) = narrowed.get_mut(c).and_then(|s| s.get_mut(k)) else {
                    continue;
                };
                let lost = slot.get_or_insert_with(|| column(c, wc - amount));
                let h2: u32 = tops
                    .iter()
                    .enumerate()
                    .map(|(r, t)| {
                        let rest = t
                            .iter()
                            .find(|(_, k)| *k != d && *k != c)
                            .map_or(0, |x| x.0);
                        let g = gained.get(r).copied().unwrap_or(1);
                        let l = lost.get(r).copied().unwrap_or(1);
                        rest.max(g).max(l).max(1)
                    })
                    .sum();
                if h2 > h || (h2 == h && gained_sum >= d_lines) {
                    continue;
                }
                // Most room to spare first: its negation sorts least.
                let room = -(wc - fc);
                let better = best.as_ref().is_none_or(|(bh, bd, br, ..)| {
                    (h2, gained_sum)
                        .cmp(&(*bh, *bd))
                        .then(room.total_cmp(br))
                        .is_lt()
                });
                if better {
                    best = Some((h2, gained_sum, room, c, k));
                }
            }
            if best.is_some() {
                break;
            }
        }
        let Some((_, _, _, c, k)) = best else {
            break;
        };
        let amount = steps.get(k).copied().unwrap_or(0.0);
        let gained = widened
            .get_mut(d)
            .and_then(|s| s.get_mut(k))
            .and_then(Option::take);
        let lost = narrowed
            .get_mut(c)
            .and_then(|s| s.get_mut(k))
            .and_then(Option::take);
        for (col, by, now) in [(d, amount, gained), (c, -amount, lost)] {
            if let (Some(x), Some(y), Some(m)) = (w.get_mut(col), lines.get_mut(col), now) {
                *x += by;
                *y = m;
            }
            for cache in [&mut narrowed, &mut widened] {
                if let Some(s) = cache.get_mut(col) {
                    *s = Default::default();
                }
            }
        }
    }
    if height(&lines) + worth > h0 {
        return given;
    }
    w
}

/// Min-content widths, with any token wider than half the table counted as half the
/// table when the minimums do not fit side by side: such a token (a 5000-letter word)
/// is cut anyway, and it must not starve the other columns.
fn capped_min(min: &[f32], avail: f32) -> Vec<f32> {
    let tmin: f32 = min.iter().sum();
    if tmin <= avail {
        return min.to_vec();
    }
    min.iter().map(|m| m.min(avail * 0.5)).collect()
}

/// Prepares every cell at `size` and sizes the columns: the prepared cells, the column
/// widths, and how much smaller the text would have to be for every word to fit.
fn measure<'a>(
    flow: &Flow<'a>,
    prepared_rows: &[Row],
    ncols: usize,
    given: Option<&[f32]>,
    w: f32,
    size: f32,
    leading: f32,
) -> (Vec<Vec<Prepared<'a>>>, Vec<f32>, f32) {
    let (fonts, colors, lang) = (flow.fonts, &flow.theme.colors, flow.lang);
    let pad_x = size * 0.5;
    let base = |head: bool| Base {
        size,
        color: if head {
            colors.table_header_text
        } else {
            colors.text
        },
        bold: head,
        italic: false,
        leading,
    };
    let preps: Vec<Vec<Prepared>> = prepared_rows
        .iter()
        .map(|(head, cells)| {
            cells
                .iter()
                .map(|(inl, _)| {
                    Prepared::new(fonts, flow.paragraphs, colors, inl, base(*head)).lang(lang)
                })
                .collect()
        })
        .collect();
    let mut min = vec![0.0f32; ncols];
    let mut max = vec![0.0f32; ncols];
    let mut one_line = vec![0.0f32; ncols];
    // Each cell's width on one line, when it has no line break of its own: it takes one
    // line in any column at least that wide.
    let mut single: Vec<Vec<Option<f32>>> = Vec::with_capacity(preps.len());
    for (row, (head, cells)) in preps.iter().zip(prepared_rows) {
        let mut widths = Vec::with_capacity(row.len());
        for (c, p) in row.iter().enumerate() {
            let (a, b) = p.min_max();
            widths.push((!p.has_line_break()).then_some(b));
            // A status cell ("In progress", filled with its tone) is a label: its
            // narrowest width is the whole label, never one word of it.
            let a = if cells.get(c).is_some_and(|(_, fill)| fill.is_some()) {
                b
            } else {
                a
            };
            if let (Some(m), Some(n), Some(o)) =
                (min.get_mut(c), max.get_mut(c), one_line.get_mut(c))
            {
                *m = m.max(a + 2.0 * pad_x);
                *n = n.max(b + 2.0 * pad_x);
                if !*head {
                    *o = o.max(b + 2.0 * pad_x);
                }
            }
        }
        single.push(widths);
    }
    let blank: Vec<bool> = (0..ncols)
        .map(|c| {
            prepared_rows
                .iter()
                .filter(|(head, _)| !head)
                .all(|(_, cells)| {
                    cells.get(c).is_none_or(|(inl, _)| {
                        crate::document::text_pieces(inl).all(|t| t.trim().is_empty())
                    })
                })
        })
        .collect();
    let widths = column_widths(&min, &max, &one_line, given, w, &blank);
    // Widths from content keep a short column (a date, a name) on one line; given
    // widths let it wrap, down to its longest word, where its row is tall anyway.
    let floor: Vec<f32> = if given.is_some_and(|g| !g.is_empty()) {
        min.clone()
    } else {
        min.iter()
            .zip(&one_line)
            .map(|(m, o)| if *o <= w * 0.25 { m.max(*o) } else { *m })
            .collect()
    };
    let widths = balance(
        |c, r, cw| {
            let inner = cw - 2.0 * pad_x;
            match single.get(r).and_then(|row| row.get(c)) {
                Some(Some(one)) if *one <= inner + 0.01 => 1,
                _ => preps
                    .get(r)
                    .and_then(|row| row.get(c))
                    .map_or(1, |p| p.line_count(inner) as u32),
            }
        },
        preps.len(),
        widths,
        &floor,
        &blank,
        w,
    );
    // How much smaller the text must be for every word to fit its column. A token
    // wider than half the table (a pasted URL, a 60-letter word) is broken wherever it
    // must and is left out: it would shrink the whole table and still not fit.
    let fit = min
        .iter()
        .zip(&widths)
        .filter(|(m, _)| **m <= w * 0.5)
        .map(|(m, cw)| if *m > 0.0 { cw / m } else { 1.0 })
        .fold(1.0f32, f32::min);
    (preps, widths, fit)
}

/// Shortens every word of `cell` wider than `max_w` to the prefix that fits with a
/// full stop ("Conscientização" to "Conscien."), the way a printed table abbreviates a
/// column title.
fn abbreviate(cell: &mut [Inline], face: &super::fonts::FontFace, size: f32, max_w: f32) {
    for inl in cell.iter_mut() {
        if let Inline::Span { text, .. } = inl {
            let words: Vec<String> = text
                .split(' ')
                .map(|word| {
                    if face.width(word, size) <= max_w {
                        return word.to_string();
                    }
                    let mut out = String::new();
                    for c in word.chars() {
                        let mut next = out.clone();
                        next.push(c);
                        next.push('.');
                        if face.width(&next, size) > max_w && !out.is_empty() {
                            break;
                        }
                        out.push(c);
                    }
                    out.push('.');
                    out
                })
                .collect();
            *text = words.join(" ");
        }
    }
}

/// Lays out `t` as row chunks in `flow`.
pub(crate) fn table(flow: &mut Flow, t: &Table, x: f32, w: f32) {
    let ncols = t
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(t.header.len()))
        .max()
        .unwrap_or(0);
    if ncols == 0 {
        return;
    }
    let theme = flow.theme;
    let colors = &theme.colors;
    let dense = flow.dense_tables;
    let base_size = flow.sizes.table * if dense { 0.82 } else { 1.0 };
    let leading = if dense { 1.2 } else { 1.3 };
    let empty: Vec<Inline> = Vec::new();
    let has_header = t.header.iter().any(|c| !c.is_empty());
    // Cells of a sole tone are drawn as a filled cell without a badge.
    let untoned = |cell: &[Inline]| -> Vec<Inline> {
        cell.iter()
            .map(|i| match i {
                Inline::Span {
                    text, style, link, ..
                } => Inline::Span {
                    text: text.clone(),
                    style: *style,
                    link: link.clone(),
                    tone: None,
                },
                other => other.clone(),
            })
            .collect()
    };
    let mut prepared_rows: Vec<Row> = {
        let mut v = Vec::new();
        if has_header {
            v.push((
                true,
                (0..ncols)
                    .map(|c| (t.header.get(c).unwrap_or(&empty).clone(), None))
                    .collect(),
            ));
        }
        for row in &t.rows {
            v.push((
                false,
                (0..ncols)
                    .map(|c| {
                        let cell = row.get(c).unwrap_or(&empty);
                        match sole_tone(cell) {
                            Some(tone) => (untoned(cell), Some(tone_color(colors, tone))),
                            None => (cell.clone(), None),
                        }
                    })
                    .collect(),
            ));
        }
        v
    };
    let fonts = flow.fonts;
    let given = t.widths.as_deref();
    // Words that cannot fit side by side are set smaller (down to 70% of the table
    // size) before any word is cut.
    let mut size = base_size;
    let (mut preps, mut widths, mut fit) =
        measure(flow, &prepared_rows, ncols, given, w, size, leading);
    for _ in 0..3 {
        if !flow.shrink_tables || fit >= 0.999 || size <= base_size * 0.7 + 0.01 {
            break;
        }
        size = (size * fit * 0.995).max(base_size * 0.7);
        (preps, widths, fit) = measure(flow, &prepared_rows, ncols, given, w, size, leading);
    }
    let (preps, widths, fit) = if fit < 0.999 && flow.abbreviate && has_header {
        let pad = size * 0.5;
        let bold = fonts.face(super::fonts::Face::Bold);
        if let Some((_, head)) = prepared_rows.first_mut() {
            for ((cell, _), cw) in head.iter_mut().zip(&widths) {
                abbreviate(cell, bold, size, cw - 2.0 * pad);
            }
        }
        measure(flow, &prepared_rows, ncols, given, w, size, leading)
    } else {
        (preps, widths, fit)
    };
    if fit < 0.999 {
        flow.words_cut = true;
    }
    let pad_x = size * 0.5;
    let pad_y = size * if dense { 0.2 } else { 0.32 };
    let mut xs = Vec::with_capacity(ncols + 1);
    let mut acc = x;
    xs.push(acc);
    for cw in &widths {
        acc += cw;
        xs.push(acc);
    }
    let line_h = size * leading;
    let mut header_idx = None;
    let mut header_h = 0.0;
    let nbody = t.rows.len();
    let mut body_i = 0usize;
    for ((head, cells), prep) in prepared_rows.iter().zip(&preps) {
        let fill_row = if *head {
            Some(colors.table_header)
        } else if body_i % 2 == 1 {
            Some(colors.stripe)
        } else {
            None
        };
        let mut cells: Vec<Cell> = cells
            .iter()
            .zip(prep)
            .enumerate()
            .map(|(c, ((_, tone_fill), p))| {
                let cw = widths.get(c).copied().unwrap_or(0.0);
                let align = t.align.get(c).copied().unwrap_or(Align::Left);
                Cell {
                    lines: p.lines(colors, cw - 2.0 * pad_x, align),
                    fill: *tone_fill,
                }
            })
            .collect();
        // A row taller than a page is cut between lines; any other row is one chunk.
        let budget = (flow.max_h - header_h - 2.0 * pad_y - 2.0).max(line_h);
        let mut starts = vec![0usize; cells.len()];
        let mut first_seg = true;
        loop {
            let mut seg: Vec<(usize, usize)> = Vec::with_capacity(cells.len());
            let mut seg_h: f32 = 0.0;
            for (cell, s) in cells.iter().zip(&starts) {
                let mut h = 0.0;
                let mut e = *s;
                while let Some(l) = cell.lines.get(e) {
                    if e > *s && h + l.height > budget {
                        break;
                    }
                    h += l.height;
                    e += 1;
                }
                seg_h = seg_h.max(h);
                seg.push((*s, e));
            }
            let height = seg_h.max(line_h) + 2.0 * pad_y;
            let mut cmds = Vec::new();
            if let Some(f) = fill_row {
                cmds.push(Cmd::Rect {
                    x,
                    y: 0.0,
                    w: acc - x,
                    h: height,
                    fill: Some(f),
                    stroke: None,
                    radius: 0.0,
                });
            }
            for (c, (cell, (s, e))) in cells.iter_mut().zip(&seg).enumerate() {
                let cx = xs.get(c).copied().unwrap_or(x);
                let cw = widths.get(c).copied().unwrap_or(0.0);
                if let Some(f) = cell.fill {
                    // Inset by half the rule width: the fill stays inside its grid lines.
                    cmds.push(Cmd::Rect {
                        x: cx + 0.25,
                        y: 0.25,
                        w: (cw - 0.5).max(0.0),
                        h: (height - 0.5).max(0.0),
                        fill: Some(f),
                        stroke: None,
                        radius: 0.0,
                    });
                }
                // A cell continued from the page before is the same element again.
                cmds.push(Cmd::Tag(if first_seg {
                    Tag::Open(match (t.row_headers, *head, c) {
                        (true, _, 0) => Role::RowHeader,
                        (true, _, _) => Role::TD,
                        (false, true, _) => Role::TH,
                        (false, false, _) => Role::TD,
                    })
                } else {
                    Tag::Reopen(c)
                }));
                let mut y = pad_y;
                // Each line is drawn once: its commands are moved, not copied.
                for l in cell.lines.get_mut(*s..*e).unwrap_or(&mut []) {
                    let line = std::mem::take(&mut l.cmds);
                    cmds.extend(line.into_iter().map(|k| k.shifted(cx + pad_x, y)));
                    y += l.height;
                }
                cmds.push(Cmd::Tag(Tag::Close));
            }
            let rule = colors.rule;
            // Every row gives the rules around it; the page draws them after its other
            // content (no fill covers the rule between two rows: adjacent toned cells
            // stay apart), each once, a column's rule from the top of the table's part
            // on the page to its bottom.
            for y in [0.0, height] {
                cmds.push(Cmd::Line {
                    x1: x,
                    y1: y,
                    x2: acc,
                    y2: y,
                    color: rule,
                    width: 0.5,
                    grid: true,
                });
            }
            for cx in &xs {
                cmds.push(Cmd::Line {
                    x1: *cx,
                    y1: 0.0,
                    x2: *cx,
                    y2: height,
                    color: rule,
                    width: 0.5,
                    grid: true,
                });
            }
            for (s, (_, e)) in starts.iter_mut().zip(&seg) {
                *s = *e;
            }
            let done = cells
                .iter()
                .zip(&starts)
                .all(|(cell, s)| *s >= cell.lines.len());
            // A break leaves at least three body rows on each side (a table of up to
            // five rows is never split): the first three and the last three rows hold
            // together.
            let keep_next = if *head {
                true
            } else {
                !done || (body_i + 1 < nbody && (body_i < 2 || body_i + 3 >= nbody))
            };
            // Structure: THead / TBody, one TR per row (opened in its first piece and
            // closed in its last).
            // A table of row headers has no THead: its first row is data in the TBody.
            let mut open = Vec::new();
            if first_seg {
                if *head && !t.row_headers {
                    open.push(Tag::Open(Role::THead));
                } else if (*head && t.row_headers) || (body_i == 0 && !t.row_headers) {
                    open.push(Tag::Open(Role::TBody));
                }
                open.push(Tag::Open(Role::TR));
            }
            cmds.splice(0..0, open.into_iter().map(Cmd::Tag));
            if done {
                cmds.push(Cmd::Tag(Tag::Close));
                let group_ends = match (*head, t.row_headers) {
                    (true, false) => true,
                    (true, true) => nbody == 0,
                    (false, _) => body_i + 1 == nbody,
                };
                if group_ends {
                    cmds.push(Cmd::Tag(Tag::Close));
                }
            }
            let chunk = Chunk {
                height,
                cmds,
                keep_next: keep_next && (done || first_seg),
                repeat: if *head { None } else { header_idx },
                ..Chunk::default()
            };
            if *head {
                header_h = height;
                flow.headers.push(chunk.clone());
                header_idx = Some(flow.headers.len() - 1);
            }
            flow.push(chunk);
            first_seg = false;
            if done {
                break;
            }
        }
        if !*head {
            body_i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{balance, column_widths};

    #[test]
    fn widths_never_exceed_the_area() {
        let w = column_widths(
            &[50.0, 80.0],
            &[400.0, 900.0],
            &[400.0, 900.0],
            None,
            300.0,
            &[],
        );
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
        assert!(w[0] >= 50.0 && w[1] >= 80.0);
        let w = column_widths(
            &[300.0, 300.0],
            &[400.0, 900.0],
            &[400.0, 900.0],
            None,
            300.0,
            &[],
        );
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
    }

    #[test]
    fn short_columns_stay_on_one_line_and_long_text_wraps() {
        // A date (min 30, 60 on one line, a 90-point title) and a long name (min 60,
        // max 400) in 300 points: the date gets its 60, the name the rest.
        let w = column_widths(
            &[30.0, 60.0],
            &[90.0, 400.0],
            &[60.0, 400.0],
            None,
            300.0,
            &[],
        );
        assert!((w[0] - 60.0).abs() < 0.01, "{w:?}");
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
    }

    #[test]
    fn short_tables_grow_to_full_width_by_content() {
        let w = column_widths(
            &[10.0, 10.0],
            &[20.0, 60.0],
            &[20.0, 60.0],
            None,
            160.0,
            &[],
        );
        assert!((w[0] - 40.0).abs() < 0.01 && (w[1] - 120.0).abs() < 0.01);
    }

    #[test]
    fn given_widths_are_relative() {
        let w = column_widths(
            &[1.0; 3],
            &[1.0; 3],
            &[1.0; 3],
            Some(&[3.0, 2.0]),
            120.0,
            &[],
        );
        assert!((w[0] - 48.0).abs() < 0.01);
        assert!((w[1] - 32.0).abs() < 0.01);
        assert!((w[2] - 40.0).abs() < 0.01);
    }

    #[test]
    fn given_widths_yield_to_a_long_token_when_affordable() {
        // The third column holds an e-mail address 70 pt wide: it gets its 70 pt, the
        // other columns give up their slack.
        let w = column_widths(
            &[10.0, 10.0, 70.0],
            &[90.0, 90.0, 70.0],
            &[90.0, 90.0, 70.0],
            Some(&[1.0, 1.0, 1.0]),
            150.0,
            &[],
        );
        assert!((w.iter().sum::<f32>() - 150.0).abs() < 0.01);
        assert!(w[2] >= 69.99, "{w:?}");
        assert!(w[0] >= 10.0 && w[1] >= 10.0);
    }

    #[test]
    fn given_widths_give_what_a_short_column_does_not_need_to_a_wrapping_one() {
        // Equal shares of 300: a status column whose text is 60 wide on one line and
        // a notes column of 900 wide text. The status column keeps 60, notes get 240.
        let w = column_widths(
            &[40.0, 50.0],
            &[60.0, 900.0],
            &[60.0, 900.0],
            Some(&[1.0, 1.0]),
            300.0,
            &[],
        );
        assert!((w[0] - 60.0).abs() < 0.01, "{w:?}");
        assert!((w[1] - 240.0).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn a_wrapping_column_takes_what_it_needs_and_the_rest_goes_back_in_proportion() {
        // Eight equal shares of 400 (50 each): seven figures 20 wide on one line and a
        // header 80 wide. The header's column gets its 80; the 210 the others do not
        // need, less the 30 it took, goes back to all eight alike.
        let mut max = vec![20.0; 8];
        max[5] = 80.0;
        let w = column_widths(&[10.0; 8], &max, &[20.0; 8], Some(&[1.0; 8]), 400.0, &[]);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01, "{w:?}");
        let share = (400.0 - 7.0 * 20.0 - 80.0) / 8.0;
        assert!((w[5] - (80.0 + share)).abs() < 0.01, "{w:?}");
        assert!((w[0] - (20.0 + share)).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn given_widths_unchanged_when_minimums_fit() {
        let w = column_widths(
            &[1.0; 3],
            &[1.0; 3],
            &[1.0; 3],
            Some(&[3.0, 2.0]),
            120.0,
            &[],
        );
        assert!((w[0] - 48.0).abs() < 0.01);
        assert!((w[1] - 32.0).abs() < 0.01);
        assert!((w[2] - 40.0).abs() < 0.01);
    }

    /// Lines of cells of text `text[row][col]` points long, in a column `w` wide: one
    /// per `w` of text, at least one (words are taken as infinitely divisible).
    fn lines_of(text: &[Vec<f32>]) -> impl Fn(usize, usize, f32) -> u32 + '_ {
        |c, r, w| {
            let t = text[r][c];
            ((t / w).ceil() as u32).max(1)
        }
    }

    fn height(text: &[Vec<f32>], w: &[f32]) -> u32 {
        let count = lines_of(text);
        (0..text.len())
            .map(|r| (0..w.len()).map(|c| count(c, r, w[c])).max().unwrap_or(1))
            .sum()
    }

    #[test]
    fn a_squeezed_notes_column_takes_room_from_short_columns() {
        // A service name, two status labels and a long note in 400 points, given 100
        // each: the note takes 20 lines beside one-line labels.
        let text = vec![vec![60.0, 50.0, 50.0, 2000.0], vec![70.0, 55.0, 50.0, 0.0]];
        let floor = [40.0, 60.0, 60.0, 30.0];
        let given = vec![100.0; 4];
        let w = balance(
            lines_of(&text),
            2,
            given.clone(),
            &floor,
            &[false; 4],
            400.0,
        );
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01, "{w:?}");
        assert!(w.iter().zip(&floor).all(|(x, f)| *x >= f - 0.01), "{w:?}");
        assert!(w[3] > 150.0, "the note widens: {w:?}");
        assert!(height(&text, &w) + 4 <= height(&text, &given), "{w:?}");
        // The service name wraps where its row is tall anyway, never making it taller.
        assert!(w[0] < 100.0, "{w:?}");
    }

    #[test]
    fn a_blank_column_keeps_its_room_to_write_in() {
        let text = vec![vec![50.0, 0.0, 2000.0], vec![50.0, 0.0, 40.0]];
        let floor = [40.0, 30.0, 30.0];
        let w = balance(
            lines_of(&text),
            2,
            vec![100.0; 3],
            &floor,
            &[false, true, false],
            300.0,
        );
        assert_eq!(w[1], 100.0);
        assert!(w[2] > 100.0 && w[0] >= 40.0, "{w:?}");
    }

    #[test]
    fn a_table_about_right_keeps_its_given_widths() {
        // Every row one or two lines: moving room would save one line of nine.
        let text = vec![
            vec![150.0, 50.0, 50.0],
            vec![80.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
            vec![90.0, 50.0, 50.0],
        ];
        let given = vec![100.0, 100.0, 100.0];
        let w = balance(
            lines_of(&text),
            8,
            given.clone(),
            &[10.0; 3],
            &[false; 3],
            300.0,
        );
        assert_eq!(w, given);
        // Nor does a table whose tall cell cannot lose a line with all the room there is.
        let text = vec![vec![1000.0, 50.0, 50.0], vec![1000.0, 50.0, 50.0]];
        let w = balance(
            lines_of(&text),
            2,
            given.clone(),
            &[10.0, 90.0, 90.0],
            &[false; 3],
            300.0,
        );
        assert_eq!(w, given);
    }
}
