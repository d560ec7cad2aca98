//! The batch off the UI thread: the credentials the inventory offers, the signature options of
//! each document, and the run itself (core's `prepare_each` then `PreparedBatch::sign`) on a
//! worker thread whose progress and result stream back as messages.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use iced::futures::channel::mpsc;
use pecat_core::{CancelToken, SignJob, SignProgress, SignReport, Signer, default_output, prepare_each};
use pecat_pades::{Appearance, SignatureOptions, reserve_for};
use pecat_token::{CredentialStore, PinOptions, PinOutcome, Secrets, StoreCredential, StoreId};

use crate::backend::{Backend, Failure};

/// A credential the user can sign with, and the store that holds it.
#[derive(Debug, Clone)]
pub struct CredentialChoice {
    pub store: StoreId,
    pub store_label: String,
    pub credential: StoreCredential,
}

impl CredentialChoice {
    /// The holder's name, else the credential's label.
    pub fn holder(&self) -> String {
        self.credential.certificate.summary().common_name.clone().unwrap_or_else(|| self.credential.label.clone())
    }
}

impl PartialEq for CredentialChoice {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store && self.credential.id == other.credential.id
    }
}

impl std::fmt::Display for CredentialChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} — {}", self.holder(), self.store_label)
    }
}

/// Every signing credential of every store in the inventory (blocking: asks each store). A
/// store that cannot answer is left out.
pub fn load_credentials(backend: &Backend) -> Vec<CredentialChoice> {
    let stores = backend.inventory().stores();
    let mut out = Vec::new();
    for store in stores {
        let Ok(credentials) = store.signing_credentials() else { continue };
        let (id, label) = (store.store_id(), store.store_label());
        out.extend(credentials.into_iter().map(|credential| CredentialChoice {
            store: id.clone(),
            store_label: label.clone(),
            credential,
        }));
    }
    out
}

/// Where a document's signature goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// No appearance on a page.
    Invisible,
    /// A rectangle the user dragged, `[x1 y1 x2 y2]` in points of the page's user space.
    Drawn { page: usize, rect: [f64; 4] },
    /// The document's own empty signature field.
    Field(String),
}

/// One document of the batch as the user set it up.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSetup {
    pub input: PathBuf,
    pub reason: String,
    pub location: String,
    pub placement: Placement,
}

impl DocumentSetup {
    /// A document signed invisibly with no reason yet.
    pub fn new(input: PathBuf) -> Self {
        Self { input, reason: String::new(), location: String::new(), placement: Placement::Invisible }
    }

    /// The job and the signature options for `credential`: output `NAME.signed.pdf` beside the
    /// input, room for its certificates, its holder's name.
    pub fn job(&self, credential: &StoreCredential) -> (SignJob, SignatureOptions) {
        let certs = credential.certificate.der().len()
            + credential.chain.iter().map(|c| c.der().len()).sum::<usize>()
            + credential.capabilities.signature_size;
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let visible = || Appearance { page: 1, rect: [0.0; 4], lines: Vec::new(), image: None };
        let (appearance, field) = match &self.placement {
            Placement::Invisible => (None, None),
            Placement::Drawn { page, rect } => (Some(Appearance { page: *page, rect: *rect, ..visible() }), None),
            // pades draws it in the field's rectangle when the field has one.
            Placement::Field(name) => (Some(visible()), Some(name.clone())),
        };
        let options = SignatureOptions {
            reason: text(&self.reason),
            location: text(&self.location),
            name: credential.certificate.summary().common_name.clone(),
            appearance,
            reserve: reserve_for(certs),
            field,
            ..SignatureOptions::default()
        };
        (SignJob { input: self.input.clone(), output: default_output(&self.input, None) }, options)
    }
}

/// One document's result (core's report carries the typed reason when it failed).
#[derive(Debug, Clone)]
pub struct DocumentResult {
    pub report: SignReport,
}

/// What the worker sends back.
#[derive(Debug, Clone)]
pub enum BatchEvent {
    /// Authorised, or one more document signed.
    Progress(SignProgress),
    /// The batch ended: refused (wrong PIN, …) or with one result per document.
    Finished(Result<PinOutcome<Vec<DocumentResult>>, Failure>),
}

/// Runs the batch on a worker thread; the receiver yields its progress, then its end.
pub fn start(
    store: Arc<dyn CredentialStore>,
    credential: StoreCredential,
    jobs: Vec<(SignJob, SignatureOptions)>,
    secrets: Secrets,
    cancel: CancelToken,
) -> mpsc::UnboundedReceiver<BatchEvent> {
    crate::backend::reporting(
        "sign-batch",
        || BatchEvent::Finished(Err(Failure::Crashed)),
        move |progress| BatchEvent::Finished(run(&*store, credential, &jobs, secrets, &cancel, progress)),
    )
}

/// The batch itself (blocking), for the worker and for tests.
pub fn run(
    store: &dyn CredentialStore,
    credential: StoreCredential,
    jobs: &[(SignJob, SignatureOptions)],
    secrets: Secrets,
    cancel: &CancelToken,
    progress: &mpsc::UnboundedSender<BatchEvent>,
) -> Result<PinOutcome<Vec<DocumentResult>>, Failure> {
    let signer = Signer { store, credential };
    let batch = prepare_each(&signer, jobs, SystemTime::now())?;
    let outcome = batch.sign(
        secrets,
        PinOptions::default(),
        &mut |p| {
            let _ = progress.unbounded_send(BatchEvent::Progress(p));
        },
        cancel,
    )?;
    Ok(outcome.map(|reports| reports.into_iter().map(|report| DocumentResult { report }).collect()))
}
