//! The built-in demo credential (DESIGN.md "The embedded default"): Pecat's own CSC service
//! running in-process on loopback with a throwaway CA, one demo account and one credential whose
//! certificate says plainly it is a demo (O=Pecat Demo, not qualified). Its material is created
//! on first use and kept in Pecat's data folder, so the demo root exported once keeps verifying
//! what the demo signs later. These are the demo *service's* own keys — no user secret is stored.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pecat_csc_server::{
    Config, Credential, CredentialKey, DemoCa, HashCost, OtpMethod, P256Key, PasswordHash, RunningServer, Server,
    TotpSecret, User,
};
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The demo account's user name and password (public knowledge: it is a demo).
pub const DEMO_USER: &str = "demo";
/// The demo account's password.
pub const DEMO_PASSWORD: &str = "demo";
/// The demo credential's PIN.
pub const DEMO_PIN: &str = "1234";
/// The demo credential's id.
pub const DEMO_CREDENTIAL: &str = "pecat-demo-1";
/// The most documents one authorisation of the demo credential covers (its CSC `multisign`).
pub const DEMO_BATCH_LIMIT: u32 = 500;
/// The holder named in the demo certificate.
pub const DEMO_HOLDER: &str = "Pecat Demo Signer";

/// What the demo keeps between runs.
struct Material {
    key: P256Key,
    chain: Vec<Vec<u8>>,
    totp: TotpSecret,
}

/// The demo's folder: `PECAT_DEMO_DIR`, else `pecat/demo` in the OS data folder.
pub fn demo_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("PECAT_DEMO_DIR") {
        return Some(PathBuf::from(d));
    }
    dirs::data_dir().map(|d| d.join("pecat").join("demo"))
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write { path: path.to_owned(), source: source.into() }
}

fn demo_err(reason: impl std::fmt::Display) -> Error {
    Error::Demo { reason: reason.to_string() }
}

/// Writes `bytes` to `path` atomically, readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err(path))?;
    tmp.write_all(bytes).map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    tmp.persist(path).map_err(|e| io_err(path)(e.error))?;
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    pecat_pki::read_limited(path, 1 << 20, "demo file").map_err(Error::from)
}

impl Material {
    fn load_or_create(dir: &Path) -> Result<Self> {
        let (key_path, chain_path, totp_path) = (dir.join("credential.p8"), dir.join("chain.der"), dir.join("totp"));
        if key_path.is_file() && chain_path.is_file() && totp_path.is_file() {
            let key = P256Key::from_pkcs8_der(&read(&key_path)?).map_err(demo_err)?;
            let chain = split_chain(&read(&chain_path)?)?;
            let text = Zeroizing::new(String::from_utf8(read(&totp_path)?).map_err(demo_err)?);
            let totp = TotpSecret::from_base32(text.trim()).map_err(|_| demo_err("the demo TOTP secret is damaged"))?;
            return Ok(Self { key, chain, totp });
        }
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let ca = DemoCa::new().map_err(demo_err)?;
        let key = P256Key::generate().map_err(demo_err)?;
        let chain = ca.issue(&key.spki_der(), DEMO_HOLDER, 3 * 365).map_err(demo_err)?;
        let totp = TotpSecret::generate().map_err(demo_err)?;
        write_private(&key_path, &key.to_pkcs8_der().map_err(demo_err)?)?;
        write_private(&chain_path, &chain.concat())?;
        write_private(&totp_path, totp.to_base32().as_bytes())?;
        Ok(Self { key, chain, totp })
    }
}

/// Splits concatenated DER certificates.
fn split_chain(mut data: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let len =
            pecat_pki::asn1::element_len(data).map_err(|e| demo_err(format!("the demo chain is damaged: {e}")))?;
        let (one, rest) = data.split_at(len.min(data.len()));
        out.push(one.to_vec());
        data = rest;
    }
    Ok(out)
}

/// The running demo service.
#[derive(Debug)]
pub struct DemoService {
    server: RunningServer,
    totp: TotpSecret,
    root: Vec<u8>,
}

impl DemoService {
    /// Starts the demo service on `127.0.0.1` with the material in `dir` (created on first use).
    pub fn start(dir: &Path) -> Result<Self> {
        let material = Material::load_or_create(dir)?;
        let hash = |s: &str| PasswordHash::new(&SecretString::from(s.to_owned()), HashCost::Light).map_err(demo_err);
        let root = material.chain.last().cloned().ok_or_else(|| demo_err("the demo chain is empty"))?;
        let key: Arc<dyn CredentialKey> = Arc::new(material.key);
        let mut credential = Credential::new(DEMO_CREDENTIAL, DEMO_USER, key, material.chain).map_err(demo_err)?;
        credential.description = format!("{DEMO_HOLDER} (demo, not qualified)");
        let credential = credential
            .with_pin(hash(DEMO_PIN)?)
            .with_otp(OtpMethod::Totp(material.totp.clone()))
            .with_multisign(DEMO_BATCH_LIMIT);
        let mut config = Config::default();
        config.users.push(User { name: DEMO_USER.into(), password: hash(DEMO_PASSWORD)? });
        config.credentials.push(credential);
        // Someone trying the demo may sign twice within one 30-second step.
        config.allow_totp_reuse = true;
        config.state_file = Some(dir.join("state.json"));
        let server = Server::start(config).map_err(demo_err)?;
        Ok(Self { server, totp: material.totp, root })
    }

    /// Starts it in [`demo_dir`].
    pub fn start_default() -> Result<Self> {
        let dir = demo_dir().ok_or_else(|| demo_err("there is no data folder for the demo"))?;
        Self::start(&dir)
    }

    /// The service's base URL (loopback).
    pub fn base_url(&self) -> &str {
        self.server.base_url()
    }

    /// The demo authenticator's current code and the seconds it stays valid.
    pub fn current_code(&self) -> (Zeroizing<String>, u64) {
        (self.totp.current_code(), TotpSecret::seconds_left(std::time::SystemTime::now()))
    }

    /// The demo root certificate (DER), to trust for verifying what the demo signs.
    pub fn root_der(&self) -> &[u8] {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_keeps_its_material_between_runs_and_says_it_is_a_demo() {
        let dir = tempfile::tempdir().unwrap();
        let first = DemoService::start(dir.path()).unwrap();
        let root = first.root_der().to_vec();
        let (code, left) = first.current_code();
        assert_eq!(code.len(), 6);
        assert!(left <= 30);
        assert!(first.base_url().starts_with("http://127.0.0.1:"));
        drop(first);
        let second = DemoService::start(dir.path()).unwrap();
        assert_eq!(second.root_der(), &root[..], "the same root after a restart");
        let chain = split_chain(&std::fs::read(dir.path().join("chain.der")).unwrap()).unwrap();
        let leaf = pecat_pki::Certificate::from_der(chain[0].clone(), "demo leaf").unwrap();
        assert!(leaf.summary().subject.contains("O=Pecat Demo"), "{}", leaf.summary().subject);
        assert!(!leaf.summary().qualified.is_qualified());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("credential.p8")).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the demo key is readable by its owner only");
        }
    }
}
