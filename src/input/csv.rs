//! CSV as Excel really writes it: encodings, delimiters, quoted newlines, CRLF.
//!
//! Encoding, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a
//! BOM, recognised by its NUL bytes in every other position; valid UTF-8; otherwise
//! Windows-1252 (what Excel's plain "CSV" writes on a Western Windows) when the bytes are
//! plausible for it (no byte it leaves undefined, no control characters, no valid UTF-8
//! sequences mixed in), with a notice. Anything else is an error naming the line and the
//! byte, never silent mojibake.
//!
//! Delimiter: an Excel `sep=` first line wins; otherwise `,`, `;` and tab are each tried
//! on the first records (quotes respected) and the one that splits every record into the
//! same number of fields (more than one) wins; the most fields breaks a tie.
//!
//! Row numbers are those a spreadsheet shows when it opens the file: the header is
//! record 1 and blank lines count as (empty) rows.

use super::table::{Budget, TableBuilder};
use super::{Limits, RawCell, RawTable, ReadError};
use crate::i18n::{Detail, Message};
use crate::problem::{Problem, Severity};
use std::borrow::Cow;

/// A text encoding a CSV table was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a BOM).
    Utf8,
    /// UTF-16 little-endian (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// UTF-32 little-endian (rare; some tools' "Unicode").
    Utf32Le,
    /// UTF-32 big-endian.
    Utf32Be,
    /// Windows-1252 (Excel's "CSV" on Western Windows).
    Windows1252,
}

/// The byte order of BOM-less UTF-16 text, judged by where its NUL bytes fall.
pub(crate) fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Latin text in UTF-16 has a NUL in nearly every code unit; require most of them and
    // none on the other side.
    if odd * 10 >= pairs * 6 && even == 0 {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 6 && odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes `bytes` into UTF-8 text, saying which encoding it was in.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_1252(rest);
    }
    // UTF-32's byte-order marks first: the little-endian one begins like UTF-16's.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        return utf32(rest, Encoding::Utf32Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        return utf32(rest, Encoding::Utf32Be);
    }
    if let Some(enc) = utf32_without_bom(&bytes[..bytes.len().min(4096)]) {
        return utf32(bytes, enc);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be);
    }
    if let Some(enc) = utf16_without_bom(&bytes[..bytes.len().min(4096)]) {
        return utf16(bytes, enc);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    utf8_or_1252(bytes)
}

/// The byte order of BOM-less UTF-32 text: most code points of a table are under
/// U+10000, so three of every four bytes are NUL, the same three each time.
fn utf32_without_bom(head: &[u8]) -> Option<Encoding> {
    let quads = head.len() / 4;
    if quads < 2 {
        return None;
    }
    let count = |f: fn(&[u8]) -> bool| head.chunks_exact(4).filter(|q| f(q)).count();
    let le = count(|q| q[0] != 0 && q[2] == 0 && q[3] == 0);
    let be = count(|q| q[3] != 0 && q[0] == 0 && q[1] == 0);
    if le * 10 >= quads * 9 {
        Some(Encoding::Utf32Le)
    } else if be * 10 >= quads * 9 {
        Some(Encoding::Utf32Be)
    } else {
        None
    }
}

fn utf32(bytes: &[u8], enc: Encoding) -> Result<(Cow<'_, str>, Encoding), ReadError> {
    let mut text = String::with_capacity(bytes.len() / 4);
    for q in bytes.chunks(4) {
        let q: [u8; 4] = q.try_into().map_err(|_| ReadError::Binary)?;
        let v = match enc {
            Encoding::Utf32Be => u32::from_be_bytes(q),
            _ => u32::from_le_bytes(q),
        };
        text.push(char::from_u32(v).ok_or(ReadError::Binary)?);
    }
    Ok((Cow::Owned(text), enc))
}

fn utf16(bytes: &[u8], enc: Encoding) -> Result<(Cow<'_, str>, Encoding), ReadError> {
    let codec = if enc == Encoding::Utf16Le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    codec
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (Cow::Owned(text.into_owned()), enc))
        .ok_or(ReadError::InvalidUtf16)
}

fn utf8_or_1252(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(e) => {
            let at = e.valid_up_to();
            if plausible_1252(bytes) {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok((Cow::Owned(text.into_owned()), Encoding::Windows1252))
            } else {
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                Err(ReadError::InvalidText {
                    line,
                    byte: bytes.get(at).copied().unwrap_or(0),
                })
            }
        }
    }
}

/// Windows-1252 is plausible when no byte is one it leaves undefined or a control
/// character, and the bytes that fail as UTF-8 outnumber the valid multi-byte UTF-8
/// characters that count as evidence. In 1252 text almost every accent fails as UTF-8
/// (`ç` then `ã` is not a sequence); a UTF-8 file with a few damaged bytes has the
/// opposite count, and reading it as 1252 would turn every accent into mojibake, so it
/// is refused instead.
///
/// A valid sequence counts as evidence only when 1252 text could hardly make it (see
/// [`utf8_evidence`]): 1252 makes a two-byte sequence whenever an accented capital
/// (`À`–`ß`, C0–DF) stands before punctuation, a symbol or a no-break space (80–BF),
/// as in `É–` or `É€`. Proptests found `ÉÉ–` and `É€É` read as damaged UTF-8.
fn plausible_1252(bytes: &[u8]) -> bool {
    if bytes.iter().any(|&b| {
        matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    }) {
        return false;
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (good, after) = match std::str::from_utf8(rest) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                invalid += 1;
                let skip = e.error_len().unwrap_or(after.len());
                (
                    std::str::from_utf8(good).unwrap_or_default(),
                    after.get(skip..).unwrap_or(&[]),
                )
            }
        };
        valid += utf8_evidence(good);
        rest = after;
    }
    invalid > valid
}

/// How many of `text`'s characters speak for UTF-8 against Windows-1252:
/// - three- and four-byte characters (CJK, Indic, `–` as E2 80 93): in 1252 they would
///   be a small accented letter before two symbols;
/// - Latin-1 and Latin Extended-A (`ç`, `ł`, `ğ`; U+00A0–017F): `Ã`, `Ä` or `Å` before a
///   symbol in 1252, which real text hardly has;
/// - Greek to Arabic (U+0370–07FF) only beside another such character, as the letters
///   of a word come: alone, it is `Ó€` or `Ø–` in 1252.
///
/// C1 controls, Latin Extended-B, IPA, spacing modifiers and combining marks
/// (U+0080–009F, U+0180–036F) never count: they are what `Ç`, `É`, `Ê` or `Í` before
/// 1252 punctuation make, and engagement data typed in UTF-8 hardly holds them alone.
fn utf8_evidence(text: &str) -> usize {
    let script = |c: char| matches!(u32::from(c), 0x370..=0x7FF);
    let mut count = 0;
    let mut prev = None;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        let next = it.peek().copied();
        count += match u32::from(c) {
            0x800.. | 0xA0..=0x17F => 1,
            0x370..=0x7FF if prev.is_some_and(script) || next.is_some_and(script) => 1,
            _ => 0,
        };
        prev = Some(c);
    }
    count
}

/// Reads one CSV table named `sheet` from `bytes`.
pub(crate) fn read_csv(
    file: &str,
    sheet: &str,
    bytes: &[u8],
    limits: &Limits,
    budget: &Budget,
) -> Result<(Option<RawTable>, Vec<Problem>), ReadError> {
    let (text, encoding) = decode(bytes)?;
    let mut problems = Vec::new();
    if encoding == Encoding::Windows1252 {
        problems.push(Problem::file(Severity::Notice, file, Message::Windows1252));
    }
    check_lines(text.as_bytes(), limits)?;
    let (data, delimiter) = match sep_line(&text) {
        Some((delimiter, rest)) => (rest, delimiter),
        None => {
            let prefer_tab = matches!(
                super::sniff::extension(file).as_deref(),
                Some("tsv" | "txt")
            );
            (
                text.as_bytes(),
                detect_delimiter(text.as_bytes(), prefer_tab),
            )
        }
    };
    let table = parse(file, sheet, data, delimiter, limits, budget, &mut problems)?;
    Ok((table, problems))
}

fn check_lines(text: &[u8], limits: &Limits) -> Result<(), ReadError> {
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if line.len() > limits.max_csv_line_bytes {
            return Err(ReadError::LineTooLong {
                line: i as u64 + 1,
                limit: limits.max_csv_line_bytes,
            });
        }
    }
    Ok(())
}

/// Excel's `sep=;` first line: the delimiter and the data after that line.
fn sep_line(text: &str) -> Option<(u8, &[u8])> {
    let end = text.find('\n').unwrap_or(text.len());
    let first = text[..end].trim_end_matches('\r');
    let rest = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match rest.as_bytes() {
        [d] if !d.is_ascii_alphanumeric() && *d != b'"' => {
            Some((*d, text.as_bytes().get(end + 1..).unwrap_or(&[])))
        }
        _ => None,
    }
}

const SAMPLE_RECORDS: usize = 50;

/// The delimiter (`,`, `;` or tab) that splits the first records most consistently.
pub fn detect_delimiter(text: &[u8], prefer_tab: bool) -> u8 {
    let candidates: [u8; 3] = if prefer_tab {
        [b'\t', b',', b';']
    } else {
        [b',', b';', b'\t']
    };
    let mut best: Option<(bool, usize, usize, u8)> = None;
    for d in candidates {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut counts: Vec<usize> = Vec::new();
        let mut record = ::csv::ByteRecord::new();
        while counts.len() < SAMPLE_RECORDS {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {
                    if !(record.len() == 1
                        && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()))
                    {
                        counts.push(record.len());
                    }
                }
                Ok(false) | Err(_) => break,
            }
        }
        let Some(&first) = counts.first() else {
            continue;
        };
        let consistent = counts.iter().all(|&n| n == first);
        let agreeing = counts.iter().filter(|&&n| n == first).count();
        if first < 2 {
            continue;
        }
        let score = (consistent, agreeing, first, d);
        let better = match best {
            None => true,
            Some((bc, ba, bf, _)) => (consistent, agreeing, first) > (bc, ba, bf),
        };
        if better {
            best = Some(score);
        }
    }
    best.map_or(candidates[0], |(_, _, _, d)| d)
}

fn parse(
    file: &str,
    sheet: &str,
    data: &[u8],
    delimiter: u8,
    limits: &Limits,
    budget: &Budget,
    problems: &mut Vec<Problem>,
) -> Result<Option<RawTable>, ReadError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut builder = TableBuilder::new(file, sheet, limits, budget);
    let mut record = ::csv::ByteRecord::new();
    let mut row: u64 = 0;
    let mut prev_end: usize = 0;
    let mut cells_total: usize = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(ReadError::Unreadable(Detail::CsvRecord(
                    row + 1,
                    e.to_string(),
                )));
            }
        }
        // The csv crate skips blank lines; a spreadsheet shows them as empty rows. The run
        // of line breaks before a record is the previous record's end plus one per blank
        // line; the run is measured from its own start, wherever the crate stopped in it.
        let run_start = data.get(..prev_end).map_or(0, |before| {
            before.len()
                - before
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count()
        });
        let breaks = data.get(run_start..).map_or(0, leading_line_breaks);
        let skipped = if row == 0 {
            breaks
        } else {
            breaks.saturating_sub(1)
        };
        row += 1 + skipped as u64;
        prev_end = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        if record.as_slice().len() > limits.max_csv_line_bytes {
            return Err(ReadError::RecordTooLong {
                row,
                limit: limits.max_csv_line_bytes,
            });
        }
        cells_total += record.len();
        if cells_total > limits.max_cells {
            return Err(ReadError::TooManyCells {
                sheet: sheet.to_string(),
                limit: limits.max_cells,
            });
        }
        let cells = record
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty())
            .map(|(i, f)| (i, RawCell::Text(String::from_utf8_lossy(f).into_owned())))
            .collect();
        builder.push_row(row, cells)?;
    }
    let (table, found) = builder.finish();
    problems.extend(found);
    Ok(table)
}

/// The number of line breaks (`\r\n`, `\n` or a lone `\r`) at the start of `bytes`.
fn leading_line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_consistent_delimiter() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3\n", false), b';');
        assert_eq!(detect_delimiter(b"a,b\n\"x;y\",2\n", false), b',');
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n", false), b'\t');
        assert_eq!(detect_delimiter(b"only\nvalues\n", false), b',');
    }

    #[test]
    fn detects_utf16_without_bom() {
        let le: Vec<u8> = "a,b\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "a,b\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_without_bom(&le), Some(Encoding::Utf16Le));
        assert_eq!(utf16_without_bom(&be), Some(Encoding::Utf16Be));
        assert_eq!(utf16_without_bom(b"a,b\r\n"), None);
    }

    #[test]
    fn windows_1252_only_when_plausible() {
        assert!(plausible_1252(b"A\xe7\xe3o;Conclu\xedda\r\n"));
        assert!(
            plausible_1252(b"\xc9\x96 a\xe7\xe3o"),
            "one coincidental UTF-8 pair"
        );
        assert!(!plausible_1252(b"A\xc3\xa7\xc3\xa3o \xff"));
        assert!(!plausible_1252(b"bad \x81 byte"));
    }

    #[test]
    fn utf8_evidence_counts_what_1252_hardly_makes() {
        assert_eq!(utf8_evidence("ação"), 2);
        assert_eq!(utf8_evidence("Łódź – 北京"), 6);
        assert_eq!(utf8_evidence("Привет"), 6);
        // What 1252's accented capitals before punctuation make: `É€` is U+0240, `É–`
        // U+0256, `Ó€` U+04C0 (alone), `Â\u{80}` a C1 control.
        assert_eq!(utf8_evidence("\u{240}a\u{256} \u{4C0} \u{80}"), 0);
    }

    #[test]
    fn an_accented_capital_before_a_euro_is_still_1252() {
        // "É€É" in Windows-1252: C9 80 C9, where C9 80 happens to be valid UTF-8 (U+0240).
        let bytes = b"Aa,Aa\n\"\"\"\"\",\xC9\x80\xC9\n";
        let (text, enc) = decode(bytes).expect("decodes");
        assert_eq!(enc, Encoding::Windows1252);
        assert!(text.contains("É€É"), "{text}");
    }

    #[test]
    fn an_accented_capital_before_a_dash_is_still_1252() {
        // "ÉÉ–" in Windows-1252: C9 C9 96, where C9 96 happens to be valid UTF-8 (U+0256).
        let bytes = b"Aa,Aa,Aa\na,a,\xC9\xC9\x96\n";
        let (text, enc) = decode(bytes).expect("decodes");
        assert_eq!(enc, Encoding::Windows1252);
        assert!(text.contains("ÉÉ–"), "{text}");
    }

    #[test]
    fn blank_lines_count_as_rows() {
        let limits = Limits::default();
        let (t, _) = read_csv(
            "t.csv",
            "t",
            b"h1,h2\r\n\r\n1,2\r\n\"multi\r\nline\",3\r\n\n\n4,5\r\n",
            &limits,
            &Budget::new(&limits),
        )
        .expect("reads");
        let t = t.expect("table");
        let numbers: Vec<u64> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![3, 4, 7]);
    }
}
