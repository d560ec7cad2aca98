//! `pecat-cli sign` and `verify` end to end: SoftHSM2 keys (RSA and EC), pdfsig and qpdf as
//! independent judges.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{err, pyhanko};
use pecat_testkit::{Fixture, XrefShape, simple_pdf, softhsm_module};
use serde_json::Value;

fn cli(f: &Fixture, args: &[&str], stdin: &str) -> Output {
    common::run(("SOFTHSM2_CONF", f.hsm.conf()), &softhsm_module(), args, stdin)
}

fn pin(f: &Fixture) -> String {
    format!("{}\n", f.user_pin)
}

fn pdfsig(path: &Path) -> String {
    String::from_utf8_lossy(&Command::new("pdfsig").arg(path).output().unwrap().stdout).into_owned()
}

fn write_pdf(dir: &Path, name: &str, pages: usize) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, simple_pdf(pages, "1.7", XrefShape::Classic)).unwrap();
    p
}

#[test]
fn rsa_and_ec_token_keys_sign_valid_pades() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let input = write_pdf(dir.path(), "contract.pdf", 2);
    for id in ["01", "02"] {
        let out = dir.path().join(format!("contract-{id}.pdf"));
        let o = cli(
            &f,
            &[
                "sign",
                &format!("{}:{id}", f.serial),
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--reason",
                "Aprobat",
                "--pin-stdin",
            ],
            &pin(&f),
        );
        assert_eq!(o.status.code(), Some(0), "{id}: {}", err(&o));
        let v = pdfsig(&out);
        assert!(v.contains("Signature Type: ETSI.CAdES.detached"), "{id}: {v}");
        assert!(v.contains("Signature Validation: Signature is Valid."), "{id}: {v}");
        assert!(v.contains("Signer Certificate Common Name: Ștefan Țăranu"), "{id}: {v}");
        assert!(Command::new("qpdf").arg("--check").arg(&out).output().unwrap().status.success());
    }
}

#[test]
fn batch_signs_with_one_pin_and_reports_each_file() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("signed");
    std::fs::create_dir(&out_dir).unwrap();
    let mut inputs: Vec<PathBuf> = (0..5).map(|i| write_pdf(dir.path(), &format!("doc{i}.pdf"), 1)).collect();
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\nthis file was cut off").unwrap();
    inputs.insert(2, broken);
    let mut args = vec!["sign".to_owned(), format!("{}:02", f.serial)];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out-dir".into(), out_dir.display().to_string(), "--pin-stdin".into(), "--json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = cli(&f, &args, &pin(&f));
    assert_eq!(o.status.code(), Some(3), "one failure among six is a partial result: {}", err(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    assert!(results[2]["error"].as_str().unwrap().contains("broken.pdf is damaged"), "{}", results[2]);
    assert!(err(&o).contains("broken.pdf"));
    for (i, r) in results.iter().enumerate().filter(|(i, _)| *i != 2) {
        assert!(r["error"].is_null(), "{i}: {r}");
        let out = PathBuf::from(r["output"].as_str().unwrap());
        assert!(out.starts_with(&out_dir) && out.to_string_lossy().ends_with(".signed.pdf"));
        assert!(pdfsig(&out).contains("Signature is Valid."), "{}", out.display());
    }
    assert!(!out_dir.join("broken.signed.pdf").exists(), "no output for the failed file");
}

#[test]
fn a_wrong_pin_writes_nothing_and_inputs_stay_untouched() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let input = write_pdf(dir.path(), "a.pdf", 1);
    let before = std::fs::read(&input).unwrap();
    let o = cli(&f, &["sign", &format!("{}:01", f.serial), input.to_str().unwrap(), "--pin-stdin"], "wrong-pin\n");
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("Wrong PIN"), "{}", err(&o));
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["a.pdf".to_owned()], "no output, no temporary file");
    assert_eq!(std::fs::read(&input).unwrap(), before);

    // Refusals before the PIN: -o with several inputs, appearance options without --visible.
    let o = cli(&f, &["sign", &format!("{}:01", f.serial), "a.pdf", "b.pdf", "-o", "x.pdf"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--out-dir"), "{}", err(&o));
    let o = cli(&f, &["sign", &format!("{}:01", f.serial), input.to_str().unwrap(), "--text", "x"], "");
    assert!(err(&o).contains("add --visible"), "{}", err(&o));
    // The CA certificate cannot sign.
    let o = cli(&f, &["sign", &format!("{}:a0", f.serial), input.to_str().unwrap(), "--pin-stdin"], &pin(&f));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("cannot sign"), "{}", err(&o));
}

#[test]
fn verify_agrees_with_pdfsig_on_pecat_and_pyhanko_signatures() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let input = write_pdf(dir.path(), "in.pdf", 1);
    let root = f.root_file();
    let trust = ["--trust", root.to_str().unwrap()];

    // Pecat's own signature.
    let ours = dir.path().join("ours.pdf");
    let o = cli(
        &f,
        &["sign", &format!("{}:01", f.serial), input.to_str().unwrap(), "-o", ours.to_str().unwrap(), "--pin-stdin"],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    // pyHanko's, PAdES and PKCS#7, with an in-memory key from the same test PKI.
    let (key, cert, chain) = f.pki.signer_files(dir.path(), &pecat_testkit::EndEntity::romanian(365));
    let script = common::repo().join("tools/pyhanko_sign.py");
    let mut others = Vec::new();
    for kind in ["pades", "pkcs7"] {
        let out = dir.path().join(format!("pyhanko-{kind}.pdf"));
        let run =
            Command::new(pyhanko()).arg(&script).args([&key, &cert, &chain, &input, &out]).arg(kind).output().unwrap();
        assert!(run.status.success(), "pyHanko: {}", String::from_utf8_lossy(&run.stderr));
        others.push((kind, out));
    }

    for (name, file) in
        [("pecat", ours.clone()), ("pyhanko pades", others[0].1.clone()), ("pyhanko pkcs7", others[1].1.clone())]
    {
        assert!(pdfsig(&file).contains("Signature is Valid."), "{name}: pdfsig");
        let mut args = vec!["verify", file.to_str().unwrap(), "--json"];
        args.extend(trust);
        let o = cli(&f, &args, "");
        assert_eq!(o.status.code(), Some(0), "{name}: {}{}", common::out(&o), err(&o));
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(doc["verdict"], "valid", "{name}");
        let s = &doc["signatures"][0];
        assert_eq!(s["signer_common_name"], "Ștefan Țăranu", "{name}");
        let level = s["level"].as_str().unwrap();
        match name {
            "pyhanko pkcs7" => assert!(level.starts_with("not PAdES (adbe.pkcs7.detached)"), "{level}"),
            _ => assert_eq!(level, "PAdES B-B", "{name}"),
        }
    }

    // Pecat signs after pyHanko: both signatures hold.
    let both = dir.path().join("both.pdf");
    let o = cli(
        &f,
        &[
            "sign",
            &format!("{}:02", f.serial),
            others[0].1.to_str().unwrap(),
            "-o",
            both.to_str().unwrap(),
            "--pin-stdin",
        ],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(pdfsig(&both).matches("Signature is Valid.").count(), 2, "{}", pdfsig(&both));
    let mut args = vec!["verify", both.to_str().unwrap(), "--json"];
    args.extend(trust);
    let doc: Value = serde_json::from_slice(&cli(&f, &args, "").stdout).unwrap();
    assert_eq!(doc["verdict"], "valid", "{doc}");
    assert_eq!(doc["signatures"][0]["later_changes"]["class"], "signatures", "{doc}");
    assert_eq!(doc["signatures"][0]["later_changes"]["permitted"], true, "{doc}");

    // Without the test root: intact but not trusted → 8; the text says why.
    let o = cli(&f, &["verify", ours.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(8), "{}", common::out(&o));
    assert!(common::out(&o).contains("INDETERMINATE") && common::out(&o).contains("--trust"));

    // Altered signed bytes → 7, and pdfsig agrees.
    let mut bytes = std::fs::read(&ours).unwrap();
    let at = bytes.windows(10).position(|w| w == b"Pecat test").unwrap();
    bytes[at] = b'p';
    let altered = dir.path().join("altered.pdf");
    std::fs::write(&altered, &bytes).unwrap();
    let mut args = vec!["verify", altered.to_str().unwrap()];
    args.extend(trust);
    let o = cli(&f, &args, "");
    assert_eq!(o.status.code(), Some(7), "{}", common::out(&o));
    assert!(common::out(&o).contains("INVALID") && common::out(&o).contains("digest FAILED"), "{}", common::out(&o));
    assert!(!pdfsig(&altered).contains("Signature is Valid."));

    // No signature → 9; not a PDF → 1 with the reason.
    assert_eq!(cli(&f, &["verify", input.to_str().unwrap()], "").status.code(), Some(9));
    let text = dir.path().join("notes.pdf");
    std::fs::write(&text, "not a pdf").unwrap();
    let o = cli(&f, &["verify", text.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("is not a PDF file"), "{}", err(&o));
}

#[test]
fn visible_signature_from_the_command_line() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let input = write_pdf(dir.path(), "plan.pdf", 1);
    let out = dir.path().join("plan-visible.pdf");
    let o = cli(
        &f,
        &[
            "sign",
            &format!("{}:02", f.serial),
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--visible",
            "--rect",
            "320,40,570,110",
            "--text",
            "Semnat de Ștefan Țăranu",
            "--text",
            "Atestat nr. 1234/2024",
            "--pin-stdin",
        ],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(pdfsig(&out).contains("Signature is Valid."));
    let text =
        String::from_utf8_lossy(&Command::new("pdftotext").arg(&out).arg("-").output().unwrap().stdout).into_owned();
    assert!(text.contains("Semnat de Ștefan Țăranu") && text.contains("Atestat nr. 1234/2024"), "{text}");

    let o = cli(
        &f,
        &[
            "sign",
            &format!("{}:02", f.serial),
            input.to_str().unwrap(),
            "--visible",
            "--rect",
            "10,10,5,5",
            "--pin-stdin",
        ],
        &pin(&f),
    );
    assert_eq!(o.status.code(), Some(2), "a command line error");
    assert!(err(&o).contains("x2 must be right of x1"), "{}", err(&o));
}
