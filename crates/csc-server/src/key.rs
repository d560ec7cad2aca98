//! The signing key behind a credential, as a small trait: "sign this digest". In-memory P-256
//! and RSA keys implement it here; a key on a PKCS#11 token (through pecat-token's
//! `CredentialStore`) can implement it the same way — not done yet.

use std::fmt;

use p256::ecdsa::signature::hazmat::PrehashSigner;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use zeroize::Zeroizing;

use crate::algo::HashAlgorithm;

/// The kind of a key, which fixes the signature algorithms it can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// ECDSA on NIST P-256.
    EcP256,
    /// RSA, signing PKCS#1 v1.5.
    Rsa,
}

/// Why a key could not be made, read or used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum KeyError {
    /// The bytes are not a private key this service reads.
    #[error("not a supported private key ({0})")]
    Unreadable(String),
    /// Generating a key failed.
    #[error("key generation failed: {0}")]
    Generation(String),
    /// The digest does not fit the algorithm.
    #[error("a {got}-byte digest does not fit {algorithm:?}")]
    DigestLength { algorithm: HashAlgorithm, got: usize },
    /// The signing operation failed.
    #[error("signing failed: {0}")]
    Signing(String),
}

/// A key that signs digests for one credential. `Send + Sync`: one key serves concurrent calls.
pub trait CredentialKey: Send + Sync + fmt::Debug {
    /// What kind of key it is.
    fn kind(&self) -> KeyKind;
    /// Key size in bits (`key/len`): the modulus for RSA, the field for EC.
    fn bits(&self) -> usize;
    /// Its public key as a DER `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7).
    fn spki_der(&self) -> Vec<u8>;
    /// Signs an already computed `digest` made with `algorithm`. ECDSA gives the DER
    /// `ECDSA-Sig-Value` (RFC 3279 §2.2.3); RSA gives a PKCS#1 v1.5 signature (RFC 8017 §8.2)
    /// over the `DigestInfo` of the digest.
    fn sign_digest(&self, algorithm: HashAlgorithm, digest: &[u8]) -> Result<Vec<u8>, KeyError>;
}

/// An ECDSA P-256 key held in memory.
pub struct P256Key(p256::ecdsa::SigningKey);

impl fmt::Debug for P256Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P256Key(…)")
    }
}

impl P256Key {
    /// A fresh random key.
    pub fn generate() -> Result<Self, KeyError> {
        // A random 32-byte string is a valid scalar except with probability ~2^-32.
        for _ in 0..8 {
            let mut bytes = Zeroizing::new([0u8; 32]);
            getrandom::fill(bytes.as_mut()).map_err(|e| KeyError::Generation(e.to_string()))?;
            if let Ok(key) = p256::ecdsa::SigningKey::from_slice(bytes.as_ref()) {
                return Ok(Self(key));
            }
        }
        Err(KeyError::Generation("no valid scalar drawn".into()))
    }

    /// A key from PKCS#8 DER (`PrivateKeyInfo`, RFC 5208).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        p256::ecdsa::SigningKey::from_pkcs8_der(der).map(Self).map_err(|e| KeyError::Unreadable(e.to_string()))
    }

    /// The key as PKCS#8 DER (to write a generated key to a file).
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        self.0
            .to_pkcs8_der()
            .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
            .map_err(|e| KeyError::Unreadable(e.to_string()))
    }
}

impl CredentialKey for P256Key {
    fn kind(&self) -> KeyKind {
        KeyKind::EcP256
    }

    fn bits(&self) -> usize {
        256
    }

    fn spki_der(&self) -> Vec<u8> {
        self.0.verifying_key().to_public_key_der().map(|d| d.as_bytes().to_vec()).unwrap_or_default()
    }

    fn sign_digest(&self, algorithm: HashAlgorithm, digest: &[u8]) -> Result<Vec<u8>, KeyError> {
        if digest.len() != algorithm.digest_len() {
            return Err(KeyError::DigestLength { algorithm, got: digest.len() });
        }
        let signature: p256::ecdsa::DerSignature =
            self.0.sign_prehash(digest).map_err(|e| KeyError::Signing(e.to_string()))?;
        Ok(signature.as_bytes().to_vec())
    }
}

/// An RSA key held in memory.
pub struct RsaKey(rsa::PrivateKey);

impl fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaKey({} bits, …)", self.bits())
    }
}

impl RsaKey {
    /// A fresh random key of `bits` bits (slow in debug builds: seconds for 2048 bits).
    pub fn generate(bits: usize) -> Result<Self, KeyError> {
        rsa::PrivateKey::new(&mut getrandom::SysRng, bits).map(Self).map_err(|e| KeyError::Generation(e.to_string()))
    }

    /// A key from PKCS#8 DER.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        rsa::PrivateKey::from_pkcs8_der(der).map(Self).map_err(|e| KeyError::Unreadable(e.to_string()))
    }

    /// A key from PKCS#1 DER (`RSAPrivateKey`, RFC 8017 §A.1.2).
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        rsa::PrivateKey::from_pkcs1_der(der).map(Self).map_err(|e| KeyError::Unreadable(e.to_string()))
    }
}

impl CredentialKey for RsaKey {
    fn kind(&self) -> KeyKind {
        KeyKind::Rsa
    }

    fn bits(&self) -> usize {
        self.0.size() * 8
    }

    fn spki_der(&self) -> Vec<u8> {
        self.0.to_public_key().to_public_key_der().map(|d| d.as_bytes().to_vec()).unwrap_or_default()
    }

    fn sign_digest(&self, algorithm: HashAlgorithm, digest: &[u8]) -> Result<Vec<u8>, KeyError> {
        if digest.len() != algorithm.digest_len() {
            return Err(KeyError::DigestLength { algorithm, got: digest.len() });
        }
        let scheme = match algorithm {
            HashAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            HashAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            HashAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        };
        // With a random number generator the operation is blinded (no timing side channel).
        self.0.sign_with_rng(&mut getrandom::SysRng, scheme, digest).map_err(|e| KeyError::Signing(e.to_string()))
    }
}

/// Reads a private key from PEM (`PRIVATE KEY` PKCS#8 with EC or RSA inside, `RSA PRIVATE
/// KEY` PKCS#1) or DER.
pub fn read_private_key(bytes: &[u8]) -> Result<Box<dyn CredentialKey>, KeyError> {
    let (label, der) = match std::str::from_utf8(bytes).ok().filter(|t| t.contains("-----BEGIN")) {
        Some(text) => {
            let (label, der) = p256::pkcs8::der::pem::decode_vec(text.as_bytes())
                .map_err(|e| KeyError::Unreadable(format!("PEM: {e}")))?;
            (label.to_owned(), Zeroizing::new(der))
        }
        None => (String::new(), Zeroizing::new(bytes.to_vec())),
    };
    match label.as_str() {
        "RSA PRIVATE KEY" => Ok(Box::new(RsaKey::from_pkcs1_der(&der)?)),
        "EC PRIVATE KEY" => Err(KeyError::Unreadable("SEC1 EC keys: convert to PKCS#8 (openssl pkcs8 -topk8)".into())),
        "PRIVATE KEY" | "" => match P256Key::from_pkcs8_der(&der) {
            Ok(key) => Ok(Box::new(key)),
            Err(_) => match RsaKey::from_pkcs8_der(&der) {
                Ok(key) => Ok(Box::new(key)),
                Err(_) => Ok(Box::new(
                    RsaKey::from_pkcs1_der(&der)
                        .map_err(|_| KeyError::Unreadable("neither a P-256 nor an RSA key (PKCS#8/PKCS#1)".into()))?,
                )),
            },
        },
        other => Err(KeyError::Unreadable(format!("PEM label {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use p256::pkcs8::DecodePublicKey;

    #[test]
    fn p256_signs_digests_as_der() {
        let key = P256Key::generate().unwrap();
        let digest = [7u8; 32];
        let der = key.sign_digest(HashAlgorithm::Sha256, &digest).unwrap();
        assert_eq!(der[0], 0x30);
        let verifying = p256::ecdsa::VerifyingKey::from_public_key_der(&key.spki_der()).unwrap();
        let signature = p256::ecdsa::DerSignature::try_from(der.as_slice()).unwrap();
        verifying.verify_prehash(&digest, &signature).unwrap();
        assert!(key.sign_digest(HashAlgorithm::Sha384, &digest).is_err());
        let again = read_private_key(&key.to_pkcs8_der().unwrap()).unwrap();
        assert_eq!(again.spki_der(), key.spki_der());
        assert_eq!(format!("{key:?}"), "P256Key(…)");
    }
}
