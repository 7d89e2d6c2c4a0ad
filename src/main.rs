//! The `salesim` binary.

use clap::Parser;

fn main() {
    restore_default_sigpipe();
    let cli = salesim::cli::Cli::parse();
    std::process::exit(salesim::cli::main_with(cli));
}

/// Let a closed pipe end the program quietly (`salesim params | head`), as other command-line
/// tools do, rather than panic on the failed write: Rust ignores SIGPIPE by default.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first in main, before any other thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
