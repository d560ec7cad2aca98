//! The PKCS#11 backend: loads each module once per process (double `C_Initialize` crashes some
//! modules), lists its tokens by serial, and serves each through its slot's worker thread.

mod keys;
mod objects;
mod secrets;
mod store;
mod timeout;
mod token_info;
mod worker;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::slot::Slot;

use crate::error::{Error, Result};
use secrecy::SecretString;

use crate::keys::{GeneratedKey, ImportReport, ImportRequest, KeySpec};
use crate::pin::{self, PinOptions, PinOutcome, PinStatus, SecretKind};
use crate::pin_policy::{HostOs, PinRules, PolicyViolation, check_new_pin};
use crate::registry::{ModuleCandidate, Registry, VendorProfile};
use crate::token::{KeyManagement, PinManagement, SignAlgorithm, Token, TokenId, TokenInfo, TokenObjects};
use timeout::{Bound, SharedTimeouts, Timeouts};
use worker::SlotWorker;

/// A loaded, initialised PKCS#11 module.
#[derive(Debug)]
pub struct Pkcs11Module {
    candidate: ModuleCandidate,
    path: PathBuf,
    ctx: Pkcs11,
    library: String,
    workers: Mutex<HashMap<u64, Arc<SlotWorker>>>,
    /// How long its calls may take; shared with its slot workers.
    timeouts: Arc<SharedTimeouts>,
}

fn loaded() -> &'static Mutex<HashMap<PathBuf, Arc<Pkcs11Module>>> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Arc<Pkcs11Module>>>> = OnceLock::new();
    LOADED.get_or_init(Mutex::default)
}

impl Pkcs11Module {
    /// Loads and initialises a module, or returns the one already loaded from the same file.
    pub fn load(candidate: &ModuleCandidate) -> Result<Arc<Self>> {
        let path = &candidate.path;
        if !path.exists() {
            return Err(Error::ModuleMissing { path: path.clone() });
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let mut map = loaded().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(m) = map.get(&canonical) {
            return Ok(Arc::clone(m));
        }
        let ctx =
            Pkcs11::new(&canonical).map_err(|e| Error::ModuleLoad { path: path.clone(), reason: load_reason(&e) })?;
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            // Another component of this process initialised it already: usable as it is.
            Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(cryptoki::error::Error::Pkcs11(rv, _)) => {
                return Err(Error::Initialize { path: path.clone(), rv: crate::error::rv_name(rv) });
            }
            Err(e) => {
                return Err(Error::Initialize { path: path.clone(), rv: e.to_string() });
            }
        }
        let library = ctx
            .get_library_info()
            .map(|i| {
                format!("{} {} ({})", i.manufacturer_id().trim(), i.library_version(), i.library_description().trim())
            })
            .unwrap_or_default();
        log::debug!("loaded PKCS#11 module {} — {library}", canonical.display());
        let module = Arc::new(Self {
            candidate: candidate.clone(),
            path: canonical.clone(),
            ctx,
            library,
            workers: Mutex::default(),
            timeouts: Arc::new(SharedTimeouts::new(Timeouts::from_env())),
        });
        map.insert(canonical, Arc::clone(&module));
        Ok(module)
    }

    /// The library file actually loaded (the candidate's path, links resolved); token ids name it.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// How the module was found.
    pub fn candidate(&self) -> &ModuleCandidate {
        &self.candidate
    }

    /// The library's own description (`C_GetInfo`).
    pub fn library_info(&self) -> &str {
        &self.library
    }

    /// The token with serial number `serial`.
    pub fn token(self: &Arc<Self>, serial: &str) -> Result<Pkcs11Token> {
        self.tokens()?
            .into_iter()
            .flatten()
            .find(|t| t.id.serial == serial)
            .ok_or_else(|| Error::NoSuchToken { query: serial.to_owned() })
    }

    /// Sets how long a call may take before its token is reported as not answering
    /// ([`Error::NotAnswering`]): `ordinary` for reads, `long` for logging in (a PIN pad waits for
    /// the holder), signing, generating keys and writing. The defaults are 30 s and 120 s, or
    /// what `PECAT_PKCS11_TIMEOUT_MS` says (`ORDINARY` or `ORDINARY,LONG` in milliseconds).
    pub fn set_timeouts(&self, ordinary: Duration, long: Duration) {
        self.timeouts.set(Timeouts { ordinary, long });
    }

    /// The slot's worker; it starts a thread on its first call, and a fresh one after a call
    /// that did not return within its bound.
    fn worker(&self, slot: Slot) -> Result<Arc<SlotWorker>> {
        let mut workers = self.workers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let worker = workers.entry(slot.id()).or_insert_with(|| {
            Arc::new(SlotWorker::new(
                self.ctx.clone(),
                slot,
                self.path.clone(),
                format!("slot {} of {}", slot.id(), self.candidate.name),
                Arc::clone(&self.timeouts),
            ))
        });
        Ok(Arc::clone(worker))
    }

    /// Slots that hold a token now. Polls `C_GetSlotList` (and drains `C_GetSlotEvent` where the
    /// module supports it) because several modules do not implement `C_WaitForSlotEvent`.
    pub fn slots_with_token(&self) -> Result<Vec<Slot>> {
        let _ = self.ctx.get_slot_event();
        self.ctx.get_slots_with_token().map_err(|e| Error::from_cryptoki(&self.candidate.name, e))
    }

    /// Every token present, each as a handle or the reason it could not be read. An error for
    /// the whole module (the slot list cannot be read) is the outer error.
    pub fn tokens(self: &Arc<Self>) -> Result<Vec<Result<Pkcs11Token>>> {
        let slots = self.slots_with_token()?;
        Ok(slots.into_iter().map(|slot| Pkcs11Token::open(Arc::clone(self), slot)).collect())
    }
}

fn load_reason(e: &cryptoki::error::Error) -> String {
    match e {
        cryptoki::error::Error::LibraryLoading(l) => format!("not a loadable library ({l})"),
        cryptoki::error::Error::MissingSymbol(s) => format!("not a PKCS#11 module ({s} missing)"),
        other => other.to_string(),
    }
}

/// One token in one slot of a PKCS#11 module.
#[derive(Debug)]
pub struct Pkcs11Token {
    id: TokenId,
    label: String,
    slot: Slot,
    module: Arc<Pkcs11Module>,
    worker: Arc<SlotWorker>,
    profile: VendorProfile,
}

impl Pkcs11Token {
    fn open(module: Arc<Pkcs11Module>, slot: Slot) -> Result<Self> {
        let worker = module.worker(slot)?;
        let name = format!("slot {} of {}", slot.id(), module.candidate.name);
        let info = worker
            .run_as("C_GetTokenInfo", Bound::Ordinary, token_info::read)?
            .map_err(|e| Error::from_cryptoki(&name, e))?;
        let serial = if info.serial.is_empty() { format!("slot-{}", slot.id()) } else { info.serial.clone() };
        worker.name_token(&serial);
        let profile = Registry::builtin().profile_for_token(&module.candidate.profile, &info.manufacturer).clone();
        Ok(Self {
            id: TokenId { module: module.path.clone(), serial },
            label: info.label,
            slot,
            module,
            worker,
            profile,
        })
    }

    /// The token label at the time it was listed.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The module the token is in.
    pub fn module(&self) -> &Arc<Pkcs11Module> {
        &self.module
    }

    /// Runs `f` with the slot's session on the worker thread; a failure drops the session so the
    /// next call opens a fresh one, and a vanished token reads as removed.
    fn with_session<R: Send + 'static>(
        &self,
        f: impl FnOnce(&cryptoki::session::Session, &str) -> cryptoki::error::Result<R> + Send + 'static,
    ) -> Result<R> {
        let name = self.id.serial.clone();
        let result = self.worker.run({
            let name = name.clone();
            move |cx| {
                let r = cx.session().and_then(|s| f(s, &name));
                if r.is_err() {
                    cx.drop_session();
                }
                r
            }
        })?;
        result.map_err(|e| Error::from_cryptoki(&name, e))
    }

    fn raw_info(&self) -> Result<token_info::RawInfo> {
        let info = self.worker.run_as("C_GetTokenInfo", Bound::Ordinary, token_info::read)?;
        let info = info.map_err(|e| Error::from_cryptoki(&self.id.serial, e))?;
        // Quirk(SoftHSM2): slots are renumbered after C_InitToken; a different serial in our slot
        // means our token is gone from it.
        if !info.serial.is_empty() && info.serial != self.id.serial {
            return Err(Error::TokenRemoved { token: self.id.serial.clone() });
        }
        Ok(info)
    }
}

impl Pkcs11Token {
    /// Runs a guarded secret operation on the worker and converts its errors.
    fn secret_op<T: Send + 'static>(
        &self,
        guard: secrets::Guard,
        presented: &SecretString,
        op: impl FnOnce(&mut worker::SlotContext, &cryptoki::session::Session) -> Result<T, secrets::OpError>
        + Send
        + 'static,
    ) -> Result<PinOutcome<T>> {
        let presented = presented.clone();
        // Long bound: the login may wait for the holder at a PIN pad, and the operation may sign
        // or generate a key.
        let result = self
            .worker
            .run_as(worker::ANY_CALL, Bound::Long, move |cx| secrets::guarded(cx, &guard, &presented, op))?;
        result.map_err(|e| match e {
            secrets::OpError::Ck(e) => Error::from_cryptoki(&self.id.serial, e),
            secrets::OpError::Pecat(e) => e,
        })
    }

    /// Refuses a new secret that breaks the rules, before the token is touched.
    fn check_new(
        &self,
        secret: SecretKind,
        old: &SecretString,
        new: &SecretString,
        options: PinOptions,
    ) -> Result<Option<PolicyViolation>> {
        let len = self.raw_info()?.pin_length;
        let rules = match secret {
            SecretKind::Pin => PinRules::for_user_pin(&self.profile, len),
            SecretKind::Puk => PinRules::for_puk(len),
        };
        Ok(check_new_pin(&rules, Some(old), new, None, HostOs::current(), options.allow_long_pin).err())
    }
}

impl Token for Pkcs11Token {
    fn id(&self) -> &TokenId {
        &self.id
    }

    fn info(&self) -> Result<TokenInfo> {
        Ok(self.info_and_pins()?.0)
    }

    fn info_and_pins(&self) -> Result<(TokenInfo, PinStatus)> {
        let raw = self.raw_info()?;
        let pins = pin::status(&raw.flags, &self.profile, raw.pin_length);
        let slot_description = self
            .module
            .ctx
            .get_slot_info(self.slot)
            .map(|s| s.slot_description().trim().to_owned())
            .unwrap_or_default();
        let info = TokenInfo {
            id: self.id.clone(),
            label: raw.label,
            manufacturer: raw.manufacturer,
            model: raw.model,
            serial: raw.serial,
            firmware: raw.firmware,
            hardware: raw.hardware,
            slot_description,
            slot: self.slot.id(),
            flags: raw.flags,
            pin_length: raw.pin_length,
            module_name: self.module.candidate.name.clone(),
        };
        Ok((info, pins))
    }

    fn sign_digests(
        &self,
        key_id: &str,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<Vec<Vec<u8>>>> {
        let id = hex::decode(key_id).map_err(|_| Error::BadKeyId { id: key_id.to_owned() })?;
        let mut guard = secrets::Guard::new(SecretKind::Pin, &self.profile, options);
        guard.read_write = false;
        let (pin2, digests, token) = (pin.clone(), digests.to_vec(), self.id.serial.clone());
        self.secret_op(guard, pin, move |cx, s| secrets::sign(cx, s, &token, &id, algorithm, &digests, &pin2))
    }
}

impl PinManagement for Pkcs11Token {
    fn profile(&self) -> &VendorProfile {
        &self.profile
    }

    fn pin_status(&self) -> Result<PinStatus> {
        let raw = self.raw_info()?;
        Ok(pin::status(&raw.flags, &self.profile, raw.pin_length))
    }

    fn verify_pin(&self, pin: &SecretString, options: PinOptions) -> Result<PinOutcome<()>> {
        let mut guard = secrets::Guard::new(SecretKind::Pin, &self.profile, options);
        guard.read_write = false;
        let pin2 = pin.clone();
        self.secret_op(guard, pin, move |_, s| secrets::verify(s, &pin2))
    }

    fn change_pin(&self, old: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>> {
        if let Some(violation) = self.check_new(SecretKind::Pin, old, new, options)? {
            return Ok(PinOutcome::Policy { violation });
        }
        let (o, n) = (old.clone(), new.clone());
        self.secret_op(secrets::Guard::new(SecretKind::Pin, &self.profile, options), old, move |_, s| {
            secrets::change_pin(s, &o, &n)
        })
    }

    fn unblock_pin(&self, puk: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>> {
        if self.profile.puk == crate::registry::PukKind::None {
            return Ok(PinOutcome::NoPuk { hint: self.profile.unblock_hint.clone() });
        }
        if let Some(violation) = self.check_new(SecretKind::Pin, puk, new, options)? {
            return Ok(PinOutcome::Policy { violation });
        }
        let mut guard = secrets::Guard::new(SecretKind::Puk, &self.profile, options);
        guard.new_secret = SecretKind::Pin;
        let (p, n) = (puk.clone(), new.clone());
        self.secret_op(guard, puk, move |_, s| secrets::unblock(s, &p, &n))
    }

    fn change_puk(&self, old: &SecretString, new: &SecretString, options: PinOptions) -> Result<PinOutcome<()>> {
        if self.profile.puk == crate::registry::PukKind::None {
            return Ok(PinOutcome::NoPuk { hint: self.profile.unblock_hint.clone() });
        }
        if let Some(violation) = self.check_new(SecretKind::Puk, old, new, options)? {
            return Ok(PinOutcome::Policy { violation });
        }
        let (o, n) = (old.clone(), new.clone());
        self.secret_op(secrets::Guard::new(SecretKind::Puk, &self.profile, options), old, move |_, s| {
            secrets::change_puk(s, &o, &n)
        })
    }
}

impl KeyManagement for Pkcs11Token {
    fn objects(&self) -> Result<TokenObjects> {
        self.with_session(objects::read)
    }

    fn key_specs(&self) -> Result<Vec<KeySpec>> {
        self.worker.run(|cx| keys::supported(cx))?.map_err(|e| Error::from_cryptoki(&self.id.serial, e))
    }

    fn generate_key(
        &self,
        spec: KeySpec,
        label: &str,
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<GeneratedKey>> {
        self.require_key_spec(spec)?;
        let (pin2, label) = (pin.clone(), label.to_owned());
        self.secret_op(secrets::Guard::new(SecretKind::Pin, &self.profile, options), pin, move |_, s| {
            secrets::login_user(s, &pin2)?;
            keys::generate(s, spec, &label)
        })
    }

    fn public_key(&self, key_id: &str) -> Result<pecat_pki::CsrKey> {
        let id = hex::decode(key_id).map_err(|_| Error::BadKeyId { id: key_id.to_owned() })?;
        let token = self.id.serial.clone();
        let key_id = key_id.to_owned();
        let result = self.worker.run(move |cx| {
            let session = cx.session().map_err(secrets::OpError::Ck)?;
            keys::public_key(session, &id)
        })?;
        match result {
            Ok(Some(k)) => Ok(k),
            Ok(None) => Err(Error::NoSuchKey { token, id: key_id }),
            Err(secrets::OpError::Ck(e)) => Err(Error::from_cryptoki(&token, e)),
            Err(secrets::OpError::Pecat(e)) => Err(e),
        }
    }

    fn import_certificate(
        &self,
        request: &ImportRequest,
        pin: &SecretString,
        options: PinOptions,
    ) -> Result<PinOutcome<ImportReport>> {
        let (pin2, request, token) = (pin.clone(), request.clone(), self.id.serial.clone());
        self.secret_op(secrets::Guard::new(SecretKind::Pin, &self.profile, options), pin, move |_, s| {
            secrets::login_user(s, &pin2)?;
            keys::import(s, &token, &request)
        })
    }
}
