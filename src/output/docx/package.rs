//! The package around the body: content types, relationships, headers and footers, core
//! properties, and the zip with fixed timestamps.

use super::*;
use crate::output::deflate::Deflater;

pub(super) fn content_types(logo: bool) -> String {
    let mut x = String::from(CONTENT_TYPES_HEAD);
    if logo {
        x.push_str(r#"<Default Extension="png" ContentType="image/png"/>"#);
    }
    x.push_str(r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#);
    x.push_str(CONTENT_TYPES_TAIL);
    x
}

/// Width and height in pixels of a PNG, from its header.
pub(super) fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |i: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    let (w, h) = (be(16)?, be(20)?);
    (w > 0 && h > 0).then_some((w, h))
}

pub(super) const HEADER_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>"#;

/// The first page's header: the logo, with its alternative text (`descr`) for screen
/// readers, as the PDF's logo figure has it.
pub(super) fn logo_header(cx: u64, cy: u64, lang: crate::i18n::Lang) -> String {
    let alt = lang.logo_alt();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Logo" descr="{alt}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:hdr>"#
    )
}

/// A first-page header with nothing in it: page 1's title block says it all.
pub(super) const EMPTY_HEADER: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>"#
);

/// The running header of pages 2 on: the subject (the customer) over a thin rule.
pub(super) fn running_header(subject: &str, rule: &str) -> String {
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="{rule}"/></w:pBdr></w:pPr>"#
    );
    if !subject.is_empty() {
        write_run(&mut x, subject, &RunProps::default());
    }
    x.push_str("</w:p></w:hdr>");
    x
}

pub(super) const CONTENT_TYPES_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#;

pub(super) const CONTENT_TYPES_TAIL: &str = r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

pub(super) const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

pub(super) const APP_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>successkit</Application></Properties>"#;

pub(super) const SETTINGS_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The settings of a justified document (`[text] justify = true`): as the PDF, Word
/// hyphenates (`autoHyphenation`; the paragraphs the PDF leaves ragged suppress it in
/// their styles) and does not stretch a line ended by a line break
/// (`doNotExpandShiftReturn`).
pub(super) const SETTINGS_JUSTIFIED_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:autoHyphenation/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The font table: the theme's family as the document names it (Liberation Sans, which
/// LibreOffice has), with Arial, its metric twin that every Word has, as the alternative
/// Word substitutes; the same for the code font (Courier New) and the checkbox symbols.
pub(super) fn font_table(family: &str) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let sans = r#"<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>"#;
    let mono = r#"<w:panose1 w:val="02070309020205020404"/><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>"#;
    let family = xml_escape(family);
    let mut fonts: Vec<(String, Option<&str>, &str)> = vec![(family.clone(), Some("Arial"), sans)];
    if family != "Arial" {
        fonts.push(("Arial".into(), None, sans));
    }
    fonts.push(("Liberation Mono".into(), Some("Courier New"), mono));
    fonts.push(("Courier New".into(), None, mono));
    fonts.push((
        "Segoe UI Symbol".into(),
        None,
        r#"<w:panose1 w:val="020B0502040204020203"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>"#,
    ));
    for (name, alt, props) in fonts {
        let _ = write!(x, r#"<w:font w:name="{name}">"#);
        if let Some(a) = alt.filter(|a| *a != name) {
            let _ = write!(x, r#"<w:altName w:val="{a}"/>"#);
        }
        x.push_str(props);
        x.push_str("</w:font>");
    }
    x.push_str("</w:fonts>");
    x
}

pub(super) fn document_rels(links: &[String]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFontTable" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
    );
    x.push_str(r#"<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="rIdFooter2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>"#);
    for (i, url) in links.iter().enumerate() {
        let _ = write!(
            x,
            r#"<Relationship Id="rIdLink{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 1,
            xml_escape(url)
        );
    }
    x.push_str("</Relationships>");
    x
}

/// The footer as the PDF's: the footer text, then "Page X of Y" at the right margin.
pub(super) fn footer_xml(doc: &Document, text_width: i32) -> String {
    let (page, of) = doc.meta.lang.page_of_parts();
    let field = |name: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {name} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        )
    };
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs></w:pPr>"#
    );
    let left = doc.meta.footer.trim();
    if !left.is_empty() {
        write_run(&mut x, left, &RunProps::default());
    }
    let _ = write!(
        x,
        r#"<w:r><w:tab/><w:t xml:space="preserve">{page}</w:t></w:r>{}<w:r><w:t xml:space="preserve">{of}</w:t></w:r>{}</w:p></w:ftr>"#,
        field("PAGE"),
        field("NUMPAGES")
    );
    x
}

/// Zips the parts in the order given, each deflated (stored when that is not smaller),
/// dated 1980-01-01 00:00 (ZIP's first date), so the same parts give the same bytes.
///
/// Written here rather than with the zip crate: its writer makes a new deflater for
/// every part (a DOCX has fourteen, most under a kilobyte) and cannot be given one; with
/// the thread's deflater the whole archive is a loop over the parts. The zip crate reads it back in
/// the tests, CRCs checked, and LibreOffice opens it in `tests/engine.rs`.
pub(super) fn zip_parts(parts: &[(&str, &[u8])]) -> Result<Rendered, DocxError> {
    let too_large = || DocxError::Pack("a part or the archive is over 4 GiB".into());
    let total: usize = parts.iter().map(|(n, b)| b.len() + 2 * n.len() + 76).sum();
    let mut out = Vec::with_capacity(total / 3 + 1024);
    let mut central = Vec::with_capacity(parts.iter().map(|(n, _)| 46 + n.len()).sum());
    Deflater::with(|z| {
        for (name, bytes) in parts {
            let crc = crc32fast::hash(bytes);
            let (method, data): (u16, &[u8]) = match z.raw(bytes) {
                Some(packed) if packed.len() < bytes.len() => (8, packed),
                _ => (0, bytes),
            };
            let offset = u32::try_from(out.len()).map_err(|_| too_large())?;
            let size = u32::try_from(bytes.len()).map_err(|_| too_large())?;
            let packed = u32::try_from(data.len()).map_err(|_| too_large())?;
            let name_len = u16::try_from(name.len()).map_err(|_| too_large())?;
            // version 2.0, no flags, the method, time 00:00, date 1980-01-01
            let common = |v: &mut Vec<u8>| {
                for half in [20u16, 0, method, 0, 0x21] {
                    v.extend_from_slice(&half.to_le_bytes());
                }
                for word in [crc, packed, size] {
                    v.extend_from_slice(&word.to_le_bytes());
                }
                v.extend_from_slice(&name_len.to_le_bytes());
                v.extend_from_slice(&0u16.to_le_bytes()); // no extra field
            };
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            common(&mut out);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            central.extend_from_slice(&0x0314u16.to_le_bytes()); // made on Unix, 2.0
            common(&mut central);
            // no comment, disk 0, no internal attributes, a regular file rw-r--r--
            for half in [0u16, 0, 0] {
                central.extend_from_slice(&half.to_le_bytes());
            }
            central.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        Ok::<(), DocxError>(())
    })?;
    let entries = u16::try_from(parts.len()).map_err(|_| too_large())?;
    let central_at = u32::try_from(out.len()).map_err(|_| too_large())?;
    let central_len = u32::try_from(central.len()).map_err(|_| too_large())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for half in [0u16, 0, entries, entries] {
        out.extend_from_slice(&half.to_le_bytes());
    }
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    Ok(Rendered {
        bytes: out,
        pages: None,
        sha256: None,
    })
}

pub(super) fn core_xml(doc: &Document) -> String {
    let m = &doc.meta.for_properties();
    let date = m
        .date
        .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>{lang}</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = xml_escape(&m.full_title()),
        subject = xml_escape(&m.subject),
        author = xml_escape(&m.author),
        keywords = xml_escape(&m.keywords.join(", ")),
        lang = m.lang.tag(),
        date = date,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn the_zip_reads_back_with_every_part_its_crc_and_its_attributes() {
        let big = "<w:p><w:r><w:t>Plano de Sucesso · 成功计划</w:t></w:r></w:p>".repeat(4_000);
        let parts: [(&str, &[u8]); 4] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", big.as_bytes()),
            ("word/empty.xml", b""),
            ("word/media/x.bin", &[0x9d, 0x13, 0xfe, 0x01, 0x77]),
        ];
        let bytes = zip_parts(&parts).expect("zipped").bytes;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
        assert_eq!(zip.len(), parts.len());
        for (i, (name, data)) in parts.iter().enumerate() {
            let mut entry = zip.by_index(i).expect("entry");
            assert_eq!(entry.name().expect("a UTF-8 name"), *name);
            assert_eq!(entry.unix_mode(), Some(0o100_644), "{name}");
            assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
            let method = entry.compression();
            let mut back = Vec::new();
            // Reading to the end checks the CRC.
            entry.read_to_end(&mut back).expect("inflates, CRC right");
            assert_eq!(back, *data, "{name}");
            let deflated = *name == "word/document.xml";
            assert_eq!(
                method == zip::CompressionMethod::Deflated,
                deflated,
                "{name}"
            );
        }
        assert!(
            bytes.len() < big.len() / 20,
            "the document part is compressed"
        );
        assert_eq!(
            zip_parts(&parts).expect("zipped").bytes,
            bytes,
            "same bytes"
        );
    }
}
