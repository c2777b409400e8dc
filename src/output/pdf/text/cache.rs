//! Paragraphs kept for the rest of a run ([`super::super::memo`]): a paragraph a batch
//! repeats is flattened, shaped and broken into segments twice (the second time it is
//! kept), then found.

use super::{Base, Measured};
use crate::document::Inline;
use crate::output::memo::Memo;
use crate::output::pdf::fonts::FontSet;
use crate::theme::Rgb;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The most the kept paragraphs may hold, in bytes.
const BUDGET: usize = 24 << 20;

/// What a paragraph's measure depends on besides its inlines and the writer's fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct StyleKey {
    size: u32,
    leading: u32,
    color: Rgb,
    link: Rgb,
    bold: bool,
    italic: bool,
}

/// The paragraphs one writer has measured with its fonts.
pub(crate) struct Paragraphs(Memo<(Box<[Inline]>, StyleKey), Measured>);

impl Default for Paragraphs {
    fn default() -> Paragraphs {
        Paragraphs(Memo::new(BUDGET))
    }
}

impl Paragraphs {
    /// The measure of `inlines` in `base` with `fonts` (the writer's, the only ones this
    /// cache is used with), links drawn in `link`: found, or measured now.
    pub(in crate::output::pdf) fn get_or_measure(
        &self,
        fonts: &FontSet,
        link: Rgb,
        inlines: &[Inline],
        base: Base,
    ) -> Arc<Measured> {
        let style = StyleKey {
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
            || Measured::new(fonts, link, inlines, base),
            |m| {
                let bytes = m.bytes() + inlines.iter().map(inline_bytes).sum::<usize>();
                (((*inlines).into(), style), bytes)
            },
        )
    }
}

/// About the bytes a kept copy of an inline holds.
fn inline_bytes(i: &Inline) -> usize {
    std::mem::size_of::<Inline>()
        + match i {
            Inline::Span { text, link, .. } => text.len() + link.as_ref().map_or(0, String::len),
            _ => 0,
        }
}

#[cfg(test)]
mod tests {
    use super::super::{Base, Measured, Prepared};
    use super::Paragraphs;
    use crate::document::{Inline, Style};
    use crate::output::pdf::fonts::FontSet;
    use crate::template::Assets;
    use crate::theme::{Colors, Rgb, Theme};
    use std::sync::Arc;

    fn base() -> Base {
        Base {
            size: 10.0,
            color: Rgb(0, 0, 0),
            bold: false,
            italic: false,
            leading: 1.4,
        }
    }

    #[test]
    fn a_paragraph_is_found_again_only_with_its_own_inlines_and_style() {
        let theme = Theme::default();
        let fonts = FontSet::load(&theme, &Assets::default()).expect("fonts");
        let paragraphs = Paragraphs::default();
        let get = |colors: &Colors, inlines: &[Inline], b: Base| -> Arc<Measured> {
            Prepared::new(&fonts, &paragraphs, colors, inlines, b).m
        };
        let colors = &theme.colors;
        let text = [Inline::Span {
            text: "Success Plan".into(),
            style: Style::default(),
            link: Some("https://example.com".into()),
            tone: None,
        }];
        // Made twice (seen, then kept), then found: the same measure.
        let first = get(colors, &text, base());
        let second = get(colors, &text, base());
        let third = get(colors, &text, base());
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(&second, &third));
        assert_eq!(first.upto, third.upto);
        // The same text in another size, weight, style, leading, colour or link colour
        // is another paragraph, kept on its own.
        let italic = [Inline::Span {
            text: "Success Plan".into(),
            style: Style {
                italic: true,
                ..Style::default()
            },
            link: Some("https://example.com".into()),
            tone: None,
        }];
        let other_link = Colors {
            link: Rgb(200, 0, 0),
            ..*colors
        };
        let cases: [(&Colors, &[Inline], Base); 6] = [
            (
                colors,
                &text,
                Base {
                    size: 12.0,
                    ..base()
                },
            ),
            (
                colors,
                &text,
                Base {
                    bold: true,
                    ..base()
                },
            ),
            (colors, &italic, base()),
            (
                colors,
                &text,
                Base {
                    leading: 1.2,
                    ..base()
                },
            ),
            (
                colors,
                &text,
                Base {
                    color: Rgb(9, 9, 9),
                    ..base()
                },
            ),
            (&other_link, &text, base()),
        ];
        for (c, inlines, b) in cases {
            let _ = get(c, inlines, b);
            let kept = get(c, inlines, b);
            assert!(!Arc::ptr_eq(&kept, &third), "{inlines:?} {b:?}");
            assert!(Arc::ptr_eq(&kept, &get(c, inlines, b)), "{inlines:?} {b:?}");
        }
        // What each differs in shows in its measure.
        let faces = |m: &Measured| {
            m.pieces
                .iter()
                .map(|p| (p.face, p.color))
                .collect::<Vec<_>>()
        };
        let link_red = get(&other_link, &text, base());
        assert_ne!(faces(&link_red), faces(&third));
        assert_eq!(link_red.upto, third.upto);
    }
}
