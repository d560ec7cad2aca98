//! Exports of a certificate: one file in DER, PEM or PKCS#7 (RFC 5652 §5 degenerate
//! SignedData), alone or with the issuing CAs found among the token's certificates and those the
//! user gave; and the customs pair (the personal certificate and its issuing CA as two DER
//! `.cer` files, as AES/NCTS5 "UMG Trader" and tax platforms ask). Files are written atomically.

use std::path::{Path, PathBuf};

use pecat_pki::{Certificate, CustomsPair, ExportFormat, build_chain, encode, write_atomically, write_customs_pair};

use crate::error::{Error, Result};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Exported {
    /// The file.
    pub written: PathBuf,
    /// How many certificates it holds.
    pub certificates: usize,
    /// Its size.
    pub bytes: usize,
}

/// The certificates an export holds: `certificate`, then with `with_chain` its issuers as far as
/// `pool` (the token's certificates and the user's) builds the chain.
pub fn export_contents(certificate: &Certificate, pool: &[Certificate], with_chain: bool) -> Vec<Certificate> {
    if with_chain { build_chain(certificate, pool).certificates } else { vec![certificate.clone()] }
}

/// Writes `certificate` (with its chain from `pool` when `with_chain`) to `path` in `format`;
/// an existing file is replaced only with `overwrite`. DER holds one certificate, so a chain in
/// DER is refused before anything is written.
pub fn export_certificate(
    certificate: &Certificate,
    pool: &[Certificate],
    format: ExportFormat,
    with_chain: bool,
    path: &Path,
    overwrite: bool,
) -> Result<Exported> {
    if with_chain && format == ExportFormat::Der {
        return Err(Error::ChainInDer);
    }
    let certificates = export_contents(certificate, pool, with_chain);
    let refs: Vec<&Certificate> = certificates.iter().collect();
    let bytes = encode(format, &refs)?;
    write_atomically(path, &bytes, overwrite)?;
    Ok(Exported { written: path.to_owned(), certificates: certificates.len(), bytes: bytes.len() })
}

/// Writes the personal `certificate` and its issuing CA (found in `pool`) into the folder `dir`
/// as two DER `.cer` files named after their subjects; existing files are replaced only with
/// `overwrite`.
pub fn export_customs(
    certificate: &Certificate,
    pool: &[Certificate],
    dir: &Path,
    overwrite: bool,
) -> Result<CustomsPair> {
    if !dir.is_dir() {
        return Err(Error::NotAFolder { path: dir.to_owned() });
    }
    if certificate.summary().is_ca {
        return Err(Error::NotPersonal { subject: certificate.summary().subject.clone() });
    }
    let chain = build_chain(certificate, pool);
    Ok(write_customs_pair(&chain, dir, overwrite)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pecat_testkit::{EndEntity, TestPki};

    fn issued() -> (TestPki, Certificate, Vec<Certificate>) {
        let pki = TestPki::new();
        let leaf = pecat_pki::parse_certificates(&pki.issue_foreign(&EndEntity::romanian(300)), "leaf").unwrap();
        let ca = pecat_pki::parse_certificates(pki.ca_der(), "ca").unwrap();
        (pki, leaf[0].clone(), ca)
    }

    #[test]
    fn the_chain_comes_from_the_pool_and_der_holds_one_certificate() {
        let (_pki, leaf, pool) = issued();
        let dir = tempfile::tempdir().unwrap();
        let pem = dir.path().join("chain.pem");
        let written = export_certificate(&leaf, &pool, ExportFormat::Pem, true, &pem, false).unwrap();
        assert_eq!(written.certificates, 2);
        assert_eq!(std::fs::read_to_string(&pem).unwrap().matches("BEGIN CERTIFICATE").count(), 2);
        assert_eq!(written.bytes, std::fs::read(&pem).unwrap().len());
        let again = export_certificate(&leaf, &pool, ExportFormat::Pem, true, &pem, false).unwrap_err();
        assert!(matches!(again, Error::Pki(pecat_pki::Error::Exists { .. })), "{again:?}");

        let der = dir.path().join("x.cer");
        let e = export_certificate(&leaf, &pool, ExportFormat::Der, true, &der, false).unwrap_err();
        assert!(matches!(e, Error::ChainInDer), "{e:?}");
        assert!(!der.exists());
        let one = export_certificate(&leaf, &pool, ExportFormat::Der, false, &der, false).unwrap();
        assert_eq!(one.certificates, 1);
        assert_eq!(std::fs::read(&der).unwrap(), leaf.der());
    }

    #[test]
    fn customs_wants_a_folder_a_personal_certificate_and_its_issuer() {
        let (_pki, leaf, pool) = issued();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"").unwrap();
        assert!(matches!(export_customs(&leaf, &pool, &file, false), Err(Error::NotAFolder { .. })));
        assert!(matches!(export_customs(&pool[0], &pool, dir.path(), false), Err(Error::NotPersonal { .. })));
        let missing = export_customs(&leaf, &[], dir.path(), false).unwrap_err();
        assert!(matches!(missing, Error::Pki(pecat_pki::Error::IssuerMissing { .. })), "{missing:?}");
        let pair = export_customs(&leaf, &pool, dir.path(), false).unwrap();
        assert_eq!(std::fs::read(&pair.personal).unwrap(), leaf.der());
        assert_eq!(std::fs::read(&pair.intermediate).unwrap(), pool[0].der());
    }
}
