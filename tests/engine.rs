//! The template engine, the Markdown dialect and the DOCX and HTML writers, end to end.

mod cli_support;

use std::path::{Path, PathBuf};
use successkit::document::{markdown, Document, Meta};
use successkit::model::Lang;
use successkit::output::docx::DocxWriter;
use successkit::theme::Theme;

fn sample(lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/document-sample")
        .join(format!("{lang}.md"));
    std::fs::read_to_string(path).expect("sample exists")
}

fn sample_doc(lang: Lang) -> Document {
    Document {
        meta: Meta {
            title: "Success Plan".into(),
            author: "Ana Souza".into(),
            subject: "Success Plan: Contoso Ltd".into(),
            customer: "Contoso Ltd".into(),
            keywords: vec!["FastTrack".into()],
            lang,
            footer: "Success Plan".into(),
            date: chrono::NaiveDate::from_ymd_opt(2019, 5, 8),
            ..Meta::default()
        },
        blocks: markdown::parse(&sample(lang.tag())),
    }
}

/// Writes the samples to `target/engine-sample/` for looking at them.
#[test]
#[ignore = "writes files for a visual check"]
fn write_samples() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/engine-sample");
    std::fs::create_dir_all(&dir).unwrap();
    for lang in [Lang::En, Lang::PtBr] {
        let doc = sample_doc(lang);
        let png = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/document-sample/logo.png"),
        )
        .unwrap();
        let docx = DocxWriter::new(&Theme::default())
            .with_logo(Some(&png))
            .unwrap()
            .write(&doc)
            .unwrap();
        std::fs::write(dir.join(format!("{}.docx", lang.tag())), docx.bytes).unwrap();
        let html = successkit::output::html::write(&doc, &Theme::default());
        std::fs::write(dir.join(format!("{}.html", lang.tag())), html).unwrap();
    }
}

// ---------------------------------------------------------------- parser

fn ir(md: &str) -> serde_json::Value {
    serde_json::to_value(markdown::parse(md)).unwrap()
}

#[test]
fn parser_headings_and_subtitle() {
    insta::assert_json_snapshot!(ir(
        "# Success Plan\n\n## Contoso {.subtitle}\n\n### Gaps\n\n#### Resources\n"
    ));
}

#[test]
fn parser_inline_styles_links_and_breaks() {
    insta::assert_json_snapshot!(ir(
        "Plain **bold** *italic* ***both*** `code` and [a **link**](https://example.com).\nSoft break, hard break:  \nnext<br>after br. ~~no strike~~"
    ));
}

#[test]
fn parser_lists() {
    insta::assert_json_snapshot!(ir(
        "- one\n- two\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] open\n- <check na/> not applicable\n"
    ));
}

#[test]
fn parser_table_with_widths_and_alignment() {
    insta::assert_json_snapshot!(ir(
        "<!-- widths: 3 1 1 -->\n| Service | Status | Ready |\n|:--|:-:|--:|\n| Teams | <span class=\"good\">Done</span> | 50% |\n| Exchange \\| Online | <span class=\"bad\">Not started</span> | 0% |\n"
    ));
}

#[test]
fn parser_widths_only_apply_to_the_next_table() {
    let blocks =
        markdown::parse("<!-- widths: 3 1 -->\n\ntext\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    let Some(successkit::document::Block::Table(t)) = blocks.last() else {
        panic!("no table: {blocks:?}");
    };
    assert_eq!(t.widths, None);
}

#[test]
fn parser_callouts_quote_code_rule() {
    insta::assert_json_snapshot!(ir(
        "> [!NOTE]\n> a note\n\n> [!TIP]\n> tip\n\n> [!IMPORTANT]\n> important\n\n> [!WARNING]\n> warning\n\n> [!CAUTION]\n> caution\n\n> a plain quote\n\n```\ncode <b>\n```\n\n---\n"
    ));
}

#[test]
fn parser_page_breaks_and_slides() {
    insta::assert_json_snapshot!(ir(
        "before\n\n<!-- pagebreak -->\n\n<!-- slide -->\n## Agenda\n- one\n<!-- /slide -->\n<!-- slide -->\n## Second\ntext\n<!-- /slide -->\n\n<!-- a note for template authors -->\nafter\n"
    ));
}

#[test]
fn parser_chart() {
    insta::assert_json_snapshot!(ir(
        "```chart\ntitle: Readiness\nTeams | 0.5\nExchange \\| Online | 75%\nOver | 1.7\n```\n\n```chart\nnot a bar\n```\n"
    ));
}

#[test]
fn parser_toned_spans_checks_and_unknown_html() {
    insta::assert_json_snapshot!(ir(
        "<span class=\"good\">Done</span> <span class=\"warn\">In progress</span> <span class=\"bad\">Gap</span> <span class=\"muted\">N/A</span> <span class=\"info\">FYI</span>\n\n<check done/> <check/> <check na/>\n\n<span class=\"odd\">kept</span> <blink>shown</blink> <div>too</div>\n\n![Logo](logo.png)\n"
    ));
}

#[test]
fn parser_whole_sample() {
    insta::assert_json_snapshot!("sample_en", ir(&sample("en")));
}

// ---------------------------------------------------------------- templates

fn templates_with(files: &[(&str, &str)]) -> (tempfile::TempDir, successkit::template::Templates) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let t = successkit::template::Templates::new(Some(dir.path())).expect("templates load");
    (dir, t)
}

fn text_of_first_cell(blocks: &[successkit::document::Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        successkit::document::Block::Table(t) => t
            .rows
            .first()
            .and_then(|r| r.first())
            .map(|c| successkit::document::plain_text(c)),
        _ => None,
    })
}

#[test]
fn data_values_render_literally_in_paragraphs_and_table_cells() {
    let (_dir, t) = templates_with(&[(
        "en/probe.md.hbs",
        "Customer: {{name}}\n\n| Name | Note |\n|---|---|\n| {{name}} | {{note}} |\n\n- {{list}}\n",
    )]);
    let data = serde_json::json!({
        "name": "*Acme* | Ltd [1]",
        "note": "two\nlines",
        "list": "1. not a list <b>",
    });
    let md = t.render("probe", Lang::En, &data).unwrap();
    let blocks = markdown::parse(&md);
    let successkit::document::Block::Paragraph(p) = &blocks[0] else {
        panic!("{blocks:?}");
    };
    assert_eq!(
        successkit::document::plain_text(p),
        "Customer: *Acme* | Ltd [1]"
    );
    assert_eq!(
        text_of_first_cell(&blocks).as_deref(),
        Some("*Acme* | Ltd [1]")
    );
    let successkit::document::Block::Table(table) = &blocks[1] else {
        panic!("{blocks:?}");
    };
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].len(), 2);
    assert_eq!(
        successkit::document::plain_text(&table.rows[0][1]),
        "two\nlines"
    );
    let successkit::document::Block::List { items, .. } = &blocks[2] else {
        panic!("{blocks:?}");
    };
    let successkit::document::Block::Paragraph(item) = &items[0].blocks[0] else {
        panic!("{items:?}");
    };
    assert_eq!(successkit::document::plain_text(item), "1. not a list <b>");
}

#[test]
fn triple_stash_is_raw() {
    let (_dir, t) = templates_with(&[("en/raw.md.hbs", "{{{md}}}")]);
    let md = t
        .render("raw", Lang::En, &serde_json::json!({"md": "**bold**"}))
        .unwrap();
    assert_eq!(md, "**bold**");
}

fn strip_dir(msg: &str, dir: &Path) -> String {
    msg.replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn strict_mode_names_template_line_and_field() {
    let (dir, t) = templates_with(&[(
        "en/plan.md.hbs",
        "# {{customer.name}}\n\nTenant: {{customer.tenant}}\n\nVision: {{customer.vison}}\n",
    )]);
    let data =
        serde_json::json!({"customer": {"name": "Contoso", "tenant": "contoso", "vision": ""}});
    let err = t.render("plan", Lang::En, &data).unwrap_err();
    insta::assert_snapshot!(strip_dir(&err.to_string(), dir.path()));
}

#[test]
fn strict_mode_covers_helper_arguments_and_partials() {
    let (dir, t) = templates_with(&[
        ("en/plan.md.hbs", "Intro\n{{> row}}\n"),
        (
            "en/partials/row.md.hbs",
            "line one\n{{date workshop.dat}}\n",
        ),
    ]);
    let err = t
        .render(
            "plan",
            Lang::En,
            &serde_json::json!({"workshop": {"date": "2019-05-08"}}),
        )
        .unwrap_err();
    insta::assert_snapshot!(strip_dir(&err.to_string(), dir.path()));
}

#[test]
fn syntax_error_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pt-BR")).unwrap();
    std::fs::write(
        dir.path().join("pt-BR/plan.md.hbs"),
        "ok\nok\n{{#if x}}\nnever closed\n",
    )
    .unwrap();
    let err = successkit::template::Templates::new(Some(dir.path())).unwrap_err();
    let msg = strip_dir(&err.to_string(), dir.path());
    assert!(msg.starts_with("[DIR]/pt-BR/plan.md.hbs line "), "{msg}");
    assert!(matches!(err, successkit::template::TemplateError::Syntax { line, .. } if line > 0));
}

#[test]
fn with_both_languages_broken_the_english_error_is_the_one_reported() {
    // The languages compile on two threads; which error comes back must not depend on
    // which finishes first.
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "pt-BR"] {
        std::fs::create_dir_all(dir.path().join(lang)).unwrap();
        std::fs::write(
            dir.path().join(lang).join("success-plan.md.hbs"),
            "{{#each x}}\nnever closed\n",
        )
        .unwrap();
    }
    for _ in 0..4 {
        let err = successkit::template::Templates::new(Some(dir.path())).unwrap_err();
        let msg = strip_dir(&err.to_string(), dir.path());
        assert!(
            msg.starts_with("[DIR]/en/success-plan.md.hbs line "),
            "{msg}"
        );
    }
}

#[test]
fn helpers_follow_the_render_language() {
    let tpl = "{{date d}} | {{date none}} | {{number n}} | {{number x}} | {{percent p}} | {{percent p 1}}\n\
               {{status \"Done\"}} {{status \"In progress\"}} {{status \"Not started\"}} {{status \"N/A\"}} {{status \"Completed\"}} {{status \"Blocked\"}}\n\
               {{status_mark \"Done\"}} {{status_mark \"Blocked\"}} {{status_mark \"N/A\"}}\n\
               {{check true}} {{check false}} {{check null}} {{check \"na\"}}\n\
               {{t \"status.done\"}} {{#if (gt n 10)}}big{{/if}} {{#if (and (eq lang \"x\") (not false))}}x{{/if}} {{len items}} {{#if (or (ne 1 2) false)}}ne{{/if}}\n";
    let (_dir, t) = templates_with(&[("en/h.md.hbs", tpl), ("pt-BR/h.md.hbs", tpl)]);
    let data = serde_json::json!({
        "d": "2019-05-08", "none": null, "n": 20000, "x": 1234.5, "p": 0.755,
        "lang": "x", "items": [1, 2, 3]
    });
    let en = t.render("h", Lang::En, &data).unwrap();
    let pt = t.render("h", Lang::PtBr, &data).unwrap();
    insta::assert_snapshot!("helpers_en", en);
    insta::assert_snapshot!("helpers_pt_br", pt);
    let blocks = markdown::parse(&pt);
    let successkit::document::Block::Paragraph(p) = &blocks[0] else {
        panic!("{blocks:?}");
    };
    assert!(successkit::document::plain_text(p)
        .starts_with("08/05/2019 |  | 20.000 | 1.234,5 | 76% | 75,5%"));
}

#[test]
fn unknown_label_names_key_and_file() {
    let (_dir, t) = templates_with(&[("en/l.md.hbs", "{{t \"plan.nope\"}}")]);
    let err = t
        .render("l", Lang::En, &serde_json::json!({}))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("plan.nope") && err.contains("en/labels.toml"),
        "{err}"
    );
}

#[test]
fn overrides_replace_built_ins_by_name() {
    let builtin = successkit::template::Templates::new(None).unwrap();
    let (_dir, t) = templates_with(&[
        ("en/labels.toml", "[status]\ndone = \"Finished\"\n"),
        ("en/s.md.hbs", "{{status \"Done\"}} {{t \"status.done\"}}"),
        (
            "theme.toml",
            &successkit::theme::BUILTIN_THEME.replace("page = \"A4\"", "page = \"Letter\""),
        ),
        ("fonts/LiberationMono-Regular.ttf", "not really a font"),
    ]);
    assert_eq!(
        t.render("s", Lang::En, &serde_json::json!({})).unwrap(),
        "Finished Finished"
    );
    assert_eq!(t.theme().page, successkit::theme::PageSize::Letter);
    assert_eq!(builtin.theme().page, successkit::theme::PageSize::A4);
    assert_eq!(
        t.assets()
            .fonts
            .get("LiberationMono-Regular.ttf")
            .map(|b| &b[..]),
        Some(&b"not really a font"[..])
    );
    assert_ne!(t.fingerprint(), builtin.fingerprint());
    // pt-BR labels were not overridden.
    assert_eq!(
        t.labels(Lang::PtBr).and_then(|l| l.get("status.done")),
        Some("Concluído")
    );
}

#[test]
fn bad_theme_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("theme.toml"),
        successkit::theme::BUILTIN_THEME.replace("good = \"#c8ecd0\"", "good = \"green\""),
    )
    .unwrap();
    let err = successkit::template::Templates::new(Some(dir.path())).unwrap_err();
    assert!(
        matches!(&err, successkit::template::TemplateError::Theme { key, .. } if key == "colors.good"),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("colors.good") && msg.contains("#rrggbb"),
        "{msg}"
    );
}

#[test]
fn missing_logo_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("theme.toml"),
        successkit::theme::BUILTIN_THEME.replace("# logo = \"logo.png\"", "logo = \"logo.png\""),
    )
    .unwrap();
    let err = successkit::template::Templates::new(Some(dir.path())).unwrap_err();
    assert!(err.to_string().contains("logo.png"), "{err}");
    std::fs::write(dir.path().join("logo.png"), b"\x89PNG").unwrap();
    let t = successkit::template::Templates::new(Some(dir.path())).unwrap();
    assert_eq!(t.assets().logo.as_deref(), Some(&b"\x89PNG"[..]));
}

// ---------------------------------------------------------------- CLI export

fn successkit(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_successkit"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1557273600")
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs")
}

#[test]
fn export_writes_everything_and_the_exported_set_is_the_built_in_set() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("tpl");
    let out = successkit(&["templates", "export", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for (name, bytes) in successkit::template::builtin_files() {
        let written = std::fs::read(out_dir.join(name)).unwrap();
        assert_eq!(written, bytes, "{name}");
        assert!(stdout.contains(name), "{name} not listed in {stdout}");
    }
    assert!(stdout.contains("--templates"), "{stdout}");
    let exported = successkit::template::Templates::new(Some(&out_dir)).unwrap();
    let builtin = successkit::template::Templates::new(None).unwrap();
    assert_eq!(exported.fingerprint(), builtin.fingerprint());

    let again = successkit(&["templates", "export", out_dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("--force"), "{stderr}");

    std::fs::write(out_dir.join("theme.toml"), "edited").unwrap();
    let forced = successkit(&["templates", "export", "--force", out_dir.to_str().unwrap()]);
    assert!(forced.status.success());
    assert_eq!(
        std::fs::read_to_string(out_dir.join("theme.toml")).unwrap(),
        successkit::theme::BUILTIN_THEME
    );
}

// ---------------------------------------------------------------- DOCX

/// The parts of the DOCX the default writer makes of Markdown `md`.
fn docx_parts(md: &str) -> std::collections::BTreeMap<String, String> {
    let doc = Document {
        meta: Meta::default(),
        blocks: markdown::parse(md),
    };
    unzip(
        &DocxWriter::new(&Theme::default())
            .write(&doc)
            .unwrap()
            .bytes,
    )
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        let mut s = String::new();
        if std::io::Read::read_to_string(&mut f, &mut s).is_ok() {
            out.insert(name, s);
        }
    }
    out
}

#[test]
fn docx_has_word_styles_and_the_text() {
    let doc = sample_doc(Lang::En);
    let bytes = DocxWriter::new(&Theme::default())
        .write(&doc)
        .unwrap()
        .bytes;
    let parts = unzip(&bytes);
    let document = &parts["word/document.xml"];
    let styles = &parts["word/styles.xml"];
    for id in [
        "Title",
        "Subtitle",
        "Heading1",
        "Heading2",
        "Heading3",
        "ListBullet",
        "ListNumber",
        "SuccessTable",
        "Hyperlink",
        "Quote",
        "Callout",
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"")),
            "style {id}"
        );
    }
    assert!(styles.contains("<w:outlineLvl w:val=\"0\"/>"));
    assert!(styles.contains("w:tblStylePr w:type=\"firstRow\""));
    assert!(styles.contains("Liberation Sans"));
    assert!(document.contains("<w:tblHeader/>"));
    assert!(document.contains("w:val=\"Heading1\""));
    assert!(document.contains("w:val=\"Title\""));
    assert!(document.contains("w:val=\"ListBullet\""));
    assert!(document.contains("<w:hyperlink"));
    assert!(document.contains("Stakeholders"));
    assert!(document.contains("*Acme* | Ltd [1]"));
    // The PDF's marks: ☑ done, ☐ open.
    assert!(document.contains("\u{2611}") && document.contains("\u{2610}"));
    assert!(!document.contains("\u{2612}"));
    // Word substitutes Arial for Liberation Sans by the font table; LibreOffice has it.
    let fonts = &parts["word/fontTable.xml"];
    assert!(fonts.contains("<w:font w:name=\"Liberation Sans\"><w:altName w:val=\"Arial\"/>"));
    assert!(fonts.contains("<w:font w:name=\"Arial\">"));
    assert!(parts["word/_rels/document.xml.rels"].contains("https://aka.ms/productivitylibrary"));
    let numbering = &parts["word/numbering.xml"];
    assert!(numbering.contains("w:ilvl=\"1\""));
    // As the PDF: the footer holds the title and Page X of Y on every page; the header
    // names the customer from page 2 on (page 1 has a header of its own, empty here).
    let footer = &parts["word/footer1.xml"];
    assert!(
        footer.contains("PAGE")
            && footer.contains("NUMPAGES")
            && footer.contains(">Success Plan<")
            && !footer.contains("Contoso"),
        "{footer}"
    );
    assert_eq!(parts["word/footer2.xml"], *footer);
    assert!(parts["word/header2.xml"].contains(">Contoso Ltd<"));
    assert!(!parts["word/header1.xml"].contains("Contoso"));
    assert!(document.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader2"/>"#));
    assert!(document.contains(r#"<w:headerReference w:type="first" r:id="rIdHeader1"/>"#));
    assert!(document.contains("<w:titlePg/>"));
    // Package hygiene: every part is referenced, every .rels belongs to a part, and no
    // empty comments or footnotes parts.
    let rels = &parts["word/_rels/document.xml.rels"];
    let types = &parts["[Content_Types].xml"];
    for name in parts.keys() {
        if let Some(part) = name
            .strip_prefix("word/_rels/")
            .and_then(|r| r.strip_suffix(".rels"))
        {
            assert!(
                parts.contains_key(&format!("word/{part}")),
                "{name} without its part"
            );
        } else if let Some(part) = name.strip_prefix("word/").filter(|p| !p.contains('/')) {
            if part != "document.xml" {
                assert!(
                    rels.contains(&format!("Target=\"{part}\"")),
                    "{part} unreferenced"
                );
                assert!(
                    types.contains(&format!("/word/{part}\"")),
                    "{part} has no content type"
                );
            }
        }
    }
    for unwanted in [
        "word/comments.xml",
        "word/commentsExtended.xml",
        "word/footnotes.xml",
    ] {
        assert!(!parts.contains_key(unwanted), "{unwanted}");
    }
    // Callouts carry no label the PDF does not draw.
    for label in [">Warning<", ">Important<", ">Note<", ">Caution<", ">Tip<"] {
        assert!(!document.contains(label), "{label}");
    }
    let core = &parts["docProps/core.xml"];
    for want in [
        "<dc:title>Success Plan — Contoso Ltd</dc:title>",
        "<dc:creator>Ana Souza</dc:creator>",
        "<dc:subject>Success Plan: Contoso Ltd</dc:subject>",
        "<dc:language>en</dc:language>",
        "2019-05-08T00:00:00Z",
    ] {
        assert!(core.contains(want), "{want} in {core}");
    }
}

#[test]
fn docx_bytes_are_deterministic() {
    let writer = DocxWriter::new(&Theme::default());
    let doc = sample_doc(Lang::PtBr);
    let a = writer.write(&doc).unwrap().bytes;
    let _other = writer.write(&sample_doc(Lang::En)).unwrap();
    let b = writer.write(&doc).unwrap().bytes;
    assert!(a == b, "same document, different bytes");
    let c = std::thread::spawn(move || {
        DocxWriter::new(&Theme::default())
            .write(&doc)
            .unwrap()
            .bytes
    })
    .join()
    .unwrap();
    assert!(a == c, "different bytes on another thread");
}

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn libreoffice_opens_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::PtBr] {
        let doc = sample_doc(lang);
        let bytes = DocxWriter::new(&Theme::default())
            .write(&doc)
            .unwrap()
            .bytes;
        let path = dir.path().join(format!("{}.docx", lang.tag()));
        std::fs::write(&path, &bytes).unwrap();
        let profile = dir.path().join("lo-profile");
        let status = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("soffice runs");
        assert!(status.success());
        if lang == Lang::En {
            banded_by_the_table_style(&bytes, &path.with_extension("pdf"), dir.path());
        }
        let text = pdftotext(&path.with_extension("pdf"));
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = squeeze(&text);
        let want: &[&str] = match lang {
            Lang::En => &[
                "Success Plan",
                "Stakeholders",
                "Maria Silva",
                "*Acme* | Ltd [1]",
                "Readiness by service",
                "Page 1 of 2",
                "Why change management matters",
                "Productivity Library",
                "Two actions are overdue.",
            ],
            Lang::PtBr => &[
                "Plano de Sucesso",
                "Fatores de sucesso",
                "Em andamento",
                "*Acme* | Ltda [1]",
                "Página 1 de ",
                "Duas ações estão atrasadas.",
            ],
        };
        for w in want {
            assert!(text.contains(w), "{w:?} not in {text}");
        }
        // The running header names the customer on page 2, after page 1's footer.
        let page2 = text
            .split_once("1 de ")
            .or_else(|| text.split_once("1 of "));
        assert!(
            page2.is_some_and(|(_, rest)| rest.contains("Contoso Ltd")),
            "no header on page 2: {text}"
        );
        for label in ["Aviso", "Observação", "Warning", "Important"] {
            assert!(!text.contains(label), "callout label {label:?} in {text}");
        }
    }
}

/// A table's bands are the table style's, not each cell's (so a row added in Word keeps
/// them alternating), and LibreOffice draws them: the stripe colour fills some of the
/// page, though no cell of `document.xml` names it.
fn banded_by_the_table_style(docx: &[u8], pdf: &Path, dir: &Path) {
    let c = Theme::default().colors.stripe;
    let stripe = format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let parts = unzip(docx);
    let (body, styles) = (&parts["word/document.xml"], &parts["word/styles.xml"]);
    assert!(body.contains("<w:tbl>"), "the sample has tables");
    assert!(
        !body.contains(&format!("w:fill=\"{stripe}\"")),
        "a cell shaded with the stripe directly"
    );
    assert!(
        styles.contains(&format!(
            "<w:tblStylePr w:type=\"band2Horz\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{stripe}\"/>"
        )),
        "the table style has no band: {styles}"
    );
    let pages = cli_support::pdf_unpacked(pdf, dir);
    let want = [c.0, c.1, c.2].map(|v| f32::from(v) / 255.0);
    let fills = pages
        .lines()
        .filter_map(|l| l.trim_start_matches("q ").strip_suffix(" rg"))
        .filter(|rgb| {
            let v: Vec<f32> = rgb.split(' ').filter_map(|n| n.parse().ok()).collect();
            v.len() == 3 && v.iter().zip(want).all(|(a, b)| (a - b).abs() < 0.003)
        })
        .count();
    assert!(
        fills > 0,
        "LibreOffice drew no stripe (#{stripe}) in {}",
        pdf.display()
    );
}

// ---------------------------------------------------------------- HTML

#[test]
fn html_is_self_contained_with_inline_styles() {
    let html = successkit::output::html::write(&sample_doc(Lang::En), &Theme::default());
    assert!(!html.contains("<style"));
    assert!(!html.contains("<script"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<th style=\"background:#1f4e79;color:#ffffff"));
    assert!(html.contains("*Acme* | Ltd [1]"));
    assert!(html.contains("&lt;blink&gt;ok&lt;/blink&gt;"));
    assert!(html.contains("\u{2611}") && html.contains("\u{2610}"));
    assert!(html.contains("<a href=\"https://aka.ms/productivitylibrary\""));
    assert!(html.contains("background:#c8ecd0"));
}

#[test]
fn charts_render_from_data_with_escaped_labels() {
    let (_dir, t) = templates_with(&[(
        "en/c.md.hbs",
        "```chart\ntitle: Readiness by service\n{{#each services}}\n{{name}} | {{readiness}}\n{{/each}}\n```\n",
    )]);
    let data = serde_json::json!({"services": [
        {"name": "Teams | *Chat*", "readiness": 0.5},
        {"name": "Exchange", "readiness": 1},
    ]});
    let blocks = markdown::parse(&t.render("c", Lang::En, &data).unwrap());
    let [successkit::document::Block::Chart(chart)] = blocks.as_slice() else {
        panic!("{blocks:?}");
    };
    assert_eq!(chart.title, "Readiness by service");
    assert_eq!(
        chart.bars,
        vec![
            ("Teams | *Chat*".to_string(), 0.5),
            ("Exchange".to_string(), 1.0)
        ]
    );
}

mod properties {
    use proptest::prelude::*;
    use successkit::document::{markdown, plain_text, Block};
    use successkit::template::escape_markdown;

    proptest! {
        #[test]
        fn parsing_never_panics(s in "(?s).{0,200}") {
            let _ = markdown::parse(&s);
        }

        #[test]
        fn parsing_markdownish_text_never_panics(s in "[-#*_`>|<!\\[\\]()a-z0-9 \n:./{}]{0,120}") {
            let _ = markdown::parse(&s);
        }

        #[test]
        fn escaped_values_read_back_as_written(s in "[ -~àéçãõ\n]{1,60}") {
            prop_assume!(s.trim() == s && !s.contains("\n ") && !s.contains(" \n") && !s.contains("\n\n"));
            for md in [escape_markdown(&s), format!("| h |\n|---|\n| {} |\n", escape_markdown(&s))] {
                let blocks = markdown::parse(&md);
                let text = match blocks.as_slice() {
                    [Block::Paragraph(p)] => plain_text(p),
                    [Block::Table(t)] if t.rows.len() == 1 && t.rows[0].len() == 1 => plain_text(&t.rows[0][0]),
                    other => return Err(TestCaseError::fail(format!("{md:?} gave {other:?}"))),
                };
                prop_assert_eq!(&text, &s, "from {:?}", md);
            }
        }
    }
}

#[test]
fn engine_types_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<successkit::template::Templates>();
    shared::<DocxWriter>();
}

#[test]
fn unused_overrides_are_reported() {
    let (_dir, t) = templates_with(&[
        ("en/success-plan.hbs", "typo: no .md"),
        ("en/mine.md.hbs", "a new template"),
        ("en/partials/row.md.hbs", "a partial"),
        ("theme.toml", successkit::theme::BUILTIN_THEME),
        ("notes.txt", "not ours"),
    ]);
    assert_eq!(
        t.unused_overrides(),
        vec!["en/success-plan.hbs", "notes.txt"]
    );
}

mod docx_properties {
    use proptest::prelude::*;
    use successkit::document::{markdown, Document, Meta};
    use successkit::output::docx::DocxWriter;
    use successkit::theme::Theme;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_markdown_gives_a_complete_package(s in "[-#*_`>|<!\\[\\]()a-z0-9 \n:./{}\u{1}\u{fffe}]{0,160}") {
            let doc = Document { meta: Meta::default(), blocks: markdown::parse(&s) };
            let bytes = DocxWriter::new(&Theme::default()).write(&doc).unwrap().bytes;
            let parts = super::unzip(&bytes);
            let body = &parts["word/document.xml"];
            prop_assert!(body.ends_with("</w:body></w:document>"));
            let clean = !body.contains('\u{1}') && !body.contains('\u{fffe}');
            prop_assert!(clean, "control characters in document.xml");
            prop_assert_eq!(body.matches("<w:tbl>").count(), body.matches("</w:tbl>").count());
            prop_assert_eq!(body.matches("<w:p>").count(), body.matches("</w:p>").count());
        }
    }
}

#[test]
fn docx_numbered_lists_restart_at_their_own_start_and_level() {
    let parts = docx_parts("1. a\n2. b\n\ntext\n\n3. c\n\n   5. nested\n");
    let numbering = &parts["word/numbering.xml"];
    assert!(numbering.contains(r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>"#));
    assert!(numbering.contains(r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>"#));
    assert!(numbering.contains(r#"<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/>"#));
    let document = &parts["word/document.xml"];
    assert_eq!(document.matches(r#"<w:numId w:val="12"/>"#).count(), 2);
    assert_eq!(document.matches(r#"<w:numId w:val="13"/>"#).count(), 1);
}

#[test]
fn docx_keeps_a_short_lead_in_with_the_table_or_list_it_introduces() {
    let long = "A long paragraph that goes on. ".repeat(12);
    let md = format!(
        "## Portal tasks\n\nShort lead-in:\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n\
         Before a list:\n\n- one\n- two\n\n{long}\n\n| C | D |\n| --- | --- |\n| 3 | 4 |\n\n\
         Plain paragraph.\n\nAnother one.\n"
    );
    let parts = docx_parts(&md);
    let document = &parts["word/document.xml"];
    // Each paragraph's properties, found by its text.
    let ppr = |text: &str| -> &str {
        let at = document.find(text).unwrap_or_else(|| panic!("{text}"));
        let start = document[..at].rfind("<w:p>").expect("its paragraph");
        &document[start..at]
    };
    assert!(ppr("Short lead-in:").contains("<w:keepNext/>"));
    assert!(ppr("Before a list:").contains("<w:keepNext/>"));
    // A paragraph of more than three lines, or one before another paragraph, is free.
    assert!(!ppr(long.trim_end()).contains("<w:keepNext/>"));
    assert!(!ppr("Plain paragraph.").contains("<w:keepNext/>"));
}

#[test]
fn docx_tables_break_as_the_pdf_does_three_rows_on_a_side_five_or_fewer_whole() {
    // Which body rows keep with the next (every paragraph of the row has keepNext).
    let kept = |rows: usize| -> Vec<bool> {
        let mut md = String::from("| A | B |\n| --- | --- |\n");
        for i in 0..rows {
            md.push_str(&format!("| row{i} | x |\n"));
        }
        let parts = docx_parts(&md);
        let document = &parts["word/document.xml"];
        let body = &document[document.find("<w:tbl>").expect("a table")..];
        body.split("<w:tr>")
            .skip(2) // before the table, and the header row
            .map(|row| {
                let paras = row.matches("<w:p>").count();
                assert!(paras > 0, "{row}");
                let keep = row.matches("<w:keepNext/>").count();
                assert!(keep == 0 || keep == paras, "all of a row or none: {row}");
                keep == paras
            })
            .collect()
    };
    assert_eq!(kept(4), [true, true, true, false], "five or fewer: whole");
    assert_eq!(kept(5), [true, true, true, true, false]);
    assert_eq!(
        kept(8),
        [true, true, false, false, false, true, true, false],
        "three rows at the top and three at the foot of any break"
    );
}

#[test]
fn docx_columns_give_room_they_do_not_need_to_the_ones_that_wrap_but_blank_ones_keep_theirs() {
    let long = "A responsibility that runs on for a good many words and wraps. ".repeat(3);
    let md = format!(
        "<!-- widths: 1 1 1 -->\n| ID | Text | Owner |\n| --- | --- | --- |\n\
         | 7 | {long} | &nbsp; |\n| 8 | {long} | &nbsp; |\n"
    );
    let parts = docx_parts(&md);
    let document = &parts["word/document.xml"];
    let grid: Vec<i32> = document
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(grid.len(), 3, "{grid:?}");
    let total: i32 = grid.iter().sum();
    // The ID column needs a few characters of its third; the text takes the rest; the
    // blank Owner column (to write in) keeps its third.
    assert!(grid[0] < total / 6, "{grid:?}");
    assert!(grid[1] > total / 2, "{grid:?}");
    assert!((grid[2] - total / 3).abs() <= 2, "{grid:?}");
}

#[test]
fn docx_shows_the_logo_on_the_first_page() {
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/document-sample/logo.png"),
    )
    .unwrap();
    let writer = DocxWriter::new(&Theme::default())
        .with_logo(Some(&png))
        .unwrap();
    let parts = unzip(&writer.write(&sample_doc(Lang::En)).unwrap().bytes);
    assert!(parts["word/document.xml"]
        .contains(r#"<w:headerReference w:type="first" r:id="rIdHeader1"/>"#));
    assert!(parts["word/document.xml"].contains("<w:titlePg/>"));
    // 240 × 80 px fits 40 × 15 mm as 40 × 13.3 mm.
    assert!(parts["word/header1.xml"].contains(r#"<wp:extent cx="1440000" cy="480000"/>"#));
    assert!(parts["[Content_Types].xml"].contains(r#"Extension="png""#));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(
        writer.write(&sample_doc(Lang::En)).unwrap().bytes,
    ))
    .unwrap();
    let mut logo = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("word/media/logo.png").unwrap(), &mut logo)
        .unwrap();
    assert_eq!(logo, png);
    assert!(matches!(
        DocxWriter::new(&Theme::default()).with_logo(Some(b"GIF89a")),
        Err(successkit::output::docx::DocxError::Logo)
    ));
}
