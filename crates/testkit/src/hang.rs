//! The hang module (tools/hang-module): a PKCS#11 module that forwards to SoftHSM2 but stalls in
//! `C_GetTokenInfo` or `C_Sign` for a chosen token, as a stuck driver does. Built by
//! `scripts/build-hang-module`; configured by `PECAT_HANG_*` variables (see its source).

use std::path::{Path, PathBuf};

/// The hang module: `PECAT_TEST_HANG_MODULE`, else where `scripts/build-hang-module` puts it.
pub fn hang_module() -> PathBuf {
    if let Some(p) = std::env::var_os("PECAT_TEST_HANG_MODULE") {
        return PathBuf::from(p);
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/hang-module/libpecat_hang.so");
    assert!(p.exists(), "the hang module is not built: run scripts/build-hang-module (scripts/test does)");
    p
}
