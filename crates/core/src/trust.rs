//! Trust anchors for document signatures. A web server's root is no signing authority, so the
//! anchors are what the user chose: files given for one run, Pecat's trust store (a folder beside
//! the settings file; certificates under `qualified/` are marked as qualified CAs, where imported
//! EU trusted lists will land too), and the operating system's TLS bundle only when asked for.

use std::path::{Path, PathBuf};

use pecat_pades::{VerifyOptions, VerifyReport};
use pecat_pki::{AnchorSource, Certificate, TrustAnchor, parse_certificates};

use crate::error::{Error, Result};
use crate::settings::Settings;

/// System CA bundles, first found wins.
const SYSTEM_BUNDLES: &[&str] =
    &["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];

/// Certificate files are small; anything larger is not one.
const MAX_CERT_FILE: u64 = 1 << 20;

/// File endings the trust store reads.
const EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der", "p7b", "p7c"];

/// The operating system's TLS root certificates, when a bundle file exists. Never document
/// anchors unless the user asks for them explicitly.
pub fn system_anchors() -> Vec<Certificate> {
    SYSTEM_BUNDLES
        .iter()
        .map(Path::new)
        .find(|p| p.is_file())
        .and_then(|p| pecat_pki::read_limited(p, 16 << 20, "system CA bundle").ok().map(|data| (p, data)))
        .and_then(|(p, data)| parse_certificates(&data, &p.display().to_string()).ok())
        .unwrap_or_default()
}

/// Marks certificates as anchors of one kind.
pub fn anchors(certificates: Vec<Certificate>, qualified: bool, source: AnchorSource) -> Vec<TrustAnchor> {
    certificates.into_iter().map(|certificate| TrustAnchor { certificate, qualified, source }).collect()
}

/// One certificate in the store.
#[derive(Debug, Clone)]
pub struct StoredAnchor {
    pub certificate: Certificate,
    pub qualified: bool,
    pub path: PathBuf,
}

/// Pecat's trust store: a folder of certificate files, `qualified/` inside it for qualified CAs.
#[derive(Debug, Clone)]
pub struct TrustStore {
    dir: PathBuf,
}

impl TrustStore {
    /// The store at `PECAT_TRUST_DIR`, else `trust/` beside the settings file.
    pub fn default_location() -> Option<Self> {
        if let Some(d) = std::env::var_os("PECAT_TRUST_DIR") {
            return Some(Self::at(PathBuf::from(d)));
        }
        Settings::path().and_then(|p| p.parent().map(|d| Self::at(d.join("trust"))))
    }

    /// The store in folder `dir` (created when something is added).
    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Its folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn folder(&self, qualified: bool) -> PathBuf {
        if qualified { self.dir.join("qualified") } else { self.dir.clone() }
    }

    /// Every certificate in the store; a missing folder is an empty store.
    pub fn list(&self) -> Result<Vec<StoredAnchor>> {
        let mut out = Vec::new();
        for qualified in [true, false] {
            let folder = self.folder(qualified);
            let entries = match std::fs::read_dir(&folder) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(Error::Read { path: folder, source: source.into() }),
            };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| EXTENSIONS.contains(&x.to_lowercase().as_str()))
                })
                .collect();
            paths.sort();
            for path in paths {
                for certificate in read_certificates(&path)? {
                    out.push(StoredAnchor { certificate, qualified, path: path.clone() });
                }
            }
        }
        Ok(out)
    }

    /// The store's certificates as trust anchors.
    pub fn anchors(&self) -> Result<Vec<TrustAnchor>> {
        Ok(self
            .list()?
            .into_iter()
            .map(|a| TrustAnchor { certificate: a.certificate, qualified: a.qualified, source: AnchorSource::Store })
            .collect())
    }

    /// Adds the CA certificates of `file` (DER each, named by SHA-256 fingerprint); returns them.
    /// End-entity certificates are refused: they cannot vouch for signers.
    pub fn add(&self, file: &Path, qualified: bool) -> Result<Vec<Certificate>> {
        let certs = read_certificates(file)?;
        if let Some(ee) = certs.iter().find(|c| !c.summary().is_ca) {
            return Err(Error::NotACa { subject: ee.summary().subject.clone() });
        }
        let folder = self.folder(qualified);
        std::fs::create_dir_all(&folder)
            .map_err(|source: std::io::Error| Error::Write { path: folder.clone(), source: source.into() })?;
        for c in &certs {
            let path = folder.join(format!("{}.cer", c.summary().sha256.replace(':', "").to_lowercase()));
            pecat_pki::write_atomically(&path, c.der(), true)?;
        }
        Ok(certs)
    }

    /// Removes the certificates whose SHA-256 fingerprint starts with `prefix` (hex, colons
    /// optional, at least 8 digits); returns how many.
    pub fn remove(&self, prefix: &str) -> Result<usize> {
        let want: String = prefix.chars().filter(char::is_ascii_hexdigit).collect::<String>().to_uppercase();
        if want.len() < 8 {
            return Err(Error::FingerprintTooShort);
        }
        let mut removed = 0;
        for a in self.list()? {
            if a.certificate.summary().sha256.replace(':', "").starts_with(&want) {
                std::fs::remove_file(&a.path)
                    .map_err(|source: std::io::Error| Error::Write { path: a.path.clone(), source: source.into() })?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Reads the certificates of a file, refusing what is not a regular, small file.
pub fn read_certificates(path: &Path) -> Result<Vec<Certificate>> {
    let data = pecat_pki::read_limited(path, MAX_CERT_FILE, "certificate file")?;
    Ok(parse_certificates(&data, &path.display().to_string())?)
}

/// Which anchors a verification trusts, as the user chose them.
#[derive(Debug, Clone, Default)]
pub struct TrustChoice {
    /// CA files trusted for this verification.
    pub files: Vec<PathBuf>,
    /// CA files trusted as qualified trust service CAs for this verification.
    pub qualified_files: Vec<PathBuf>,
    /// Pecat's trust store (`None`: not used).
    pub store: Option<TrustStore>,
    /// Also the operating system's TLS roots (never as qualified).
    pub system: bool,
}

impl TrustChoice {
    /// The anchors this choice stands for.
    pub fn anchors(&self) -> Result<Vec<TrustAnchor>> {
        let mut out = Vec::new();
        for (files, qualified) in [(&self.files, false), (&self.qualified_files, true)] {
            for f in files {
                out.extend(anchors(read_certificates(f)?, qualified, AnchorSource::User));
            }
        }
        if let Some(store) = &self.store {
            out.extend(store.anchors()?);
        }
        if self.system {
            out.extend(anchors(system_anchors(), false, AnchorSource::System));
        }
        Ok(out)
    }
}

/// Verifies every signature of the PDF at `path` against the chosen anchors at `now`.
pub fn verify_document(path: &Path, trust: &TrustChoice, now: std::time::SystemTime) -> Result<VerifyReport> {
    let options = VerifyOptions { anchors: trust.anchors()?, now };
    Ok(pecat_pades::verify(path, &options)?)
}
