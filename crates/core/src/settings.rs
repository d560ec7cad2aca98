//! User settings: a TOML file under the OS configuration folder (`~/.config/pecat/settings.toml`
//! on Linux, `~/Library/Application Support/pecat/` on macOS, `%APPDATA%\pecat\` on Windows), or
//! the file named by `PECAT_SETTINGS`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The most a settings file may be; it holds a few lines.
pub const MAX_SETTINGS_FILE: u64 = 1 << 20;

/// What the user configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Extra PKCS#11 modules to load besides the known ones.
    #[serde(default)]
    pub modules: Vec<PathBuf>,
}

impl Settings {
    /// The settings file's path: `PECAT_SETTINGS`, else the OS configuration folder.
    pub fn path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("PECAT_SETTINGS") {
            return Some(PathBuf::from(p));
        }
        dirs::config_dir().map(|d| d.join("pecat").join("settings.toml"))
    }

    /// Loads the settings; a missing file means defaults.
    pub fn load() -> Result<Self> {
        match Self::path() {
            Some(p) => Self::load_from(&p),
            None => Ok(Self::default()),
        }
    }

    /// Loads settings from `path`; a missing file means defaults. A path that is not a regular
    /// file, or a file over [`MAX_SETTINGS_FILE`], is refused without being read.
    pub fn load_from(path: &Path) -> Result<Self> {
        let bytes = match pecat_pki::read_limited(path, MAX_SETTINGS_FILE, &path.display().to_string()) {
            Ok(b) => b,
            Err(pecat_pki::Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(e) => return Err(e.into()),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::Settings { path: path.to_owned(), reason: "it is not UTF-8 text".into() })?;
        toml::from_str(&text).map_err(|e| Error::Settings { path: path.to_owned(), reason: e.message().to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_defaults_and_bad_file_says_why() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load_from(&dir.path().join("none.toml")).unwrap(), Settings::default());
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "modules = [\"/opt/x/libeTPkcs11.so\"]\n").unwrap();
        assert_eq!(Settings::load_from(&good).unwrap().modules, vec![PathBuf::from("/opt/x/libeTPkcs11.so")]);
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "modulez = 3\n").unwrap();
        let err = Settings::load_from(&bad).unwrap_err();
        assert!(err.to_string().contains("bad.toml is invalid"), "{err}");
    }

    #[test]
    fn a_directory_or_device_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let err = Settings::load_from(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::NotRegularFile { .. })), "{err}");
        let err = Settings::load_from(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::NotRegularFile { .. })), "{err}");
        let big = dir.path().join("big.toml");
        std::fs::File::create(&big).unwrap().set_len(MAX_SETTINGS_FILE + 1).unwrap();
        let err = Settings::load_from(&big).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::FileTooLarge { .. })), "{err}");
    }
}
