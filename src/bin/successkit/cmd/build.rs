//! `successkit build`: every engagement's kit, the portfolio report and the manifest.
//!
//! The run, in order: read and validate the input; render engagements in parallel, each
//! one isolated (its failure, even a panic, is its own) and each file written atomically
//! as soon as it is made; skip engagements whose stamp says their documents are current;
//! write the portfolio report; write `manifest.json` last. An interrupted run leaves only
//! whole files, and running again finishes the job.

use super::{CmdError, Outcome};
use crate::cli::BuildArgs;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::io::IsTerminal;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use successkit::document::{markdown, Document, Layout, Meta};
use successkit::input::{read_inputs, Limits};
use successkit::kit::{DocChoice, DocKind, Kit, KitOptions};
use successkit::model::{self, report, Engagement, Lang, Loaded};
use successkit::outdir::{self, DocumentEntry, Stamp};
use successkit::output::pdf::PdfWriter;
use successkit::output::Rendered;
use successkit::portfolio::{Labels, Portfolio};
use successkit::problem::{Problem, Severity};
use successkit::template::Templates;
use tempfile::NamedTempFile;

/// The manifest's file name in the output folder.
const MANIFEST: &str = "manifest.json";

/// Debug builds only: makes rendering the named engagement panic, so tests can prove a
/// panic stays inside its engagement.
#[cfg(debug_assertions)]
const PANIC_ENV: &str = "SUCCESSKIT_TEST_PANIC_ON";

thread_local! {
    /// The last panic's message on this thread, taken by the hook so it is reported as a
    /// problem of its engagement instead of scribbled over the progress bar.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether this thread is inside [`isolated`]; panics elsewhere keep the default report.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Routes the panics of [`isolated`] work into [`LAST_PANIC`]; any other panic goes to the
/// hook that was in place, so a bug outside rendering is still reported in full.
fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if ISOLATED.with(Cell::get) {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
        } else {
            previous(info);
        }
    }));
}

/// Runs `f`, turning a panic into an error message instead of ending the program.
fn isolated<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = ISOLATED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ISOLATED.with(|c| c.set(was));
    result.map_err(|_| {
        let message = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".into());
        format!(
            "internal error while rendering (please report it): {}",
            message.replace('\n', " ")
        )
    })
}

pub fn run(args: BuildArgs) -> Result<Outcome, CmdError> {
    let started = Instant::now();
    let only = parse_only(&args.only)?;
    let as_of = as_of(args.as_of.as_deref())?;
    let default_lang = args.lang.unwrap_or_default();
    let out = args.output.clone();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();

    let templates = Templates::new(args.templates.as_deref()).map_err(|e| {
        CmdError::new(format!("templates: {e}"))
            .with_hint("`successkit templates export DIR` writes the built-ins to start from")
    })?;
    let fingerprint = templates.fingerprint();
    let kit = Kit::new(templates).map_err(|e| CmdError::new(e.to_string()))?;

    let loaded = {
        let input = read_inputs(&args.inputs, &Limits::default());
        model::load(&input)
    };
    if !args.quiet && !loaded.problems.is_empty() {
        eprint!("{}", report::render_text(&loaded, color));
        eprintln!();
    } else if args.quiet {
        for p in loaded.problems.iter().filter(|p| p.is_error()) {
            eprintln!("{p}");
        }
    }
    if loaded.engagements.is_empty() {
        eprintln!("error: no engagement could be read; nothing was built");
        eprintln!("hint: `successkit check INPUT` lists what is wrong with each file");
        return Ok(Outcome::NothingRan);
    }

    std::fs::create_dir_all(&out).map_err(|e| {
        CmdError::new(format!(
            "cannot create the output folder {}: {e}",
            out.display()
        ))
    })?;
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
    };
    let folders = outdir::folder_names(
        loaded
            .engagements
            .iter()
            .map(|e| (e.id.as_str(), e.customer.as_str())),
    );

    let progress = progress_bar(loaded.engagements.len() as u64, args.quiet);
    let jobs = args.jobs.filter(|&n| n > 0).unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| CmdError::new(format!("cannot start worker threads: {e}")))?;
    install_panic_hook();
    let (jobs_tx, jobs_rx) = sync_channel::<Commit>(COMMIT_QUEUE);
    let jobs_rx = Mutex::new(jobs_rx);
    let (mut results, committed) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..IO_THREADS)
            .map(|_| scope.spawn(|| io_worker(&jobs_rx)))
            .collect();
        let results: Vec<Result_> = pool.install(|| {
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
        });
        drop(jobs_tx);
        let committed: Vec<Committed> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        (results, committed)
    });
    merge_commits(&mut results, committed, &loaded);
    progress.finish_and_clear();

    let mut files_written: usize = results.iter().map(|r| r.written).sum();
    let mut report = ReportOutcome::default();
    let want_report = !args.no_report && (args.report || loaded.engagements.len() > 1);
    if want_report {
        ctx.report(&results, args.lang.unwrap_or_default(), &mut report);
        files_written += report.written;
    }

    let manifest = Manifest {
        successkit: env!("CARGO_PKG_VERSION"),
        as_of: as_of.to_string(),
        engagements: results.iter().map(|r| &r.entry).collect(),
        report: report.docs.clone(),
        problems: loaded
            .problems
            .iter()
            .filter(|p| p.engagement.is_none())
            .collect(),
    };
    let bytes = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| CmdError::new(format!("cannot serialise the manifest: {e}")))?;
    match outdir::write_if_changed(&out.join(MANIFEST), &bytes) {
        Ok(true) => files_written += 1,
        Ok(false) => {}
        Err(e) => {
            return Err(CmdError::new(format!(
                "cannot write {}: {e}",
                out.join(MANIFEST).display()
            )))
        }
    }
    outdir::sync_dir(&out);

    let count = |s: Status| results.iter().filter(|r| r.entry.status == s).count();
    let (ok, failed, skipped) = (
        count(Status::Ok),
        count(Status::Failed),
        count(Status::Skipped),
    );
    for r in &results {
        for p in &r.render_problems {
            eprintln!("{p}");
        }
    }
    for e in &report.errors {
        eprintln!("error: portfolio report: {e}");
    }
    if !args.quiet {
        eprintln!(
            "{}",
            summary(ok, failed, skipped, files_written, &out, started.elapsed())
        );
        if !manifest.report.is_empty() {
            let paths: Vec<String> = manifest
                .report
                .iter()
                .map(|d| outdir::resolve(&out, &d.path).display().to_string())
                .collect();
            eprintln!("portfolio report: {}", paths.join(", "));
        }
    }
    let file_errors = loaded
        .problems
        .iter()
        .any(|p| p.is_error() && p.engagement.is_none());
    Ok(if failed > 0 || file_errors || !report.errors.is_empty() {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}

/// `12 ready (3 rendered, 9 unchanged), 1 failed; 12 files written to out in 2.4 s`
fn summary(
    ok: usize,
    failed: usize,
    skipped: usize,
    files: usize,
    out: &Path,
    elapsed: Duration,
) -> String {
    let ready = ok + skipped;
    format!(
        "{ready} {} ready ({ok} rendered, {skipped} unchanged), {failed} failed; \
         {files} {} written to {} in {:.1} s",
        if ready == 1 {
            "engagement"
        } else {
            "engagements"
        },
        if files == 1 { "file" } else { "files" },
        out.display(),
        elapsed.as_secs_f64()
    )
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

fn parse_only(only: &[String]) -> Result<Vec<DocChoice>, CmdError> {
    let mut choices = Vec::new();
    for s in only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let c: DocChoice = s.parse().map_err(|_| {
            CmdError::new(format!("--only: unknown document {s:?}"))
                .with_hint("choose from plan, checklist, handout (comma-separated)")
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
        return NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            CmdError::new(format!("--as-of: {s:?} is not a date"))
                .with_hint("write it as YYYY-MM-DD, e.g. 2026-11-24")
        });
    }
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map_err(|_| {
            CmdError::new(format!(
                "SOURCE_DATE_EPOCH={v:?} is not a number of seconds"
            ))
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .ok_or_else(|| CmdError::new(format!("SOURCE_DATE_EPOCH={secs} is out of range")))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ok,
    Failed,
    #[serde(rename = "ok")]
    Skipped,
}

/// One engagement as the manifest lists it.
#[derive(Debug, Serialize)]
struct Entry {
    id: String,
    customer: String,
    folder: Option<String>,
    language: Lang,
    status: Status,
    problems: Vec<Problem>,
    documents: Vec<DocumentEntry>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    successkit: &'static str,
    as_of: String,
    engagements: Vec<&'a Entry>,
    report: Vec<DocumentEntry>,
    problems: Vec<&'a Problem>,
}

/// What processing one engagement gave.
struct Result_ {
    entry: Entry,
    /// Problems found while rendering or writing (validation problems were printed before).
    render_problems: Vec<Problem>,
    written: usize,
    /// Its files were handed to the I/O threads and their outcome is not merged yet.
    pending_commit: bool,
}

/// One engagement's staged files for the I/O threads: sync and rename each, then write the
/// stamp (only when every file made it), then sync the folder.
struct Commit {
    index: usize,
    dir: PathBuf,
    files: Vec<(NamedTempFile, PathBuf)>,
    stamp: Option<Stamp>,
}

/// What committing one engagement's files gave.
#[derive(Default)]
struct Committed {
    index: usize,
    written: usize,
    failed: Vec<PathBuf>,
    problems: Vec<String>,
}

/// Threads that sync and rename staged files. Syncing waits on the disk, not the CPU
/// (≈ 1–6 ms a file here), so it runs beside the render threads instead of in them.
const IO_THREADS: usize = 8;

/// Engagements whose files may wait for the I/O threads at once: bounds open files and
/// keeps memory flat however large the portfolio.
const COMMIT_QUEUE: usize = 16;

fn io_worker(jobs: &Mutex<Receiver<Commit>>) -> Vec<Committed> {
    let mut done = Vec::new();
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => break,
        };
        let Ok(job) = job else { break };
        let mut c = Committed {
            index: job.index,
            ..Committed::default()
        };
        for (tmp, path) in job.files {
            match outdir::commit(tmp, &path) {
                Ok(()) => c.written += 1,
                Err(e) => {
                    c.problems
                        .push(format!("cannot write {}: {e}", path.display()));
                    c.failed.push(path);
                }
            }
        }
        if let Some(stamp) = job.stamp.filter(|_| c.problems.is_empty()) {
            if let Err(e) = stamp.write(&job.dir) {
                c.problems.push(format!(
                    "cannot write the stamp in {}: {e}",
                    job.dir.display()
                ));
            }
        }
        outdir::sync_dir(&job.dir);
        done.push(c);
    }
    done
}

/// A problem of an engagement at its Engagements row.
fn problem_at(e: &Engagement, message: String) -> Problem {
    Problem {
        severity: Severity::Error,
        file: e.origin.file.clone(),
        sheet: Some(e.origin.sheet.clone()).filter(|s| !s.is_empty()),
        row: Some(e.origin.row).filter(|&r| r > 0),
        column: None,
        value: None,
        message,
        engagement: Some(e.id.clone()),
    }
}

/// Folds the I/O threads' outcomes into the engagements' results.
fn merge_commits(results: &mut [Result_], committed: Vec<Committed>, loaded: &Loaded) {
    for c in committed {
        let (Some(r), Some(e)) = (results.get_mut(c.index), loaded.engagements.get(c.index)) else {
            continue;
        };
        r.pending_commit = false;
        r.written += c.written;
        if !c.problems.is_empty() {
            let out = c.failed;
            r.entry
                .documents
                .retain(|d| !out.iter().any(|p| p.ends_with(&d.path)));
            for m in c.problems {
                let p = problem_at(e, m);
                r.entry.problems.push(p.clone());
                r.render_problems.push(p);
            }
            r.entry.status = Status::Failed;
        }
    }
    for (r, e) in results.iter_mut().zip(&loaded.engagements) {
        if r.pending_commit {
            let p = problem_at(e, "internal error: its files were not written".into());
            r.entry.problems.push(p.clone());
            r.render_problems.push(p);
            r.entry.documents.clear();
            r.entry.status = Status::Failed;
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
}

impl Context<'_> {
    /// Renders one engagement (or skips it when current), staging each file as it is made
    /// and handing them to the I/O threads with the stamp to write after them.
    fn engagement(
        &self,
        index: usize,
        e: &Engagement,
        folder: &str,
        commits: &SyncSender<Commit>,
    ) -> Result_ {
        let mut entry = Entry {
            id: e.id.clone(),
            customer: e.customer.clone(),
            folder: None,
            language: self.opts.lang_of(e),
            status: Status::Failed,
            problems: self.loaded.problems_of(&e.id).cloned().collect(),
            documents: Vec::new(),
        };
        if !e.valid {
            return Result_ {
                entry,
                render_problems: Vec::new(),
                written: 0,
                pending_commit: false,
            };
        }
        entry.folder = Some(folder.to_string());
        let dir = self.out.join(folder);
        let key = outdir::cache_key(
            e,
            &self.fingerprint,
            &self.key_options,
            env!("CARGO_PKG_VERSION"),
        );
        if !self.force {
            if let Some(stamp) = Stamp::read(&dir) {
                if stamp.is_current(&key, self.out) {
                    entry.status = Status::Skipped;
                    entry.documents = stamp.documents;
                    return Result_ {
                        entry,
                        render_problems: Vec::new(),
                        written: 0,
                        pending_commit: false,
                    };
                }
            }
        }

        let mut problems = Vec::new();
        let mut staged = Vec::new();
        let place = |message: String| problem_at(e, message);
        let prepared = std::fs::create_dir_all(&dir).and_then(|_| Stamp::remove(&dir));
        if let Err(err) = prepared {
            problems.push(place(format!("cannot prepare {}: {err}", dir.display())));
        } else {
            outdir::remove_stale_temp_files(&dir);
            let mut emit = |kind: DocKind, made: Result<Rendered, _>| match made {
                Ok(r) => {
                    let path = dir.join(kind.file_name());
                    match outdir::stage(&path, &r.bytes) {
                        Ok(tmp) => {
                            staged.push((tmp, path));
                            entry.documents.push(DocumentEntry {
                                kind: kind.id().to_string(),
                                path: format!("{folder}/{}", kind.file_name()),
                                bytes: r.bytes.len() as u64,
                                sha256: outdir::sha256_hex(&r.bytes),
                                pages: r.pages,
                            });
                        }
                        Err(err) => {
                            problems.push(place(format!("cannot write {}: {err}", path.display())))
                        }
                    }
                }
                Err(err) => {
                    problems.push(place(format!("could not make {}: {err}", kind.file_name())))
                }
            };
            let rendered = isolated(|| {
                #[cfg(debug_assertions)]
                if std::env::var(PANIC_ENV).is_ok_and(|id| id == e.id) {
                    panic!("test panic for engagement {}", e.id);
                }
                self.kit.render(e, self.opts, &mut emit)
            });
            if let Err(message) = rendered {
                problems.push(place(message));
            }
        }
        let mut pending_commit = false;
        if !staged.is_empty() {
            let stamp = problems.is_empty().then(|| Stamp {
                key,
                documents: entry.documents.clone(),
            });
            let job = Commit {
                index,
                dir,
                files: staged,
                stamp,
            };
            // The I/O threads outlive every render; a send can only fail if they all
            // died, which the merge reports as documents not written.
            pending_commit = commits.send(job).is_ok();
        }
        entry.status = if problems.is_empty() {
            Status::Ok
        } else {
            Status::Failed
        };
        entry.problems.extend(problems.iter().cloned());
        Result_ {
            entry,
            render_problems: problems,
            written: 0,
            pending_commit,
        }
    }

    /// Writes `portfolio.pdf` and `portfolio.xlsx`, each only when its bytes changed; a
    /// failure (even a panic) of one does not stop the other.
    fn report(&self, results: &[Result_], lang: Lang, rep: &mut ReportOutcome) {
        let mut portfolio = Portfolio::from_loaded(self.loaded, self.opts.as_of);
        for r in results
            .iter()
            .filter(|r| r.entry.status == Status::Failed && !r.render_problems.is_empty())
        {
            portfolio.mark_failed(&r.entry.id, r.render_problems.clone());
        }
        // The output folder's own stamp is the report's: the report is a function of the
        // portfolio figures, the language, the templates and the version.
        let key = outdir::cache_key(
            &portfolio,
            &self.fingerprint,
            &lang,
            env!("CARGO_PKG_VERSION"),
        );
        if !self.force {
            if let Some(stamp) = Stamp::read(self.out) {
                if stamp.is_current(&key, self.out) {
                    rep.docs = stamp.documents;
                    return;
                }
            }
        }
        if let Err(e) = Stamp::remove(self.out) {
            rep.errors
                .push(format!("cannot remove {}: {e}", outdir::STAMP_FILE));
        }
        let labels = match Labels::from_templates(self.kit.templates(), lang) {
            Ok(l) => l,
            Err(e) => return rep.errors.push(e.to_string()),
        };
        let pdf = isolated(|| self.report_pdf(&portfolio, &labels, lang)).and_then(|r| r);
        match pdf {
            Ok(r) => rep.save(
                self.out,
                "portfolio-pdf",
                "portfolio.pdf",
                &r.bytes,
                r.pages,
            ),
            Err(e) => rep.errors.push(format!("portfolio.pdf: {e}")),
        }
        let xlsx = isolated(|| {
            successkit::output::xlsx::write(&portfolio, &labels, lang, self.opts.as_of)
                .map_err(|e| e.to_string())
        })
        .and_then(|r| r);
        match xlsx {
            Ok(bytes) => rep.save(self.out, "portfolio-xlsx", "portfolio.xlsx", &bytes, None),
            Err(e) => rep.errors.push(format!("portfolio.xlsx: {e}")),
        }
        if rep.errors.is_empty() {
            let stamp = Stamp {
                key,
                documents: rep.docs.clone(),
            };
            if let Err(e) = stamp.write(self.out) {
                rep.errors
                    .push(format!("cannot write {}: {e}", outdir::STAMP_FILE));
            }
        }
    }

    fn report_pdf(
        &self,
        portfolio: &Portfolio,
        labels: &Labels,
        lang: Lang,
    ) -> Result<Rendered, String> {
        let templates = self.kit.templates();
        let view = portfolio.view(lang, labels);
        let md = templates
            .render("portfolio", lang, &view)
            .map_err(|e| e.to_string())?;
        let doc = Document {
            meta: Meta {
                title: labels.title.clone(),
                author: String::new(),
                subject: format!("{} {}", labels.as_of, view.as_of),
                keywords: vec!["FastTrack".into(), labels.title.clone()],
                lang,
                footer: format!("{} · {} {}", labels.title, labels.as_of, view.as_of),
                date: Some(self.opts.as_of),
                layout: Layout::Flow,
            },
            blocks: markdown::parse(&md),
        };
        drop(md);
        PdfWriter::new(templates.theme(), templates.assets())
            .map_err(|e| e.to_string())?
            .write(&doc)
            .map_err(|e| e.to_string())
    }
}

/// What writing the portfolio report gave.
#[derive(Default)]
struct ReportOutcome {
    docs: Vec<DocumentEntry>,
    written: usize,
    errors: Vec<String>,
}

impl ReportOutcome {
    fn save(&mut self, out: &Path, kind: &str, name: &str, bytes: &[u8], pages: Option<usize>) {
        let path = out.join(name);
        match outdir::write_if_changed(&path, bytes) {
            Ok(wrote) => {
                self.written += usize::from(wrote);
                self.docs.push(DocumentEntry {
                    kind: kind.into(),
                    path: name.into(),
                    bytes: bytes.len() as u64,
                    sha256: outdir::sha256_hex(bytes),
                    pages,
                });
            }
            Err(e) => self
                .errors
                .push(format!("cannot write {}: {e}", path.display())),
        }
    }
}
