// Snapshots of the main screens in each language at 1024×700, compared by hash with the
// baselines committed in `tests/snapshots/`. A missing baseline FAILS (iced_test would write it
// and pass); baselines are written only by the explicit bless step:
// `PECAT_BLESS_SNAPSHOTS=1 ICED_TEST_BACKEND=tiny-skia cargo test -p pecat --test snapshots`.

use crate::common;
use std::path::{Path, PathBuf};

use iced::{Element, Theme};
use pecat::app::App;
use pecat::backend::Backend;
use pecat::i18n::{self, Language};
use pecat::modal::pin::PinDialog;
use pecat::preferences::Preferences;
use pecat::screen::settings::Settings;
use pecat_core::PinOperation;
use pecat_token::{PinInfo, PinLength, PinState, PinStatus, Registry};

fn baseline_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("snapshots")
}

/// Compares the view with its baseline, or writes the baseline when blessing.
fn check<M>(name: &str, view: Element<'_, M>) -> Result<(), String> {
    let renderer = std::env::var("ICED_TEST_BACKEND").unwrap_or_default();
    assert_eq!(renderer, "tiny-skia", "run with ICED_TEST_BACKEND=tiny-skia: baselines are tiny-skia renderings");
    let mut sim = iced_test::Simulator::with_size(common::settings(), (1024.0, 700.0), view);
    let snapshot = sim.snapshot(&Theme::Light).unwrap();
    let path = baseline_dir().join(format!("{name}.png"));
    let hash_file = baseline_dir().join(format!("{name}-tiny-skia.sha256"));
    if std::env::var_os("PECAT_BLESS_SNAPSHOTS").is_some() {
        let _ = std::fs::remove_file(&hash_file);
        let _ = std::fs::remove_file(baseline_dir().join(format!("{name}-tiny-skia.png")));
        snapshot.matches_hash(&path).unwrap();
        // Kept beside the hash so a reviewer can see what was blessed.
        snapshot.matches_image(&path).unwrap();
        return Ok(());
    }
    if !hash_file.exists() {
        return Err(format!("{name}: no baseline {}; bless with PECAT_BLESS_SNAPSHOTS=1", hash_file.display()));
    }
    if snapshot.matches_hash(&path).unwrap() { Ok(()) } else { Err(format!("{name}: differs from its baseline")) }
}

fn pin_status() -> PinStatus {
    PinStatus {
        user: PinInfo { state: PinState::FinalTry, tries_left: Some(1), max_tries: Some(10) },
        puk: Some(PinInfo { state: PinState::Ok, tries_left: None, max_tries: None }),
        puk_label: "Administrator password".into(),
        unblock_hint: None,
        pin_pad: false,
        pin_length: PinLength { min: 4, max: Some(16) },
    }
}

pub fn main_screens_in_every_language_match_their_baselines() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the test runs alone (see screens.rs), before any worker thread reads these.
    unsafe {
        std::env::set_var("PECAT_SETTINGS", dir.path().join("settings.toml"));
        std::env::set_var("PECAT_TRUST_DIR", dir.path().join("trust"));
    }
    std::fs::create_dir_all(dir.path().join("trust")).unwrap();
    let mut profile = Registry::builtin().generic().clone();
    profile.puk_label = "Administrator password".into();
    let mut failures = Vec::new();
    for language in Language::ALL {
        i18n::select(language);
        let tag = language.tag();
        let app = App::with_backend(Backend::new());
        let (settings, _) = Settings::new(Backend::new(), Preferences::default(), None);
        let mut dialog = PinDialog::new(PinOperation::Unblock, profile.clone(), pin_status(), true);
        dialog.update(pecat::modal::pin::Message::NewChanged(pecat::secret::SecretText::new("12".into())));
        for (name, view) in [
            (format!("credentials-{tag}"), app.view()),
            (format!("settings-{tag}"), settings.view().map(|_| pecat::app::Message::FirstFrame)),
            (format!("pin-dialog-{tag}"), dialog.view().map(|_| pecat::app::Message::FirstFrame)),
        ] {
            if let Err(e) = check(&name, view) {
                failures.push(e);
            }
        }
    }
    i18n::select(Language::English);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
