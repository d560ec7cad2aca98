//! Trust anchors for verification: the user's files, the operating system's bundle where one is
//! readable as a file (Debian/Ubuntu, Fedora, macOS), and certificates bundled with Pecat.

use std::path::Path;

use pecat_pki::{Certificate, parse_certificates};

/// System CA bundles, first found wins.
const SYSTEM_BUNDLES: &[&str] =
    &["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"];

/// The operating system's trusted CA certificates, when a bundle file exists.
pub fn system_anchors() -> Vec<Certificate> {
    SYSTEM_BUNDLES
        .iter()
        .map(Path::new)
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read(p).ok().map(|data| (p, data)))
        .and_then(|(p, data)| parse_certificates(&data, &p.display().to_string()).ok())
        .unwrap_or_default()
}
