//! What every command needs: the module discovery inputs, the settings, the output mode and the
//! inventory of tokens and cloud stores.

use std::cell::{Cell, OnceCell};
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use pecat_core::{Connection, DemoService, Inventory, SecretStore, Settings};
use pecat_token::{CredentialStore, CscClient, CscOptions, Discovery};

/// Which cloud stores a command needs besides the hardware tokens.
#[derive(Debug, Clone, Copy)]
pub enum Cloud<'a> {
    /// Every configured account, and the demo when it is shown (`tokens`).
    All,
    /// The store a reference names (`NAME:ID`, `user@host:ID`, `demo:ID`): only that account
    /// is connected.
    Named(&'a str),
}

/// A configured account as the inventory got it.
#[derive(Debug)]
pub struct AccountState {
    pub account: pecat_core::Account,
    pub connection: Result<Connection, pecat_core::Error>,
}

use crate::Done;

/// Global options and lazily built state.
#[derive(Debug)]
pub struct Context {
    pub json: bool,
    discovery: Discovery,
    settings_problem: Option<String>,
    pub settings: Settings,
    pub now: SystemTime,
    /// A JSON document was printed: an error after it must not print a second one.
    emitted: Cell<bool>,
    /// `--demo`: show the built-in demo credential even when a real token is present.
    pub demo: bool,
    /// The demo service and its logged-in client, started on first use; lives until exit.
    demo_store: OnceCell<(DemoService, Arc<CscClient>)>,
    /// The OS credential store, opened on first use.
    secrets: OnceCell<Result<SecretStore, pecat_core::Error>>,
    /// The accounts connected by the last [`Context::inventory_with`].
    pub accounts: std::cell::RefCell<Vec<AccountState>>,
}

impl Context {
    pub fn new(modules: Vec<PathBuf>, json: bool, demo: bool) -> Self {
        let (settings, settings_problem) = match Settings::load() {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e.to_string())),
        };
        let discovery = Discovery {
            command_line: modules,
            environment: std::env::var_os("PECAT_MODULES"),
            settings: settings.modules.clone(),
        };
        Self {
            json,
            discovery,
            settings_problem,
            now: SystemTime::now(),
            emitted: Cell::new(false),
            demo,
            demo_store: OnceCell::new(),
            settings,
            secrets: OnceCell::new(),
            accounts: Default::default(),
        }
    }

    /// Where the settings are saved; refuses to save over a settings file that did not load
    /// (its accounts would be lost).
    pub fn settings_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.settings_problem {
            anyhow::bail!("{p}; fix or move the file first (it is not overwritten)");
        }
        Settings::path().ok_or_else(|| anyhow::anyhow!("there is no configuration folder to keep settings in"))
    }

    /// The OS credential store, or why there is none.
    pub fn secrets(&self) -> Result<&SecretStore, &pecat_core::Error> {
        self.secrets.get_or_init(SecretStore::os).as_ref()
    }

    /// Options for every connection to a cloud service.
    pub fn csc_options(&self) -> CscOptions {
        CscOptions::default()
    }

    /// The built-in demo: Pecat's CSC service on loopback and a client logged in to it.
    pub fn demo_service(&self) -> anyhow::Result<&(DemoService, Arc<CscClient>)> {
        if let Some(d) = self.demo_store.get() {
            return Ok(d);
        }
        let service = DemoService::start_default()?;
        let client = pecat_core::demo_store(&service, &self.csc_options())?;
        Ok(self.demo_store.get_or_init(|| (service, client)))
    }

    /// The hardware tokens plus the cloud stores `cloud` asks for. Accounts that cannot be
    /// reached or need a login are kept in [`Context::accounts`] for the listing to report.
    pub fn inventory_with(&self, cloud: Cloud<'_>) -> anyhow::Result<Inventory> {
        let mut inv = self.inventory();
        let wanted = |account: &pecat_core::Account| match cloud {
            Cloud::All => true,
            Cloud::Named(query) => {
                let q = query.trim();
                account.name.eq_ignore_ascii_case(q)
                    || account.key().is_ok_and(|k| {
                        let host =
                            k.url().split("://").nth(1).unwrap_or_default().split('/').next().unwrap_or_default();
                        format!("{}@{host}", account.user).eq_ignore_ascii_case(q)
                    })
            }
        };
        let mut states = Vec::new();
        for account in self.settings.accounts().iter().filter(|a| wanted(a)) {
            let connection = pecat_core::connect_account(account, self.secrets(), &self.csc_options());
            if let Cloud::Named(_) = cloud {
                // The user named this account: say why it cannot be used, rather than "not found".
                match &connection {
                    Err(e) => return Err(anyhow::Error::new(e.clone()).context(format!("account {}", account.name))),
                    Ok(Connection::NeedsLogin { why, client }) => {
                        // A service whose only login is in the browser takes `--oauth`.
                        let info = client.info();
                        let oauth = if info.oauth2_login() && !info.basic_login() { " --oauth" } else { "" };
                        let failure = pecat_token::Error::Cloud {
                            service: account.url.clone(),
                            kind: pecat_token::CloudFailure::LoginRequired,
                        };
                        return Err(anyhow::Error::new(failure).context(format!(
                            "account {} needs a login ({}); run: pecat-cli cloud login {}{oauth}",
                            account.name,
                            crate::cloud::login_needed_text(why),
                            crate::cloud::quoted(&account.name)
                        )));
                    }
                    Ok(Connection::Ready(_)) => {}
                }
            }
            if let Ok(c) = &connection {
                inv.add_store(Arc::clone(c.client()) as Arc<dyn CredentialStore>);
            }
            states.push(AccountState { account: account.clone(), connection });
        }
        let demo_named = matches!(cloud, Cloud::Named(q) if q.trim().eq_ignore_ascii_case(pecat_core::DEMO_LABEL));
        if demo_named || (matches!(cloud, Cloud::All) && self.show_demo(&inv)) {
            let (_, client) = self.demo_service()?;
            inv.add_store(Arc::clone(client) as Arc<dyn CredentialStore>);
        }
        *self.accounts.borrow_mut() = states;
        Ok(inv)
    }

    /// Whether `tokens` shows the demo: asked with `--demo`, or nothing real to show — no
    /// initialised token and no cloud account.
    fn show_demo(&self, inv: &Inventory) -> bool {
        use pecat_token::Token as _;
        self.demo
            || (self.settings.accounts().is_empty()
                && !inv.tokens().iter().any(|t| t.info().is_ok_and(|i| i.flags.token_initialized)))
    }

    /// Where modules are looked for (`--module`, `PECAT_MODULES`, settings, known places).
    pub fn discovery(&self) -> &Discovery {
        &self.discovery
    }

    /// Loads modules and lists tokens; module problems are reported on stderr.
    pub fn inventory(&self) -> Inventory {
        if let Some(p) = &self.settings_problem {
            eprintln!("pecat-cli: warning: {p} (ignored)");
        }
        let inv = Inventory::discover(&self.discovery);
        for p in inv.problems() {
            eprintln!("pecat-cli: warning: {}", p.error);
        }
        inv
    }

    /// Prints a JSON document on stdout.
    pub fn emit_json(&self, value: &serde_json::Value) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.emitted.set(true);
        let mut out = std::io::stdout().lock();
        writeln!(out, "{text}")?;
        Ok(())
    }

    /// Whether a JSON document was printed already.
    pub fn emitted(&self) -> bool {
        self.emitted.get()
    }

    /// Complete or partial, from whether problems were met.
    pub fn done(problems: usize) -> Done {
        if problems == 0 { Done::Complete } else { Done::Partial }
    }
}
