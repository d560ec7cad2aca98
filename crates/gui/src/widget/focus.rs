//! Keyboard focus for the widgets iced 0.14 leaves out of it (buttons, check boxes, togglers,
//! pick lists): Tab and Shift+Tab reach them in reading order, a visible ring shows the focused
//! one, Enter or Space presses it, and Up/Down step through a pick list's choices.
//!
//! [`Focusable`] wraps any widget. It takes part in iced's focus operations (so the app's
//! `focus_next` / `focus_previous` treat it like a text input) and presses the widget it wraps by
//! replaying a left click at its centre: the wrapped widget's own `on_press` / `on_toggle` runs,
//! and no message is repeated here. A mouse click anywhere clears the ring, as browsers do with
//! `:focus-visible`: the ring is for keyboard users.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::operation::Focusable as FocusState;
use iced::advanced::widget::{Operation, Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, overlay};
use iced::keyboard::{self, key::Named};
use iced::{Border, Color, Element, Event, Length, Rectangle, Size, Theme, Vector, mouse};

/// Moves a pick list's choice: `-1` for the previous one, `+1` for the next.
type Step<'a, M> = Box<dyn Fn(i32) -> Option<M> + 'a>;

/// A widget that Tab can reach; see the module's documentation.
pub struct Focusable<'a, M> {
    content: Element<'a, M>,
    step: Option<Step<'a, M>>,
    /// A screen under a dialog (see [`inert`]) rather than a control.
    inert: bool,
}

impl<M> std::fmt::Debug for Focusable<'_, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Focusable")
            .field("steps", &self.step.is_some())
            .field("inert", &self.inert)
            .finish_non_exhaustive()
    }
}

/// Makes `content` reachable with Tab and pressable with Enter or Space.
pub fn focusable<'a, M: Clone + 'a>(content: impl Into<Element<'a, M>>) -> Focusable<'a, M> {
    Focusable { content: content.into(), step: None, inert: false }
}

impl<'a, M> Focusable<'a, M> {
    /// Up and Down (or Left and Right) publish `step(-1)` and `step(+1)`: for pick lists, whose
    /// menu iced does not drive from the keyboard.
    pub fn on_step(mut self, step: impl Fn(i32) -> Option<M> + 'a) -> Self {
        self.step = Some(Box::new(step));
        self
    }
}

#[derive(Debug, Default)]
struct State {
    focused: bool,
}

impl FocusState for State {
    fn is_focused(&self) -> bool {
        self.focused
    }
    fn focus(&mut self) {
        self.focused = true;
    }
    fn unfocus(&mut self) {
        self.focused = false;
    }
}

/// What a key press means to a focused widget.
enum KeyAction {
    Press,
    Step(i32),
}

fn key_action(event: &Event) -> Option<KeyAction> {
    let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else { return None };
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    match key.as_ref() {
        keyboard::Key::Named(Named::Enter | Named::Space) => Some(KeyAction::Press),
        keyboard::Key::Named(Named::ArrowUp | Named::ArrowLeft) => Some(KeyAction::Step(-1)),
        keyboard::Key::Named(Named::ArrowDown | Named::ArrowRight) => Some(KeyAction::Step(1)),
        _ => None,
    }
}

impl<M: Clone> Widget<M, Theme, iced::Renderer> for Focusable<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &iced::Renderer, limits: &layout::Limits) -> layout::Node {
        self.content.as_widget_mut().layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        if self.inert {
            self.content.as_widget_mut().operate(&mut tree.children[0], layout, renderer, &mut NoFocus(operation));
            return;
        }
        operation.focusable(None, layout.bounds(), tree.state.downcast_mut::<State>());
        self.content.as_widget_mut().operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        if self.inert && matches!(event, Event::Keyboard(_)) {
            return;
        }
        if let Event::Mouse(mouse::Event::ButtonPressed(_)) = event {
            let state = tree.state.downcast_mut::<State>();
            if state.focused {
                state.focused = false;
                shell.request_redraw();
            }
        }
        let focused = tree.state.downcast_ref::<State>().focused;
        match key_action(event).filter(|_| focused) {
            Some(KeyAction::Press) => {
                let centre = mouse::Cursor::Available(layout.bounds().center());
                for click in [
                    mouse::Event::ButtonPressed(mouse::Button::Left),
                    mouse::Event::ButtonReleased(mouse::Button::Left),
                ] {
                    // A shell of its own per event: the press is captured by the widget, and a
                    // captured shell would make it ignore the release.
                    let mut messages = Vec::new();
                    let mut inner = Shell::new(&mut messages);
                    self.content.as_widget_mut().update(
                        &mut tree.children[0],
                        &Event::Mouse(click),
                        layout,
                        centre,
                        renderer,
                        clipboard,
                        &mut inner,
                        viewport,
                    );
                    shell.merge(inner, std::convert::identity);
                }
                shell.capture_event();
            }
            Some(KeyAction::Step(step)) => {
                if let Some(message) = self.step.as_ref().and_then(|f| f(step)) {
                    shell.publish(message);
                    shell.capture_event();
                }
            }
            None => self.content.as_widget_mut().update(
                &mut tree.children[0],
                event,
                layout,
                cursor,
                renderer,
                clipboard,
                shell,
                viewport,
            ),
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(&tree.children[0], layout, cursor, viewport, renderer)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(&tree.children[0], renderer, theme, style, layout, cursor, viewport);
        if tree.state.downcast_ref::<State>().focused {
            use iced::advanced::Renderer as _;
            renderer.fill_quad(
                Quad {
                    bounds: layout.bounds().expand(2.0),
                    border: Border { color: ring_colour(theme), width: 2.0, radius: 6.0.into() },
                    ..Quad::default()
                },
                Color::TRANSPARENT,
            );
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, iced::Renderer>> {
        self.content.as_widget_mut().overlay(&mut tree.children[0], layout, renderer, viewport, translation)
    }
}

/// The focus ring: the theme's strong primary colour, visible on light and dark backgrounds.
fn ring_colour(theme: &Theme) -> Color {
    let palette = theme.extended_palette();
    if palette.is_dark { palette.primary.base.color } else { palette.primary.strong.color }
}

impl<'a, M: Clone + 'a> From<Focusable<'a, M>> for Element<'a, M> {
    fn from(widget: Focusable<'a, M>) -> Self {
        Element::new(widget)
    }
}

/// A labelled check box that Tab reaches and Enter or Space toggles.
pub fn checkbox<'a, M: Clone + 'a>(
    checked: bool,
    label: String,
    on_toggle: impl Fn(bool) -> M + 'a,
) -> Focusable<'a, M> {
    focusable(iced::widget::checkbox(checked).label(label).on_toggle(on_toggle))
}

/// A labelled toggler that Tab reaches and Enter or Space switches.
pub fn toggler<'a, M: Clone + 'a>(on: bool, label: String, on_toggle: impl Fn(bool) -> M + 'a) -> Focusable<'a, M> {
    focusable(iced::widget::toggler(on).label(label).on_toggle(on_toggle))
}

/// A pick list that Tab reaches and Up/Down step through.
pub fn pick_list<'a, T, M>(
    options: impl Into<Vec<T>>,
    selected: Option<T>,
    on_select: impl Fn(T) -> M + Clone + 'a,
    width: impl Into<Length>,
) -> Focusable<'a, M>
where
    T: ToString + PartialEq + Clone + 'a,
    M: Clone + 'a,
{
    let options: Vec<T> = options.into();
    let position = selected.as_ref().and_then(|s| options.iter().position(|o| o == s));
    let list = iced::widget::pick_list(options.clone(), selected, on_select.clone()).width(width);
    focusable(list).on_step(move |step| {
        let next = match position {
            Some(i) => i.checked_add_signed(step as isize)?,
            None => 0,
        };
        options.get(next).cloned().map(&on_select)
    })
}

/// A screen under a dialog: drawn, but out of the tab order and deaf to the keyboard, so Tab and
/// Enter stay inside the dialog. (The dialog's own backdrop keeps the mouse out.)
pub fn inert<'a, M: Clone + 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    Focusable { content: content.into(), step: None, inert: true }.into()
}

/// An operation that passes everything on except focus: text and ids stay findable under a
/// dialog, but nothing there can take the focus.
struct NoFocus<'a>(&'a mut dyn Operation);

impl Operation for NoFocus<'_> {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        self.0.traverse(&mut |inner| operate(&mut NoFocus(inner)));
    }
    fn container(&mut self, id: Option<&iced::widget::Id>, bounds: Rectangle) {
        self.0.container(id, bounds);
    }
    fn scrollable(
        &mut self,
        id: Option<&iced::widget::Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        state: &mut dyn iced::advanced::widget::operation::Scrollable,
    ) {
        self.0.scrollable(id, bounds, content_bounds, translation, state);
    }
    fn text_input(
        &mut self,
        id: Option<&iced::widget::Id>,
        bounds: Rectangle,
        state: &mut dyn iced::advanced::widget::operation::TextInput,
    ) {
        self.0.text_input(id, bounds, state);
    }
    fn text(&mut self, id: Option<&iced::widget::Id>, bounds: Rectangle, text: &str) {
        self.0.text(id, bounds, text);
    }
    fn custom(&mut self, id: Option<&iced::widget::Id>, bounds: Rectangle, state: &mut dyn std::any::Any) {
        self.0.custom(id, bounds, state);
    }
    fn finish(&self) -> iced::advanced::widget::operation::Outcome<()> {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::widget::button;
    use crate::widget::headless::Headless;
    use iced::advanced::widget::operation::focusable::{focus_next, focus_previous};
    use iced::widget::{column, stack, text, text_input};

    #[derive(Debug, Clone, PartialEq)]
    enum Msg {
        Pressed(&'static str),
        Toggled(bool),
        Typed(String),
        Picked(&'static str),
    }

    /// Presses Tab `tabs` times (Shift+Tab for negative counts) the way the app does (iced's
    /// focus operations), then `key`, and returns the messages the view published.
    fn keyboard(view: Element<'_, Msg>, tabs: i32, key: Named) -> Vec<Msg> {
        let mut ui = Headless::new(view);
        for _ in 0..tabs.unsigned_abs() {
            if tabs > 0 {
                ui.operate(focus_next::<()>());
            } else {
                ui.operate(focus_previous::<()>());
            }
        }
        ui.press(key)
    }

    fn form<'a>() -> Element<'a, Msg> {
        column![
            button(text("One")).on_press(Msg::Pressed("one")),
            button(text("Disabled")),
            text_input("", "").on_input(Msg::Typed),
            checkbox(false, "Check".into(), Msg::Toggled),
            toggler(true, "Toggle".into(), Msg::Toggled),
            pick_list(["a", "b", "c"], Some("b"), Msg::Picked, Length::Shrink),
            button(text("Two")).style(button::secondary).on_press(Msg::Pressed("two")),
        ]
        .into()
    }

    #[test]
    fn tab_reaches_every_enabled_control_in_reading_order_and_enter_or_space_presses_it() {
        assert_eq!(keyboard(form(), 0, Named::Enter), vec![], "nothing is focused before Tab");
        assert_eq!(keyboard(form(), 1, Named::Enter), vec![Msg::Pressed("one")]);
        assert_eq!(keyboard(form(), 1, Named::Space), vec![Msg::Pressed("one")]);
        // The disabled button is skipped: the second stop is the text input, which takes keys.
        assert_eq!(keyboard(form(), 2, Named::Enter), vec![]);
        assert_eq!(keyboard(form(), 3, Named::Space), vec![Msg::Toggled(true)]);
        assert_eq!(keyboard(form(), 4, Named::Enter), vec![Msg::Toggled(false)]);
        assert_eq!(keyboard(form(), 5, Named::ArrowDown), vec![Msg::Picked("c")]);
        assert_eq!(keyboard(form(), 5, Named::ArrowUp), vec![Msg::Picked("a")]);
        assert_eq!(keyboard(form(), 6, Named::Enter), vec![Msg::Pressed("two")]);
        assert_eq!(keyboard(form(), -1, Named::Enter), vec![Msg::Pressed("two")], "Shift+Tab starts from the end");
        // Past the last control the focus leaves the page (iced's order), and the next Tab starts over.
        assert_eq!(keyboard(form(), 7, Named::Enter), vec![]);
        assert_eq!(keyboard(form(), 8, Named::Enter), vec![Msg::Pressed("one")]);
    }

    #[test]
    fn a_pick_list_does_not_step_past_its_ends() {
        let last = || column![pick_list(["a", "b"], Some("b"), Msg::Picked, Length::Shrink)].into();
        assert_eq!(keyboard(last(), 1, Named::ArrowDown), vec![]);
        let first = || column![pick_list(["a", "b"], Some("a"), Msg::Picked, Length::Shrink)].into();
        assert_eq!(keyboard(first(), 1, Named::ArrowUp), vec![]);
    }

    #[test]
    fn a_screen_under_a_dialog_is_out_of_the_tab_order_and_deaf_to_keys() {
        let view = || -> Element<'_, Msg> {
            stack![
                inert(column![button(text("Behind")).on_press(Msg::Pressed("behind"))]),
                column![button(text("Dialog")).on_press(Msg::Pressed("dialog"))],
            ]
            .into()
        };
        assert_eq!(keyboard(view(), 1, Named::Enter), vec![Msg::Pressed("dialog")]);
        assert_eq!(keyboard(view(), 2, Named::Enter), vec![], "past the dialog's last control: nothing behind it");
        assert_eq!(keyboard(view(), 3, Named::Enter), vec![Msg::Pressed("dialog")], "Tab stays in the dialog");
        // What is under the dialog is still there to find (tests and screen readers read it).
        let mut sim = iced_test::simulator(view());
        assert!(sim.find("Behind").is_ok());
    }
}
