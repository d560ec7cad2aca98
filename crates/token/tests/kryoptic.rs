//! Lockout behaviour against kryoptic, a PKCS#11 soft token that really locks PINs (10 tries:
//! COUNT_LOW at 3 left, FINAL_TRY at 1, LOCKED at 0). One token, one scenario, in order.

#![allow(clippy::unwrap_used)]

use pecat_testkit::{Kryoptic, kryoptic_module};
use pecat_token::PinManagement;
use pecat_token::{
    ModuleCandidate, ModuleSource, PinOptions, PinOutcome, PinState, Pkcs11Module, SecretKind, SecretString,
};

fn s(v: &str) -> SecretString {
    SecretString::from(v.to_owned())
}

const PLAIN: PinOptions = PinOptions { confirm_last_try: false, allow_long_pin: false };
const CONFIRMED: PinOptions = PinOptions { confirm_last_try: true, allow_long_pin: false };

#[test]
fn never_a_lost_try_then_lock_unblock_and_dead_token() {
    let k = Kryoptic::new("Kry Lock", "12345678", "24681357");
    // SAFETY: the only test in this binary; set before the module is loaded.
    unsafe { std::env::set_var("KRYOPTIC_CONF", k.conf()) };
    let module = Pkcs11Module::load(&ModuleCandidate {
        path: kryoptic_module(),
        name: "kryoptic".into(),
        profile: "generic".into(),
        source: ModuleSource::CommandLine,
    })
    .unwrap();
    let t = module.tokens().unwrap().into_iter().flatten().find(|t| t.label() == "Kry Lock").unwrap();

    // Wrong PINs until the token says final try; each outcome carries the state read back.
    let mut states = Vec::new();
    for _ in 0..Kryoptic::MAX_TRIES - 1 {
        match t.verify_pin(&s("00000000"), PLAIN).unwrap() {
            PinOutcome::WrongPin { secret: SecretKind::Pin, after } => states.push(after.state),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(states.last(), Some(&PinState::FinalTry));
    assert!(states.contains(&PinState::CountLow));
    assert_eq!(t.pin_status().unwrap().user.tries_left, Some(1));

    // Final try: refused without confirmation, and nothing reaches the token — pkcs11-tool
    // still reads "final user PIN try" after several refusals, even with the right PIN.
    for pin in ["00000000", "24681357"] {
        assert_eq!(t.verify_pin(&s(pin), PLAIN).unwrap(), PinOutcome::NeedsConfirmation { secret: SecretKind::Pin });
    }
    assert!(k.flags().contains("final user PIN try"), "{}", k.flags());
    // Confirmed and right: the counter resets.
    assert!(t.verify_pin(&s("24681357"), CONFIRMED).unwrap().is_done());
    assert_eq!(t.pin_status().unwrap().user.state, PinState::Ok);

    // Lock it: the confirmed wrong last try reports the lock; later attempts never reach it.
    // (All attempts from this process: kryoptic keeps its counters per process as well.)
    for _ in 0..Kryoptic::MAX_TRIES - 1 {
        assert!(matches!(t.verify_pin(&s("00000000"), PLAIN).unwrap(), PinOutcome::WrongPin { .. }));
    }
    let last = t.verify_pin(&s("00000000"), CONFIRMED).unwrap();
    assert!(matches!(&last, PinOutcome::WrongPin { after, .. } if after.state == PinState::Locked), "{last:?}");
    assert_eq!(t.verify_pin(&s("24681357"), CONFIRMED).unwrap(), PinOutcome::Locked { secret: SecretKind::Pin });
    assert_eq!(t.pin_status().unwrap().user.tries_left, Some(0));

    // Unblock with the SO PIN; the new PIN works.
    let unblocked = t.unblock_pin(&s("12345678"), &s("13572468"), PLAIN).unwrap();
    assert!(unblocked.is_done(), "{unblocked:?}");
    // Quirk(kryoptic): C_InitPIN leaves CKF_USER_PIN_LOCKED set in this process's token info
    // until the next login attempt, so the new PIN is checked from another process.
    assert!(k.login_works("13572468"), "the new PIN logs in");
    assert!(!k.flags().contains("locked"), "{}", k.flags());

    // The SO PIN runs out too: the final try is guarded, then the lock is reported.
    for _ in 0..Kryoptic::MAX_TRIES - 1 {
        let wrong = t.change_puk(&s("00000000"), &s("87654321"), PLAIN).unwrap();
        assert!(matches!(wrong, PinOutcome::WrongPin { secret: SecretKind::Puk, .. }), "{wrong:?}");
    }
    assert_eq!(t.pin_status().unwrap().puk.unwrap().state, PinState::FinalTry);
    assert_eq!(
        t.change_puk(&s("00000000"), &s("87654321"), PLAIN).unwrap(),
        PinOutcome::NeedsConfirmation { secret: SecretKind::Puk }
    );
    let last = t.unblock_pin(&s("00000000"), &s("86427531"), CONFIRMED).unwrap();
    assert!(
        matches!(&last, PinOutcome::WrongPin { secret: SecretKind::Puk, after } if after.state == PinState::Locked),
        "{last:?}"
    );
    assert_eq!(
        t.unblock_pin(&s("12345678"), &s("86427531"), CONFIRMED).unwrap(),
        PinOutcome::Locked { secret: SecretKind::Puk },
        "a locked PUK is never tried, even with the right value"
    );
}
