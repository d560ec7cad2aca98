//! The JSON of CSC API v1.0.4.0 and v2.0 (sections 11.1–11.9 of each): requests Pecat sends and
//! the answers it reads. Answers are read leniently (unknown fields ignored, numbers that some
//! services write as strings accepted); secrets are read straight into [`SecretString`] and
//! written through [`Secret`], never into a plain `String`.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

/// A secret written into a request body.
pub(crate) struct Secret<'a>(pub &'a SecretString);

impl Serialize for Secret<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose_secret())
    }
}

/// The error body of every method (v2 §10.1).
#[derive(Debug, Deserialize)]
pub(crate) struct ErrorBody {
    pub error: String,
    pub error_description: Option<String>,
}

/// `info` output (§11.1).
#[derive(Debug, Deserialize)]
pub(crate) struct InfoResponse {
    pub specs: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "authType", default)]
    pub auth_type: Vec<String>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// The OAuth 2.0 authorization server's base URI.
    #[serde(default)]
    pub oauth2: Option<String>,
}

/// `auth/login` input (§11.2): HTTP Basic carries the password, or the body a refresh token.
#[derive(Serialize)]
pub(crate) struct LoginRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret<'a>>,
    #[serde(rename = "rememberMe")]
    pub remember_me: bool,
}

/// `auth/login` output.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginResponse {
    pub access_token: SecretString,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
}

/// `auth/revoke` input (§11.3, RFC 7009).
#[derive(Serialize)]
pub(crate) struct RevokeRequest<'a> {
    pub token: Secret<'a>,
    pub token_type_hint: &'static str,
}

/// `credentials/list` input (§11.4).
#[derive(Serialize)]
pub(crate) struct ListRequest<'a> {
    #[serde(rename = "pageToken", skip_serializing_if = "Option::is_none")]
    pub page_token: Option<&'a str>,
}

/// `credentials/list` output.
#[derive(Debug, Deserialize)]
pub(crate) struct ListResponse {
    #[serde(rename = "credentialIDs", default)]
    pub credential_ids: Vec<String>,
    #[serde(rename = "nextPageToken", default)]
    pub next_page_token: Option<String>,
}

/// `credentials/info` input (§11.5). `certInfo` is not asked: some services refuse it and the
/// certificates say it all. `authInfo` is always asked: both versions return the PIN and OTP
/// objects only then (§11.5).
#[derive(Serialize)]
pub(crate) struct CredentialInfoRequest<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    pub certificates: &'static str,
    #[serde(rename = "authInfo", skip_serializing_if = "std::ops::Not::not")]
    pub auth_info: bool,
}

/// `credentials/info` output, the fields of both versions.
#[derive(Debug, Deserialize)]
pub(crate) struct CredentialInfo {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub key: KeyInfo,
    #[serde(default)]
    pub cert: CertInfo,
    /// v1: "implicit", "explicit" or "oauth2code".
    #[serde(rename = "authMode", default)]
    pub auth_mode: Option<String>,
    /// v1.
    #[serde(rename = "PIN", default)]
    pub pin: Option<Presence>,
    /// v1.
    #[serde(rename = "OTP", default)]
    pub otp: Option<OtpInfo>,
    /// v2.
    #[serde(default)]
    pub auth: Option<AuthInfo>,
    // `SCAL` is not read: hashes are sent at authorisation under SCAL1 too (the spec allows
    // it), so SCAL2's binding of the SAD to them needs nothing more.
    #[serde(default)]
    pub multisign: Option<Value>,
}

/// `key` of `credentials/info`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct KeyInfo {
    /// "enabled" or "disabled".
    #[serde(default)]
    pub status: Option<String>,
    /// Signature algorithm OIDs.
    #[serde(default)]
    pub algo: Vec<String>,
    #[serde(default)]
    pub len: Option<Value>,
}

/// `cert` of `credentials/info`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CertInfo {
    /// Base64 DER, leaf first.
    #[serde(default)]
    pub certificates: Vec<String>,
}

/// v1 `PIN`: `presence` is "true", "false" or "optional".
#[derive(Debug, Deserialize)]
pub(crate) struct Presence {
    #[serde(default)]
    pub presence: Option<Value>,
}

impl Presence {
    /// Whether the secret must be given.
    pub fn required(&self) -> bool {
        match &self.presence {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }
}

/// v1 `OTP`: presence and "offline" (the holder's device makes it) or "online" (sent).
#[derive(Debug, Deserialize)]
pub(crate) struct OtpInfo {
    #[serde(flatten)]
    pub presence: Presence,
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

/// v2 `auth`: the mode and the objects to send in `authData`.
#[derive(Debug, Deserialize)]
pub(crate) struct AuthInfo {
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub objects: Vec<AuthObject>,
}

/// One v2 `auth/objects` entry: `type` "Password" or "OTP", and the `id` `authData` uses.
#[derive(Debug, Deserialize)]
pub(crate) struct AuthObject {
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
}

/// One v2 `authData` entry (§11.6).
#[derive(Serialize)]
pub(crate) struct AuthDatum<'a> {
    pub id: &'a str,
    pub value: Secret<'a>,
}

/// v1 `credentials/authorize` input (v1.0.4.0 §11.6).
#[derive(Serialize)]
pub(crate) struct AuthorizeV1<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    #[serde(rename = "numSignatures")]
    pub num_signatures: usize,
    pub hash: Vec<String>,
    #[serde(rename = "PIN", skip_serializing_if = "Option::is_none")]
    pub pin: Option<Secret<'a>>,
    #[serde(rename = "OTP", skip_serializing_if = "Option::is_none")]
    pub otp: Option<Secret<'a>>,
}

/// v2 `credentials/authorize` input (v2 §11.6).
#[derive(Serialize)]
pub(crate) struct AuthorizeV2<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    #[serde(rename = "numSignatures")]
    pub num_signatures: usize,
    pub hashes: Vec<String>,
    #[serde(rename = "hashAlgorithmOID")]
    pub hash_algorithm: &'static str,
    #[serde(rename = "authData", skip_serializing_if = "Vec::is_empty")]
    pub auth_data: Vec<AuthDatum<'a>>,
}

/// `credentials/authorize` output: the SAD and its lifetime in seconds (default 3600, §11.6).
#[derive(Debug, Deserialize)]
pub(crate) struct AuthorizeResponse {
    #[serde(rename = "SAD")]
    pub sad: SecretString,
    #[serde(rename = "expiresIn", default)]
    pub expires_in: Option<Value>,
}

/// `credentials/extendTransaction` input (v1.0.4.0 §11.8, v2 §11.8); the answer is an
/// [`AuthorizeResponse`].
#[derive(Serialize)]
pub(crate) struct ExtendTransaction<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    #[serde(rename = "SAD")]
    pub sad: Secret<'a>,
}

/// v1 `credentials/sendOTP` input (v1.0.4.0 §11.7).
#[derive(Serialize)]
pub(crate) struct SendOtp<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
}

/// v1 `signatures/signHash` input (v1.0.4.0 §11.9).
#[derive(Serialize)]
pub(crate) struct SignHashV1<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    #[serde(rename = "SAD")]
    pub sad: Secret<'a>,
    pub hash: Vec<String>,
    #[serde(rename = "hashAlgo")]
    pub hash_algo: &'static str,
    #[serde(rename = "signAlgo")]
    pub sign_algo: &'static str,
}

/// v2 `signatures/signHash` input (v2 §11.9), synchronous.
#[derive(Serialize)]
pub(crate) struct SignHashV2<'a> {
    #[serde(rename = "credentialID")]
    pub credential_id: &'a str,
    #[serde(rename = "SAD")]
    pub sad: Secret<'a>,
    pub hashes: Vec<String>,
    #[serde(rename = "hashAlgorithmOID")]
    pub hash_algorithm: &'static str,
    #[serde(rename = "signAlgo")]
    pub sign_algo: &'static str,
}

/// `signatures/signHash` output: base64 signatures in the order of the hashes.
#[derive(Debug, Deserialize)]
pub(crate) struct SignHashResponse {
    pub signatures: Vec<String>,
}

/// An unsigned number written as a JSON number or a string of digits.
pub(crate) fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_and_v2_credential_info_read_the_same_way() {
        let v1: CredentialInfo = serde_json::from_str(
            r#"{"key":{"status":"enabled","algo":["1.2.840.10045.4.3.2"],"len":256},"cert":{"certificates":["AA=="]},
                "authMode":"explicit","PIN":{"presence":"true"},"OTP":{"presence":"true","type":"online"},
                "multisign":"5"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(v1.pin.as_ref().is_some_and(Presence::required));
        assert_eq!(v1.otp.as_ref().and_then(|o| o.kind.as_deref()), Some("online"));
        assert_eq!(number(v1.multisign.as_ref()), Some(5));
        assert_eq!(number(v1.key.len.as_ref()), Some(256));
        let v2: CredentialInfo = serde_json::from_str(
            r#"{"key":{"status":"disabled"},"cert":{},"auth":{"mode":"explicit","objects":[{"type":"Password","id":"PIN"}]},
                "multisign":2}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v2.auth.map(|a| a.objects.len()), Some(1));
        assert_eq!(number(v2.multisign.as_ref()), Some(2));
    }
}
