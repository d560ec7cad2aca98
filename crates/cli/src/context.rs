//! What every command needs: the module discovery inputs, the output mode and the inventory.

use std::cell::{Cell, OnceCell};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::SystemTime;

use pecat_core::{DEMO_PASSWORD, DEMO_USER, DemoService, Inventory, Settings};
use pecat_token::{CscClient, CscOptions, Discovery, SecretString};

use crate::Done;

/// Global options and lazily built state.
#[derive(Debug)]
pub struct Context {
    pub json: bool,
    discovery: Discovery,
    settings_problem: Option<String>,
    pub now: SystemTime,
    /// A JSON document was printed: an error after it must not print a second one.
    emitted: Cell<bool>,
    /// `--demo`: show the built-in demo credential even when a real token is present.
    pub demo: bool,
    /// The demo service and its logged-in client, started on first use; lives until exit.
    demo_store: OnceCell<(DemoService, CscClient)>,
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
            settings: settings.modules,
        };
        Self {
            json,
            discovery,
            settings_problem,
            now: SystemTime::now(),
            emitted: Cell::new(false),
            demo,
            demo_store: OnceCell::new(),
        }
    }

    /// The built-in demo: Pecat's CSC service on loopback and a client logged in to it.
    pub fn demo_service(&self) -> anyhow::Result<&(DemoService, CscClient)> {
        if let Some(d) = self.demo_store.get() {
            return Ok(d);
        }
        let service = DemoService::start_default()?;
        let client = CscClient::connect(&format!("{}/csc/v2", service.base_url()), DEMO_USER, &CscOptions::default())?;
        client.login(SecretString::from(DEMO_PASSWORD.to_owned()), false)?;
        Ok(self.demo_store.get_or_init(|| (service, client)))
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
