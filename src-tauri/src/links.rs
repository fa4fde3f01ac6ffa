//! Where the web view may go: its own pages only. A link to `https:`, `mailto:` or `tel:` opens
//! in the system's browser, mail or phone app; any other navigation (plain `http:`, `file:`,
//! `javascript:`, another app's scheme) is refused. New-window requests (`target="_blank"`)
//! follow the same rule and never open a second web view.
//!
//! End-to-end tests cannot see the system's apps: `HEARTH_TEST_OPEN_LOG` names a file that
//! receives each URL that would have been opened, one per line, instead.

use tauri::Url;

#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// The app's own page: the web view may load it.
    Own,
    /// Opened by the operating system, outside the app.
    OpenExternally,
    Refuse,
}

pub fn decide(url: &Url) -> Decision {
    let host = url.host_str().unwrap_or_default();
    let own = match url.scheme() {
        "tauri" => host == "localhost",
        "http" | "https" => host == "tauri.localhost" || (tauri::is_dev() && host == "localhost"),
        _ => false,
    };
    if own {
        Decision::Own
    } else if matches!(url.scheme(), "https" | "mailto" | "tel") {
        Decision::OpenExternally
    } else {
        Decision::Refuse
    }
}

fn open_externally(url: &Url) {
    if let Some(log) = std::env::var_os("HEARTH_TEST_OPEN_LOG") {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
            let _ = writeln!(f, "{url}");
        }
        return;
    }
    if let Err(e) = open::that_detached(url.as_str()) {
        crate::applog::write(&format!("could not open a {} link: {}", url.scheme(), e.kind()));
    }
}

/// The web view's navigation hook: `true` lets it load the page.
pub fn on_navigation(url: &Url) -> bool {
    match decide(url) {
        Decision::Own => true,
        Decision::OpenExternally => {
            open_externally(url);
            false
        }
        Decision::Refuse => {
            crate::applog::write(&format!("refused to load a {} URL in the window", url.scheme()));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_own_pages_load_and_only_https_mail_and_phone_leave_the_app() {
        let d = |s: &str| decide(&Url::parse(s).unwrap());
        assert_eq!(d("tauri://localhost/index.html#/contacts"), Decision::Own);
        assert_eq!(d("http://tauri.localhost/"), Decision::Own);
        assert_eq!(d("https://willow-bookshop.example/"), Decision::OpenExternally);
        assert_eq!(d("mailto:ada@example.com"), Decision::OpenExternally);
        assert_eq!(d("tel:+441632960001"), Decision::OpenExternally);
        for refused in [
            "http://willow-bookshop.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "ftp://example.com/",
            "tauri://evil.example/",
            "smb://server/share",
        ] {
            assert_eq!(d(refused), Decision::Refuse, "{refused}");
        }
    }
}
