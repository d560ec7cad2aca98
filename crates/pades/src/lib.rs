//! PDF signing and verification: PAdES baseline signatures written as incremental updates (the
//! original bytes are never rewritten), staged prepare → digest → sign → embed so any signer
//! (a token, a cloud service) fits, visible appearances with an embedded font subset, and
//! verification of every signature in a file.

pub mod appearance;
pub mod cms;
pub mod docmdp;
pub mod error;
pub mod field;
mod font;
pub mod pdf;
pub mod sign;
pub mod update;
pub mod verify;

pub use appearance::Appearance;
pub use docmdp::Permission;
pub use error::{Error, Result};
pub use field::{SignatureField, empty_signature_fields, signature_fields};
pub use sign::{Prepared, SignatureOptions, prepare, reserve_for};
pub use verify::{
    ByteSpan, Change, ChangeClass, Coverage, LaterChanges, Problem, Qualification, Severity, SignatureReport,
    TimeSource, Verdict, VerifyOptions, VerifyReport, verify,
};
