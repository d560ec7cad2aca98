//! The core crate's error type.

/// What went wrong in an application-level operation.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// From the token layer.
    #[error(transparent)]
    Token(#[from] pecat_token::Error),
    /// From PDF signing or verification.
    #[error(transparent)]
    Pdf(#[from] pecat_pades::Error),
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
        source: std::sync::Arc<std::io::Error>,
    },
    /// The built-in demo service could not start.
    #[error("the demo credential is not available: {reason}")]
    Demo { reason: String },
    /// No signing credential with that id in the store.
    #[error("{store} has no signing credential with id {id}")]
    NoSuchCredential { store: String, id: String },
    /// A file or folder could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::sync::Arc<std::io::Error>,
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
    /// A renewal the provider would refuse: providers renew only valid certificates.
    #[error("cannot renew: {validity}; providers renew only valid certificates — apply for a new one")]
    NotRenewable { validity: crate::renewal::OutsideValidity },
    /// An issued certificate outside its validity, not loaded.
    #[error("not loaded: {validity}")]
    NotImportable { validity: crate::renewal::OutsideValidity },
    /// The certificate's key is not one Pecat can generate, so it cannot be renewed as it is.
    #[error("the certificate's key ({key}) is not one Pecat can generate")]
    KeyNotGeneratable { key: pecat_pki::KeyAlgorithm },
    /// Removing the old key pair was asked without naming the certificate it goes with.
    #[error("removing the old key pair needs the certificate it replaces")]
    DeleteOldKeyWithoutReplace,
    /// What was given to import holds no issued (non-CA) certificate.
    #[error("{what} holds only CA certificates; give the issued certificate")]
    OnlyCaCertificates { what: String },
    /// DER holds one certificate; a chain needs PEM or PKCS#7.
    #[error("DER holds one certificate; a chain needs PEM or PKCS#7")]
    ChainInDer,
    /// A CA certificate where the personal (holder's) certificate is needed.
    #[error("\"{subject}\" is a CA certificate, not a personal one")]
    NotPersonal { subject: String },
    /// An output folder that is not one.
    #[error("{} is not a folder", path.display())]
    NotAFolder { path: std::path::PathBuf },
    /// The certificate object on the token holds no readable certificate.
    #[error("{reason}")]
    Unreadable { reason: String },
    /// A cloud service URL over plain HTTP to a host other than this machine.
    #[error("{url} is plain http; cloud services must use https (plain http only on loopback addresses)")]
    InsecureServiceUrl { url: String },
    /// A cloud service URL refused for another reason.
    #[error("{url} is not a usable service URL: {problem}")]
    BadServiceUrl { url: String, problem: crate::accounts::ServiceUrlProblem },
    /// A cloud account that cannot be kept as given.
    #[error("account \"{name}\": {problem}")]
    BadAccount { name: String, problem: crate::accounts::AccountProblem },
    /// No cloud account by that name in the settings.
    #[error("no cloud account is named \"{name}\"")]
    NoSuchAccount { name: String },
    /// The service lists no signing credential for the account.
    #[error("the service lists no signing credential for account \"{account}\"")]
    NoCloudCredential { account: String },
    /// No OS credential store to keep secrets in (e.g. no Secret Service on the session bus).
    #[error("no OS credential store is available: {reason}")]
    SecretStoreUnavailable { reason: String },
    /// The OS credential store failed an operation on one account's secret.
    #[error("could not {operation} the {kind} of {user} at {url} in the OS credential store: {failure}")]
    SecretStore {
        operation: crate::secrets::SecretOperation,
        kind: crate::secrets::SecretKind,
        url: String,
        user: String,
        failure: crate::secrets::SecretStoreFailure,
    },
}

/// The core crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
