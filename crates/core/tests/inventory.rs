//! The inventory as a GUI keeps it: shared store handles, references that resolve through the
//! kind-aware identity, and the event stream that keeps it current when a token is plugged in.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use pecat_core::{Inventory, StoreEvent, StoreWatch};
use pecat_testkit::{Fixture, plug_in_softhsm_token, softhsm_module};
use pecat_token::{AuthRequirement, Discovery, StoreId};

fn inventory(f: &Fixture) -> Inventory {
    // SAFETY: set before the module is first loaded by this (single-test) process; nothing else
    // reads the environment concurrently.
    unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };
    Inventory::discover(&Discovery { command_line: vec![softhsm_module()], ..Default::default() })
}

#[test]
fn stores_resolve_by_reference_and_follow_plugged_tokens() {
    let f = Fixture::standard();
    let mut inv = inventory(&f);
    // SoftHSM2 also shows its free slot as a blank token: a store with nothing in it. Plugging a
    // token in uses that slot (its store goes away) and SoftHSM2 opens a new free one, so the
    // count of stores is no measure here: the new token's arrival is.
    let store = inv.find_store(&f.serial).unwrap();
    assert!(matches!(store.store_id(), StoreId::Hardware { ref serial, .. } if *serial == f.serial));
    assert_eq!(inv.find_store(Fixture::LABEL).unwrap().store_id(), store.store_id());
    assert!(inv.find_store("no such token").is_err());

    // The store's signing credentials, with what they need and can do.
    let creds = store.signing_credentials().unwrap();
    assert!(!creds.is_empty());
    for c in &creds {
        assert_eq!(c.requirement, AuthRequirement::Pin, "SoftHSM2 has no PIN pad");
        assert!(!c.capabilities.algorithms.is_empty() && c.capabilities.signature_size >= 64, "{c:?}");
        assert!(store.pin_management().is_some() && store.key_management().is_some());
    }

    // STORE:ID references resolve through the kind-aware identity, by serial or label.
    let first = &creds[0];
    for text in [format!("{}:{}", f.serial, first.id), format!("{}:{}", Fixture::LABEL, first.id.to_uppercase())] {
        let (s, c) = pecat_core::resolve_credential(&inv, &text).unwrap();
        assert_eq!((s.store_id(), c.id.as_str()), (store.store_id(), first.id.as_str()), "{text}");
    }
    assert!(pecat_core::resolve_credential(&inv, &format!("{}:ffee", f.serial)).is_err());
    assert!(pecat_core::resolve_credential(&inv, "no colon").is_err());

    // A handle is shared and stays usable from another thread.
    let shared = Arc::clone(&store);
    let label = std::thread::spawn(move || shared.store_label()).join().unwrap();
    assert_eq!(label, Fixture::LABEL);

    // A token plugged in reaches the inventory through the event stream.
    let watch = StoreWatch::start(&inv, Duration::from_millis(100));
    let serial = plug_in_softhsm_token("Plugged in later");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Some(event) = watch.next(Duration::from_millis(500)) else { continue };
        let ours = matches!(&event, StoreEvent::Added { id: StoreId::Hardware { serial: s, .. }, .. } if *s == serial);
        let changed = inv.apply(&event);
        seen.push(event);
        if ours {
            assert!(changed, "the new token is added to the inventory");
            break;
        }
    }
    assert!(inv.find_store(&serial).is_ok(), "events seen: {seen:?}");
    let with_new = inv.stores().len();
    // Applying the same event again changes nothing; a removal drops it.
    let id = inv.find_store(&serial).unwrap().store_id();
    assert!(!inv.apply(&StoreEvent::Added { id: id.clone(), label: "Plugged in later".into() }));
    assert!(inv.apply(&StoreEvent::Removed { id }));
    assert_eq!(inv.stores().len(), with_new - 1);
    assert!(inv.find_store(&serial).is_err());
}
