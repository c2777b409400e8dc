//! The output folder: safe folder names, atomic writes and the rerun cache.
//!
//! - [`folder_names`] gives every engagement a folder name that is valid on Windows, macOS
//!   and Linux whatever the customer is called, and distinct within a batch even on
//!   case-insensitive file systems.
//! - [`write_atomic`] writes a file through a temporary file in the same folder, synced and
//!   renamed over the target, so an interrupted run leaves only whole files.
//! - [`cache_key`] and [`Stamp`] decide whether an engagement's documents are still current,
//!   so a rerun with nothing changed renders nothing.
//!
//! - [`OutLock`] holds OUT for one `build` or `send` at a time; [`real_dir`] and
//!   [`read_regular`] make sure nothing is written or read through a link planted in OUT,
//!   and nothing blocks on a FIFO or reads a device there.
//!
//! - [`manifest`] is `OUT/manifest.json` as a type: written by `build`, read back (and
//!   checked) by `send` or any other consumer.
//!
//! This module does file I/O on purpose: it is the one place the binary's safe-output rules
//! live, so they can be tested without running the whole command.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub mod manifest;

pub use manifest::{DocumentEntry, DocumentKind};

/// Longest folder name made, in bytes (ASCII, so also in characters). Well under every
/// system's 255-byte name limit and short enough that Windows' 260-character paths stay
/// reachable from an ordinary output folder.
pub const MAX_FOLDER_NAME: usize = 60;

/// Longest part of a folder name taken by the engagement ID.
const MAX_ID_PART: usize = 24;

/// Prefix of the temporary files [`write_atomic`] makes; [`remove_stale_temp_files`] removes
/// leftovers of an interrupted run by it.
pub const TEMP_PREFIX: &str = ".successkit-";

/// Suffix of the temporary files [`write_atomic`] makes.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The file in each engagement folder recording what its documents were made from.
pub const STAMP_FILE: &str = ".successkit-hash";

/// Largest stamp read back: a stamp lists a handful of documents, so anything larger is
/// not one of ours and is ignored (the engagement is rendered again).
const MAX_STAMP_BYTES: u64 = 1024 * 1024;

/// Names Windows reserves for devices, with or without an extension.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    "conin$", "conout$",
];

/// Text as a lower-case ASCII slug of at most `max` bytes: accents folded (`São` → `sao`),
/// other scripts transliterated (`東京` → `dong-jing`), everything that is not a letter or
/// a digit turned into single `-`, none at either end. May be empty.
pub fn slug(text: &str, max: usize) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len().min(max));
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The folder name for one engagement, before disambiguation: `<id>-<customer>` as slugs,
/// bounded to [`MAX_FOLDER_NAME`] bytes, never empty and never a Windows device name.
pub fn base_folder_name(id: &str, customer: &str) -> String {
    let id_part = slug(id, MAX_ID_PART);
    let mut name = id_part.clone();
    let room = MAX_FOLDER_NAME.saturating_sub(name.len() + 1);
    let customer_part = slug(customer, room);
    if !customer_part.is_empty() {
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(&customer_part);
    }
    if name.is_empty() {
        name.push_str("engagement");
    }
    if is_windows_device(&name) {
        name.push_str("-x");
    }
    name
}

/// True when Windows would take `name` for a device (`CON`, `nul.txt`, `COM1` …).
pub fn is_windows_device(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end_matches([' ', '.']);
    WINDOWS_DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem))
}

/// Folder names for a batch of `(engagement ID, customer)` pairs, in the same order.
///
/// Names that would clash (two IDs slugging alike, `A/1` and `a-1` say) each get a suffix
/// made from a hash of their own ID, so a folder's name depends only on its engagement and
/// on which others clash with it, never on input order.
pub fn folder_names<'a>(engagements: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let pairs: Vec<(&str, &str)> = engagements.into_iter().collect();
    let bases: Vec<String> = pairs
        .iter()
        .map(|(id, customer)| base_folder_name(id, customer))
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let mut names: Vec<String> = bases
        .iter()
        .zip(&pairs)
        .map(|(base, (id, _))| {
            if count.get(base.as_str()).copied().unwrap_or(0) > 1 {
                with_suffix(base, &short_hash(id))
            } else {
                base.clone()
            }
        })
        .collect();
    // A hashed name may still meet another name (astronomically rare, or a customer whose
    // slug ends like a hash): number the later ones so the result is always distinct.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for name in &mut names {
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            loop {
                let candidate = with_suffix(name, &k.to_string());
                if !seen.contains_key(&candidate) {
                    seen.insert(candidate.clone(), 1);
                    *name = candidate;
                    break;
                }
                k += 1;
            }
        }
    }
    names
}

fn with_suffix(base: &str, suffix: &str) -> String {
    let keep = MAX_FOLDER_NAME.saturating_sub(suffix.len() + 1);
    let mut head = base.to_string();
    head.truncate(keep.min(head.len()));
    while head.ends_with('-') {
        head.pop();
    }
    format!("{head}-{suffix}")
}

fn short_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))[..8].to_string()
}

/// Lower-case hexadecimal of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The SHA-256 of bytes, in hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// synced to disk and renamed over `path`. Readers see the old file or the new one, never
/// a part; a crash leaves at most a temporary file that [`remove_stale_temp_files`] clears.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    commit(stage(path, bytes)?, path)
}

/// The first half of [`write_atomic`]: `bytes` written to a temporary file beside `path`,
/// not yet synced. Split so a caller can hand the slow half ([`commit`]) to I/O threads
/// while its CPU threads go on rendering.
pub fn stage(path: &Path, bytes: &[u8]) -> io::Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the documents are ordinary files,
    // readable as the user's umask allows, like any file a program writes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    Ok(tmp)
}

/// The second half of [`write_atomic`]: syncs a staged file and renames it over `path`.
pub fn commit(tmp: NamedTempFile, path: &Path) -> io::Result<()> {
    tmp.as_file().sync_all()?;
    commit_unsynced(tmp, path)
}

/// The rename half of [`commit`] without its sync: for a caller that makes the file
/// durable later with a [`BatchSync`] and records nothing that relies on it before.
pub fn commit_unsynced(tmp: NamedTempFile, path: &Path) -> io::Result<()> {
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A file system made durable a batch at a time: one call (Linux's `syncfs`) writes
/// every file and rename made on it so far, instead of one `fsync` per file. A `build`
/// renames its documents into place unsynced ([`commit_unsynced`]), syncs every few
/// dozen engagements, and only then writes those engagements' stamps, so a stamp never
/// reaches the disk before the files it vouches for. Measured on the 2,000-engagement
/// workbook: 21 s instead of 26 s wall, half the system time.
///
/// The folder is opened once, so [`BatchSync::sync`] reports a write error that
/// happened on the file system at any time since (the kernel samples its error
/// counter when the folder is opened).
#[derive(Debug)]
pub struct BatchSync {
    #[cfg(target_os = "linux")]
    folder: fs::File,
}

impl BatchSync {
    /// The file system `dir` is on; `None` where there is no such call (systems other
    /// than Linux: their files are synced one by one) or `dir` cannot be opened.
    pub fn open(dir: &Path) -> Option<Self> {
        #[cfg(target_os = "linux")]
        return fs::File::open(dir).ok().map(|folder| BatchSync { folder });
        #[cfg(not(target_os = "linux"))]
        {
            let _ = dir;
            None
        }
    }

    /// Writes to disk everything made on the file system so far.
    pub fn sync(&self) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        rustix::fs::syncfs(&self.folder)?;
        Ok(())
    }
}

/// Like [`write_atomic`], but leaves the file alone when it already holds exactly `bytes`,
/// so an unchanged output keeps its modification time. Returns whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if let Ok(old) = read_regular(path, bytes.len() as u64) {
        if old == bytes {
            return Ok(false);
        }
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// Syncs a folder so the renames made in it survive a power cut. A no-op where folders
/// cannot be opened (Windows).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The lock file in an output folder: a `build` or a `send` holds it for its whole run,
/// so two runs never write (or send from) one folder at once.
pub const LOCK_FILE: &str = ".successkit.lock";

/// An output folder held by this process; released when dropped (or when the process
/// ends, however it ends: the operating system drops the lock with the file).
#[derive(Debug)]
pub struct OutLock {
    file: Option<fs::File>,
    path: PathBuf,
}

impl OutLock {
    /// Takes `out`'s lock, waiting while another run holds it: `on_wait` is called once,
    /// first, with that run's process ID, so the user knows why nothing moves. Two runs
    /// into one folder thus run one after the other, and the second finds the first's
    /// work done. The lock file is never followed through a symbolic link, and it is
    /// removed when the lock is released, so a finished run leaves the folder as its
    /// documents alone describe it (an unchanged rerun changes nothing in it).
    pub fn acquire(out: &Path, on_wait: impl FnOnce(Option<u32>)) -> io::Result<OutLock> {
        use std::io::{Read, Seek};
        let path = out.join(LOCK_FILE);
        let mut on_wait = Some(on_wait);
        loop {
            let mut options = fs::OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
                options.mode(0o644);
            }
            let mut file = options.open(&path)?;
            if !file.metadata()?.is_file() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a regular file",
                ));
            }
            if !flock(&file, false)? {
                if let Some(note) = on_wait.take() {
                    let mut text = String::new();
                    let _ = (&file).take(32).read_to_string(&mut text);
                    note(text.trim().parse().ok());
                }
                flock(&file, true)?;
            }
            // The holder removes the file as it lets go: a lock taken on a file no longer
            // at `path` guards nothing, so open the one there now and lock again.
            if !same_file(&file, &path) {
                continue;
            }
            // Who holds it, for the note a second run prints.
            let _ = file.set_len(0);
            let _ = file.rewind();
            let _ = writeln!(file, "{}", std::process::id());
            let _ = file.flush();
            return Ok(OutLock {
                file: Some(file),
                path,
            });
        }
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Removed while still held, then closed: a waiting run sees its file is gone.
        let _ = fs::remove_file(&self.path);
        self.file.take();
    }
}

/// True when `path` is (still) the file `file` has open.
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// An exclusive `flock` on `file`: `Ok(false)` when another process holds it and `wait`
/// is false. (std's `File::lock` needs Rust 1.89; the crate supports 1.85.) Elsewhere
/// than Unix the folder is not locked.
fn flock(file: &fs::File, wait: bool) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let op = if wait {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        loop {
            // SAFETY: flock on a file descriptor this `File` owns for the whole call.
            if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
                return Ok(true);
            }
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::EINTR) => continue,
                Some(libc::EWOULDBLOCK) if !wait => return Ok(false),
                _ => return Err(e),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, wait);
        Ok(true)
    }
}

/// Reads a file of at most `max` bytes that is a regular file at `path` itself: never
/// through a symbolic link, and never blocking on a FIFO or reading a device (`/dev/zero`
/// planted where a stamp belongs would otherwise hang a run or grow without end).
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if meta.len() > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {max} bytes"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Makes `dir` (one level under an existing folder) a real folder the run may write into.
///
/// A symbolic link there (to anywhere, even inside the output folder) is removed and
/// replaced by a folder, so nothing is ever written, or deleted, through it: the link
/// itself is the only thing removed, never what it points to. Anything else that is not
/// a folder (a file, a FIFO) is left alone and refused.
pub fn real_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::remove_file(dir)?;
            fs::create_dir(dir)
        }
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "exists and is not a folder",
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(dir) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => real_dir(dir),
            r => r,
        },
        Err(e) => Err(e),
    }
}

/// Removes temporary files an interrupted run left in `dir`. Returns how many it removed.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// The cache key of one engagement's documents: a SHA-256 over the engagement's data, the
/// template set in force, the options and the program version. Where each row sits in
/// its sheet (`origin`) is left out ([`crate::model::without_origins`]), so adding a row
/// for one engagement does not make every later one look changed. The data is
/// serialised straight into the hash, never held as a JSON value or text (a rerun of an
/// unchanged 2,000-engagement workbook spent a quarter of its time building them).
pub fn cache_key(
    engagement: &impl Serialize,
    templates_fingerprint: &[u8; 32],
    options: &impl Serialize,
    version: &str,
) -> String {
    /// Hashes what is written to it, counting the bytes.
    struct Hashing<'a>(&'a mut Sha256, u64);
    impl Write for Hashing<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.update(buf);
            self.1 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut hasher = Sha256::new();
    // Each part: its label, its bytes, then their count.
    let mut part = |label: &str, write: &mut dyn FnMut(&mut Hashing<'_>)| {
        hasher.update(label.as_bytes());
        let mut h = Hashing(&mut hasher, 0);
        write(&mut h);
        let n = h.1;
        hasher.update(n.to_le_bytes());
    };
    part("engagement", &mut |h| {
        crate::model::without_origins(|| {
            // Writing into a hash cannot fail; a value serde refuses hashes as written so far.
            // Buffered: serde_json writes a few bytes at a time, and each `update` of the
            // hash costs more than the copy (a tenth of an unchanged rerun, unbuffered).
            let mut buffered = io::BufWriter::with_capacity(16 * 1024, &mut *h);
            let _ = serde_json::to_writer(&mut buffered, engagement);
            let _ = buffered.flush();
        });
    });
    part("templates", &mut |h| {
        let _ = h.write_all(templates_fingerprint);
    });
    part("options", &mut |h| {
        let _ = serde_json::to_writer(&mut *h, options);
    });
    part("version", &mut |h| {
        let _ = h.write_all(version.as_bytes());
    });
    hex(&hasher.finalize())
}

/// What an engagement folder's documents were made from, written after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The [`cache_key`] they were made with.
    pub key: String,
    /// The documents written.
    pub documents: Vec<DocumentEntry>,
}

impl Stamp {
    /// Reads the stamp in an engagement folder; `None` when missing or unreadable.
    pub fn read(folder: &Path) -> Option<Stamp> {
        let bytes = read_regular(&folder.join(STAMP_FILE), MAX_STAMP_BYTES).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the stamp into an engagement folder, atomically.
    pub fn write(&self, folder: &Path) -> io::Result<()> {
        let path = folder.join(STAMP_FILE);
        commit(stage(&path, &self.bytes()?)?, &path)
    }

    /// Like [`Stamp::write`], renamed into place unsynced: for a batch made durable
    /// together by a [`BatchSync`].
    pub fn write_unsynced(&self, folder: &Path) -> io::Result<()> {
        let path = folder.join(STAMP_FILE);
        commit_unsynced(stage(&path, &self.bytes()?)?, &path)
    }

    /// The stamp as written.
    fn bytes(&self) -> io::Result<Vec<u8>> {
        serde_json::to_vec_pretty(self).map_err(io::Error::other)
    }

    /// Keeps the documents this stamp lists that were changed since it was written (the
    /// FM edited the plan's DOCX, someone annotated a PDF): each is renamed beside itself
    /// to the first free name of `NAME.edited.EXT`, `NAME.edited-2.EXT`, … so a new render
    /// never overwrites someone's work. A document missing, not a regular file, or with
    /// the size recorded and either older than the stamp or with the SHA-256 recorded is
    /// left alone. Returns each kept file's name and the
    /// name it now has; on an error (the file named), the files not yet looked at are
    /// untouched and the caller must not render over them.
    pub fn keep_edited(&self, out: &Path) -> Result<Vec<(String, String)>, (String, io::Error)> {
        let mut kept = Vec::new();
        for d in &self.documents {
            let path = resolve(out, &d.path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            // Written before its stamp and not since: unchanged, without reading it (a
            // rerun the next day renders every kit again; hashing them all would cost
            // about a second at 2,000 engagements).
            let stamped = path
                .parent()
                .and_then(|p| fs::metadata(p.join(STAMP_FILE)).ok())
                .and_then(|m| m.modified().ok());
            let untouched = stamped
                .zip(meta.modified().ok())
                .is_some_and(|(stamp, file)| file <= stamp);
            let edited = meta.len() != d.bytes
                || (!untouched
                    && match read_regular(&path, d.bytes) {
                        Ok(bytes) => sha256_hex(&bytes) != d.sha256,
                        Err(e) => return Err((name, e)),
                    });
            if !edited {
                continue;
            }
            let new = edited_name(&path).ok_or_else(|| {
                (
                    name.clone(),
                    io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "no free name to keep it under",
                    ),
                )
            })?;
            fs::rename(&path, &new).map_err(|e| (name.clone(), e))?;
            let new = new
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            kept.push((name, new));
        }
        Ok(kept)
    }

    /// Removes the stamp, so a render that does not finish is never taken as current.
    pub fn remove(folder: &Path) -> io::Result<()> {
        match fs::remove_file(folder.join(STAMP_FILE)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// True when the stamp was made with `key` and every document it lists is still in
    /// `out` with the size recorded.
    pub fn is_current(&self, key: &str, out: &Path) -> bool {
        self.key == key
            && !self.documents.is_empty()
            && self.documents.iter().all(|d| {
                fs::symlink_metadata(resolve(out, &d.path))
                    .map(|m| m.is_file() && m.len() == d.bytes)
                    .unwrap_or(false)
            })
    }
}

/// The first free name to keep an edited document under, beside it:
/// `success-plan.edited.docx`, then `success-plan.edited-2.docx`, … (`None` past 999).
fn edited_name(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..1000).find_map(|n| {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate = path.with_file_name(format!("{stem}.edited{suffix}{ext}"));
        matches!(fs::symlink_metadata(&candidate), Err(e) if e.kind() == io::ErrorKind::NotFound)
            .then_some(candidate)
    })
}

/// A manifest path (relative, `/`-separated) as a path under `out`. Components that could
/// leave `out` are dropped, so a tampered stamp cannot point elsewhere.
pub fn resolve(out: &Path, relative: &str) -> PathBuf {
    let mut p = out.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            continue;
        }
        p.push(part);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_batch_renamed_unsynced_is_in_place_and_syncs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        commit_unsynced(stage(&path, b"%PDF-").unwrap(), &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"%PDF-");
        let batch = BatchSync::open(dir.path());
        // Linux makes a batch durable with one call; elsewhere each file is synced.
        assert_eq!(batch.is_some(), cfg!(target_os = "linux"));
        if let Some(b) = batch {
            b.sync().unwrap();
        }
        assert!(BatchSync::open(&dir.path().join("missing")).is_none());
        // No temporary file is left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slug("São Paulo Ltda.", 60), "sao-paulo-ltda");
        assert_eq!(slug("  Contoso / Fabrikam  ", 60), "contoso-fabrikam");
        assert_eq!(slug("Ação & Cia", 60), "acao-cia");
        assert_eq!(slug("../..", 60), "");
    }

    #[test]
    fn folder_name_joins_id_and_customer() {
        assert_eq!(
            base_folder_name("ENG-001", "Contoso Ltd"),
            "eng-001-contoso-ltd"
        );
        assert_eq!(base_folder_name("", ""), "engagement");
        assert_eq!(base_folder_name("", "<>:\"/\\|?*"), "engagement");
    }

    #[test]
    fn windows_devices_are_avoided() {
        for d in ["CON", "nul", "Com1", "LPT9", "aux"] {
            let name = base_folder_name(d, "");
            assert!(!is_windows_device(&name), "{d} gave {name}");
        }
        assert!(is_windows_device("NUL.txt"));
        assert!(is_windows_device("con"));
        assert!(!is_windows_device("console"));
    }

    #[test]
    fn clashing_names_are_disambiguated_by_their_own_id() {
        let a = folder_names([("A/1", "Contoso"), ("a-1", "Contoso"), ("B", "Contoso")]);
        assert_eq!(a.len(), 3);
        assert_ne!(a[0], a[1]);
        assert_eq!(a[2], "b-contoso");
        assert!(a[0].starts_with("a-1-contoso-"));
        // Order does not change a name.
        let b = folder_names([("a-1", "Contoso"), ("A/1", "Contoso")]);
        assert_eq!(b[0], a[1]);
        assert_eq!(b[1], a[0]);
        // Same customer, different IDs: distinct without any hash.
        let c = folder_names([("E1", "Same"), ("E2", "Same")]);
        assert_eq!(c, ["e1-same", "e2-same"]);
    }

    #[test]
    fn long_names_are_bounded() {
        let long = "Very Long Customer Name ".repeat(20);
        let n = base_folder_name(&"X".repeat(100), &long);
        assert!(n.len() <= MAX_FOLDER_NAME);
        let v = folder_names([(&*"1".repeat(80), &*long), (&*"1".repeat(81), &*long)]);
        assert!(v.iter().all(|n| n.len() <= MAX_FOLDER_NAME));
        assert_ne!(v[0], v[1]);
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        assert!(!write_if_changed(&p, b"second").unwrap());
        assert!(write_if_changed(&p, b"third").unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o600, 0o600);
            assert_eq!(
                mode & 0o044,
                0o044,
                "documents are not private files: {mode:o}"
            );
        }
    }

    #[test]
    fn stale_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".successkit-abc.tmp"), b"half").unwrap();
        fs::write(dir.path().join("keep.pdf"), b"x").unwrap();
        assert_eq!(remove_stale_temp_files(dir.path()), 1);
        assert!(dir.path().join("keep.pdf").exists());
    }

    #[test]
    fn cache_key_ignores_origin_and_follows_everything_else() {
        use crate::model::Origin;
        #[derive(Serialize)]
        struct Row {
            id: u32,
            origin: Origin,
        }
        #[derive(Serialize)]
        struct E {
            id: &'static str,
            origin: Origin,
            tasks: Vec<Row>,
        }
        let at = |row| Origin {
            file: "a.xlsx".into(),
            sheet: "Tasks".into(),
            row,
        };
        let a = E {
            id: "E1",
            origin: at(2),
            tasks: vec![Row {
                id: 1,
                origin: at(3),
            }],
        };
        let b = E {
            id: "E1",
            origin: at(9),
            tasks: vec![Row {
                id: 1,
                origin: at(12),
            }],
        };
        let c = E {
            id: "E1",
            origin: at(2),
            tasks: vec![Row {
                id: 2,
                origin: at(3),
            }],
        };
        // Origins are still written everywhere else.
        assert!(serde_json::to_string(&a).unwrap().contains("\"row\":3"));
        let fp = [0u8; 32];
        let k = |v, fp: &[u8; 32], o: &str, ver| cache_key(v, fp, &o, ver);
        assert_eq!(k(&a, &fp, "en", "1"), k(&b, &fp, "en", "1"));
        assert_ne!(k(&a, &fp, "en", "1"), k(&c, &fp, "en", "1"));
        assert_ne!(k(&a, &fp, "en", "1"), k(&a, &[1; 32], "en", "1"));
        assert_ne!(k(&a, &fp, "en", "1"), k(&a, &fp, "pt-BR", "1"));
        assert_ne!(k(&a, &fp, "en", "1"), k(&a, &fp, "en", "2"));
    }

    #[test]
    fn stamp_is_current_only_with_same_key_and_sizes() {
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("e1");
        fs::create_dir(&folder).unwrap();
        write_atomic(&folder.join("a.pdf"), b"12345").unwrap();
        let stamp = Stamp {
            key: "k".into(),
            documents: vec![DocumentEntry {
                kind: DocumentKind::SuccessPlanPdf,
                path: "e1/a.pdf".into(),
                bytes: 5,
                sha256: sha256_hex(b"12345"),
                pages: Some(1),
            }],
        };
        stamp.write(&folder).unwrap();
        let back = Stamp::read(&folder).unwrap();
        assert!(back.is_current("k", out.path()));
        assert!(!back.is_current("other", out.path()));
        fs::write(folder.join("a.pdf"), b"1234").unwrap();
        assert!(!back.is_current("k", out.path()));
        Stamp::remove(&folder).unwrap();
        assert!(Stamp::read(&folder).is_none());
    }

    #[test]
    fn resolve_stays_inside_out() {
        let p = resolve(Path::new("/out"), "../../etc/passwd");
        assert_eq!(p, Path::new("/out/etc/passwd"));
    }

    fn is_safe(name: &str) -> bool {
        !name.is_empty()
            && name.len() <= MAX_FOLDER_NAME
            && name != "."
            && name != ".."
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-')
            && !name.ends_with(['-', '.', ' '])
            && !is_windows_device(name)
    }

    proptest! {
        #[test]
        fn any_name_is_safe(id in "\\PC{0,80}", customer in "\\PC{0,200}") {
            let name = base_folder_name(&id, &customer);
            prop_assert!(is_safe(&name), "unsafe {:?}", name);
        }

        #[test]
        fn names_in_a_batch_are_distinct_and_safe(
            ids in proptest::collection::btree_set("[a-zA-Z/ ._-]{0,6}", 1..30),
            customer in "\\PC{0,30}",
        ) {
            let pairs: Vec<(&str, &str)> =
                ids.iter().map(|i| (i.as_str(), customer.as_str())).collect();
            let names = folder_names(pairs);
            let set: std::collections::HashSet<_> = names.iter().collect();
            prop_assert_eq!(set.len(), names.len());
            for n in &names {
                prop_assert!(is_safe(n), "unsafe {:?}", n);
            }
        }
    }
}
