//! The `tongban` command: parses the arguments and hands them to the library, which returns the
//! exit status (0 clean, 1 findings, 2 could not do its job).

use std::process::ExitCode;

// Parsing allocates many small strings; mimalloc makes that markedly cheaper than the system
// allocator (measured in docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `COMPLETE=bash tongban -- …`: a shell asking for completions (`tongban completions`).
    clap_complete::CompleteEnv::with_factory(tongban::cli::completion_command).complete();
    let env = tongban::Env::from_process();
    ExitCode::from(tongban::main_args(std::env::args_os().collect(), &env))
}
