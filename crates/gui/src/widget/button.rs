//! Pecat's buttons: iced's button inside [`Focusable`](super::focus::Focusable), so Tab reaches
//! every enabled button and Enter or Space presses it. The screens import `crate::widget::button`
//! where they would import `iced::widget::button`; the style functions are the same.

use iced::widget::button as iced_button;
use iced::{Element, Length, Padding, Theme};

pub use iced_button::{Status, Style, danger, primary, secondary, success, text};

use super::focus::focusable;

/// A button; see the module's documentation.
pub struct Button<'a, M> {
    inner: iced_button::Button<'a, M>,
    enabled: bool,
}

impl<M> std::fmt::Debug for Button<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Button").field("enabled", &self.enabled).finish_non_exhaustive()
    }
}

/// A button showing `content`; disabled (and skipped by Tab) until it gets a message.
pub fn button<'a, M>(content: impl Into<Element<'a, M>>) -> Button<'a, M> {
    Button { inner: iced_button(content), enabled: false }
}

impl<'a, M: Clone + 'a> Button<'a, M> {
    /// The message sent when the button is pressed.
    pub fn on_press(self, message: M) -> Self {
        Button { inner: self.inner.on_press(message), enabled: true }
    }

    /// [`Self::on_press`] when `message` is `Some`, disabled otherwise.
    pub fn on_press_maybe(self, message: Option<M>) -> Self {
        let enabled = message.is_some();
        Button { inner: self.inner.on_press_maybe(message), enabled }
    }

    /// The button's look.
    pub fn style(self, style: impl Fn(&Theme, Status) -> Style + 'a) -> Self {
        Button { inner: self.inner.style(style), ..self }
    }

    /// The button's width.
    pub fn width(self, width: impl Into<Length>) -> Self {
        Button { inner: self.inner.width(width), ..self }
    }

    /// Space around the content.
    pub fn padding(self, padding: impl Into<Padding>) -> Self {
        Button { inner: self.inner.padding(padding), ..self }
    }
}

impl<'a, M: Clone + 'a> From<Button<'a, M>> for Element<'a, M> {
    fn from(button: Button<'a, M>) -> Self {
        if button.enabled { focusable(button.inner).into() } else { button.inner.into() }
    }
}
