//! Diagnostics, the answer to "my token does not show up": every module found and why it failed,
//! the readers and tokens of each, the known modules not installed, the smart-card service and
//! the versions — typed data that the GUI's Diagnostics screen and `pecat-cli doctor` word.

use std::path::{Path, PathBuf};

use pecat_token::{
    Discovery, Error as TokenError, ModuleCandidate, PinManagement as _, PinStatus, Pkcs11Module, Registry, Token as _,
    TokenFlags,
};
use serde::Serialize;

/// Everything a helpdesk asks for when a token is not listed.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Pecat's and the system's versions.
    pub versions: Versions,
    /// Every module discovery produced, in discovery order, with what became of it.
    pub modules: Vec<ModuleDiagnosis>,
    /// Modules Pecat knows for this OS whose library was found in none of their usual places.
    pub known_absent: Vec<KnownAbsent>,
    /// The smart-card service the modules talk to readers through, where the OS has one.
    pub card_service: CardService,
}

/// Versions worth quoting in a support request.
#[derive(Debug, Clone, Serialize)]
pub struct Versions {
    /// The front end's version line (`pecat --version`, with its commit).
    pub app: String,
    /// pecat-core's package version.
    pub core: String,
    /// `std::env::consts::OS` and `ARCH`.
    pub os: String,
    pub arch: String,
    /// The distribution's name and version (`PRETTY_NAME` of os-release on Linux), when known.
    pub os_release: Option<String>,
}

/// One module and what happened when Pecat loaded it.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleDiagnosis {
    /// Where it was found, its name, vendor profile and how it was found.
    #[serde(flatten)]
    pub candidate: ModuleCandidate,
    /// Loaded with its slots, or the failure.
    pub outcome: ModuleOutcome,
}

impl ModuleDiagnosis {
    /// How many initialised tokens that could be read the module holds (none when it failed).
    pub fn usable_tokens(&self) -> usize {
        match &self.outcome {
            ModuleOutcome::Loaded { slots, .. } => {
                slots.iter().filter(|s| s.token.ok().is_some_and(TokenDiagnosis::usable)).count()
            }
            ModuleOutcome::Failed { .. } => 0,
        }
    }
}

/// What loading a module gave.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum ModuleOutcome {
    /// Loaded and initialised; `library` is its `C_GetInfo` description.
    Loaded { library: String, slots: Vec<SlotDiagnosis> },
    /// The module could not be used.
    Failed { failure: Failure },
}

/// A slot (usually a card reader) that holds a token, and what the token said.
#[derive(Debug, Clone, Serialize)]
pub struct SlotDiagnosis {
    /// The slot number now (modules renumber them).
    pub slot: Option<u64>,
    /// The reader (slot description).
    pub reader: Option<String>,
    /// The token, or why it could not be read.
    pub token: Read<TokenDiagnosis>,
}

/// A token as its module describes it.
#[derive(Debug, Clone, Serialize)]
pub struct TokenDiagnosis {
    pub label: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub firmware: String,
    pub hardware: String,
    /// The token flags (`CK_TOKEN_INFO.flags`).
    pub flags: TokenFlags,
    /// PIN and PUK state, or why it could not be read.
    pub pins: Read<PinStatus>,
    /// The vendor profile chosen for it.
    pub profile: String,
}

impl TokenDiagnosis {
    /// Initialised: a token the user can use, not a blank card or a soft token's empty slot.
    pub fn usable(&self) -> bool {
        self.flags.token_initialized
    }
}

/// Something read from a module, or why it could not be read.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Read<T> {
    /// What was read.
    Read(T),
    /// Why not.
    Failed(Failure),
}

impl<T> Read<T> {
    /// What was read, if it was.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Self::Read(t) => Some(t),
            Self::Failed(_) => None,
        }
    }
}

impl<T> From<pecat_token::Result<T>> for Read<T> {
    fn from(r: pecat_token::Result<T>) -> Self {
        match r {
            Ok(t) => Self::Read(t),
            Err(e) => Self::Failed(Failure::from(&e)),
        }
    }
}

/// Why a module or token could not be used, as data for the front end to word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Failure {
    /// The library file does not exist.
    Missing,
    /// The operating system's loader refused the file, or it lacks the PKCS#11 entry point;
    /// `reason` is what the loader said.
    NotLoadable { reason: String },
    /// `C_Initialize` returned an error (`CKR_*`).
    InitializeFailed { rv: String },
    /// A PKCS#11 call failed: the function and its `CKR_*` value.
    Pkcs11 { function: String, rv: String },
    /// The token went away while it was read.
    Removed,
    /// A call did not return within its bound (a stuck driver or device).
    NotAnswering { operation: String, seconds: u64 },
    /// Anything else; `detail` is the error's log text.
    Other { detail: String },
}

impl From<&TokenError> for Failure {
    fn from(e: &TokenError) -> Self {
        match e {
            TokenError::ModuleMissing { .. } => Self::Missing,
            TokenError::ModuleLoad { reason, .. } => Self::NotLoadable { reason: reason.clone() },
            TokenError::Initialize { rv, .. } => Self::InitializeFailed { rv: rv.clone() },
            TokenError::Pkcs11 { function, rv, .. } => Self::Pkcs11 { function: function.clone(), rv: rv.clone() },
            TokenError::TokenRemoved { .. } => Self::Removed,
            TokenError::NotAnswering { operation, seconds, .. } => {
                Self::NotAnswering { operation: operation.clone(), seconds: *seconds }
            }
            other => Self::Other { detail: other.to_string() },
        }
    }
}

/// A known module that is not installed.
#[derive(Debug, Clone, Serialize)]
pub struct KnownAbsent {
    /// Its key in the known-modules table (`safenet`, `opensc`, …).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The places looked at on this OS (bare file names are searched in the system's library folders).
    pub looked_for: Vec<String>,
}

/// The smart-card service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CardService {
    /// pcsc-lite's `pcscd` (Linux and the BSDs): its socket, and its systemd units when systemd runs.
    Pcscd { socket: SocketState, units: Option<Vec<UnitState>> },
    /// An OS whose smart-card service is part of the system and not checked here (Windows'
    /// SCardSvr, macOS' CryptoTokenKit).
    System,
}

/// The pcscd socket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum SocketState {
    /// No socket file: pcscd is not running and not socket-activated.
    Absent { path: PathBuf },
    /// The file exists and a connection was accepted.
    Accepting { path: PathBuf },
    /// The file exists but refused a connection (a stale socket, or no permission); `reason` is
    /// the OS's error.
    Refusing { path: PathBuf, reason: String },
}

/// One systemd unit's state, as `systemctl` reports it (`active`, `inactive`, `failed`, …;
/// `enabled`, `disabled`, `static`, `masked`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitState {
    pub unit: String,
    pub active: String,
    pub enabled: String,
}

/// Where pcsc-lite puts its socket, unless `PCSCLITE_CSOCK_NAME` says otherwise.
pub const PCSCD_SOCKET: &str = "/run/pcscd/pcscd.comm";

impl Report {
    /// Loads every module `discovery` yields and reads each token, then looks at the card
    /// service. Blocks on module and device calls (bounded by the token layer's timeouts): run
    /// it off a UI thread. `app` is the front end's version line.
    pub fn collect(discovery: &Discovery, app: &str) -> Self {
        let candidates = discovery.candidates();
        let modules = candidates.iter().map(diagnose_module).collect();
        Self {
            versions: Versions::current(app),
            modules,
            known_absent: known_absent(&candidates),
            card_service: CardService::current(),
        }
    }

    /// Whether any module loaded and holds at least one initialised token that could be read (a
    /// blank card or a soft token's empty slot is not one the user can use).
    pub fn any_token(&self) -> bool {
        self.modules.iter().any(|m| m.usable_tokens() > 0)
    }
}

impl Versions {
    fn current(app: &str) -> Self {
        Self {
            app: app.to_owned(),
            core: env!("CARGO_PKG_VERSION").to_owned(),
            os: std::env::consts::OS.to_owned(),
            arch: std::env::consts::ARCH.to_owned(),
            os_release: os_release(),
        }
    }
}

/// `PRETTY_NAME` from os-release (freedesktop.org), where the OS has the file.
fn os_release() -> Option<String> {
    let text = ["/etc/os-release", "/usr/lib/os-release"].iter().find_map(|p| std::fs::read_to_string(p).ok())?;
    pretty_name(&text)
}

fn pretty_name(os_release: &str) -> Option<String> {
    os_release.lines().find_map(|l| {
        let value = l.strip_prefix("PRETTY_NAME=")?.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        (!value.is_empty()).then(|| value.to_owned())
    })
}

fn diagnose_module(candidate: &ModuleCandidate) -> ModuleDiagnosis {
    let outcome = match Pkcs11Module::load(candidate) {
        Err(e) => ModuleOutcome::Failed { failure: Failure::from(&e) },
        Ok(module) => match module.tokens() {
            Err(e) => ModuleOutcome::Failed { failure: Failure::from(&e) },
            Ok(tokens) => ModuleOutcome::Loaded {
                library: module.library_info().to_owned(),
                slots: tokens.into_iter().map(diagnose_slot).collect(),
            },
        },
    };
    ModuleDiagnosis { candidate: candidate.clone(), outcome }
}

fn diagnose_slot(token: pecat_token::Result<pecat_token::Pkcs11Token>) -> SlotDiagnosis {
    let token = match token {
        Ok(t) => t,
        Err(e) => return SlotDiagnosis { slot: None, reader: None, token: Read::Failed(Failure::from(&e)) },
    };
    match token.info() {
        Err(e) => SlotDiagnosis { slot: None, reader: None, token: Read::Failed(Failure::from(&e)) },
        Ok(info) => SlotDiagnosis {
            slot: Some(info.slot),
            reader: Some(info.slot_description.clone()),
            token: Read::Read(TokenDiagnosis {
                label: info.label,
                manufacturer: info.manufacturer,
                model: info.model,
                serial: info.serial,
                firmware: info.firmware,
                hardware: info.hardware,
                flags: info.flags,
                pins: token.pin_status().into(),
                profile: token.profile().id.clone(),
            }),
        },
    }
}

/// Known modules for this OS that discovery did not find.
fn known_absent(found: &[ModuleCandidate]) -> Vec<KnownAbsent> {
    Registry::builtin()
        .modules()
        .iter()
        .filter(|k| !k.candidates().is_empty())
        .filter(|k| !found.iter().any(|c| c.name == k.name))
        .map(|k| KnownAbsent { id: k.id.clone(), name: k.name.clone(), looked_for: k.candidates().to_vec() })
        .collect()
}

impl CardService {
    /// The service of the OS Pecat runs on.
    pub fn current() -> Self {
        if cfg!(any(windows, target_os = "macos")) {
            return Self::System;
        }
        let path = std::env::var_os("PCSCLITE_CSOCK_NAME").map_or_else(|| PathBuf::from(PCSCD_SOCKET), PathBuf::from);
        Self::Pcscd { socket: socket_state(&path), units: systemd_units(&["pcscd.socket", "pcscd.service"]) }
    }
}

/// Whether the pcscd socket exists and takes a connection (which is all a client does before
/// talking; socket activation starts pcscd for it).
fn socket_state(path: &Path) -> SocketState {
    if !path.exists() {
        return SocketState::Absent { path: path.to_owned() };
    }
    #[cfg(unix)]
    {
        match std::os::unix::net::UnixStream::connect(path) {
            Ok(_) => SocketState::Accepting { path: path.to_owned() },
            Err(e) => SocketState::Refusing { path: path.to_owned(), reason: e.to_string() },
        }
    }
    #[cfg(not(unix))]
    {
        SocketState::Refusing { path: path.to_owned(), reason: "not a Unix system".to_owned() }
    }
}

/// The units' states from `systemctl`; `None` when there is no systemctl or systemd is not the
/// running init (containers).
fn systemd_units(units: &[&str]) -> Option<Vec<UnitState>> {
    if !Path::new("/run/systemd/system").is_dir() {
        return None;
    }
    let query = |verb: &str, unit: &str| -> Option<String> {
        // is-active / is-enabled print the state and exit non-zero for anything but active /
        // enabled: the text is what counts.
        let out = std::process::Command::new("systemctl").args([verb, unit]).output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        Some(if text.is_empty() { "unknown".to_owned() } else { text })
    };
    units
        .iter()
        .map(|u| {
            Some(UnitState { unit: (*u).to_owned(), active: query("is-active", u)?, enabled: query("is-enabled", u)? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distribution_is_read_from_os_release() {
        let text = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n";
        assert_eq!(pretty_name(text).as_deref(), Some("Debian GNU/Linux 12 (bookworm)"));
        assert_eq!(pretty_name("PRETTY_NAME=Plain\n").as_deref(), Some("Plain"));
        assert_eq!(pretty_name("ID=x\n"), None);
    }

    #[test]
    fn a_missing_module_is_reported_missing_and_the_others_still_listed() {
        let discovery = Discovery {
            command_line: vec![PathBuf::from("/nonexistent/libnothing.so")],
            environment: None,
            settings: vec![],
        };
        let report = Report::collect(&discovery, "test 1.0");
        assert_eq!(report.versions.app, "test 1.0");
        assert_eq!(report.modules.len(), 1);
        assert!(matches!(&report.modules[0].outcome, ModuleOutcome::Failed { failure: Failure::Missing }));
        assert!(!report.any_token());
    }

    #[test]
    fn a_file_that_is_not_a_library_says_what_the_loader_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fake = dir.path().join("libfake-pkcs11.so");
        std::fs::write(&fake, b"not an ELF file").expect("write");
        let discovery = Discovery { command_line: vec![fake], environment: None, settings: vec![] };
        let report = Report::collect(&discovery, "test");
        match &report.modules[0].outcome {
            ModuleOutcome::Failed { failure: Failure::NotLoadable { reason } } => assert!(!reason.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_socket_state_tells_absent_from_accepting_from_stale() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pcscd.comm");
        assert_eq!(socket_state(&path), SocketState::Absent { path: path.clone() });
        let listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
        assert_eq!(socket_state(&path), SocketState::Accepting { path: path.clone() });
        drop(listener);
        // The file stays behind when the listener goes: a stale socket.
        assert!(matches!(socket_state(&path), SocketState::Refusing { .. }));
    }
}
