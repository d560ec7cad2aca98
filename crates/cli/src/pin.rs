//! `pin status|verify|change|unblock` and `puk change`.

use pecat_core::{NewSecret, PinRequest, precheck_pin_operation, run_pin_operation, warn_long_for_macos};
use pecat_token::PinManagement;
use pecat_token::{HostOs, PinInfo, PinOptions, PinOutcome, PinState, PinStatus, SecretKind, Token};
use serde_json::json;

use crate::Done;
use crate::context::Context;
use crate::secret_input::SecretInput;

/// What to do with the token's secrets.
pub use pecat_core::PinOperation as Operation;

/// The operation's name in JSON output.
fn operation_name(op: Operation) -> &'static str {
    match op {
        Operation::Verify => "pin-verify",
        Operation::ChangePin => "pin-change",
        Operation::Unblock => "pin-unblock",
        Operation::ChangePuk => "puk-change",
    }
}

/// Options of the secret commands.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub pin_stdin: bool,
    pub options: PinOptions,
}

pub fn status(ctx: &Context, query: &str) -> anyhow::Result<Done> {
    let inv = ctx.inventory();
    let token = inv.find_token(query)?;
    let pins = token.pin_status()?;
    if ctx.json {
        ctx.emit_json(&json!({ "token": token.id().serial, "label": token.label(), "pins": pins }))?;
    } else {
        println!("Token {} ({})", token.label(), token.id());
        print!("{}", describe_status(&pins));
    }
    Ok(Done::Complete)
}

fn describe_status(p: &PinStatus) -> String {
    let mut s = format!("  PIN              {}\n", p.user.describe());
    match &p.puk {
        Some(puk) => s.push_str(&format!("  {:<16} {}\n", p.puk_label, puk.describe())),
        None => s.push_str(&format!("  {:<16} none on this token\n", p.puk_label)),
    }
    if let Some(hint) = &p.unblock_hint {
        s.push_str(&format!("  {hint}\n"));
    }
    if p.is_dead() {
        s.push_str(&format!("  {}\n", dead_token(&p.puk_label)));
    }
    s
}

fn dead_token(puk_label: &str) -> String {
    format!(
        "The {puk_label} is locked: this token can no longer be unblocked. Its qualified certificate must be revoked and a new token issued by your provider."
    )
}

fn label(kind: SecretKind, pins: &PinStatus) -> String {
    match kind {
        SecretKind::Pin => "PIN".to_owned(),
        SecretKind::Puk => pins.puk_label.clone(),
    }
}

pub fn run(ctx: &Context, query: &str, op: Operation, flags: Flags) -> anyhow::Result<Done> {
    let inv = ctx.inventory();
    let token = inv.find_token(query)?;
    let check = precheck_pin_operation(token, op, flags.options)?;
    let request = match check.refused {
        Some(refused) => Err(refused),
        None => read_request(op, &check.status, flags)?.ok_or(PinOutcome::Cancelled),
    };
    let (outcome, after) = match request {
        Err(outcome) => (outcome, token.pin_status()?),
        Ok(request) => {
            let host = HostOs::current();
            if warn_long_for_macos(token.profile(), &check.status, &request, host, flags.options) {
                eprintln!(
                    "pecat-cli: note: this PIN has more than 8 characters; macOS (Monterey, Ventura, Sonoma) will not accept it if the token is used on a Mac."
                );
            }
            let result = run_pin_operation(token, &check.status, &request, host, flags.options)?;
            (result.outcome, result.after)
        }
    };
    report(ctx, token, op, &outcome, &after)
}

/// Asks for the secrets of `op`: the current one, then the new one (twice on a prompt); `None`
/// when the user cancels a prompt.
fn read_request(op: Operation, pins: &PinStatus, flags: Flags) -> anyhow::Result<Option<PinRequest>> {
    let input = SecretInput::new(flags.pin_stdin);
    let presented_label = match op.presented() {
        _ if op == Operation::Verify => "PIN".to_owned(),
        SecretKind::Pin => "current PIN".to_owned(),
        SecretKind::Puk => format!("current {}", pins.puk_label),
    };
    let Some(presented) = input.read(&presented_label)? else { return Ok(None) };
    let Some(new_kind) = op.new_secret() else { return Ok(Some(PinRequest::Verify { pin: presented })) };
    let Some((secret, confirmation)) = input.read_new(&format!("new {}", label(new_kind, pins)))? else {
        return Ok(None);
    };
    let new = NewSecret { secret, confirmation };
    Ok(Some(match op {
        Operation::ChangePin => PinRequest::ChangePin { old: presented, new },
        Operation::Unblock => PinRequest::Unblock { puk: presented, new },
        Operation::ChangePuk => PinRequest::ChangePuk { old: presented, new },
        Operation::Verify => PinRequest::Verify { pin: presented },
    }))
}

fn wrong(kind: SecretKind, after: &PinInfo, pins: &PinStatus, token: &dyn Token) -> String {
    let name = label(kind, pins);
    let rest = match (after.state, after.tries_left) {
        (PinState::Locked, _) => match kind {
            SecretKind::Pin => format!("The PIN is now locked. {}", unblock_hint(pins, token)),
            SecretKind::Puk => dead_token(&pins.puk_label),
        },
        (PinState::FinalTry, _) => "One try left: the next wrong entry locks it.".to_owned(),
        (_, Some(n)) => format!("{n} tries left."),
        (PinState::CountLow, None) => "Few tries left (the token does not say how many).".to_owned(),
        _ => "The token does not say how many tries are left.".to_owned(),
    };
    format!("Wrong {name}. {rest}")
}

fn unblock_hint(pins: &PinStatus, token: &dyn Token) -> String {
    match (&pins.puk, &pins.unblock_hint) {
        (None, Some(hint)) => hint.clone(),
        _ => format!("Unblock it with the {}: pecat-cli pin unblock {}", pins.puk_label, token.id()),
    }
}

/// The message and exit code of an outcome that is not `Done`; `None` for `Done`.
pub fn failure<T>(outcome: &PinOutcome<T>, token: &dyn Token, pins: &PinStatus) -> Option<(String, u8)> {
    Some(match outcome {
        PinOutcome::Done { .. } => return None,
        PinOutcome::WrongPin { secret, after } => (wrong(*secret, after, pins, token), 4),
        PinOutcome::Locked { secret: SecretKind::Pin } => {
            (format!("The PIN is locked; nothing was tried. {}", unblock_hint(pins, token)), 5)
        }
        PinOutcome::Locked { secret: SecretKind::Puk } => (dead_token(&pins.puk_label), 5),
        PinOutcome::NeedsConfirmation { secret } => (
            format!(
                "The token allows one more try of the {}: a wrong entry locks it. Nothing was sent. Run again with --confirm-last-try if you are sure.",
                label(*secret, pins)
            ),
            6,
        ),
        PinOutcome::MustChange => (format!("The PIN must be changed first: pecat-cli pin change {}", token.id()), 1),
        PinOutcome::Rejected { secret, reason } => {
            (format!("The token refused the new {} ({reason}).", label(*secret, pins)), 6)
        }
        PinOutcome::Policy { violation } => (format!("Refused: {violation}. Nothing was sent to the token."), 6),
        PinOutcome::NoPuk { hint } => {
            (hint.clone().unwrap_or_else(|| "This token has no PUK; it cannot be unblocked here.".to_owned()), 6)
        }
        PinOutcome::Cancelled => ("Cancelled; nothing was sent to the token.".to_owned(), 1),
        PinOutcome::WrongCode { tries_left: Some(n) } => (format!("Wrong one-time code; {n} tries left."), 4),
        PinOutcome::WrongCode { tries_left: None } => ("Wrong one-time code.".to_owned(), 4),
        PinOutcome::CodeExpired => ("The one-time code has expired; use the current one.".to_owned(), 4),
        PinOutcome::AuthorisationExpired => {
            ("The authorisation expired before signing finished; nothing more was signed.".to_owned(), 1)
        }
        PinOutcome::TooManySignatures { allowed, asked } => {
            (format!("One authorisation allows {allowed} signatures; {asked} were asked."), 1)
        }
    })
}

/// What refuses a login from the token's state alone (locked, last try not confirmed), before
/// anything is asked.
pub fn login_refusal(token: &dyn Token, flags: Flags) -> anyhow::Result<Option<PinOutcome<()>>> {
    Ok(pecat_core::login_refusal(token, flags.options)?)
}

/// Asks for the PIN of a login; `None` when the user cancels the prompt.
pub fn read_pin(flags: Flags) -> anyhow::Result<Option<pecat_token::SecretString>> {
    SecretInput::new(flags.pin_stdin).read("PIN")
}

/// Reads the PIN for an operation that logs in, after checking it can be tried at all.
pub fn read_login_pin(
    token: &dyn Token,
    flags: Flags,
) -> anyhow::Result<Result<pecat_token::SecretString, PinOutcome<()>>> {
    if let Some(refused) = login_refusal(token, flags)? {
        return Ok(Err(refused));
    }
    match read_pin(flags)? {
        Some(pin) => Ok(Ok(pin)),
        None => Ok(Err(PinOutcome::Cancelled)),
    }
}

/// Prints a non-`Done` outcome (stderr, and the JSON document when asked) and gives its code.
pub fn report_failure<T>(
    ctx: &Context,
    token: &dyn Token,
    operation: &str,
    outcome: PinOutcome<T>,
) -> anyhow::Result<Done> {
    let outcome: PinOutcome<()> = pecat_core::carry(outcome);
    let outcome = &outcome;
    let pins = token.pin_status()?;
    let (message, code) = failure(outcome, token, &pins).unwrap_or_else(|| (String::new(), 1));
    if ctx.json {
        let result = serde_json::to_value(outcome)?;
        let kind = result["outcome"].as_str().unwrap_or("failed").to_owned();
        ctx.emit_json(&json!({
            "token": token.id().serial,
            "operation": operation,
            "result": result,
            "message": message,
            "pins": pins,
            "error": { "kind": kind, "message": message },
        }))?;
    }
    eprintln!("pecat-cli: {message}");
    Ok(Done::Failed(code))
}

fn report(
    ctx: &Context,
    token: &dyn Token,
    op: Operation,
    outcome: &PinOutcome<()>,
    after: &PinStatus,
) -> anyhow::Result<Done> {
    if !outcome.is_done() {
        return report_failure(ctx, token, operation_name(op), outcome.clone());
    }
    let message = match op {
        Operation::Verify => "The PIN is correct.".to_owned(),
        Operation::ChangePin => "PIN changed.".to_owned(),
        Operation::Unblock => "PIN unblocked: the new PIN is set.".to_owned(),
        Operation::ChangePuk => format!("{} changed.", after.puk_label),
    };
    if ctx.json {
        ctx.emit_json(&json!({
            "token": token.id().serial,
            "operation": operation_name(op),
            "result": outcome,
            "message": message,
            "pins": after,
        }))?;
    }
    eprintln!("{message}");
    Ok(Done::Complete)
}
