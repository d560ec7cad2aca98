//! `demo`: the built-in demo cloud credential — its authenticator's current code and its root
//! certificate (to verify what the demo signs).

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
