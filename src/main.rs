use std::process::ExitCode;

use clap::Parser;

// Parsing allocates many small strings; mimalloc makes that markedly cheaper than the system
// allocator (measured in docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = tongban::cli::Cli::parse();
    let env = tongban::Env::from_process();
    ExitCode::from(tongban::main_process(cli, &env))
}
