//! Verification against a hostile sender: every attack file of `tools/attacks` (made by openssl,
//! pyHanko and hand-written incremental updates — not by Pecat) gets the verdict and the reason
//! it deserves from `pecat-cli verify`, and pyHanko's validator agrees on every bottom line
//! except where Pecat's stated rules are deliberately stricter or pyHanko cannot classify.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{out, pyhanko};
use serde_json::Value;

/// The attack PKI and PDFs, made once per test binary into a temporary folder.
struct Corpus {
    _dir: tempfile::TempDir,
    pki: PathBuf,
    out: PathBuf,
}

fn corpus() -> &'static Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let tools = common::repo().join("tools/attacks");
        let (pki, out) = (dir.path().join("pki"), dir.path().join("out"));
        let run = Command::new("bash").arg(tools.join("forge_chain.sh")).arg(&pki).output().unwrap();
        assert!(run.status.success(), "forge_chain.sh: {}", String::from_utf8_lossy(&run.stderr));
        let run = Command::new(pyhanko()).arg(tools.join("make_attacks.py")).arg(&out).arg(&pki).output().unwrap();
        assert!(run.status.success(), "make_attacks.py: {}", String::from_utf8_lossy(&run.stderr));
        Corpus { _dir: dir, pki, out }
    })
}

/// `pecat-cli verify --json FILE --trust ROOT` (plus `extra`): exit code and the report.
fn verify(file: &str, extra: &[&str]) -> (i32, Value) {
    let c = corpus();
    let path = c.out.join(file);
    let root = c.pki.join("root.pem");
    let mut args = vec!["verify", "--json", path.to_str().unwrap(), "--trust", root.to_str().unwrap()];
    args.extend(extra);
    let o = common::run(("PECAT_TRUST_DIR", Path::new("/nonexistent/trust")), Path::new("/none.so"), &args, "");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{file}: {e}: {}", out(&o)));
    (o.status.code().unwrap(), doc)
}

/// Problem kinds of every signature (path problems as `path:KIND`).
fn problems(doc: &Value) -> Vec<String> {
    let mut kinds = Vec::new();
    for s in doc["signatures"].as_array().unwrap() {
        for p in s["problems"].as_array().unwrap() {
            let kind = p["kind"].as_str().unwrap().to_owned();
            kinds.push(match p["problem"]["kind"].as_str() {
                Some(inner) => format!("{kind}:{inner}"),
                None => kind,
            });
        }
    }
    kinds
}

/// (file, exit code, a problem kind that must be reported — empty for none at all).
const EXPECTED: &[(&str, i32, &str)] = &[
    ("signed.pdf", 0, ""),
    ("ec-signed.pdf", 0, ""),
    ("then-signed.pdf", 0, ""),
    ("certified-p1.pdf", 0, ""),
    ("certified-p2.pdf", 0, ""),
    ("certified-p3.pdf", 0, ""),
    ("certified-p2-then-signed.pdf", 0, ""),
    ("certified-p2-then-filled.pdf", 0, ""),
    ("certified-p3-then-annotated.pdf", 0, ""),
    // 1. A signer certificate issued by an end-entity key; and the other path rules.
    ("forged-chain.pdf", 8, "path:issuer-not-ca"),
    ("sha1-chain.pdf", 8, "path:weak-signature-algorithm"),
    ("critical-ext.pdf", 8, "path:unknown-critical-extension"),
    ("pathlen.pdf", 8, "path:path-length-exceeded"),
    ("web-signed.pdf", 8, "path:untrusted-root"),
    // 4. Expired now; the backdated claimed time does not save it.
    ("expired.pdf", 8, "path:expired"),
    // 5. Certificate substitution.
    ("substituted.pdf", 7, "signing-certificate-mismatch"),
    // 6. Changes after signing.
    ("then-filled.pdf", 7, "modified-after-signing"),
    ("then-comment.pdf", 7, "modified-after-signing"),
    ("overlay-annot.pdf", 7, "modified-after-signing"),
    ("new-content.pdf", 7, "modified-after-signing"),
    ("new-page.pdf", 7, "modified-after-signing"),
    ("changed-font.pdf", 7, "modified-after-signing"),
    ("rewritten-catalog.pdf", 7, "modified-after-signing"),
    ("shadow-hide.pdf", 7, "modified-after-signing"),
    // 7. Bytes no signature covers; damaged signatures are invalid signatures, not "unsigned".
    ("appended-garbage.pdf", 7, "modified-after-signing"),
    ("appended-object.pdf", 7, "modified-after-signing"),
    ("appended-eof.pdf", 7, "modified-after-signing"),
    ("damaged-contents.pdf", 7, "signature-unreadable"),
    ("damaged-byterange.pdf", 7, "byte-range-malformed"),
    // 8. Certified documents changed beyond what the certification allows.
    ("certified-p1-then-signed.pdf", 7, "certification-forbids"),
    ("certified-p2-then-annotated.pdf", 7, "certification-forbids"),
    ("base.pdf", 9, ""),
];

#[test]
fn every_attack_gets_its_verdict_and_reason() {
    let mut failures = Vec::new();
    for &(file, code, kind) in EXPECTED {
        let (got, doc) = verify(file, &[]);
        let kinds = problems(&doc);
        let reason_ok = if kind.is_empty() { code != 0 || kinds.is_empty() } else { kinds.iter().any(|k| k == kind) };
        if got != code || !reason_ok {
            failures.push(format!("{file}: exit {got} (want {code}), problems {kinds:?} (want {kind:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn uncovered_bytes_are_reported_exactly() {
    let (_, signed) = verify("signed.pdf", &[]);
    assert_eq!(signed["signatures"][0]["coverage"]["kind"], "whole-file");
    assert!(signed["uncovered"].is_null());
    let signed_len = signed["file_size"].as_u64().unwrap();
    for file in ["appended-garbage.pdf", "appended-object.pdf", "appended-eof.pdf"] {
        let (_, doc) = verify(file, &[]);
        let size = doc["file_size"].as_u64().unwrap();
        let s = &doc["signatures"][0];
        assert_eq!(s["coverage"]["kind"], "revision", "{file}: {doc}");
        assert_eq!(s["coverage"]["signed_bytes"].as_u64(), Some(signed_len), "{file}");
        assert_eq!(doc["uncovered"]["start"].as_u64(), Some(signed_len), "{file}: {doc}");
        assert_eq!(doc["uncovered"]["end"].as_u64(), Some(size), "{file}");
        let trailing = s["later_changes"]["changes"].as_array().unwrap().iter().any(|c| c["kind"] == "trailing-data");
        assert!(trailing, "{file}: {doc}");
    }
}

#[test]
fn qualified_only_through_a_qualified_anchor_and_system_roots_only_when_asked() {
    let c = corpus();
    let (code, doc) = verify("signed.pdf", &[]);
    assert_eq!(code, 0);
    assert_eq!(doc["signatures"][0]["qualified"]["qc_compliance"], true, "the certificate claims it");
    assert_eq!(doc["signatures"][0]["qualification"], "claimed", "an unmarked anchor does not confirm it");
    let root = c.pki.join("root.pem");
    let (_, doc) = verify("signed.pdf", &["--trust-qualified", root.to_str().unwrap()]);
    assert_eq!(doc["signatures"][0]["qualification"], "qualified", "{doc}");
    // Untrusted chain: still only "claims".
    let o = common::run(
        ("PECAT_TRUST_DIR", Path::new("/nonexistent/trust")),
        Path::new("/none.so"),
        &["verify", "--json", c.out.join("signed.pdf").to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(8));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["signatures"][0]["qualification"], "claimed");
    assert!(problems(&doc).contains(&"no-trust-anchors".to_owned()), "{doc}");
    // A TLS server certificate is no document signer even under its own trusted root.
    let webroot = c.pki.join("webroot.pem");
    let (code, doc) = verify("web-signed.pdf", &["--trust", webroot.to_str().unwrap()]);
    assert_eq!(code, 8);
    assert!(problems(&doc).contains(&"path:signer-extended-key-usage".to_owned()), "{doc}");
}

#[test]
fn validity_is_judged_now_and_the_claimed_time_is_shown_as_such() {
    let (_, doc) = verify("expired.pdf", &[]);
    let s = &doc["signatures"][0];
    assert_eq!(s["validation_time_source"], "current");
    assert_eq!(s["certificate_valid_at_claimed_time"], true, "the claimed time is backdated into validity");
    assert!(s["claimed_signing_time_utc"].as_str().unwrap() < s["validation_time"].as_str().unwrap());
}

/// pyHanko's bottom line for each file (errors count as "not valid").
fn pyhanko_valid(file: &str) -> bool {
    let c = corpus();
    let script = common::repo().join("tools/attacks/validate.py");
    let o = Command::new(pyhanko())
        .arg(script)
        .arg(c.out.join(file))
        .arg("--trust")
        .arg(c.pki.join("root.pem"))
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let sigs = doc["signatures"].as_array().cloned().unwrap_or_default();
    doc["error"].is_null() && !sigs.is_empty() && sigs.iter().all(|s| s["bottom_line"] == true)
}

#[test]
fn pyhanko_agrees_on_every_bottom_line() {
    // Where the two differ on purpose: Pecat accepts only signatures and validation data after
    // an approval signature on an uncertified document (pyHanko accepts form filling there);
    // pyHanko 0.38 classifies every added annotation as "other" (so it refuses P=3 comments);
    // pyHanko's bottom line ignores bytes after the last revision that belong to no revision,
    // which Pecat refuses (it only notes the coverage).
    const DIFFER: &[&str] = &["then-filled.pdf", "certified-p3-then-annotated.pdf", "appended-object.pdf"];
    let mut disagreements = Vec::new();
    for &(file, code, _) in EXPECTED.iter().filter(|(f, ..)| *f != "base.pdf") {
        let pecat = code == 0;
        let theirs = pyhanko_valid(file);
        let expected_same = !DIFFER.contains(&file);
        if (pecat == theirs) != expected_same {
            disagreements.push(format!("{file}: Pecat valid={pecat}, pyHanko valid={theirs}"));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn sign_refuses_a_document_certified_with_no_changes_allowed() {
    let f = pecat_testkit::Fixture::standard();
    let c = corpus();
    let dir = tempfile::tempdir().unwrap();
    let reference = format!("{}:01", f.serial);
    let sign = |input: &str, output: &Path, extra: &[&str]| {
        let input = c.out.join(input);
        let mut args = vec!["sign", reference.as_str(), input.to_str().unwrap()];
        args.extend(["-o", output.to_str().unwrap(), "--pin-stdin"]);
        args.extend(extra);
        common::run(
            ("SOFTHSM2_CONF", f.hsm.conf()),
            &pecat_testkit::softhsm_module(),
            &args,
            &format!("{}\n", f.user_pin),
        )
    };
    let before = std::fs::read(c.out.join("certified-p1.pdf")).unwrap();
    let refused = dir.path().join("refused.pdf");
    let o = sign("certified-p1.pdf", &refused, &[]);
    assert_ne!(o.status.code(), Some(0));
    assert!(common::err(&o).contains("no changes allowed (DocMDP P=1)"), "{}", common::err(&o));
    assert!(!refused.exists(), "nothing is written");
    assert_eq!(std::fs::read(c.out.join("certified-p1.pdf")).unwrap(), before, "the input is untouched");

    // P=2: signing is allowed, and the user is told what the certification allows.
    let p2 = dir.path().join("p2.pdf");
    let o = sign("certified-p2.pdf", &p2, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", common::err(&o));
    assert!(common::err(&o).contains("certified by its author (P=2)"), "{}", common::err(&o));

    // The explicit override signs; verify then reports the breached certification.
    let forced = dir.path().join("forced.pdf");
    let o = sign("certified-p1.pdf", &forced, &["--break-certification"]);
    assert_eq!(o.status.code(), Some(0), "{}", common::err(&o));
    let root = c.pki.join("root.pem");
    let o = common::run(
        ("PECAT_TRUST_DIR", Path::new("/nonexistent/trust")),
        Path::new("/none.so"),
        &["verify", "--json", forced.to_str().unwrap(), "--trust", root.to_str().unwrap()],
        "",
    );
    assert_eq!(o.status.code(), Some(7));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(problems(&doc).contains(&"certification-forbids".to_owned()), "{doc}");
}
