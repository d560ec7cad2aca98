//! The store watcher as a subscription: core's `StoreWatch` polls the modules on its own
//! thread; each event is applied to the inventory there (opening a token blocks), and the app
//! is told when the list changed.

use std::hash::{Hash, Hasher};
use std::time::Duration;

use iced::Subscription;
use iced::futures::{SinkExt as _, Stream};
use pecat_core::StoreWatch;

use crate::backend::Backend;

/// How often tokens are polled (PKCS#11 has no reliable slot event: see DESIGN.md).
const POLL: Duration = Duration::from_millis(1500);

/// Yields `()` each time a token was plugged in or pulled out. `generation` changes when the
/// inventory is rebuilt, which restarts the watcher on the new modules.
pub fn watch(backend: Backend, generation: u64) -> Subscription<()> {
    Subscription::run_with(Key { backend, generation }, events)
}

struct Key {
    backend: Backend,
    generation: u64,
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        "pecat-store-watch".hash(state);
        self.generation.hash(state);
    }
}

fn events(key: &Key) -> impl Stream<Item = ()> + use<> {
    let backend = key.backend.clone();
    iced::stream::channel(16, async move |mut output| {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let started = std::thread::Builder::new().name("pecat-watch".into()).spawn(move || {
            let watch = StoreWatch::start(&backend.inventory(), POLL);
            loop {
                match watch.next(Duration::from_secs(1)) {
                    Some(event) if backend.apply(&event) && tx.send(()).is_err() => return,
                    Some(_) => {}
                    None if tx.is_closed() => return,
                    None => {}
                }
            }
        });
        if let Err(e) = started {
            log::error!("the token watcher could not start: {e}");
            return;
        }
        while rx.recv().await.is_some() {
            if output.send(()).await.is_err() {
                break;
            }
        }
    })
}
