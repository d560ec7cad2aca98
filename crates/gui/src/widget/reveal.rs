//! Keeps the keyboard focus in sight: after Tab moves it, the window's content scrolls so the
//! focused control is visible (iced scrolls nothing by itself when the focus moves).

use iced::advanced::widget::operation::{Focusable, Outcome, Scrollable};
use iced::advanced::widget::{Id, Operation};
use iced::widget::operation::AbsoluteOffset;
use iced::{Rectangle, Task, Vector};

/// Room left above or below the focused control when scrolling to it.
const MARGIN: f32 = 24.0;

/// Scrolls the scrollable `content` so the focused control shows, when it is out of sight, then
/// sends `redraw` (iced does not redraw after a scroll operation by itself).
pub fn reveal_focus<T: Clone + Send + 'static>(content: Id, redraw: T) -> Task<T> {
    iced::advanced::widget::operate(FindFocus {
        content: content.clone(),
        view: None,
        focused: None,
        entering: false,
        inside: false,
    })
    .then(move |offset| match offset {
        Some(y) => iced::widget::operation::scroll_to(content.clone(), AbsoluteOffset { x: None, y: Some(y) })
            .chain(Task::done(redraw.clone())),
        None => Task::none(),
    })
}

/// The new vertical offset of a scrollable whose viewport is `view` (scrolled by `scrolled`,
/// content starting at `content_top`) so that `target` (in content coordinates) is in sight.
pub fn offset_to_show(view: Rectangle, content_top: f32, scrolled: f32, target: Rectangle) -> Option<f32> {
    let top = target.y - scrolled;
    let bottom = top + target.height;
    if top < view.y {
        Some((target.y - content_top - MARGIN).max(0.0))
    } else if bottom > view.y + view.height {
        Some(target.y + target.height - content_top - view.height + MARGIN)
    } else {
        None
    }
}

struct FindFocus {
    content: Id,
    /// The content scrollable: its viewport, where its content starts, and how far it is scrolled.
    view: Option<(Rectangle, f32, Vector)>,
    /// The focused control, when it is inside the content scrollable (the navigation is not).
    focused: Option<Rectangle>,
    /// The content scrollable was just met: the next traversal is its content.
    entering: bool,
    /// Within the content scrollable.
    inside: bool,
}

impl Operation<Option<f32>> for FindFocus {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<Option<f32>>)) {
        let outer = self.inside;
        if std::mem::take(&mut self.entering) {
            self.inside = true;
        }
        operate(self);
        self.inside = outer;
    }

    fn scrollable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        if id == Some(&self.content) {
            self.view = Some((bounds, content_bounds.y, translation));
            self.entering = true;
        }
    }

    fn focusable(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() && self.inside {
            self.focused = Some(bounds);
        }
    }

    fn finish(&self) -> Outcome<Option<f32>> {
        let offset = match (self.view, self.focused) {
            (Some((view, top, scrolled)), Some(target)) => offset_to_show(view, top, scrolled.y, target),
            _ => None,
        };
        Outcome::Some(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Rectangle = Rectangle { x: 200.0, y: 0.0, width: 800.0, height: 700.0 };

    fn control(y: f32) -> Rectangle {
        Rectangle { x: 220.0, y, width: 100.0, height: 30.0 }
    }

    #[test]
    fn a_control_in_sight_scrolls_nothing() {
        assert_eq!(offset_to_show(VIEW, 0.0, 0.0, control(300.0)), None);
        assert_eq!(offset_to_show(VIEW, 0.0, 500.0, control(900.0)), None);
    }

    #[test]
    fn a_control_below_the_window_is_scrolled_up_into_sight_with_a_margin() {
        let y = offset_to_show(VIEW, 0.0, 0.0, control(1000.0)).unwrap();
        assert_eq!(y, 1000.0 + 30.0 - 700.0 + MARGIN);
        // Once scrolled there, it is in sight.
        assert_eq!(offset_to_show(VIEW, 0.0, y, control(1000.0)), None);
    }

    #[test]
    fn a_control_above_the_window_is_scrolled_down_to() {
        assert_eq!(offset_to_show(VIEW, 0.0, 800.0, control(100.0)), Some(100.0 - MARGIN));
        assert_eq!(offset_to_show(VIEW, 0.0, 800.0, control(10.0)), Some(0.0), "never above the top");
    }

    /// Tabs `tabs` times through a navigation button and a button far down a scrollable, then
    /// asks where the scrollable must go.
    fn offset_after(tabs: usize) -> Option<f32> {
        use crate::widget::button;
        use crate::widget::headless::Headless;
        use iced::advanced::widget::operation::focusable::focus_next;
        use iced::widget::{column, row, scrollable, space, text};

        let view: iced::Element<'_, ()> = row![
            button(text("Nav")).on_press(()),
            scrollable(column![space().height(1000), button(text("Far down")).on_press(())]).id("content"),
        ]
        .into();
        let mut ui = Headless::new(view);
        for _ in 0..tabs {
            ui.operate(focus_next::<()>());
        }
        let find = FindFocus { content: Id::new("content"), view: None, focused: None, entering: false, inside: false };
        ui.operate(find).flatten()
    }

    #[test]
    fn only_a_control_inside_the_content_scrolls_it() {
        assert_eq!(offset_after(1), None, "the navigation is outside the content");
        let y = offset_after(2).expect("the far button is below the window");
        assert!(y > 400.0, "{y}");
    }
}
