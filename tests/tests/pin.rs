//! `pecat-cli pin …` and `puk …` end to end: kryoptic for lockout (it really counts and locks),
//! SoftHSM2 for the vendor-profile rules. Each CLI call is its own process, as in real use.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use pecat_testkit::{Fixture, Kryoptic, kryoptic_module, softhsm_module};
use serde_json::Value;

mod common;

use common::{err, out, run as cli};

struct Kry {
    k: Kryoptic,
}

impl Kry {
    fn new() -> Self {
        Self { k: Kryoptic::new("Helpdesk", "12345678", "11112222") }
    }
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let o = cli(("KRYOPTIC_CONF", self.k.conf()), &kryoptic_module(), args, stdin);
        for secret in ["12345678", "11112222", "00000000", "99998888", "87654321"] {
            assert!(!out(&o).contains(secret) && !err(&o).contains(secret), "a secret was printed: {args:?}");
        }
        o
    }
}

#[test]
fn wrong_pins_final_try_lock_and_unblock() {
    let t = Kry::new();
    for i in 1..Kryoptic::MAX_TRIES {
        let o = t.run(&["pin", "verify", "Helpdesk", "--pin-stdin"], "00000000\n");
        assert_eq!(o.status.code(), Some(4), "try {i}: {}", err(&o));
        assert!(err(&o).starts_with("pecat-cli: Wrong PIN."), "{}", err(&o));
        if i == Kryoptic::MAX_TRIES - 1 {
            assert!(err(&o).contains("One try left"), "{}", err(&o));
        }
    }
    // The final try is refused without --confirm-last-try, even with the right PIN, and the
    // token's counter does not move (read by pkcs11-tool).
    for pin in ["00000000\n", "11112222\n"] {
        let o = t.run(&["pin", "verify", "Helpdesk", "--pin-stdin"], pin);
        assert_eq!(o.status.code(), Some(6), "{}", err(&o));
        assert!(err(&o).contains("Run again with --confirm-last-try"), "{}", err(&o));
    }
    assert!(t.k.flags().contains("final user PIN try"), "{}", t.k.flags());

    let o = t.run(&["pin", "verify", "Helpdesk", "--pin-stdin", "--confirm-last-try", "--json"], "00000000\n");
    assert_eq!(o.status.code(), Some(4));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["result"]["outcome"], "wrong-pin");
    assert_eq!(doc["result"]["after"]["state"], "locked");
    assert_eq!(doc["pins"]["user"]["tries_left"], 0);
    assert!(err(&o).contains("The PIN is now locked. Unblock it with the PUK (SO PIN): pecat-cli pin unblock"));

    let o = t.run(&["pin", "verify", "Helpdesk", "--pin-stdin", "--confirm-last-try"], "11112222\n");
    assert_eq!(o.status.code(), Some(5));
    assert!(err(&o).contains("The PIN is locked; nothing was tried."), "{}", err(&o));

    // Unblock with the SO PIN (the PUK of a generic token): rules first, then the token.
    let o = t.run(&["pin", "unblock", "Helpdesk", "--pin-stdin"], "12345678\nshort\n");
    assert_eq!(o.status.code(), Some(6));
    assert!(err(&o).contains("too short: at least 8 characters. Nothing was sent"), "{}", err(&o));
    let o = t.run(&["pin", "unblock", "Helpdesk", "--pin-stdin"], "12345678\n99998888\n");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(err(&o).trim(), "PIN unblocked: the new PIN is set.");
    let o = t.run(&["pin", "verify", "Helpdesk", "--pin-stdin", "--json"], "99998888\n");
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["result"]["outcome"], "done");
    assert_eq!(doc["pins"]["user"]["state"], "ok");
}

#[test]
fn a_locked_puk_is_a_dead_token() {
    let t = Kry::new();
    t.k.wrong_logins(Kryoptic::MAX_TRIES - 1, true);
    let o = t.run(&["puk", "change", "Helpdesk", "--pin-stdin"], "00000000\n87654321\n");
    assert_eq!(o.status.code(), Some(6), "{}", err(&o));
    assert!(err(&o).contains("one more try of the PUK (SO PIN)"), "{}", err(&o));
    let o = t.run(&["puk", "change", "Helpdesk", "--pin-stdin", "--confirm-last-try"], "00000000\n87654321\n");
    assert_eq!(o.status.code(), Some(4));
    assert!(err(&o).contains("Wrong PUK (SO PIN). The PUK (SO PIN) is locked: this token can no longer be unblocked."));
    t.k.wrong_logins(Kryoptic::MAX_TRIES, false);

    let o = t.run(&["pin", "status", "Helpdesk", "--json"], "");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["pins"]["user"]["state"], "locked");
    assert_eq!(doc["pins"]["puk"]["state"], "locked");
    let o = t.run(&["pin", "status", "Helpdesk"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("must be revoked and a new token issued"), "{}", out(&o));
    let o = t.run(&["pin", "unblock", "Helpdesk", "--pin-stdin", "--confirm-last-try"], "12345678\n99998888\n");
    assert_eq!(o.status.code(), Some(5));
    assert!(err(&o).contains("can no longer be unblocked"), "{}", err(&o));
}

#[test]
fn the_pin_is_never_in_argv_or_the_environment() {
    let k = Kryoptic::new("Ps", "12345678", "11112222");
    let mut child = Command::new(common::pecat_cli())
        .env("KRYOPTIC_CONF", k.conf())
        .arg("--module")
        .arg(kryoptic_module())
        .args(["pin", "verify", "Ps", "--pin-stdin", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let proc = format!("/proc/{}", child.id());
    // While it waits for the PIN, and once it has it, what `ps` and /proc show holds no PIN.
    // Wait until the exec is visible in /proc (spawn may return a moment before).
    let mut cmdline = Vec::new();
    for _ in 0..200 {
        cmdline = std::fs::read(format!("{proc}/cmdline")).unwrap();
        if String::from_utf8_lossy(&cmdline).contains("verify") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let mut environ = std::fs::read(format!("{proc}/environ")).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"11112222\n").unwrap();
    drop(stdin);
    cmdline.extend(std::fs::read(format!("{proc}/cmdline")).unwrap_or_default());
    environ.extend(std::fs::read(format!("{proc}/environ")).unwrap_or_default());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(String::from_utf8_lossy(&cmdline).contains("verify"), "read the right process");
    for place in [&cmdline, &environ, &o.stdout, &o.stderr] {
        assert!(!String::from_utf8_lossy(place).contains("11112222"));
    }
}

#[test]
fn vendor_profiles_drive_the_rules() {
    let f = Fixture::standard();
    let env = ("SOFTHSM2_CONF", f.hsm.conf());
    // A module named like the Serbian eID's gets its profile: digits only, 4–8, no PUK.
    let dir = tempfile::tempdir().unwrap();
    let eid = dir.path().join("libnstpkcs11.so");
    std::fs::copy(softhsm_module(), &eid).unwrap();
    let o = cli(env, &eid, &["pin", "status", &f.serial], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("PUK              none on this token"), "{}", out(&o));
    assert!(out(&o).contains("only a MUP police station can unblock it"), "{}", out(&o));
    let o = cli(env, &eid, &["pin", "unblock", &f.serial, "--pin-stdin"], "87654321\n1234\n");
    assert_eq!(o.status.code(), Some(6));
    assert!(err(&o).contains("The Serbian ID card has no PUK"), "{}", err(&o));
    let o = cli(env, &eid, &["pin", "change", &f.serial, "--pin-stdin"], &format!("{}\nab12\n", f.user_pin));
    assert_eq!(o.status.code(), Some(6));
    assert!(err(&o).contains("digits only"), "{}", err(&o));

    // The generic SoftHSM2 profile: change the PIN, then the old one is wrong.
    let m = softhsm_module();
    let o = cli(env, &m, &["pin", "change", &f.serial, "--pin-stdin"], &format!("{}\n1234567890\n", f.user_pin));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("macOS (Monterey, Ventura, Sonoma) will not accept it"), "{}", err(&o));
    let o = cli(env, &m, &["pin", "verify", &f.serial, "--pin-stdin"], &format!("{}\n", f.user_pin));
    assert_eq!(o.status.code(), Some(4));
    assert!(err(&o).contains("Few tries left"), "SoftHSM2 sets COUNT_LOW: {}", err(&o));
    let o = cli(env, &m, &["pin", "change", &f.serial, "--pin-stdin"], "1234567890\n1234567890\n");
    assert_eq!(o.status.code(), Some(6));
    assert!(err(&o).contains("the same as the current one"), "{}", err(&o));

    // Change the SO PIN, then unblock with it.
    let o = cli(env, &m, &["puk", "change", &f.serial, "--pin-stdin"], "87654321\n11223344\n");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(err(&o).trim(), "SO PIN changed.");
    let o = cli(env, &m, &["pin", "unblock", &f.serial, "--pin-stdin"], "11223344\n2468\n");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = cli(env, &m, &["pin", "verify", &f.serial, "--pin-stdin"], "2468\n");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    // No terminal and no --pin-stdin: a clear error, nothing sent.
    let o = cli(env, &m, &["pin", "verify", &f.serial], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("--pin-stdin"), "{}", err(&o));
}

#[test]
fn safenet_second_pin_token_is_labelled() {
    let hsm = pecat_testkit::SoftHsm::new();
    let serial = hsm.init_token("eToken Digital Signature PIN", "87654321", "123456");
    let dir = tempfile::tempdir().unwrap();
    let safenet = dir.path().join("libeTPkcs11.so");
    std::fs::copy(softhsm_module(), &safenet).unwrap();
    let o = cli(("SOFTHSM2_CONF", hsm.conf()), &safenet, &["tokens"], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("the SafeNet 5110 CC's second PIN, with its own PIN and PUK"), "{}", out(&o));
    assert!(out(&o).contains("Administrator password ok"), "{}", out(&o));
    let o = cli(("SOFTHSM2_CONF", hsm.conf()), &safenet, &["token", "show", &serial, "--json"], "");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(doc["role"].as_str().unwrap().contains("Digital Signature PIN token"));
}

#[test]
fn a_pin_shorter_than_the_token_minimum_is_never_sent() {
    // SoftHSM2's ulMinPinLen is 4, and it counts a short login as a wrong PIN (COUNT_LOW).
    let hsm = pecat_testkit::SoftHsm::new();
    let serial = hsm.init_token("Short", "87654321", "24681357");
    let env = ("SOFTHSM2_CONF", hsm.conf());
    let m = softhsm_module();
    for (args, stdin) in [
        (&["pin", "verify", &serial, "--pin-stdin"][..], "123\n"),
        (&["pin", "change", &serial, "--pin-stdin"][..], "123\n13572468\n"),
        (&["puk", "change", &serial, "--pin-stdin"][..], "876\n11223344\n"),
    ] {
        let o = cli(env, &m, args, stdin);
        assert_eq!(o.status.code(), Some(6), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("shorter than the token's minimum of 4 characters"), "{}", err(&o));
        assert!(err(&o).contains("Nothing was sent to the token"), "{}", err(&o));
    }
    let o = cli(env, &m, &["pin", "verify", &serial, "--pin-stdin", "--json"], "123\n");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["result"]["outcome"], "policy", "{doc}");
    assert_eq!(doc["result"]["violation"]["violation"], "below-token-minimum", "{doc}");
    assert_eq!(doc["result"]["violation"]["min"], 4, "{doc}");
    // The token's own flags: no wrong entry was counted.
    let o = cli(env, &m, &["pin", "status", &serial, "--json"], "");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["pins"]["user"]["state"], "ok", "{doc}");
    assert_eq!(doc["pins"]["puk"]["state"], "ok", "{doc}");
    let flags = hsm.command("pkcs11-tool").arg("--module").arg(&m).arg("-T").output().unwrap();
    assert!(
        !String::from_utf8_lossy(&flags.stdout).contains("count low"),
        "{}",
        String::from_utf8_lossy(&flags.stdout)
    );
}
