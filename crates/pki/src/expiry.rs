//! Where a certificate stands in its validity period, against a clock the caller passes in.
//! Providers remind holders 45 and 15 days before expiry and renew only valid certificates.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days before expiry when renewal should start (first provider reminder).
pub const RENEW_SOON_DAYS: i64 = 45;
/// Days before expiry when renewal is urgent (last provider reminder).
pub const RENEW_URGENT_DAYS: i64 = 15;

/// The validity state of a certificate at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum ExpiryStatus {
    /// Valid for more than 45 days.
    Valid { days_left: i64 },
    /// Valid, 45 days or fewer left: time to renew.
    RenewSoon { days_left: i64 },
    /// Valid, 15 days or fewer left.
    Urgent { days_left: i64 },
    /// Past `notAfter`.
    Expired { days_ago: i64 },
    /// Before `notBefore`.
    NotYetValid { days_until: i64 },
}

impl ExpiryStatus {
    /// Evaluates `[not_before, not_after]` (Unix seconds, inclusive per RFC 5280 §4.1.2.5) at `now`.
    pub fn at(not_before: i64, not_after: i64, now: SystemTime) -> Self {
        let now = unix_seconds(now);
        const DAY: i64 = 86_400;
        if now < not_before {
            return Self::NotYetValid { days_until: (not_before - now + DAY - 1) / DAY };
        }
        if now > not_after {
            return Self::Expired { days_ago: (now - not_after) / DAY };
        }
        let days_left = (not_after - now) / DAY;
        if days_left <= RENEW_URGENT_DAYS {
            Self::Urgent { days_left }
        } else if days_left <= RENEW_SOON_DAYS {
            Self::RenewSoon { days_left }
        } else {
            Self::Valid { days_left }
        }
    }

    /// True while the certificate can be used (and renewed).
    pub fn is_valid(self) -> bool {
        matches!(self, Self::Valid { .. } | Self::RenewSoon { .. } | Self::Urgent { .. })
    }

    /// A short English phrase for logs and the CLI.
    pub fn describe(self) -> String {
        match self {
            Self::Valid { days_left } => format!("valid, {days_left} days left"),
            Self::RenewSoon { days_left } => format!("renew soon, {days_left} days left"),
            Self::Urgent { days_left } => format!("renew now, {days_left} days left"),
            Self::Expired { days_ago } => format!("expired {days_ago} days ago"),
            Self::NotYetValid { days_until } => {
                format!("not valid yet, starts in {days_until} days")
            }
        }
    }
}

pub(crate) fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const DAY: i64 = 86_400;
    const NB: i64 = 1_700_000_000;
    const NA: i64 = NB + 365 * DAY;

    fn at(secs: i64) -> ExpiryStatus {
        ExpiryStatus::at(NB, NA, UNIX_EPOCH + Duration::from_secs(secs as u64))
    }

    #[test]
    fn thresholds() {
        assert_eq!(at(NB), ExpiryStatus::Valid { days_left: 365 });
        assert_eq!(at(NA - 46 * DAY), ExpiryStatus::Valid { days_left: 46 });
        assert_eq!(at(NA - 45 * DAY), ExpiryStatus::RenewSoon { days_left: 45 });
        assert_eq!(at(NA - 16 * DAY), ExpiryStatus::RenewSoon { days_left: 16 });
        assert_eq!(at(NA - 15 * DAY), ExpiryStatus::Urgent { days_left: 15 });
        assert_eq!(at(NA), ExpiryStatus::Urgent { days_left: 0 });
        assert_eq!(at(NA + 1), ExpiryStatus::Expired { days_ago: 0 });
        assert_eq!(at(NA + 3 * DAY), ExpiryStatus::Expired { days_ago: 3 });
        assert_eq!(at(NB - 1), ExpiryStatus::NotYetValid { days_until: 1 });
        assert!(at(NA).is_valid() && !at(NA + 1).is_valid());
    }
}
