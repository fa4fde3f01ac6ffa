//! The app's integration tests (IPC through tauri's mock runtime, the bindings drift check, the
//! web view's privileges), one binary: each file a module.

mod bindings;
mod common;
mod ipc;
mod ipc_backups;
mod ipc_data;
mod ipc_after_sale;
mod ipc_history;
mod ipc_reports;
mod ipc_hostile;
mod ipc_scoring;
mod ipc_segments;
mod ipc_sequences;
mod ipc_settings;
mod menu;
mod security;
