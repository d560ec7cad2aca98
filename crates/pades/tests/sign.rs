//! Signing every PDF shape with an in-memory P-256 key, checked by pdfsig and qpdf; token keys
//! (RSA and EC on SoftHSM2) are exercised end to end by the CLI tests.

#![allow(clippy::unwrap_used)]

mod shapes;

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use pecat_pades::cms::{self, SignerKind};
use pecat_pades::{Error, SignatureOptions, prepare, reserve_for};
use pecat_pki::{Certificate, parse_certificates};
use pecat_testkit::{EndEntity, TestPki};
use rcgen::{KeyPair, SigningKey};

struct Signer {
    cert: Certificate,
    ca: Certificate,
    key: KeyPair,
}

impl Signer {
    fn new(pki: &TestPki) -> Self {
        let (der, key) = pki.issue_with_key(&EndEntity::romanian(365));
        Self {
            cert: parse_certificates(&der, "signer").unwrap().remove(0),
            ca: parse_certificates(pki.ca_der(), "ca").unwrap().remove(0),
            key,
        }
    }

    fn sign(&self, input: &Path, output: &Path, options: &SignatureOptions) -> pecat_pades::Result<()> {
        let prepared = prepare(input, output, options, SystemTime::now())?;
        let attrs = cms::signed_attributes(&prepared.digest, &self.cert);
        let signature = self.key.sign(&attrs).unwrap();
        let container =
            cms::assemble(&attrs, &signature, SignerKind::Ecdsa, &self.cert, std::slice::from_ref(&self.ca));
        prepared.embed(&container)?;
        Ok(())
    }
}

fn options() -> SignatureOptions {
    SignatureOptions {
        reason: Some("Aprob documentul".into()),
        location: Some("București".into()),
        reserve: reserve_for(4000),
        ..Default::default()
    }
}

/// pdfsig's verdicts, one per signature.
fn pdfsig(path: &Path) -> Vec<(String, String)> {
    let out = Command::new("pdfsig").arg(path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut sigs = Vec::new();
    let mut kind = String::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(t) = line.strip_prefix("- Signature Type: ") {
            kind = t.to_owned();
        }
        if let Some(v) = line.strip_prefix("- Signature Validation: ") {
            sigs.push((kind.clone(), v.to_owned()));
        }
    }
    sigs
}

fn qpdf_check(path: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    assert!(out.status.success(), "qpdf --check {}: {}", path.display(), String::from_utf8_lossy(&out.stdout));
}

#[test]
fn every_shape_signs_twice_and_pdfsig_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new();
    let signer = Signer::new(&pki);
    for (name, input) in shapes::shapes(dir.path()) {
        let original = std::fs::read(&input).unwrap();
        let once = dir.path().join(format!("{name}.signed.pdf"));
        signer.sign(&input, &once, &options()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(std::fs::read(&input).unwrap(), original, "{name}: the input is untouched");
        let signed = std::fs::read(&once).unwrap();
        assert_eq!(&signed[..original.len()], &original[..], "{name}: the original bytes come first, unchanged");
        qpdf_check(&once);
        let v = pdfsig(&once);
        assert_eq!(v, vec![("ETSI.CAdES.detached".to_owned(), "Signature is Valid.".to_owned())], "{name}");

        let twice = dir.path().join(format!("{name}.signed2.pdf"));
        signer.sign(&once, &twice, &options()).unwrap_or_else(|e| panic!("{name} (second): {e}"));
        assert_eq!(
            &std::fs::read(&twice).unwrap()[..signed.len()],
            &signed[..],
            "{name}: the first signature's bytes stay"
        );
        qpdf_check(&twice);
        let v = pdfsig(&twice);
        assert_eq!(v.len(), 2, "{name}: {v:?}");
        assert!(v.iter().all(|(k, s)| k == "ETSI.CAdES.detached" && s == "Signature is Valid."), "{name}: {v:?}");
    }
}

#[test]
fn refusals_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new();
    let signer = Signer::new(&pki);
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pecat_testkit::simple_pdf(1, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();

    let encrypted = dir.path().join("encrypted.pdf");
    shapes::qpdf(&["--encrypt", "user", "owner", "256", "--"], &input, &encrypted);
    let err = signer.sign(&encrypted, &dir.path().join("e.signed.pdf"), &options()).unwrap_err();
    assert!(matches!(err, Error::Encrypted { .. }), "{err}");

    let err = signer.sign(&input, &input, &options()).unwrap_err();
    assert!(matches!(err, Error::SameFile { .. }), "{err}");

    let existing = dir.path().join("exists.pdf");
    std::fs::write(&existing, b"keep me").unwrap();
    let err = signer.sign(&input, &existing, &options()).unwrap_err();
    assert!(matches!(err, Error::Exists { .. }), "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");

    // A container larger than the reservation: refused at embed time, no output.
    let tiny = SignatureOptions { reserve: 64, ..options() };
    let out = dir.path().join("tiny.pdf");
    let err = signer.sign(&input, &out, &tiny).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(!out.exists());

    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
