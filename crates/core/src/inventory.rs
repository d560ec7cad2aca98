//! The inventory: every module found (loaded or not, with the reason), every token in them, and
//! the other credential stores (cloud accounts) — all as shared handles a GUI can keep, updated
//! by [`StoreEvent`]s from the watcher. A module that fails never stops the others from being listed.

use std::path::PathBuf;
use std::sync::Arc;

use pecat_token::{
    CredentialStore, Discovery, Error as TokenError, ModuleCandidate, Pkcs11Module, Pkcs11Token, StoreId, Token,
};

use crate::events::StoreEvent;

use crate::error::Result;

/// Whether a module could be used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ModuleStatus {
    /// Loaded and initialised.
    Loaded { library: String, tokens: usize },
    /// Could not be used, and why.
    Failed { error: String },
}

/// One module with its status.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModuleReport {
    /// How it was found.
    #[serde(flatten)]
    pub candidate: ModuleCandidate,
    /// Whether it works.
    #[serde(flatten)]
    pub status: ModuleStatus,
}

/// Something that kept a token or a module from being listed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenProblem {
    /// The module concerned.
    pub module: PathBuf,
    /// What went wrong, one line.
    pub error: String,
}

/// Modules and the tokens in them, as found at one moment.
#[derive(Debug, Default)]
pub struct Inventory {
    modules: Vec<ModuleReport>,
    tokens: Vec<Arc<Pkcs11Token>>,
    /// Stores that are not PKCS#11 tokens (cloud accounts), added by their owners.
    others: Vec<Arc<dyn CredentialStore>>,
    /// Modules that loaded, with or without tokens now (the watcher polls them).
    loaded: Vec<Arc<Pkcs11Module>>,
    problems: Vec<TokenProblem>,
}

impl Inventory {
    /// Loads every module discovery yields and lists their tokens.
    pub fn discover(discovery: &Discovery) -> Self {
        let mut inv = Self::default();
        for candidate in discovery.candidates() {
            let module = match Pkcs11Module::load(&candidate) {
                Ok(m) => m,
                Err(e) => {
                    inv.fail(candidate, &e);
                    continue;
                }
            };
            inv.loaded.push(Arc::clone(&module));
            match module.tokens() {
                Ok(tokens) => {
                    let mut count = 0;
                    for t in tokens {
                        match t {
                            Ok(t) => {
                                count += 1;
                                inv.tokens.push(Arc::new(t));
                            }
                            Err(e) => {
                                inv.problems.push(TokenProblem { module: candidate.path.clone(), error: e.to_string() })
                            }
                        }
                    }
                    let library = module.library_info().to_owned();
                    inv.modules
                        .push(ModuleReport { candidate, status: ModuleStatus::Loaded { library, tokens: count } });
                }
                Err(e) => inv.fail(candidate, &e),
            }
        }
        inv
    }

    fn fail(&mut self, candidate: ModuleCandidate, e: &TokenError) {
        log::warn!("{e}");
        self.problems.push(TokenProblem { module: candidate.path.clone(), error: e.to_string() });
        self.modules.push(ModuleReport { candidate, status: ModuleStatus::Failed { error: e.to_string() } });
    }

    /// Every module considered.
    pub fn modules(&self) -> &[ModuleReport] {
        &self.modules
    }

    /// Every token found.
    pub fn tokens(&self) -> &[Arc<Pkcs11Token>] {
        &self.tokens
    }

    /// Every credential store, hardware first, as shared handles.
    pub fn stores(&self) -> Vec<Arc<dyn CredentialStore>> {
        let hardware = self.tokens.iter().map(|t| Arc::clone(t) as Arc<dyn CredentialStore>);
        hardware.chain(self.others.iter().cloned()).collect()
    }

    /// Adds a store that is not a PKCS#11 token (a cloud account); one with the same identity
    /// is replaced.
    pub fn add_store(&mut self, store: Arc<dyn CredentialStore>) {
        let id = store.store_id();
        self.others.retain(|s| s.store_id() != id);
        self.others.push(store);
    }

    /// The store a user named: its reference (serial, `account@host`) first, then its label.
    pub fn find_store(&self, query: &str) -> Result<Arc<dyn CredentialStore>> {
        let q = query.trim();
        let stores = self.stores();
        let by_reference: Vec<&Arc<dyn CredentialStore>> =
            stores.iter().filter(|s| s.store_id().reference().eq_ignore_ascii_case(q)).collect();
        let matches = if by_reference.is_empty() {
            stores.iter().filter(|s| s.store_label().eq_ignore_ascii_case(q)).collect()
        } else {
            by_reference
        };
        match matches.as_slice() {
            [one] => Ok(Arc::clone(one)),
            [] => Err(TokenError::NoSuchToken { query: q.to_owned() }.into()),
            many => Err(TokenError::AmbiguousToken {
                query: q.to_owned(),
                matches: many.iter().map(|s| s.store_id().reference()).collect::<Vec<_>>().join(", "),
            }
            .into()),
        }
    }

    /// Brings the inventory up to date with one event of the watcher: a token that appeared is
    /// opened, one that went away is dropped, a module error is noted. Returns whether the list
    /// of stores changed.
    pub fn apply(&mut self, event: &StoreEvent) -> bool {
        match event {
            StoreEvent::Added { id: StoreId::Hardware { module, serial }, .. } => {
                if self.tokens.iter().any(|t| &t.id().serial == serial && &t.id().module == module) {
                    return false;
                }
                let Some(m) = self.loaded_modules().into_iter().find(|m| m.path() == module) else {
                    return false;
                };
                match m.token(serial) {
                    Ok(t) => {
                        self.tokens.push(Arc::new(t));
                        true
                    }
                    Err(e) => {
                        self.note_problem(module.clone(), e.to_string());
                        false
                    }
                }
            }
            StoreEvent::Removed { id } => {
                let before = self.tokens.len() + self.others.len();
                self.tokens.retain(|t| &t.store_id() != id);
                self.others.retain(|s| &s.store_id() != id);
                before != self.tokens.len() + self.others.len()
            }
            StoreEvent::Added { .. } => false,
            StoreEvent::Problem { source, error } => {
                self.note_problem(PathBuf::from(source), error.clone());
                false
            }
        }
    }

    /// Modules and tokens that could not be read.
    pub fn problems(&self) -> &[TokenProblem] {
        &self.problems
    }

    /// Records a problem met later (a token pulled out while it was being read).
    pub fn note_problem(&mut self, module: PathBuf, error: String) {
        self.problems.push(TokenProblem { module, error });
    }

    /// The token a user named: serial number first (exact, any case), then label.
    pub fn find_token(&self, query: &str) -> Result<&Pkcs11Token> {
        let q = query.trim();
        let by_serial: Vec<&Pkcs11Token> =
            self.tokens.iter().map(|t| &**t).filter(|t| t.id().serial.eq_ignore_ascii_case(q)).collect();
        let matches = if by_serial.is_empty() {
            let exact: Vec<&Pkcs11Token> = self.tokens.iter().map(|t| &**t).filter(|t| t.label() == q).collect();
            if exact.is_empty() {
                self.tokens.iter().map(|t| &**t).filter(|t| t.label().eq_ignore_ascii_case(q)).collect()
            } else {
                exact
            }
        } else {
            by_serial
        };
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(TokenError::NoSuchToken { query: q.to_owned() }.into()),
            many => Err(TokenError::AmbiguousToken {
                query: q.to_owned(),
                matches: many.iter().map(|t| t.id().serial.clone()).collect::<Vec<_>>().join(", "),
            }
            .into()),
        }
    }

    /// The loaded modules, for the watcher.
    pub fn loaded_modules(&self) -> Vec<Arc<Pkcs11Module>> {
        self.loaded.clone()
    }
}
