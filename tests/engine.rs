//! The template engine, the Markdown dialect and the DOCX and HTML writers, end to end.

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
            subject: "Contoso Ltd".into(),
            keywords: vec!["FastTrack".into()],
            lang,
            footer: "Success Plan · Contoso Ltd".into(),
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
        let docx = DocxWriter::new(&Theme::default()).write(&doc).unwrap();
        std::fs::write(dir.join(format!("{}.docx", lang.tag())), docx.bytes).unwrap();
        let html = successkit::output::html::write(&doc, &Theme::default());
        std::fs::write(dir.join(format!("{}.html", lang.tag())), html).unwrap();
    }
}
