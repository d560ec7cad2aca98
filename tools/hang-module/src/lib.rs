//! A PKCS#11 module that stands in for a stuck driver: it forwards every function to a real module
//! (SoftHSM2) but, for a chosen token, does not return from `C_GetTokenInfo` or `C_Sign`.
//!
//! Configured by the environment of the process that loads it, read at each call:
//! - `PECAT_HANG_REAL_MODULE`: path of the real module (required);
//! - `PECAT_HANG_IN`: the functions to hang in, comma-separated: `C_GetTokenInfo`, `C_Sign`;
//! - `PECAT_HANG_LABEL`: the label of the token that hangs — one label for every function in
//!   `PECAT_HANG_IN`, or a comma-separated list paired with it by position
//!   (`PECAT_HANG_IN=C_GetTokenInfo,C_Sign PECAT_HANG_LABEL=A,B`: A hangs in the first, B in the
//!   second);
//! - `PECAT_HANG_WHILE` (optional): a file; calls hang only while it exists and return once it is
//!   removed, so a test can arm the hang after listing its tokens and release the stuck threads
//!   at its end. Without it a hang lasts an hour.
//!
//! The module hands out a copy of the real module's `CK_FUNCTION_LIST` (PKCS#11 v2.40 §5.2
//! `C_GetFunctionList`) in which three entries are its own: `C_GetFunctionList`, and the two
//! functions that can hang, which call the real ones. Every other entry is the real module's own
//! function, so it is forwarded without a wrapper. Only `C_GetFunctionList` is exported by name
//! (cryptoki falls back to it when `C_GetInterface` is absent).

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cryptoki_sys::{
    CK_BYTE, CK_FUNCTION_LIST, CK_RV, CK_SESSION_HANDLE, CK_SESSION_INFO, CK_SLOT_ID, CK_TOKEN_INFO, CK_ULONG,
    CKR_ARGUMENTS_BAD, CKR_FUNCTION_NOT_SUPPORTED, CKR_GENERAL_ERROR, CKR_OK,
};

/// How long a hang lasts when no `PECAT_HANG_WHILE` file ends it.
const HANG_AT_MOST: Duration = Duration::from_secs(3600);

/// The real module, kept loaded for the life of the process, and its function list.
struct Real {
    _library: libloading::Library,
    functions: CK_FUNCTION_LIST,
}

/// The real module, loaded on first use; `None` when it cannot be loaded.
fn real() -> Option<&'static CK_FUNCTION_LIST> {
    static REAL: OnceLock<Option<Real>> = OnceLock::new();
    REAL.get_or_init(|| {
        let path = std::env::var_os("PECAT_HANG_REAL_MODULE")?;
        // SAFETY: the path names a PKCS#11 module; loading it runs only its static initialisers,
        // which PKCS#11 modules keep free of side effects until C_Initialize (v2.40 §5.4).
        let library = unsafe { libloading::Library::new(&path) }.ok()?;
        type GetFunctionList = unsafe extern "C" fn(*mut *mut CK_FUNCTION_LIST) -> CK_RV;
        let mut list: *mut CK_FUNCTION_LIST = std::ptr::null_mut();
        // SAFETY: `C_GetFunctionList` has this signature in every PKCS#11 module (v2.40 §5.2); it
        // writes a pointer to the module's static function list into `list`, which we own.
        let rv = unsafe {
            let get: libloading::Symbol<'_, GetFunctionList> = library.get(b"C_GetFunctionList\0").ok()?;
            get(&mut list)
        };
        if rv != CKR_OK || list.is_null() {
            return None;
        }
        // SAFETY: the module returned CKR_OK and a non-null pointer to its function list, which
        // stays valid while the library is loaded (we keep it loaded); we copy it out.
        let functions = unsafe { *list };
        Some(Real { _library: library, functions })
    })
    .as_ref()
    .map(|r| &r.functions)
}

/// Our function list: the real one with the entries that may hang replaced.
fn ours() -> Option<&'static CK_FUNCTION_LIST> {
    static OURS: OnceLock<Option<CK_FUNCTION_LIST>> = OnceLock::new();
    OURS.get_or_init(|| {
        let mut list = *real()?;
        // The real C_GetFunctionList would hand out the real list and bypass this module.
        list.C_GetFunctionList = Some(C_GetFunctionList);
        list.C_GetTokenInfo = Some(get_token_info);
        list.C_Sign = Some(sign);
        Some(list)
    })
    .as_ref()
}

/// PKCS#11 v2.40 §5.2: returns this module's function list.
///
/// # Safety
/// `list` must be null or point to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn C_GetFunctionList(list: *mut *mut CK_FUNCTION_LIST) -> CK_RV {
    if list.is_null() {
        return CKR_ARGUMENTS_BAD;
    }
    let Some(ours) = ours() else { return CKR_GENERAL_ERROR };
    // SAFETY: `list` is non-null and writable (the caller's contract). The list is static and
    // callers only read through it (v2.40 §5.2: "the function list ... must not be modified").
    unsafe { *list = std::ptr::from_ref(ours).cast_mut() };
    CKR_OK
}

/// `C_GetTokenInfo`: the real answer, given only after the hang when the token is the chosen one.
unsafe extern "C" fn get_token_info(slot: CK_SLOT_ID, info: *mut CK_TOKEN_INFO) -> CK_RV {
    let Some(real) = real().and_then(|r| r.C_GetTokenInfo) else { return CKR_FUNCTION_NOT_SUPPORTED };
    // SAFETY: forwarded as received; the caller's pointer contract is the real module's.
    let rv = unsafe { real(slot, info) };
    if rv == CKR_OK && !info.is_null() {
        // SAFETY: the real module filled `*info` (CKR_OK, non-null).
        let label = label_of(unsafe { &*info });
        if should_hang("C_GetTokenInfo", &label) {
            hang();
        }
    }
    rv
}

/// `C_Sign`: hangs first when the session's token is the chosen one, then signs.
unsafe extern "C" fn sign(
    session: CK_SESSION_HANDLE,
    data: *mut CK_BYTE,
    data_len: CK_ULONG,
    signature: *mut CK_BYTE,
    signature_len: *mut CK_ULONG,
) -> CK_RV {
    let Some(real) = real() else { return CKR_GENERAL_ERROR };
    let Some(real_sign) = real.C_Sign else { return CKR_FUNCTION_NOT_SUPPORTED };
    if let Some(label) = session_label(real, session)
        && should_hang("C_Sign", &label)
    {
        hang();
    }
    // SAFETY: forwarded as received; the caller's pointer contract is the real module's.
    unsafe { real_sign(session, data, data_len, signature, signature_len) }
}

/// The label of the token a session is open on (`C_GetSessionInfo`, then `C_GetTokenInfo`).
fn session_label(real: &CK_FUNCTION_LIST, session: CK_SESSION_HANDLE) -> Option<String> {
    let mut session_info = CK_SESSION_INFO::default();
    let mut token_info = CK_TOKEN_INFO::default();
    // SAFETY: both structures are ours and writable; the real functions fill them (v2.40 §5.5,
    // §5.6). The session handle is the caller's, which the real module validates.
    unsafe {
        if (real.C_GetSessionInfo?)(session, &mut session_info) != CKR_OK {
            return None;
        }
        if (real.C_GetTokenInfo?)(session_info.slotID, &mut token_info) != CKR_OK {
            return None;
        }
    }
    Some(label_of(&token_info))
}

/// `CK_TOKEN_INFO.label`: 32 bytes padded with blanks (v2.40 §3.2).
fn label_of(info: &CK_TOKEN_INFO) -> String {
    String::from_utf8_lossy(&info.label).trim_end_matches([' ', '\0']).to_owned()
}

/// Whether `function` on the token labelled `label` hangs now.
fn should_hang(function: &str, label: &str) -> bool {
    if let Some(gate) = std::env::var_os("PECAT_HANG_WHILE")
        && !Path::new(&gate).exists()
    {
        return false;
    }
    let (Ok(functions), Ok(labels)) = (std::env::var("PECAT_HANG_IN"), std::env::var("PECAT_HANG_LABEL")) else {
        return false;
    };
    let labels: Vec<&str> = labels.split(',').map(str::trim).collect();
    functions.split(',').map(str::trim).enumerate().any(|(i, f)| {
        let wanted = if labels.len() == 1 { labels.first() } else { labels.get(i) };
        f == function && wanted == Some(&label)
    })
}

/// Blocks the calling thread as a stuck driver would: until the `PECAT_HANG_WHILE` file is
/// removed, or for an hour.
fn hang() {
    let gate = std::env::var_os("PECAT_HANG_WHILE");
    let start = Instant::now();
    while start.elapsed() < HANG_AT_MOST {
        if gate.as_ref().is_some_and(|g| !Path::new(g).exists()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
