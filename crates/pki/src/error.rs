//! The pki crate's error type.

/// What went wrong while reading or writing certificates.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The input was empty.
    #[error("{what} is empty")]
    Empty { what: String },
    /// DER whose length fields run past the end of the data (a cut-off download or copy).
    #[error("{what} is truncated: the DER structure needs {needed} bytes but only {available} are present")]
    Truncated { what: String, needed: usize, available: usize },
    /// Data that parses as something, but not as a certificate.
    #[error("{what} is not a certificate: {reason}")]
    NotACertificate { what: String, reason: String },
    /// A PEM or PKCS#7 container with no certificate inside.
    #[error("{what} holds no certificate")]
    NoCertificate { what: String },
    /// ASN.1 nested deeper than any real certificate or bundle (a crafted file).
    #[error("{what} is not a certificate: its elements are nested more than {max} levels deep")]
    TooDeep { what: String, max: usize },
    /// A file could not be read.
    #[error("could not read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::sync::Arc<std::io::Error>,
    },
    /// A path that names a directory, a device, a pipe or a socket where a file was expected.
    #[error("{what} is not a regular file")]
    NotRegularFile { what: String },
    /// A file larger than anything of its kind.
    #[error("{what} is too large ({size} bytes; at most {max} are read)")]
    FileTooLarge { what: String, size: u64, max: u64 },
    /// A PKCS#7/CMS structure that could not be read.
    #[error("{what} is not a readable PKCS#7 certificate bundle: {reason}")]
    BadPkcs7 { what: String, reason: String },
    /// The customs pair needs an issuing CA certificate that was not found.
    #[error("the issuing CA certificate of \"{subject}\" was not found")]
    IssuerMissing { subject: String },
    /// The signer could not sign.
    #[error("signing failed: {reason}")]
    Sign { reason: String },
    /// Encoding an export failed.
    #[error("could not encode {what}: {reason}")]
    Encode { what: String, reason: String },
    /// Writing a file failed.
    #[error("could not write {path}: {source}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::sync::Arc<std::io::Error>,
    },
    /// The output exists and overwriting was not asked for.
    #[error("{path} already exists")]
    Exists { path: std::path::PathBuf },
}

/// The pki crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
