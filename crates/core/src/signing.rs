//! Signing PDFs with any credential store (token or cloud): every document is prepared (update
//! written, digest known) — before anything is asked of the user, so a front end asks only when
//! something can be signed — then the store authorises all digests at once (one PIN or code for
//! the batch), signs them in calls of at most the credential's limit, and each container is
//! embedded. Progress is reported per document and a cancel is honoured between documents:
//! finished documents are complete, the rest are left untouched with no temporary file.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use pecat_pades::cms::{self, SignerKind};
use pecat_pades::{Prepared, SignatureOptions, prepare};
use pecat_token::{CredentialStore, HashAlgorithm, PinOptions, PinOutcome, Secrets, SignAlgorithm, StoreCredential};

use crate::error::{Error, Result};

/// One document to sign.
#[derive(Debug, Clone)]
pub struct SignJob {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// What became of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentStatus {
    /// Signed and in place.
    Signed,
    /// Not signed; `error` says why. No output was left.
    Failed,
    /// Not signed because the batch was cancelled first. No output was left.
    Cancelled,
}

/// One document's report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SignReport {
    pub input: PathBuf,
    pub output: PathBuf,
    pub status: DocumentStatus,
    /// Why it failed, in English for logs and the CLI's JSON.
    pub error: Option<String>,
    /// Why it failed, typed, for a front end to word.
    #[serde(skip)]
    pub failure: Option<DocumentFailure>,
}

/// Why one document of a batch was not signed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DocumentFailure {
    /// Reading, preparing or writing the PDF failed.
    #[error(transparent)]
    Pdf(#[from] pecat_pades::Error),
    /// The store returned another number of signatures than it was given digests.
    #[error("the store returned {returned} signatures for {expected} documents")]
    SignatureCount { returned: usize, expected: usize },
    /// A later call of the batch was refused (a cloud authorisation that expired mid-batch).
    #[error("not signed: the store refused the authorisation ({0})")]
    Refused(String),
    /// The store failed after earlier documents were signed.
    #[error(transparent)]
    Store(Box<Error>),
}

impl SignReport {
    fn fail(&mut self, failure: DocumentFailure) {
        self.status = DocumentStatus::Failed;
        self.error = Some(failure.to_string());
        self.failure = Some(failure);
    }
}

/// How far a batch got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum SignProgress {
    /// The store accepted the authorisation for `documents` documents.
    Authorised { documents: usize },
    /// Document `index` (of the jobs) is signed and in place; `done` of `total` so far.
    Signed { index: usize, done: usize, total: usize },
    /// The batch stopped on a cancel after `done` of `total` documents.
    Cancelled { done: usize, total: usize },
}

/// Cancels a running batch between documents; clone it into the UI.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that has not been cancelled.
    pub fn new() -> Self {
        Self::default()
    }
    /// Asks the batch to stop after the document it is on.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    /// Whether a cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The credential that signs.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    pub store: &'a dyn CredentialStore,
    pub credential: StoreCredential,
}

/// A batch whose documents are prepared (updates written beside their outputs as temporary
/// files, digests known) and waiting for the one authorisation that signs them all. Dropping it
/// removes the temporary files.
#[derive(Debug)]
pub struct PreparedBatch<'a> {
    signer: &'a Signer<'a>,
    kind: SignerKind,
    reports: Vec<SignReport>,
    staged: Vec<(usize, Prepared, Vec<u8>)>,
}

/// Prepares every job (nothing asked of the user yet); a document that fails is reported and the
/// others go on.
pub fn prepare_pdfs<'a>(
    signer: &'a Signer<'a>,
    jobs: &[SignJob],
    options: &SignatureOptions,
    now: SystemTime,
) -> Result<PreparedBatch<'a>> {
    prepare_batch(signer, jobs.iter().map(|job| (job, options)), now)
}

/// Prepares every job with its own options (reason, location, place: the desktop app's batch,
/// where every file has its own); a document that fails is reported with its typed error and the
/// others go on. Sign the result with [`PreparedBatch::sign`]: one authorisation for all.
pub fn prepare_each<'a>(
    signer: &'a Signer<'a>,
    jobs: &[(SignJob, SignatureOptions)],
    now: SystemTime,
) -> Result<PreparedBatch<'a>> {
    prepare_batch(signer, jobs.iter().map(|(job, options)| (job, options)), now)
}

/// Prepares each job with its options: the staged documents and one report per job, failed
/// where preparing failed.
fn prepare_batch<'a, 'j>(
    signer: &'a Signer<'a>,
    jobs: impl Iterator<Item = (&'j SignJob, &'j SignatureOptions)>,
    now: SystemTime,
) -> Result<PreparedBatch<'a>> {
    let certificate = &signer.credential.certificate;
    let kind = SignerKind::of(certificate).map_err(|e| Error::Unreadable { reason: e.to_string() })?;
    let mut reports = Vec::new();
    let mut staged = Vec::new();
    for (i, (job, options)) in jobs.enumerate() {
        let mut report = SignReport {
            input: job.input.clone(),
            output: job.output.clone(),
            status: DocumentStatus::Signed,
            error: None,
            failure: None,
        };
        match prepare(&job.input, &job.output, options, now) {
            Ok(p) => {
                let attrs = cms::signed_attributes(&p.digest, certificate);
                staged.push((i, p, attrs));
            }
            Err(e) => report.fail(e.into()),
        }
        reports.push(report);
    }
    Ok(PreparedBatch { signer, kind, reports, staged })
}

/// The algorithm the credential signs this kind of key with (SHA-256, as the CMS is built).
fn algorithm_for(kind: SignerKind, credential: &StoreCredential) -> Result<SignAlgorithm> {
    let wanted = match kind {
        SignerKind::Rsa => SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
        SignerKind::Ecdsa => SignAlgorithm::Ecdsa(HashAlgorithm::Sha256),
    };
    if credential.capabilities.algorithms.contains(&wanted) {
        Ok(wanted)
    } else {
        Err(Error::Unreadable { reason: format!("credential {} cannot sign with {wanted:?}", credential.id) })
    }
}

impl PreparedBatch<'_> {
    /// Whether any document is ready to sign (when none is, there is no point asking for a PIN).
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// How many documents are ready to sign: the signatures one authorisation must cover.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// The batch's size against the credential's limit per authorisation (CSC `multisign`):
    /// `Some(outcome)` when it is too large, known before any secret is asked.
    pub fn too_large(&self) -> Option<PinOutcome<()>> {
        let allowed = self.signer.credential.capabilities.max_signatures_per_authorisation?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (self.len() > allowed)
            .then(|| PinOutcome::TooManySignatures { allowed: count(allowed), asked: count(self.len()) })
    }

    /// The reports so far, for a batch that will not be signed.
    pub fn into_reports(self) -> Vec<SignReport> {
        self.reports
    }

    /// Authorises every prepared digest with `secrets`, signs them in calls the credential
    /// accepts, and moves each document into place, reporting progress and stopping between
    /// documents when `cancel` is set. A refused authorisation (wrong PIN or code, locked, …)
    /// writes nothing.
    pub fn sign(
        self,
        secrets: Secrets,
        options: PinOptions,
        progress: &mut dyn FnMut(SignProgress),
        cancel: &CancelToken,
    ) -> Result<PinOutcome<Vec<SignReport>>> {
        let Self { signer, kind, mut reports, staged } = self;
        if staged.is_empty() {
            return Ok(PinOutcome::done(reports));
        }
        let credential = &signer.credential;
        let algorithm = algorithm_for(kind, credential)?;
        let digests: Vec<Vec<u8>> = staged.iter().map(|(_, _, a)| cms::to_be_signed(a)).collect();
        let authorisation = match signer.store.authorise(credential, &digests, secrets, options)?.into_failure() {
            Ok(refused) => return Ok(refused), // prepared files are dropped: nothing is left behind
            Err(a) => a,
        };
        progress(SignProgress::Authorised { documents: staged.len() });
        let total = staged.len();
        let per_call = credential.capabilities.max_digests_per_call.unwrap_or(total).max(1);
        let mut done = 0;
        let mut pending = staged.into_iter().zip(digests).peekable();
        while pending.peek().is_some() {
            if cancel.is_cancelled() {
                break;
            }
            let chunk: Vec<_> = pending.by_ref().take(per_call).collect();
            let chunk_digests: Vec<Vec<u8>> = chunk.iter().map(|(_, d)| d.clone()).collect();
            let outcome = signer.store.sign(credential, &authorisation, algorithm, &chunk_digests);
            let signatures = match outcome {
                Ok(PinOutcome::Done { value }) if value.len() == chunk.len() => value,
                Ok(PinOutcome::Done { value }) => {
                    let reason = DocumentFailure::SignatureCount { returned: value.len(), expected: chunk.len() };
                    chunk.iter().for_each(|((i, ..), _)| reports[*i].fail(reason.clone()));
                    pending.by_ref().for_each(|((i, ..), _)| reports[i].fail(reason.clone()));
                    break;
                }
                Ok(refused) if done == 0 => {
                    return Ok(refused.into_failure::<Vec<SignReport>>().unwrap_or(PinOutcome::Cancelled));
                }
                Ok(refused) => {
                    // A later call refused (a cloud authorisation that expired mid-batch).
                    let reason = DocumentFailure::Refused(format!("{refused:?}"));
                    chunk.iter().for_each(|((i, ..), _)| reports[*i].fail(reason.clone()));
                    pending.by_ref().for_each(|((i, ..), _)| reports[i].fail(reason.clone()));
                    break;
                }
                Err(e) if done == 0 => return Err(e.into()),
                Err(e) => {
                    let reason = DocumentFailure::Store(Box::new(e.into()));
                    chunk.iter().for_each(|((i, ..), _)| reports[*i].fail(reason.clone()));
                    pending.by_ref().for_each(|((i, ..), _)| reports[i].fail(reason.clone()));
                    break;
                }
            };
            for (((i, prepared, attrs), _), signature) in chunk.into_iter().zip(signatures) {
                if cancel.is_cancelled() {
                    reports[i].status = DocumentStatus::Cancelled;
                    continue; // `prepared` drops here: its temporary file goes
                }
                let signature = match kind {
                    SignerKind::Ecdsa => pecat_pki::ecdsa_signature_der(&signature),
                    SignerKind::Rsa => signature,
                };
                let container = cms::assemble(&attrs, &signature, kind, &credential.certificate, &credential.chain);
                match prepared.embed(&container) {
                    Ok(_) => {
                        done += 1;
                        progress(SignProgress::Signed { index: i, done, total });
                    }
                    Err(e) => reports[i].fail(e.into()),
                }
            }
        }
        // Whatever was not reached is cancelled; its prepared file was dropped.
        for ((i, ..), _) in pending {
            reports[i].status = DocumentStatus::Cancelled;
        }
        if cancel.is_cancelled() {
            progress(SignProgress::Cancelled { done, total });
        }
        Ok(PinOutcome::done(reports))
    }
}

/// Signs every job with one authorisation: [`prepare_pdfs`], then [`PreparedBatch::sign`].
pub fn sign_pdfs(
    signer: &Signer<'_>,
    jobs: &[SignJob],
    options: &SignatureOptions,
    secrets: Secrets,
    pin_options: PinOptions,
    now: SystemTime,
) -> Result<PinOutcome<Vec<SignReport>>> {
    prepare_pdfs(signer, jobs, options, now)?.sign(secrets, pin_options, &mut |_| {}, &CancelToken::new())
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
