//! Archival and accessibility metadata: the document information dictionary and the XMP
//! metadata stream written from the same values (PDF/A requires them to agree), the
//! PDF/A-2b identification and sRGB output intent, and the PDF/UA-1 identification.
//!
//! The sRGB profile is made here, byte for byte, from the published sRGB primaries and
//! transfer curve (IEC 61966-2-1), as a small ICC version 2 display profile: no profile
//! file to ship or license, and the same bytes every time.

use super::obj::{name, text, Dict, File, Filter, Obj};
use crate::document::Meta;
use crate::output::deflate::zlib;
use crate::output::xml_escape;
use crate::theme::PdfStandards;
use std::sync::OnceLock;

/// The name the output intent and the profile give their colour space.
const SRGB: &str = "sRGB IEC61966-2.1";

/// What [`apply`] added for the catalog and the trailer.
pub(crate) struct Added {
    /// The document information dictionary.
    pub(crate) info: u32,
    /// The XMP metadata stream (tagged or archival documents).
    pub(crate) metadata: Option<u32>,
    /// The PDF/A output intent (archival documents).
    pub(crate) intent: Option<u32>,
}

/// Writes the info dictionary, and the XMP metadata from the same values (when the
/// document is tagged or archival) and the PDF/A output intent (when archival).
pub(crate) fn apply(f: &mut File, meta: &Meta, std: PdfStandards, producer: &str) -> Added {
    let meta = &meta.for_properties();
    let title = meta.full_title();
    let keywords = meta.keywords.join(",");
    let date = meta.date.map(|d| d.format("%Y%m%d").to_string());
    let mut info = Dict::new();
    info.set("Title", text(&title));
    if !meta.author.trim().is_empty() {
        info.set("Author", text(&meta.author));
    }
    if !meta.subject.trim().is_empty() {
        info.set("Subject", text(&meta.subject));
    }
    if !keywords.is_empty() {
        info.set("Keywords", text(&keywords));
    }
    info.set("Creator", text("successkit"));
    info.set("Producer", text(producer));
    if let Some(d) = &date {
        let pdf_date = Obj::Str(format!("D:{d}000000Z").into_bytes());
        info.set("CreationDate", pdf_date.clone());
        info.set("ModDate", pdf_date);
    }
    let info = f.add_dict(info);
    if !std.tagged && !std.archival {
        return Added {
            info,
            metadata: None,
            intent: None,
        };
    }
    let xmp = xmp(meta, &title, &keywords, producer, meta.date, std);
    let mut d = Dict::typed("Metadata");
    d.set("Subtype", name("XML"));
    // PDF/A: the metadata stays readable without decoding.
    let metadata = Some(f.add_stream(d, xmp.into_bytes(), Filter::None));
    let intent = std.archival.then(|| {
        // Made and deflated once per process: the same bytes for every document.
        static ICC: OnceLock<Vec<u8>> = OnceLock::new();
        let icc = ICC.get_or_init(|| zlib(&srgb_profile()));
        let mut p = Dict::new();
        p.set("N", Obj::Int(3));
        let icc = f.add_stream(p, icc.clone(), Filter::Deflated);
        let mut oi = Dict::typed("OutputIntent");
        oi.set("S", name("GTS_PDFA1"));
        oi.set(
            "OutputConditionIdentifier",
            Obj::Str(SRGB.as_bytes().to_vec()),
        );
        oi.set("RegistryName", Obj::Str(b"http://www.color.org".to_vec()));
        oi.set("Info", Obj::Str(SRGB.as_bytes().to_vec()));
        oi.set("DestOutputProfile", Obj::Ref(icc));
        f.add_dict(oi)
    });
    Added {
        info,
        metadata,
        intent,
    }
}

/// The XMP packet: the info dictionary's values, the language, and the PDF/A and PDF/UA
/// identification (with the extension schema PDF/A asks for `pdfuaid`, which it does not
/// predefine).
fn xmp(
    meta: &Meta,
    title: &str,
    keywords: &str,
    producer: &str,
    date: Option<chrono::NaiveDate>,
    std: PdfStandards,
) -> String {
    let mut x = String::with_capacity(3000);
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(concat!(
        "<rdf:Description rdf:about=\"\"",
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"",
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"",
        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"",
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    ));
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        xml_escape(title)
    ));
    if !meta.author.trim().is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(&meta.author)
        ));
    }
    if !meta.subject.trim().is_empty() {
        x.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(&meta.subject)
        ));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        meta.lang.tag()
    ));
    if !keywords.is_empty() {
        x.push_str(&format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            xml_escape(keywords)
        ));
    }
    x.push_str(&format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        xml_escape(producer)
    ));
    x.push_str("<xmp:CreatorTool>successkit</xmp:CreatorTool>\n");
    if let Some(d) = date {
        let t = d.format("%Y-%m-%dT00:00:00Z");
        x.push_str(&format!(
            "<xmp:CreateDate>{t}</xmp:CreateDate>\n<xmp:ModifyDate>{t}</xmp:ModifyDate>\n<xmp:MetadataDate>{t}</xmp:MetadataDate>\n"
        ));
    }
    if std.archival {
        x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    if std.tagged {
        x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
        x.push_str(concat!(
            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n",
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
            "<pdfaProperty:name>part</pdfaProperty:name>\n",
            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
            "<pdfaProperty:category>internal</pdfaProperty:category>\n",
            "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n",
            "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
        ));
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}

/// s15Fixed16Number.
fn fixed(out: &mut Vec<u8>, v: f64) {
    out.extend_from_slice(&((v * 65536.0).round() as i32).to_be_bytes());
}

fn xyz_tag(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    fixed(&mut t, x);
    fixed(&mut t, y);
    fixed(&mut t, z);
    t
}

/// A small ICC v2.1 sRGB display profile (about 900 bytes): D50 media white, the sRGB
/// primaries adapted to D50 (Bradford), and the sRGB transfer curve as a 256-entry table.
pub(crate) fn srgb_profile() -> Vec<u8> {
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend_from_slice(&(SRGB.len() as u32 + 1).to_be_bytes());
    desc.extend_from_slice(SRGB.as_bytes());
    desc.push(0);
    desc.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend_from_slice(b"No copyright, use freely\0");
    let mut curv = b"curv\0\0\0\0".to_vec();
    let n = 256u32;
    curv.extend_from_slice(&n.to_be_bytes());
    for i in 0..n {
        let v = f64::from(i) / f64::from(n - 1);
        let lin = if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        curv.extend_from_slice(&((lin * 65535.0).round() as u16).to_be_bytes());
    }
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", cprt),
        (b"wtpt", xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz_tag(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz_tag(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz_tag(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curv),
    ];
    // The three curves share one table.
    let count = tags.len() as u32 + 2;
    let mut table = Vec::new();
    let mut data = Vec::new();
    let base = 128 + 4 + 12 * count as usize;
    let mut trc = (0u32, 0u32);
    for (sig, body) in &tags {
        let off = (base + data.len()) as u32;
        let len = body.len() as u32;
        table.extend_from_slice(*sig);
        table.extend_from_slice(&off.to_be_bytes());
        table.extend_from_slice(&len.to_be_bytes());
        if *sig == b"rTRC" {
            trc = (off, len);
        }
        data.extend_from_slice(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    for sig in [b"gTRC", b"bTRC"] {
        table.extend_from_slice(sig);
        table.extend_from_slice(&trc.0.to_be_bytes());
        table.extend_from_slice(&trc.1.to_be_bytes());
    }
    let size = (base + data.len()) as u32;
    let mut p = Vec::with_capacity(size as usize);
    p.extend_from_slice(&size.to_be_bytes());
    p.extend_from_slice(&[0; 4]); // preferred CMM: none
    p.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    p.extend_from_slice(b"mntrRGB XYZ ");
    // Date of creation: fixed, so the bytes never change (2026-01-01 00:00:00).
    for v in [2026u16, 1, 1, 0, 0, 0] {
        p.extend_from_slice(&v.to_be_bytes());
    }
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8]); // platform, flags, maker, model, attributes
    p.extend_from_slice(&0u32.to_be_bytes()); // perceptual intent
    fixed(&mut p, 0.9642);
    fixed(&mut p, 1.0);
    fixed(&mut p, 0.8249);
    p.extend_from_slice(&[0; 4 + 16 + 28]); // creator, profile id, reserved
    p.extend_from_slice(&count.to_be_bytes());
    p.extend_from_slice(&table);
    p.extend_from_slice(&data);
    p
}

#[cfg(test)]
mod tests {
    use super::srgb_profile;

    #[test]
    fn the_srgb_profile_is_well_formed() {
        let p = srgb_profile();
        assert_eq!(p.len() % 4, 0);
        assert_eq!(
            u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        let count = u32::from_be_bytes([p[128], p[129], p[130], p[131]]) as usize;
        assert_eq!(count, 9);
        for i in 0..count {
            let e = &p[132 + 12 * i..144 + 12 * i];
            let off = u32::from_be_bytes([e[4], e[5], e[6], e[7]]) as usize;
            let len = u32::from_be_bytes([e[8], e[9], e[10], e[11]]) as usize;
            assert!(off.is_multiple_of(4) && off + len <= p.len(), "tag {i}");
        }
        assert!(p.len() < 1200, "{} bytes", p.len());
    }
}
