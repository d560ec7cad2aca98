//! The token seam: one trait for every credential store (PKCS#11 today, cloud later), the
//! information it gives, and the pairing of certificates with their keys into credentials.

use std::fmt;
use std::path::PathBuf;

use pecat_pki::{Certificate, PublicKeyMaterial};

use secrecy::SecretString;

use crate::error::Result;
use crate::keys::{GeneratedKey, ImportReport, ImportRequest, KeySpec};
use crate::pin::{PinOptions, PinOutcome, PinStatus};
use crate::registry::VendorProfile;
use crate::store::CredentialStore;

/// A token's stable identity: the module and the token's serial number, never the slot number
/// (modules renumber slots).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct TokenId {
    /// The module's path.
    pub module: PathBuf,
    /// `CK_TOKEN_INFO.serialNumber`.
    pub serial: String,
}

impl fmt::Display for TokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.serial)
    }
}

/// Token flags that matter to Pecat (`CK_TOKEN_INFO.flags`, PKCS#11 v2.40 §3.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[allow(clippy::struct_excessive_bools)]
pub struct TokenFlags {
    pub token_initialized: bool,
    pub login_required: bool,
    pub write_protected: bool,
    pub protected_authentication_path: bool,
    pub user_pin_initialized: bool,
    pub user_pin_count_low: bool,
    pub user_pin_final_try: bool,
    pub user_pin_locked: bool,
    pub user_pin_to_be_changed: bool,
    pub so_pin_count_low: bool,
    pub so_pin_final_try: bool,
    pub so_pin_locked: bool,
    pub so_pin_to_be_changed: bool,
}

/// The PIN lengths a token accepts (`ulMinPinLen`, `ulMaxPinLen`); `max` is `None` when the
/// token does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PinLength {
    /// Shortest.
    pub min: usize,
    /// Longest, when known.
    pub max: Option<usize>,
}

/// What a token says about itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    /// Stable identity.
    pub id: TokenId,
    /// Token label.
    pub label: String,
    /// Manufacturer.
    pub manufacturer: String,
    /// Model.
    pub model: String,
    /// Serial number.
    pub serial: String,
    /// Firmware version `major.minor`.
    pub firmware: String,
    /// Hardware version `major.minor`.
    pub hardware: String,
    /// The slot (reader) description.
    pub slot_description: String,
    /// The slot number now (not stable).
    pub slot: u64,
    /// Flags.
    pub flags: TokenFlags,
    /// PIN length the token accepts.
    pub pin_length: PinLength,
    /// Human name of the module.
    pub module_name: String,
}

/// A certificate object on a token.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CertificateObject {
    /// `CKA_ID`, hex.
    pub id: String,
    /// `CKA_LABEL`.
    pub label: String,
    /// The parsed certificate; `None` when the value could not be parsed.
    #[serde(skip)]
    pub certificate: Option<Certificate>,
    /// Why the value could not be parsed.
    pub error: Option<String>,
}

impl CertificateObject {
    /// True for a CA certificate (basicConstraints cA).
    pub fn is_ca(&self) -> bool {
        self.certificate.as_ref().is_some_and(|c| c.summary().is_ca)
    }
}

/// Key object classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyClass {
    /// `CKO_PRIVATE_KEY`.
    Private,
    /// `CKO_PUBLIC_KEY`.
    Public,
}

/// A key object on a token.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyObject {
    /// `CKA_ID`, hex.
    pub id: String,
    /// `CKA_LABEL`.
    pub label: String,
    /// Private or public.
    pub class: KeyClass,
    /// `RSA-2048`, `EC P-256`, …
    pub algorithm: String,
    /// `CKA_SIGN` (private keys) or `CKA_VERIFY` (public keys).
    pub can_sign: Option<bool>,
    /// `CKA_ALWAYS_AUTHENTICATE`: every signature needs the PIN again.
    pub always_authenticate: Option<bool>,
    /// Public key material, to pair by value.
    #[serde(skip)]
    pub public_key: Option<PublicKeyMaterial>,
}

/// Everything readable on a token without logging in (private objects appear after login).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TokenObjects {
    /// Certificate objects.
    pub certificates: Vec<CertificateObject>,
    /// Key objects.
    pub keys: Vec<KeyObject>,
}

/// How a certificate was matched with its key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Pairing {
    /// Same `CKA_ID` as a private key.
    PrivateKeyId { key_id: String, key_label: String },
    /// Same `CKA_ID` as a public key; the private key is a private object, seen after login.
    PublicKeyId { key_id: String, key_label: String },
    /// No `CKA_ID` match, but a key holds the certificate's public key.
    PublicKeyValue { key_id: String, key_label: String, class: KeyClass },
    /// No key found for this certificate.
    None,
}

impl Pairing {
    /// The key's `CKA_ID`, when paired.
    pub fn key_id(&self) -> Option<&str> {
        match self {
            Self::PrivateKeyId { key_id, .. }
            | Self::PublicKeyId { key_id, .. }
            | Self::PublicKeyValue { key_id, .. } => Some(key_id),
            Self::None => None,
        }
    }
}

/// A certificate with the key that signs for it.
#[derive(Debug, Clone)]
pub struct Credential {
    /// The certificate object.
    pub certificate: CertificateObject,
    /// Its key.
    pub pairing: Pairing,
}

/// Pairs every non-CA certificate with its key: same `CKA_ID` first (private key, then public),
/// then the same public key value.
pub fn pair(objects: &TokenObjects) -> Vec<Credential> {
    objects
        .certificates
        .iter()
        .filter(|c| !c.is_ca())
        .map(|c| Credential { certificate: c.clone(), pairing: pairing_of(c, &objects.keys) })
        .collect()
}

fn pairing_of(cert: &CertificateObject, keys: &[KeyObject]) -> Pairing {
    let by_id = |class| keys.iter().find(|k| k.class == class && !cert.id.is_empty() && k.id == cert.id);
    if let Some(k) = by_id(KeyClass::Private) {
        return Pairing::PrivateKeyId { key_id: k.id.clone(), key_label: k.label.clone() };
    }
    if let Some(k) = by_id(KeyClass::Public) {
        return Pairing::PublicKeyId { key_id: k.id.clone(), key_label: k.label.clone() };
    }
    let Some(material) = cert.certificate.as_ref().map(Certificate::public_key) else {
        return Pairing::None;
    };
    if *material == PublicKeyMaterial::Other {
        return Pairing::None;
    }
    let mut matches: Vec<&KeyObject> = keys.iter().filter(|k| k.public_key.as_ref() == Some(material)).collect();
    matches.sort_by_key(|k| k.class != KeyClass::Private);
    match matches.first() {
        Some(k) => Pairing::PublicKeyValue { key_id: k.id.clone(), key_label: k.label.clone(), class: k.class },
        None => Pairing::None,
    }
}

/// PIN and PUK management: a capability of hardware tokens (a cloud store has none).
pub trait PinManagement: Send + Sync {
    /// The vendor profile in force (what "PUK" means, PIN rules, who unblocks).
    fn profile(&self) -> &VendorProfile;
    /// PIN and PUK state now.
    fn pin_status(&self) -> Result<PinStatus>;
    /// Checks the user PIN (log in, log out).
    fn verify_pin(&self, pin: &SecretString, options: PinOptions) -> Result<PinOutcome<()>>;
    /// Changes the user PIN (`C_SetPIN`).
    fn change_pin(&self, old: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>>;
    /// Sets a new user PIN with the PUK (on most tokens: SO login + `C_InitPIN`).
    fn unblock_pin(&self, puk: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>>;
    /// Changes the PUK / SO PIN (SO login + `C_SetPIN`).
    fn change_puk(&self, old: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>>;
}

/// Key generation and certificate management: a capability of hardware tokens.
pub trait KeyManagement: Send + Sync {
    /// Certificates and keys visible without login.
    fn objects(&self) -> Result<TokenObjects>;
    /// The key pairs this store can generate.
    fn key_specs(&self) -> Result<Vec<KeySpec>>;
    /// Generates a key pair (private key sensitive, never extractable) under a new unique
    /// `CKA_ID`. Unsupported choices are refused before anything is asked of the token.
    fn generate_key(
        &self,
        spec: KeySpec,
        label: &str,
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<GeneratedKey>>;
    /// The public key of key `key_id` (hex), for a certificate request.
    fn public_key(&self, key_id: &str) -> Result<pecat_pki::CsrKey>;
    /// Stores an issued certificate next to its key, reads it back, then removes what it replaces.
    fn import_certificate(
        &self,
        request: &ImportRequest,
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<ImportReport>>;
}

/// A hardware token: a credential store with PIN and key management, and what PKCS#11 tells.
/// Implementations run blocking work on their own thread; no method prompts — one that needs a
/// PIN returns an outcome saying so.
pub trait Token: CredentialStore + PinManagement + KeyManagement + fmt::Debug {
    /// Stable identity.
    fn id(&self) -> &TokenId;
    /// Reads the token information again.
    fn info(&self) -> Result<TokenInfo>;
    /// Token information and PIN state together; backends that get both from one device
    /// call (PKCS#11 `C_GetTokenInfo`) override it to ask the device once.
    fn info_and_pins(&self) -> Result<(TokenInfo, PinStatus)> {
        Ok((self.info()?, self.pin_status()?))
    }
    /// Certificates paired with their keys, as objects.
    fn credentials(&self) -> Result<Vec<Credential>> {
        Ok(pair(&self.objects()?))
    }
    /// Signs a digest with the private key whose `CKA_ID` is `key_id` (hex), logging in with
    /// `pin` (and again, context-specific, for keys with `CKA_ALWAYS_AUTHENTICATE`). RSA returns
    /// the PKCS#1 v1.5 signature; ECDSA returns `r ‖ s`.
    fn sign_digest(
        &self,
        key_id: &str,
        algorithm: SignAlgorithm,
        digest: &[u8],
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<Vec<u8>>> {
        let outcome = self.sign_digests(key_id, algorithm, &[digest.to_vec()], pin, options)?;
        Ok(outcome.map(|signatures| signatures.into_iter().next().unwrap_or_default()))
    }

    /// Signs many digests under one login (one PIN entry).
    fn sign_digests(
        &self,
        key_id: &str,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<Vec<Vec<u8>>>>;

    /// Refuses a key pair this token cannot generate, saying what it offers.
    fn require_key_spec(&self, spec: KeySpec) -> Result<()> {
        let offered = self.key_specs()?;
        if offered.contains(&spec) {
            return Ok(());
        }
        let names: Vec<&str> = offered.iter().map(|s| s.name()).collect();
        Err(crate::error::Error::Unsupported {
            what: format!(
                "token {} cannot generate {spec} keys (it offers: {})",
                self.id(),
                if names.is_empty() { "none".to_owned() } else { names.join(", ") }
            ),
        })
    }
}

/// Digest algorithms for signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum HashAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlgorithm {
    /// Digest length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// The DER `DigestInfo` prefix before the digest (RFC 8017 §9.2, note 1).
    pub fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            Self::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
                0x04, 0x20,
            ],
            Self::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
                0x04, 0x30,
            ],
            Self::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
                0x04, 0x40,
            ],
        }
    }
}

/// How to sign a digest. Hashing happens on the host, so modules without combined mechanisms
/// (SoftHSM2 lacks `CKM_ECDSA_SHA256`) work: `CKM_RSA_PKCS` over a DigestInfo, `CKM_ECDSA` over
/// the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SignAlgorithm {
    /// RSASSA-PKCS1-v1_5 with the given digest.
    RsaPkcs1(HashAlgorithm),
    /// ECDSA over a digest of this algorithm.
    Ecdsa(HashAlgorithm),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, class: KeyClass, modulus: Option<&[u8]>) -> KeyObject {
        KeyObject {
            id: id.into(),
            label: format!("k{id}"),
            class,
            algorithm: "RSA-2048".into(),
            can_sign: Some(true),
            always_authenticate: None,
            public_key: modulus.map(|m| PublicKeyMaterial::Rsa { modulus: m.to_vec() }),
        }
    }

    fn cert(id: &str) -> CertificateObject {
        CertificateObject { id: id.into(), label: "c".into(), certificate: None, error: None }
    }

    #[test]
    fn private_key_id_wins_over_public() {
        let keys = vec![key("01", KeyClass::Public, None), key("01", KeyClass::Private, None)];
        assert!(matches!(pairing_of(&cert("01"), &keys), Pairing::PrivateKeyId { .. }));
        assert!(matches!(pairing_of(&cert("01"), &keys[..1]), Pairing::PublicKeyId { .. }));
        assert_eq!(pairing_of(&cert("02"), &keys), Pairing::None);
        assert_eq!(pairing_of(&cert(""), &[key("", KeyClass::Private, None)]), Pairing::None);
    }
}
