//! The token crate's error type: every PKCS#11 failure names the function and return value.

use std::path::PathBuf;

/// What went wrong talking to a token.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The module file does not exist.
    #[error("PKCS#11 module {path} not found")]
    ModuleMissing { path: PathBuf },
    /// The module file could not be loaded as a PKCS#11 library.
    #[error("PKCS#11 module {path} could not be loaded: {reason}")]
    ModuleLoad { path: PathBuf, reason: String },
    /// `C_Initialize` failed.
    #[error("PKCS#11 module {path} failed to start (C_Initialize returned {rv})")]
    Initialize { path: PathBuf, rv: String },
    /// The token was removed or its slot vanished.
    #[error("token {token} was removed")]
    TokenRemoved { token: String },
    /// A PKCS#11 call failed.
    #[error("{function} failed on {token}: {rv}")]
    Pkcs11 { token: String, function: String, rv: String },
    /// The slot's worker thread is gone (the module crashed it).
    #[error("the worker thread of {token} stopped")]
    WorkerGone { token: String },
    /// A PKCS#11 call did not return within its bound (a stuck driver or device). The call is
    /// abandoned and the token's next call starts afresh; other tokens are not affected.
    #[error("token {token} does not answer ({operation} took longer than {seconds} s)")]
    NotAnswering { token: String, operation: String, seconds: u64 },
    /// No token matches what the user named.
    #[error("no token matches \"{query}\"")]
    NoSuchToken { query: String },
    /// More than one token matches.
    #[error("\"{query}\" matches several tokens ({matches}); give the serial number")]
    AmbiguousToken { query: String, matches: String },
    /// No private key with that `CKA_ID`.
    #[error("token {token} has no private key with id {id}")]
    NoSuchKey { token: String, id: String },
    /// A digest of the wrong length for the algorithm.
    #[error("the digest has {got} bytes where the algorithm needs {expected}")]
    BadDigest { expected: usize, got: usize },
    /// A key id that is not hex.
    #[error("\"{id}\" is not a key id in hex")]
    BadKeyId { id: String },
    /// The token cannot do what was asked.
    #[error("{what}")]
    Unsupported { what: String },
    /// A written object did not read back identical.
    #[error("{what} did not read back identical after writing; it was removed again")]
    ReadBack { what: String },
    /// A certificate whose key is not on the token.
    #[error(
        "no key on token {token} matches the certificate \"{subject}\"; it was issued for another key (the token is unchanged)"
    )]
    NoMatchingKey { token: String, subject: String },
    /// The certificate is already on the token.
    #[error("token {token} already holds the certificate \"{what}\"")]
    AlreadyPresent { token: String, what: String },
    /// Signing asked for digests the authorisation does not cover, or for another credential.
    #[error("credential {credential} is not authorised to sign these digests")]
    NotAuthorised { credential: String },
    /// A store returned another number of signatures than digests: no document may go missing.
    #[error("the store returned {got} signatures for {expected} digests")]
    SignatureCount { expected: usize, got: usize },
    /// No object with that `CKA_ID`.
    #[error("token {token} has no certificate with id {id}")]
    NoSuchObject { token: String, id: String },
    /// A cloud signing service (CSC API) could not be used; `service` is its base URL.
    #[error("cloud signing service {service}: {kind}")]
    Cloud { service: String, kind: CloudFailure },
}

/// Why a cloud signing service could not be used: the transport, or a refusal that is not a
/// PIN or code outcome (those are [`crate::PinOutcome`]s).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloudFailure {
    /// The address is not a URL Pecat can use.
    #[error("the address is not a usable URL ({0})")]
    BadUrl(String),
    /// A plain `http://` address to another computer: passwords and PINs would cross the
    /// network unencrypted, so nothing was sent.
    #[error("the address uses plain HTTP to a host that is not this computer; only HTTPS is allowed")]
    PlainHttp,
    /// No connection could be made (name not found, refused, network down).
    #[error("the service could not be reached")]
    Unreachable,
    /// The service did not answer in time.
    #[error("the service did not answer in time")]
    Timeout,
    /// The TLS handshake failed (untrusted or wrong certificate, protocol mismatch).
    #[error("the secure connection failed (the service's certificate was not accepted)")]
    Tls,
    /// The answer is not what the specification describes; the text says what was wrong.
    #[error("the service gave an answer that is not valid CSC API JSON: {0}")]
    Malformed(String),
    /// An HTTP status without an error the specification names, and the start of the body.
    #[error("the service answered with HTTP status {0}: {1}")]
    Status(u16, String),
    /// The service refused the request with a specification error (`error`, `error_description`).
    #[error("the service refused the request: {error} ({description})")]
    Refused { error: String, description: String },
    /// The service's `info` names an API version Pecat does not speak.
    #[error("the service speaks CSC API {0}, not 1.0.x or 2.x")]
    UnsupportedVersion(String),
    /// The service does not offer a method Pecat needs (missing from `info`'s `methods`).
    #[error("the service does not offer {0}")]
    MethodMissing(String),
    /// The user name or password (or the stored refresh token) was refused.
    #[error("the account name or password was refused")]
    LoginRefused,
    /// The service needs a login first, or the session ended.
    #[error("a login is needed")]
    LoginRequired,
    /// Authorising needs a one-time code and none was given (nothing was sent).
    #[error("a one-time code is needed and none was given")]
    CodeMissing,
    /// The browser login (OAuth 2.0, CSC v2 §8.3.2) could not wait for its answer: no loopback
    /// port could be opened on this computer.
    #[error("no loopback port could be opened for the browser login's answer ({0})")]
    Loopback(String),
    /// The browser login was refused or cancelled (`access_denied`, RFC 6749 §4.1.2.1).
    #[error("the login in the browser was refused or cancelled")]
    BrowserLoginDenied,
    /// The browser login ended with another OAuth 2.0 error (RFC 6749 §4.1.2.1).
    #[error("the login in the browser failed: {error} ({description})")]
    BrowserLoginFailed { error: String, description: String },
    /// The answer that reached the loopback port was not for this login (`state` differs or is
    /// missing, RFC 6749 §10.12): nothing was exchanged.
    #[error("the browser's answer did not belong to this login; nothing was accepted")]
    StateMismatch,
    /// The browser login was not finished in the time allowed.
    #[error("the login in the browser was not finished in time")]
    BrowserLoginTimeout,
}

impl Error {
    /// Classifies a cryptoki error from a call on `token`.
    pub(crate) fn from_cryptoki(token: &str, e: cryptoki::error::Error) -> Self {
        use cryptoki::error::{Error as E, RvError};
        match e {
            E::Pkcs11(RvError::DeviceRemoved | RvError::TokenNotPresent | RvError::SlotIdInvalid, _) => {
                Self::TokenRemoved { token: token.to_owned() }
            }
            E::Pkcs11(rv, function) => {
                Self::Pkcs11 { token: token.to_owned(), function: format!("{function}"), rv: rv_name(rv) }
            }
            other => Self::Pkcs11 { token: token.to_owned(), function: "PKCS#11 call".into(), rv: other.to_string() },
        }
    }
}

/// `CKR_*` name of a return value.
pub(crate) fn rv_name(rv: cryptoki::error::RvError) -> String {
    let debug = format!("{rv:?}");
    let mut out = String::from("CKR_");
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The token crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use cryptoki::error::RvError;

    #[test]
    fn return_values_read_as_in_the_spec() {
        assert_eq!(rv_name(RvError::PinIncorrect), "CKR_PIN_INCORRECT");
        assert_eq!(rv_name(RvError::CryptokiAlreadyInitialized), "CKR_CRYPTOKI_ALREADY_INITIALIZED");
        let e = Error::from_cryptoki(
            "T1",
            cryptoki::error::Error::Pkcs11(RvError::DeviceRemoved, cryptoki::context::Function::FindObjects),
        );
        assert_eq!(e.to_string(), "token T1 was removed");
        let e = Error::NotAnswering { token: "T1".into(), operation: "C_Sign".into(), seconds: 120 };
        assert_eq!(e.to_string(), "token T1 does not answer (C_Sign took longer than 120 s)");
    }
}
