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
use pecat::screen::cloud::{self, AccountRow, Cloud, Storage};
use pecat::screen::diagnostics::{self, Diagnostics};
use pecat::screen::settings::Settings;
use pecat::screen::sign::{self, Sign};
use pecat::widget::preview::render_page;
use pecat_core::diagnostics::{
    CardService, Failure as DiagnosisFailure, KnownAbsent, ModuleDiagnosis, ModuleOutcome, Read, Report, SlotDiagnosis,
    SocketState, TokenDiagnosis, UnitState, Versions,
};
use pecat_core::{PinOperation, SecretStore};
use pecat_token::{ModuleCandidate, ModuleSource, PinInfo, PinLength, PinState, PinStatus, Registry, TokenFlags};
use std::sync::Arc;

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

/// A diagnostics report as core would collect it on a helpdesk call: one token read, a driver
/// that does not load, a known driver missing, the smart-card service stopped (fixed data, so
/// the rendering does not depend on this machine).
fn diagnostics_report() -> Report {
    let token = TokenDiagnosis {
        label: "Ana Popescu".into(),
        manufacturer: "SafeNet".into(),
        model: "eToken 5110".into(),
        serial: "0247A1B2".into(),
        firmware: "20.1".into(),
        hardware: "1.0".into(),
        flags: TokenFlags { token_initialized: true, login_required: true, ..TokenFlags::default() },
        pins: Read::Read(PinStatus {
            user: PinInfo { state: PinState::CountLow, tries_left: Some(3), max_tries: Some(10) },
            ..pin_status()
        }),
        profile: "safenet".into(),
    };
    let candidate = |path: &str, name: &str, source| ModuleCandidate {
        path: path.into(),
        name: name.into(),
        profile: "generic".into(),
        source,
    };
    Report {
        versions: Versions {
            app: "pecat 0.1.0 (1234567890ab)".into(),
            core: "0.1.0".into(),
            os: "linux".into(),
            arch: "x86_64".into(),
            os_release: Some("Debian GNU/Linux 12 (bookworm)".into()),
        },
        modules: vec![
            ModuleDiagnosis {
                candidate: candidate("/usr/lib/libeTPkcs11.so", "SafeNet eToken", ModuleSource::Known),
                outcome: ModuleOutcome::Loaded {
                    library: "SafeNet eToken PKCS#11 10.8".into(),
                    slots: vec![SlotDiagnosis {
                        slot: Some(0),
                        reader: Some("AKS ifdh 00 00".into()),
                        token: Read::Read(token),
                    }],
                },
            },
            ModuleDiagnosis {
                candidate: candidate("/opt/vendor/libbroken.so", "libbroken.so", ModuleSource::Settings),
                outcome: ModuleOutcome::Failed {
                    failure: DiagnosisFailure::NotLoadable { reason: "wrong ELF class: ELFCLASS32".into() },
                },
            },
        ],
        known_absent: vec![KnownAbsent {
            id: "idprime".into(),
            name: "Thales IDPrime".into(),
            looked_for: vec!["/usr/lib/libIDPrimePKCS11.so".into()],
        }],
        card_service: CardService::Pcscd {
            socket: SocketState::Absent { path: "/run/pcscd/pcscd.comm".into() },
            units: Some(vec![UnitState {
                unit: "pcscd.socket".into(),
                active: "inactive".into(),
                enabled: "disabled".into(),
            }]),
        },
    }
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
    // A two-page PDF for the sign screen, read and previewed as the screen's tasks would.
    let pdf = dir.path().join("contract.pdf");
    std::fs::write(&pdf, pecat_testkit::simple_pdf(2, "1.7", pecat_testkit::XrefShape::Classic)).unwrap();
    let cloud_storage =
        Storage { settings: Some(dir.path().join("cloud.toml")), secrets: Some(Arc::new(SecretStore::memory())) };
    let mut failures = Vec::new();
    for language in Language::ALL {
        i18n::select(language);
        let tag = language.tag();
        let app = App::with_backend(Backend::new());
        let (settings, _) = Settings::new(Backend::new(), Preferences::default(), None);
        let mut dialog = PinDialog::new(PinOperation::Unblock, profile.clone(), pin_status(), true);
        dialog.update(pecat::modal::pin::Message::NewChanged(pecat::secret::SecretText::new("12".into())));
        let (mut sign, _) = Sign::new(Backend::new());
        let _ = sign.update(sign::Message::CredentialsLoaded(Ok(Vec::new())));
        let _ = sign.update(sign::Message::FilesPicked(vec![pdf.clone()]));
        let _ =
            sign.update(sign::Message::Inspected(pdf.clone(), pecat_core::inspect_document(&pdf).map_err(Into::into)));
        let _ = sign.update(sign::Message::PreviewRendered(pdf.clone(), 1, render_page(&pdf, 1)));
        let _ = sign.update(sign::Message::ReasonChanged("Aprob".into()));
        let mut diagnostics = Diagnostics::default();
        let _ = diagnostics.update(diagnostics::Message::Loaded(Ok(Box::new(diagnostics_report()))));
        let (mut cloud, _) = Cloud::with_storage(Backend::new(), cloud_storage.clone());
        let account = pecat_core::Account::new("certSIGN", "https://csc.example.ro/csc/v2", "ana.popescu");
        let _ = cloud.update(cloud::Message::Loaded(Ok(vec![AccountRow { account, logged_in: false }])));
        for m in [
            cloud::form::Message::NameChanged("Namirial".into()),
            cloud::form::Message::UrlChanged("http://csc.example.com".into()),
        ] {
            let _ = cloud.update(cloud::Message::Form(m));
        }
        for (name, view) in [
            (format!("credentials-{tag}"), app.view()),
            (format!("settings-{tag}"), settings.view().map(|_| pecat::app::Message::FirstFrame)),
            (format!("pin-dialog-{tag}"), dialog.view().map(|_| pecat::app::Message::FirstFrame)),
            (format!("sign-{tag}"), sign.view().map(|_| pecat::app::Message::FirstFrame)),
            (format!("diagnostics-{tag}"), diagnostics.view().map(|_| pecat::app::Message::FirstFrame)),
            (format!("cloud-{tag}"), cloud.view().map(|_| pecat::app::Message::FirstFrame)),
        ] {
            if let Err(e) = check(&name, view) {
                failures.push(e);
            }
        }
    }
    i18n::select(Language::English);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
