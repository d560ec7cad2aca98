//! Throwaway kryoptic tokens: a PKCS#11 soft token that, unlike SoftHSM2, counts wrong PINs and
//! locks (COUNT_LOW at 3 tries left, FINAL_TRY at 1, LOCKED at 0 of 10, for the user PIN and the
//! SO PIN). Built by `scripts/build-kryoptic`; configured by `KRYOPTIC_CONF`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The kryoptic module: `PECAT_TEST_KRYOPTIC`, else where `scripts/build-kryoptic` puts it.
pub fn kryoptic_module() -> PathBuf {
    if let Some(p) = std::env::var_os("PECAT_TEST_KRYOPTIC") {
        return PathBuf::from(p);
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/kryoptic/libkryoptic_pkcs11.so");
    assert!(p.exists(), "kryoptic is not built: run scripts/build-kryoptic (the README's test command does)");
    p
}

/// One kryoptic token in a temporary directory.
#[derive(Debug)]
pub struct Kryoptic {
    dir: tempfile::TempDir,
    conf: PathBuf,
    pub label: String,
    pub so_pin: String,
    pub user_pin: String,
}

impl Kryoptic {
    /// Wrong entries before kryoptic locks a PIN.
    pub const MAX_TRIES: usize = 10;

    /// A token initialised with an SO PIN and a user PIN.
    pub fn new(label: &str, so_pin: &str, user_pin: &str) -> Self {
        let dir = tempfile::Builder::new().prefix("pecat-kryoptic-").tempdir().unwrap();
        let conf = dir.path().join("kryoptic.conf");
        let db = dir.path().join("token.sql");
        std::fs::write(&conf, format!("[[slots]]\nslot = 1\ndbtype = \"sqlite\"\ndbargs = \"{}\"\n", db.display()))
            .unwrap();
        let k = Self { dir, conf, label: label.into(), so_pin: so_pin.into(), user_pin: user_pin.into() };
        let module = kryoptic_module();
        let m = module.to_str().unwrap();
        crate::tool::run(
            k.command("pkcs11-tool"),
            "pkcs11-tool",
            &["--module", m, "--init-token", "--label", label, "--so-pin", so_pin],
        );
        crate::tool::run(
            k.command("pkcs11-tool"),
            "pkcs11-tool",
            &[
                "--module",
                m,
                "--token-label",
                label,
                "--login",
                "--login-type",
                "so",
                "--so-pin",
                so_pin,
                "--init-pin",
                "--pin",
                user_pin,
            ],
        );
        k
    }

    /// The value for `KRYOPTIC_CONF`.
    pub fn conf(&self) -> &Path {
        &self.conf
    }

    /// The temporary directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A command with `KRYOPTIC_CONF` set to this token.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("KRYOPTIC_CONF", &self.conf);
        c
    }

    /// The token flags as pkcs11-tool reports them (an independent reading).
    pub fn flags(&self) -> String {
        let module = kryoptic_module();
        let out =
            crate::tool::run(self.command("pkcs11-tool"), "pkcs11-tool", &["--module", module.to_str().unwrap(), "-L"]);
        out.lines().find(|l| l.contains("token flags")).unwrap_or_default().to_owned()
    }

    /// Enters a wrong user PIN (`so = false`) or SO PIN `n` times with pkcs11-tool.
    pub fn wrong_logins(&self, n: usize, so: bool) {
        let module = kryoptic_module();
        let m = module.to_str().unwrap();
        for _ in 0..n {
            let mut args = vec!["--module", m, "--token-label", &self.label, "--login"];
            if so {
                // An SO login needs a read-write session: ask for one with --init-pin.
                args.extend(["--login-type", "so", "--so-pin", "00000000", "--init-pin", "--new-pin", "12121212"]);
            } else {
                args.extend(["--pin", "0000", "-O"]);
            }
            let _ = self.command("pkcs11-tool").args(&args).output().unwrap();
        }
    }

    /// Whether `pin` logs in as the user (checked by pkcs11-tool, in its own process).
    pub fn login_works(&self, pin: &str) -> bool {
        let module = kryoptic_module();
        let args = ["--module", module.to_str().unwrap(), "--token-label", &self.label, "--login", "--pin", pin, "-O"];
        self.command("pkcs11-tool").args(args).output().unwrap().status.success()
    }

    /// Generates a P-256 key pair with pkcs11-tool (optionally `CKA_ALWAYS_AUTHENTICATE`).
    pub fn keygen(&self, id: &str, always_auth: bool) {
        let mut extra =
            vec!["--keypairgen", "--key-type", "EC:prime256v1", "--id", id, "--label", "sign", "--usage-sign"];
        if always_auth {
            extra.push("--always-auth");
        }
        crate::tool::pkcs11_tool(self.command("pkcs11-tool"), &kryoptic_module(), &self.label, &self.user_pin, &extra);
    }
}
