//! The first- and repeat-visit tables of the frontend rows (`frontend.rs`): one line per
//! file the browser fetched (split chunks together), with what the server sends for it in
//! brotli and in gzip, asked with reqwest.

use super::{Entry, BUDGET, HELLO_WORLD_BR};
use crate::n;
use serde_json::json;

/// One line of the first-visit table: a file, or the split chunks taken together.
struct Line {
    file: String,
    kind: String,
    enc: &'static str,
    count: usize,
    sizes: [u64; 3],
    br: Option<u64>,
    gz: Option<u64>,
}

/// `…/chunk_<n>.wasm` (the code split off the main module, fetched on demand) as one line.
fn group(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, file)) if file.starts_with("chunk_") && file.ends_with(".wasm") => {
            format!("{dir}/chunk_*.wasm")
        }
        _ => path.to_owned(),
    }
}

pub(super) async fn first_visit(client: &reqwest::Client, base: &str, first: &[Entry]) {
    println!("\nFirst visit to /labs (empty cache): every file until the first Lab shows and the network is idle 500 ms");
    println!("(transfer: bytes on the wire with headers; encoded/decoded: body as sent/unpacked; br, gzip: the server's answer to");
    println!(" `accept-encoding: br` or `gzip` alone for that path, via reqwest; enc: the encoding the browser got)");
    let mut lines: Vec<Line> = Vec::new();
    let mut sums = [0u64; 5];
    for e in first {
        let url = format!("{base}{}", e.path);
        // The API answer: the page's query, anonymous, compressed on the fly.
        let request = || match e.path.as_str() {
            "/graphql" => client.post(&url).json(&json!({
                "query": constellation_shared::queries::labs::LABS,
                "variables": { "first": 20 },
            })),
            _ => client.get(&url),
        };
        let br = encoded_len(request(), "br").await;
        let gz = encoded_len(request(), "gzip").await;
        let sent = e.encoded_body_size;
        let enc = match () {
            _ if sent == 0 => "-",
            _ if Some(sent) == br => "br",
            _ if Some(sent) == gz => "gzip",
            _ if sent == e.decoded_body_size => "identity",
            _ => "packed",
        };
        let sizes = [e.transfer_size, sent, e.decoded_body_size];
        let all = [
            sizes[0],
            sizes[1],
            sizes[2],
            br.unwrap_or(sent),
            gz.unwrap_or(sent),
        ];
        sums.iter_mut().zip(all).for_each(|(sum, x)| *sum += x);
        let file = group(&e.path);
        match lines.iter_mut().find(|l| l.file == file) {
            Some(l) => {
                l.count += 1;
                l.sizes.iter_mut().zip(sizes).for_each(|(sum, x)| *sum += x);
                l.br = l.br.zip(br).map(|(a, b)| a + b);
                l.gz = l.gz.zip(gz).map(|(a, b)| a + b);
                if l.enc != enc {
                    l.enc = "mixed";
                }
            }
            None => lines.push(Line {
                file,
                kind: e.kind.clone(),
                enc,
                count: 1,
                sizes,
                br,
                gz,
            }),
        }
    }
    for l in lines.iter_mut().filter(|l| l.count > 1) {
        l.file = format!("{} ({} files)", l.file, l.count);
    }
    let width = lines.iter().map(|l| l.file.len()).fold(42, usize::max);
    let row = |file: &str, kind: &str, enc: &str, cols: &[String]| {
        let cols: String = cols.iter().map(|c| format!(" {c:>10}")).collect();
        println!("{file:<width$} {kind:<9} {enc:<8}{cols}");
    };
    let head = ["transfer", "encoded", "decoded", "br", "gzip"].map(String::from);
    row("file", "type", "enc", &head);
    let show = |b: Option<u64>| b.map(n).unwrap_or_else(|| "-".into());
    for l in &lines {
        let [t, e, d] = l.sizes;
        row(
            &l.file,
            &l.kind,
            l.enc,
            &[n(t), n(e), n(d), show(l.br), show(l.gz)],
        );
    }
    let total = format!("total ({} files)", first.len());
    row(&total, "", "", &sums.map(n));
    let used = format!("{:.0}% used", 100.0 * sums[0] as f64 / BUDGET as f64);
    row("budget (issue #16)", "", "", &[n(BUDGET), used]);
    let times = format!("app {:.1}x", sums[0] as f64 / HELLO_WORLD_BR as f64);
    row(
        "Leptos hello-world (baseline)",
        "",
        "br",
        &[n(HELLO_WORLD_BR), times],
    );
    println!("(br/gzip totals count the body as sent where the server has no such encoding; enc packed: compressed, unlike either size)");
}

pub(super) fn repeat_visit(first: &[Entry], repeat: &[Entry]) {
    println!(
        "\nRepeat visit to /labs (same profile, a new navigation from about:blank, not history)"
    );
    println!("(cache: transferSize 0, not asked; 304: revalidated, the body not sent again; sent: downloaded)");
    println!("{:<60} {:>10} {:>8}", "file", "transfer", "how");
    let (mut cached, mut revalidated, mut total) = (0, 0, 0);
    for e in repeat {
        let before = first
            .iter()
            .find(|f| f.path == e.path)
            .map(|f| f.transfer_size);
        let how = if e.transfer_size == 0 {
            cached += 1;
            continue;
        } else if e.encoded_body_size > 0
            && (e.status == 304
                || before.map_or(e.transfer_size < e.encoded_body_size, |b| {
                    e.transfer_size + e.encoded_body_size / 2 < b
                }))
        {
            revalidated += 1;
            "304"
        } else {
            "sent"
        };
        total += e.transfer_size;
        println!("{:<60} {:>10} {how:>8}", e.path, n(e.transfer_size));
    }
    println!(
        "{:<60} {:>10} {:>8}",
        format!("the other {cached} files"),
        0,
        "cache"
    );
    println!(
        "{:<60} {:>10}   {cached} from cache, {revalidated} revalidated",
        format!("total ({} files)", repeat.len()),
        n(total)
    );
}

/// The body size the server sends for `url` when the client accepts `encoding` alone, if
/// it answers in that encoding.
async fn encoded_len(request: reqwest::RequestBuilder, encoding: &str) -> Option<u64> {
    let r = request
        .header(reqwest::header::ACCEPT_ENCODING, encoding)
        .send()
        .await
        .ok()?;
    let got = r
        .headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = r.bytes().await.ok()?;
    (got.as_deref() == Some(encoding)).then_some(body.len() as u64)
}
