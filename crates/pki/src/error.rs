//! The pki crate's error type.

/// What went wrong while reading or writing certificates.
#[derive(Debug, thiserror::Error)]
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
    /// A PKCS#7/CMS structure that could not be read.
    #[error("{what} is not a readable PKCS#7 certificate bundle: {reason}")]
    BadPkcs7 { what: String, reason: String },
    /// The customs pair needs an issuing CA certificate that was not found.
    #[error("the issuing CA certificate of \"{subject}\" was not found (add it with --ca or store it on the token)")]
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
        source: std::io::Error,
    },
    /// The output exists and overwriting was not asked for.
    #[error("{path} already exists (use --force to replace it)")]
    Exists { path: std::path::PathBuf },
}

/// The pki crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
