//! A real SMTP server for the tests: Python's `aiosmtpd` on a free port of 127.0.0.1, writing
//! each message it accepts (envelope and raw content) to a folder, parsed here with
//! `mail-parser`. It refuses recipients whose address starts with `reject` (550), can be
//! stopped and started again on the same port ("the mail server is down, then back"), and
//! dies with the test.
//!
//! Needs `python3 -m pip install aiosmtpd` (`.ci/run` installs it).

use mail_parser::{MessageParser, MimeHeaders};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const SERVER: &str = r#"
import json, os, sys, time, uuid
from aiosmtpd.controller import Controller

out, port = sys.argv[1], int(sys.argv[2])

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = "%020d-%s" % (time.time_ns(), uuid.uuid4().hex)
        meta = {"from": envelope.mail_from, "to": envelope.rcpt_tos}
        tmp = os.path.join(out, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(json.dumps(meta).encode() + b"\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(out, name + ".msg"))
        return "250 2.0.0 Message accepted"

controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("READY", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
"#;

/// A running (or stopped) test SMTP server.
pub struct SmtpServer {
    pub port: u16,
    /// Where received messages are written (one `.msg` file each).
    pub dir: PathBuf,
    _dir: tempfile::TempDir,
    script: PathBuf,
    child: Option<Child>,
}

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// `MAIL FROM` and `RCPT TO`.
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    pub raw: Vec<u8>,
    pub subject: String,
    pub message_id: String,
    /// The `To:` addresses.
    pub to: Vec<String>,
    pub text: String,
    pub html: String,
    /// Top-level headers, names as sent, raw values trimmed.
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<ReceivedPart>,
}

/// An attached part.
#[derive(Clone, Debug)]
pub struct ReceivedPart {
    /// `type/subtype; attr=value…`, attribute names lower-cased.
    pub content_type: String,
    pub name: Option<String>,
    pub body: String,
}

impl ReceivedMail {
    /// The raw value of a top-level header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first link in the text part whose path starts with `path` (`/reset-password`).
    pub fn link(&self, path: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
            .find(|w| {
                w.split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                    .is_some_and(|p| p.starts_with(path))
            })
            .map(str::to_owned)
    }

    /// The `token` query parameter of the first link to `path`.
    pub fn token(&self, path: &str) -> Option<String> {
        let link = self.link(path)?;
        let query = link.split_once('?')?.1;
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix("token="))
            .map(str::to_owned)
    }

    fn parse(file: &Path) -> anyhow::Result<Self> {
        let bytes = std::fs::read(file)?;
        let split = bytes
            .iter()
            .position(|b| *b == b'\n')
            .ok_or_else(|| anyhow::anyhow!("no envelope line in {}", file.display()))?;
        let meta: serde_json::Value = serde_json::from_slice(&bytes[..split])?;
        let raw = bytes[split + 1..].to_vec();
        let parsed = MessageParser::default()
            .parse(&raw)
            .ok_or_else(|| anyhow::anyhow!("{} is not a message", file.display()))?;
        let headers = parsed
            .headers()
            .iter()
            .map(|h| {
                let value = raw
                    .get(h.offset_start as usize..h.offset_end as usize)
                    .map(|v| String::from_utf8_lossy(v).trim().to_owned())
                    .unwrap_or_default();
                (h.name.as_str().to_owned(), value)
            })
            .collect();
        let to = parsed
            .to()
            .and_then(|a| a.as_list())
            .map(|l| {
                l.iter()
                    .filter_map(|a| a.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let attachments = parsed
            .attachments()
            .map(|p| ReceivedPart {
                content_type: p
                    .content_type()
                    .map(|ct| {
                        let mut s = ct.ctype().to_owned();
                        if let Some(sub) = ct.subtype() {
                            s = format!("{s}/{sub}");
                        }
                        for a in ct.attributes().unwrap_or_default() {
                            s = format!("{s}; {}={}", a.name.to_lowercase(), a.value);
                        }
                        s
                    })
                    .unwrap_or_default(),
                name: p.attachment_name().map(str::to_owned),
                body: p.text_contents().unwrap_or_default().to_owned(),
            })
            .collect();
        Ok(Self {
            envelope_from: meta["from"].as_str().unwrap_or_default().to_owned(),
            envelope_to: meta["to"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            subject: parsed.subject().unwrap_or_default().to_owned(),
            message_id: parsed.message_id().unwrap_or_default().to_owned(),
            to,
            text: parsed
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: parsed
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            headers,
            attachments,
            raw,
        })
    }
}

fn free_port() -> anyhow::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

impl SmtpServer {
    /// Starts a server on a free port; panics (with the fix) when aiosmtpd is missing.
    pub async fn start() -> Self {
        Self::try_start()
            .await
            .unwrap_or_else(|e| panic!("cannot start the test SMTP server: {e:#}"))
    }

    async fn try_start() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let script = dir.path().join("smtp_server.py");
        std::fs::write(&script, SERVER)?;
        let inbox = dir.path().join("inbox");
        std::fs::create_dir_all(&inbox)?;
        let mut server = Self {
            port: free_port()?,
            dir: inbox,
            _dir: dir,
            script,
            child: None,
        };
        server.run().await?;
        Ok(server)
    }

    async fn run(&mut self) -> anyhow::Result<()> {
        let mut child = Command::new("python3")
            .arg(&self.script)
            .arg(&self.dir)
            .arg(self.port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
        match ready {
            Ok(Ok(Some(line))) if line.trim() == "READY" => {
                self.child = Some(child);
                Ok(())
            }
            _ => {
                let _ = child.kill().await;
                let out = child.wait_with_output().await?;
                anyhow::bail!(
                    "aiosmtpd did not start on port {} (python3 -m pip install aiosmtpd): {}",
                    self.port,
                    String::from_utf8_lossy(&out.stderr)
                )
            }
        }
    }

    /// `smtp://127.0.0.1:<port>`, for `Config::smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server (connections are refused until [`SmtpServer::restart`]).
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
            let _ = child.wait().await;
        }
    }

    /// Starts it again on the same port, keeping what it received.
    pub async fn restart(&mut self) {
        self.stop().await;
        // The port was just released; a moment's retry covers a slow release.
        let mut last = None;
        for _ in 0..20 {
            match self.run().await {
                Ok(()) => return,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("cannot restart the test SMTP server: {last:?}");
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "msg"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// How many messages arrived so far (cheap: nothing is parsed).
    pub fn count(&self) -> usize {
        self.files().len()
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.files()
            .iter()
            .map(|f| ReceivedMail::parse(f).unwrap_or_else(|e| panic!("{e:#}")))
            .collect()
    }

    /// Waits until at least `n` messages arrived (panics after `timeout`), returns them all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if self.count() >= n {
                return self.messages();
            }
            if tokio::time::Instant::now() >= deadline {
                let got = self.messages();
                panic!(
                    "expected {n} mails within {timeout:?}, got {}: {:?}",
                    got.len(),
                    got.iter().map(|m| &m.subject).collect::<Vec<_>>()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The messages sent to `address` (envelope recipient, case-insensitive).
    pub fn messages_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.messages()
            .into_iter()
            .filter(|m| {
                m.envelope_to
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(address))
            })
            .collect()
    }

    /// Waits for at least `n` messages to `address`.
    pub async fn wait_for_to(
        &self,
        address: &str,
        n: usize,
        timeout: Duration,
    ) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let got = self.messages_to(address);
            if got.len() >= n {
                return got;
            }
            if tokio::time::Instant::now() >= deadline {
                panic!(
                    "expected {n} mails to {address} within {timeout:?}, got {}",
                    got.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.start_kill();
        }
    }
}
