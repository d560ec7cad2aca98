//! Certification path validation for document signatures (RFC 5280 §6.1, without policy
//! processing): a path from the signer up to a trust anchor the user chose, every issuer a CA
//! allowed to sign certificates within its path length, every certificate valid at the
//! validation time, no critical extension Pecat does not understand, no broken signature
//! algorithm, and a signer certificate meant for signing.

use std::fmt;

use crate::cert::Certificate;
use crate::iso8601_unix;

/// Longest path followed; qualified hierarchies are three or four deep.
const MAX_DEPTH: usize = 8;
/// Most candidate issuers examined in one validation (cross-certificates can branch).
const MAX_VISITS: usize = 64;

/// Where a trust anchor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnchorSource {
    /// Given for this run (`--trust`).
    User,
    /// Pecat's trust store (the user's settings folder).
    Store,
    /// The operating system's TLS root bundle, only when asked for explicitly.
    System,
}

/// A certificate the user trusts to vouch for document signers.
#[derive(Debug, Clone)]
pub struct TrustAnchor {
    /// The anchor's certificate (its name and key are what matter, RFC 5280 §6.1.1 d).
    pub certificate: Certificate,
    /// Whether the trust store marks it as a qualified CA (EU trusted list or the user's mark).
    pub qualified: bool,
    /// Where it came from.
    pub source: AnchorSource,
}

/// Why a path does not establish trust; one entry per finding, certificate named by subject.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PathProblem {
    /// The issuer of `subject` is neither in the document nor among the anchors.
    IssuerMissing { subject: String, issuer: String },
    /// The path ends at a root that is not a trust anchor.
    UntrustedRoot { root: String },
    /// An issuer is not a CA (basicConstraints absent or cA=false, §4.2.1.9).
    IssuerNotCa { subject: String },
    /// An issuer's keyUsage lacks keyCertSign (§4.2.1.3).
    IssuerCannotSignCertificates { subject: String },
    /// An issuer's pathLenConstraint is exceeded (§4.2.1.9).
    PathLengthExceeded { subject: String, path_len: u32, below: usize },
    /// A certificate was not yet valid at the validation time.
    NotYetValid { subject: String, not_before: String },
    /// A certificate had expired at the validation time.
    Expired { subject: String, not_after: String },
    /// A critical extension Pecat does not process (§4.2: the certificate must be rejected).
    UnknownCriticalExtension { subject: String, oid: String },
    /// A certificate signed with MD5 or SHA-1, which no longer proves anything.
    WeakSignatureAlgorithm { subject: String, algorithm: String },
    /// The signer's keyUsage has neither digitalSignature nor nonRepudiation.
    SignerKeyUsage { subject: String },
    /// The signer's extendedKeyUsage allows no document signing (e.g. serverAuth only).
    SignerExtendedKeyUsage { subject: String, usages: Vec<String> },
    /// The path grew past the depth limit.
    TooLong,
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IssuerMissing { subject, issuer } => {
                write!(f, "the issuer of \"{subject}\" (\"{issuer}\") is neither in the signature nor trusted")
            }
            Self::UntrustedRoot { root } => {
                write!(f, "the chain ends at \"{root}\", which is not a trusted certificate")
            }
            Self::IssuerNotCa { subject } => {
                write!(f, "\"{subject}\" issued a certificate but is not a certification authority (basicConstraints)")
            }
            Self::IssuerCannotSignCertificates { subject } => {
                write!(f, "\"{subject}\" issued a certificate but its key usage does not allow signing certificates")
            }
            Self::PathLengthExceeded { subject, path_len, below } => {
                write!(f, "\"{subject}\" allows {path_len} intermediate CA(s) below it, but the chain has {below}")
            }
            Self::NotYetValid { subject, not_before } => {
                write!(f, "\"{subject}\" was not yet valid at the validation time (valid from {not_before})")
            }
            Self::Expired { subject, not_after } => {
                write!(f, "\"{subject}\" had expired at the validation time (valid until {not_after})")
            }
            Self::UnknownCriticalExtension { subject, oid } => {
                write!(f, "\"{subject}\" has a critical extension Pecat does not understand ({oid})")
            }
            Self::WeakSignatureAlgorithm { subject, algorithm } => {
                write!(f, "\"{subject}\" is signed with {algorithm}, which is broken and not accepted")
            }
            Self::SignerKeyUsage { subject } => {
                write!(f, "the key usage of \"{subject}\" allows neither digital signatures nor non-repudiation")
            }
            Self::SignerExtendedKeyUsage { subject, usages } => {
                write!(f, "\"{subject}\" is meant for {} only, not for signing documents", usages.join(", "))
            }
            Self::TooLong => write!(f, "the chain is longer than {MAX_DEPTH} certificates or loops"),
        }
    }
}

/// The anchor a path ends at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnchorInfo {
    /// The anchor's subject.
    pub subject: String,
    /// Marked as a qualified CA in Pecat's trust store.
    pub qualified: bool,
    /// Where the anchor came from.
    pub source: AnchorSource,
}

/// The outcome of validating one signer's path.
#[derive(Debug, Clone)]
pub struct PathValidation {
    /// Leaf first, then each issuer, up to the anchor when one was reached.
    pub chain: Vec<Certificate>,
    /// The anchor reached, if any.
    pub anchor: Option<AnchorInfo>,
    /// What fails; empty when the path is valid.
    pub problems: Vec<PathProblem>,
}

impl PathValidation {
    /// A path to a trust anchor on which every check holds.
    pub fn is_trusted(&self) -> bool {
        self.anchor.is_some() && self.problems.is_empty()
    }
}

/// Signature algorithms that no longer prove anything (RFC 6151, SHAttered).
const WEAK_ALGORITHMS: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.2", "MD2 with RSA"),
    ("1.2.840.113549.1.1.4", "MD5 with RSA"),
    ("1.2.840.113549.1.1.5", "SHA-1 with RSA"),
    ("1.3.14.3.2.29", "SHA-1 with RSA"),
    ("1.2.840.10045.4.1", "ECDSA with SHA-1"),
    ("1.2.840.10040.4.3", "DSA with SHA-1"),
];

/// Extensions Pecat processes or that carry no constraint it must enforce (RFC 5280 §4.2).
const UNDERSTOOD_EXTENSIONS: &[&str] = &[
    "2.5.29.14",               // subjectKeyIdentifier
    "2.5.29.15",               // keyUsage
    "2.5.29.17",               // subjectAltName
    "2.5.29.18",               // issuerAltName
    "2.5.29.19",               // basicConstraints
    "2.5.29.31",               // cRLDistributionPoints
    "2.5.29.32",               // certificatePolicies (any policy is acceptable)
    "2.5.29.35",               // authorityKeyIdentifier
    "2.5.29.37",               // extKeyUsage
    "2.5.29.9",                // subjectDirectoryAttributes
    "2.5.29.46",               // freshestCRL
    "1.3.6.1.5.5.7.1.1",       // authorityInfoAccess
    "1.3.6.1.5.5.7.1.3",       // qcStatements
    "1.3.6.1.5.5.7.48.1.5",    // id-pkix-ocsp-nocheck
    "1.3.6.1.4.1.11129.2.4.2", // embedded SCTs
];

/// Extended key usages under which a certificate may sign documents.
const SIGNING_USAGES: &[&str] = &[
    "anyExtendedKeyUsage",
    "emailProtection",
    "clientAuth",
    "documentSigning",
    "pdfAuthenticDocuments",
    "1.3.6.1.5.5.7.3.36", // id-kp-documentSigning (RFC 9336)
    "1.3.6.1.4.1.311.10.3.12",
];

/// Validates the path of `leaf` at Unix time `at`, with issuers taken from `pool` (the
/// certificates in the signature) and `anchors`. Tries every candidate issuer (bounded) and keeps
/// the best path: anchored and clean, else anchored with the fewest problems, else the longest.
pub fn validate_path(leaf: &Certificate, pool: &[Certificate], anchors: &[TrustAnchor], at: i64) -> PathValidation {
    let mut paths = Vec::new();
    let mut visits = 0;
    let mut stack = vec![vec![leaf.clone()]];
    while let Some(path) = stack.pop() {
        let Some(current) = path.last() else { continue };
        // The same certificate may be given twice (once marked qualified): the mark wins.
        if let Some(anchor) =
            anchors.iter().filter(|a| same_key_and_name(&a.certificate, current)).max_by_key(|a| a.qualified)
        {
            paths.push(evaluate(path.clone(), Some(anchor), at));
            continue;
        }
        if path.len() >= MAX_DEPTH {
            let mut v = evaluate(path.clone(), None, at);
            v.problems.push(PathProblem::TooLong);
            paths.push(v);
            continue;
        }
        let issuers: Vec<&Certificate> = pool
            .iter()
            .chain(anchors.iter().map(|a| &a.certificate))
            .filter(|c| !path.iter().any(|p| p.der() == c.der()))
            .filter(|c| current.is_issued_by(c))
            .collect();
        if issuers.is_empty() || current.is_self_signed() {
            paths.push(evaluate(path.clone(), None, at));
            continue;
        }
        for issuer in issuers {
            visits += 1;
            if visits > MAX_VISITS {
                break;
            }
            let mut longer = path.clone();
            longer.push(issuer.clone());
            stack.push(longer);
        }
    }
    paths
        .into_iter()
        .min_by_key(|v| (v.anchor.is_none(), v.problems.len(), std::cmp::Reverse(v.chain.len())))
        .unwrap_or_else(|| evaluate(vec![leaf.clone()], None, at))
}

/// Same subject and same public key: the anchor is the certificate, or a re-issue of it.
fn same_key_and_name(anchor: &Certificate, cert: &Certificate) -> bool {
    anchor.der() == cert.der() || (anchor.subject_der() == cert.subject_der() && anchor.spki_der() == cert.spki_der())
}

fn subject(c: &Certificate) -> String {
    c.summary().subject.clone()
}

/// Runs the RFC 5280 §6.1 checks on a built path (leaf first).
fn evaluate(chain: Vec<Certificate>, anchor: Option<&TrustAnchor>, at: i64) -> PathValidation {
    let mut problems = Vec::new();
    let last = chain.len() - 1;
    if anchor.is_none() {
        match chain.last() {
            Some(root) if root.is_self_signed() => problems.push(PathProblem::UntrustedRoot { root: subject(root) }),
            Some(top) => problems
                .push(PathProblem::IssuerMissing { subject: subject(top), issuer: top.summary().issuer.clone() }),
            None => {}
        }
    }
    for (i, cert) in chain.iter().enumerate() {
        // The anchor is trusted for its name and key only (§6.1.1 d); everything below is checked.
        let is_anchor = anchor.is_some() && i == last;
        let is_root = i == last && cert.is_self_signed();
        let facts = cert.path_facts();
        let s = cert.summary();
        if !is_anchor {
            if at < s.not_before {
                problems
                    .push(PathProblem::NotYetValid { subject: subject(cert), not_before: iso8601_unix(s.not_before) });
            }
            if at > s.not_after {
                problems.push(PathProblem::Expired { subject: subject(cert), not_after: iso8601_unix(s.not_after) });
            }
            for oid in &facts.critical_extensions {
                if !UNDERSTOOD_EXTENSIONS.contains(&oid.as_str()) {
                    problems.push(PathProblem::UnknownCriticalExtension { subject: subject(cert), oid: oid.clone() });
                }
            }
            if !is_root
                && let Some((_, name)) = WEAK_ALGORITHMS.iter().find(|(o, _)| *o == facts.signature_algorithm_oid)
            {
                problems.push(PathProblem::WeakSignatureAlgorithm {
                    subject: subject(cert),
                    algorithm: (*name).to_owned(),
                });
            }
        }
        if i > 0 {
            // An issuer: a CA (an anchor may be a v1 root without extensions), allowed to sign
            // certificates, with room for the intermediates below it.
            let is_ca = match facts.basic_constraints {
                Some((ca, _)) => ca,
                None => is_anchor && facts.version < 3,
            };
            if !is_ca {
                problems.push(PathProblem::IssuerNotCa { subject: subject(cert) });
            }
            if facts.has_key_usage && !s.key_usage.0.contains(&"keyCertSign") {
                problems.push(PathProblem::IssuerCannotSignCertificates { subject: subject(cert) });
            }
            let below = chain[1..i].iter().filter(|c| c.subject_der() != c.issuer_der()).count();
            if let Some((_, Some(path_len))) = facts.basic_constraints
                && below > path_len as usize
            {
                problems.push(PathProblem::PathLengthExceeded { subject: subject(cert), path_len, below });
            }
        }
    }
    if let Some(leaf) = chain.first() {
        let s = leaf.summary();
        if leaf.path_facts().has_key_usage && !s.key_usage.digital_signature() && !s.key_usage.non_repudiation() {
            problems.push(PathProblem::SignerKeyUsage { subject: subject(leaf) });
        }
        if !s.extended_key_usage.is_empty()
            && !s.extended_key_usage.iter().any(|u| SIGNING_USAGES.contains(&u.as_str()))
        {
            problems.push(PathProblem::SignerExtendedKeyUsage {
                subject: subject(leaf),
                usages: s.extended_key_usage.clone(),
            });
        }
    }
    let anchor =
        anchor.map(|a| AnchorInfo { subject: subject(&a.certificate), qualified: a.qualified, source: a.source });
    PathValidation { chain, anchor, problems }
}
