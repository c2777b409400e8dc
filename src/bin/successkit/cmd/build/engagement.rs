//! One engagement of a build: rendered in isolation (a panic is its own problem), each
//! file staged as it is made, then renamed into place by the I/O threads and made
//! durable (a batch of engagements at a time where the system allows) with the stamp
//! written after them.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Mutex, PoisonError};
use successkit::i18n::Message;
use successkit::kit::{DocKind, KitError};
use successkit::model::{Engagement, Loaded};
use successkit::outdir::{self, DocumentEntry, Stamp};
use successkit::output::Rendered;
use successkit::problem::{Problem, Severity};
use tempfile::NamedTempFile;

#[cfg(debug_assertions)]
use super::PANIC_ENV;
use super::{Context, Entry, Status};

thread_local! {
    /// The last panic's message on this thread, taken by the hook so it is reported as a
    /// problem of its engagement instead of scribbled over the progress bar.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether this thread is inside [`isolated_message`]; panics elsewhere keep the default report.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Routes the panics of [`isolated_message`] work into [`LAST_PANIC`]; any other panic goes to the
/// hook that was in place, so a bug outside rendering is still reported in full.
pub(super) fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if ISOLATED.with(Cell::get) {
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
        } else {
            previous(info);
        }
    }));
}

/// Runs `f`, turning a panic into an error [`Message`] (shown in any language) instead of
/// ending the program.
pub(super) fn isolated_message<T>(f: impl FnOnce() -> T) -> Result<T, Message> {
    let was = ISOLATED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ISOLATED.with(|c| c.set(was));
    result.map_err(|_| {
        let message = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".into());
        Message::RenderPanic(message.replace('\n', " "))
    })
}

/// What processing one engagement gave.
pub(super) struct Result_ {
    pub(super) entry: Entry,
    /// Problems found while rendering or writing (validation problems were printed before).
    pub(super) render_problems: Vec<Problem>,
    pub(super) written: usize,
    /// Its files were handed to the I/O threads and their outcome is not merged yet.
    pub(super) pending_commit: bool,
}

/// One engagement's staged files for the I/O threads: rename each into place, durable
/// before the stamp is written (only when every file made it; see [`io_worker`]).
pub(super) struct Commit {
    pub(super) index: usize,
    pub(super) dir: PathBuf,
    pub(super) files: Vec<(NamedTempFile, PathBuf)>,
    pub(super) stamp: Option<Stamp>,
}

/// What committing one engagement's files gave.
#[derive(Default)]
pub(super) struct Committed {
    pub(super) index: usize,
    pub(super) written: usize,
    pub(super) failed: Vec<PathBuf>,
    pub(super) problems: Vec<Message>,
}

/// Threads that rename staged files into place and sync them. Syncing waits on the disk,
/// not the CPU (≈ 1–6 ms a file here, one `syncfs` a batch), so it runs beside the
/// render threads instead of in them.
pub(super) const IO_THREADS: usize = 8;

/// Engagements whose files may wait for the I/O threads at once: bounds open files and
/// keeps memory flat however large the portfolio.
pub(super) const COMMIT_QUEUE: usize = 16;

/// Engagements renamed into place between two syncs of the file system (see
/// [`Batch`]): an interrupted run re-renders about this many more on the next run.
/// Two in debug builds, so a test portfolio of three syncs both mid-run and at the end.
pub(super) const SYNC_EVERY: usize = if cfg!(debug_assertions) { 2 } else { 64 };

/// Engagements whose files were renamed into place unsynced, waiting for the next sync
/// of the file system ([`outdir::BatchSync`]); their stamps are written only after it.
pub(super) struct Batch {
    fs: outdir::BatchSync,
    waiting: Mutex<Vec<Renamed>>,
}

/// One engagement's files renamed, unsynced.
struct Renamed {
    index: usize,
    dir: PathBuf,
    files: Vec<PathBuf>,
    stamp: Option<Stamp>,
}

impl Batch {
    /// `None` where files must be synced one by one (see [`outdir::BatchSync::open`]).
    pub(super) fn open(out: &std::path::Path) -> Option<Self> {
        outdir::BatchSync::open(out).map(|fs| Batch {
            fs,
            waiting: Mutex::new(Vec::new()),
        })
    }

    /// Adds an engagement; syncs when [`SYNC_EVERY`] are waiting.
    fn add(&self, renamed: Renamed) -> Vec<Committed> {
        let full = {
            let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
            waiting.push(renamed);
            (waiting.len() >= SYNC_EVERY).then(|| std::mem::take(&mut *waiting))
        };
        full.map_or_else(Vec::new, |batch| self.sync(batch))
    }

    /// Syncs the engagements still waiting and writes their stamps, then syncs again so
    /// the last stamps are on disk too. Called once every I/O thread has finished.
    pub(super) fn finish(&self) -> Vec<Committed> {
        let rest =
            std::mem::take(&mut *self.waiting.lock().unwrap_or_else(PoisonError::into_inner));
        let stamped: Vec<(usize, PathBuf)> = rest
            .iter()
            .filter(|r| r.stamp.is_some())
            .map(|r| (r.index, r.dir.clone()))
            .collect();
        let mut done = self.sync(rest);
        if let Err(e) = self.fs.sync() {
            // Their files were synced before: a stamp lost only means the next run
            // renders its engagement again, but the disk failed, so say so.
            done.extend(stamped.into_iter().map(|(index, dir)| Committed {
                index,
                problems: vec![Message::CannotWriteStamp(
                    dir.display().to_string(),
                    e.to_string(),
                )],
                ..Committed::default()
            }));
        }
        done
    }

    /// One sync of the file system, then the stamps of the engagements it made durable.
    /// A failed sync fails every file of the batch: none of them can be trusted.
    fn sync(&self, batch: Vec<Renamed>) -> Vec<Committed> {
        if batch.is_empty() {
            return Vec::new();
        }
        let synced = self.fs.sync();
        batch
            .into_iter()
            .map(|r| {
                let mut c = Committed {
                    index: r.index,
                    ..Committed::default()
                };
                match &synced {
                    Err(e) => {
                        for f in r.files {
                            c.problems
                                .push(Message::CannotWrite(f.display().to_string(), e.to_string()));
                            c.failed.push(f);
                        }
                    }
                    Ok(()) => {
                        if let Some(stamp) = r.stamp {
                            if let Err(e) = stamp.write_unsynced(&r.dir) {
                                c.problems.push(Message::CannotWriteStamp(
                                    r.dir.display().to_string(),
                                    e.to_string(),
                                ));
                            }
                        }
                    }
                }
                c
            })
            .collect()
    }
}

/// Renames each engagement's staged files into place. With a [`Batch`] they are left
/// for its next sync, which writes the stamp after them; without one, each file is
/// synced before its rename and the stamp written and the folder synced at once.
pub(super) fn io_worker(jobs: &Mutex<Receiver<Commit>>, batch: Option<&Batch>) -> Vec<Committed> {
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
        let mut renamed = Vec::with_capacity(job.files.len());
        for (tmp, path) in job.files {
            let result = match batch {
                Some(_) => outdir::commit_unsynced(tmp, &path),
                None => outdir::commit(tmp, &path),
            };
            match result {
                Ok(()) => {
                    c.written += 1;
                    renamed.push(path);
                }
                Err(e) => {
                    c.problems.push(Message::CannotWrite(
                        path.display().to_string(),
                        e.to_string(),
                    ));
                    c.failed.push(path);
                }
            }
        }
        let stamp = job.stamp.filter(|_| c.problems.is_empty());
        match batch {
            Some(batch) => {
                done.push(c);
                done.extend(batch.add(Renamed {
                    index: job.index,
                    dir: job.dir,
                    files: renamed,
                    stamp,
                }));
            }
            None => {
                if let Some(stamp) = stamp {
                    if let Err(e) = stamp.write(&job.dir) {
                        c.problems.push(Message::CannotWriteStamp(
                            job.dir.display().to_string(),
                            e.to_string(),
                        ));
                    }
                }
                outdir::sync_dir(&job.dir);
                done.push(c);
            }
        }
    }
    done
}

/// A problem of an engagement at its Engagements row.
pub(super) fn problem_at(e: &Engagement, message: Message) -> Problem {
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
pub(super) fn merge_commits(results: &mut [Result_], committed: Vec<Committed>, loaded: &Loaded) {
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
            let p = problem_at(e, Message::FilesNotWritten);
            r.entry.problems.push(p.clone());
            r.render_problems.push(p);
            r.entry.documents.clear();
            r.entry.status = Status::Failed;
        }
    }
}

impl Context<'_> {
    /// Renders one engagement (or skips it when current), staging each file as it is made
    /// and handing them to the I/O threads with the stamp to write after them.
    pub(super) fn engagement(
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
            problems: self
                .problems
                .get(e.id.as_str())
                .map(|ps| ps.iter().map(|p| (*p).clone()).collect())
                .unwrap_or_default(),
            documents: Vec::new(),
            recipients: e.valid.then(|| successkit::mail::recipients_of(e)),
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
        // A real folder first: a symbolic link planted in OUT is replaced, never written
        // (or cleaned) through.
        let prepared = outdir::real_dir(&dir);
        let previous = prepared.as_ref().ok().and_then(|_| Stamp::read(&dir));
        if let Some(stamp) = previous.as_ref().filter(|_| !self.force) {
            if stamp.is_current(&key, self.out) {
                entry.status = Status::Skipped;
                entry.documents = stamp.documents.clone();
                return Result_ {
                    entry,
                    render_problems: Vec::new(),
                    written: 0,
                    pending_commit: false,
                };
            }
        }

        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let mut staged = Vec::new();
        let place = |message: Message| problem_at(e, message);
        self.manifest_goes_stale();
        // A document changed since it was built (the plan's DOCX edited) is kept under a
        // new name before anything is rendered over it.
        let prepared = prepared.and_then(|_| match &previous {
            Some(stamp) => match stamp.keep_edited(self.out) {
                Ok(kept) => {
                    notes.extend(kept.into_iter().map(|(file, kept)| Problem {
                        severity: Severity::Warning,
                        ..place(Message::EditedKept { file, kept })
                    }));
                    Ok(())
                }
                Err((file, err)) => Err(std::io::Error::new(
                    err.kind(),
                    format!("{file} was changed since it was built and cannot be kept aside ({err}), so nothing is rendered over it"),
                )),
            },
            None => Ok(()),
        });
        let prepared = prepared.and_then(|_| Stamp::remove(&dir));
        if let Err(err) = prepared {
            problems.push(place(Message::CannotPrepare(
                dir.display().to_string(),
                err.to_string(),
            )));
        } else {
            outdir::remove_stale_temp_files(&dir);
            let mut emit = |kind: DocKind, made: Result<Rendered, KitError>| match made {
                Ok(r) => {
                    let path = dir.join(kind.file_name());
                    match outdir::stage(&path, &r.bytes) {
                        Ok(tmp) => {
                            staged.push((tmp, path));
                            entry.documents.push(DocumentEntry {
                                kind: kind.into(),
                                path: format!("{folder}/{}", kind.file_name()),
                                bytes: r.bytes.len() as u64,
                                sha256: r.sha256_hex(),
                                pages: r.pages,
                            });
                        }
                        Err(err) => problems.push(place(Message::CannotWrite(
                            path.display().to_string(),
                            err.to_string(),
                        ))),
                    }
                }
                Err(err) => problems.push(place(Message::CouldNotMake(
                    kind.file_name().to_string(),
                    err.to_string(),
                ))),
            };
            let rendered = isolated_message(|| {
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
        entry
            .problems
            .extend(notes.iter().chain(&problems).cloned());
        notes.extend(problems);
        Result_ {
            entry,
            render_problems: notes,
            written: 0,
            pending_commit,
        }
    }
}
