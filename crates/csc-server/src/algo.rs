//! Digest and signature algorithm OIDs of `signatures/signHash` (CSC API v2 §11.9, v1.0.4.0
//! §11.9): `hashAlgorithmOID`/`hashAlgo`, `signAlgo`, and what a key advertises in `key/algo`.

use crate::key::KeyKind;

/// A digest algorithm a hash may have been computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-256, `2.16.840.1.101.3.4.2.1` (RFC 5754).
    Sha256,
    /// SHA-384, `2.16.840.1.101.3.4.2.2`.
    Sha384,
    /// SHA-512, `2.16.840.1.101.3.4.2.3`.
    Sha512,
}

impl HashAlgorithm {
    /// Its OID in dotted form.
    pub fn oid(self) -> &'static str {
        match self {
            Self::Sha256 => "2.16.840.1.101.3.4.2.1",
            Self::Sha384 => "2.16.840.1.101.3.4.2.2",
            Self::Sha512 => "2.16.840.1.101.3.4.2.3",
        }
    }

    /// The algorithm an OID names, if supported.
    pub fn from_oid(oid: &str) -> Option<Self> {
        [Self::Sha256, Self::Sha384, Self::Sha512].into_iter().find(|h| h.oid() == oid)
    }

    /// Digest length in bytes.
    pub fn digest_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// The algorithm whose digests are `len` bytes long.
    pub fn from_digest_len(len: usize) -> Option<Self> {
        [Self::Sha256, Self::Sha384, Self::Sha512].into_iter().find(|h| h.digest_len() == len)
    }
}

/// `id-ecPublicKey` (RFC 5480), which some clients send as `signAlgo` for "ECDSA".
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
/// `rsaEncryption` (RFC 8017): PKCS#1 v1.5 with the digest named by `hashAlgo`.
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// The named curve P-256 (`secp256r1`, RFC 5480), for `key/curve`.
pub const CURVE_P256: &str = "1.2.840.10045.3.1.7";

const ECDSA_WITH: [(&str, HashAlgorithm); 3] = [
    ("1.2.840.10045.4.3.2", HashAlgorithm::Sha256),
    ("1.2.840.10045.4.3.3", HashAlgorithm::Sha384),
    ("1.2.840.10045.4.3.4", HashAlgorithm::Sha512),
];
const RSA_WITH: [(&str, HashAlgorithm); 3] = [
    ("1.2.840.113549.1.1.11", HashAlgorithm::Sha256),
    ("1.2.840.113549.1.1.12", HashAlgorithm::Sha384),
    ("1.2.840.113549.1.1.13", HashAlgorithm::Sha512),
];

/// The signature algorithm OIDs a key of `kind` accepts, for `key/algo`.
pub fn advertised(kind: KeyKind) -> Vec<&'static str> {
    match kind {
        KeyKind::EcP256 => ECDSA_WITH.iter().map(|(oid, _)| *oid).collect(),
        KeyKind::Rsa => std::iter::once(RSA_ENCRYPTION).chain(RSA_WITH.iter().map(|(oid, _)| *oid)).collect(),
    }
}

/// Why a `signAlgo`/`hashAlgo` pair cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlgorithmProblem {
    /// `signAlgo` is not an algorithm this service knows.
    UnknownSignAlgorithm,
    /// `signAlgo` does not fit the credential's key.
    WrongKeyType,
    /// `hashAlgo` is missing and `signAlgo` does not imply it.
    HashAlgorithmMissing,
    /// `hashAlgo` is not supported.
    UnknownHashAlgorithm,
    /// `hashAlgo` contradicts the digest `signAlgo` names.
    HashAlgorithmMismatch,
}

/// Resolves the digest algorithm a signHash call uses for a key of `kind` (v2 §11.9: the hash
/// algorithm may be omitted when `signAlgo` implies it).
pub fn resolve(kind: KeyKind, sign_algo: &str, hash_algo: Option<&str>) -> Result<HashAlgorithm, AlgorithmProblem> {
    let given = match hash_algo {
        Some(oid) => Some(HashAlgorithm::from_oid(oid).ok_or(AlgorithmProblem::UnknownHashAlgorithm)?),
        None => None,
    };
    let (key, implied) = if let Some((_, h)) = ECDSA_WITH.iter().find(|(oid, _)| *oid == sign_algo) {
        (KeyKind::EcP256, Some(*h))
    } else if let Some((_, h)) = RSA_WITH.iter().find(|(oid, _)| *oid == sign_algo) {
        (KeyKind::Rsa, Some(*h))
    } else if sign_algo == EC_PUBLIC_KEY {
        (KeyKind::EcP256, None)
    } else if sign_algo == RSA_ENCRYPTION {
        (KeyKind::Rsa, None)
    } else {
        return Err(AlgorithmProblem::UnknownSignAlgorithm);
    };
    if key != kind {
        return Err(AlgorithmProblem::WrongKeyType);
    }
    match (implied, given) {
        (Some(i), Some(g)) if i != g => Err(AlgorithmProblem::HashAlgorithmMismatch),
        (Some(h), _) | (None, Some(h)) => Ok(h),
        (None, None) => Err(AlgorithmProblem::HashAlgorithmMissing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_algorithm_implies_or_checks_the_digest() {
        assert_eq!(resolve(KeyKind::EcP256, "1.2.840.10045.4.3.2", None), Ok(HashAlgorithm::Sha256));
        assert_eq!(
            resolve(KeyKind::EcP256, "1.2.840.10045.4.3.2", Some(HashAlgorithm::Sha384.oid())),
            Err(AlgorithmProblem::HashAlgorithmMismatch)
        );
        assert_eq!(resolve(KeyKind::Rsa, RSA_ENCRYPTION, None), Err(AlgorithmProblem::HashAlgorithmMissing));
        assert_eq!(resolve(KeyKind::Rsa, RSA_ENCRYPTION, Some(HashAlgorithm::Sha512.oid())), Ok(HashAlgorithm::Sha512));
        assert_eq!(resolve(KeyKind::Rsa, "1.2.840.10045.4.3.2", None), Err(AlgorithmProblem::WrongKeyType));
        assert_eq!(resolve(KeyKind::Rsa, "1.2.3", None), Err(AlgorithmProblem::UnknownSignAlgorithm));
    }
}
