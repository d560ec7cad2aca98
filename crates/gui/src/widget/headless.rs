//! A view run without a window, for the widgets' unit tests: iced's operations applied as the
//! runtime applies them (following chained operations), and key presses delivered.

#![allow(clippy::unwrap_used)]

use iced::advanced::renderer::Headless as _;
use iced::advanced::widget::Operation;
use iced::advanced::widget::operation::{Outcome, black_box};
use iced::keyboard::{self, key::Named};
use iced::{Element, Event, Size, mouse};
use iced_runtime::user_interface::{Cache, UserInterface};

/// A view laid out at 800×600 with the tiny-skia renderer.
pub struct Headless<'a, M> {
    ui: UserInterface<'a, M, iced::Theme, iced::Renderer>,
    renderer: iced::Renderer,
}

impl<'a, M> Headless<'a, M> {
    /// Lays `view` out.
    pub fn new(view: Element<'a, M>) -> Self {
        let mut renderer =
            iced::futures::executor::block_on(iced::Renderer::new(crate::app::FONT, 16.into(), Some("tiny-skia")))
                .unwrap();
        let ui = UserInterface::build(view, Size::new(800.0, 600.0), Cache::default(), &mut renderer);
        Self { ui, renderer }
    }

    /// Applies `operation` to the view, and the operations it chains to, and returns its result.
    pub fn operate<T>(&mut self, operation: impl Operation<T> + 'static) -> Option<T> {
        let mut op: Box<dyn Operation<T>> = Box::new(operation);
        loop {
            self.ui.operate(&self.renderer, &mut black_box::<_, ()>(op.as_mut()));
            match op.finish() {
                Outcome::Chain(next) => op = next,
                Outcome::Some(out) => return Some(out),
                Outcome::None => return None,
            }
        }
    }

    /// Presses `key` (no modifiers) and returns the messages the view published.
    pub fn press(&mut self, key: Named) -> Vec<M> {
        let key = keyboard::Key::Named(key);
        let press = Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::default(),
            text: None,
            repeat: false,
        });
        let mut messages = Vec::new();
        let _ = self.ui.update(
            &[press],
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut iced::advanced::clipboard::Null,
            &mut messages,
        );
        messages
    }
}
