//! Expiry reminders: a desktop notification when a personal certificate enters its 45-day or
//! 15-day window before expiry, once per certificate and window, remembered in
//! `reminders.toml` in Pecat's data folder so a restart does not repeat them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pecat_pki::ExpiryStatus;

use crate::backend::StoreRow;
use crate::fl;

/// Which window a certificate entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// 45 days or fewer left.
    Soon,
    /// 15 days or fewer left.
    Urgent,
}

/// A reminder to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// `sha256:window`, the key remembered once shown.
    pub key: String,
    /// The holder's name.
    pub holder: String,
    /// Days left.
    pub days: i64,
    /// Which window.
    pub window: Window,
}

/// The reminders due among `rows` that `shown` does not hold yet (demo certificates aside).
pub fn due(rows: &[StoreRow], shown: &BTreeSet<String>) -> Vec<Due> {
    let mut out = Vec::new();
    for row in rows.iter().filter(|r| !r.demo) {
        for c in &row.overview.certificates {
            let (window, days) = match c.expiry {
                ExpiryStatus::RenewSoon { days_left } => (Window::Soon, days_left),
                ExpiryStatus::Urgent { days_left } => (Window::Urgent, days_left),
                _ => continue,
            };
            let s = c.certificate.summary();
            let key = format!("{}:{}", s.sha256, if window == Window::Soon { 45 } else { 15 });
            if !shown.contains(&key) && !out.iter().any(|d: &Due| d.key == key) {
                let holder = crate::wording::holder(s);
                out.push(Due { key, holder, days, window });
            }
        }
    }
    out
}

/// `PECAT_REMINDERS_FILE`, else `reminders.toml` in Pecat's data folder.
pub fn state_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PECAT_REMINDERS_FILE") {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join("pecat").join("reminders.toml"))
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct State {
    #[serde(default)]
    shown: BTreeSet<String>,
}

/// The reminders already shown.
pub fn load(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path).ok().and_then(|t| toml::from_str::<State>(&t).ok()).unwrap_or_default().shown
}

/// Remembers the reminders shown.
pub fn save(path: &Path, shown: &BTreeSet<String>) -> std::io::Result<()> {
    let text = toml::to_string(&State { shown: shown.clone() }).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// Shows the due reminders as desktop notifications and remembers them (blocking: talks to
/// the notification service). A reminder that could not be shown is tried again next time.
pub fn notify(rows: &[StoreRow]) {
    let Some(path) = state_path() else { return };
    let mut shown = load(&path);
    let due = due(rows, &shown);
    if due.is_empty() {
        return;
    }
    for d in due {
        let body = match d.window {
            Window::Soon => fl!("reminder-soon", holder = d.holder.clone(), days = d.days),
            Window::Urgent => fl!("reminder-urgent", holder = d.holder.clone(), days = d.days),
        };
        match notify_rust::Notification::new().summary(&fl!("reminder-title")).body(&body).appname("Pecat").show() {
            Ok(_) => {
                shown.insert(d.key);
            }
            Err(e) => log::warn!("the expiry reminder could not be shown: {e}"),
        }
    }
    if let Err(e) = save(&path, &shown) {
        log::warn!("the reminders shown could not be remembered: {e}");
    }
}
