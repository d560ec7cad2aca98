//! The screens shown right of the navigation. Each owns its `Message`, answers
//! `update(&mut self, Message) -> (Task<Message>, Option<Event>)` and draws itself in `view()`.

pub mod certificate;
pub mod cloud;
pub mod credentials;
pub mod diagnostics;
pub mod renew;
pub mod settings;
pub mod sign;
pub mod token;
pub mod verify;

pub use crate::wording::failure_text;

/// The screen shown. The credentials list itself lives in the app so it stays live.
#[derive(Debug)]
pub enum Screen {
    /// Tokens and cloud credentials.
    Credentials,
    /// One token: details and its PINs.
    Token(Box<token::Token>),
    /// One certificate: details, chain, export.
    Certificate(Box<certificate::Certificate>),
    /// The renewal wizard for one certificate.
    Renew(Box<renew::Renew>),
    /// Preferences.
    Settings(settings::Settings),
    /// Modules, readers and versions.
    Diagnostics(diagnostics::Diagnostics),
    /// Signing PDFs.
    Sign(Box<sign::Sign>),
    /// Verifying a signed PDF.
    Verify(Box<verify::Verify>),
    /// Cloud accounts and the demo code.
    Cloud(Box<cloud::Cloud>),
}
