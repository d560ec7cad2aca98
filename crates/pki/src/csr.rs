//! PKCS#10 certificate requests (RFC 2986) built with rcgen over any signer: a token key signs
//! through [`CsrSigner`], so the private key never leaves the token.

use std::cell::RefCell;

use rcgen::string::{BmpString, Ia5String, PrintableString, TeletexString, UniversalString};
use rcgen::{CertificateParams, DistinguishedName, DnType, DnValue, KeyUsagePurpose, SignatureAlgorithm};
use secrecy::{ExposeSecret, SecretString};

use crate::asn1;
use crate::error::{Error, Result};
use crate::name::{self, NameAttribute};

/// The public key a CSR is for, as a token holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrKey {
    /// RSA, signed with SHA-256.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// EC P-256, signed with ECDSA SHA-256.
    P256 { point: Vec<u8> },
    /// EC P-384, signed with ECDSA SHA-384.
    P384 { point: Vec<u8> },
}

impl CsrKey {
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        match self {
            Self::Rsa { .. } => &rcgen::PKCS_RSA_SHA256,
            Self::P256 { .. } => &rcgen::PKCS_ECDSA_P256_SHA256,
            Self::P384 { .. } => &rcgen::PKCS_ECDSA_P384_SHA384,
        }
    }

    fn public_key_bytes(&self) -> Vec<u8> {
        match self {
            Self::Rsa { modulus, exponent } => asn1::rsa_public_key(modulus, exponent),
            Self::P256 { point } | Self::P384 { point } => point.clone(),
        }
    }
}

/// Signs the request body. The signer hashes (SHA-256, or SHA-384 for P-384) and returns the
/// signature as X.509 carries it: PKCS#1 v1.5 bytes, or a DER `ECDSA-Sig-Value`.
pub trait CsrSigner {
    /// The key being certified.
    fn key(&self) -> &CsrKey;
    /// Signs `message`; the error says why (the caller may keep a typed reason aside).
    fn sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, String>;
}

/// What goes into the request besides the key.
#[derive(Debug, Clone)]
pub struct CsrOptions {
    /// Subject attributes, in order.
    pub subject: Vec<NameAttribute>,
    /// PKCS#9 challengePassword, when the provider asks for one.
    pub challenge_password: Option<SecretString>,
    /// Request key usage digitalSignature + nonRepudiation (a signing certificate).
    pub signing_key_usage: bool,
}

/// A built request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Csr {
    der: Vec<u8>,
}

impl Csr {
    /// DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// PEM encoding (`CERTIFICATE REQUEST`).
    pub fn pem(&self) -> String {
        crate::export::pem_block("CERTIFICATE REQUEST", &self.der)
    }
}

struct Adapter<'a, S: CsrSigner> {
    signer: &'a S,
    public: Vec<u8>,
    error: RefCell<Option<String>>,
}

impl<S: CsrSigner> rcgen::PublicKeyData for Adapter<'_, S> {
    fn der_bytes(&self) -> &[u8] {
        &self.public
    }
    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.signer.key().algorithm()
    }
}

impl<S: CsrSigner> rcgen::SigningKey for Adapter<'_, S> {
    fn sign(&self, msg: &[u8]) -> std::result::Result<Vec<u8>, rcgen::Error> {
        self.signer.sign(msg).map_err(|e| {
            *self.error.borrow_mut() = Some(e);
            rcgen::Error::RemoteKeyError
        })
    }
}

/// PKCS#9 challengePassword (RFC 2985 §5.4.1).
const CHALLENGE_PASSWORD: &[u64] = &[1, 2, 840, 113549, 1, 9, 7];

fn oid_arcs(oid: &str) -> Result<Vec<u64>> {
    oid.split('.')
        .map(|a| a.parse::<u64>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| Error::Encode { what: "certificate request".into(), reason: format!("bad OID {oid}") })
}

fn dn_value(a: &NameAttribute) -> Result<DnValue> {
    let bad =
        |e: rcgen::Error| Error::Encode { what: "certificate request".into(), reason: format!("{}: {e}", a.name) };
    let v = a.value.as_str();
    Ok(match a.tag {
        19 => DnValue::PrintableString(PrintableString::try_from(v).map_err(bad)?),
        22 => DnValue::Ia5String(Ia5String::try_from(v).map_err(bad)?),
        20 => DnValue::TeletexString(TeletexString::try_from(v).map_err(bad)?),
        30 => DnValue::BmpString(BmpString::try_from(v).map_err(bad)?),
        28 => DnValue::UniversalString(UniversalString::try_from(v).map_err(bad)?),
        _ => DnValue::Utf8String(v.to_owned()),
    })
}

/// Builds and signs a request. The signature is checked before the request is returned.
pub fn build_csr(signer: &impl CsrSigner, options: &CsrOptions) -> Result<Csr> {
    let encode_err = |reason: String| Error::Encode { what: "certificate request".into(), reason };
    let mut dn = DistinguishedName::new();
    let mut seen: Vec<&str> = Vec::new();
    for a in &options.subject {
        if seen.contains(&a.oid.as_str()) {
            return Err(encode_err(format!(
                "the subject has {} twice; Pecat's request builder keeps one value per attribute type",
                a.name
            )));
        }
        seen.push(&a.oid);
        dn.push(DnType::CustomDnType(oid_arcs(&a.oid)?), dn_value(a)?);
    }
    let mut params = CertificateParams::default();
    params.distinguished_name = dn;
    if options.signing_key_usage {
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment];
    }
    let mut attributes = Vec::new();
    if let Some(pw) = &options.challenge_password {
        let value = asn1::tlv(0x0C, pw.expose_secret().as_bytes());
        attributes.push(rcgen::Attribute { oid: CHALLENGE_PASSWORD, values: asn1::tlv(0x31, &value) });
    }
    let adapter = Adapter { signer, public: signer.key().public_key_bytes(), error: RefCell::new(None) };
    let csr =
        params.serialize_request_with_attributes(&adapter, attributes).map_err(|e| match adapter.error.take() {
            Some(reason) => Error::Sign { reason },
            None => encode_err(e.to_string()),
        })?;
    let der = csr.der().to_vec();
    verify_csr(&der)?;
    Ok(Csr { der })
}

/// Checks a request's self-signature (RFC 2986 §3, proof of possession).
pub fn verify_csr(der: &[u8]) -> Result<()> {
    use x509_parser::prelude::FromDer;
    let bad = |reason: String| Error::Encode { what: "certificate request".into(), reason };
    let (_, req) = x509_parser::certification_request::X509CertificationRequest::from_der(der)
        .map_err(|e| bad(format!("it does not parse back: {e}")))?;
    req.verify_signature().map_err(|e| bad(format!("its signature does not verify: {e}")))
}

/// The subject of a request, formatted as a certificate's is.
pub fn csr_subject(der: &[u8]) -> Result<String> {
    use x509_parser::prelude::FromDer;
    let (_, req) = x509_parser::certification_request::X509CertificationRequest::from_der(der)
        .map_err(|e| Error::Encode { what: "certificate request".into(), reason: e.to_string() })?;
    Ok(name::format(&name::attributes(&req.certification_request_info.subject)))
}
