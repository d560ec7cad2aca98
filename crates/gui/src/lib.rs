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
