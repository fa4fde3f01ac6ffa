//! The test harness shared by the IPC test files: the real command registry on Tauri's mock
//! runtime with a fresh in-memory database.
#![allow(dead_code)]

use hearth_app::{specta_builder, AppState};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::{InvokeRequest, WebviewWindow, WebviewWindowBuilder};
use tauri::Manager;

pub struct Ipc {
    pub app: tauri::App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
}

impl Ipc {
    pub fn new() -> Self {
        let db = tauri::async_runtime::block_on(hearth_core::open_memory_database()).expect("db");
        Self::with_state(|app| AppState::new(db, ":memory:".into()).with_app(app))
    }

    /// The app on a database file at `path`, opened as the real app opens it (lock included).
    pub fn on_file(path: &std::path::Path) -> Self {
        let path = path.to_path_buf();
        Self::with_state(move |app| hearth_app::safekeeping::open(path).with_app(app))
    }

    /// As [`Ipc::on_file`], found through the app-data folder `home` (so it may be moved).
    pub fn at_home(path: &std::path::Path, home: &std::path::Path) -> Self {
        let (path, home) = (path.to_path_buf(), home.to_path_buf());
        Self::with_state(move |app| hearth_app::safekeeping::open(path).with_data_home(Some(home)).with_app(app))
    }

    fn with_state(state: impl FnOnce(tauri::AppHandle<MockRuntime>) -> AppState) -> Self {
        let builder = specta_builder::<MockRuntime>();
        let app = mock_builder()
            .invoke_handler(builder.invoke_handler())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        builder.mount_events(&app);
        app.manage(state(app.handle().clone()));
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        Ipc { app, window }
    }

    pub fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().expect("json response"))
    }

    pub fn ok(&self, cmd: &str, body: Value) -> Value {
        self.call(cmd, body).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

