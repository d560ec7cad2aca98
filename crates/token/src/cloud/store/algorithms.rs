//! The CSC identifiers of algorithms (RFC 5754 and RFC 8017/5758 OIDs), and what a credential
//! can sign and how it is authorised, from its `credentials/info`.

use pecat_pki::{Certificate, KeyAlgorithm};

use crate::store::{AuthRequirement, Capabilities, CodeDelivery};
use crate::token::{HashAlgorithm, SignAlgorithm};

pub(super) const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub(super) const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";

/// The OID of a digest algorithm (RFC 5754 §2).
pub(super) fn hash_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "2.16.840.1.101.3.4.2.1",
        HashAlgorithm::Sha384 => "2.16.840.1.101.3.4.2.2",
        HashAlgorithm::Sha512 => "2.16.840.1.101.3.4.2.3",
    }
}

/// `ecdsa-with-SHA*` (RFC 5758 §3.2).
pub(super) fn ecdsa_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "1.2.840.10045.4.3.2",
        HashAlgorithm::Sha384 => "1.2.840.10045.4.3.3",
        HashAlgorithm::Sha512 => "1.2.840.10045.4.3.4",
    }
}

/// `sha*WithRSAEncryption` (RFC 8017 §A.2.4).
pub(super) fn rsa_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "1.2.840.113549.1.1.11",
        HashAlgorithm::Sha384 => "1.2.840.113549.1.1.12",
        HashAlgorithm::Sha512 => "1.2.840.113549.1.1.13",
    }
}

pub(super) const HASHES: [HashAlgorithm; 3] = [HashAlgorithm::Sha256, HashAlgorithm::Sha384, HashAlgorithm::Sha512];

/// The digest algorithm of digests of `len` bytes.
pub(super) fn hash_of_len(len: usize) -> Option<HashAlgorithm> {
    HASHES.into_iter().find(|h| h.output_len() == len)
}

pub(super) fn requirement(pin: bool, otp: bool, sent: bool) -> AuthRequirement {
    let delivery = if sent { CodeDelivery::Sent } else { CodeDelivery::AuthenticatorApp };
    match (pin, otp) {
        (true, true) => AuthRequirement::PinAndCode { delivery },
        (true, false) => AuthRequirement::Pin,
        (false, true) => AuthRequirement::Code { delivery },
        (false, false) => AuthRequirement::Nothing,
    }
}

/// What the credential can sign, from `key/algo` (falling back to the certificate's key), and
/// the largest signature: the RSA modulus, or a DER `ECDSA-Sig-Value` for containers.
pub(super) fn capabilities(
    certificate: &Certificate,
    algo: &[String],
    key_bits: Option<usize>,
    max_digests_per_call: Option<usize>,
) -> Capabilities {
    let key = &certificate.summary().key;
    let mut algorithms: Vec<SignAlgorithm> = Vec::new();
    let add = |algorithms: &mut Vec<SignAlgorithm>, a: SignAlgorithm| {
        if !algorithms.contains(&a) {
            algorithms.push(a);
        }
    };
    for oid in algo {
        for hash in HASHES {
            match key {
                KeyAlgorithm::Ec { .. } if oid == ecdsa_oid(hash) || oid == EC_PUBLIC_KEY => {
                    add(&mut algorithms, SignAlgorithm::Ecdsa(hash));
                }
                KeyAlgorithm::Rsa { .. } if oid == rsa_oid(hash) || oid == RSA_ENCRYPTION => {
                    add(&mut algorithms, SignAlgorithm::RsaPkcs1(hash));
                }
                _ => {}
            }
        }
    }
    if algorithms.is_empty() {
        match key {
            KeyAlgorithm::Rsa { .. } => add(&mut algorithms, SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)),
            KeyAlgorithm::Ec { .. } => add(&mut algorithms, SignAlgorithm::Ecdsa(HashAlgorithm::Sha256)),
            KeyAlgorithm::Other { .. } => {}
        }
    }
    algorithms.sort_by_key(|a| match a {
        SignAlgorithm::RsaPkcs1(h) | SignAlgorithm::Ecdsa(h) => h.output_len(),
    });
    let signature_size = match key {
        KeyAlgorithm::Rsa { bits } => key_bits.unwrap_or(*bits).div_ceil(8),
        KeyAlgorithm::Ec { bits, .. } => 2 * (bits.div_ceil(8) + 1) + 8,
        KeyAlgorithm::Other { .. } => 0,
    };
    // `multisign` bounds the signatures of one authorisation (and so the hashes of a call).
    Capabilities {
        algorithms,
        signature_size,
        max_digests_per_call,
        max_signatures_per_authorisation: max_digests_per_call,
        pin_per_signature: false,
    }
}
