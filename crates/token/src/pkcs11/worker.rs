//! One worker thread per slot: it owns the slot's session (`Session` is `Send`, not `Sync`) and
//! runs every PKCS#11 call for that slot in order, so callers on any thread never share one.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use cryptoki::context::Pkcs11;
use cryptoki::session::Session;
use cryptoki::slot::Slot;

use crate::error::{Error, Result};

type Job = Box<dyn FnOnce(&mut SlotContext) + Send>;

/// What a job sees: the module, the slot and the slot's session.
pub(crate) struct SlotContext {
    pub ctx: Pkcs11,
    pub slot: Slot,
    pub module_path: PathBuf,
    session: Option<Session>,
    raw: Option<Option<cryptoki_sys::Pkcs11>>,
}

impl std::fmt::Debug for SlotContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlotContext").field("slot", &self.slot).finish_non_exhaustive()
    }
}

impl SlotContext {
    /// The slot's read-only session, opened on first use.
    pub fn session(&mut self) -> cryptoki::error::Result<&Session> {
        if self.session.is_none() {
            self.session = Some(self.ctx.open_ro_session(self.slot)?);
        }
        // Just set above when it was empty.
        self.session.as_ref().ok_or(cryptoki::error::Error::InvalidValue)
    }

    /// Forgets the session after an error that may have invalidated it (token pulled out).
    pub fn drop_session(&mut self) {
        self.session = None;
    }

    /// The module's exported functions, for the calls cryptoki cannot make (a quirk fallback,
    /// single-part `C_Sign` after a context-specific login). Loading the module again only bumps
    /// the loader's reference count: it is the same, already initialised library.
    pub fn raw(&mut self) -> Option<&cryptoki_sys::Pkcs11> {
        let path = &self.module_path;
        // SAFETY: the library is the PKCS#11 module cryptoki already loaded and initialised from
        // this path; loading runs no initialisation code of its own beyond the loader's.
        self.raw.get_or_insert_with(|| unsafe { cryptoki_sys::Pkcs11::new(path).ok() }).as_ref()
    }
}

/// The handle to a slot's worker thread.
#[derive(Debug)]
pub(crate) struct SlotWorker {
    tx: mpsc::Sender<Job>,
    name: String,
}

impl SlotWorker {
    /// Starts the worker for `slot`; `name` appears in errors and the thread name.
    pub fn spawn(ctx: Pkcs11, slot: Slot, module_path: PathBuf, name: String) -> Result<Arc<Self>> {
        let (tx, rx) = mpsc::channel::<Job>();
        let mut context = SlotContext { ctx, slot, module_path, session: None, raw: None };
        std::thread::Builder::new()
            .name(format!("pkcs11-slot-{}", slot.id()))
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut context);
                }
            })
            .map_err(|_| Error::WorkerGone { token: name.clone() })?;
        Ok(Arc::new(Self { tx, name }))
    }

    /// Runs `f` on the worker thread and waits for its result.
    pub fn run<R: Send + 'static>(&self, f: impl FnOnce(&mut SlotContext) -> R + Send + 'static) -> Result<R> {
        let (reply_tx, reply_rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |cx| {
            let _ = reply_tx.send(f(cx));
        });
        let gone = || Error::WorkerGone { token: self.name.clone() };
        self.tx.send(job).map_err(|_| gone())?;
        reply_rx.recv().map_err(|_| gone())
    }
}
