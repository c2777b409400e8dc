//! SMTP through lettre's connection: TLS always, AUTH, one connection reused, and every
//! failure classified by what it means for the message (retry, refused, fate unknown).
//!
//! `smtp://USER@HOST[:PORT]` (default port 587) upgrades with STARTTLS and refuses a server
//! that does not offer it: never a silent plaintext fallback. `smtps://USER@HOST[:PORT]`
//! (default 465) is TLS from the first byte. Certificates are checked against the Mozilla
//! roots built in (webpki-roots) plus any extra CA given (`--tls-ca`).

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use std::fmt;
use std::time::Duration;

/// Environment variable holding the SMTP password.
pub const PASSWORD_ENV: &str = "SUCCESSKIT_SMTP_PASSWORD";
/// Environment variable holding an OAuth 2.0 access token (AUTH XOAUTH2 instead of a
/// password: Microsoft 365, Gmail).
pub const OAUTH2_TOKEN_ENV: &str = "SUCCESSKIT_SMTP_OAUTH2_TOKEN";

/// Where and how to connect.
#[derive(Clone)]
pub struct SmtpConfig {
    /// Host name (also the name the certificate must carry).
    pub host: String,
    /// Port.
    pub port: u16,
    /// TLS from the first byte (`smtps://`) rather than STARTTLS.
    pub implicit_tls: bool,
    /// User for AUTH; none means no AUTH (a relay that trusts the network).
    pub user: Option<String>,
    /// The password or token.
    pub secret: Option<Secret>,
    /// Extra CA certificates to trust (PEM).
    pub extra_ca: Option<Vec<u8>>,
    /// Read/write timeout.
    pub timeout: Duration,
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("implicit_tls", &self.implicit_tls)
            .field("user", &self.user)
            .field("secret", &self.secret)
            .finish_non_exhaustive()
    }
}

/// A password or an OAuth 2.0 token. Never printed: `Debug` shows only which it is.
#[derive(Clone)]
pub enum Secret {
    /// A password (AUTH PLAIN or LOGIN).
    Password(String),
    /// An OAuth 2.0 access token (AUTH XOAUTH2).
    OAuth2Token(String),
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Secret::Password(_) => "Password(…)",
            Secret::OAuth2Token(_) => "OAuth2Token(…)",
        })
    }
}

impl SmtpConfig {
    /// Parses `smtp://USER@HOST[:PORT]` or `smtps://USER@HOST[:PORT]`. The user may be an
    /// address (`smtp://fm@contoso.com@smtp.office365.com`). A password in the URL is
    /// refused: it would sit in shell history and process lists.
    pub fn parse(url: &str) -> Result<SmtpConfig, String> {
        let (scheme, rest) = url.split_once("://").ok_or_else(|| {
            format!(
                "{url:?} is not an SMTP URL: write smtp://USER@HOST:587 or smtps://USER@HOST:465"
            )
        })?;
        let implicit_tls = match scheme.to_ascii_lowercase().as_str() {
            "smtp" => false,
            "smtps" => true,
            other => {
                return Err(format!(
                    "unknown scheme {other:?}: use smtp:// (STARTTLS) or smtps:// (implicit TLS)"
                ))
            }
        };
        let rest = rest.trim_end_matches('/');
        let (user, hostport) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(percent_decode(u)), h),
            None => (None, rest),
        };
        if let Some(u) = &user {
            if u.contains(':') && !u.contains('@') {
                return Err("put the password in SUCCESSKIT_SMTP_PASSWORD, not in the URL".into());
            }
            if u.is_empty() {
                return Err("the URL's user is empty".into());
            }
        }
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("{p:?} is not a port number"))?;
                (h, port)
            }
            _ => (hostport, if implicit_tls { 465 } else { 587 }),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.contains(['/', '?', '#', ' ']) {
            return Err(format!("{hostport:?} is not a host name"));
        }
        Ok(SmtpConfig {
            host: host.to_string(),
            port,
            implicit_tls,
            user,
            secret: None,
            extra_ca: None,
            timeout: Duration::from_secs(60),
        })
    }

    /// The URL without secrets, for messages: `smtp://fm@contoso.com@smtp.office365.com:587`.
    pub fn display(&self) -> String {
        format!(
            "{}://{}{}:{}",
            if self.implicit_tls { "smtps" } else { "smtp" },
            self.user
                .as_deref()
                .map(|u| format!("{u}@"))
                .unwrap_or_default(),
            self.host,
            self.port
        )
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How sending one message failed, by what it means for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The server refused our credentials (or offers no way to log in): stop the run.
    Auth(String),
    /// Could not connect, or TLS could not be set up (including a server that does not
    /// offer STARTTLS).
    Connect(String),
    /// A 4xx reply or a connection lost before the message's data was sent: not delivered,
    /// safe to try again.
    Transient(String),
    /// A 5xx reply: refused.
    Permanent(String),
    /// The connection failed after the message's data was sent and before the server
    /// answered: it may have been delivered.
    Unknown(String),
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Auth(s) => write!(f, "authentication failed: {s}"),
            SendError::Connect(s) => write!(f, "cannot connect: {s}"),
            SendError::Transient(s) | SendError::Permanent(s) | SendError::Unknown(s) => {
                f.write_str(s)
            }
        }
    }
}

/// One SMTP session, opened on first use and reused for every message; reopened after a
/// failure broke it.
pub struct Smtp {
    config: SmtpConfig,
    tls: TlsParameters,
    hello: ClientId,
    conn: Option<SmtpConnection>,
}

impl Smtp {
    /// Prepares the session (TLS parameters); connects on [`Smtp::connect`] or first send.
    pub fn new(config: SmtpConfig) -> Result<Smtp, SendError> {
        let mut tls = TlsParameters::builder(config.host.clone());
        if let Some(pem) = &config.extra_ca {
            for cert in pem_certificates(pem) {
                let cert = Certificate::from_pem(cert.as_bytes())
                    .map_err(|e| SendError::Connect(format!("--tls-ca: {e}")))?;
                tls = tls.add_root_certificate(cert);
            }
        }
        let tls = tls
            .build_rustls()
            .map_err(|e| SendError::Connect(format!("TLS: {e}")))?;
        Ok(Smtp {
            config,
            tls,
            hello: ClientId::default(),
            conn: None,
        })
    }

    /// Connects, secures and logs in, unless a working connection is open.
    pub fn connect(&mut self) -> Result<(), SendError> {
        if self.conn.as_ref().is_some_and(|c| !c.has_broken()) {
            return Ok(());
        }
        self.conn = None;
        let c = &self.config;
        let addr = (c.host.as_str(), c.port);
        let mut conn = SmtpConnection::connect(
            addr,
            Some(c.timeout),
            &self.hello,
            c.implicit_tls.then_some(&self.tls),
            None,
        )
        .map_err(|e| SendError::Connect(format!("{}: {}", c.display(), reply_of(&e))))?;
        if !c.implicit_tls {
            if !conn.can_starttls() {
                conn.abort();
                return Err(SendError::Connect(format!(
                    "{} does not offer STARTTLS; successkit never sends in plaintext \
                     (use smtps:// for a server that speaks TLS from the start)",
                    c.display()
                )));
            }
            conn.starttls(&self.tls, &self.hello).map_err(|e| {
                SendError::Connect(format!("STARTTLS with {}: {}", c.display(), reply_of(&e)))
            })?;
        }
        if let Some(user) = &c.user {
            let (mechanisms, credentials): (&[Mechanism], _) = match &c.secret {
                Some(Secret::OAuth2Token(t)) => (
                    &[Mechanism::Xoauth2],
                    Credentials::new(user.clone(), t.clone()),
                ),
                Some(Secret::Password(p)) => (
                    &[Mechanism::Plain, Mechanism::Login],
                    Credentials::new(user.clone(), p.clone()),
                ),
                None => {
                    conn.abort();
                    return Err(SendError::Auth(format!(
                        "no password for {user}: set {PASSWORD_ENV} (or {OAUTH2_TOKEN_ENV} for OAuth 2.0)"
                    )));
                }
            };
            if !mechanisms
                .iter()
                .any(|m| conn.server_info().supports_auth_mechanism(*m))
            {
                conn.abort();
                let names: Vec<String> = mechanisms.iter().map(|m| m.to_string()).collect();
                return Err(SendError::Auth(format!(
                    "{} offers no AUTH {}",
                    c.display(),
                    names.join(" or ")
                )));
            }
            if let Err(e) = conn.auth(mechanisms, &credentials) {
                conn.abort();
                return Err(if e.is_transient() || e.is_timeout() || is_network(&e) {
                    SendError::Connect(format!("AUTH: {}", reply_of(&e)))
                } else {
                    SendError::Auth(format!("{} as {user}: {}", c.display(), reply_of(&e)))
                });
            }
        }
        self.conn = Some(conn);
        Ok(())
    }

    /// Sends one message on the open connection (connecting first if needed). Returns the
    /// server's reply to the data (`250 …`).
    pub fn send(&mut self, envelope: &Envelope, message: &[u8]) -> Result<String, SendError> {
        self.connect().map_err(|e| match e {
            SendError::Connect(s) => SendError::Transient(format!("cannot connect: {s}")),
            other => other,
        })?;
        let conn = self.conn.as_mut().expect("connected above");
        let result = transaction(conn, envelope, message);
        if conn.has_broken() || result.is_err() {
            // lettre aborts the connection on any error; start clean next time.
            if let Some(mut c) = self.conn.take() {
                c.abort();
            }
        }
        result
    }

    /// Says goodbye (QUIT) if a connection is open.
    pub fn quit(&mut self) {
        if let Some(mut c) = self.conn.take() {
            let _ = c.quit();
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.quit();
    }
}

fn transaction(
    conn: &mut SmtpConnection,
    envelope: &Envelope,
    message: &[u8],
) -> Result<String, SendError> {
    let mut options = vec![];
    if !message.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    // Before the data: a failure means the message was not delivered.
    let before = |e: lettre::transport::smtp::Error| {
        if e.is_permanent() {
            SendError::Permanent(reply_of(&e))
        } else {
            SendError::Transient(reply_of(&e))
        }
    };
    conn.command(Mail::new(envelope.from().cloned(), options))
        .map_err(before)?;
    for to in envelope.to() {
        conn.command(Rcpt::new(to.clone(), vec![]))
            .map_err(before)?;
    }
    conn.command(Data).map_err(before)?;
    // The data itself: a reply means what it says; no reply means nobody knows.
    match conn.message(message) {
        Ok(r) => Ok(response_text(r.code().to_string(), r.message())),
        Err(e) if e.is_permanent() => Err(SendError::Permanent(reply_of(&e))),
        Err(e) if e.is_transient() => Err(SendError::Transient(reply_of(&e))),
        Err(e) => Err(SendError::Unknown(format!(
            "no answer after the message was sent: {}",
            reply_of(&e)
        ))),
    }
}

fn response_text<'a>(code: String, lines: impl Iterator<Item = &'a str>) -> String {
    let text: Vec<&str> = lines.collect();
    format!("{code} {}", text.join(" ")).trim().to_string()
}

fn is_network(e: &lettre::transport::smtp::Error) -> bool {
    !e.is_response() && !e.is_permanent() && !e.is_transient() && !e.is_client()
}

/// The server's reply (`451 4.3.0 try later`) or lettre's description of what failed.
fn reply_of(e: &lettre::transport::smtp::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        source = inner.source();
    }
    s
}

/// The `-----BEGIN CERTIFICATE-----` blocks of a PEM file.
fn pem_certificates(pem: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pem);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("-----BEGIN CERTIFICATE-----") {
            current = Some(String::new());
        }
        if let Some(c) = current.as_mut() {
            c.push_str(line);
            c.push('\n');
        }
        if line.starts_with("-----END CERTIFICATE-----") {
            if let Some(c) = current.take() {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let c = SmtpConfig::parse("smtp://fm@contoso.com@smtp.office365.com").unwrap();
        assert_eq!(c.user.as_deref(), Some("fm@contoso.com"));
        assert_eq!(
            (c.host.as_str(), c.port, c.implicit_tls),
            ("smtp.office365.com", 587, false)
        );
        let c = SmtpConfig::parse("smtps://fm%40x.com@127.0.0.1:2465").unwrap();
        assert_eq!(c.user.as_deref(), Some("fm@x.com"));
        assert_eq!(
            (c.host.as_str(), c.port, c.implicit_tls),
            ("127.0.0.1", 2465, true)
        );
        assert_eq!(c.display(), "smtps://fm@x.com@127.0.0.1:2465");
        assert!(SmtpConfig::parse("http://x").is_err());
        assert!(SmtpConfig::parse("smtp://user:pw@host").is_err());
        assert!(SmtpConfig::parse("smtp://u@host:99999").is_err());
        let c = SmtpConfig::parse("smtp://relay.local").unwrap();
        assert_eq!(c.user, None);
        let s = format!("{:?}", Secret::Password("hunter2".into()));
        assert!(!s.contains("hunter2"));
    }
}
