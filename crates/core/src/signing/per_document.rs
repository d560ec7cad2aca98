//! A batch whose documents each carry their own signature options (reason, location, place),
//! still authorised once: the desktop app's batch, where every file has its own reason.

use std::time::SystemTime;

use pecat_pades::{SignatureOptions, cms, prepare};

use super::{DocumentStatus, PreparedBatch, SignJob, SignReport, Signer};
use crate::error::{Error, Result};

/// Prepares every job with its own options (nothing asked of the user yet); a document that
/// fails is reported with its typed error and the others go on. Sign the result with
/// [`PreparedBatch::sign`]: one authorisation for all.
pub fn prepare_each<'a>(
    signer: &'a Signer<'a>,
    jobs: &[(SignJob, SignatureOptions)],
    now: SystemTime,
) -> Result<PreparedBatch<'a>> {
    let certificate = &signer.credential.certificate;
    let kind = cms::SignerKind::of(certificate).map_err(|e| Error::Unreadable { reason: e.to_string() })?;
    let mut reports = Vec::with_capacity(jobs.len());
    let mut staged = Vec::new();
    for (i, (job, options)) in jobs.iter().enumerate() {
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
