//! Token hot-plug by polling: every interval the watcher lists the tokens of each module and
//! reports what appeared and what went away. Polling, because `C_WaitForSlotEvent` is missing
//! from SoftHSM2 and from OpenSC without pcscd.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::pkcs11::Pkcs11Module;
use crate::token::TokenId;

/// A change in the set of tokens present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEvent {
    /// A token appeared (the first poll reports every token already present).
    Added { id: TokenId, label: String },
    /// A token went away.
    Removed { id: TokenId },
    /// A module could not be polled; sent when the error changes, not on every poll.
    ModuleError { module: PathBuf, error: String },
}

type Snapshot = BTreeMap<TokenId, String>;

/// Polls modules on a background thread until dropped (or until the receiver is dropped).
#[derive(Debug)]
pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts polling `modules` every `interval` (1–2 s suits hardware tokens).
    pub fn spawn(modules: Vec<Arc<Pkcs11Module>>, interval: Duration) -> (Self, mpsc::Receiver<TokenEvent>) {
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("pkcs11-watcher".into())
            .spawn(move || {
                let mut previous = Snapshot::new();
                let mut errors: BTreeMap<PathBuf, String> = BTreeMap::new();
                while !flag.load(Ordering::Relaxed) {
                    let (now, errs) = poll(&modules);
                    let mut events = diff(&previous, &now);
                    for (module, error) in errs {
                        if errors.get(&module) != Some(&error) {
                            errors.insert(module.clone(), error.clone());
                            events.push(TokenEvent::ModuleError { module, error });
                        }
                    }
                    for e in events {
                        if tx.send(e).is_err() {
                            return;
                        }
                    }
                    previous = now;
                    let mut slept = Duration::ZERO;
                    while slept < interval && !flag.load(Ordering::Relaxed) {
                        let step = Duration::from_millis(50).min(interval - slept);
                        std::thread::sleep(step);
                        slept += step;
                    }
                }
            })
            .ok();
        (Self { stop, thread }, rx)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn poll(modules: &[Arc<Pkcs11Module>]) -> (Snapshot, Vec<(PathBuf, String)>) {
    let mut now = Snapshot::new();
    let mut errors = Vec::new();
    for m in modules {
        match m.tokens() {
            Ok(tokens) => {
                for t in tokens.into_iter().flatten() {
                    now.insert(crate::Token::id(&t).clone(), t.label().to_owned());
                }
            }
            Err(e) => errors.push((m.candidate().path.clone(), e.to_string())),
        }
    }
    (now, errors)
}

fn diff(previous: &Snapshot, now: &Snapshot) -> Vec<TokenEvent> {
    let removed = previous.keys().filter(|id| !now.contains_key(*id)).map(|id| TokenEvent::Removed { id: id.clone() });
    let added = now
        .iter()
        .filter(|(id, _)| !previous.contains_key(*id))
        .map(|(id, label)| TokenEvent::Added { id: id.clone(), label: label.clone() });
    removed.chain(added).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> TokenId {
        TokenId { module: PathBuf::from("/m.so"), serial: s.into() }
    }

    #[test]
    fn diff_reports_removed_then_added() {
        let before: Snapshot = [(id("a"), "A".to_owned()), (id("b"), "B".to_owned())].into();
        let after: Snapshot = [(id("b"), "B".to_owned()), (id("c"), "C".to_owned())].into();
        assert_eq!(
            diff(&before, &after),
            vec![TokenEvent::Removed { id: id("a") }, TokenEvent::Added { id: id("c"), label: "C".into() }]
        );
        assert!(diff(&after, &after).is_empty());
    }
}
