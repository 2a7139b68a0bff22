//! The wasm keeps its relocations (`--emit-relocs`): `cargo xtask build-frontend` needs them
//! to split the app into the shell and one module per page (see `src/routes.rs`).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
