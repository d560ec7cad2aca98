// The hardware screens driven without a window against a real SoftHSM2 token and the real
// core: the credentials list from the inventory, a click on the token, the PIN changed by
// typing into the masked dialog, the customs pair exported from the certificate screen; and
// the simulator's clicks on settings and diagnostics. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::common;
use pecat::backend::Backend;
use pecat::modal::pin;
use pecat::screen::{certificate, credentials, diagnostics, token};
use pecat_core::diagnostics::{Failure as DiagnosisFailure, ModuleOutcome};
use pecat_core::{PinOperation, PinRequest, precheck_pin_operation, run_pin_operation};
use pecat_pki::ExpiryStatus;
use pecat_testkit::{Fixture, softhsm_module};
use pecat_token::{Discovery, HostOs, PinOptions, PinOutcome, SecretString};

/// A screen's update function.
type Update<S, M, E> = fn(&mut S, M) -> (iced::Task<M>, Option<E>);

fn feed<S, M, E>(screen: &mut S, update: Update<S, M, E>, messages: Vec<M>) -> Vec<E>
where
    M: Send + 'static,
{
    let mut events = Vec::new();
    let mut queue = messages;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for m in queue {
            let (task, event) = update(screen, m);
            events.extend(event);
            next.extend(common::run(task));
        }
        queue = next;
    }
    events
}

pub fn a_pin_is_changed_and_the_customs_pair_exported_through_the_screens() {
    let f = Fixture::standard();
    let demo = tempfile::tempdir().unwrap();
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe {
        std::env::set_var("SOFTHSM2_CONF", f.hsm.conf());
        std::env::set_var("PECAT_DEMO_DIR", demo.path());
    }
    let backend = Backend::new();
    backend.discover(&Discovery { command_line: vec![softhsm_module()], ..Default::default() });

    // The list: the token with its PIN state and its nearest expiry (the EC certificate, 30 days).
    let mut list = credentials::Credentials::new(backend.clone());
    let refreshed = common::run(list.refresh());
    let events = feed(&mut list, credentials::Credentials::update, refreshed);
    assert_eq!(events, vec![credentials::Event::Loaded]);
    let row = list.rows().iter().find(|r| r.overview.label == Fixture::LABEL).expect("the token is listed");
    assert!(!row.demo && list.rows().iter().all(|r| !r.demo), "no demo beside a real token");
    let nearest = row.overview.nearest().unwrap();
    assert_eq!(nearest.id, "02");
    assert!(matches!(nearest.expiry, ExpiryStatus::RenewSoon { .. }), "{:?}", nearest.expiry);
    let id = row.overview.id.clone();
    let mut sim = iced_test::simulator(list.view());
    sim.find(Fixture::LABEL).unwrap();
    sim.click("Token details and PINs").unwrap();
    let clicked: Vec<_> = sim.into_messages().collect();
    assert!(matches!(clicked.as_slice(), [credentials::Message::TokenPressed(t)] if *t == id), "{clicked:?}");

    // The token screen: read, then "Change PIN…" prechecks and opens the dialog.
    let (mut screen, task) = token::Token::new(backend.clone(), id.clone());
    feed(&mut screen, token::Token::update, common::run(task));
    assert_eq!(screen.loaded().unwrap().view.info.serial, f.serial);
    feed(&mut screen, token::Token::update, vec![token::Message::OperationPressed(PinOperation::ChangePin)]);
    assert_eq!(screen.dialog().unwrap().operation(), PinOperation::ChangePin);

    // Typing into the masked fields: a too-short PIN is refused as it is typed.
    let typed = type_into(&screen, &[(pin::CURRENT_ID, &f.user_pin), (pin::NEW_ID, "12"), (pin::CONFIRM_ID, "12")]);
    feed(&mut screen, token::Token::update, typed);
    assert!(matches!(screen.dialog().unwrap().violation(), Some(pecat_token::PolicyViolation::TooShort { .. })));
    assert!(!screen.dialog().unwrap().ready());
    let typed = type_into(&screen, &[(pin::NEW_ID, "3456"), (pin::CONFIRM_ID, "3456")]);
    feed(&mut screen, token::Token::update, typed);
    assert!(screen.dialog().unwrap().ready(), "{:?}", screen.dialog().unwrap().violation());
    let mut sim = iced_test::simulator(screen.view());
    sim.click("Change").unwrap();
    let submit: Vec<_> = sim.into_messages().collect();
    let events = feed(&mut screen, token::Token::update, submit);
    assert_eq!(events, vec![token::Event::PinsChanged]);
    assert!(screen.dialog().is_none(), "the dialog closes (and wipes its fields) when done");
    assert_eq!(screen.result().unwrap().0, "Done.");

    // The token takes the new PIN now, through core.
    let token = backend.token(&id).unwrap();
    let check = precheck_pin_operation(token.as_ref(), PinOperation::Verify, PinOptions::default()).unwrap();
    let verify = PinRequest::Verify { pin: SecretString::from("3456".to_owned()) };
    let result =
        run_pin_operation(token.as_ref(), &check.status, &verify, HostOs::current(), PinOptions::default()).unwrap();
    assert_eq!(result.outcome, PinOutcome::Done { value: () });

    // The certificate screen: the customs pair into a folder.
    let (mut cert, task) = certificate::Certificate::new(backend.clone(), id.clone(), "02".into());
    feed(&mut cert, certificate::Certificate::update, common::run(task));
    assert_eq!(cert.loaded().unwrap().certificate.der(), f.ec.cert.as_slice());
    let out = tempfile::tempdir().unwrap();
    let exported = common::run(cert.customs_to(out.path().to_owned()));
    feed(&mut cert, certificate::Certificate::update, exported);
    let written: Vec<_> =
        std::fs::read_dir(out.path()).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect();
    assert_eq!(written.len(), 2, "{:?}", cert.result());
    assert!(written.contains(&f.ec.cert) && written.contains(&f.pki.ca_der().to_vec()));
    let mut sim = iced_test::simulator(cert.view());
    sim.click("Export for customs…").unwrap();
    sim.find("Holder").unwrap();
    let clicked: Vec<_> = sim.into_messages().collect();
    assert!(matches!(clicked.as_slice(), [certificate::Message::CustomsPressed]), "{clicked:?}");

    // Diagnostics: core's report (the one `pecat-cli doctor` prints) with the SoftHSM2 module
    // named in PECAT_MODULES, loaded with its token and PIN state, and a module that is not
    // there with the reason; "Copy report" is pressed.
    let scratch = tempfile::tempdir().unwrap();
    let missing = scratch.path().join("no-such-module.so");
    // SAFETY: this test binary's one test thread sets it before the report is collected.
    unsafe { std::env::set_var("PECAT_MODULES", std::env::join_paths([softhsm_module(), missing.clone()]).unwrap()) };
    let (mut diag, task) = diagnostics::Diagnostics::new();
    feed(&mut diag, diagnostics::Diagnostics::update, common::run(task));
    let report = diag.report().unwrap();
    let softhsm = report.modules.iter().find(|m| m.candidate.path == softhsm_module()).expect("SoftHSM2 is listed");
    let ModuleOutcome::Loaded { slots, .. } = &softhsm.outcome else { panic!("{:?}", softhsm.outcome) };
    assert!(slots.iter().any(|s| s.token.ok().is_some_and(|t| t.serial == f.serial)), "{slots:?}");
    let absent = report.modules.iter().find(|m| m.candidate.path == missing).expect("the missing module is listed");
    assert!(matches!(absent.outcome, ModuleOutcome::Failed { failure: DiagnosisFailure::Missing }));
    let text = diagnostics::report_text(report);
    assert!(text.contains(&f.serial) && text.contains(Fixture::LABEL), "{text}");
    assert!(text.contains("The file does not exist."), "{text}");
    assert!(text.contains("PIN: OK"), "the PIN state in words: {text}");
    assert!(
        text.contains("SoftHSM2 (software token) [named in PECAT_MODULES] — Loaded, 1 token\n"),
        "SoftHSM's empty slot is no token: {text}"
    );
    let mut sim = iced_test::simulator(diag.view());
    sim.find("The file does not exist.").unwrap();
    sim.click("Copy report").unwrap();
    let clicked: Vec<_> = sim.into_messages().collect();
    assert!(matches!(clicked.as_slice(), [diagnostics::Message::CopyPressed]));
    unsafe { std::env::remove_var("PECAT_MODULES") };
}

/// Clicks each field by id and types into it; returns the messages the dialog produced.
fn type_into(screen: &token::Token, fields: &[(&'static str, &str)]) -> Vec<token::Message> {
    let mut messages = Vec::new();
    for (id, text) in fields {
        let mut sim = iced_test::simulator(screen.view());
        sim.click(iced_test::selector::id(*id)).unwrap();
        // Select what is there and replace it.
        sim.tap_key(iced::keyboard::Key::Named(iced::keyboard::key::Named::End));
        for _ in 0..32 {
            sim.tap_key(iced::keyboard::Key::Named(iced::keyboard::key::Named::Backspace));
        }
        sim.typewrite(text);
        messages.extend(sim.into_messages());
    }
    messages
}
