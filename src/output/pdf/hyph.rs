//! Hyphenation points of words, from the `hyphenation` crate's embedded TeX patterns
//! (en-US for English documents, pt for Brazilian Portuguese ones). Each dictionary is
//! read once per process, the first time a word of its language needs breaking; text
//! that fits its lines never reaches here.

use crate::i18n::Lang;
use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

/// Words shorter than this (in characters) are never hyphenated.
const MIN_WORD: usize = 5;

fn dictionary(lang: Lang) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    static PT: OnceLock<Option<Standard>> = OnceLock::new();
    let (cell, language) = match lang {
        Lang::En => (&EN, Language::EnglishUS),
        Lang::PtBr => (&PT, Language::Portuguese),
    };
    cell.get_or_init(|| Standard::from_embedded(language).ok())
        .as_ref()
}

/// The byte offsets into `word` where it may be broken with a hyphen, ascending. Only
/// the letters of the word are looked at: leading and trailing punctuation ("(word),")
/// is left on its side, and a token holding anything but Latin letters and marks inside
/// (a number, an address, a path, a code, another script) has no points.
pub(crate) fn points(lang: Lang, word: &str) -> Vec<usize> {
    let lead = word.len() - word.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = word
        .get(lead..)
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < MIN_WORD
        || !core
            .chars()
            .all(|c| latin_letter(c) || is_mark(c) || c == '\u{2019}' || c == '\'')
    {
        return Vec::new();
    }
    let Some(dict) = dictionary(lang) else {
        return Vec::new();
    };
    dict.hyphenate(core)
        .breaks
        .into_iter()
        .filter(|b| *b > 0 && *b < core.len() && core.is_char_boundary(*b))
        .map(|b| b + lead)
        .collect()
}

/// A letter of the Latin script (the patterns' alphabet).
fn latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c < '\u{0250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[cfg(test)]
mod tests {
    use super::points;
    use crate::i18n::Lang;

    fn split(lang: Lang, w: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut prev = 0;
        for p in points(lang, w) {
            out.push(w[prev..p].to_string());
            prev = p;
        }
        out.push(w[prev..].to_string());
        out
    }

    #[test]
    fn english_and_portuguese_words_have_points() {
        assert_eq!(
            split(Lang::En, "hyphenation"),
            ["hy", "phen", "a", "tion"],
            "{:?}",
            split(Lang::En, "hyphenation")
        );
        let pt = split(Lang::PtBr, "implementação");
        assert!(pt.len() >= 4, "{pt:?}");
        assert_eq!(pt.concat(), "implementação");
        // Capitals and punctuation around the word.
        let cap = split(Lang::En, "(Responsibilities),");
        assert!(cap.len() >= 3, "{cap:?}");
        assert!(cap[0].starts_with("(R"), "{cap:?}");
        assert!(cap.last().is_some_and(|l| l.ends_with("),")), "{cap:?}");
    }

    #[test]
    fn codes_numbers_and_short_words_have_none() {
        for w in [
            "word",
            "a1b2c3d4e5",
            "user@example.com",
            "C:\\path\\file",
            "1234567",
            "ответственность",
        ] {
            assert!(points(Lang::En, w).is_empty(), "{w}");
        }
    }
}
