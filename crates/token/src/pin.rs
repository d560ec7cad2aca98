//! PIN state as a token reports it (PKCS#11 v2.40 §3.2, CK_TOKEN_INFO flags): standard modules
//! only say "count low", "final try" or "locked"; exact counters come from vendor extensions
//! where a module offers them.

use crate::registry::{PukKind, VendorProfile};

/// The state of one secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinState {
    /// No wrong tries reported.
    Ok,
    /// A wrong PIN was entered since the last success (`CKF_*_PIN_COUNT_LOW`).
    CountLow,
    /// One more wrong PIN locks it (`CKF_*_PIN_FINAL_TRY`).
    FinalTry,
    /// Locked (`CKF_*_PIN_LOCKED`).
    Locked,
    /// Set by the issuer and must be changed before use (`CKF_*_PIN_TO_BE_CHANGED`).
    MustChange,
    /// The user PIN was never set (`CKF_USER_PIN_INITIALIZED` clear).
    NotInitialized,
}

/// One secret's state and what is known of its remaining tries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PinInfo {
    /// State from the token flags.
    pub state: PinState,
    /// Tries left, when known exactly (final try = 1, locked = 0, or a vendor counter).
    pub tries_left: Option<u32>,
    /// Tries allowed in all, when the vendor profile says.
    pub max_tries: Option<u32>,
}

impl PinInfo {
    /// State from the four flags of one secret, refined by the profile's known try count.
    pub fn from_flags(
        count_low: bool,
        final_try: bool,
        locked: bool,
        to_be_changed: bool,
        max_tries: Option<u32>,
    ) -> Self {
        let (state, tries_left) = if locked {
            (PinState::Locked, Some(0))
        } else if final_try {
            (PinState::FinalTry, Some(1))
        } else if to_be_changed {
            (PinState::MustChange, None)
        } else if count_low {
            (PinState::CountLow, None)
        } else {
            (PinState::Ok, max_tries)
        };
        Self { state, tries_left, max_tries }
    }

    /// A short English phrase: "ok", "last try", "locked", "2 tries left", …
    pub fn describe(&self) -> String {
        match (self.state, self.tries_left) {
            (PinState::Locked, _) => "locked".into(),
            (PinState::FinalTry, _) => "last try before it locks".into(),
            (PinState::NotInitialized, _) => "not set".into(),
            (PinState::MustChange, _) => "must be changed before use".into(),
            (PinState::CountLow, Some(n)) => format!("wrong PIN entered before, {n} tries left"),
            (PinState::CountLow, None) => "wrong PIN entered before, tries left unknown".into(),
            (PinState::Ok, Some(n)) => format!("ok, {n} tries"),
            (PinState::Ok, None) => "ok".into(),
        }
    }
}

/// The state of every secret a token has.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PinStatus {
    /// The user PIN.
    pub user: PinInfo,
    /// The PUK / SO PIN, absent on tokens without one (Serbian eID).
    pub puk: Option<PinInfo>,
    /// What the vendor calls the PUK.
    pub puk_label: String,
    /// Who unblocks a token that has no PUK.
    pub unblock_hint: Option<String>,
    /// The token asks for the PIN on its own pin pad (`CKF_PROTECTED_AUTHENTICATION_PATH`).
    pub pin_pad: bool,
    /// Shortest and longest PIN the token accepts.
    pub pin_length: crate::token::PinLength,
}

impl PinStatus {
    /// The user PIN is locked and there is no way to unblock it here.
    pub fn is_dead(&self) -> bool {
        self.user.state == PinState::Locked && self.puk.as_ref().is_some_and(|p| p.state == PinState::Locked)
    }
}

/// Builds a [`PinStatus`] from raw flags and a profile.
pub(crate) fn status(
    flags: &crate::token::TokenFlags,
    profile: &VendorProfile,
    pin_len: crate::token::PinLength,
) -> PinStatus {
    let user = if flags.user_pin_initialized {
        PinInfo::from_flags(
            flags.user_pin_count_low,
            flags.user_pin_final_try,
            flags.user_pin_locked,
            flags.user_pin_to_be_changed,
            profile.pin_tries,
        )
    } else {
        PinInfo { state: PinState::NotInitialized, tries_left: None, max_tries: profile.pin_tries }
    };
    let puk = match profile.puk {
        PukKind::None => None,
        PukKind::SoPin => Some(PinInfo::from_flags(
            flags.so_pin_count_low,
            flags.so_pin_final_try,
            flags.so_pin_locked,
            flags.so_pin_to_be_changed,
            None,
        )),
    };
    PinStatus {
        user,
        puk,
        puk_label: profile.puk_label.clone(),
        unblock_hint: profile.unblock_hint.clone(),
        pin_pad: flags.protected_authentication_path,
        pin_length: crate::token::PinLength {
            min: profile.pin_min.unwrap_or(pin_len.min),
            max: profile.pin_max.or(pin_len.max),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_states_with_exact_counts_where_implied() {
        assert_eq!(
            PinInfo::from_flags(false, false, false, false, Some(3)),
            PinInfo { state: PinState::Ok, tries_left: Some(3), max_tries: Some(3) }
        );
        assert_eq!(PinInfo::from_flags(true, false, false, false, None).state, PinState::CountLow);
        let last = PinInfo::from_flags(true, true, false, false, None);
        assert_eq!((last.state, last.tries_left), (PinState::FinalTry, Some(1)));
        let locked = PinInfo::from_flags(true, true, true, false, None);
        assert_eq!((locked.state, locked.tries_left), (PinState::Locked, Some(0)));
        assert_eq!(PinInfo::from_flags(false, false, false, true, None).state, PinState::MustChange);
        assert_eq!(locked.describe(), "locked");
    }
}

/// Which secret an outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// The user PIN.
    Pin,
    /// The PUK / SO PIN / administrator password.
    Puk,
}

/// Choices the user made explicitly for one operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PinOptions {
    /// Go ahead even though the token says this is the last try before it locks.
    pub confirm_last_try: bool,
    /// Set a PIN longer than macOS accepts.
    pub allow_long_pin: bool,
}

/// The result of an operation that uses a secret. Typed, never a string: the front end words it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum PinOutcome<T> {
    /// It worked.
    Done { value: T },
    /// The secret was wrong; `after` is the state read back from the token.
    WrongPin { secret: SecretKind, after: PinInfo },
    /// The secret is locked (nothing was sent to the token). A locked PUK means the token is dead.
    Locked { secret: SecretKind },
    /// The token says the next wrong entry locks it: nothing was sent, the caller must confirm.
    NeedsConfirmation { secret: SecretKind },
    /// The PIN must be changed before it can be used (`CKR_PIN_EXPIRED`).
    MustChange,
    /// The token refused the new secret (`CKR_PIN_LEN_RANGE`, `CKR_PIN_INVALID`).
    Rejected { secret: SecretKind, reason: String },
    /// Refused before touching the token.
    Policy { violation: crate::pin_policy::PolicyViolation },
    /// The token has no PUK; `hint` says who unblocks it.
    NoPuk { hint: Option<String> },
    /// The user cancelled: a front end's prompt, or the Cancel key of a PIN-pad reader.
    Cancelled,
    /// The one-time code was wrong; `tries_left` when the service says.
    WrongCode { tries_left: Option<u32> },
    /// The one-time code had expired (TOTP step passed, SMS code too old).
    CodeExpired,
    /// The authorisation (cloud SAD) expired before signing finished.
    AuthorisationExpired,
    /// More signatures than one authorisation allows (CSC `numSignatures`, `multisign`).
    TooManySignatures { allowed: u32, asked: u32 },
}

impl<T> PinOutcome<T> {
    /// True for [`PinOutcome::Done`].
    pub fn is_done(&self) -> bool {
        matches!(self, Self::Done { .. })
    }

    /// Wraps a value.
    pub fn done(value: T) -> Self {
        Self::Done { value }
    }

    /// Maps the value of `Done`; other outcomes carry over.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> PinOutcome<U> {
        match self.into_failure() {
            Ok(failure) => failure,
            Err(value) => PinOutcome::Done { value: f(value) },
        }
    }

    /// An outcome that is not `Done`, re-typed (`Ok`), or the value of `Done` (`Err`).
    pub fn into_failure<U>(self) -> Result<PinOutcome<U>, T> {
        Ok(match self {
            Self::Done { value } => return Err(value),
            Self::WrongPin { secret, after } => PinOutcome::WrongPin { secret, after },
            Self::Locked { secret } => PinOutcome::Locked { secret },
            Self::NeedsConfirmation { secret } => PinOutcome::NeedsConfirmation { secret },
            Self::MustChange => PinOutcome::MustChange,
            Self::Rejected { secret, reason } => PinOutcome::Rejected { secret, reason },
            Self::Policy { violation } => PinOutcome::Policy { violation },
            Self::NoPuk { hint } => PinOutcome::NoPuk { hint },
            Self::Cancelled => PinOutcome::Cancelled,
            Self::WrongCode { tries_left } => PinOutcome::WrongCode { tries_left },
            Self::CodeExpired => PinOutcome::CodeExpired,
            Self::AuthorisationExpired => PinOutcome::AuthorisationExpired,
            Self::TooManySignatures { allowed, asked } => PinOutcome::TooManySignatures { allowed, asked },
        })
    }
}
