//! Text output for people: compact, aligned, in the order a helpdesk reads it.

use std::fmt::Write as _;

use pecat_core::{CertificateView, TokenView};
use pecat_pki::ChainEnd;
use pecat_token::{Pairing, PinInfo};

fn pin_line(v: &TokenView) -> String {
    let user = format!("PIN {}", v.pins.user.describe());
    let puk = match &v.pins.puk {
        Some(p) => format!("{} {}", v.pins.puk_label, p.describe()),
        None => format!("no {}", v.pins.puk_label),
    };
    format!("{user} · {puk}")
}

pub fn token_summary(v: &TokenView) -> String {
    let i = &v.info;
    let mut s = format!("{}  (serial {})\n", display_label(&i.label), i.serial);
    let _ = writeln!(s, "  {} {}, firmware {} · {}", i.manufacturer, i.model, i.firmware, i.module_name);
    if let Some(role) = &v.role {
        let _ = writeln!(s, "  {role}");
    }
    let _ = writeln!(s, "  {}", pin_line(v));
    if v.pins.is_dead() {
        let _ = writeln!(
            s,
            "  Both PIN and {} are locked: the token cannot be unblocked; revoke its certificate.",
            v.pins.puk_label
        );
    }
    s.push('\n');
    s
}

fn display_label(label: &str) -> &str {
    if label.is_empty() { "(no label)" } else { label }
}

fn pin_detail(name: &str, p: &PinInfo) -> String {
    format!("  {name:<16}{}\n", p.describe())
}

pub fn token_details(v: &TokenView) -> String {
    let i = &v.info;
    let mut s = String::new();
    let _ = writeln!(s, "Token          {}", display_label(&i.label));
    let _ = writeln!(s, "Serial         {}", i.serial);
    let _ = writeln!(s, "Manufacturer   {}", i.manufacturer);
    let _ = writeln!(s, "Model          {}", i.model);
    let _ = writeln!(s, "Firmware       {} (hardware {})", i.firmware, i.hardware);
    let _ = writeln!(s, "Reader         {} (slot {})", i.slot_description, i.slot);
    let _ = writeln!(s, "Module         {} — {}", i.module_name, i.id.module.display());
    let _ = writeln!(s, "Profile        {}", v.profile);
    if let Some(role) = &v.role {
        let _ = writeln!(s, "Role           {role}");
    }
    let min = v.pins.pin_length.min;
    let max = v.pins.pin_length.max.map_or_else(|| "?".to_owned(), |m| m.to_string());
    let _ = writeln!(
        s,
        "PIN length     {min}–{max}{}",
        if v.pins.pin_pad { " (entered on the reader's pin pad)" } else { "" }
    );
    s.push_str("Secrets\n");
    s.push_str(&pin_detail("PIN", &v.pins.user));
    match &v.pins.puk {
        Some(p) => s.push_str(&pin_detail(&v.pins.puk_label, p)),
        None => {
            let _ = writeln!(s, "  {:<16}none", v.pins.puk_label);
        }
    }
    if let Some(hint) = &v.pins.unblock_hint {
        let _ = writeln!(s, "  {hint}");
    }
    if v.pins.is_dead() {
        let _ = writeln!(
            s,
            "  Both PIN and {} are locked: the token cannot be unblocked; revoke its certificate.",
            v.pins.puk_label
        );
    }
    let flags = [
        (i.flags.write_protected, "write-protected"),
        (!i.flags.token_initialized, "not initialised"),
        (!i.flags.login_required, "no login required"),
    ];
    let notes: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
    if !notes.is_empty() {
        let _ = writeln!(s, "Notes          {}", notes.join(", "));
    }
    for q in &v.quirks {
        let _ = writeln!(s, "Quirk          {q}");
    }
    s
}

fn pairing(p: &Pairing) -> String {
    match p {
        Pairing::PrivateKeyId { key_id, key_label } => {
            format!("private key {key_id} \"{key_label}\"")
        }
        Pairing::PublicKeyId { key_id, key_label } => {
            format!("key {key_id} \"{key_label}\" (public half seen; the private key shows after login)")
        }
        Pairing::PublicKeyValue { key_id, key_label, .. } => {
            format!("key {key_id} \"{key_label}\" (same public key, different CKA_ID)")
        }
        Pairing::None => "no key on this token".into(),
    }
}

pub fn certificate(v: &CertificateView) -> String {
    let mut s = String::new();
    let id = if v.id.is_empty() { "--".to_owned() } else { v.id.clone() };
    let Some(c) = &v.certificate else {
        let _ =
            writeln!(s, "{id:<4} {}\n     UNREADABLE: {}\n", v.label, v.error.as_deref().unwrap_or("unknown error"));
        return s;
    };
    let name = c.common_name.as_deref().unwrap_or(&c.subject);
    let ca = if c.is_ca { "  [CA certificate]" } else { "" };
    let _ = writeln!(s, "{id:<4} {name}{ca}");
    let _ = writeln!(s, "     subject    {}", c.subject);
    let _ = writeln!(s, "     issuer     {}", c.issuer);
    let _ = writeln!(s, "     serial     {}", c.serial);
    let expiry = v.expiry.map(|e| e.describe()).unwrap_or_default();
    let _ = writeln!(s, "     valid      {} → {} ({expiry})", &c.not_before_iso[..10], &c.not_after_iso[..10]);
    let _ = writeln!(s, "     qualified  {}", c.qualified.label());
    let usage = if c.key_usage.0.is_empty() { "(any)".to_owned() } else { c.key_usage.0.join(", ") };
    let _ = writeln!(s, "     key        {} · usage {usage}", c.key);
    if !c.extended_key_usage.is_empty() {
        let _ = writeln!(s, "     ext. usage {}", c.extended_key_usage.join(", "));
    }
    if let Some(k) = &v.key {
        let _ = writeln!(s, "     paired     {}", pairing(&k.pairing));
    }
    if let Some(chain) = &v.chain
        && (chain.certificates.len() > 1 || !matches!(chain.end, ChainEnd::Root))
    {
        let links: Vec<String> = chain.certificates.iter().skip(1).map(|l| l.subject.clone()).collect();
        let end = match &chain.end {
            ChainEnd::Root => "root reached".to_owned(),
            ChainEnd::IssuerMissing { issuer } => format!("issuer not found: {issuer}"),
            ChainEnd::TooLong => "chain too long".to_owned(),
        };
        let via = if links.is_empty() { String::new() } else { format!("{} → ", links.join(" → ")) };
        let _ = writeln!(s, "     chain      {via}{end}");
    }
    let _ = writeln!(s, "     sha256     {}", c.sha256);
    s.push('\n');
    s
}
