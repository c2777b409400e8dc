//! Writes the sample documents of `tests/support` as PDFs into a folder, to look at.
#[path = "../tests/support/mod.rs"]
mod support;

use successkit::model::Lang;
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::Theme;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/pdf-samples".to_string());
    std::fs::create_dir_all(&dir)?;
    let w = PdfWriter::new(&Theme::default(), &Assets::default())?;
    for (name, doc) in [
        ("plan-en", support::plan(Lang::En)),
        ("plan-pt", support::plan(Lang::PtBr)),
        ("handout-en", support::handout(Lang::En)),
        ("handout-pt", support::handout(Lang::PtBr)),
        ("bench", support::bench_doc()),
    ] {
        let r = w.write(&doc)?;
        std::fs::write(format!("{dir}/{name}.pdf"), &r.bytes)?;
        println!(
            "{name}: {} pages, {} bytes",
            r.pages.unwrap_or(0),
            r.bytes.len()
        );
    }
    Ok(())
}
