//! Signing PDFs with a token credential: every document is prepared (update written, digest
//! known), then all digests are signed under one login, then each container is embedded. A
//! document that fails is reported and the others go on; a refused PIN stops before anything is
//! written.

use std::path::PathBuf;
use std::time::SystemTime;

use pecat_pades::cms::{self, SignerKind};
use pecat_pades::{Prepared, SignatureOptions, prepare};
use pecat_pki::Certificate;
use pecat_token::{HashAlgorithm, PinOptions, PinOutcome, SecretString, SignAlgorithm, Token};

use crate::error::Result;

/// One document to sign.
#[derive(Debug, Clone)]
pub struct SignJob {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// What became of one document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SignReport {
    pub input: PathBuf,
    pub output: PathBuf,
    /// `None` when signed; the reason otherwise (no output was left).
    pub error: Option<String>,
}

/// The credential that signs.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    pub token: &'a dyn Token,
    /// `CKA_ID` of the private key (hex).
    pub key_id: String,
    pub certificate: Certificate,
    /// Issuing CA certificates to carry in the signature (no self-signed root).
    pub chain: Vec<Certificate>,
}

/// Signs every job with one PIN entry.
pub fn sign_pdfs(
    signer: &Signer<'_>,
    jobs: &[SignJob],
    options: &SignatureOptions,
    pin: &SecretString,
    pin_options: PinOptions,
    now: SystemTime,
) -> Result<PinOutcome<Vec<SignReport>>> {
    let kind = SignerKind::of(&signer.certificate).map_err(|e| crate::Error::Unreadable { reason: e.to_string() })?;
    let mut reports: Vec<SignReport> =
        jobs.iter().map(|j| SignReport { input: j.input.clone(), output: j.output.clone(), error: None }).collect();
    let mut staged: Vec<(usize, Prepared, Vec<u8>)> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        match prepare(&job.input, &job.output, options, now) {
            Ok(p) => {
                let attrs = cms::signed_attributes(&p.digest, &signer.certificate);
                staged.push((i, p, attrs));
            }
            Err(e) => reports[i].error = Some(e.to_string()),
        }
    }
    if staged.is_empty() {
        return Ok(PinOutcome::done(reports));
    }
    let digests: Vec<Vec<u8>> = staged.iter().map(|(_, _, a)| cms::to_be_signed(a)).collect();
    let algorithm = match kind {
        SignerKind::Rsa => SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
        SignerKind::Ecdsa => SignAlgorithm::Ecdsa(HashAlgorithm::Sha256),
    };
    let signatures =
        match signer.token.sign_digests(&signer.key_id, algorithm, &digests, pin, pin_options)?.into_failure() {
            Ok(refused) => return Ok(refused), // prepared files are dropped: nothing is left behind
            Err(signatures) => signatures,
        };
    for ((i, prepared, attrs), signature) in staged.into_iter().zip(signatures) {
        let signature = match kind {
            SignerKind::Ecdsa => pecat_pki::ecdsa_signature_der(&signature),
            SignerKind::Rsa => signature,
        };
        let container = cms::assemble(&attrs, &signature, kind, &signer.certificate, &signer.chain);
        if let Err(e) = prepared.embed(&container) {
            reports[i].error = Some(e.to_string());
        }
    }
    Ok(PinOutcome::done(reports))
}

/// `name.pdf` → `name.signed.pdf`, in `dir` when given, else beside the input.
pub fn default_output(input: &std::path::Path, dir: Option<&std::path::Path>) -> PathBuf {
    let stem = input.file_stem().map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}.signed.pdf");
    match dir {
        Some(d) => d.join(name),
        None => input.with_file_name(name),
    }
}
