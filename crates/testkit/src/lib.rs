//! Test fixtures: a qualified-style test PKI (root → qualified CA → end entities with
//! QcStatements) made with rcgen, throwaway SoftHSM2 tokens whose keys are generated on the
//! token, and kryoptic tokens that really lock PINs. Tokens are built with the independent tools
//! `softhsm2-util` and `pkcs11-tool`, so the code under test never builds its own fixtures.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod browser;
mod hang;
mod kryoptic;
mod pdf;
mod pki;
mod secret_service;
mod softhsm;
mod tool;

pub use browser::sign_in_with_browser;
pub use hang::hang_module;
pub use kryoptic::{Kryoptic, kryoptic_module};
pub use pdf::{XrefShape, large_pdf, simple_pdf};
pub use pki::{EndEntity, TestPki};
pub use secret_service::SecretService;
pub use softhsm::{Fixture, SoftHsm, TokenKey, plug_in_softhsm_token, softhsm_module};
