//! One large worksheet of an xlsx workbook split in two, so that calamine can parse its
//! halves on two threads.
//!
//! A portfolio's Tasks sheet is three quarters of its workbook's XML (28 of 37 MB at
//! 2,000 engagements) and calamine parses a sheet on one thread, so reading was one
//! core's work however many there were. [`split`] cuts the largest worksheet's
//! `sheetData` at a row boundary near its middle and makes two copies of the workbook:
//! in the first the sheet holds the rows before the cut, in the second the rows from it
//! on (each with the sheet's own head and tail); every other member is copied as it
//! is, still compressed. calamine reads each copy as it reads any workbook, so what a
//! cell holds (shared strings, styles and dates, errors, inline strings) is decided by
//! calamine alone; cells keep their own positions, since the row where the cut is made
//! states its number (`r`), as every row after it counts from it.
//!
//! Anything the cut could change is refused, and the workbook is then read whole, as
//! before: a sheet under [`SPLIT_MIN`] bytes, `sheetData` holding comments, CDATA or
//! processing instructions (where `<row` could be text), no `<row` tag with an `r`
//! attribute after the middle, a prefixed element name.

use std::io::{Cursor, Read, Write};

/// The smallest sheet worth the copies (and calamine's second reading of the shared
/// strings): below it the cut costs about what it saves.
pub(crate) const SPLIT_MIN: u64 = 8 << 20;

/// The largest sheet split: the cut holds the sheet and both copies in memory at once
/// (at most 256 MiB more than reading it whole, which streams it); a larger sheet is
/// read whole. The 2,000-engagement portfolio's Tasks sheet has 28 MB.
const SPLIT_MAX: u64 = 128 << 20;

/// The two copies of a workbook: with the rows before the cut, and from it on.
pub(crate) struct Split {
    pub(crate) first: Vec<u8>,
    pub(crate) second: Vec<u8>,
}

/// Splits the largest worksheet of the xlsx workbook `bytes` (already checked by
/// `guard::check_zip`) if it has at least `min` bytes; `None` when it is smaller or
/// cannot be cut safely.
pub(crate) fn split(bytes: &[u8], min: u64) -> Option<Split> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut largest: Option<(usize, u64)> = None;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).ok()?;
        let name = entry.name_raw();
        if name.starts_with(b"xl/worksheets/")
            && name.ends_with(b".xml")
            && largest.is_none_or(|(_, size)| entry.size() > size)
        {
            largest = Some((i, entry.size()));
        }
    }
    let (index, size) = largest?;
    if size < min || size > SPLIT_MAX {
        return None;
    }
    let mut xml = Vec::with_capacity(usize::try_from(size).ok()?);
    archive
        .by_index(index)
        .ok()?
        .take(size.saturating_add(1))
        .read_to_end(&mut xml)
        .ok()?;
    if xml.len() as u64 != size {
        return None;
    }
    let (data, cut, end) = cut_points(&xml)?;
    const CLOSE: &[u8] = b"</sheetData>";
    let first: [&[u8]; 3] = [xml.get(..cut)?, CLOSE, xml.get(end..)?];
    let second: [&[u8]; 2] = [xml.get(..data)?, xml.get(cut..)?];
    Some(Split {
        first: copy_with(&mut archive, index, &first)?,
        second: copy_with(&mut archive, index, &second)?,
    })
}

/// Where `sheetData`'s rows start, where the cut goes (a `<row` tag with an `r`
/// attribute, at or after the middle of the rows) and where `</sheetData>` starts.
fn cut_points(xml: &[u8]) -> Option<(usize, usize, usize)> {
    let open = find(xml, b"<sheetData", 0)?;
    let data = open + find(xml.get(open..)?, b">", 0)? + 1;
    if xml.get(data.checked_sub(2)?) == Some(&b'/') {
        return None; // <sheetData/>: nothing to cut
    }
    let end = find(xml, b"</sheetData>", data)?;
    let rows = xml.get(data..end)?;
    if find(rows, b"<!", 0).is_some() || find(rows, b"<?", 0).is_some() {
        return None;
    }
    let mut at = rows.len() / 2;
    loop {
        let row = at + find(rows.get(at..)?, b"<row", 0)?;
        let after = rows.get(row + 4).copied()?;
        let tag_end = row + find(rows.get(row..)?, b">", 0)?;
        let tag = rows.get(row..tag_end)?;
        if matches!(after, b' ' | b'\t' | b'\r' | b'\n') {
            return has_r(tag).then_some((data, data + row, end));
        }
        at = row + 4;
    }
}

/// Whether a `<row …` tag has an `r` attribute (written `r="`; other spellings are
/// refused, and the sheet is read whole).
fn has_r(tag: &[u8]) -> bool {
    tag.windows(4)
        .any(|w| matches!(w, [b' ' | b'\t' | b'\r' | b'\n', b'r', b'=', b'"' | b'\'']))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// The workbook with member `index` replaced by `parts` joined (stored, uncompressed),
/// every other member copied as it is.
pub(crate) fn copy_with(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    parts: &[&[u8]],
) -> Option<Vec<u8>> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(total + (1 << 20))));
    for i in 0..archive.len() {
        if i == index {
            let name = archive.by_index_raw(i).ok()?.name().ok()?.to_string();
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(total as u64 >= u64::from(u32::MAX));
            out.start_file(name, options).ok()?;
            for p in parts {
                out.write_all(p).ok()?;
            }
        } else {
            out.raw_copy_file(archive.by_index_raw(i).ok()?).ok()?;
        }
    }
    Some(out.finish().ok()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::cut_points;

    fn sheet(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><worksheet><dimension ref="A1:B9"/><sheetData>{rows}</sheetData><mergeCells/></worksheet>"#
        )
    }

    #[test]
    fn the_cut_is_a_numbered_row_at_or_after_the_middle() {
        let rows: String = (1..=9)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
            .collect();
        let xml = sheet(&rows);
        let (data, cut, end) = cut_points(xml.as_bytes()).expect("cut");
        assert!(xml[data..].starts_with("<row r=\"1\""));
        // Rows of equal length: the first to start past the middle is the sixth.
        assert!(xml[cut..].starts_with("<row r=\"6\""), "{}", &xml[cut..]);
        assert!(xml[end..].starts_with("</sheetData>"));
        // A row written with other attributes first still states its number.
        let xml =
            sheet(r#"<row r="1"></row><row spans="1:2" r="2"></row><row ht="3" r="3"></row>"#);
        let (_, cut, _) = cut_points(xml.as_bytes()).expect("cut");
        assert!(
            xml[cut..].starts_with(r#"<row ht="3" r="3">"#),
            "{}",
            &xml[cut..]
        );
    }

    #[test]
    fn what_the_cut_could_change_is_refused() {
        let numbered = r#"<row r="1"></row><row r="2"></row><row r="3"></row>"#;
        for rows in [
            // rows that count themselves: the second half would count from 1
            "<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>",
            // `<row` that might be text
            &format!("<!-- <row r=\"9\"> -->{numbered}"),
            &format!("{numbered}<?pi <row r=\"9\">?>"),
            // a prefixed element name
            r#"<x:row r="1"></x:row><x:row r="2"></x:row><x:row r="3"></x:row>"#,
            "",
        ] {
            assert_eq!(cut_points(sheet(rows).as_bytes()), None, "{rows}");
        }
        assert_eq!(cut_points(b"<worksheet><sheetData/></worksheet>"), None);
        assert_eq!(cut_points(b"<worksheet></worksheet>"), None);
        assert_eq!(cut_points(b"<worksheet><sheetData><row r=\"1\">"), None);
    }
}
