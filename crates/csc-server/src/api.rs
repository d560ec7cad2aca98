//! The HTTP face: routes for both API versions, the spec's error responses
//! (`{"error": …, "error_description": …}`, CSC v2 §10.1), request bodies, bearer tokens and
//! the base64 both versions use for hashes and signatures.

pub mod oauth;
pub mod v1;
pub mod v2;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::algo::{self, AlgorithmProblem};
use crate::config::Credential;
use crate::service::{Fault, Service};

/// An error as the spec shapes it, with its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// `error`.
    pub error: &'static str,
    /// `error_description`.
    pub description: String,
}

impl ApiError {
    fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self { status, error, description: description.into() }
    }

    fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }
}

impl From<Fault> for ApiError {
    fn from(fault: Fault) -> Self {
        use StatusCode as S;
        match fault {
            Fault::InvalidRequest(text) => Self::invalid_request(text),
            Fault::InvalidToken => Self::new(S::UNAUTHORIZED, "invalid_token", "The access token is not valid"),
            Fault::AuthenticationFailed => {
                Self::new(S::UNAUTHORIZED, "authentication_error", "Invalid user name or password")
            }
            Fault::InvalidGrant => Self::new(S::BAD_REQUEST, "invalid_grant", "Invalid or expired refresh token"),
            Fault::UnknownCredential => Self::invalid_request("Invalid parameter credentialID"),
            Fault::InvalidPin { tries_left: 0 } => {
                Self::new(S::BAD_REQUEST, "invalid_pin", "The PIN is invalid; the credential is now locked")
            }
            Fault::InvalidPin { tries_left } => {
                Self::new(S::BAD_REQUEST, "invalid_pin", format!("The PIN is invalid ({tries_left} tries left)"))
            }
            Fault::InvalidOtp { tries_left: 0 } => {
                Self::new(S::BAD_REQUEST, "invalid_otp", "The OTP is invalid; the credential is now locked")
            }
            Fault::InvalidOtp { tries_left } => {
                Self::new(S::BAD_REQUEST, "invalid_otp", format!("The OTP is invalid ({tries_left} tries left)"))
            }
            Fault::Locked => Self::invalid_request("The credential is locked"),
            Fault::InvalidSad => Self::invalid_request("Invalid parameter SAD"),
            Fault::SadExpired => Self::invalid_request("SAD expired"),
            Fault::HashNotAuthorised => Self::invalid_request("Hash not authorized by the SAD"),
            Fault::TooManySignatures => Self::invalid_request("Numbers of signatures is too high"),
            Fault::Algorithm(problem) => Self::invalid_request(match problem {
                AlgorithmProblem::UnknownSignAlgorithm => "Invalid parameter signAlgo",
                AlgorithmProblem::WrongKeyType => "signAlgo does not match the key of the credential",
                AlgorithmProblem::HashAlgorithmMissing => "Missing (or invalid type) string parameter hashAlgo",
                AlgorithmProblem::UnknownHashAlgorithm => "Invalid parameter hashAlgo",
                AlgorithmProblem::HashAlgorithmMismatch => "hashAlgo does not match signAlgo",
            }),
            Fault::Internal(reason) => {
                log::error!("internal error: {reason}");
                Self::new(S::INTERNAL_SERVER_ERROR, "server_error", "Internal error")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = axum::Json(json!({ "error": self.error, "error_description": self.description }));
        if self.status == StatusCode::UNAUTHORIZED {
            let challenge = if self.error == "invalid_token" {
                "Bearer error=\"invalid_token\""
            } else {
                "Basic realm=\"pecat-csc\""
            };
            (self.status, [(header::WWW_AUTHENTICATE, challenge)], body).into_response()
        } else {
            (self.status, body).into_response()
        }
    }
}

/// The `error_description` of a body that does not read. serde's own text may quote the value
/// (``invalid type: integer `1234` `` for a PIN), so only texts that name nothing but a field are
/// kept; the rest get a fixed text. The body is never echoed.
fn rejection_text(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => "Invalid request: the body is not JSON".into(),
        Category::Data => {
            let text = error.to_string();
            let text = text.split(" at line ").next().unwrap_or(&text);
            // "missing field `PIN`", "unknown field `x`, expected one of …", "duplicate field `x`":
            // field names only, from the request's structure.
            let names_a_field =
                ["missing field `", "unknown field `", "duplicate field `"].iter().any(|start| text.starts_with(start));
            if names_a_field {
                format!("Invalid request: {text}")
            } else {
                "Invalid request: a parameter has the wrong type or value".into()
            }
        }
    }
}

/// A JSON request body; an empty body reads as `{}` (clients send none for `info`). Bodies over
/// the limit are refused with 413 in the spec's error shape.
#[derive(Debug)]
pub struct CscJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for CscJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::new(rejection.status(), "invalid_request", rejection.body_text()))?;
        let body: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &bytes };
        serde_json::from_slice(body).map(CscJson).map_err(|e| ApiError::invalid_request(rejection_text(&e)))
    }
}

/// The caller of a method that needs `Authorization: Bearer …`.
pub struct Bearer {
    /// Who the token belongs to.
    pub user: String,
    /// The token itself (for `auth/revoke` of the caller's own token).
    pub token: Zeroizing<String>,
}

impl std::fmt::Debug for Bearer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bearer").field("user", &self.user).finish_non_exhaustive()
    }
}

impl FromRequestParts<Arc<Service>> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, service: &Arc<Service>) -> Result<Self, ApiError> {
        let token = authorization(&parts.headers, "Bearer").ok_or(Fault::InvalidToken)?;
        let user = service.user_for(&token)?;
        Ok(Self { user, token })
    }
}

/// The credentials of an `Authorization` header of `scheme`.
fn authorization(headers: &HeaderMap, scheme: &str) -> Option<Zeroizing<String>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (given, rest) = value.split_once(' ')?;
    given.eq_ignore_ascii_case(scheme).then(|| Zeroizing::new(rest.trim().to_owned()))
}

/// HTTP Basic user and password (RFC 7617).
pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, SecretString)> {
    let encoded = authorization(headers, "Basic")?;
    let decoded = Zeroizing::new(Base64::decode_vec(&encoded).ok()?);
    let text = std::str::from_utf8(&decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), SecretString::from(password)))
}

/// Decodes a hash: standard base64 as v1.0.4.0 says, base64url as some v2 clients send,
/// padded or not.
pub(crate) fn decode_b64(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text)
        .or_else(|_| Base64Unpadded::decode_vec(text))
        .or_else(|_| Base64Url::decode_vec(text))
        .or_else(|_| Base64UrlUnpadded::decode_vec(text))
        .ok()
}

/// Encodes certificates and signatures: standard base64 with padding.
pub(crate) fn encode_b64(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes a list of base64 hashes, naming the parameter in the error.
pub(crate) fn decode_hashes(list: &[String], parameter: &str) -> Result<Vec<Vec<u8>>, ApiError> {
    list.iter()
        .map(|h| {
            decode_b64(h)
                .ok_or_else(|| ApiError::invalid_request(format!("Invalid Base64 {parameter} string parameter")))
        })
        .collect()
}

/// `certificates` of `credentials/info`: which certificates to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CertificateChoice {
    None,
    Single,
    Chain,
}

impl CertificateChoice {
    pub(crate) fn parse(value: Option<&str>) -> Result<Self, ApiError> {
        match value.unwrap_or("single") {
            "none" => Ok(Self::None),
            "single" => Ok(Self::Single),
            "chain" => Ok(Self::Chain),
            _ => Err(ApiError::invalid_request("Invalid parameter certificates")),
        }
    }
}

/// `key` of `credentials/info` (v2 §11.5, v1 §11.5).
pub(crate) fn key_json(service: &Service, credential: &Credential) -> Value {
    let kind = credential.key.kind();
    let mut key = json!({
        "status": if service.is_locked(&credential.id) { "disabled" } else { "enabled" },
        "algo": algo::advertised(kind),
        "len": credential.key.bits(),
    });
    if kind == crate::key::KeyKind::EcP256 {
        key["curve"] = json!(algo::CURVE_P256);
    }
    key
}

/// `cert` of `credentials/info`.
pub(crate) fn cert_json(service: &Service, credential: &Credential, choice: CertificateChoice, info: bool) -> Value {
    let mut cert = json!({ "status": service.certificate_status(credential) });
    let certificates: Vec<String> = match choice {
        CertificateChoice::None => Vec::new(),
        CertificateChoice::Single => credential.chain.iter().take(1).map(|c| encode_b64(c.der())).collect(),
        CertificateChoice::Chain => credential.chain.iter().map(|c| encode_b64(c.der())).collect(),
    };
    if choice != CertificateChoice::None {
        cert["certificates"] = json!(certificates);
    }
    if let (true, Some(leaf)) = (info, credential.chain.first()) {
        let summary = leaf.summary();
        cert["issuerDN"] = json!(summary.issuer);
        cert["serialNumber"] = json!(summary.serial);
        cert["subjectDN"] = json!(summary.subject);
        cert["validFrom"] = json!(generalized_time(&summary.not_before_iso));
        cert["validTo"] = json!(generalized_time(&summary.not_after_iso));
    }
    cert
}

/// `YYYY-MM-DDThh:mm:ssZ` as the GeneralizedTime string the spec uses (`YYYYMMDDhhmmssZ`).
fn generalized_time(iso: &str) -> String {
    iso.chars().filter(|c| !matches!(c, '-' | 'T' | ':')).collect()
}

/// The routes of both versions, with the body limit.
pub fn router(service: Arc<Service>) -> Router {
    let limit = service.config.limits.max_body_bytes;
    let oauth = if service.config.oauth2 { oauth::routes() } else { Router::new() };
    Router::new()
        .nest("/csc/v1", v1::routes())
        .nest("/csc/v2", v2::routes())
        .merge(oauth)
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "invalid_request", "Unknown method") })
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&service), count_request))
        .with_state(service)
}

/// Counts every request by path before it is served ([`crate::RunningServer::requests`]).
async fn count_request(
    axum::extract::State(service): axum::extract::State<Arc<Service>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    service.count_request(request.uri().path());
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_decode_from_either_alphabet() {
        let bytes: Vec<u8> = (0..32u8).map(|b| b.wrapping_mul(37)).collect();
        for encoded in [
            Base64::encode_string(&bytes),
            Base64Unpadded::encode_string(&bytes),
            Base64Url::encode_string(&bytes),
            Base64UrlUnpadded::encode_string(&bytes),
        ] {
            assert_eq!(decode_b64(&encoded).as_deref(), Some(bytes.as_slice()), "{encoded}");
        }
        assert_eq!(decode_b64("not base64!"), None);
        assert_eq!(generalized_time("2025-01-02T03:04:05Z"), "20250102030405Z");
    }
}

/// `auth/login` body (v2 §11.2; v1.0.4.0 §11.2 has the same fields).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct LoginRequest {
    refresh_token: Option<SecretString>,
    #[serde(rename = "rememberMe", default)]
    remember_me: bool,
}

/// `auth/login`: HTTP Basic, or a refresh token in the body.
pub(crate) async fn login(
    axum::extract::State(service): axum::extract::State<Arc<Service>>,
    headers: HeaderMap,
    CscJson(request): CscJson<LoginRequest>,
) -> Result<axum::Json<Value>, ApiError> {
    use secrecy::ExposeSecret;
    let tokens = match (&request.refresh_token, basic_credentials(&headers)) {
        (Some(refresh), _) => service.refresh(refresh)?,
        (None, Some((user, password))) => service.login(&user, password, request.remember_me).await?,
        (None, None) => return Err(Fault::AuthenticationFailed.into()),
    };
    let mut body = json!({
        "access_token": tokens.access_token.expose_secret(),
        "expires_in": tokens.expires_in,
    });
    if let Some(refresh) = &tokens.refresh_token {
        body["refresh_token"] = json!(refresh.expose_secret());
    }
    Ok(axum::Json(body))
}

/// `auth/revoke` body (v2 §11.3).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct RevokeRequest {
    token: Option<SecretString>,
    token_type_hint: Option<String>,
}

/// `auth/revoke`: 204 No Content.
pub(crate) async fn revoke(
    axum::extract::State(service): axum::extract::State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<RevokeRequest>,
) -> Result<StatusCode, ApiError> {
    use secrecy::ExposeSecret;
    service.revoke(
        &caller.user,
        &caller.token,
        request.token.as_ref().map(|t| t.expose_secret()),
        request.token_type_hint.as_deref(),
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// `credentials/extendTransaction` body (the same in v1.0.4.0 §11.8 and v2 §11.8).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct ExtendRequest {
    #[serde(rename = "credentialID")]
    credential_id: String,
    #[serde(rename = "SAD")]
    sad: SecretString,
}

/// `credentials/extendTransaction`: a fresh SAD for an unexpired one.
pub(crate) async fn extend_transaction(
    axum::extract::State(service): axum::extract::State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<ExtendRequest>,
) -> Result<axum::Json<Value>, ApiError> {
    let grant = service.extend(&caller.user, &request.credential_id, &request.sad)?;
    Ok(axum::Json(sad_json(&grant)))
}

/// `signatures/signHash` once a version's request is read: the signatures as base64, in order.
pub(crate) async fn signatures_json(
    service: &Service,
    user: &str,
    request: crate::service::SignRequest,
) -> Result<axum::Json<Value>, ApiError> {
    let signatures = service.sign(user, request).await?;
    let encoded: Vec<String> = signatures.iter().map(|s| encode_b64(s)).collect();
    Ok(axum::Json(json!({ "signatures": encoded })))
}

/// The answer of `authorize` and `extendTransaction`: the SAD and its lifetime in seconds.
pub(crate) fn sad_json(grant: &crate::service::SadGrant) -> Value {
    use secrecy::ExposeSecret;
    json!({ "SAD": grant.sad.expose_secret(), "expiresIn": grant.expires_in })
}

/// `info` body.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct InfoRequest {
    #[allow(dead_code)]
    lang: Option<String>,
}

/// `info` for `specs` with `methods`; with OAuth 2.0 on, `authType` adds "oauth2code" and
/// `oauth2` is the service's root as the client reached it (the `Host` it asked for).
pub(crate) fn info_json(service: &Service, headers: &HeaderMap, specs: &str, methods: &[&str]) -> Value {
    let s = &service.config.service;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).filter(|h| {
        !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    });
    if let (true, Some(host)) = (service.config.oauth2, host) {
        let scheme = if service.config.tls.is_some() { "https" } else { "http" };
        let mut methods = methods.to_vec();
        methods.extend(["oauth2/authorize", "oauth2/token"]);
        return json!({
            "specs": specs,
            "name": s.name,
            "logo": s.logo,
            "region": s.region,
            "lang": s.lang,
            "description": s.description,
            "authType": ["basic", "oauth2code"],
            "oauth2": format!("{scheme}://{host}"),
            "methods": methods,
        });
    }
    json!({
        "specs": specs,
        "name": s.name,
        "logo": s.logo,
        "region": s.region,
        "lang": s.lang,
        "description": s.description,
        "authType": ["basic"],
        "methods": methods,
    })
}

/// Pages through `ids` (`maxResults`, `pageToken`: the offset as text).
pub(crate) fn page<T>(
    items: Vec<T>,
    max_results: Option<u32>,
    page_token: Option<&str>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let start = match page_token {
        Some(token) => token.parse::<usize>().map_err(|_| ApiError::invalid_request("Invalid parameter pageToken"))?,
        None => 0,
    };
    let max = match max_results {
        Some(0) => return Err(ApiError::invalid_request("Invalid parameter maxResults")),
        Some(n) => n as usize,
        None => usize::MAX,
    };
    let total = items.len();
    let taken: Vec<T> = items.into_iter().skip(start).take(max).collect();
    let next = (start.saturating_add(taken.len()) < total).then(|| (start + taken.len()).to_string());
    Ok((taken, next))
}

/// Rejects a `userID` other than the caller's (the token already names the user).
pub(crate) fn check_user_id(user_id: Option<&str>, caller: &Bearer) -> Result<(), ApiError> {
    match user_id {
        Some(id) if id != caller.user => Err(ApiError::invalid_request("Invalid parameter userID")),
        _ => Ok(()),
    }
}
