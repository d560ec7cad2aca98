//! Pecat's application layer, free of any UI toolkit: settings, the inventory of modules and
//! tokens, references such as `SERIAL:01`, and serialisable views of tokens and certificates.
//! Both front ends (GUI and CLI) sit on it.

mod error;
mod inventory;
mod reference;
mod renewal;
mod settings;
mod signing;
mod trust;
mod view;

pub use error::{Error, Result};
pub use inventory::{Inventory, ModuleReport, ModuleStatus, TokenProblem};
pub use reference::{ObjectRef, parse_object_ref, select_certificate};
pub use renewal::{
    RenewalWindow, carry, check_importable, check_renewable, default_key_label, renewal_window, token_csr,
};
pub use settings::Settings;
pub use signing::{PreparedBatch, SignJob, SignReport, Signer, default_output, prepare_pdfs, sign_pdfs};
pub use trust::{StoredAnchor, TrustStore, anchors, read_certificates, system_anchors};
pub use view::{
    CertificateView, ChainLink, ChainView, KeyView, TokenView, certificate_view, chain_pool, token_certificates,
    token_view,
};
