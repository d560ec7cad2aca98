//! The masked dialog that asks for a credential's PIN and one-time code; what was typed lives in
//! wiped memory and goes when the dialog closes.

use crate::widget::button;
use iced::widget::{column, container, row, text, text_input};
use iced::{Element, Length};
use pecat_token::{AuthRequirement, CodeDelivery, Secrets};

use crate::fl;
use crate::secret::SecretText;

/// The PIN / code dialog.
#[derive(Debug, Clone)]
pub struct AuthDialog {
    pub requirement: AuthRequirement,
    /// Whose credential, for the heading.
    pub holder: String,
    pub pin: SecretText,
    pub code: SecretText,
    /// The service said it sent the code (SMS, e-mail).
    pub code_sent: bool,
}

/// What the dialog does.
#[derive(Debug, Clone)]
pub enum Message {
    PinChanged(SecretText),
    CodeChanged(SecretText),
    ConfirmPressed,
    CancelPressed,
}

/// How the dialog ended.
#[derive(Debug)]
pub enum Outcome {
    /// Still open.
    Open,
    /// The secrets to sign with.
    Confirmed(Secrets),
    Cancelled,
}

impl AuthDialog {
    /// A dialog for `requirement`.
    pub fn new(requirement: AuthRequirement, holder: String) -> Self {
        Self { requirement, holder, pin: SecretText::default(), code: SecretText::default(), code_sent: false }
    }

    /// Whether everything needed was typed.
    pub fn is_complete(&self) -> bool {
        (!self.requirement.needs_pin() || !self.pin.is_empty())
            && (!self.requirement.needs_code() || !self.code.is_empty())
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> Outcome {
        match message {
            Message::PinChanged(s) => self.pin = s,
            Message::CodeChanged(s) => self.code = s,
            Message::ConfirmPressed if self.is_complete() => {
                let take = |s: &SecretText, needed: bool| needed.then(|| s.to_secret());
                return Outcome::Confirmed(Secrets {
                    pin: take(&self.pin, self.requirement.needs_pin()),
                    code: take(&self.code, self.requirement.needs_code()),
                });
            }
            Message::ConfirmPressed => {}
            Message::CancelPressed => return Outcome::Cancelled,
        }
        Outcome::Open
    }

    /// The dialog's content.
    pub fn view(&self) -> Element<'_, Message> {
        let mut col = column![text(fl!("sign-auth-title", holder = self.holder.clone())).size(20)].spacing(12);
        if self.requirement.needs_pin() {
            col = col.push(text(fl!("sign-auth-pin")));
            col = col.push(
                text_input(&fl!("sign-auth-pin-placeholder"), self.pin.as_str())
                    .id("sign-pin")
                    .secure(true)
                    .on_input(|s| Message::PinChanged(SecretText::new(s)))
                    .on_submit(Message::ConfirmPressed),
            );
        }
        if self.requirement.needs_code() {
            let hint = match self.requirement {
                AuthRequirement::PinAndCode { delivery: CodeDelivery::Sent }
                | AuthRequirement::Code { delivery: CodeDelivery::Sent } => {
                    if self.code_sent {
                        fl!("sign-auth-code-sent")
                    } else {
                        fl!("sign-auth-code-sending")
                    }
                }
                _ => fl!("sign-auth-code-app"),
            };
            col = col.push(text(hint));
            col = col.push(
                text_input(&fl!("sign-auth-code-placeholder"), self.code.as_str())
                    .id("sign-code")
                    .secure(true)
                    .on_input(|s| Message::CodeChanged(SecretText::new(s)))
                    .on_submit(Message::ConfirmPressed),
            );
        }
        let confirm = button(text(fl!("sign-auth-confirm")))
            .style(button::primary)
            .on_press_maybe(self.is_complete().then_some(Message::ConfirmPressed));
        col =
            col.push(row![button(text(fl!("sign-auth-cancel"))).on_press(Message::CancelPressed), confirm].spacing(10));
        container(col).padding(20).width(Length::Fixed(420.0)).style(container::bordered_box).into()
    }
}
