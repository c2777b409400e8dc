//! One engagement's message: body from the `email.md.hbs` template, then RFC 5322 bytes.
//!
//! Pure functions: a [`Letter`] (who, what, which files) in, the message's bytes out. Every
//! part that a mail library would make random (the `Date`, the `Message-ID`, the MIME
//! boundaries) is derived from the letter's content and a given time, so the same letter
//! gives the same bytes.

use crate::document::{self, markdown, Block, Document, Inline, ListItem, Meta};
use crate::model::Lang;
use crate::outdir::{sha256_hex, DocumentKind};
use crate::output::html;
use crate::template::{TemplateError, Templates};
use chrono::NaiveDate;
use lettre::address::Envelope;
use lettre::message::header::{ContentDisposition, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, MultiPartKind, SinglePart};
use lettre::Message;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The template every message's body comes from: `<lang>/email.md.hbs`.
pub const TEMPLATE: &str = "email";

/// What went wrong making a message.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The body template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The template does not start with a `Subject:` line.
    #[error("{0}/email.md.hbs must start with a line `Subject: …` followed by the body")]
    NoSubject(&'static str),
    /// An address is not one.
    #[error("{what} {address:?} is not an e-mail address")]
    Address {
        /// Which address (`To`, `From`, …).
        what: &'static str,
        /// As given.
        address: String,
    },
    /// lettre refused the message.
    #[error("cannot build the message: {0}")]
    Build(String),
}

/// What the body template sees (`email.md.hbs`).
#[derive(Debug, Clone, Serialize)]
pub struct EmailView {
    /// The customer's name.
    pub customer: String,
    /// The engagement ID.
    pub engagement_id: String,
    /// The customer contact's name, if known.
    pub contact: Option<String>,
    /// The FastTrack Manager's name.
    pub fm: String,
    /// The FastTrack Manager's e-mail address, if known.
    pub fm_email: Option<String>,
    /// The workshop's date.
    pub workshop_date: NaiveDate,
    /// The next check-in, if scheduled.
    pub next_checkin: Option<NaiveDate>,
    /// The attached files' names, as the customer sees them.
    pub attachments: Vec<String>,
}

/// A rendered body: the subject, the HTML and its plain-text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The subject line.
    pub subject: String,
    /// The HTML part (inline styles, from the HTML writer).
    pub html: String,
    /// The plain-text part.
    pub text: String,
}

/// Renders `<lang>/email.md.hbs`. Its first line is `Subject: …`; the rest is the body's
/// Markdown, written as HTML (the HTML writer, inline styles) and as plain text.
pub fn render_body(templates: &Templates, lang: Lang, view: &EmailView) -> Result<Body, MailError> {
    let md = templates.render(TEMPLATE, lang, view)?;
    let md = md.trim_start_matches('\u{feff}').trim_start();
    let (first, rest) = md.split_once('\n').unwrap_or((md, ""));
    let subject = first
        .trim()
        .strip_prefix("Subject:")
        .or_else(|| first.trim().strip_prefix("subject:"))
        .ok_or(MailError::NoSubject(lang.tag()))?;
    // The subject went through the template's Markdown escaping: read it back as text.
    let subject = markdown::parse(subject.trim())
        .iter()
        .map(block_text)
        .collect::<Vec<_>>()
        .join(" ")
        // A soft hyphen in a customer's name suggests a line break in the documents; in
        // a subject line it is only a stray character (and splits a search for the name).
        .replace('\u{00AD}', "");
    let blocks = markdown::parse(rest);
    let doc = Document {
        meta: Meta {
            title: subject.clone(),
            lang,
            ..Meta::default()
        },
        blocks,
    };
    Ok(Body {
        html: html::write(&doc, templates.theme()),
        text: plain_text(&doc.blocks),
        subject,
    })
}

/// The file name a customer sees for an attached document: `Success Plan - Contoso
/// Ltd.pdf`, `Plano de Sucesso - Itaú Têxtil.pdf`. Characters no file system accepts are
/// left out of the customer's name.
pub fn attachment_name(kind: DocumentKind, lang: Lang, customer: &str) -> String {
    let title = match (kind, lang) {
        (DocumentKind::SuccessPlanPdf | DocumentKind::SuccessPlanDocx, Lang::En) => "Success Plan",
        (DocumentKind::SuccessPlanPdf | DocumentKind::SuccessPlanDocx, Lang::PtBr) => {
            "Plano de Sucesso"
        }
        (DocumentKind::SuccessChecklistPdf, Lang::En) => "Success Checklist",
        (DocumentKind::SuccessChecklistPdf, Lang::PtBr) => "Checklist de Sucesso",
        (DocumentKind::WorkshopHandoutPdf, Lang::En) => "Workshop Handout",
        (DocumentKind::WorkshopHandoutPdf, Lang::PtBr) => "Material do Workshop",
        (DocumentKind::PortfolioPdf | DocumentKind::PortfolioXlsx, Lang::En) => "Portfolio",
        (DocumentKind::PortfolioPdf | DocumentKind::PortfolioXlsx, Lang::PtBr) => "Portfólio",
    };
    let customer: String = customer
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect();
    let customer = customer.split_whitespace().collect::<Vec<_>>().join(" ");
    let customer = customer.trim_end_matches('.');
    let ext = match kind {
        DocumentKind::SuccessPlanDocx => "docx",
        DocumentKind::PortfolioXlsx => "xlsx",
        _ => "pdf",
    };
    if customer.is_empty() {
        format!("{title}.{ext}")
    } else {
        format!("{title} - {customer}.{ext}")
    }
}

/// One attached file.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// What it is.
    pub kind: DocumentKind,
    /// The name the customer sees.
    pub file_name: String,
    /// Its SHA-256 (as the manifest lists it and the bytes have been checked against).
    pub sha256: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything one message says.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The engagement it is for.
    pub engagement: String,
    /// The sender.
    pub from: Mailbox,
    /// The customer's contacts.
    pub to: Vec<Mailbox>,
    /// The FastTrack Manager: copied, and where replies go.
    pub fm: Option<Mailbox>,
    /// The rendered body.
    pub body: Body,
    /// The files attached.
    pub attachments: Vec<Attachment>,
}

/// A message ready to send or save.
#[derive(Debug, Clone)]
pub struct Built {
    /// The whole message, RFC 5322, CRLF line ends.
    pub bytes: Vec<u8>,
    /// Its Message-ID, without angle brackets.
    pub message_id: String,
    /// Who the SMTP envelope is from and to (To and Cc).
    pub envelope: Envelope,
}

impl Letter {
    /// A SHA-256 over what the message is: recipients, subject, body and attachments. Equal
    /// digests mean the same message.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        let mut part = |label: &str, bytes: &[u8]| {
            h.update(label.as_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        part("engagement", self.engagement.as_bytes());
        part("from", self.from.to_string().as_bytes());
        for t in &self.to {
            part("to", t.to_string().as_bytes());
        }
        if let Some(fm) = &self.fm {
            part("fm", fm.to_string().as_bytes());
        }
        part("subject", self.body.subject.as_bytes());
        part("html", self.body.html.as_bytes());
        part("text", self.body.text.as_bytes());
        for a in &self.attachments {
            part("attachment", a.file_name.as_bytes());
            part("sha256", a.sha256.as_bytes());
        }
        crate::outdir::hex(&h.finalize())
    }

    /// The attachments' SHA-256s, in order: what "the documents changed since sent" compares.
    pub fn attachment_hashes(&self) -> Vec<String> {
        self.attachments.iter().map(|a| a.sha256.clone()).collect()
    }

    /// The Message-ID: derived from the message's content, at the sender's domain.
    pub fn message_id(&self) -> String {
        let domain = self.from.email.domain().to_string();
        format!("{}.successkit@{domain}", &self.digest()[..32])
    }

    /// The message's bytes, dated `date`. `draft` adds `X-Unsent: 1`, which makes Outlook
    /// open the file as a draft to review and send.
    pub fn build(&self, date: SystemTime, draft: bool) -> Result<Built, MailError> {
        let digest = self.digest();
        let message_id = self.message_id();
        let mut b = Message::builder()
            .from(self.from.clone())
            .subject(self.body.subject.clone())
            .date(date)
            .message_id(Some(format!("<{message_id}>")));
        for t in &self.to {
            b = b.to(t.clone());
        }
        if let Some(fm) = &self.fm {
            b = b.cc(fm.clone()).reply_to(fm.clone());
        }
        if draft {
            b = b.header(XUnsent);
        }
        let alternative = MultiPart::builder()
            .kind(MultiPartKind::Alternative)
            .boundary(format!("alt-{}", &digest[..24]))
            .singlepart(SinglePart::plain(self.body.text.clone()))
            .singlepart(SinglePart::html(self.body.html.clone()));
        let mut mixed = MultiPart::builder()
            .kind(MultiPartKind::Mixed)
            .boundary(format!("mixed-{}", &digest[..24]))
            .multipart(alternative);
        for a in &self.attachments {
            mixed = mixed.singlepart(attachment_part(a)?);
        }
        let message = b
            .multipart(mixed)
            .map_err(|e| MailError::Build(e.to_string()))?;
        Ok(Built {
            bytes: message.formatted(),
            message_id,
            envelope: message.envelope().clone(),
        })
    }
}

/// The attachment's part, with its name in both `Content-Type` (`name=`, for Outlook) and
/// `Content-Disposition` (`filename=`), so no client shows "Untitled attachment".
fn attachment_part(a: &Attachment) -> Result<SinglePart, MailError> {
    let mime = match a.kind {
        DocumentKind::SuccessPlanDocx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
        DocumentKind::PortfolioXlsx => {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
        _ => "application/pdf",
    };
    // `name=` takes an RFC 2047 encoded word when the name is not ASCII (what Outlook and
    // Gmail read); `filename=` is RFC 2231-encoded by lettre.
    let name = if a.file_name.is_ascii() {
        a.file_name.replace(['"', '\\'], "")
    } else {
        use base64_encode as b64;
        format!("=?utf-8?b?{}?=", b64(a.file_name.as_bytes()))
    };
    let content_type = ContentType::parse(&format!("{mime}; name=\"{name}\""))
        .map_err(|e| MailError::Build(format!("{}: {e}", a.file_name)))?;
    Ok(SinglePart::builder()
        .header(content_type)
        .header(ContentDisposition::attachment(&a.file_name))
        .body(a.bytes.clone()))
}

/// Standard base64 (RFC 4648, with padding).
fn base64_encode(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `X-Unsent: 1`: Outlook opens the `.eml` as an unsent draft.
#[derive(Debug, Clone, Copy)]
struct XUnsent;

impl Header for XUnsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XUnsent)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".to_string())
    }
}

/// Parses an address list the way the data holds it (`a@x.com`, `Bea <b@y.com>`).
pub fn mailbox(what: &'static str, address: &str) -> Result<Mailbox, MailError> {
    address
        .trim()
        .parse::<Mailbox>()
        .map_err(|_| MailError::Address {
            what,
            address: address.to_string(),
        })
}

/// A time in seconds since the epoch as a `SystemTime`.
pub fn epoch(secs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs as u64)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    }
}

/// The plain-text alternative of a body: headings, paragraphs, lists and links as a mail
/// client shows plain text.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        write_block(&mut out, b, "");
    }
    let trimmed = out.trim_end();
    format!("{trimmed}\n")
}

fn write_block(out: &mut String, b: &Block, indent: &str) {
    match b {
        Block::Heading { content, .. } | Block::Paragraph(content) => {
            push_lines(out, &inline_text(content), indent);
            out.push('\n');
        }
        Block::List { start, items } => {
            for (i, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(n) => format!("{}. ", n + i as u64),
                    None => "- ".to_string(),
                };
                write_item(out, item, &marker, indent);
            }
            out.push('\n');
        }
        Block::Quote(blocks) | Block::Callout { blocks, .. } | Block::Slide(blocks) => {
            let inner = format!("{indent}> ");
            for b in blocks {
                write_block(out, b, &inner);
            }
        }
        Block::Code(text) => {
            push_lines(out, text.trim_end(), &format!("{indent}    "));
            out.push('\n');
        }
        Block::Rule => out.push_str(&format!("{indent}----\n\n")),
        Block::Table(t) => {
            for row in std::iter::once(&t.header).chain(t.rows.iter()) {
                let cells: Vec<String> = row.iter().map(|c| inline_text(c)).collect();
                push_lines(out, &cells.join(" | "), indent);
            }
            out.push('\n');
        }
        Block::Chart(c) => {
            push_lines(out, &c.title, indent);
            for (label, v) in &c.bars {
                push_lines(out, &format!("{label}: {:.0}%", v * 100.0), indent);
            }
            out.push('\n');
        }
        Block::Image { alt, .. } => {
            if !alt.is_empty() {
                push_lines(out, alt, indent);
                out.push('\n');
            }
        }
        Block::PageBreak => {}
    }
}

fn write_item(out: &mut String, item: &ListItem, marker: &str, indent: &str) {
    let pad = " ".repeat(marker.chars().count());
    let mut first = true;
    for b in &item.blocks {
        let mut s = String::new();
        write_block(&mut s, b, "");
        for line in s.trim_end().lines() {
            if first {
                out.push_str(&format!("{indent}{marker}{line}\n"));
                first = false;
            } else if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{indent}{pad}{line}\n"));
            }
        }
    }
}

fn push_lines(out: &mut String, text: &str, indent: &str) {
    for line in text.lines() {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
}

/// Inline text, a link shown as `text <url>` when its text is not the address.
fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        if let Inline::Span {
            link: Some(url), ..
        } = &inlines[i]
        {
            let mut text = String::new();
            while let Some(Inline::Span {
                text: t,
                link: Some(u),
                ..
            }) = inlines.get(i)
            {
                if u != url {
                    break;
                }
                text.push_str(t);
                i += 1;
            }
            let bare = url.strip_prefix("mailto:").unwrap_or(url);
            if text == *url || text == bare {
                out.push_str(&text);
            } else {
                out.push_str(&format!("{text} <{bare}>"));
            }
            continue;
        }
        out.push_str(&document::plain_text(std::slice::from_ref(&inlines[i])));
        i += 1;
    }
    out
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { content, .. } | Block::Paragraph(content) => document::plain_text(content),
        _ => String::new(),
    }
}

/// The message's SHA-256, for logs and the journal.
pub fn sha256_of(bytes: &[u8]) -> String {
    sha256_hex(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foo"), "Zm9v");
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn attachment_names_are_for_people() {
        assert_eq!(
            attachment_name(DocumentKind::SuccessPlanPdf, Lang::En, "Contoso Ltd."),
            "Success Plan - Contoso Ltd.pdf"
        );
        assert_eq!(
            attachment_name(
                DocumentKind::WorkshopHandoutPdf,
                Lang::PtBr,
                "Itaú / Têxtil: SA"
            ),
            "Material do Workshop - Itaú Têxtil SA.pdf"
        );
        assert_eq!(
            attachment_name(DocumentKind::SuccessPlanDocx, Lang::En, "***"),
            "Success Plan.docx"
        );
    }

    fn letter() -> Letter {
        Letter {
            engagement: "ENG-1".into(),
            from: "FastTrack <fasttrack@example.com>".parse().unwrap(),
            to: vec!["Ana <ana@contoso.com>".parse().unwrap()],
            fm: Some("Bea <bea@example.com>".parse().unwrap()),
            body: Body {
                subject: "Seu kit · Itaú Têxtil".into(),
                html: "<p>Olá</p>".into(),
                text: "Olá\n".into(),
            },
            attachments: vec![Attachment {
                kind: DocumentKind::SuccessPlanPdf,
                file_name: "Plano de Sucesso - Itaú Têxtil.pdf".into(),
                sha256: sha256_hex(b"%PDF-1.7"),
                bytes: b"%PDF-1.7".to_vec(),
            }],
        }
    }

    #[test]
    fn a_soft_hyphen_in_the_customers_name_stays_out_of_the_subject() {
        let templates = Templates::new(None).unwrap();
        let view = EmailView {
            customer: "Far\u{00AD}má\u{00AD}cia São João".into(),
            engagement_id: "ENG-1".into(),
            contact: None,
            fm: "Bea".into(),
            fm_email: None,
            workshop_date: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            next_checkin: None,
            attachments: vec![],
        };
        for lang in [Lang::En, Lang::PtBr] {
            let body = render_body(&templates, lang, &view).unwrap();
            assert!(
                body.subject.ends_with("Farmácia São João"),
                "{}",
                body.subject
            );
        }
    }

    #[test]
    fn same_letter_same_bytes() {
        let l = letter();
        let a = l.build(epoch(1_795_478_400), true).unwrap();
        let b = l.build(epoch(1_795_478_400), true).unwrap();
        assert_eq!(a.bytes, b.bytes);
        let text = String::from_utf8(a.bytes).unwrap();
        assert!(text.contains("X-Unsent: 1\r\n"), "{text}");
        assert!(
            text.contains(&format!("Message-ID: <{}>", a.message_id)),
            "{text}"
        );
        assert!(text.contains("name=\"=?utf-8?b?"), "{text}");
        assert!(text.contains("filename*"), "{text}");
        assert!(text.contains("Reply-To: Bea <bea@example.com>"), "{text}");
        let mut other = letter();
        other.attachments[0].sha256 = sha256_hex(b"other");
        assert_ne!(other.message_id(), l.message_id());
    }
}
