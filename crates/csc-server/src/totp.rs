//! One-time codes: HOTP (RFC 4226) and TOTP (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits),
//! the codes an authenticator app shows; and the base32 secrets (RFC 4648 §6) apps import.

use std::fmt;
use std::time::SystemTime;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use zeroize::Zeroizing;

use crate::clock::unix_seconds;

/// RFC 6238 §4.1 `X`: the time step in seconds.
pub const STEP_SECONDS: u64 = 30;
/// Digits in a code (RFC 4226 §5.3 `Digit`).
pub const DIGITS: u32 = 6;
/// Steps before and after the current one that are still accepted (RFC 6238 §5.2).
pub const WINDOW: u64 = 1;

/// A TOTP shared secret. Never printed; `Debug` hides it.
#[derive(Clone)]
pub struct TotpSecret(Zeroizing<Vec<u8>>);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

/// A base32 string that is not a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a base32 TOTP secret of at least 10 bytes")]
pub struct InvalidSecret;

impl TotpSecret {
    /// A secret from raw bytes (RFC 4226 §4 asks for at least 128 bits; 160 recommended).
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// A fresh random 160-bit secret.
    pub fn generate() -> Result<Self, getrandom::Error> {
        let mut bytes = Zeroizing::new(vec![0u8; 20]);
        getrandom::fill(&mut bytes)?;
        Ok(Self(bytes))
    }

    /// Parses the base32 form authenticator apps use (case, spaces and padding ignored).
    pub fn from_base32(text: &str) -> Result<Self, InvalidSecret> {
        let mut bits: u64 = 0;
        let mut count = 0u32;
        let mut out = Zeroizing::new(Vec::new());
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
            let value = match c.to_ascii_uppercase() {
                u @ 'A'..='Z' => u as u64 - 'A' as u64,
                d @ '2'..='7' => d as u64 - '2' as u64 + 26,
                _ => return Err(InvalidSecret),
            };
            bits = (bits << 5) | value;
            count += 5;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
                bits &= (1 << count) - 1;
            }
        }
        if out.len() < 10 {
            return Err(InvalidSecret);
        }
        Ok(Self(out))
    }

    /// The base32 form (no padding), to type or scan into an authenticator app.
    pub fn to_base32(&self) -> Zeroizing<String> {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut out = Zeroizing::new(String::new());
        let (mut bits, mut count) = (0u64, 0u32);
        for byte in self.0.iter() {
            bits = (bits << 8) | u64::from(*byte);
            count += 8;
            while count >= 5 {
                count -= 5;
                out.push(ALPHABET[((bits >> count) & 31) as usize] as char);
            }
        }
        if count > 0 {
            out.push(ALPHABET[((bits << (5 - count)) & 31) as usize] as char);
        }
        out
    }

    /// An `otpauth://totp/…` URI (the Key Uri Format authenticator apps scan as a QR code).
    pub fn provisioning_uri(&self, issuer: &str, account: &str) -> Zeroizing<String> {
        let (issuer, account) = (uri_escape(issuer), uri_escape(account));
        Zeroizing::new(format!(
            "otpauth://totp/{issuer}:{account}?secret={}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            self.to_base32().as_str()
        ))
    }

    /// The code for time `t`.
    pub fn code_at(&self, t: SystemTime) -> Zeroizing<String> {
        hotp(&self.0, unix_seconds(t) / STEP_SECONDS)
    }

    /// The code an authenticator app shows now.
    pub fn current_code(&self) -> Zeroizing<String> {
        self.code_at(SystemTime::now())
    }

    /// Seconds until the code shown at `t` changes.
    pub fn seconds_left(t: SystemTime) -> u64 {
        STEP_SECONDS - unix_seconds(t) % STEP_SECONDS
    }

    /// The time step `code` belongs to, if it is valid at `t` within ±[`WINDOW`] steps.
    pub fn matching_step(&self, code: &str, t: SystemTime) -> Option<u64> {
        let now = unix_seconds(t) / STEP_SECONDS;
        let mut found = None;
        // Every step is computed and compared in constant time, so timing says nothing.
        for step in now.saturating_sub(WINDOW)..=now + WINDOW {
            if constant_time_eq(hotp(&self.0, step).as_bytes(), code.as_bytes()) {
                found = Some(step);
            }
        }
        found
    }
}

/// The TOTP code for a base32 `secret` at time `t` (what the demo shows beside its token).
pub fn totp_code(secret: &TotpSecret, t: SystemTime) -> Zeroizing<String> {
    secret.code_at(t)
}

/// HOTP (RFC 4226 §5.3): HMAC-SHA-1 of the counter, dynamic truncation, 6 digits.
fn hotp(key: &[u8], counter: u64) -> Zeroizing<String> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else { return Zeroizing::new(String::new()) };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[digest.len() - 1] & 0x0f) as usize;
    let binary =
        u32::from_be_bytes([digest[offset], digest[offset + 1], digest[offset + 2], digest[offset + 3]]) & 0x7fff_ffff;
    Zeroizing::new(format!("{:0width$}", binary % 10u32.pow(DIGITS), width = DIGITS as usize))
}

/// Compares without stopping at the first difference.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn uri_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(unix: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(unix)
    }

    /// RFC 6238 Appendix B, SHA-1 rows (the last 6 of the 8 digits shown there).
    #[test]
    fn rfc6238_test_vectors() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        for (t, code) in [
            (59, "287082"),
            (1111111109, "081804"),
            (1111111111, "050471"),
            (1234567890, "005924"),
            (2000000000, "279037"),
            (20000000000, "353130"),
        ] {
            assert_eq!(secret.code_at(at(t)).as_str(), code, "t={t}");
        }
    }

    /// RFC 4226 Appendix D.
    #[test]
    fn rfc4226_test_vectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314"];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(b"12345678901234567890", counter as u64).as_str(), *code);
        }
    }

    #[test]
    fn base32_round_trip_and_window() {
        let secret = TotpSecret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap();
        assert_eq!(secret.to_base32().as_str(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let now = at(1111111111);
        let previous = secret.code_at(at(1111111111 - 30));
        assert_eq!(secret.matching_step(&previous, now), Some(1111111111 / 30 - 1));
        let old = secret.code_at(at(1111111111 - 90));
        assert_eq!(secret.matching_step(&old, now), None);
        assert!(TotpSecret::from_base32("not base32!").is_err());
        assert!(secret.provisioning_uri("Pecat Demo", "demo").starts_with("otpauth://totp/Pecat%20Demo:demo?secret="));
    }

    #[test]
    fn debug_hides_the_secret() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        assert_eq!(format!("{secret:?}"), "TotpSecret(…)");
    }
}
