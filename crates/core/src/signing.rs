//! Signing PDFs with a token credential: every document is prepared (update written, digest
//! known) — before the PIN is asked, so a front end can ask only when something can be signed —
//! then all digests are signed under one login, then each container is embedded. A document that
//! fails is reported and the others go on; a refused PIN leaves no output.

use std::ffi::{OsStr, OsString};
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

/// A batch whose documents are prepared (updates written beside their outputs as temporary
/// files, digests known) and waiting for the one PIN entry that signs them all. Dropping it
/// removes the temporary files.
#[derive(Debug)]
pub struct PreparedBatch<'a> {
    signer: &'a Signer<'a>,
    kind: SignerKind,
    reports: Vec<SignReport>,
    staged: Vec<(usize, Prepared, Vec<u8>)>,
}

/// Prepares every job (no PIN needed yet); a document that fails is reported and the others go on.
pub fn prepare_pdfs<'a>(
    signer: &'a Signer<'a>,
    jobs: &[SignJob],
    options: &SignatureOptions,
    now: SystemTime,
) -> Result<PreparedBatch<'a>> {
    let kind = SignerKind::of(&signer.certificate).map_err(|e| crate::Error::Unreadable { reason: e.to_string() })?;
    let mut reports: Vec<SignReport> =
        jobs.iter().map(|j| SignReport { input: j.input.clone(), output: j.output.clone(), error: None }).collect();
    let mut staged = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        match prepare(&job.input, &job.output, options, now) {
            Ok(p) => {
                let attrs = cms::signed_attributes(&p.digest, &signer.certificate);
                staged.push((i, p, attrs));
            }
            Err(e) => reports[i].error = Some(e.to_string()),
        }
    }
    Ok(PreparedBatch { signer, kind, reports, staged })
}

impl PreparedBatch<'_> {
    /// Whether any document is ready to sign (when none is, there is no point asking for a PIN).
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// The reports so far, for a batch that will not be signed.
    pub fn into_reports(self) -> Vec<SignReport> {
        self.reports
    }

    /// Signs every prepared document under one login and moves each into place.
    pub fn sign(self, pin: &SecretString, pin_options: PinOptions) -> Result<PinOutcome<Vec<SignReport>>> {
        let Self { signer, kind, mut reports, staged } = self;
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
}

/// Signs every job with one PIN entry: [`prepare_pdfs`], then [`PreparedBatch::sign`].
pub fn sign_pdfs(
    signer: &Signer<'_>,
    jobs: &[SignJob],
    options: &SignatureOptions,
    pin: &SecretString,
    pin_options: PinOptions,
    now: SystemTime,
) -> Result<PinOutcome<Vec<SignReport>>> {
    prepare_pdfs(signer, jobs, options, now)?.sign(pin, pin_options)
}

/// `name.pdf` → `name.signed.pdf`, in `dir` when given, else beside the input. The name's bytes
/// are kept as they are, UTF-8 or not.
pub fn default_output(input: &std::path::Path, dir: Option<&std::path::Path>) -> PathBuf {
    let mut name = input.file_stem().map_or_else(|| OsString::from("document"), OsStr::to_os_string);
    name.push(".signed.pdf");
    match dir {
        Some(d) => d.join(name),
        None => input.with_file_name(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn default_output_beside_the_input_or_in_the_folder() {
        assert_eq!(default_output(Path::new("/a/contract.pdf"), None), Path::new("/a/contract.signed.pdf"));
        assert_eq!(
            default_output(Path::new("contract.pdf"), Some(Path::new("/out"))),
            Path::new("/out/contract.signed.pdf")
        );
        assert_eq!(default_output(Path::new("/a/Cerere ș.pdf"), None), Path::new("/a/Cerere ș.signed.pdf"));
    }

    #[cfg(unix)]
    #[test]
    fn default_output_keeps_a_name_that_is_not_utf8() {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        let input = PathBuf::from(OsString::from_vec(b"/a/d\xFFc.pdf".to_vec()));
        let out = default_output(&input, None);
        assert_eq!(out.as_os_str().as_bytes(), b"/a/d\xFFc.signed.pdf");
        let out = default_output(&input, Some(Path::new("/out")));
        assert_eq!(out.as_os_str().as_bytes(), b"/out/d\xFFc.signed.pdf");
    }
}
