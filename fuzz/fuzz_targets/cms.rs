//! Parses the input as a CMS SignedData, as found in a signature's /Contents.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pecat_pades::cms::parse(data);
});
