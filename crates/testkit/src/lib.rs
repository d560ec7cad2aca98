//! Test fixtures: a qualified-style test PKI (root → qualified CA → end entities with
//! QcStatements) made with rcgen, and throwaway SoftHSM2 tokens whose keys are generated on the
//! token. Tokens are built with the independent tools `softhsm2-util` and `pkcs11-tool`, so the
//! code under test never builds its own fixtures.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod pki;
mod softhsm;

pub use pki::{EndEntity, TestPki};
pub use softhsm::{Fixture, SoftHsm, TokenKey, softhsm_module};
