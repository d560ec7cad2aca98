//! The list of credential stores as a front end shows it at a glance: per store its kind, its PIN
//! state (hardware), its personal certificates and the nearest expiry. Reading it talks to every
//! device and service, so a GUI builds it off its UI thread and keeps the plain data.

use std::time::SystemTime;

use pecat_pki::{Certificate, ExpiryStatus};
use pecat_token::{CredentialStore, PinStatus, StoreId, Token};

use crate::error::Error;
use crate::inventory::Inventory;

/// What kind of store a row is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreKind {
    /// A PKCS#11 token.
    Hardware {
        /// `CK_TOKEN_INFO.manufacturerID`.
        manufacturer: String,
        /// `CK_TOKEN_INFO.model`.
        model: String,
        /// The module's name.
        module: String,
    },
    /// A cloud signing account.
    Cloud {
        /// The service's base URL.
        service: String,
    },
}

/// One personal certificate in a store.
#[derive(Debug, Clone)]
pub struct CertificateEntry {
    /// The object's id in the store (hardware `CKA_ID` hex, cloud `credentialID`).
    pub id: String,
    /// The object's label.
    pub label: String,
    /// The certificate.
    pub certificate: Certificate,
    /// Its validity at the time of the overview.
    pub expiry: ExpiryStatus,
}

/// One store at a glance.
#[derive(Debug, Clone)]
pub struct StoreOverview {
    /// Its identity.
    pub id: StoreId,
    /// Its label.
    pub label: String,
    /// Hardware or cloud, with what identifies it.
    pub kind: StoreKind,
    /// PIN and PUK state (hardware); `None` for a cloud store or when it could not be read.
    pub pins: Option<PinStatus>,
    /// Personal (non-CA) certificates, the one expiring first first.
    pub certificates: Vec<CertificateEntry>,
    /// Why the store could not be read completely.
    pub error: Option<Error>,
}

impl StoreOverview {
    /// The personal certificate that expires first, if any.
    pub fn nearest(&self) -> Option<&CertificateEntry> {
        self.certificates.first()
    }
}

/// Every store of `inventory` at `now`, hardware first. Tokens whose PIN is not initialised
/// (empty slots of soft tokens, blank cards) are left out.
pub fn overview(inventory: &Inventory, now: SystemTime) -> Vec<StoreOverview> {
    let mut out = Vec::new();
    for token in inventory.tokens() {
        if let Some(o) = token_overview(token.as_ref(), now) {
            out.push(o);
        }
    }
    for store in inventory.stores() {
        if !matches!(store.store_id(), StoreId::Hardware { .. }) {
            out.push(cloud_overview(store.as_ref(), now));
        }
    }
    out
}

/// One token at a glance; `None` for a token that is not initialised.
pub fn token_overview(token: &dyn Token, now: SystemTime) -> Option<StoreOverview> {
    let id = token.store_id();
    let label = token.store_label();
    let (info, pins) = match token.info_and_pins() {
        Ok(v) => v,
        Err(e) => {
            let kind = StoreKind::Hardware { manufacturer: String::new(), model: String::new(), module: String::new() };
            return Some(StoreOverview {
                id,
                label,
                kind,
                pins: None,
                certificates: Vec::new(),
                error: Some(e.into()),
            });
        }
    };
    if !info.flags.token_initialized {
        return None;
    }
    let kind = StoreKind::Hardware {
        manufacturer: info.manufacturer.clone(),
        model: info.model.clone(),
        module: info.module_name.clone(),
    };
    let (certificates, error) = match token.objects() {
        Ok(objects) => {
            let entries = objects
                .certificates
                .iter()
                .filter_map(|o| {
                    let c = o.certificate.as_ref()?;
                    (!c.summary().is_ca).then(|| entry(o.id.clone(), o.label.clone(), c, now))
                })
                .collect();
            (entries, None)
        }
        Err(e) => (Vec::new(), Some(e.into())),
    };
    Some(StoreOverview { id, label, kind, pins: Some(pins), certificates: sorted(certificates), error })
}

/// A cloud store at a glance: its signing credentials.
pub fn cloud_overview(store: &dyn CredentialStore, now: SystemTime) -> StoreOverview {
    let id = store.store_id();
    let service = match &id {
        StoreId::Cloud { service, .. } => service.clone(),
        StoreId::Hardware { module, .. } => module.display().to_string(),
    };
    let (certificates, error) = match store.signing_credentials() {
        Ok(list) => (list.iter().map(|c| entry(c.id.clone(), c.label.clone(), &c.certificate, now)).collect(), None),
        Err(e) => (Vec::new(), Some(e.into())),
    };
    StoreOverview {
        label: store.store_label(),
        id,
        kind: StoreKind::Cloud { service },
        pins: None,
        certificates: sorted(certificates),
        error,
    }
}

fn entry(id: String, label: String, certificate: &Certificate, now: SystemTime) -> CertificateEntry {
    CertificateEntry { id, label, certificate: certificate.clone(), expiry: certificate.expiry_at(now) }
}

fn sorted(mut entries: Vec<CertificateEntry>) -> Vec<CertificateEntry> {
    entries.sort_by_key(|e| e.certificate.summary().not_after);
    entries
}
