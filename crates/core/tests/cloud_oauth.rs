//! Core's browser login of cloud accounts against Pecat's CSC service with OAuth 2.0 on, over
//! real HTTP on loopback: adding an account in the browser keeps the refresh token, a later
//! connection logs in with it (no browser), and logging in again goes through the browser.
//! The browser is a few plain HTTP/1.1 requests on a thread, as a browser runs beside the app.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use pecat_core::{
    Account, Connection, Remembered, SecretKind, SecretStore, Settings, add_account_oauth2, connect_account,
    login_account_oauth2,
};
use pecat_csc_server::{Config, Credential, DemoCa, HashCost, P256Key, PasswordHash, Server, User};
use pecat_token::{CredentialStore, CscOptions, SecretString};

const PASSWORD: &str = "correct horse";

/// The browser: shows the form, signs in, follows the redirect to Pecat's loopback listener.
fn browse(url: &str) {
    pecat_testkit::sign_in_with_browser(url, "alice", "correct+horse");
}

fn open(url: &str) -> pecat_token::Result<()> {
    let url = url.to_owned();
    std::thread::spawn(move || browse(&url));
    Ok(())
}

#[test]
fn add_an_account_in_the_browser_connect_with_its_refresh_token_and_log_in_again() {
    let ca = DemoCa::new().unwrap();
    let mut config = Config { oauth2: true, ..Config::default() };
    let password = PasswordHash::new(&SecretString::from(PASSWORD), HashCost::Light).unwrap();
    config.users.push(User { name: "alice".into(), password });
    let key = Arc::new(P256Key::generate().unwrap());
    config.credentials.push(Credential::demo("alice-1", "alice", "Alice Test", key, &ca).unwrap());
    let server = Server::start(config).unwrap();
    let url = format!("{}/csc/v2", server.base_url());

    let secrets = SecretStore::memory();
    let options = CscOptions::default();
    let mut settings = Settings::default();
    let timeout = Duration::from_secs(20);
    let account = Account::new("browser", &url, "alice");
    let added = add_account_oauth2(&mut settings, Some(&secrets), account, &mut open, timeout, &options).unwrap();
    assert!(matches!(added.remembered, Remembered::RefreshToken), "{:?}", added.remembered);
    assert_eq!(added.credentials.len(), 1);
    assert_eq!(added.account.credential_ids.as_deref(), Some(&["alice-1".to_owned()][..]));
    let key = settings.accounts()[0].key().unwrap();
    assert!(secrets.get(&key, SecretKind::RefreshToken).unwrap().is_some());
    assert!(secrets.get(&key, SecretKind::Password).unwrap().is_none(), "a browser login has no password to keep");

    let account = settings.accounts()[0].clone();
    match connect_account(&account, Ok(&secrets), &options).unwrap() {
        Connection::Ready(client) => assert_eq!(client.signing_credentials().unwrap().len(), 1),
        Connection::NeedsLogin { why, .. } => panic!("the kept refresh token was not used: {why:?}"),
    }

    let again = login_account_oauth2(&mut settings, Some(&secrets), "browser", &mut open, timeout, &options).unwrap();
    assert!(again.client.is_logged_in());
    assert_eq!(server.requests().get("/oauth2/token"), Some(&2), "two browser logins");
}
