//! A throwaway PKI shaped like a qualified one (ETSI EN 319 412): root, qualified issuing CA,
//! end-entity certificates with QcCompliance, QcSSCD, QcType esign and the QCP-n-qscd policy.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber, SubjectPublicKeyInfo,
};
use time::{Duration, OffsetDateTime};

/// The holder of an end-entity certificate.
#[derive(Debug, Clone)]
pub struct EndEntity {
    pub common_name: String,
    pub given_name: String,
    pub surname: String,
    /// ETSI EN 319 412-1 semantics identifier, e.g. `PNORO-1850101123456`.
    pub serial_number: String,
    /// Adds QcStatements and the qualified policy.
    pub qualified: bool,
    /// Validity ends this many days from now (negative: already expired).
    pub valid_days: i64,
    /// Validity starts this many days from now (normally -1).
    pub valid_from_days: i64,
}

impl EndEntity {
    /// A Romanian holder with diacritics in the name.
    pub fn romanian(valid_days: i64) -> Self {
        Self {
            common_name: "Ștefan Țăranu".into(),
            given_name: "Ștefan".into(),
            surname: "Țăranu".into(),
            serial_number: "PNORO-1850101123456".into(),
            qualified: true,
            valid_days,
            valid_from_days: -1,
        }
    }
}

/// Root and issuing CA with their in-memory keys.
pub struct TestPki {
    root_der: Vec<u8>,
    ca_key: KeyPair,
    ca_params: CertificateParams,
    ca_der: Vec<u8>,
    next_serial: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for TestPki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestPki").finish_non_exhaustive()
    }
}

impl Default for TestPki {
    fn default() -> Self {
        Self::new()
    }
}

fn dn(entries: &[(DnType, &str)]) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    for (t, v) in entries {
        dn.push(t.clone(), *v);
    }
    dn
}

impl TestPki {
    /// A new root ("Pecat Test Root CA") and qualified CA ("Pecat Test Qualified CA").
    pub fn new() -> Self {
        let now = OffsetDateTime::now_utc();
        let root_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut root_params = CertificateParams::default();
        root_params.distinguished_name = dn(&[
            (DnType::CountryName, "RO"),
            (DnType::OrganizationName, "Pecat Test Trust Services"),
            (DnType::CommonName, "Pecat Test Root CA"),
        ]);
        root_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        root_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        root_params.not_before = now - Duration::days(3650);
        root_params.not_after = now + Duration::days(3650);
        root_params.serial_number = Some(SerialNumber::from(1u64));
        let root_der = root_params.self_signed(&root_key).unwrap().der().to_vec();

        let ca_key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut ca_params = CertificateParams::default();
        ca_params.distinguished_name = dn(&[
            (DnType::CountryName, "RO"),
            (DnType::OrganizationName, "Pecat Test Trust Services"),
            (DnType::CommonName, "Pecat Test Qualified CA"),
        ]);
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca_params.not_before = now - Duration::days(1800);
        ca_params.not_after = now + Duration::days(1800);
        ca_params.serial_number = Some(SerialNumber::from(2u64));
        ca_params.use_authority_key_identifier_extension = true;
        let root_issuer = Issuer::from_params(&root_params, &root_key);
        let ca_der = ca_params.signed_by(&ca_key, &root_issuer).unwrap().der().to_vec();

        Self { root_der, ca_key, ca_params, ca_der, next_serial: std::sync::atomic::AtomicU64::new(0x1000) }
    }

    /// The root certificate, DER.
    pub fn root_der(&self) -> &[u8] {
        &self.root_der
    }

    /// Writes the issuing CA's certificate and private key as PEM files into `dir`, for
    /// `openssl x509 -req -CA … -CAkey …`; returns their paths.
    pub fn ca_files(&self, dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
        let (cert, key) = (dir.join("ca.pem"), dir.join("ca.key"));
        let pem = pem_block("CERTIFICATE", &self.ca_der);
        std::fs::write(&cert, pem).unwrap();
        std::fs::write(&key, self.ca_key.serialize_pem()).unwrap();
        (cert, key)
    }

    /// The issuing CA certificate, DER.
    pub fn ca_der(&self) -> &[u8] {
        &self.ca_der
    }

    /// Issues an end-entity signing certificate for a public key (SubjectPublicKeyInfo DER).
    pub fn issue(&self, spki_der: &[u8], holder: &EndEntity) -> Vec<u8> {
        let now = OffsetDateTime::now_utc();
        let mut p = CertificateParams::default();
        p.distinguished_name = dn(&[
            (DnType::CountryName, "RO"),
            (DnType::CustomDnType(vec![2, 5, 4, 4]), &holder.surname),
            (DnType::CustomDnType(vec![2, 5, 4, 42]), &holder.given_name),
            (DnType::CustomDnType(vec![2, 5, 4, 5]), &holder.serial_number),
            (DnType::CommonName, &holder.common_name),
        ]);
        p.is_ca = IsCa::ExplicitNoCa;
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
        p.not_before = now + Duration::days(holder.valid_from_days);
        p.not_after = now + Duration::days(holder.valid_days);
        let serial = self.next_serial.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        p.serial_number = Some(SerialNumber::from(serial));
        p.use_authority_key_identifier_extension = true;
        if holder.qualified {
            p.custom_extensions
                .push(CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 3], qc_statements_esign()));
            p.custom_extensions.push(CustomExtension::from_oid_content(
                &[2, 5, 29, 32],
                policy(&[0x04, 0x00, 0x8B, 0xEC, 0x40, 0x01, 0x02]),
            ));
        }
        let spki = SubjectPublicKeyInfo::from_der(spki_der).unwrap();
        let issuer = Issuer::from_params(&self.ca_params, &self.ca_key);
        p.signed_by(&spki, &issuer).unwrap().der().to_vec()
    }

    /// A certificate with its P-256 key pair in memory, for signing without a token.
    pub fn issue_with_key(&self, holder: &EndEntity) -> (Vec<u8>, KeyPair) {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let cert = self.issue(&rcgen::PublicKeyData::subject_public_key_info(&key), holder);
        (cert, key)
    }

    /// A signer's key, certificate and the CA chain as PEM files in `dir` (for other tools):
    /// returns (key, certificate, chain).
    pub fn signer_files(
        &self,
        dir: &std::path::Path,
        holder: &EndEntity,
    ) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
        let (cert, key) = self.issue_with_key(holder);
        let paths = (dir.join("signer.key"), dir.join("signer.pem"), dir.join("chain.pem"));
        std::fs::write(&paths.0, key.serialize_pem()).unwrap();
        std::fs::write(&paths.1, pem_block("CERTIFICATE", &cert)).unwrap();
        let chain = [pem_block("CERTIFICATE", &self.ca_der), pem_block("CERTIFICATE", &self.root_der)].concat();
        std::fs::write(&paths.2, chain).unwrap();
        paths
    }

    /// A certificate for a throwaway key: a "foreign" certificate whose key is on no token.
    pub fn issue_foreign(&self, holder: &EndEntity) -> Vec<u8> {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        self.issue(&rcgen::PublicKeyData::subject_public_key_info(&key), holder)
    }
}

fn pem_block(label: &str, der: &[u8]) -> String {
    let b64 = base64_encode(der);
    let body: Vec<&str> = b64.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", body.join("\n"))
}

fn base64_encode(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// QcStatements: QcCompliance, QcSSCD, QcType { esign } (ETSI EN 319 412-5 §4).
fn qc_statements_esign() -> Vec<u8> {
    const ETSI_QCS: [u8; 5] = [0x04, 0x00, 0x8E, 0x46, 0x01];
    let oid = |last: &[u8]| tlv(0x06, &[&ETSI_QCS[..], last].concat());
    let compliance = tlv(0x30, &oid(&[0x01]));
    let sscd = tlv(0x30, &oid(&[0x04]));
    let qctype = tlv(0x30, &[oid(&[0x06]), tlv(0x30, &oid(&[0x06, 0x01]))].concat());
    tlv(0x30, &[compliance, sscd, qctype].concat())
}

/// certificatePolicies with one policy OID (content octets given).
fn policy(oid: &[u8]) -> Vec<u8> {
    tlv(0x30, &tlv(0x30, &tlv(0x06, oid)))
}
