//! What `sign` and the exports leave on disk: no temporary file after an interrupt, the modes
//! of the files written, and output names built from the input's bytes.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::err;
use pecat_testkit::{Fixture, XrefShape, simple_pdf, softhsm_module};

fn write_pdf(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
    p
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// pecat-cli run by `sh` under `umask`, for the modes of what it creates.
fn with_umask(f: &Fixture, umask: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(common::pecat_cli())
        .arg("--module")
        .arg(softhsm_module())
        .args(args)
        .env("SOFTHSM2_CONF", f.hsm.conf())
        .env("PECAT_SETTINGS", "/nonexistent/pecat-settings.toml")
        .env_remove("PECAT_MODULES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Starts a batch that blocks on the PIN (stdin held open), waits until every document's
/// temporary file is there, sends `signal`, and checks that nothing is left but the inputs.
fn interrupted(f: &Fixture, signal: &str, expected_code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("signed");
    std::fs::create_dir(&out_dir).unwrap();
    let inputs: Vec<PathBuf> = (0..3).map(|i| write_pdf(dir.path(), &format!("doc{i}.pdf"))).collect();
    let mut child = common::command(("SOFTHSM2_CONF", f.hsm.conf()), &softhsm_module())
        .args(["sign", &format!("{}:02", f.serial)])
        .args(&inputs)
        .arg("--out-dir")
        .arg(&out_dir)
        .arg("--pin-stdin")
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap(); // held open: the PIN never comes
    let parts = |d: &Path| names(d).into_iter().filter(|n| n.ends_with(".part")).count();
    let start = Instant::now();
    while parts(&out_dir) < inputs.len() {
        assert!(start.elapsed() < Duration::from_secs(60), "the temporary files never appeared: {:?}", names(&out_dir));
        assert!(child.try_wait().unwrap().is_none(), "pecat-cli ended early");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(o.status.code(), Some(expected_code), "{signal}: {}", err(&o));
    assert_eq!(names(&out_dir), Vec::<String>::new(), "{signal}: no temporary file, no output");
    assert_eq!(names(dir.path()), ["doc0.pdf", "doc1.pdf", "doc2.pdf", "signed"], "{signal}");
}

#[test]
fn an_interrupted_batch_leaves_no_temporary_file() {
    let f = Fixture::standard();
    interrupted(&f, "TERM", 143);
    interrupted(&f, "INT", 130);
}

#[test]
fn signed_files_keep_the_input_mode_and_exports_follow_the_umask() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let pin = format!("{}\n", f.user_pin);
    // A strict umask does not make the signed copy of a shared document private.
    for input_mode in [0o644, 0o640] {
        let input = write_pdf(dir.path(), &format!("in-{input_mode:o}.pdf"));
        std::fs::set_permissions(&input, std::fs::Permissions::from_mode(input_mode)).unwrap();
        let out = dir.path().join(format!("out-{input_mode:o}.pdf"));
        let args = ["sign", &format!("{}:02", f.serial), input.to_str().unwrap(), "-o", out.to_str().unwrap()];
        let o = with_umask(&f, "077", &[&args[..], &["--pin-stdin"]].concat(), &pin);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(mode(&out), input_mode, "{:o}", mode(&out));
    }
    // Certificates, requests and the customs pair: 0666 less the umask, like any new file.
    let id = format!("{}:02", f.serial);
    let pem = dir.path().join("ec.pem");
    let o = with_umask(&f, "027", &["cert", "export", &id, "-o", pem.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(mode(&pem), 0o640, "{:o}", mode(&pem));
    let cer = dir.path().join("ec.cer");
    let o = with_umask(&f, "022", &["cert", "export", &id, "-o", cer.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(mode(&cer), 0o644, "{:o}", mode(&cer));
    let customs = dir.path().join("customs");
    std::fs::create_dir(&customs).unwrap();
    let o = with_umask(&f, "022", &["cert", "export-customs", &id, "-o", customs.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for name in names(&customs) {
        assert_eq!(mode(&customs.join(&name)), 0o644, "{name}");
    }
    let csr = dir.path().join("req.csr");
    let o = with_umask(
        &f,
        "022",
        &["csr", &id, "--subject", "CN=Ana Pop", "-o", csr.to_str().unwrap(), "--pin-stdin"],
        &pin,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(mode(&csr), 0o644, "{:o}", mode(&csr));
}

#[test]
fn an_input_name_that_is_not_utf8_keeps_its_bytes() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir().unwrap();
    let name = OsString::from_vec(b"contract-\xFF\xFE.pdf".to_vec());
    let input = dir.path().join(&name);
    std::fs::write(&input, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
    let o = Command::new(common::pecat_cli())
        .env("SOFTHSM2_CONF", f.hsm.conf())
        .env("PECAT_SETTINGS", "/nonexistent/pecat-settings.toml")
        .env_remove("PECAT_MODULES")
        .arg("--module")
        .arg(softhsm_module())
        .args(["sign", &format!("{}:02", f.serial)])
        .arg(&input)
        .arg("--pin-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(format!("{}\n", f.user_pin).as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let expected = dir.path().join(OsString::from_vec(b"contract-\xFF\xFE.signed.pdf".to_vec()));
    let found: Vec<Vec<u8>> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().as_bytes().to_vec()).collect();
    assert!(expected.exists(), "written as {:?}", found.iter().map(|n| String::from_utf8_lossy(n)).collect::<Vec<_>>());
    assert_eq!(found.len(), 2, "the input and its signed copy only");
}
