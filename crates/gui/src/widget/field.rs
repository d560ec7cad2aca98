//! A labelled value (`Issuer: CN=…`) and a card that groups such lines.

use iced::widget::{column, container, row, text};
use iced::{Border, Element, Length};

/// `label` in a fixed column, `value` beside it, selectable-looking and wrapping.
pub fn field<'a, M: 'a>(label: impl Into<String>, value: impl Into<String>) -> Element<'a, M> {
    row![text(label.into()).width(220).size(14), text(value.into()).size(14).width(Length::Fill)].spacing(12).into()
}

/// A bordered card around `content`, with an optional heading.
pub fn card<'a, M: 'a>(heading: Option<String>, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    let mut col = column![].spacing(8);
    if let Some(h) = heading {
        col = col.push(text(h).size(18));
    }
    container(col.push(content))
        .padding(14)
        .width(Length::Fill)
        .style(|theme: &iced::Theme| {
            let palette = theme.extended_palette();
            container::Style {
                background: Some(palette.background.weakest.color.into()),
                border: Border { radius: 6.0.into(), width: 1.0, color: palette.background.strong.color },
                ..container::Style::default()
            }
        })
        .into()
}
