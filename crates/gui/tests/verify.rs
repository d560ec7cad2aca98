//! The verify screen: every finding pades can report has a sentence in each language, the
//! screen words a report per signature (colour, icon and words), and its trust choices emit
//! their messages. Run with `ICED_TEST_BACKEND=tiny-skia`.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;
use std::time::SystemTime;

use pecat::backend::Backend;
use pecat::i18n::Language;
use pecat::screen::verify::{Message, Verify, words};
use pecat_core::TrustChoice;
use pecat_pades::{Change, ChangeClass, Problem};
use pecat_pki::PathProblem;

const SIGNED_BY_PYHANKO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus/verify/signed-pyhanko.pdf");

fn every_problem() -> Vec<Problem> {
    let s = || "x".to_owned();
    let class = ChangeClass::Other;
    let mut v = vec![
        Problem::SignatureUnreadable { reason: s() },
        Problem::ByteRangeMalformed,
        Problem::ContentsMalformed,
        Problem::ByteRangeGap,
        Problem::DigestMismatch,
        Problem::UnsupportedDigest { algorithm: s() },
        Problem::CmsUnreadable { reason: s() },
        Problem::NoSignedAttributes,
        Problem::UnsupportedAlgorithm { algorithm: s() },
        Problem::SignatureDoesNotVerify,
        Problem::SignerCertificateMissing,
        Problem::SigningCertificateMismatch,
        Problem::SigningCertificateNotBound,
        Problem::NoTrustAnchors,
        Problem::ClaimedTimeOutsideValidity { claimed: s() },
        Problem::TimestampNotValidated,
        Problem::ModifiedAfterSigning { class },
        Problem::CertificationForbids { permission: 1, class },
        Problem::CertificationNotFirst,
    ];
    v.extend(
        [
            PathProblem::IssuerMissing { subject: s(), issuer: s() },
            PathProblem::UntrustedRoot { root: s() },
            PathProblem::IssuerNotCa { subject: s() },
            PathProblem::IssuerCannotSignCertificates { subject: s() },
            PathProblem::PathLengthExceeded { subject: s(), path_len: 0, below: 1 },
            PathProblem::NotYetValid { subject: s(), not_before: "2030-01-01T00:00:00Z".into() },
            PathProblem::Expired { subject: s(), not_after: "2020-01-01T00:00:00Z".into() },
            PathProblem::UnknownCriticalExtension { subject: s(), oid: s() },
            PathProblem::WeakSignatureAlgorithm { subject: s(), algorithm: s() },
            PathProblem::SignerKeyUsage { subject: s() },
            PathProblem::SignerExtendedKeyUsage { subject: s(), usages: vec![] },
            PathProblem::TooLong,
        ]
        .into_iter()
        .map(|problem| Problem::Path { problem }),
    );
    v
}

fn every_change() -> Vec<Change> {
    let s = || "x".to_owned();
    vec![
        Change::SignatureAdded { field: s(), timestamp: false },
        Change::SignatureAdded { field: s(), timestamp: true },
        Change::ValidationData,
        Change::Metadata,
        Change::FieldFilled { field: s() },
        Change::Annotation { subtype: s(), page: 1, added: true },
        Change::Annotation { subtype: s(), page: 1, added: false },
        Change::PageChanged { page: 1, key: s() },
        Change::PagesChanged,
        Change::CatalogChanged { key: s() },
        Change::FormChanged { key: s() },
        Change::FieldAdded { field: s() },
        Change::FieldChanged { field: s(), key: s() },
        Change::SignatureReplaced { field: s() },
        Change::ObjectRewritten { object: 7, what: s() },
        Change::ObjectDeleted { object: 7 },
        Change::DanglingReferenceFilled { object: 7 },
        Change::RootReplaced,
        Change::TrailingData { start: 1, end: 2 },
        Change::NotInHistory,
        Change::TooLarge,
    ]
}

#[test]
fn every_problem_and_change_has_its_own_sentence_in_every_language() {
    for language in Language::ALL {
        let _language = common::speak(language);
        let mut seen = std::collections::HashSet::new();
        let problems = every_problem().iter().map(words::problem_text).collect::<Vec<_>>();
        let changes = every_change().iter().map(words::change_text).collect::<Vec<_>>();
        let classes = [
            ChangeClass::None,
            ChangeClass::Signatures,
            ChangeClass::FormFilling,
            ChangeClass::Annotations,
            ChangeClass::Other,
        ]
        .map(words::class_text);
        for text in problems.iter().chain(&changes).chain(&classes) {
            assert!(!text.trim().is_empty(), "{language:?}");
            assert!(
                !text.contains("problem-") && !text.contains("change-") && !text.contains("path-"),
                "{language:?}: {text}"
            );
            assert!(!text.contains('{'), "{language:?}: a placeable was left: {text}");
            assert!(seen.insert(text.clone()), "{language:?}: two findings share the sentence {text:?}");
        }
    }
}

#[test]
fn a_signature_nobody_trusts_is_worded_as_intact_but_not_trusted() {
    let _language = common::speak(Language::English);
    let (mut screen, _) = Verify::with_file(Backend::new(), PathBuf::from(SIGNED_BY_PYHANKO));
    assert!(screen.busy);
    let trust = TrustChoice { files: vec![], qualified_files: vec![], store: None, system: false };
    let report = pecat_core::verify_document(SIGNED_BY_PYHANKO.as_ref(), &trust, SystemTime::now()).map_err(Into::into);
    let _ = screen.update(Message::Verified(PathBuf::from(SIGNED_BY_PYHANKO), report));
    assert!(!screen.busy);
    let mut ui = iced_test::simulator(screen.view());
    ui.find("The signatures are intact, but not every signer could be trusted.").unwrap();
    ui.find("Intact, but not trusted").unwrap();
    ui.find("⚠").unwrap();
    ui.find("No: see why below.").unwrap();
    ui.find(words::problem_text(&Problem::NoTrustAnchors).as_str()).unwrap();
    ui.find("None: the document is exactly as it was signed.").unwrap();
    drop(ui);

    // Trusting a file is offered; the click asks for the file dialog.
    let mut ui = iced_test::simulator(screen.view());
    ui.click("Trust a certificate file…").unwrap();
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(messages.as_slice(), [Message::TrustFilePressed]), "{messages:?}");
    // A result for another file (the user picked a new one meanwhile) is ignored.
    let _ = screen.update(Message::Verified(PathBuf::from("/elsewhere.pdf"), Err(pecat::backend::Failure::Crashed)));
    assert!(matches!(screen.report, Some(Ok(_))));
}

#[test]
fn a_document_without_signatures_says_so_in_romanian() {
    let _language = common::speak(Language::Romanian);
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, pecat_testkit::simple_pdf(1, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
    let (mut screen, _) = Verify::with_file(Backend::new(), plain.clone());
    let trust = TrustChoice { files: vec![], qualified_files: vec![], store: None, system: false };
    let report = pecat_core::verify_document(&plain, &trust, SystemTime::now()).map_err(Into::into);
    let _ = screen.update(Message::Verified(plain, report));
    let mut ui = iced_test::simulator(screen.view());
    ui.find("Acest document nu are nicio semnătură.").unwrap();
}
