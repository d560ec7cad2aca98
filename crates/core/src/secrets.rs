//! Cloud account secrets (password, refresh token) in the OS credential store through
//! `keyring-core`: the Secret Service on Linux, the Keychain on macOS, the Credential Manager on
//! Windows. Secrets are [`SecretString`]s end to end and never reach the settings file, a log or
//! a `Debug` output.
//!
//! Every call may block on the store (a D-Bus round trip on Linux): call it off the UI thread.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use keyring_core::{CredentialStore, Entry};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

use crate::error::{Error, Result};

/// The service name every Pecat entry carries in the credential store.
pub const SERVICE: &str = "pecat";

/// Which secret of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The password (or PIN) the service's `auth/login` takes.
    Password,
    /// An OAuth 2.0 refresh token the service issued.
    RefreshToken,
}

impl SecretKind {
    fn as_str(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::RefreshToken => "refresh-token",
        }
    }
}

impl std::fmt::Display for SecretKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whose secret: a service URL in normal form and a user name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountKey {
    url: String,
    user: String,
}

impl AccountKey {
    /// The key of `user` at the service `url` (checked and normalised as
    /// [`crate::service_url`] does, so any spelling of one URL gives one key).
    pub fn new(url: &str, user: &str) -> Result<Self> {
        Ok(Self { url: crate::accounts::service_url(url)?.into(), user: user.to_owned() })
    }

    /// The service URL in normal form.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The user name.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The entry's user name in the store (its service is [`SERVICE`]): `<kind> <url> <user>`,
    /// e.g. `password https://csc.example.ro/ ana`. A normalised URL holds no space, so the
    /// name is read back unambiguously even when the user name holds one.
    pub fn entry_name(&self, kind: SecretKind) -> String {
        format!("{} {} {}", kind.as_str(), self.url, self.user)
    }
}

/// Where secrets go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretBackend {
    /// The operating system's credential store.
    Os,
    /// Process memory, for tests; gone when the last handle is dropped.
    Memory,
}

/// What was being done when the credential store failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretOperation {
    /// Storing a secret.
    Put,
    /// Reading a secret.
    Get,
    /// Deleting a secret.
    Delete,
}

impl std::fmt::Display for SecretOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecretOperation::Put => "store",
            SecretOperation::Get => "read",
            SecretOperation::Delete => "delete",
        })
    }
}

/// How the credential store failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretStoreFailure {
    /// The store is locked or refused access (e.g. a locked login keyring).
    NoAccess(String),
    /// The store failed; what the platform said.
    Platform(String),
    /// The stored secret is not UTF-8 text (its bytes are wiped, never shown).
    NotText,
    /// Several entries match one account and kind.
    Ambiguous(usize),
    /// The entry or its secret is too long for this store.
    TooLong,
    /// Any other refusal by the store.
    Refused(String),
}

impl std::fmt::Display for SecretStoreFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretStoreFailure::NoAccess(why) => write!(f, "no access (locked?): {why}"),
            SecretStoreFailure::Platform(why) => write!(f, "{why}"),
            SecretStoreFailure::NotText => f.write_str("the stored secret is not text"),
            SecretStoreFailure::Ambiguous(n) => write!(f, "{n} entries match"),
            SecretStoreFailure::TooLong => f.write_str("too long for the store"),
            SecretStoreFailure::Refused(why) => write!(f, "{why}"),
        }
    }
}

/// A handle on a credential store; cheap to clone, shareable between threads.
#[derive(Clone)]
pub struct SecretStore {
    store: Arc<CredentialStore>,
    backend: SecretBackend,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore").field("backend", &self.backend).field("vendor", &self.store.vendor()).finish()
    }
}

impl SecretStore {
    /// The operating system's credential store. [`Error::SecretStoreUnavailable`] when there is
    /// none to reach, e.g. on Linux with no session bus or no Secret Service on it.
    pub fn os() -> Result<Self> {
        Ok(Self { store: os_store()?, backend: SecretBackend::Os })
    }

    /// A store in process memory, for tests.
    pub fn memory() -> Self {
        let store = keyring_core::mock::Store {
            id: "pecat in-memory secret store".to_owned(),
            inner: Mutex::new(RefCell::new(Vec::new())),
        };
        Self { store: Arc::new(store), backend: SecretBackend::Memory }
    }

    /// Which kind of store this is.
    pub fn backend(&self) -> SecretBackend {
        self.backend
    }

    /// Stores (or replaces) a secret of the account.
    pub fn put(&self, key: &AccountKey, kind: SecretKind, secret: &SecretString) -> Result<()> {
        let fail = |e| failed(SecretOperation::Put, key, kind, e);
        self.entry(key, kind).map_err(fail)?.set_password(secret.expose_secret()).map_err(fail)
    }

    /// The account's secret of this kind; `None` when none is stored.
    pub fn get(&self, key: &AccountKey, kind: SecretKind) -> Result<Option<SecretString>> {
        let fail = |e| failed(SecretOperation::Get, key, kind, e);
        match self.entry(key, kind).map_err(fail)?.get_password() {
            Ok(secret) => Ok(Some(SecretString::from(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(fail(e)),
        }
    }

    /// Deletes the account's secret of this kind; `false` when there was none.
    pub fn delete(&self, key: &AccountKey, kind: SecretKind) -> Result<bool> {
        let fail = |e| failed(SecretOperation::Delete, key, kind, e);
        match self.entry(key, kind).map_err(fail)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(fail(e)),
        }
    }

    /// Deletes every secret of the account (when it is removed); how many there were.
    pub fn delete_all(&self, key: &AccountKey) -> Result<usize> {
        let mut n = 0;
        for kind in [SecretKind::Password, SecretKind::RefreshToken] {
            n += usize::from(self.delete(key, kind)?);
        }
        Ok(n)
    }

    fn entry(&self, key: &AccountKey, kind: SecretKind) -> keyring_core::Result<Entry> {
        self.store.build(SERVICE, &key.entry_name(kind), None)
    }
}

#[cfg(target_os = "linux")]
fn os_store() -> Result<Arc<CredentialStore>> {
    match zbus_secret_service_keyring_store::Store::new() {
        Ok(s) => Ok(s),
        Err(e) => Err(Error::SecretStoreUnavailable { reason: e.to_string() }),
    }
}

#[cfg(target_os = "macos")]
fn os_store() -> Result<Arc<CredentialStore>> {
    match apple_native_keyring_store::keychain::Store::new() {
        Ok(s) => Ok(s),
        Err(e) => Err(Error::SecretStoreUnavailable { reason: e.to_string() }),
    }
}

#[cfg(target_os = "windows")]
fn os_store() -> Result<Arc<CredentialStore>> {
    match windows_native_keyring_store::Store::new() {
        Ok(s) => Ok(s),
        Err(e) => Err(Error::SecretStoreUnavailable { reason: e.to_string() }),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn os_store() -> Result<Arc<CredentialStore>> {
    Err(Error::SecretStoreUnavailable {
        reason: format!("Pecat knows no credential store on {}", std::env::consts::OS),
    })
}

/// Turns a store error into ours without carrying any secret bytes along.
fn failed(operation: SecretOperation, key: &AccountKey, kind: SecretKind, e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    let failure = match e {
        K::NoStorageAccess(why) => SecretStoreFailure::NoAccess(why.to_string()),
        K::PlatformFailure(why) => SecretStoreFailure::Platform(why.to_string()),
        K::BadEncoding(mut bytes) => {
            bytes.zeroize();
            SecretStoreFailure::NotText
        }
        K::BadDataFormat(mut bytes, _) => {
            bytes.zeroize();
            SecretStoreFailure::NotText
        }
        K::Ambiguous(entries) => SecretStoreFailure::Ambiguous(entries.len()),
        K::TooLong(..) => SecretStoreFailure::TooLong,
        other => SecretStoreFailure::Refused(other.to_string()),
    };
    Error::SecretStore { operation, kind, url: key.url.clone(), user: key.user.clone(), failure }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> AccountKey {
        AccountKey::new("https://csc.example.ro/csc/v2", "ana@example.ro").unwrap()
    }

    #[test]
    fn put_get_replace_delete() {
        let store = SecretStore::memory();
        let k = key();
        assert!(store.get(&k, SecretKind::Password).unwrap().is_none());
        store.put(&k, SecretKind::Password, &SecretString::from("first")).unwrap();
        store.put(&k, SecretKind::Password, &SecretString::from("second")).unwrap();
        store.put(&k, SecretKind::RefreshToken, &SecretString::from("rt-1")).unwrap();
        assert_eq!(store.get(&k, SecretKind::Password).unwrap().unwrap().expose_secret(), "second");
        assert_eq!(store.get(&k, SecretKind::RefreshToken).unwrap().unwrap().expose_secret(), "rt-1");
        assert!(store.delete(&k, SecretKind::Password).unwrap());
        assert!(!store.delete(&k, SecretKind::Password).unwrap());
        assert!(store.get(&k, SecretKind::Password).unwrap().is_none());
        assert_eq!(store.get(&k, SecretKind::RefreshToken).unwrap().unwrap().expose_secret(), "rt-1");
        assert_eq!(store.delete_all(&k).unwrap(), 1);
        assert!(store.get(&k, SecretKind::RefreshToken).unwrap().is_none());
    }

    #[test]
    fn accounts_do_not_share_secrets_and_urls_normalise() {
        let store = SecretStore::memory();
        let a = key();
        let same = AccountKey::new("HTTPS://CSC.EXAMPLE.RO/csc/v2", "ana@example.ro").unwrap();
        let other_user = AccountKey::new("https://csc.example.ro/csc/v2", "bob").unwrap();
        let other_service = AccountKey::new("https://csc.example.ro/other", "ana@example.ro").unwrap();
        store.put(&a, SecretKind::Password, &SecretString::from("pw")).unwrap();
        assert_eq!(store.get(&same, SecretKind::Password).unwrap().unwrap().expose_secret(), "pw");
        assert!(store.get(&other_user, SecretKind::Password).unwrap().is_none());
        assert!(store.get(&other_service, SecretKind::Password).unwrap().is_none());
        assert_eq!(a.entry_name(SecretKind::Password), "password https://csc.example.ro/csc/v2 ana@example.ro");
    }

    #[test]
    fn an_insecure_url_gives_no_key() {
        assert!(matches!(AccountKey::new("http://csc.example.ro/", "ana"), Err(Error::InsecureServiceUrl { .. })));
    }

    #[test]
    fn a_store_failure_is_typed_and_shows_no_secret() {
        let store = SecretStore::memory();
        let k = key();
        store.put(&k, SecretKind::Password, &SecretString::from("hunter2")).unwrap();
        let entry = store.entry(&k, SecretKind::Password).unwrap();
        let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        mock.set_error(keyring_core::Error::BadEncoding(b"hunter2".to_vec()));
        let err = store.get(&k, SecretKind::Password).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::SecretStore {
                    operation: SecretOperation::Get,
                    kind: SecretKind::Password,
                    failure: SecretStoreFailure::NotText,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(!format!("{err} {err:?} {store:?}").contains("hunter2"));
        let secret = store.get(&k, SecretKind::Password).unwrap().unwrap();
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
