//! Key generation and certificate import: the types the token trait speaks for renewal.

use std::fmt;

use pecat_pki::Certificate;

use crate::token::{HashAlgorithm, SignAlgorithm};

/// A key pair Pecat can generate on a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySpec {
    /// RSA 2048 bits.
    Rsa2048,
    /// RSA 3072 bits.
    Rsa3072,
    /// RSA 4096 bits.
    Rsa4096,
    /// EC on NIST P-256.
    P256,
    /// EC on NIST P-384.
    P384,
}

impl KeySpec {
    /// Every choice, in the order offered.
    pub const ALL: [KeySpec; 5] = [Self::Rsa2048, Self::Rsa3072, Self::Rsa4096, Self::P256, Self::P384];

    /// The CLI name (`rsa2048`, `p256`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Rsa2048 => "rsa2048",
            Self::Rsa3072 => "rsa3072",
            Self::Rsa4096 => "rsa4096",
            Self::P256 => "p256",
            Self::P384 => "p384",
        }
    }

    /// Parses a CLI name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(name))
    }

    /// Key size in bits.
    pub fn bits(self) -> usize {
        match self {
            Self::Rsa2048 => 2048,
            Self::Rsa3072 => 3072,
            Self::Rsa4096 => 4096,
            Self::P256 => 256,
            Self::P384 => 384,
        }
    }

    /// RSA (else EC).
    pub fn is_rsa(self) -> bool {
        matches!(self, Self::Rsa2048 | Self::Rsa3072 | Self::Rsa4096)
    }

    /// How certificate requests and signatures are made with such a key: SHA-256, SHA-384 for P-384.
    pub fn sign_algorithm(self) -> SignAlgorithm {
        match self {
            Self::Rsa2048 | Self::Rsa3072 | Self::Rsa4096 => SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
            Self::P256 => SignAlgorithm::Ecdsa(HashAlgorithm::Sha256),
            Self::P384 => SignAlgorithm::Ecdsa(HashAlgorithm::Sha384),
        }
    }

    /// The spec of an existing certificate's key, to renew with the same algorithm.
    pub fn of_certificate(cert: &Certificate) -> Option<Self> {
        match &cert.summary().key {
            pecat_pki::KeyAlgorithm::Rsa { bits } => match bits {
                0..=2048 => Some(Self::Rsa2048),
                2049..=3072 => Some(Self::Rsa3072),
                _ => Some(Self::Rsa4096),
            },
            pecat_pki::KeyAlgorithm::Ec { curve, .. } if curve == "P-256" => Some(Self::P256),
            pecat_pki::KeyAlgorithm::Ec { curve, .. } if curve == "P-384" => Some(Self::P384),
            _ => None,
        }
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_algorithms() {
        for s in KeySpec::ALL {
            assert_eq!(KeySpec::parse(s.name()), Some(s));
        }
        assert_eq!(KeySpec::parse("P384"), Some(KeySpec::P384));
        assert_eq!(KeySpec::parse("ed25519"), None);
        assert_eq!(KeySpec::P384.sign_algorithm(), SignAlgorithm::Ecdsa(HashAlgorithm::Sha384));
        assert_eq!(KeySpec::Rsa3072.sign_algorithm(), SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256));
    }
}

/// A key pair just made on a token.
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    /// `CKA_ID`, hex, shared by both halves.
    pub id: String,
    /// `CKA_LABEL`.
    pub label: String,
    /// What was generated.
    pub spec: KeySpec,
    /// The public key, as a request needs it.
    pub public_key: pecat_pki::CsrKey,
}

/// What to load onto a token.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The issued certificate; its key must be on the token.
    pub certificate: Certificate,
    /// `CKA_LABEL` for it (default: the key's label).
    pub label: Option<String>,
    /// Issuing CA certificates to store as well.
    pub ca_certificates: Vec<Certificate>,
    /// `CKA_ID` of an old certificate to remove once the new one is stored and read back.
    pub replace: Option<String>,
    /// Also remove the old certificate's key pair (only with `replace`).
    pub delete_old_key: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// `CKA_ID` the certificate was stored under (its key's).
    pub id: String,
    /// `CKA_LABEL` it got.
    pub label: String,
    /// CA certificates added (already present ones are skipped).
    pub ca_added: usize,
    /// Old certificate objects removed.
    pub replaced: usize,
    /// Old key objects removed.
    pub old_key_objects_removed: usize,
}
