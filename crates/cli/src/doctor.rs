//! `doctor`: the diagnostics report ("my token does not show up") in words, or as JSON.

use std::fmt::Write as _;
use std::io::Write as _;

use pecat_core::diagnostics::{
    CardService, Failure, KnownAbsent, ModuleDiagnosis, ModuleOutcome, Read, Report, SlotDiagnosis, SocketState,
};
use pecat_token::ModuleSource;

use crate::Done;
use crate::context::Context;

pub fn run(ctx: &Context) -> anyhow::Result<Done> {
    let report = Report::collect(ctx.discovery(), env!("PECAT_VERSION"));
    if ctx.json {
        ctx.emit_json(&serde_json::to_value(&report)?)?;
    } else {
        std::io::stdout().lock().write_all(render(&report).as_bytes())?;
    }
    // The report is the output; a failed module is what it is there to show, not a failure of
    // the command.
    Ok(Done::Complete)
}

/// The report as text, in the order a helpdesk goes through it.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let v = &r.versions;
    let _ = writeln!(s, "Pecat {}", v.app);
    let system = v.os_release.as_deref().unwrap_or(v.os.as_str());
    let _ = writeln!(s, "System   {system} ({} {})", v.os, v.arch);
    s.push('\n');

    if r.modules.is_empty() {
        s.push_str("PKCS#11 modules: none found.\n");
    } else {
        let _ = writeln!(s, "PKCS#11 modules ({}):", r.modules.len());
        for m in &r.modules {
            module(&mut s, m);
        }
    }
    if !r.known_absent.is_empty() {
        s.push('\n');
        s.push_str("Known token software not installed:\n");
        for k in &r.known_absent {
            absent(&mut s, k);
        }
    }
    s.push('\n');
    card_service(&mut s, &r.card_service);
    s.push('\n');
    s.push_str(&advice(r));
    s
}

fn source(m: &ModuleDiagnosis) -> &'static str {
    match m.candidate.source {
        ModuleSource::CommandLine => "given with --module",
        ModuleSource::Environment => "from PECAT_MODULES",
        ModuleSource::Settings => "from the settings",
        ModuleSource::Known => "found in a usual place",
    }
}

fn module(s: &mut String, m: &ModuleDiagnosis) {
    let _ = writeln!(s, "  {} ({})", m.candidate.name, source(m));
    let _ = writeln!(s, "    file     {}", m.candidate.path.display());
    match &m.outcome {
        ModuleOutcome::Failed { failure } => {
            let _ = writeln!(s, "    FAILED   {}", failure_text(failure));
        }
        ModuleOutcome::Loaded { library, slots } => {
            let _ =
                writeln!(s, "    loaded   {}", if library.is_empty() { "(no library description)" } else { library });
            if slots.is_empty() {
                s.push_str("    no token present in any of its slots (readers)\n");
            }
            for slot in slots {
                slot_lines(s, slot);
            }
        }
    }
}

fn slot_lines(s: &mut String, slot: &SlotDiagnosis) {
    let reader = match (&slot.reader, slot.slot) {
        (Some(r), Some(n)) => format!("slot {n}: {}", r.trim()),
        _ => "a slot".to_owned(),
    };
    match &slot.token {
        Read::Failed(f) => {
            let _ = writeln!(s, "    {reader}\n      token could not be read: {}", failure_text(f));
        }
        Read::Read(t) => {
            let label = if t.label.is_empty() { "(no label)" } else { t.label.as_str() };
            let _ = writeln!(s, "    {reader}");
            let _ = writeln!(s, "      token    {label} (serial {})", t.serial);
            let _ = writeln!(
                s,
                "      maker    {} {}, firmware {}, hardware {}",
                t.manufacturer, t.model, t.firmware, t.hardware
            );
            if !t.flags.token_initialized {
                s.push_str("      state    not initialised (an empty slot of a soft token, or a blank card)\n");
            }
            match &t.pins {
                Read::Read(p) => {
                    let puk = match &p.puk {
                        Some(k) => format!("{} {}", p.puk_label, k.describe()),
                        None => format!("no {}", p.puk_label),
                    };
                    let _ = writeln!(s, "      PINs     PIN {} · {puk}", p.user.describe());
                }
                Read::Failed(f) => {
                    let _ = writeln!(s, "      PINs     could not be read: {}", failure_text(f));
                }
            }
            let _ = writeln!(s, "      profile  {}", t.profile);
        }
    }
}

fn absent(s: &mut String, k: &KnownAbsent) {
    let _ = writeln!(s, "  {}: looked for {}", k.name, k.looked_for.join(", "));
}

fn card_service(s: &mut String, c: &CardService) {
    match c {
        CardService::System => s.push_str("Smart-card service: part of the operating system (not checked).\n"),
        CardService::Pcscd { socket, units } => {
            s.push_str("Smart-card service (pcscd):\n");
            let line = match socket {
                SocketState::Absent { path } => format!("no socket at {} (pcscd is not running)", path.display()),
                SocketState::Accepting { path } => format!("{} accepts connections", path.display()),
                SocketState::Refusing { path, reason } => {
                    format!("{} exists but refuses connections ({reason})", path.display())
                }
            };
            let _ = writeln!(s, "  socket   {line}");
            match units {
                None => s.push_str("  systemd  not running here (no unit states)\n"),
                Some(units) => {
                    for u in units {
                        let _ = writeln!(s, "  {:<14} {}, {}", u.unit, u.active, u.enabled);
                    }
                }
            }
        }
    }
}

/// The failure in words.
fn failure_text(f: &Failure) -> String {
    match f {
        Failure::Missing => "the file does not exist".to_owned(),
        Failure::NotLoadable { reason } => format!("the system could not load it: {reason}"),
        Failure::InitializeFailed { rv } => format!("it failed to start (C_Initialize returned {rv})"),
        Failure::Pkcs11 { function, rv } => format!("{function} returned {rv}"),
        Failure::Removed => "the token was removed while it was read".to_owned(),
        Failure::NotAnswering { operation, seconds } => {
            format!("it did not answer ({operation} took longer than {seconds} s)")
        }
        Failure::Other { detail } => detail.clone(),
    }
}

/// What to try next, from what the report shows.
fn advice(r: &Report) -> String {
    let mut s = String::new();
    if r.any_token() {
        return s;
    }
    s.push_str("No token could be read. Things to check:\n");
    if r.modules.is_empty() {
        s.push_str("  - install your token's software (its PKCS#11 module), or name it with --module PATH\n");
    }
    if r.modules.iter().any(|m| matches!(m.outcome, ModuleOutcome::Failed { .. })) {
        s.push_str("  - a module above FAILED: reinstall that software, or remove the path from the settings\n");
    }
    if let CardService::Pcscd { socket: SocketState::Absent { .. } | SocketState::Refusing { .. }, .. } =
        &r.card_service
    {
        s.push_str("  - start the smart-card service: sudo systemctl enable --now pcscd.socket\n");
    }
    s.push_str("  - plug the token in again, in another USB port, and run this again\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use pecat_core::diagnostics::Versions;
    use pecat_token::ModuleCandidate;
    use std::path::PathBuf;

    fn report(modules: Vec<ModuleDiagnosis>, card_service: CardService) -> Report {
        Report {
            versions: Versions {
                app: "0.1.0 (commit abc)".into(),
                core: "0.1.0".into(),
                os: "linux".into(),
                arch: "x86_64".into(),
                os_release: Some("Debian GNU/Linux 12 (bookworm)".into()),
            },
            modules,
            known_absent: vec![],
            card_service,
        }
    }

    #[test]
    fn a_failed_module_and_a_stopped_service_give_advice() {
        let m = ModuleDiagnosis {
            candidate: ModuleCandidate::from_path(PathBuf::from("/usr/lib/libeTPkcs11.so"), ModuleSource::Settings),
            outcome: ModuleOutcome::Failed { failure: Failure::Missing },
        };
        let path = PathBuf::from("/run/pcscd/pcscd.comm");
        let text = render(&report(vec![m], CardService::Pcscd { socket: SocketState::Absent { path }, units: None }));
        assert!(text.contains("FAILED   the file does not exist"), "{text}");
        assert!(text.contains("from the settings"), "{text}");
        assert!(text.contains("no socket at /run/pcscd/pcscd.comm"), "{text}");
        assert!(text.contains("systemctl enable --now pcscd.socket"), "{text}");
        assert!(text.starts_with("Pecat 0.1.0 (commit abc)\nSystem   Debian GNU/Linux 12 (bookworm)"), "{text}");
    }
}
