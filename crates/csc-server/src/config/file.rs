//! The TOML configuration file of the `pecat-csc-server` binary. Relative paths are read
//! against the file's directory. Plain `password`/`pin` entries are for development only: they
//! are hashed at start and a warning is logged.
//!
//! ```toml
//! listen = "127.0.0.1:8443"
//! lockout_after = 5
//! sad_lifetime_secs = 300
//! state_file = "state.json"
//! otp_delivery = "log"          # sendOTP codes to the log (development); default "none"
//! oauth2 = true                 # also offer the OAuth 2.0 authorization code flow with PKCE
//!
//! [service]
//! name = "Pecat development CSC"
//!
//! [tls]
//! certificate = "server.pem"    # chain, leaf first
//! key = "server.key"
//!
//! [[users]]
//! name = "alice"
//! password_hash = "$argon2id$v=19$m=19456,t=2,p=1$…"   # pecat-csc-server hash-password
//!
//! [[credentials]]
//! id = "alice-1"
//! owner = "alice"
//! pin_hash = "$argon2id$…"
//! otp = "totp"                  # "totp", "sent" (v1 sendOTP) or "none"
//! totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
//! scal = 2
//! multisign = 100
//! key = "alice.key"             # PKCS#8 (P-256 or RSA) or PKCS#1 PEM
//! certificates = "alice.pem"    # leaf first
//!
//! [[credentials]]
//! id = "demo-1"
//! owner = "alice"
//! pin = "1234"                  # development only
//! otp = "none"
//! generate = { algorithm = "p256", holder = "Alice Example" }  # throwaway CA, new each start
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{Config, Credential, Limits, OtpDelivery, OtpMethod, OtpSink, Scal, TlsConfig, User};
use crate::ca::DemoCa;
use crate::error::{Error, Result};
use crate::key::{CredentialKey, P256Key, RsaKey, read_private_key};
use crate::password::{HashCost, PasswordHash};
use crate::totp::TotpSecret;

/// Key and certificate files are small; anything larger is not one.
const MAX_FILE: u64 = 1 << 20;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    #[serde(default)]
    service: ServiceSection,
    #[serde(default)]
    limits: LimitsSection,
    lockout_after: Option<u32>,
    sad_lifetime_secs: Option<u64>,
    access_token_lifetime_secs: Option<u64>,
    refresh_token_lifetime_secs: Option<u64>,
    sent_code_lifetime_secs: Option<u64>,
    #[serde(default)]
    allow_totp_reuse: bool,
    #[serde(default)]
    oauth2: bool,
    oauth2_code_lifetime_secs: Option<u64>,
    state_file: Option<PathBuf>,
    #[serde(default)]
    otp_delivery: OtpDeliveryChoice,
    tls: Option<TlsSection>,
    #[serde(default)]
    users: Vec<UserSection>,
    #[serde(default)]
    credentials: Vec<CredentialSection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSection {
    name: Option<String>,
    logo: Option<String>,
    region: Option<String>,
    lang: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitsSection {
    max_body_bytes: Option<usize>,
    max_hashes_per_request: Option<usize>,
    max_signatures_per_sad: Option<u32>,
}

#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OtpDeliveryChoice {
    #[default]
    None,
    Log,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TlsSection {
    certificate: PathBuf,
    key: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserSection {
    name: String,
    password_hash: Option<String>,
    password: Option<SecretString>,
}

impl std::fmt::Debug for UserSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserSection").field("name", &self.name).finish_non_exhaustive()
    }
}

#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OtpChoice {
    #[default]
    None,
    Totp,
    Sent,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum GeneratedAlgorithm {
    P256,
    Rsa2048,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    algorithm: GeneratedAlgorithm,
    holder: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialSection {
    id: String,
    owner: String,
    description: Option<String>,
    pin_hash: Option<String>,
    pin: Option<SecretString>,
    #[serde(default)]
    otp: OtpChoice,
    totp_secret: Option<SecretString>,
    scal: Option<u8>,
    multisign: Option<u32>,
    lang: Option<String>,
    key: Option<PathBuf>,
    certificates: Option<PathBuf>,
    generate: Option<Generate>,
}

impl std::fmt::Debug for CredentialSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSection").field("id", &self.id).field("owner", &self.owner).finish_non_exhaustive()
    }
}

/// Sends codes to the log: development only.
#[derive(Debug, Clone, Copy)]
pub struct LogSink;

impl OtpSink for LogSink {
    fn deliver(&self, delivery: &OtpDelivery<'_>) {
        use secrecy::ExposeSecret;
        log::warn!(
            "DEVELOPMENT OTP delivery: code {} for credential {} of {}",
            delivery.code.expose_secret(),
            delivery.credential,
            delivery.user
        );
    }
}

fn problem(what: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Config { what: what.into(), reason: reason.into() }
}

fn read(base: &Path, path: &Path, what: &str) -> Result<Vec<u8>> {
    let full = base.join(path);
    pecat_pki::read_limited(&full, MAX_FILE, what).map_err(|e| problem(what, e.to_string()))
}

/// A hash from `hash` or, for development, from the plain `plain` (with a warning).
fn secret_hash(hash: Option<&str>, plain: Option<&SecretString>, what: &str) -> Result<Option<PasswordHash>> {
    match (hash, plain) {
        (Some(_), Some(_)) => Err(problem(what, "give either the hash or the plain value, not both")),
        (Some(hash), None) => {
            PasswordHash::from_phc(hash).map(Some).map_err(|source| Error::Password { what: what.into(), source })
        }
        (None, Some(plain)) => {
            log::warn!("{what}: plain secret in the configuration file — for development only");
            PasswordHash::new(plain, HashCost::Interactive)
                .map(Some)
                .map_err(|source| Error::Password { what: what.into(), source })
        }
        (None, None) => Ok(None),
    }
}

/// Reads a configuration file.
pub fn load(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&text, base)
}

/// Parses configuration text; relative paths are read against `base`.
pub fn parse(text: &str, base: &Path) -> Result<Config> {
    let file: FileConfig = toml::from_str(text).map_err(|e| problem("configuration file", e.to_string()))?;
    let mut config = Config::default();
    if let Some(listen) = file.listen {
        config.listen = listen;
    }
    let s = file.service;
    let service = &mut config.service;
    for (value, field) in [
        (s.name, &mut service.name),
        (s.logo, &mut service.logo),
        (s.region, &mut service.region),
        (s.lang, &mut service.lang),
        (s.description, &mut service.description),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    let defaults = Limits::default();
    config.limits = Limits {
        max_body_bytes: file.limits.max_body_bytes.unwrap_or(defaults.max_body_bytes),
        max_hashes_per_request: file.limits.max_hashes_per_request.unwrap_or(defaults.max_hashes_per_request),
        max_signatures_per_sad: file.limits.max_signatures_per_sad.unwrap_or(defaults.max_signatures_per_sad),
    };
    let secs = |value: Option<u64>, default: Duration| value.map(Duration::from_secs).unwrap_or(default);
    config.lockout_after = file.lockout_after.unwrap_or(config.lockout_after);
    config.sad_lifetime = secs(file.sad_lifetime_secs, config.sad_lifetime);
    config.access_token_lifetime = secs(file.access_token_lifetime_secs, config.access_token_lifetime);
    config.refresh_token_lifetime = secs(file.refresh_token_lifetime_secs, config.refresh_token_lifetime);
    config.sent_code_lifetime = secs(file.sent_code_lifetime_secs, config.sent_code_lifetime);
    config.allow_totp_reuse = file.allow_totp_reuse;
    config.oauth2 = file.oauth2;
    config.oauth2_code_lifetime = secs(file.oauth2_code_lifetime_secs, config.oauth2_code_lifetime);
    config.state_file = file.state_file.map(|p| base.join(p));
    if let OtpDeliveryChoice::Log = file.otp_delivery {
        log::warn!("otp_delivery = \"log\": sent codes go to the log — for development only");
        config.otp_sink = Arc::new(LogSink);
    }
    if let Some(tls) = file.tls {
        config.tls = Some(TlsConfig {
            certificate_chain_pem: read(base, &tls.certificate, "TLS certificate")?,
            private_key_pem: Zeroizing::new(read(base, &tls.key, "TLS key")?),
        });
    }
    for user in file.users {
        let what = format!("user {}", user.name);
        let password = secret_hash(user.password_hash.as_deref(), user.password.as_ref(), &what)?
            .ok_or_else(|| problem(&what, "needs password_hash (or password, for development)"))?;
        config.users.push(User { name: user.name, password });
    }
    let mut ca: Option<DemoCa> = None;
    for section in file.credentials {
        config.credentials.push(credential(section, base, &mut ca)?);
    }
    config.validate()?;
    Ok(config)
}

fn credential(section: CredentialSection, base: &Path, ca: &mut Option<DemoCa>) -> Result<Credential> {
    let what = format!("credential {}", section.id);
    let key_error = |source| Error::Key { credential: section.id.clone(), source };
    let mut credential = match (&section.generate, &section.key, &section.certificates) {
        (Some(generate), None, None) => {
            let key: Arc<dyn CredentialKey> = match generate.algorithm {
                GeneratedAlgorithm::P256 => Arc::new(P256Key::generate().map_err(key_error)?),
                GeneratedAlgorithm::Rsa2048 => Arc::new(RsaKey::generate(2048).map_err(key_error)?),
            };
            let ca = match ca {
                Some(ca) => ca,
                None => ca.insert(DemoCa::new()?),
            };
            Credential::demo(section.id.clone(), section.owner.clone(), &generate.holder, key, ca)?
        }
        (None, Some(key), Some(certificates)) => {
            let key_bytes = Zeroizing::new(read(base, key, &format!("{what} key"))?);
            let key: Arc<dyn CredentialKey> = Arc::from(read_private_key(&key_bytes).map_err(key_error)?);
            let chain_bytes = read(base, certificates, &format!("{what} certificates"))?;
            let chain = pecat_pki::parse_certificates(&chain_bytes, &what)
                .map_err(|source| Error::Certificate { credential: section.id.clone(), source })?;
            Credential::new(
                section.id.clone(),
                section.owner.clone(),
                key,
                chain.iter().map(|c| c.der().to_vec()).collect(),
            )?
        }
        _ => return Err(problem(&what, "give either generate, or key and certificates")),
    };
    credential.pin = secret_hash(section.pin_hash.as_deref(), section.pin.as_ref(), &format!("{what} PIN"))?;
    credential.otp = match (section.otp, &section.totp_secret) {
        (OtpChoice::None, None) => None,
        (OtpChoice::Sent, None) => Some(OtpMethod::Sent),
        (OtpChoice::Totp, Some(secret)) => {
            use secrecy::ExposeSecret;
            Some(OtpMethod::Totp(
                TotpSecret::from_base32(secret.expose_secret()).map_err(|e| problem(&what, e.to_string()))?,
            ))
        }
        (OtpChoice::Totp, None) => return Err(problem(&what, "otp = \"totp\" needs totp_secret")),
        (_, Some(_)) => return Err(problem(&what, "totp_secret is only for otp = \"totp\"")),
    };
    credential.scal = match section.scal {
        None | Some(2) => Scal::Two,
        Some(1) => Scal::One,
        Some(_) => return Err(problem(&what, "scal is 1 or 2")),
    };
    if let Some(multisign) = section.multisign {
        credential.multisign = multisign;
    }
    if let Some(lang) = section.lang {
        credential.lang = lang;
    }
    if let Some(description) = section.description {
        credential.description = description;
    }
    Ok(credential)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_users_and_generated_credentials() {
        let hash = PasswordHash::new(&SecretString::from("pw"), HashCost::Light).unwrap();
        let text = format!(
            r#"
            listen = "127.0.0.1:0"
            lockout_after = 3
            sad_lifetime_secs = 60
            [[users]]
            name = "alice"
            password_hash = "{}"
            [[credentials]]
            id = "demo-1"
            owner = "alice"
            pin_hash = "{}"
            otp = "totp"
            totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            scal = 1
            multisign = 5
            generate = {{ algorithm = "p256", holder = "Alice Example" }}
            "#,
            hash.as_phc(),
            hash.as_phc()
        );
        let config = parse(&text, Path::new(".")).unwrap();
        assert_eq!(config.lockout_after, 3);
        assert_eq!(config.sad_lifetime, Duration::from_secs(60));
        let credential = &config.credentials[0];
        assert_eq!(credential.scal, Scal::One);
        assert_eq!(credential.multisign, 5);
        assert!(credential.totp_secret().is_some());
        assert!(credential.chain[0].summary().subject.contains("Pecat Demo"));

        let typo = text.replace("lockout_after", "lockout_afterr");
        assert!(parse(&typo, Path::new(".")).is_err());
        let no_owner = text.replace("owner = \"alice\"", "owner = \"bob\"");
        assert!(parse(&no_owner, Path::new(".")).is_err());
    }
}
