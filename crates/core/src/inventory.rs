//! The inventory: every module found (loaded or not, with the reason) and every token in them.
//! A module that fails never stops the others from being listed.

use std::path::PathBuf;
use std::sync::Arc;

use pecat_token::{Discovery, Error as TokenError, ModuleCandidate, Pkcs11Module, Pkcs11Token, Token};

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
    tokens: Vec<Pkcs11Token>,
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
            match module.tokens() {
                Ok(tokens) => {
                    let mut count = 0;
                    for t in tokens {
                        match t {
                            Ok(t) => {
                                count += 1;
                                inv.tokens.push(t);
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
    pub fn tokens(&self) -> &[Pkcs11Token] {
        &self.tokens
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
            self.tokens.iter().filter(|t| t.id().serial.eq_ignore_ascii_case(q)).collect();
        let matches = if by_serial.is_empty() {
            let exact: Vec<&Pkcs11Token> = self.tokens.iter().filter(|t| t.label() == q).collect();
            if exact.is_empty() {
                self.tokens.iter().filter(|t| t.label().eq_ignore_ascii_case(q)).collect()
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
        let mut out: Vec<Arc<Pkcs11Module>> = Vec::new();
        for t in &self.tokens {
            if !out.iter().any(|m| Arc::ptr_eq(m, t.module())) {
                out.push(Arc::clone(t.module()));
            }
        }
        out
    }
}
