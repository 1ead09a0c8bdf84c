//! tongban (通办): lint and compare Chinese government service guides (政务服务办事指南).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod load;
pub mod source;
