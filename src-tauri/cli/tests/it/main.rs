//! hearth-cli's tests on the real binary, one test binary (each file a module).

mod backups;
mod cli;
mod common;
mod crash;
mod export;
mod history;
mod hygiene;
mod import;
mod segments;
mod sequences;
mod settings;
