//! One hardware token: what it is, its PIN and PUK state, and the helpdesk operations — change
//! the PIN, unblock it with the PUK (the vendor's word for it), change the PUK — through core's
//! precheck and PIN workflow. A token without a PUK (the Serbian eID) says who unblocks it.

use std::sync::Arc;

use crate::widget::button;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::{
    PinOperation, PinPrecheck, PinRequest, PinResult, TokenView, precheck_pin_operation, run_pin_operation,
};
use pecat_token::{HostOs, PinManagement, PinOptions, PinOutcome, Pkcs11Token, PukKind, StoreId, VendorProfile};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::modal::pin::{self, PinDialog};
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};
use crate::wording::{failure_text, no_puk_text, outcome_text, pin_state_text, puk_word};

/// The token read from the device.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Information and PIN state.
    pub view: TokenView,
    /// The vendor profile (PUK wording and rules).
    pub profile: VendorProfile,
}

/// The token screen.
#[derive(Debug)]
pub struct Token {
    backend: Backend,
    id: StoreId,
    loaded: Option<Loaded>,
    dialog: Option<PinDialog>,
    /// The last operation's result, in words.
    result: Option<(String, Tone)>,
    problem: Option<String>,
}

/// What happens on the token screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The token was read.
    Loaded(Result<Box<Loaded>, Failure>),
    /// "Back" was pressed.
    BackPressed,
    /// An operation's button was pressed.
    OperationPressed(PinOperation),
    /// The state was read before asking for secrets.
    Prechecked(PinOperation, Result<PinPrecheck, Failure>),
    /// From the PIN dialog.
    Dialog(pin::Message),
    /// The operation finished.
    Finished(Result<PinResult, Failure>),
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Back to the list.
    Back,
    /// PIN state changed: refresh the list.
    PinsChanged,
}

fn token_of(backend: &Backend, id: &StoreId) -> Result<Arc<Pkcs11Token>, Failure> {
    backend.token(id).ok_or_else(|| Failure::Core(pecat_token::Error::TokenRemoved { token: id.reference() }.into()))
}

fn read(backend: &Backend, id: &StoreId) -> Result<Loaded, Failure> {
    let token = token_of(backend, id)?;
    let view = pecat_core::token_view(token.as_ref())?;
    Ok(Loaded { view, profile: token.profile().clone() })
}

impl Token {
    /// The screen for token `id`; it is read off the UI thread.
    pub fn new(backend: Backend, id: StoreId) -> (Self, Task<Message>) {
        let screen = Self { backend, id, loaded: None, dialog: None, result: None, problem: None };
        let task = screen.load();
        (screen, task)
    }

    fn load(&self) -> Task<Message> {
        let (backend, id) = (self.backend.clone(), self.id.clone());
        Task::perform(async move { blocking(move || read(&backend, &id).map(Box::new)).await? }, Message::Loaded)
    }

    /// The token as read.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    /// The open dialog.
    pub fn dialog(&self) -> Option<&PinDialog> {
        self.dialog.as_ref()
    }

    /// The last result shown.
    pub fn result(&self) -> Option<&(String, Tone)> {
        self.result.as_ref()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok(l)) => {
                if let Some(d) = &mut self.dialog {
                    d.set_status(l.view.pins.clone());
                }
                self.loaded = Some(*l);
                self.problem = None;
            }
            Message::Loaded(Err(e)) => self.problem = Some(failure_text(&e)),
            Message::BackPressed => {
                self.dialog = None;
                return (Task::none(), Some(Event::Back));
            }
            Message::OperationPressed(op) => {
                self.result = None;
                let (backend, id) = (self.backend.clone(), self.id.clone());
                let task = Task::perform(
                    async move {
                        blocking(move || {
                            let token = token_of(&backend, &id)?;
                            Ok(precheck_pin_operation(token.as_ref(), op, PinOptions::default())?)
                        })
                        .await?
                    },
                    move |r| Message::Prechecked(op, r),
                );
                return (task, None);
            }
            Message::Prechecked(op, Ok(check)) => {
                let Some(loaded) = &self.loaded else { return (Task::none(), None) };
                match check.refused {
                    None => self.dialog = Some(PinDialog::new(op, loaded.profile.clone(), check.status, false)),
                    Some(PinOutcome::NeedsConfirmation { .. }) => {
                        self.dialog = Some(PinDialog::new(op, loaded.profile.clone(), check.status, true))
                    }
                    Some(refused) => self.result = Some(outcome_text(&refused, &puk_word(&loaded.profile.puk_label))),
                }
            }
            Message::Prechecked(_, Err(e)) => self.problem = Some(failure_text(&e)),
            Message::Dialog(m) => {
                let Some(dialog) = &mut self.dialog else { return (Task::none(), None) };
                match dialog.update(m) {
                    Some(pin::Action::Close) => self.dialog = None,
                    Some(pin::Action::Run(request, options)) => return (self.run(request, options), None),
                    None => {}
                }
            }
            Message::Finished(Ok(result)) => {
                let label = self.loaded.as_ref().map(|l| puk_word(&l.profile.puk_label)).unwrap_or_default();
                self.result = Some(outcome_text(&result.outcome, &label));
                if let Some(l) = &mut self.loaded {
                    l.view.pins = result.after.clone();
                }
                match result.outcome {
                    PinOutcome::Done { .. } => self.dialog = None,
                    PinOutcome::WrongPin { .. } => {
                        if let Some(d) = &mut self.dialog {
                            d.finished(true);
                            d.set_status(result.after);
                        }
                    }
                    PinOutcome::Locked { .. } | PinOutcome::NoPuk { .. } => self.dialog = None,
                    _ => {
                        if let Some(d) = &mut self.dialog {
                            d.finished(false);
                            d.set_status(result.after);
                        }
                    }
                }
                return (Task::none(), Some(Event::PinsChanged));
            }
            Message::Finished(Err(e)) => {
                self.problem = Some(failure_text(&e));
                if let Some(d) = &mut self.dialog {
                    d.finished(false);
                }
                return (self.load(), None);
            }
        }
        (Task::none(), None)
    }

    fn run(&self, request: PinRequest, options: PinOptions) -> Task<Message> {
        let Some(loaded) = &self.loaded else { return Task::none() };
        let before = loaded.view.pins.clone();
        let (backend, id) = (self.backend.clone(), self.id.clone());
        Task::perform(
            async move {
                blocking(move || {
                    let token = token_of(&backend, &id)?;
                    Ok(run_pin_operation(token.as_ref(), &before, &request, HostOs::current(), options)?)
                })
                .await?
            },
            Message::Finished,
        )
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let back = button(text(fl!("action-back"))).style(button::text).on_press(Message::BackPressed);
        let mut col = column![back].spacing(14);
        if let Some(p) = &self.problem {
            col = col.push(notice(p.clone(), Tone::Danger));
        }
        let Some(loaded) = &self.loaded else {
            return col.push(text(fl!("token-loading"))).into();
        };
        let info = &loaded.view.info;
        let pins = &loaded.view.pins;
        let puk = puk_word(&loaded.profile.puk_label);
        col = col.push(text(fl!("token-title", label = info.label.clone())).size(26));
        let mut details = column![
            field(fl!("token-maker"), format!("{} {}", info.manufacturer, info.model)),
            field(fl!("token-serial"), info.serial.clone()),
            field(fl!("token-kind"), loaded.view.profile.clone()),
            field(fl!("token-module"), info.module_name.clone()),
            field(fl!("token-reader"), info.slot_description.clone()),
            field(fl!("token-firmware"), info.firmware.clone()),
        ]
        .spacing(6);
        if let Some(role) = &loaded.view.role {
            details = details.push(field(fl!("token-role"), role.clone()));
        }
        col = col.push(card(Some(fl!("token-details")), details));

        let (pin_words, pin_tone) = pin_state_text(&pins.user, &fl!("secret-pin"));
        let mut state = row![badge(pin_words, pin_tone)].spacing(8);
        if let Some(p) = &pins.puk {
            let (words, tone) = pin_state_text(p, &puk);
            state = state.push(badge(words, tone));
        }
        let mut secrets = column![state.wrap()].spacing(10);
        if pins.is_dead() {
            secrets = secrets.push(notice(fl!("token-dead", puk = puk.clone()), Tone::Danger));
        }
        if pins.pin_pad {
            secrets = secrets.push(text(fl!("token-pin-pad")).size(14));
        }
        let busy = self.dialog.is_some();
        let action = |label: String, op: PinOperation| {
            let b = button(text(label)).style(button::secondary);
            if busy { b } else { b.on_press(Message::OperationPressed(op)) }
        };
        let mut actions = row![action(fl!("token-change-pin"), PinOperation::ChangePin)].spacing(12);
        if loaded.profile.puk == PukKind::None {
            secrets = secrets.push(notice(no_puk_text(loaded.profile.unblock_hint.as_deref()), Tone::Neutral));
        } else {
            actions = actions
                .push(action(fl!("token-unblock", puk = puk.clone()), PinOperation::Unblock))
                .push(action(fl!("token-change-puk", puk = puk.clone()), PinOperation::ChangePuk));
        }
        secrets = secrets.push(actions.wrap());
        if let Some((words, tone)) = &self.result {
            secrets = secrets.push(notice(words.clone(), *tone));
        }
        col = col.push(card(Some(fl!("token-pins")), secrets));
        if let Some(d) = &self.dialog {
            col = col.push(d.view().map(Message::Dialog));
        }
        col.width(Length::Fill).into()
    }
}
