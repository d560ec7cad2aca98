//! A throwaway certification authority (rcgen, P-256) that issues demo signing certificates:
//! `O=Pecat Demo`, a common name that says "not qualified", no QcStatements. Its key lives
//! only as long as the process.

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    SerialNumber, SubjectPublicKeyInfo,
};
use time::{Duration, OffsetDateTime};

use crate::error::{Error, Result};

/// A self-signed demo CA with its key in memory.
pub struct DemoCa {
    key: KeyPair,
    params: CertificateParams,
    der: Vec<u8>,
    next_serial: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for DemoCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoCa").finish_non_exhaustive()
    }
}

fn ca_error(e: rcgen::Error) -> Error {
    Error::Ca(e.to_string())
}

impl DemoCa {
    /// A new CA `C=RO, O=Pecat Demo, CN=Pecat Demo CA (not qualified)`, valid ten years.
    pub fn new() -> Result<Self> {
        let now = OffsetDateTime::now_utc();
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(ca_error)?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "RO");
        dn.push(DnType::OrganizationName, "Pecat Demo");
        dn.push(DnType::CommonName, "Pecat Demo CA (not qualified)");
        params.distinguished_name = dn;
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(3650);
        params.serial_number = Some(SerialNumber::from(1u64));
        let der = params.self_signed(&key).map_err(ca_error)?.der().to_vec();
        Ok(Self { key, params, der, next_serial: std::sync::atomic::AtomicU64::new(0x100) })
    }

    /// The CA certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.der
    }

    /// Issues a signing certificate `C=RO, O=Pecat Demo, CN=<holder> (demo, not qualified)`
    /// for the public key `spki_der`, valid from yesterday for `valid_days` days; returns the
    /// chain, leaf first.
    pub fn issue(&self, spki_der: &[u8], holder: &str, valid_days: i64) -> Result<Vec<Vec<u8>>> {
        let now = OffsetDateTime::now_utc();
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "RO");
        dn.push(DnType::OrganizationName, "Pecat Demo");
        dn.push(DnType::CommonName, format!("{holder} (demo, not qualified)"));
        params.distinguished_name = dn;
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(valid_days);
        let serial = self.next_serial.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        params.serial_number = Some(SerialNumber::from(serial));
        params.use_authority_key_identifier_extension = true;
        let spki = SubjectPublicKeyInfo::from_der(spki_der).map_err(ca_error)?;
        let issuer = Issuer::from_params(&self.params, &self.key);
        let leaf = params.signed_by(&spki, &issuer).map_err(ca_error)?.der().to_vec();
        Ok(vec![leaf, self.der.clone()])
    }
}
