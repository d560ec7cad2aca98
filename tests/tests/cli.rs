//! `pecat-cli` end to end: a SoftHSM2 token built by the testkit, outputs checked with openssl.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pecat_testkit::{Fixture, softhsm_module};
use serde_json::Value;

fn module() -> String {
    softhsm_module().display().to_string()
}

/// `pecat-cli` with the fixture's SoftHSM2 store and no user settings or environment modules.
fn cli(f: &Fixture, args: &[&str]) -> Output {
    Command::new(common::pecat_cli())
        .env("SOFTHSM2_CONF", f.hsm.conf())
        .env("PECAT_SETTINGS", f.hsm.dir().join("no-settings.toml"))
        .env_remove("PECAT_MODULES")
        .args(args)
        .output()
        .unwrap()
}

fn with_module<'a>(args: &[&'a str], module: &'a str) -> Vec<&'a str> {
    let mut v = vec!["--module", module];
    v.extend_from_slice(args);
    v
}

fn run(f: &Fixture, args: &[&str]) -> Output {
    let m = module();
    cli(f, &with_module(args, &m))
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn openssl(args: &[&str]) -> String {
    let out = Command::new("openssl").args(args).output().unwrap();
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn tokens_json_lists_the_token_with_serial_label_and_pin_state() {
    let f = Fixture::standard();
    let out = run(&f, &["tokens", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    let tokens = doc["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1, "uninitialised slots are hidden: {doc}");
    let t = &tokens[0];
    assert_eq!(t["serial"], f.serial.as_str());
    assert_eq!(t["label"], Fixture::LABEL);
    assert_eq!(t["manufacturer"], "SoftHSM project");
    assert_eq!(t["pins"]["user"]["state"], "ok");
    assert_eq!(t["pins"]["puk"]["state"], "ok");
    assert_eq!(t["pins"]["puk_label"], "SO PIN");
    assert_eq!(doc["problems"].as_array().unwrap().len(), 0);

    let all = json(&run(&f, &["tokens", "--all", "--json"]));
    assert_eq!(all["tokens"].as_array().unwrap().len(), 2, "--all shows SoftHSM2's free slot");
}

#[test]
fn certs_lists_both_certificates_with_keys_validity_and_qualified_flags() {
    let f = Fixture::standard();
    let out = run(&f, &["certs", &f.serial, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["token"]["serial"], f.serial.as_str());
    let certs = doc["certificates"].as_array().unwrap();
    let ids: Vec<&str> = certs.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["01", "02", "a0"]);
    for (c, key, alg) in [(&certs[0], "01", "RSA-2048"), (&certs[1], "02", "EC P-256")] {
        assert_eq!(c["certificate"]["common_name"], "Ștefan Țăranu");
        assert_eq!(c["certificate"]["qualified"]["qc_compliance"], true);
        assert_eq!(c["certificate"]["qualified"]["qc_sscd"], true);
        assert_eq!(c["certificate"]["qualified"]["qc_types"][0], "esign");
        assert_eq!(c["key"]["key_id"], key);
        assert_eq!(c["key"]["by"], "public-key-id");
        assert_eq!(c["key"]["algorithm"], alg);
        assert!(c["certificate"]["not_after_iso"].as_str().unwrap().ends_with('Z'));
        assert_eq!(c["chain"]["certificates"].as_array().unwrap().len(), 2, "leaf and the CA from the token");
    }
    assert_eq!(certs[0]["expiry"]["state"], "valid");
    assert_eq!(certs[1]["expiry"]["state"], "renew-soon");
    assert_eq!(certs[2]["certificate"]["is_ca"], true);
    assert!(certs[2].get("key").is_none(), "CA certificates pair with no key");

    // By label, in text: what a helpdesk reads.
    let text = run(&f, &["certs", "pecat test"]);
    assert_eq!(text.status.code(), Some(0));
    let s = stdout(&text);
    assert!(s.contains("01   Ștefan Țăranu"), "{s}");
    assert!(s.contains("qualified  qualified, QSCD, esign"), "{s}");
    assert!(s.contains("paired     key 01 \"Semnatura RSA\""), "{s}");
    assert!(s.contains("a0   Pecat Test Qualified CA  [CA certificate]"), "{s}");
    assert!(s.contains("issuer not found: C=RO, O=Pecat Test Trust Services, CN=Pecat Test Root CA"), "{s}");

    // With the root supplied the chain completes.
    let root = f.root_file();
    let doc = json(&run(&f, &["certs", &f.serial, "--ca", root.to_str().unwrap(), "--json"]));
    assert_eq!(doc["certificates"][0]["chain"]["end"]["kind"], "root");
    assert_eq!(doc["certificates"][0]["chain"]["certificates"].as_array().unwrap().len(), 3);
}

#[test]
fn fingerprints_and_fields_agree_with_openssl() {
    let f = Fixture::standard();
    let doc = json(&run(&f, &["cert", "show", &format!("{}:01", f.serial), "--json"]));
    let c = &doc["certificates"][0]["certificate"];
    let file = f.hsm.dir().join("rsa.der");
    std::fs::write(&file, &f.rsa.cert).unwrap();
    let fp = openssl(&["x509", "-inform", "der", "-in", file.to_str().unwrap(), "-noout", "-fingerprint", "-sha256"]);
    assert_eq!(fp.trim().split('=').nth(1).unwrap(), c["sha256"].as_str().unwrap());
    let serial = openssl(&["x509", "-inform", "der", "-in", file.to_str().unwrap(), "-noout", "-serial"]);
    assert_eq!(serial.trim().trim_start_matches("serial="), c["serial"].as_str().unwrap());
}

#[test]
fn customs_pair_is_der_that_openssl_reads() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let out = run(&f, &["cert", "export-customs", "Pecat Test:01", "-o", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    let personal = PathBuf::from(doc["personal"].as_str().unwrap());
    let intermediate = PathBuf::from(doc["intermediate"].as_str().unwrap());
    assert_eq!(std::fs::read(&personal).unwrap(), f.rsa.cert);
    assert_eq!(std::fs::read(&intermediate).unwrap(), f.pki.ca_der());
    let subj = openssl(&[
        "x509",
        "-inform",
        "der",
        "-in",
        personal.to_str().unwrap(),
        "-noout",
        "-subject",
        "-nameopt",
        "utf8",
    ]);
    assert!(subj.contains("Ștefan Țăranu"), "{subj}");
    let subj = openssl(&["x509", "-inform", "der", "-in", intermediate.to_str().unwrap(), "-noout", "-subject"]);
    assert!(subj.contains("Pecat Test Qualified CA"), "{subj}");

    // A second export does not overwrite without --force, and says so.
    let again = run(&f, &["cert", "export-customs", "Pecat Test:01", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists (use --force to replace it)"), "{}", stderr(&again));
    let forced = run(&f, &["cert", "export-customs", "Pecat Test:01", "-o", dir.path().to_str().unwrap(), "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
}

fn subjects_in_p7b(path: &Path) -> Vec<String> {
    openssl(&["pkcs7", "-inform", "der", "-in", path.to_str().unwrap(), "-print_certs", "-noout"])
        .lines()
        .filter_map(|l| l.strip_prefix("subject=").map(str::to_owned))
        .collect()
}

#[test]
fn exports_in_every_format_are_read_by_openssl() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let root = f.root_file();
    let id = format!("{}:02", f.serial);

    let out = run(
        &f,
        &[
            "cert",
            "export",
            &id,
            "--format",
            "p7b",
            "--chain",
            "--ca",
            root.to_str().unwrap(),
            "-o",
            p("chain.p7b").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "text mode writes messages on stderr only");
    let subjects = subjects_in_p7b(&p("chain.p7b"));
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(subjects.iter().any(|s| s.contains("Pecat Test Root CA")));

    let out = run(&f, &["cert", "export", &id, "--format", "p7b", "-o", p("one.p7b").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(subjects_in_p7b(&p("one.p7b")).len(), 1);

    let out = run(&f, &["cert", "export", &id, "--format", "der", "-o", p("ec.cer").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(p("ec.cer")).unwrap(), f.ec.cert);

    let out = run(&f, &["cert", "export", &id, "--format", "pem", "--chain", "-o", p("ec.pem").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = openssl(&["x509", "-in", p("ec.pem").to_str().unwrap(), "-noout", "-issuer"]);
    assert!(text.contains("Pecat Test Qualified CA"), "{text}");
    assert_eq!(std::fs::read_to_string(p("ec.pem")).unwrap().matches("BEGIN CERTIFICATE").count(), 2);

    let out = run(&f, &["cert", "export", &id, "--format", "der", "--chain", "-o", p("x.cer").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("DER holds one certificate"));
    assert!(!p("x.cer").exists());

    // A p7b made by openssl reads back with both certificates.
    let bundle = p("openssl.p7b");
    std::fs::write(p("ec.pem.in"), std::fs::read(p("ec.pem")).unwrap()).unwrap();
    openssl(&[
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        p("ec.pem.in").to_str().unwrap(),
        "-outform",
        "der",
        "-out",
        bundle.to_str().unwrap(),
    ]);
    let doc = json(&run(&f, &["cert", "show", bundle.to_str().unwrap(), "--json"]));
    assert_eq!(doc["certificates"].as_array().unwrap().len(), 2);
}

#[test]
fn broken_modules_are_reported_and_the_rest_still_listed() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("libbroken-pkcs11.so");
    std::fs::write(&fake, b"not a library").unwrap();
    let m = module();
    let out = cli(
        &f,
        &[
            "--module",
            "/nonexistent/libeTPkcs11.so",
            "--module",
            fake.to_str().unwrap(),
            "--module",
            &m,
            "tokens",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "partial listing exits 3");
    let doc = json(&out);
    assert_eq!(doc["tokens"][0]["serial"], f.serial.as_str());
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    let err = stderr(&out);
    assert!(err.contains("PKCS#11 module /nonexistent/libeTPkcs11.so not found"), "{err}");
    assert!(err.contains("libbroken-pkcs11.so could not be loaded: not a loadable library"), "{err}");

    let out = cli(&f, &["--module", "/nonexistent/libeTPkcs11.so", "modules", "--json"]);
    let doc = json(&out);
    assert_eq!(doc["modules"][0]["name"], "SafeNet eToken (SafeNet Authentication Client)", "recognised by file name");
    assert_eq!(doc["modules"][0]["status"], "failed");
}

#[test]
fn a_module_whose_initialisation_fails_is_named() {
    let f = Fixture::standard();
    let m = module();
    let out = Command::new(common::pecat_cli())
        .env("SOFTHSM2_CONF", "/nonexistent/softhsm2.conf")
        .env("PECAT_SETTINGS", f.hsm.dir().join("none.toml"))
        .env("PECAT_DEMO_DIR", f.hsm.dir().join("demo"))
        .args(["--module", &m, "tokens"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("failed to start (C_Initialize returned CKR_"), "{}", stderr(&out));
    assert!(stdout(&out).contains("No token found"), "{}", stdout(&out));
}

#[test]
fn bad_files_and_references_get_one_clear_line() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.cer");
    std::fs::write(&cut, &f.rsa.cert[..200]).unwrap();
    let text = dir.path().join("notes.cer");
    std::fs::write(&text, "Dear helpdesk, my token does not work").unwrap();

    // A malformed TOKEN:ID is a command line error (2); the rest are failures (1).
    let cases: Vec<(Vec<String>, &str, i32)> = vec![
        (vec!["cert".into(), "show".into(), cut.display().to_string()], "is truncated", 1),
        (vec!["cert".into(), "show".into(), text.display().to_string()], "is not a certificate", 1),
        (vec!["cert".into(), "show".into(), "/nonexistent/x.cer".into()], "no such file", 1),
        (vec!["certs".into(), "NoSuchToken".into()], "no token matches \"NoSuchToken\"", 1),
        (vec!["cert".into(), "export".into(), "Pecat Test".into(), "-o".into(), "x".into()], "is not TOKEN:ID", 2),
        (vec!["cert".into(), "show".into(), "Pecat Test:99".into()], "has no certificate with id 99", 1),
        (vec!["certs".into(), f.serial.clone(), "--ca".into(), cut.display().to_string()], "is truncated", 1),
    ];
    for (args, expected, code) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&f, &args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"));
        assert!(out.stdout.is_empty());
    }
}
