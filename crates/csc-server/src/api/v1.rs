//! CSC API v1.0.4.0 (`/csc/v1/…`): `PIN` and `OTP` fields, `hash` lists, `hashAlgo`,
//! `credentials/sendOTP`, and the `authMode`/`PIN`/`OTP` description of credentials.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{any, post};
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, Bearer, CertificateChoice, CscJson, InfoRequest};
use crate::config::{Credential, OtpMethod, Scal};
use crate::service::{AuthorizeRequest, Service, SignRequest};

/// `specs` of `info`.
pub const SPECS: &str = "1.0.4.0";

const METHODS: [&str; 9] = [
    "auth/login",
    "auth/revoke",
    "credentials/list",
    "credentials/info",
    "credentials/authorize",
    "credentials/extendTransaction",
    "credentials/sendOTP",
    "signatures/signHash",
    "info",
];

pub(crate) fn routes() -> Router<Arc<Service>> {
    Router::new()
        .route("/info", any(info))
        .route("/auth/login", post(super::login))
        .route("/auth/revoke", post(super::revoke))
        .route("/credentials/list", post(list))
        .route("/credentials/info", post(credential_info))
        .route("/credentials/authorize", post(authorize))
        .route("/credentials/extendTransaction", post(super::extend_transaction))
        .route("/credentials/sendOTP", post(send_otp))
        .route("/signatures/signHash", post(sign_hash))
}

async fn info(
    State(service): State<Arc<Service>>,
    headers: axum::http::HeaderMap,
    CscJson(_): CscJson<InfoRequest>,
) -> axum::Json<Value> {
    axum::Json(super::info_json(&service, &headers, SPECS, &METHODS))
}

#[derive(Debug, Default, Deserialize)]
struct ListRequest {
    #[serde(rename = "userID")]
    user_id: Option<String>,
    #[serde(rename = "maxResults")]
    max_results: Option<u32>,
    #[serde(rename = "pageToken")]
    page_token: Option<String>,
}

async fn list(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<ListRequest>,
) -> Result<axum::Json<Value>, ApiError> {
    super::check_user_id(request.user_id.as_deref(), &caller)?;
    let ids: Vec<&str> = service.credentials_of(&caller.user).map(|c| c.id.as_str()).collect();
    let (ids, next) = super::page(ids, request.max_results, request.page_token.as_deref())?;
    let mut body = json!({ "credentialIDs": ids });
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    Ok(axum::Json(body))
}

#[derive(Debug, Deserialize)]
struct InfoOfCredential {
    #[serde(rename = "credentialID")]
    credential_id: String,
    certificates: Option<String>,
    #[serde(rename = "certInfo", default)]
    cert_info: bool,
    #[serde(rename = "authInfo", default)]
    auth_info: bool,
}

async fn credential_info(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<InfoOfCredential>,
) -> Result<axum::Json<Value>, ApiError> {
    let credential = service.credential(&caller.user, &request.credential_id)?;
    let choice = CertificateChoice::parse(request.certificates.as_deref())?;
    Ok(axum::Json(describe(&service, credential, choice, request.cert_info, request.auth_info)))
}

/// The v1.0.4.0 `credentials/info` output (§11.5); `PIN` and `OTP` only when `authInfo` was
/// true, as the spec says.
fn describe(
    service: &Service,
    credential: &Credential,
    choice: CertificateChoice,
    cert_info: bool,
    auth_info: bool,
) -> Value {
    let otp = match &credential.otp {
        None => json!({ "presence": "false" }),
        // "offline": the holder's device makes the code, no sendOTP; "online": sendOTP sends it.
        Some(OtpMethod::Totp(_)) => json!({
            "presence": "true", "type": "offline", "format": "N", "label": "OTP",
            "description": "The code shown by the authenticator app", "ID": "totp",
            "provider": service.config.service.name,
        }),
        Some(OtpMethod::Sent) => json!({
            "presence": "true", "type": "online", "format": "N", "label": "OTP",
            "description": "The code sent on request", "ID": "sent",
            "provider": service.config.service.name,
        }),
    };
    let pin = if credential.pin.is_some() {
        json!({ "presence": "true", "format": "A", "label": "PIN", "description": "The PIN of the credential" })
    } else {
        json!({ "presence": "false" })
    };
    let mut out = json!({
        "description": credential.description,
        "key": super::key_json(service, credential),
        "cert": super::cert_json(service, credential, choice, cert_info),
        "authMode": "explicit",
        "SCAL": match credential.scal { Scal::One => "1", Scal::Two => "2" },
        "multisign": credential.multisign,
        "lang": credential.lang,
    });
    if let (true, Some(fields)) = (auth_info, out.as_object_mut()) {
        fields.insert("PIN".into(), pin);
        fields.insert("OTP".into(), otp);
    }
    out
}

#[derive(Debug, Deserialize)]
struct Authorize {
    #[serde(rename = "credentialID")]
    credential_id: String,
    #[serde(rename = "numSignatures")]
    num_signatures: u32,
    hash: Option<Vec<String>>,
    #[serde(rename = "PIN")]
    pin: Option<SecretString>,
    #[serde(rename = "OTP")]
    otp: Option<SecretString>,
}

async fn authorize(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<Authorize>,
) -> Result<axum::Json<Value>, ApiError> {
    let hashes = request.hash.as_deref().map(|h| super::decode_hashes(h, "hash")).transpose()?;
    let grant = service
        .authorize(
            &caller.user,
            AuthorizeRequest {
                credential_id: request.credential_id,
                num_signatures: request.num_signatures,
                hashes,
                hash_algorithm: None,
                pin: request.pin,
                otp: request.otp,
            },
        )
        .await?;
    Ok(axum::Json(super::sad_json(&grant)))
}

#[derive(Debug, Deserialize)]
struct SendOtp {
    #[serde(rename = "credentialID")]
    credential_id: String,
}

async fn send_otp(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<SendOtp>,
) -> Result<StatusCode, ApiError> {
    service.send_otp(&caller.user, &request.credential_id)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
struct SignHash {
    #[serde(rename = "credentialID")]
    credential_id: String,
    #[serde(rename = "SAD")]
    sad: SecretString,
    hash: Vec<String>,
    #[serde(rename = "hashAlgo")]
    hash_algo: Option<String>,
    #[serde(rename = "signAlgo")]
    sign_algo: String,
}

async fn sign_hash(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<SignHash>,
) -> Result<axum::Json<Value>, ApiError> {
    let hashes = super::decode_hashes(&request.hash, "hash")?;
    let request = SignRequest {
        credential_id: request.credential_id,
        sad: request.sad,
        hashes,
        sign_algo: request.sign_algo,
        hash_algo: request.hash_algo,
    };
    super::signatures_json(&service, &caller.user, request).await
}
