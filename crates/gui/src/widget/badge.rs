//! Status badges: colour, icon and words together (never colour alone), and the notice bar.

use iced::widget::{container, row, text};
use iced::{Border, Element, Length};

use crate::theme::Tone;

/// A compact badge: `✔ PIN ok`.
pub fn badge<'a, M: 'a>(words: impl Into<String>, tone: Tone) -> Element<'a, M> {
    container(row![text(tone.icon()).size(14), text(words.into()).size(14)].spacing(6))
        .padding([3, 8])
        .style(move |theme| style(theme, tone))
        .into()
}

/// A full-width notice: an error or a warning with what to do next.
pub fn notice<'a, M: 'a>(words: impl Into<String>, tone: Tone) -> Element<'a, M> {
    container(row![text(tone.icon()), text(words.into())].spacing(8))
        .padding(10)
        .width(Length::Fill)
        .style(move |theme| style(theme, tone))
        .into()
}

fn style(theme: &iced::Theme, tone: Tone) -> container::Style {
    container::Style {
        background: Some(tone.background(theme).into()),
        text_color: Some(tone.text(theme)),
        border: Border { radius: 4.0.into(), ..Border::default() },
        ..container::Style::default()
    }
}
