//! One file per editor feature, each an `impl Server` block: documents (open, change, save,
//! close, publish), hover, code actions.

mod code_action;
mod documents;
mod hover;
