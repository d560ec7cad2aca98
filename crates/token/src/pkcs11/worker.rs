//! One worker thread per slot: it owns the slot's session (`Session` is `Send`, not `Sync`) and
//! runs every PKCS#11 call for that slot in order, so callers on any thread never share one.
//!
//! Every call is bounded. A module call that does not return (a driver stuck in `C_GetTokenInfo`
//! or `C_Sign`) cannot be interrupted and its thread cannot be killed, so the caller stops
//! waiting when its bound runs out and reports [`Error::NotAnswering`]; the thread is abandoned:
//! no job is queued behind it again (jobs already waiting move to a fresh thread), its late reply
//! is dropped, and the slot's next call starts a fresh thread with a fresh session. Slots have
//! their own threads, so other tokens keep working meanwhile. A slot whose module keeps every
//! thread stuck gets at most [`MAX_THREADS`] of them; past that its calls are refused at once,
//! until a stuck call returns.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use cryptoki::context::Pkcs11;
use cryptoki::session::Session;
use cryptoki::slot::Slot;

use super::timeout::{Bound, SharedTimeouts, whole_seconds};
use crate::error::{Error, Result};

type Job = Box<dyn FnOnce(&mut SlotContext) + Send>;

/// What a job that does not name its PKCS#11 function reports when it sticks.
pub(crate) const ANY_CALL: &str = "PKCS#11 call";

/// The most threads one slot may have alive, stuck ones included, so that a token that never
/// answers again does not cost a thread per call for the life of the process.
pub(crate) const MAX_THREADS: usize = 4;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a job sees: the module, the slot and the slot's session.
pub(crate) struct SlotContext {
    pub ctx: Pkcs11,
    pub slot: Slot,
    pub module_path: PathBuf,
    session: Option<Session>,
    raw: Option<Option<cryptoki_sys::Pkcs11>>,
    thread: Arc<Thread>,
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

/// One worker thread: its queue, and what it is doing (for the report when it sticks).
struct Thread {
    queue: Mutex<Queue>,
    wake: Condvar,
    doing: Mutex<&'static str>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// Abandoned (stuck) or no longer needed: the thread ends after its current job.
    closed: bool,
}

impl Thread {
    fn push(&self, jobs: impl IntoIterator<Item = Job>) {
        lock(&self.queue).jobs.extend(jobs);
        self.wake.notify_one();
    }

    /// Takes the thread out of service and hands back the jobs that were waiting for it.
    fn close(&self) -> VecDeque<Job> {
        let mut queue = lock(&self.queue);
        queue.closed = true;
        self.wake.notify_one();
        std::mem::take(&mut queue.jobs)
    }

    fn doing(&self) -> &'static str {
        *lock(&self.doing)
    }
}

thread_local! {
    /// The worker thread the current thread is, if it is one.
    static CURRENT: RefCell<Option<Arc<Thread>>> = const { RefCell::new(None) };
}

/// Notes, on a worker thread, the PKCS#11 function it is about to call, so that a caller that
/// stops waiting can say where the token stuck. Does nothing on other threads.
pub(crate) fn calling(function: &'static str) {
    CURRENT.with(|c| {
        if let Some(thread) = c.borrow().as_ref() {
            *lock(&thread.doing) = function;
        }
    });
}

/// Counts a slot's threads down when one ends, however it ends.
struct Alive(Arc<AtomicUsize>);

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The worker thread's loop: runs jobs in order until the thread is closed.
fn serve(thread: Arc<Thread>, mut cx: SlotContext, _alive: Alive) {
    CURRENT.with(|c| *c.borrow_mut() = Some(Arc::clone(&thread)));
    loop {
        let job = {
            let mut queue = lock(&thread.queue);
            loop {
                if queue.closed {
                    return;
                }
                if let Some(job) = queue.jobs.pop_front() {
                    break job;
                }
                queue = thread.wake.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
        };
        job(&mut cx);
    }
}

/// A call's function until a job runs it or its caller gives up, whichever comes first, and the
/// thread that ran it.
struct Pending<F> {
    f: Option<F>,
    on: Option<Arc<Thread>>,
}

/// A slot's worker: a handle that outlives the threads it starts, one at a time.
pub(crate) struct SlotWorker {
    name: Mutex<String>,
    ctx: Pkcs11,
    slot: Slot,
    module_path: PathBuf,
    timeouts: Arc<SharedTimeouts>,
    /// The thread that takes new jobs; `None` until the first call and after one is abandoned.
    current: Mutex<Option<Arc<Thread>>>,
    started: AtomicU64,
    /// Threads alive, stuck ones included.
    alive: Arc<AtomicUsize>,
    /// The function the last abandoned thread was stuck in, and after how long (whole seconds).
    last_stuck: Mutex<(&'static str, u64)>,
}

impl std::fmt::Debug for SlotWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlotWorker")
            .field("name", &*lock(&self.name))
            .field("slot", &self.slot)
            .field("threads_started", &self.started.load(Ordering::Relaxed))
            .field("threads_alive", &self.alive.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Drop for SlotWorker {
    fn drop(&mut self) {
        if let Some(thread) = lock(&self.current).take() {
            thread.close();
        }
    }
}

impl SlotWorker {
    /// The worker for `slot`; its first call starts its thread. `name` stands for the token in
    /// errors until [`SlotWorker::name_token`] names it.
    pub fn new(ctx: Pkcs11, slot: Slot, module_path: PathBuf, name: String, timeouts: Arc<SharedTimeouts>) -> Self {
        Self {
            name: Mutex::new(name),
            ctx,
            slot,
            module_path,
            timeouts,
            current: Mutex::default(),
            started: AtomicU64::new(0),
            alive: Arc::default(),
            last_stuck: Mutex::new((ANY_CALL, 0)),
        }
    }

    /// Names the token now in the slot (its serial), for errors.
    pub fn name_token(&self, token: &str) {
        token.clone_into(&mut lock(&self.name));
    }

    fn name(&self) -> String {
        lock(&self.name).clone()
    }

    /// Runs `f` on the worker thread under the ordinary bound and waits for its result.
    pub fn run<R: Send + 'static>(&self, f: impl FnOnce(&mut SlotContext) -> R + Send + 'static) -> Result<R> {
        self.run_as(ANY_CALL, Bound::Ordinary, f)
    }

    /// Runs `f` on the worker thread and waits for its result at most the `bound` of the module;
    /// `operation` names the PKCS#11 function for the report when the token does not answer (the
    /// job may name the functions it goes on to call with [`calling`]).
    pub fn run_as<R: Send + 'static>(
        &self,
        operation: &'static str,
        bound: Bound,
        f: impl FnOnce(&mut SlotContext) -> R + Send + 'static,
    ) -> Result<R> {
        let limit = self.timeouts.get().of(bound);
        let pending = Arc::new(Mutex::new(Pending { f: Some(f), on: None }));
        let (reply_tx, reply_rx) = mpsc::sync_channel(1);
        let job: Job = Box::new({
            let pending = Arc::clone(&pending);
            move |cx| {
                let f = {
                    let mut p = lock(&pending);
                    // Its caller gave up while it waited in the queue: it must not run late
                    // (it may present a PIN the holder believes was never sent).
                    let Some(f) = p.f.take() else { return };
                    p.on = Some(Arc::clone(&cx.thread));
                    f
                };
                *lock(&cx.thread.doing) = operation;
                // A caller that gave up has dropped the receiver: the late reply is dropped.
                let _ = reply_tx.send(f(cx));
            }
        });
        let thread = self.submit(job)?;
        let gone = || Error::WorkerGone { token: self.name() };
        match reply_rx.recv_timeout(limit) {
            Ok(value) => Ok(value),
            Err(RecvTimeoutError::Disconnected) => match lock(&pending).on.take() {
                // It panicked on its thread, which ended with it: let a fresh thread serve the slot.
                Some(thread) => {
                    self.abandon(&thread);
                    Err(gone())
                }
                // It was dropped unrun: it waited behind a stuck call and no thread could take it.
                None => Err(self.cannot_start()),
            },
            Err(RecvTimeoutError::Timeout) => {
                let on = {
                    let mut p = lock(&pending);
                    // Answered in the same instant: not a stuck token.
                    if let Ok(value) = reply_rx.try_recv() {
                        return Ok(value);
                    }
                    // Taking the function keeps a job still queued from ever running.
                    p.f = None;
                    p.on.take()
                };
                let operation = match &on {
                    // Our job is stuck in the module: abandon its thread.
                    Some(stuck) => {
                        let operation = stuck.doing();
                        self.abandon(stuck);
                        operation
                    }
                    // Our job waited behind another call that is still within its own (longer)
                    // bound; that call's caller abandons the thread if it sticks.
                    None => lock(&self.current).as_ref().unwrap_or(&thread).doing(),
                };
                let seconds = whole_seconds(limit);
                if on.is_some() {
                    *lock(&self.last_stuck) = (operation, seconds);
                }
                log::warn!("{}: {operation} did not return within {seconds} s; the call is abandoned", self.name());
                Err(Error::NotAnswering { token: self.name(), operation: operation.to_owned(), seconds })
            }
        }
    }

    /// Queues `job` on the current thread, starting one if there is none.
    fn submit(&self, job: Job) -> Result<Arc<Thread>> {
        let mut current = lock(&self.current);
        let thread = self.current_thread(&mut current)?;
        thread.push([job]);
        Ok(thread)
    }

    fn current_thread(&self, current: &mut Option<Arc<Thread>>) -> Result<Arc<Thread>> {
        if let Some(thread) = current {
            return Ok(Arc::clone(thread));
        }
        let thread = self.spawn()?;
        *current = Some(Arc::clone(&thread));
        Ok(thread)
    }

    /// Why no thread can be started: too many are stuck, or the system refused one.
    fn cannot_start(&self) -> Error {
        if self.alive.load(Ordering::Acquire) >= MAX_THREADS {
            let (operation, seconds) = *lock(&self.last_stuck);
            Error::NotAnswering { token: self.name(), operation: operation.to_owned(), seconds }
        } else {
            Error::WorkerGone { token: self.name() }
        }
    }

    /// Starts a thread with a fresh context (its session opens on first use), unless the slot has
    /// [`MAX_THREADS`] alive already (stuck in the module: refused at once, as not answering).
    fn spawn(&self) -> Result<Arc<Thread>> {
        let alive = self.alive.fetch_add(1, Ordering::AcqRel);
        let counted = Alive(Arc::clone(&self.alive));
        if alive >= MAX_THREADS {
            drop(counted);
            return Err(self.cannot_start());
        }
        let n = self.started.fetch_add(1, Ordering::Relaxed);
        let thread = Arc::new(Thread { queue: Mutex::default(), wake: Condvar::new(), doing: Mutex::new(ANY_CALL) });
        let cx = SlotContext {
            ctx: self.ctx.clone(),
            slot: self.slot,
            module_path: self.module_path.clone(),
            session: None,
            raw: None,
            thread: Arc::clone(&thread),
        };
        std::thread::Builder::new()
            .name(format!("pkcs11-slot-{}-{n}", self.slot.id()))
            .spawn({
                let thread = Arc::clone(&thread);
                move || serve(thread, cx, counted)
            })
            .map_err(|_| Error::WorkerGone { token: self.name() })?;
        if n > 0 {
            log::info!("{}: worker thread {n} started in place of an abandoned one", self.name());
        }
        Ok(thread)
    }

    /// Takes a stuck (or dead) thread out of service: no job is queued on it again, the jobs that
    /// waited behind it move to a fresh thread, and the thread ends if its call ever returns.
    fn abandon(&self, thread: &Arc<Thread>) {
        let mut current = lock(&self.current);
        let waiting = thread.close();
        if current.as_ref().is_some_and(|c| Arc::ptr_eq(c, thread)) {
            *current = None;
        }
        if !waiting.is_empty() {
            match self.current_thread(&mut current) {
                Ok(fresh) => fresh.push(waiting),
                // Their callers see the jobs dropped: WorkerGone.
                Err(e) => log::warn!("{e}"),
            }
        }
    }
}
