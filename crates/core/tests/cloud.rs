//! Core's cloud account workflow against the built-in demo service over real HTTP on loopback,
//! with the in-memory secret store (the real Secret Service is exercised by the CLI's cloud
//! tests and `tests/keyring.rs`): add keeps the refresh token and no password; a new connection
//! logs in with it; a login gone from the store, or refused, asks for a new login; a wrong
//! password adds nothing; remove deletes the secrets.

#![allow(clippy::unwrap_used)]

use pecat_core::{
    Account, Connection, DEMO_PASSWORD, DEMO_USER, DemoService, Error, LoginNeeded, Remembered, SecretKind,
    SecretStore, Settings, add_account, connect_account, demo_url, login_account, remove_account,
};
use pecat_token::{CloudFailure, CredentialStore, CscOptions, SecretString};

fn password(p: &str) -> SecretString {
    SecretString::from(p.to_owned())
}

#[test]
fn add_connect_relogin_and_remove_an_account() {
    let dir = tempfile::tempdir().unwrap();
    let demo = DemoService::start(dir.path()).unwrap();
    let secrets = SecretStore::memory();
    let options = CscOptions::default();
    let mut settings = Settings::default();

    // A wrong password: refused, nothing added, nothing kept.
    let wrong = add_account(
        &mut settings,
        Some(&secrets),
        Account::new("work", demo_url(&demo), DEMO_USER),
        password("not it"),
        &options,
    )
    .unwrap_err();
    assert!(
        matches!(wrong, Error::Token(pecat_token::Error::Cloud { kind: CloudFailure::LoginRefused, .. })),
        "{wrong:?}"
    );
    assert!(settings.accounts().is_empty());

    let added = add_account(
        &mut settings,
        Some(&secrets),
        Account::new("work", demo_url(&demo), DEMO_USER),
        password(DEMO_PASSWORD),
        &options,
    )
    .unwrap();
    assert!(matches!(added.remembered, Remembered::RefreshToken), "{:?}", added.remembered);
    assert_eq!(added.client.store_label(), "work");
    assert_eq!(added.account.credential_ids.as_deref(), Some(&[pecat_core::DEMO_CREDENTIAL.to_owned()][..]));
    assert!(added.account.api_version.as_deref().unwrap().starts_with("2."));
    let account = settings.accounts()[0].clone();
    let key = account.key().unwrap();
    assert!(secrets.get(&key, SecretKind::RefreshToken).unwrap().is_some());
    assert!(secrets.get(&key, SecretKind::Password).unwrap().is_none(), "no password kept beside a refresh token");

    // The same name again is refused before any connection.
    let again = add_account(
        &mut settings,
        Some(&secrets),
        Account::new("work", demo_url(&demo), "someone"),
        password("x"),
        &options,
    );
    assert!(matches!(again, Err(Error::BadAccount { .. })), "{again:?}");

    // A new run connects with the kept login.
    let connection = connect_account(&account, Ok(&secrets), &options).unwrap();
    let Connection::Ready(client) = connection else { panic!("{connection:?}") };
    assert_eq!(client.signing_credentials().unwrap().len(), 1);

    // A revoked refresh token: refused by the service, so a login is needed.
    secrets.put(&key, SecretKind::RefreshToken, &password("revoked-or-made-up")).unwrap();
    let connection = connect_account(&account, Ok(&secrets), &options).unwrap();
    assert!(
        matches!(connection, Connection::NeedsLogin { why: LoginNeeded::StoredLoginRefused(_), .. }),
        "{connection:?}"
    );
    // Gone from the store altogether.
    secrets.delete_all(&key).unwrap();
    let connection = connect_account(&account, Ok(&secrets), &options).unwrap();
    assert!(matches!(connection, Connection::NeedsLogin { why: LoginNeeded::NoStoredLogin, .. }), "{connection:?}");
    let unavailable = Error::SecretStoreUnavailable { reason: "test".into() };
    let connection = connect_account(&account, Err(&unavailable), &options).unwrap();
    assert!(matches!(connection, Connection::NeedsLogin { why: LoginNeeded::SecretStore(_), .. }));

    // Logging in again keeps a new login.
    login_account(&mut settings, Some(&secrets), "work", password(DEMO_PASSWORD), &options).unwrap();
    assert!(matches!(connect_account(&account, Ok(&secrets), &options).unwrap(), Connection::Ready(_)));

    let removed = remove_account(&mut settings, Some(&secrets), "work").unwrap();
    assert_eq!(removed.secrets_deleted.unwrap(), 1);
    assert!(settings.accounts().is_empty());
    assert!(matches!(remove_account(&mut settings, Some(&secrets), "work"), Err(Error::NoSuchAccount { .. })));
}

#[test]
fn plain_http_to_another_host_is_refused_before_the_password_is_sent() {
    let mut settings = Settings::default();
    let e = add_account(
        &mut settings,
        Some(&SecretStore::memory()),
        Account::new("x", "http://csc.example.com/csc/v2", "ana"),
        password("secret"),
        &CscOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::InsecureServiceUrl { .. }), "{e:?}");
}
