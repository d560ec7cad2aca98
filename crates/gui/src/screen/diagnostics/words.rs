//! The diagnostics report in the user's words: each part of core's typed report, and the whole
//! report as text for the clipboard (the same facts `pecat-cli doctor` prints, translated).

use std::fmt::Write as _;

use pecat_core::diagnostics::{
    CardService, Failure, KnownAbsent, ModuleDiagnosis, ModuleOutcome, Read, Report, SlotDiagnosis, SocketState,
    TokenDiagnosis, Versions,
};
use pecat_token::ModuleSource;

use crate::fl;
use crate::theme::Tone;
use crate::wording::{pin_state_text, puk_word};

/// The operating system: the distribution's name when known, with OS and architecture.
pub fn system(v: &Versions) -> String {
    match &v.os_release {
        Some(name) => format!("{name} ({} {})", v.os, v.arch),
        None => format!("{} {}", v.os, v.arch),
    }
}

/// A module's badge: loaded with how many tokens, loaded with none, or failed.
pub fn module_status(m: &ModuleDiagnosis) -> (String, Tone) {
    match (&m.outcome, m.usable_tokens()) {
        (ModuleOutcome::Failed { .. }, _) => (fl!("diagnostics-failed"), Tone::Danger),
        (ModuleOutcome::Loaded { .. }, 0) => (fl!("diagnostics-loaded-empty"), Tone::Warning),
        (ModuleOutcome::Loaded { .. }, tokens) => (fl!("diagnostics-loaded", tokens = tokens), Tone::Good),
    }
}

/// How the module was found.
pub fn source(source: &ModuleSource) -> String {
    match source {
        ModuleSource::CommandLine => fl!("diagnostics-source-command-line"),
        ModuleSource::Environment => fl!("diagnostics-source-environment"),
        ModuleSource::Settings => fl!("diagnostics-source-settings"),
        ModuleSource::Known => fl!("diagnostics-source-known"),
    }
}

/// Why a module or token could not be used.
pub fn failure(f: &Failure) -> String {
    match f {
        Failure::Missing => fl!("diagnostics-failure-missing"),
        Failure::NotLoadable { reason } => fl!("diagnostics-failure-not-loadable", reason = reason.clone()),
        Failure::InitializeFailed { rv } => fl!("diagnostics-failure-initialize", rv = rv.clone()),
        Failure::Pkcs11 { function, rv } => {
            fl!("diagnostics-failure-pkcs11", function = function.clone(), rv = rv.clone())
        }
        Failure::Removed => fl!("diagnostics-failure-removed"),
        Failure::NotAnswering { operation, seconds } => {
            let seconds = *seconds;
            fl!("diagnostics-failure-not-answering", operation = operation.clone(), seconds = seconds)
        }
        Failure::Other { detail } => detail.clone(),
    }
}

/// A token that could not be read, and why.
pub fn unreadable(f: &Failure) -> String {
    fl!("diagnostics-token-unreadable", reason = failure(f))
}

/// The reader (slot) a token sits in.
pub fn reader(slot: &SlotDiagnosis) -> String {
    let name = slot.reader.as_deref().map(str::trim).filter(|r| !r.is_empty());
    match (name, slot.slot) {
        (Some(r), Some(n)) => fl!("diagnostics-reader-slot", reader = r.to_owned(), slot = n),
        (Some(r), None) => r.to_owned(),
        (None, Some(n)) => fl!("diagnostics-slot", slot = n),
        (None, None) => fl!("diagnostics-reader-unknown"),
    }
}

/// A token as (label, value) lines: name and serial, maker, state, PINs, profile.
pub fn token_lines(t: &TokenDiagnosis) -> Vec<(String, String)> {
    let label = if t.label.trim().is_empty() { fl!("diagnostics-no-label") } else { t.label.clone() };
    let mut lines = vec![
        (fl!("diagnostics-token"), fl!("diagnostics-token-line", label = label, serial = t.serial.clone())),
        (
            fl!("diagnostics-maker"),
            fl!(
                "diagnostics-maker-line",
                maker = format!("{} {}", t.manufacturer, t.model).trim().to_owned(),
                firmware = t.firmware.clone(),
                hardware = t.hardware.clone()
            ),
        ),
    ];
    if !t.flags.token_initialized {
        lines.push((fl!("diagnostics-state"), fl!("diagnostics-not-initialised")));
    }
    let pins = match &t.pins {
        Read::Read(p) => {
            let puk = puk_word(&p.puk_label);
            let user = pin_state_text(&p.user, &fl!("secret-pin")).0;
            match &p.puk {
                Some(k) => format!("{user} · {}", pin_state_text(k, &puk).0),
                None => format!("{user} · {}", fl!("diagnostics-no-puk", puk = puk)),
            }
        }
        Read::Failed(f) => fl!("diagnostics-pins-unreadable", reason = failure(f)),
    };
    lines.push((fl!("diagnostics-pins"), pins));
    lines.push((fl!("diagnostics-profile"), t.profile.clone()));
    lines
}

/// Where a known driver that is not installed was looked for.
pub fn looked_for(k: &KnownAbsent) -> String {
    fl!("diagnostics-absent-line", places = k.looked_for.join(", "))
}

/// The smart-card service as (label, value) lines.
pub fn card_service(c: &CardService) -> Vec<(String, String)> {
    match c {
        CardService::System => vec![(fl!("diagnostics-card-service"), fl!("diagnostics-card-service-system"))],
        CardService::Pcscd { socket, units } => {
            let state = match socket {
                SocketState::Absent { path } => fl!("diagnostics-socket-absent", path = path.display().to_string()),
                SocketState::Accepting { path } => {
                    fl!("diagnostics-socket-accepting", path = path.display().to_string())
                }
                SocketState::Refusing { path, reason } => {
                    fl!("diagnostics-socket-refusing", path = path.display().to_string(), reason = reason.clone())
                }
            };
            let mut lines = vec![("pcscd".to_owned(), state)];
            match units {
                None => lines.push(("systemd".to_owned(), fl!("diagnostics-systemd-none"))),
                Some(units) => lines.extend(units.iter().map(|u| {
                    (u.unit.clone(), fl!("diagnostics-unit", active = u.active.clone(), enabled = u.enabled.clone()))
                })),
            }
            lines
        }
    }
}

/// What to try next when no token could be read; empty when one could.
pub fn advice(r: &Report) -> Vec<String> {
    if r.any_token() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    if r.modules.is_empty() {
        lines.push(fl!("diagnostics-advice-install"));
    }
    if r.modules.iter().any(|m| matches!(m.outcome, ModuleOutcome::Failed { .. })) {
        lines.push(fl!("diagnostics-advice-failed"));
    }
    if let CardService::Pcscd { socket: SocketState::Absent { .. } | SocketState::Refusing { .. }, .. } =
        &r.card_service
    {
        lines.push(fl!("diagnostics-advice-pcscd"));
    }
    lines.push(fl!("diagnostics-advice-replug"));
    lines
}

/// The whole report as plain text in the current language, for the clipboard.
pub fn report_text(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", fl!("diagnostics-title"));
    let _ = writeln!(s, "{}: {}", fl!("diagnostics-version-pecat"), r.versions.app);
    let _ = writeln!(s, "{}: {}", fl!("diagnostics-version-os"), system(&r.versions));
    let advice = advice(r);
    if !advice.is_empty() {
        let _ = writeln!(s, "\n{}", fl!("diagnostics-advice-heading"));
        for line in advice {
            let _ = writeln!(s, "  - {line}");
        }
    }
    let _ = writeln!(s, "\n{}", fl!("diagnostics-modules"));
    if r.modules.is_empty() {
        let _ = writeln!(s, "  {}", fl!("diagnostics-no-modules"));
    }
    for m in &r.modules {
        let (status, _) = module_status(m);
        let _ = writeln!(s, "\n  {} [{}] — {status}", m.candidate.name, source(&m.candidate.source));
        let _ = writeln!(s, "    {}: {}", fl!("diagnostics-path"), m.candidate.path.display());
        match &m.outcome {
            ModuleOutcome::Failed { failure: f } => {
                let _ = writeln!(s, "    {}: {}", fl!("diagnostics-why"), failure(f));
            }
            ModuleOutcome::Loaded { library, slots } => {
                let _ = writeln!(s, "    {}: {library}", fl!("diagnostics-library"));
                if slots.is_empty() {
                    let _ = writeln!(s, "    {}", fl!("diagnostics-no-token-in-slots"));
                }
                for slot in slots {
                    let _ = writeln!(s, "    {}: {}", fl!("diagnostics-reader"), reader(slot));
                    match &slot.token {
                        Read::Failed(f) => {
                            let _ = writeln!(s, "      {}: {}", fl!("diagnostics-token"), unreadable(f));
                        }
                        Read::Read(t) => {
                            for (label, value) in token_lines(t) {
                                let _ = writeln!(s, "      {label}: {value}");
                            }
                        }
                    }
                }
            }
        }
    }
    if !r.known_absent.is_empty() {
        let _ = writeln!(s, "\n{}", fl!("diagnostics-absent-heading"));
        for k in &r.known_absent {
            let _ = writeln!(s, "  {}: {}", k.name, looked_for(k));
        }
    }
    let _ = writeln!(s, "\n{}", fl!("diagnostics-card-service"));
    for (label, value) in card_service(&r.card_service) {
        let _ = writeln!(s, "  {label}: {value}");
    }
    s
}
