use std::process::ExitCode;

use clap::Parser;

// Parsing allocates many small strings; mimalloc makes that markedly cheaper than the system
// allocator (measured in docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = tongban::cli::Cli::parse();
    let env = tongban::Env::from_process();
    let mut stdout = std::io::stdout().lock();
    match tongban::execute(cli, &env, &mut stdout) {
        Ok(outcome) => {
            for note in &outcome.notes {
                eprintln!("{note}");
            }
            ExitCode::from(outcome.status)
        }
        // `tongban lint | head` closes the pipe early: not a failure of ours.
        Err(tongban::Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(2)
        }
    }
}
