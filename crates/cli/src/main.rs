//! `pecat-cli`: Pecat's command line for helpdesk staff and scripts.

mod cert;
mod cloud;
mod context;
mod demo;
mod doctor;
mod fields;
mod generate;
mod listing;
mod pdf;
mod pin;
mod render;
mod renew;
mod secret_input;
mod trust;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  the command did what was asked
  1  it failed (token or object not found, unreadable file, refused export, …)
  2  the command line was wrong
  3  output was produced, but a module or token could not be read (see stderr)
  4  wrong PIN, PUK, one-time code or password (the message says how many tries are left,
     when the token or service tells)
  5  locked: the PIN is locked, or the PUK is and the token is dead, or the service locked
     the cloud credential
  6  refused before touching the token: last try not confirmed, PIN rules, no PUK on this token
  7  verify: a signature is invalid (altered bytes, bad signature, document changed after it)
  8  verify: signatures intact, but trust or validity could not be established
  9  verify: the PDF has no signature

Secrets are never taken from the command line: they are asked without echo, or read from
standard input with --pin-stdin, one per line (current PIN or PUK first, then the new one;
for a cloud credential the PIN, then the one-time code). Cloud account passwords are read
the same way (--password-stdin) and kept only in the OS keyring, never in a file.";

/// Manage qualified-signature certificates on PKCS#11 tokens and in cloud signing services.
#[derive(Debug, Parser)]
#[command(name = "pecat-cli", version = env!("PECAT_VERSION"), about, after_help = EXIT_CODES)]
struct Cli {
    /// Use this PKCS#11 module instead of auto-detection (repeatable).
    #[arg(long = "module", value_name = "PATH", global = true)]
    modules: Vec<PathBuf>,
    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Show the built-in demo cloud credential even when a real token is present.
    #[arg(long, global = true)]
    demo: bool,
    #[command(subcommand)]
    command: Command,
}

// One value per process, parsed once: the size of its largest variant (sign's options) costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// List the PKCS#11 modules found and whether they load.
    Modules,
    /// List the tokens present, with their PIN state.
    Tokens {
        /// Also list uninitialised tokens (empty slots of soft tokens).
        #[arg(long)]
        all: bool,
    },
    /// Token details.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// List the certificates on a token with their keys, validity and qualified status.
    Certs {
        /// Token serial number or label.
        token: String,
        /// CA certificate file(s) to complete chains with (repeatable).
        #[arg(long = "ca", value_name = "FILE")]
        ca: Vec<PathBuf>,
    },
    /// Show or export one certificate.
    Cert {
        #[command(subcommand)]
        command: CertCommand,
    },
    /// Generate a key pair on a token (reads: PIN).
    Keygen {
        /// Token serial number or label.
        token: String,
        /// Key algorithm: rsa2048, rsa3072, rsa4096, p256 or p384.
        #[arg(long, value_parser = key_spec)]
        alg: pecat_token::KeySpec,
        /// Label of the new key (default: "Pecat ALG DATE").
        #[arg(long)]
        label: Option<String>,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Make a certificate request (PKCS#10) signed by a key on the token (reads: PIN).
    Csr {
        /// TOKEN:KEY-ID of the key.
        what: String,
        /// Copy the subject from this certificate (TOKEN:CERT-ID).
        #[arg(long, value_name = "TOKEN:CERT-ID", conflicts_with = "subject", required_unless_present = "subject")]
        subject_from: Option<String>,
        /// The subject, e.g. "C=RO, SN=Pop, GN=Ana, serialNumber=PNORO-1, CN=Ana Pop".
        #[arg(long, value_name = "DN")]
        subject: Option<String>,
        /// Add a challenge password (read like a PIN, after it).
        #[arg(long)]
        challenge_password: bool,
        #[command(flatten)]
        output: CsrOutputArgs,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// New key pair with the certificate's algorithm, and a request with its subject (reads: PIN).
    Renew {
        /// TOKEN:CERT-ID of the certificate to renew (it must still be valid).
        what: String,
        /// Label of the new key (default: holder's name and today's date).
        #[arg(long)]
        label: Option<String>,
        #[command(flatten)]
        output: CsrOutputArgs,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Sign PDFs (PAdES B-B) with a certificate on a token; one PIN entry for all files.
    Sign {
        /// TOKEN:CERT-ID of the signing certificate.
        what: String,
        #[command(flatten)]
        args: pdf::SignArgs,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Verify every signature in a PDF against the CAs you trust.
    Verify(verify::VerifyArgs),
    /// List a PDF's signature fields (empty ones can be signed into with `sign --field NAME`).
    Fields {
        /// The PDF.
        file: std::path::PathBuf,
    },
    /// Cloud signing accounts (CSC API services): add, list, log in, remove.
    Cloud {
        #[command(subcommand)]
        command: cloud::CloudCommand,
    },
    /// Why a token does not show up: modules and their errors, readers, tokens, the smart-card
    /// service and versions.
    Doctor,
    /// Shell completions and manual pages, for packagers.
    #[command(hide = true)]
    Generate {
        #[command(subcommand)]
        command: generate::GenerateCommand,
    },
    /// The built-in demo cloud credential: its one-time code and its root certificate.
    Demo {
        #[command(subcommand)]
        command: demo::DemoCommand,
    },
    /// Pecat's trust store: the CA certificates trusted for verifying documents.
    Trust {
        #[command(subcommand)]
        command: trust::TrustCommand,
    },
    /// PIN state, check, change and unblock.
    Pin {
        #[command(subcommand)]
        command: PinCommand,
    },
    /// Change the PUK (SO PIN, SafeNet's Administrator password).
    Puk {
        #[command(subcommand)]
        command: PukCommand,
    },
}

/// How secrets are entered.
#[derive(Debug, Clone, Copy, clap::Args)]
struct LoginArgs {
    /// Read secrets from standard input, one per line, instead of asking.
    #[arg(long)]
    pin_stdin: bool,
    /// Go ahead when the token says this is the last try before it locks.
    #[arg(long)]
    confirm_last_try: bool,
}

impl LoginArgs {
    fn flags(self, allow_long_pin: bool) -> pin::Flags {
        pin::Flags {
            pin_stdin: self.pin_stdin,
            options: pecat_token::PinOptions { confirm_last_try: self.confirm_last_try, allow_long_pin },
        }
    }
}

/// Options shared by the commands that use a secret.
#[derive(Debug, clap::Args)]
struct SecretArgs {
    /// Token serial number or label.
    token: String,
    #[command(flatten)]
    login: LoginArgs,
}

fn key_spec(s: &str) -> Result<pecat_token::KeySpec, String> {
    pecat_token::KeySpec::parse(s).ok_or_else(|| "choose rsa2048, rsa3072, rsa4096, p256 or p384".to_owned())
}

#[derive(Debug, clap::Args)]
struct NewSecretArgs {
    #[command(flatten)]
    secret: SecretArgs,
    /// Allow a PIN longer than the 8 characters macOS accepts.
    #[arg(long)]
    allow_long_pin: bool,
}

#[derive(Debug, Subcommand)]
enum PinCommand {
    /// Show the PIN and PUK state (tries left where the token tells).
    Status {
        /// Token serial number or label.
        token: String,
    },
    /// Check the PIN (reads: PIN).
    Verify(SecretArgs),
    /// Change the PIN (reads: current PIN, new PIN).
    Change(NewSecretArgs),
    /// Set a new PIN with the PUK / administrator PIN (reads: PUK, new PIN).
    Unblock(NewSecretArgs),
}

#[derive(Debug, Subcommand)]
enum PukCommand {
    /// Change the PUK (reads: current PUK, new PUK).
    Change(NewSecretArgs),
}

fn secret_op(ctx: &context::Context, args: NewSecretArgs, op: pin::Operation) -> anyhow::Result<Done> {
    pin::run(ctx, &args.secret.token, op, args.secret.login.flags(args.allow_long_pin))
}

/// Where a certificate request is written.
#[derive(Debug, clap::Args)]
struct CsrOutputArgs {
    /// Output file.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Write DER instead of PEM.
    #[arg(long)]
    der: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

impl CsrOutputArgs {
    fn into_output(self) -> renew::CsrOutput {
        renew::CsrOutput { path: self.output, der: self.der, force: self.force }
    }
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Show a token's information, PIN state and vendor profile.
    Show {
        /// Token serial number or label.
        token: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Binary DER (.cer, .crt, .der); one certificate.
    Der,
    /// PEM text.
    Pem,
    /// PKCS#7 bundle (.p7b).
    P7b,
}

#[derive(Debug, Subcommand)]
enum CertCommand {
    /// Show a certificate from a file (DER, PEM, P7B) or a token (TOKEN:ID).
    Show {
        /// A file path, or TOKEN:ID (e.g. MyToken:01).
        what: String,
        /// CA certificate file(s) to complete the chain with (repeatable).
        #[arg(long = "ca", value_name = "FILE")]
        ca: Vec<PathBuf>,
    },
    /// Export a certificate from a token.
    Export {
        /// TOKEN:ID of the certificate.
        what: String,
        /// Output encoding (default: from the output's extension — .pem PEM, .p7b or .p7c
        /// P7B, anything else DER).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Include the issuing CA certificates (PEM and P7B only).
        #[arg(long)]
        chain: bool,
        /// CA certificate file(s) to complete the chain with (repeatable).
        #[arg(long = "ca", value_name = "FILE")]
        ca: Vec<PathBuf>,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Load an issued certificate onto the token next to its key (reads: PIN).
    Import {
        /// Token serial number or label.
        token: String,
        /// The certificate (DER, PEM, or P7B with its chain).
        file: PathBuf,
        /// Remove this old certificate (CKA_ID) once the new one is stored and read back.
        #[arg(long, value_name = "CERT-ID")]
        replace: Option<String>,
        /// With --replace: also remove the old certificate's key pair.
        #[arg(long, requires = "replace")]
        delete_old_key: bool,
        /// Also store the CA certificates found in the file.
        #[arg(long)]
        with_chain: bool,
        /// Label for the certificate (default: its key's label).
        #[arg(long)]
        label: Option<String>,
        /// Load a certificate that is expired or not valid yet.
        #[arg(long)]
        allow_invalid: bool,
        #[command(flatten)]
        login: LoginArgs,
    },
    /// Export the personal certificate and its issuing CA as two DER .cer files (customs, tax platforms).
    ExportCustoms {
        /// TOKEN:ID of the personal certificate.
        what: String,
        /// CA certificate file(s), when the issuing CA is not on the token (repeatable).
        #[arg(long = "ca", value_name = "FILE")]
        ca: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Replace existing files.
        #[arg(long)]
        force: bool,
    },
}

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    /// Everything asked was done.
    Complete,
    /// Output produced, but something could not be read.
    Partial,
    /// The command ran but what it checked does not hold (wrong PIN, locked, refused).
    Failed(u8),
}

/// A command line that is wrong in a way clap cannot see — a value's shape, options that only go
/// together — as opposed to a failure of the work itself. `main` exits 2 for it, as clap does.
#[derive(Debug)]
pub(crate) struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A [`UsageError`] as an `anyhow::Error`, for `?` and `return Err(…)`.
pub(crate) fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The exit code for a command line error (clap's, and ours).
const EXIT_USAGE: u8 = 2;

/// Whether `--json` is on the command line, read before (or without) a successful parse so that
/// usage errors can be reported as JSON too. Arguments after `--` are operands.
fn json_on_command_line(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    args.into_iter().skip(1).take_while(|a| a != "--").any(|a| a == "--json")
}

/// The JSON document of a failure: `{"error": {"kind": …, "message": …}}`.
fn error_document(kind: &str, message: &str) -> serde_json::Value {
    serde_json::json!({ "error": { "kind": kind, "message": message } })
}

fn token_error_kind(e: &pecat_token::Error) -> &'static str {
    use pecat_token::Error as T;
    match e {
        T::NoSuchToken { .. } => "no-such-token",
        T::AmbiguousToken { .. } => "ambiguous-token",
        T::NoSuchKey { .. } | T::NoSuchObject { .. } => "no-such-object",
        T::TokenRemoved { .. } => "token-removed",
        T::ModuleMissing { .. } | T::ModuleLoad { .. } | T::Initialize { .. } => "module",
        T::Cloud { kind, .. } => {
            use pecat_token::CloudFailure as C;
            match kind {
                C::LoginRefused => "login-refused",
                C::LoginRequired => "login-required",
                C::Unreachable | C::Timeout => "unreachable",
                C::Tls => "tls",
                C::PlainHttp => "insecure-url",
                C::BadUrl(_) => "bad-url",
                C::Malformed(_) | C::Status(..) => "service-fault",
                _ => "cloud",
            }
        }
        _ => "token",
    }
}

/// A refused password is a wrong secret, like a wrong PIN (4); other token errors fail (1).
fn token_exit(e: &pecat_token::Error) -> u8 {
    match e {
        pecat_token::Error::Cloud { kind: pecat_token::CloudFailure::LoginRefused, .. } => 4,
        _ => 1,
    }
}

fn pki_error_kind(e: &pecat_pki::Error) -> &'static str {
    match e {
        pecat_pki::Error::Exists { .. } => "exists",
        pecat_pki::Error::Write { .. } => "io",
        _ => "certificate",
    }
}

/// Stable, machine-readable names for what went wrong, from the typed errors in the chain, and
/// the exit code: 2 for a command line error, 1 for the rest.
/// What the user can do about an error, in the command line's words (libraries name no flags).
fn hint(e: &anyhow::Error) -> Option<&'static str> {
    e.chain().find_map(|cause| {
        let pki =
            cause.downcast_ref::<pecat_pki::Error>().or_else(|| match cause.downcast_ref::<pecat_core::Error>() {
                Some(pecat_core::Error::Pki(p)) => Some(p),
                _ => None,
            });
        match (pki, cause.downcast_ref::<pecat_pades::Error>(), cause.downcast_ref::<pecat_core::Error>()) {
            (Some(pecat_pki::Error::Exists { .. }), ..) | (_, Some(pecat_pades::Error::Exists { .. }), _) => {
                Some("use --force to replace it")
            }
            (Some(pecat_pki::Error::IssuerMissing { .. }), ..) => Some("add it with --ca or store it on the token"),
            (_, _, Some(pecat_core::Error::NotImportable { .. })) => Some("use --allow-invalid to load it anyway"),
            (_, Some(pecat_pades::Error::CertifiedNoChanges { .. }), _) => {
                Some("--break-certification signs anyway; the certification then reports the change")
            }
            _ => None,
        }
    })
}

fn error_kind(e: &anyhow::Error) -> (&'static str, u8) {
    for cause in e.chain() {
        if cause.is::<UsageError>() {
            return ("usage", EXIT_USAGE);
        }
        if let Some(e) = cause.downcast_ref::<pecat_core::Error>() {
            // Transparent variants: the chain does not show the wrapped error on its own.
            return match e {
                pecat_core::Error::BadReference { .. } => ("usage", EXIT_USAGE),
                pecat_core::Error::Token(t) => (token_error_kind(t), token_exit(t)),
                pecat_core::Error::InsecureServiceUrl { .. } => ("insecure-url", 1),
                pecat_core::Error::BadServiceUrl { .. } => ("bad-url", 1),
                pecat_core::Error::BadAccount { .. } => ("bad-account", 1),
                pecat_core::Error::NoSuchAccount { .. } => ("no-such-account", 1),
                pecat_core::Error::NoCloudCredential { .. } => ("no-credential", 1),
                pecat_core::Error::SecretStoreUnavailable { .. } | pecat_core::Error::SecretStore { .. } => {
                    ("keyring", 1)
                }
                pecat_core::Error::Pki(p) => (pki_error_kind(p), 1),
                pecat_core::Error::NotRenewable { .. } => ("not-renewable", 1),
                pecat_core::Error::NotImportable { .. } => ("not-importable", 1),
                pecat_core::Error::Read { .. } => ("io", 1),
                _ => ("failed", 1),
            };
        }
        if let Some(e) = cause.downcast_ref::<pecat_token::Error>() {
            return (token_error_kind(e), token_exit(e));
        }
        if let Some(e) = cause.downcast_ref::<pecat_pki::Error>() {
            return (pki_error_kind(e), 1);
        }
        if let Some(e) = cause.downcast_ref::<pecat_pades::Error>() {
            return match e {
                pecat_pades::Error::Exists { .. } => ("exists", 1),
                pecat_pades::Error::Read { .. } | pecat_pades::Error::Write { .. } => ("io", 1),
                _ => ("pdf", 1),
            };
        }
        if cause.is::<std::io::Error>() {
            return ("io", 1);
        }
    }
    ("failed", 1)
}

/// Reports a command line clap refused (or help and version, which are not failures).
fn clap_failure(e: clap::Error, json: bool) -> ExitCode {
    if !e.use_stderr() {
        // --help, --version: printed on stdout, success.
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if json {
        let message = e.render().to_string();
        println!("{}", error_document("usage", message.trim_end()));
    }
    let _ = e.print();
    ExitCode::from(EXIT_USAGE)
}

fn main() -> ExitCode {
    let json = json_on_command_line(std::env::args_os());
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_failure(e, json),
    };
    let ctx = context::Context::new(cli.modules, cli.json, cli.demo);
    let result = match cli.command {
        Command::Modules => listing::modules(&ctx),
        Command::Tokens { all } => listing::tokens(&ctx, all),
        Command::Token { command: TokenCommand::Show { token } } => listing::token_show(&ctx, &token),
        Command::Certs { token, ca } => listing::certs(&ctx, &token, &ca),
        Command::Cert { command } => match command {
            CertCommand::Show { what, ca } => cert::show(&ctx, &what, &ca),
            CertCommand::Export { what, format, chain, ca, output, force } => {
                let format = format.map(|f| match f {
                    Format::Der => pecat_pki::ExportFormat::Der,
                    Format::Pem => pecat_pki::ExportFormat::Pem,
                    Format::P7b => pecat_pki::ExportFormat::P7b,
                });
                cert::export(&ctx, &what, format, chain, &ca, &output, force)
            }
            CertCommand::ExportCustoms { what, ca, output, force } => {
                cert::export_customs(&ctx, &what, &ca, &output, force)
            }
            CertCommand::Import { token, file, replace, delete_old_key, with_chain, label, allow_invalid, login } => {
                let options = renew::ImportOptions { replace, delete_old_key, with_chain, label, allow_invalid };
                renew::import(&ctx, &token, &file, options, login.flags(false))
            }
        },
        Command::Keygen { token, alg, label, login } => renew::keygen(&ctx, &token, alg, label, login.flags(false)),
        Command::Csr { what, subject_from, subject, challenge_password, output, login } => {
            let source = match (subject_from, subject) {
                (Some(from), _) => renew::SubjectSource::Certificate(from),
                (None, Some(dn)) => renew::SubjectSource::Dn(dn),
                (None, None) => renew::SubjectSource::Dn(String::new()),
            };
            renew::csr(&ctx, &what, &source, challenge_password, &output.into_output(), login.flags(false))
        }
        Command::Renew { what, label, output, login } => {
            renew::renew(&ctx, &what, label, &output.into_output(), login.flags(false))
        }
        Command::Sign { what, args, login } => pdf::sign(&ctx, &what, &args, login.flags(false)),
        Command::Verify(args) => verify::run(&ctx, &args),
        Command::Fields { file } => fields::run(&ctx, &file),
        Command::Trust { command } => trust::run(&ctx, &command),
        Command::Demo { command } => demo::run(&ctx, &command),
        Command::Generate { command } => generate::run(&ctx, &command),
        Command::Doctor => doctor::run(&ctx),
        Command::Cloud { command } => cloud::run(&ctx, &command),
        Command::Pin { command } => match command {
            PinCommand::Status { token } => pin::status(&ctx, &token),
            PinCommand::Verify(secret) => {
                secret_op(&ctx, NewSecretArgs { secret, allow_long_pin: false }, pin::Operation::Verify)
            }
            PinCommand::Change(args) => secret_op(&ctx, args, pin::Operation::ChangePin),
            PinCommand::Unblock(args) => secret_op(&ctx, args, pin::Operation::Unblock),
        },
        Command::Puk { command: PukCommand::Change(args) } => secret_op(&ctx, args, pin::Operation::ChangePuk),
    };
    match result {
        Ok(Done::Complete) => ExitCode::SUCCESS,
        Ok(Done::Partial) => ExitCode::from(3),
        Ok(Done::Failed(code)) => ExitCode::from(code),
        Err(e) => {
            let message = match hint(&e) {
                Some(h) => format!("{e:#} ({h})"),
                None => format!("{e:#}"),
            };
            eprintln!("pecat-cli: {message}");
            let (kind, code) = error_kind(&e);
            if ctx.json && !ctx.emitted() {
                // Best effort: stdout may be the broken pipe that made the command fail.
                let _ = ctx.emit_json(&error_document(kind, &message));
            }
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
        list.iter().map(Into::into).collect()
    }

    #[test]
    fn json_is_seen_before_parsing_but_not_after_double_dash() {
        assert!(json_on_command_line(args(&["pecat-cli", "sign", "--json", "--rect"])));
        assert!(json_on_command_line(args(&["pecat-cli", "--json", "bogus"])));
        assert!(!json_on_command_line(args(&["pecat-cli", "sign", "x:01", "--", "--json"])));
        assert!(!json_on_command_line(args(&["--json"])), "argv[0] is the program");
    }

    #[test]
    fn usage_errors_exit_2_wherever_they_sit_in_the_chain() {
        let e = usage("--rect takes four numbers").context("signing");
        assert_eq!(error_kind(&e), ("usage", 2));
        let e: anyhow::Error = pecat_core::Error::BadReference { text: ":01".into() }.into();
        assert_eq!(error_kind(&e), ("usage", 2));
        let e: anyhow::Error = pecat_token::Error::NoSuchToken { query: "x".into() }.into();
        assert_eq!(error_kind(&e), ("no-such-token", 1));
        let e: anyhow::Error = pecat_core::Error::from(pecat_token::Error::NoSuchToken { query: "x".into() }).into();
        assert_eq!(error_kind(&e), ("no-such-token", 1), "through core's transparent wrapper");
        assert_eq!(error_kind(&anyhow::anyhow!("something")), ("failed", 1));
    }
}
