//! Paragraphs measured once per run ([`super::super::memo`]): flattening a paragraph's
//! inlines, shaping its pieces and finding its break opportunities is done once for
//! each paragraph a batch repeats.

use super::{Base, Measured};
use crate::document::Inline;
use crate::output::pdf::memo::Memo;
use crate::theme::Rgb;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The most the kept paragraphs may hold, in bytes.
const BUDGET: usize = 48 << 20;

/// What a paragraph's measure depends on besides its inlines (and the writer's fonts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Style {
    size: u32,
    leading: u32,
    color: Rgb,
    link: Rgb,
    bold: bool,
    italic: bool,
}

/// The paragraphs one writer has measured.
pub(crate) struct Paragraphs(Memo<(Box<[Inline]>, Style), Measured>);

impl Default for Paragraphs {
    fn default() -> Paragraphs {
        Paragraphs(Memo::new(BUDGET))
    }
}

impl Paragraphs {
    /// The measure of `inlines` in `base` (links drawn in `link`): found, or made by
    /// `measure`.
    pub(in crate::output::pdf) fn get_or_measure(
        &self,
        inlines: &[Inline],
        base: Base,
        link: Rgb,
        measure: impl FnOnce() -> Measured,
    ) -> Arc<Measured> {
        let style = Style {
            size: base.size.to_bits(),
            leading: base.leading.to_bits(),
            color: base.color,
            link,
            bold: base.bold,
            italic: base.italic,
        };
        let mut h = FxHasher::default();
        style.hash(&mut h);
        inlines.hash(&mut h);
        self.0.get_or_make(
            h.finish(),
            |(i, s)| *s == style && **i == *inlines,
            measure,
            |m| {
                let bytes = m.bytes() + inlines.iter().map(inline_bytes).sum::<usize>();
                (((*inlines).into(), style), bytes)
            },
        )
    }
}

fn inline_bytes(i: &Inline) -> usize {
    std::mem::size_of::<Inline>()
        + match i {
            Inline::Span { text, link, .. } => text.len() + link.as_ref().map_or(0, String::len),
            _ => 0,
        }
}
