//! Delivery: each customer's kit by e-mail, once.
//!
//! `send` reads what `build` left in the output folder (the [`Manifest`](crate::outdir::manifest::Manifest))
//! and never renders a document. Per engagement:
//!
//! - [`prepare`] decides whether it can be mailed (its kit is `ok`, it has a contact
//!   address, its files are exactly the ones the manifest lists) and makes its [`Letter`]:
//!   recipients from the engagement's data, the body from `email.md.hbs`, the PDFs
//!   attached;
//! - [`message`] turns a letter into RFC 5322 bytes (deterministic: same letter, same bytes);
//! - [`journal`] records every message's fate in `OUT/send-journal.sqlite` so nobody is
//!   mailed twice, across crashes and concurrent runs;
//! - [`transport`] speaks SMTP (TLS always, AUTH, one connection, failures classified).

pub mod journal;
pub mod message;
pub mod transport;

use crate::i18n::CmdText;
use crate::model::{Engagement, Lang};
use crate::outdir::manifest::{EngagementEntry, EngagementStatus, Recipients};
use crate::outdir::DocumentKind;
use crate::template::Templates;
use chrono::NaiveDate;
use lettre::message::Mailbox;
use message::{attachment_name, mailbox, render_body, Attachment, EmailView, Letter};
use std::path::Path;

pub use message::MailError;

/// Options that shape every message.
#[derive(Debug, Clone)]
pub struct MailOptions {
    /// The sender.
    pub from: Mailbox,
    /// Attach the Success Plan's DOCX as well as the PDFs.
    pub attach_docx: bool,
    /// The day the messages are written: a next check-in before it is not announced
    /// ("our next check-in is on ..." would name a past date).
    pub today: NaiveDate,
}

/// Why an engagement gets no message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmailable {
    /// Its kit failed to build.
    FailedKit,
    /// Not mailable: no contact address, no documents to attach, or not in the data
    /// (why, in either language).
    NotMailable(CmdText),
    /// A document is missing or not the one the manifest lists, or the message could not
    /// be made: nothing is sent for it.
    Failed(CmdText),
}

/// One engagement, ready to mail or with the reason it cannot be.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The engagement ID.
    pub engagement: String,
    /// The customer.
    pub customer: String,
    /// Its folder in the output folder.
    pub folder: Option<String>,
    /// The language of its documents and message.
    pub lang: Lang,
    /// The letter, or why there is none.
    pub letter: Result<Letter, Unmailable>,
}

/// Who an engagement's kit goes to, as `build` records it in the manifest.
pub fn recipients_of(e: &Engagement) -> Recipients {
    Recipients {
        contact: e.contact.clone(),
        contact_emails: e.contact_emails.clone(),
        fm: e.fm.clone(),
        fm_email: e.fm_email.clone(),
        workshop_date: e.workshop_date,
        next_checkin: e.next_checkin,
    }
}

/// Prepares one engagement of the manifest. Recipients, names and dates are the ones the
/// manifest recorded at build time, or `data`'s (the engagement as an input given with
/// `--input` holds it now) when given; `out` is the output folder the manifest describes.
/// Every attached file is read and checked against the manifest's SHA-256 here.
pub fn prepare(
    entry: &EngagementEntry,
    data: Option<&Engagement>,
    out: &Path,
    templates: &Templates,
    opts: &MailOptions,
) -> Prepared {
    Prepared {
        engagement: entry.id.clone(),
        customer: entry.customer.clone(),
        folder: entry.folder.clone(),
        lang: entry.language,
        letter: letter(entry, data, out, templates, opts),
    }
}

fn letter(
    entry: &EngagementEntry,
    data: Option<&Engagement>,
    out: &Path,
    templates: &Templates,
    opts: &MailOptions,
) -> Result<Letter, Unmailable> {
    if entry.status == EngagementStatus::Failed {
        return Err(Unmailable::FailedKit);
    }
    let from_data = data.map(recipients_of);
    let Some(e) = from_data.as_ref().or(entry.recipients.as_ref()) else {
        return Err(Unmailable::NotMailable(match data {
            None if entry.recipients.is_none() => CmdText::SendNoRecipientsListed,
            _ => CmdText::SendNotInInput,
        }));
    };
    if e.contact_emails.is_empty() {
        return Err(Unmailable::NotMailable(CmdText::SendNoContactEmail));
    }
    let to = e
        .contact_emails
        .iter()
        .map(|a| {
            named(
                a,
                e.contact.as_deref(),
                e.contact_emails.len() == 1,
                "Contact Email",
            )
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| Unmailable::NotMailable(CmdText::Text(err.to_string())))?;
    let fm = match &e.fm_email {
        Some(a) => Some(
            named(a, Some(&e.fm), true, "FM Email")
                .map_err(|err| Unmailable::NotMailable(CmdText::Text(err.to_string())))?,
        ),
        None => None,
    };
    let wanted =
        |k: DocumentKind| k.is_pdf() || (opts.attach_docx && k == DocumentKind::SuccessPlanDocx);
    let mut attachments = Vec::new();
    for d in entry
        .documents
        .iter()
        .filter(|d| d.kind.is_kit() && wanted(d.kind))
    {
        let bytes = d
            .read_verified(out)
            .map_err(|err| Unmailable::Failed(CmdText::Text(err.to_string())))?;
        attachments.push(Attachment {
            kind: d.kind,
            file_name: attachment_name(d.kind, entry.language, &entry.customer),
            sha256: d.sha256.clone(),
            bytes,
        });
    }
    if attachments.is_empty() {
        return Err(Unmailable::NotMailable(CmdText::SendNoDocuments));
    }
    let view = EmailView {
        customer: entry.customer.clone(),
        engagement_id: entry.id.clone(),
        contact: e.contact.clone(),
        fm: e.fm.clone(),
        fm_email: e.fm_email.clone(),
        workshop_date: e.workshop_date,
        next_checkin: e.next_checkin.filter(|d| *d >= opts.today),
        attachments: attachments.iter().map(|a| a.file_name.clone()).collect(),
    };
    let body = render_body(templates, entry.language, &view)
        .map_err(|err| Unmailable::Failed(CmdText::Text(err.to_string())))?;
    Ok(Letter {
        engagement: entry.id.clone(),
        from: opts.from.clone(),
        to,
        fm,
        body,
        attachments,
    })
}

/// An address with the person's name when the data gives one for it alone.
fn named(
    address: &str,
    name: Option<&str>,
    use_name: bool,
    what: &'static str,
) -> Result<Mailbox, MailError> {
    let mut m = mailbox(what, address)?;
    if m.name.is_none() && use_name {
        m.name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
    }
    Ok(m)
}
