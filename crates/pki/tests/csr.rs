//! Certificate requests over an in-memory signer; the token signer is tested end to end.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use pecat_pki::{CsrKey, CsrOptions, CsrSigner, Error, build_csr, csr_subject, parse_certificates, parse_dn};
use pecat_testkit::{EndEntity, TestPki};
use rcgen::{KeyPair, PublicKeyData, SigningKey};
use secrecy::SecretString;

struct Memory {
    key: KeyPair,
    csr_key: CsrKey,
    fail: bool,
}

impl Memory {
    fn p256() -> Self {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let csr_key = CsrKey::P256 { point: key.der_bytes().to_vec() };
        Self { key, csr_key, fail: false }
    }
}

impl CsrSigner for Memory {
    fn key(&self) -> &CsrKey {
        &self.csr_key
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        if self.fail {
            return Err("the token went away".into());
        }
        SigningKey::sign(&self.key, message).map_err(|e| e.to_string())
    }
}

fn openssl_req(der: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("req.der");
    std::fs::write(&f, der).unwrap();
    let out = Command::new("openssl")
        .args(["req", "-inform", "der", "-in", f.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn subject_copied_from_a_certificate_keeps_order_and_types() {
    let pki = TestPki::new();
    let cert = parse_certificates(&pki.issue_foreign(&EndEntity::romanian(365)), "c").unwrap().remove(0);
    let signer = Memory::p256();
    let options = CsrOptions {
        subject: cert.summary().subject_attributes.clone(),
        challenge_password: Some(SecretString::from("provider-secret".to_owned())),
        signing_key_usage: true,
    };
    let csr = build_csr(&signer, &options).unwrap();
    assert_eq!(csr_subject(csr.der()).unwrap(), cert.summary().subject);
    assert!(openssl_req(csr.der(), &["-verify", "-noout"]).contains("verify OK"));
    let text = openssl_req(csr.der(), &["-noout", "-text"]);
    assert!(text.contains("Digital Signature, Non Repudiation"), "{text}");
    assert!(text.contains("challengePassword"), "{text}");
    // Byte-exact name: the request's subject DER is the certificate's.
    use x509_parser::prelude::FromDer;
    let (_, req) = x509_parser::certification_request::X509CertificationRequest::from_der(csr.der()).unwrap();
    assert_eq!(req.certification_request_info.subject.as_raw(), cert.subject_der());
    assert!(csr.pem().starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
}

#[test]
fn typed_subject_and_failures() {
    let signer = Memory::p256();
    let subject = parse_dn("C=RS, O=Firma d.o.o., CN=Петар Петровић").unwrap();
    let csr = build_csr(&signer, &CsrOptions { subject, challenge_password: None, signing_key_usage: false }).unwrap();
    assert_eq!(csr_subject(csr.der()).unwrap(), "C=RS, O=Firma d.o.o., CN=Петар Петровић");
    assert!(!openssl_req(csr.der(), &["-noout", "-text"]).contains("Key Usage"));

    let twice = parse_dn("OU=A, OU=B, CN=x").unwrap();
    let err = build_csr(&signer, &CsrOptions { subject: twice, challenge_password: None, signing_key_usage: true })
        .unwrap_err();
    assert!(err.to_string().contains("the subject has OU twice"), "{err}");

    let failing = Memory { fail: true, ..Memory::p256() };
    let err = build_csr(
        &failing,
        &CsrOptions { subject: parse_dn("CN=x").unwrap(), challenge_password: None, signing_key_usage: true },
    )
    .unwrap_err();
    assert!(matches!(&err, Error::Sign { reason } if reason == "the token went away"), "{err}");

    // A signer whose key does not match what it claims is caught before the request leaves.
    let liar = Memory { csr_key: Memory::p256().csr_key, ..Memory::p256() };
    let err = build_csr(
        &liar,
        &CsrOptions { subject: parse_dn("CN=x").unwrap(), challenge_password: None, signing_key_usage: true },
    )
    .unwrap_err();
    assert!(err.to_string().contains("signature does not verify"), "{err}");
}
