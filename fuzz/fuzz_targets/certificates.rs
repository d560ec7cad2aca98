//! Parses the input as certificate data: DER, PEM, bare base64, PKCS#7 bundles.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(certs) = pecat_pki::parse_certificates(data, "fuzz input") {
        for c in certs {
            let _ = c.summary();
        }
    }
});
