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
