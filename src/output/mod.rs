//! Output: pure functions from the document IR (plus a theme) to bytes. No file I/O.

pub(crate) mod columns;
pub(crate) mod deflate;
pub mod docx;
pub mod html;
pub(crate) mod memo;
pub mod pdf;
pub(crate) mod script;
pub mod xlsx;

/// The schemes a link may open, in every format: a custom template cannot make a
/// customer's document run script (`javascript:`), open local or network files (`file:`,
/// `smb:`) or carry hidden content (`data:`).
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The link target, trimmed, when its scheme is one of [`LINK_SCHEMES`]; `None` for any
/// other (the text is still shown, without the link).
pub fn link_target(url: &str) -> Option<&str> {
    let u = url.trim();
    let (scheme, rest) = u.split_once(':')?;
    (LINK_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s)) && !rest.is_empty()).then_some(u)
}

/// Text escaped for XML (DOCX parts, the PDF's XMP metadata), dropping the characters
/// XML 1.0 cannot hold at all, so the file stays openable whatever the data says.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    xml_escape_into(&mut out, s);
    out
}

/// [`xml_escape`] appended to `out`: the stretches with nothing to escape copied whole.
pub(crate) fn xml_escape_into(out: &mut String, s: &str) {
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let instead = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            // Not allowed in XML 1.0 at all; dropping them keeps the file openable.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => "",
            '\u{FFFE}' | '\u{FFFF}' => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or(""));
        out.push_str(instead);
        plain = i + c.len_utf8();
    }
    out.push_str(s.get(plain..).unwrap_or(""));
}

/// A written document: its bytes and, where the format knows it, its page count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages (PDF), `None` where the format has no fixed pages (DOCX, HTML).
    pub pages: Option<usize>,
    /// The SHA-256 of `bytes`, where the writer made it on the way (a PDF's `/ID`
    /// needs a pass over its bytes): [`Rendered::sha256_hex`] uses it.
    pub sha256: Option<[u8; 32]>,
}

impl Rendered {
    /// The SHA-256 of the bytes in lowercase hexadecimal, as the manifest lists it.
    pub fn sha256_hex(&self) -> String {
        match self.sha256 {
            Some(d) => crate::outdir::hex(&d),
            None => crate::outdir::sha256_hex(&self.bytes),
        }
    }
}

#[cfg(test)]
mod xml_tests {
    use super::xml_escape;

    #[test]
    fn xml_text_is_escaped_and_what_xml_forbids_dropped() {
        assert_eq!(xml_escape(""), "");
        assert_eq!(xml_escape("Plano de Sucesso"), "Plano de Sucesso");
        assert_eq!(
            xml_escape("a<b>&\"c\" 'd'"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(
            xml_escape("x\u{1}y\tz\n\u{FFFE}ção\u{FFFF}&"),
            "xy\tz\nção&amp;"
        );
        assert_eq!(xml_escape("株式会社&<"), "株式会社&amp;&lt;");
    }
}
