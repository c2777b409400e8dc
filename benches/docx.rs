//! DOCX writer benchmark: a Success Plan-like document (six pages in LibreOffice) with four tables
//! (120 body rows in all), written 200 times on one thread; prints the median.
//!
//! `cargo bench --bench docx` (release). Target: at most 3 ms.

use std::time::{Duration, Instant};
use successkit::document::{markdown, Document, Meta};
use successkit::output::docx::DocxWriter;
use successkit::theme::Theme;

fn markdown_source() -> String {
    let mut md = String::from("# Success Plan\n\n## Contoso Ltd {.subtitle}\n\n");
    md.push_str("Prepared by **Ana Souza** after the Success Workshop. See the [portal](https://fasttrack.microsoft.com/).\n\n");
    md.push_str("> [!NOTE]\n> This plan is yours to edit.\n\n");
    let statuses = [
        "good\">Done",
        "warn\">In progress",
        "bad\">Not started",
        "muted\">N/A",
    ];
    for t in 0..4 {
        md.push_str(&format!("## Section {}\n\n", t + 1));
        md.push_str("The FastTrack Manager and the customer agree the tasks, owners and dates below, and review them at every check-in.\n\n");
        md.push_str("<!-- widths: 1 4 2 2 2 2 -->\n| ID | Task | Owner | Due | Status | Note |\n|---:|---|---|---|:-:|---|\n");
        for r in 0..30 {
            md.push_str(&format!(
                "| {} | Workshop to Drive Success, part {r} | Maria Silva | 2019-05-{:02} | <span class=\"{}</span> | Follow up with **champions** |\n",
                3700 + r,
                (r % 28) + 1,
                statuses[r % 4]
            ));
        }
        md.push_str("\n- Identify stakeholders\n- Prioritise scenarios\n  - nested detail\n- [x] Communications plan\n\n");
    }
    md.push_str("```chart\ntitle: Readiness\nTeams | 0.5\nExchange | 0.75\n```\n");
    md
}

fn main() {
    let doc = Document {
        meta: Meta {
            title: "Success Plan".into(),
            author: "Ana Souza".into(),
            customer: "Contoso Ltd".into(),
            footer: "Success Plan".into(),
            date: chrono::NaiveDate::from_ymd_opt(2019, 5, 8),
            ..Meta::default()
        },
        blocks: markdown::parse(&markdown_source()),
    };
    let writer = DocxWriter::new(&Theme::default());
    let first = writer.write(&doc).expect("writes").bytes;
    let size = first.len();
    // To look at what is measured: DOCX_BENCH_OUT=/tmp/bench.docx cargo bench --bench docx
    if let Some(path) = std::env::var_os("DOCX_BENCH_OUT") {
        std::fs::write(path, &first).expect("writes the sample");
    }
    for _ in 0..20 {
        let _ = writer.write(&doc);
    }
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            let out = writer.write(&doc).expect("writes");
            std::hint::black_box(out);
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "docx: 4 tables, 120 rows, {} KiB: median {:.2} ms (min {:.2}, max {:.2}) over {} runs",
        size / 1024,
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
}
