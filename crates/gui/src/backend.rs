//! What the screens share: the inventory of credential stores and the demo service, behind
//! locks that only worker threads take (reading a token or a service blocks), and the helper
//! that runs such work off the UI thread.

use std::sync::{Arc, Mutex, MutexGuard};

use iced::futures::channel::mpsc::{UnboundedReceiver, UnboundedSender};
use std::time::SystemTime;

use pecat_core::{DemoService, Inventory, StoreOverview};
use pecat_token::{CredentialStore, CscOptions, Discovery, Pkcs11Token, StoreId, Token};

/// Why work done off the UI thread produced no answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Failure {
    /// The application layer refused or failed, with a typed error.
    #[error(transparent)]
    Core(#[from] pecat_core::Error),
    /// The worker stopped unexpectedly (a bug); nothing was changed by the UI.
    #[error("the background task stopped unexpectedly")]
    Crashed,
}

impl From<pecat_token::Error> for Failure {
    fn from(e: pecat_token::Error) -> Self {
        Self::Core(e.into())
    }
}

impl From<pecat_pki::Error> for Failure {
    fn from(e: pecat_pki::Error) -> Self {
        Self::Core(e.into())
    }
}

/// Runs blocking `work` on tokio's blocking pool and awaits it: token, file and network calls
/// never run on the UI thread.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        log::error!("background task failed: {e}");
        Failure::Crashed
    })
}

/// Runs `work` on a thread of its own (named `name`) and returns what it reports as it goes:
/// `work` sends its progress through the sender it is given, and what it returns is the last
/// report. A thread that cannot start, or a `work` that panics, reports `crashed()` last
/// instead, as [`blocking`] answers [`Failure::Crashed`]: the screen never waits for an end that
/// does not come.
pub fn reporting<E: Send + 'static>(
    name: &str,
    crashed: fn() -> E,
    work: impl FnOnce(&UnboundedSender<E>) -> E + Send + 'static,
) -> UnboundedReceiver<E> {
    let (tx, rx) = iced::futures::channel::mpsc::unbounded();
    let worker = tx.clone();
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        let last = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&worker))).unwrap_or_else(|_| {
            log::error!("a background thread stopped unexpectedly");
            crashed()
        });
        let _ = worker.unbounded_send(last);
    });
    if spawned.is_err() {
        let _ = tx.unbounded_send(crashed());
    }
    rx
}

/// The inventory and the demo, shared by the screens (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct Backend {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    inventory: Mutex<Inventory>,
    demo: Mutex<Option<Demo>>,
}

/// The demo service and the id of its store in the inventory.
#[derive(Debug)]
struct Demo {
    service: DemoService,
    id: StoreId,
}

/// One row of the credentials list: a store at a glance, marked when it is the demo.
#[derive(Debug, Clone)]
pub struct StoreRow {
    /// The store as core sees it.
    pub overview: StoreOverview,
    /// The built-in demo credential.
    pub demo: bool,
}

/// Where the app looks for PKCS#11 modules: `PECAT_MODULES`, the modules added in Settings, and
/// the known drivers' usual places.
pub fn discovery() -> Discovery {
    let settings = pecat_core::Settings::load().unwrap_or_default();
    Discovery { command_line: Vec::new(), environment: std::env::var_os("PECAT_MODULES"), settings: settings.modules }
}

impl Backend {
    /// A backend with an empty inventory; [`Backend::discover`] fills it.
    pub fn new() -> Self {
        Self::default()
    }

    /// The inventory, for work that already runs off the UI thread.
    pub fn inventory(&self) -> MutexGuard<'_, Inventory> {
        self.inner.inventory.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Loads the modules `discovery` yields and lists their tokens (blocking). The demo is
    /// started by [`Backend::rows`] when nothing else is listed.
    pub fn discover(&self, discovery: &Discovery) -> Option<pecat_core::Error> {
        let fresh = Inventory::discover(discovery);
        let mut inventory = self.inventory();
        let others: Vec<_> =
            inventory.stores().into_iter().filter(|s| !matches!(s.store_id(), StoreId::Hardware { .. })).collect();
        *inventory = fresh;
        // Cloud stores (accounts logged in, the demo) outlive a new scan of the modules.
        for store in others {
            inventory.add_store(store);
        }
        None
    }

    /// Starts the demo service (once) and adds its logged-in store to the inventory.
    pub fn start_demo(&self) -> Result<(), pecat_core::Error> {
        let mut demo = self.inner.demo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if demo.is_none() {
            let service = DemoService::start_default()?;
            let client = pecat_core::demo_store(&service, &CscOptions::default())?;
            let id = client.store_id();
            *demo = Some(Demo { service, id });
            self.inventory().add_store(client);
        }
        Ok(())
    }

    /// The demo authenticator's current code and its seconds left, when the demo runs.
    pub fn demo_code(&self) -> Option<(zeroize::Zeroizing<String>, u64)> {
        let demo = self.inner.demo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        demo.as_ref().map(|d| d.service.current_code())
    }

    /// The demo root certificate (DER), when the demo runs.
    pub fn demo_root(&self) -> Option<Vec<u8>> {
        let demo = self.inner.demo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        demo.as_ref().map(|d| d.service.root_der().to_vec())
    }

    /// Whether `id` is the demo's store.
    pub fn is_demo(&self, id: &StoreId) -> bool {
        let demo = self.inner.demo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        demo.as_ref().is_some_and(|d| &d.id == id)
    }

    /// Every store at a glance (blocking: reads each token and service). The demo is listed
    /// only while no other store is.
    pub fn rows(&self, now: SystemTime) -> Vec<StoreRow> {
        let mut overview = pecat_core::overview(&self.inventory(), now);
        if overview.iter().all(|o| self.is_demo(&o.id)) && self.demo_code().is_none() {
            match self.start_demo() {
                Ok(()) => overview = pecat_core::overview(&self.inventory(), now),
                Err(e) => log::warn!("the demo credential could not start: {e}"),
            }
        }
        let mut rows: Vec<StoreRow> =
            overview.into_iter().map(|o| StoreRow { demo: self.is_demo(&o.id), overview: o }).collect();
        if rows.iter().any(|r| !r.demo) {
            rows.retain(|r| !r.demo);
        }
        rows
    }

    /// Applies a watcher event (blocking: a token that appeared is opened). Returns whether the
    /// list of stores changed.
    pub fn apply(&self, event: &pecat_core::StoreEvent) -> bool {
        self.inventory().apply(event)
    }

    /// The PKCS#11 token with this identity.
    pub fn token(&self, id: &StoreId) -> Option<Arc<Pkcs11Token>> {
        let StoreId::Hardware { module, serial } = id else { return None };
        self.inventory().tokens().iter().find(|t| &t.id().serial == serial && &t.id().module == module).cloned()
    }

    /// The store with this identity.
    pub fn store(&self, id: &StoreId) -> Option<Arc<dyn CredentialStore>> {
        self.inventory().stores().into_iter().find(|s| &s.store_id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt as _;

    #[test]
    fn a_thread_reports_its_progress_then_its_end_and_a_panic_ends_as_crashed() {
        let reports = reporting(
            "test",
            || "crashed",
            |progress| {
                let _ = progress.unbounded_send("halfway");
                "done"
            },
        );
        assert_eq!(iced::futures::executor::block_on(reports.collect::<Vec<_>>()), ["halfway", "done"]);
        let reports = reporting(
            "test",
            || "crashed",
            |progress| {
                let _ = progress.unbounded_send("halfway");
                panic!("a bug");
            },
        );
        assert_eq!(iced::futures::executor::block_on(reports.collect::<Vec<_>>()), ["halfway", "crashed"]);
    }
}
