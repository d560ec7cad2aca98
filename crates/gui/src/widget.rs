//! Small widgets shared by the screens.

pub mod badge;
pub mod field;
pub mod preview;
