//! The library's error: building a configuration, reading key and certificate files, binding
//! the listener, keeping the lockout state. (Errors a client sees are [`crate::api::ApiError`].)

use std::path::PathBuf;

/// What went wrong setting up or running the service.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration is inconsistent; `what` names the entry.
    #[error("configuration: {what}: {reason}")]
    Config { what: String, reason: String },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// A private key could not be read or made.
    #[error("key of credential {credential}: {source}")]
    Key { credential: String, source: crate::key::KeyError },
    /// A certificate could not be read.
    #[error("certificate of credential {credential}: {source}")]
    Certificate { credential: String, source: pecat_pki::Error },
    /// A password or PIN hash could not be made or read.
    #[error("{what}: {source}")]
    Password { what: String, source: crate::password::PasswordError },
    /// The demo CA failed.
    #[error("demo CA: {0}")]
    Ca(String),
    /// The lockout state file could not be read or written.
    #[error("state file {}: {reason}", path.display())]
    State { path: PathBuf, reason: String },
    /// The listener could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    /// TLS could not be set up.
    #[error("TLS: {0}")]
    Tls(String),
    /// The server thread or runtime failed.
    #[error("server runtime: {0}")]
    Runtime(String),
}

/// The library's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
