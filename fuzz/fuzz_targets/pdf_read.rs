//! Opens the input as a PDF and reads everything the reader can reach: every object listed in
//! every cross-reference section (each version, and the newest through the cache), every
//! stream decoded, the catalog and the page tree. Any panic, abort or hang is a bug.
#![no_main]

use std::io::Write as _;

use libfuzzer_sys::fuzz_target;
use pecat_pades::pdf::{ObjRef, Object, PdfFile};

fuzz_target!(|data: &[u8]| {
    let Ok(mut file) = tempfile::NamedTempFile::new() else { return };
    if file.write_all(data).is_err() {
        return;
    }
    let Ok(pdf) = PdfFile::open(file.path()) else { return };
    let _ = pdf.catalog();
    let _ = pdf.page_count();
    let _ = pdf.page(1);
    let _ = pdf.size();
    for section in pdf.sections() {
        for (num, entry) in &section.objects {
            if let Ok(Object::Stream(dict, data)) = pdf.get_version(*num, *entry) {
                let _ = pdf.stream_decoded(&dict, data);
            }
            if let Ok(Object::Stream(dict, data)) = pdf.get(ObjRef { num: *num, generation: 0 }) {
                let _ = pdf.stream_decoded(&dict, data);
            }
        }
    }
});
