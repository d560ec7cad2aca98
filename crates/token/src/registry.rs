//! The known-module registry: PKCS#11 modules Pecat looks for on each OS, the vendor profiles
//! that say what "PUK" means on a token and what its PIN rules are, and module discovery from the
//! command line, `PECAT_MODULES`, the settings file and the known table.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

const TABLE: &str = include_str!("../../../assets/modules.toml");

/// What unblocking a user PIN means on a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PukKind {
    /// The PUK is the Security Officer PIN: unblock = SO login + `C_InitPIN`.
    SoPin,
    /// The token has no PUK (the Serbian eID): someone else unblocks it.
    None,
}

/// Allowed PIN characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinCharset {
    /// Any characters.
    Any,
    /// Decimal digits only.
    Digits,
}

/// A vendor profile: wording and rules for one family of tokens.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct VendorProfile {
    /// Profile key in the table (`safenet`, `serbian-eid`, …).
    #[serde(skip_deserializing)]
    pub id: String,
    /// Human name of the token family.
    pub name: String,
    /// `CK_TOKEN_INFO.manufacturerID` prefixes that select this profile behind a generic module.
    #[serde(default)]
    pub manufacturers: Vec<String>,
    /// What the PUK is.
    pub puk: PukKind,
    /// What the vendor calls the PUK.
    pub puk_label: String,
    /// Shortest PIN, when the vendor fixes one (else the token's `ulMinPinLen`).
    #[serde(default)]
    pub pin_min: Option<usize>,
    /// Longest PIN, when the vendor fixes one (else the token's `ulMaxPinLen`).
    #[serde(default)]
    pub pin_max: Option<usize>,
    /// PIN characters.
    pub pin_charset: PinCharset,
    /// Wrong tries before the PIN locks, when known.
    #[serde(default)]
    pub pin_tries: Option<u32>,
    /// For `puk = "none"`: who unblocks the token.
    #[serde(default)]
    pub unblock_hint: Option<String>,
    /// Device behaviour worth knowing.
    #[serde(default)]
    pub quirks: Vec<String>,
    /// Text in a token's label or reader name that marks the second token of a two-PIN device
    /// (SafeNet 5110 CC's "Digital Signature PIN").
    #[serde(default)]
    pub second_token_marker: Option<String>,
    /// What to tell the user about such a second token.
    #[serde(default)]
    pub second_token_note: Option<String>,
}

impl VendorProfile {
    /// The note for a token that is the second PIN of a two-PIN device, if it is one.
    pub fn second_token_role(&self, label: &str, slot_description: &str) -> Option<&str> {
        let marker = self.second_token_marker.as_deref()?;
        (label.contains(marker) || slot_description.contains(marker)).then_some(self.second_token_note.as_deref()?)
    }
}

/// A module Pecat knows by name.
#[derive(Debug, Clone, Deserialize)]
pub struct KnownModule {
    /// Stable key (`safenet`, `opensc`, …).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Vendor profile key.
    pub profile: String,
    /// Candidate paths on Windows.
    #[serde(default)]
    pub windows: Vec<String>,
    /// Candidate paths on macOS.
    #[serde(default)]
    pub macos: Vec<String>,
    /// Candidate paths on Linux and other Unixes.
    #[serde(default)]
    pub linux: Vec<String>,
}

impl KnownModule {
    /// Candidate paths for the OS Pecat runs on.
    pub fn candidates(&self) -> &[String] {
        if cfg!(windows) {
            &self.windows
        } else if cfg!(target_os = "macos") {
            &self.macos
        } else {
            &self.linux
        }
    }

    /// File names this module goes by, on any OS (to recognise a user-given path).
    fn file_names(&self) -> impl Iterator<Item = &str> {
        self.windows.iter().chain(&self.macos).chain(&self.linux).filter_map(|p| p.rsplit(['/', '\\']).next())
    }
}

#[derive(Debug, Deserialize)]
struct Table {
    module: Vec<KnownModule>,
    profile: BTreeMap<String, VendorProfile>,
}

/// The embedded table of known modules and vendor profiles.
#[derive(Debug)]
pub struct Registry {
    modules: Vec<KnownModule>,
    profiles: BTreeMap<String, VendorProfile>,
}

impl Registry {
    /// The registry built into Pecat.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| match Self::parse(TABLE) {
            Ok(r) => r,
            // The table is part of the binary and checked by a unit test.
            Err(e) => panic!("assets/modules.toml is invalid: {e}"),
        })
    }

    fn parse(text: &str) -> Result<Self, String> {
        let table: Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut profiles = table.profile;
        for (id, p) in &mut profiles {
            p.id.clone_from(id);
        }
        if !profiles.contains_key("generic") {
            return Err("no \"generic\" profile".into());
        }
        for m in &table.module {
            if !profiles.contains_key(&m.profile) {
                return Err(format!("module {} names unknown profile {}", m.id, m.profile));
            }
        }
        Ok(Self { modules: table.module, profiles })
    }

    /// Every known module.
    pub fn modules(&self) -> &[KnownModule] {
        &self.modules
    }

    /// A profile by key; the generic profile when unknown.
    pub fn profile(&self, id: &str) -> &VendorProfile {
        self.profiles.get(id).unwrap_or_else(|| self.generic())
    }

    /// The generic PKCS#11 profile.
    pub fn generic(&self) -> &VendorProfile {
        // `parse` refuses a table without it.
        &self.profiles["generic"]
    }

    /// The known module a path belongs to, recognised by its file name.
    pub fn module_for_path(&self, path: &Path) -> Option<&KnownModule> {
        // Split on both separators: a Windows path may be checked on any OS (settings files travel).
        let name = path.to_str()?.rsplit(['/', '\\']).next()?;
        self.modules.iter().find(|m| m.file_names().any(|f| f.eq_ignore_ascii_case(name)))
    }

    /// The profile for a token: a profile claiming its manufacturer, else the module's.
    pub fn profile_for_token(&self, module_profile: &str, manufacturer: &str) -> &VendorProfile {
        let module = self.profile(module_profile);
        if module.id != "generic" && module.id != "opensc" {
            return module;
        }
        self.profiles
            .values()
            .find(|p| p.manufacturers.iter().any(|m| !m.is_empty() && manufacturer.starts_with(m.as_str())))
            .unwrap_or(module)
    }
}

/// Where a module path came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModuleSource {
    /// `--module` on the command line.
    CommandLine,
    /// The `PECAT_MODULES` environment variable.
    Environment,
    /// The settings file.
    Settings,
    /// Found in a known location.
    Known,
}

/// A module to load, with its origin and profile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ModuleCandidate {
    /// Path to the library.
    pub path: PathBuf,
    /// Human name (the known module's, or the file name).
    pub name: String,
    /// Vendor profile key.
    pub profile: String,
    /// Where it came from.
    pub source: ModuleSource,
}

impl ModuleCandidate {
    /// A module the user named by path: recognised by its file name when it is a known module
    /// (so it gets its vendor's profile), generic otherwise.
    pub fn from_path(path: PathBuf, source: ModuleSource) -> Self {
        let known = Registry::builtin().module_for_path(&path);
        let name = known.map_or_else(
            || path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            |k| k.name.clone(),
        );
        let profile = known.map_or_else(|| "generic".to_owned(), |k| k.profile.clone());
        Self { path, name, profile, source }
    }
}

/// Inputs of module discovery.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Modules named on the command line; when any is given, only these are used.
    pub command_line: Vec<PathBuf>,
    /// `PECAT_MODULES` (a path list, separated as `PATH` is).
    pub environment: Option<OsString>,
    /// Modules listed in the settings file.
    pub settings: Vec<PathBuf>,
}

impl Discovery {
    /// The modules to load, in order, each path once. Paths given by the user are returned even
    /// when missing, so loading can say so; known locations only when present.
    pub fn candidates(&self) -> Vec<ModuleCandidate> {
        let reg = Registry::builtin();
        let user = |path: &PathBuf, source: ModuleSource| ModuleCandidate::from_path(path.clone(), source);
        let mut out: Vec<ModuleCandidate> = Vec::new();
        if !self.command_line.is_empty() {
            out.extend(self.command_line.iter().map(|p| user(p, ModuleSource::CommandLine)));
        } else {
            if let Some(env) = &self.environment {
                out.extend(
                    std::env::split_paths(env)
                        .filter(|p| !p.as_os_str().is_empty())
                        .map(|p| user(&p, ModuleSource::Environment)),
                );
            }
            out.extend(self.settings.iter().map(|p| user(p, ModuleSource::Settings)));
            for known in reg.modules() {
                if let Some(path) = known.candidates().iter().find_map(|c| locate(c)) {
                    out.push(ModuleCandidate {
                        path,
                        name: known.name.clone(),
                        profile: known.profile.clone(),
                        source: ModuleSource::Known,
                    });
                }
            }
        }
        let mut seen = Vec::new();
        out.retain(|c| {
            let key = std::fs::canonicalize(&c.path).unwrap_or_else(|_| c.path.clone());
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
        out
    }
}

/// Folders searched for a bare module file name.
fn library_dirs() -> Vec<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("SystemRoot").map(|r| vec![PathBuf::from(r).join("System32")]).unwrap_or_default()
    } else if cfg!(target_os = "macos") {
        ["/usr/local/lib", "/opt/homebrew/lib", "/usr/lib"].iter().map(PathBuf::from).collect()
    } else {
        [
            "/usr/lib",
            "/usr/lib64",
            "/usr/local/lib",
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib/pkcs11",
            "/usr/lib/x86_64-linux-gnu/pkcs11",
        ]
        .iter()
        .map(PathBuf::from)
        .collect()
    }
}

/// Resolves one table entry to an existing file.
fn locate(entry: &str) -> Option<PathBuf> {
    let expanded = expand_env(entry)?;
    let path = PathBuf::from(&expanded);
    if path.components().count() > 1 {
        return path.is_file().then_some(path);
    }
    library_dirs().into_iter().map(|d| d.join(&expanded)).find(|p| p.is_file())
}

/// Expands `%VAR%`; `None` when a variable is unset.
fn expand_env(entry: &str) -> Option<String> {
    let mut out = String::new();
    let mut parts = entry.split('%');
    out.push_str(parts.next().unwrap_or_default());
    let mut is_var = true;
    for part in parts {
        if is_var {
            out.push_str(&std::env::var(part).ok()?);
        } else {
            out.push_str(part);
        }
        is_var = !is_var;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_and_is_consistent() {
        let reg = Registry::parse(TABLE).unwrap();
        for id in ["safenet", "idprime", "serbian-eid", "opensc", "bit4id", "safesign", "softhsm"] {
            assert!(reg.modules().iter().any(|m| m.id == id), "{id} missing");
        }
        let eid = reg.profile("serbian-eid");
        assert_eq!(eid.puk, PukKind::None);
        assert_eq!((eid.pin_min, eid.pin_max, eid.pin_tries), (Some(4), Some(8), Some(3)));
        assert!(eid.unblock_hint.as_deref().unwrap().contains("MUP"));
        assert_eq!(reg.profile("safenet").puk_label, "Administrator password");
        let safenet = reg.profile("safenet");
        assert!(safenet.second_token_role("eToken Digital Signature PIN", "").unwrap().contains("5110 CC"));
        assert_eq!(safenet.second_token_role("eToken", "AKS ifdh 0"), None);
        assert_eq!(reg.profile("generic").second_token_role("Digital Signature PIN", ""), None);
        assert_eq!(reg.profile("nonsense").id, "generic");
    }

    #[test]
    fn user_paths_are_recognised_by_file_name() {
        let reg = Registry::builtin();
        assert_eq!(reg.module_for_path(Path::new("/opt/sac/libeTPkcs11.so")).unwrap().id, "safenet");
        assert_eq!(reg.module_for_path(Path::new(r"C:\x\ETPKCS11.DLL")).map(|m| m.id.as_str()), Some("safenet"));
        assert!(reg.module_for_path(Path::new("/tmp/libfoo.so")).is_none());
    }

    #[test]
    fn generic_modules_take_the_profile_of_the_card() {
        let reg = Registry::builtin();
        assert_eq!(reg.profile_for_token("opensc", "MUP RS").id, "serbian-eid");
        assert_eq!(reg.profile_for_token("opensc", "Somebody").id, "opensc");
        assert_eq!(reg.profile_for_token("safenet", "SoftHSM project").id, "safenet");
    }

    #[test]
    fn command_line_replaces_discovery_and_duplicates_collapse() {
        let d = Discovery {
            command_line: vec![PathBuf::from("/nonexistent/a.so"), PathBuf::from("/nonexistent/a.so")],
            environment: Some(OsString::from("/nonexistent/env.so")),
            settings: vec![PathBuf::from("/nonexistent/s.so")],
        };
        let c = d.candidates();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].source, ModuleSource::CommandLine);
        assert_eq!(c[0].profile, "generic");
    }

    #[test]
    fn environment_and_settings_come_before_known_modules() {
        let d = Discovery {
            command_line: vec![],
            environment: Some(std::env::join_paths(["/nonexistent/e1.so", "/nonexistent/libeTPkcs11.so"]).unwrap()),
            settings: vec![PathBuf::from("/nonexistent/s.so")],
        };
        let c = d.candidates();
        assert_eq!(c[0].path, PathBuf::from("/nonexistent/e1.so"));
        assert_eq!(c[1].profile, "safenet");
        assert_eq!(c[1].source, ModuleSource::Environment);
        assert_eq!(c[2].source, ModuleSource::Settings);
        assert!(c[3..].iter().all(|m| m.source == ModuleSource::Known && m.path.is_file()));
    }

    #[test]
    fn env_expansion() {
        assert_eq!(expand_env("/usr/lib/x.so").as_deref(), Some("/usr/lib/x.so"));
        assert_eq!(expand_env("%PECAT_SURELY_UNSET_VAR%\\x.dll"), None);
    }
}
