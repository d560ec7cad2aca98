//! Operations that use a secret (PKCS#11 v2.40 §5.6 `C_InitPIN`, `C_SetPIN`, `C_Login`; §5.11
//! signing), wrapped so that no try is ever lost by accident: the PIN state is read before every
//! attempt, a locked secret is never tried, the final try needs the caller's confirmation, an
//! empty PIN or one shorter than the token's minimum is never sent, nothing is retried, and the
//! state is read back after a wrong entry. On a reader with a PIN pad
//! (`CKF_PROTECTED_AUTHENTICATION_PATH`) an empty PIN means "ask on the pad": the login is sent
//! without a PIN (v2.40 §5.6 `C_Login`, `pPin` NULL_PTR) and the reader asks the holder.

use cryptoki::context::Function;
use cryptoki::error::{Error as Ck, Rv, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass};
use cryptoki::session::{Session, UserType};
use secrecy::{ExposeSecret, SecretString};

use super::token_info::{self, RawInfo};
use super::worker::{self, SlotContext};
use crate::error::Error;
use crate::pin::{PinInfo, PinOptions, PinOutcome, SecretKind};
use crate::pin_policy::{PolicyViolation, check_presented};
use crate::registry::{PukKind, VendorProfile};
use crate::token::{SignAlgorithm, TokenFlags};

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
    /// Whether the operation uses its secret only to log in, so that a PIN pad can take it: an
    /// operation in a read-only session cannot call `C_SetPIN` or `C_InitPIN` (v2.40 §5.6 — they
    /// need a read-write session), and `C_Login` is the only other function given a PIN.
    fn login_only(&self) -> bool {
        !self.read_write && self.secret == SecretKind::Pin
    }

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

/// How a guarded operation presents its secret to the token.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Presented {
    /// Log in without a PIN: the reader's PIN pad asks the holder.
    Pad,
    /// Send the PIN the caller gave.
    Pin,
    /// Send nothing: the secret cannot be right, and some modules would count it as a wrong try.
    Refuse(PolicyViolation),
}

/// Decides how `secret` is presented to a token with `flags` whose minimum PIN length is
/// `min_len`. An empty secret is "ask on the PIN pad" where the token has one
/// (`CKF_PROTECTED_AUTHENTICATION_PATH`, v2.40 §3.2) and the operation only logs in; a secret
/// typed on the host is sent as usual, pad or not.
pub(crate) fn presented_pin(flags: &TokenFlags, login_only: bool, secret: &SecretString, min_len: usize) -> Presented {
    if secret.expose_secret().is_empty() && flags.protected_authentication_path && login_only {
        return Presented::Pad;
    }
    // A secret shorter than ulMinPinLen (v2.40 §3.2; it bounds the user and SO PIN alike) cannot
    // be right; modules such as SoftHSM2 still count it as a wrong try. Empty is refused too.
    match check_presented(secret, min_len) {
        Ok(()) => Presented::Pin,
        Err(violation) => Presented::Refuse(violation),
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
    if presented.expose_secret().is_empty() && !guard.login_only() {
        // Some modules count an empty secret as a wrong try; nothing to read first.
        return Ok(PinOutcome::Policy { violation: PolicyViolation::Empty });
    }
    worker::calling("C_GetTokenInfo");
    let info = token_info::read(cx)?;
    let before = state_of(&info, guard.secret);
    match before.state {
        crate::PinState::Locked => return Ok(PinOutcome::Locked { secret: guard.secret }),
        crate::PinState::FinalTry if !guard.options.confirm_last_try => {
            return Ok(PinOutcome::NeedsConfirmation { secret: guard.secret });
        }
        _ => {}
    }
    // Checked after the state: a locked PIN is reported as locked, even when none was given.
    if let Presented::Refuse(violation) = presented_pin(&info.flags, guard.login_only(), presented, info.pin_length.min)
    {
        return Ok(PinOutcome::Policy { violation });
    }
    worker::calling("C_OpenSession");
    let session = if guard.read_write { cx.ctx.open_rw_session(cx.slot)? } else { cx.ctx.open_ro_session(cx.slot)? };
    // Login state is shared by the application's sessions: start from none.
    worker::calling("C_Logout");
    let _ = session.logout();
    let result = op(cx, &session);
    worker::calling("C_Logout");
    let _ = session.logout();
    worker::calling("C_CloseSession");
    drop(session);
    match result {
        Ok(value) => Ok(PinOutcome::done(value)),
        Err(OpError::Ck(Ck::Pkcs11(rv, function))) => match rv {
            // It was not locked before this attempt (checked above), so CKR_PIN_LOCKED means this
            // wrong entry locked it (kryoptic answers so on the last try): a wrong PIN either way.
            RvError::PinIncorrect | RvError::PinLocked => {
                worker::calling("C_GetTokenInfo");
                let after = state_of(&token_info::read(cx)?, guard.secret);
                Ok(PinOutcome::WrongPin { secret: guard.secret, after })
            }
            // The holder pressed Cancel on the PIN pad (v2.40 §5.1: CKR_FUNCTION_CANCELED).
            RvError::FunctionCanceled => Ok(PinOutcome::Cancelled),
            RvError::PinExpired => Ok(PinOutcome::MustChange),
            RvError::PinLenRange | RvError::PinInvalid => {
                Ok(PinOutcome::Rejected { secret: guard.new_secret, reason: crate::error::rv_name(rv) })
            }
            _ => Err(OpError::Ck(Ck::Pkcs11(rv, function))),
        },
        Err(e) => Err(e),
    }
}

/// Logs in, tolerating a session that is already logged in as the same user. An empty PIN logs in
/// without one, on the PIN pad: [`guarded`] lets an empty secret through only to a login-only
/// operation on a token with a PIN pad ([`presented_pin`]).
fn login(session: &Session, user: UserType, pin: &SecretString) -> Result<(), OpError> {
    let pin = (!pin.expose_secret().is_empty()).then_some(pin);
    worker::calling("C_Login");
    let result = match session.login(user, pin) {
        Ok(()) | Err(Ck::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
        Err(e) => Err(e.into()),
    };
    worker::calling(worker::ANY_CALL);
    result
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
    worker::calling("C_FindObjects");
    let key = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Id(id.to_vec())])?
        .into_iter()
        .next()
        .ok_or_else(|| OpError::Pecat(Error::NoSuchKey { token: token.to_owned(), id: hex::encode(id) }))?;
    worker::calling("C_GetAttributeValue");
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
            worker::calling("C_SignInit");
            session.sign_init(&mechanism, key)?;
            login(session, UserType::ContextSpecific, pin)?;
            let handle = session.handle();
            let lib = cx.raw().ok_or(OpError::Ck(Ck::NullFunctionPointer))?;
            worker::calling("C_Sign");
            signatures.push(raw_sign(lib, handle, &data)?);
        } else {
            worker::calling("C_Sign");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> SecretString {
        SecretString::from(v.to_owned())
    }

    fn flags(pad: bool) -> TokenFlags {
        TokenFlags { protected_authentication_path: pad, ..TokenFlags::default() }
    }

    #[test]
    fn an_empty_pin_asks_the_pin_pad_only_where_there_is_one_and_only_to_log_in() {
        assert_eq!(presented_pin(&flags(true), true, &s(""), 4), Presented::Pad);
        // No pad: an empty PIN is never sent.
        assert_eq!(presented_pin(&flags(false), true, &s(""), 4), Presented::Refuse(PolicyViolation::Empty));
        assert_eq!(presented_pin(&flags(false), true, &s(""), 0), Presented::Refuse(PolicyViolation::Empty));
        // C_SetPIN / C_InitPIN take the new value from the host: a pad cannot stand in.
        assert_eq!(presented_pin(&flags(true), false, &s(""), 4), Presented::Refuse(PolicyViolation::Empty));
    }

    #[test]
    fn a_typed_pin_is_sent_pad_or_not_when_it_can_be_right() {
        for pad in [false, true] {
            assert_eq!(presented_pin(&flags(pad), true, &s("1234"), 4), Presented::Pin);
            assert_eq!(presented_pin(&flags(pad), false, &s("1234"), 4), Presented::Pin);
            assert_eq!(
                presented_pin(&flags(pad), true, &s("123"), 4),
                Presented::Refuse(PolicyViolation::BelowTokenMinimum { min: 4 })
            );
        }
    }

    #[test]
    fn only_read_only_user_pin_operations_are_login_only() {
        let profile = crate::registry::Registry::builtin().generic().clone();
        let mut verify = Guard::new(SecretKind::Pin, &profile, PinOptions::default());
        assert!(!verify.login_only(), "read-write by default (C_SetPIN, C_InitPIN)");
        verify.read_write = false;
        assert!(verify.login_only());
        let mut so = Guard::new(SecretKind::Puk, &profile, PinOptions::default());
        so.read_write = false;
        assert!(!so.login_only());
    }
}
