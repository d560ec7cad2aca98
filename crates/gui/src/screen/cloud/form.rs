//! The form that adds a cloud account; its URL is checked by core as the user types, and the
//! password is a wiped secret.

use crate::widget::button;
use crate::widget::focus::checkbox;
use iced::Element;
use iced::widget::{column, text, text_input};
use pecat_core::{Account, Error, ServiceUrlProblem};
use pecat_token::SecretString;

use crate::fl;
use crate::secret::SecretText;
use crate::theme::Tone;
use crate::widget::badge::badge;

/// What the user typed.
#[derive(Debug, Clone, Default)]
pub struct AddForm {
    pub name: String,
    pub url: String,
    pub user: String,
    pub password: SecretText,
    /// Log in on the provider's web page (OAuth 2.0) instead of typing the password here.
    pub browser: bool,
}

/// How the account logs in.
#[derive(Debug)]
pub enum Login {
    /// With the password typed into the form.
    Password(SecretString),
    /// On the provider's page in the browser.
    Browser,
}

/// What the form does.
#[derive(Debug, Clone)]
pub enum Message {
    NameChanged(String),
    UrlChanged(String),
    UserChanged(String),
    PasswordChanged(SecretText),
    BrowserToggled(bool),
    Submit,
}

impl AddForm {
    /// Applies an edit.
    pub fn update(&mut self, message: Message) {
        match message {
            Message::NameChanged(s) => self.name = s,
            Message::UrlChanged(s) => self.url = s,
            Message::UserChanged(s) => self.user = s,
            Message::PasswordChanged(s) => self.password = s,
            Message::BrowserToggled(on) => {
                self.browser = on;
                if on {
                    self.password = SecretText::default(); // not needed: wiped
                }
            }
            Message::Submit => {}
        }
    }

    /// Why the URL cannot be used, in words; `None` when it can (or nothing was typed).
    pub fn url_problem(&self) -> Option<String> {
        if self.url.trim().is_empty() {
            return None;
        }
        match pecat_core::service_url(&self.url) {
            Ok(_) => None,
            Err(Error::InsecureServiceUrl { .. }) => Some(fl!("cloud-url-insecure")),
            Err(Error::BadServiceUrl { problem, .. }) => Some(match problem {
                ServiceUrlProblem::NotAUrl => fl!("cloud-url-not-url"),
                ServiceUrlProblem::NotHttp => fl!("cloud-url-not-http"),
                ServiceUrlProblem::HasCredentials => fl!("cloud-url-credentials"),
                ServiceUrlProblem::NoHost => fl!("cloud-url-no-host"),
            }),
            Err(e) => Some(crate::wording::error_text(&e)),
        }
    }

    /// The account and how it logs in, when everything needed is typed and the URL is usable.
    pub fn account(&self) -> Option<(Account, Login)> {
        let complete = !self.name.trim().is_empty()
            && !self.url.trim().is_empty()
            && !self.user.trim().is_empty()
            && (self.browser || !self.password.is_empty());
        (complete && self.url_problem().is_none()).then(|| {
            let login = if self.browser { Login::Browser } else { Login::Password(self.password.to_secret()) };
            (Account::new(self.name.trim(), self.url.trim(), self.user.trim()), login)
        })
    }

    /// The form; `busy` while an account is being added.
    pub fn view(&self, busy: bool) -> Element<'_, Message> {
        let mut col = column![
            text_input(&fl!("cloud-name"), &self.name).id("cloud-name").on_input(Message::NameChanged),
            text_input(&fl!("cloud-url"), &self.url).id("cloud-url").on_input(Message::UrlChanged),
        ]
        .spacing(8);
        if let Some(problem) = self.url_problem() {
            col = col.push(badge(problem, Tone::Warning));
        }
        col = col.push(text_input(&fl!("cloud-user"), &self.user).id("cloud-user").on_input(Message::UserChanged));
        col = col.push(checkbox(self.browser, fl!("cloud-browser"), Message::BrowserToggled));
        if !self.browser {
            col = col.push(
                text_input(&fl!("cloud-password"), self.password.as_str())
                    .id("cloud-password")
                    .secure(true)
                    .on_input(|s| Message::PasswordChanged(SecretText::new(s)))
                    .on_submit(Message::Submit),
            );
        }
        col = col.push(
            button(text(if busy { fl!("cloud-adding") } else { fl!("cloud-add") }))
                .style(button::primary)
                .on_press_maybe((!busy && self.account().is_some()).then_some(Message::Submit)),
        );
        col.into()
    }
}
