//! The PIN dialog: change the PIN, unblock it with the PUK, or change the PUK. Fields are
//! masked, the new secret is checked against the token's rules as it is typed (core
//! `check_request`), the last try must be confirmed, and everything typed is wiped when the
//! dialog closes.

use crate::widget::button;
use crate::widget::focus::checkbox;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Length};
use pecat_core::{NewSecret, PinOperation, PinRequest, check_request, warn_long_for_macos};
use pecat_token::{HostOs, PinOptions, PinStatus, PolicyViolation, VendorProfile};

use crate::fl;
use crate::secret::SecretText;
use crate::theme::Tone;
use crate::widget::badge::notice;
use crate::widget::field::card;
use crate::wording::{policy_text, puk_word};

/// The dialog's fields.
#[derive(Debug, Clone)]
pub struct PinDialog {
    operation: PinOperation,
    profile: VendorProfile,
    status: PinStatus,
    current: SecretText,
    new: SecretText,
    confirmation: SecretText,
    /// The token is at its last try: the user must tick the box first.
    final_try: bool,
    confirmed: bool,
    /// On macOS: the user accepts a PIN longer than 8 characters.
    allow_long: bool,
    busy: bool,
    host: HostOs,
}

/// What the user does in the dialog.
#[derive(Debug, Clone)]
pub enum Message {
    /// The current PIN / PUK field changed.
    CurrentChanged(SecretText),
    /// The new secret field changed.
    NewChanged(SecretText),
    /// The confirmation field changed.
    ConfirmationChanged(SecretText),
    /// The last-try box was ticked or cleared.
    FinalTryConfirmed(bool),
    /// The macOS length override was ticked or cleared.
    AllowLongToggled(bool),
    /// "Change" / "Unblock" was pressed.
    SubmitPressed,
    /// "Cancel" was pressed.
    CancelPressed,
}

/// What the dialog asks of its screen.
#[derive(Debug)]
pub enum Action {
    /// Run this request with these options (the dialog stays, busy, until the result).
    Run(PinRequest, PinOptions),
    /// Close the dialog.
    Close,
}

/// Text field ids, for tests and focus.
pub const CURRENT_ID: &str = "pin-current";
/// The new secret's field.
pub const NEW_ID: &str = "pin-new";
/// The confirmation field.
pub const CONFIRM_ID: &str = "pin-confirm";

impl PinDialog {
    /// A dialog for `operation`, with the state read just before (`final_try` when the
    /// precheck asked for confirmation of the last try).
    pub fn new(operation: PinOperation, profile: VendorProfile, status: PinStatus, final_try: bool) -> Self {
        Self {
            operation,
            profile,
            status,
            current: SecretText::default(),
            new: SecretText::default(),
            confirmation: SecretText::default(),
            final_try,
            confirmed: false,
            allow_long: false,
            busy: false,
            host: HostOs::current(),
        }
    }

    /// Pretends to run on another OS (tests of the macOS rule).
    pub fn with_host(mut self, host: HostOs) -> Self {
        self.host = host;
        self
    }

    /// The operation.
    pub fn operation(&self) -> PinOperation {
        self.operation
    }

    /// Whether a request is running.
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// The request finished: the dialog can be used again; a wrong current secret is cleared.
    pub fn finished(&mut self, clear_current: bool) {
        self.busy = false;
        if clear_current {
            self.current = SecretText::default();
        }
    }

    /// The state read after a failed try (a wrong PIN may have reached the last try).
    pub fn set_status(&mut self, status: PinStatus) {
        let puk = self.operation.presented() == pecat_token::SecretKind::Puk;
        let info = if puk { status.puk.clone() } else { Some(status.user.clone()) };
        if info.is_some_and(|i| i.state == pecat_token::PinState::FinalTry) {
            self.final_try = true;
            self.confirmed = false;
        }
        self.status = status;
    }

    fn options(&self) -> PinOptions {
        PinOptions { confirm_last_try: self.final_try && self.confirmed, allow_long_pin: self.allow_long }
    }

    fn request(&self) -> PinRequest {
        let new = || NewSecret { secret: self.new.to_secret(), confirmation: Some(self.confirmation.to_secret()) };
        match self.operation {
            PinOperation::Verify => PinRequest::Verify { pin: self.current.to_secret() },
            PinOperation::ChangePin => PinRequest::ChangePin { old: self.current.to_secret(), new: new() },
            PinOperation::Unblock => PinRequest::Unblock { puk: self.current.to_secret(), new: new() },
            PinOperation::ChangePuk => PinRequest::ChangePuk { old: self.current.to_secret(), new: new() },
        }
    }

    /// The rule the new secret breaks now, if any (shown as the user types).
    pub fn violation(&self) -> Option<PolicyViolation> {
        if self.new.is_empty() {
            return None;
        }
        let request = self.request();
        let violation = check_request(&self.profile, &self.status, &request, self.host, self.options()).err()?;
        // The confirmation is judged only once something was typed in it.
        match violation {
            PolicyViolation::ConfirmationMismatch if self.confirmation.is_empty() => None,
            PolicyViolation::SameAsOld if self.current.is_empty() => None,
            v => Some(v),
        }
    }

    /// Whether "Change" can be pressed.
    pub fn ready(&self) -> bool {
        !self.busy
            && !self.current.is_empty()
            && !self.new.is_empty()
            && !self.confirmation.is_empty()
            && (!self.final_try || self.confirmed)
            && check_request(&self.profile, &self.status, &self.request(), self.host, self.options()).is_ok()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> Option<Action> {
        match message {
            Message::CurrentChanged(s) => self.current = s,
            Message::NewChanged(s) => self.new = s,
            Message::ConfirmationChanged(s) => self.confirmation = s,
            Message::FinalTryConfirmed(on) => self.confirmed = on,
            Message::AllowLongToggled(on) => self.allow_long = on,
            Message::CancelPressed => return (!self.busy).then_some(Action::Close),
            Message::SubmitPressed => {
                if !self.ready() {
                    return None;
                }
                self.busy = true;
                return Some(Action::Run(self.request(), self.options()));
            }
        }
        None
    }

    fn puk(&self) -> String {
        puk_word(&self.profile.puk_label)
    }

    /// The dialog.
    pub fn view(&self) -> Element<'_, Message> {
        let puk = self.puk();
        let (title, current_label, new_label, submit) = match self.operation {
            PinOperation::Verify | PinOperation::ChangePin => {
                (fl!("pin-change-title"), fl!("pin-current"), fl!("pin-new"), fl!("pin-change-submit"))
            }
            PinOperation::Unblock => (
                fl!("pin-unblock-title"),
                fl!("pin-puk-current", puk = puk.clone()),
                fl!("pin-new"),
                fl!("pin-unblock-submit"),
            ),
            PinOperation::ChangePuk => (
                fl!("pin-change-puk-title", puk = puk.clone()),
                fl!("pin-puk-current", puk = puk.clone()),
                fl!("pin-puk-new", puk = puk.clone()),
                fl!("pin-change-submit"),
            ),
        };
        let rules = pecat_core::new_secret_rules(
            &self.profile,
            &self.status,
            self.operation.new_secret().unwrap_or(pecat_token::SecretKind::Pin),
        );
        let rule_text = match (rules.max, rules.charset) {
            (usize::MAX, pecat_token::PinCharset::Digits) => fl!("pin-rules-digits-min", min = rules.min),
            (usize::MAX, _) => fl!("pin-rules-min", min = rules.min),
            (max, pecat_token::PinCharset::Digits) => fl!("pin-rules-digits", min = rules.min, max = max),
            (max, _) => fl!("pin-rules", min = rules.min, max = max),
        };
        let input = |label: String, value: &SecretText, id: &'static str, on: fn(SecretText) -> Message| {
            column![
                text(label).size(14),
                text_input("", value.as_str())
                    .id(id)
                    .secure(true)
                    .on_input(move |s| on(SecretText::new(s)))
                    .on_submit(Message::SubmitPressed)
                    .padding(8)
                    .width(320),
            ]
            .spacing(4)
        };
        let mut col = column![text(title).size(20)].spacing(10);
        if self.operation == PinOperation::Unblock {
            col = col.push(text(fl!("pin-unblock-explained", puk = puk.clone())).size(14));
        }
        col = col
            .push(input(current_label, &self.current, CURRENT_ID, Message::CurrentChanged))
            .push(input(new_label, &self.new, NEW_ID, Message::NewChanged))
            .push(input(fl!("pin-confirm"), &self.confirmation, CONFIRM_ID, Message::ConfirmationChanged))
            .push(text(rule_text).size(13));
        if let Some(v) = self.violation() {
            col = col.push(notice(policy_text(&v), Tone::Warning));
        } else if !self.new.is_empty()
            && warn_long_for_macos(&self.profile, &self.status, &self.request(), self.host, self.options())
        {
            col = col.push(notice(fl!("pin-macos-warning"), Tone::Warning));
        }
        if matches!(self.violation(), Some(PolicyViolation::LongerThanMacOs { .. })) || self.allow_long {
            col = col.push(checkbox(self.allow_long, fl!("pin-macos-override"), Message::AllowLongToggled));
        }
        if self.final_try {
            let which =
                if self.operation.presented() == pecat_token::SecretKind::Puk { puk } else { fl!("secret-pin") };
            col = col.push(notice(fl!("pin-final-try-warning", secret = which), Tone::Danger)).push(checkbox(
                self.confirmed,
                fl!("pin-final-try-confirm"),
                Message::FinalTryConfirmed,
            ));
        }
        let mut submit = button(text(if self.busy { fl!("pin-working") } else { submit })).style(button::primary);
        if self.ready() {
            submit = submit.on_press(Message::SubmitPressed);
        }
        let mut cancel = button(text(fl!("action-cancel"))).style(button::secondary);
        if !self.busy {
            cancel = cancel.on_press(Message::CancelPressed);
        }
        col = col.push(row![submit, cancel].spacing(12));
        card(None, col.width(Length::Fill))
    }
}
