//! PIN rules checked before a token is touched: length, characters, a new PIN that differs from
//! the old one, a confirmation that matches, and the macOS limit — macOS Sonoma, Ventura and
//! Monterey accept token PINs of at most 8 characters.

use secrecy::{ExposeSecret, SecretString};

use crate::registry::{PinCharset, VendorProfile};
use crate::token::PinLength;

/// The longest token PIN macOS (Monterey to Sonoma) accepts.
pub const MACOS_PIN_MAX: usize = 8;

/// Why a new PIN is refused before it reaches the token.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(tag = "violation", rename_all = "kebab-case")]
pub enum PolicyViolation {
    /// An empty PIN (some modules count an empty login as a wrong try).
    #[error("the PIN is empty")]
    Empty,
    /// A secret entered to log in (or to prove the old one) that is shorter than the token's
    /// `ulMinPinLen`: it cannot be right, and sending it could cost a try.
    #[error("the secret entered is shorter than the token's minimum of {min} characters")]
    BelowTokenMinimum { min: usize },
    /// Shorter than the token accepts.
    #[error("the new PIN is too short: at least {min} characters")]
    TooShort { min: usize },
    /// Longer than the token accepts.
    #[error("the new PIN is too long: at most {max} characters")]
    TooLong { max: usize },
    /// The token takes digits only.
    #[error("the new PIN must be digits only")]
    DigitsOnly,
    /// Same as the current one.
    #[error("the new PIN is the same as the current one")]
    SameAsOld,
    /// The two entries differ.
    #[error("the two entries of the new PIN differ")]
    ConfirmationMismatch,
    /// Longer than macOS accepts, and the override was not given.
    #[error(
        "macOS (Monterey, Ventura, Sonoma) accepts token PINs of at most 8 characters; this one has {length} (override if the token is never used on a Mac)"
    )]
    LongerThanMacOs { length: usize },
}

/// The length and character rules for one secret of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PinRules {
    /// Shortest accepted.
    pub min: usize,
    /// Longest accepted.
    pub max: usize,
    /// Accepted characters.
    pub charset: PinCharset,
}

impl PinRules {
    /// Rules for the user PIN: the profile's, else the token's `ulMinPinLen`/`ulMaxPinLen`.
    pub fn for_user_pin(profile: &VendorProfile, token_len: PinLength) -> Self {
        Self {
            min: profile.pin_min.unwrap_or(token_len.min).max(1),
            max: profile.pin_max.or(token_len.max).unwrap_or(usize::MAX),
            charset: profile.pin_charset,
        }
    }

    /// Rules for the PUK / SO PIN: the token's lengths, any characters.
    pub fn for_puk(token_len: PinLength) -> Self {
        Self { min: token_len.min.max(1), max: token_len.max.unwrap_or(usize::MAX), charset: PinCharset::Any }
    }
}

/// Where the PIN will be used, for the macOS rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostOs {
    /// macOS: the 8-character limit applies.
    MacOs,
    /// Anything else.
    Other,
}

impl HostOs {
    /// The OS Pecat runs on.
    pub fn current() -> Self {
        if cfg!(target_os = "macos") { Self::MacOs } else { Self::Other }
    }
}

/// Checks a new secret. `confirmation` is the second entry when the user typed it twice;
/// `allow_long` overrides the macOS limit.
pub fn check_new_pin(
    rules: &PinRules,
    old: Option<&SecretString>,
    new: &SecretString,
    confirmation: Option<&SecretString>,
    host: HostOs,
    allow_long: bool,
) -> Result<(), PolicyViolation> {
    let pin = new.expose_secret();
    let length = pin.chars().count();
    if length == 0 {
        return Err(PolicyViolation::Empty);
    }
    if confirmation.is_some_and(|c| c.expose_secret() != pin) {
        return Err(PolicyViolation::ConfirmationMismatch);
    }
    if length < rules.min {
        return Err(PolicyViolation::TooShort { min: rules.min });
    }
    if length > rules.max {
        return Err(PolicyViolation::TooLong { max: rules.max });
    }
    if rules.charset == PinCharset::Digits && !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PolicyViolation::DigitsOnly);
    }
    if old.is_some_and(|o| o.expose_secret() == pin) {
        return Err(PolicyViolation::SameAsOld);
    }
    if host == HostOs::MacOs && length > MACOS_PIN_MAX && !allow_long {
        return Err(PolicyViolation::LongerThanMacOs { length });
    }
    Ok(())
}

/// Checks a secret about to be presented to the token (login, or the current PIN or PUK of a
/// change): an empty one, or one shorter than the token's `ulMinPinLen` (PKCS#11 v2.40 §3.2
/// `CK_TOKEN_INFO`, a length in bytes), cannot be right and is never sent — some modules count
/// it as a wrong try.
pub fn check_presented(secret: &SecretString, token_min: usize) -> Result<(), PolicyViolation> {
    let length = secret.expose_secret().len();
    if length == 0 {
        return Err(PolicyViolation::Empty);
    }
    if length < token_min {
        return Err(PolicyViolation::BelowTokenMinimum { min: token_min });
    }
    Ok(())
}

/// True when a PIN of this length will not work on macOS (to warn on other systems too).
pub fn too_long_for_macos(pin: &SecretString) -> bool {
    pin.expose_secret().chars().count() > MACOS_PIN_MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> SecretString {
        SecretString::from(v.to_owned())
    }

    const EID: PinRules = PinRules { min: 4, max: 8, charset: PinCharset::Digits };
    const ANY: PinRules = PinRules { min: 4, max: 16, charset: PinCharset::Any };

    #[test]
    fn rules_in_order() {
        let other = HostOs::Other;
        assert_eq!(check_new_pin(&EID, None, &s(""), None, other, false), Err(PolicyViolation::Empty));
        assert_eq!(check_new_pin(&EID, None, &s("123"), None, other, false), Err(PolicyViolation::TooShort { min: 4 }));
        assert_eq!(
            check_new_pin(&EID, None, &s("123456789"), None, other, false),
            Err(PolicyViolation::TooLong { max: 8 })
        );
        assert_eq!(check_new_pin(&EID, None, &s("12a4"), None, other, false), Err(PolicyViolation::DigitsOnly));
        assert_eq!(
            check_new_pin(&EID, Some(&s("1234")), &s("1234"), None, other, false),
            Err(PolicyViolation::SameAsOld)
        );
        assert_eq!(
            check_new_pin(&EID, None, &s("1234"), Some(&s("1235")), other, false),
            Err(PolicyViolation::ConfirmationMismatch)
        );
        assert_eq!(check_new_pin(&EID, Some(&s("0000")), &s("1234"), Some(&s("1234")), other, false), Ok(()));
    }

    #[test]
    fn macos_limit_needs_an_override_only_on_macos() {
        let long = s("abcdefghij");
        assert_eq!(check_new_pin(&ANY, None, &long, None, HostOs::Other, false), Ok(()));
        assert_eq!(
            check_new_pin(&ANY, None, &long, None, HostOs::MacOs, false),
            Err(PolicyViolation::LongerThanMacOs { length: 10 })
        );
        assert_eq!(check_new_pin(&ANY, None, &long, None, HostOs::MacOs, true), Ok(()));
        assert!(too_long_for_macos(&long) && !too_long_for_macos(&s("12345678")));
    }

    #[test]
    fn presented_secrets_below_the_token_minimum_are_refused() {
        assert_eq!(check_presented(&s(""), 0), Err(PolicyViolation::Empty));
        assert_eq!(check_presented(&s(""), 4), Err(PolicyViolation::Empty));
        assert_eq!(check_presented(&s("123"), 4), Err(PolicyViolation::BelowTokenMinimum { min: 4 }));
        assert_eq!(check_presented(&s("1234"), 4), Ok(()));
        assert_eq!(check_presented(&s("1"), 0), Ok(()));
        // ulMinPinLen counts bytes: two two-byte letters are four.
        assert_eq!(check_presented(&s("ăî"), 4), Ok(()));
    }

    #[test]
    fn violations_never_show_the_pin() {
        let v = check_new_pin(&EID, None, &s("98x1"), None, HostOs::Other, false).unwrap_err();
        assert!(!format!("{v} {v:?}").contains("98x1"));
    }
}
