//! `successkit send`: each customer's kit by e-mail, once.
//!
//! Reads `OUT/manifest.json` (never renders a document; recipients as `build` recorded
//! them, or from `--input` data when given), then one of: a dry run (the default: what would be sent), drafts (`.eml`
//! files, no journal) or SMTP (each message claimed in `OUT/send-journal.sqlite` before its
//! DATA and marked sent after the server's 250). `--status` shows the journal.

use super::{CmdError, Outcome};
use crate::cli::{Format, SendArgs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};
use successkit::i18n::{CmdText, Ui};
use successkit::input::{read_inputs, Limits};
use successkit::mail::journal::{Claim, Claimed, Journal, Record, State, Verdict};
use successkit::mail::message::{epoch, mailbox, Built, Letter};
use successkit::mail::transport::{
    Secret, SendError, Smtp, SmtpConfig, OAUTH2_TOKEN_ENV, PASSWORD_ENV,
};
use successkit::mail::{prepare, MailOptions, Prepared, Unmailable};
use successkit::model;
use successkit::outdir::manifest::{EngagementEntry, Manifest};
use successkit::outdir::{self};
use successkit::template::Templates;

/// Makes one engagement's letter (reads and checks its files).
type Prep<'a> = &'a dyn Fn(&EngagementEntry) -> Prepared;

/// Attempts per message for 4xx replies and connections lost before the data.
const MAX_ATTEMPTS: u32 = 4;
/// The first retry's wait; each next one doubles (0.5 s, 1 s, 2 s).
const RETRY_BASE: Duration = Duration::from_millis(500);

pub fn run(args: SendArgs) -> Result<Outcome, CmdError> {
    if args.status {
        return status(&args);
    }
    // Held for the whole run: a `build` into the same folder would change the files
    // being sent, and two sends are kept apart by the journal's claims as well.
    let _lock = match args.out.is_dir() {
        true => Some(super::build::lock_output(
            &args.out,
            crate::cli::message_lang(None),
        )?),
        false => None,
    };
    let manifest = Manifest::read(&args.out).map_err(|e| {
        let error = CmdError::new(CmdText::Text(e.render(crate::cli::message_lang(None))));
        // A workbook (or any file) where the output folder goes: the usual slip.
        match args.out.is_file() {
            true => error.with_hint(successkit::i18n::CmdText::SendTakesOutHint),
            false => error,
        }
    })?;
    let from = args.from.as_deref().map(str::trim).unwrap_or("");
    if from.is_empty() {
        return Err(CmdError::new(CmdText::NoSender).with_hint(CmdText::NoSenderHint));
    }
    let from = mailbox("--from", from).map_err(|e| CmdError::new(e.to_string()))?;
    let smtp = match &args.smtp {
        Some(url) => Some(smtp_config(url, args.tls_ca.as_deref())?),
        None => None,
    };
    let templates = Templates::new(args.templates.as_deref()).map_err(|e| {
        CmdError::new(CmdText::Templates(e.to_string())).with_hint(CmdText::TemplatesHint)
    })?;

    let loaded = match args.inputs.is_empty() {
        true => model::Loaded::default(),
        false => model::load(&read_inputs(&args.inputs, &Limits::default())),
    };
    if !args.inputs.is_empty() && loaded.engagements.is_empty() {
        return Err(
            CmdError::new(CmdText::NoEngagementFromInput).with_hint(CmdText::CheckInputHint)
        );
    }
    let data: HashMap<&str, &model::Engagement> = loaded
        .engagements
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let only: HashSet<&str> = args
        .only
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    for id in &only {
        if manifest.engagement(id).is_none() {
            return Err(CmdError::new(CmdText::OnlyNotIn(
                id.to_string(),
                args.out
                    .join(outdir::manifest::MANIFEST_FILE)
                    .display()
                    .to_string(),
            )));
        }
    }
    // The time the messages say they were written: SOURCE_DATE_EPOCH, else for drafts the
    // kit's as-of date (same input, same bytes), else now. A next check-in before that
    // day is not announced in the letter.
    let date = match &args.drafts {
        Some(_) => {
            let as_of = manifest
                .as_of
                .and_hms_opt(0, 0, 0)
                .map(|d| d.and_utc().timestamp())
                .unwrap_or(0);
            message_date(epoch(as_of))?
        }
        None => message_date(SystemTime::now())?,
    };
    let opts = MailOptions {
        from,
        attach_docx: args.attach_docx,
        today: chrono::DateTime::<chrono::Utc>::from(date).date_naive(),
    };
    // One engagement at a time, so only one message's files are in memory at once.
    let entries: Vec<&EngagementEntry> = manifest
        .engagements
        .iter()
        .filter(|e| only.is_empty() || only.contains(e.id.as_str()))
        .collect();
    let prep = |e: &EngagementEntry| {
        prepare(
            e,
            data.get(e.id.as_str()).copied(),
            &args.out,
            &templates,
            &opts,
        )
    };

    let report = if let Some(dir) = &args.drafts {
        drafts(&args, &entries, &prep, dir, date)?
    } else if let Some(config) = smtp {
        deliver(&args, &entries, &prep, config, date)?
    } else {
        dry_run(&args, &entries, &prep)?
    };
    print_report(&args, &report);
    Ok(report.outcome())
}

/// What happened (or would happen) to one engagement.
#[derive(Debug, Serialize)]
struct Line {
    engagement: String,
    customer: String,
    /// `send`, `sent`, `draft`, `already-sent`, `changed-since-sent`, `unknown`,
    /// `in-progress`, `not-mailable`, `failed-kit`, `failed`, `limit`.
    action: &'static str,
    to: Vec<String>,
    cc: Vec<String>,
    subject: Option<String>,
    attachments: Vec<String>,
    /// Why, the date, or the server's reply (in English: what scripts read).
    detail: Option<String>,
    /// The same in the language of the messages (the text report).
    #[serde(skip)]
    said: Option<CmdText>,
    /// This run meant to send (or save) it and could not: exit 1.
    #[serde(skip)]
    failed: bool,
}

struct Report {
    mode: &'static str,
    lines: Vec<Line>,
    /// Could not run at all (authentication): exit 2 after printing what happened.
    fatal: Option<String>,
}

impl Report {
    fn outcome(&self) -> Outcome {
        if self.fatal.is_some() {
            Outcome::NothingRan
        } else if self.mode != "dry-run" && self.lines.iter().any(|l| l.failed) {
            Outcome::SomeFailed
        } else {
            Outcome::Ok
        }
    }
}

fn line(p: &Prepared, action: &'static str, said: Option<CmdText>) -> Line {
    let (to, cc, subject, attachments) = match &p.letter {
        Ok(l) => (
            l.to.iter().map(|m| m.to_string()).collect(),
            l.fm.iter().map(|m| m.to_string()).collect(),
            Some(l.body.subject.clone()),
            l.attachments.iter().map(|a| a.file_name.clone()).collect(),
        ),
        Err(_) => (vec![], vec![], None, vec![]),
    };
    Line {
        engagement: p.engagement.clone(),
        customer: p.customer.clone(),
        action,
        to,
        cc,
        subject,
        attachments,
        failed: matches!(action, "failed"),
        detail: said.as_ref().map(CmdText::en),
        said,
    }
}

fn unmailable_line(p: &Prepared, why: &Unmailable) -> Line {
    match why {
        Unmailable::FailedKit => line(p, "failed-kit", Some(CmdText::SendFailedKit)),
        Unmailable::NotMailable(s) => line(p, "not-mailable", Some(s.clone())),
        Unmailable::Failed(s) => line(p, "failed", Some(s.clone())),
    }
}

fn verdict_line(p: &Prepared, v: &Verdict) -> Line {
    match v {
        Verdict::Send => line(p, "send", None),
        Verdict::AlreadySent(d) => line(p, "already-sent", Some(CmdText::SentOn(d.to_string()))),
        Verdict::ChangedSinceSent(d) => line(
            p,
            "changed-since-sent",
            Some(CmdText::ChangedSinceSent(d.to_string())),
        ),
        Verdict::Unknown => line(p, "unknown", Some(CmdText::MayHaveBeenDelivered)),
        Verdict::InProgress(pid) => line(p, "in-progress", Some(CmdText::BeingSentBy(*pid))),
    }
}

/// The time a message says it was written: `SOURCE_DATE_EPOCH`, else `fallback`.
fn message_date(fallback: SystemTime) -> Result<SystemTime, CmdError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map(epoch)
            .map_err(|_| CmdError::new(CmdText::EpochNotANumber(v))),
        Err(_) => Ok(fallback),
    }
}

fn dry_run(
    args: &SendArgs,
    entries: &[&EngagementEntry],
    prep: Prep<'_>,
) -> Result<Report, CmdError> {
    let journal = Journal::open_existing(&args.out).map_err(journal_error)?;
    let mut lines = Vec::new();
    for e in entries {
        let p = &prep(e);
        lines.push(match &p.letter {
            Err(why) => unmailable_line(p, why),
            Ok(letter) => {
                let record = match &journal {
                    Some(j) => j.get(&p.engagement).map_err(journal_error)?,
                    None => None,
                };
                let v = Journal::verdict(record.as_ref(), &letter.attachment_hashes());
                let v = match v {
                    Verdict::ChangedSinceSent(_) if args.resend_changed => Verdict::Send,
                    Verdict::Unknown if args.resend_unknown => Verdict::Send,
                    v => v,
                };
                verdict_line(p, &v)
            }
        });
    }
    Ok(Report {
        mode: "dry-run",
        lines,
        fatal: None,
    })
}

fn drafts(
    args: &SendArgs,
    entries: &[&EngagementEntry],
    prep: Prep<'_>,
    dir: &Path,
    date: SystemTime,
) -> Result<Report, CmdError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CmdError::new(CmdText::CannotCreate(
            dir.display().to_string(),
            e.to_string(),
        ))
    })?;
    outdir::remove_stale_temp_files(dir);
    let progress = progress_bar(entries.len() as u64, args.quiet, "drafts");
    let mut lines = Vec::new();
    for e in entries {
        progress.inc(1);
        let p = &prep(e);
        let Ok(letter) = &p.letter else {
            let Err(why) = &p.letter else { unreachable!() };
            lines.push(unmailable_line(p, why));
            continue;
        };
        let name = format!(
            "{}.eml",
            p.folder
                .clone()
                .unwrap_or_else(|| outdir::base_folder_name(&p.engagement, &p.customer))
        );
        let path = dir.join(&name);
        let l = match letter.build(date, true) {
            Err(e) => line(p, "failed", Some(e.to_string().into())),
            Ok(built) => match outdir::write_if_changed(&path, &built.bytes) {
                Ok(_) => line(p, "draft", Some(path.display().to_string().into())),
                Err(e) => line(
                    p,
                    "failed",
                    Some(CmdText::CannotWrite(
                        path.display().to_string(),
                        e.to_string(),
                    )),
                ),
            },
        };
        lines.push(l);
    }
    outdir::sync_dir(dir);
    progress.finish_and_clear();
    Ok(Report {
        mode: "drafts",
        lines,
        fatal: None,
    })
}

fn smtp_config(url: &str, tls_ca: Option<&Path>) -> Result<SmtpConfig, CmdError> {
    let mut c = SmtpConfig::parse(url)
        .map_err(|e| CmdError::new(format!("--smtp: {e}")).with_hint(CmdText::SmtpUrlHint))?;
    let nonempty = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    c.secret = match (nonempty(OAUTH2_TOKEN_ENV), nonempty(PASSWORD_ENV)) {
        (Some(token), _) => Some(Secret::OAuth2Token(token)),
        (None, Some(pw)) => Some(Secret::Password(pw)),
        (None, None) => None,
    };
    if c.user.is_some() && c.secret.is_none() {
        return Err(CmdError::new(CmdText::SmtpNoSecret(
            PASSWORD_ENV.to_string(),
            OAUTH2_TOKEN_ENV.to_string(),
        ))
        .with_hint(CmdText::SmtpSecretHint));
    }
    if let Some(path) = tls_ca {
        let pem = std::fs::read(path).map_err(|e| {
            CmdError::new(CmdText::TlsCaUnreadable(
                path.display().to_string(),
                e.to_string(),
            ))
        })?;
        if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
            return Err(CmdError::new(CmdText::TlsCaNotPem(
                path.display().to_string(),
            )));
        }
        c.extra_ca = Some(pem);
    }
    Ok(c)
}

fn deliver(
    args: &SendArgs,
    entries: &[&EngagementEntry],
    prep: Prep<'_>,
    config: SmtpConfig,
    date: SystemTime,
) -> Result<Report, CmdError> {
    let mut journal = Journal::open(&args.out).map_err(journal_error)?;
    let recovered = journal.recover().map_err(journal_error)?;
    if !recovered.is_empty() && !args.quiet {
        eprintln!(
            "note: {} was being sent when its process ended; marked unknown (may have been \
             delivered): {}",
            if recovered.len() == 1 {
                "1 message"
            } else {
                "some messages"
            },
            recovered.join(", ")
        );
    }
    let mut lines = Vec::new();
    let mut smtp = Smtp::new(config.clone()).map_err(|e| CmdError::new(e.to_string()))?;
    let mut connected = false;
    let interval = (args.rate > 0).then(|| Duration::from_secs_f64(60.0 / f64::from(args.rate)));
    let mut next_at: Option<Instant> = None;
    let mut claimed = 0usize;
    let mut fatal = None;
    let progress = progress_bar(entries.len() as u64, args.quiet, "messages");
    for e in entries {
        progress.inc(1);
        let p = &prep(e);
        let letter: &Letter = match &p.letter {
            Err(why) => {
                lines.push(unmailable_line(p, why));
                continue;
            }
            Ok(l) => l,
        };
        if fatal.is_some() {
            lines.push(line(p, "failed", Some(CmdText::NotSentRunStopped)));
            continue;
        }
        let hashes = letter.attachment_hashes();
        let existing = journal.get(&p.engagement).map_err(journal_error)?;
        let verdict = Journal::verdict(existing.as_ref(), &hashes);
        let wanted = match verdict {
            Verdict::Send => true,
            Verdict::ChangedSinceSent(_) => args.resend_changed,
            Verdict::Unknown => args.resend_unknown,
            _ => false,
        };
        if !wanted {
            lines.push(verdict_line(p, &verdict));
            continue;
        }
        if args.limit.is_some_and(|n| claimed >= n) {
            lines.push(line(p, "limit", Some(CmdText::NotSentLimit)));
            continue;
        }
        let built: Built = match letter.build(date, false) {
            Ok(b) => b,
            Err(e) => {
                lines.push(line(p, "failed", Some(e.to_string().into())));
                continue;
            }
        };
        if !connected {
            // Log in before claiming anything: a wrong password marks nothing.
            match smtp.connect() {
                Ok(()) => connected = true,
                Err(e) => {
                    progress.finish_and_clear();
                    return Err(CmdError::new(e.to_string()).with_hint(match e {
                        SendError::Auth(_) => CmdText::LoginHint,
                        _ => CmdText::ConnectHint,
                    }));
                }
            }
        }
        let claim = Claim {
            engagement: &p.engagement,
            to: built.envelope.to().iter().map(|a| a.to_string()).collect(),
            attachments: hashes,
            message_id: &built.message_id,
            resend_changed: args.resend_changed,
            resend_unknown: args.resend_unknown,
        };
        match journal.claim(&claim).map_err(journal_error)? {
            Claimed::No(record) => {
                let v = Journal::verdict(Some(&record), &claim.attachments);
                lines.push(verdict_line(p, &v));
                continue;
            }
            Claimed::Yes => claimed += 1,
        }
        let mut attempt = 0;
        let outcome = loop {
            attempt += 1;
            if let (Some(at), Some(_)) = (next_at, interval) {
                let now = Instant::now();
                if at > now {
                    std::thread::sleep(at - now);
                }
            }
            next_at = interval.map(|i| Instant::now() + i);
            journal.attempt(&p.engagement).map_err(journal_error)?;
            match smtp.send(&built.envelope, &built.bytes) {
                Ok(reply) => break (State::Sent, CmdText::Text(reply)),
                Err(SendError::Transient(r)) if attempt < MAX_ATTEMPTS => {
                    if !args.quiet {
                        progress.suspend(|| {
                            let lang = crate::cli::message_lang(None);
                            let note = CmdText::TryingAgain(p.engagement.clone(), r.to_string());
                            eprintln!("{}: {}", Ui::Notice.text(lang), note.render(lang));
                        });
                    }
                    std::thread::sleep(RETRY_BASE * 2u32.pow(attempt - 1));
                }
                Err(SendError::Transient(r)) => {
                    break (State::Failed, CmdText::GaveUp(r.to_string(), attempt))
                }
                Err(SendError::Permanent(r)) => break (State::Failed, CmdText::Text(r)),
                Err(SendError::Unknown(r)) => break (State::Unknown, CmdText::Text(r)),
                Err(e @ (SendError::Auth(_) | SendError::Connect(_))) => {
                    fatal = Some(e.to_string());
                    break (State::Failed, CmdText::NotSent(e.to_string()));
                }
            }
        };
        journal
            .finish(&p.engagement, outcome.0, &outcome.1.en())
            .map_err(journal_error)?;
        let action = match outcome.0 {
            State::Sent => "sent",
            State::Unknown => "unknown",
            _ => "failed",
        };
        let mut l = line(p, action, Some(outcome.1));
        l.failed = outcome.0 != State::Sent;
        if action != "sent" {
            let lang = crate::cli::message_lang(None);
            progress.suspend(|| eprintln!("{}: {}{}", action, l.engagement, detail(&l, lang)));
        }
        lines.push(l);
    }
    smtp.quit();
    progress.finish_and_clear();
    Ok(Report {
        mode: "smtp",
        lines,
        fatal,
    })
}

fn print_report(args: &SendArgs, report: &Report) {
    // No `--lang` of its own: the locale's, as for its `error:` lines.
    let lang = crate::cli::message_lang(None);
    let pt = lang == successkit::model::Lang::PtBr;
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct Doc<'a> {
            mode: &'a str,
            engagements: &'a [Line],
        }
        let doc = Doc {
            mode: report.mode,
            engagements: &report.lines,
        };
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    } else if report.mode == "dry-run" {
        for l in &report.lines {
            println!(
                "{}  {}  → {}{}",
                l.engagement,
                l.customer,
                l.action,
                detail(l, lang)
            );
            if l.subject.is_some() {
                let [to, cc, subject, attachments] = if pt {
                    ["para:   ", "cc:     ", "assunto:", "anexos: "]
                } else {
                    [
                        "to:         ",
                        "cc:         ",
                        "subject:    ",
                        "attachments:",
                    ]
                };
                println!("  {to} {}", l.to.join(", "));
                if !l.cc.is_empty() {
                    println!("  {cc} {}", l.cc.join(", "));
                }
                println!("  {subject} {}", l.subject.as_deref().unwrap_or(""));
                println!("  {attachments} {}", l.attachments.join(", "));
            }
        }
    } else if !args.quiet {
        let width = report
            .lines
            .iter()
            .map(|l| l.engagement.len())
            .max()
            .unwrap_or(0);
        for l in &report.lines {
            println!(
                "{:<18} {:<width$}  {}{}",
                l.action,
                l.engagement,
                l.customer,
                detail(l, lang)
            );
        }
    }
    if let Some(f) = &report.fatal {
        eprintln!(
            "{}: {}",
            Ui::Error.text(lang),
            CmdText::RunStopped(f.to_string()).render(lang)
        );
    }
    if !args.quiet {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for l in &report.lines {
            match counts.iter_mut().find(|(a, _)| *a == l.action) {
                Some((_, n)) => *n += 1,
                None => counts.push((l.action, 1)),
            }
        }
        let parts: Vec<String> = counts.iter().map(|(a, n)| format!("{n} {a}")).collect();
        let counts = match (parts.is_empty(), pt) {
            (true, false) => "no engagements".to_string(),
            (true, true) => "nenhum envolvimento".to_string(),
            (false, _) => parts.join(", "),
        };
        let summary = match report.mode {
            "dry-run" => CmdText::DryRunSummary(counts),
            mode => CmdText::SendSummary(mode.to_string(), counts),
        };
        eprintln!("{}", summary.render(lang));
    }
}

/// A line's reason, date or reply in brackets, in the messages' language.
fn detail(l: &Line, lang: successkit::model::Lang) -> String {
    l.said
        .as_ref()
        .map(|d| format!(" ({})", d.render(lang)))
        .unwrap_or_default()
}

fn status(args: &SendArgs) -> Result<Outcome, CmdError> {
    let records: Vec<Record> = match Journal::open_existing(&args.out).map_err(journal_error)? {
        Some(j) => j.all().map_err(journal_error)?,
        None => Vec::new(),
    };
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct Doc<'a> {
            messages: &'a [Record],
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&Doc { messages: &records }).unwrap_or_default()
        );
        return Ok(Outcome::Ok);
    }
    let lang = crate::cli::message_lang(None);
    if records.is_empty() {
        eprintln!(
            "{}",
            CmdText::NothingSentYet(args.out.display().to_string()).render(lang)
        );
        return Ok(Outcome::Ok);
    }
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            [
                r.engagement.clone(),
                r.state.as_str().to_string(),
                r.attempts.to_string(),
                r.updated.clone(),
                r.to.join(", "),
                r.reply.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = if lang == successkit::model::Lang::PtBr {
        [
            "envolvimento",
            "estado",
            "tentativas",
            "atualizado",
            "para",
            "resposta",
        ]
    } else {
        ["engagement", "state", "attempts", "updated", "to", "reply"]
    }
    .map(String::from);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(rows.iter()) {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 5 {
                    c.clone()
                } else {
                    format!("{c:<w$}")
                }
            })
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
    let count = |s: State| records.iter().filter(|r| r.state == s).count();
    eprintln!(
        "{}",
        CmdText::SendStatusCounts(
            count(State::Sent),
            count(State::Failed),
            count(State::Unknown),
            count(State::Sending)
        )
        .render(lang)
    );
    Ok(Outcome::Ok)
}

fn journal_error(e: rusqlite::Error) -> CmdError {
    CmdError::new(CmdText::Journal(e.to_string()))
}

fn progress_bar(len: u64, quiet: bool, what: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{spinner}} [{{bar:30}}] {{pos}}/{{len}} {what} {{eta}}"
    )) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
