//! X.509 for Pecat: parse certificates from files and tokens, summarise them, tell their
//! qualified status and expiry, build chains and export them. Pure logic, no device I/O.

pub mod asn1;
mod cert;
mod chain;
mod csr;
mod error;
mod expiry;
mod export;
mod file;
mod name;
pub mod oid;
mod path;
mod pkcs7;
mod qualified;

pub use cert::{CertSummary, Certificate, KeyAlgorithm, KeyUsageFlags, PathFacts, PublicKeyMaterial};
pub use chain::{Chain, ChainEnd, build_chain};
pub use error::{Error, Result};
pub use expiry::{ExpiryStatus, RENEW_SOON_DAYS, RENEW_URGENT_DAYS};
pub use export::{CustomsPair, ExportFormat, encode, write_atomically, write_customs_pair};
pub use file::{MAX_CERTIFICATE_FILE, parse_certificates, read_limited};
pub use path::{AnchorInfo, AnchorSource, PathProblem, PathValidation, TrustAnchor, validate_path};

/// Formats a time as `YYYY-MM-DDThh:mm:ssZ`.
pub fn iso8601(t: std::time::SystemTime) -> String {
    cert::iso8601(expiry::unix_seconds(t))
}

/// Formats Unix seconds as `YYYY-MM-DDThh:mm:ssZ`.
pub fn iso8601_unix(unix: i64) -> String {
    cert::iso8601(unix)
}
pub use asn1::ecdsa_signature_der;
pub use csr::{Csr, CsrKey, CsrOptions, CsrSigner, build_csr, csr_subject, verify_csr};
pub use name::{NameAttribute, parse_dn};
pub use qualified::{QcType, QualifiedStatus};
