//! The `salesim` binary.

use clap::Parser;

fn main() {
    let cli = salesim::cli::Cli::parse();
    std::process::exit(salesim::cli::main_with(cli));
}
