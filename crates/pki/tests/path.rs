//! RFC 5280 path validation: chains built with rcgen that break one rule each.

#![allow(clippy::unwrap_used)]

use pecat_pki::{AnchorSource, Certificate, PathProblem, TrustAnchor, validate_path};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use time::{Duration, OffsetDateTime};

const DAY: i64 = 86_400;

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

struct Node {
    params: CertificateParams,
    key: KeyPair,
    cert: Certificate,
}

fn params(cn: &str, ca: IsCa, usages: Vec<KeyUsagePurpose>) -> CertificateParams {
    let t = OffsetDateTime::now_utc();
    let mut p = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    p.distinguished_name = dn;
    p.is_ca = ca;
    p.key_usages = usages;
    p.not_before = t - Duration::days(10);
    p.not_after = t + Duration::days(365);
    p
}

fn make(p: CertificateParams, issuer: Option<&Node>) -> Node {
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let der = match issuer {
        None => p.self_signed(&key).unwrap().der().to_vec(),
        Some(i) => p.signed_by(&key, &Issuer::from_params(&i.params, &i.key)).unwrap().der().to_vec(),
    };
    let cert = Certificate::from_der(der, "test").unwrap();
    Node { params: p, key, cert }
}

fn ca(cn: &str, path_len: Option<u8>, issuer: Option<&Node>) -> Node {
    let bc = path_len.map_or(BasicConstraints::Unconstrained, BasicConstraints::Constrained);
    make(params(cn, IsCa::Ca(bc), vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign]), issuer)
}

fn leaf(cn: &str, issuer: &Node) -> Node {
    make(
        params(cn, IsCa::ExplicitNoCa, vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment]),
        Some(issuer),
    )
}

fn anchor(n: &Node, qualified: bool) -> TrustAnchor {
    TrustAnchor { certificate: n.cert.clone(), qualified, source: AnchorSource::User }
}

#[test]
fn a_proper_chain_is_trusted_and_carries_the_anchor_mark() {
    let root = ca("Root", None, None);
    let sub = ca("Issuing CA", Some(0), Some(&root));
    let signer = leaf("Signer", &sub);
    let v = validate_path(&signer.cert, std::slice::from_ref(&sub.cert), &[anchor(&root, true)], now());
    assert!(v.is_trusted(), "{:?}", v.problems);
    assert_eq!(v.chain.len(), 3);
    assert!(v.anchor.as_ref().unwrap().qualified);
    // The same chain with an unmarked anchor is trusted but not qualified.
    let v = validate_path(&signer.cert, std::slice::from_ref(&sub.cert), &[anchor(&root, false)], now());
    assert!(v.is_trusted() && !v.anchor.unwrap().qualified);
}

#[test]
fn a_certificate_issued_by_an_end_entity_is_not_trusted() {
    let root = ca("Root", None, None);
    let sub = ca("Issuing CA", Some(0), Some(&root));
    let honest = leaf("Honest Holder", &sub);
    let forged = leaf("Forged Holder", &honest);
    let pool = [honest.cert.clone(), sub.cert.clone()];
    let v = validate_path(&forged.cert, &pool, &[anchor(&root, true)], now());
    assert!(!v.is_trusted());
    assert!(v.problems.contains(&PathProblem::IssuerNotCa { subject: "CN=Honest Holder".into() }), "{:?}", v.problems);
    assert!(v.problems.iter().any(|p| matches!(p, PathProblem::IssuerCannotSignCertificates { .. })));
    // Even when the user trusts the end-entity certificate itself, it cannot vouch for others.
    let v = validate_path(&forged.cert, &pool, &[anchor(&honest, false)], now());
    assert!(!v.is_trusted(), "{:?}", v.problems);
}

#[test]
fn path_length_and_validity_are_enforced() {
    let root = ca("Root", None, None);
    let zero = ca("No Sub-CAs Allowed", Some(0), Some(&root));
    let sub = ca("Sub CA", None, Some(&zero));
    let signer = leaf("Deep Signer", &sub);
    let v = validate_path(&signer.cert, &[sub.cert.clone(), zero.cert.clone()], &[anchor(&root, false)], now());
    assert!(
        v.problems.contains(&PathProblem::PathLengthExceeded {
            subject: "CN=No Sub-CAs Allowed".into(),
            path_len: 0,
            below: 1
        }),
        "{:?}",
        v.problems
    );

    let issuing = ca("Issuing CA", Some(0), Some(&root));
    let holder = leaf("Holder", &issuing);
    let later = now() + 400 * DAY;
    let v = validate_path(&holder.cert, std::slice::from_ref(&issuing.cert), &[anchor(&root, false)], later);
    assert!(v.problems.iter().any(|p| matches!(p, PathProblem::Expired { subject, .. } if subject == "CN=Holder")));
    let earlier = now() - 30 * DAY;
    let v = validate_path(&holder.cert, std::slice::from_ref(&issuing.cert), &[anchor(&root, false)], earlier);
    assert!(v.problems.iter().any(|p| matches!(p, PathProblem::NotYetValid { .. })), "{:?}", v.problems);
}

#[test]
fn unknown_critical_extensions_and_untrusted_roots_refuse_trust() {
    let root = ca("Root", None, None);
    let sub = ca("Issuing CA", Some(0), Some(&root));
    let mut p = params(
        "Odd Holder",
        IsCa::ExplicitNoCa,
        vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::ContentCommitment],
    );
    let mut ext = CustomExtension::from_oid_content(&[1, 2, 3, 4, 5, 6, 7], vec![0x05, 0x00]);
    ext.set_criticality(true);
    p.custom_extensions.push(ext);
    let odd = make(p, Some(&sub));
    let v = validate_path(&odd.cert, std::slice::from_ref(&sub.cert), &[anchor(&root, false)], now());
    assert!(v.problems.contains(&PathProblem::UnknownCriticalExtension {
        subject: "CN=Odd Holder".into(),
        oid: "1.2.3.4.5.6.7".into()
    }));

    let other_root = ca("Someone Else's Root", None, None);
    let signer = leaf("Signer", &sub);
    let v = validate_path(&signer.cert, &[sub.cert.clone(), root.cert.clone()], &[anchor(&other_root, true)], now());
    assert!(v.anchor.is_none());
    assert_eq!(v.problems, vec![PathProblem::UntrustedRoot { root: "CN=Root".into() }]);
    let v = validate_path(&signer.cert, &[], &[anchor(&other_root, true)], now());
    assert!(matches!(v.problems[..], [PathProblem::IssuerMissing { .. }]), "{:?}", v.problems);
}

#[test]
fn a_tls_server_certificate_is_not_a_document_signer() {
    let root = ca("Web Root", None, None);
    let mut p = params("www.example.test", IsCa::ExplicitNoCa, vec![KeyUsagePurpose::DigitalSignature]);
    p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let web = make(p, Some(&root));
    let v = validate_path(&web.cert, &[], &[anchor(&root, false)], now());
    assert!(v.problems.iter().any(|p| matches!(p, PathProblem::SignerExtendedKeyUsage { .. })), "{:?}", v.problems);
    let mut p = params("Encrypt Only", IsCa::ExplicitNoCa, vec![KeyUsagePurpose::KeyEncipherment]);
    p.not_before = OffsetDateTime::now_utc() - Duration::days(1);
    let enc = make(p, Some(&root));
    let v = validate_path(&enc.cert, &[], &[anchor(&root, false)], now());
    assert_eq!(v.problems, vec![PathProblem::SignerKeyUsage { subject: "CN=Encrypt Only".into() }]);
}
