//! Cloud accounts end to end, as a user meets them: Pecat's own CSC service runs in this test
//! process on loopback (API v1 and v2), a private real Secret Service (gnome-keyring on its own
//! D-Bus) keeps the logins, and every step is one `pecat-cli` process: `cloud add`, `tokens`,
//! `certs`, `cert export`, `cert export-customs`, a batch `sign` under one authorisation, checked
//! by `pdfsig` and Pecat's own `verify` trusting the service's CA; then the refusals a user can
//! meet — wrong code, lockout, expired authorisation, an SMS code, a login gone from the keyring.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use common::err;
use pecat_csc_server::{
    Config, Credential, DemoCa, FnSink, HashCost, OtpDelivery, OtpMethod, P256Key, PasswordHash, RunningServer, Scal,
    Server, TotpSecret, User,
};
use pecat_testkit::{SecretService, SoftHsm, XrefShape, simple_pdf, softhsm_module};
use pecat_token::{ExposeSecret, SecretString};
use serde_json::Value;

const PASSWORD: &str = "correct horse";
const PIN: &str = "1234";

fn hash(secret: &str) -> PasswordHash {
    PasswordHash::new(&SecretString::from(secret), HashCost::Light).unwrap()
}

/// A CSC service with user `alice`: `alice-totp` (PIN + TOTP, SCAL2, multisign 3) and
/// `alice-sms` (PIN + a code sent by `sendOTP`, captured here).
struct Service {
    server: RunningServer,
    totp: TotpSecret,
    ca_pem: PathBuf,
    sent: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

impl Service {
    fn start(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = DemoCa::new().unwrap();
        let totp = TotpSecret::generate().unwrap();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&sent);
        let mut config = Config::default();
        config.users.push(User { name: "alice".into(), password: hash(PASSWORD) });
        config.credentials.push(
            Credential::demo("alice-totp", "alice", "Alice Cloud", Arc::new(P256Key::generate().unwrap()), &ca)
                .unwrap()
                .with_pin(hash(PIN))
                .with_otp(OtpMethod::Totp(totp.clone()))
                .with_scal(Scal::Two)
                .with_multisign(3),
        );
        config.credentials.push(
            Credential::demo("alice-sms", "alice", "Alice Sms", Arc::new(P256Key::generate().unwrap()), &ca)
                .unwrap()
                .with_pin(hash(PIN))
                .with_otp(OtpMethod::Sent),
        );
        config.otp_sink = Arc::new(FnSink(move |d: &OtpDelivery<'_>| {
            sink.lock().unwrap().push(d.code.expose_secret().to_owned());
        }));
        config.allow_totp_reuse = true;
        tweak(&mut config);
        let server = Server::start(config).unwrap();
        let ca_pem = dir.path().join("service-ca.pem");
        let pem = pem_of(ca.certificate_der());
        std::fs::write(&ca_pem, pem).unwrap();
        Self { server, totp, ca_pem, sent, _dir: dir }
    }

    fn url(&self, version: &str) -> String {
        format!("{}/csc/{version}", self.server.base_url())
    }

    fn code(&self) -> String {
        self.totp.code_at(SystemTime::now()).to_string()
    }

    fn wrong_code(&self) -> String {
        let now = SystemTime::now();
        let near: Vec<String> = [-30i64, 0, 30]
            .iter()
            .map(|d| {
                let t = if *d < 0 { now - Duration::from_secs(30) } else { now + Duration::from_secs(*d as u64) };
                self.totp.code_at(t).to_string()
            })
            .collect();
        (0..1000u32).map(|n| format!("{n:06}")).find(|c| !near.contains(c)).unwrap()
    }
}

fn pem_of(der: &[u8]) -> String {
    let mut child = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-outform", "PEM"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(der).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

/// One user's machine: an empty soft token module (no token plugged in), a settings file, the
/// demo's folder and the keyring.
struct Machine {
    hsm: SoftHsm,
    keyring: SecretService,
    dir: tempfile::TempDir,
}

impl Machine {
    fn new() -> Self {
        Self { hsm: SoftHsm::new(), keyring: SecretService::start(), dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = common::command(("SOFTHSM2_CONF", self.hsm.conf()), &softhsm_module());
        cmd.env("PECAT_SETTINGS", self.path("settings.toml"))
            .env("PECAT_DEMO_DIR", self.path("demo"))
            .env("PECAT_TRUST_DIR", self.path("trust"))
            .envs(self.keyring.env())
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str], stdin: &str) -> Output {
        common::finish(&mut self.command(args), stdin)
    }

    fn json(&self, args: &[&str], stdin: &str) -> Value {
        let o = self.run(args, stdin);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    }

    fn pdfs(&self, names: &[&str]) -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| {
                let p = self.path(n);
                std::fs::write(&p, simple_pdf(1, "1.7", XrefShape::Classic)).unwrap();
                p
            })
            .collect()
    }
}

/// The keyring entry of alice's refresh token at the service.
fn refresh_entry(service: &Service, version: &str) -> String {
    pecat_core::AccountKey::new(&service.url(version), "alice")
        .unwrap()
        .entry_name(pecat_core::SecretKind::RefreshToken)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn pdfsig_valid(path: &Path) -> bool {
    let o = Command::new("pdfsig").arg(path).output().unwrap();
    String::from_utf8_lossy(&o.stdout).contains("Signature is Valid.")
}

/// The whole life of an account at one API version.
fn account_end_to_end(version: &str) {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let name = format!("acme-{version}");

    // Before: no token, no account — the demo is listed.
    let doc = m.json(&["tokens", "--json"], "");
    assert_eq!(doc["cloud"][0]["demo"], true, "{doc}");

    let added = m.json(
        &["cloud", "add", &service.url(version), "--name", &name, "--user", "alice", "--password-stdin", "--json"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(added["added"], name.as_str());
    assert_eq!(added["login_kept"], "refresh-token", "{added}");
    assert!(added["api_version"].as_str().unwrap().starts_with(if version == "v1" { "1." } else { "2." }));
    let references: Vec<&str> =
        added["credentials"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap()).collect();
    assert!(references.contains(&format!("{name}:alice-totp").as_str()), "{references:?}");
    // The login is in the keyring, seen by another client; the settings file has no secret.
    let settings = std::fs::read_to_string(m.path("settings.toml")).unwrap();
    assert!(settings.contains(&name) && !settings.contains(PASSWORD), "{settings}");
    let entry = refresh_entry(&service, version);
    let kept = m.keyring.lookup("pecat", &entry);
    assert!(kept.is_some_and(|t| !t.is_empty()), "the refresh token is in the Secret Service");

    // A new process lists the account from the kept login; the demo has left the list.
    let doc = m.json(&["tokens", "--json"], "");
    let cloud = doc["cloud"].as_array().unwrap();
    assert_eq!(cloud.len(), 1, "only the account, no demo: {doc}");
    assert_eq!(cloud[0]["status"], "ready");
    assert_eq!(cloud[0]["credentials"].as_array().unwrap().len(), 2);
    let doc = m.json(&["--demo", "tokens", "--json"], "");
    assert_eq!(doc["cloud"].as_array().unwrap().len(), 2, "--demo shows it anyway");
    let certs = m.json(&["certs", &name, "--json"], "");
    assert_eq!(certs["certificates"].as_array().unwrap().len(), 2);

    // Export: one certificate, and the customs pair.
    let cer = m.path("alice.cer");
    let reference = format!("{name}:alice-totp");
    m.json(&["cert", "export", &reference, "-o", s(&cer), "--json"], "");
    let o = Command::new("openssl").args(["x509", "-inform", "DER", "-noout", "-subject", "-in", s(&cer)]).output();
    assert!(String::from_utf8_lossy(&o.unwrap().stdout).contains("Alice Cloud"));
    let customs = m.path("customs");
    std::fs::create_dir(&customs).unwrap();
    let pair = m.json(&["cert", "export-customs", &reference, "-o", s(&customs), "--json"], "");
    let issuer = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-noout", "-subject", "-in", pair["intermediate"].as_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&issuer.stdout).contains("Pecat Demo CA"));

    // A batch of three under one authorisation (SCAL2, multisign 3).
    let inputs = m.pdfs(&["a.pdf", "b.pdf", "c.pdf"]);
    let out = m.path("signed");
    std::fs::create_dir(&out).unwrap();
    let mut args = vec!["sign", reference.as_str()];
    args.extend(inputs.iter().map(|p| s(p)));
    args.extend(["--out-dir", s(&out), "--pin-stdin", "--json"]);
    let before = service.server.requests();
    let o = m.run(&args, &format!("{PIN}\n{}\n", service.code()));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // One authorisation for the batch (multisign 3 allows it), one signHash for its 3 hashes.
    let after = service.server.requests();
    let made = |method: &str| {
        let path = format!("/csc/{version}/{method}");
        after.get(&path).copied().unwrap_or(0) - before.get(&path).copied().unwrap_or(0)
    };
    assert_eq!(made("credentials/authorize"), 1, "{after:?}");
    assert_eq!(made("signatures/signHash"), 1, "{after:?}");
    assert_eq!(made("auth/login"), 1, "one login with the kept refresh token: {after:?}");
    for n in ["a", "b", "c"] {
        let signed = out.join(format!("{n}.signed.pdf"));
        assert!(pdfsig_valid(&signed), "{n}: pdfsig");
        let v = m.run(&["verify", s(&signed), "--trust", s(&service.ca_pem)], "");
        assert_eq!(v.status.code(), Some(0), "{n}: {}", common::out(&v));
    }

    // Removed: the settings forget it, the keyring too, and the demo is back.
    m.json(&["cloud", "remove", &name, "--json"], "");
    assert_eq!(m.keyring.lookup("pecat", &entry), None);
    let doc = m.json(&["tokens", "--json"], "");
    assert_eq!(doc["cloud"][0]["demo"], true);
}

#[test]
fn an_account_at_a_v2_service_lists_exports_and_signs_a_batch() {
    account_end_to_end("v2");
}

#[test]
fn an_account_at_a_v1_service_lists_exports_and_signs_a_batch() {
    account_end_to_end("v1");
}

fn add(m: &Machine, service: &Service, version: &str) -> String {
    let name = format!("acme-{version}");
    m.json(
        &["cloud", "add", &service.url(version), "--name", &name, "--user", "alice", "--password-stdin", "--json"],
        &format!("{PASSWORD}\n"),
    );
    name
}

/// A wrong code is refused (exit 4, nothing written); wrong entries lock the credential (exit
/// 5) and the lock holds for the right PIN and code too.
#[test]
fn a_wrong_code_is_refused_and_the_service_locks_after_three() {
    let service = Service::start(|c| c.lockout_after = 3);
    let m = Machine::new();
    let name = add(&m, &service, "v2");
    let reference = format!("{name}:alice-totp");
    let input = &m.pdfs(&["doc.pdf"])[0];
    let output = m.path("doc.signed.pdf");
    let sign = |pin: &str, code: &str| {
        m.run(&["sign", &reference, s(input), "-o", s(&output), "--pin-stdin"], &format!("{pin}\n{code}\n"))
    };
    let o = sign(PIN, &service.wrong_code());
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("Wrong one-time code"), "{}", err(&o));
    assert!(!output.exists(), "nothing written");
    let o = sign("9999", &service.code());
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("Wrong PIN"), "{}", err(&o));
    let o = sign(PIN, &service.wrong_code());
    assert!(matches!(o.status.code(), Some(4 | 5)), "{}", err(&o));
    assert!(err(&o).contains("Wrong one-time code") || err(&o).contains("locked"), "{}", err(&o));
    let o = sign(PIN, &service.code());
    assert_eq!(o.status.code(), Some(5), "locked even for the right PIN and code: {}", err(&o));
    assert!(err(&o).contains("locked"), "{}", err(&o));
    assert!(!output.exists());
}

/// An authorisation that expires before the signatures are made is refused, nothing written.
#[test]
fn an_expired_authorisation_is_refused() {
    let service = Service::start(|c| c.sad_lifetime = Duration::ZERO);
    let m = Machine::new();
    let name = add(&m, &service, "v2");
    let input = &m.pdfs(&["doc.pdf"])[0];
    let output = m.path("doc.signed.pdf");
    let o = m.run(
        &["sign", &format!("{name}:alice-totp"), s(input), "-o", s(&output), "--pin-stdin"],
        &format!("{PIN}\n{}\n", service.code()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("authorisation expired"), "{}", err(&o));
    assert!(!output.exists(), "nothing written");
}

/// A credential whose code is sent (SMS-style, CSC v1 `sendOTP`): `sign` asks the service to
/// send it before reading it, then signs with it.
#[test]
fn a_sent_code_is_requested_before_it_is_read() {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let name = add(&m, &service, "v1");
    let input = &m.pdfs(&["doc.pdf"])[0];
    let output = m.path("doc.signed.pdf");
    let mut child =
        m.command(&["sign", &format!("{name}:alice-sms"), s(input), "-o", s(&output), "--pin-stdin"]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PIN}").unwrap();
    let code = (0..200)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            service.sent.lock().unwrap().last().cloned()
        })
        .expect("the service sent a code");
    writeln!(stdin, "{code}").unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(pdfsig_valid(&output));
}

/// A login removed from the keyring behind Pecat's back: the account is listed as needing a
/// login (exit 3), signing says what to do, and `cloud login` brings it back.
#[test]
fn a_login_gone_from_the_keyring_asks_for_a_new_login() {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let name = add(&m, &service, "v2");
    m.keyring.clear("pecat", &refresh_entry(&service, "v2"));
    let o = m.run(&["tokens"], "");
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let text = common::out(&o);
    assert!(text.contains("needs a login") && text.contains(&format!("pecat-cli cloud login {name}")), "{text}");

    let input = &m.pdfs(&["doc.pdf"])[0];
    let o = m.run(&["sign", &format!("{name}:alice-totp"), s(input), "--pin-stdin"], "1234\n000000\n");
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("login"), "{}", err(&o));

    m.json(&["cloud", "login", &name, "--password-stdin", "--json"], &format!("{PASSWORD}\n"));
    let doc = m.json(&["cloud", "list", "--json"], "");
    assert_eq!(doc["accounts"][0]["status"], "ready", "{doc}");
}

/// Refusals before anything is sent: plain http to another host, a wrong password.
#[test]
fn an_insecure_url_and_a_wrong_password_are_refused() {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let o = m.run(&["cloud", "add", "http://csc.example.com/csc/v2", "--user", "alice", "--password-stdin"], "x\n");
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("https"), "{}", err(&o));
    let o = m.run(
        &["cloud", "add", &service.url("v2"), "--user", "alice", "--password-stdin", "--json"],
        "wrong password\n",
    );
    assert_eq!(o.status.code(), Some(4), "a wrong password is a wrong secret: {}", err(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "login-refused", "{doc}");
    assert!(!m.path("settings.toml").exists(), "nothing kept");
}

/// A service that went away: `tokens` still lists the hardware side and says the account is not
/// available (exit 3); signing with it fails with kind "unreachable" and writes nothing.
#[test]
fn an_unreachable_service_is_reported_and_nothing_is_written() {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let name = add(&m, &service, "v2");
    service.server.stop().unwrap();
    let o = m.run(&["tokens"], "");
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    assert!(common::out(&o).contains("not available"), "{}", common::out(&o));
    assert!(err(&o).contains("could not be reached"), "{}", err(&o));

    let input = &m.pdfs(&["doc.pdf"])[0];
    let output = m.path("doc.signed.pdf");
    let o = m.run(
        &["sign", &format!("{name}:alice-totp"), s(input), "-o", s(&output), "--pin-stdin", "--json"],
        "1234\n000000\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "unreachable", "{doc}");
    assert!(!output.exists());
}

/// A batch larger than the credential's `multisign` (signatures one authorisation may cover) is
/// refused before any secret is read or anything is sent to the service.
#[test]
fn a_batch_larger_than_multisign_is_refused_before_anything_is_asked() {
    let service = Service::start(|_| {});
    let m = Machine::new();
    let name = add(&m, &service, "v2");
    let inputs = m.pdfs(&["a.pdf", "b.pdf", "c.pdf", "d.pdf"]);
    let out = m.path("signed");
    std::fs::create_dir(&out).unwrap();
    let before = service.server.requests();
    let reference = format!("{name}:alice-totp");
    let mut args = vec!["sign", reference.as_str()];
    args.extend(inputs.iter().map(|p| s(p)));
    args.extend(["--out-dir", s(&out), "--pin-stdin", "--json"]);
    // No secret on stdin: had the PIN been read, the command would fail on the empty input.
    let o = m.run(&args, "");
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("allows 3 signature(s) per authorisation"), "{}", err(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "too-many-signatures", "{doc}");
    let after = service.server.requests();
    let authorised = |r: &std::collections::BTreeMap<String, u64>| r.get("/csc/v2/credentials/authorize").copied();
    assert_eq!(authorised(&after), authorised(&before), "nothing was authorised");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "nothing written");
}
