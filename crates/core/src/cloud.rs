//! Cloud accounts as credential stores, for both front ends: adding an account (log in, list its
//! credentials, keep the login in the OS credential store), connecting the accounts the settings
//! name, logging in again, removing one; and the built-in demo as one more store.
//!
//! Every function here makes HTTP calls or talks to the OS credential store: call them off the UI
//! thread. Passwords are [`SecretString`]s end to end; what is kept between runs is the refresh
//! token the service issued (or, for a service that issues none, the password), only in the OS
//! credential store.

use std::sync::Arc;
use std::time::Duration;

use pecat_token::{CloudFailure, CredentialStore, CscClient, CscOptions, SecretString, StoreCredential};

use crate::accounts::{Account, AccountRef};
use crate::demo::{DEMO_PASSWORD, DEMO_USER, DemoService};
use crate::error::{Error, Result};
use crate::secrets::{SecretKind, SecretStore};
use crate::settings::Settings;

/// The label of the demo store: what `demo:pecat-demo-1` names, and how front ends tell the demo
/// from real credentials ([`is_demo`]).
pub const DEMO_LABEL: &str = "demo";

/// Connects to the running demo service and logs in with the demo account (whose password is
/// public: it is a demo).
pub fn demo_store(service: &DemoService, options: &CscOptions) -> Result<Arc<CscClient>> {
    let client = CscClient::connect(&demo_url(service), DEMO_USER, options)?.with_label(DEMO_LABEL);
    client.login(SecretString::from(DEMO_PASSWORD.to_owned()), false)?;
    Ok(Arc::new(client))
}

/// The demo service's CSC API root.
pub fn demo_url(service: &DemoService) -> String {
    format!("{}/csc/v2", service.base_url())
}

/// Whether a store is the built-in demo (a cloud store labelled [`DEMO_LABEL`] on loopback).
pub fn is_demo(store: &dyn CredentialStore) -> bool {
    match store.store_id() {
        pecat_token::StoreId::Cloud { service, .. } => {
            store.store_label() == DEMO_LABEL && service.starts_with("http://127.0.0.1:")
        }
        pecat_token::StoreId::Hardware { .. } => false,
    }
}

/// How the login of an account was kept for the next run.
#[derive(Debug)]
pub enum Remembered {
    /// The service's refresh token is in the OS credential store.
    RefreshToken,
    /// The service issues no refresh token: the password is in the OS credential store.
    Password,
    /// Nothing could be kept (no OS credential store, or it failed): the next run asks again.
    Nothing(Error),
    /// A browser login that brought no refresh token: there is nothing to keep, the next run
    /// logs in in the browser again.
    NothingToKeep,
}

/// An account added and logged in.
#[derive(Debug)]
pub struct AddedAccount {
    /// The account as the settings now keep it (URL in normal form, API version, credentials).
    pub account: Account,
    /// The logged-in client, ready to go into the inventory.
    pub client: Arc<CscClient>,
    /// The account's signing credentials.
    pub credentials: Vec<StoreCredential>,
    /// How the login was kept.
    pub remembered: Remembered,
}

/// Adds a cloud account: checks it (HTTPS except on loopback, a free name), connects, logs in
/// with `password` asking for a refresh token, lists its credentials, keeps the login in
/// `secrets` and adds the account to `settings` (the caller saves them). Nothing is added when
/// the service refuses the login or has no credential for the account.
pub fn add_account(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    account: Account,
    password: SecretString,
    options: &CscOptions,
) -> Result<AddedAccount> {
    let login = password.clone();
    add(settings, secrets, account, options, &mut |client| client.login(login.clone(), true), Some(password))
}

/// Adds a cloud account whose service logs in in the browser (`authType` "oauth2code"), as
/// [`add_account`] does: `open` gets the authorization URL to open or show (failing to open a
/// browser is the front end's to handle: the user can open the URL), and the login must be
/// finished within `timeout`. See [`CscClient::login_oauth2`].
pub fn add_account_oauth2(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    account: Account,
    open: &mut dyn FnMut(&str) -> pecat_token::Result<()>,
    timeout: Duration,
    options: &CscOptions,
) -> Result<AddedAccount> {
    add(settings, secrets, account, options, &mut |client| client.login_oauth2(&mut *open, timeout), None)
}

fn add(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    account: Account,
    options: &CscOptions,
    login: &mut dyn FnMut(&CscClient) -> pecat_token::Result<()>,
    password: Option<SecretString>,
) -> Result<AddedAccount> {
    // Checked before any connection: a plain-http URL to another host never sees the password.
    let mut trial = settings.clone();
    let mut account = trial.add_account(account)?.clone();
    let client = CscClient::connect(&account.url, &account.user, options)?.with_label(account.name.clone());
    login(&client)?;
    let credentials = client.signing_credentials()?;
    if credentials.is_empty() {
        return Err(Error::NoCloudCredential { account: account.name });
    }
    account.api_version = Some(client.info().specs.clone());
    account.credential_ids = Some(credentials.iter().map(|c| c.id.clone()).collect());
    let remembered = remember(&account, secrets, &client, password);
    settings.add_account(account.clone())?;
    Ok(AddedAccount { account, client: Arc::new(client), credentials, remembered })
}

/// Keeps the login of a logged-in client: its refresh token, else the password (a browser
/// login has none).
fn remember(
    account: &Account,
    secrets: Option<&SecretStore>,
    client: &CscClient,
    password: Option<SecretString>,
) -> Remembered {
    let Some(secrets) = secrets else {
        return Remembered::Nothing(Error::SecretStoreUnavailable { reason: "none was opened".into() });
    };
    let kept = (|| {
        let key = account.key()?;
        match client.refresh_token() {
            Some(token) => {
                secrets.put(&key, SecretKind::RefreshToken, &token)?;
                secrets.delete(&key, SecretKind::Password)?;
                Ok(Remembered::RefreshToken)
            }
            // An older login of the other kind must not be tried before this one next time.
            None => match &password {
                Some(password) => {
                    secrets.put(&key, SecretKind::Password, password)?;
                    secrets.delete(&key, SecretKind::RefreshToken)?;
                    Ok(Remembered::Password)
                }
                None => {
                    secrets.delete_all(&key)?;
                    Ok(Remembered::NothingToKeep)
                }
            },
        }
    })();
    kept.unwrap_or_else(Remembered::Nothing)
}

/// Why a configured account is listed but cannot sign until the user logs in.
#[derive(Debug, Clone)]
pub enum LoginNeeded {
    /// The OS credential store holds no login for it (never kept, or removed from the keyring).
    NoStoredLogin,
    /// The kept login was refused (refresh token expired or revoked, password changed).
    StoredLoginRefused(pecat_token::Error),
    /// The OS credential store could not be read.
    SecretStore(Error),
}

/// What connecting a configured account came to.
#[derive(Debug)]
pub enum Connection {
    /// Logged in with the kept login.
    Ready(Arc<CscClient>),
    /// The service answered, but the user must log in ([`login_account`]).
    NeedsLogin { client: Arc<CscClient>, why: LoginNeeded },
}

impl Connection {
    /// The client, logged in or not, for the inventory (a store that needs a login lists no
    /// credentials and says so).
    pub fn client(&self) -> &Arc<CscClient> {
        match self {
            Connection::Ready(c) | Connection::NeedsLogin { client: c, .. } => c,
        }
    }
}

/// Connects a configured account and logs in with what the OS credential store keeps for it
/// (the refresh token first, then the password); a rotated refresh token is kept again. An
/// unreachable or failing service is an error; a missing or refused login is
/// [`Connection::NeedsLogin`].
pub fn connect_account(
    account: &Account,
    secrets: std::result::Result<&SecretStore, &Error>,
    options: &CscOptions,
) -> Result<Connection> {
    let client = CscClient::connect(&account.url, &account.user, options)?.with_label(account.name.clone());
    let secrets = match secrets {
        Ok(s) => s,
        Err(e) => return Ok(needs(client, LoginNeeded::SecretStore(e.clone()))),
    };
    let key = account.key()?;
    let stored = |kind| secrets.get(&key, kind);
    let (token, password) = match (stored(SecretKind::RefreshToken), stored(SecretKind::Password)) {
        (Ok(t), Ok(p)) => (t, p),
        (Err(e), _) | (_, Err(e)) => return Ok(needs(client, LoginNeeded::SecretStore(e))),
    };
    let mut refused = None;
    if let Some(token) = token {
        match client.login_with_refresh_token(token.clone()) {
            Ok(()) => {
                if let Some(new) = client.refresh_token().filter(|new| !same(new, &token))
                    && let Err(e) = secrets.put(&key, SecretKind::RefreshToken, &new)
                {
                    log::warn!("the rotated refresh token of {} could not be kept: {e}", account.name);
                }
                return Ok(Connection::Ready(Arc::new(client)));
            }
            Err(e) if is_login_refusal(&e) => refused = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(password) = password {
        match client.login(password, false) {
            Ok(()) => return Ok(Connection::Ready(Arc::new(client))),
            Err(e) if is_login_refusal(&e) => refused = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    let why = refused.map_or(LoginNeeded::NoStoredLogin, LoginNeeded::StoredLoginRefused);
    Ok(needs(client, why))
}

fn needs(client: CscClient, why: LoginNeeded) -> Connection {
    Connection::NeedsLogin { client: Arc::new(client), why }
}

fn same(a: &SecretString, b: &SecretString) -> bool {
    use secrecy::ExposeSecret;
    a.expose_secret() == b.expose_secret()
}

/// Whether a token-layer error is the service refusing a login (as opposed to a network fault).
fn is_login_refusal(e: &pecat_token::Error) -> bool {
    matches!(e, pecat_token::Error::Cloud { kind: CloudFailure::LoginRefused | CloudFailure::LoginRequired, .. })
}

/// Logs in to a configured account with its password and keeps the new login, as
/// [`add_account`] does; the account's credentials are listed again into `settings` (the caller
/// saves them).
pub fn login_account(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    name: &str,
    password: SecretString,
    options: &CscOptions,
) -> Result<AddedAccount> {
    let login = password.clone();
    relogin(settings, secrets, name, options, &mut |client| client.login(login.clone(), true), Some(password))
}

/// Logs in to a configured account in the browser, as [`add_account_oauth2`] does, and keeps the
/// new login as [`login_account`] does.
pub fn login_account_oauth2(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    name: &str,
    open: &mut dyn FnMut(&str) -> pecat_token::Result<()>,
    timeout: Duration,
    options: &CscOptions,
) -> Result<AddedAccount> {
    relogin(settings, secrets, name, options, &mut |client| client.login_oauth2(&mut *open, timeout), None)
}

fn relogin(
    settings: &mut Settings,
    secrets: Option<&SecretStore>,
    name: &str,
    options: &CscOptions,
    login: &mut dyn FnMut(&CscClient) -> pecat_token::Result<()>,
    password: Option<SecretString>,
) -> Result<AddedAccount> {
    let account = settings
        .account(AccountRef::Name(name))
        .cloned()
        .ok_or_else(|| Error::NoSuchAccount { name: name.to_owned() })?;
    let client = CscClient::connect(&account.url, &account.user, options)?.with_label(account.name.clone());
    login(&client)?;
    let credentials = client.signing_credentials()?;
    let remembered = remember(&account, secrets, &client, password);
    let kept =
        settings.account_mut(AccountRef::Name(name)).ok_or_else(|| Error::NoSuchAccount { name: name.into() })?;
    kept.api_version = Some(client.info().specs.clone());
    kept.credential_ids = Some(credentials.iter().map(|c| c.id.clone()).collect());
    let account = kept.clone();
    Ok(AddedAccount { account, client: Arc::new(client), credentials, remembered })
}

/// What removing an account did besides taking it out of the settings.
#[derive(Debug)]
pub struct RemovedAccount {
    /// The account removed.
    pub account: Account,
    /// Secrets deleted from the OS credential store, or why they could not be.
    pub secrets_deleted: Result<usize>,
}

/// Removes an account from `settings` (the caller saves them) and deletes its secrets from the
/// OS credential store. The service is not contacted: a refresh token the service still honours
/// can be revoked there by the user; it is no longer kept anywhere by Pecat.
pub fn remove_account(settings: &mut Settings, secrets: Option<&SecretStore>, name: &str) -> Result<RemovedAccount> {
    let account = settings
        .remove_account(AccountRef::Name(name))
        .ok_or_else(|| Error::NoSuchAccount { name: name.to_owned() })?;
    let secrets_deleted = match secrets {
        Some(s) => account.key().and_then(|k| s.delete_all(&k)),
        None => Err(Error::SecretStoreUnavailable { reason: "none was opened".into() }),
    };
    Ok(RemovedAccount { account, secrets_deleted })
}
