//! The signing workflow over the credential seam, with a second store that is not PKCS#11: an
//! in-memory store holding a real P-256 key, authorising with a PIN and signing at most two
//! digests per call, as a cloud service with `multisign = 2` would.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use p256::ecdsa::signature::hazmat::PrehashSigner;
use p256::pkcs8::EncodePublicKey;
use pecat_core::{CancelToken, DocumentStatus, SignJob, SignProgress, Signer, prepare_pdfs};
use pecat_pades::{SignatureOptions, Verdict, VerifyOptions, reserve_for};
use pecat_pki::{AnchorSource, Certificate, TrustAnchor, parse_certificates};
use pecat_testkit::{EndEntity, TestPki, XrefShape, simple_pdf};
use pecat_token::{
    AuthRequirement, Authorisation, Capabilities, CredentialStore, ExposeSecret, Grant, HashAlgorithm, PinInfo,
    PinOptions, PinOutcome, PinState, SecretKind, SecretString, Secrets, SignAlgorithm, StoreCredential, StoreId,
};

#[derive(Debug)]
struct MemoryStore {
    key: p256::ecdsa::SigningKey,
    credential: StoreCredential,
    /// Signatures withheld per call, to play a faulty store.
    short_by: usize,
    calls: AtomicUsize,
}

const PIN: &str = "2468";

impl MemoryStore {
    fn new(pki: &TestPki, short_by: usize) -> Self {
        let key = p256::ecdsa::SigningKey::random(&mut p256::elliptic_curve::rand_core::OsRng);
        let spki = key.verifying_key().to_public_key_der().unwrap();
        let der = pki.issue(spki.as_bytes(), &EndEntity::romanian(365));
        let certificate = Certificate::from_der(der, "memory credential").unwrap();
        let ca = parse_certificates(pki.ca_der(), "ca").unwrap();
        let credential = StoreCredential {
            id: "cred-1".into(),
            label: "In-memory test credential".into(),
            certificate,
            chain: ca,
            capabilities: Capabilities {
                algorithms: vec![SignAlgorithm::Ecdsa(HashAlgorithm::Sha256)],
                signature_size: 72,
                max_digests_per_call: Some(2),
                max_signatures_per_authorisation: None,
                pin_per_signature: false,
            },
            requirement: AuthRequirement::Pin,
        };
        Self { key, credential, short_by, calls: AtomicUsize::new(0) }
    }
}

impl CredentialStore for MemoryStore {
    fn store_id(&self) -> StoreId {
        StoreId::Cloud { service: "memory://tests".into(), account: "tester".into() }
    }

    fn store_label(&self) -> String {
        "In-memory test store".into()
    }

    fn signing_credentials(&self) -> pecat_token::Result<Vec<StoreCredential>> {
        Ok(vec![self.credential.clone()])
    }

    fn authorise(
        &self,
        credential: &StoreCredential,
        digests: &[Vec<u8>],
        secrets: Secrets,
        _options: PinOptions,
    ) -> pecat_token::Result<PinOutcome<Authorisation>> {
        if secrets.pin.as_ref().map(|p| p.expose_secret() == PIN) != Some(true) {
            let after = PinInfo { state: PinState::CountLow, tries_left: Some(2), max_tries: Some(3) };
            return Ok(PinOutcome::WrongPin { secret: SecretKind::Pin, after });
        }
        Ok(PinOutcome::done(Authorisation {
            credential: credential.id.clone(),
            digests: digests.to_vec(),
            expires: None,
            grant: Grant::Sad(SecretString::from("activation-data".to_owned())),
        }))
    }

    fn sign(
        &self,
        credential: &StoreCredential,
        authorisation: &Authorisation,
        _algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
    ) -> pecat_token::Result<PinOutcome<Vec<Vec<u8>>>> {
        assert!(authorisation.covers(digests) && authorisation.credential == credential.id);
        assert!(digests.len() <= 2, "the workflow must respect max_digests_per_call");
        self.calls.fetch_add(1, Ordering::SeqCst);
        let mut out: Vec<Vec<u8>> = digests
            .iter()
            .map(|d| {
                let s: p256::ecdsa::Signature = self.key.sign_prehash(d).unwrap();
                s.to_bytes().to_vec()
            })
            .collect();
        out.truncate(out.len().saturating_sub(self.short_by));
        Ok(PinOutcome::done(out))
    }
}

struct Batch {
    dir: tempfile::TempDir,
    jobs: Vec<SignJob>,
    pki: TestPki,
}

fn batch(n: usize) -> Batch {
    let dir = tempfile::tempdir().unwrap();
    let jobs = (0..n)
        .map(|i| {
            let input = dir.path().join(format!("doc{i}.pdf"));
            std::fs::write(&input, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
            SignJob { input, output: dir.path().join(format!("doc{i}.signed.pdf")) }
        })
        .collect();
    Batch { dir, jobs, pki: TestPki::new() }
}

fn options() -> SignatureOptions {
    SignatureOptions { reason: Some("Batch".into()), reserve: reserve_for(4000), ..Default::default() }
}

/// Every file in `dir` that is not an input: outputs and anything left behind.
fn written(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !(name.starts_with("doc") && name.ends_with(".pdf") && !name.contains(".signed"))
        })
        .collect();
    v.sort();
    v
}

fn secrets(pin: &str) -> Secrets {
    Secrets::pin(SecretString::from(pin.to_owned()))
}

#[test]
fn a_batch_reports_progress_and_stops_cleanly_half_way() {
    let b = batch(6);
    let store = MemoryStore::new(&b.pki, 0);
    let signer = Signer { store: &store, credential: store.credential.clone() };
    let inputs: Vec<Vec<u8>> = b.jobs.iter().map(|j| std::fs::read(&j.input).unwrap()).collect();
    let prepared = prepare_pdfs(&signer, &b.jobs, &options(), SystemTime::now()).unwrap();
    let cancel = CancelToken::new();
    let ui = cancel.clone();
    let mut events = Vec::new();
    let outcome = prepared
        .sign(
            secrets(PIN),
            PinOptions::default(),
            &mut |p| {
                if let SignProgress::Signed { done: 3, .. } = p {
                    ui.cancel();
                }
                events.push(p);
            },
            &cancel,
        )
        .unwrap();
    let PinOutcome::Done { value: reports } = outcome else { panic!("{outcome:?}") };
    let statuses: Vec<DocumentStatus> = reports.iter().map(|r| r.status).collect();
    assert_eq!(statuses[..3], [DocumentStatus::Signed; 3]);
    assert_eq!(statuses[3..], [DocumentStatus::Cancelled; 3]);
    assert_eq!(events.first(), Some(&SignProgress::Authorised { documents: 6 }));
    assert_eq!(events.last(), Some(&SignProgress::Cancelled { done: 3, total: 6 }));
    assert_eq!(events.iter().filter(|e| matches!(e, SignProgress::Signed { .. })).count(), 3);
    assert_eq!(store.calls.load(Ordering::SeqCst), 2, "documents 1-2, then 3-4; nothing after the cancel");

    // The finished documents are complete and verify; the rest are untouched; nothing is left over.
    let root = parse_certificates(b.pki.root_der(), "root").unwrap().remove(0);
    let anchors = vec![TrustAnchor { certificate: root, qualified: false, source: AnchorSource::User }];
    for job in &b.jobs[..3] {
        let options = VerifyOptions { anchors: anchors.clone(), ..Default::default() };
        let report = pecat_pades::verify(&job.output, &options).unwrap();
        assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    }
    let outputs: Vec<PathBuf> = b.jobs[..3].iter().map(|j| j.output.clone()).collect();
    assert_eq!(written(b.dir.path()), outputs, "no output for cancelled documents, no temporary file");
    for (job, before) in b.jobs.iter().zip(&inputs) {
        assert_eq!(&std::fs::read(&job.input).unwrap(), before);
    }
}

#[test]
fn a_refused_authorisation_writes_nothing() {
    let b = batch(3);
    let store = MemoryStore::new(&b.pki, 0);
    let signer = Signer { store: &store, credential: store.credential.clone() };
    let prepared = prepare_pdfs(&signer, &b.jobs, &options(), SystemTime::now()).unwrap();
    let outcome = prepared.sign(secrets("0000"), PinOptions::default(), &mut |_| {}, &CancelToken::new()).unwrap();
    assert!(matches!(outcome, PinOutcome::WrongPin { secret: SecretKind::Pin, .. }), "{outcome:?}");
    assert_eq!(store.calls.load(Ordering::SeqCst), 0);
    assert!(written(b.dir.path()).is_empty());
}

#[test]
fn a_store_that_drops_a_signature_loses_no_document_silently() {
    let b = batch(2);
    let store = MemoryStore::new(&b.pki, 1);
    let signer = Signer { store: &store, credential: store.credential.clone() };
    let prepared = prepare_pdfs(&signer, &b.jobs, &options(), SystemTime::now()).unwrap();
    let outcome = prepared.sign(secrets(PIN), PinOptions::default(), &mut |_| {}, &CancelToken::new()).unwrap();
    let PinOutcome::Done { value: reports } = outcome else { panic!("{outcome:?}") };
    for r in &reports {
        assert_eq!(r.status, DocumentStatus::Failed);
        assert!(r.error.as_deref().unwrap().contains("1 signatures for 2 documents"), "{r:?}");
    }
    assert!(written(b.dir.path()).is_empty());
}
