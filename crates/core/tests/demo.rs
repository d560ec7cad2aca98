//! The built-in demo credential end to end at the application layer: the demo CSC service on
//! loopback, the CSC client as a credential store, a batch of PDFs signed through the core
//! workflow with the demo PIN and the demo authenticator's current code (one authorisation,
//! signHash calls split by multisign), and each document verified with the demo root trusted.

#![allow(clippy::unwrap_used)]

use std::time::SystemTime;

use pecat_core::{
    CancelToken, DEMO_PASSWORD, DEMO_PIN, DEMO_USER, DemoService, DocumentStatus, SignJob, SignProgress, Signer,
    prepare_pdfs,
};
use pecat_pades::{Qualification, SignatureOptions, Verdict, VerifyOptions, reserve_for};
use pecat_pki::{AnchorSource, Certificate, TrustAnchor};
use pecat_testkit::{XrefShape, simple_pdf};
use pecat_token::{
    AuthRequirement, CodeDelivery, CredentialStore, CscClient, CscOptions, PinOptions, PinOutcome, SecretString,
    Secrets, StoreId,
};

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

#[test]
fn the_demo_credential_signs_a_batch_that_verifies_against_the_demo_root() {
    let dir = tempfile::tempdir().unwrap();
    let demo = DemoService::start(&dir.path().join("demo")).unwrap();
    for version in ["v1", "v2"] {
        let client =
            CscClient::connect(&format!("{}/csc/{version}", demo.base_url()), DEMO_USER, &CscOptions::default())
                .unwrap();
        client.login(secret(DEMO_PASSWORD), false).unwrap();
        assert!(matches!(client.store_id(), StoreId::Cloud { .. }));
        let credentials = client.signing_credentials().unwrap();
        assert_eq!(credentials.len(), 1, "{version}");
        let credential = credentials[0].clone();
        assert_eq!(
            credential.requirement,
            AuthRequirement::PinAndCode { delivery: CodeDelivery::AuthenticatorApp },
            "{version}"
        );
        assert!(credential.certificate.summary().subject.contains("O=Pecat Demo"));

        let jobs: Vec<SignJob> = (0..3)
            .map(|i| {
                let input = dir.path().join(format!("{version}-doc{i}.pdf"));
                std::fs::write(&input, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
                SignJob { input, output: dir.path().join(format!("{version}-doc{i}.signed.pdf")) }
            })
            .collect();
        let certs_len: usize = credential.chain.iter().map(|c| c.der().len()).sum::<usize>()
            + credential.certificate.der().len()
            + credential.capabilities.signature_size;
        let options = SignatureOptions { reserve: reserve_for(certs_len), ..Default::default() };
        let signer = Signer { store: &client, credential };
        let batch = prepare_pdfs(&signer, &jobs, &options, SystemTime::now()).unwrap();
        let (code, _) = demo.current_code();
        let secrets = Secrets { pin: Some(secret(DEMO_PIN)), code: Some(secret(&code)) };
        let mut signed = 0;
        let outcome = batch
            .sign(
                secrets,
                PinOptions::default(),
                &mut |p| {
                    if let SignProgress::Signed { .. } = p {
                        signed += 1;
                    }
                },
                &CancelToken::new(),
            )
            .unwrap();
        let PinOutcome::Done { value: reports } = outcome else { panic!("{version}: {outcome:?}") };
        assert!(reports.iter().all(|r| r.status == DocumentStatus::Signed), "{version}: {reports:?}");
        assert_eq!(signed, 3);

        let root = Certificate::from_der(demo.root_der().to_vec(), "demo root").unwrap();
        let anchors = vec![TrustAnchor { certificate: root, qualified: false, source: AnchorSource::User }];
        for job in &jobs {
            let report =
                pecat_pades::verify(&job.output, &VerifyOptions { anchors: anchors.clone(), ..Default::default() })
                    .unwrap();
            assert_eq!(report.verdict, Some(Verdict::Valid), "{version}: {report:#?}");
            assert_eq!(report.signatures[0].qualification, Qualification::NotQualified, "a demo is never qualified");
        }

        // A wrong code is refused and nothing is written.
        let more = vec![SignJob { input: jobs[0].input.clone(), output: dir.path().join(format!("{version}-x.pdf")) }];
        let batch = prepare_pdfs(&signer, &more, &options, SystemTime::now()).unwrap();
        let wrong = Secrets { pin: Some(secret(DEMO_PIN)), code: Some(secret("000000")) };
        let outcome = batch.sign(wrong, PinOptions::default(), &mut |_| {}, &CancelToken::new()).unwrap();
        assert!(matches!(outcome, PinOutcome::WrongCode { .. }) || code.as_str() == "000000", "{version}: {outcome:?}");
        assert!(!more[0].output.exists());
    }
}
