//! How long a PKCS#11 call may take before its token is reported as not answering: an ordinary
//! bound for reads, a longer one for calls that present a secret (a PIN pad waits for the holder)
//! or that generate keys and sign (RSA-4096 key generation takes a minute on some tokens).

use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// The environment variable that sets the bounds for the process, in milliseconds: one number for
/// both, or `ORDINARY,LONG`. Read once, when the first module is loaded.
pub(crate) const ENV: &str = "PECAT_PKCS11_TIMEOUT_MS";

/// Which bound a call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    /// Reading the token, its objects, its mechanisms.
    Ordinary,
    /// Logging in (perhaps on a PIN pad), signing, generating keys, writing.
    Long,
}

/// The bounds of one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timeouts {
    pub ordinary: Duration,
    pub long: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self { ordinary: Duration::from_secs(30), long: Duration::from_secs(120) }
    }
}

impl Timeouts {
    /// The bound for `bound`.
    pub fn of(&self, bound: Bound) -> Duration {
        match bound {
            Bound::Ordinary => self.ordinary,
            Bound::Long => self.long,
        }
    }

    /// The process default: [`ENV`] when it is set and valid, else 30 s and 120 s.
    pub fn from_env() -> Self {
        static FROM_ENV: OnceLock<Timeouts> = OnceLock::new();
        *FROM_ENV.get_or_init(|| {
            let Ok(value) = std::env::var(ENV) else { return Self::default() };
            Self::parse(&value).unwrap_or_else(|| {
                log::warn!("{ENV}={value:?} is not ORDINARY or ORDINARY,LONG in milliseconds; using the defaults");
                Self::default()
            })
        })
    }

    /// `"2000"` (both bounds) or `"2000,5000"` (ordinary, long); zero is not a bound.
    fn parse(value: &str) -> Option<Self> {
        let ms = |s: &str| s.trim().parse::<u64>().ok().filter(|&n| n > 0).map(Duration::from_millis);
        match value.split_once(',') {
            None => ms(value).map(|d| Self { ordinary: d, long: d }),
            Some((ordinary, long)) => Some(Self { ordinary: ms(ordinary)?, long: ms(long)? }),
        }
    }
}

/// Bounds shared by a module and its slot workers, changeable while they run.
#[derive(Debug)]
pub(crate) struct SharedTimeouts(Mutex<Timeouts>);

impl SharedTimeouts {
    pub fn new(timeouts: Timeouts) -> Self {
        Self(Mutex::new(timeouts))
    }

    pub fn get(&self) -> Timeouts {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set(&self, timeouts: Timeouts) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = timeouts;
    }
}

/// A bound in whole seconds, rounded up (for messages: "took longer than 2 s").
pub(crate) fn whole_seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_read_as_one_or_two_millisecond_counts() {
        let two = Duration::from_secs(2);
        assert_eq!(Timeouts::parse("2000"), Some(Timeouts { ordinary: two, long: two }));
        assert_eq!(Timeouts::parse(" 2000 , 5000 "), Some(Timeouts { ordinary: two, long: Duration::from_secs(5) }));
        for bad in ["", "0", "2000,0", "2 s", "-1", "1,2,3"] {
            assert_eq!(Timeouts::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Timeouts::default().of(Bound::Ordinary), Duration::from_secs(30));
        assert_eq!(Timeouts::default().of(Bound::Long), Duration::from_secs(120));
    }

    #[test]
    fn seconds_are_rounded_up() {
        assert_eq!(whole_seconds(Duration::from_secs(2)), 2);
        assert_eq!(whole_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
    }
}
