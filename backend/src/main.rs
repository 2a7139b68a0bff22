//! The `constellation` binary: everything is in the library.

fn main() -> std::process::ExitCode {
    constellation_backend::cli::run()
}
