//! `cert show`, `cert export` and `cert export-customs`.

use pecat_token::KeyManagement;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use pecat_core::{
    Inventory, ObjectRef, certificate_view, chain_pool, credential_views, export_certificate, parse_object_ref,
    resolve_credential, select_certificate, token_certificates,
};
use pecat_pki::{Certificate, ExportFormat, parse_certificates};
use pecat_token::{CertificateObject, CredentialStore, StoreCredential, StoreId, Token, TokenObjects};
use serde_json::json;

use crate::Done;
use crate::context::{Cloud, Context};
use crate::render;

/// Reads certificate files the user named; any unreadable file is an error.
pub fn load_files(paths: &[PathBuf]) -> anyhow::Result<Vec<Certificate>> {
    let mut out = Vec::new();
    for p in paths {
        let what = p.display().to_string();
        let data = pecat_pki::read_limited(p, pecat_pki::MAX_CERTIFICATE_FILE, &what)?;
        out.extend(parse_certificates(&data, &what)?);
    }
    Ok(out)
}

/// The token object a `TOKEN:ID` reference names, with everything on its token.
pub(crate) struct Found<'a> {
    pub token: &'a pecat_token::Pkcs11Token,
    pub objects: TokenObjects,
    pub object: CertificateObject,
    pub certificate: Certificate,
}

/// Reads a `TOKEN:ID` the user typed; a malformed one is a command line error.
pub(crate) fn object_ref(what: &str) -> anyhow::Result<ObjectRef> {
    parse_object_ref(what).map_err(|e| crate::usage(e.to_string()))
}

/// A certificate a `STORE:ID` reference names, on a hardware token or in a cloud store.
pub(crate) enum Located<'a> {
    Token(Box<Found<'a>>),
    Cloud { store: Arc<dyn CredentialStore>, credential: Box<StoreCredential> },
}

impl Located<'_> {
    /// The certificate named.
    pub fn certificate(&self) -> &Certificate {
        match self {
            Located::Token(f) => &f.certificate,
            Located::Cloud { credential, .. } => &credential.certificate,
        }
    }

    /// Issuer candidates: what the store holds and the user's `--ca` files.
    pub fn pool(&self, extra: &[Certificate]) -> Vec<Certificate> {
        match self {
            Located::Token(f) => chain_pool(&f.objects, extra),
            Located::Cloud { credential, .. } => credential.chain.iter().chain(extra).cloned().collect(),
        }
    }
}

/// The store part of `STORE:ID` (everything before the last colon).
pub(crate) fn store_part(what: &str) -> &str {
    what.rsplit_once(':').map_or(what, |(store, _)| store)
}

/// Finds what `STORE:ID` names in `inv` (built with the cloud store it names).
pub(crate) fn locate<'a>(inv: &'a Inventory, what: &str) -> anyhow::Result<Located<'a>> {
    let store = inv.find_store(store_part(what));
    match store.as_ref().map(|s| s.store_id()) {
        Ok(StoreId::Cloud { .. }) => {
            let (store, credential) = resolve_credential(inv, what)?;
            Ok(Located::Cloud { store, credential: Box::new(credential) })
        }
        _ => Ok(Located::Token(Box::new(find(inv, what)?))),
    }
}

pub(crate) fn find<'a>(inv: &'a Inventory, what: &str) -> anyhow::Result<Found<'a>> {
    let r = object_ref(what)?;
    let token = inv.find_token(&r.token)?;
    let objects = token.objects().with_context(|| format!("reading the objects of token {}", token.id()))?;
    let (object, count) = select_certificate(&objects.certificates, &r.id)
        .ok_or_else(|| pecat_token::Error::NoSuchObject { token: token.id().to_string(), id: r.id.clone() })?;
    if count > 1 {
        eprintln!("pecat-cli: note: {count} certificates have id {}; using the one that expires last", r.id);
    }
    let object = object.clone();
    let Some(certificate) = object.certificate.clone() else {
        bail!("{}", object.error.clone().unwrap_or_else(|| format!("object {} is unreadable", r.id)));
    };
    Ok(Found { token, objects, object, certificate })
}

pub fn show(ctx: &Context, what: &str, ca: &[PathBuf]) -> anyhow::Result<Done> {
    let extra = load_files(ca)?;
    let path = Path::new(what);
    let views: Vec<pecat_core::CertificateView> = if path.is_file() {
        let data = pecat_pki::read_limited(path, pecat_pki::MAX_CERTIFICATE_FILE, "certificate file")?;
        let certs = parse_certificates(&data, what)?;
        let pool: Vec<Certificate> = certs.iter().cloned().chain(extra).collect();
        let label = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        certs
            .into_iter()
            .map(|c| {
                let obj =
                    CertificateObject { id: String::new(), label: label.clone(), certificate: Some(c), error: None };
                certificate_view(&obj, None, &pool, ctx.now)
            })
            .collect()
    } else if what.contains(':') && !what.contains('/') && !what.contains('\\') {
        let inv = ctx.inventory_with(Cloud::Named(store_part(what)))?;
        match locate(&inv, what)? {
            Located::Token(found) => token_certificates(&found.objects, &extra, ctx.now)
                .into_iter()
                .filter(|v| v.id == found.object.id)
                .collect(),
            Located::Cloud { credential, .. } => credential_views(std::slice::from_ref(&credential), &extra, ctx.now),
        }
    } else {
        bail!("{what}: no such file (to name a certificate on a token, write TOKEN:ID, e.g. MyToken:01)");
    };
    if ctx.json {
        ctx.emit_json(&json!({ "certificates": views }))?;
    } else {
        for v in &views {
            print!("{}", render::certificate(v));
        }
    }
    Ok(Done::Complete)
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Der => "der",
        ExportFormat::Pem => "pem",
        ExportFormat::P7b => "p7b",
    }
}

/// The encodings a file extension stands for, the first being the one to use when `--format` is
/// not given; `None` for an extension that says nothing (DER then, as before). `.cer` and `.crt`
/// are DER by convention but often PEM on Linux and in browsers' exports, so both are accepted.
fn formats_for_extension(output: &Path) -> Option<&'static [ExportFormat]> {
    let ext = output.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pem" => &[ExportFormat::Pem],
        "p7b" | "p7c" => &[ExportFormat::P7b],
        "der" => &[ExportFormat::Der],
        "cer" | "crt" => &[ExportFormat::Der, ExportFormat::Pem],
        _ => return None,
    })
}

/// The encoding to write: `--format` when given (refused when the extension says another), else
/// the extension's, else DER.
fn export_format(asked: Option<ExportFormat>, output: &Path) -> anyhow::Result<ExportFormat> {
    let implied = formats_for_extension(output);
    match (asked, implied) {
        (None, Some(formats)) => Ok(formats[0]),
        (None, None) => Ok(ExportFormat::Der),
        (Some(f), Some(formats)) if !formats.contains(&f) => Err(crate::usage(format!(
            "--format {} does not match the extension of {} (a {} file); change one of them",
            format_name(f),
            output.display(),
            format_name(formats[0]).to_uppercase()
        ))),
        (Some(f), _) => Ok(f),
    }
}

pub fn export(
    ctx: &Context,
    what: &str,
    format: Option<ExportFormat>,
    with_chain: bool,
    ca: &[PathBuf],
    output: &Path,
    force: bool,
) -> anyhow::Result<Done> {
    let format = export_format(format, output)?;
    if with_chain && format == ExportFormat::Der {
        return Err(crate::usage("DER holds one certificate; use --format pem or --format p7b with --chain"));
    }
    let extra = load_files(ca)?;
    let inv = ctx.inventory_with(Cloud::Named(store_part(what)))?;
    let found = locate(&inv, what)?;
    let pool = found.pool(&extra);
    let written = export_certificate(found.certificate(), &pool, format, with_chain, output, force)?;
    if ctx.json {
        ctx.emit_json(&json!({ "written": output, "certificates": written.certificates, "bytes": written.bytes }))?;
    } else {
        eprintln!("Wrote {} ({} certificate(s), {} bytes).", output.display(), written.certificates, written.bytes);
    }
    Ok(Done::Complete)
}

pub fn export_customs(ctx: &Context, what: &str, ca: &[PathBuf], dir: &Path, force: bool) -> anyhow::Result<Done> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let extra = load_files(ca)?;
    let inv = ctx.inventory_with(Cloud::Named(store_part(what)))?;
    let found = locate(&inv, what)?;
    let pool = found.pool(&extra);
    let pair = match pecat_core::export_customs(found.certificate(), &pool, dir, force) {
        Err(pecat_core::Error::NotPersonal { .. }) => {
            bail!("{what} is a CA certificate; name the personal certificate")
        }
        result => result?,
    };
    if ctx.json {
        ctx.emit_json(&serde_json::to_value(&pair)?)?;
    } else {
        eprintln!("Personal certificate:  {}", pair.personal.display());
        eprintln!("Issuing CA certificate: {}", pair.intermediate.display());
    }
    Ok(Done::Complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format_and_refuses_a_contradiction() {
        let f = |asked, out: &str| export_format(asked, Path::new(out)).map_err(|e| e.to_string());
        assert_eq!(f(None, "a.pem").unwrap(), ExportFormat::Pem);
        assert_eq!(f(None, "a.PEM").unwrap(), ExportFormat::Pem);
        assert_eq!(f(None, "a.p7b").unwrap(), ExportFormat::P7b);
        assert_eq!(f(None, "a.p7c").unwrap(), ExportFormat::P7b);
        for der in ["a.der", "a.cer", "a.crt", "a.bin", "noext"] {
            assert_eq!(f(None, der).unwrap(), ExportFormat::Der, "{der}");
        }
        assert_eq!(f(Some(ExportFormat::Pem), "a.crt").unwrap(), ExportFormat::Pem);
        assert_eq!(f(Some(ExportFormat::P7b), "bundle.txt").unwrap(), ExportFormat::P7b);
        let e = f(Some(ExportFormat::Der), "x.pem").unwrap_err();
        assert!(e.contains("--format der does not match the extension of x.pem (a PEM file)"), "{e}");
        assert!(f(Some(ExportFormat::Pem), "x.p7b").is_err());
        assert!(f(Some(ExportFormat::P7b), "x.cer").is_err());
    }
}
