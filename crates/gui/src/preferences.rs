//! The app's own preferences (language, theme, reminders, window geometry) in `gui.toml` beside
//! core's `settings.toml`; core's settings keep modules and accounts. Never a secret.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Language;
use crate::theme::ThemeChoice;

/// Where the window was and how big.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Geometry {
    /// Width in logical pixels.
    pub width: f32,
    /// Height in logical pixels.
    pub height: f32,
    /// Left edge, when the window system reports positions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f32>,
    /// Top edge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f32>,
}

/// The preferences file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The language chosen; `None` follows the OS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Light, dark or the system's.
    pub theme: ThemeChoice,
    /// Desktop notifications when a certificate nears expiry.
    pub reminders: bool,
    /// The window as last closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Geometry>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self { language: None, theme: ThemeChoice::System, reminders: true, window: None }
    }
}

/// Why the preferences could not be saved or read.
#[derive(Debug, thiserror::Error)]
pub enum PreferencesError {
    /// No configuration folder on this system.
    #[error("there is no configuration folder")]
    NoFolder,
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file is not valid.
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
}

impl Preferences {
    /// `PECAT_GUI_PREFERENCES`, else `gui.toml` beside core's settings file.
    pub fn path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("PECAT_GUI_PREFERENCES") {
            return Some(PathBuf::from(p));
        }
        pecat_core::Settings::path().map(|p| p.with_file_name("gui.toml"))
    }

    /// Loads the file; defaults when there is none.
    pub fn load() -> Result<Self, PreferencesError> {
        match Self::path() {
            Some(p) => Self::load_from(&p),
            None => Ok(Self::default()),
        }
    }

    /// Loads `path`; defaults when it does not exist.
    pub fn load_from(path: &Path) -> Result<Self, PreferencesError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(PreferencesError::Io { path: path.to_owned(), source }),
        };
        toml::from_str(&text).map_err(|e| PreferencesError::Invalid { path: path.to_owned(), reason: e.to_string() })
    }

    /// Saves to [`Self::path`].
    pub fn save(&self) -> Result<(), PreferencesError> {
        self.save_to(&Self::path().ok_or(PreferencesError::NoFolder)?)
    }

    /// Writes `path` atomically (a temporary file renamed over it).
    pub fn save_to(&self, path: &Path) -> Result<(), PreferencesError> {
        use std::io::Write as _;
        let text = toml::to_string(self)
            .map_err(|e| PreferencesError::Invalid { path: path.to_owned(), reason: e.to_string() })?;
        let io = |source| PreferencesError::Io { path: path.to_owned(), source };
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(text.as_bytes()).map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_default_when_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("gui.toml");
        assert_eq!(Preferences::load_from(&path).expect("missing is default"), Preferences::default());
        let p = Preferences {
            language: Some(Language::SerbianCyrillic),
            theme: ThemeChoice::Dark,
            reminders: false,
            window: Some(Geometry { width: 1100.0, height: 760.0, x: Some(10.0), y: None }),
        };
        p.save_to(&path).expect("save");
        assert_eq!(Preferences::load_from(&path).expect("load"), p);
        std::fs::write(&path, "theme = 3").expect("write");
        assert!(matches!(Preferences::load_from(&path), Err(PreferencesError::Invalid { .. })));
    }
}
