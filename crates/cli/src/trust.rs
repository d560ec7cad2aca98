//! `trust`: Pecat's trust store of CA certificates for verifying signed documents.

use std::path::PathBuf;

use anyhow::Context as _;
use pecat_core::TrustStore;
use serde_json::json;

use crate::Done;
use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum TrustCommand {
    /// List the trusted CA certificates.
    List,
    /// Trust the CA certificates of a file (DER, PEM or P7B) for verifying documents.
    Add {
        /// The CA certificate file.
        file: PathBuf,
        /// Mark them as qualified trust service CAs (from the EU trusted list).
        #[arg(long)]
        qualified: bool,
    },
    /// Stop trusting a certificate, named by the start of its SHA-256 fingerprint.
    Remove {
        /// At least 8 hexadecimal digits of the SHA-256 fingerprint.
        fingerprint: String,
    },
}

fn store() -> anyhow::Result<TrustStore> {
    TrustStore::default_location().context("no configuration folder for Pecat's trust store (set PECAT_TRUST_DIR)")
}

pub fn run(ctx: &Context, command: &TrustCommand) -> anyhow::Result<Done> {
    let store = store()?;
    match command {
        TrustCommand::List => {
            let list = store.list()?;
            if ctx.json {
                let items: Vec<_> = list
                    .iter()
                    .map(|a| {
                        json!({
                            "subject": a.certificate.summary().subject,
                            "sha256": a.certificate.summary().sha256,
                            "not_after": a.certificate.summary().not_after_iso,
                            "qualified": a.qualified,
                            "file": a.path,
                        })
                    })
                    .collect();
                ctx.emit_json(&json!({ "store": store.dir(), "anchors": items }))?;
            } else if list.is_empty() {
                println!("The trust store ({}) is empty.", store.dir().display());
            } else {
                for a in &list {
                    let s = a.certificate.summary();
                    let mark = if a.qualified { "qualified CA" } else { "CA" };
                    println!("{} — {mark}, valid until {}\n  SHA-256 {}", s.subject, s.not_after_iso, s.sha256);
                }
            }
        }
        TrustCommand::Add { file, qualified } => {
            let added = store.add(file, *qualified)?;
            for c in &added {
                eprintln!(
                    "Trusted {}{} (SHA-256 {})",
                    c.summary().subject,
                    if *qualified { " as a qualified CA" } else { "" },
                    c.summary().sha256
                );
            }
            if ctx.json {
                let subjects: Vec<_> = added.iter().map(|c| c.summary().subject.clone()).collect();
                ctx.emit_json(&json!({ "added": subjects, "qualified": qualified }))?;
            }
        }
        TrustCommand::Remove { fingerprint } => {
            let n = store.remove(fingerprint)?;
            if n == 0 {
                anyhow::bail!("no trusted certificate has a SHA-256 fingerprint starting with {fingerprint}");
            }
            eprintln!("Removed {n} certificate(s) from the trust store.");
            if ctx.json {
                ctx.emit_json(&json!({ "removed": n }))?;
            }
        }
    }
    Ok(Done::Complete)
}
