//! Command line errors and `--json` failures: a wrong value or combination of options exits 2
//! with a clear message, like clap's own usage errors; with `--json`, every failure prints one
//! JSON document `{"error": {"kind", "message"}}` on stdout, the message staying on stderr.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{err, out};
use pecat_testkit::{Fixture, SoftHsm, XrefShape, simple_pdf, softhsm_module};
use serde_json::Value;

fn cli(hsm: &SoftHsm, args: &[&str]) -> Output {
    common::run(("SOFTHSM2_CONF", hsm.conf()), &softhsm_module(), args, "")
}

/// Stdout is exactly one JSON document with an `error` member; returns it.
fn error_doc(o: &Output) -> Value {
    let doc: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {}", out(o)));
    assert!(doc["error"]["kind"].is_string() && doc["error"]["message"].is_string(), "{doc}");
    doc
}

#[test]
fn wrong_values_and_combinations_exit_2_with_the_reason() {
    let hsm = SoftHsm::new();
    hsm.init_token("Usage", "87654321", "24681357");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("in.pdf");
    std::fs::write(&pdf, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
    let pdf = pdf.to_str().unwrap();
    let x = dir.path().join("x.pem");
    let x = x.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["sign", "Usage:01", pdf, "--visible", "--rect", "100,100,50,50"], "x2 must be right of x1"),
        (&["sign", "Usage:01", pdf, "--visible", "--rect", "1,2,3"], "four numbers"),
        (&["sign", "Usage:01", pdf, "--visible", "--rect", "a,b,c,d"], "x1,y1,x2,y2 in points"),
        (&["sign", "Usage:01", pdf, "--text", "Semnat"], "add --visible"),
        (&["sign", "Usage:01", pdf, pdf, "-o", "out.pdf"], "--out-dir"),
        (&["sign", "abc", pdf, "--pin-stdin"], "is not TOKEN:ID"),
        (&["cert", "export", "abc", "-o", x], "is not TOKEN:ID"),
        (&["cert", "export", ":01", "-o", x], "is not TOKEN:ID"),
        (&["cert", "show", ":01"], "is not TOKEN:ID"),
        (&["cert", "export", "Usage:01", "--format", "der", "-o", x], "--format der does not match"),
        (&["csr", "Usage:zz", "--subject", "CN=Ana", "-o", x], "is not TOKEN:ID"),
    ];
    for (args, expected) in cases {
        let o = cli(&hsm, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(expected), "{args:?}: {}", err(&o));
        assert_eq!(err(&o).trim().lines().count(), 1, "one line: {}", err(&o));
        assert!(o.stdout.is_empty(), "{args:?}: {}", out(&o));

        let mut with_json = args.to_vec();
        with_json.push("--json");
        let o = cli(&hsm, &with_json);
        assert_eq!(o.status.code(), Some(2), "{with_json:?}: {}", err(&o));
        let doc = error_doc(&o);
        assert_eq!(doc["error"]["kind"], "usage", "{doc}");
        assert!(doc["error"]["message"].as_str().unwrap().contains(expected), "{doc}");
        assert!(err(&o).contains(expected), "the message stays on stderr: {}", err(&o));
    }
    assert!(!Path::new(x).exists(), "nothing was written");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the input is there");
}

#[test]
fn clap_usage_errors_are_json_too_when_asked() {
    let hsm = SoftHsm::new();
    for args in [&["tokens", "--bogus", "--json"][..], &["--json", "sign"], &["--json", "nonsense"]] {
        let o = cli(&hsm, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let doc = error_doc(&o);
        assert_eq!(doc["error"]["kind"], "usage", "{doc}");
        assert!(err(&o).contains("Usage:"), "clap's text stays on stderr: {}", err(&o));
    }
    // Without --json stdout stays empty; after `--` a "--json" is an operand, not the option.
    for args in [&["tokens", "--bogus"][..], &["tokens", "--", "--json"]] {
        let o = cli(&hsm, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}: {}", out(&o));
    }
    // Help is not a failure.
    let o = cli(&hsm, &["--json", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("Exit codes:"), "{}", out(&o));
}

#[test]
fn every_failure_prints_one_json_error_document() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| common::run(("SOFTHSM2_CONF", f.hsm.conf()), &softhsm_module(), args, stdin);

    let o = run(&["certs", "NoSuchToken", "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    let doc = error_doc(&o);
    assert_eq!(doc["error"]["kind"], "no-such-token", "{doc}");
    assert!(doc["error"]["message"].as_str().unwrap().contains("no token matches \"NoSuchToken\""), "{doc}");
    assert!(err(&o).contains("no token matches \"NoSuchToken\""));

    let o = run(&["cert", "show", "/nonexistent/x.cer", "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(error_doc(&o)["error"]["kind"], "failed");

    let pem = dir.path().join("ec.pem");
    std::fs::write(&pem, "x").unwrap();
    let o = run(&["cert", "export", &format!("{}:02", f.serial), "-o", pem.to_str().unwrap(), "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(error_doc(&o)["error"]["kind"], "exists");

    // A refused PIN: the outcome document carries the error too, still one document.
    let o = run(&["pin", "verify", &f.serial, "--pin-stdin", "--json"], "wrong-pin\n");
    assert_eq!(o.status.code(), Some(4));
    let doc = error_doc(&o);
    assert_eq!(doc["error"]["kind"], "wrong-pin", "{doc}");
    assert_eq!(doc["result"]["outcome"], "wrong-pin", "{doc}");
}

#[test]
fn export_takes_the_format_from_the_extension() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let id = format!("{}:02", f.serial);
    let run = |args: &[&str]| common::run(("SOFTHSM2_CONF", f.hsm.conf()), &softhsm_module(), args, "");
    let openssl = |args: &[&str]| Command::new("openssl").args(args).output().unwrap();

    let pem = dir.path().join("ec.pem");
    let o = run(&["cert", "export", &id, "-o", pem.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(std::fs::read_to_string(&pem).unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
    assert!(openssl(&["x509", "-in", pem.to_str().unwrap(), "-noout"]).status.success());

    let p7b = dir.path().join("ec.p7b");
    let o = run(&["cert", "export", &id, "-o", p7b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let read = openssl(&["pkcs7", "-inform", "der", "-in", p7b.to_str().unwrap(), "-print_certs", "-noout"]);
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));

    // No extension that says otherwise: DER as before.
    for name in ["ec.cer", "ec.bin"] {
        let path = dir.path().join(name);
        let o = run(&["cert", "export", &id, "-o", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(std::fs::read(&path).unwrap(), f.ec.cert, "{name}");
    }
    // PEM in a .crt is common and allowed when asked for.
    let crt = dir.path().join("ec.crt");
    let o = run(&["cert", "export", &id, "--format", "pem", "-o", crt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(std::fs::read_to_string(&crt).unwrap().starts_with("-----BEGIN CERTIFICATE-----"));

    let wrong = dir.path().join("wrong.pem");
    let o = run(&["cert", "export", &id, "--format", "der", "-o", wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--format der does not match the extension"), "{}", err(&o));
    assert!(!wrong.exists());
}
