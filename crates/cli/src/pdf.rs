//! `sign` and `verify`.

use std::path::PathBuf;

use anyhow::bail;
use pecat_core::{CancelToken, SignJob, SignReport, Signer, chain_pool, default_output, prepare_pdfs};
use pecat_pades::{Appearance, SignatureOptions, reserve_for};
use pecat_pki::build_chain;
use pecat_token::{AuthRequirement, CodeDelivery, CredentialStore, PinOutcome, Secrets, Token};
use serde_json::json;

use crate::context::Context;
use crate::pin::{Flags, login_refusal, read_pin, report_failure};
use crate::secret_input::SecretInput;
use crate::{Done, usage};

/// Files, signature dictionary entries and appearance, from the command line.
#[derive(Debug, Default, clap::Args)]
pub struct SignArgs {
    /// The PDFs to sign.
    #[arg(required = true, value_name = "IN.pdf")]
    pub inputs: Vec<PathBuf>,
    /// Output file (one input only; default: NAME.signed.pdf beside the input).
    #[arg(short, long, value_name = "OUT.pdf", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Folder for the signed files (NAME.signed.pdf).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// /Reason of the signature.
    #[arg(long)]
    pub reason: Option<String>,
    /// /Location of the signature.
    #[arg(long)]
    pub location: Option<String>,
    /// /ContactInfo of the signature.
    #[arg(long)]
    pub contact: Option<String>,
    /// /Name of the signer (default: the certificate's common name).
    #[arg(long)]
    pub name: Option<String>,
    /// Show the signature on a page.
    #[arg(long)]
    pub visible: bool,
    /// Page of the visible signature (1-based).
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Rectangle of the visible signature: x1,y1,x2,y2 in points, in the page's un-rotated
    /// coordinates: from the bottom-left corner of the page as stored, before any /Rotate turns
    /// it for display (the signature is still drawn upright). It must lie inside the page.
    #[arg(long, value_name = "X1,Y1,X2,Y2")]
    pub rect: Option<String>,
    /// A line of text in the visible signature (repeatable; default: name, date, reason).
    #[arg(long = "text", value_name = "LINE")]
    pub text: Vec<String>,
    /// A PNG or JPEG image in the visible signature.
    #[arg(long, value_name = "FILE")]
    pub image: Option<PathBuf>,
    /// CA certificate file(s) to carry in the signature when the token lacks them (repeatable).
    #[arg(long = "ca", value_name = "FILE")]
    pub ca: Vec<PathBuf>,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Sign even a document certified with no changes allowed (its certification then breaks).
    #[arg(long)]
    pub break_certification: bool,
    /// Sign into this empty signature field of the document (`pecat-cli fields FILE` lists
    /// them); the field gives the page and rectangle, and --text / --image its appearance.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["rect", "page"])]
    pub field: Option<String>,
}

/// `x1,y1,x2,y2` in points; any other shape is a command line error.
fn parse_rect(s: &str) -> anyhow::Result<[f64; 4]> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| usage(format!("--rect {s}: give x1,y1,x2,y2 in points, e.g. 36,36,286,106")))?;
    let [x1, y1, x2, y2] = v[..] else { return Err(usage(format!("--rect {s}: give four numbers, x1,y1,x2,y2"))) };
    if v.iter().any(|n| !n.is_finite()) {
        return Err(usage(format!("--rect {s}: the numbers must be finite")));
    }
    if x2 <= x1 || y2 <= y1 {
        return Err(usage(format!("--rect {s}: x2 must be right of x1 and y2 above y1")));
    }
    Ok([x1, y1, x2, y2])
}

fn jobs(args: &SignArgs) -> anyhow::Result<Vec<SignJob>> {
    if args.inputs.is_empty() {
        return Err(usage("name at least one PDF to sign"));
    }
    if args.output.is_some() && args.inputs.len() > 1 {
        return Err(usage("-o names one output; for several PDFs use --out-dir DIR"));
    }
    if let Some(dir) = args.out_dir.as_ref().filter(|d| !d.is_dir()) {
        bail!("{} is not a folder", dir.display());
    }
    let mut jobs = Vec::new();
    for input in &args.inputs {
        let output = match &args.output {
            Some(o) => o.clone(),
            None => default_output(input, args.out_dir.as_deref()),
        };
        if jobs.iter().any(|j: &SignJob| j.output == output) {
            return Err(usage(format!("two inputs would both be written to {}", output.display())));
        }
        jobs.push(SignJob { input: input.clone(), output });
    }
    Ok(jobs)
}

/// While `sign` writes: SIGINT and SIGTERM remove the temporary files beside the outputs (a
/// signal runs no destructor), then end the process with 128 + the signal (130, 143), as a shell
/// reports it. The handler runs on its own thread and leaves with `_exit`, so no exit handler of
/// a PKCS#11 module runs while the main thread may be inside it.
#[cfg(unix)]
fn remove_temporary_files_on_signals() -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            pecat_pades::sign::remove_part_files();
            signal_hook::low_level::exit(128 + signal);
        }
    })?;
    Ok(())
}

pub fn sign(ctx: &Context, what: &str, args: &SignArgs, flags: Flags) -> anyhow::Result<Done> {
    let jobs = jobs(args)?;
    let appearance = if args.field.is_some() {
        // The field's widget decides page, place and whether it shows (pades ignores these two).
        Some(Appearance { page: 1, rect: [0.0; 4], lines: args.text.clone(), image: args.image.clone() })
    } else if args.visible {
        let rect = parse_rect(args.rect.as_deref().unwrap_or("36,36,286,106"))?;
        Some(Appearance { page: args.page.max(1), rect, lines: args.text.clone(), image: args.image.clone() })
    } else {
        if args.rect.is_some() || !args.text.is_empty() || args.image.is_some() {
            return Err(usage("--rect, --text and --image describe a visible signature: add --visible"));
        }
        None
    };
    let extra = crate::cert::load_files(&args.ca)?;
    let inv = ctx.inventory_with(crate::context::Cloud::Named(crate::cert::store_part(what)))?;
    let found = match crate::cert::locate(&inv, what)? {
        crate::cert::Located::Cloud { store, credential } => {
            return sign_with_cloud(ctx, store.as_ref(), *credential, &jobs, args, appearance, flags);
        }
        crate::cert::Located::Token(found) => *found,
    };
    let token = found.token;
    let credential = token.signing_credentials()?.into_iter().find(|c| c.id == found.object.id);
    let Some(mut credential) = credential else {
        bail!("no key on token {} pairs with certificate {}; it cannot sign", token.id(), found.object.id);
    };
    // The token's CA certificates and those given with --ca.
    credential.chain = build_chain(&found.certificate, &chain_pool(&found.objects, &extra))
        .certificates
        .into_iter()
        .skip(1)
        .filter(|c| !c.is_self_signed())
        .collect();
    let certs_len = found.certificate.der().len() + credential.chain.iter().map(|c| c.der().len()).sum::<usize>();
    let options = SignatureOptions {
        reason: args.reason.clone(),
        location: args.location.clone(),
        contact_info: args.contact.clone(),
        name: args.name.clone().or_else(|| found.certificate.summary().common_name.clone()),
        appearance,
        // The container holds the certificates and one signature of the size the store states.
        reserve: reserve_for(certs_len + credential.capabilities.signature_size),
        overwrite: args.force,
        break_certification: args.break_certification,
        field: args.field.clone(),
    };
    for job in &jobs {
        match pecat_pades::docmdp::document_certification(&job.input) {
            Ok(Some(pecat_pades::Permission::FillForms)) => eprintln!(
                "pecat-cli: note: {} is certified by its author (P=2): signing is allowed, other changes are not",
                job.input.display()
            ),
            Ok(Some(pecat_pades::Permission::Annotate)) => eprintln!(
                "pecat-cli: note: {} is certified by its author (P=3): signing and comments are allowed",
                job.input.display()
            ),
            Ok(Some(pecat_pades::Permission::NoChanges)) if args.break_certification => eprintln!(
                "pecat-cli: warning: {} is certified with no changes allowed; its certification will report this signature as a breach",
                job.input.display()
            ),
            _ => {}
        }
    }
    if let Some(refused) = login_refusal(token, flags)? {
        return report_failure(ctx, token, "sign", refused);
    }
    let signer = Signer { store: token, credential };
    #[cfg(unix)]
    remove_temporary_files_on_signals()?;
    // Documents first: a damaged one is known before the PIN is asked, and none at all means no
    // PIN. The temporary files wait beside their outputs meanwhile.
    let batch = prepare_pdfs(&signer, &jobs, &options, ctx.now)?;
    let outcome = if batch.is_empty() {
        PinOutcome::done(batch.into_reports())
    } else {
        let Some(pin) = read_pin(flags)? else {
            return report_failure(ctx, token, "sign", PinOutcome::<()>::Cancelled);
        };
        batch.sign(Secrets::pin(pin), flags.options, &mut |_| {}, &CancelToken::new())?
    };
    let reports = match outcome.into_failure::<()>() {
        Ok(refused) => return report_failure(ctx, token, "sign", refused),
        Err(reports) => reports,
    };
    report_documents(ctx, json!({ "token": token.id().serial, "certificate": found.object.id }), &reports)
}

/// Prints what became of each document (and the JSON document with `head` plus the results).
fn report_documents(ctx: &Context, head: serde_json::Value, reports: &[SignReport]) -> anyhow::Result<Done> {
    let failed = reports.iter().filter(|r| r.error.is_some()).count();
    for r in reports {
        match &r.error {
            None => eprintln!("Signed {} → {}", r.input.display(), r.output.display()),
            Some(e) => eprintln!("pecat-cli: {}: {e}", r.input.display()),
        }
    }
    if ctx.json {
        let mut doc = head;
        doc["results"] = serde_json::to_value(reports)?;
        if failed == reports.len() {
            let message = format!("none of the {failed} document(s) was signed");
            doc["error"] = json!({ "kind": "not-signed", "message": message });
        }
        ctx.emit_json(&doc)?;
    }
    Ok(match failed {
        0 => Done::Complete,
        n if n == reports.len() => Done::Failed(1),
        _ => Done::Partial,
    })
}

/// Signs with a cloud credential: one authorisation (PIN and one-time code, the code requested
/// first when the service sends it) for every document.
fn sign_with_cloud(
    ctx: &Context,
    store: &dyn CredentialStore,
    credential: pecat_token::StoreCredential,
    jobs: &[SignJob],
    args: &SignArgs,
    appearance: Option<Appearance>,
    flags: Flags,
) -> anyhow::Result<Done> {
    let id = credential.id.clone();
    let certs_len = credential.certificate.der().len()
        + credential.chain.iter().map(|c| c.der().len()).sum::<usize>()
        + credential.capabilities.signature_size;
    let options = SignatureOptions {
        reason: args.reason.clone(),
        location: args.location.clone(),
        contact_info: args.contact.clone(),
        name: args.name.clone().or_else(|| credential.certificate.summary().common_name.clone()),
        appearance,
        reserve: reserve_for(certs_len),
        overwrite: args.force,
        break_certification: args.break_certification,
        field: args.field.clone(),
    };
    let requirement = credential.requirement;
    let signer = Signer { store, credential };
    #[cfg(unix)]
    remove_temporary_files_on_signals()?;
    let refuse = |refused: &PinOutcome<()>| -> anyhow::Result<Done> {
        let (message, code) = cloud_refusal(refused);
        if ctx.json {
            let kind = serde_json::to_value(refused)?["outcome"].as_str().unwrap_or("refused").to_owned();
            ctx.emit_json(
                &json!({ "store": store.store_id(), "result": refused, "error": { "kind": kind, "message": message } }),
            )?;
        }
        eprintln!("pecat-cli: {message}");
        Ok(Done::Failed(code))
    };
    let batch = prepare_pdfs(&signer, jobs, &options, ctx.now)?;
    let outcome = if batch.is_empty() {
        PinOutcome::done(batch.into_reports())
    } else {
        // More documents than one authorisation may cover: said before anything is asked.
        if let Some(refused) = batch.too_large() {
            return refuse(&refused);
        }
        // Secrets in the credential's order — the PIN (first line with --pin-stdin), then the
        // code (the next line) — and a sent code is requested only once the PIN is in hand.
        let input = SecretInput::new(flags.pin_stdin);
        let pin = if requirement.needs_pin() { input.read("PIN")? } else { None };
        if requirement.needs_pin() && pin.is_none() {
            return refuse(&PinOutcome::Cancelled);
        }
        if let AuthRequirement::PinAndCode { delivery: CodeDelivery::Sent }
        | AuthRequirement::Code { delivery: CodeDelivery::Sent } = requirement
        {
            // The service sends the code now (SMS, e-mail); the user types it below.
            if let Ok(refused) = store.request_code(&signer.credential)?.into_failure::<()>() {
                return refuse(&refused);
            }
            eprintln!("The service has sent the one-time code.");
        }
        let code = if requirement.needs_code() { input.read("One-time code")? } else { None };
        if requirement.needs_code() && code.is_none() {
            return refuse(&PinOutcome::Cancelled);
        }
        batch.sign(Secrets { pin, code }, flags.options, &mut |_| {}, &CancelToken::new())?
    };
    let reports = match outcome.into_failure::<()>() {
        Ok(refused) => return refuse(&refused),
        Err(reports) => reports,
    };
    report_documents(ctx, json!({ "store": store.store_id(), "credential": id }), &reports)
}

/// A refused cloud authorisation in words, with its exit code.
fn cloud_refusal(outcome: &PinOutcome<()>) -> (String, u8) {
    match outcome {
        PinOutcome::WrongPin { after, .. } => match after.tries_left {
            Some(n) => (format!("Wrong PIN; {n} tries left. Nothing was signed."), 4),
            None => ("Wrong PIN. Nothing was signed.".to_owned(), 4),
        },
        PinOutcome::WrongCode { tries_left: Some(n) } => {
            (format!("Wrong one-time code; {n} tries left. Nothing was signed."), 4)
        }
        PinOutcome::WrongCode { tries_left: None } => ("Wrong one-time code. Nothing was signed.".to_owned(), 4),
        PinOutcome::CodeExpired => {
            ("The one-time code has expired; use the current one. Nothing was signed.".to_owned(), 4)
        }
        PinOutcome::Locked { .. } => ("The credential is locked by the service; contact the provider.".to_owned(), 5),
        PinOutcome::AuthorisationExpired => {
            ("The authorisation expired before signing finished; sign again. Nothing was written.".to_owned(), 1)
        }
        PinOutcome::TooManySignatures { allowed: 0, asked } => {
            (format!("The service refused {asked} signatures under one authorisation; sign fewer files at once."), 1)
        }
        PinOutcome::TooManySignatures { allowed, asked } => (
            format!(
                "The credential allows {allowed} signature(s) per authorisation and this batch has {asked}; sign at most {allowed} files at once. Nothing was sent."
            ),
            1,
        ),
        PinOutcome::Cancelled => ("Cancelled; nothing was sent.".to_owned(), 1),
        PinOutcome::Policy { violation } => (format!("Refused: {violation}. Nothing was sent."), 6),
        other => (format!("The service refused the authorisation ({other:?}). Nothing was signed."), 1),
    }
}
