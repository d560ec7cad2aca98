//! `CK_TOKEN_INFO` (PKCS#11 v2.40 §3.2) to [`TokenInfo`], with a raw fallback for modules whose
//! structure cryptoki refuses.

use crate::token::{PinLength, TokenFlags};

/// The fields Pecat reads, whichever way they were obtained.
#[derive(Debug, Clone)]
pub(crate) struct RawInfo {
    pub label: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub firmware: String,
    pub hardware: String,
    pub flags: TokenFlags,
    pub pin_length: PinLength,
}

impl From<&cryptoki::slot::TokenInfo> for RawInfo {
    fn from(t: &cryptoki::slot::TokenInfo) -> Self {
        Self {
            label: t.label().trim_end().to_owned(),
            manufacturer: t.manufacturer_id().trim_end().to_owned(),
            model: t.model().trim_end().to_owned(),
            serial: t.serial_number().trim_end().to_owned(),
            firmware: t.firmware_version().to_string(),
            hardware: t.hardware_version().to_string(),
            flags: TokenFlags {
                token_initialized: t.token_initialized(),
                login_required: t.login_required(),
                write_protected: t.write_protected(),
                protected_authentication_path: t.protected_authentication_path(),
                user_pin_initialized: t.user_pin_initialized(),
                user_pin_count_low: t.user_pin_count_low(),
                user_pin_final_try: t.user_pin_final_try(),
                user_pin_locked: t.user_pin_locked(),
                user_pin_to_be_changed: t.user_pin_to_be_changed(),
                so_pin_count_low: t.so_pin_count_low(),
                so_pin_final_try: t.so_pin_final_try(),
                so_pin_locked: t.so_pin_locked(),
                so_pin_to_be_changed: t.so_pin_to_be_changed(),
            },
            pin_length: pin_length(t.min_pin_length(), t.max_pin_length()),
        }
    }
}

/// The PIN length range; a maximum the token does not really give reads as unknown.
fn pin_length(min: usize, max: usize) -> PinLength {
    // Quirk(kryoptic): reports ulMaxPinLen = 0; a maximum below the minimum means "not said".
    let unknown = max == 0 || max < min || max == usize::MAX;
    PinLength { min, max: (!unknown).then_some(max) }
}

fn padded(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end_matches([' ', '\0']).to_owned()
}

/// Reads the fields from a raw `CK_TOKEN_INFO`, ignoring `utcTime`.
pub(crate) fn from_raw(t: &cryptoki_sys::CK_TOKEN_INFO) -> RawInfo {
    use cryptoki_sys::*;
    let f = t.flags;
    let on = |bit: CK_FLAGS| f & bit != 0;
    RawInfo {
        label: padded(&t.label),
        manufacturer: padded(&t.manufacturerID),
        model: padded(&t.model),
        serial: padded(&t.serialNumber),
        firmware: format!("{}.{}", t.firmwareVersion.major, t.firmwareVersion.minor),
        hardware: format!("{}.{}", t.hardwareVersion.major, t.hardwareVersion.minor),
        flags: TokenFlags {
            token_initialized: on(CKF_TOKEN_INITIALIZED),
            login_required: on(CKF_LOGIN_REQUIRED),
            write_protected: on(CKF_WRITE_PROTECTED),
            protected_authentication_path: on(CKF_PROTECTED_AUTHENTICATION_PATH),
            user_pin_initialized: on(CKF_USER_PIN_INITIALIZED),
            user_pin_count_low: on(CKF_USER_PIN_COUNT_LOW),
            user_pin_final_try: on(CKF_USER_PIN_FINAL_TRY),
            user_pin_locked: on(CKF_USER_PIN_LOCKED),
            user_pin_to_be_changed: on(CKF_USER_PIN_TO_BE_CHANGED),
            so_pin_count_low: on(CKF_SO_PIN_COUNT_LOW),
            so_pin_final_try: on(CKF_SO_PIN_FINAL_TRY),
            so_pin_locked: on(CKF_SO_PIN_LOCKED),
            so_pin_to_be_changed: on(CKF_SO_PIN_TO_BE_CHANGED),
        },
        pin_length: pin_length(
            usize::try_from(t.ulMinPinLen).unwrap_or(0),
            usize::try_from(t.ulMaxPinLen).unwrap_or(0),
        ),
    }
}

/// Reads token information, working around modules cryptoki cannot read.
pub(crate) fn read(cx: &mut super::worker::SlotContext) -> cryptoki::error::Result<RawInfo> {
    match cx.ctx.get_token_info(cx.slot) {
        Ok(info) => Ok(RawInfo::from(&info)),
        // Quirk(several vendors): modules that set CKF_CLOCK_ON_TOKEN but fill `utcTime` with
        // spaces or NULs make cryptoki's conversion fail (ParseInt/Utf8). The call itself
        // succeeded, so read the structure raw and ignore the clock.
        Err(e @ cryptoki::error::Error::Pkcs11(..)) => Err(e),
        Err(e) => {
            let slot = cx.slot.id();
            cx.raw().and_then(|lib| raw_call(lib, slot)).ok_or(e)
        }
    }
}

fn raw_call(lib: &cryptoki_sys::Pkcs11, slot: u64) -> Option<RawInfo> {
    if lib.C_GetTokenInfo.is_err() {
        return None;
    }
    // SAFETY: C_GetTokenInfo writes into the zeroed CK_TOKEN_INFO we own, whose layout
    // cryptoki-sys takes from the PKCS#11 headers; the function pointer was checked above.
    unsafe {
        let mut info: cryptoki_sys::CK_TOKEN_INFO = std::mem::zeroed();
        let rv = lib.C_GetTokenInfo(slot as cryptoki_sys::CK_SLOT_ID, &mut info);
        (rv == cryptoki_sys::CKR_OK).then(|| from_raw(&info))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_info_with_a_garbage_clock_reads() {
        // SAFETY: CK_TOKEN_INFO is plain data; all-zero is a valid value.
        let mut t: cryptoki_sys::CK_TOKEN_INFO = unsafe { std::mem::zeroed() };
        t.label = *b"Semnatura                       ";
        t.serialNumber = *b"0A1B2C3D\0\0\0\0\0\0\0\0";
        t.utcTime = *b"                ";
        t.flags = cryptoki_sys::CKF_CLOCK_ON_TOKEN
            | cryptoki_sys::CKF_USER_PIN_FINAL_TRY
            | cryptoki_sys::CKF_USER_PIN_INITIALIZED;
        t.ulMinPinLen = 4;
        t.ulMaxPinLen = 16;
        let r = from_raw(&t);
        assert_eq!((r.label.as_str(), r.serial.as_str()), ("Semnatura", "0A1B2C3D"));
        assert!(r.flags.user_pin_final_try && !r.flags.user_pin_locked);
        assert_eq!(r.pin_length, PinLength { min: 4, max: Some(16) });
    }
}
