//! Small widgets shared by the screens.

pub mod badge;
pub mod button;
pub mod field;
pub mod focus;
#[cfg(test)]
pub(crate) mod headless;
pub mod preview;
pub mod reveal;

pub use button::button;
