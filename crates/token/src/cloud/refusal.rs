//! The specification's refusals read as typed outcomes. CSC v2 §10.1 (and v1.0.4.0 §10.1)
//! give `error` codes for some cases (`invalid_pin`, `invalid_otp`, `invalid_token`,
//! `invalid_grant`, `authentication_error`) and word others only in `error_description` under
//! `invalid_request` ("SAD expired", "The credential is locked", "Numbers of signatures is too
//! high", "Hash not authorized by the SAD"); both are read here. Tries left are taken from the
//! description only where the service states a number.

use super::http::ApiError;
use crate::pin::{PinInfo, PinOutcome, PinState, SecretKind};

/// What a refusal means to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `invalid_pin`; `tries_left` when stated (0: the credential is now locked).
    WrongPin { tries_left: Option<u32> },
    /// `invalid_otp`; `tries_left` when stated.
    WrongCode { tries_left: Option<u32> },
    /// The one-time code was too old.
    CodeExpired,
    /// The credential is locked, blocked or disabled.
    Locked,
    /// The SAD expired.
    SadExpired,
    /// More signatures than allowed; the number allowed when stated.
    TooMany { allowed: Option<u32> },
    /// A hash the SAD was not issued for (SCAL2).
    HashNotAuthorised,
    /// The access token is unknown, revoked or expired (`invalid_token`).
    InvalidToken,
    /// HTTP Basic credentials or a refresh token were refused.
    LoginRefused,
    /// Anything else.
    Other,
}

impl Refusal {
    /// Reads one refusal.
    pub(crate) fn of(error: &ApiError) -> Self {
        let description = error.description.to_ascii_lowercase();
        let says = |words: &[&str]| words.iter().any(|w| description.contains(w));
        match error.error.as_str() {
            "invalid_pin" => {
                let tries_left = tries_left(&description).or_else(|| says(&["locked", "blocked"]).then_some(0));
                Self::WrongPin { tries_left }
            }
            "invalid_otp" if says(&["expired"]) => Self::CodeExpired,
            "invalid_otp" => {
                let tries_left = tries_left(&description).or_else(|| says(&["locked", "blocked"]).then_some(0));
                Self::WrongCode { tries_left }
            }
            "invalid_token" => Self::InvalidToken,
            "invalid_grant" | "authentication_error" | "unauthorized_client" | "access_denied" => Self::LoginRefused,
            _ if description.contains("sad") && description.contains("expired") => Self::SadExpired,
            _ if says(&["locked", "blocked", "disabled", "suspended"]) => Self::Locked,
            _ if says(&["too high", "too many", "exceed"]) && says(&["signature", "hash"]) => {
                Self::TooMany { allowed: first_number(&description) }
            }
            _ if description.contains("not authorized") || description.contains("not authorised") => {
                Self::HashNotAuthorised
            }
            _ if error.status == 401 => Self::InvalidToken,
            _ => Self::Other,
        }
    }

    /// The PIN outcome of a refusal of `credentials/authorize` or `signatures/signHash`, if it is
    /// one; `asked` is how many signatures were asked for.
    pub(crate) fn outcome<T>(&self, asked: usize) -> Option<PinOutcome<T>> {
        Some(match *self {
            Self::WrongPin { tries_left } => PinOutcome::WrongPin { secret: SecretKind::Pin, after: after(tries_left) },
            Self::WrongCode { tries_left } => PinOutcome::WrongCode { tries_left },
            Self::CodeExpired => PinOutcome::CodeExpired,
            Self::Locked => PinOutcome::Locked { secret: SecretKind::Pin },
            Self::SadExpired => PinOutcome::AuthorisationExpired,
            Self::TooMany { allowed } => PinOutcome::TooManySignatures {
                allowed: allowed.unwrap_or(0),
                asked: u32::try_from(asked).unwrap_or(u32::MAX),
            },
            Self::HashNotAuthorised | Self::InvalidToken | Self::LoginRefused | Self::Other => return None,
        })
    }
}

/// The PIN's state after a wrong PIN, as far as the service said: a stated count gives the
/// state; otherwise it is only known that a wrong PIN was entered.
fn after(tries_left: Option<u32>) -> PinInfo {
    let state = match tries_left {
        Some(0) => PinState::Locked,
        Some(1) => PinState::FinalTry,
        _ => PinState::CountLow,
    };
    PinInfo { state, tries_left, max_tries: None }
}

/// "… (2 tries left)", "3 attempts remaining", "remaining tries: 4", "retries left 1".
fn tries_left(description: &str) -> Option<u32> {
    const WORDS: [&str; 4] = ["tries", "attempts", "retries", "trials"];
    let words: Vec<&str> = description.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for (i, word) in words.iter().enumerate() {
        if !WORDS.contains(word) {
            continue;
        }
        if let Some(n) = i.checked_sub(1).and_then(|j| words[j].parse().ok()) {
            return Some(n);
        }
        if let Some(n) = words.get(i + 1).and_then(|w| w.parse().ok()) {
            return Some(n);
        }
        if let Some(n) = words.get(i + 2).and_then(|w| w.parse().ok()) {
            return Some(n);
        }
    }
    None
}

fn first_number(description: &str) -> Option<u32> {
    description.split(|c: char| !c.is_ascii_digit()).find(|w| !w.is_empty()).and_then(|w| w.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(error: &str, description: &str) -> Refusal {
        Refusal::of(&ApiError { status: 400, error: error.into(), description: description.into() })
    }

    #[test]
    fn spec_errors_and_descriptions_are_typed() {
        assert_eq!(
            refusal("invalid_pin", "The PIN is invalid (4 tries left)"),
            Refusal::WrongPin { tries_left: Some(4) }
        );
        assert_eq!(
            refusal("invalid_pin", "The PIN is invalid; the credential is now locked"),
            Refusal::WrongPin { tries_left: Some(0) }
        );
        assert_eq!(refusal("invalid_pin", "Invalid PIN"), Refusal::WrongPin { tries_left: None });
        assert_eq!(refusal("invalid_pin", "Remaining attempts: 2"), Refusal::WrongPin { tries_left: Some(2) });
        assert_eq!(
            refusal("invalid_otp", "The OTP is invalid (3 tries left)"),
            Refusal::WrongCode { tries_left: Some(3) }
        );
        assert_eq!(refusal("invalid_otp", "OTP expired"), Refusal::CodeExpired);
        assert_eq!(refusal("invalid_request", "The credential is locked"), Refusal::Locked);
        assert_eq!(refusal("invalid_request", "SAD expired"), Refusal::SadExpired);
        assert_eq!(refusal("invalid_request", "Numbers of signatures is too high"), Refusal::TooMany { allowed: None });
        assert_eq!(refusal("invalid_request", "Hash not authorized by the SAD"), Refusal::HashNotAuthorised);
        assert_eq!(refusal("invalid_request", "Invalid parameter SAD"), Refusal::Other);
        assert_eq!(refusal("invalid_token", ""), Refusal::InvalidToken);
        assert_eq!(refusal("authentication_error", "Invalid user name or password"), Refusal::LoginRefused);
    }

    #[test]
    fn wrong_pin_states_only_what_was_said() {
        let unknown: PinOutcome<()> =
            Refusal::WrongPin { tries_left: None }.outcome(1).unwrap_or(PinOutcome::Cancelled);
        assert_eq!(
            unknown,
            PinOutcome::WrongPin {
                secret: SecretKind::Pin,
                after: PinInfo { state: PinState::CountLow, tries_left: None, max_tries: None }
            }
        );
        let last: PinOutcome<()> =
            Refusal::WrongPin { tries_left: Some(1) }.outcome(1).unwrap_or(PinOutcome::Cancelled);
        assert!(matches!(last, PinOutcome::WrongPin { after: PinInfo { state: PinState::FinalTry, .. }, .. }));
        assert_eq!(Refusal::Other.outcome::<()>(1), None);
    }
}
