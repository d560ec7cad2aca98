//! Light, dark or the system's theme, and the few colours Pecat adds to iced's palette (status
//! badges: ok, warning, danger), chosen for readable contrast in both themes.

use iced::{Color, Theme};
use serde::{Deserialize, Serialize};

/// The theme the user chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order the settings list them.
    pub const ALL: [ThemeChoice; 3] = [Self::System, Self::Light, Self::Dark];

    /// The iced theme; `None` lets iced follow the system.
    pub fn theme(self) -> Option<Theme> {
        match self {
            Self::System => None,
            Self::Light => Some(Theme::Light),
            Self::Dark => Some(Theme::Dark),
        }
    }
}

/// How serious a status is; every badge also carries an icon and words, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Fine.
    Good,
    /// Needs attention soon.
    Warning,
    /// Act now.
    Danger,
    /// Neutral information.
    Neutral,
}

impl Tone {
    /// The badge's background on `theme`.
    pub fn background(self, theme: &Theme) -> Color {
        let dark = theme.extended_palette().is_dark;
        match (self, dark) {
            (Self::Good, false) => Color::from_rgb8(0xd7, 0xf0, 0xdc),
            (Self::Good, true) => Color::from_rgb8(0x1d, 0x4a, 0x2a),
            (Self::Warning, false) => Color::from_rgb8(0xfc, 0xec, 0xc4),
            (Self::Warning, true) => Color::from_rgb8(0x5a, 0x44, 0x10),
            (Self::Danger, false) => Color::from_rgb8(0xf8, 0xd4, 0xd4),
            (Self::Danger, true) => Color::from_rgb8(0x63, 0x1e, 0x1e),
            (Self::Neutral, _) => theme.extended_palette().background.weak.color,
        }
    }

    /// The badge's text colour on `theme` (contrast ≥ 4.5:1 on its background).
    pub fn text(self, theme: &Theme) -> Color {
        let dark = theme.extended_palette().is_dark;
        match (self, dark) {
            (Self::Good, false) => Color::from_rgb8(0x0f, 0x4d, 0x1f),
            (Self::Warning, false) => Color::from_rgb8(0x5c, 0x3b, 0x00),
            (Self::Danger, false) => Color::from_rgb8(0x7a, 0x10, 0x10),
            (Self::Neutral, _) => theme.extended_palette().background.weak.text,
            (_, true) => Color::WHITE,
        }
    }

    /// The symbol shown beside the words.
    pub fn icon(self) -> &'static str {
        match self {
            Self::Good => "✔",
            Self::Warning => "⚠",
            Self::Danger => "✖",
            Self::Neutral => "ℹ",
        }
    }
}
