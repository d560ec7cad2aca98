//! One X.509 certificate (RFC 5280): its DER and a summary read once when it is parsed.

use std::fmt;
use std::time::SystemTime;

use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::prelude::*;

use crate::error::{Error, Result};
use crate::expiry::ExpiryStatus;
use crate::name::{self, NameAttribute};
use crate::oid::{self, CURVES, EXTENDED_KEY_USAGES, name_of};
use crate::qualified::QualifiedStatus;

/// A parsed certificate. Cheap to clone for the sizes met on tokens.
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    spki: Vec<u8>,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    public_key: PublicKeyMaterial,
    summary: CertSummary,
    facts: PathFacts,
}

/// What RFC 5280 path validation (§6.1.3–6.1.4) reads from a certificate besides its summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathFacts {
    /// The certificate's version (1, 2 or 3).
    pub version: u32,
    /// basicConstraints (§4.2.1.9): `None` when absent, else (cA, pathLenConstraint).
    pub basic_constraints: Option<(bool, Option<u32>)>,
    /// Whether a keyUsage extension is present (when absent, every usage is allowed).
    pub has_key_usage: bool,
    /// The OID of the certificate's signature algorithm.
    pub signature_algorithm_oid: String,
    /// OIDs of the extensions marked critical.
    pub critical_extensions: Vec<String>,
}

/// The raw public key as PKCS#11 key objects hold it (`CKA_MODULUS`, `CKA_EC_POINT`), for
/// pairing a certificate with its key when `CKA_ID`s do not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKeyMaterial {
    /// RSA modulus, big-endian without leading zero bytes.
    Rsa { modulus: Vec<u8> },
    /// EC point, uncompressed (`04 ‖ x ‖ y`).
    Ec { point: Vec<u8> },
    /// A key type Pecat does not pair by value.
    Other,
}

impl PublicKeyMaterial {
    /// Strips the leading zero bytes an INTEGER or a module may add.
    pub fn normalise_modulus(bytes: &[u8]) -> Vec<u8> {
        let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        bytes[start..].to_vec()
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.summary.subject)
            .field("serial", &self.summary.serial)
            .finish_non_exhaustive()
    }
}

/// The public key's algorithm and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum KeyAlgorithm {
    /// RSA with its modulus size in bits.
    Rsa { bits: usize },
    /// Elliptic curve key on a named curve.
    Ec { curve: String, bits: usize },
    /// Anything else, by OID.
    Other { oid: String },
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rsa { bits } => write!(f, "RSA-{bits}"),
            Self::Ec { curve, .. } => write!(f, "EC {curve}"),
            Self::Other { oid } => write!(f, "key algorithm {oid}"),
        }
    }
}

/// Key usage bits (RFC 5280 §4.2.1.3) by name, in bit order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct KeyUsageFlags(pub Vec<&'static str>);

impl KeyUsageFlags {
    /// `nonRepudiation` (contentCommitment): the mark of a qualified signing certificate.
    pub fn non_repudiation(&self) -> bool {
        self.0.contains(&"nonRepudiation")
    }
    /// `digitalSignature`.
    pub fn digital_signature(&self) -> bool {
        self.0.contains(&"digitalSignature")
    }
}

/// What a person or a script wants to know about a certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertSummary {
    /// Subject as `C=…, O=…, CN=…` in certificate order.
    pub subject: String,
    /// Subject attributes one by one.
    pub subject_attributes: Vec<NameAttribute>,
    /// Issuer as `C=…, O=…, CN=…`.
    pub issuer: String,
    /// Issuer attributes one by one.
    pub issuer_attributes: Vec<NameAttribute>,
    /// Subject common name, if any.
    pub common_name: Option<String>,
    /// Serial number, uppercase hex.
    pub serial: String,
    /// `notBefore`, Unix seconds.
    pub not_before: i64,
    /// `notAfter`, Unix seconds.
    pub not_after: i64,
    /// `notBefore` as an ISO 8601 UTC timestamp.
    pub not_before_iso: String,
    /// `notAfter` as an ISO 8601 UTC timestamp.
    pub not_after_iso: String,
    /// Public key algorithm.
    pub key: KeyAlgorithm,
    /// Signature algorithm name (or OID).
    pub signature_algorithm: String,
    /// Key usage names.
    pub key_usage: KeyUsageFlags,
    /// Extended key usage names (or OIDs).
    pub extended_key_usage: Vec<String>,
    /// Certificate policy OIDs.
    pub policies: Vec<String>,
    /// basicConstraints cA.
    pub is_ca: bool,
    /// Subject key identifier, hex.
    pub subject_key_id: Option<String>,
    /// Authority key identifier, hex.
    pub authority_key_id: Option<String>,
    /// caIssuers URLs from Authority Information Access.
    pub ca_issuer_urls: Vec<String>,
    /// Qualified status.
    pub qualified: QualifiedStatus,
    /// SHA-1 fingerprint, `AB:CD:…`.
    pub sha1: String,
    /// SHA-256 fingerprint, `AB:CD:…`.
    pub sha256: String,
}

impl Certificate {
    /// Parses one DER certificate; `what` names its origin for error messages.
    pub fn from_der(der: Vec<u8>, what: &str) -> Result<Self> {
        if der.is_empty() {
            return Err(Error::Empty { what: what.to_owned() });
        }
        crate::file::check_der_length(&der, what)?;
        let (spki, subject_der, issuer_der, public_key, summary, facts) = {
            let (rest, cert) = X509Certificate::from_der(&der)
                .map_err(|e| Error::NotACertificate { what: what.to_owned(), reason: parse_reason(&e) })?;
            if !rest.is_empty() {
                return Err(Error::NotACertificate {
                    what: what.to_owned(),
                    reason: format!("{} unexpected bytes after the certificate", rest.len()),
                });
            }
            (
                cert.public_key().raw.to_vec(),
                cert.subject().as_raw().to_vec(),
                cert.issuer().as_raw().to_vec(),
                public_key_material(cert.public_key()),
                summarise(&cert, &der),
                path_facts(&cert),
            )
        };
        Ok(Self { der, spki, subject_der, issuer_der, public_key, summary, facts })
    }

    /// The certificate's DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER of its SubjectPublicKeyInfo, used to pair it with a key.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// The DER of its subject name (what `CKA_SUBJECT` holds on a token).
    pub fn subject_der(&self) -> &[u8] {
        &self.subject_der
    }

    /// The DER of its issuer name.
    pub fn issuer_der(&self) -> &[u8] {
        &self.issuer_der
    }

    /// The raw public key, for pairing with key objects.
    pub fn public_key(&self) -> &PublicKeyMaterial {
        &self.public_key
    }

    /// The subjectPublicKey BIT STRING's bits: RSAPublicKey DER for RSA, the point for EC.
    pub fn public_key_bits(&self) -> Vec<u8> {
        use crate::asn1::{children, content};
        let bits = content(&self.spki).ok().and_then(|(c, _)| children(c).ok()).and_then(|k| k.get(1).copied());
        bits.and_then(|b| content(b).ok()).map(|(c, _)| c.get(1..).unwrap_or_default().to_vec()).unwrap_or_default()
    }

    /// The serial number as a DER INTEGER (what `CKA_SERIAL_NUMBER` holds).
    pub fn serial_der(&self) -> Vec<u8> {
        crate::asn1::tlv(0x02, &hex::decode(&self.summary.serial).unwrap_or_default())
    }

    /// The summary read at parse time.
    pub fn summary(&self) -> &CertSummary {
        &self.summary
    }

    /// What path validation reads: version, basicConstraints, critical extensions, algorithm.
    pub fn path_facts(&self) -> &PathFacts {
        &self.facts
    }

    /// Expiry state at `now`.
    pub fn expiry_at(&self, now: SystemTime) -> ExpiryStatus {
        ExpiryStatus::at(self.summary.not_before, self.summary.not_after, now)
    }

    /// Subject equals issuer and the signature verifies with its own key.
    pub fn is_self_signed(&self) -> bool {
        self.subject_der == self.issuer_der && self.is_signed_by(self)
    }

    /// `issuer` names this certificate's issuer and its key verifies this certificate's signature.
    pub fn is_issued_by(&self, issuer: &Certificate) -> bool {
        self.issuer_der == issuer.subject_der && self.is_signed_by(issuer)
    }

    fn is_signed_by(&self, issuer: &Certificate) -> bool {
        let Ok((_, me)) = X509Certificate::from_der(&self.der) else {
            return false;
        };
        let Ok((_, them)) = X509Certificate::from_der(&issuer.der) else {
            return false;
        };
        me.verify_signature(Some(them.public_key())).is_ok()
    }

    /// A name for files and lists: the common name, else the subject.
    pub fn display_name(&self) -> &str {
        self.summary.common_name.as_deref().unwrap_or(&self.summary.subject)
    }
}

fn parse_reason(e: &x509_parser::nom::Err<X509Error>) -> String {
    match e {
        x509_parser::nom::Err::Incomplete(_) => "the data ends inside the certificate".to_owned(),
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => e.to_string(),
    }
}

fn summarise(cert: &X509Certificate<'_>, der: &[u8]) -> CertSummary {
    let subject_attributes = name::attributes(cert.subject());
    let issuer_attributes = name::attributes(cert.issuer());
    let common_name = subject_attributes.iter().find(|a| a.oid == "2.5.4.3").map(|a| a.value.clone());

    let mut key_usage = KeyUsageFlags::default();
    let mut extended_key_usage = Vec::new();
    let mut policies = Vec::new();
    let mut subject_key_id = None;
    let mut authority_key_id = None;
    let mut ca_issuer_urls = Vec::new();
    let mut qc_statements = None;
    for ext in cert.extensions() {
        match ext.parsed_extension() {
            ParsedExtension::KeyUsage(ku) => key_usage = key_usage_names(ku),
            ParsedExtension::ExtendedKeyUsage(eku) => extended_key_usage = eku_names(eku),
            ParsedExtension::CertificatePolicies(p) => {
                policies = p.iter().map(|pi| pi.policy_id.to_id_string()).collect();
            }
            ParsedExtension::SubjectKeyIdentifier(k) => subject_key_id = Some(hex::encode_upper(k.0)),
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                authority_key_id = a.key_identifier.as_ref().map(|k| hex::encode_upper(k.0));
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for ad in &aia.accessdescs {
                    if let (true, GeneralName::URI(uri)) =
                        (ad.access_method.to_id_string() == "1.3.6.1.5.5.7.48.2", &ad.access_location)
                    {
                        ca_issuer_urls.push((*uri).to_owned());
                    }
                }
            }
            _ => {
                if ext.oid.to_id_string() == oid::EXT_QC_STATEMENTS {
                    qc_statements = Some(ext.value);
                }
            }
        }
    }
    let qualified = QualifiedStatus::from_parts(qc_statements, &policies);
    let not_before = cert.validity().not_before.timestamp();
    let not_after = cert.validity().not_after.timestamp();

    CertSummary {
        subject: name::format(&subject_attributes),
        issuer: name::format(&issuer_attributes),
        subject_attributes,
        issuer_attributes,
        common_name,
        serial: hex::encode_upper(cert.raw_serial()),
        not_before,
        not_after,
        not_before_iso: iso8601(not_before),
        not_after_iso: iso8601(not_after),
        key: key_algorithm(cert.public_key()),
        signature_algorithm: signature_algorithm_name(&cert.signature_algorithm.algorithm.to_id_string()),
        key_usage,
        extended_key_usage,
        policies,
        is_ca: cert.is_ca(),
        subject_key_id,
        authority_key_id,
        ca_issuer_urls,
        qualified,
        sha1: fingerprint(&Sha1::digest(der)),
        sha256: fingerprint(&Sha256::digest(der)),
    }
}

fn path_facts(cert: &X509Certificate<'_>) -> PathFacts {
    let basic_constraints = cert.extensions().iter().find_map(|e| match e.parsed_extension() {
        ParsedExtension::BasicConstraints(bc) => Some((bc.ca, bc.path_len_constraint)),
        _ => None,
    });
    PathFacts {
        version: cert.version().0 + 1,
        basic_constraints,
        has_key_usage: cert.extensions().iter().any(|e| matches!(e.parsed_extension(), ParsedExtension::KeyUsage(_))),
        signature_algorithm_oid: cert.signature_algorithm.algorithm.to_id_string(),
        critical_extensions: cert.extensions().iter().filter(|e| e.critical).map(|e| e.oid.to_id_string()).collect(),
    }
}

fn key_usage_names(ku: &KeyUsage) -> KeyUsageFlags {
    let all: [(bool, &'static str); 9] = [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ];
    KeyUsageFlags(all.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect())
}

fn eku_names(eku: &ExtendedKeyUsage<'_>) -> Vec<String> {
    let mut oids: Vec<String> = Vec::new();
    let known = [
        (eku.any, "2.5.29.37.0"),
        (eku.server_auth, "1.3.6.1.5.5.7.3.1"),
        (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
        (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
        (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
        (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
        (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
    ];
    oids.extend(known.iter().filter(|(on, _)| *on).map(|(_, o)| (*o).to_owned()));
    oids.extend(eku.other.iter().map(|o| o.to_id_string()));
    oids.into_iter().map(|o| name_of(EXTENDED_KEY_USAGES, &o).map_or(o.clone(), str::to_owned)).collect()
}

fn key_algorithm(spki: &SubjectPublicKeyInfo<'_>) -> KeyAlgorithm {
    match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => KeyAlgorithm::Rsa { bits: rsa.key_size() },
        Ok(x509_parser::public_key::PublicKey::EC(point)) => {
            let curve_oid = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string())
                .unwrap_or_default();
            match CURVES.iter().find(|(o, _, _)| *o == curve_oid) {
                Some((_, name, bits)) => KeyAlgorithm::Ec { curve: (*name).to_owned(), bits: *bits },
                None => KeyAlgorithm::Ec { curve: curve_oid, bits: point.key_size() },
            }
        }
        _ => KeyAlgorithm::Other { oid: spki.algorithm.algorithm.to_id_string() },
    }
}

fn public_key_material(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyMaterial {
    match spki.parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => {
            PublicKeyMaterial::Rsa { modulus: PublicKeyMaterial::normalise_modulus(rsa.modulus) }
        }
        Ok(x509_parser::public_key::PublicKey::EC(point)) => PublicKeyMaterial::Ec { point: point.data().to_vec() },
        _ => PublicKeyMaterial::Other,
    }
}

fn signature_algorithm_name(oid: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
        ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
        ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
        ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
        ("1.2.840.113549.1.1.10", "RSASSA-PSS"),
        ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
        ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
        ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
        ("1.3.101.112", "Ed25519"),
    ];
    name_of(NAMES, oid).map_or_else(|| oid.to_owned(), str::to_owned)
}

fn fingerprint(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// Unix seconds as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian, H. Hinnant's civil-from-days).
pub(crate) fn iso8601(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601(1_795_795_199), "2026-11-27T15:59:59Z");
        assert_eq!(iso8601(-1), "1969-12-31T23:59:59Z");
    }
}
