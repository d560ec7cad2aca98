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

/// A PDF date (ISO 32000-2 §7.9.4, `D:YYYYMMDDHHmmSSOHH'mm`, every field after the year optional)
/// for people: `2026-11-22 17:24:44 UTC`, `2026-11-22 17:24:44 +02:00`, or without a zone when
/// the date gives none (its relation to UTC is then unknown). `None` when it is not a PDF date.
pub fn pdf_date_display(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    let (fields, zone) = s.split_at(digits);
    let field = |at: usize, default: u32| fields.get(at..at + 2).map_or(Some(default), |f| f.parse().ok());
    let year = fields.get(..4)?;
    let (month, day) = (field(4, 1)?, field(6, 1)?);
    let (hour, minute, second) = (field(8, 0)?, field(10, 0)?, field(12, 0)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let zone = match zone.as_bytes() {
        [] => String::new(),
        [b'Z', rest @ ..] if rest.iter().all(|b| matches!(b, b'0' | b'\'')) => " UTC".to_owned(),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let rest = std::str::from_utf8(rest).ok()?;
            let mut parts = rest.split('\'').filter(|p| !p.is_empty());
            let hh = parts.next()?;
            let mm = parts.next().unwrap_or("00");
            if parts.next().is_some()
                || hh.len() != 2
                || mm.len() != 2
                || !hh.bytes().chain(mm.bytes()).all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let (h, m): (u32, u32) = (hh.parse().ok()?, mm.parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            format!(" {}{hh}:{mm}", char::from(*sign))
        }
        _ => return None,
    };
    Some(format!("{year}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_as_date_time_and_zone() {
        let d = pdf_date_display;
        assert_eq!(d("D:20261122172444Z").as_deref(), Some("2026-11-22 17:24:44 UTC"));
        assert_eq!(d("D:20261122172444Z00'00'").as_deref(), Some("2026-11-22 17:24:44 UTC"));
        assert_eq!(d("D:20261122172444+02'00'").as_deref(), Some("2026-11-22 17:24:44 +02:00"));
        assert_eq!(d("D:20261122172444+02'00").as_deref(), Some("2026-11-22 17:24:44 +02:00"));
        assert_eq!(d("D:20261122172444-05'30").as_deref(), Some("2026-11-22 17:24:44 -05:30"));
        assert_eq!(d("D:20261122172444+02").as_deref(), Some("2026-11-22 17:24:44 +02:00"));
        assert_eq!(d("20261122172444").as_deref(), Some("2026-11-22 17:24:44"), "no zone: none invented");
        assert_eq!(d("D:2026").as_deref(), Some("2026-01-01 00:00:00"), "fields after the year default");
        assert_eq!(d("D:202611").as_deref(), Some("2026-11-01 00:00:00"));
        for bad in [
            "",
            "D:",
            "D:26",
            "D:2026131",
            "D:20261322000000Z",
            "D:20261122250000Z",
            "D:20261122172444X",
            "D:20261122172444+2'00'",
            "D:20261122172444+02'00'00'",
            "garbage",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }
}
