//! PDF signing and verification: PAdES baseline signatures written as incremental updates (the
//! original bytes are never rewritten), staged prepare → digest → sign → embed so any signer
//! (a token, a cloud service) fits, visible appearances with an embedded font subset, and
//! verification of every signature in a file.

pub mod error;
pub mod pdf;

pub use error::{Error, Result};
