//! `pin status|verify|change|unblock` and `puk change`.

use pecat_core::Inventory;
use pecat_token::{
    HostOs, PinInfo, PinOptions, PinOutcome, PinRules, PinState, PinStatus, Pkcs11Token, PukKind, SecretKind, Token,
    check_new_pin, too_long_for_macos,
};
use serde_json::json;

use crate::Done;
use crate::context::Context;
use crate::secret_input::SecretInput;

/// What to do with the token's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Verify,
    ChangePin,
    Unblock,
    ChangePuk,
}

impl Operation {
    fn name(self) -> &'static str {
        match self {
            Self::Verify => "pin-verify",
            Self::ChangePin => "pin-change",
            Self::Unblock => "pin-unblock",
            Self::ChangePuk => "puk-change",
        }
    }

    /// The secret entered first (whose wrong entry costs a try).
    fn presented(self) -> SecretKind {
        match self {
            Self::Verify | Self::ChangePin => SecretKind::Pin,
            Self::Unblock | Self::ChangePuk => SecretKind::Puk,
        }
    }

    /// The secret being set, if any.
    fn new_secret(self) -> Option<SecretKind> {
        match self {
            Self::Verify => None,
            Self::ChangePin | Self::Unblock => Some(SecretKind::Pin),
            Self::ChangePuk => Some(SecretKind::Puk),
        }
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
    let inv: Inventory = ctx.inventory();
    let token = inv.find_token(query)?;
    let before = token.pin_status()?;
    let outcome = match precheck(token, &before, op, flags.options) {
        Some(refused) => refused,
        None => match ask_and_do(token, &before, op, flags)? {
            Some(o) => o,
            None => PinOutcome::Cancelled,
        },
    };
    let after = token.pin_status()?;
    report(ctx, token, op, &outcome, &after)
}

/// What can be refused from the state alone, before asking for anything.
fn precheck(token: &Pkcs11Token, pins: &PinStatus, op: Operation, options: PinOptions) -> Option<PinOutcome<()>> {
    let presented = op.presented();
    if presented == SecretKind::Puk && token.profile().puk == PukKind::None {
        return Some(PinOutcome::NoPuk { hint: token.profile().unblock_hint.clone() });
    }
    let state = match presented {
        SecretKind::Pin => &pins.user,
        SecretKind::Puk => pins.puk.as_ref()?,
    };
    match state.state {
        PinState::Locked => Some(PinOutcome::Locked { secret: presented }),
        PinState::FinalTry if !options.confirm_last_try => Some(PinOutcome::NeedsConfirmation { secret: presented }),
        _ => None,
    }
}

fn ask_and_do(
    token: &Pkcs11Token,
    pins: &PinStatus,
    op: Operation,
    flags: Flags,
) -> anyhow::Result<Option<PinOutcome<()>>> {
    let input = SecretInput::new(flags.pin_stdin);
    let presented_label = match op.presented() {
        SecretKind::Pin => "current PIN".to_owned(),
        SecretKind::Puk => format!("current {}", pins.puk_label),
    };
    let presented_label = if op == Operation::Verify { "PIN".to_owned() } else { presented_label };
    let Some(presented) = input.read(&presented_label)? else { return Ok(None) };
    let Some(new_kind) = op.new_secret() else {
        return Ok(Some(token.verify_pin(&presented, flags.options)?));
    };
    let Some((new, confirmation)) = input.read_new(&format!("new {}", label(new_kind, pins)))? else {
        return Ok(None);
    };
    let rules = match new_kind {
        SecretKind::Pin => PinRules::for_user_pin(token.profile(), pins.pin_length),
        SecretKind::Puk => PinRules::for_puk(pins.pin_length),
    };
    let old = (op != Operation::Unblock).then_some(&presented);
    if let Err(violation) =
        check_new_pin(&rules, old, &new, confirmation.as_ref(), HostOs::current(), flags.options.allow_long_pin)
    {
        return Ok(Some(PinOutcome::Policy { violation }));
    }
    if new_kind == SecretKind::Pin && HostOs::current() != HostOs::MacOs && too_long_for_macos(&new) {
        eprintln!(
            "pecat-cli: note: this PIN has more than 8 characters; macOS (Monterey, Ventura, Sonoma) will not accept it if the token is used on a Mac."
        );
    }
    let outcome = match op {
        Operation::ChangePin => token.change_pin(&presented, &new, flags.options)?,
        Operation::Unblock => token.unblock_pin(&presented, &new, flags.options)?,
        Operation::ChangePuk => token.change_puk(&presented, &new, flags.options)?,
        Operation::Verify => token.verify_pin(&presented, flags.options)?,
    };
    Ok(Some(outcome))
}

fn wrong(kind: SecretKind, after: &PinInfo, pins: &PinStatus, token: &Pkcs11Token) -> String {
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

fn unblock_hint(pins: &PinStatus, token: &Pkcs11Token) -> String {
    match (&pins.puk, &pins.unblock_hint) {
        (None, Some(hint)) => hint.clone(),
        _ => format!("Unblock it with the {}: pecat-cli pin unblock {}", pins.puk_label, token.id()),
    }
}

/// The message and exit code of an outcome that is not `Done`; `None` for `Done`.
pub fn failure<T>(outcome: &PinOutcome<T>, token: &Pkcs11Token, pins: &PinStatus) -> Option<(String, u8)> {
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
    })
}

/// What refuses a login from the token's state alone (locked, last try not confirmed), before
/// anything is asked.
pub fn login_refusal(token: &Pkcs11Token, flags: Flags) -> anyhow::Result<Option<PinOutcome<()>>> {
    let pins = token.pin_status()?;
    Ok(precheck(token, &pins, Operation::Verify, flags.options))
}

/// Asks for the PIN of a login; `None` when the user cancels the prompt.
pub fn read_pin(flags: Flags) -> anyhow::Result<Option<pecat_token::SecretString>> {
    SecretInput::new(flags.pin_stdin).read("PIN")
}

/// Reads the PIN for an operation that logs in, after checking it can be tried at all.
pub fn read_login_pin(
    token: &Pkcs11Token,
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
    token: &Pkcs11Token,
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
    token: &Pkcs11Token,
    op: Operation,
    outcome: &PinOutcome<()>,
    after: &PinStatus,
) -> anyhow::Result<Done> {
    if !outcome.is_done() {
        return report_failure(ctx, token, op.name(), outcome.clone());
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
            "operation": op.name(),
            "result": outcome,
            "message": message,
            "pins": after,
        }))?;
    }
    eprintln!("{message}");
    Ok(Done::Complete)
}
