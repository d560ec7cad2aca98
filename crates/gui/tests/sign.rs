//! The sign screen driven without a window: documents added, the credential chosen, reason typed
//! in the simulator, a visible signature placed by dragging on the hayro preview, the PIN and code
//! typed into the masked dialog; then the batch the screen would start is run with the demo
//! credential and with a SoftHSM2 token's key, and the results are checked by pdfsig and by
//! Pecat's verify trusting the demo root or the token's CA.
//! Run with `ICED_TEST_BACKEND=tiny-skia`.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

use iced::Point;
use iced::futures::channel::mpsc;
use pecat::backend::Backend;
use pecat::screen::sign::{self, BatchEvent, Message, Placement, Sign};
use pecat::secret::SecretText;
use pecat::widget::preview::{Drag, PagePreview, render_page};
use pecat_core::{CancelToken, DocumentStatus, TrustChoice};
use pecat_pades::{Verdict, empty_signature_fields};

const FIELDS_FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../pades/tests/fixtures/two-empty-fields.pyhanko.pdf");

/// One demo service for the whole test binary, kept in a temporary folder.
fn demo_backend() -> Backend {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        // Set before any thread reads it: the first call of this function in the binary.
        unsafe { std::env::set_var("PECAT_DEMO_DIR", dir.join("demo")) };
        unsafe { std::env::set_var("PECAT_TRUST_DIR", dir.join("no-trust-store")) };
        dir
    });
    assert!(dir.exists());
    let backend = Backend::new();
    backend.start_demo().unwrap();
    backend
}

fn a4_pdf(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, pecat_testkit::simple_pdf(2, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
    p
}

/// The screen with `paths` added and read, the first shown, as the tasks would have done.
fn screen_with(backend: &Backend, paths: &[PathBuf]) -> Sign {
    let (mut screen, _load) = Sign::new(backend.clone());
    let _ = screen.update(Message::CredentialsLoaded(Ok(sign::batch::load_credentials(backend))));
    let _ = screen.update(Message::FilesPicked(paths.to_vec()));
    for p in paths {
        let info = pecat_core::inspect_document(p).map_err(Into::into);
        let _ = screen.update(Message::Inspected(p.clone(), info));
    }
    let _ = screen.update(Message::PreviewRendered(paths[0].clone(), 1, render_page(&paths[0], 1)));
    screen
}

/// Feeds the messages a simulator produced back into the screen.
fn feed(screen: &mut Sign, messages: Vec<Message>) {
    for m in messages {
        let _ = screen.update(m);
    }
}

#[test]
fn dragging_on_the_preview_maps_to_page_points() {
    let _language = common::speak(pecat::i18n::Language::English);
    // A blank A4 page drawn at 0.5 px per point: 297.5 × 421 px.
    let p = PagePreview::blank(1, 1, 595.0, 842.0, 0.5);
    assert_eq!((p.width, p.height), (298, 421));
    // Top-left of the widget is the page's top-left corner: (0, 842) in user space.
    let (x, y) = p.to_user(Point::new(0.0, 0.0));
    assert!((x - 0.0).abs() < 1e-9 && (y - 842.0).abs() < 1e-9, "{x} {y}");
    // A drag from (50, 400) to (150, 350) px covers x 100…300, y 42…142 points, whichever way.
    assert_eq!(p.user_rect(Point::new(50.0, 400.0), Point::new(150.0, 350.0)), [100.0, 42.0, 300.0, 142.0]);
    assert_eq!(p.user_rect(Point::new(150.0, 350.0), Point::new(50.0, 400.0)), [100.0, 42.0, 300.0, 142.0]);
    // A drag past the edge stops at the page.
    assert_eq!(p.user_rect(Point::new(-20.0, 430.0), Point::new(10.0, 410.0))[..2], [0.0, 0.0]);
    let r = p.widget_rect([100.0, 42.0, 300.0, 142.0]);
    assert_eq!((r.x, r.y, r.width, r.height), (50.0, 350.0, 100.0, 50.0));
}

#[test]
fn hayro_draws_page_one_and_its_time_is_measured() {
    let _language = common::speak(pecat::i18n::Language::English);
    let dir = tempfile::tempdir().unwrap();
    let pdf = a4_pdf(dir.path(), "a4.pdf");
    let _warm = render_page(&pdf, 1).unwrap();
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        render_page(&pdf, 1).unwrap();
    }
    let each = start.elapsed() / runs;
    let p = render_page(&pdf, 1).unwrap();
    eprintln!("hayro: page 1 ({}×{} px) in {:.2} ms (mean of {runs})", p.width, p.height, each.as_secs_f64() * 1e3);
    assert_eq!((p.width, p.pages), (520, 2));
    assert!(matches!(
        render_page(&pdf, 3),
        Err(pecat::widget::preview::PreviewError::NoSuchPage { page: 3, pages: 2 })
    ));
}

#[test]
fn the_screen_lists_documents_fields_and_certification_and_types_the_reason() {
    let _language = common::speak(pecat::i18n::Language::English);
    let backend = Backend::new(); // no store: the credential list is empty
    let (mut screen, _) = Sign::new(backend.clone());
    let _ = screen.update(Message::CredentialsLoaded(Ok(Vec::new())));
    let _ = screen.update(Message::FilesPicked(vec![PathBuf::from(FIELDS_FIXTURE)]));
    let info = pecat_core::inspect_document(Path::new(FIELDS_FIXTURE)).map_err(Into::into);
    let _ = screen.update(Message::Inspected(PathBuf::from(FIELDS_FIXTURE), info));
    let names: Vec<_> = screen.documents[0]
        .info
        .as_ref()
        .unwrap()
        .as_ref()
        .unwrap()
        .empty_fields
        .iter()
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(names, ["Sig1", "Approval"]);
    assert!(!screen.can_sign(), "no credential: nothing to sign with");

    // The field buttons are offered; clicking one chooses it.
    let mut ui = iced_test::simulator(screen.view());
    ui.find("Field “Approval” (page 2)").unwrap();
    ui.click("Field “Approval” (page 2)").unwrap();
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(messages.as_slice(), [Message::FieldChosen(n)] if n == "Approval"), "{messages:?}");
    feed(&mut screen, messages);
    assert_eq!(screen.documents[0].setup.placement, Placement::Field("Approval".into()));
    assert_eq!(screen.page, 2, "the preview turns to the field's page");

    // The reason is typed into its field.
    let mut ui = iced_test::simulator(screen.view());
    ui.click(iced_test::selector::id("sign-reason")).unwrap();
    ui.typewrite("Aprob");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut screen, messages);
    assert_eq!(screen.documents[0].setup.reason, "Aprob");
    let mut ui = iced_test::simulator(screen.view());
    ui.find("No credential can sign: plug in your token or add a cloud account.").unwrap();
}

#[test]
fn a_visible_signature_placed_on_the_preview_is_signed_with_the_demo_and_verifies() {
    let _language = common::speak(pecat::i18n::Language::English);
    let backend = demo_backend();
    let dir = tempfile::tempdir().unwrap();
    let inputs = [a4_pdf(dir.path(), "contract.pdf"), a4_pdf(dir.path(), "annex.pdf")];
    let mut screen = screen_with(&backend, &inputs);
    let choice = screen.credential.clone().expect("the demo credential is chosen");
    assert_eq!(choice.credential.id, pecat_core::DEMO_CREDENTIAL);
    let preview = screen.preview.clone().unwrap().unwrap();

    // Drag a rectangle near the bottom-left of page 1.
    let (from, to) = (Point::new(40.0, 700.0), Point::new(260.0, 640.0));
    let _ = screen.update(Message::Drag(Drag::Pressed(from)));
    let _ = screen.update(Message::Drag(Drag::Moved(Point::new(100.0, 680.0))));
    let _ = screen.update(Message::Drag(Drag::Released(to)));
    let Placement::Drawn { page, rect } = screen.documents[0].setup.placement.clone() else { panic!("not drawn") };
    assert_eq!(page, 1);
    assert_eq!(rect, preview.user_rect(from, to));
    let scale: f64 = 595.0 / 520.0;
    assert!((rect[0] - (40.0 * scale).round()).abs() <= 1.0, "{rect:?}");
    assert!((rect[1] - (842.0 - 700.0 * scale).round()).abs() <= 1.0, "{rect:?}");
    // A click is no drag: the placement stays.
    let _ = screen.update(Message::Drag(Drag::Pressed(Point::new(5.0, 5.0))));
    let _ = screen.update(Message::Drag(Drag::Released(Point::new(6.0, 6.0))));
    assert_eq!(screen.documents[0].setup.placement, Placement::Drawn { page, rect });

    let _ = screen.update(Message::ReasonChanged("Aprob contractul".into()));
    let _ = screen.update(Message::LocationChanged("București".into()));
    let _ = screen.update(Message::ApplyToAllPressed);
    let _ = screen.update(Message::DocumentSelected(1));
    let _ = screen.update(Message::LocationChanged("Cluj".into()));
    assert_eq!(screen.documents[1].setup.location, "Cluj");
    assert_eq!(screen.documents[0].setup.location, "București");

    // Sign: the dialog asks for the PIN and the authenticator's code, masked.
    let _ = screen.update(Message::SignPressed);
    let dialog = screen.dialog.clone().expect("the PIN dialog is open");
    assert!(dialog.requirement.needs_pin() && dialog.requirement.needs_code());
    let (code, _) = backend.demo_code().unwrap();
    let _ = screen.update(Message::Auth(sign::auth::Message::PinChanged(SecretText::new(pecat_core::DEMO_PIN.into()))));
    let _ = screen.update(Message::Auth(sign::auth::Message::CodeChanged(SecretText::new(code.to_string()))));
    let mut ui = iced_test::simulator(screen.view());
    assert!(ui.find(pecat_core::DEMO_PIN).is_err(), "the PIN is never shown");
    drop(ui);
    let mut dialog = screen.dialog.clone().unwrap();
    let secrets = match dialog.update(sign::auth::Message::ConfirmPressed) {
        sign::auth::Outcome::Confirmed(s) => s,
        other => panic!("{other:?}"),
    };

    // What the screen's task runs, here on the test thread.
    let jobs: Vec<_> = screen.documents.iter().map(|d| d.setup.job(&choice.credential)).collect();
    let store = backend.store(&choice.store).unwrap();
    let (tx, mut rx) = mpsc::unbounded();
    let result = sign::batch::run(&*store, choice.credential.clone(), &jobs, secrets, &CancelToken::new(), &tx);
    drop(tx);
    let mut events = Vec::new();
    while let Ok(e) = rx.try_recv() {
        events.push(e);
    }
    assert!(matches!(
        events.first(),
        Some(BatchEvent::Progress(pecat_core::SignProgress::Authorised { documents: 2 }))
    ));
    assert_eq!(events.len(), 3, "authorised, then one per document");
    for e in events {
        let _ = screen.update(Message::Batch(e));
    }
    let _ = screen.update(Message::Batch(BatchEvent::Finished(result)));
    assert!(screen.problem.is_none(), "{:?}", screen.problem);
    assert_eq!(screen.results.len(), 2);
    assert!(screen.results.iter().all(|r| r.report.status == DocumentStatus::Signed), "{:?}", screen.results);
    assert_eq!(screen.output_folder().as_deref(), Some(dir.path()));
    let mut ui = iced_test::simulator(screen.view());
    ui.find("✔ contract.pdf signed → contract.signed.pdf").unwrap();
    ui.find("Open the folder").unwrap();

    let signed = dir.path().join("contract.signed.pdf");
    let pdfsig = std::process::Command::new("pdfsig").arg(&signed).output().unwrap();
    assert!(String::from_utf8_lossy(&pdfsig.stdout).contains("Signature is Valid."), "{pdfsig:?}");
    let trust = TrustChoice { files: vec![], qualified_files: vec![], store: None, system: false };
    let root = backend.demo_root().unwrap();
    let report = pecat_core::verify_document_with(&signed, &trust, &[root], SystemTime::now()).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    // The visible appearance sits where the rectangle was dragged.
    let fields = pecat_pades::signature_fields(&signed).unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!((fields[0].page, fields[0].rect, fields[0].signed), (Some(1), rect, true));

    // The verify screen words that report: valid, who signed, trusted.
    let (mut verify, _) = pecat::screen::verify::Verify::with_file(backend.clone(), signed.clone());
    let lines = pecat::screen::verify::signature_lines(&report.signatures[0]);
    assert!(lines[0].1.contains(pecat_core::DEMO_HOLDER), "{lines:?}");
    assert!(lines[3].1.starts_with("Yes: the certificate chain ends at"), "{lines:?}");
    let _ = verify.update(pecat::screen::verify::Message::Verified(signed.clone(), Ok(report)));
    let mut ui = iced_test::simulator(verify.view());
    ui.find("Every signature (1) is valid.").unwrap();
    ui.find(lines[0].1.as_str()).unwrap();
    ui.find("✔").unwrap();
}

#[test]
fn a_document_signed_into_its_field_with_the_demo() {
    let _language = common::speak(pecat::i18n::Language::English);
    let backend = demo_backend();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("form.pdf");
    std::fs::copy(FIELDS_FIXTURE, &input).unwrap();
    let mut screen = screen_with(&backend, std::slice::from_ref(&input));
    let _ = screen.update(Message::FieldChosen("Sig1".into()));
    let choice = screen.credential.clone().unwrap();
    let (code, _) = backend.demo_code().unwrap();
    let secrets = pecat_token::Secrets {
        pin: Some(pecat_token::SecretString::from(pecat_core::DEMO_PIN.to_owned())),
        code: Some(pecat_token::SecretString::from(code.to_string())),
    };
    let jobs: Vec<_> = screen.documents.iter().map(|d| d.setup.job(&choice.credential)).collect();
    let store = backend.store(&choice.store).unwrap();
    let (tx, _rx) = mpsc::unbounded();
    let result = sign::batch::run(&*store, choice.credential, &jobs, secrets, &CancelToken::new(), &tx);
    let _ = screen.update(Message::Batch(BatchEvent::Finished(result)));
    assert_eq!(screen.results[0].report.status, DocumentStatus::Signed, "{:?}", screen.results);
    let left: Vec<_> = empty_signature_fields(&dir.path().join("form.signed.pdf")).unwrap();
    assert_eq!(left.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Approval"]);

    // Signing the same field of the signed copy is refused in words, with pades' typed reason.
    let signed = dir.path().join("form.signed.pdf");
    let mut again = screen_with(&backend, std::slice::from_ref(&signed));
    let _ = again.update(Message::FieldChosen("Sig1".into()));
    let choice = again.credential.clone().unwrap();
    let jobs: Vec<_> = again.documents.iter().map(|d| d.setup.job(&choice.credential)).collect();
    let store = backend.store(&choice.store).unwrap();
    let (tx, _rx) = mpsc::unbounded();
    let secrets = pecat_token::Secrets::default();
    let result = sign::batch::run(&*store, choice.credential, &jobs, secrets, &CancelToken::new(), &tx);
    let _ = again.update(Message::Batch(BatchEvent::Finished(result)));
    assert_eq!(again.results[0].report.status, DocumentStatus::Failed);
    assert!(matches!(
        again.results[0].report.failure,
        Some(pecat_core::DocumentFailure::Pdf(pecat_pades::Error::FieldSigned { .. }))
    ));
    let mut ui = iced_test::simulator(again.view());
    ui.find(
        "form.signed.pdf was not signed: The signature field “Sig1” is signed already. Choose another field, or sign without one.",
    )
    .unwrap();
}

#[test]
fn a_visible_signature_placed_on_the_preview_is_signed_on_a_softhsm_token_and_verifies() {
    let _language = common::speak(pecat::i18n::Language::English);
    let f = pecat_testkit::Fixture::standard();
    // SAFETY: this test alone reads SOFTHSM2_CONF, after this point.
    unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };
    let backend = Backend::new();
    let discovery =
        pecat_token::Discovery { command_line: vec![pecat_testkit::softhsm_module()], ..Default::default() };
    backend.discover(&discovery);
    let dir = tempfile::tempdir().unwrap();
    let input = a4_pdf(dir.path(), "offer.pdf");
    let original = std::fs::read(&input).unwrap();
    let mut screen = screen_with(&backend, std::slice::from_ref(&input));

    // The token's RSA key, chosen from the list the screen offers (the demo is not in it).
    let choices = sign::batch::load_credentials(&backend);
    assert!(choices.iter().all(|c| c.credential.id != pecat_core::DEMO_CREDENTIAL), "no demo beside a real token");
    let rsa = choices.iter().find(|c| c.credential.id == f.rsa.id).expect("the RSA key is offered").clone();
    let _ = screen.update(Message::CredentialSelected(Box::new(rsa.clone())));

    let preview = screen.preview.clone().unwrap().unwrap();
    let (from, to) = (Point::new(300.0, 120.0), Point::new(480.0, 60.0));
    let _ = screen.update(Message::Drag(Drag::Pressed(from)));
    let _ = screen.update(Message::Drag(Drag::Released(to)));
    let Placement::Drawn { page, rect } = screen.documents[0].setup.placement.clone() else { panic!("not drawn") };
    assert_eq!((page, rect), (1, preview.user_rect(from, to)));
    let _ = screen.update(Message::ReasonChanged("Ofertă acceptată".into()));

    // The dialog asks for the token's PIN only (no one-time code for a hardware token).
    let _ = screen.update(Message::SignPressed);
    let mut dialog = screen.dialog.clone().expect("the PIN dialog is open");
    assert!(dialog.requirement.needs_pin() && !dialog.requirement.needs_code());
    let _ = dialog.update(sign::auth::Message::PinChanged(SecretText::new(f.user_pin.clone())));
    let secrets = match dialog.update(sign::auth::Message::ConfirmPressed) {
        sign::auth::Outcome::Confirmed(s) => s,
        other => panic!("{other:?}"),
    };

    let jobs: Vec<_> = screen.documents.iter().map(|d| d.setup.job(&rsa.credential)).collect();
    let store = backend.store(&rsa.store).unwrap();
    let (tx, _rx) = mpsc::unbounded();
    let result = sign::batch::run(&*store, rsa.credential.clone(), &jobs, secrets, &CancelToken::new(), &tx);
    let _ = screen.update(Message::Batch(BatchEvent::Finished(result)));
    assert!(screen.problem.is_none(), "{:?}", screen.problem);
    assert_eq!(screen.results[0].report.status, DocumentStatus::Signed, "{:?}", screen.results);
    iced_test::simulator(screen.view()).find("✔ offer.pdf signed → offer.signed.pdf").unwrap();
    assert_eq!(std::fs::read(&input).unwrap(), original, "the input is never modified");

    let signed = dir.path().join("offer.signed.pdf");
    let pdfsig = std::process::Command::new("pdfsig").arg(&signed).output().unwrap();
    assert!(String::from_utf8_lossy(&pdfsig.stdout).contains("Signature is Valid."), "{pdfsig:?}");
    let trust = TrustChoice { files: vec![], qualified_files: vec![], store: None, system: false };
    let ca = f.pki.ca_der().to_vec();
    let report = pecat_core::verify_document_with(&signed, &trust, &[ca], SystemTime::now()).unwrap();
    assert_eq!(report.verdict, Some(Verdict::Valid), "{report:#?}");
    let fields = pecat_pades::signature_fields(&signed).unwrap();
    assert_eq!((fields[0].page, fields[0].rect, fields[0].signed), (Some(1), rect, true));

    // A wrong PIN is refused in words with the tries left, and nothing is written.
    let _ = std::fs::remove_file(&signed);
    let _ = screen.update(Message::SignPressed);
    let mut dialog = screen.dialog.clone().expect("the PIN dialog opens again");
    let _ = dialog.update(sign::auth::Message::PinChanged(SecretText::new("wrong-PIN".into())));
    let sign::auth::Outcome::Confirmed(secrets) = dialog.update(sign::auth::Message::ConfirmPressed) else {
        panic!("not confirmed")
    };
    let result = sign::batch::run(&*store, rsa.credential.clone(), &jobs, secrets, &CancelToken::new(), &tx);
    let _ = screen.update(Message::Batch(BatchEvent::Finished(result)));
    let problem = screen.problem.clone().expect("the refusal is shown");
    assert!(problem.starts_with("Wrong PIN"), "{problem}");
    assert!(!signed.exists(), "nothing half-written");
}
