//! Logging in on the provider's web page (OAuth 2.0 with PKCE, CSC v2 §8.3.2): core listens on
//! loopback and hands over the page's address; the app opens it in the user's browser and waits,
//! off the UI thread, for the provider to send the browser back.

use std::time::Duration;

use pecat_core::Account;
use pecat_token::CscOptions;

use super::Storage;
use crate::backend::{Backend, Failure};

/// How long the app waits for the user to finish on the provider's page.
pub const WAIT: Duration = Duration::from_secs(300);

/// Opens `url` in the user's browser.
fn open_in_browser(url: &str) -> std::io::Result<()> {
    open::that_detached(url)
}

/// Adds an account whose login happens on the provider's page; `open` shows that page (the
/// browser, or a test's stand-in). Blocking.
pub fn add_blocking(
    backend: &Backend,
    storage: &Storage,
    account: Account,
    open: &mut dyn FnMut(&str) -> pecat_token::Result<()>,
) -> Result<String, Failure> {
    super::log_in_with(backend, storage, |settings, secrets| {
        pecat_core::add_account_oauth2(settings, secrets, account, open, WAIT, &CscOptions::default())
    })
}

/// Logs in to a kept account again on the provider's page. Blocking.
pub fn login_blocking(
    backend: &Backend,
    storage: &Storage,
    name: &str,
    open: &mut dyn FnMut(&str) -> pecat_token::Result<()>,
) -> Result<String, Failure> {
    super::log_in_with(backend, storage, |settings, secrets| {
        pecat_core::login_account_oauth2(settings, secrets, name, open, WAIT, &CscOptions::default())
    })
}

/// What a browser login reports while it runs.
#[derive(Debug, Clone)]
pub enum Progress {
    /// The provider's page, opened in the browser (shown too, for when no browser opened).
    Opened(String),
    /// The login ended: the account's name, or why not.
    Finished(Result<String, Failure>),
}

/// Runs `work` (one of the functions above) on a worker thread with an `open` that reports the
/// page's address and opens it in the browser; the receiver yields the address, then the end.
pub fn start(
    work: impl FnOnce(&mut dyn FnMut(&str) -> pecat_token::Result<()>) -> Result<String, Failure> + Send + 'static,
) -> iced::futures::channel::mpsc::UnboundedReceiver<Progress> {
    crate::backend::reporting(
        "browser-login",
        || Progress::Finished(Err(Failure::Crashed)),
        move |progress| {
            let mut open = |url: &str| {
                let _ = progress.unbounded_send(Progress::Opened(url.to_owned()));
                // A browser that does not open is not the end: the address is on the screen.
                if let Err(e) = open_in_browser(url) {
                    log::warn!("the browser could not be opened: {e}");
                }
                Ok(())
            };
            Progress::Finished(work(&mut open))
        },
    )
}
