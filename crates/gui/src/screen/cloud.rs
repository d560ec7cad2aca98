//! Cloud accounts: the accounts the settings keep, each with whether it is logged in; add one
//! (URL, name, user, password; HTTPS unless on this computer — core says why), log in again,
//! remove; and the demo credential's current one-time code with the seconds it has left.

pub mod browser;
pub mod form;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::widget::button;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Subscription, Task};
use pecat_core::{Account, SecretStore, Settings};
use pecat_token::{CscOptions, StoreId};
use zeroize::Zeroizing;

pub use form::{AddForm, Login};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::secret::SecretText;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};

/// Where the accounts are kept: the settings file and the OS credential store.
#[derive(Debug, Clone)]
pub struct Storage {
    pub settings: Option<PathBuf>,
    pub secrets: Option<Arc<SecretStore>>,
}

impl Storage {
    /// Pecat's settings file and the OS credential store (none when the OS has none to reach).
    pub fn os() -> Self {
        Self { settings: Settings::path(), secrets: SecretStore::os().ok().map(Arc::new) }
    }

    fn load(&self) -> Result<Settings, Failure> {
        match &self.settings {
            Some(p) if p.exists() => Ok(Settings::load_from(p)?),
            _ => Ok(Settings::default()),
        }
    }

    fn save(&self, settings: &Settings) -> Result<(), Failure> {
        if let Some(p) = &self.settings {
            settings.save_to(p)?;
        }
        Ok(())
    }
}

/// One account as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub account: Account,
    /// A logged-in store for it is in the inventory.
    pub logged_in: bool,
}

/// The cloud accounts screen.
#[derive(Debug)]
pub struct Cloud {
    backend: Backend,
    storage: Storage,
    pub accounts: Option<Result<Vec<AccountRow>, Failure>>,
    pub form: AddForm,
    /// The account whose password is being typed to log in again, and the password.
    pub login: Option<(String, SecretText)>,
    pub busy: bool,
    /// The last result, in words.
    pub status: Option<(String, Tone)>,
    /// The demo authenticator's code and its seconds left.
    pub demo_code: Option<(Zeroizing<String>, u64)>,
    /// The provider's login page while a browser login waits for the user.
    pub browser_page: Option<String>,
}

/// What the cloud screen does.
#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<AccountRow>, Failure>),
    Form(form::Message),
    AddPressed,
    Added(Result<String, Failure>),
    LoginPressed(String),
    LoginPasswordChanged(SecretText),
    LoginSubmitted,
    LoginCancelled,
    LoggedIn(Result<String, Failure>),
    /// "Log in in the browser" for a kept account.
    BrowserLoginPressed(String),
    /// A browser login (adding or logging in again) went on.
    Browser {
        adding: bool,
        progress: browser::Progress,
    },
    /// "Copy" beside the login page's address.
    CopyPagePressed,
    RemovePressed(String),
    Removed(Result<String, Failure>),
    Tick,
}

impl Cloud {
    /// The screen over Pecat's settings and the OS credential store.
    pub fn new(backend: Backend) -> (Self, Task<Message>) {
        Self::with_storage(backend, Storage::os())
    }

    /// The screen over given storage (tests use a temporary settings file and memory secrets).
    pub fn with_storage(backend: Backend, storage: Storage) -> (Self, Task<Message>) {
        let mut screen = Self {
            demo_code: backend.demo_code(),
            backend,
            storage,
            accounts: None,
            form: AddForm::default(),
            login: None,
            busy: false,
            status: None,
            browser_page: None,
        };
        let task = screen.reload();
        (screen, task)
    }

    fn reload(&mut self) -> Task<Message> {
        let (backend, storage) = (self.backend.clone(), self.storage.clone());
        Task::perform(blocking(move || load_blocking(&backend, &storage)), |r| Message::Loaded(r.and_then(|x| x)))
    }

    /// The demo code refreshes every second while the screen is open.
    pub fn subscription(&self) -> Subscription<Message> {
        if self.demo_code.is_some() {
            iced::time::every(Duration::from_secs(1)).map(|_| Message::Tick)
        } else {
            Subscription::none()
        }
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Loaded(r) => {
                self.accounts = Some(r);
                Task::none()
            }
            Message::Form(m) => {
                self.form.update(m);
                Task::none()
            }
            Message::AddPressed => {
                let Some((account, login)) = self.form.account() else { return Task::none() };
                self.busy = true;
                self.status = None;
                let (backend, storage) = (self.backend.clone(), self.storage.clone());
                match login {
                    Login::Password(password) => {
                        Task::perform(blocking(move || add_blocking(&backend, &storage, account, password)), |r| {
                            Message::Added(r.and_then(|x| x))
                        })
                    }
                    Login::Browser => {
                        let events =
                            browser::start(move |open| browser::add_blocking(&backend, &storage, account, open));
                        Task::run(events, |progress| Message::Browser { adding: true, progress })
                    }
                }
            }
            Message::BrowserLoginPressed(name) => {
                self.busy = true;
                self.status = None;
                let (backend, storage) = (self.backend.clone(), self.storage.clone());
                let events = browser::start(move |open| browser::login_blocking(&backend, &storage, &name, open));
                Task::run(events, |progress| Message::Browser { adding: false, progress })
            }
            Message::Browser { progress: browser::Progress::Opened(page), .. } => {
                self.browser_page = Some(page);
                Task::none()
            }
            Message::Browser { adding, progress: browser::Progress::Finished(r) } => {
                self.browser_page = None;
                let message = if adding { Message::Added(r) } else { Message::LoggedIn(r) };
                self.update(message)
            }
            Message::CopyPagePressed => match &self.browser_page {
                Some(page) => iced::clipboard::write(page.clone()),
                None => Task::none(),
            },
            Message::Added(r) => {
                self.busy = false;
                if r.is_ok() {
                    self.form = AddForm::default(); // the password is wiped with it
                }
                self.done(r, |name| fl!("cloud-added", name = name))
            }
            Message::LoginPressed(name) => {
                self.login = Some((name, SecretText::default()));
                Task::none()
            }
            Message::LoginPasswordChanged(s) => {
                if let Some((_, p)) = &mut self.login {
                    *p = s;
                }
                Task::none()
            }
            Message::LoginCancelled => {
                self.login = None;
                Task::none()
            }
            Message::LoginSubmitted => {
                let Some((name, password)) = self.login.take() else { return Task::none() };
                if password.is_empty() {
                    self.login = Some((name, password));
                    return Task::none();
                }
                let password = password.to_secret();
                self.busy = true;
                let (backend, storage) = (self.backend.clone(), self.storage.clone());
                Task::perform(blocking(move || login_blocking(&backend, &storage, &name, password)), |r| {
                    Message::LoggedIn(r.and_then(|x| x))
                })
            }
            Message::LoggedIn(r) => {
                self.busy = false;
                self.done(r, |name| fl!("cloud-logged-in", name = name))
            }
            Message::RemovePressed(name) => {
                self.busy = true;
                let (backend, storage) = (self.backend.clone(), self.storage.clone());
                Task::perform(blocking(move || remove_blocking(&backend, &storage, &name)), |r| {
                    Message::Removed(r.and_then(|x| x))
                })
            }
            Message::Removed(r) => {
                self.busy = false;
                self.done(r, |name| fl!("cloud-removed", name = name))
            }
            Message::Tick => {
                self.demo_code = self.backend.demo_code();
                Task::none()
            }
        }
    }

    fn done(&mut self, result: Result<String, Failure>, words: impl Fn(String) -> String) -> Task<Message> {
        self.status = Some(match result {
            Ok(name) => (words(name), Tone::Good),
            Err(e) => (crate::screen::failure_text(&e), Tone::Danger),
        });
        self.reload()
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut col = column![text(fl!("cloud-title")).size(24)].spacing(12);
        if let Some((code, left)) = &self.demo_code {
            let demo = column![
                field(fl!("cloud-demo-code"), code.as_str()),
                field(fl!("cloud-demo-left"), fl!("cloud-demo-seconds", seconds = left.to_string())),
                text(fl!("cloud-demo-explained", pin = pecat_core::DEMO_PIN)).size(13),
            ]
            .spacing(6);
            col = col.push(card(Some(fl!("cloud-demo-heading")), demo));
        }
        if let Some((words, tone)) = &self.status {
            col = col.push(notice(words.clone(), *tone));
        }
        if let Some(page) = &self.browser_page {
            col = col.push(card(
                Some(fl!("cloud-browser-waiting")),
                column![
                    text(fl!("cloud-browser-page")).size(14),
                    row![
                        text(page.clone()).size(12).width(iced::Length::Fill),
                        button(text(fl!("action-copy")).size(13))
                            .style(button::secondary)
                            .on_press(Message::CopyPagePressed),
                    ]
                    .spacing(12),
                ]
                .spacing(6),
            ));
        }
        col = col.push(self.view_accounts());
        col = col.push(card(
            Some(fl!("cloud-add-heading")),
            self.form.view(self.busy).map(|m| match m {
                form::Message::Submit => Message::AddPressed,
                other => Message::Form(other),
            }),
        ));
        col.into()
    }

    fn view_accounts(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match &self.accounts {
            None => text(fl!("cloud-loading")).into(),
            Some(Err(e)) => notice(crate::screen::failure_text(e), Tone::Danger),
            Some(Ok(rows)) if rows.is_empty() => text(fl!("cloud-no-accounts")).into(),
            Some(Ok(rows)) => {
                let mut list = column![].spacing(10);
                for r in rows {
                    list = list.push(self.view_account(r));
                }
                list.into()
            }
        };
        card(Some(fl!("cloud-accounts-heading")), body)
    }

    fn view_account<'a>(&'a self, r: &'a AccountRow) -> Element<'a, Message> {
        let a = &r.account;
        let state = if r.logged_in {
            badge(fl!("cloud-state-logged-in"), Tone::Good)
        } else {
            badge(fl!("cloud-state-needs-login"), Tone::Warning)
        };
        let mut col = column![
            row![text(a.name.clone()).size(16), state].spacing(10),
            text(fl!("cloud-account-line", user = a.user.clone(), url = a.url.clone())).size(13),
        ]
        .spacing(4);
        match &self.login {
            Some((name, password)) if *name == a.name => {
                col = col.push(
                    row![
                        text_input(&fl!("cloud-password"), password.as_str())
                            .id("cloud-login-password")
                            .secure(true)
                            .on_input(|s| Message::LoginPasswordChanged(SecretText::new(s)))
                            .on_submit(Message::LoginSubmitted),
                        button(text(fl!("cloud-login")))
                            .style(button::primary)
                            .on_press_maybe((!self.busy && !password.is_empty()).then_some(Message::LoginSubmitted)),
                        button(text(fl!("cloud-cancel"))).on_press(Message::LoginCancelled),
                    ]
                    .spacing(6),
                );
            }
            _ => {
                col = col.push(
                    row![
                        button(text(fl!("cloud-login")))
                            .on_press_maybe((!self.busy).then(|| Message::LoginPressed(a.name.clone()))),
                        button(text(fl!("cloud-login-browser")))
                            .style(button::secondary)
                            .on_press_maybe((!self.busy).then(|| Message::BrowserLoginPressed(a.name.clone()))),
                        button(text(fl!("cloud-remove")))
                            .style(button::danger)
                            .on_press_maybe((!self.busy).then(|| Message::RemovePressed(a.name.clone()))),
                    ]
                    .spacing(6),
                );
            }
        }
        col.into()
    }
}

/// The accounts the settings keep, each marked logged in when a store for it in the inventory
/// lists credentials (blocking: asks each store).
pub fn load_blocking(backend: &Backend, storage: &Storage) -> Result<Vec<AccountRow>, Failure> {
    let settings = storage.load()?;
    let stores = backend.inventory().stores();
    Ok(settings
        .accounts()
        .iter()
        .map(|a| {
            let id = StoreId::Cloud { service: a.url.clone(), account: a.user.clone() };
            let logged_in =
                stores.iter().any(|s| s.store_id() == id && s.signing_credentials().is_ok_and(|c| !c.is_empty()));
            AccountRow { account: a.clone(), logged_in }
        })
        .collect())
}

/// Runs a core call that logs in to an account (adding it, or logging in again; by password or in
/// the browser), keeps the settings it changed and puts the logged-in store in the inventory
/// (blocking: HTTP and the OS credential store). Returns the account's name.
pub(crate) fn log_in_with(
    backend: &Backend,
    storage: &Storage,
    call: impl FnOnce(&mut Settings, Option<&SecretStore>) -> pecat_core::Result<pecat_core::AddedAccount>,
) -> Result<String, Failure> {
    let mut settings = storage.load()?;
    let added = call(&mut settings, storage.secrets.as_deref())?;
    storage.save(&settings)?;
    backend.inventory().add_store(added.client);
    Ok(added.account.name)
}

/// Adds and logs in to an account with its password (blocking).
pub fn add_blocking(
    backend: &Backend,
    storage: &Storage,
    account: Account,
    password: pecat_token::SecretString,
) -> Result<String, Failure> {
    log_in_with(backend, storage, |settings, secrets| {
        pecat_core::add_account(settings, secrets, account, password, &CscOptions::default())
    })
}

/// Logs in to a kept account again with its password (blocking).
pub fn login_blocking(
    backend: &Backend,
    storage: &Storage,
    name: &str,
    password: pecat_token::SecretString,
) -> Result<String, Failure> {
    log_in_with(backend, storage, |settings, secrets| {
        pecat_core::login_account(settings, secrets, name, password, &CscOptions::default())
    })
}

/// Removes a kept account and its secrets, and takes its store out of the inventory so the
/// credentials list drops it at once (blocking).
pub fn remove_blocking(backend: &Backend, storage: &Storage, name: &str) -> Result<String, Failure> {
    let mut settings = storage.load()?;
    let removed = pecat_core::remove_account(&mut settings, storage.secrets.as_deref(), name)?;
    storage.save(&settings)?;
    let id = StoreId::Cloud { service: removed.account.url.clone(), account: removed.account.user.clone() };
    // An account on the demo service itself has the demo's identity: the demo stays.
    if !backend.is_demo(&id) {
        backend.apply(&pecat_core::StoreEvent::Removed { id });
    }
    Ok(removed.account.name)
}
