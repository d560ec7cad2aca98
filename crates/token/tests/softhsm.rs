//! The PKCS#11 backend against a real module: SoftHSM2 with a token built by the testkit.

#![allow(clippy::unwrap_used)]

use pecat_token::{KeyManagement, PinManagement};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use pecat_testkit::{Fixture, softhsm_module};
use pecat_token::{
    Error, KeyClass, ModuleCandidate, ModuleSource, Pairing, PinState, Pkcs11Module, Token, TokenEvent, Watcher,
};

/// One token per test process, set up before the module is first loaded (SoftHSM2 reads
/// `SOFTHSM2_CONF` in `C_Initialize`).
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let f = Fixture::standard();
        // The RSA certificate stored again under an id no key has: pairs by public key value.
        f.hsm.write_cert(&f.label, &f.user_pin, &f.rsa.cert, "77", "Copy without matching id");
        // SAFETY: runs once, inside the OnceLock initialiser, before any PKCS#11 module is loaded
        // by this process; no other thread reads the environment concurrently in these tests.
        unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };
        f
    })
}

fn candidate(path: PathBuf) -> ModuleCandidate {
    ModuleCandidate::from_path(path, ModuleSource::CommandLine)
}

fn token() -> pecat_token::Pkcs11Token {
    let f = fixture();
    let module = Pkcs11Module::load(&candidate(softhsm_module())).expect("SoftHSM2 loads");
    let tokens: Vec<_> = module.tokens().expect("slot list").into_iter().map(|t| t.expect("token reads")).collect();
    assert_eq!(tokens.iter().filter(|t| t.id().serial == f.serial).count(), 1, "listed once, by serial");
    module.token(&f.serial).unwrap()
}

#[test]
fn token_is_listed_by_serial_with_its_info_and_pin_state() {
    let f = fixture();
    let t = token();
    let info = t.info().unwrap();
    assert_eq!(info.label, Fixture::LABEL);
    assert_eq!(info.serial, f.serial);
    assert_eq!(info.manufacturer, "SoftHSM project");
    assert!(info.flags.token_initialized && info.flags.login_required && info.flags.user_pin_initialized);
    let pins = t.pin_status().unwrap();
    assert_eq!(pins.user.state, PinState::Ok);
    assert_eq!(pins.puk.as_ref().map(|p| p.state), Some(PinState::Ok));
    assert_eq!(pins.puk_label, "SO PIN");
    assert_eq!(t.profile().id, "softhsm");
}

#[test]
fn certificates_and_public_keys_are_read_and_paired() {
    let f = fixture();
    let t = token();
    let objects = t.objects().unwrap();
    let ids: Vec<&str> = objects.certificates.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["01", "02", "77", "a0"]);
    assert!(objects.certificates.iter().all(|c| c.error.is_none() && c.certificate.is_some()));
    let ca = objects.certificates.iter().find(|c| c.id == "a0").unwrap();
    assert!(ca.is_ca());
    assert_eq!(ca.certificate.as_ref().unwrap().der(), f.pki.ca_der());

    // Private keys are private objects: without login only the public halves show.
    assert!(objects.keys.iter().all(|k| k.class == KeyClass::Public));
    let algs: Vec<(&str, &str)> = objects.keys.iter().map(|k| (k.id.as_str(), k.algorithm.as_str())).collect();
    assert_eq!(algs, vec![("01", "RSA-2048"), ("02", "EC P-256")]);

    let creds = t.credentials().unwrap();
    let pairs: Vec<(&str, Option<&str>)> =
        creds.iter().map(|c| (c.certificate.id.as_str(), c.pairing.key_id())).collect();
    assert_eq!(pairs, vec![("01", Some("01")), ("02", Some("02")), ("77", Some("01"))]);
    assert!(matches!(creds[0].pairing, Pairing::PublicKeyId { .. }));
    assert!(matches!(creds[1].pairing, Pairing::PublicKeyId { .. }), "EC keys pair too");
    assert!(matches!(creds[2].pairing, Pairing::PublicKeyValue { class: KeyClass::Public, .. }));
}

#[test]
fn module_is_initialised_once_per_process() {
    fixture();
    let a = Pkcs11Module::load(&candidate(softhsm_module())).unwrap();
    let b = Pkcs11Module::load(&candidate(softhsm_module())).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
}

#[test]
fn broken_modules_say_why() {
    let missing = Pkcs11Module::load(&candidate(PathBuf::from("/nonexistent/libnothing.so"))).unwrap_err();
    assert!(matches!(missing, Error::ModuleMissing { .. }));
    assert_eq!(missing.to_string(), "PKCS#11 module /nonexistent/libnothing.so not found");

    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("libfake-pkcs11.so");
    std::fs::write(&fake, b"this is text, not a library").unwrap();
    let err = Pkcs11Module::load(&candidate(fake)).unwrap_err();
    assert!(err.to_string().contains("could not be loaded: not a loadable library"), "{err}");

    // A real shared library that is not a PKCS#11 module.
    let libz = [
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
        "/lib/aarch64-linux-gnu/libz.so.1",
        "/usr/lib64/libz.so.1",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect("zlib is installed");
    let err = Pkcs11Module::load(&candidate(libz)).unwrap_err();
    assert!(err.to_string().contains("not a PKCS#11 module (C_GetFunctionList missing)"), "{err}");
}

/// Waits for an event matching `pred`, skipping others (the spare uninitialised slot of
/// SoftHSM2 comes and goes as tokens are created).
fn wait_for(events: &std::sync::mpsc::Receiver<TokenEvent>, what: &str, pred: impl Fn(&TokenEvent) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match events.recv_timeout(left) {
            Ok(e) if pred(&e) => return,
            Ok(e) => seen.push(e),
            Err(_) => break,
        }
    }
    panic!("no event for {what}; saw {seen:?}");
}

#[test]
fn watcher_reports_tokens_as_they_appear() {
    let f = fixture();
    let module = Pkcs11Module::load(&candidate(softhsm_module())).unwrap();
    let (watcher, events) = Watcher::spawn(vec![module], Duration::from_millis(100));
    wait_for(
        &events,
        "the fixture token",
        |e| matches!(e, TokenEvent::Added { id, label } if id.serial == f.serial && label == Fixture::LABEL),
    );

    let serial = pecat_testkit::plug_in_softhsm_token("Plugged in");
    wait_for(
        &events,
        "the new token",
        |e| matches!(e, TokenEvent::Added { id, label } if id.serial == serial && label == "Plugged in"),
    );
    drop(watcher);
}
