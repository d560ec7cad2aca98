//! The credentials list: hardware tokens and cloud credentials in one list, kept live by the
//! store watcher, each with its PIN state and nearest expiry at a glance.

mod watch;

use std::time::SystemTime;

use crate::widget::button;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::StoreKind;
use pecat_token::StoreId;

use crate::backend::{Backend, Failure, StoreRow, blocking};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::card;
use crate::wording::{expiry_text, failure_text, pin_state_text, puk_word};

pub use watch::watch;

/// The list's state.
#[derive(Debug)]
pub struct Credentials {
    backend: Backend,
    rows: Vec<StoreRow>,
    state: State,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Loading,
    Ready,
    Failed(String),
}

/// What happens in the list.
#[derive(Debug, Clone)]
pub enum Message {
    /// The stores were read again.
    Refreshed(Result<Vec<StoreRow>, Failure>),
    /// "Refresh" was pressed.
    RefreshPressed,
    /// A token's "Details and PINs" was pressed.
    TokenPressed(StoreId),
    /// A certificate was pressed.
    CertificatePressed { store: StoreId, id: String },
}

/// What the app must do for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Open the token screen.
    OpenToken(StoreId),
    /// Open the certificate screen.
    OpenCertificate { store: StoreId, id: String },
    /// The list was loaded (the app may open the screen asked for at start).
    Loaded,
}

impl Credentials {
    /// An empty list over `backend`.
    pub fn new(backend: Backend) -> Self {
        Self { backend, rows: Vec::new(), state: State::Loading }
    }

    /// Shows the list as loading (modules are being discovered).
    pub fn set_loading(&mut self) {
        self.state = State::Loading;
    }

    /// The rows shown.
    pub fn rows(&self) -> &[StoreRow] {
        &self.rows
    }

    /// Whether the list is being read.
    pub fn is_loading(&self) -> bool {
        self.state == State::Loading
    }

    /// Reads every store again, off the UI thread.
    pub fn refresh(&mut self) -> Task<Message> {
        let backend = self.backend.clone();
        Task::perform(blocking(move || backend.rows(SystemTime::now())), Message::Refreshed)
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Refreshed(Ok(rows)) => {
                self.rows = rows;
                self.state = State::Ready;
                (Task::none(), Some(Event::Loaded))
            }
            Message::Refreshed(Err(e)) => {
                self.state = State::Failed(failure_text(&e));
                (Task::none(), Some(Event::Loaded))
            }
            Message::RefreshPressed => {
                self.state = State::Loading;
                (self.refresh(), None)
            }
            Message::TokenPressed(id) => (Task::none(), Some(Event::OpenToken(id))),
            Message::CertificatePressed { store, id } => (Task::none(), Some(Event::OpenCertificate { store, id })),
        }
    }

    /// No subscription of its own: the app runs the watcher.
    pub fn subscription(&self) -> iced::Subscription<Message> {
        iced::Subscription::none()
    }

    /// The list.
    pub fn view(&self) -> Element<'_, Message> {
        let refresh = button(text(fl!("action-refresh"))).style(button::secondary).on_press(Message::RefreshPressed);
        let mut col = column![row![text(fl!("credentials-title")).size(26).width(Length::Fill), refresh]].spacing(14);
        match &self.state {
            State::Loading => col = col.push(text(fl!("credentials-loading"))),
            State::Failed(why) => col = col.push(notice(why.clone(), Tone::Danger)),
            State::Ready if self.rows.is_empty() => col = col.push(notice(fl!("credentials-none"), Tone::Neutral)),
            State::Ready => {}
        }
        for r in &self.rows {
            col = col.push(store_card(r));
        }
        col.into()
    }
}

fn store_card(r: &StoreRow) -> Element<'_, Message> {
    let o = &r.overview;
    let (kind, detail) = match &o.kind {
        StoreKind::Hardware { manufacturer, model, module } => {
            (fl!("store-kind-hardware"), format!("{manufacturer} {model} · {module} · {}", o.id.reference()))
        }
        StoreKind::Cloud { service } if r.demo => (fl!("store-kind-demo"), service.clone()),
        StoreKind::Cloud { service } => (fl!("store-kind-cloud"), format!("{} · {service}", o.id.reference())),
    };
    let mut badges = row![].spacing(8);
    if r.demo {
        badges = badges.push(badge(fl!("store-demo-badge"), Tone::Neutral));
    }
    if let Some(pins) = &o.pins {
        let (words, tone) = pin_state_text(&pins.user, &fl!("secret-pin"));
        badges = badges.push(badge(words, tone));
        if let Some(puk) = &pins.puk
            && puk.state != pecat_token::PinState::Ok
        {
            let (words, tone) = pin_state_text(puk, &puk_word(&pins.puk_label));
            badges = badges.push(badge(words, tone));
        }
    }
    match o.nearest() {
        Some(c) => {
            let (words, tone) = expiry_text(&c.expiry, &c.certificate.summary().not_after_iso);
            badges = badges.push(badge(words, tone));
        }
        None => badges = badges.push(badge(fl!("store-no-certificate"), Tone::Neutral)),
    }
    let mut body = column![
        row![text(o.label.clone()).size(18), text(kind).size(14)].spacing(12),
        text(detail).size(13),
        badges.wrap(),
    ]
    .spacing(8);
    if let Some(e) = &o.error {
        body = body.push(notice(crate::wording::error_text(e), Tone::Warning));
    }
    for c in &o.certificates {
        let s = c.certificate.summary();
        let holder = crate::wording::holder(s);
        let (words, _) = expiry_text(&c.expiry, &s.not_after_iso);
        body = body.push(
            button(row![text(holder).width(Length::Fill), text(words).size(13)].spacing(12))
                .width(Length::Fill)
                .style(button::secondary)
                .on_press(Message::CertificatePressed { store: o.id.clone(), id: c.id.clone() }),
        );
    }
    if o.pins.is_some() {
        body = body.push(
            button(text(fl!("action-token-details")))
                .style(button::primary)
                .on_press(Message::TokenPressed(o.id.clone())),
        );
    }
    card(None, body)
}
