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
    // With a logo (a generated blue gradient with transparency).
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, 120, 40);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header()?;
        let px: Vec<u8> = (0..120 * 40)
            .flat_map(|i| {
                [
                    31,
                    78,
                    (i % 120) as u8 * 2,
                    if (i / 120) % 10 < 5 { 255 } else { 80 },
                ]
            })
            .collect();
        wr.write_image_data(&px)?;
    }
    let theme = Theme {
        logo: Some("logo.png".to_string()),
        ..Theme::default()
    };
    let assets = Assets {
        logo: Some(png_bytes),
        ..Assets::default()
    };
    let w = PdfWriter::new(&theme, &assets)?;
    let r = w.write(&support::plan(Lang::PtBr))?;
    std::fs::write(format!("{dir}/plan-logo.pdf"), &r.bytes)?;
    println!(
        "plan-logo: {} pages, {} bytes",
        r.pages.unwrap_or(0),
        r.bytes.len()
    );
    Ok(())
}
