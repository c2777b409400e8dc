//! The styles and numbering parts: Word styles (headings, lists, the table style) from
//! the theme, and the list numbering the body asked for.

use super::*;

pub(super) fn numbering_xml(numberings: &[(usize, usize, u64)]) -> String {
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">"#
    );
    let bullets = ["\u{2022}", "\u{25E6}", "\u{25AA}"];
    let _ = write!(
        x,
        r#"<w:abstractNum w:abstractNumId="{BULLET_NUM}"><w:multiLevelType w:val="hybridMultilevel"/>"#
    );
    for level in 0..9 {
        let _ = write!(
            x,
            r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
            bullets[level % 3],
            360 * (level + 1)
        );
    }
    x.push_str("</w:abstractNum>");
    let formats = ["decimal", "lowerLetter", "lowerRoman"];
    let _ = write!(
        x,
        r#"<w:abstractNum w:abstractNumId="{ORDERED_ABSTRACT}"><w:multiLevelType w:val="hybridMultilevel"/>"#
    );
    for level in 0..9 {
        let _ = write!(
            x,
            r#"<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{}"/><w:lvlText w:val="%{}."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
            formats[level % 3],
            level + 1,
            360 * (level + 1)
        );
    }
    x.push_str("</w:abstractNum>");
    let _ = write!(
        x,
        r#"<w:num w:numId="{BULLET_NUM}"><w:abstractNumId w:val="{BULLET_NUM}"/></w:num><w:num w:numId="{ORDERED_ABSTRACT}"><w:abstractNumId w:val="{ORDERED_ABSTRACT}"/></w:num>"#
    );
    // Each numbered list is its own instance so it restarts at its own first number.
    for (id, level, start) in numberings {
        let _ = write!(
            x,
            r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{ORDERED_ABSTRACT}"/><w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>"#
        );
    }
    x.push_str("</w:numbering>");
    x
}

/// The paragraph styles Word does not hyphenate in a justified document: those the PDF
/// never hyphenates (but for a word longer than its line), headings, chart titles,
/// code, captions, the running header and footer. Table cells are hyphenated: the PDF
/// breaks a word too long for its cell at a hyphenation point, and Word would
/// otherwise break it anywhere.
const UNHYPHENATED_STYLES: [&str; 10] = [
    "Title",
    "Subtitle",
    "Heading1",
    "Heading2",
    "Heading3",
    "ChartTitle",
    "Code",
    "Caption",
    "Header",
    "Footer",
];

pub(super) fn styles_xml(theme: &Theme, lang: Lang) -> String {
    let c = &theme.colors;
    let s = &theme.sizes;
    let font = xml_escape(&theme.fonts.family);
    let lang_tag = match lang {
        Lang::En => "en-US",
        Lang::PtBr => "pt-BR",
    };
    let text = hex(c.text);
    let accent = hex(c.accent);
    let muted = hex(c.muted);
    let rule = hex(c.rule);
    let info = hex(c.info);
    let mut x = String::with_capacity(12_000);
    x.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    x.push_str(&format!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/><w:color w:val="{text}"/><w:sz w:val="{body}"/><w:szCs w:val="{body}"/><w:lang w:val="{lang_tag}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        body = half_points(s.body)
    ));
    let para = |id: &str, name: &str, extra_attrs: &str, ppr: &str, rpr: &str| {
        // Justified documents are hyphenated (settings.xml), headings and the like
        // exempt (the element comes before `w:spacing` in a paragraph's properties).
        let ppr = match ppr.find("<w:spacing") {
            Some(at) if theme.text.justify && UNHYPHENATED_STYLES.contains(&id) => {
                format!("{}<w:suppressAutoHyphens/>{}", &ppr[..at], &ppr[at..])
            }
            _ => ppr.to_string(),
        };
        format!(
            r#"<w:style w:type="paragraph"{extra_attrs} w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    x.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#);
    x.push_str(&para(
        "Title",
        "Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="0" w:after="80"/><w:contextualSpacing/>"#,
        &format!(
            r#"<w:b/><w:bCs/><w:color w:val="{accent}"/><w:kern w:val="28"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.title)
        ),
    ));
    x.push_str(&para(
        "Subtitle",
        "Subtitle",
        "",
        r#"<w:keepNext/><w:spacing w:before="0" w:after="240"/>"#,
        &format!(
            r#"<w:color w:val="{muted}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.subtitle)
        ),
    ));
    for (i, size, before) in [(1, s.h2, 360), (2, s.h3, 240), (3, s.h4, 200)] {
        let border = if i == 1 {
            format!(
                r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{rule}"/></w:pBdr>"#
            )
        } else {
            String::new()
        };
        x.push_str(&para(
            &format!("Heading{i}"),
            &format!("heading {i}"),
            "",
            &format!(
                r#"<w:keepNext/><w:keepLines/>{border}<w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{}"/>"#,
                i - 1
            ),
            &format!(
                r#"<w:b/><w:bCs/><w:color w:val="{accent}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                half_points(size)
            ),
        ));
    }
    x.push_str(&para(
        "ListBullet",
        "List Bullet",
        "",
        &format!(
            r#"<w:numPr><w:numId w:val="{BULLET_NUM}"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#
        ),
        "",
    ));
    x.push_str(&para(
        "ListNumber",
        "List Number",
        "",
        &format!(
            r#"<w:numPr><w:numId w:val="{ORDERED_ABSTRACT}"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#
        ),
        "",
    ));
    x.push_str(&para(
        "ListCheck",
        "List Check",
        "",
        r#"<w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/>"#,
        "",
    ));
    x.push_str(&para(
        "ListContinue",
        "List Continue",
        "",
        r#"<w:spacing w:after="60"/><w:ind w:left="360"/>"#,
        "",
    ));
    x.push_str(&para(
        "Quote",
        "Quote",
        "",
        &format!(
            r#"<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{rule}"/></w:pBdr><w:ind w:left="360" w:right="360"/>"#
        ),
        &format!(r#"<w:i/><w:iCs/><w:color w:val="{muted}"/>"#),
    ));
    x.push_str(&para(
        "CalloutTitle",
        "Callout Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="40" w:after="40"/>"#,
        &format!(r#"<w:b/><w:bCs/><w:color w:val="{accent}"/>"#),
    ));
    x.push_str(&para(
        "Callout",
        "Callout",
        "",
        r#"<w:spacing w:after="60"/>"#,
        "",
    ));
    x.push_str(&para(
        "TableText",
        "Table Text",
        "",
        r#"<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>"#,
        &format!(
            r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.table)
        ),
    ));
    x.push_str(&para(
        "ChartTitle",
        "Chart Title",
        "",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="60"/>"#,
        &format!(r#"<w:b/><w:bCs/><w:color w:val="{accent}"/>"#),
    ));
    let mono = "Liberation Mono";
    x.push_str(&para(
        "Code",
        "Code",
        "",
        &format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{info}"/><w:spacing w:after="120" w:line="240" w:lineRule="auto"/>"#),
        &format!(
            r#"<w:rFonts w:ascii="{mono}" w:hAnsi="{mono}" w:cs="{mono}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.table)
        ),
    ));
    x.push_str(&para(
        "Rule",
        "Horizontal Rule",
        "",
        &format!(r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{rule}"/></w:pBdr><w:spacing w:after="120"/>"#),
        r#"<w:sz w:val="8"/>"#,
    ));
    x.push_str(&para(
        "Spacer",
        "Spacer",
        "",
        r#"<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>"#,
        r#"<w:sz w:val="8"/><w:szCs w:val="8"/>"#,
    ));
    x.push_str(&para(
        "Caption",
        "caption",
        "",
        r#"<w:spacing w:after="120"/>"#,
        &format!(r#"<w:i/><w:color w:val="{muted}"/>"#),
    ));
    x.push_str(&para(
        "Header",
        "header",
        "",
        r#"<w:spacing w:after="0"/>"#,
        &format!(
            r#"<w:color w:val="{muted}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.footer)
        ),
    ));
    x.push_str(&para(
        "Footer",
        "footer",
        "",
        r#"<w:spacing w:after="0"/>"#,
        &format!(
            r#"<w:color w:val="{muted}"/><w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
            half_points(s.footer)
        ),
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="{link}"/><w:u w:val="single"/></w:rPr></w:style>"#,
        link = hex(c.link)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="character" w:styleId="CodeChar"><w:name w:val="Code Char"/><w:rPr><w:rFonts w:ascii="{mono}" w:hAnsi="{mono}" w:cs="{mono}"/><w:shd w:val="clear" w:color="auto" w:fill="{info}"/></w:rPr></w:style>"#
    ));
    let borders = |sz: u32, color: &str, inside: bool| {
        let mut b = String::from("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right"] {
            b.push_str(&format!(
                r#"<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="{color}"/>"#
            ));
        }
        for side in ["insideH", "insideV"] {
            if inside {
                b.push_str(&format!(
                    r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{color}"/>"#
                ));
            } else {
                b.push_str(&format!(r#"<w:{side} w:val="nil"/>"#));
            }
        }
        b.push_str("</w:tblBorders>");
        b
    };
    let margins = |v: u32, h: u32| {
        format!(
            r#"<w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar>"#
        )
    };
    x.push_str(&format!(
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{}</w:tblPr></w:style>"#,
        margins(0, 108)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="{TABLE_STYLE}"><w:name w:val="Success Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="{tsz}"/><w:szCs w:val="{tsz}"/></w:rPr><w:tblPr><w:tblStyleRowBandSize w:val="1"/>{borders}{margins}</w:tblPr><w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{htext}"/></w:rPr><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{hfill}"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{stripe}"/></w:tcPr></w:tblStylePr></w:style>"#,
        tsz = half_points(s.table),
        borders = borders(4, &rule, true),
        margins = margins(40, 80),
        htext = hex(c.table_header_text),
        hfill = hex(c.table_header),
        stripe = hex(c.stripe),
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="CalloutTable"><w:name w:val="Callout Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:left w:val="single" w:sz="24" w:space="0" w:color="{accent}"/></w:tblBorders>{}</w:tblPr></w:style>"#,
        margins(80, 160)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="SlideFrame"><w:name w:val="Slide Frame"/><w:basedOn w:val="TableNormal"/><w:tblPr>{}{}</w:tblPr><w:trPr><w:cantSplit/></w:trPr></w:style>"#,
        borders(12, &accent, false),
        margins(160, 200)
    ));
    x.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="ChartTable"><w:name w:val="Chart Table"/><w:basedOn w:val="TableNormal"/><w:tblPr>{}</w:tblPr></w:style>"#,
        margins(20, 80)
    ));
    x.push_str("</w:styles>");
    x
}
