//! What a user types into a masked field: kept in memory that is wiped when dropped, never shown
//! by `Debug`, handed to core as a [`SecretString`].

use pecat_token::SecretString;
use zeroize::Zeroizing;

/// A secret being typed (PIN, PUK, password, one-time code).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretText(Zeroizing<String>);

impl SecretText {
    /// Wraps what the text field produced.
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// The characters, for the masked field to draw as dots and for the rules to count.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A copy for core, itself wiped when dropped.
    pub fn to_secret(&self) -> SecretString {
        SecretString::from(self.0.as_str().to_owned())
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretText(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let s = SecretText::new("123456".into());
        assert!(!format!("{s:?}").contains("123"));
        assert_eq!(s.as_str(), "123456");
    }
}
