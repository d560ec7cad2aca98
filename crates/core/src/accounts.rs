//! Cloud signing accounts (CSC API services) as the settings file keeps them: where the service
//! is and who logs in there. Never a secret: passwords and refresh tokens live in the OS
//! credential store (see [`crate::SecretStore`]).

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::error::{Error, Result};
use crate::secrets::AccountKey;

/// One `[[accounts]]` entry of the settings file.
///
/// ```toml
/// [[accounts]]
/// name = "certSIGN Paperless"
/// url = "https://csc.example.ro/csc/v2/"
/// user = "ana@example.ro"
/// credential_ids = ["7a1f…"]   # optional: the credentials chosen for signing
/// api_version = "2.0.0.0"      # optional: what `info` answered last time
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// What the user calls it; unique among the accounts.
    pub name: String,
    /// The CSC service's base URL: HTTPS, or plain HTTP on a loopback address only.
    pub url: String,
    /// The user name the service knows.
    pub user: String,
    /// The credential ids chosen for signing; `None` until the user chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_ids: Option<Vec<String>>,
    /// The API version the service reported when last asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
}

impl Account {
    /// A new account with no credential chosen and no API version seen yet.
    pub fn new(name: impl Into<String>, url: impl Into<String>, user: impl Into<String>) -> Self {
        Self { name: name.into(), url: url.into(), user: user.into(), credential_ids: None, api_version: None }
    }

    /// Where this account's secrets are kept in the credential store.
    pub fn key(&self) -> Result<AccountKey> {
        AccountKey::new(&self.url, &self.user)
    }

    /// Checks the account alone and writes its URL in normal form (lower-case host, a path).
    pub(crate) fn normalise(&mut self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::BadAccount { name: self.name.clone(), problem: AccountProblem::EmptyName });
        }
        if self.name.trim().eq_ignore_ascii_case(crate::cloud::DEMO_LABEL) {
            return Err(Error::BadAccount { name: self.name.clone(), problem: AccountProblem::ReservedName });
        }
        if self.name.contains(':') {
            return Err(Error::BadAccount { name: self.name.clone(), problem: AccountProblem::ColonInName });
        }
        if self.user.is_empty() {
            return Err(Error::BadAccount { name: self.name.clone(), problem: AccountProblem::EmptyUser });
        }
        self.url = service_url(&self.url)?.into();
        Ok(())
    }
}

/// Which account: by its name, or by the service and user it logs in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRef<'a> {
    /// The account's [`Account::name`].
    Name(&'a str),
    /// The service URL (any spelling that normalises the same) and the user name.
    Login { url: &'a str, user: &'a str },
}

impl AccountRef<'_> {
    pub(crate) fn matches(&self, account: &Account) -> bool {
        match *self {
            AccountRef::Name(name) => account.name.eq_ignore_ascii_case(name),
            AccountRef::Login { url, user } => {
                let url = service_url(url).map(String::from).unwrap_or_else(|_| url.to_owned());
                account.url == url && account.user == user
            }
        }
    }
}

/// Why an account cannot be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountProblem {
    /// The name is empty.
    EmptyName,
    /// The user name is empty.
    EmptyUser,
    /// Another account has this name.
    NameTaken,
    /// Another account logs in to the same service as the same user.
    LoginTaken,
    /// The name is the built-in demo's (`demo`, in any case), which references must keep.
    ReservedName,
    /// The name holds a colon, which separates the account from the credential in `NAME:ID`.
    ColonInName,
}

impl std::fmt::Display for AccountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AccountProblem::EmptyName => "the name is empty",
            AccountProblem::EmptyUser => "the user name is empty",
            AccountProblem::NameTaken => "another account has this name",
            AccountProblem::LoginTaken => "another account logs in to this service as this user",
            AccountProblem::ReservedName => "\"demo\" names the built-in demo credential; choose another name",
            AccountProblem::ColonInName => "the name holds a colon, which separates account and credential",
        })
    }
}

/// Why a service URL is refused (plain HTTP off loopback has its own error,
/// [`Error::InsecureServiceUrl`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceUrlProblem {
    /// Not an absolute URL.
    NotAUrl,
    /// A scheme other than `https` (or `http` on loopback).
    NotHttp,
    /// A user name or password inside the URL: it would end up in the settings file.
    HasCredentials,
    /// No host name.
    NoHost,
}

impl std::fmt::Display for ServiceUrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ServiceUrlProblem::NotAUrl => "it is not an absolute URL",
            ServiceUrlProblem::NotHttp => "only https URLs are accepted",
            ServiceUrlProblem::HasCredentials => "it holds a user name or password",
            ServiceUrlProblem::NoHost => "it names no host",
        })
    }
}

/// Checks a cloud service URL and returns it in normal form. HTTPS is required, except on loopback
/// addresses (127.0.0.0/8, ::1, `localhost`), where plain HTTP reaches only this machine.
pub fn service_url(text: &str) -> Result<Url> {
    let bad = |url: String, problem| Error::BadServiceUrl { url, problem };
    let url = Url::parse(text.trim()).map_err(|_| bad(text.to_owned(), ServiceUrlProblem::NotAUrl))?;
    if !url.username().is_empty() || url.password().is_some() {
        // The URL is echoed without its user information: that may be a password.
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(bad(shown.into(), ServiceUrlProblem::HasCredentials));
    }
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return Err(bad(url.into(), ServiceUrlProblem::NotHttp)),
    };
    let Some(host) = url.host() else {
        return Err(bad(url.into(), ServiceUrlProblem::NoHost));
    };
    if https || is_loopback(&host) { Ok(url) } else { Err(Error::InsecureServiceUrl { url: url.into() }) }
}

/// 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and `localhost`.
fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.trim_end_matches('.').eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://csc.example.ro/csc/v2",
            "HTTPS://CSC.Example.ro",
            "http://127.0.0.1:8080/",
            "http://127.9.8.7/",
            "http://[::1]:3000/csc",
            "http://localhost:3000",
            "http://LocalHost./",
            "http://[::ffff:127.0.0.1]/",
        ] {
            assert!(service_url(ok).is_ok(), "{ok}");
        }
        assert_eq!(service_url("HTTPS://CSC.Example.ro").unwrap().as_str(), "https://csc.example.ro/");
        for insecure in [
            "http://csc.example.ro/",
            "http://10.0.0.1/",
            "http://128.0.0.1/",
            "http://[::2]/",
            "http://localhost.example/",
        ] {
            assert!(matches!(service_url(insecure), Err(Error::InsecureServiceUrl { .. })), "{insecure}");
        }
        let problem = |t| match service_url(t) {
            Err(Error::BadServiceUrl { problem, .. }) => Some(problem),
            _ => None,
        };
        assert_eq!(problem("csc.example.ro"), Some(ServiceUrlProblem::NotAUrl));
        assert_eq!(problem("ftp://csc.example.ro/"), Some(ServiceUrlProblem::NotHttp));
        assert_eq!(problem("file:///etc/passwd"), Some(ServiceUrlProblem::NotHttp));
        assert_eq!(problem("https://ana:hunter2@csc.example.ro/"), Some(ServiceUrlProblem::HasCredentials));
    }

    #[test]
    fn a_url_with_a_password_is_not_echoed() {
        let err = service_url("https://ana:hunter2@csc.example.ro/").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
    }

    #[test]
    fn login_refs_compare_normalised_urls() {
        let mut a = Account::new("Work", "HTTPS://CSC.Example.ro", "ana");
        a.normalise().unwrap();
        assert!(AccountRef::Login { url: "https://csc.example.ro/", user: "ana" }.matches(&a));
        assert!(AccountRef::Login { url: "https://csc.EXAMPLE.ro", user: "ana" }.matches(&a));
        assert!(!AccountRef::Login { url: "https://csc.example.ro/", user: "Ana" }.matches(&a));
        assert!(AccountRef::Name("Work").matches(&a));
    }
}
