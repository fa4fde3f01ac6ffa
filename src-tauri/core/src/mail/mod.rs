//! Sending e-mail: a proper MIME message (plain text and HTML alternatives, encoded headers)
//! over SMTP with `lettre`, and what went wrong in words and in kind — worth trying again
//! (the server is unreachable, busy), refused for good (the recipient), or the settings
//! (login, encryption). Behind the [`Mailer`] trait so the outbox can be driven in tests.

pub mod secrets;

use crate::sending::{Security, SmtpSettings};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// One e-mail ready to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub to_name: Option<String>,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `<…@domain>`: the same on every attempt, so a message sent twice can be recognised.
    pub message_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Try again later: the server could not be reached, timed out, or answered 4xx.
    Transient,
    /// The server refused this message or recipient for good (5xx to the recipient or data).
    Rejected,
    /// The settings are wrong (login refused, encryption not possible): fix them, then retry.
    Settings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub failure: Failure,
    pub message: String,
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Something that delivers e-mails (SMTP in the app; a scripted one in some tests).
pub trait Mailer: Send + Sync {
    fn send<'a>(&'a self, m: &'a Outgoing) -> SendFuture<'a>;
}

/// Sends through an SMTP server, one connection per message (a small business sends few).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

fn settings_error(message: String) -> SendError {
    SendError { failure: Failure::Settings, message }
}

impl SmtpMailer {
    pub fn new(s: &SmtpSettings, password: Option<String>) -> Result<SmtpMailer, SendError> {
        let from_name = (!s.from_name.is_empty()).then(|| s.from_name.clone());
        let address = s.from_email.parse().map_err(|e| settings_error(format!("The sender address {} is not valid: {e}", s.from_email)))?;
        let from = Mailbox::new(from_name, address);
        let tls = |host: &str| TlsParameters::new(host.to_string()).map_err(|e| settings_error(format!("Encryption could not be set up: {e}")));
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.host.as_str()).port(s.port).timeout(Some(Duration::from_secs(30)));
        b = match s.security {
            Security::StartTls => b.tls(Tls::Required(tls(&s.host)?)),
            Security::Tls => b.tls(Tls::Wrapper(tls(&s.host)?)),
            Security::None => b.tls(Tls::None),
        };
        if !s.username.is_empty() {
            let Some(p) = password else {
                return Err(settings_error("The mail server needs a password: enter it in Settings → E-mail.".into()));
            };
            b = b.credentials(Credentials::new(s.username.clone(), p));
        }
        Ok(SmtpMailer { transport: b.build(), from })
    }
}

/// The message as it goes on the wire: multipart/alternative with a plain text and an HTML
/// part, headers encoded as needed.
pub fn message(from: &Mailbox, m: &Outgoing) -> Result<Message, SendError> {
    let to_addr = m.to_address.parse().map_err(|e| SendError { failure: Failure::Rejected, message: format!("{} is not an e-mail address: {e}", m.to_address) })?;
    let to = Mailbox::new(m.to_name.clone().filter(|n| !n.is_empty()), to_addr);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(m.message_id.clone()))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.text.clone()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(m.html.clone())),
        )
        .map_err(|e| SendError { failure: Failure::Rejected, message: format!("The e-mail could not be built: {e}") })
}

fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut s: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(x) = s {
        if let Some(io) = x.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        s = x.source();
    }
    None
}

/// What an SMTP error means for the outbox.
pub fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    let code = e.status().map(u16::from);
    let text = e.to_string();
    let (failure, message) = match code {
        Some(530 | 534 | 535 | 538) => (Failure::Settings, format!("The mail server refused the login ({text}). Check the user name and password in Settings → E-mail.")),
        Some(c) if (500..600).contains(&c) => (Failure::Rejected, format!("The mail server refused the e-mail: {text}")),
        Some(_) => (Failure::Transient, format!("The mail server asked to try later: {text}")),
        None if e.is_client() => (Failure::Settings, format!("The mail server settings do not work: {text}")),
        None => match io_kind(e) {
            Some(std::io::ErrorKind::InvalidData) => (Failure::Settings, format!("A secure connection could not be made: {text}. Check the encryption setting.")),
            _ if e.is_timeout() => (Failure::Transient, "The mail server did not answer in time; trying again later.".to_string()),
            _ => (Failure::Transient, format!("The mail server could not be reached ({text}); trying again later.")),
        },
    };
    SendError { failure, message }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, m: &'a Outgoing) -> SendFuture<'a> {
        Box::pin(async move {
            let msg = message(&self.from, m)?;
            self.transport.send(msg).await.map(|_| ()).map_err(|e| classify(&e))
        })
    }
}

/// The mail server as set up in Settings, with its password from `secrets`: `None` when
/// sending is not set up; an error in words when the settings cannot work (no password).
pub async fn from_settings<C: sea_orm::ConnectionTrait>(db: &C, secrets: &dyn secrets::SecretStore) -> crate::CoreResult<Option<Result<SmtpMailer, SendError>>> {
    let Some(s) = crate::sending::smtp_get(db).await? else { return Ok(None) };
    let password = if s.username.is_empty() {
        None
    } else {
        secrets.get(&secrets::smtp_account(&s.host, &s.username)).map_err(|e| crate::CoreError::Storage { message: e })?
    };
    Ok(Some(SmtpMailer::new(&s, password)))
}

/// What the e-mail settings screen shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct SmtpView {
    pub settings: Option<SmtpSettings>,
    pub password_saved: bool,
    /// Where the password is kept, or why it could only be kept for this session.
    pub password_note: Option<String>,
}

pub async fn view<C: sea_orm::ConnectionTrait>(db: &C, secrets: &dyn secrets::SecretStore, note: Option<String>) -> crate::CoreResult<SmtpView> {
    let settings = crate::sending::smtp_get(db).await?;
    let password_saved = match &settings {
        Some(s) if !s.username.is_empty() => secrets.get(&secrets::smtp_account(&s.host, &s.username)).ok().flatten().is_some(),
        _ => false,
    };
    Ok(SmtpView { settings, password_saved, password_note: note })
}

/// Saves the server settings; a given password goes to the OS keychain (or, without one, is
/// kept for this session, and the note says so).
pub async fn save<C: sea_orm::ConnectionTrait>(db: &C, secrets: &secrets::KeychainOrMemory, s: &SmtpSettings, password: Option<&str>) -> crate::CoreResult<SmtpView> {
    let clean = crate::sending::smtp_set(db, s).await?;
    let mut note = None;
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        if clean.username.is_empty() {
            return Err(crate::CoreError::invalid("username", "required", "A password needs the user name it belongs to."));
        }
        if let (secrets::Saved::SessionOnly, Some(why)) = secrets.save(&secrets::smtp_account(&clean.host, &clean.username), p) {
            note = Some(format!("{why} The password is kept until Hearth closes; enter it again next time."));
        }
    }
    view(db, secrets, note).await
}

/// How a test e-mail went.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct TestResult {
    pub sent: bool,
    pub message: String,
}

/// Sends a test e-mail to `to` straight away (not through the outbox), saying what went wrong.
pub async fn send_test<C: sea_orm::ConnectionTrait>(db: &C, secrets: &dyn secrets::SecretStore, to: &str) -> crate::CoreResult<TestResult> {
    let mut v = crate::validate::Validator::new();
    let to = v.email("to", to);
    v.finish()?;
    let mailer = match from_settings(db, secrets).await? {
        None => return Ok(TestResult { sent: false, message: "E-mail sending is not set up yet.".into() }),
        Some(Err(e)) => return Ok(TestResult { sent: false, message: e.message }),
        Some(Ok(m)) => m,
    };
    let text = "This is a test e-mail from Hearth CRM. If you can read it, sending works.".to_string();
    let m = Outgoing {
        to_name: None,
        to_address: to.clone(),
        subject: "Hearth CRM: test e-mail".into(),
        html: crate::templates::merge::html_of(&text),
        text,
        message_id: format!("<{}@hearth.local>", crate::common::new_id()),
    };
    Ok(match mailer.send(&m).await {
        Ok(()) => TestResult { sent: true, message: format!("Sent to {to}.") },
        Err(e) => TestResult { sent: false, message: e.message },
    })
}
