//! `keygen`, `csr`, `cert import` and `renew`: renewal on the same token.

use pecat_token::KeyManagement;
use std::path::{Path, PathBuf};

use anyhow::bail;
use pecat_core::{Renewal, default_keygen_label, import_issued, import_request, plan_renewal, token_csr};
use pecat_pki::{CsrOptions, NameAttribute, parse_certificates, parse_dn, write_atomically};
use pecat_token::{KeySpec, PinOutcome, Token};
use serde_json::json;

use crate::Done;
use crate::context::Context;
use crate::pin::{Flags, read_login_pin, report_failure};
use crate::secret_input::SecretInput;

/// Where the subject of a request comes from.
#[derive(Debug)]
pub enum SubjectSource {
    /// Copied from a certificate on a token (`TOKEN:CERT-ID`).
    Certificate(String),
    /// Written out (`C=RO, CN=…`).
    Dn(String),
}

/// Output options for a request file.
#[derive(Debug)]
pub struct CsrOutput {
    pub path: PathBuf,
    pub der: bool,
    pub force: bool,
}

fn refuse_existing(out: &CsrOutput) -> anyhow::Result<()> {
    if out.path.exists() && !out.force {
        bail!("{} already exists (use --force to replace it); nothing was done", out.path.display());
    }
    let dir = out.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        bail!("{} is not a folder; nothing was done", dir.display());
    }
    Ok(())
}

pub fn keygen(ctx: &Context, query: &str, spec: KeySpec, label: Option<String>, flags: Flags) -> anyhow::Result<Done> {
    let inv = ctx.inventory();
    let token = inv.find_token(query)?;
    token.require_key_spec(spec)?;
    let label = label.unwrap_or_else(|| default_keygen_label(spec, ctx.now));
    let pin = match read_login_pin(token, flags)? {
        Ok(pin) => pin,
        Err(refused) => return report_failure(ctx, token, "keygen", refused),
    };
    let outcome = token.generate_key(spec, &label, &pin, flags.options)?;
    let PinOutcome::Done { value: key } = outcome else { return report_failure(ctx, token, "keygen", outcome) };
    if ctx.json {
        ctx.emit_json(
            &json!({ "token": token.id().serial, "key": { "id": key.id, "label": key.label, "algorithm": spec } }),
        )?;
    }
    eprintln!("Generated a {spec} key pair on token {} with id {} (\"{}\").", token.id(), key.id, key.label);
    eprintln!("Next: pecat-cli csr \"{}:{}\" --subject-from TOKEN:CERT-ID -o request.csr", token.id(), key.id);
    Ok(Done::Complete)
}

fn subject(inv: &pecat_core::Inventory, source: &SubjectSource) -> anyhow::Result<Vec<NameAttribute>> {
    match source {
        SubjectSource::Certificate(what) => {
            Ok(crate::cert::find(inv, what)?.certificate.summary().subject_attributes.clone())
        }
        SubjectSource::Dn(text) => parse_dn(text).map_err(|e| crate::usage(format!("--subject: {e}"))),
    }
}

fn write_csr(out: &CsrOutput, csr: &pecat_pki::Csr) -> anyhow::Result<()> {
    let bytes = if out.der { csr.der().to_vec() } else { csr.pem().into_bytes() };
    write_atomically(&out.path, &bytes, out.force)?;
    Ok(())
}

pub fn csr(
    ctx: &Context,
    what: &str,
    source: &SubjectSource,
    challenge_password: bool,
    out: &CsrOutput,
    flags: Flags,
) -> anyhow::Result<Done> {
    refuse_existing(out)?;
    let r = crate::cert::object_ref(what)?;
    let inv = ctx.inventory();
    let token = inv.find_token(&r.token)?;
    let subject = subject(&inv, source)?;
    // The key must exist before the PIN is asked for.
    token.public_key(&r.id)?;
    let pin = match read_login_pin(token, flags)? {
        Ok(pin) => pin,
        Err(refused) => return report_failure(ctx, token, "csr", refused),
    };
    let challenge = if challenge_password {
        match SecretInput::new(flags.pin_stdin).read("challenge password")? {
            Some(c) => Some(c),
            None => return report_failure(ctx, token, "csr", PinOutcome::<()>::Cancelled),
        }
    } else {
        None
    };
    let options = CsrOptions { subject, challenge_password: challenge, signing_key_usage: true };
    let outcome = token_csr(token, &r.id, &options, &pin, flags.options)?;
    let PinOutcome::Done { value: csr } = outcome else { return report_failure(ctx, token, "csr", outcome) };
    write_csr(out, &csr)?;
    let subject = pecat_pki::csr_subject(csr.der())?;
    if ctx.json {
        ctx.emit_json(&json!({ "written": out.path, "subject": subject, "key": r.id, "token": token.id().serial }))?;
    }
    eprintln!("Wrote the certificate request for {subject} to {}.", out.path.display());
    Ok(Done::Complete)
}

pub fn renew(ctx: &Context, what: &str, label: Option<String>, out: &CsrOutput, flags: Flags) -> anyhow::Result<Done> {
    refuse_existing(out)?;
    let inv = ctx.inventory();
    let found = crate::cert::find(&inv, what)?;
    let token = found.token;
    let plan = plan_renewal(token, &found.certificate, label, ctx.now).map_err(|e| match e {
        pecat_core::Error::KeyNotGeneratable { .. } => anyhow::anyhow!("{e}; use keygen and csr"),
        e => e.into(),
    })?;
    let pin = match read_login_pin(token, flags)? {
        Ok(pin) => pin,
        Err(refused) => return report_failure(ctx, token, "renew", refused),
    };
    let outcome = pecat_core::renew(token, &plan, &pin, flags.options)?;
    let PinOutcome::Done { value: Renewal { key, csr } } = outcome else {
        return report_failure(ctx, token, "renew", outcome);
    };
    write_csr(out, &csr)?;
    let spec = plan.spec;
    if ctx.json {
        ctx.emit_json(&json!({
            "token": token.id().serial,
            "key": { "id": key.id, "label": key.label, "algorithm": spec },
            "written": out.path,
            "renewal": plan.window,
        }))?;
    }
    eprintln!(
        "Generated a {spec} key pair (id {}) and wrote its certificate request to {}.",
        key.id,
        out.path.display()
    );
    eprintln!(
        "Send the request to your provider. When the certificate arrives: pecat-cli cert import {} CERT-FILE --replace {}",
        token.id(),
        found.object.id
    );
    Ok(Done::Complete)
}

/// Options of `cert import`.
pub use pecat_core::ImportOptions;

pub fn import(ctx: &Context, query: &str, file: &Path, options: ImportOptions, flags: Flags) -> anyhow::Result<Done> {
    if options.delete_old_key && options.replace.is_none() {
        return Err(crate::usage("--delete-old-key goes with --replace OLD-ID"));
    }
    let data = pecat_pki::read_limited(file, pecat_pki::MAX_CERTIFICATE_FILE, "certificate file")?;
    let source = file.display().to_string();
    let certificates = parse_certificates(&data, &source)?;
    let request = import_request(certificates, &source, options, ctx.now)?;
    let inv = ctx.inventory();
    let token = inv.find_token(query)?;
    let pin = match read_login_pin(token, flags)? {
        Ok(pin) => pin,
        Err(refused) => return report_failure(ctx, token, "cert-import", refused),
    };
    let outcome = import_issued(token, &request, &pin, flags.options)?;
    let PinOutcome::Done { value: report } = outcome else {
        return report_failure(ctx, token, "cert-import", outcome);
    };
    if ctx.json {
        ctx.emit_json(&json!({ "token": token.id().serial, "imported": report }))?;
    }
    eprintln!(
        "Loaded \"{}\" onto token {} with id {} (\"{}\"), next to its key.",
        request.certificate.display_name(),
        token.id(),
        report.id,
        report.label
    );
    if report.ca_added > 0 {
        eprintln!("Added {} CA certificate(s).", report.ca_added);
    }
    if report.replaced > 0 {
        eprintln!("Removed the old certificate ({} object(s)).", report.replaced);
    }
    if report.old_key_objects_removed > 0 {
        eprintln!("Removed the old key pair ({} object(s)).", report.old_key_objects_removed);
    }
    Ok(Done::Complete)
}
