//! Thin IPC commands: deserialize, call the domain, return its typed result.
pub mod activities;
pub mod app;
pub mod backups;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod exports;
pub mod files;
pub mod history;
pub mod hygiene;
pub mod imports;
pub mod pipelines;
pub mod privacy;
pub mod scoring;
pub mod search;
pub mod settings;
