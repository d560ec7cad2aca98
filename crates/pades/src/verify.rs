//! Verification of every signature in a PDF (ISO 32000-2 §12.8, ETSI EN 319 142-1): the byte
//! range covers the whole revision but `/Contents`, the digest matches, the CMS signature
//! verifies, the signer's chain reaches a trusted anchor, the certificate was valid when the
//! signature claims to have been made, and later revisions added nothing but signatures.

use std::io::Read;
use std::path::Path;

use pecat_pki::{Certificate, QualifiedStatus, build_chain};
use sha2::Digest;

use crate::cms::{self, ParsedCms};
use crate::error::{Error, Result};
use crate::pdf::object::{Dict, Object};
use crate::pdf::{Entry, PdfFile, decode_text};

/// The overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Intact, signed by a certificate that chains to a trusted anchor and was valid then.
    Valid,
    /// Intact, but trust or validity could not be established.
    Indeterminate,
    /// Broken: the bytes, the digest or the signature do not hold, or the document was changed.
    Invalid,
}

/// What happened after a signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LaterChanges {
    /// The signature covers the whole file.
    None,
    /// Later revisions only added signatures, form fields or validation data.
    SignaturesOnly { revisions: usize },
    /// Later revisions changed the document.
    Modified { revisions: usize, objects: Vec<u32> },
}

/// One signature's report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SignatureReport {
    /// Field name.
    pub field: String,
    /// `/SubFilter`.
    pub sub_filter: String,
    /// PAdES level reached (or what the signature is instead).
    pub level: String,
    /// Signer subject and serial.
    pub signer: Option<String>,
    pub signer_common_name: Option<String>,
    pub signer_serial: Option<String>,
    /// Qualified status of the signer's certificate.
    pub qualified: Option<QualifiedStatus>,
    /// Claimed signing time (`/M` or the signingTime attribute); not a trusted time.
    pub claimed_signing_time: Option<String>,
    pub byte_range: Vec<u64>,
    pub byte_range_ok: bool,
    pub digest_ok: bool,
    pub signature_ok: bool,
    /// Subjects from the signer up.
    pub chain: Vec<String>,
    pub trusted: bool,
    pub certificate_valid_at_signing_time: Option<bool>,
    pub later_changes: LaterChanges,
    pub verdict: Verdict,
    /// Why it is not valid, one reason each.
    pub problems: Vec<String>,
}

/// Every signature of a file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyReport {
    pub file: String,
    pub signatures: Vec<SignatureReport>,
    /// `None` when the file has no signature.
    pub verdict: Option<Verdict>,
}

/// What to trust.
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Trust anchors: the user's, the system's, Pecat's bundled ones.
    pub anchors: Vec<Certificate>,
}

struct SigField {
    name: String,
    value: Dict,
}

fn collect_fields(
    pdf: &PdfFile,
    fields: &[Object],
    parent: &str,
    ft: Option<&[u8]>,
    out: &mut Vec<SigField>,
    depth: usize,
) -> Result<()> {
    if depth > 32 {
        return Ok(());
    }
    for f in fields {
        let Ok(d) = pdf.dict(f) else { continue };
        let part = d.get(b"T").and_then(Object::as_str).map(decode_text).unwrap_or_default();
        let name = match (parent.is_empty(), part.is_empty()) {
            (true, _) => part,
            (false, true) => parent.to_owned(),
            (false, false) => format!("{parent}.{part}"),
        };
        let field_type = d.name(b"FT").or(ft);
        if let Some(kids) =
            d.get(b"Kids").and_then(|k| pdf.resolve(k).ok()).and_then(|k| k.as_array().map(<[Object]>::to_vec))
        {
            collect_fields(pdf, &kids, &name, field_type, out, depth + 1)?;
        }
        if field_type == Some(b"Sig")
            && let Some(v) = d.get(b"V")
            && let Ok(value) = pdf.dict(v)
        {
            out.push(SigField { name, value });
        }
    }
    Ok(())
}

fn hash_ranges(path: &Path, ranges: &[(u64, u64)], algorithm: &str) -> Result<Vec<u8>> {
    let mut f = std::fs::File::open(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let mut sha256 = sha2::Sha256::new();
    let mut sha384 = sha2::Sha384::new();
    let mut sha512 = sha2::Sha512::new();
    let mut buf = vec![0u8; 1 << 20];
    use std::io::Seek;
    for &(start, len) in ranges {
        f.seek(std::io::SeekFrom::Start(start)).map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let mut left = len;
        while left > 0 {
            let n = (left as usize).min(buf.len());
            f.read_exact(&mut buf[..n]).map_err(|source| Error::Read { path: path.to_owned(), source })?;
            match algorithm {
                cms::SHA384 => sha384.update(&buf[..n]),
                cms::SHA512 => sha512.update(&buf[..n]),
                _ => sha256.update(&buf[..n]),
            }
            left -= n as u64;
        }
    }
    Ok(match algorithm {
        cms::SHA384 => sha384.finalize().to_vec(),
        cms::SHA512 => sha512.finalize().to_vec(),
        _ => sha256.finalize().to_vec(),
    })
}

/// Checks the CMS signature over the signed attributes with the signer's key.
fn signature_holds(parsed: &ParsedCms, signer: &Certificate) -> std::result::Result<(), String> {
    use ring::signature as rs;
    let Some(message) = &parsed.signed_attributes else {
        return Err("signatures without signed attributes are not supported".into());
    };
    let key = signer.public_key_bits();
    let alg: &dyn rs::VerificationAlgorithm = match (&signer.summary().key, parsed.digest_algorithm.as_str()) {
        (pecat_pki::KeyAlgorithm::Rsa { .. }, cms::SHA256) => &rs::RSA_PKCS1_2048_8192_SHA256,
        (pecat_pki::KeyAlgorithm::Rsa { .. }, cms::SHA384) => &rs::RSA_PKCS1_2048_8192_SHA384,
        (pecat_pki::KeyAlgorithm::Rsa { .. }, cms::SHA512) => &rs::RSA_PKCS1_2048_8192_SHA512,
        (pecat_pki::KeyAlgorithm::Ec { curve, .. }, d) => match (curve.as_str(), d) {
            ("P-256", cms::SHA256) => &rs::ECDSA_P256_SHA256_ASN1,
            ("P-256", cms::SHA384) => &rs::ECDSA_P256_SHA384_ASN1,
            ("P-384", cms::SHA384) => &rs::ECDSA_P384_SHA384_ASN1,
            ("P-384", cms::SHA256) => &rs::ECDSA_P384_SHA256_ASN1,
            _ => return Err(format!("unsupported curve/digest {curve}/{d}")),
        },
        (k, d) => return Err(format!("unsupported key/digest {k}/{d}")),
    };
    if parsed.signature_algorithm == "1.2.840.113549.1.1.10" {
        return Err("RSASSA-PSS signatures are not supported yet".into());
    }
    rs::UnparsedPublicKey::new(alg, key)
        .verify(message, &parsed.signature)
        .map_err(|_| "the signature does not verify".into())
}

fn find_signer<'a>(parsed: &ParsedCms, certs: &'a [Certificate]) -> Option<&'a Certificate> {
    certs.iter().find(|c| {
        let by_issuer = parsed.issuer.as_deref() == Some(c.issuer_der())
            && parsed.serial.as_deref().is_some_and(|s| c.serial_der().get(2..) == Some(s));
        let by_ski = parsed
            .subject_key_id
            .as_ref()
            .is_some_and(|k| c.summary().subject_key_id.as_deref() == Some(&hex::encode_upper(k)));
        by_issuer || by_ski
    })
}

/// PDF date `D:YYYYMMDDHHmmSS…` → Unix seconds (UTC; offsets applied).
fn pdf_date(s: &str) -> Option<i64> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: Vec<i64> = s.chars().take(14).map(|c| c.to_digit(10).map(i64::from)).collect::<Option<_>>()?;
    if digits.len() < 8 {
        return None;
    }
    let num =
        |a: usize, b: usize| digits.get(a..b.min(digits.len())).map_or(0, |d| d.iter().fold(0, |x, y| x * 10 + y));
    let (y, mo, d, h, mi, se) = (num(0, 4), num(4, 6).max(1), num(6, 8).max(1), num(8, 10), num(10, 12), num(12, 14));
    // days from civil (H. Hinnant)
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut t = days * 86_400 + h * 3600 + mi * 60 + se;
    let rest: String = s.chars().skip(14).collect();
    if let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
        let nums: Vec<i64> = rest[1..].split('\'').filter_map(|p| p.parse().ok()).collect();
        let off = nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
        t -= if sign == '+' { off } else { -off };
    }
    Some(t)
}

/// Keys a later revision may change on an existing object without changing the document.
fn allowed_change(old: &Object, new: &Object) -> bool {
    let strip = |o: &Object, keys: &[&[u8]]| -> Option<Dict> {
        let mut d = o.as_dict()?.clone();
        for k in keys {
            d.remove(k);
        }
        Some(d)
    };
    match (old, new) {
        (Object::Array(a), Object::Array(b)) => a.iter().all(|x| b.contains(x)),
        (Object::Dict(_), Object::Dict(_)) => {
            let keys: &[&[u8]] = &[
                b"Annots",
                b"AcroForm",
                b"DSS",
                b"Extensions",
                b"Fields",
                b"SigFlags",
                b"V",
                b"AP",
                b"Perms",
                b"NeedAppearances",
                b"DR",
                b"DA",
            ];
            strip(old, keys) == strip(new, keys)
        }
        _ => false,
    }
}

fn later_changes(pdf: &PdfFile, revision_end: u64) -> Result<LaterChanges> {
    let later: Vec<_> = pdf.sections().iter().filter(|s| s.offset >= revision_end).collect();
    if later.is_empty() {
        return Ok(LaterChanges::None);
    }
    // Each object's version as of the signed revision.
    let older: Vec<_> = pdf.sections().iter().filter(|s| s.offset < revision_end).collect();
    let old_entry = |num: u32| -> Option<Entry> {
        older.iter().find_map(|s| s.objects.iter().find(|(n, _)| *n == num).map(|(_, e)| *e))
    };
    let mut modified = Vec::new();
    for section in &later {
        for (num, entry) in &section.objects {
            let Some(old) = old_entry(*num) else { continue }; // a new object
            let before = pdf.get_version(*num, old)?;
            let after = pdf.get_version(*num, *entry)?;
            if (matches!(before, Object::Stream(..)) || !allowed_change(&before, &after)) && !modified.contains(num) {
                modified.push(*num);
            }
        }
    }
    Ok(if modified.is_empty() {
        LaterChanges::SignaturesOnly { revisions: later.len() }
    } else {
        LaterChanges::Modified { revisions: later.len(), objects: modified }
    })
}

/// Verifies every signature in `path`.
pub fn verify(path: &Path, options: &VerifyOptions) -> Result<VerifyReport> {
    let pdf = PdfFile::open(path)?;
    if pdf.is_encrypted() {
        return Err(Error::Encrypted { what: path.display().to_string() });
    }
    let (_, catalog) = pdf.catalog()?;
    let mut fields = Vec::new();
    if let Some(af) = catalog.get(b"AcroForm") {
        let af = pdf.dict(af)?;
        if let Some(list) = af.get(b"Fields").map(|f| pdf.resolve(f)).transpose()? {
            collect_fields(&pdf, list.as_array().unwrap_or_default(), "", None, &mut fields, 0)?;
        }
    }
    let has_dss = catalog.get(b"DSS").is_some();
    let doc_timestamps: Vec<u64> = fields
        .iter()
        .filter(|f| {
            f.value.name(b"Type") == Some(b"DocTimeStamp") || f.value.name(b"SubFilter") == Some(b"ETSI.RFC3161")
        })
        .filter_map(|f| f.value.get(b"ByteRange").and_then(Object::as_array).and_then(|a| a.get(1)?.as_int()))
        .map(|v| v as u64)
        .collect();
    let mut reports = Vec::new();
    for field in fields {
        reports.push(check(&pdf, path, field, options, has_dss, &doc_timestamps)?);
    }
    let verdict = if reports.is_empty() {
        None
    } else if reports.iter().any(|r| r.verdict == Verdict::Invalid) {
        Some(Verdict::Invalid)
    } else if reports.iter().any(|r| r.verdict == Verdict::Indeterminate) {
        Some(Verdict::Indeterminate)
    } else {
        Some(Verdict::Valid)
    };
    Ok(VerifyReport { file: path.display().to_string(), signatures: reports, verdict })
}

fn check(
    pdf: &PdfFile,
    path: &Path,
    field: SigField,
    options: &VerifyOptions,
    has_dss: bool,
    doc_timestamps: &[u64],
) -> Result<SignatureReport> {
    let v = &field.value;
    let sub_filter = v.name(b"SubFilter").map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default();
    let mut problems = Vec::new();
    let mut r = SignatureReport {
        field: field.name,
        sub_filter: sub_filter.clone(),
        level: String::new(),
        signer: None,
        signer_common_name: None,
        signer_serial: None,
        qualified: None,
        claimed_signing_time: v.get(b"M").and_then(Object::as_str).map(decode_text),
        byte_range: Vec::new(),
        byte_range_ok: false,
        digest_ok: false,
        signature_ok: false,
        chain: Vec::new(),
        trusted: false,
        certificate_valid_at_signing_time: None,
        later_changes: LaterChanges::None,
        verdict: Verdict::Invalid,
        problems: Vec::new(),
    };
    let br: Vec<u64> = v
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_int().and_then(|i| u64::try_from(i).ok())).collect())
        .unwrap_or_default();
    r.byte_range = br.clone();
    let contents = v.get(b"Contents").and_then(Object::as_str).map(<[u8]>::to_vec).unwrap_or_default();
    let [a, b, c, d] = br[..] else {
        problems.push("the signature has no valid /ByteRange".into());
        r.problems = problems;
        return Ok(r);
    };
    // The gap must be exactly the /Contents hex string, and the ranges inside the file.
    let lt = pdf.read_at(b, 1)?;
    let gt = pdf.read_at(c.saturating_sub(1), 1)?;
    r.byte_range_ok =
        a == 0 && b < c && c + d <= pdf.len() && lt == b"<" && gt == b">" && c - b == 2 * contents.len() as u64 + 2;
    if !r.byte_range_ok {
        problems.push("the byte range does not cover the whole revision except the signature value".into());
    }
    let revision_end = c + d;
    r.later_changes = later_changes(pdf, revision_end)?;
    if let LaterChanges::Modified { objects, .. } = &r.later_changes {
        problems.push(format!("the document was changed after this signature (objects {objects:?})"));
    }
    let parsed = match cms::parse(&contents) {
        Ok(p) => p,
        Err(e) => {
            problems.push(e.to_string());
            r.problems = problems;
            return Ok(r);
        }
    };
    if let Some(t) = &parsed.signing_time {
        r.claimed_signing_time = Some(t.clone());
    }
    if r.byte_range_ok {
        let digest = hash_ranges(path, &[(a, b), (c, d)], &parsed.digest_algorithm)?;
        r.digest_ok = parsed.message_digest.as_deref() == Some(&digest[..]);
        if !r.digest_ok {
            problems.push("the signed bytes were altered: their digest does not match the signature's".into());
        }
    }
    let signer = find_signer(&parsed, &parsed.certificates);
    match signer {
        None => problems.push("the signer's certificate is not in the signature".into()),
        Some(cert) => {
            let s = cert.summary();
            r.signer = Some(s.subject.clone());
            r.signer_common_name = s.common_name.clone();
            r.signer_serial = Some(s.serial.clone());
            r.qualified = Some(s.qualified.clone());
            match signature_holds(&parsed, cert) {
                Ok(()) => r.signature_ok = true,
                Err(e) => problems.push(e),
            }
            let pool: Vec<Certificate> =
                parsed.certificates.iter().cloned().chain(options.anchors.iter().cloned()).collect();
            let chain = build_chain(cert, &pool);
            r.chain = chain.certificates.iter().map(|c| c.summary().subject.clone()).collect();
            r.trusted = chain.certificates.iter().any(|c| options.anchors.iter().any(|a| a.der() == c.der()));
            let when = r.claimed_signing_time.as_deref().and_then(pdf_date);
            r.certificate_valid_at_signing_time = when.map(|t| s.not_before <= t && t <= s.not_after);
        }
    }
    let pades = sub_filter == "ETSI.CAdES.detached";
    let has_cert_attr =
        parsed.signed_attribute_oids.iter().any(|o| o == cms::ATTR_SIGNING_CERT_V2 || o == cms::ATTR_SIGNING_CERT);
    let has_time_attr = parsed.signed_attribute_oids.iter().any(|o| o == cms::ATTR_SIGNING_TIME);
    r.level = if !pades {
        format!("not PAdES ({sub_filter})")
    } else if !has_cert_attr || has_time_attr {
        "CAdES detached, not a PAdES baseline signature".into()
    } else if doc_timestamps.iter().any(|&t| t >= revision_end) && has_dss {
        "PAdES B-LTA".into()
    } else if has_dss && parsed.unsigned_attribute_oids.iter().any(|o| o == cms::ATTR_TIMESTAMP_TOKEN) {
        "PAdES B-LT".into()
    } else if parsed.unsigned_attribute_oids.iter().any(|o| o == cms::ATTR_TIMESTAMP_TOKEN) {
        "PAdES B-T".into()
    } else {
        "PAdES B-B".into()
    };
    let broken =
        !r.byte_range_ok || !r.digest_ok || !r.signature_ok || matches!(r.later_changes, LaterChanges::Modified { .. });
    r.verdict = if broken {
        Verdict::Invalid
    } else {
        if !r.trusted {
            problems
                .push("the signer's certificate does not chain to a trusted certificate (add it with --trust)".into());
        }
        if r.certificate_valid_at_signing_time == Some(false) {
            problems.push("the certificate was not valid at the claimed signing time".into());
        }
        if r.trusted && r.certificate_valid_at_signing_time != Some(false) {
            Verdict::Valid
        } else {
            Verdict::Indeterminate
        }
    };
    r.problems = problems;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        assert_eq!(pdf_date("D:19700101000000Z"), Some(0));
        assert_eq!(pdf_date("D:20261122153000+02'00'"), pdf_date("D:20261122133000Z"));
        assert_eq!(pdf_date("garbage"), None);
    }

    #[test]
    fn allowed_changes_are_annotations_and_form_entries_only() {
        let mut page = Dict::default();
        page.set(b"Type", crate::pdf::name("Page"));
        page.set(b"Contents", crate::pdf::reference(5));
        let mut with_annots = page.clone();
        with_annots.set(b"Annots", Object::Array(vec![crate::pdf::reference(9)]));
        assert!(allowed_change(&Object::Dict(page.clone()), &Object::Dict(with_annots)));
        let mut new_contents = page.clone();
        new_contents.set(b"Contents", crate::pdf::reference(6));
        assert!(!allowed_change(&Object::Dict(page), &Object::Dict(new_contents)));
    }
}
