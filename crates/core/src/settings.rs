//! User settings: a TOML file under the OS configuration folder (`~/.config/pecat/settings.toml`
//! on Linux, `~/Library/Application Support/pecat/` on macOS, `%APPDATA%\pecat\` on Windows), or
//! the file named by `PECAT_SETTINGS`. It holds extra PKCS#11 modules and cloud accounts, never a
//! secret; it is written back atomically, keeping the user's comments and layout.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::accounts::{Account, AccountProblem, AccountRef};
use crate::error::{Error, Result};

/// The most a settings file may be; it holds a few lines.
pub const MAX_SETTINGS_FILE: u64 = 1 << 20;

/// What the user configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Extra PKCS#11 modules to load besides the known ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<PathBuf>,
    /// Cloud signing accounts (`[[accounts]]`), in the user's order; changed only through
    /// [`Settings::add_account`] and its siblings, which check them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    accounts: Vec<Account>,
}

impl Settings {
    /// The settings file's path: `PECAT_SETTINGS`, else the OS configuration folder.
    pub fn path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("PECAT_SETTINGS") {
            return Some(PathBuf::from(p));
        }
        dirs::config_dir().map(|d| d.join("pecat").join("settings.toml"))
    }

    /// Loads the settings; a missing file means defaults.
    pub fn load() -> Result<Self> {
        match Self::path() {
            Some(p) => Self::load_from(&p),
            None => Ok(Self::default()),
        }
    }

    /// Loads settings from `path`; a missing file means defaults. A path that is not a regular
    /// file, or a file over [`MAX_SETTINGS_FILE`], is refused without being read. Accounts are
    /// checked as [`Settings::add_account`] checks them: a hand-written `http://` URL to another
    /// machine makes the file invalid.
    pub fn load_from(path: &Path) -> Result<Self> {
        let Some(text) = read_existing(path)? else {
            return Ok(Self::default());
        };
        let invalid = |reason: String| Error::Settings { path: path.to_owned(), reason };
        let mut settings: Self = toml::from_str(&text).map_err(|e| invalid(e.message().to_owned()))?;
        settings.check_accounts().map_err(|e| invalid(e.to_string()))?;
        Ok(settings)
    }

    /// Writes the settings to `path` atomically: a temporary file beside it, flushed to disk,
    /// then renamed over it, so a crash leaves the old file or the new one, never half of one.
    /// What the file held besides Pecat's values — comments, layout, keys this version does not
    /// know — is kept; an entry Pecat changed is rewritten. An existing file that is not TOML
    /// is refused, not overwritten.
    ///
    /// Load, change and save in one go: saving settings that fell back to defaults after a
    /// failed load would drop the accounts the file held.
    pub fn save_to(&self, path: &Path) -> Result<()> {
        let mut checked = self.clone();
        checked.check_accounts()?;
        let invalid = |reason: String| Error::Settings { path: path.to_owned(), reason };
        let fresh = toml::to_string(&checked).map_err(|e| invalid(e.to_string()))?;
        let text = match read_existing(path)? {
            None => fresh,
            Some(old) => {
                let doc: toml_edit::DocumentMut = old
                    .parse()
                    .map_err(|e: toml_edit::TomlError| invalid(format!("{}; not overwritten", e.message())))?;
                let fresh_doc: toml_edit::DocumentMut =
                    fresh.parse().map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
                let merged = merge(doc, &fresh_doc, &checked);
                if reads_back_as(&merged, &checked) {
                    merged
                } else {
                    log::warn!("settings: {} rewritten without its layout", path.display());
                    fresh
                }
            }
        };
        write_atomically(path, &text)
    }

    /// The cloud accounts, in the user's order.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// One account, by name or by service and user.
    pub fn account(&self, which: AccountRef<'_>) -> Option<&Account> {
        self.accounts.iter().find(|a| which.matches(a))
    }

    /// One account to change (its credential ids, the API version seen); the change is checked
    /// again when saved.
    pub fn account_mut(&mut self, which: AccountRef<'_>) -> Option<&mut Account> {
        self.accounts.iter_mut().find(|a| which.matches(a))
    }

    /// Adds a cloud account and returns it as kept (its URL in normal form). Refused with a
    /// typed error: plain HTTP to another machine ([`Error::InsecureServiceUrl`]), a URL that is
    /// not one or holds credentials ([`Error::BadServiceUrl`]), an empty name or user, a name
    /// or service-and-user already taken ([`Error::BadAccount`]).
    pub fn add_account(&mut self, mut account: Account) -> Result<&Account> {
        account.normalise()?;
        if let Some(problem) = self.clash(&account) {
            return Err(Error::BadAccount { name: account.name, problem });
        }
        self.accounts.push(account);
        Ok(&self.accounts[self.accounts.len() - 1])
    }

    /// Removes an account and returns it; `None` when there is no such account. Its secrets
    /// stay in the credential store until [`crate::SecretStore::delete_all`] removes them.
    pub fn remove_account(&mut self, which: AccountRef<'_>) -> Option<Account> {
        let i = self.accounts.iter().position(|a| which.matches(a))?;
        Some(self.accounts.remove(i))
    }

    fn clash(&self, account: &Account) -> Option<AccountProblem> {
        self.accounts.iter().find_map(|a| {
            // Names are matched without regard to case when the user types them: so are clashes.
            if a.name.eq_ignore_ascii_case(&account.name) {
                Some(AccountProblem::NameTaken)
            } else if a.url == account.url && a.user == account.user {
                Some(AccountProblem::LoginTaken)
            } else {
                None
            }
        })
    }

    /// Checks every account and writes its URL in normal form.
    fn check_accounts(&mut self) -> Result<()> {
        let accounts = std::mem::take(&mut self.accounts);
        for account in accounts {
            self.add_account(account)?;
        }
        Ok(())
    }
}

/// The file's text; `None` when there is no file.
fn read_existing(path: &Path) -> Result<Option<String>> {
    let bytes = match pecat_pki::read_limited(path, MAX_SETTINGS_FILE, &path.display().to_string()) {
        Ok(b) => b,
        Err(pecat_pki::Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::Settings { path: path.to_owned(), reason: "it is not UTF-8 text".into() })
}

/// `old` with Pecat's entries replaced by those of `fresh` where they differ: an unchanged
/// entry, and an unchanged `[[accounts]]` table, keep their comments and layout.
fn merge(mut old: toml_edit::DocumentMut, fresh: &toml_edit::DocumentMut, settings: &Settings) -> String {
    let before: toml::Table = toml::from_str(&old.to_string()).unwrap_or_default();
    let same_modules =
        before.get("modules").and_then(|v| v.clone().try_into::<Vec<PathBuf>>().ok()).unwrap_or_default()
            == settings.modules;
    if !same_modules {
        match fresh.get("modules") {
            Some(item) => {
                old.insert("modules", item.clone());
            }
            None => {
                old.remove("modules");
            }
        }
    }
    let old_accounts: Vec<Option<Account>> = match before.get("accounts").and_then(|v| v.as_array()) {
        Some(a) => a.iter().map(|v| v.clone().try_into::<Account>().ok()).collect(),
        None => Vec::new(),
    };
    if old_accounts.iter().flatten().eq(settings.accounts.iter()) {
        return old.to_string();
    }
    let old_tables = old.get("accounts").and_then(toml_edit::Item::as_array_of_tables).cloned();
    let fresh_tables = fresh.get("accounts").and_then(toml_edit::Item::as_array_of_tables);
    match fresh_tables {
        None => {
            old.remove("accounts");
        }
        Some(fresh_tables) => {
            let mut tables = toml_edit::ArrayOfTables::new();
            for (account, fresh_table) in settings.accounts.iter().zip(fresh_tables.iter()) {
                let kept = old_tables.as_ref().and_then(|t| {
                    let i = old_accounts.iter().position(|a| a.as_ref() == Some(account))?;
                    t.get(i).cloned()
                });
                tables.push(kept.unwrap_or_else(|| fresh_table.clone()));
            }
            old.insert("accounts", toml_edit::Item::ArrayOfTables(tables));
        }
    }
    old.to_string()
}

/// Whether `text` holds exactly `settings` (keys Pecat does not know aside).
fn reads_back_as(text: &str, settings: &Settings) -> bool {
    let Ok(mut table) = toml::from_str::<toml::Table>(text) else {
        return false;
    };
    table.retain(|k, _| k == "modules" || k == "accounts");
    toml::Value::Table(table).try_into::<Settings>().is_ok_and(|s| &s == settings)
}

/// Writes `text` to `path` through a temporary file in the same folder: write, fsync, rename,
/// then fsync the folder so the rename itself is on disk. A symbolic link is followed, so the
/// file it points to is replaced, not the link.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let err = |path: &Path| {
        let path = path.to_owned();
        move |e: std::io::Error| Error::Write { path, source: e.into() }
    };
    std::fs::create_dir_all(&dir).map_err(err(&dir))?;
    let mut tmp = tempfile::Builder::new().prefix(".settings.").suffix(".tmp").tempfile_in(&dir).map_err(err(&dir))?;
    tmp.write_all(text.as_bytes()).map_err(err(tmp.path()))?;
    tmp.as_file().sync_all().map_err(err(tmp.path()))?;
    tmp.persist(&target).map_err(|e| Error::Write { path: target.clone(), source: e.error.into() })?;
    #[cfg(unix)]
    std::fs::File::open(&dir).and_then(|d| d.sync_all()).map_err(err(&dir))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_defaults_and_bad_file_says_why() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load_from(&dir.path().join("none.toml")).unwrap(), Settings::default());
        let good = dir.path().join("good.toml");
        std::fs::write(&good, "modules = [\"/opt/x/libeTPkcs11.so\"]\n").unwrap();
        assert_eq!(Settings::load_from(&good).unwrap().modules, vec![PathBuf::from("/opt/x/libeTPkcs11.so")]);
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "modulez = 3\n").unwrap();
        let err = Settings::load_from(&bad).unwrap_err();
        assert!(err.to_string().contains("bad.toml is invalid"), "{err}");
    }

    #[test]
    fn a_directory_or_device_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let err = Settings::load_from(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::NotRegularFile { .. })), "{err}");
        let err = Settings::load_from(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::NotRegularFile { .. })), "{err}");
        let big = dir.path().join("big.toml");
        std::fs::File::create(&big).unwrap().set_len(MAX_SETTINGS_FILE + 1).unwrap();
        let err = Settings::load_from(&big).unwrap_err();
        assert!(matches!(err, Error::Pki(pecat_pki::Error::FileTooLarge { .. })), "{err}");
    }

    fn demo() -> Account {
        Account::new("Work", "https://csc.example.ro/csc/v2", "ana@example.ro")
    }

    #[test]
    fn accounts_are_added_checked_found_and_removed() {
        let mut s = Settings::default();
        let kept = s.add_account(Account::new("Work", "HTTPS://CSC.Example.RO", "ana")).unwrap();
        assert_eq!(kept.url, "https://csc.example.ro/");
        s.add_account(Account::new("Local", "http://127.0.0.1:8080/", "test")).unwrap();
        let err = s.add_account(Account::new("Plain", "http://csc.example.ro/", "ana")).unwrap_err();
        assert!(matches!(err, Error::InsecureServiceUrl { ref url } if url == "http://csc.example.ro/"), "{err:?}");
        let err = s.add_account(Account::new("Work", "https://other.example/", "x")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::NameTaken, .. }), "{err:?}");
        let err = s.add_account(Account::new("Again", "https://csc.example.ro", "ana")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::LoginTaken, .. }), "{err:?}");
        let err = s.add_account(Account::new(" ", "https://csc.example.ro", "bob")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::EmptyName, .. }), "{err:?}");
        // Names are told apart without regard to case; the demo's name and a colon are not names.
        let err = s.add_account(Account::new("WORK", "https://third.example/", "y")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::NameTaken, .. }), "{err:?}");
        let err = s.add_account(Account::new("Demo", "https://third.example/", "y")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::ReservedName, .. }), "{err:?}");
        let err = s.add_account(Account::new("a:b", "https://third.example/", "y")).unwrap_err();
        assert!(matches!(err, Error::BadAccount { problem: AccountProblem::ColonInName, .. }), "{err:?}");
        assert_eq!(s.accounts().len(), 2);
        assert!(s.account(AccountRef::Login { url: "https://csc.example.ro", user: "ana" }).is_some());
        assert_eq!(
            s.remove_account(AccountRef::Login { url: "https://CSC.example.ro/", user: "ana" }).unwrap().name,
            "Work"
        );
        assert!(s.remove_account(AccountRef::Name("Work")).is_none());
        assert_eq!(s.remove_account(AccountRef::Name("Local")).unwrap().user, "test");
        assert!(s.accounts().is_empty());
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("settings.toml");
        let mut s = Settings { modules: vec![PathBuf::from("/opt/x/libeTPkcs11.so")], ..Settings::default() };
        s.add_account(demo()).unwrap();
        let mut other = Account::new("Namirial", "https://cloud.example.it/csc/v1", "mario");
        other.credential_ids = Some(vec!["cred-1".into(), "cred-2".into()]);
        other.api_version = Some("1.0.4.0".into());
        s.add_account(other).unwrap();
        s.save_to(&path).unwrap();
        assert_eq!(Settings::load_from(&path).unwrap(), s);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("[[accounts]]"), "{text}");
        // Nothing but the file itself is left in its folder.
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("settings.toml")]);
        // Removing the last account removes the table.
        s.remove_account(AccountRef::Name("Work"));
        s.remove_account(AccountRef::Name("Namirial"));
        s.save_to(&path).unwrap();
        assert!(!std::fs::read_to_string(&path).unwrap().contains("accounts"));
        assert_eq!(Settings::load_from(&path).unwrap(), s);
    }

    #[test]
    fn saving_keeps_comments_and_layout_of_what_did_not_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        let original = "# Pecat settings, edited by hand\n\
                        modules = [ \"/opt/x/libeTPkcs11.so\" ]   # the SafeNet driver\n\
                        \n\
                        # work account\n\
                        [[accounts]]\n\
                        name = \"Work\"\n\
                        url = \"https://csc.example.ro/csc/v2\"\n\
                        user = \"ana@example.ro\"  # the e-mail the provider knows\n";
        std::fs::write(&path, original).unwrap();
        let mut s = Settings::load_from(&path).unwrap();
        s.save_to(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original, "an unchanged file is written back as it was");
        s.add_account(Account::new("Local", "http://localhost:8080", "test")).unwrap();
        s.save_to(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        for kept in [
            "# Pecat settings, edited by hand",
            "# the SafeNet driver",
            "# work account",
            "# the e-mail the provider knows",
        ] {
            assert!(text.contains(kept), "{kept} lost:\n{text}");
        }
        assert_eq!(Settings::load_from(&path).unwrap(), s);
        s.account_mut(AccountRef::Name("Work")).unwrap().api_version = Some("2.0.0.0".into());
        s.save_to(&path).unwrap();
        assert_eq!(Settings::load_from(&path).unwrap(), s);
        assert!(std::fs::read_to_string(&path).unwrap().contains("# Pecat settings, edited by hand"));
    }

    #[test]
    fn modules_added_to_a_file_of_accounts_land_before_its_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        let mut s = Settings::default();
        s.add_account(demo()).unwrap();
        s.save_to(&path).unwrap();
        s.modules.push(PathBuf::from("/usr/lib/libIDPrimePKCS11.so"));
        s.save_to(&path).unwrap();
        assert_eq!(Settings::load_from(&path).unwrap(), s);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.find("modules").unwrap() < text.find("[[accounts]]").unwrap(), "{text}");
    }

    #[test]
    fn a_file_that_is_not_toml_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "this is [not toml\n").unwrap();
        let err = Settings::default().save_to(&path).unwrap_err();
        assert!(matches!(err, Error::Settings { .. }), "{err:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "this is [not toml\n");
    }

    #[test]
    fn an_insecure_account_is_refused_when_saved_and_when_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        let mut s = Settings::default();
        s.add_account(demo()).unwrap();
        s.account_mut(AccountRef::Name("Work")).unwrap().url = "http://csc.example.ro/".into();
        assert!(matches!(s.save_to(&path), Err(Error::InsecureServiceUrl { .. })));
        assert!(!path.exists());
        std::fs::write(&path, "[[accounts]]\nname = \"x\"\nurl = \"http://csc.example.ro/\"\nuser = \"u\"\n").unwrap();
        let err = Settings::load_from(&path).unwrap_err();
        assert!(matches!(err, Error::Settings { .. }) && err.to_string().contains("plain http"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symlink_replaces_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("settings.toml");
        std::fs::write(&real, "").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut s = Settings::default();
        s.add_account(demo()).unwrap();
        s.save_to(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(Settings::load_from(&real).unwrap(), s);
    }
}
