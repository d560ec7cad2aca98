//! A Cloud Signature Consortium API client (CSC API v1.0.4.0 and v2.0) that is a
//! [`CredentialStore`](crate::CredentialStore): log in, list credentials, authorise digests with
//! a PIN and a one-time code into a SAD, sign them with `signatures/signHash` in batches.
//!
//! One file per concern: [`http`] (transport, timeouts, retries, transport errors), [`api`]
//! (the JSON of both versions), [`refusal`] (the specification's errors read as typed outcomes),
//! [`ecdsa`] (DER signatures to `r ‖ s`), [`store`] (the client and the store), [`oauth`] (the
//! browser login: OAuth 2.0 authorization code with PKCE and a loopback redirect).

mod api;
mod ecdsa;
mod http;
mod oauth;
mod refusal;
mod store;
mod transaction;

use std::time::Duration;

pub use store::CscClient;

/// Which CSC API version a service speaks (from `specs` of `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApiVersion {
    /// v1.0.4.0 (and other 1.0.x): `PIN`/`OTP` fields, `hash`, `credentials/sendOTP`.
    V1,
    /// v2.x: `authData`, `hashes`, `hashAlgorithmOID`, `credentials/extendTransaction`.
    V2,
}

/// What `info` says about a service (CSC v2 §11.1, v1.0.4.0 §11.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServiceInfo {
    /// `specs`, as the service wrote it.
    pub specs: String,
    /// The version read from `specs`.
    pub version: ApiVersion,
    /// `name`.
    pub name: String,
    /// `authType`: empty when the service needs no login.
    pub auth_types: Vec<String>,
    /// `methods`: what the service offers.
    pub methods: Vec<String>,
    /// `oauth2`: the base URI of the OAuth 2.0 authorization server, when the service has one.
    pub oauth2: Option<String>,
}

impl ServiceInfo {
    /// Whether the service offers `method` (a service that lists none is taken to offer all).
    pub fn offers(&self, method: &str) -> bool {
        self.methods.is_empty() || self.methods.iter().any(|m| m == method)
    }

    /// Whether accounts log in with HTTP Basic (`authType` has "basic").
    pub fn basic_login(&self) -> bool {
        self.auth_types.iter().any(|t| t.eq_ignore_ascii_case("basic"))
    }

    /// Whether accounts can log in in the browser (`authType` has "oauth2code" and `oauth2`
    /// names the authorization server): [`CscClient::login_oauth2`].
    pub fn oauth2_login(&self) -> bool {
        self.oauth2.is_some() && self.auth_types.iter().any(|t| t.eq_ignore_ascii_case("oauth2code"))
    }
}

/// How the client talks to a service.
#[derive(Debug, Clone)]
pub struct CscOptions {
    /// The longest a connection (TCP and TLS) may take.
    pub connect_timeout: Duration,
    /// The longest one request may take, answer included.
    pub timeout: Duration,
    /// Certificates (DER) to trust for the service's TLS instead of the system's, for a
    /// service with a private CA (empty: the operating system's trust store decides).
    pub extra_roots: Vec<Vec<u8>>,
}

impl Default for CscOptions {
    fn default() -> Self {
        Self { connect_timeout: Duration::from_secs(10), timeout: Duration::from_secs(30), extra_roots: Vec::new() }
    }
}
