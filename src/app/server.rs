//! `tongban server`: starts the language server ([`crate::server`]) on standard input/output.

use std::io::Write;

use super::Env;
use crate::diagnostic::Lang;
use crate::{Error, cli};

/// Runs the server until the client says `exit` (or closes standard input).
pub(super) fn run(
    args: &cli::ServerArgs,
    env: &Env,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Error> {
    crate::server::run(args.max_file_size, &env.cwd, lang, out)
}
