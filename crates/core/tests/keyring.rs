//! Cloud account secrets through a real Secret Service (gnome-keyring), each step confirmed by an
//! independent client, `secret-tool` (libsecret). `scripts/test` runs it inside `dbus-run-session`
//! with a freshly unlocked gnome-keyring in temporary HOME/XDG folders:
//!
//! ```sh
//! dbus-run-session -- bash -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!   PECAT_TEST_SECRET_SERVICE=1 cargo nextest run -p pecat-core --test keyring --run-ignored only'
//! ```
//!
//! Ignored by a plain `cargo nextest run`; run without `PECAT_TEST_SECRET_SERVICE=1` it fails
//! rather than pass without having touched a Secret Service.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};

use pecat_core::{AccountKey, Error, SECRET_SERVICE, SecretBackend, SecretKind, SecretStore};
use secrecy::{ExposeSecret, SecretString};

const ENV: &str = "PECAT_TEST_SECRET_SERVICE";
/// Set in the child process of [`without_a_session_bus_the_os_store_is_unavailable`].
const CHILD: &str = "PECAT_TEST_NO_BUS_CHILD";

/// With no session bus to reach, the OS store is a typed error at once, not a hang or a panic.
/// The check runs in a child process (this test binary again) so the bus address it breaks is
/// not shared with other tests.
#[test]
fn without_a_session_bus_the_os_store_is_unavailable() {
    if std::env::var_os(CHILD).is_some() {
        let err = SecretStore::os().unwrap_err();
        assert!(matches!(err, Error::SecretStoreUnavailable { .. }), "{err:?}");
        return;
    }
    let name = "without_a_session_bus_the_os_store_is_unavailable";
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture"])
        .env(CHILD, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pecat-test-bus")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("1 passed"), "{text}{}", String::from_utf8_lossy(&out.stderr));
}

/// What `secret-tool lookup service pecat username <entry>` prints; `None` when it finds nothing.
fn secret_tool_lookup(key: &AccountKey, kind: SecretKind) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", SECRET_SERVICE, "username", &key.entry_name(kind)])
        .stdin(Stdio::null())
        .output()
        .expect("secret-tool (package libsecret-tools) runs");
    out.status.success().then(|| String::from_utf8(out.stdout).unwrap())
}

/// Stores a secret with `secret-tool store`, as another application would.
fn secret_tool_store(key: &AccountKey, kind: SecretKind, secret: &str) {
    use std::io::Write as _;
    let mut child = Command::new("secret-tool")
        .args([
            "store",
            "--label",
            "written by secret-tool",
            "service",
            SECRET_SERVICE,
            "username",
            &key.entry_name(kind),
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("secret-tool (package libsecret-tools) runs");
    child.stdin.take().unwrap().write_all(secret.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "secret-tool store failed");
}

#[test]
#[ignore = "needs a Secret Service: scripts/test runs it in dbus-run-session with PECAT_TEST_SECRET_SERVICE=1"]
fn secrets_round_trip_through_a_real_secret_service() {
    assert_eq!(
        std::env::var(ENV).as_deref(),
        Ok("1"),
        "{ENV}=1 is not set: this test needs a session bus with an unlocked gnome-keyring \
         (run ./scripts/test, or dbus-run-session as shown in crates/core/tests/keyring.rs); \
         without one it would prove nothing"
    );
    let store = SecretStore::os().unwrap_or_else(|e| panic!("no Secret Service although {ENV}=1: {e}"));
    assert_eq!(store.backend(), SecretBackend::Os);
    // A user name with a space and an '@': the entry name must still be one the store keeps apart.
    let key = AccountKey::new("https://csc.example.ro/csc/v2", &format!("ana pop@example.ro {}", std::process::id()))
        .unwrap();
    let other = AccountKey::new("https://csc.example.ro/csc/v2", "bob").unwrap();
    let password = "pässwörd ✓ 1234";

    assert!(store.get(&key, SecretKind::Password).unwrap().is_none());
    store.put(&key, SecretKind::Password, &SecretString::from(password)).unwrap();
    store.put(&key, SecretKind::RefreshToken, &SecretString::from("refresh-1")).unwrap();

    // Read back through Pecat, through a second connection, and through libsecret.
    assert_eq!(store.get(&key, SecretKind::Password).unwrap().unwrap().expose_secret(), password);
    let again = SecretStore::os().unwrap();
    assert_eq!(again.get(&key, SecretKind::RefreshToken).unwrap().unwrap().expose_secret(), "refresh-1");
    assert_eq!(secret_tool_lookup(&key, SecretKind::Password).as_deref(), Some(password));
    assert_eq!(secret_tool_lookup(&key, SecretKind::RefreshToken).as_deref(), Some("refresh-1"));
    assert!(store.get(&other, SecretKind::Password).unwrap().is_none());

    // Replacing a secret leaves one item, holding the new value.
    store.put(&key, SecretKind::RefreshToken, &SecretString::from("refresh-2")).unwrap();
    assert_eq!(secret_tool_lookup(&key, SecretKind::RefreshToken).as_deref(), Some("refresh-2"));
    assert_eq!(store.get(&key, SecretKind::RefreshToken).unwrap().unwrap().expose_secret(), "refresh-2");

    // What another client wrote under Pecat's names, Pecat reads.
    secret_tool_store(&other, SecretKind::Password, "written elsewhere");
    assert_eq!(store.get(&other, SecretKind::Password).unwrap().unwrap().expose_secret(), "written elsewhere");

    // Deleting removes the item from the Secret Service itself.
    assert!(store.delete(&key, SecretKind::Password).unwrap());
    assert!(!store.delete(&key, SecretKind::Password).unwrap());
    assert_eq!(secret_tool_lookup(&key, SecretKind::Password), None);
    assert!(store.get(&key, SecretKind::Password).unwrap().is_none());
    assert_eq!(store.delete_all(&key).unwrap(), 1);
    assert_eq!(secret_tool_lookup(&key, SecretKind::RefreshToken), None);
    assert_eq!(store.delete_all(&other).unwrap(), 1);
    assert_eq!(secret_tool_lookup(&other, SecretKind::Password), None);
}
