//! Benchmark: signing and verifying a 100 MB PDF with a SoftHSM2 RSA-2048 key, beside the floor
//! (`openssl dgst -sha256` + `cp` of the same file), and a batch of 100 × 1 MB PDFs under one
//! login. Wall time and peak RSS of each command, as a user runs it. pyHanko is timed too when
//! `target/pyhanko` exists (scripts/test installs it); then 100 one-page PDFs through the built-in
//! demo cloud credential and the listing of a token beside the demo. Run with
//! `cargo bench -p pecat-cli --bench pdf`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pecat_testkit::{Fixture, large_pdf, softhsm_module};

/// Runs a command to completion under GNU time (`/usr/bin/time`, Debian package `time`), which
/// reports the command's own peak RSS; returns wall time and peak RSS in KiB.
fn measure(cmd: &mut Command, stdin: &str) -> (Duration, i64) {
    let rss_file = std::env::temp_dir().join(format!("pecat-bench-rss-{}", std::process::id()));
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    let start = Instant::now();
    let mut child = timed
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("/usr/bin/time (apt-get install time)");
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let elapsed = start.elapsed();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    let rss = std::fs::read_to_string(&rss_file).unwrap().trim().lines().last().unwrap().parse().unwrap();
    (elapsed, rss)
}

fn best_of(n: usize, mut f: impl FnMut() -> (Duration, i64)) -> (Duration, i64) {
    let mut runs: Vec<(Duration, i64)> = (0..n).map(|_| f()).collect();
    runs.sort();
    runs[runs.len() / 2]
}

fn pecat(f: &Fixture) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pecat-cli"));
    c.env("SOFTHSM2_CONF", f.hsm.conf()).env("PECAT_SETTINGS", "/nonexistent").arg("--module").arg(softhsm_module());
    c
}

fn report(name: &str, (t, rss): (Duration, i64), floor: Option<Duration>) {
    let ratio = floor.map(|fl| format!("  ({:.2}× floor)", t.as_secs_f64() / fl.as_secs_f64())).unwrap_or_default();
    println!("{name:<46} {:>8.3} s   peak RSS {:>7.1} MB{ratio}", t.as_secs_f64(), rss as f64 / 1024.0);
}

fn main() {
    let f = Fixture::standard();
    let dir = tempfile::tempdir_in(std::env::temp_dir()).unwrap();
    let big = dir.path().join("big.pdf");
    std::fs::write(&big, large_pdf(100 << 20)).unwrap();
    let size = std::fs::metadata(&big).unwrap().len();
    println!("input: {} ({:.1} MB)", big.display(), size as f64 / 1_048_576.0);
    let pin = format!("{}\n", f.user_pin);
    let copy = dir.path().join("copy.pdf");

    // Warm the page cache once for everyone.
    let _ = std::fs::read(&big).unwrap();
    let dgst = best_of(3, || measure(Command::new("openssl").args(["dgst", "-sha256"]).arg(&big), ""));
    let cp = best_of(3, || {
        let _ = std::fs::remove_file(&copy);
        measure(Command::new("cp").arg(&big).arg(&copy), "")
    });
    let floor = dgst.0 + cp.0;
    report("floor: openssl dgst -sha256", dgst, None);
    report("floor: cp", cp, None);
    println!("{:<46} {:>8.3} s", "floor: dgst + cp", floor.as_secs_f64());

    let out = dir.path().join("big.signed.pdf");
    let id = format!("{}:01", f.serial);
    let sign = best_of(3, || {
        let _ = std::fs::remove_file(&out);
        measure(pecat(&f).args(["sign", &id]).arg(&big).arg("-o").arg(&out).arg("--pin-stdin"), &pin)
    });
    report("pecat-cli sign (RSA-2048, SoftHSM2)", sign, Some(floor));
    let root = f.root_file();
    let verify = best_of(3, || measure(pecat(&f).arg("verify").arg(&out).arg("--trust").arg(&root), ""));
    report("pecat-cli verify", verify, Some(floor));
    // Signed twice: the first signature's later revision goes through the difference analysis.
    let twice = dir.path().join("big.signed2.pdf");
    measure(pecat(&f).args(["sign", &id]).arg(&out).arg("-o").arg(&twice).arg("--pin-stdin"), &pin);
    assert!(twice.exists(), "the second signature was written");
    let verify2 = best_of(3, || measure(pecat(&f).arg("verify").arg(&twice).arg("--trust").arg(&root), ""));
    report("pecat-cli verify, signed twice (diff analysis)", verify2, Some(floor));

    let pyhanko = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pyhanko/bin/python");
    if pyhanko.exists() {
        let (key, cert, chain) = f.pki.signer_files(dir.path(), &pecat_testkit::EndEntity::romanian(365));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/pyhanko_sign.py");
        let py_out = dir.path().join("big.pyhanko.pdf");
        let py = best_of(1, || {
            measure(Command::new(&pyhanko).arg(&script).args([&key, &cert, &chain, &big, &py_out]).arg("pades"), "")
        });
        report("pyHanko sign (P-256 in memory), for reference", py, Some(floor));
    }

    // Batch: 100 × 1 MB under one login.
    let batch_dir = dir.path().join("batch");
    let out_dir = dir.path().join("batch-out");
    std::fs::create_dir_all(&batch_dir).unwrap();
    std::fs::create_dir_all(&out_dir).unwrap();
    let doc = large_pdf(1 << 20);
    let inputs: Vec<PathBuf> = (0..100)
        .map(|i| {
            let p = batch_dir.join(format!("doc{i:03}.pdf"));
            std::fs::write(&p, &doc).unwrap();
            p
        })
        .collect();
    let batch = best_of(3, || {
        for e in std::fs::read_dir(&out_dir).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
        measure(pecat(&f).args(["sign", &id]).args(&inputs).arg("--out-dir").arg(&out_dir).arg("--pin-stdin"), &pin)
    });
    report("pecat-cli sign, batch of 100 × 1 MB", batch, None);
    println!("{:<46} {:>8.1} documents/s", "batch throughput", 100.0 / batch.0.as_secs_f64());

    // The built-in demo cloud credential: 100 one-page PDFs under one authorisation (PIN + code;
    // one credentials/authorize, one signHash: multisign is 500), and the
    // listing of one SoftHSM2 token beside the demo, each as a whole process.
    let demo_dir = dir.path().join("demo");
    let demo = |args: &[&str]| {
        let mut c = pecat(&f);
        c.env("PECAT_DEMO_DIR", &demo_dir).args(args);
        c
    };
    let pages: Vec<PathBuf> = (0..100)
        .map(|i| {
            let p = dir.path().join(format!("page{i:03}.pdf"));
            std::fs::write(&p, pecat_testkit::simple_pdf(1, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
            p
        })
        .collect();
    let demo_out = dir.path().join("demo-signed");
    std::fs::create_dir_all(&demo_out).unwrap();
    let list = best_of(5, || measure(&mut demo(&["--demo", "tokens"]), ""));
    report("pecat-cli --demo tokens (SoftHSM2 token + demo)", list, None);
    let cloud = best_of(3, || {
        for e in std::fs::read_dir(&demo_out).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
        let code = demo(&["demo", "code"]).output().unwrap().stdout;
        let code = String::from_utf8_lossy(&code[..6.min(code.len())]).into_owned();
        let mut cmd = demo(&["sign", "demo:pecat-demo-1"]);
        cmd.args(&pages).arg("--out-dir").arg(&demo_out).arg("--pin-stdin");
        measure(&mut cmd, &format!("1234\n{code}\n"))
    });
    assert_eq!(std::fs::read_dir(&demo_out).unwrap().count(), 100, "every page was signed");
    report("pecat-cli sign, 100 one-page PDFs via the demo", cloud, None);
    println!("{:<46} {:>8.1} documents/s", "demo batch throughput", 100.0 / cloud.0.as_secs_f64());

    // The same batch through a configured cloud account at a CSC service running in this
    // process (multisign 500, as the demo), so the HTTP requests of the signing process can be
    // counted: one login with the kept refresh token, one authorize, one signHash.
    let keyring = pecat_testkit::SecretService::start();
    let totp = pecat_csc_server::TotpSecret::generate().unwrap();
    let service = account_service(&totp);
    let settings = dir.path().join("settings.toml");
    let account = |args: &[&str]| {
        let mut c = pecat(&f);
        c.env("PECAT_SETTINGS", &settings).envs(keyring.env()).args(args);
        c
    };
    let url = format!("{}/csc/v2", service.base_url());
    let added = account(&["cloud", "add", &url, "--name", "bench", "--user", "bench", "--password-stdin"])
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(b"bench password\n")?;
            child.wait()
        })
        .unwrap();
    assert!(added.success());
    for e in std::fs::read_dir(&demo_out).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let before = service.requests();
    let code = totp.code_at(std::time::SystemTime::now()).to_string();
    let mut cmd = account(&["sign", "bench:bench-1"]);
    cmd.args(&pages).arg("--out-dir").arg(&demo_out).arg("--pin-stdin");
    let signed = measure(&mut cmd, &format!("1234\n{code}\n"));
    assert_eq!(std::fs::read_dir(&demo_out).unwrap().count(), 100, "every page was signed");
    report("pecat-cli sign, 100 one-page PDFs via an account", signed, None);
    let after = service.requests();
    let mut total = 0;
    for (path, n) in &after {
        let n = n - before.get(path).copied().unwrap_or(0);
        if n > 0 {
            println!("  HTTP {path:<40} {n:>4}");
            total += n;
        }
    }
    println!("{:<46} {:>8} requests for the whole batch", "account batch", total);
}

/// A CSC service with user `bench` and credential `bench-1` (P-256, PIN 1234 + TOTP, multisign
/// 500), as the demo has.
fn account_service(totp: &pecat_csc_server::TotpSecret) -> pecat_csc_server::RunningServer {
    use pecat_csc_server::{Config, Credential, DemoCa, HashCost, OtpMethod, P256Key, PasswordHash, User};
    let hash = |s: &str| PasswordHash::new(&pecat_token::SecretString::from(s), HashCost::Light).unwrap();
    let ca = DemoCa::new().unwrap();
    let mut config = Config { allow_totp_reuse: true, ..Config::default() };
    config.users.push(User { name: "bench".into(), password: hash("bench password") });
    config.credentials.push(
        Credential::demo("bench-1", "bench", "Bench Signer", std::sync::Arc::new(P256Key::generate().unwrap()), &ca)
            .unwrap()
            .with_pin(hash("1234"))
            .with_otp(OtpMethod::Totp(totp.clone()))
            .with_multisign(pecat_core::DEMO_BATCH_LIMIT),
    );
    pecat_csc_server::Server::start(config).unwrap()
}
