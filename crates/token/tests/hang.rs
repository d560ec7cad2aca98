//! Bounded device calls: a token whose module stops answering (the hang module over SoftHSM2,
//! stuck in `C_GetTokenInfo` or `C_Sign`) is reported as not answering within the bound, its
//! slot gets a fresh worker thread, and the other tokens of the module keep working.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pecat_testkit::{SoftHsm, hang_module, softhsm_module};
use pecat_token::{
    Error, HashAlgorithm, ModuleCandidate, ModuleSource, PinOptions, PinOutcome, Pkcs11Module, Pkcs11Token,
    SecretString, SignAlgorithm, Token,
};
use sha2::{Digest, Sha256};

/// The bound the module gets here, for ordinary and long calls alike.
const BOUND: Duration = Duration::from_secs(2);
/// What "within about the bound" means on a slow, busy machine: a behaviour bound, not a benchmark.
const PROMPTLY: Duration = Duration::from_secs(10);

const PIN: &str = "u5er-PIN";
const GO: PinOptions = PinOptions { confirm_last_try: false, allow_long_pin: false };

/// Three tokens behind the hang module: one that always answers, one that sticks in
/// `C_GetTokenInfo`, one that sticks in `C_Sign` — each only while the gate file exists.
struct Tokens {
    hsm: SoftHsm,
    steady: String,
    stuck_in_info: String,
    stuck_in_sign: String,
}

impl Tokens {
    fn gate(&self) -> PathBuf {
        self.hsm.dir().join("hang")
    }
}

fn tokens() -> &'static Tokens {
    static TOKENS: OnceLock<Tokens> = OnceLock::new();
    TOKENS.get_or_init(|| {
        let hsm = SoftHsm::new();
        let steady = hsm.init_token("Steady", "87654321", PIN);
        let stuck_in_info = hsm.init_token("Stuck Info", "87654321", PIN);
        let stuck_in_sign = hsm.init_token("Stuck Sign", "87654321", PIN);
        for label in ["Steady", "Stuck Sign"] {
            hsm.keygen(label, PIN, "EC:prime256v1", "01", "sign");
        }
        let tokens = Tokens { hsm, steady, stuck_in_info, stuck_in_sign };
        let vars = [
            ("SOFTHSM2_CONF", tokens.hsm.conf().as_os_str().to_owned()),
            ("PECAT_HANG_REAL_MODULE", softhsm_module().into_os_string()),
            ("PECAT_HANG_IN", "C_GetTokenInfo,C_Sign".into()),
            ("PECAT_HANG_LABEL", "Stuck Info,Stuck Sign".into()),
            ("PECAT_HANG_WHILE", tokens.gate().into_os_string()),
        ];
        for (name, value) in vars {
            // SAFETY: runs once, inside the OnceLock initialiser, before any PKCS#11 module is
            // loaded by this process; no other thread reads the environment concurrently here.
            unsafe { std::env::set_var(name, value) };
        }
        tokens
    })
}

fn module() -> Arc<Pkcs11Module> {
    let module = Pkcs11Module::load(&ModuleCandidate::from_path(hang_module(), ModuleSource::CommandLine))
        .expect("the hang module loads and forwards to SoftHSM2");
    module.set_timeouts(BOUND, BOUND);
    module
}

/// One test at a time (they share a process under `cargo test`): listing tokens while another
/// test has the hang armed would stick in `C_GetTokenInfo`.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The hang armed: created, the gate file makes the chosen tokens stick; dropped, it releases
/// the threads stuck in them.
struct Armed {
    gate: PathBuf,
}

fn arm(tokens: &Tokens) -> Armed {
    std::fs::write(tokens.gate(), b"").unwrap();
    Armed { gate: tokens.gate() }
}

impl Drop for Armed {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.gate);
    }
}

/// Runs `f` on its own thread, timing it.
fn timed<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> JoinHandle<(R, Duration)> {
    std::thread::spawn(move || {
        let start = Instant::now();
        let r = f();
        (r, start.elapsed())
    })
}

/// Asserts that `result` says the token does not answer, promptly, in `operation`.
fn assert_not_answering<T: std::fmt::Debug>(
    (result, took): (Result<T, Error>, Duration),
    token: &str,
    operation: &str,
) {
    match result {
        Err(Error::NotAnswering { token: t, operation: o, seconds }) => {
            assert_eq!((t.as_str(), o.as_str(), seconds), (token, operation, BOUND.as_secs()));
        }
        other => panic!("expected NotAnswering from {token} in {operation}, got {other:?}"),
    }
    assert!(took < PROMPTLY, "the stuck call returned after {took:?}, not within about {BOUND:?}");
}

/// Calls `steady` until `stuck` has returned; asserts that it answered while `stuck` did not.
fn keeps_answering<T>(stuck: &JoinHandle<T>, mut steady: impl FnMut()) {
    let mut answered_meanwhile = 0;
    while !stuck.is_finished() {
        steady();
        if !stuck.is_finished() {
            answered_meanwhile += 1;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(answered_meanwhile > 0, "the other token answered while the stuck one hung");
}

fn token(module: &Arc<Pkcs11Module>, serial: &str) -> Arc<Pkcs11Token> {
    Arc::new(module.token(serial).unwrap())
}

#[test]
fn a_token_stuck_in_get_token_info_is_reported_and_the_others_keep_working() {
    let _alone = one_at_a_time();
    let t = tokens();
    let module = module();
    let (steady, stuck) = (token(&module, &t.steady), token(&module, &t.stuck_in_info));
    let armed = arm(t);

    let first = timed({
        let stuck = Arc::clone(&stuck);
        move || stuck.info()
    });
    // Asked while the first call hangs: waits at most its own bound, and when the first is
    // abandoned it moves to a fresh thread (which the module wedges too).
    std::thread::sleep(BOUND / 2);
    let queued = timed({
        let stuck = Arc::clone(&stuck);
        move || stuck.info_and_pins()
    });
    keeps_answering(&first, || assert_eq!(steady.info().unwrap().label, "Steady"));
    assert_not_answering(first.join().unwrap(), &t.stuck_in_info, "C_GetTokenInfo");
    assert_not_answering(queued.join().unwrap(), &t.stuck_in_info, "C_GetTokenInfo");

    // The next calls get fresh workers, which the module wedges again: bounded again.
    for _ in 0..2 {
        let again = timed({
            let stuck = Arc::clone(&stuck);
            move || stuck.info()
        });
        keeps_answering(&again, || assert_eq!(steady.info().unwrap().label, "Steady"));
        assert_not_answering(again.join().unwrap(), &t.stuck_in_info, "C_GetTokenInfo");
    }
    // Four threads are stuck in the module now: the slot gets no fifth, the call is refused
    // without waiting out the bound.
    let refused = timed({
        let stuck = Arc::clone(&stuck);
        move || stuck.info()
    });
    let (result, took) = refused.join().unwrap();
    assert!(took < BOUND / 2, "refused at once, not after {took:?}");
    assert_not_answering((result, took), &t.stuck_in_info, "C_GetTokenInfo");
    assert_eq!(steady.info().unwrap().label, "Steady");

    // Released, the token answers again on a fresh worker; the late replies went nowhere.
    drop(armed);
    wait_for_release(&t.gate());
    assert_eq!(stuck.info().unwrap().label, "Stuck Info");
}

#[test]
fn a_token_stuck_in_sign_is_reported_and_the_others_keep_signing() {
    let _alone = one_at_a_time();
    let t = tokens();
    let module = module();
    let (steady, stuck) = (token(&module, &t.steady), token(&module, &t.stuck_in_sign));
    let digest = Sha256::digest(b"Pecat signs this").to_vec();
    let sign = move |token: &Pkcs11Token| {
        let pin = SecretString::from(PIN.to_owned());
        token.sign_digest("01", SignAlgorithm::Ecdsa(HashAlgorithm::Sha256), &digest, &pin, GO)
    };
    let signs = {
        let sign = sign.clone();
        move |token: &Pkcs11Token| match sign(token).unwrap() {
            PinOutcome::Done { value } => assert_eq!(value.len(), 64, "P-256 r ‖ s"),
            other => panic!("{other:?}"),
        }
    };
    let armed = arm(t);

    for _ in 0..2 {
        // The second time on a fresh worker (new session, new login), stuck again.
        let call = timed({
            let (stuck, sign) = (Arc::clone(&stuck), sign.clone());
            move || sign(&stuck)
        });
        keeps_answering(&call, || signs(&steady));
        assert_not_answering(call.join().unwrap(), &t.stuck_in_sign, "C_Sign");
    }
    signs(&steady);

    drop(armed);
    // The released threads finish their abandoned signatures and log out (a login is shared by
    // the sessions of a process, PKCS#11 v2.40 §5.6): let them, then sign on the fresh worker.
    wait_for_release(&t.gate());
    signs(&stuck);
}

/// Gives threads released from the hang module (it polls its gate every 50 ms) time to return.
fn wait_for_release(gate: &Path) {
    assert!(!gate.exists());
    std::thread::sleep(Duration::from_millis(500));
}
