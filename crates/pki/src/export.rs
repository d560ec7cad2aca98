//! Exports: DER (`.cer`/`.crt`/`.der`), PEM, PKCS#7 (`.p7b`), and the customs pair — the
//! personal certificate and its issuing CA as two DER files, as customs (AES/NCTS5) and tax
//! platforms ask. Files are written to a temporary name in the same folder, synced, then
//! renamed, so a failure never leaves half a file; they get the usual permissions of a new file
//! (`0666` less the umask), not the temporary file's private ones.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cert::Certificate;
use crate::chain::Chain;
use crate::error::{Error, Result};
use crate::pkcs7;

/// An export encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Binary DER of one certificate (`.cer`, `.crt`, `.der`).
    Der,
    /// PEM, one block per certificate.
    Pem,
    /// PKCS#7 certificate bundle (`.p7b`).
    P7b,
}

/// Encodes `certs` (leaf first). DER takes exactly one certificate.
pub fn encode(format: ExportFormat, certs: &[&Certificate]) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Der => match certs {
            [one] => Ok(one.der().to_vec()),
            _ => Err(Error::Encode {
                what: "DER".into(),
                reason: format!(
                    "DER holds one certificate, {} were asked for (use PEM or P7B for a chain)",
                    certs.len()
                ),
            }),
        },
        ExportFormat::Pem => Ok(certs.iter().map(|c| pem(c.der())).collect::<String>().into_bytes()),
        ExportFormat::P7b => pkcs7::write(certs),
    }
}

fn pem(der: &[u8]) -> String {
    pem_block("CERTIFICATE", der)
}

/// One PEM block (RFC 7468) with 64-character lines.
pub(crate) fn pem_block(label: &str, der: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    let b64 = Base64::encode_string(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Writes `bytes` to `path` through a synced temporary file in the same folder. Refuses to
/// replace an existing file unless `overwrite`.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    let staged = stage(path, bytes)?;
    commit(staged, path, overwrite)
}

fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let write_err = |source: std::io::Error| Error::Write { path: path.to_owned(), source: source.into() };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pecat-").suffix(".part");
    // Certificates and requests are public: created as any new file (0666 less the umask), not
    // with the temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(write_err)?;
    tmp.write_all(bytes).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    Ok(tmp)
}

fn commit(tmp: tempfile::NamedTempFile, path: &Path, overwrite: bool) -> Result<()> {
    let result = if overwrite { tmp.persist(path) } else { tmp.persist_noclobber(path) };
    result.map(drop).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists { path: path.to_owned() }
        } else {
            Error::Write { path: path.to_owned(), source: std::sync::Arc::new(e.error) }
        }
    })
}

/// The two files of a customs export.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CustomsPair {
    /// The holder's certificate, DER.
    pub personal: PathBuf,
    /// The issuing CA's certificate, DER.
    pub intermediate: PathBuf,
}

/// Writes the personal certificate (the chain's leaf) and its issuer as DER `.cer` files named
/// after their holders into `dir`. Both files appear, or neither.
pub fn write_customs_pair(chain: &Chain, dir: &Path, overwrite: bool) -> Result<CustomsPair> {
    let leaf = &chain.certificates[0];
    let issuer = chain.issuer().ok_or_else(|| Error::IssuerMissing { subject: leaf.summary().subject.clone() })?;
    let personal = dir.join(format!("{} - personal.cer", file_stem(leaf)));
    let intermediate = dir.join(format!("{} - issuing CA.cer", file_stem(issuer)));
    for p in [&personal, &intermediate] {
        if !overwrite && p.exists() {
            return Err(Error::Exists { path: p.clone() });
        }
    }
    let staged_personal = stage(&personal, leaf.der())?;
    let staged_issuer = stage(&intermediate, issuer.der())?;
    commit(staged_personal, &personal, overwrite)?;
    if let Err(e) = commit(staged_issuer, &intermediate, overwrite) {
        let _ = std::fs::remove_file(&personal);
        return Err(e);
    }
    Ok(CustomsPair { personal, intermediate })
}

/// A file name from a certificate's display name: characters no OS accepts in a name become
/// `_`; letters with diacritics and Cyrillic stay.
pub(crate) fn file_stem(cert: &Certificate) -> String {
    let stem: String = cert
        .display_name()
        .chars()
        .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c })
        .collect();
    let stem = stem.trim().trim_end_matches('.').to_owned();
    if stem.is_empty() { format!("certificate-{}", cert.summary().serial) } else { stem }
}
