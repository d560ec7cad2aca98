//! PIN and PUK workflows for stores that manage their secrets (hardware tokens): what the
//! token's state refuses before any secret is asked (PKCS#11 v2.40 §3.2 `CK_TOKEN_INFO` flags:
//! locked, final try), then the operation itself with typed secrets — a new secret checked
//! against the PIN rules before the token sees it — and the state read back after.

use pecat_token::{
    HostOs, PinManagement, PinOptions, PinOutcome, PinRules, PinState, PinStatus, PolicyViolation, PukKind, SecretKind,
    SecretString, VendorProfile, check_new_pin, too_long_for_macos,
};

use crate::error::Result;

/// What to do with a token's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinOperation {
    /// Check the user PIN.
    Verify,
    /// Change the user PIN (`C_SetPIN`).
    ChangePin,
    /// Set a new user PIN with the PUK / SO PIN.
    Unblock,
    /// Change the PUK / SO PIN.
    ChangePuk,
}

impl PinOperation {
    /// The secret entered first, whose wrong entry costs a try.
    pub fn presented(self) -> SecretKind {
        match self {
            Self::Verify | Self::ChangePin => SecretKind::Pin,
            Self::Unblock | Self::ChangePuk => SecretKind::Puk,
        }
    }

    /// The secret being set, if any.
    pub fn new_secret(self) -> Option<SecretKind> {
        match self {
            Self::Verify => None,
            Self::ChangePin | Self::Unblock => Some(SecretKind::Pin),
            Self::ChangePuk => Some(SecretKind::Puk),
        }
    }
}

/// What refuses `operation` from the state alone, before anything is asked of the user: a PUK
/// operation on a token without one (the profile says who unblocks it), a locked secret, or the
/// last try without the caller's confirmation. `None`: go ahead and ask.
pub fn pin_refusal(
    profile: &VendorProfile,
    pins: &PinStatus,
    operation: PinOperation,
    options: PinOptions,
) -> Option<PinOutcome<()>> {
    let presented = operation.presented();
    if presented == SecretKind::Puk && profile.puk == PukKind::None {
        return Some(PinOutcome::NoPuk { hint: profile.unblock_hint.clone() });
    }
    let state = match presented {
        SecretKind::Pin => &pins.user,
        SecretKind::Puk => pins.puk.as_ref()?,
    };
    match state.state {
        PinState::Locked => Some(PinOutcome::Locked { secret: presented }),
        PinState::FinalTry if !options.confirm_last_try => Some(PinOutcome::NeedsConfirmation { secret: presented }),
        _ => None,
    }
}

/// The state read before an operation, and what it refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinPrecheck {
    /// PIN and PUK state now; pass it to [`run_pin_operation`].
    pub status: PinStatus,
    /// Why the operation cannot be tried; `None` when the secrets may be asked for.
    pub refused: Option<PinOutcome<()>>,
}

/// Reads the state of `store` and decides whether `operation` can be tried at all.
pub fn precheck_pin_operation(
    store: &dyn PinManagement,
    operation: PinOperation,
    options: PinOptions,
) -> Result<PinPrecheck> {
    let status = store.pin_status()?;
    let refused = pin_refusal(store.profile(), &status, operation, options);
    Ok(PinPrecheck { status, refused })
}

/// What refuses a login (locked PIN, last try not confirmed) before the PIN is asked, for the
/// operations that log in (key generation, requests, import, signing).
pub fn login_refusal(store: &dyn PinManagement, options: PinOptions) -> Result<Option<PinOutcome<()>>> {
    Ok(precheck_pin_operation(store, PinOperation::Verify, options)?.refused)
}

/// A new secret as the user entered it: once (standard input) or twice (a prompt).
#[derive(Debug)]
pub struct NewSecret {
    /// The new secret.
    pub secret: SecretString,
    /// The second entry, when the user typed it twice.
    pub confirmation: Option<SecretString>,
}

/// An operation with the secrets it needs.
#[derive(Debug)]
pub enum PinRequest {
    /// Check the user PIN.
    Verify { pin: SecretString },
    /// Change the user PIN.
    ChangePin { old: SecretString, new: NewSecret },
    /// Set a new user PIN with the PUK.
    Unblock { puk: SecretString, new: NewSecret },
    /// Change the PUK.
    ChangePuk { old: SecretString, new: NewSecret },
}

impl PinRequest {
    /// Which operation this is.
    pub fn operation(&self) -> PinOperation {
        match self {
            Self::Verify { .. } => PinOperation::Verify,
            Self::ChangePin { .. } => PinOperation::ChangePin,
            Self::Unblock { .. } => PinOperation::Unblock,
            Self::ChangePuk { .. } => PinOperation::ChangePuk,
        }
    }
}

/// The rules a new secret of `kind` must follow on this token.
pub fn new_secret_rules(profile: &VendorProfile, pins: &PinStatus, kind: SecretKind) -> PinRules {
    match kind {
        SecretKind::Pin => PinRules::for_user_pin(profile, pins.pin_length),
        SecretKind::Puk => PinRules::for_puk(pins.pin_length),
    }
}

/// Checks the new secret of `request` against the token's rules; a request without one passes.
pub fn check_request(
    profile: &VendorProfile,
    pins: &PinStatus,
    request: &PinRequest,
    host: HostOs,
    options: PinOptions,
) -> Result<(), PolicyViolation> {
    let (old, new) = match request {
        PinRequest::Verify { .. } => return Ok(()),
        PinRequest::ChangePin { old, new } | PinRequest::ChangePuk { old, new } => (Some(old), new),
        PinRequest::Unblock { new, .. } => (None, new),
    };
    let Some(kind) = request.operation().new_secret() else { return Ok(()) };
    let rules = new_secret_rules(profile, pins, kind);
    check_new_pin(&rules, old, &new.secret, new.confirmation.as_ref(), host, options.allow_long_pin)
}

/// What became of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinResult {
    /// The typed outcome.
    pub outcome: PinOutcome<()>,
    /// PIN and PUK state read back after it.
    pub after: PinStatus,
}

/// Whether to warn before `request` runs: its new user PIN passes the rules but has more than
/// the 8 characters macOS (Monterey, Ventura, Sonoma) accepts, and Pecat runs elsewhere (on macOS
/// the rules refuse it unless overridden) — the token may be used on a Mac one day.
pub fn warn_long_for_macos(
    profile: &VendorProfile,
    before: &PinStatus,
    request: &PinRequest,
    host: HostOs,
    options: PinOptions,
) -> bool {
    let new = match request {
        PinRequest::ChangePin { new, .. } | PinRequest::Unblock { new, .. } => new,
        PinRequest::Verify { .. } | PinRequest::ChangePuk { .. } => return false,
    };
    host != HostOs::MacOs
        && too_long_for_macos(&new.secret)
        && check_request(profile, before, request, host, options).is_ok()
}

/// Runs `request` on `store`: the new secret is checked against the rules (from `before`, the
/// state read by [`precheck_pin_operation`]) before the token is touched, then the operation,
/// then the state is read back. The store re-checks locked and last-try itself.
pub fn run_pin_operation(
    store: &dyn PinManagement,
    before: &PinStatus,
    request: &PinRequest,
    host: HostOs,
    options: PinOptions,
) -> Result<PinResult> {
    let outcome = match check_request(store.profile(), before, request, host, options) {
        Err(violation) => PinOutcome::Policy { violation },
        Ok(()) => match request {
            PinRequest::Verify { pin } => store.verify_pin(pin, options)?,
            PinRequest::ChangePin { old, new } => store.change_pin(old, &new.secret, options)?,
            PinRequest::Unblock { puk, new } => store.unblock_pin(puk, &new.secret, options)?,
            PinRequest::ChangePuk { old, new } => store.change_puk(old, &new.secret, options)?,
        },
    };
    let after = store.pin_status()?;
    Ok(PinResult { outcome, after })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pecat_token::{PinInfo, PinLength, Registry};

    fn info(state: PinState) -> PinInfo {
        PinInfo { state, tries_left: None, max_tries: None }
    }

    fn status(user: PinState, puk: Option<PinState>) -> PinStatus {
        PinStatus {
            user: info(user),
            puk: puk.map(info),
            puk_label: "PUK".into(),
            unblock_hint: None,
            pin_pad: false,
            pin_length: PinLength { min: 4, max: Some(16) },
        }
    }

    fn s(v: &str) -> SecretString {
        SecretString::from(v.to_owned())
    }

    fn new(v: &str) -> NewSecret {
        NewSecret { secret: s(v), confirmation: None }
    }

    const CONFIRMED: PinOptions = PinOptions { confirm_last_try: true, allow_long_pin: false };
    const PLAIN: PinOptions = PinOptions { confirm_last_try: false, allow_long_pin: false };

    #[test]
    fn the_state_alone_refuses_locked_secrets_and_unconfirmed_last_tries() {
        let generic = Registry::builtin().generic().clone();
        let ok = status(PinState::Ok, Some(PinState::Ok));
        for op in [PinOperation::Verify, PinOperation::ChangePin, PinOperation::Unblock, PinOperation::ChangePuk] {
            assert_eq!(pin_refusal(&generic, &ok, op, PLAIN), None, "{op:?}");
        }
        let locked = status(PinState::Locked, Some(PinState::Ok));
        assert_eq!(
            pin_refusal(&generic, &locked, PinOperation::Verify, CONFIRMED),
            Some(PinOutcome::Locked { secret: SecretKind::Pin })
        );
        assert_eq!(pin_refusal(&generic, &locked, PinOperation::Unblock, PLAIN), None, "the PUK still works");
        let last = status(PinState::Ok, Some(PinState::FinalTry));
        assert_eq!(
            pin_refusal(&generic, &last, PinOperation::ChangePuk, PLAIN),
            Some(PinOutcome::NeedsConfirmation { secret: SecretKind::Puk })
        );
        assert_eq!(pin_refusal(&generic, &last, PinOperation::ChangePuk, CONFIRMED), None);
        assert_eq!(pin_refusal(&generic, &last, PinOperation::ChangePin, PLAIN), None);
        let dead = status(PinState::Locked, Some(PinState::Locked));
        assert_eq!(
            pin_refusal(&generic, &dead, PinOperation::Unblock, CONFIRMED),
            Some(PinOutcome::Locked { secret: SecretKind::Puk })
        );
    }

    #[test]
    fn a_token_without_a_puk_says_who_unblocks_it() {
        let mut eid = Registry::builtin().generic().clone();
        eid.puk = PukKind::None;
        eid.unblock_hint = Some("only the issuer can unblock it".into());
        let pins = status(PinState::Locked, None);
        assert_eq!(
            pin_refusal(&eid, &pins, PinOperation::Unblock, CONFIRMED),
            Some(PinOutcome::NoPuk { hint: Some("only the issuer can unblock it".into()) })
        );
        assert_eq!(pin_refusal(&eid, &status(PinState::Ok, None), PinOperation::ChangePin, PLAIN), None);
    }

    #[test]
    fn new_secrets_follow_the_rules_of_what_they_replace() {
        let generic = Registry::builtin().generic().clone();
        let pins = status(PinState::Ok, Some(PinState::Ok));
        let other = HostOs::Other;
        let verify = PinRequest::Verify { pin: s("1") };
        assert_eq!(check_request(&generic, &pins, &verify, other, PLAIN), Ok(()));
        let same = PinRequest::ChangePin { old: s("12345"), new: new("12345") };
        assert_eq!(check_request(&generic, &pins, &same, other, PLAIN), Err(PolicyViolation::SameAsOld));
        // Unblocking never compares with the PUK presented.
        let unblock = PinRequest::Unblock { puk: s("12345"), new: new("12345") };
        assert_eq!(check_request(&generic, &pins, &unblock, other, PLAIN), Ok(()));
        let short = PinRequest::ChangePuk { old: s("12345"), new: new("123") };
        assert_eq!(check_request(&generic, &pins, &short, other, PLAIN), Err(PolicyViolation::TooShort { min: 4 }));
        let mismatch = PinRequest::ChangePin {
            old: s("0000"),
            new: NewSecret { secret: s("12345"), confirmation: Some(s("12346")) },
        };
        assert_eq!(check_request(&generic, &pins, &mismatch, other, PLAIN), Err(PolicyViolation::ConfirmationMismatch));
        let long = PinRequest::ChangePin { old: s("0000"), new: new("1234567890") };
        assert_eq!(
            check_request(&generic, &pins, &long, HostOs::MacOs, PLAIN),
            Err(PolicyViolation::LongerThanMacOs { length: 10 })
        );
        let allowed = PinOptions { allow_long_pin: true, ..PLAIN };
        assert_eq!(check_request(&generic, &pins, &long, HostOs::MacOs, allowed), Ok(()));
    }

    #[test]
    fn a_long_new_pin_is_warned_about_only_where_the_rules_let_it_through() {
        let generic = Registry::builtin().generic().clone();
        let pins = status(PinState::Ok, Some(PinState::Ok));
        let long = PinRequest::Unblock { puk: s("0000"), new: new("1234567890") };
        assert!(warn_long_for_macos(&generic, &pins, &long, HostOs::Other, PLAIN));
        let allowed = PinOptions { allow_long_pin: true, ..PLAIN };
        assert!(!warn_long_for_macos(&generic, &pins, &long, HostOs::MacOs, allowed), "overridden on a Mac");
        let short = PinRequest::ChangePin { old: s("0000"), new: new("12345678") };
        assert!(!warn_long_for_macos(&generic, &pins, &short, HostOs::Other, PLAIN));
        let puk = PinRequest::ChangePuk { old: s("0000"), new: new("12345678901234") };
        assert!(!warn_long_for_macos(&generic, &pins, &puk, HostOs::Other, PLAIN), "PUKs are not typed on a Mac");
        let refused = PinRequest::ChangePin { old: s("1234567890"), new: new("1234567890") };
        assert!(!warn_long_for_macos(&generic, &pins, &refused, HostOs::Other, PLAIN), "refused anyway");
    }
}
