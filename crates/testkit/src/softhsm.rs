//! Throwaway SoftHSM2 tokens in a temporary directory, built with `softhsm2-util` and
//! `pkcs11-tool` (OpenSC) so that keys are generated on the token as on a real device.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pki::{EndEntity, TestPki};

/// Where Debian, Ubuntu, Fedora and Homebrew put the SoftHSM2 module.
pub fn softhsm_module() -> PathBuf {
    if let Some(p) = std::env::var_os("PECAT_TEST_SOFTHSM") {
        return PathBuf::from(p);
    }
    let candidates = [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib64/pkcs11/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
        "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    ];
    candidates.iter().map(PathBuf::from).find(|p| p.exists()).unwrap_or_else(|| {
        panic!("SoftHSM2 is not installed (looked in {candidates:?}); run the README's test command")
    })
}

/// A SoftHSM2 configuration and token directory that vanish with this value.
#[derive(Debug)]
pub struct SoftHsm {
    dir: tempfile::TempDir,
    conf: PathBuf,
}

/// A key made on a token, with the certificate issued for it.
#[derive(Debug, Clone)]
pub struct TokenKey {
    /// `CKA_ID`, hex.
    pub id: String,
    /// SubjectPublicKeyInfo, DER.
    pub spki: Vec<u8>,
    /// Certificate stored under the same `CKA_ID`, DER.
    pub cert: Vec<u8>,
}

impl Default for SoftHsm {
    fn default() -> Self {
        Self::new()
    }
}

impl SoftHsm {
    /// A fresh, empty SoftHSM2 store.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new().prefix("pecat-softhsm-").tempdir().unwrap();
        let tokens = dir.path().join("tokens");
        std::fs::create_dir(&tokens).unwrap();
        let conf = dir.path().join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                tokens.display()
            ),
        )
        .unwrap();
        Self { dir, conf }
    }

    /// The value for `SOFTHSM2_CONF`.
    pub fn conf(&self) -> &Path {
        &self.conf
    }

    /// The temporary directory (for output files next to the token).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A command with `SOFTHSM2_CONF` set to this store.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("SOFTHSM2_CONF", &self.conf);
        c
    }

    fn run(&self, program: &str, args: &[&str]) -> String {
        crate::tool::run(self.command(program), program, args)
    }

    /// Initialises a token in the free slot; returns its serial number.
    pub fn init_token(&self, label: &str, so_pin: &str, user_pin: &str) -> String {
        self.run("softhsm2-util", &["--init-token", "--free", "--label", label, "--so-pin", so_pin, "--pin", user_pin]);
        let slots = self.run("softhsm2-util", &["--show-slots"]);
        serial_of(&slots, label).unwrap_or_else(|| panic!("token {label} not in:\n{slots}"))
    }

    fn tool(&self, label: &str, pin: &str, extra: &[&str]) -> String {
        crate::tool::pkcs11_tool(self.command("pkcs11-tool"), &softhsm_module(), label, pin, extra)
    }

    /// Generates a key pair on the token (`key_type` as pkcs11-tool says it: `rsa:2048`,
    /// `EC:prime256v1`); returns its public key as SubjectPublicKeyInfo DER.
    pub fn keygen(&self, label: &str, pin: &str, key_type: &str, id: &str, key_label: &str) -> Vec<u8> {
        self.keygen_with(label, pin, key_type, id, key_label, &[])
    }

    /// [`SoftHsm::keygen`] with extra pkcs11-tool options (`--always-auth`).
    pub fn keygen_with(
        &self,
        label: &str,
        pin: &str,
        key_type: &str,
        id: &str,
        key_label: &str,
        extra: &[&str],
    ) -> Vec<u8> {
        let mut args = vec!["--keypairgen", "--key-type", key_type, "--id", id, "--label", key_label, "--usage-sign"];
        args.extend_from_slice(extra);
        self.tool(label, pin, &args);
        let out = self.dir.path().join(format!("pub-{id}.der"));
        self.tool(label, pin, &["--read-object", "--type", "pubkey", "--id", id, "-o", out.to_str().unwrap()]);
        std::fs::read(out).unwrap()
    }

    /// Stores a certificate object; `id` may be empty for a CA certificate without a key.
    pub fn write_cert(&self, label: &str, pin: &str, der: &[u8], id: &str, cert_label: &str) {
        let file = self.dir.path().join(format!("cert-{id}-{}.der", der.len()));
        std::fs::write(&file, der).unwrap();
        let mut args = vec!["--write-object", file.to_str().unwrap(), "--type", "cert", "--label", cert_label];
        if !id.is_empty() {
            args.extend(["--id", id]);
        }
        self.tool(label, pin, &args);
    }
}

fn serial_of(show_slots: &str, label: &str) -> Option<String> {
    // `softhsm2-util --show-slots` prints one block per slot, the serial before the label.
    show_slots.split("\nSlot ").find_map(|block| {
        let field = |name: &str| block.lines().find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()));
        (field("Label:").as_deref() == Some(label)).then(|| field("Serial number:")).flatten()
    })
}

/// The standard test token: "Pecat Test" holding an RSA-2048 key (`01`) with a qualified
/// certificate valid a year, a P-256 key (`02`) with one that expires in 30 days, and the issuing
/// CA's certificate (`A0`). The root is not on the token.
#[derive(Debug)]
pub struct Fixture {
    pub hsm: SoftHsm,
    pub pki: TestPki,
    pub label: String,
    pub serial: String,
    pub so_pin: String,
    pub user_pin: String,
    pub rsa: TokenKey,
    pub ec: TokenKey,
}

impl Fixture {
    /// The token label used by [`Fixture::standard`].
    pub const LABEL: &'static str = "Pecat Test";

    /// Builds the standard token.
    pub fn standard() -> Self {
        let hsm = SoftHsm::new();
        let pki = TestPki::new();
        let (label, so_pin, user_pin) = (Self::LABEL.to_owned(), "87654321".to_owned(), "u5er-PIN".to_owned());
        let serial = hsm.init_token(&label, &so_pin, &user_pin);
        let make = |key_type: &str, id: &str, key_label: &str, days: i64| {
            let spki = hsm.keygen(&label, &user_pin, key_type, id, key_label);
            let cert = pki.issue(&spki, &EndEntity::romanian(days));
            hsm.write_cert(&label, &user_pin, &cert, id, key_label);
            TokenKey { id: id.to_owned(), spki, cert }
        };
        let rsa = make("rsa:2048", "01", "Semnatura RSA", 365);
        let ec = make("EC:prime256v1", "02", "Semnatura EC", 30);
        hsm.write_cert(&label, &user_pin, pki.ca_der(), "a0", "Pecat Test Qualified CA");
        Self { hsm, pki, label, serial, so_pin, user_pin, rsa, ec }
    }

    /// Adds `n` P-256 keys with certificates (ids `10`, `11`, …), for listing benchmarks.
    pub fn add_keys(&self, n: usize) {
        for i in 0..n {
            let id = format!("{:04x}", 0x1000 + i);
            let spki = self.hsm.keygen(&self.label, &self.user_pin, "EC:prime256v1", &id, &format!("Key {i}"));
            let mut holder = EndEntity::romanian(365);
            holder.common_name = format!("Holder {i}");
            let cert = self.pki.issue(&spki, &holder);
            self.hsm.write_cert(&self.label, &self.user_pin, &cert, &id, &format!("Cert {i}"));
        }
    }

    /// Writes the root CA certificate to a file in the fixture directory and returns its path.
    pub fn root_file(&self) -> PathBuf {
        let p = self.hsm.dir().join("root.cer");
        std::fs::write(&p, self.pki.root_der()).unwrap();
        p
    }
}

/// Initialises a token in SoftHSM2's free slot from inside this process ("plugging it in") and
/// returns its serial. SoftHSM2 does not see tokens another process creates after
/// `C_Initialize`, so this has to happen here: a second cryptoki context on the same, already
/// initialised library (SoftHSM2 answers CKR_CRYPTOKI_ALREADY_INITIALIZED; the context is never
/// finalised). Call it only after the module under test was loaded with this process's
/// `SOFTHSM2_CONF`.
pub fn plug_in_softhsm_token(label: &str) -> String {
    use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
    let ctx = Pkcs11::new(softhsm_module()).unwrap();
    let _ = ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK));
    let free = ctx
        .get_slots_with_token()
        .unwrap()
        .into_iter()
        .find(|s| !ctx.get_token_info(*s).unwrap().token_initialized())
        .expect("SoftHSM2 keeps a free slot");
    ctx.init_token(free, &cryptoki::types::AuthPin::from("11112222"), label).unwrap();
    let info = ctx
        .get_slots_with_token()
        .unwrap()
        .into_iter()
        .map(|s| ctx.get_token_info(s).unwrap())
        .find(|i| i.label() == label)
        .unwrap();
    info.serial_number().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_is_read_from_show_slots() {
        let text = "Available slots:\nSlot 7\n    Token info:\n        Serial number:    9f3c\n        Label:            Pecat Test\nSlot 1\n    Token info:\n        Serial number:\n        Label:\n";
        assert_eq!(serial_of(text, "Pecat Test").as_deref(), Some("9f3c"));
        assert_eq!(serial_of(text, "Other"), None);
    }
}
