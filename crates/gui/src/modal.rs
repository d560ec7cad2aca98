//! Dialogs shown over a screen.

pub mod pin;
