//! Verifies the input as a PDF file with default options, as `pecat-cli pdf verify` does.
#![no_main]

use std::io::Write as _;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut file) = tempfile::NamedTempFile::new() else { return };
    if file.write_all(data).is_err() {
        return;
    }
    let _ = pecat_pades::verify(file.path(), &pecat_pades::VerifyOptions::default());
});
