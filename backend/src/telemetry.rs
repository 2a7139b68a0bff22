//! Logging setup: an `EnvFilter`, and lines as text (default) or one JSON object each.

use serde::Deserialize;
use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

/// How log lines are written (config `log_format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line: the event's fields at the top level, the request's span
    /// (method, path, request id) under `span`.
    Json,
}

/// Text lines on stdout.
pub fn init(filter: &str) {
    init_with(filter, LogFormat::Text);
}

pub fn init_with(filter: &str, format: LogFormat) {
    // A second init (tests) is harmless: the first subscriber stays.
    // Colours only on a terminal: not in a journal or a log file.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let _ = subscriber(filter, format, ansi, std::io::stdout).try_init();
}

/// The subscriber `init_with` installs, writing to `writer` (tests capture it).
pub fn subscriber<W>(
    filter: &str,
    format: LogFormat,
    ansi: bool,
    writer: W,
) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(writer);
    match format {
        LogFormat::Text => Box::new(builder.finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
    }
}

/// A `MakeWriter` into a shared buffer (tests).
#[cfg(test)]
#[derive(Clone, Default)]
pub(crate) struct Capture(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

#[cfg(test)]
impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
impl Capture {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn json_lines_carry_the_event_fields_and_the_span() {
        let out = Capture::default();
        let w = out.clone();
        let sub = subscriber("info", LogFormat::Json, false, move || w.clone());
        tracing::subscriber::with_default(sub, || {
            let span = tracing::info_span!("request", path = "/health", request_id = "r-1");
            let _g = span.enter();
            tracing::info!(status = 200u16, "response");
            tracing::debug!("filtered out");
        });
        let text = out.text();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1, "{text}");
        let line = &lines[0];
        assert_eq!(line["level"], "INFO", "{line}");
        assert_eq!(line["message"], "response", "{line}");
        assert_eq!(line["status"], 200, "{line}");
        assert_eq!(line["span"]["request_id"], "r-1", "{line}");
        assert_eq!(line["span"]["path"], "/health", "{line}");
    }

    #[test]
    fn the_format_reads_from_config_values() {
        #[derive(Deserialize)]
        struct C {
            f: LogFormat,
        }
        let c: C = serde_json::from_str(r#"{"f":"json"}"#).unwrap();
        assert_eq!(c.f, LogFormat::Json);
        let c: C = serde_json::from_str(r#"{"f":"text"}"#).unwrap();
        assert_eq!(c.f, LogFormat::Text);
        assert!(serde_json::from_str::<C>(r#"{"f":"xml"}"#).is_err());
    }
}
