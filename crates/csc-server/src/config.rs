//! The service's configuration, built in code (tests, the in-process demo) or read from a TOML
//! file ([`file`]) by the `pecat-csc-server` binary.

pub mod file;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pecat_pki::Certificate;
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::ca::DemoCa;
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::key::CredentialKey;
use crate::password::PasswordHash;
use crate::totp::TotpSecret;

/// Everything the service needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port (the default is `127.0.0.1:0`).
    pub listen: SocketAddr,
    /// What `info` says about the service.
    pub service: ServiceInfo,
    /// Accounts that may log in.
    pub users: Vec<User>,
    /// Signing credentials, each owned by one user.
    pub credentials: Vec<Credential>,
    /// Sizes the service accepts.
    pub limits: Limits,
    /// Wrong PINs or codes (counted together, reset by a success) before a credential locks.
    pub lockout_after: u32,
    /// How long a SAD is accepted (`expiresIn`).
    pub sad_lifetime: Duration,
    /// How long an access token is accepted (`expires_in`).
    pub access_token_lifetime: Duration,
    /// How long a refresh token (`rememberMe`) is accepted.
    pub refresh_token_lifetime: Duration,
    /// How long a code sent by `credentials/sendOTP` is accepted.
    pub sent_code_lifetime: Duration,
    /// Accept a TOTP code again after it was used once. RFC 6238 §5.2 says not to; the demo may,
    /// so a person can sign twice within 30 seconds.
    pub allow_totp_reuse: bool,
    /// Where failure counters and locks are kept across restarts (`None`: in memory only).
    pub state_file: Option<PathBuf>,
    /// Where the service reads the time.
    pub clock: Arc<dyn Clock>,
    /// Where `credentials/sendOTP` delivers its codes.
    pub otp_sink: Arc<dyn OtpSink>,
    /// Serve HTTPS with this certificate and key instead of plain HTTP.
    pub tls: Option<TlsConfig>,
    /// Offer the OAuth 2.0 authorization code flow with PKCE (`authType` "oauth2code",
    /// `oauth2/authorize`, `oauth2/token`; CSC v2 §8.3.2, v1.0.4.0 §8.3.2) beside HTTP Basic.
    pub oauth2: bool,
    /// How long an authorization code from `oauth2/authorize` may be exchanged (RFC 6749 §4.1.2
    /// recommends at most 10 minutes).
    pub oauth2_code_lifetime: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            service: ServiceInfo::default(),
            users: Vec::new(),
            credentials: Vec::new(),
            limits: Limits::default(),
            lockout_after: 5,
            sad_lifetime: Duration::from_secs(300),
            access_token_lifetime: Duration::from_secs(3600),
            refresh_token_lifetime: Duration::from_secs(7 * 24 * 3600),
            sent_code_lifetime: Duration::from_secs(300),
            allow_totp_reuse: false,
            state_file: None,
            clock: Arc::new(SystemClock),
            otp_sink: Arc::new(DiscardSink),
            tls: None,
            oauth2: false,
            oauth2_code_lifetime: Duration::from_secs(60),
        }
    }
}

/// What `info` reports (CSC v2 §11.1).
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    /// `name`.
    pub name: String,
    /// `logo`: a URI.
    pub logo: String,
    /// `region`: ISO 3166-1 alpha-2.
    pub region: String,
    /// `lang`: RFC 5646 language of the service's texts.
    pub lang: String,
    /// `description`.
    pub description: String,
}

impl Default for ServiceInfo {
    fn default() -> Self {
        Self {
            name: "Pecat CSC service".into(),
            logo: String::new(),
            region: "RO".into(),
            lang: "en-US".into(),
            description: "Pecat's Cloud Signature Consortium API service (development and demo)".into(),
        }
    }
}

/// Request limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// The most hashes one request may carry, whatever a credential's `multisign` says.
    pub max_hashes_per_request: usize,
    /// The most `numSignatures` one authorisation may grant.
    pub max_signatures_per_sad: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_body_bytes: 1 << 20, max_hashes_per_request: 1000, max_signatures_per_sad: 1000 }
    }
}

/// An account.
#[derive(Debug, Clone)]
pub struct User {
    /// The login name (HTTP Basic user).
    pub name: String,
    /// Its password's hash.
    pub password: PasswordHash,
}

/// How a credential's one-time code reaches its holder.
#[derive(Debug, Clone)]
pub enum OtpMethod {
    /// TOTP from an authenticator app (v1 `OTP/type` "offline": no `sendOTP` needed).
    Totp(TotpSecret),
    /// A random code `credentials/sendOTP` sends through [`OtpSink`] (v1 `OTP/type` "online").
    Sent,
}

/// Sole Control Assurance Level (CSC v2 §8.3, EN 419 241-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scal {
    /// SCAL1: the SAD allows `numSignatures` signatures of any hashes.
    One,
    /// SCAL2: the SAD is bound to the hashes given at authorisation.
    #[default]
    Two,
}

/// A signing credential.
#[derive(Debug, Clone)]
pub struct Credential {
    /// `credentialID`.
    pub id: String,
    /// The user it belongs to.
    pub owner: String,
    /// `description`.
    pub description: String,
    /// The key that signs.
    pub key: Arc<dyn CredentialKey>,
    /// Certificates, leaf first.
    pub chain: Vec<Certificate>,
    /// Hash of the PIN authorisation needs (`None`: no PIN).
    pub pin: Option<PasswordHash>,
    /// The one-time code authorisation needs (`None`: no code).
    pub otp: Option<OtpMethod>,
    /// `SCAL`.
    pub scal: Scal,
    /// `multisign`: the most hashes one signHash call may sign.
    pub multisign: u32,
    /// `lang`.
    pub lang: String,
}

impl Credential {
    /// A credential for `key` with the given chain (DER, leaf first), SCAL2, no PIN, no code.
    pub fn new(
        id: impl Into<String>,
        owner: impl Into<String>,
        key: Arc<dyn CredentialKey>,
        chain_der: Vec<Vec<u8>>,
    ) -> Result<Self> {
        let id = id.into();
        let chain = chain_der
            .into_iter()
            .map(|der| Certificate::from_der(der, "credential certificate"))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| Error::Certificate { credential: id.clone(), source })?;
        Ok(Self {
            description: format!("Credential {id}"),
            id,
            owner: owner.into(),
            key,
            chain,
            pin: None,
            otp: None,
            scal: Scal::Two,
            multisign: 100,
            lang: "en-US".into(),
        })
    }

    /// A credential for `key` with a certificate issued by the throwaway `ca` for `holder`.
    pub fn demo(
        id: impl Into<String>,
        owner: impl Into<String>,
        holder: &str,
        key: Arc<dyn CredentialKey>,
        ca: &DemoCa,
    ) -> Result<Self> {
        let chain = ca.issue(&key.spki_der(), holder, 365)?;
        let mut credential = Self::new(id, owner, key, chain)?;
        credential.description = format!("{holder} (demo, not qualified)");
        Ok(credential)
    }

    /// Sets the PIN.
    pub fn with_pin(mut self, pin: PasswordHash) -> Self {
        self.pin = Some(pin);
        self
    }

    /// Sets the one-time code method.
    pub fn with_otp(mut self, otp: OtpMethod) -> Self {
        self.otp = Some(otp);
        self
    }

    /// Sets SCAL.
    pub fn with_scal(mut self, scal: Scal) -> Self {
        self.scal = scal;
        self
    }

    /// Sets `multisign`.
    pub fn with_multisign(mut self, multisign: u32) -> Self {
        self.multisign = multisign;
        self
    }

    /// The TOTP secret, if the credential uses TOTP.
    pub fn totp_secret(&self) -> Option<&TotpSecret> {
        match &self.otp {
            Some(OtpMethod::Totp(secret)) => Some(secret),
            _ => None,
        }
    }
}

/// A one-time code on its way to a credential's holder.
pub struct OtpDelivery<'a> {
    /// The credential it authorises.
    pub credential: &'a str,
    /// The user who holds it.
    pub user: &'a str,
    /// The code.
    pub code: &'a SecretString,
}

impl fmt::Debug for OtpDelivery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OtpDelivery").field("credential", &self.credential).field("user", &self.user).finish()
    }
}

/// Where sent codes go: an SMS gateway, a mailbox, a test's channel, the demo's window.
pub trait OtpSink: Send + Sync + fmt::Debug {
    /// Delivers one code. Must not block long; must never put the code in a response.
    fn deliver(&self, delivery: &OtpDelivery<'_>);
}

/// Drops codes with a warning: no delivery configured.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiscardSink;

impl OtpSink for DiscardSink {
    fn deliver(&self, delivery: &OtpDelivery<'_>) {
        log::warn!("no OTP delivery configured: code for credential {} dropped", delivery.credential);
    }
}

/// Delivers codes by calling a function.
pub struct FnSink<F>(pub F);

impl<F> fmt::Debug for FnSink<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnSink(…)")
    }
}

impl<F: Fn(&OtpDelivery<'_>) + Send + Sync> OtpSink for FnSink<F> {
    fn deliver(&self, delivery: &OtpDelivery<'_>) {
        (self.0)(delivery)
    }
}

/// The server's TLS identity, PEM.
#[derive(Clone)]
pub struct TlsConfig {
    /// Certificate chain, leaf first.
    pub certificate_chain_pem: Vec<u8>,
    /// Private key (PKCS#8, PKCS#1 or SEC1).
    pub private_key_pem: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConfig").finish_non_exhaustive()
    }
}

impl Config {
    /// Checks what can be checked before serving: unique ids, owners that exist, keys that
    /// match their certificates, limits that make sense.
    pub fn validate(&self) -> Result<()> {
        let problem = |what: &str, reason: &str| Error::Config { what: what.to_owned(), reason: reason.to_owned() };
        if self.lockout_after == 0 {
            return Err(problem("lockout_after", "must be at least 1"));
        }
        for (i, user) in self.users.iter().enumerate() {
            if user.name.is_empty() || user.name.contains(':') {
                return Err(problem(&format!("user {}", user.name), "names are non-empty and without ':'"));
            }
            if self.users[..i].iter().any(|u| u.name == user.name) {
                return Err(problem(&format!("user {}", user.name), "defined twice"));
            }
        }
        for (i, credential) in self.credentials.iter().enumerate() {
            let what = format!("credential {}", credential.id);
            if credential.id.is_empty() {
                return Err(problem(&what, "the id is empty"));
            }
            if self.credentials[..i].iter().any(|c| c.id == credential.id) {
                return Err(problem(&what, "defined twice"));
            }
            if !self.users.iter().any(|u| u.name == credential.owner) {
                return Err(problem(&what, &format!("owner {} is not a user", credential.owner)));
            }
            let Some(leaf) = credential.chain.first() else {
                return Err(problem(&what, "has no certificate"));
            };
            if leaf.spki_der() != credential.key.spki_der().as_slice() {
                return Err(problem(&what, "the certificate is not for this key"));
            }
            if credential.multisign == 0 {
                return Err(problem(&what, "multisign must be at least 1"));
            }
        }
        Ok(())
    }
}
