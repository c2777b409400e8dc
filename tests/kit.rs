//! The kit end to end: templates rendered from real views, parsed into the IR, written
//! as PDF and DOCX and read back.

mod common;

use common::*;
use successkit::kit::{DocChoice, Kit, KitOptions};
use successkit::model::Lang;
use successkit::template::Templates;

fn kit() -> Kit {
    Kit::new(Templates::new(None).expect("built-in templates load")).expect("kit builds")
}

fn opts(lang: Lang) -> KitOptions {
    KitOptions::new(lang, d(2026, 11, 24))
}

#[test]
fn dump_markdown() {
    let k = kit();
    for lang in [Lang::En, Lang::PtBr] {
        for c in DocChoice::ALL {
            for e in [contoso(), bare()] {
                let md = k
                    .markdown(&e, &opts(lang), c)
                    .unwrap_or_else(|err| panic!("{c} {lang:?}: {err}"));
                if std::env::var("DUMP").is_ok() {
                    println!("===== {c} {lang:?} {}\n{md}", e.id);
                }
            }
        }
    }
}
