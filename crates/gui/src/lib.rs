//! Pecat's desktop app as a library, so the window's screens can be driven by tests without a
//! display: the app shell, its screens, widgets, theme, translations and saved preferences.

pub mod app;
pub mod backend;
pub mod i18n;
pub mod modal;
pub mod preferences;
pub mod reminder;
pub mod screen;
pub mod secret;
pub mod theme;
pub mod widget;
pub mod wording;

/// `pecat 0.1.0 (commit)`: the version line of `--version` and of the diagnostics report.
pub fn version_line() -> String {
    match option_env!("PECAT_GIT_COMMIT") {
        Some(commit) => format!("pecat {} ({commit})", env!("CARGO_PKG_VERSION")),
        None => format!("pecat {}", env!("CARGO_PKG_VERSION")),
    }
}
