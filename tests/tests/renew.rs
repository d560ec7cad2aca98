//! Renewal on the same token, end to end against SoftHSM2: key pairs made on the token, CSRs
//! checked by `openssl req -verify`, certificates issued by `openssl x509 -req` and loaded back.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use pecat_testkit::{EndEntity, Fixture, softhsm_module};
use serde_json::Value;

mod common;

use common::err;

fn cli(f: &Fixture, args: &[&str], stdin: &str) -> Output {
    let o = common::run(("SOFTHSM2_CONF", f.hsm.conf()), &softhsm_module(), args, stdin);
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(!printed.contains(&f.user_pin), "the PIN was printed: {printed}");
    o
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn openssl(args: &[&str]) -> Output {
    Command::new("openssl").args(args).output().unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Issues a certificate for a request with the fixture's CA, as a provider would.
fn issue(f: &Fixture, csr: &Path, out: &Path) {
    let (ca, key) = f.pki.ca_files(f.hsm.dir());
    ok(openssl(&[
        "x509",
        "-req",
        "-in",
        csr.to_str().unwrap(),
        "-CA",
        ca.to_str().unwrap(),
        "-CAkey",
        key.to_str().unwrap(),
        "-days",
        "730",
        "-set_serial",
        "4242",
        "-copy_extensions",
        "copy",
        "-out",
        out.to_str().unwrap(),
    ]));
}

fn pin(f: &Fixture) -> String {
    format!("{}\n", f.user_pin)
}

#[test]
fn keygen_and_csr_for_every_algorithm_verify_with_openssl() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let source = format!("{}:01", f.serial);
    let subject = ok(openssl(&["x509", "-inform", "der", "-noout", "-subject", "-nameopt", "RFC2253,utf8", "-in", {
        let p = dir.path().join("old.der");
        std::fs::write(&p, &f.rsa.cert).unwrap();
        Box::leak(p.into_boxed_path()).to_str().unwrap()
    }]));
    for alg in ["rsa2048", "rsa3072", "p256", "p384"] {
        let o = cli(
            &f,
            &["keygen", &f.serial, "--alg", alg, "--label", &format!("new {alg}"), "--pin-stdin", "--json"],
            &pin(&f),
        );
        assert_eq!(o.status.code(), Some(0), "{alg}: {}", err(&o));
        let key = json(&o)["key"]["id"].as_str().unwrap().to_owned();
        let csr = dir.path().join(format!("{alg}.csr"));
        let o = cli(
            &f,
            &[
                "csr",
                &format!("{}:{key}", f.serial),
                "--subject-from",
                &source,
                "-o",
                csr.to_str().unwrap(),
                "--pin-stdin",
            ],
            &pin(&f),
        );
        assert_eq!(o.status.code(), Some(0), "{alg}: {}", err(&o));
        let out = ok(openssl(&[
            "req",
            "-in",
            csr.to_str().unwrap(),
            "-verify",
            "-noout",
            "-subject",
            "-nameopt",
            "RFC2253,utf8",
        ]));
        assert!(out.contains("verify OK"), "{alg}: {out}");
        assert_eq!(
            out.lines().find(|l| l.starts_with("subject=")),
            subject.lines().find(|l| l.starts_with("subject=")),
            "{alg}"
        );
        let text = ok(openssl(&["req", "-in", csr.to_str().unwrap(), "-noout", "-text"]));
        let expected = match alg {
            "p384" => "ecdsa-with-SHA384",
            "p256" => "ecdsa-with-SHA256",
            _ => "sha256WithRSAEncryption",
        };
        assert!(text.contains(expected), "{alg}: {text}");
        assert!(text.contains("Digital Signature, Non Repudiation"), "{alg}");
    }
    // The private keys are on the token, sensitive and not extractable (pkcs11-tool's view).
    let listing = f
        .hsm
        .command("pkcs11-tool")
        .args([
            "--module",
            softhsm_module().to_str().unwrap(),
            "--token-label",
            &f.label,
            "--login",
            "--pin",
            &f.user_pin,
            "-O",
            "--type",
            "privkey",
        ])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert_eq!(listing.matches("label:      new ").count(), 4, "{listing}");
    assert_eq!(listing.matches("never extractable").count(), 4 + 2, "{listing}");
    assert!(listing.matches("Usage:      sign\n").count() >= 4, "signing keys only sign: {listing}");

    // A DN written out, in DER, with a challenge password read after the PIN.
    let o = cli(&f, &["keygen", &f.serial, "--alg", "p256", "--pin-stdin", "--json"], &pin(&f));
    let key = json(&o)["key"]["id"].as_str().unwrap().to_owned();
    let csr = dir.path().join("typed.der");
    let o = cli(
        &f,
        &[
            "csr",
            &format!("{}:{key}", f.serial),
            "--subject",
            "C=RS, O=Firma d.o.o., CN=Петар Петровић",
            "--challenge-password",
            "--der",
            "-o",
            csr.to_str().unwrap(),
            "--pin-stdin",
        ],
        &format!("{}\nprovider-secret\n", f.user_pin),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = ok(openssl(&[
        "req",
        "-inform",
        "der",
        "-in",
        csr.to_str().unwrap(),
        "-verify",
        "-noout",
        "-text",
        "-nameopt",
        "utf8",
    ]));
    assert!(text.contains("CN=Петар Петровић") || text.contains("CN = Петар Петровић"), "{text}");
    assert!(text.contains("challengePassword"), "{text}");
}

#[test]
fn renew_import_and_replace_without_loss() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let csr = dir.path().join("renew.csr");
    let o = cli(
        &f,
        &["renew", &format!("{}:01", f.serial), "-o", csr.to_str().unwrap(), "--pin-stdin", "--json"],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let doc = json(&o);
    let new_id = doc["key"]["id"].as_str().unwrap().to_owned();
    assert_eq!(doc["key"]["algorithm"], "rsa2048", "same algorithm as the old certificate");
    assert!(doc["key"]["label"].as_str().unwrap().starts_with("Ștefan Țăranu 20"));
    assert_eq!(doc["renewal"]["renewable"], true);
    assert!(err(&o).contains(&format!("pecat-cli cert import {} CERT-FILE --replace 01", f.serial)));
    ok(openssl(&["req", "-in", csr.to_str().unwrap(), "-verify", "-noout"]));

    let issued = dir.path().join("issued.pem");
    issue(&f, &csr, &issued);

    // A certificate for a key that is not on the token is refused, and nothing changes.
    let foreign = dir.path().join("foreign.der");
    std::fs::write(&foreign, f.pki.issue_foreign(&EndEntity::romanian(365))).unwrap();
    // What is on the token, by object: ids, labels and fingerprints (not the clock-dependent
    // expiry counters, which may tick between two listings).
    let objects = |f: &Fixture| -> Vec<(String, String, String)> {
        let doc = json(&cli(f, &["certs", &f.serial, "--json"], ""));
        let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        doc["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (s(&c["id"]), s(&c["label"]), s(&c["certificate"]["sha256"])))
            .collect()
    };
    let before = objects(&f);
    let o = cli(&f, &["cert", "import", &f.serial, foreign.to_str().unwrap(), "--pin-stdin"], &pin(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no key on token") && err(&o).contains("the token is unchanged"), "{}", err(&o));
    assert_eq!(objects(&f), before);

    // --replace naming a certificate that does not exist: refused before anything is written.
    let o =
        cli(&f, &["cert", "import", &f.serial, issued.to_str().unwrap(), "--replace", "99", "--pin-stdin"], &pin(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("has no certificate with id 99"), "{}", err(&o));
    assert_eq!(objects(&f), before);

    // Import with --replace: the new certificate pairs with the new key; the old one is gone.
    let o = cli(
        &f,
        &["cert", "import", &f.serial, issued.to_str().unwrap(), "--replace", "01", "--pin-stdin", "--json"],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let report = json(&o);
    assert_eq!(report["imported"]["id"], new_id.as_str());
    assert_eq!(report["imported"]["replaced"], 1);
    assert_eq!(report["imported"]["old_key_objects_removed"], 0, "keys stay unless asked");
    let after = json(&cli(&f, &["certs", &f.serial, "--json"], ""));
    let certs = after["certificates"].as_array().unwrap();
    let ids: Vec<&str> = certs.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"01"), "{ids:?}");
    let new = certs.iter().find(|c| c["id"] == new_id.as_str()).unwrap();
    assert_eq!(new["key"]["key_id"], new_id.as_str());
    assert_eq!(new["certificate"]["serial"], "1092", "serial 4242 from openssl");
    assert_eq!(new["certificate"]["common_name"], "Ștefan Țăranu");

    // The same certificate again: refused.
    let o = cli(&f, &["cert", "import", &f.serial, issued.to_str().unwrap(), "--pin-stdin"], &pin(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("already holds the certificate"), "{}", err(&o));

    // A wrong PIN: the typed outcome, nothing written.
    let o = cli(
        &f,
        &["renew", &format!("{}:02", f.serial), "-o", dir.path().join("x.csr").to_str().unwrap(), "--pin-stdin"],
        "000000\n",
    );
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(!dir.path().join("x.csr").exists());
}

#[test]
fn expired_certificates_are_not_renewed_or_loaded_without_override() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    // An expired certificate for the EC key (issued in the past by the same CA).
    let expired = dir.path().join("expired.der");
    let holder = EndEntity { valid_from_days: -800, valid_days: -30, ..EndEntity::romanian(0) };
    std::fs::write(&expired, f.pki.issue(&f.ec.spki, &holder)).unwrap();
    let o = cli(&f, &["cert", "import", &f.serial, expired.to_str().unwrap(), "--pin-stdin"], &pin(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("expired") && err(&o).contains("--allow-invalid"), "{}", err(&o));
    let o = cli(
        &f,
        &[
            "cert",
            "import",
            &f.serial,
            expired.to_str().unwrap(),
            "--allow-invalid",
            "--label",
            "old",
            "--replace",
            "02",
            "--pin-stdin",
            "--json",
        ],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(json(&o)["imported"]["id"], "02");
    assert_eq!(json(&o)["imported"]["replaced"], 1, "the other certificate of the same key is replaced");

    // Renewing it is refused with the reason, before any PIN is asked or key made.
    let certs = json(&cli(&f, &["certs", &f.serial, "--json"], ""));
    let old = certs["certificates"].as_array().unwrap().iter().find(|c| c["label"] == "old").unwrap();
    assert_eq!(old["expiry"]["state"], "expired");
    let o = cli(
        &f,
        &["renew", &format!("{}:02", f.serial), "-o", dir.path().join("r.csr").to_str().unwrap(), "--pin-stdin"],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("cannot renew") && err(&o).contains("providers renew only valid certificates"),
        "{}",
        err(&o)
    );
}
