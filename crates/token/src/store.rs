//! The credential seam (DESIGN.md "The credential seam"): every credential store — a PKCS#11
//! token, a cloud signing account — lists its credentials and signs with them; PIN/PUK and key
//! management are capabilities a store may have. Authorisation is its own step, as in the CSC API
//! (v2 §11.6 `credentials/authorize`) and pyHanko's CSC signer: ask what a credential needs,
//! authorise N digests with typed secrets, then sign with the authorisation. Nothing prompts.

use std::fmt;
use std::path::PathBuf;
use std::time::SystemTime;

use pecat_pki::Certificate;
use secrecy::SecretString;

use crate::error::Result;
use crate::pin::{PinOptions, PinOutcome};
use crate::token::SignAlgorithm;

/// A store's stable identity, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StoreId {
    /// A PKCS#11 token: its module and serial number (never the slot, which modules renumber).
    Hardware { module: PathBuf, serial: String },
    /// A cloud signing account: the service's base URL and the account (user) name.
    Cloud { service: String, account: String },
}

impl StoreId {
    /// What a person types to name it: the serial, or `account@service-host`.
    pub fn reference(&self) -> String {
        match self {
            Self::Hardware { serial, .. } => serial.clone(),
            Self::Cloud { service, account } => {
                let host = service.split("://").nth(1).unwrap_or(service).split('/').next().unwrap_or(service);
                format!("{account}@{host}")
            }
        }
    }
}

impl fmt::Display for StoreId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reference())
    }
}

/// How a one-time code reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeDelivery {
    /// An authenticator app shows it (TOTP): nothing to request.
    AuthenticatorApp,
    /// Sent by SMS (or e-mail) once requested: call [`CredentialStore::request_code`] first.
    Sent,
}

/// What authorising a credential needs from the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AuthRequirement {
    /// Nothing (an implicit or already open authorisation).
    Nothing,
    /// A PIN typed into Pecat.
    Pin,
    /// The reader's own PIN pad asks (PKCS#11 `CKF_PROTECTED_AUTHENTICATION_PATH`).
    PinPad,
    /// A PIN and a one-time code.
    PinAndCode { delivery: CodeDelivery },
    /// A one-time code only.
    Code { delivery: CodeDelivery },
}

impl AuthRequirement {
    /// Whether the user types a PIN.
    pub fn needs_pin(self) -> bool {
        matches!(self, Self::Pin | Self::PinAndCode { .. })
    }

    /// Whether the user types a one-time code.
    pub fn needs_code(self) -> bool {
        matches!(self, Self::PinAndCode { .. } | Self::Code { .. })
    }
}

/// The secrets of one authorisation. Never printed: `Debug` says only which are present.
#[derive(Default)]
pub struct Secrets {
    /// The PIN or password of the credential.
    pub pin: Option<SecretString>,
    /// The one-time code.
    pub code: Option<SecretString>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secrets").field("pin", &self.pin.is_some()).field("code", &self.code.is_some()).finish()
    }
}

impl Secrets {
    /// Just a PIN.
    pub fn pin(pin: SecretString) -> Self {
        Self { pin: Some(pin), code: None }
    }
}

/// What a credential can do when signing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Capabilities {
    /// Signature algorithms the key can produce, preferred first.
    pub algorithms: Vec<SignAlgorithm>,
    /// The largest signature value in bytes (RSA modulus size; DER ECDSA), for sizing containers.
    pub signature_size: usize,
    /// The most digests one signing call accepts (`None`: no limit); batches are split by it.
    pub max_digests_per_call: Option<usize>,
    /// The most signatures one authorisation may cover (CSC `multisign`: `numSignatures` "SHALL
    /// NOT exceed" it, v2 §11.5); `None`: no limit. A larger batch is refused before any secret
    /// is asked or sent ([`crate::PinOutcome::TooManySignatures`]).
    pub max_signatures_per_authorisation: Option<usize>,
    /// Every signature needs the PIN again (`CKA_ALWAYS_AUTHENTICATE`, CSC SCAL2 one-per-hash).
    pub pin_per_signature: bool,
}

/// A certificate with the key that signs for it, as the store offers it.
#[derive(Debug, Clone)]
pub struct StoreCredential {
    /// Opaque id within the store (hardware: the key's `CKA_ID` in hex; cloud: `credentialID`).
    pub id: String,
    /// A name to show.
    pub label: String,
    /// The signing certificate.
    pub certificate: Certificate,
    /// Issuing CA certificates the store holds for it (leaf excluded).
    pub chain: Vec<Certificate>,
    /// What it can do.
    pub capabilities: Capabilities,
    /// What authorising it needs.
    pub requirement: AuthRequirement,
}

/// What an authorisation holds; secrets stay in secret types and out of `Debug`.
pub enum Grant {
    /// Hardware: the PIN goes to the slot's worker, which logs in, signs and logs out in one
    /// job — a PKCS#11 login is process-wide state of the slot, so it is never left open.
    Pin { pin: SecretString, options: PinOptions },
    /// Hardware with a PIN pad: the reader asks at signing time.
    PinPad { options: PinOptions },
    /// Cloud: the signature activation data the service issued.
    Sad(SecretString),
}

impl fmt::Debug for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pin { .. } => "Grant::Pin(…)",
            Self::PinPad { .. } => "Grant::PinPad",
            Self::Sad(_) => "Grant::Sad(…)",
        })
    }
}

/// Permission to sign given digests with one credential (CSC SCAL2 binds the SAD to them).
#[derive(Debug)]
pub struct Authorisation {
    /// The credential it is for.
    pub credential: String,
    /// The digests it may sign.
    pub digests: Vec<Vec<u8>>,
    /// When it stops being accepted (cloud SADs expire; hardware never).
    pub expires: Option<SystemTime>,
    /// What the store needs to sign.
    pub grant: Grant,
}

impl Authorisation {
    /// Whether `digests` were all authorised.
    pub fn covers(&self, digests: &[Vec<u8>]) -> bool {
        digests.iter().all(|d| self.digests.contains(d))
    }

    /// Refuses signing `digests` with `credential` unless this authorisation is for that
    /// credential and covers every digest (what a store checks before it signs).
    pub fn check(&self, credential: &StoreCredential, digests: &[Vec<u8>]) -> Result<()> {
        if self.credential != credential.id || !self.covers(digests) {
            return Err(crate::error::Error::NotAuthorised { credential: credential.id.clone() });
        }
        Ok(())
    }
}

/// A credential store: lists credentials, authorises, signs. Shared handle (`Send + Sync`);
/// every call may block on a device or the network, so front ends call it off their UI thread.
pub trait CredentialStore: Send + Sync + fmt::Debug {
    /// Stable identity.
    fn store_id(&self) -> StoreId;
    /// A name to show (token label, account display name).
    fn store_label(&self) -> String;
    /// The credentials it holds (certificates paired with signing keys).
    fn signing_credentials(&self) -> Result<Vec<StoreCredential>>;
    /// Asks the service to send a one-time code for `credential` ([`CodeDelivery::Sent`]).
    fn request_code(&self, credential: &StoreCredential) -> Result<PinOutcome<()>> {
        let _ = credential;
        Ok(PinOutcome::done(()))
    }
    /// Authorises signing `digests` with `credential`. Checks what can be checked without
    /// costing a try (locked, last try unconfirmed, empty PIN) before anything is sent.
    fn authorise(
        &self,
        credential: &StoreCredential,
        digests: &[Vec<u8>],
        secrets: Secrets,
        options: PinOptions,
    ) -> Result<PinOutcome<Authorisation>>;
    /// Signs `digests` (all covered by `authorisation`), one signature each, in order. RSA gives
    /// PKCS#1 v1.5 signatures, ECDSA gives `r ‖ s`.
    fn sign(
        &self,
        credential: &StoreCredential,
        authorisation: &Authorisation,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
    ) -> Result<PinOutcome<Vec<Vec<u8>>>>;
    /// PIN and PUK management, for stores that have it (hardware tokens).
    fn pin_management(&self) -> Option<&dyn crate::token::PinManagement> {
        None
    }
    /// Key generation and certificate import, for stores that have it (hardware tokens).
    fn key_management(&self) -> Option<&dyn crate::token::KeyManagement> {
        None
    }
}
