//! What must survive a restart: per-credential failure counters, locks and the last accepted
//! TOTP step, kept in a small JSON file replaced atomically on every change (or only in memory
//! when no file is configured). Nothing secret is written.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The state of one credential.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialState {
    /// Wrong PINs and codes since the last successful authorisation.
    #[serde(default)]
    pub failures: u32,
    /// Locked after too many failures; only an administrator unlocks it.
    #[serde(default)]
    pub locked: bool,
    /// The last TOTP step accepted, so a code is accepted once (RFC 6238 §5.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_totp_step: Option<u64>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    credentials: BTreeMap<String, CredentialState>,
}

/// The persisted state of all credentials.
#[derive(Debug)]
pub struct State {
    path: Option<PathBuf>,
    file: StateFile,
}

impl State {
    /// Loads `path` (a missing file is an empty state), or an in-memory state for `None`.
    pub fn load(path: Option<PathBuf>) -> Result<Self> {
        let file = match &path {
            Some(p) => match std::fs::read(p) {
                Ok(bytes) => serde_json::from_slice(&bytes)
                    .map_err(|e| Error::State { path: p.clone(), reason: e.to_string() })?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => StateFile::default(),
                Err(e) => return Err(Error::Io { path: p.clone(), source: e }),
            },
            None => StateFile::default(),
        };
        Ok(Self { path, file })
    }

    /// The state of `credential`.
    pub fn get(&self, credential: &str) -> CredentialState {
        self.file.credentials.get(credential).cloned().unwrap_or_default()
    }

    /// Replaces the state of `credential` and writes the file.
    pub fn set(&mut self, credential: &str, state: CredentialState) -> Result<()> {
        if state == CredentialState::default() {
            self.file.credentials.remove(credential);
        } else {
            self.file.credentials.insert(credential.to_owned(), state);
        }
        self.save()
    }

    fn save(&self) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let bytes = serde_json::to_vec_pretty(&self.file)
            .map_err(|e| Error::State { path: path.clone(), reason: e.to_string() })?;
        pecat_pki::write_atomically(path, &bytes, true)
            .map_err(|e| Error::State { path: path.clone(), reason: e.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let mut state = State::load(Some(path.clone())).unwrap();
        state.set("c1", CredentialState { failures: 3, locked: true, last_totp_step: Some(5) }).unwrap();
        state.set("c1", CredentialState { failures: 3, locked: true, last_totp_step: None }).unwrap();
        let again = State::load(Some(path)).unwrap();
        assert_eq!(again.get("c1"), CredentialState { failures: 3, locked: true, last_totp_step: None });
        assert_eq!(again.get("c2"), CredentialState::default());
    }
}
