//! `cloud add|list|login|remove`: cloud signing accounts (CSC API services), and how `tokens`
//! lists cloud stores — configured accounts and the built-in demo.

use std::io::IsTerminal as _;

use pecat_core::{Account, AddedAccount, Connection, LoginNeeded, Remembered, is_demo};
use pecat_token::{AuthRequirement, CodeDelivery, CredentialStore, StoreCredential};
use serde_json::{Value, json};

use crate::Done;
use crate::context::{AccountState, Cloud, Context};
use crate::secret_input::SecretInput;

#[derive(Debug, clap::Subcommand)]
pub enum CloudCommand {
    /// Add an account: log in, list its credentials, keep the login in the OS keyring (reads: password).
    Add {
        /// The service's CSC API address, e.g. https://csc.example.ro/csc/v2 (plain http only on this computer).
        url: String,
        /// What to call the account (default: the service's host name); used in NAME:CREDENTIAL.
        #[arg(long)]
        name: Option<String>,
        /// The user name at the service (asked when not given).
        #[arg(long)]
        user: Option<String>,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
        /// Log in in the browser (services whose login is OAuth 2.0): the address is printed and opened.
        #[arg(long, conflicts_with = "password_stdin")]
        oauth: bool,
    },
    /// List the accounts with their state and credentials.
    List,
    /// Log in to an account again and keep the new login (reads: password).
    Login {
        /// The account's name.
        name: String,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long)]
        password_stdin: bool,
        /// Log in in the browser (services whose login is OAuth 2.0): the address is printed and opened.
        #[arg(long, conflicts_with = "password_stdin")]
        oauth: bool,
    },
    /// Remove an account and its kept login.
    Remove {
        /// The account's name.
        name: String,
    },
}

pub fn run(ctx: &Context, command: &CloudCommand) -> anyhow::Result<Done> {
    match command {
        CloudCommand::Add { url, name, user, oauth: true, .. } => add_oauth(ctx, url, name.as_deref(), user.as_deref()),
        CloudCommand::Add { url, name, user, password_stdin, oauth: false } => {
            add(ctx, url, name.as_deref(), user.as_deref(), *password_stdin)
        }
        CloudCommand::List => list(ctx),
        CloudCommand::Login { name, oauth: true, .. } => login_oauth(ctx, name),
        CloudCommand::Login { name, password_stdin, oauth: false } => login(ctx, name, *password_stdin),
        CloudCommand::Remove { name } => remove(ctx, name),
    }
}

/// The host of a URL, for a default account name and for messages.
fn host_of(url: &str) -> String {
    url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or(url).to_owned()
}

/// The default name of an account: the service's host name, without the port (a name holds no
/// colon: it separates account and credential in `NAME:ID`).
fn default_name(url: &str) -> String {
    let host = host_of(url);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6).to_owned(),
        None => host.split(':').next().unwrap_or(&host).to_owned(),
    };
    host.replace(':', "-")
}

/// Saves the settings with a new or renewed account; when they cannot be saved, the login just
/// kept in the keyring is deleted again, so nothing is left that no account refers to.
fn save_or_forget(ctx: &Context, settings: &pecat_core::Settings, added: &AddedAccount) -> anyhow::Result<()> {
    let Err(e) = ctx.settings_path().and_then(|path| Ok(settings.save_to(&path)?)) else { return Ok(()) };
    if let (Ok(secrets), Ok(key)) = (ctx.secrets(), added.account.key()) {
        let _ = secrets.delete_all(&key);
    }
    Err(e.context("the account works but could not be kept; nothing was stored"))
}

fn read_user() -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(crate::usage("give the user name with --user"));
    }
    eprint!("User name: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let user = line.trim().to_owned();
    if user.is_empty() {
        return Err(crate::usage("the user name is empty"));
    }
    Ok(user)
}

fn read_password(stdin: bool, user: &str, url: &str) -> anyhow::Result<Option<pecat_token::SecretString>> {
    SecretInput::new(stdin).read(&format!("Password of {user} at {}", host_of(url)))
}

fn add(ctx: &Context, url: &str, name: Option<&str>, user: Option<&str>, stdin: bool) -> anyhow::Result<Done> {
    ctx.settings_path()?;
    let user = match user {
        Some(u) => u.to_owned(),
        None => read_user()?,
    };
    let name = name.map_or_else(|| default_name(url), str::to_owned);
    // The account is checked (https, a free name) before the password is asked.
    ctx.settings.clone().add_account(Account::new(&name, url, &user))?;
    let Some(password) = read_password(stdin, &user, url)? else {
        eprintln!("pecat-cli: cancelled; nothing was added");
        return Ok(Done::Failed(1));
    };
    let secrets = ctx.secrets().ok();
    let options = ctx.csc_options();
    let mut settings = ctx.settings.clone();
    let added = pecat_core::add_account(&mut settings, secrets, Account::new(&name, url, &user), password, &options)?;
    save_or_forget(ctx, &settings, &added)?;
    report_login(ctx, "added", &added)
}

fn login(ctx: &Context, name: &str, stdin: bool) -> anyhow::Result<Done> {
    let path = ctx.settings_path()?;
    let account = ctx
        .settings
        .account(pecat_core::AccountRef::Name(name))
        .cloned()
        .ok_or_else(|| pecat_core::Error::NoSuchAccount { name: name.to_owned() })?;
    let Some(password) = read_password(stdin, &account.user, &account.url)? else {
        eprintln!("pecat-cli: cancelled");
        return Ok(Done::Failed(1));
    };
    let secrets = ctx.secrets().ok();
    let options = ctx.csc_options();
    let mut settings = ctx.settings.clone();
    let added = pecat_core::login_account(&mut settings, secrets, name, password, &options)?;
    settings.save_to(&path)?;
    report_login(ctx, "logged-in", &added)
}

/// How long `--oauth` waits for the login in the browser.
const BROWSER_LOGIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// Shows the browser login's address and tries to open it; a browser that does not open is not
/// an error: the user opens the printed address.
fn open_browser(url: &str) -> pecat_token::Result<()> {
    eprintln!("Log in in your browser; if it does not open, open this address:\n  {url}");
    let mut command = if cfg!(target_os = "windows") {
        // Not `cmd /C start`: cmd would cut the address at its first `&`.
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        eprintln!("pecat-cli: the browser could not be opened ({e}); open the address above");
    }
    Ok(())
}

fn add_oauth(ctx: &Context, url: &str, name: Option<&str>, user: Option<&str>) -> anyhow::Result<Done> {
    ctx.settings_path()?;
    let user = match user {
        Some(u) => u.to_owned(),
        None => read_user()?,
    };
    let name = name.map_or_else(|| default_name(url), str::to_owned);
    let account = Account::new(&name, url, &user);
    let (secrets, options) = (ctx.secrets().ok(), ctx.csc_options());
    let mut settings = ctx.settings.clone();
    let mut open = open_browser;
    let added =
        pecat_core::add_account_oauth2(&mut settings, secrets, account, &mut open, BROWSER_LOGIN_TIMEOUT, &options)?;
    save_or_forget(ctx, &settings, &added)?;
    report_login(ctx, "added", &added)
}

fn login_oauth(ctx: &Context, name: &str) -> anyhow::Result<Done> {
    let path = ctx.settings_path()?;
    let (secrets, options) = (ctx.secrets().ok(), ctx.csc_options());
    let mut settings = ctx.settings.clone();
    let mut open = open_browser;
    let added =
        pecat_core::login_account_oauth2(&mut settings, secrets, name, &mut open, BROWSER_LOGIN_TIMEOUT, &options)?;
    settings.save_to(&path)?;
    report_login(ctx, "logged-in", &added)
}

/// What `cloud add` and `cloud login` print.
fn report_login(ctx: &Context, what: &str, added: &AddedAccount) -> anyhow::Result<Done> {
    let a = &added.account;
    let (kept, warning) = match &added.remembered {
        Remembered::RefreshToken => ("refresh-token", None),
        Remembered::Password => ("password", None),
        // The keyring's own reason when it could not be opened at all.
        Remembered::Nothing(e) => {
            ("nothing", Some(ctx.secrets().err().map_or_else(|| e.to_string(), ToString::to_string)))
        }
        Remembered::NothingToKeep => ("nothing", None),
    };
    match (&added.remembered, &warning) {
        (Remembered::NothingToKeep, _) => eprintln!(
            "pecat-cli: note: the service gave no refresh token to keep; each new session logs in in the browser again"
        ),
        (_, Some(w)) => eprintln!(
            "pecat-cli: warning: the login could not be kept in the OS keyring ({w}); commands that use this account will fail until a keyring is available and `pecat-cli cloud login {}` is run",
            quoted(&a.name)
        ),
        _ => {}
    }
    let credentials: Vec<Value> = added.credentials.iter().map(|c| credential_json(&a.name, c)).collect();
    if ctx.json {
        ctx.emit_json(&json!({
            what: a.name,
            "url": a.url,
            "user": a.user,
            "api_version": a.api_version,
            "login_kept": kept,
            "credentials": credentials,
        }))?;
    } else {
        let verb = if what == "added" { "Added" } else { "Logged in to" };
        eprintln!(
            "{verb} account {} ({} at {}, CSC API {}); {} credential(s):",
            quoted(&a.name),
            a.user,
            host_of(&a.url),
            a.api_version.as_deref().unwrap_or("?"),
            credentials.len()
        );
        for c in &credentials {
            print_credential(c);
        }
    }
    // Added, but not usable by the next command: the work is only partly done.
    Ok(if matches!(added.remembered, Remembered::Nothing(_)) { Done::Partial } else { Done::Complete })
}

fn remove(ctx: &Context, name: &str) -> anyhow::Result<Done> {
    let path = ctx.settings_path()?;
    let mut settings = ctx.settings.clone();
    // The settings first: should they fail to save, the account keeps its login.
    let removed = pecat_core::remove_account(&mut settings, None, name)?;
    settings.save_to(&path)?;
    let deleted =
        ctx.secrets().map_err(Clone::clone).and_then(|s| removed.account.key().and_then(|k| s.delete_all(&k)));
    let deleted = match deleted {
        Ok(n) => Some(n),
        Err(e) => {
            eprintln!("pecat-cli: warning: its kept login could not be deleted from the OS keyring: {e}");
            None
        }
    };
    if ctx.json {
        ctx.emit_json(&json!({ "removed": removed.account.name, "secrets_deleted": deleted }))?;
    } else {
        eprintln!("Removed account {}.", quoted(&removed.account.name));
    }
    Ok(if deleted.is_some() { Done::Complete } else { Done::Partial })
}

fn list(ctx: &Context) -> anyhow::Result<Done> {
    if ctx.settings.accounts().is_empty() {
        if ctx.json {
            ctx.emit_json(&json!({ "accounts": [] }))?;
        } else {
            println!("No cloud account. Add one with: pecat-cli cloud add URL --user NAME");
        }
        return Ok(Done::Complete);
    }
    let _ = ctx.inventory_with(Cloud::All)?;
    let accounts: Vec<Value> = ctx.accounts.borrow().iter().map(account_json).collect();
    let problems = accounts.iter().filter(|a| a["status"] != "ready").count();
    if ctx.json {
        ctx.emit_json(&json!({ "accounts": accounts }))?;
    } else {
        for a in &accounts {
            print_store(a);
        }
    }
    Ok(Context::done(problems))
}

/// Quotes a name for the shell when it needs it.
pub fn quoted(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c)) {
        name.to_owned()
    } else {
        format!("\"{name}\"")
    }
}

fn requirement_text(r: &AuthRequirement) -> &'static str {
    match r {
        AuthRequirement::Nothing => "no authorisation",
        AuthRequirement::Pin => "PIN",
        AuthRequirement::PinPad => "PIN on the reader",
        AuthRequirement::Code { delivery: CodeDelivery::Sent } => "one-time code (sent to you)",
        AuthRequirement::Code { .. } => "one-time code (authenticator app)",
        AuthRequirement::PinAndCode { delivery: CodeDelivery::Sent } => "PIN + one-time code (sent to you)",
        AuthRequirement::PinAndCode { .. } => "PIN + one-time code (authenticator app)",
    }
}

fn credential_json(store: &str, c: &StoreCredential) -> Value {
    let s = c.certificate.summary();
    json!({
        "id": c.id,
        "reference": format!("{store}:{}", c.id),
        "label": c.label,
        "subject": s.subject,
        "not_after": s.not_after_iso,
        "qualified": s.qualified.is_qualified(),
        "requirement": c.requirement,
        "requirement_text": requirement_text(&c.requirement),
        "multisign": c.capabilities.max_digests_per_call,
    })
}

/// A logged-in cloud store as `tokens` and `cloud list` show it.
pub fn store_json(store: &dyn CredentialStore) -> Value {
    let demo = is_demo(store);
    let label = store.store_label();
    let (status, problem, credentials) = match store.signing_credentials() {
        Ok(list) => ("ready", None, list.iter().map(|c| credential_json(&label, c)).collect::<Vec<_>>()),
        Err(e) => ("failed", Some(e.to_string()), Vec::new()),
    };
    json!({
        "name": label,
        "label": if demo { "Pecat demo (cloud)".to_owned() } else { label.clone() },
        "store": store.store_id(),
        "reference": store.store_id().reference(),
        "demo": demo,
        "status": status,
        "problem": problem,
        "credentials": credentials,
    })
}

/// A configured account, connected or not.
pub fn account_json(state: &AccountState) -> Value {
    let a = &state.account;
    let base = |status: &str, problem: Option<String>| {
        let reference = a.key().map(|k| format!("{}@{}", a.user, host_of(k.url()))).unwrap_or_default();
        json!({
            "name": a.name, "label": a.name, "url": a.url, "user": a.user, "demo": false, "reference": reference,
            "status": status, "problem": problem, "credentials": [],
        })
    };
    match &state.connection {
        Ok(Connection::Ready(client)) => {
            let mut v = store_json(client.as_ref());
            v["url"] = json!(a.url);
            v["user"] = json!(a.user);
            v["api_version"] = json!(client.info().specs);
            v
        }
        Ok(Connection::NeedsLogin { why, client }) => {
            let mut v = base("needs-login", Some(login_needed_text(why)));
            // A service whose only login is in the browser (OAuth 2.0): `cloud login NAME --oauth`.
            let info = client.info();
            v["browser_login"] = json!(info.oauth2_login() && !info.basic_login());
            v
        }
        Err(e) => base("unreachable", Some(e.to_string())),
    }
}

/// Why an account needs a login, in words.
pub fn login_needed_text(why: &LoginNeeded) -> String {
    match why {
        LoginNeeded::NoStoredLogin => "no login is kept in the OS keyring for it".to_owned(),
        LoginNeeded::StoredLoginRefused(e) => format!("the kept login was refused ({e})"),
        LoginNeeded::SecretStore(e) => e.to_string(),
    }
}

fn print_credential(c: &Value) {
    let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
    println!(
        "  {}  {} (valid until {}; {})",
        text("reference"),
        text("subject"),
        text("not_after"),
        text("requirement_text")
    );
}

/// Prints one cloud store or account for people.
pub fn print_store(s: &Value) {
    let text = |k: &str| s[k].as_str().unwrap_or_default().to_owned();
    if s["demo"] == true {
        println!("\nPecat demo (cloud) — a demo credential, never qualified, for trying Pecat without a token");
    } else {
        let version = s["api_version"].as_str().map(|v| format!(", CSC API {v}")).unwrap_or_default();
        println!("\nCloud account {} ({}{version})", quoted(&text("name")), text("reference"));
    }
    match s["status"].as_str() {
        Some("ready") => {
            for c in s["credentials"].as_array().into_iter().flatten() {
                print_credential(c);
            }
        }
        Some("needs-login") => {
            let oauth = if s["browser_login"] == true { " --oauth" } else { "" };
            println!("  needs a login: {}; run pecat-cli cloud login {}{oauth}", text("problem"), quoted(&text("name")))
        }
        _ => println!("  not available: {}", text("problem")),
    }
    if s["demo"] == true {
        println!(
            "  Sign with: pecat-cli sign demo:{} FILE.pdf — PIN {}, one-time code from `pecat-cli demo code`",
            pecat_core::DEMO_CREDENTIAL,
            pecat_core::DEMO_PIN
        );
    }
}
