//! References the user types: `TOKEN` (a serial number or a label) and `TOKEN:ID` (adds an
//! object's `CKA_ID` in hex, e.g. `PeerLab:01`).

use std::sync::Arc;

use pecat_token::{CredentialStore, StoreCredential};

use crate::error::{Error, Result};
use crate::inventory::Inventory;

/// A token and an object on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    /// Serial number or label.
    pub token: String,
    /// `CKA_ID`, lowercase hex.
    pub id: String,
}

/// The certificate object with `CKA_ID` `id`; when several share it (a second certificate loaded
/// for the same key), the one that expires last — the current one. Returns how many matched.
pub fn select_certificate<'a>(
    objects: &'a [pecat_token::CertificateObject],
    id: &str,
) -> Option<(&'a pecat_token::CertificateObject, usize)> {
    let matching: Vec<&pecat_token::CertificateObject> = objects.iter().filter(|c| c.id == id).collect();
    let best =
        matching.iter().max_by_key(|c| c.certificate.as_ref().map_or(i64::MIN, |c| c.summary().not_after)).copied()?;
    Some((best, matching.len()))
}

/// Splits `TOKEN:ID` at the last colon (labels may contain colons; ids are hex).
pub fn parse_object_ref(text: &str) -> Result<ObjectRef> {
    let bad = || Error::BadReference { text: text.to_owned() };
    let (token, id) = text.rsplit_once(':').ok_or_else(bad)?;
    let id = id.trim().to_ascii_lowercase();
    if token.is_empty() || id.is_empty() || id.len() % 2 != 0 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok(ObjectRef { token: token.to_owned(), id })
}

/// Resolves `STORE:CREDENTIAL` for any kind of store: the store by its reference (a serial,
/// `account@host`) or label, the credential by its id — a hardware `CKA_ID` in hex (any case),
/// a cloud `credentialID` as the service gives it. The last colon separates them.
pub fn resolve_credential(inventory: &Inventory, text: &str) -> Result<(Arc<dyn CredentialStore>, StoreCredential)> {
    let bad = || Error::BadReference { text: text.to_owned() };
    let (store, id) = text.rsplit_once(':').ok_or_else(bad)?;
    let id = id.trim();
    if store.trim().is_empty() || id.is_empty() {
        return Err(bad());
    }
    let store = inventory.find_store(store)?;
    let found = store.signing_credentials()?.into_iter().find(|c| c.id.eq_ignore_ascii_case(id));
    match found {
        Some(c) => Ok((store, c)),
        None => Err(Error::NoSuchCredential { store: store.store_id().reference(), id: id.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_object_ref("PeerLab:01").unwrap(), ObjectRef { token: "PeerLab".into(), id: "01".into() });
        assert_eq!(parse_object_ref("a:b:C0FF").unwrap().token, "a:b");
        assert_eq!(parse_object_ref("x:C0FF").unwrap().id, "c0ff");
        for bad in ["PeerLab", ":01", "PeerLab:", "PeerLab:1", "PeerLab:zz"] {
            assert!(parse_object_ref(bad).is_err(), "{bad}");
        }
    }
}
