//! Lays out `target/site` from the built wasm: wasm-bindgen (name and producers sections
//! removed), fingerprinted names (`constellation-<hash>.js|.wasm`, `style-<hash>.css`), an
//! `index.html` pointing at them with no inline script, and every file precompressed as
//! `.br` (quality 11) and `.gz` (level 9). The server only picks among these files.

use anyhow::{bail, Context, Result};
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
    std::fs::create_dir_all(&scratch)?;
    eprintln!("xtask> wasm-bindgen {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)?
        .out_name("constellation")
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&scratch)?;

    if site.exists() {
        std::fs::remove_dir_all(site).with_context(|| format!("clear {}", site.display()))?;
    }
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg)?;

    let wasm_bytes = std::fs::read(scratch.join("constellation_bg.wasm"))?;
    let wasm_name = format!("constellation-{}.wasm", fingerprint(&wasm_bytes));
    std::fs::write(pkg.join(&wasm_name), &wasm_bytes)?;

    // The module starts the app itself, so index.html needs no inline script (a CSP without
    // 'unsafe-inline'); the wasm is found next to the module.
    let mut js = std::fs::read_to_string(scratch.join("constellation.js"))?;
    if !js.contains("__wbg_init as default") && !js.contains("export default __wbg_init") {
        bail!("wasm-bindgen's output no longer exports __wbg_init: update xtask/src/site.rs");
    }
    js.push_str(&format!(
        "\n__wbg_init({{ module_or_path: new URL(\"./{wasm_name}\", import.meta.url) }});\n"
    ));
    let js_name = format!("constellation-{}.js", fingerprint(js.as_bytes()));
    std::fs::write(pkg.join(&js_name), &js)?;
    let snippets = scratch.join("snippets");
    if snippets.exists() {
        copy_dir(&snippets, &pkg.join("snippets"))?;
    }

    let css = std::fs::read(root.join("frontend/static/style.css"))?;
    let css_name = format!("style-{}.css", fingerprint(&css));
    std::fs::write(site.join(&css_name), &css)?;

    let mut html = std::fs::read_to_string(root.join("frontend/index.html"))?;
    for (from, to) in [
        ("/style.css", format!("/{css_name}")),
        ("/pkg/constellation.js", format!("/pkg/{js_name}")),
        ("/pkg/constellation_bg.wasm", format!("/pkg/{wasm_name}")),
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
    std::fs::remove_dir_all(&scratch)?;

    for file in files(site)? {
        precompress(&file)?;
    }
    Ok(())
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
