//! The native menu bar: File, Edit, View, Go, Help. Shortcuts follow each platform
//! (`CmdOrCtrl`: ⌘ on macOS, Ctrl elsewhere). Cut, copy, paste, select all and About are the
//! system's own items (on Linux the keys stay with the page, which handles them natively);
//! quit, close, full screen and zoom are done here; every other item is sent to the window as a
//! [`MenuCommand`] with its id, and the UI does what the same keys or the command palette do
//! (ui/src/app/menu.ts). Quit, close and full screen are plain items: GTK has no system ones.

use tauri::menu::{AboutMetadata, Menu, MenuEvent, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

/// A menu item was chosen (or its shortcut pressed): `id` names what to do, e.g. "new_contact",
/// "undo", "go:/pipeline".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, specta::Type, tauri_specta::Event)]
pub struct MenuCommand {
    pub id: String,
}

/// The platform's full-screen key.
const FULL_SCREEN: &str = if cfg!(target_os = "macos") { "Ctrl+Cmd+F" } else { "F11" };

/// One item: (id, label, shortcut); an empty id is a separator.
pub type Item = (&'static str, &'static str, Option<&'static str>);

pub const FILE: &[Item] = &[
    ("new_contact", "New contact", Some("CmdOrCtrl+N")),
    ("new_company", "New company", Some("CmdOrCtrl+Shift+N")),
    ("", "", None),
    ("go:/import", "Import…", None),
    ("go:/duplicates", "Find duplicates…", None),
    ("go:/backups", "Backups…", None),
    ("", "", None),
    ("close", "Close window", Some("CmdOrCtrl+W")),
    ("quit", "Quit Hearth", Some("CmdOrCtrl+Q")),
];
/// Followed by the system's cut, copy, paste and select all.
pub const EDIT: &[Item] = &[("undo", "Undo", Some("CmdOrCtrl+Z")), ("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))];
pub const VIEW: &[Item] = &[
    ("palette", "Command palette…", Some("CmdOrCtrl+K")),
    ("", "", None),
    ("zoom_in", "Zoom in", Some("CmdOrCtrl+=")),
    ("zoom_out", "Zoom out", Some("CmdOrCtrl+-")),
    ("zoom_reset", "Actual size", Some("CmdOrCtrl+0")),
    ("", "", None),
    ("fullscreen", "Full screen", Some(FULL_SCREEN)),
];
/// The screens, Ctrl/Cmd+1 … 9 and Ctrl/Cmd+comma for Settings.
pub const GO: &[Item] = &[
    ("go:/today", "Today", Some("CmdOrCtrl+1")),
    ("go:/contacts", "Contacts", Some("CmdOrCtrl+2")),
    ("go:/companies", "Companies", Some("CmdOrCtrl+3")),
    ("go:/pipeline", "Pipeline", Some("CmdOrCtrl+4")),
    ("go:/customers", "Customers", Some("CmdOrCtrl+5")),
    ("go:/tickets", "Support", Some("CmdOrCtrl+6")),
    ("go:/reports", "Reports", Some("CmdOrCtrl+7")),
    ("go:/segments", "Segments", Some("CmdOrCtrl+8")),
    ("go:/sequences", "Sequences", Some("CmdOrCtrl+9")),
    ("go:/settings", "Settings", Some("CmdOrCtrl+,")),
];
/// Followed by the system's About.
pub const HELP: &[Item] = &[("shortcuts", "Keyboard shortcuts", None)];

fn submenu<'a, R: Runtime>(app: &'a AppHandle<R>, title: &str, items: &[Item]) -> tauri::Result<SubmenuBuilder<'a, R, AppHandle<R>>> {
    let mut b = SubmenuBuilder::new(app, title);
    for (id, label, keys) in items {
        if id.is_empty() {
            b = b.separator();
            continue;
        }
        let mut item = MenuItemBuilder::with_id(*id, *label);
        if let Some(k) = keys {
            item = item.accelerator(*k);
        }
        b = b.item(&item.build(app)?);
    }
    Ok(b)
}

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let file = submenu(app, "File", FILE)?.build()?;
    let edit = submenu(app, "Edit", EDIT)?.separator().cut().copy().paste().select_all().build()?;
    let view = submenu(app, "View", VIEW)?.build()?;
    let go = submenu(app, "Go", GO)?.build()?;
    let about = AboutMetadata {
        name: Some("Hearth CRM".into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        comments: Some("An offline-first CRM for small businesses.".into()),
        ..Default::default()
    };
    let help = submenu(app, "Help", HELP)?.separator().item(&PredefinedMenuItem::about(app, Some("About Hearth"), Some(about))?).build()?;
    let menus: [&Submenu<R>; 5] = [&file, &edit, &view, &go, &help];
    let menu = Menu::new(app)?;
    for m in menus {
        menu.append(m)?;
    }
    Ok(menu)
}

/// Every item's id and shortcut (the tests; the UI handles each id).
pub fn all_items() -> Vec<Item> {
    [FILE, EDIT, VIEW, GO, HELP].concat().into_iter().filter(|(id, _, _)| !id.is_empty()).collect()
}

/// The zoom of the window's page, in tenths (10 = 100 %).
static ZOOM: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(10);

/// A menu item was chosen: the window's own items (quit, close, full screen, zoom) are done
/// here, everything else by the UI.
pub fn chosen<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    use std::sync::atomic::Ordering;
    let id = event.id().0.as_str();
    let window = app.get_webview_window("main");
    match (id, window) {
        ("quit", _) => app.exit(0),
        ("close", Some(w)) => {
            let _ = w.close();
        }
        ("fullscreen", Some(w)) => {
            let _ = w.set_fullscreen(!w.is_fullscreen().unwrap_or(false));
        }
        ("zoom_in" | "zoom_out" | "zoom_reset", Some(w)) => {
            let next = match id {
                "zoom_in" => (ZOOM.load(Ordering::Relaxed) + 1).min(30),
                "zoom_out" => (ZOOM.load(Ordering::Relaxed) - 1).max(5),
                _ => 10,
            };
            ZOOM.store(next, Ordering::Relaxed);
            let _ = w.set_zoom(next as f64 / 10.0);
        }
        ("close" | "fullscreen" | "zoom_in" | "zoom_out" | "zoom_reset", None) => {}
        _ => {
            let _ = MenuCommand { id: id.to_string() }.emit(app);
        }
    }
}

/// Shows, restores and focuses the main window (a second launch of the app asked for it).
pub fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}
