//! Small widgets shared by the screens.

pub mod badge;
pub mod button;
pub mod field;
pub mod focus;
pub mod preview;

pub use button::button;
