//! Scripts in runs. In the DOCX, so Word picks the same kind of font the PDF does, a run of
//! East Asian or complex-script text names the font for its script (`w:rFonts`, the
//! families the PDF's fallback prefers), says its language, and right-to-left text is
//! marked (`w:rtl` on runs, `w:bidi` on paragraphs that start right-to-left). In the
//! tagged PDF, a run in one of these scripts says its language (`/Lang`), so a screen
//! reader speaks a customer's Arabic or Japanese name in that language's voice.

/// What a run's text needs beyond Latin.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Script {
    /// The East Asian font and language, for CJK text.
    east_asia: Option<(&'static str, &'static str)>,
    /// The complex-script font and language (Arabic, Hebrew, Indic, Thai).
    complex: Option<(&'static str, &'static str)>,
    /// Right-to-left characters.
    rtl: bool,
}

fn east_asia(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c as u32 {
        0x3040..=0x30FF | 0x31F0..=0x31FF => ("Noto Sans CJK JP", "ja-JP"),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => ("Noto Sans CJK KR", "ko-KR"),
        0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3400..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => ("Noto Sans CJK SC", "zh-CN"),
        _ => return None,
    })
}

fn complex(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => ("Noto Sans Hebrew", "he-IL"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            ("Noto Sans Arabic", "ar-SA")
        }
        0x0900..=0x097F => ("Noto Sans Devanagari", "hi-IN"),
        0x0E00..=0x0E7F => ("Noto Sans Thai", "th-TH"),
        _ => return None,
    })
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

impl Script {
    /// What `text` holds: the first East Asian character (Japanese kana wins over Han,
    /// so a Japanese name gets the Japanese font), the first complex-script one.
    pub(crate) fn of(text: &str) -> Script {
        let mut s = Script::default();
        // Every script below starts at U+0590; text before U+0580 has no UTF-8 byte of
        // 0xD6 or more (a cheap test: most runs are Latin with accents at most).
        if text.bytes().all(|b| b < 0xD6) {
            return s;
        }
        for c in text.chars() {
            if let Some(e) = east_asia(c) {
                if s.east_asia.is_none() || e.1 == "ja-JP" {
                    s.east_asia = Some(e);
                }
            }
            if s.complex.is_none() {
                s.complex = complex(c);
            }
            s.rtl |= is_rtl(c);
        }
        s
    }

    /// The language a screen reader should speak a run in, for a run wholly in one of
    /// these scripts (no Latin letters: "شركة الاتصالات السعودية", "株式会社トヨタ"); `None`
    /// for Latin, and for mixed text ("بنك ABC للتمويل"), which keeps the document's.
    pub(crate) fn speech_lang(text: &str) -> Option<&'static str> {
        let s = Script::of(text);
        if !s.any() || text.bytes().any(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        s.complex.or(s.east_asia).map(|(_, lang)| lang)
    }

    /// The Japanese or Korean family whose Han characters a text should take, when its
    /// kana or Hangul say which (`Noto Sans CJK JP` for "株式会社トヨタ"); `None` for
    /// Chinese and for text without East Asian characters. The PDF's fallback prefers it,
    /// as the DOCX names it.
    pub(crate) fn regional_cjk_family(text: &str) -> Option<&'static str> {
        Script::of(text)
            .east_asia
            .map(|(family, _)| family)
            .filter(|family| !family.ends_with(" SC"))
    }

    /// Whether the run needs properties of its own.
    pub(crate) fn any(&self) -> bool {
        *self != Script::default()
    }

    /// `w:rFonts` (after `w:rStyle`); Latin text keeps the style's font.
    pub(crate) fn fonts(&self) -> String {
        if self.east_asia.is_none() && self.complex.is_none() {
            return String::new();
        }
        let mut s = String::from("<w:rFonts");
        if let Some((f, _)) = self.east_asia {
            s.push_str(&format!(r#" w:eastAsia="{f}""#));
        }
        if let Some((f, _)) = self.complex {
            s.push_str(&format!(r#" w:cs="{f}""#));
        }
        if self.east_asia.is_some() && self.complex.is_none() {
            s.push_str(r#" w:hint="eastAsia""#);
        } else if self.complex.is_some() {
            s.push_str(r#" w:hint="cs""#);
        }
        s.push_str("/>");
        s
    }

    /// `w:rtl`, `w:cs` and `w:lang` (the end of `w:rPr`).
    pub(crate) fn tail(&self) -> String {
        let mut s = String::new();
        if self.rtl {
            s.push_str("<w:rtl/>");
        }
        if self.complex.is_some() {
            s.push_str("<w:cs/>");
        }
        if self.east_asia.is_some() || self.complex.is_some() {
            s.push_str("<w:lang");
            if let Some((_, l)) = self.east_asia {
                s.push_str(&format!(r#" w:eastAsia="{l}""#));
            }
            if let Some((_, l)) = self.complex {
                s.push_str(&format!(r#" w:bidi="{l}""#));
            }
            s.push_str("/>");
        }
        s
    }
}

/// Whether the first strongly directional character of the pieces' text (read in turn,
/// not joined) is right-to-left.
pub(crate) fn starts_rtl<'a>(pieces: impl Iterator<Item = &'a str>) -> bool {
    use unicode_bidi::{bidi_class, BidiClass};
    pieces
        .flat_map(str::chars)
        .map(bidi_class)
        .find(|b| matches!(b, BidiClass::L | BidiClass::R | BidiClass::AL))
        .is_some_and(|b| b != BidiClass::L)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_wholly_in_one_script_is_spoken_in_its_language() {
        assert_eq!(Script::speech_lang("شركة الاتصالات السعودية"), Some("ar-SA"));
        assert_eq!(Script::speech_lang("株式会社トヨタ"), Some("ja-JP"));
        assert_eq!(Script::speech_lang("삼성전자 (주)"), Some("ko-KR"));
        assert_eq!(Script::speech_lang("บริษัท ปูนซิเมนต์ไทย จำกัด"), Some("th-TH"));
        assert_eq!(Script::speech_lang("בנק הפועלים"), Some("he-IL"));
        assert_eq!(Script::speech_lang("بنك ABC للتمويل"), None);
        assert_eq!(Script::speech_lang("Contoso"), None);
        assert_eq!(Script::speech_lang("Ωμέγα"), None);
    }

    #[test]
    fn scripts_are_named() {
        assert!(!Script::of("Contoso").any());
        let ja = Script::of("株式会社トヨタ");
        assert!(ja.fonts().contains(r#"w:eastAsia="Noto Sans CJK JP""#));
        let ar = Script::of("شركة ABC");
        assert!(ar.fonts().contains(r#"w:cs="Noto Sans Arabic""#));
        assert!(ar.tail().starts_with("<w:rtl/><w:cs/>"));
        assert!(starts_rtl(["شركة ABC"].into_iter()));
        assert!(!starts_rtl(["ABC شركة"].into_iter()));
        assert!(starts_rtl(["", " 12 ", "شركة", " ABC"].into_iter()));
        assert!(!starts_rtl(["", "[x]", "شركة"].into_iter()));
        assert!(!starts_rtl(std::iter::empty()));
    }

    #[test]
    fn text_passing_the_quick_test_needs_no_script() {
        // The quick test in `Script::of` stands for the scan it skips: every character
        // whose UTF-8 bytes are all below 0xD6 is in no script the scan looks for.
        let mut passed = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.to_string().bytes().all(|b| b < 0xD6) {
                passed += 1;
                assert!(
                    east_asia(c).is_none() && complex(c).is_none() && !is_rtl(c),
                    "{c:?}"
                );
            }
        }
        assert_eq!(passed, 0x0580);
        assert!(!Script::of("Ação, Ñandú, Ærø, Ωμέγα, Жук").any());
        assert!(Script::of("Ação עברית").any());
    }
}
