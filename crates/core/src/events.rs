//! One backend-neutral stream of what happens to credential stores: a token plugged in or
//! pulled out (from the PKCS#11 watcher, which polls), a cloud session opened or expired (sent by
//! the cloud backend through [`StoreWatch::sender`]), a module that failed. A front end applies
//! each event to its [`Inventory`](crate::Inventory) with `Inventory::apply`.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use pecat_token::{StoreId, TokenEvent, Watcher};

use crate::inventory::Inventory;

/// A change in the set of credential stores.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum StoreEvent {
    /// A store appeared (a token plugged in, a cloud account logged in).
    Added { id: StoreId, label: String },
    /// A store went away (a token pulled out, a cloud session ended).
    Removed { id: StoreId },
    /// A source of stores failed (a module that cannot be polled, a service that cannot be
    /// reached); sent when the error changes.
    Problem { source: String, error: String },
}

impl From<TokenEvent> for StoreEvent {
    fn from(e: TokenEvent) -> Self {
        match e {
            TokenEvent::Added { id, label } => {
                Self::Added { id: StoreId::Hardware { module: id.module, serial: id.serial }, label }
            }
            TokenEvent::Removed { id } => {
                Self::Removed { id: StoreId::Hardware { module: id.module, serial: id.serial } }
            }
            TokenEvent::ModuleError { module, error } => Self::Problem { source: module.display().to_string(), error },
        }
    }
}

/// Watches every source of stores until dropped. The first poll reports the tokens already
/// present (as `Added`), which an inventory that has them ignores.
#[derive(Debug)]
pub struct StoreWatch {
    _hardware: Watcher,
    tx: Sender<StoreEvent>,
    rx: Receiver<StoreEvent>,
}

impl StoreWatch {
    /// Starts polling the inventory's loaded modules every `interval` (1–2 s suits tokens).
    pub fn start(inventory: &Inventory, interval: Duration) -> Self {
        let (tx, rx) = mpsc::channel();
        let (watcher, tokens) = Watcher::spawn(inventory.loaded_modules(), interval);
        let forward = tx.clone();
        // Ends when the watcher stops (its sender drops) or nobody listens any more.
        let _ = std::thread::Builder::new().name("store-events".into()).spawn(move || {
            for e in tokens {
                if forward.send(StoreEvent::from(e)).is_err() {
                    return;
                }
            }
        });
        Self { _hardware: watcher, tx, rx }
    }

    /// Where other backends (cloud sessions) send their events.
    pub fn sender(&self) -> Sender<StoreEvent> {
        self.tx.clone()
    }

    /// The events, in order; a GUI drains it from a subscription.
    pub fn events(&self) -> &Receiver<StoreEvent> {
        &self.rx
    }

    /// Waits up to `timeout` for the next event.
    pub fn next(&self, timeout: Duration) -> Option<StoreEvent> {
        self.rx.recv_timeout(timeout).ok()
    }
}
