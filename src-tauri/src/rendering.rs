//! How WebKitGTK draws on Linux machines without a GPU.
//!
//! With no GPU render node (virtual machines, remote desktops, Xvfb), WebKitGTK's default
//! DMA-BUF renderer composites through Mesa's software OpenGL, which on two cores held the
//! contacts list at ~30 ms a frame even for a plain page. Its shared-memory path draws the same
//! page at 60 frames a second (16 ms), so Hearth picks it there. Machines with a GPU keep
//! WebKit's default, and a value the user set is always kept.
//!
//! `HEARTH_RENDERER=webkit-default` turns the choice off. The end-to-end tests use it: on that
//! path WebKitWebDriver's screenshots never return under Xvfb (WebKitGTK 2.50).

/// The environment variable WebKitGTK reads to leave its DMA-BUF renderer.
pub const DISABLE_DMABUF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Set to `webkit-default` to leave WebKit's renderer as it is.
pub const CHOICE: &str = "HEARTH_RENDERER";

/// Whether to leave the DMA-BUF renderer: only without a GPU, when the user has not chosen a
/// value for WebKit's variable, and when Hearth's own choice is not turned off.
pub fn should_disable_dmabuf(has_render_node: bool, user_value: Option<&str>, choice: Option<&str>) -> bool {
    !has_render_node && user_value.is_none() && choice != Some("webkit-default")
}

/// True when the machine has a DRM render node (`/dev/dri/renderD*`), i.e. a usable GPU.
#[cfg(target_os = "linux")]
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri")
        .map(|dir| dir.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Called first thing in `main`, before any thread or WebKit exists.
pub fn choose_renderer() {
    #[cfg(target_os = "linux")]
    {
        let user = std::env::var(DISABLE_DMABUF).ok();
        let choice = std::env::var(CHOICE).ok();
        if should_disable_dmabuf(has_render_node(), user.as_deref(), choice.as_deref()) {
            std::env::set_var(DISABLE_DMABUF, "1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::should_disable_dmabuf;

    #[test]
    fn software_machines_leave_dmabuf_and_gpus_keep_it() {
        assert!(should_disable_dmabuf(false, None, None));
        assert!(!should_disable_dmabuf(true, None, None));
    }

    #[test]
    fn the_users_choice_is_kept() {
        assert!(!should_disable_dmabuf(false, Some("0"), None));
        assert!(!should_disable_dmabuf(true, Some("1"), None));
    }

    #[test]
    fn the_choice_can_be_turned_off() {
        assert!(!should_disable_dmabuf(false, None, Some("webkit-default")));
        assert!(should_disable_dmabuf(false, None, Some("anything else")));
    }
}
