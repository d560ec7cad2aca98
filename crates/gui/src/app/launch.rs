//! How the app was asked to start (`--lang`, `--screen`, a file to verify) and the entries of
//! the navigation on the left.

use crate::fl;
use crate::i18n::Language;

/// How the app was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// `--lang` / `PECAT_LANG`.
    pub language: Option<Language>,
    /// `--screen` / `PECAT_SCREEN`.
    pub screen: Option<Start>,
    /// `PECAT_FIRST_FRAME_MARKER`: print a line when the first frame is drawn (benchmarks).
    pub first_frame_marker: bool,
    /// A PDF named on the command line ("Verify with Pecat" from a file manager): opened on the
    /// Verify screen.
    pub file: Option<std::path::PathBuf>,
}

impl Launch {
    /// The options given through the environment.
    pub fn from_env() -> Self {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
        Self {
            language: var("PECAT_LANG").and_then(|v| Language::from_tag(&v)),
            screen: var("PECAT_SCREEN").and_then(|v| Start::from_name(&v)),
            first_frame_marker: var("PECAT_FIRST_FRAME_MARKER").is_some(),
            file: None,
        }
    }
}

/// A screen the app can open on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A top-level screen.
    Nav(Nav),
    /// The first token in the list.
    FirstToken,
    /// The first personal certificate in the list.
    FirstCertificate,
    /// The renewal wizard for the first personal certificate.
    FirstRenewal,
}

impl Start {
    /// `credentials`, `settings`, `diagnostics`, `token`, `certificate`, `renew`, …
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "credentials" => Self::Nav(Nav::Credentials),
            "settings" => Self::Nav(Nav::Settings),
            "sign" => Self::Nav(Nav::Sign),
            "verify" => Self::Nav(Nav::Verify),
            "cloud" => Self::Nav(Nav::Cloud),
            "diagnostics" => Self::Nav(Nav::Diagnostics),
            "token" => Self::FirstToken,
            "certificate" => Self::FirstCertificate,
            "renew" => Self::FirstRenewal,
            _ => return None,
        })
    }
}

/// The entries of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Tokens and cloud credentials.
    Credentials,
    /// Sign PDFs.
    Sign,
    /// Verify a signed PDF.
    Verify,
    /// Cloud accounts.
    Cloud,
    /// Preferences.
    Settings,
    /// Why a token does not show up.
    Diagnostics,
}

impl Nav {
    /// The entries in the order shown.
    pub const ALL: [Nav; 6] =
        [Self::Credentials, Self::Sign, Self::Verify, Self::Cloud, Self::Settings, Self::Diagnostics];

    /// The entry's label.
    pub fn label(self) -> String {
        match self {
            Self::Credentials => fl!("nav-credentials"),
            Self::Sign => fl!("nav-sign"),
            Self::Verify => fl!("nav-verify"),
            Self::Cloud => fl!("nav-cloud"),
            Self::Settings => fl!("nav-settings"),
            Self::Diagnostics => fl!("nav-diagnostics"),
        }
    }
}
