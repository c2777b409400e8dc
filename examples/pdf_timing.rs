#[path = "../tests/support/mod.rs"]
mod support;
fn main() {
    let w = successkit::output::pdf::PdfWriter::new(&Default::default(), &Default::default()).unwrap();
    let d = support::bench_doc();
    for _ in 0..200 { w.write(&d).unwrap(); }
}
