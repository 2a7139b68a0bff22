//! Lays out `target/site` from the built wasm: split at the lazy routes (the shell, one
//! module per page, shared chunks), wasm-bindgen on the shell, name and producers sections
//! removed everywhere, the app's modules in one fingerprinted folder (`pkg/<hash>/`) and the
//! stylesheet fingerprinted by name (`style-<hash>.css`), an `index.html` pointing at them
//! with no inline script, and every file precompressed as `.br` (quality 11) and `.gz`
//! (level 9). The server only picks among these files.

use anyhow::{anyhow, bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The first 16 hex digits of the SHA-256 of `bytes`: the form the server recognises.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn lay_out(root: &Path, wasm: &Path, site: &Path) -> Result<()> {
    let scratch = site.with_file_name("site-bindgen");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    let app = scratch.join("app");
    std::fs::create_dir_all(&app)?;

    // 1. Split the app at its lazy routes: the shell module, one module per page and the
    //    chunks that several pages share, with `__wasm_split.js` loading them on demand.
    let input = std::fs::read(wasm).with_context(|| format!("read {}", wasm.display()))?;
    let split_dir = scratch.join("split");
    let shell = split_dir.join("shell.wasm");
    eprintln!("xtask> wasm-split {}", wasm.display());
    let split = {
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &split_dir;
        opts.main_out_path = &shell;
        opts.link_name = "./__wasm_split.js";
        opts.main_module = "./constellation.js";
        wasm_split_cli_support::transform(opts).map_err(|e| anyhow!("wasm-split: {e:#}"))?
    };
    for module in &split.split_modules {
        let name = module.file_name().context("split module name")?;
        let bytes = std::fs::read(module)?;
        std::fs::write(app.join(name), strip_custom_sections(&bytes)?)?;
    }
    let link = std::fs::read_to_string(split_dir.join("__wasm_split.js"))?;
    std::fs::write(app.join("__wasm_split.js"), compact_link_module(&link)?)?;

    // 2. wasm-bindgen on the shell (name and producers sections removed).
    eprintln!("xtask> wasm-bindgen {}", shell.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&shell)
        .web(true)?
        .out_name("constellation")
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        // The page modules import the shell's table and memory (`__indirect_function_table`).
        .keep_lld_exports(true)
        .generate(&app)?;

    // The module starts the app itself, so index.html needs no inline script (a CSP without
    // 'unsafe-inline'); the wasm is found next to the module.
    let js_path = app.join("constellation.js");
    let mut js = std::fs::read_to_string(&js_path)?;
    if !js.contains("__wbg_init as default") && !js.contains("export default __wbg_init") {
        bail!("wasm-bindgen's output no longer exports __wbg_init: update xtask/src/site.rs");
    }
    js.push_str(
        "\n__wbg_init({ module_or_path: new URL(\"./constellation_bg.wasm\", import.meta.url) });\n",
    );
    std::fs::write(&js_path, &js)?;

    // 3. The modules import each other by relative name, so they are fingerprinted together:
    //    `pkg/<hash of every file>/…`, each file cached for good.
    let hash = fingerprint_dir(&app)?;
    if site.exists() {
        std::fs::remove_dir_all(site).with_context(|| format!("clear {}", site.display()))?;
    }
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg)?;
    copy_dir(&app, &pkg.join(&hash))?;

    let css = std::fs::read(root.join("frontend/static/style.css"))?;
    let css_name = format!("style-{}.css", fingerprint(&css));
    std::fs::write(site.join(&css_name), &css)?;

    let mut html = std::fs::read_to_string(root.join("frontend/index.html"))?;
    for (from, to) in [
        ("/style.css", format!("/{css_name}")),
        (
            "/pkg/constellation.js",
            format!("/pkg/{hash}/constellation.js"),
        ),
        (
            "/pkg/constellation_bg.wasm",
            format!("/pkg/{hash}/constellation_bg.wasm"),
        ),
    ] {
        if !html.contains(from) {
            bail!("frontend/index.html should reference {from}");
        }
        html = html.replace(from, &to);
    }
    if html.contains("<script>") || html.contains("<script type=\"module\">") {
        bail!("frontend/index.html must not hold an inline script (the CSP forbids it)");
    }
    std::fs::write(site.join("index.html"), html)?;
    // XTASK_KEEP_SPLIT=1 keeps the split modules with their names, for size analysis.
    if std::env::var_os("XTASK_KEEP_SPLIT").is_none() {
        std::fs::remove_dir_all(&scratch)?;
    }

    for file in files(site)? {
        precompress(&file)?;
    }
    Ok(())
}

/// The loader `wasm_split_cli_support` writes repeats, for each of its hundreds of modules,
/// a comment naming the pages that use it and the same five-line fetcher, and lists each page's
/// chunks one by one: here the comments go, each fetcher becomes a call to one function, and
/// the chunks sit in one array whose consecutive runs are sliced. The
/// behaviour is the same (the browser tests run on this output); the file is a fraction of
/// the size. Fails loudly if the tool's output no longer has the expected shape.
pub fn compact_link_module(js: &str) -> Result<String> {
    const HEAD: &str = "makeLoad(() => {\n    const src = fetch(new URL(\"./";
    const TAIL: &str = ".wasm\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n";
    let without_comments: String = js
        .lines()
        .filter(|l| !(l.starts_with("/* ") && l.ends_with(" */")))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut out = String::with_capacity(without_comments.len() / 4);
    let mut rest = without_comments.as_str();
    let mut fetchers = 0;
    while let Some(at) = rest.find(HEAD) {
        out.push_str(&rest[..at]);
        let after = &rest[at + HEAD.len()..];
        let end = after
            .find(TAIL)
            .context("wasm-split's loader changed shape: update compact_link_module")?;
        let name = &after[..end];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            bail!("wasm-split's loader names an unexpected module {name:?}");
        }
        out.push_str(&format!("makeLoad(__fetcher(\"{name}\")"));
        rest = &after[end + TAIL.len()..];
        fetchers += 1;
    }
    out.push_str(rest);
    if fetchers == 0 || out.contains("instantiateStreaming") {
        bail!("wasm-split's loader changed shape: update compact_link_module");
    }
    let mut out = chunk_table(
        &out.replace("const __chunk_", "C[")
            .replace(" = makeLoad(", "] = makeLoad("),
    )?;
    out.insert_str(0, "const C = [];\n");
    out.push_str(
        "function __fetcher(name) {\n    return () => {\n        const src = fetch(new URL(\"./\" + name + \".wasm\", import.meta.url));\n        src.catch(() => {});\n        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n    };\n}\n",
    );
    Ok(out)
}

/// The chunks live in one array `C`; a list of dependencies `[__chunk_3, __chunk_4,
/// __chunk_5, __chunk_9]` becomes `[...C.slice(3, 6), C[9]]`.
fn chunk_table(js: &str) -> Result<String> {
    const ITEM: &str = "__chunk_";
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(at) = rest.find(&format!("[{ITEM}")) {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(']').context("unclosed list of chunks")? + at;
        let mut ids = Vec::new();
        for item in rest[at + 1..end].split(',') {
            let id: usize = item
                .trim()
                .strip_prefix(ITEM)
                .and_then(|n| n.parse().ok())
                .with_context(|| format!("unexpected dependency {item:?}"))?;
            ids.push(id);
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            let mut j = i;
            while j + 1 < ids.len() && ids[j + 1] == ids[j] + 1 {
                j += 1;
            }
            if j - i >= 2 {
                parts.push(format!("...C.slice({}, {})", ids[i], ids[j] + 1));
            } else {
                parts.extend(ids[i..=j].iter().map(|id| format!("C[{id}]")));
            }
            i = j + 1;
        }
        out.push('[');
        out.push_str(&parts.join(", "));
        out.push(']');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    if out.contains(ITEM) {
        bail!("wasm-split's loader names chunks where compact_link_module does not expect them");
    }
    Ok(out)
}

/// One fingerprint for a folder: the SHA-256 of every file's relative name and bytes.
fn fingerprint_dir(dir: &Path) -> Result<String> {
    let mut all = Vec::new();
    for file in files(dir)? {
        let rel = file
            .strip_prefix(dir)
            .unwrap_or(&file)
            .display()
            .to_string();
        all.extend_from_slice(rel.as_bytes());
        all.push(0);
        let bytes = std::fs::read(&file)?;
        all.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        all.extend_from_slice(&bytes);
    }
    Ok(fingerprint(&all))
}

/// `bytes` without the custom sections no browser needs (`name`, `producers`,
/// `target_features`): the split modules carry the function names otherwise. A few lines
/// over the module's section layout (id, LEB128 size, body) rather than another dependency.
pub fn strip_custom_sections(bytes: &[u8]) -> Result<Vec<u8>> {
    const HEADER: usize = 8;
    if bytes.len() < HEADER || &bytes[..4] != b"\0asm" {
        bail!("not a wasm module");
    }
    let mut out = bytes[..HEADER].to_vec();
    let mut at = HEADER;
    while at < bytes.len() {
        let start = at;
        let id = bytes[at];
        at += 1;
        let (size, len) = leb128(&bytes[at..]).context("section size")?;
        at += len;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= bytes.len())
            .context("section past the end of the module")?;
        let dropped = id == 0
            && leb128(&bytes[at..end]).is_some_and(|(n, l)| {
                let name = bytes.get(at + l..at + l + n);
                matches!(
                    name,
                    Some(b"name") | Some(b"producers") | Some(b"target_features")
                )
            });
        if !dropped {
            out.extend_from_slice(&bytes[start..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 value and the bytes it took.
fn leb128(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value: usize = 0;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        value |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Every file of the site, precompressed twins excepted, in a stable order.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 1 << 16, 11, 24);
        enc.write_all(bytes)?;
        enc.flush()?;
    }
    Ok(out)
}

fn precompress(file: &Path) -> Result<()> {
    let bytes = std::fs::read(file)?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .context("file name")?;
    std::fs::write(file.with_file_name(format!("{name}.gz")), gzip(&bytes)?)?;
    std::fs::write(file.with_file_name(format!("{name}.br")), brotli(&bytes)?)?;
    Ok(())
}

/// Raw, gzip and brotli sizes of every file a first visit downloads.
pub fn report(site: &Path) -> Result<()> {
    println!("\nFrontend: what a first visit downloads (precompressed at build time)");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    let (mut raw_t, mut gz_t, mut br_t) = (0u64, 0u64, 0u64);
    for file in files(site)? {
        let rel = file
            .strip_prefix(site)
            .unwrap_or(&file)
            .display()
            .to_string();
        let size = |suffix: &str| {
            std::fs::metadata(format!("{}{suffix}", file.display()))
                .map(|m| m.len())
                .unwrap_or(0)
        };
        let (raw, gz, br) = (size(""), size(".gz"), size(".br"));
        raw_t += raw;
        gz_t += gz;
        br_t += br;
        println!("{rel:<44} {raw:>10} {gz:>10} {br:>10}");
    }
    println!("{:<44} {raw_t:>10} {gz_t:>10} {br_t:>10}", "total");
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "budget (issue #16) / Leptos hello (brotli)", "", "300000", "49000"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![id, u8::try_from(body.len()).expect("small")];
        out.extend_from_slice(body);
        out
    }

    fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
        let mut body = vec![u8::try_from(name.len()).expect("small")];
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(payload);
        section(0, &body)
    }

    #[test]
    fn strips_names_and_producers_and_keeps_everything_else() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let types = section(1, &[1, 0x60, 0, 0]);
        let kept = custom("__wasm_bindgen_unstable", b"keep me");
        let module = [
            header.clone(),
            types.clone(),
            custom("name", b"function names"),
            kept.clone(),
            custom("producers", b"rustc"),
            custom("target_features", b"+simd"),
        ]
        .concat();
        let stripped = strip_custom_sections(&module).expect("valid");
        assert_eq!(stripped, [header, types, kept].concat());
        // Idempotent, and a multi-byte size is read whole.
        assert_eq!(strip_custom_sections(&stripped).expect("valid"), stripped);
        assert_eq!(leb128(&[0xe5, 0x8e, 0x26]), Some((624_485, 3)));
    }

    #[test]
    fn refuses_what_is_not_a_whole_module() {
        assert!(strip_custom_sections(b"not wasm").is_err());
        let mut cut = b"\0asm\x01\0\0\0".to_vec();
        cut.extend_from_slice(&[1, 10, 0]);
        assert!(strip_custom_sections(&cut).is_err());
    }
    #[test]
    fn the_loader_is_compacted_without_changing_what_it_fetches() {
        let fetcher = |name: &str| {
            format!(
                "makeLoad(() => {{\n    const src = fetch(new URL(\"./{name}.wasm\", import.meta.url));\n    src.catch(() => {{}});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n"
            )
        };
        let js = format!(
            "import {{ initSync }} from \"./constellation.js\";\n/* a_view, b_view */\nconst __chunk_3 = {}, []);\nexport const __wasm_split_load_a_view = wrapAsyncCb({}, [__chunk_3]));\n",
            fetcher("chunk_3"),
            fetcher("split_a_view")
        );
        let out = compact_link_module(&js).expect("compacts");
        assert!(!out.contains("/* a_view"));
        assert!(out.starts_with("const C = [];\n"));
        assert!(out.contains("C[3] = makeLoad(__fetcher(\"chunk_3\"), []);"));
        assert!(out.contains(
            "export const __wasm_split_load_a_view = wrapAsyncCb(makeLoad(__fetcher(\"split_a_view\"), [C[3]]));"
        ));
        assert_eq!(out.matches("instantiateStreaming").count(), 1);
        // A loader of another shape is refused rather than half rewritten.
        assert!(compact_link_module("export const x = 1;\n").is_err());
        let odd = js.replace("chunk_3.wasm", "chunk 3.wasm");
        assert!(compact_link_module(&odd).is_err());
    }

    #[test]
    fn runs_of_chunks_are_sliced() {
        let js = "x([__chunk_3, __chunk_4, __chunk_5, __chunk_9, __chunk_11, __chunk_12]);";
        assert_eq!(
            chunk_table(js).expect("lists"),
            "x([...C.slice(3, 6), C[9], C[11], C[12]]);"
        );
        assert!(chunk_table("x([__chunk_a]);").is_err());
        assert!(chunk_table("x(__chunk_3);").is_err());
    }
}
