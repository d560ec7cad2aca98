//! PIN, PUK and signing operations against SoftHSM2 (which counts wrong PINs but never locks).

#![allow(clippy::unwrap_used)]

use pecat_token::PinManagement;
use std::process::Command;

use pecat_testkit::{Fixture, softhsm_module};
use pecat_token::{
    HashAlgorithm, ModuleCandidate, ModuleSource, PinOptions, PinOutcome, PinState, Pkcs11Module, PolicyViolation,
    SecretKind, SecretString, SignAlgorithm, Token,
};
use sha2::{Digest, Sha256};

fn s(v: &str) -> SecretString {
    SecretString::from(v.to_owned())
}

const GO: PinOptions = PinOptions { confirm_last_try: false, allow_long_pin: false };

/// Checks a signature with openssl over `data`, given the key's SubjectPublicKeyInfo.
fn openssl_verifies(dir: &std::path::Path, spki: &[u8], data: &[u8], signature: &[u8]) -> bool {
    let (pubkey, data_file, sig) = (dir.join("pub.der"), dir.join("data"), dir.join("sig"));
    std::fs::write(&pubkey, spki).unwrap();
    std::fs::write(&data_file, data).unwrap();
    std::fs::write(&sig, signature).unwrap();
    let out = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&pubkey)
        .args(["-keyform", "DER", "-signature"])
        .arg(&sig)
        .arg(&data_file)
        .output()
        .unwrap();
    out.status.success()
}

/// `r ‖ s` to the DER `ECDSA-Sig-Value` openssl verifies (RFC 3279 §2.2.3).
fn ecdsa_der(raw: &[u8]) -> Vec<u8> {
    let int = |b: &[u8]| {
        let b = &b[b.iter().position(|x| *x != 0).unwrap_or(b.len() - 1)..];
        let mut v = if b[0] & 0x80 != 0 { vec![0] } else { vec![] };
        v.extend_from_slice(b);
        [vec![0x02, v.len() as u8], v].concat()
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    [vec![0x30, body.len() as u8], body].concat()
}

#[test]
fn change_unblock_change_so_and_sign() {
    let f = Fixture::standard();
    let aa_spki = f.hsm.keygen_with(&f.label, &f.user_pin, "EC:prime256v1", "03", "always-auth", &["--always-auth"]);
    // SAFETY: the only test in this binary; set before the module is loaded.
    unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };
    let module = Pkcs11Module::load(&ModuleCandidate::from_path(softhsm_module(), ModuleSource::CommandLine)).unwrap();
    let t = module.token(&f.serial).unwrap();

    // Wrong PIN: typed outcome with the state read back (SoftHSM2 sets COUNT_LOW).
    let wrong = t.verify_pin(&s("999999"), GO).unwrap();
    let PinOutcome::WrongPin { secret: SecretKind::Pin, after } = wrong else { panic!("{wrong:?}") };
    assert_eq!(after.state, PinState::CountLow);
    assert_eq!(t.pin_status().unwrap().user.state, PinState::CountLow);
    assert!(t.verify_pin(&s(&f.user_pin), GO).unwrap().is_done());
    assert_eq!(t.pin_status().unwrap().user.state, PinState::Ok, "a good PIN clears COUNT_LOW");

    // Empty PIN never reaches the token; policy refuses before touching it.
    assert_eq!(t.verify_pin(&s(""), GO).unwrap(), PinOutcome::Policy { violation: PolicyViolation::Empty });
    assert_eq!(
        t.change_pin(&s(&f.user_pin), &s(&f.user_pin), GO).unwrap(),
        PinOutcome::Policy { violation: PolicyViolation::SameAsOld }
    );
    assert_eq!(
        t.change_pin(&s(&f.user_pin), &s("12"), GO).unwrap(),
        PinOutcome::Policy { violation: PolicyViolation::TooShort { min: 4 } }
    );
    assert_eq!(t.pin_status().unwrap().user.state, PinState::Ok, "refusals cost no try");

    // Change the user PIN; the old one stops working.
    assert!(t.change_pin(&s(&f.user_pin), &s("24680"), GO).unwrap().is_done());
    assert!(matches!(t.verify_pin(&s(&f.user_pin), GO).unwrap(), PinOutcome::WrongPin { .. }));
    assert!(t.verify_pin(&s("24680"), GO).unwrap().is_done());

    // Unblock (reset) with the SO PIN: a wrong SO PIN is reported as the PUK's.
    let wrong = t.unblock_pin(&s("00000000"), &s("1357"), GO).unwrap();
    assert!(matches!(wrong, PinOutcome::WrongPin { secret: SecretKind::Puk, .. }), "{wrong:?}");
    assert!(t.unblock_pin(&s(&f.so_pin), &s("1357"), GO).unwrap().is_done());
    assert!(t.verify_pin(&s("1357"), GO).unwrap().is_done());

    // Change the SO PIN; the new one unblocks.
    assert!(t.change_puk(&s(&f.so_pin), &s("11223344"), GO).unwrap().is_done());
    assert!(matches!(
        t.unblock_pin(&s(&f.so_pin), &s("2468"), GO).unwrap(),
        PinOutcome::WrongPin { secret: SecretKind::Puk, .. }
    ));
    assert!(t.unblock_pin(&s("11223344"), &s("2468"), GO).unwrap().is_done());

    // Signing: RSA and EC, and a key that needs the PIN again for each signature.
    let data = b"Pecat signs this";
    let digest = Sha256::digest(data);
    let dir = tempfile::tempdir().unwrap();
    let rsa = t.sign_digest("01", SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256), &digest, &s("2468"), GO).unwrap();
    let PinOutcome::Done { value: sig } = rsa else { panic!("{rsa:?}") };
    assert_eq!(sig.len(), 256);
    assert!(openssl_verifies(dir.path(), &f.rsa.spki, data, &sig));
    let ec = t.sign_digest("02", SignAlgorithm::Ecdsa(HashAlgorithm::Sha256), &digest, &s("2468"), GO).unwrap();
    let PinOutcome::Done { value: sig } = ec else { panic!("{ec:?}") };
    assert!(openssl_verifies(dir.path(), &f.ec.spki, data, &ecdsa_der(&sig)));
    let aa = t.sign_digest("03", SignAlgorithm::Ecdsa(HashAlgorithm::Sha256), &digest, &s("2468"), GO).unwrap();
    let PinOutcome::Done { value: sig } = aa else { panic!("{aa:?}") };
    assert!(openssl_verifies(dir.path(), &aa_spki, data, &ecdsa_der(&sig)), "context-specific login signs");
    assert!(!openssl_verifies(dir.path(), &aa_spki, b"other data", &ecdsa_der(&sig)));

    let wrong = t.sign_digest("01", SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256), &digest, &s("0000"), GO).unwrap();
    assert!(matches!(wrong, PinOutcome::WrongPin { secret: SecretKind::Pin, .. }), "{wrong:?}");
    let missing =
        t.sign_digest("7f", SignAlgorithm::Ecdsa(HashAlgorithm::Sha256), &digest, &s("2468"), GO).unwrap_err();
    assert_eq!(missing.to_string(), format!("token {} has no private key with id 7f", f.serial));
    let short =
        t.sign_digest("01", SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256), &digest[..20], &s("2468"), GO).unwrap_err();
    assert!(short.to_string().contains("the digest has 20 bytes where the algorithm needs 32"));
}
