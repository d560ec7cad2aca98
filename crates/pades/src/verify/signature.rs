//! The cryptographic part of one signature (RFC 5652 §5.4–5.6, ETSI EN 319 122-1 §5.2.2): the
//! digest of the signed bytes, the signature over the signed attributes with the signer's key,
//! and the binding of the signer's certificate through signing-certificate(-v2).

use std::io::{Read, Seek};
use std::path::Path;

use pecat_pki::{Certificate, KeyAlgorithm};
use sha2::Digest;

use super::Problem;
use crate::cms::{self, ParsedCms};
use crate::error::{Error, Result};

/// Digest of the byte ranges `(start, length)` of `path` with the CMS digest algorithm `algorithm`.
pub(crate) fn hash_ranges(path: &Path, ranges: &[(u64, u64)], algorithm: &str) -> Result<Vec<u8>> {
    let io = |source: std::io::Error| Error::Read { path: path.to_owned(), source: source.into() };
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut sha256 = sha2::Sha256::new();
    let mut sha384 = sha2::Sha384::new();
    let mut sha512 = sha2::Sha512::new();
    let mut buf = vec![0u8; 1 << 20];
    for &(start, len) in ranges {
        f.seek(std::io::SeekFrom::Start(start)).map_err(io)?;
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
            f.read_exact(&mut buf[..n]).map_err(io)?;
            match algorithm {
                cms::SHA384 => sha384.update(&buf[..n]),
                cms::SHA512 => sha512.update(&buf[..n]),
                _ => sha256.update(&buf[..n]),
            }
            left -= n as u64;
        }
    }
    Ok(match algorithm {
        cms::SHA384 => sha384.finalize().to_vec(),
        cms::SHA512 => sha512.finalize().to_vec(),
        _ => sha256.finalize().to_vec(),
    })
}

/// Whether Pecat can compute `algorithm` for the document digest.
pub(crate) fn digest_supported(algorithm: &str) -> bool {
    matches!(algorithm, cms::SHA256 | cms::SHA384 | cms::SHA512)
}

/// Checks the CMS signature over the signed attributes with the signer's key.
pub(crate) fn signature_holds(parsed: &ParsedCms, signer: &Certificate) -> std::result::Result<(), Problem> {
    use ring::signature as rs;
    let Some(message) = &parsed.signed_attributes else {
        return Err(Problem::NoSignedAttributes);
    };
    let unsupported = || Problem::UnsupportedAlgorithm {
        algorithm: format!("{} / {}", signer.summary().key, parsed.signature_algorithm),
    };
    if parsed.signature_algorithm == "1.2.840.113549.1.1.10" {
        return Err(unsupported());
    }
    let alg: &dyn rs::VerificationAlgorithm = match (&signer.summary().key, parsed.digest_algorithm.as_str()) {
        (KeyAlgorithm::Rsa { .. }, cms::SHA256) => &rs::RSA_PKCS1_2048_8192_SHA256,
        (KeyAlgorithm::Rsa { .. }, cms::SHA384) => &rs::RSA_PKCS1_2048_8192_SHA384,
        (KeyAlgorithm::Rsa { .. }, cms::SHA512) => &rs::RSA_PKCS1_2048_8192_SHA512,
        (KeyAlgorithm::Ec { curve, .. }, d) => match (curve.as_str(), d) {
            ("P-256", cms::SHA256) => &rs::ECDSA_P256_SHA256_ASN1,
            ("P-256", cms::SHA384) => &rs::ECDSA_P256_SHA384_ASN1,
            ("P-384", cms::SHA384) => &rs::ECDSA_P384_SHA384_ASN1,
            ("P-384", cms::SHA256) => &rs::ECDSA_P384_SHA256_ASN1,
            _ => return Err(unsupported()),
        },
        _ => return Err(unsupported()),
    };
    rs::UnparsedPublicKey::new(alg, signer.public_key_bits())
        .verify(message, &parsed.signature)
        .map_err(|_| Problem::SignatureDoesNotVerify)
}

/// The certificate the SignerInfo names (issuer and serial, or subject key identifier).
pub(crate) fn find_signer<'a>(parsed: &ParsedCms, certs: &'a [Certificate]) -> Option<&'a Certificate> {
    certs.iter().find(|c| {
        let by_issuer = parsed.issuer.as_deref() == Some(c.issuer_der())
            && parsed.serial.as_deref().is_some_and(|s| c.serial_der().get(2..) == Some(s));
        let by_ski = parsed
            .subject_key_id
            .as_ref()
            .is_some_and(|k| c.summary().subject_key_id.as_deref() == Some(&hex::encode_upper(k)));
        by_issuer || by_ski
    })
}

/// The signing-certificate binding (EN 319 122-1 §5.2.2.2): required for PAdES signatures, and
/// when present it must name the certificate whose key verified the signature.
pub(crate) fn binding(parsed: &ParsedCms, signer: &Certificate, pades: bool) -> Option<Problem> {
    match &parsed.signing_certificate {
        Some(id) if !id.matches(signer) => Some(Problem::SigningCertificateMismatch),
        Some(_) => None,
        None if pades => Some(Problem::SigningCertificateNotBound),
        None => None,
    }
}
