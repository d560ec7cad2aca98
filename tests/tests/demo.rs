//! The built-in demo credential from the command line, as a new user meets it with no token:
//! listed by `tokens`, its root exported, a batch signed with its PIN and the demo
//! authenticator's code, verified by Pecat (trusting the demo root) and by pdfsig; a wrong code
//! is refused with exit 4 and nothing written.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::err;

use pecat_testkit::{SoftHsm, XrefShape, simple_pdf, softhsm_module};
use serde_json::Value;

/// Runs pecat-cli on an empty SoftHSM2 (no token plugged in), the demo kept in `demo_dir`.
fn cli(hsm: &SoftHsm, demo_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = common::command(("SOFTHSM2_CONF", hsm.conf()), &softhsm_module());
    cmd.env("PECAT_TRUST_DIR", "/nonexistent/trust").env("PECAT_DEMO_DIR", demo_dir).args(args);
    common::finish(&mut cmd, stdin)
}

#[test]
fn with_no_token_the_demo_lists_signs_and_verifies() {
    let hsm = SoftHsm::new();
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");

    let o = cli(&hsm, &demo, &["tokens", "--json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["tokens"].as_array().unwrap().len(), 0);
    let cred = &doc["cloud"][0]["credentials"][0];
    assert_eq!(doc["cloud"][0]["demo"], true);
    assert_eq!(cred["reference"], "demo:pecat-demo-1");
    assert!(cred["subject"].as_str().unwrap().contains("O=Pecat Demo"));
    assert_eq!(cred["qualified"], false);

    let root = dir.path().join("demo-root.pem");
    let o = cli(&hsm, &demo, &["demo", "root", "-o", root.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let subject = Command::new("openssl").args(["x509", "-noout", "-subject", "-in"]).arg(&root).output().unwrap();
    assert!(String::from_utf8_lossy(&subject.stdout).contains("Pecat Demo CA"));

    let inputs: Vec<_> = ["a.pdf", "b.pdf"]
        .iter()
        .map(|n| {
            let p = dir.path().join(n);
            std::fs::write(&p, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
            p
        })
        .collect();
    let out = dir.path().join("signed");
    std::fs::create_dir(&out).unwrap();
    let code = || {
        let o = cli(&hsm, &demo, &["demo", "code", "--json"], "");
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["code"].as_str().unwrap().to_owned()
    };

    // A wrong code: refused, exit 4, nothing written.
    let right = code();
    let wrong = if right == "000000" { "111111" } else { "000000" };
    let args =
        ["sign", "demo:pecat-demo-1", inputs[0].to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "--pin-stdin"];
    let o = cli(&hsm, &demo, &args, &format!("1234\n{wrong}\n"));
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("Wrong one-time code"), "{}", err(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing written");

    // The batch, one authorisation: both signed, both verify.
    let o = cli(
        &hsm,
        &demo,
        &[
            "sign",
            "demo:pecat-demo-1",
            inputs[0].to_str().unwrap(),
            inputs[1].to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--pin-stdin",
        ],
        &format!("1234\n{}\n", code()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for name in ["a.signed.pdf", "b.signed.pdf"] {
        let signed = out.join(name);
        let o = cli(&hsm, &demo, &["verify", signed.to_str().unwrap(), "--trust", root.to_str().unwrap()], "");
        assert_eq!(o.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&o.stdout));
        let pdfsig = Command::new("pdfsig").arg(&signed).output().unwrap();
        assert!(String::from_utf8_lossy(&pdfsig.stdout).contains("Signature is Valid."), "{name}");
    }
}
