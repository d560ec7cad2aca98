//! What every command needs: the module discovery inputs, the output mode and the inventory.

use std::cell::Cell;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::SystemTime;

use pecat_core::{Inventory, Settings};
use pecat_token::Discovery;

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
}

impl Context {
    pub fn new(modules: Vec<PathBuf>, json: bool) -> Self {
        let (settings, settings_problem) = match Settings::load() {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(e.to_string())),
        };
        let discovery = Discovery {
            command_line: modules,
            environment: std::env::var_os("PECAT_MODULES"),
            settings: settings.modules,
        };
        Self { json, discovery, settings_problem, now: SystemTime::now(), emitted: Cell::new(false) }
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
