//! Operations that use a secret (PKCS#11 v2.40 §5.6 `C_InitPIN`, `C_SetPIN`, `C_Login`; §5.11
//! signing), wrapped so that no try is ever lost by accident: the PIN state is read before every
//! attempt, a locked secret is never tried, the final try needs the caller's confirmation, an
//! empty PIN or one shorter than the token's minimum is never sent, nothing is retried, and the
//! state is read back after a wrong entry.

use cryptoki::context::Function;
use cryptoki::error::{Error as Ck, Rv, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass};
use cryptoki::session::{Session, UserType};
use secrecy::{ExposeSecret, SecretString};

use super::token_info::{self, RawInfo};
use super::worker::SlotContext;
use crate::error::Error;
use crate::pin::{PinInfo, PinOptions, PinOutcome, SecretKind};
use crate::pin_policy::{PolicyViolation, check_presented};
use crate::registry::{PukKind, VendorProfile};
use crate::token::SignAlgorithm;

/// An operation's failure: a PKCS#11 error (some of which are outcomes) or one of ours.
pub(crate) enum OpError {
    Ck(Ck),
    Pecat(Error),
}

impl From<Ck> for OpError {
    fn from(e: Ck) -> Self {
        Self::Ck(e)
    }
}

/// What a guarded operation needs to know.
pub(crate) struct Guard {
    /// The secret the operation presents first (its wrong entry costs a try).
    pub secret: SecretKind,
    /// The secret a token may reject as a new value.
    pub new_secret: SecretKind,
    /// Whether the operation writes (C_SetPIN, C_InitPIN need a read-write session).
    pub read_write: bool,
    pub options: PinOptions,
    pub puk: PukKind,
    pub unblock_hint: Option<String>,
}

impl Guard {
    pub fn new(secret: SecretKind, profile: &VendorProfile, options: PinOptions) -> Self {
        Self {
            secret,
            new_secret: secret,
            read_write: true,
            options,
            puk: profile.puk,
            unblock_hint: profile.unblock_hint.clone(),
        }
    }
}

fn state_of(info: &RawInfo, secret: SecretKind) -> PinInfo {
    let f = &info.flags;
    match secret {
        SecretKind::Pin => PinInfo::from_flags(
            f.user_pin_count_low,
            f.user_pin_final_try,
            f.user_pin_locked,
            f.user_pin_to_be_changed,
            None,
        ),
        SecretKind::Puk => {
            PinInfo::from_flags(f.so_pin_count_low, f.so_pin_final_try, f.so_pin_locked, f.so_pin_to_be_changed, None)
        }
    }
}

/// Runs `op` in a fresh session under the rules above.
pub(crate) fn guarded<T>(
    cx: &mut SlotContext,
    guard: &Guard,
    presented: &SecretString,
    op: impl FnOnce(&mut SlotContext, &Session) -> Result<T, OpError>,
) -> Result<PinOutcome<T>, OpError> {
    if guard.secret == SecretKind::Puk && guard.puk == PukKind::None {
        return Ok(PinOutcome::NoPuk { hint: guard.unblock_hint.clone() });
    }
    if presented.expose_secret().is_empty() {
        // Some modules count an empty login as a wrong try.
        return Ok(PinOutcome::Policy { violation: PolicyViolation::Empty });
    }
    let info = token_info::read(cx)?;
    let before = state_of(&info, guard.secret);
    match before.state {
        crate::PinState::Locked => return Ok(PinOutcome::Locked { secret: guard.secret }),
        crate::PinState::FinalTry if !guard.options.confirm_last_try => {
            return Ok(PinOutcome::NeedsConfirmation { secret: guard.secret });
        }
        _ => {}
    }
    // A secret shorter than ulMinPinLen (v2.40 §3.2; it bounds the user and SO PIN alike) cannot
    // be right; modules such as SoftHSM2 still count it as a wrong try.
    if let Err(violation) = check_presented(presented, info.pin_length.min) {
        return Ok(PinOutcome::Policy { violation });
    }
    let session = if guard.read_write { cx.ctx.open_rw_session(cx.slot)? } else { cx.ctx.open_ro_session(cx.slot)? };
    // Login state is shared by the application's sessions: start from none.
    let _ = session.logout();
    let result = op(cx, &session);
    let _ = session.logout();
    drop(session);
    match result {
        Ok(value) => Ok(PinOutcome::done(value)),
        Err(OpError::Ck(Ck::Pkcs11(rv, function))) => match rv {
            // It was not locked before this attempt (checked above), so CKR_PIN_LOCKED means this
            // wrong entry locked it (kryoptic answers so on the last try): a wrong PIN either way.
            RvError::PinIncorrect | RvError::PinLocked => {
                let after = state_of(&token_info::read(cx)?, guard.secret);
                Ok(PinOutcome::WrongPin { secret: guard.secret, after })
            }
            RvError::PinExpired => Ok(PinOutcome::MustChange),
            RvError::PinLenRange | RvError::PinInvalid => {
                Ok(PinOutcome::Rejected { secret: guard.new_secret, reason: crate::error::rv_name(rv) })
            }
            _ => Err(OpError::Ck(Ck::Pkcs11(rv, function))),
        },
        Err(e) => Err(e),
    }
}

/// Logs in, tolerating a session that is already logged in as the same user.
fn login(session: &Session, user: UserType, pin: &SecretString) -> Result<(), OpError> {
    match session.login(user, Some(pin)) {
        Ok(()) | Err(Ck::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Logs in as the user for an operation that writes private objects.
pub(crate) fn login_user(session: &Session, pin: &SecretString) -> Result<(), OpError> {
    login(session, UserType::User, pin)
}

pub(crate) fn verify(session: &Session, pin: &SecretString) -> Result<(), OpError> {
    login(session, UserType::User, pin)
}

pub(crate) fn change_pin(session: &Session, old: &SecretString, new: &SecretString) -> Result<(), OpError> {
    // Not logged in: C_SetPIN changes the CKU_USER PIN (v2.40 §5.6).
    session.set_pin(old, new).map_err(Into::into)
}

pub(crate) fn unblock(session: &Session, puk: &SecretString, new: &SecretString) -> Result<(), OpError> {
    login(session, UserType::So, puk)?;
    session.init_pin(new).map_err(Into::into)
}

pub(crate) fn change_puk(session: &Session, old: &SecretString, new: &SecretString) -> Result<(), OpError> {
    login(session, UserType::So, old)?;
    session.set_pin(old, new).map_err(Into::into)
}

/// Logs in once and signs each digest with the key `id`; for `CKA_ALWAYS_AUTHENTICATE` keys,
/// logs in again (context-specific) between `C_SignInit` and `C_Sign` for every signature
/// (v2.40 §4.9, §5.6).
#[allow(clippy::too_many_arguments)]
pub(crate) fn sign(
    cx: &mut SlotContext,
    session: &Session,
    token: &str,
    id: &[u8],
    algorithm: SignAlgorithm,
    digests: &[Vec<u8>],
    pin: &SecretString,
) -> Result<Vec<Vec<u8>>, OpError> {
    let (hash, mechanism) = match algorithm {
        SignAlgorithm::RsaPkcs1(h) => (h, Mechanism::RsaPkcs),
        SignAlgorithm::Ecdsa(h) => (h, Mechanism::Ecdsa),
    };
    if let Some(d) = digests.iter().find(|d| d.len() != hash.output_len()) {
        return Err(OpError::Pecat(Error::BadDigest { expected: hash.output_len(), got: d.len() }));
    }
    login(session, UserType::User, pin)?;
    let key = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Id(id.to_vec())])?
        .into_iter()
        .next()
        .ok_or_else(|| OpError::Pecat(Error::NoSuchKey { token: token.to_owned(), id: hex::encode(id) }))?;
    let always = session
        .get_attributes(key, &[AttributeType::AlwaysAuthenticate])?
        .into_iter()
        .any(|a| matches!(a, Attribute::AlwaysAuthenticate(true)));
    let mut signatures = Vec::with_capacity(digests.len());
    for digest in digests {
        let data = match algorithm {
            SignAlgorithm::RsaPkcs1(h) => [h.digest_info_prefix(), digest].concat(),
            SignAlgorithm::Ecdsa(_) => digest.clone(),
        };
        if always {
            session.sign_init(&mechanism, key)?;
            login(session, UserType::ContextSpecific, pin)?;
            let handle = session.handle();
            let lib = cx.raw().ok_or(OpError::Ck(Ck::NullFunctionPointer))?;
            signatures.push(raw_sign(lib, handle, &data)?);
        } else {
            signatures.push(session.sign(&mechanism, key, &data)?);
        }
    }
    Ok(signatures)
}

/// Single-part `C_Sign` on an operation already initialised (cryptoki's `sign` would call
/// `C_SignInit` again, and its multi-part calls do not serve CKM_RSA_PKCS or CKM_ECDSA).
fn raw_sign(
    lib: &cryptoki_sys::Pkcs11,
    session: cryptoki_sys::CK_SESSION_HANDLE,
    data: &[u8],
) -> cryptoki::error::Result<Vec<u8>> {
    if lib.C_Sign.is_err() {
        return Err(Ck::MissingSymbol("C_Sign"));
    }
    let mut input = data.to_vec();
    let input_len = cryptoki_sys::CK_ULONG::try_from(input.len())?;
    let mut len: cryptoki_sys::CK_ULONG = 0;
    // SAFETY: `session` is a live session handle of this module with a signing operation
    // initialised; the pointers are to buffers we own, with their lengths; the first call only
    // asks for the signature size (NULL output), as v2.40 §5.2 allows.
    unsafe {
        Rv::from(lib.C_Sign(session, input.as_mut_ptr(), input_len, std::ptr::null_mut(), &mut len))
            .into_result(Function::Sign)?;
        let mut signature = vec![0u8; usize::try_from(len)?];
        Rv::from(lib.C_Sign(session, input.as_mut_ptr(), input_len, signature.as_mut_ptr(), &mut len))
            .into_result(Function::Sign)?;
        signature.truncate(usize::try_from(len)?);
        Ok(signature)
    }
}
