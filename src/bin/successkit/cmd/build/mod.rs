//! `successkit build`: every engagement's kit, the portfolio report and the manifest.
//!
//! The run, in order: read and validate the input; render engagements in parallel, each
//! one isolated (its failure, even a panic, is its own) and each file written atomically
//! as soon as it is made; skip engagements whose stamp says their documents are current;
//! write the portfolio report; write `manifest.json` last. An interrupted run leaves only
//! whole files, and running again finishes the job.

mod engagement;
mod portfolio_report;

use super::{CmdError, Outcome};
use crate::cli::{message_lang, BuildArgs};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use successkit::i18n::{CmdText, Ui};
use successkit::input::{read_inputs, Limits};
use successkit::kit::{DocChoice, Kit, KitOptions};
use successkit::model::{self, report, Lang, Loaded};
use successkit::outdir::manifest::{
    EngagementEntry, EngagementStatus, Manifest, Recipients, MANIFEST_FILE,
};
use successkit::outdir::{self, DocumentEntry};
use successkit::problem::{Problem, Severity};
use successkit::template::{TemplateError, Templates};

use engagement::{
    install_panic_hook, io_worker, merge_commits, Batch, Commit, Committed, Result_, COMMIT_QUEUE,
    IO_THREADS,
};
use portfolio_report::ReportOutcome;

/// The templates compiled (with the run's fonts and PDF standards) into the kit, and
/// their fingerprint; unused template overrides are named on stderr.
fn prepare_kit(args: &BuildArgs, lang: Lang) -> Result<(Kit, [u8; 32]), CmdError> {
    let templates = Templates::new(args.templates.as_deref())
        .map_err(|e| {
            CmdError::new(CmdText::Templates(template_error(&e, lang)))
                .with_hint(CmdText::TemplatesHint)
        })?
        .with_font_dirs(&args.font_dir);
    let mut pdf = templates.theme().pdf;
    pdf.tagged &= !args.no_pdf_tags;
    pdf.archival &= !args.no_pdfa;
    let templates = templates.with_pdf_standards(pdf);
    let fingerprint = templates.fingerprint();
    if !args.quiet {
        if let Some(dir) = &args.templates {
            // A misspelt file name silently does nothing: say so before a long run.
            for name in templates.unused_overrides() {
                eprintln!(
                    "{}",
                    Ui::unused_override(lang, &dir.join(name).display().to_string())
                );
            }
        }
    }
    let kit = Kit::new(templates).map_err(|e| CmdError::new(CmdText::Text(e.to_string())))?;
    Ok((kit, fingerprint))
}

/// Debug builds only: makes rendering the named engagement (or report file,
/// `portfolio.pdf` or `portfolio.xlsx`) panic, so tests can prove a panic stays inside
/// its engagement or file.
#[cfg(debug_assertions)]
const PANIC_ENV: &str = "SUCCESSKIT_TEST_PANIC_ON";

pub fn run(args: BuildArgs) -> Result<Outcome, CmdError> {
    let started = Instant::now();
    let only = parse_only(&args.only)?;
    let as_of = as_of(args.as_of.as_deref())?;
    let default_lang = args.lang.unwrap_or_default();
    // Problems and summaries: `--lang`, else the locale, else English.
    let lang = message_lang(args.lang);
    let out = args.output.clone();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();

    // `--jobs` bounds the reading's parallel parts too (the model's rows, the font check).
    let reading = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs(args.jobs, usize::MAX))
        .build()
        .map_err(|e| CmdError::new(CmdText::CannotStartThreads(e.to_string())))?;
    // The data is read and checked on a second thread while the templates are compiled
    // and the fonts loaded: neither depends on the other. A template error is reported
    // at once, without waiting for the reading (which writes nothing, and ends with the
    // process).
    let reading = Arc::new(reading);
    let read = {
        let (inputs, reading) = (args.inputs.clone(), reading.clone());
        move || {
            let input = read_inputs(&inputs, &Limits::default());
            reading.install(|| model::load(&input))
        }
    };
    // No thread to spare: the data is read after compiling instead.
    let reader = std::thread::Builder::new()
        .name("reader".into())
        .spawn(read.clone())
        .map_err(|_| read);
    let (kit, fingerprint) = prepare_kit(&args, lang)?;
    let mut loaded = match reader {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(read) => read(),
    };
    let fonts =
        reading.install(|| successkit::kit::fonts::font_problems(kit.pdf(), &loaded.engagements));
    loaded.problems.extend(fonts);
    drop(reading);
    if !args.quiet && !loaded.problems.is_empty() {
        // The table alone: the run's one summary line, at the end, counts them.
        eprint!("{}", report::render_problems(&loaded, color, lang));
    } else if args.quiet {
        for p in loaded.problems.iter().filter(|p| p.is_error()) {
            eprintln!("{}", p.line(lang));
        }
    }
    if loaded.engagements.is_empty() {
        eprintln!("{}: {}", Ui::Error.text(lang), Ui::NothingBuilt.text(lang));
        // The problems printed above are what `check` would list: no hint to run it.
        if !loaded.problems.iter().any(|p| p.is_error()) {
            eprintln!("{}: {}", Ui::Hint.text(lang), Ui::CheckHint.text(lang));
        }
        return Ok(Outcome::NothingRan);
    }

    std::fs::create_dir_all(&out).map_err(|e| {
        let error = CmdError::new(CmdText::CannotCreateOutput(
            out.display().to_string(),
            e.to_string(),
        ));
        if out.exists() && !out.is_dir() {
            error.with_hint(CmdText::OutputIsAFileHint(out.display().to_string()))
        } else {
            not_writable_hint(error, &e)
        }
    })?;
    let _lock = lock_output(&out, lang)?;
    outdir::remove_stale_temp_files(&out);

    let opts = KitOptions {
        default_lang,
        as_of,
        only,
    };
    let ctx = Context {
        kit: &kit,
        out: &out,
        opts: &opts,
        key_options: KeyOptions::of(&opts),
        fingerprint,
        force: args.force,
        loaded: &loaded,
        problems: loaded.problems_by_engagement(),
        manifest_removed: std::sync::Once::new(),
        inputs: &args.inputs,
    };
    let folders = outdir::folder_names(
        loaded
            .engagements
            .iter()
            .map(|e| (e.id.as_str(), e.customer.as_str())),
    );

    let want_report = !args.no_report && (args.report || loaded.engagements.len() > 1);
    let report_lang = args.lang.unwrap_or_default();
    let progress = progress_bar(loaded.engagements.len() as u64, args.quiet);
    let jobs = jobs(args.jobs, loaded.engagements.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| CmdError::new(CmdText::CannotStartThreads(e.to_string())))?;
    install_panic_hook();
    let (jobs_tx, jobs_rx) = sync_channel::<Commit>(COMMIT_QUEUE);
    let jobs_rx = Mutex::new(jobs_rx);
    let batch = Batch::open(&out);
    let (mut results, committed, ahead) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..IO_THREADS)
            .map(|_| scope.spawn(|| io_worker(&jobs_rx, batch.as_ref())))
            .collect();
        // The report is made beside the kits (one task among theirs), so it does not
        // keep one core busy alone at the end; it is written after them.
        let (results, ahead): (Vec<Result_>, _) = pool.install(|| {
            rayon::join(
                || {
                    loaded
                        .engagements
                        .par_iter()
                        .zip(folders.par_iter())
                        .enumerate()
                        .map(|(i, (e, folder))| {
                            let r = ctx.engagement(i, e, folder, &jobs_tx);
                            progress.inc(1);
                            r
                        })
                        .collect()
                },
                || want_report.then(|| ctx.report_ahead(report_lang)).flatten(),
            )
        });
        drop(jobs_tx);
        let mut committed: Vec<Committed> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        if let Some(batch) = &batch {
            committed.extend(batch.finish());
        }
        (results, committed, ahead)
    });
    merge_commits(&mut results, committed, &loaded);
    progress.finish_and_clear();

    let mut files_written: usize = results.iter().map(|r| r.written).sum();
    let mut report = ReportOutcome::default();
    if want_report {
        ctx.report(&results, report_lang, ahead, &mut report);
        files_written += report.written;
    }

    let count = |s: Status| results.iter().filter(|r| r.entry.status == s).count();
    let (ok, failed, skipped) = (
        count(Status::Ok),
        count(Status::Failed),
        count(Status::Skipped),
    );
    let mut render_problems = Vec::new();
    let mut entries = Vec::with_capacity(results.len());
    // The results are consumed into the manifest: each engagement's entry and problems
    // are held once, not copied.
    for r in results {
        render_problems.extend(r.render_problems);
        entries.push(r.entry.into_manifest());
    }
    let manifest = Manifest {
        successkit: env!("CARGO_PKG_VERSION").to_string(),
        as_of,
        engagements: entries,
        report: report.docs.clone(),
        problems: loaded
            .problems
            .iter()
            .filter(|p| p.engagement.is_none())
            .cloned()
            .collect(),
    };
    let bytes = manifest
        .to_json()
        .map_err(|e| CmdError::new(CmdText::CannotSerialiseManifest(e.to_string())))?;
    // Not written: every engagement's result and the summary are still printed (the
    // documents are made), and the run fails.
    let mut manifest_error = None;
    match outdir::write_if_changed(&out.join(MANIFEST_FILE), &bytes) {
        Ok(true) => files_written += 1,
        Ok(false) => {}
        Err(e) => {
            manifest_error = Some(CmdText::ManifestNotWritten(
                out.join(MANIFEST_FILE).display().to_string(),
                e.to_string(),
            ))
        }
    }
    outdir::sync_dir(&out);

    for p in &render_problems {
        eprintln!("{}", p.line(lang));
    }
    for e in &report.errors {
        eprintln!(
            "{}: {}: {}",
            Ui::Error.text(lang),
            Ui::PortfolioReport.text(lang),
            e.render(lang)
        );
    }
    if !args.quiet {
        let severity = |s: Severity| {
            loaded.problems.iter().filter(|p| p.severity == s).count()
                + render_problems.iter().filter(|p| p.severity == s).count()
        };
        let problems = (
            severity(Severity::Error),
            severity(Severity::Warning),
            severity(Severity::Notice),
        );
        let listed = problems != (0, 0, 0);
        eprintln!(
            "{}",
            Ui::build_summary(
                lang,
                (ok, skipped, failed),
                listed.then_some(problems),
                files_written,
                &out.display().to_string(),
                started.elapsed().as_secs_f64()
            )
        );
        if !manifest.report.is_empty() {
            let paths: Vec<String> = manifest
                .report
                .iter()
                .map(|d| outdir::resolve(&out, &d.path).display().to_string())
                .collect();
            eprintln!("{}: {}", Ui::PortfolioReport.text(lang), paths.join(", "));
        }
        // Found now, not first by `send`: the kits are made, but these will not be mailed.
        let unmailable: Vec<&str> = manifest
            .engagements
            .iter()
            .filter(|e| e.status != EngagementStatus::Failed)
            .filter(|e| {
                e.recipients
                    .as_ref()
                    .is_some_and(|r| r.contact_emails.is_empty())
            })
            .map(|e| e.id.as_str())
            .collect();
        if !unmailable.is_empty() {
            const SHOWN: usize = 5;
            let note = CmdText::NoContactEmail(
                unmailable.len(),
                ok + skipped,
                unmailable
                    .iter()
                    .take(SHOWN)
                    .map(|s| s.to_string())
                    .collect(),
            );
            eprintln!("{}: {}", Ui::Notice.text(lang), note.render(lang));
        }
    }
    if let Some(e) = &manifest_error {
        eprintln!("{}: {}", Ui::Error.text(lang), e.render(lang));
    }
    let file_errors = manifest_error.is_some()
        || loaded
            .problems
            .iter()
            .any(|p| p.is_error() && p.engagement.is_none());
    // The process ends next: freeing every engagement's strings one by one would only
    // delay it (4 % of a rerun of 2,000 unchanged engagements), and so would freeing the
    // kit's memos (every shaped word and measured paragraph of the run, the font
    // subsets) and the manifest's entries: about 70 ms at the end of 2,000 engagements.
    drop(ctx);
    std::mem::forget((loaded, kit, manifest, folders, render_problems));
    Ok(if failed > 0 || file_errors || !report.errors.is_empty() {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// Takes the output folder's lock for the whole run, waiting (with a note saying so)
/// while another `build` or `send` holds it.
pub(super) fn lock_output(out: &Path, lang: Lang) -> Result<outdir::OutLock, CmdError> {
    outdir::OutLock::acquire(out, |pid| {
        let note = CmdText::WaitingForOutput(out.display().to_string(), pid);
        eprintln!("{}: {}", Ui::Notice.text(lang), note.render(lang));
    })
    .map_err(|e| {
        let error = CmdError::new(CmdText::CannotLock(
            out.join(outdir::LOCK_FILE).display().to_string(),
            e.to_string(),
        ));
        not_writable_hint(error, &e)
    })
}

/// An output folder the run may not write into: the hint to name another.
fn not_writable_hint(error: CmdError, e: &std::io::Error) -> CmdError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            error.with_hint(CmdText::OutputNotWritableHint)
        }
        _ => error,
    }
}

/// The most rendering threads a run starts, whatever `--jobs` says: more than the cores
/// only costs memory, and a huge value would spend minutes starting threads.
const MAX_JOBS: usize = 256;

/// The rendering threads for `engagements`: `--jobs` (0 or none: one per core), never more
/// than the engagements to render nor [`MAX_JOBS`]. 0 means rayon's default.
fn jobs(asked: Option<usize>, engagements: usize) -> usize {
    match asked.filter(|&n| n > 0) {
        Some(n) => n.min(engagements.max(1)).min(MAX_JOBS),
        None => 0,
    }
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} engagements {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A template error in a language: a folder that cannot be read is worded like every
/// other "cannot read"; the rest (a template's own syntax, a key of the theme) as given.
fn template_error(e: &TemplateError, lang: Lang) -> String {
    match e {
        TemplateError::Io { path, message } => {
            CmdText::CannotRead(path.display().to_string(), message.clone()).render(lang)
        }
        e => e.to_string(),
    }
}

fn parse_only(only: &[String]) -> Result<Vec<DocChoice>, CmdError> {
    let mut choices = Vec::new();
    for s in only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let c: DocChoice = s.parse().map_err(|_| {
            CmdError::new(CmdText::UnknownDocument(s.to_string())).with_hint(CmdText::OnlyHint)
        })?;
        if !choices.contains(&c) {
            choices.push(c);
        }
    }
    Ok(choices)
}

/// `--as-of`, else `SOURCE_DATE_EPOCH`, else today (UTC).
fn as_of(given: Option<&str>) -> Result<NaiveDate, CmdError> {
    if let Some(s) = given {
        // The forms the data takes: 2024-07-12, or day first 12/07/2024, 12.7.2024.
        return successkit::model::values::parse_date_text(s).map_err(|_| {
            // The example is the date the run would use without --as-of, so it honours
            // SOURCE_DATE_EPOCH like everything else.
            let hint = CmdText::AsOfHint(as_of(None).ok().map(|d| d.to_string()));
            CmdError::new(CmdText::NotADate(s.to_string())).with_hint(hint)
        });
    }
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| CmdError::new(CmdText::EpochNotANumber(v.clone())))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .ok_or_else(|| CmdError::new(CmdText::EpochOutOfRange(secs)))
}

/// The options that change documents, as the cache key sees them.
#[derive(Serialize)]
struct KeyOptions {
    default_lang: Lang,
    as_of: NaiveDate,
    only: Vec<&'static str>,
}

impl KeyOptions {
    fn of(opts: &KitOptions) -> KeyOptions {
        KeyOptions {
            default_lang: opts.default_lang,
            as_of: opts.as_of,
            only: opts.choices().iter().map(|c| c.name()).collect(),
        }
    }
}

/// How an engagement ended. The manifest describes the output folder, not the run: an
/// engagement skipped because its documents are current is listed `ok` with the documents
/// on disk, so an unchanged rerun leaves the manifest byte for byte as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Failed,
    Skipped,
}

/// One engagement as this run ends it; [`Entry::to_manifest`] gives what the manifest lists.
#[derive(Debug)]
struct Entry {
    id: String,
    customer: String,
    folder: Option<String>,
    language: Lang,
    status: Status,
    problems: Vec<Problem>,
    documents: Vec<DocumentEntry>,
    recipients: Option<Recipients>,
}

impl Entry {
    fn into_manifest(self) -> EngagementEntry {
        EngagementEntry {
            id: self.id,
            customer: self.customer,
            folder: self.folder,
            language: self.language,
            status: match self.status {
                Status::Ok | Status::Skipped => EngagementStatus::Ok,
                Status::Failed => EngagementStatus::Failed,
            },
            problems: self.problems,
            documents: self.documents,
            recipients: self.recipients,
        }
    }
}

struct Context<'a> {
    kit: &'a Kit,
    out: &'a Path,
    opts: &'a KitOptions,
    key_options: KeyOptions,
    fingerprint: [u8; 32],
    force: bool,
    loaded: &'a Loaded,
    /// `loaded`'s problems grouped by engagement, made once (a scan per engagement was
    /// quadratic in a portfolio of many failing engagements).
    problems: std::collections::HashMap<&'a str, Vec<&'a Problem>>,
    /// Done once, before the first file of the run is replaced: see
    /// [`Context::manifest_goes_stale`].
    manifest_removed: std::sync::Once,
    /// The inputs as the user named them: the report names files relative to them.
    inputs: &'a [PathBuf],
}

impl Context<'_> {
    /// Called before a file in OUT is replaced: removes `manifest.json` (once a run), so a
    /// run interrupted mid-way never leaves a manifest whose sizes and hashes no longer
    /// match the files. The run writes it again, whole, as its last step; an unchanged
    /// rerun replaces nothing and leaves it untouched.
    fn manifest_goes_stale(&self) {
        self.manifest_removed.call_once(|| {
            let _ = std::fs::remove_file(self.out.join(MANIFEST_FILE));
            outdir::sync_dir(self.out);
        });
    }
}
