//! `demo`: the built-in demo cloud credential — its authenticator's current code and its root
//! certificate (to verify what the demo signs) — and the demo's place in `tokens`.

use pecat_token::CredentialStore;
use serde_json::json;

use crate::Done;
use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum DemoCommand {
    /// The demo authenticator's current one-time code.
    Code,
    /// Write the demo root certificate (PEM for .pem, DER otherwise), to verify with --trust.
    Root {
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: std::path::PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &Context, command: &DemoCommand) -> anyhow::Result<Done> {
    let (service, _) = ctx.demo_service()?;
    match command {
        DemoCommand::Code => {
            let (code, left) = service.current_code();
            if ctx.json {
                ctx.emit_json(&json!({ "code": code.as_str(), "seconds_left": left }))?;
            } else {
                println!("{} (valid for {left} more seconds)", code.as_str());
            }
        }
        DemoCommand::Root { output, force } => {
            let root = pecat_pki::Certificate::from_der(service.root_der().to_vec(), "demo root")?;
            let pem = output.extension().is_some_and(|e| e.eq_ignore_ascii_case("pem"));
            let format = if pem { pecat_pki::ExportFormat::Pem } else { pecat_pki::ExportFormat::Der };
            let bytes = pecat_pki::encode(format, &[&root])?;
            pecat_pki::write_atomically(output, &bytes, *force)?;
            eprintln!("Wrote the demo root certificate to {}", output.display());
            if ctx.json {
                ctx.emit_json(&json!({ "root": output, "subject": root.summary().subject }))?;
            }
        }
    }
    Ok(Done::Complete)
}

/// The demo store as `tokens` lists it (JSON) and prints it (text).
pub fn listing(ctx: &Context) -> anyhow::Result<serde_json::Value> {
    let (_, client) = ctx.demo_service()?;
    let credentials: Vec<_> = client
        .signing_credentials()?
        .into_iter()
        .map(|c| {
            let s = c.certificate.summary();
            json!({
                "id": c.id,
                "reference": format!("demo:{}", c.id),
                "subject": s.subject,
                "not_after": s.not_after_iso,
                "qualified": s.qualified.is_qualified(),
                "requirement": c.requirement,
            })
        })
        .collect();
    Ok(json!({
        "label": "Pecat demo (cloud)",
        "store": client.store_id(),
        "demo": true,
        "credentials": credentials,
    }))
}

/// Prints the demo store for people.
pub fn print_listing(demo: &serde_json::Value) {
    println!("\nPecat demo (cloud) — a demo credential, never qualified, for trying Pecat without a token");
    for c in demo["credentials"].as_array().into_iter().flatten() {
        println!(
            "  {}  {} (valid until {})",
            c["reference"].as_str().unwrap_or_default(),
            c["subject"].as_str().unwrap_or_default(),
            c["not_after"].as_str().unwrap_or_default()
        );
    }
    println!(
        "  Sign with: pecat-cli sign demo:{} FILE.pdf — PIN {}, one-time code from `pecat-cli demo code`",
        pecat_core::DEMO_CREDENTIAL,
        pecat_core::DEMO_PIN
    );
}
