//! `verify`: every signature of a PDF, worded for people, or the report as JSON.

use std::path::{Path, PathBuf};

use pecat_core::{TrustChoice, TrustStore, verify_document};
use pecat_pades::{Change, ChangeClass, Coverage, Permission, Problem, Qualification, SignatureReport, Verdict};
use pecat_pki::AnchorSource;

use crate::Done;
use crate::context::Context;

/// What `verify` trusts.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The signed PDF.
    pub file: PathBuf,
    /// Trust this CA certificate for this run (repeatable; DER, PEM or P7B).
    #[arg(long = "trust", value_name = "CA-FILE")]
    pub trust: Vec<PathBuf>,
    /// Trust this CA certificate as a qualified trust service's CA for this run (repeatable).
    #[arg(long = "trust-qualified", value_name = "CA-FILE")]
    pub trust_qualified: Vec<PathBuf>,
    /// Also trust the operating system's TLS root certificates (never as qualified).
    #[arg(long)]
    pub system_trust: bool,
    /// Do not use Pecat's trust store (`pecat-cli trust list`).
    #[arg(long)]
    pub no_store: bool,
    /// The default since the system's TLS roots are no document anchors; kept for scripts.
    #[arg(long, hide = true)]
    pub no_system_trust: bool,
}

pub fn run(ctx: &Context, args: &VerifyArgs) -> anyhow::Result<Done> {
    let trust = TrustChoice {
        files: args.trust.clone(),
        qualified_files: args.trust_qualified.clone(),
        store: if args.no_store { None } else { TrustStore::default_location() },
        system: args.system_trust,
    };
    let report = verify_document(&args.file, &trust, ctx.now)?;
    if ctx.json {
        ctx.emit_json(&serde_json::to_value(&report)?)?;
    } else {
        print_report(&args.file, &report);
    }
    Ok(match report.verdict {
        Some(Verdict::Valid) => Done::Complete,
        Some(Verdict::Invalid) => Done::Failed(7),
        Some(Verdict::Indeterminate) => Done::Failed(8),
        None => Done::Failed(9),
    })
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "VALID",
        Verdict::Indeterminate => "INDETERMINATE",
        Verdict::Invalid => "INVALID",
    }
}

/// `2026-11-22T17:24:44Z` → `2026-11-22 17:24:44 UTC`.
fn when(iso: &str) -> String {
    iso.replacen('T', " ", 1).replace('Z', " UTC")
}

fn permission_text(p: Permission) -> &'static str {
    match p {
        Permission::NoChanges => "P=1, no changes allowed",
        Permission::FillForms => "P=2, form filling and signing allowed",
        Permission::Annotate => "P=3, form filling, signing and annotations allowed",
    }
}

fn class_text(c: ChangeClass) -> &'static str {
    match c {
        ChangeClass::None => "nothing",
        ChangeClass::Signatures => "signatures or validation data only",
        ChangeClass::FormFilling => "form filling",
        ChangeClass::Annotations => "annotations",
        ChangeClass::Other => "changes to the document itself",
    }
}

fn change_text(c: &Change) -> String {
    match c {
        Change::SignatureAdded { field, timestamp: false } => format!("signature added in field \"{field}\""),
        Change::SignatureAdded { field, timestamp: true } => format!("document timestamp added in field \"{field}\""),
        Change::ValidationData => "validation data (DSS) added".into(),
        Change::Metadata => "document information or metadata updated".into(),
        Change::FieldFilled { field } if field.is_empty() => "form appearance settings updated".into(),
        Change::FieldFilled { field } => format!("form field \"{field}\" filled in"),
        Change::Annotation { subtype, page, added: true } => format!("{subtype} annotation added on page {page}"),
        Change::Annotation { subtype, page, added: false } => format!("{subtype} annotation changed on page {page}"),
        Change::PageChanged { page, key } => format!("page {page}: /{key} changed"),
        Change::PagesChanged => "pages added, removed or reordered".into(),
        Change::CatalogChanged { key } => format!("document catalog: /{key} changed"),
        Change::FormChanged { key } => format!("form definition: /{key} changed"),
        Change::FieldAdded { field } => format!("new form field \"{field}\""),
        Change::FieldChanged { field, key } => format!("form field \"{field}\": /{key} changed"),
        Change::SignatureReplaced { field } => format!("the value of signature \"{field}\" was replaced"),
        Change::ObjectRewritten { object, what } => format!("object {object} ({what}) rewritten"),
        Change::ObjectDeleted { object } => format!("object {object} deleted"),
        Change::DanglingReferenceFilled { object } => {
            format!("object {object}, referred to but undefined when signed, was defined later")
        }
        Change::RootReplaced => "the document catalog was replaced".into(),
        Change::TrailingData { start, end } => {
            format!("{} bytes after the last revision belong to no revision (bytes {start}–{end})", end - start)
        }
        Change::NotInHistory => "the signed revision is not part of the file's revision history".into(),
        Change::TooLarge => "the document is too large to analyse".into(),
    }
}

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::NoTrustAnchors => format!(
            "{p}: pass the issuing CA with --trust (--trust-qualified for a qualified CA), or add it with \
             `pecat-cli trust add`"
        ),
        Problem::Path {
            problem: pecat_pki::PathProblem::UntrustedRoot { .. } | pecat_pki::PathProblem::IssuerMissing { .. },
        } => {
            format!("{p} (trust its CA with --trust or `pecat-cli trust add`)")
        }
        _ => p.to_string(),
    }
}

fn print_signature(i: usize, s: &SignatureReport) {
    println!("\nSignature {} ({}): {}", i + 1, s.field, verdict_word(s.verdict));
    let qualified = match s.qualification {
        Qualification::Qualified => "qualified (the chain ends at a CA your trust store marks as qualified)",
        Qualification::Claimed => "claims to be qualified — not confirmed by a qualified trust anchor",
        Qualification::NotQualified => "not qualified",
    };
    println!(
        "  signer     {} (serial {})",
        s.signer_common_name.as_deref().or(s.signer.as_deref()).unwrap_or("unknown"),
        s.signer_serial.as_deref().unwrap_or("?")
    );
    println!("  qualified  {qualified}");
    if let Some(p) = s.certification {
        println!("  certifies  the document ({})", permission_text(p));
    }
    if !s.level.is_empty() {
        println!("  level      {}", s.level);
    }
    if let Some(raw) = &s.claimed_signing_time {
        // The signer's own zone for a PDF date; UTC for a CMS signingTime.
        let shown = crate::render::pdf_date_display(raw).or_else(|| s.claimed_signing_time_utc.as_deref().map(when));
        match shown {
            Some(t) => println!("  claimed    {t} (the signer's own clock, not a trusted time)"),
            None => println!("  claimed    {raw} (unreadable date; the signer's own clock)"),
        }
    }
    println!(
        "  judged at  {} (the current time: no trusted timestamp proves an earlier one)",
        when(&s.validation_time)
    );
    let ok = |b: bool| if b { "ok" } else { "FAILED" };
    let bound = match s.signing_certificate_bound {
        Some(true) => "ok",
        Some(false) => "MISMATCH",
        None => "not stated",
    };
    println!(
        "  integrity  byte range {} · digest {} · signature {} · certificate binding {bound}",
        ok(s.byte_range_ok),
        ok(s.digest_ok),
        ok(s.signature_ok)
    );
    if !s.chain.is_empty() {
        let anchor = match &s.anchor {
            Some(a) if s.trusted => format!(
                " (trusted: {})",
                match a.source {
                    AnchorSource::User => "a certificate you gave",
                    AnchorSource::Store => "Pecat's trust store",
                    AnchorSource::System => "the system's TLS roots",
                }
            ),
            Some(_) => " (ends at a trusted certificate, but the path is not valid)".into(),
            None => " (not trusted)".into(),
        };
        println!("  chain      {}{anchor}", s.chain.join(" → "));
    }
    match s.coverage {
        Coverage::WholeFile => println!("  covers     the whole file"),
        Coverage::Revision { signed_bytes, file_bytes } => {
            println!("  covers     its revision: bytes 0–{signed_bytes} of {file_bytes}")
        }
        Coverage::Unknown => println!("  covers     unknown (damaged byte range)"),
    }
    let later = &s.later_changes;
    if later.revisions > 0 || !later.changes.is_empty() {
        let revisions = match later.revisions {
            0 => "after it".to_owned(),
            n => format!("{n} revision(s)"),
        };
        let verdict = if later.permitted { "allowed" } else { "NOT allowed" };
        println!("  later      {revisions}: {} — {verdict}", class_text(later.class));
        for c in later.changes.iter().take(8) {
            println!("             · {}", change_text(c));
        }
        if later.changes.len() > 8 {
            println!("             · … {} more", later.changes.len() - 8);
        }
    } else {
        println!("  later      none");
    }
    for p in &s.problems {
        println!("  problem    {}", problem_text(p));
    }
}

fn print_report(file: &Path, report: &pecat_pades::VerifyReport) {
    let n = report.signatures.len();
    match report.verdict {
        None => println!("{}: no signature", file.display()),
        Some(v) => println!("{}: {n} signature(s) — {}", file.display(), verdict_word(v)),
    }
    if let Some(p) = report.certification {
        println!("  certified  {}", permission_text(p));
    }
    if let Some(u) = report.uncovered {
        println!("  unsigned   bytes {}–{} ({} bytes) are covered by no signature", u.start, u.end, u.end - u.start);
    }
    for (i, s) in report.signatures.iter().enumerate() {
        print_signature(i, s);
    }
}
