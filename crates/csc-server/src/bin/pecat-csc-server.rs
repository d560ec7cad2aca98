//! `pecat-csc-server`: runs Pecat's CSC service from a TOML configuration file, hashes
//! passwords and PINs for that file, and shows the current TOTP code of a secret.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use pecat_csc_server::{HashCost, PasswordHash, Server, TotpSecret};
use secrecy::SecretString;

#[derive(Parser)]
#[command(version, about = "Pecat's Cloud Signature Consortium API service (v1.0.4.0 and v2)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API as the configuration file says.
    Serve {
        /// The TOML configuration file.
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Read a password or PIN from standard input and print its Argon2id hash.
    HashPassword,
    /// Print the TOTP code a base32 secret gives now (what an authenticator app shows).
    Totp {
        /// The base32 secret.
        secret: String,
    },
}

/// Log lines to standard error; `PECAT_LOG=debug|info|warn|error` (default info).
struct StderrLog(log::LevelFilter);

impl log::Log for StderrLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= self.0
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) && record.target().starts_with("pecat") {
            eprintln!("[{}] {}", record.level(), record.args());
        }
    }

    fn flush(&self) {}
}

fn main() -> anyhow::Result<()> {
    let level = std::env::var("PECAT_LOG").ok().and_then(|l| l.parse().ok()).unwrap_or(log::LevelFilter::Info);
    log::set_logger(Box::leak(Box::new(StderrLog(level))))
        .map_err(|e| anyhow::anyhow!("installing the logger: {e}"))?;
    log::set_max_level(level);
    match Cli::parse().command {
        Command::Serve { config } => serve(config),
        Command::HashPassword => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("reading standard input")?;
            let secret = SecretString::from(line.trim_end_matches(['\r', '\n']));
            let hash = PasswordHash::new(&secret, HashCost::Interactive)?;
            println!("{}", hash.as_phc());
            Ok(())
        }
        Command::Totp { secret } => {
            let secret = TotpSecret::from_base32(&secret)?;
            let seconds = TotpSecret::seconds_left(std::time::SystemTime::now());
            println!("{} ({seconds} s left)", secret.current_code().as_str());
            Ok(())
        }
    }
}

fn serve(path: PathBuf) -> anyhow::Result<()> {
    let config = pecat_csc_server::config::file::load(&path)
        .with_context(|| format!("reading the configuration {}", path.display()))?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let server = Server::bind(config).await?;
        log::info!("serving CSC API v1 and v2 at {}/csc/v1/ and /csc/v2/", server.base_url());
        server
            .serve(async {
                let _ = tokio::signal::ctrl_c().await;
                log::info!("stopping");
            })
            .await?;
        anyhow::Ok(())
    })
}
