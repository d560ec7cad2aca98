//! Certificates from the test PKI: summaries, qualified status, chains and exports.

#![allow(clippy::unwrap_used)]

use std::time::SystemTime;

use pecat_pki::{
    ChainEnd, Error, ExpiryStatus, ExportFormat, KeyAlgorithm, build_chain, encode, parse_certificates,
    write_customs_pair,
};
use pecat_testkit::{EndEntity, TestPki};

fn one(der: &[u8]) -> pecat_pki::Certificate {
    let mut certs = parse_certificates(der, "test").expect("parses");
    assert_eq!(certs.len(), 1);
    certs.remove(0)
}

#[test]
fn summary_of_a_qualified_certificate() {
    let pki = TestPki::new();
    let cert = one(&pki.issue_foreign(&EndEntity::romanian(365)));
    let s = cert.summary();
    assert_eq!(s.common_name.as_deref(), Some("Ștefan Țăranu"));
    assert_eq!(s.subject, "C=RO, SN=Țăranu, GN=Ștefan, serialNumber=PNORO-1850101123456, CN=Ștefan Țăranu");
    assert_eq!(s.issuer, "C=RO, O=Pecat Test Trust Services, CN=Pecat Test Qualified CA");
    assert_eq!(s.key, KeyAlgorithm::Ec { curve: "P-256".into(), bits: 256 });
    assert_eq!(s.signature_algorithm, "ecdsa-with-SHA256");
    assert!(s.key_usage.non_repudiation() && s.key_usage.digital_signature());
    assert!(!s.is_ca);
    assert_eq!(s.qualified.label(), "qualified, QSCD, esign");
    assert_eq!(s.qualified.qualified_policies, vec!["QCP-n-qscd"]);
    assert_eq!(s.sha256.len(), 32 * 3 - 1);
    assert!(s.authority_key_id.is_some());
    assert!(matches!(cert.expiry_at(SystemTime::now()), ExpiryStatus::Valid { days_left: 364 | 365 }));
}

#[test]
fn unqualified_certificate_says_so() {
    let pki = TestPki::new();
    let mut holder = EndEntity::romanian(20);
    holder.qualified = false;
    let cert = one(&pki.issue_foreign(&holder));
    assert!(!cert.summary().qualified.is_qualified());
    assert!(matches!(cert.expiry_at(SystemTime::now()), ExpiryStatus::RenewSoon { .. }));
}

#[test]
fn chain_reaches_the_root_and_checks_signatures() {
    let pki = TestPki::new();
    let impostor = TestPki::new(); // same CA names, other keys
    let leaf = one(&pki.issue_foreign(&EndEntity::romanian(365)));
    let ca = one(pki.ca_der());
    let root = one(pki.root_der());
    let fake_ca = one(impostor.ca_der());
    assert_eq!(ca.summary().subject, fake_ca.summary().subject);

    let chain = build_chain(&leaf, &[fake_ca.clone(), root.clone(), ca.clone()]);
    assert_eq!(chain.end, ChainEnd::Root);
    assert_eq!(chain.certificates, vec![leaf.clone(), ca.clone(), root.clone()]);

    let partial = build_chain(&leaf, &[ca.clone(), one(impostor.root_der())]);
    assert_eq!(partial.certificates.len(), 2);
    assert_eq!(
        partial.end,
        ChainEnd::IssuerMissing { issuer: "C=RO, O=Pecat Test Trust Services, CN=Pecat Test Root CA".into() }
    );

    let alone = build_chain(&leaf, &[fake_ca]);
    assert_eq!(alone.certificates.len(), 1);
    assert!(alone.issuer().is_none());
}

#[test]
fn exports_round_trip() {
    let pki = TestPki::new();
    let leaf = one(&pki.issue_foreign(&EndEntity::romanian(365)));
    let ca = one(pki.ca_der());

    let der = encode(ExportFormat::Der, &[&leaf]).unwrap();
    assert_eq!(der, leaf.der());
    let err = encode(ExportFormat::Der, &[&leaf, &ca]).unwrap_err();
    assert!(err.to_string().contains("DER holds one certificate"));

    let pem = encode(ExportFormat::Pem, &[&leaf, &ca]).unwrap();
    assert!(pem.starts_with(b"-----BEGIN CERTIFICATE-----\n"));
    assert_eq!(parse_certificates(&pem, "pem").unwrap(), vec![leaf.clone(), ca.clone()]);

    let p7b = encode(ExportFormat::P7b, &[&leaf, &ca]).unwrap();
    let mut back = parse_certificates(&p7b, "p7b").unwrap();
    back.sort_by(|a, b| a.der().cmp(b.der()));
    let mut expected = vec![leaf, ca];
    expected.sort_by(|a, b| a.der().cmp(b.der()));
    assert_eq!(back, expected);
}

#[test]
fn truncated_certificate_is_refused_with_the_reason() {
    let pki = TestPki::new();
    let der = pki.issue_foreign(&EndEntity::romanian(365));
    let err = parse_certificates(&der[..der.len() - 10], "cut.cer").unwrap_err();
    assert!(matches!(err, Error::Truncated { .. }), "{err}");
    assert!(err.to_string().starts_with("cut.cer is truncated"), "{err}");

    let mut trailing = der.clone();
    trailing.extend_from_slice(b"xx");
    let err = parse_certificates(&trailing, "t.cer").unwrap_err();
    assert!(err.to_string().contains("unexpected bytes after the certificate"), "{err}");

    let mut bad = der;
    bad[20] ^= 0xFF; // inside the TBS header
    assert!(parse_certificates(&bad, "bad.cer").is_err());
}

#[test]
fn customs_pair_is_written_once_and_never_clobbered() {
    let pki = TestPki::new();
    let leaf = one(&pki.issue_foreign(&EndEntity::romanian(365)));
    let ca = one(pki.ca_der());
    let dir = tempfile::tempdir().unwrap();
    let chain = build_chain(&leaf, std::slice::from_ref(&ca));
    let pair = write_customs_pair(&chain, dir.path(), false).unwrap();
    assert_eq!(pair.personal.file_name().unwrap(), "Ștefan Țăranu - personal.cer");
    assert_eq!(pair.intermediate.file_name().unwrap(), "Pecat Test Qualified CA - issuing CA.cer");
    assert_eq!(std::fs::read(&pair.personal).unwrap(), leaf.der());
    assert_eq!(std::fs::read(&pair.intermediate).unwrap(), ca.der());

    let err = write_customs_pair(&chain, dir.path(), false).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");

    let lonely = build_chain(&leaf, &[]);
    let err = write_customs_pair(&lonely, tempfile::tempdir().unwrap().path(), false).unwrap_err();
    assert!(matches!(err, Error::IssuerMissing { .. }));
}
