//! Verification of every signature in a PDF (ISO 32000-2 §12.8, ETSI EN 319 142-1, EN 319 102-1
//! in spirit): the byte range covers the whole signed revision but `/Contents`; the digest and the
//! CMS signature hold; signing-certificate-v2 binds the certificate used; the signer's path is
//! valid (RFC 5280) up to an anchor the user trusts, at the validation time (now, as no trusted
//! timestamp is validated yet); later revisions are classified and judged against the document's
//! certification; bytes no signature covers are reported exactly. Outcomes are typed.

mod changes;
mod coverage;
mod revision;
mod signature;

use std::fmt;
use std::path::Path;
use std::time::SystemTime;

use pecat_pki::{AnchorInfo, PathProblem, QualifiedStatus, TrustAnchor, iso8601_unix, validate_path};

pub use changes::{Change, ChangeClass, LaterChanges};
pub use coverage::{ByteSpan, Coverage};

use crate::cms;
use crate::docmdp::{self, Permission};
use crate::error::{Error, Result};
use crate::pdf::object::{Dict, Object};
use crate::pdf::{PdfFile, decode_text};

/// The overall judgement (ETSI EN 319 102-1 §5.1.3 main indications).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Intact, bound to its signer, trusted path valid now, no unpermitted change after it.
    Valid,
    /// Intact, but trust or validity could not be established.
    Indeterminate,
    /// Broken: bytes, digest, signature or binding do not hold, or the document was changed.
    Invalid,
}

/// How much a problem weighs on the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Said, but the verdict does not change.
    Note,
    /// The verdict is at best indeterminate.
    Indeterminate,
    /// The signature is invalid.
    Invalid,
}

/// Why a signature is not valid, or what the user should know. Typed so front ends word it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// The signature dictionary cannot be read (e.g. a non-hex byte in `/Contents`).
    SignatureUnreadable { reason: String },
    /// `/ByteRange` is not four non-negative integers.
    ByteRangeMalformed,
    /// `/Contents` is not a hexadecimal string.
    ContentsMalformed,
    /// The byte range does not cover the whole revision except exactly `/Contents`.
    ByteRangeGap,
    /// The signed bytes were altered.
    DigestMismatch,
    /// A digest algorithm Pecat does not compute.
    UnsupportedDigest { algorithm: String },
    /// The CMS container cannot be read.
    CmsUnreadable { reason: String },
    /// No signed attributes: nothing binds the document digest (not supported).
    NoSignedAttributes,
    /// A key or signature algorithm Pecat does not verify.
    UnsupportedAlgorithm { algorithm: String },
    /// The signature value does not verify with the signer's key.
    SignatureDoesNotVerify,
    /// The certificate named by the signature is not in it.
    SignerCertificateMissing,
    /// signing-certificate(-v2) names another certificate than the one used: substitution.
    SigningCertificateMismatch,
    /// A PAdES signature without signing-certificate(-v2): its certificate is not bound.
    SigningCertificateNotBound,
    /// The signer's certification path does not establish trust.
    Path { problem: PathProblem },
    /// No trust anchor was given at all.
    NoTrustAnchors,
    /// The time the signer claims lies outside the certificate's validity.
    ClaimedTimeOutsideValidity { claimed: String },
    /// A signature timestamp is present but Pecat does not validate timestamps yet.
    TimestampNotValidated,
    /// Changes after the signature that an uncertified document does not allow.
    ModifiedAfterSigning { class: ChangeClass },
    /// Changes after the signature that the document's certification forbids.
    CertificationForbids { permission: u8, class: ChangeClass },
    /// A certification signature that is not the document's first signature (ISO 32000-2 §12.8.1).
    CertificationNotFirst,
}

impl Problem {
    /// What the problem does to the verdict.
    pub fn severity(&self) -> Severity {
        match self {
            Self::SignatureUnreadable { .. }
            | Self::ByteRangeMalformed
            | Self::ContentsMalformed
            | Self::ByteRangeGap
            | Self::DigestMismatch
            | Self::CmsUnreadable { .. }
            | Self::SignatureDoesNotVerify
            | Self::SignerCertificateMissing
            | Self::SigningCertificateMismatch
            | Self::ModifiedAfterSigning { .. }
            | Self::CertificationForbids { .. }
            | Self::CertificationNotFirst => Severity::Invalid,
            Self::UnsupportedDigest { .. }
            | Self::NoSignedAttributes
            | Self::UnsupportedAlgorithm { .. }
            | Self::SigningCertificateNotBound
            | Self::Path { .. }
            | Self::NoTrustAnchors => Severity::Indeterminate,
            Self::ClaimedTimeOutsideValidity { .. } | Self::TimestampNotValidated => Severity::Note,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SignatureUnreadable { reason } => write!(f, "the signature is damaged: {reason}"),
            Self::ByteRangeMalformed => write!(f, "the signature's /ByteRange is damaged (not four byte offsets)"),
            Self::ContentsMalformed => write!(f, "the signature's /Contents is damaged (not a hexadecimal string)"),
            Self::ByteRangeGap => {
                write!(f, "the byte range does not cover the whole signed revision except the signature value")
            }
            Self::DigestMismatch => {
                write!(f, "the signed bytes were altered: their digest does not match the signature's")
            }
            Self::UnsupportedDigest { algorithm } => write!(f, "the digest algorithm {algorithm} is not supported"),
            Self::CmsUnreadable { reason } => write!(f, "the signature container is unreadable: {reason}"),
            Self::NoSignedAttributes => write!(f, "signatures without signed attributes are not supported"),
            Self::UnsupportedAlgorithm { algorithm } => {
                write!(f, "the signature algorithm {algorithm} is not supported")
            }
            Self::SignatureDoesNotVerify => write!(f, "the signature does not verify with the signer's key"),
            Self::SignerCertificateMissing => write!(f, "the signer's certificate is not in the signature"),
            Self::SigningCertificateMismatch => write!(
                f,
                "the certificate in the signature is not the one the signer bound (signing-certificate-v2 mismatch)"
            ),
            Self::SigningCertificateNotBound => {
                write!(f, "the signature does not bind its signing certificate (no signing-certificate-v2)")
            }
            Self::Path { problem } => write!(f, "{problem}"),
            Self::NoTrustAnchors => write!(f, "no trusted certificate was given, so no signer can be trusted"),
            Self::ClaimedTimeOutsideValidity { claimed } => {
                write!(f, "the signing time the signer claims ({claimed}) lies outside the certificate's validity")
            }
            Self::TimestampNotValidated => {
                write!(f, "the signature carries a timestamp, which Pecat does not validate yet")
            }
            Self::ModifiedAfterSigning { class } => {
                write!(f, "the document was changed after this signature ({})", class_text(*class))
            }
            Self::CertificationForbids { permission, class } => write!(
                f,
                "the document's certification (P={permission}) does not allow the changes made after this signature ({})",
                class_text(*class)
            ),
            Self::CertificationNotFirst => {
                write!(f, "a certification signature must be the document's first signature")
            }
        }
    }
}

fn class_text(c: ChangeClass) -> &'static str {
    match c {
        ChangeClass::None => "none",
        ChangeClass::Signatures => "signatures and validation data",
        ChangeClass::FormFilling => "form filling",
        ChangeClass::Annotations => "annotations",
        ChangeClass::Other => "changes to the document itself",
    }
}

/// Whether the signer's certificate is qualified, as far as the trust store can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualification {
    /// The certificate says it is qualified and its valid path ends at an anchor marked qualified.
    Qualified,
    /// The certificate says it is qualified, but no anchor marked qualified confirms it.
    Claimed,
    /// The certificate does not say it is qualified.
    NotQualified,
}

/// Which time the certificates were judged at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSource {
    /// The current time: no trusted timestamp proves an earlier one.
    Current,
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
    /// Signer subject, common name and serial.
    pub signer: Option<String>,
    pub signer_common_name: Option<String>,
    pub signer_serial: Option<String>,
    /// What the signer's certificate states about itself (QcStatements, policies).
    pub qualified: Option<QualifiedStatus>,
    /// What Pecat concludes from the statement and the trust store.
    pub qualification: Qualification,
    /// Claimed signing time (`/M` or signingTime) as written; not a trusted time.
    pub claimed_signing_time: Option<String>,
    /// The claimed time as ISO 8601 UTC, when it parses.
    pub claimed_signing_time_utc: Option<String>,
    /// The time the certificates were judged at, ISO 8601 UTC, and where it came from.
    pub validation_time: String,
    pub validation_time_source: TimeSource,
    pub byte_range: Vec<u64>,
    pub byte_range_ok: bool,
    pub digest_ok: bool,
    pub signature_ok: bool,
    /// signing-certificate(-v2) names the certificate used (`None`: absent).
    pub signing_certificate_bound: Option<bool>,
    /// Subjects from the signer up (to the anchor when reached).
    pub chain: Vec<String>,
    /// A valid path to a trust anchor.
    pub trusted: bool,
    /// The anchor reached.
    pub anchor: Option<AnchorInfo>,
    /// Whether the certificate's validity includes the claimed time (information only).
    pub certificate_valid_at_claimed_time: Option<bool>,
    /// What the byte range covers.
    pub coverage: Coverage,
    /// The DocMDP permission, when this is the certification signature.
    pub certification: Option<Permission>,
    /// Revisions after this signature and how they are judged.
    pub later_changes: LaterChanges,
    pub verdict: Verdict,
    /// Everything found, most serious first.
    pub problems: Vec<Problem>,
}

/// Every signature of a file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyReport {
    pub file: String,
    pub file_size: u64,
    pub signatures: Vec<SignatureReport>,
    /// The document's certification permission, if certified.
    pub certification: Option<Permission>,
    /// Bytes no signature covers (after the last signed revision), if any.
    pub uncovered: Option<ByteSpan>,
    /// `None` when the file has no signature.
    pub verdict: Option<Verdict>,
}

/// What to trust and when to judge.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// Trust anchors: given for this run, from Pecat's store, the system's when asked for.
    pub anchors: Vec<TrustAnchor>,
    /// The current time (passed in so tests control it).
    pub now: SystemTime,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self { anchors: Vec::new(), now: SystemTime::now() }
    }
}

struct SigField {
    name: String,
    /// The signature dictionary and its object number, when indirect.
    value: Dict,
    value_num: Option<u32>,
    /// Why the signature dictionary could not be read.
    damaged: Option<String>,
}

/// Walks the field tree; `seen` keeps a field listed twice (`/Kids [A A]`, or A below itself)
/// from being visited again, so a hostile tree costs at most one visit per object.
fn collect_fields(
    pdf: &PdfFile,
    fields: &[Object],
    parent: &str,
    ft: Option<&[u8]>,
    out: &mut Vec<SigField>,
    seen: &mut std::collections::HashSet<u32>,
    depth: usize,
) {
    if depth > 32 || out.len() > 10_000 || seen.len() > revision::MAX_OBJECTS {
        return;
    }
    for f in fields {
        if let Some(r) = f.as_ref()
            && !seen.insert(r.num)
        {
            continue;
        }
        let Ok(d) = pdf.dict(f) else { continue };
        let name = revision::field_name(parent, &d);
        let field_type = d.name(b"FT").or(ft);
        if let Some(kids) =
            d.get(b"Kids").and_then(|k| pdf.resolve(k).ok()).and_then(|k| k.as_array().map(<[Object]>::to_vec))
        {
            collect_fields(pdf, &kids, &name, field_type, out, seen, depth + 1);
        }
        if field_type == Some(b"Sig")
            && let Some(v) = d.get(b"V").filter(|v| !matches!(v, Object::Null))
        {
            let value_num = v.as_ref().map(|r| r.num);
            match pdf.dict(v) {
                Ok(value) => out.push(SigField { name, value, value_num, damaged: None }),
                Err(e) => out.push(SigField { name, value: Dict::default(), value_num, damaged: Some(e.to_string()) }),
            }
        }
    }
}

/// PDF date `D:YYYYMMDDHHmmSSOHH'mm` → Unix seconds (UTC; offsets applied).
pub fn pdf_date(s: &str) -> Option<i64> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: Vec<i64> = s
        .chars()
        .take_while(char::is_ascii_digit)
        .take(14)
        .map(|c| c.to_digit(10).map(i64::from))
        .collect::<Option<_>>()?;
    if digits.len() < 4 {
        return None;
    }
    let num =
        |a: usize, b: usize| digits.get(a..b.min(digits.len())).map_or(0, |d| d.iter().fold(0, |x, y| x * 10 + y));
    let (y, mo, d, h, mi, se) = (num(0, 4), num(4, 6).max(1), num(6, 8).max(1), num(8, 10), num(10, 12), num(12, 14));
    if mo > 12 || d > 31 || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    // days from civil (H. Hinnant)
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut t = days * 86_400 + h * 3600 + mi * 60 + se;
    let rest: String = s.chars().skip(digits.len()).collect();
    if let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
        let nums: Vec<i64> = rest[1..].split('\'').filter_map(|p| p.parse().ok()).collect();
        let off = nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
        t -= if sign == '+' { off } else { -off };
    }
    Some(t)
}

/// CMS signingTime (UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime) → Unix seconds.
fn cms_time(s: &str) -> Option<i64> {
    let full = match s.len() {
        13 => {
            let yy: i64 = s.get(..2)?.parse().ok()?;
            format!("{}{}", if yy >= 50 { 1900 + yy } else { 2000 + yy }, s.get(2..12)?)
        }
        _ => s.get(..14)?.to_owned(),
    };
    pdf_date(&full)
}

/// Verifies every signature in `path`.
pub fn verify(path: &Path, options: &VerifyOptions) -> Result<VerifyReport> {
    let pdf = PdfFile::open(path)?;
    if pdf.is_encrypted() {
        return Err(Error::Encrypted { what: path.display().to_string() });
    }
    let (_, catalog) = pdf.catalog()?;
    let mut fields = Vec::new();
    if let Some(af) = catalog.get(b"AcroForm")
        && let Ok(af) = pdf.dict(af)
        && let Some(list) = af.get(b"Fields").map(|f| pdf.resolve(f)).transpose()?
    {
        let mut seen = std::collections::HashSet::new();
        collect_fields(&pdf, list.as_array().unwrap_or_default(), "", None, &mut fields, &mut seen, 0);
    }
    let certification = docmdp::certification(&pdf, &catalog);
    let permission = certification.as_ref().map(|(_, p)| *p);
    let trailing = coverage::trailing_data(&pdf)?;
    let has_dss = catalog.get(b"DSS").is_some();
    let doc_timestamps: Vec<u64> = fields
        .iter()
        .filter(|f| {
            f.value.name(b"Type") == Some(b"DocTimeStamp") || f.value.name(b"SubFilter") == Some(b"ETSI.RFC3161")
        })
        .filter_map(|f| f.value.get(b"ByteRange").and_then(Object::as_array).and_then(|a| a.get(1)?.as_int()))
        .map(|v| v as u64)
        .collect();
    let first_signed_end =
        fields.iter().filter_map(|f| coverage::byte_range(&f.value).ok().map(|[_, _, c, d]| c.saturating_add(d))).min();
    let context = Context {
        pdf: &pdf,
        path,
        options,
        certification,
        trailing,
        has_dss,
        doc_timestamps,
        first_signed_end,
        revision_changes: Default::default(),
    };
    let mut reports = Vec::new();
    for field in fields {
        reports.push(context.check(field)?);
    }
    let last_end = reports
        .iter()
        .filter_map(|r| match r.coverage {
            Coverage::WholeFile => Some(pdf.len()),
            Coverage::Revision { signed_bytes, .. } => Some(signed_bytes),
            Coverage::Unknown => None,
        })
        .max();
    let uncovered = last_end.filter(|e| *e < pdf.len()).map(|start| ByteSpan { start, end: pdf.len() });
    let verdict = reports.iter().map(|r| r.verdict).max();
    Ok(VerifyReport {
        file: path.display().to_string(),
        file_size: pdf.len(),
        signatures: reports,
        certification: permission,
        uncovered,
        verdict,
    })
}

struct Context<'a> {
    pdf: &'a PdfFile,
    path: &'a Path,
    options: &'a VerifyOptions,
    certification: Option<(Object, Permission)>,
    trailing: Option<ByteSpan>,
    has_dss: bool,
    doc_timestamps: Vec<u64>,
    first_signed_end: Option<u64>,
    revision_changes: coverage::RevisionChanges,
}

impl Context<'_> {
    fn check(&self, field: SigField) -> Result<SignatureReport> {
        let v = &field.value;
        let sub_filter = v.name(b"SubFilter").map(|s| String::from_utf8_lossy(s).into_owned()).unwrap_or_default();
        let now = pecat_pki::iso8601(self.options.now);
        let now_unix = self.options.now.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let claimed = v.get(b"M").and_then(Object::as_str).map(decode_text);
        let mut problems = Vec::new();
        // A certification signature: the one /Perms /DocMDP names, or one with a DocMDP reference.
        let own_permission = docmdp::permission_of(self.pdf, v);
        let named_by_perms = self
            .certification
            .as_ref()
            .is_some_and(|(r, _)| r.as_ref().map(|r| r.num) == field.value_num && field.value_num.is_some());
        let is_certification = named_by_perms || own_permission.is_some();
        let mut r = SignatureReport {
            field: field.name,
            sub_filter: sub_filter.clone(),
            level: String::new(),
            signer: None,
            signer_common_name: None,
            signer_serial: None,
            qualified: None,
            qualification: Qualification::NotQualified,
            claimed_signing_time_utc: claimed.as_deref().and_then(pdf_date).map(iso8601_unix),
            claimed_signing_time: claimed,
            validation_time: now,
            validation_time_source: TimeSource::Current,
            byte_range: Vec::new(),
            byte_range_ok: false,
            digest_ok: false,
            signature_ok: false,
            signing_certificate_bound: None,
            chain: Vec::new(),
            trusted: false,
            anchor: None,
            certificate_valid_at_claimed_time: None,
            coverage: Coverage::Unknown,
            certification: if is_certification {
                own_permission.or(self.certification.as_ref().map(|c| c.1))
            } else {
                None
            },
            later_changes: LaterChanges::none(),
            verdict: Verdict::Invalid,
            problems: Vec::new(),
        };
        let finish = |mut r: SignatureReport, mut problems: Vec<Problem>| {
            problems.sort_by_key(|p| std::cmp::Reverse(p.severity()));
            problems.dedup();
            r.verdict = match problems.iter().map(Problem::severity).max() {
                Some(Severity::Invalid) => Verdict::Invalid,
                Some(Severity::Indeterminate) => Verdict::Indeterminate,
                _ if !r.trusted => Verdict::Indeterminate,
                _ => Verdict::Valid,
            };
            r.problems = problems;
            r
        };

        if let Some(reason) = field.damaged {
            problems.push(Problem::SignatureUnreadable { reason });
            return Ok(finish(r, problems));
        }
        // The byte range and the signature value it leaves out.
        let [a, b, c, d] = match coverage::byte_range(v) {
            Ok(br) => br,
            Err(p) => {
                if let Some(Object::Array(raw)) = v.get(b"ByteRange") {
                    r.byte_range = raw.iter().filter_map(|o| o.as_int().and_then(|i| u64::try_from(i).ok())).collect();
                }
                problems.push(p);
                return Ok(finish(r, problems));
            }
        };
        r.byte_range = vec![a, b, c, d];
        let contents = match v.get(b"Contents") {
            Some(Object::Str(s)) => s.clone(),
            _ => {
                problems.push(Problem::ContentsMalformed);
                return Ok(finish(r, problems));
            }
        };
        match coverage::gap_is_contents(self.pdf, [a, b, c, d], contents.len())? {
            Ok(()) => r.byte_range_ok = true,
            Err(p) => problems.push(p),
        }
        let revision_end = c.saturating_add(d);
        r.coverage = if revision_end >= self.pdf.len() {
            Coverage::WholeFile
        } else {
            Coverage::Revision { signed_bytes: revision_end, file_bytes: self.pdf.len() }
        };
        if is_certification && self.first_signed_end.is_some_and(|first| first < revision_end) {
            problems.push(Problem::CertificationNotFirst);
        }

        // Later revisions, judged against the certification.
        if r.byte_range_ok {
            let mut found = coverage::later_changes(self.pdf, revision_end, &self.revision_changes)?;
            // Bytes after every revision come after this signature too.
            if let Some(span) = self.trailing.filter(|t| revision_end < t.end) {
                found.1.push(Change::TrailingData { start: span.start, end: span.end });
            }
            r.later_changes = LaterChanges::judge(found.0, found.1, self.certification.as_ref().map(|c| c.1));
            if !r.later_changes.permitted {
                let class = r.later_changes.class;
                problems.push(match &self.certification {
                    Some((_, p)) => Problem::CertificationForbids { permission: p.p(), class },
                    None => Problem::ModifiedAfterSigning { class },
                });
            }
        }

        // The container.
        let parsed = match cms::parse(&contents) {
            Ok(p) => p,
            Err(e) => {
                problems.push(Problem::CmsUnreadable { reason: e.to_string() });
                return Ok(finish(r, problems));
            }
        };
        if let Some(t) = &parsed.signing_time
            && r.claimed_signing_time.is_none()
        {
            r.claimed_signing_time_utc = cms_time(t).map(iso8601_unix);
            r.claimed_signing_time = Some(t.clone());
        }
        if r.byte_range_ok {
            if signature::digest_supported(&parsed.digest_algorithm) {
                let digest = signature::hash_ranges(self.path, &[(a, b), (c, d)], &parsed.digest_algorithm)?;
                r.digest_ok = parsed.message_digest.as_deref() == Some(&digest[..]);
                if !r.digest_ok {
                    problems.push(Problem::DigestMismatch);
                }
            } else {
                problems.push(Problem::UnsupportedDigest { algorithm: parsed.digest_algorithm.clone() });
            }
        }
        let pades = sub_filter == "ETSI.CAdES.detached";
        match signature::find_signer(&parsed, &parsed.certificates) {
            None => problems.push(Problem::SignerCertificateMissing),
            Some(cert) => {
                let s = cert.summary();
                r.signer = Some(s.subject.clone());
                r.signer_common_name = s.common_name.clone();
                r.signer_serial = Some(s.serial.clone());
                r.qualified = Some(s.qualified.clone());
                match signature::signature_holds(&parsed, cert) {
                    Ok(()) => r.signature_ok = true,
                    Err(p) => problems.push(p),
                }
                let binding = signature::binding(&parsed, cert, pades);
                r.signing_certificate_bound = parsed.signing_certificate.as_ref().map(|_| binding.is_none());
                problems.extend(binding);
                let path = validate_path(cert, &parsed.certificates, &self.options.anchors, now_unix);
                r.chain = path.chain.iter().map(|c| c.summary().subject.clone()).collect();
                r.trusted = path.is_trusted();
                if self.options.anchors.is_empty() {
                    problems.push(Problem::NoTrustAnchors);
                }
                problems.extend(path.problems.into_iter().map(|problem| Problem::Path { problem }));
                r.qualification = match (s.qualified.is_qualified(), &path.anchor) {
                    (false, _) => Qualification::NotQualified,
                    (true, Some(a)) if a.qualified && r.trusted => Qualification::Qualified,
                    (true, _) => Qualification::Claimed,
                };
                r.anchor = path.anchor;
                let claimed = r.claimed_signing_time.as_deref().and_then(|t| pdf_date(t).or_else(|| cms_time(t)));
                r.certificate_valid_at_claimed_time = claimed.map(|t| s.not_before <= t && t <= s.not_after);
                if r.certificate_valid_at_claimed_time == Some(false)
                    && let Some(claimed) = &r.claimed_signing_time_utc
                {
                    problems.push(Problem::ClaimedTimeOutsideValidity { claimed: claimed.clone() });
                }
            }
        }
        let has = |oids: &[String], o: &str| oids.iter().any(|x| x == o);
        let has_cert_attr = has(&parsed.signed_attribute_oids, cms::ATTR_SIGNING_CERT_V2)
            || has(&parsed.signed_attribute_oids, cms::ATTR_SIGNING_CERT);
        let has_time_attr = has(&parsed.signed_attribute_oids, cms::ATTR_SIGNING_TIME);
        let has_timestamp = has(&parsed.unsigned_attribute_oids, cms::ATTR_TIMESTAMP_TOKEN);
        if has_timestamp {
            problems.push(Problem::TimestampNotValidated);
        }
        r.level = if !pades {
            format!("not PAdES ({sub_filter})")
        } else if !has_cert_attr || has_time_attr {
            "CAdES detached, not a PAdES baseline signature".into()
        } else if self.doc_timestamps.iter().any(|&t| t >= revision_end) && self.has_dss {
            "PAdES B-LTA".into()
        } else if self.has_dss && has_timestamp {
            "PAdES B-LT".into()
        } else if has_timestamp {
            "PAdES B-T".into()
        } else {
            "PAdES B-B".into()
        };
        Ok(finish(r, problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        assert_eq!(pdf_date("D:19700101000000Z"), Some(0));
        assert_eq!(pdf_date("D:20261122153000+02'00'"), pdf_date("D:20261122133000Z"));
        assert_eq!(pdf_date("D:2026"), pdf_date("D:20260101000000Z"));
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(pdf_date("D:20261399"), None);
        assert_eq!(cms_time("261122172444Z"), pdf_date("D:20261122172444Z"));
    }

    #[test]
    fn problems_order_the_verdict() {
        assert_eq!(Problem::DigestMismatch.severity(), Severity::Invalid);
        assert_eq!(Problem::NoTrustAnchors.severity(), Severity::Indeterminate);
        assert_eq!(Problem::TimestampNotValidated.severity(), Severity::Note);
        assert!(Verdict::Invalid > Verdict::Indeterminate && Verdict::Indeterminate > Verdict::Valid);
    }
}
