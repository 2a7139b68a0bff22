//! Where mail goes: an SMTP server (`smtp_url`), or with none configured `.eml` files in
//! `<data_dir>/outbox/`, so that nothing is ever silently dropped.

use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::time::Duration;
use uuid::Uuid;

/// How long one SMTP exchange may take (connection, TLS, the whole transaction).
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// A stored error stays short (the outbox row, the admins' page).
const ERROR_MAX_CHARS: usize = 300;

/// Why a mail was not delivered.
#[derive(Debug)]
pub struct Failure {
    /// The server refused it for good (5xx, a malformed address): retrying cannot help.
    pub permanent: bool,
    /// What went wrong, short; never the server's address or credentials.
    pub detail: String,
}

impl Failure {
    pub fn permanent(detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: true,
            detail: short(&detail.to_string()),
        }
    }

    pub fn transient(detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: false,
            detail: short(&detail.to_string()),
        }
    }

    fn from_smtp(e: &SmtpError) -> Self {
        // lettre's messages name the failing step and the server's reply, not the URL.
        if e.is_permanent() {
            Self::permanent(e)
        } else {
            Self::transient(e)
        }
    }
}

fn short(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= ERROR_MAX_CHARS {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(ERROR_MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// The configured transport.
#[derive(Clone)]
pub enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `host:port`, for the log (no credentials).
        server: String,
    },
    /// One `<id>.eml` file per mail.
    Files(PathBuf),
}

impl Transport {
    /// From `smtp_url` (`smtp://host:port` plain, `smtps://user:pass@host:port` TLS from the
    /// first byte, `smtp://…?tls=starttls` STARTTLS required; lettre's `tls=required` and
    /// `tls=opportunistic` are understood too), else the `.eml` folder in `data_dir`.
    /// Call it inside a tokio runtime: the SMTP connection pool starts a task.
    pub fn from_config(
        smtp_url: Option<&SecretString>,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        let Some(url) = smtp_url else {
            return Ok(Self::Files(data_dir.join("outbox")));
        };
        let url = url.expose_secret().replace("tls=starttls", "tls=required");
        let server = server_of(&url);
        // The error text could quote the URL, password included: say less.
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url).map_err(|_| {
            anyhow::anyhow!("smtp_url is not a valid smtp:// or smtps:// address (server {server})")
        })?;
        Ok(Self::Smtp {
            transport: builder.timeout(Some(SMTP_TIMEOUT)).build(),
            server,
        })
    }

    /// Where mail goes, for the startup log.
    pub fn describe(&self) -> String {
        match self {
            Self::Smtp { server, .. } => format!("SMTP server {server}"),
            Self::Files(dir) => format!("files in {}", dir.display()),
        }
    }

    /// Hands one message over. `Ok` means the server accepted it (or the file is written).
    pub async fn send(&self, id: Uuid, message: Message) -> Result<(), Failure> {
        match self {
            Self::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| Failure::from_smtp(&e)),
            Self::Files(dir) => write_eml(dir, id, &message.formatted())
                .await
                .map_err(|e| Failure::transient(format!("cannot write the .eml file: {e}"))),
        }
    }
}

/// `host:port` of an SMTP URL, without user or password.
fn server_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_owned()
}

/// Written to a temporary name, then renamed: a crash leaves no half file, and sending the
/// same row again rewrites the same file instead of adding one.
async fn write_eml(dir: &std::path::Path, id: Uuid, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, dir.join(format!("{id}.eml"))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_names_the_server_without_credentials() {
        assert_eq!(
            server_of("smtps://user:s3cret@mail.example:465"),
            "mail.example:465"
        );
        assert_eq!(
            server_of("smtp://127.0.0.1:2525?tls=starttls"),
            "127.0.0.1:2525"
        );
        assert_eq!(server_of("smtp://mail.example/ehlo.name"), "mail.example");
    }

    // The connection pool starts a task: inside a runtime, like the server.
    #[tokio::test]
    async fn every_form_of_smtp_url_is_understood() {
        let dir = std::path::Path::new("/tmp");
        for url in [
            "smtp://127.0.0.1:2525",
            "smtps://user:pass@mail.example:465",
            "smtp://user:pass@mail.example:587?tls=starttls",
            "smtp://mail.example?tls=opportunistic",
        ] {
            let t = Transport::from_config(Some(&SecretString::from(url)), dir);
            assert!(matches!(t, Ok(Transport::Smtp { .. })), "{url}");
        }
        let bad = Transport::from_config(Some(&SecretString::from("http://s3cret@x")), dir);
        let err = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.contains("not a valid") && !err.contains("s3cret"),
            "{err}"
        );
        assert!(matches!(
            Transport::from_config(None, dir),
            Ok(Transport::Files(_))
        ));
    }

    #[test]
    fn stored_errors_are_one_short_line() {
        let f = Failure::transient(format!("a\nb {}", "x".repeat(1000)));
        assert!(f.detail.starts_with("a b x"));
        assert_eq!(f.detail.chars().count(), ERROR_MAX_CHARS);
    }
}
