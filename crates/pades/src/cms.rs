//! CMS SignedData for PAdES baseline signatures (ETSI EN 319 142-1 §6.3, ETSI EN 319 122-1,
//! RFC 5652): detached, signed attributes content-type, message-digest and one
//! signing-certificate-v2 (RFC 5035), no signing-time. Built in two steps so the digest to sign
//! exists before any signer (token or cloud) is asked.

use pecat_pki::Certificate;
use pecat_pki::asn1::{self, children, content, octet_string, oid, oid_text, sequence, set_of, tlv};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const ID_DATA: &str = "1.2.840.113549.1.7.1";
pub const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
pub const SHA384: &str = "2.16.840.1.101.3.4.2.2";
pub const SHA512: &str = "2.16.840.1.101.3.4.2.3";
pub const SHA1: &str = "1.3.14.3.2.26";
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
pub const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
pub const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
pub const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
pub const ATTR_SIGNING_CERT_V2: &str = "1.2.840.113549.1.9.16.2.47";
pub const ATTR_SIGNING_CERT: &str = "1.2.840.113549.1.9.16.2.12";
pub const ATTR_TIMESTAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";

/// The signature algorithm of the signer's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignerKind {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rsa,
    /// ECDSA with SHA-256.
    Ecdsa,
}

impl SignerKind {
    /// From the certificate's key.
    pub fn of(cert: &Certificate) -> Result<Self> {
        match cert.summary().key {
            pecat_pki::KeyAlgorithm::Rsa { .. } => Ok(Self::Rsa),
            pecat_pki::KeyAlgorithm::Ec { .. } => Ok(Self::Ecdsa),
            pecat_pki::KeyAlgorithm::Other { ref oid } => Err(Error::Sign(format!("unsupported key algorithm {oid}"))),
        }
    }
}

fn algorithm(o: &str, null_params: bool) -> Vec<u8> {
    if null_params { sequence(&[oid(o), vec![0x05, 0x00]]) } else { sequence(&[oid(o)]) }
}

fn attribute(o: &str, value: Vec<u8>) -> Vec<u8> {
    sequence(&[oid(o), set_of(&[value])])
}

fn issuer_and_serial(cert: &Certificate) -> Vec<u8> {
    sequence(&[cert.issuer_der().to_vec(), cert.serial_der()])
}

/// The signed attributes, DER-encoded as the SET that is hashed and signed (RFC 5652 §5.4).
pub fn signed_attributes(document_digest: &[u8], signer: &Certificate) -> Vec<u8> {
    let cert_hash = Sha256::digest(signer.der());
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } with directoryName [4].
    let issuer_serial = sequence(&[sequence(&[tlv(0xA4, signer.issuer_der())]), signer.serial_der()]);
    // ESSCertIDv2: hashAlgorithm omitted (DEFAULT id-sha256).
    let ess_cert_id = sequence(&[octet_string(&cert_hash), issuer_serial]);
    let signing_certificate_v2 = sequence(&[sequence(&[ess_cert_id])]);
    set_of(&[
        attribute(ATTR_CONTENT_TYPE, oid(ID_DATA)),
        attribute(ATTR_MESSAGE_DIGEST, octet_string(document_digest)),
        attribute(ATTR_SIGNING_CERT_V2, signing_certificate_v2),
    ])
}

/// The digest the signer signs: SHA-256 of the signed attributes.
pub fn to_be_signed(signed_attributes: &[u8]) -> Vec<u8> {
    Sha256::digest(signed_attributes).to_vec()
}

/// Assembles the ContentInfo. `signature` is PKCS#1 v1.5 bytes or a DER ECDSA-Sig-Value.
pub fn assemble(
    signed_attributes: &[u8],
    signature: &[u8],
    kind: SignerKind,
    signer: &Certificate,
    chain: &[Certificate],
) -> Vec<u8> {
    let sha256 = algorithm(SHA256, false);
    // [0] IMPLICIT: the SET's content under a context tag.
    let (attrs, _) = content(signed_attributes).unwrap_or((&[], &[]));
    let signature_algorithm = match kind {
        SignerKind::Rsa => algorithm(RSA_ENCRYPTION, true),
        SignerKind::Ecdsa => algorithm(ECDSA_SHA256, false),
    };
    let signer_info = sequence(&[
        asn1::unsigned_integer(&[1]),
        issuer_and_serial(signer),
        sha256.clone(),
        tlv(0xA0, attrs),
        signature_algorithm,
        octet_string(signature),
    ]);
    let mut certs: Vec<Vec<u8>> = vec![signer.der().to_vec()];
    for c in chain {
        if !certs.iter().any(|d| d == c.der()) {
            certs.push(c.der().to_vec());
        }
    }
    certs.sort();
    let signed_data = sequence(&[
        asn1::unsigned_integer(&[1]),
        set_of(&[sha256]),
        sequence(&[oid(ID_DATA)]),
        tlv(0xA0, &certs.concat()),
        set_of(&[signer_info]),
    ]);
    sequence(&[oid(ID_SIGNED_DATA), tlv(0xA0, &signed_data)])
}

/// A signer's view of a CMS signature, as read back for verification.
#[derive(Debug, Clone)]
pub struct ParsedCms {
    /// Certificates carried in the container.
    pub certificates: Vec<Certificate>,
    /// Digest algorithm OID of the signer.
    pub digest_algorithm: String,
    /// Signature algorithm OID.
    pub signature_algorithm: String,
    /// The signed attributes re-tagged as a SET (what was signed); `None` if absent.
    pub signed_attributes: Option<Vec<u8>>,
    /// Attribute OIDs present in the signed attributes.
    pub signed_attribute_oids: Vec<String>,
    /// messageDigest value.
    pub message_digest: Option<Vec<u8>>,
    /// signingTime, as text (UTCTime/GeneralizedTime), if present.
    pub signing_time: Option<String>,
    /// The signature value.
    pub signature: Vec<u8>,
    /// Issuer (DER) and serial (INTEGER content) of the signer, or its key identifier.
    pub issuer: Option<Vec<u8>>,
    pub serial: Option<Vec<u8>>,
    pub subject_key_id: Option<Vec<u8>>,
    /// Unsigned attribute OIDs (a signature time-stamp makes B-T).
    pub unsigned_attribute_oids: Vec<String>,
    /// The first ESSCertID(v2) of signing-certificate(-v2): the certificate the signer bound.
    pub signing_certificate: Option<EssCertId>,
}

/// An ESSCertIDv2 (RFC 5035 §4) or ESSCertID (RFC 2634 §5.4.1, SHA-1):
///
/// ```text
/// ESSCertIDv2 ::= SEQUENCE {
///     hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certHash      Hash,
///     issuerSerial  IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EssCertId {
    /// Digest algorithm OID of `hash` (SHA-1 for the v1 attribute).
    pub hash_algorithm: String,
    /// Digest of the whole certificate.
    pub hash: Vec<u8>,
    /// The issuer's Name DER (from a directoryName) and the serial INTEGER's content, if given.
    pub issuer_serial: Option<(Vec<u8>, Vec<u8>)>,
}

impl EssCertId {
    /// Whether this names `cert`: same digest and, when given, same issuer and serial.
    pub fn matches(&self, cert: &Certificate) -> bool {
        let digest = match self.hash_algorithm.as_str() {
            SHA256 => Sha256::digest(cert.der()).to_vec(),
            SHA384 => sha2::Sha384::digest(cert.der()).to_vec(),
            SHA512 => sha2::Sha512::digest(cert.der()).to_vec(),
            SHA1 => sha1_digest(cert.der()),
            _ => return false,
        };
        let serial = cert.serial_der();
        digest == self.hash
            && self.issuer_serial.as_ref().is_none_or(|(issuer, s)| {
                issuer == cert.issuer_der() && serial.get(2..).is_some_and(|own| own == s.as_slice())
            })
    }
}

fn sha1_digest(data: &[u8]) -> Vec<u8> {
    use sha1::Digest as _;
    sha1::Sha1::digest(data).to_vec()
}

/// Reads the first ESSCertID(v2) of a SigningCertificate(V2) attribute value.
fn ess_cert_id(value: &[u8], v2: bool) -> Option<EssCertId> {
    let certs = parts(value).ok()?;
    let first = parts(certs.first()?).ok()?;
    let id = parts(first.first()?).ok()?;
    let (hash_algorithm, rest) = match (v2, id.first()?.first()) {
        (true, Some(0x30)) => (first_oid(id.first()?), &id[1..]),
        (true, _) => (SHA256.to_owned(), &id[..]),
        (false, _) => (SHA1.to_owned(), &id[..]),
    };
    let hash = content(rest.first()?).ok()?.0.to_vec();
    let issuer_serial = rest.get(1).and_then(|is| {
        let is = parts(is).ok()?;
        let names = parts(is.first()?).ok()?;
        let directory = names.iter().find(|n| n.first() == Some(&0xA4))?;
        let (name, _) = content(directory).ok()?;
        Some((name.to_vec(), content(is.get(1)?).ok()?.0.to_vec()))
    });
    Some(EssCertId { hash_algorithm, hash, issuer_serial })
}

fn bad(reason: &str) -> Error {
    Error::Cms(reason.to_owned())
}

fn parts(data: &[u8]) -> Result<Vec<&[u8]>> {
    let (c, _) = content(data).map_err(|e| Error::Cms(e.to_string()))?;
    children(c).map_err(|e| Error::Cms(e.to_string()))
}

fn oid_of(element: &[u8]) -> String {
    content(element).map(|(c, _)| oid_text(c)).unwrap_or_default()
}

fn first_oid(alg: &[u8]) -> String {
    parts(alg).ok().and_then(|p| p.first().map(|o| oid_of(o))).unwrap_or_default()
}

/// Reads a ContentInfo holding SignedData with one signer.
pub fn parse(der: &[u8]) -> Result<ParsedCms> {
    // /Contents is zero-padded: the element's own length says where it ends.
    let len = asn1::element_len(der).map_err(|e| Error::Cms(e.to_string()))?;
    let der = der.get(..len).ok_or_else(|| bad("cut off"))?;
    let ci = parts(der)?;
    if ci.first().map(|o| oid_of(o)).as_deref() != Some(ID_SIGNED_DATA) {
        return Err(bad("it is not SignedData"));
    }
    let explicit = ci.get(1).ok_or_else(|| bad("no content"))?;
    let (sd, _) = content(explicit).map_err(|e| Error::Cms(e.to_string()))?;
    let fields = parts(sd)?;
    let mut certificates = Vec::new();
    let mut signer_infos = None;
    for f in fields.iter().skip(3) {
        match f.first() {
            Some(0xA0) => {
                let (set, _) = content(f).map_err(|e| Error::Cms(e.to_string()))?;
                for c in children(set).map_err(|e| Error::Cms(e.to_string()))? {
                    if c.first() == Some(&0x30)
                        && let Ok(cert) = Certificate::from_der(c.to_vec(), "certificate in the signature")
                    {
                        certificates.push(cert);
                    }
                }
            }
            Some(0x31) => signer_infos = Some(*f),
            _ => {}
        }
    }
    let infos = parts(signer_infos.ok_or_else(|| bad("no SignerInfo"))?)?;
    let si = parts(infos.first().ok_or_else(|| bad("no SignerInfo"))?)?;
    // version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1] unsigned?
    let sid = si.get(1).ok_or_else(|| bad("SignerInfo without sid"))?;
    let (mut issuer, mut serial, mut subject_key_id) = (None, None, None);
    if sid.first() == Some(&0x30) {
        let p = parts(sid)?;
        issuer = p.first().map(|i| i.to_vec());
        serial = p.get(1).and_then(|s| content(s).ok()).map(|(c, _)| c.to_vec());
    } else if sid.first() == Some(&0x80) {
        subject_key_id = content(sid).ok().map(|(c, _)| c.to_vec());
    }
    let digest_algorithm = first_oid(si.get(2).ok_or_else(|| bad("no digest algorithm"))?);
    let mut i = 3;
    let mut signed_attributes = None;
    let mut signed_attribute_oids = Vec::new();
    let mut message_digest = None;
    let mut signing_time = None;
    let mut signing_certificate = None;
    if si.get(i).and_then(|e| e.first()) == Some(&0xA0) {
        let (attrs, _) = content(si[i]).map_err(|e| Error::Cms(e.to_string()))?;
        signed_attributes = Some(tlv(0x31, attrs));
        for a in children(attrs).map_err(|e| Error::Cms(e.to_string()))? {
            let p = parts(a)?;
            let o = p.first().map(|o| oid_of(o)).unwrap_or_default();
            let value = p.get(1).and_then(|set| parts(set).ok()).and_then(|v| v.first().map(|x| x.to_vec()));
            match o.as_str() {
                ATTR_MESSAGE_DIGEST => message_digest = value.and_then(|v| content(&v).ok().map(|(c, _)| c.to_vec())),
                ATTR_SIGNING_CERT_V2 | ATTR_SIGNING_CERT if signing_certificate.is_none() => {
                    signing_certificate = value.as_deref().and_then(|v| ess_cert_id(v, o == ATTR_SIGNING_CERT_V2));
                }
                ATTR_SIGNING_TIME => {
                    signing_time =
                        value.and_then(|v| content(&v).ok().map(|(c, _)| String::from_utf8_lossy(c).into_owned()));
                }
                _ => {}
            }
            signed_attribute_oids.push(o);
        }
        i += 1;
    }
    let signature_algorithm = first_oid(si.get(i).ok_or_else(|| bad("no signature algorithm"))?);
    let signature = si
        .get(i + 1)
        .and_then(|s| content(s).ok())
        .map(|(c, _)| c.to_vec())
        .ok_or_else(|| bad("no signature value"))?;
    let mut unsigned_attribute_oids = Vec::new();
    if let Some(u) = si.get(i + 2).filter(|u| u.first() == Some(&0xA1)) {
        let (attrs, _) = content(u).map_err(|e| Error::Cms(e.to_string()))?;
        for a in children(attrs).map_err(|e| Error::Cms(e.to_string()))? {
            unsigned_attribute_oids.push(parts(a)?.first().map(|o| oid_of(o)).unwrap_or_default());
        }
    }
    Ok(ParsedCms {
        certificates,
        digest_algorithm,
        signature_algorithm,
        signed_attributes,
        signed_attribute_oids,
        message_digest,
        signing_time,
        signature,
        issuer,
        serial,
        subject_key_id,
        unsigned_attribute_oids,
        signing_certificate,
    })
}
