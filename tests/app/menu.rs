//! The native menu: its five menus, every item's id handled by the UI, the platform's shortcuts.

use hearth_app::menu;
use tauri::menu::MenuItemKind;

fn ids(kind: &MenuItemKind<tauri::test::MockRuntime>) -> Vec<String> {
    match kind {
        MenuItemKind::Submenu(s) => s.items().unwrap().iter().flat_map(ids).collect(),
        MenuItemKind::MenuItem(i) => vec![i.id().0.clone()],
        _ => vec![],
    }
}

#[test]
fn the_menu_bar_has_file_edit_view_go_and_help_with_every_item_handled() {
    let app = tauri::test::mock_app();
    let bar = menu::build(app.handle()).unwrap();
    let top = bar.items().unwrap();
    let titles: Vec<String> = top.iter().filter_map(|k| k.as_submenu().map(|s| s.text().unwrap())).collect();
    assert_eq!(titles, ["File", "Edit", "View", "Go", "Help"]);
    let mut found: Vec<String> = top.iter().flat_map(ids).collect();
    found.sort();
    let mut listed: Vec<String> = menu::all_items().iter().map(|(id, _, _)| id.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "the built menu and its item tables differ");
    assert!(found.len() >= 25, "only {} items", found.len());
    // The platform's conventions: CmdOrCtrl (⌘ on macOS, Ctrl elsewhere).
    let all = menu::all_items();
    let keys = |id: &str| all.iter().find(|(i, _, _)| *i == id).and_then(|(_, _, k)| k.map(str::to_string));
    assert_eq!(keys("undo").as_deref(), Some("CmdOrCtrl+Z"));
    assert_eq!(keys("redo").as_deref(), Some("CmdOrCtrl+Shift+Z"));
    assert_eq!(keys("new_contact").as_deref(), Some("CmdOrCtrl+N"));
    assert_eq!(keys("palette").as_deref(), Some("CmdOrCtrl+K"));
    assert_eq!(keys("go:/pipeline").as_deref(), Some("CmdOrCtrl+4"));
    assert_eq!(keys("quit").as_deref(), Some("CmdOrCtrl+Q"));
    // Edit also holds the system's cut, copy, paste and select all.
    let edit = top[1].as_submenu().unwrap().items().unwrap();
    assert!(edit.iter().filter(|k| matches!(k, MenuItemKind::Predefined(_))).count() >= 4, "no system cut/copy/paste/select all");
}

#[test]
fn every_go_item_is_a_screen_of_the_app_and_every_command_is_handled_by_the_ui() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let nav = std::fs::read_to_string(root.join("ui/src/app/nav.ts")).unwrap();
    let handler = std::fs::read_to_string(root.join("ui/src/app/menu.ts")).unwrap();
    for (id, _, _) in menu::all_items() {
        match id.strip_prefix("go:") {
            Some(path) => assert!(nav.contains(&format!("path: \"{path}\"")), "{path} is not a screen of the app"),
            None if ["zoom_in", "zoom_out", "zoom_reset", "close", "quit", "fullscreen"].contains(&id) => {}
            None => assert!(handler.contains(&format!("case \"{id}\"")), "the UI does not handle the menu item {id}"),
        }
    }
}
