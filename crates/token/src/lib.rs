//! Pecat's token layer: one [`Token`] trait for every credential store, typed PIN state, the
//! PKCS#11 backend, the known-module registry and the hot-plug watcher. It never prompts: an
//! operation that needs a secret says so and the front end asks.

mod cloud;
mod error;
mod keys;
mod pin;
mod pin_policy;
mod pkcs11;
mod registry;
mod store;
mod token;
mod watch;

pub use cloud::{ApiVersion, CscClient, CscOptions, ServiceInfo};
pub use error::{CloudFailure, Error, Result};
pub use keys::{GeneratedKey, ImportReport, ImportRequest, KeySpec};
pub use pin::{PinInfo, PinOptions, PinOutcome, PinState, PinStatus, SecretKind};
pub use pin_policy::{HostOs, MACOS_PIN_MAX, PinRules, PolicyViolation, check_new_pin, too_long_for_macos};
pub use pkcs11::{Pkcs11Module, Pkcs11Token};
pub use registry::{
    Discovery, KnownModule, ModuleCandidate, ModuleSource, PinCharset, PukKind, Registry, VendorProfile,
};
pub use secrecy::{ExposeSecret, SecretString};
pub use store::{
    AuthRequirement, Authorisation, Capabilities, CodeDelivery, CredentialStore, Grant, Secrets, StoreCredential,
    StoreId,
};
pub use token::{
    CertificateObject, Credential, KeyClass, KeyManagement, KeyObject, Pairing, PinLength, PinManagement, Token,
    TokenFlags, TokenId, TokenInfo, TokenObjects, pair,
};
pub use token::{HashAlgorithm, SignAlgorithm};
pub use watch::{TokenEvent, Watcher};
