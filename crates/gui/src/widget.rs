//! Small widgets shared by the screens.

pub mod badge;
pub mod button;
pub mod field;
pub mod focus;
pub mod preview;
pub mod reveal;

pub use button::button;
