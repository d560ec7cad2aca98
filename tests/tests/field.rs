//! `pecat-cli fields` and `sign --field NAME`: a document whose empty signature fields pyHanko
//! added is listed, signed into one field with the demo credential, and checked by Pecat's
//! verify (trusting the demo root) and pdfsig; a field that is missing or signed is refused.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::err;

use pecat_testkit::{SoftHsm, softhsm_module};
use serde_json::Value;

const FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../crates/pades/tests/fixtures/two-empty-fields.pyhanko.pdf");

fn cli(hsm: &SoftHsm, demo_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = common::command(("SOFTHSM2_CONF", hsm.conf()), &softhsm_module());
    cmd.env("PECAT_TRUST_DIR", "/nonexistent/trust").env("PECAT_DEMO_DIR", demo_dir).args(args);
    common::finish(&mut cmd, stdin)
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn fields_are_listed_and_a_signature_goes_into_the_chosen_one() {
    let hsm = SoftHsm::new();
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let input = dir.path().join("form.pdf");
    std::fs::copy(FIXTURE, &input).unwrap();
    let input = input.to_str().unwrap();

    let o = cli(&hsm, &demo, &["fields", input], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "Sig1\tempty\tpage 1, 100,100,300,150\nApproval\tempty\tpage 2, 50,600,250,680\n");

    // --field takes its place from the field: --rect and --page conflict with it.
    let signed = dir.path().join("signed.pdf");
    let signed_s = signed.to_str().unwrap();
    let o = cli(&hsm, &demo, &["sign", "demo:pecat-demo-1", input, "--field", "Sig1", "--rect", "1,1,50,50"], "");
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("--rect"), "{}", err(&o));

    let code = || {
        let o = cli(&hsm, &demo, &["demo", "code", "--json"], "");
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        doc["code"].as_str().unwrap().to_owned()
    };
    // A field the document does not have: the empty ones are named, nothing is written.
    let args = ["sign", "demo:pecat-demo-1", input, "-o", signed_s, "--field", "Nope", "--pin-stdin"];
    let o = cli(&hsm, &demo, &args, &format!("1234\n{}\n", code()));
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains("Sig1, Approval"), "{}", err(&o));
    assert!(!signed.exists());

    let args = ["sign", "demo:pecat-demo-1", input, "-o", signed_s, "--field", "Approval", "--pin-stdin"];
    let o = cli(&hsm, &demo, &args, &format!("1234\n{}\n", code()));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    let o = cli(&hsm, &demo, &["fields", signed_s, "--json"], "");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let fields = doc["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert_eq!((fields[0]["name"].as_str(), fields[0]["signed"].as_bool()), (Some("Sig1"), Some(false)));
    assert_eq!((fields[1]["name"].as_str(), fields[1]["signed"].as_bool()), (Some("Approval"), Some(true)));

    let root = dir.path().join("demo-root.pem");
    let o = cli(&hsm, &demo, &["demo", "root", "-o", root.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = cli(&hsm, &demo, &["verify", signed_s, "--trust", root.to_str().unwrap(), "--json"], "");
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["signatures"][0]["field"], "Approval");
    let pdfsig = Command::new("pdfsig").arg(&signed).output().unwrap();
    assert!(String::from_utf8_lossy(&pdfsig.stdout).contains("Signature is Valid."));

    // The signed field cannot take a second signature.
    let again = dir.path().join("again.pdf");
    let args =
        ["sign", "demo:pecat-demo-1", signed_s, "-o", again.to_str().unwrap(), "--field", "Approval", "--pin-stdin"];
    let o = cli(&hsm, &demo, &args, &format!("1234\n{}\n", code()));
    assert_ne!(o.status.code(), Some(0));
    assert!(err(&o).contains("signed already"), "{}", err(&o));
    assert!(!again.exists());
}
