//! Pecat's application layer, free of any UI toolkit: settings, the inventory of modules and
//! tokens, references such as `SERIAL:01`, and serialisable views of tokens and certificates.
//! Both front ends (GUI and CLI) sit on it.

mod accounts;
mod cloud;
mod demo;
pub mod diagnostics;
mod document;
mod error;
mod events;
mod export;
mod inventory;
mod overview;
mod pin;
mod reference;
mod renewal;
mod secrets;
mod settings;
mod signing;
mod trust;
mod view;

pub use accounts::{Account, AccountProblem, AccountRef, ServiceUrlProblem, service_url};
pub use cloud::{
    AddedAccount, Connection, DEMO_LABEL, LoginNeeded, Remembered, RemovedAccount, add_account, add_account_oauth2,
    connect_account, demo_store, demo_url, is_demo, login_account, login_account_oauth2, remove_account,
};
pub use demo::{
    DEMO_BATCH_LIMIT, DEMO_CREDENTIAL, DEMO_HOLDER, DEMO_PASSWORD, DEMO_PIN, DEMO_USER, DemoService, demo_dir,
};
pub use document::{DocumentInfo, inspect_document, verify_document_with};
pub use error::{Error, Result};
pub use events::{StoreEvent, StoreWatch};
pub use export::{Exported, export_certificate, export_contents, export_customs};
pub use inventory::{Inventory, ModuleReport, ModuleStatus, TokenProblem};
pub use overview::{CertificateEntry, StoreKind, StoreOverview, cloud_overview, overview, token_overview};
pub use pin::{
    NewSecret, PinOperation, PinPrecheck, PinRequest, PinResult, check_request, login_refusal, new_secret_rules,
    pin_refusal, precheck_pin_operation, run_pin_operation, warn_long_for_macos,
};
pub use reference::{ObjectRef, parse_object_ref, resolve_credential, select_certificate};
pub use renewal::{
    ImportOptions, OutsideValidity, Renewal, RenewalPlan, RenewalWindow, carry, check_importable, check_renewable,
    default_key_label, default_keygen_label, import_issued, import_request, plan_renewal, renew, renewal_plan,
    renewal_window, token_csr,
};
pub use secrets::{
    AccountKey, SERVICE as SECRET_SERVICE, SecretBackend, SecretKind, SecretOperation, SecretStore, SecretStoreFailure,
};
pub use settings::Settings;
pub use signing::{
    CancelToken, DocumentFailure, DocumentStatus, PreparedBatch, SignJob, SignProgress, SignReport, Signer,
    default_output, prepare_each, prepare_pdfs, sign_pdfs,
};
pub use trust::{StoredAnchor, TrustChoice, TrustStore, anchors, read_certificates, system_anchors, verify_document};
pub use view::{
    CertificateView, ChainLink, ChainView, KeyView, TokenView, certificate_view, chain_pool, credential_views,
    token_certificates, token_view,
};
