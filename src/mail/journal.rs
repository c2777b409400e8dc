//! The send journal: `OUT/send-journal.sqlite`, one row per engagement's message.
//!
//! The journal is what makes "each customer gets their kit once" hold across crashes and
//! concurrent runs:
//!
//! - a message is **claimed** (state `sending`, with the claiming process's id, committed)
//!   inside a `BEGIN IMMEDIATE` transaction before its DATA is sent; a second process
//!   claiming the same engagement waits for the write lock, then sees the claim and skips;
//! - it is marked `sent` only after the server's 250;
//! - a `sending` row whose process is gone (killed, power cut) becomes `unknown`: the server
//!   may or may not have taken it, so it is never sent again unless asked
//!   (`--resend-unknown`);
//! - a 5xx reply marks it `failed` with the reply; a later run tries it again.
//!
//! Nothing secret is stored: recipients, attachment hashes, the Message-ID, the state, the
//! number of attempts, the server's last reply and times.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// The journal's file name in the output folder.
pub const JOURNAL_FILE: &str = "send-journal.sqlite";

/// A message's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Claimed by a process that is sending it now (or was, until it died).
    Sending,
    /// The server answered 250 to its DATA.
    Sent,
    /// The server refused it, or retries ran out.
    Failed,
    /// Its process died, or the connection dropped, after DATA and before the server's
    /// answer: it may have been delivered.
    Unknown,
}

impl State {
    /// The word stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
            State::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> State {
        match s {
            "sending" => State::Sending,
            "sent" => State::Sent,
            "failed" => State::Failed,
            _ => State::Unknown,
        }
    }
}

/// One row of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The engagement ID.
    pub engagement: String,
    /// Every recipient (To and Cc).
    pub to: Vec<String>,
    /// The attached documents' SHA-256s, in order.
    #[serde(skip)]
    pub attachments: Vec<String>,
    /// The state.
    pub state: State,
    /// The Message-ID (without angle brackets).
    pub message_id: String,
    /// SMTP transactions tried for this message, over every run.
    pub attempts: u32,
    /// The server's last reply (or what went wrong on the connection).
    pub reply: Option<String>,
    /// When the row last changed (UTC, RFC 3339).
    pub updated: String,
    /// When it was sent (UTC, RFC 3339), once it was.
    #[serde(skip)]
    pub sent_at: Option<String>,
    /// The process that claimed it (while `sending`).
    #[serde(skip)]
    pub pid: Option<u32>,
}

/// What a message about to be sent is, for [`Journal::claim`].
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// The engagement ID.
    pub engagement: &'a str,
    /// Every recipient (To and Cc).
    pub to: Vec<String>,
    /// The attached documents' SHA-256s, in order.
    pub attachments: Vec<String>,
    /// The Message-ID.
    pub message_id: &'a str,
    /// Send again even if it was sent with other documents.
    pub resend_changed: bool,
    /// Send again even if its fate is unknown.
    pub resend_unknown: bool,
}

/// What [`Journal::claim`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimed {
    /// This process owns the message now: send it.
    Yes,
    /// Not this time, because of the row as it stands.
    No(Record),
}

/// What an engagement's row says should happen, before claiming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Never sent, or failed before: send.
    Send,
    /// Sent with these same documents on this date.
    AlreadySent(String),
    /// Sent, but the documents changed since.
    ChangedSinceSent(String),
    /// Its fate is unknown (a crash or a dropped connection after DATA).
    Unknown,
    /// Another live process is sending it.
    InProgress(u32),
}

/// The journal, open.
pub struct Journal {
    conn: Connection,
    pid: u32,
}

impl Journal {
    /// Opens (creating if needed) the journal in `out`.
    pub fn open(out: &Path) -> rusqlite::Result<Journal> {
        Journal::open_file(&out.join(JOURNAL_FILE))
    }

    /// Opens (creating if needed) the journal at `path`.
    pub fn open_file(path: &Path) -> rusqlite::Result<Journal> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // WAL: readers (`--status`) never wait for a sender; FULL sync: a `sent` mark
        // survives a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS messages (
                engagement  TEXT PRIMARY KEY NOT NULL,
                recipients  TEXT NOT NULL,
                attachments TEXT NOT NULL,
                message_id  TEXT NOT NULL,
                state       TEXT NOT NULL,
                attempts    INTEGER NOT NULL DEFAULT 0,
                reply       TEXT,
                pid         INTEGER,
                created     TEXT NOT NULL,
                updated     TEXT NOT NULL,
                sent_at     TEXT
            );",
        )?;
        Ok(Journal {
            conn,
            pid: std::process::id(),
        })
    }

    /// Opens the journal only if it exists (for `--status`); `None` when there is none.
    pub fn open_existing(out: &Path) -> rusqlite::Result<Option<Journal>> {
        if out.join(JOURNAL_FILE).is_file() {
            Journal::open(out).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Marks `sending` rows whose process is gone as `unknown`. Returns them.
    pub fn recover(&mut self) -> rusqlite::Result<Vec<String>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stale: Vec<(String, Option<u32>)> = {
            let mut st =
                tx.prepare("SELECT engagement, pid FROM messages WHERE state = 'sending'")?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut recovered = Vec::new();
        for (id, pid) in stale {
            if pid.is_some_and(|p| p != self.pid && process_alive(p)) {
                continue;
            }
            tx.execute(
                "UPDATE messages SET state = 'unknown', pid = NULL, updated = ?2,
                 reply = COALESCE(reply, 'the sending process ended before the server answered')
                 WHERE engagement = ?1 AND state = 'sending'",
                params![id, now()],
            )?;
            recovered.push(id);
        }
        tx.commit()?;
        Ok(recovered)
    }

    /// The row of one engagement.
    pub fn get(&self, engagement: &str) -> rusqlite::Result<Option<Record>> {
        get(&self.conn, engagement)
    }

    /// Every row, in the order they were first written.
    pub fn all(&self) -> rusqlite::Result<Vec<Record>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM messages ORDER BY created, rowid"
        ))?;
        let rows = st.query_map([], record)?;
        rows.collect()
    }

    /// What the row says should happen to a message with these attachments.
    pub fn verdict(record: Option<&Record>, attachments: &[String]) -> Verdict {
        let Some(r) = record else {
            return Verdict::Send;
        };
        match r.state {
            State::Failed => Verdict::Send,
            State::Sent if r.attachments == attachments => {
                Verdict::AlreadySent(r.sent_at.clone().unwrap_or_else(|| r.updated.clone()))
            }
            State::Sent => {
                Verdict::ChangedSinceSent(r.sent_at.clone().unwrap_or_else(|| r.updated.clone()))
            }
            State::Unknown => Verdict::Unknown,
            State::Sending => match r.pid {
                Some(p) if process_alive(p) => Verdict::InProgress(p),
                _ => Verdict::Unknown,
            },
        }
    }

    /// Claims a message for this process (state `sending`, committed) when its row allows:
    /// no row, `failed`, `sent` with other documents and `resend_changed`, `unknown` (or a
    /// dead claim) and `resend_unknown`. Runs in a `BEGIN IMMEDIATE` transaction, so of two
    /// processes claiming at once exactly one gets it.
    pub fn claim(&mut self, c: &Claim<'_>) -> rusqlite::Result<Claimed> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = get(&tx, c.engagement)?;
        let allowed = match Journal::verdict(existing.as_ref(), &c.attachments) {
            Verdict::Send => true,
            Verdict::ChangedSinceSent(_) => c.resend_changed,
            Verdict::Unknown => c.resend_unknown,
            Verdict::AlreadySent(_) | Verdict::InProgress(_) => false,
        };
        if !allowed {
            tx.commit()?;
            return Ok(Claimed::No(
                existing.expect("a verdict other than Send has a row"),
            ));
        }
        let now = now();
        let to = serde_json::to_string(&c.to).unwrap_or_default();
        let attachments = serde_json::to_string(&c.attachments).unwrap_or_default();
        tx.execute(
            "INSERT INTO messages (engagement, recipients, attachments, message_id, state,
                                   attempts, reply, pid, created, updated, sent_at)
             VALUES (?1, ?2, ?3, ?4, 'sending', 0, NULL, ?5, ?6, ?6, NULL)
             ON CONFLICT(engagement) DO UPDATE SET
                recipients = ?2, attachments = ?3, message_id = ?4, state = 'sending',
                pid = ?5, updated = ?6, sent_at = NULL",
            params![c.engagement, to, attachments, c.message_id, self.pid, now],
        )?;
        tx.commit()?;
        Ok(Claimed::Yes)
    }

    /// Counts one SMTP transaction tried for a claimed message.
    pub fn attempt(&self, engagement: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "UPDATE messages SET attempts = attempts + 1, updated = ?2 WHERE engagement = ?1",
            params![engagement, now()],
        )?;
        Ok(())
    }

    /// Records how a claimed message ended: `sent` (after the server's 250), `failed`
    /// (refused, or retries ran out) or `unknown` (no answer after DATA).
    pub fn finish(&self, engagement: &str, state: State, reply: &str) -> rusqlite::Result<()> {
        let now = now();
        let sent_at = (state == State::Sent).then(|| now.clone());
        self.conn.execute(
            "UPDATE messages SET state = ?2, reply = ?3, pid = NULL, updated = ?4,
                                 sent_at = COALESCE(?5, sent_at)
             WHERE engagement = ?1",
            params![engagement, state.as_str(), reply, now, sent_at],
        )?;
        Ok(())
    }
}

const COLUMNS: &str =
    "engagement, recipients, attachments, message_id, state, attempts, reply, updated, sent_at, pid";

fn get(conn: &Connection, engagement: &str) -> rusqlite::Result<Option<Record>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM messages WHERE engagement = ?1"),
        [engagement],
        record,
    )
    .optional()
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    let to: String = r.get(1)?;
    let attachments: String = r.get(2)?;
    let state: String = r.get(4)?;
    Ok(Record {
        engagement: r.get(0)?,
        to: serde_json::from_str(&to).unwrap_or_default(),
        attachments: serde_json::from_str(&attachments).unwrap_or_default(),
        message_id: r.get(3)?,
        state: State::parse(&state),
        attempts: r.get(5)?,
        reply: r.get(6)?,
        updated: r.get(7)?,
        sent_at: r.get(8)?,
        pid: r.get(9)?,
    })
}

/// Now, UTC, RFC 3339 to the second.
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// True while the process `pid` exists.
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks existence; EPERM means it exists under another user.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere a claim is taken as live: a crashed run's rows stay `sending` (never resent)
/// until `--resend-unknown`.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<'a>(id: &'a str, hashes: &[&str]) -> Claim<'a> {
        Claim {
            engagement: id,
            to: vec!["a@x.com".into()],
            attachments: hashes.iter().map(|s| s.to_string()).collect(),
            message_id: "m@x",
            resend_changed: false,
            resend_unknown: false,
        }
    }

    #[test]
    fn claim_send_and_skip() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(dir.path()).unwrap();
        assert_eq!(j.claim(&claim("E1", &["a"])).unwrap(), Claimed::Yes);
        j.attempt("E1").unwrap();
        j.finish("E1", State::Sent, "250 OK").unwrap();
        assert!(matches!(
            j.claim(&claim("E1", &["a"])).unwrap(),
            Claimed::No(_)
        ));
        // Other documents: only with resend_changed.
        assert!(matches!(
            j.claim(&claim("E1", &["b"])).unwrap(),
            Claimed::No(_)
        ));
        let mut c = claim("E1", &["b"]);
        c.resend_changed = true;
        assert_eq!(j.claim(&c).unwrap(), Claimed::Yes);
        let r = j.get("E1").unwrap().unwrap();
        assert_eq!((r.state, r.attempts), (State::Sending, 1));
    }

    #[test]
    fn a_dead_claim_becomes_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let mut j = Journal::open(dir.path()).unwrap();
        j.claim(&claim("E1", &["a"])).unwrap();
        // A process id no process has.
        j.conn
            .execute("UPDATE messages SET pid = 999999999", [])
            .unwrap();
        assert_eq!(j.recover().unwrap(), vec!["E1".to_string()]);
        assert_eq!(j.get("E1").unwrap().unwrap().state, State::Unknown);
        assert!(matches!(
            j.claim(&claim("E1", &["a"])).unwrap(),
            Claimed::No(_)
        ));
        let mut c = claim("E1", &["a"]);
        c.resend_unknown = true;
        assert_eq!(j.claim(&c).unwrap(), Claimed::Yes);
    }
}
