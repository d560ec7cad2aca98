//! The core crate's error type.

/// What went wrong in an application-level operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// From the token layer.
    #[error(transparent)]
    Token(#[from] pecat_token::Error),
    /// From certificate handling.
    #[error(transparent)]
    Pki(#[from] pecat_pki::Error),
    /// The settings file could not be read.
    #[error("settings file {path} is invalid: {reason}")]
    Settings { path: std::path::PathBuf, reason: String },
    /// A file could not be read.
    #[error("could not read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An end-entity certificate offered as a trust anchor.
    #[error("\"{subject}\" is not a certification authority; only CA certificates can be trusted for signers")]
    NotACa { subject: String },
    /// A fingerprint prefix too short to name one certificate.
    #[error("give at least 8 hexadecimal digits of the certificate's SHA-256 fingerprint")]
    FingerprintTooShort,
    /// A `TOKEN:ID` reference without the id part, or with an id that is not hex.
    #[error(
        "\"{text}\" is not TOKEN:ID (a token serial or label, a colon, and the object's CKA_ID in hex, e.g. MyToken:01)"
    )]
    BadReference { text: String },
    /// A renewal the provider would refuse.
    #[error("cannot renew: {reason}")]
    NotRenewable { reason: String },
    /// An issued certificate that should not be loaded as it is.
    #[error("not loaded: {reason}")]
    NotImportable { reason: String },
    /// The certificate object on the token holds no readable certificate.
    #[error("{reason}")]
    Unreadable { reason: String },
}

/// The core crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
