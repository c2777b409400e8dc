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
const BUDGET: usize = 24 << 20;

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

#[cfg(test)]
mod tests {
    use super::super::{Base, Prepared};
    use super::Paragraphs;
    use crate::document::{Inline, Style};
    use crate::output::pdf::fonts::FontSet;
    use crate::template::Assets;
    use crate::theme::{Rgb, Theme};
    use std::sync::Arc;

    fn base(size: f32, bold: bool) -> Base {
        Base {
            size,
            color: Rgb(0, 0, 0),
            bold,
            italic: false,
            leading: 1.4,
        }
    }

    #[test]
    fn a_paragraph_is_found_again_only_with_its_own_inlines_and_style() {
        let theme = Theme::default();
        let fonts = FontSet::load(&theme, &Assets::default()).expect("fonts");
        let paragraphs = Paragraphs::default();
        let colors = &theme.colors;
        let text = [Inline::text("Success Plan")];
        let get =
            |inlines: &[Inline], b: Base| Prepared::new(&fonts, &paragraphs, colors, inlines, b).m;
        // Made twice (seen, then kept), then found: the same measure.
        let first = get(&text, base(10.0, false));
        let second = get(&text, base(10.0, false));
        let third = get(&text, base(10.0, false));
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(&second, &third));
        assert_eq!(first.upto, third.upto);
        // Another size, weight or style of the same text is another paragraph.
        for (inlines, b) in [
            (text.to_vec(), base(12.0, false)),
            (text.to_vec(), base(10.0, true)),
            (
                vec![Inline::Span {
                    text: "Success Plan".into(),
                    style: Style {
                        italic: true,
                        ..Style::default()
                    },
                    link: None,
                    tone: None,
                }],
                base(10.0, false),
            ),
        ] {
            let _ = get(&inlines, b);
            let kept = get(&inlines, b);
            assert!(!Arc::ptr_eq(&kept, &third));
            let faces = |m: &super::Measured| m.pieces.iter().map(|p| p.face).collect::<Vec<_>>();
            assert!(
                kept.upto != third.upto || faces(&kept) != faces(&third),
                "{inlines:?} {b:?}"
            );
            assert!(Arc::ptr_eq(&kept, &get(&inlines, b)));
        }
    }
}
