//! Signing into existing empty signature fields: a document whose fields pyHanko added
//! (`tests/fixtures/two-empty-fields.pyhanko.pdf`, made by `fixtures/make_fields.py`) is
//! listed, signed into a chosen field, and the result checked by pdfsig, qpdf, pyHanko's
//! validator (when `target/pyhanko` exists) and Pecat's own verify.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use pecat_pades::cms::{self, SignerKind};
use pecat_pades::{
    Appearance, Error, SignatureField, SignatureOptions, Verdict, VerifyOptions, empty_signature_fields, prepare,
    reserve_for, signature_fields, verify,
};
use pecat_pki::{Certificate, parse_certificates};
use pecat_testkit::{EndEntity, TestPki};
use rcgen::{KeyPair, SigningKey};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/two-empty-fields.pyhanko.pdf");

struct Signer {
    pki: TestPki,
    cert: Certificate,
    ca: Certificate,
    key: KeyPair,
}

impl Signer {
    fn new() -> Self {
        let pki = TestPki::new();
        let (der, key) = pki.issue_with_key(&EndEntity::romanian(365));
        let cert = parse_certificates(&der, "signer").unwrap().remove(0);
        let ca = parse_certificates(pki.ca_der(), "ca").unwrap().remove(0);
        Self { pki, cert, ca, key }
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

    fn verify_options(&self) -> VerifyOptions {
        let root = parse_certificates(self.pki.root_der(), "root").unwrap().remove(0);
        let anchor =
            pecat_pki::TrustAnchor { certificate: root, qualified: false, source: pecat_pki::AnchorSource::User };
        VerifyOptions { anchors: vec![anchor], ..Default::default() }
    }
}

fn into_field(field: &str, visible: bool) -> SignatureOptions {
    SignatureOptions {
        reason: Some("Semnez în câmpul pregătit".into()),
        reserve: reserve_for(4000),
        field: Some(field.into()),
        // The page and rectangle given here must not matter: the field decides.
        appearance: visible.then(|| Appearance { page: 7, rect: [0.0, 0.0, 1.0, 1.0], lines: vec![], image: None }),
        ..Default::default()
    }
}

fn pdfsig(path: &Path) -> Vec<String> {
    let out = Command::new("pdfsig").arg(path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().filter_map(|l| l.trim().strip_prefix("- Signature Validation: ").map(str::to_owned)).collect()
}

fn qpdf_check(path: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    assert!(out.status.success(), "qpdf --check {}: {}", path.display(), String::from_utf8_lossy(&out.stdout));
}

/// pyHanko's validator over every signature of `path`, trusting `root`: one `field intact valid`
/// line per signature.
fn pyhanko_validate(path: &Path, root_der: &[u8], dir: &Path) -> Option<Vec<String>> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pyhanko/bin/python");
    if !python.exists() {
        eprintln!("note: target/pyhanko is missing (scripts/test installs it); pyHanko's check is skipped");
        return None;
    }
    let root = dir.join("root.der");
    std::fs::write(&root, root_der).unwrap();
    let script = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext
vc = ValidationContext(trust_roots=[load_cert_from_pemder(sys.argv[2])])
with open(sys.argv[1], "rb") as f:
    r = PdfFileReader(f)
    for s in r.embedded_signatures:
        st = validate_pdf_signature(s, vc)
        print(s.field_name, st.intact, st.valid, st.trusted)
"#;
    let out = Command::new(python).arg("-c").arg(script).arg(path).arg(&root).output().unwrap();
    assert!(out.status.success(), "pyHanko: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect())
}

fn copy_fixture(dir: &Path) -> PathBuf {
    let input = dir.join("form.pdf");
    std::fs::copy(FIXTURE, &input).unwrap();
    input
}

#[test]
fn the_empty_fields_pyhanko_added_are_listed_with_page_and_rectangle() {
    let fields = empty_signature_fields(Path::new(FIXTURE)).unwrap();
    assert_eq!(
        fields,
        vec![
            SignatureField { name: "Sig1".into(), page: Some(1), rect: [100.0, 100.0, 300.0, 150.0], signed: false },
            SignatureField { name: "Approval".into(), page: Some(2), rect: [50.0, 600.0, 250.0, 680.0], signed: false },
        ]
    );
    assert!(fields.iter().all(SignatureField::is_visible));
    // A document without a form has none.
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, pecat_testkit::simple_pdf(1, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
    assert!(signature_fields(&plain).unwrap().is_empty());
}

#[test]
fn a_visible_signature_goes_into_the_chosen_field_and_every_validator_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_fixture(dir.path());
    let signer = Signer::new();
    let out = dir.path().join("signed.pdf");
    signer.sign(&input, &out, &into_field("Approval", true)).unwrap();

    qpdf_check(&out);
    assert_eq!(pdfsig(&out), vec!["Signature is Valid.".to_owned()]);
    // No new field: the chosen one holds the signature, the other stays empty.
    let fields = signature_fields(&out).unwrap();
    assert_eq!(fields.len(), 2, "{fields:?}");
    assert!(fields.iter().any(|f| f.name == "Approval" && f.signed && f.page == Some(2)), "{fields:?}");
    assert_eq!(empty_signature_fields(&out).unwrap().iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Sig1"]);

    let report = verify(&out, &signer.verify_options()).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    assert_eq!(report.signatures[0].field, "Approval");
    if let Some(lines) = pyhanko_validate(&out, signer.pki.root_der(), dir.path()) {
        assert_eq!(lines, vec!["Approval True True True".to_owned()]);
    }

    // The appearance stream is referenced from the field's widget.
    let text = String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned();
    let update = &text[std::fs::metadata(&input).unwrap().len() as usize..];
    assert!(update.contains("/T(Approval)") || update.contains("/T (Approval)"), "the field is rewritten");
    assert!(update.contains("/AP"), "with an appearance");
}

#[test]
fn both_fields_signed_one_after_the_other_invisible_then_visible() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_fixture(dir.path());
    let signer = Signer::new();
    let once = dir.path().join("once.pdf");
    signer.sign(&input, &once, &into_field("Sig1", false)).unwrap();
    let twice = dir.path().join("twice.pdf");
    signer.sign(&once, &twice, &into_field("Approval", true)).unwrap();
    qpdf_check(&twice);
    assert_eq!(pdfsig(&twice), vec!["Signature is Valid.".to_owned(), "Signature is Valid.".to_owned()]);
    let report = verify(&twice, &signer.verify_options()).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    assert!(empty_signature_fields(&twice).unwrap().is_empty());
    if let Some(lines) = pyhanko_validate(&twice, signer.pki.root_der(), dir.path()) {
        assert_eq!(lines, vec!["Sig1 True True True".to_owned(), "Approval True True True".to_owned()]);
    }
}

#[test]
fn a_missing_or_signed_field_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_fixture(dir.path());
    let signer = Signer::new();
    let out = dir.path().join("x.pdf");
    match signer.sign(&input, &out, &into_field("Nope", true)) {
        Err(Error::NoSuchField { name, empty }) => {
            assert_eq!(name, "Nope");
            assert_eq!(empty, ["Sig1", "Approval"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(!out.exists());

    let once = dir.path().join("once.pdf");
    signer.sign(&input, &once, &into_field("Sig1", true)).unwrap();
    let again = dir.path().join("again.pdf");
    match signer.sign(&once, &again, &into_field("Sig1", true)) {
        Err(Error::FieldSigned { name }) => assert_eq!(name, "Sig1"),
        other => panic!("{other:?}"),
    }
    assert!(!again.exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".part"));
    assert_eq!(leftovers.count(), 0);
}
