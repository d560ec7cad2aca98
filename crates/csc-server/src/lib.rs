//! Pecat's own Cloud Signature Consortium service: CSC API v2.0.0.0 under `/csc/v2/` and
//! v1.0.4.0 under `/csc/v1/`, over HTTP (HTTPS with the `tls` feature). It is the demo cloud
//! token the app embeds, a development server, and the peer the cloud client is tested against.
//!
//! - Accounts log in with HTTP Basic (`auth/login`, `rememberMe` gives a refresh token that a
//!   later `auth/login` exchanges); bearer tokens expire and can be revoked (`auth/revoke`).
//!   Passwords and PINs are kept as Argon2id hashes.
//! - With [`Config::oauth2`], accounts can also log in in the browser: OAuth 2.0 authorization
//!   code with PKCE (S256) and a loopback `redirect_uri` ([`api::oauth`]; `info` then says
//!   "oauth2code" and gives the `oauth2` URI).
//! - Credentials hold a key and a certificate chain; authorisation (`credentials/authorize`)
//!   wants the PIN and a one-time code: TOTP (RFC 6238, see [`totp`]) or, in v1, a code that
//!   `credentials/sendOTP` hands to an [`OtpSink`]. The SAD it returns expires, counts down
//!   `numSignatures` and, under SCAL2, signs only the hashes it was issued for.
//! - Too many wrong PINs or codes lock the credential; counters and locks live in a JSON state
//!   file, so a restart does not reset them.
//! - `signatures/signHash` signs many hashes per call. ECDSA signatures are returned as DER
//!   `ECDSA-Sig-Value` (what most providers return), RSA ones as PKCS#1 v1.5 over the digest.
//!   Hashes are read as standard base64 or base64url; certificates and signatures are written
//!   as standard base64.
//!
//! Keys are in memory ([`P256Key`], [`RsaKey`]) behind the [`CredentialKey`] trait. A key
//! kept on a PKCS#11 token (through pecat-token's `CredentialStore`) can implement that trait
//! later; that backing is not written yet.
//!
//! ```no_run
//! # fn main() -> pecat_csc_server::Result<()> {
//! use std::sync::Arc;
//! use pecat_csc_server::{Config, Credential, DemoCa, HashCost, OtpMethod, P256Key, PasswordHash, Server, TotpSecret, User};
//! use secrecy::SecretString;
//!
//! let ca = DemoCa::new()?;
//! let key = Arc::new(P256Key::generate().expect("random"));
//! let password = PasswordHash::new(&SecretString::from("demo"), HashCost::Light).expect("hash");
//! let pin = PasswordHash::new(&SecretString::from("1234"), HashCost::Light).expect("hash");
//! let totp = TotpSecret::generate().expect("random");
//! let mut config = Config::default();
//! config.users.push(User { name: "demo".into(), password });
//! config.credentials.push(
//!     Credential::demo("demo-1", "demo", "Demo User", key, &ca)?.with_pin(pin).with_otp(OtpMethod::Totp(totp.clone())),
//! );
//! let server = Server::start(config)?;
//! println!("{} — code now: {}", server.base_url(), totp.current_code().as_str());
//! # Ok(()) }
//! ```

pub mod algo;
pub mod api;
mod ca;
pub mod clock;
pub mod config;
mod error;
pub mod key;
mod password;
mod server;
mod service;
mod state;
#[cfg(feature = "tls")]
mod tls;
pub mod totp;

pub use ca::DemoCa;
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{
    Config, Credential, DiscardSink, FnSink, Limits, OtpDelivery, OtpMethod, OtpSink, Scal, ServiceInfo, TlsConfig,
    User,
};
pub use error::{Error, Result};
pub use key::{CredentialKey, KeyError, KeyKind, P256Key, RsaKey, read_private_key};
pub use password::{HashCost, PasswordError, PasswordHash};
pub use server::{RunningServer, Server};
pub use state::CredentialState;
pub use totp::{TotpSecret, totp_code};
