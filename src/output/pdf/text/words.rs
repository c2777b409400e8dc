//! Line breaks that the Unicode line-breaking rules (unicode-linebreak, UAX #14's default
//! table) leave to the language:
//!
//! - Thai, Lao, Khmer and Myanmar write words without spaces between them (line break
//!   class SA, "complex context"). The rules never break inside such a run, so a Thai
//!   sentence was one token, cut wherever the line filled ("และก|ารสนับสนุน"). Its words
//!   come from ICU4X's dictionary segmenter (icu_segmenter, the Unicode project's own
//!   data), and a line may break between any two of them.
//! - Korean is written with spaces between words, and Korean typography breaks lines at
//!   those spaces (CSS `word-break: keep-all`); the default rules also allow a break
//!   between any two syllables, which cut names and words in two. Breaks inside a run of
//!   Hangul are dropped.
//!
//! A word too long for its line is still cut where the line fills (see
//! `breaks::cut_token`), as before.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use std::sync::LazyLock;
use unicode_linebreak::{break_property, BreakClass, BreakOpportunity};

/// The dictionary segmenter for complex-context scripts, made once a run (compiled-in
/// data: nothing is read from disk).
static DICTIONARY: LazyLock<LineSegmenterBorrowed<'static>> =
    LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));

/// Which of the two cases a text holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scripts {
    /// Thai, Lao, Khmer or Myanmar (break class SA).
    pub(super) complex: bool,
    /// Hangul syllables or jamo.
    pub(super) hangul: bool,
}

/// A character of class SA: Thai, Lao, Myanmar, Khmer, Tai Tham, Tai Viet, New Tai Lue
/// (the ranges first: most text is none of them).
fn complex(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x1950..=0x1AAF
        | 0xA9E0..=0xA9FF | 0xAA60..=0xAADF)
        && break_property(c as u32) == BreakClass::ComplexContext
}

/// A Hangul syllable or jamo (conjoining or compatibility).
fn hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F
        | 0xD7B0..=0xD7FF)
}

/// Which scripts needing their own breaks `text` holds (one pass, none for ASCII).
pub(super) fn scripts(text: &str) -> Scripts {
    let mut s = Scripts::default();
    if text.is_ascii() {
        return s;
    }
    for c in text.chars() {
        s.complex |= complex(c);
        s.hangul |= hangul(c);
        if s.complex && s.hangul {
            break;
        }
    }
    s
}

/// The byte offsets between two words of a complex-context run, by dictionary,
/// ascending: the breaks the default rules do not give.
fn dictionary_breaks(text: &str) -> Vec<usize> {
    DICTIONARY
        .segment_str(text)
        .filter(|&i| between(text, i, complex))
        .collect()
}

/// Whether byte `i` of `text` falls between two characters that are both `kind`.
fn between(text: &str, i: usize, kind: fn(char) -> bool) -> bool {
    let before = text.get(..i).and_then(|t| t.chars().next_back());
    let after = text.get(i..).and_then(|t| t.chars().next());
    matches!((before, after), (Some(b), Some(a)) if kind(b) && kind(a))
}

/// `text`'s break opportunities: the default rules', with the dictionary's word
/// boundaries inside complex-context runs added and the breaks inside Korean words
/// dropped, in order.
pub(super) fn breaks(
    text: &str,
    scripts: Scripts,
) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
    let dict = if scripts.complex {
        dictionary_breaks(text)
    } else {
        Vec::new()
    };
    let mut dict = dict.into_iter().peekable();
    let mut rules = unicode_linebreak::linebreaks(text)
        .filter(move |&(i, op)| {
            !(scripts.hangul && op == BreakOpportunity::Allowed && between(text, i, hangul))
        })
        .peekable();
    std::iter::from_fn(move || {
        let d = dict.peek().copied();
        let r = rules.peek().map(|&(i, _)| i);
        match (d, r) {
            (Some(d), Some(r)) if d < r => dict.next().map(|d| (d, BreakOpportunity::Allowed)),
            (Some(d), Some(r)) if d == r => {
                dict.next();
                rules.next()
            }
            (Some(_), None) => dict.next().map(|d| (d, BreakOpportunity::Allowed)),
            _ => rules.next(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text cut at its allowed breaks.
    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut prev = 0;
        for (i, _) in breaks(text, scripts(text)) {
            if i > prev {
                out.extend(text.get(prev..i));
                prev = i;
            }
        }
        out
    }

    #[test]
    fn thai_breaks_between_its_words() {
        // "training and support" in Thai: no spaces; the rules alone gave one token.
        let text = "การฝึกอบรมและการสนับสนุน";
        assert_eq!(unicode_linebreak::linebreaks(text).count(), 1);
        let w = words(text);
        assert!(w.len() >= 4, "{w:?}");
        assert_eq!(w.concat(), text);
        assert!(w.contains(&"และ"), "{w:?}");
        // Never before a vowel sign or a tone mark.
        for part in &w {
            let first = part.chars().next().unwrap_or(' ');
            assert!(
                !matches!(first as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E),
                "{w:?}"
            );
        }
    }

    #[test]
    fn thai_among_latin_keeps_the_latin_breaks() {
        let text = "Microsoft Teams สำหรับการประชุม (Teams)";
        let w = words(text);
        assert_eq!(w.concat(), text);
        assert_eq!(w.first(), Some(&"Microsoft "), "{w:?}");
        assert!(w.len() >= 5, "{w:?}");
    }

    #[test]
    fn korean_breaks_only_between_words() {
        let text = "성공 계획서를 검토해 주세요";
        assert_eq!(words(text), ["성공 ", "계획서를 ", "검토해 ", "주세요"]);
    }

    #[test]
    fn other_text_breaks_as_the_rules_say() {
        for text in [
            "Success Plan for Contoso",
            "成功计划：培训",
            "خطة النجاح",
            "plain",
        ] {
            let ours: Vec<_> = breaks(text, scripts(text)).collect();
            let rules: Vec<_> = unicode_linebreak::linebreaks(text).collect();
            assert_eq!(ours, rules, "{text}");
        }
        assert_eq!(scripts("Contoso — “quoted”"), Scripts::default());
    }
}
