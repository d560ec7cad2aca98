//! Serialisable views of tokens and certificates: what the CLI prints (and emits as JSON) and
//! what the GUI shows.

use std::time::SystemTime;

use pecat_pki::{CertSummary, Certificate, ChainEnd, ExpiryStatus, build_chain};
use pecat_token::{CertificateObject, KeyObject, Pairing, PinStatus, Token, TokenInfo, TokenObjects, pair};

use crate::error::Result;

/// A token with its PIN state and the profile in force.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TokenView {
    /// Token information.
    #[serde(flatten)]
    pub info: TokenInfo,
    /// PIN and PUK state.
    pub pins: PinStatus,
    /// Vendor profile name.
    pub profile: String,
    /// Device behaviour worth knowing.
    pub quirks: Vec<String>,
    /// For the second token of a two-PIN device (SafeNet 5110 CC): what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Reads a token's view.
pub fn token_view(token: &dyn Token) -> Result<TokenView> {
    let (info, pins) = token.info_and_pins()?;
    let profile = token.profile();
    let role = profile.second_token_role(&info.label, &info.slot_description).map(str::to_owned);
    Ok(TokenView { info, pins, profile: profile.name.clone(), quirks: profile.quirks.clone(), role })
}

/// The key a certificate pairs with.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeyView {
    /// How it was paired.
    #[serde(flatten)]
    pub pairing: Pairing,
    /// The key's algorithm, when the key object is visible.
    pub algorithm: Option<String>,
    /// Every signature needs the PIN again (`CKA_ALWAYS_AUTHENTICATE`).
    pub always_authenticate: Option<bool>,
}

/// One link of a chain.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChainLink {
    /// Subject.
    pub subject: String,
    /// Serial, hex.
    pub serial: String,
    /// `notAfter`, ISO 8601.
    pub not_after: String,
    /// SHA-256 fingerprint.
    pub sha256: String,
}

/// A certificate's chain as far as it could be built.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChainView {
    /// Leaf first.
    pub certificates: Vec<ChainLink>,
    /// How it ends.
    pub end: ChainEnd,
}

/// A certificate as shown to a person or a script.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CertificateView {
    /// `CKA_ID`, hex (empty for a file).
    pub id: String,
    /// `CKA_LABEL` (or the file name).
    pub label: String,
    /// Summary; absent when the object holds no readable certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertSummary>,
    /// Validity at the time of the view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<ExpiryStatus>,
    /// The key it pairs with (token certificates that are not CA certificates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<KeyView>,
    /// The chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<ChainView>,
    /// Why the object could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Builds the view of one certificate. `pool` supplies issuers for the chain.
pub fn certificate_view(
    object: &CertificateObject,
    key: Option<KeyView>,
    pool: &[Certificate],
    now: SystemTime,
) -> CertificateView {
    let cert = object.certificate.as_ref();
    CertificateView {
        id: object.id.clone(),
        label: object.label.clone(),
        certificate: cert.map(|c| c.summary().clone()),
        expiry: cert.map(|c| c.expiry_at(now)),
        key,
        chain: cert.map(|c| chain_view(c, pool)),
        error: object.error.clone(),
    }
}

fn chain_view(cert: &Certificate, pool: &[Certificate]) -> ChainView {
    let chain = build_chain(cert, pool);
    ChainView {
        certificates: chain
            .certificates
            .iter()
            .map(|c| {
                let s = c.summary();
                ChainLink {
                    subject: s.subject.clone(),
                    serial: s.serial.clone(),
                    not_after: s.not_after_iso.clone(),
                    sha256: s.sha256.clone(),
                }
            })
            .collect(),
        end: chain.end,
    }
}

/// Views of every certificate on a token, paired with keys; `extra` adds CA certificates the
/// user supplied for chain building.
pub fn token_certificates(objects: &TokenObjects, extra: &[Certificate], now: SystemTime) -> Vec<CertificateView> {
    let pool = chain_pool(objects, extra);
    let credentials = pair(objects);
    objects
        .certificates
        .iter()
        .map(|obj| {
            let key = credentials
                .iter()
                .find(|c| c.certificate.id == obj.id && c.certificate.label == obj.label)
                .map(|c| key_view(&c.pairing, &objects.keys));
            certificate_view(obj, key, &pool, now)
        })
        .collect()
}

/// Views of the certificates of a store's signing credentials (a cloud account's), each with
/// the chain the store gave plus the user's CA certificates.
pub fn credential_views(
    credentials: &[pecat_token::StoreCredential],
    extra: &[Certificate],
    now: SystemTime,
) -> Vec<CertificateView> {
    credentials
        .iter()
        .map(|c| {
            let object = CertificateObject {
                id: c.id.clone(),
                label: c.label.clone(),
                certificate: Some(c.certificate.clone()),
                error: None,
            };
            let pool: Vec<Certificate> = c.chain.iter().chain(extra).cloned().collect();
            certificate_view(&object, None, &pool, now)
        })
        .collect()
}

/// Every certificate on the token plus the user's, as issuer candidates.
pub fn chain_pool(objects: &TokenObjects, extra: &[Certificate]) -> Vec<Certificate> {
    objects.certificates.iter().filter_map(|c| c.certificate.clone()).chain(extra.iter().cloned()).collect()
}

fn key_view(pairing: &Pairing, keys: &[KeyObject]) -> KeyView {
    let key = pairing.key_id().and_then(|id| keys.iter().find(|k| k.id == id));
    KeyView {
        pairing: pairing.clone(),
        algorithm: key.map(|k| k.algorithm.clone()),
        always_authenticate: keys
            .iter()
            .filter(|k| Some(k.id.as_str()) == pairing.key_id())
            .find_map(|k| k.always_authenticate),
    }
}
