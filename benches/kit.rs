//! The whole kit (four files) for one engagement: median time on one thread.
//!
//! `cargo bench --bench kit` (release). Pin it to one core for the figure in the README:
//! `taskset -c 0 cargo bench --bench kit`. The engagement is the shipped fixture
//! `fixtures/sample/itau-textil.xlsx` (six services, Portuguese), the larger sample;
//! `KIT_BENCH=fixtures/scripts:S-ZH cargo bench --bench kit` measures another input and
//! engagement (here the Chinese one of the scripts fixture).
//!
//! Each PDF writer keeps the paragraphs a batch repeats (`src/output/pdf/memo.rs`), so from
//! the third round on this loop finds every paragraph of its one kit kept: a best case.
//! `cargo bench --bench portfolio` measures the real batch.

use std::time::{Duration, Instant};
use successkit::kit::{DocChoice, DocKind, Kit, KitOptions};
use successkit::model::Lang;
use successkit::template::Templates;

const RUNS: usize = 200;

fn main() {
    let pick = std::env::var("KIT_BENCH").unwrap_or_default();
    let (file, id) = pick
        .split_once(':')
        .unwrap_or(("fixtures/sample/itau-textil.xlsx", ""));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let input = successkit::input::read_inputs(&[path], &successkit::input::Limits::default());
    let loaded = successkit::model::load(&input);
    let Some(e) = loaded
        .engagements
        .into_iter()
        .find(|e| e.valid && (id.is_empty() || e.id == *id))
    else {
        eprintln!("the fixture has no valid engagement: {:?}", loaded.problems);
        std::process::exit(2);
    };
    let kit = match Templates::new(None)
        .map_err(|e| e.to_string())
        .and_then(|t| Kit::new(t).map_err(|e| e.to_string()))
    {
        Ok(k) => k,
        Err(err) => {
            eprintln!("cannot build the kit: {err}");
            std::process::exit(2);
        }
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 8, 1).unwrap_or_default();
    let opts = KitOptions::new(Lang::En, as_of);

    let mut bytes = 0usize;
    let mut kit_once = || {
        bytes = 0;
        kit.render(&e, &opts, &mut |kind, r| match r {
            Ok(r) => bytes += r.bytes.len(),
            Err(err) => panic!("{kind}: {err}"),
        });
    };
    for _ in 0..10 {
        kit_once();
    }
    let whole = measure(RUNS, &mut kit_once);
    println!(
        "whole kit (4 files, {} KiB): median {:.2} ms, min {:.2} ms, p90 {:.2} ms over {RUNS} runs",
        bytes / 1024,
        ms(whole.0),
        ms(whole.1),
        ms(whole.2)
    );

    for choice in DocChoice::ALL {
        let doc = kit.document(&e, &opts, choice).expect("document");
        let t = measure(RUNS, &mut || {
            let _ = kit.document(&e, &opts, choice);
        });
        println!(
            "  {choice:<9} view+template+parse: median {:.3} ms",
            ms(t.0)
        );
        for &kind in choice.kinds() {
            let t = measure(RUNS, &mut || {
                let _ = kit.write(kind, &doc);
            });
            println!(
                "  {:<22} write: median {:.3} ms",
                DocKind::file_name(kind),
                ms(t.0)
            );
        }
    }
}

/// Median, min and 90th percentile of `runs` timings.
fn measure(runs: usize, f: &mut dyn FnMut()) -> (Duration, Duration, Duration) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    (t[runs / 2], t[0], t[runs * 9 / 10])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
