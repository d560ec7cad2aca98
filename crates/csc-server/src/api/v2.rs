//! CSC API v2.0.0.0 (`/csc/v2/…`): `authData` objects, `hashes`, `hashAlgorithmOID`,
//! `credentials/extendTransaction`, `auth` description of credentials (§11.4–11.9).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::routing::{any, post};
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, Bearer, CertificateChoice, CscJson, InfoRequest};
use crate::config::{Credential, OtpMethod};
use crate::service::{AuthorizeRequest, Fault, Service, SignRequest};

/// `specs` of `info`.
pub const SPECS: &str = "2.0.0.0";

const METHODS: [&str; 8] = [
    "auth/login",
    "auth/revoke",
    "credentials/list",
    "credentials/info",
    "credentials/authorize",
    "credentials/extendTransaction",
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
    #[serde(rename = "credentialInfo", default)]
    credential_info: bool,
    certificates: Option<String>,
    #[serde(rename = "certInfo", default)]
    cert_info: bool,
    #[serde(rename = "authInfo", default)]
    auth_info: bool,
    #[serde(rename = "onlyValid", default)]
    only_valid: bool,
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
    let choice = CertificateChoice::parse(request.certificates.as_deref())?;
    let credentials: Vec<&Credential> = service
        .credentials_of(&caller.user)
        .filter(|c| !request.only_valid || (service.certificate_status(c) == "valid" && !service.is_locked(&c.id)))
        .collect();
    let (credentials, next) = super::page(credentials, request.max_results, request.page_token.as_deref())?;
    let mut body = json!({ "credentialIDs": credentials.iter().map(|c| &c.id).collect::<Vec<_>>() });
    if request.credential_info {
        body["credentialInfos"] = credentials
            .iter()
            .map(|c| {
                let mut info = describe(&service, c, choice, request.cert_info, request.auth_info);
                info["credentialID"] = json!(c.id);
                info
            })
            .collect();
    }
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    if request.only_valid {
        body["onlyValid"] = json!(true);
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

/// The v2 `credentialInfo` object (§11.5 output).
fn describe(
    service: &Service,
    credential: &Credential,
    choice: CertificateChoice,
    cert_info: bool,
    auth_info: bool,
) -> Value {
    let mut auth = json!({ "mode": "explicit" });
    if auth_info {
        let mut objects = Vec::new();
        let mut terms = Vec::new();
        if credential.pin.is_some() {
            terms.push("PIN");
            objects.push(json!({
                "type": "Password", "id": "PIN", "format": "A", "label": "PIN",
                "description": "The PIN of the credential",
            }));
        }
        if let Some(method) = &credential.otp {
            terms.push("OTP");
            let description = match method {
                OtpMethod::Totp(_) => "The code shown by the authenticator app",
                OtpMethod::Sent => "The code sent on request (credentials/sendOTP, API v1)",
            };
            objects.push(json!({
                "type": "OTP", "id": "OTP", "format": "N", "label": "OTP", "description": description,
            }));
        }
        auth["expression"] = json!(terms.join(" AND "));
        auth["objects"] = json!(objects);
    }
    json!({
        "description": credential.description,
        "key": super::key_json(service, credential),
        "cert": super::cert_json(service, credential, choice, cert_info),
        "auth": auth,
        "SCAL": match credential.scal { crate::config::Scal::One => "1", crate::config::Scal::Two => "2" },
        "multisign": credential.multisign,
        "lang": credential.lang,
    })
}

#[derive(Debug, Deserialize)]
struct AuthDatum {
    id: String,
    value: SecretString,
}

#[derive(Debug, Deserialize)]
struct Authorize {
    #[serde(rename = "credentialID")]
    credential_id: String,
    #[serde(rename = "numSignatures")]
    num_signatures: u32,
    hashes: Option<Vec<String>>,
    #[serde(rename = "hashAlgorithmOID")]
    hash_algorithm: Option<String>,
    #[serde(rename = "authData", default)]
    auth_data: Vec<AuthDatum>,
}

async fn authorize(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<Authorize>,
) -> Result<axum::Json<Value>, ApiError> {
    let hashes = request.hashes.as_deref().map(|h| super::decode_hashes(h, "hashes")).transpose()?;
    let mut pin = None;
    let mut otp = None;
    for datum in request.auth_data {
        match datum.id.as_str() {
            "PIN" => pin = Some(datum.value),
            "OTP" => otp = Some(datum.value),
            _ => return Err(Fault::InvalidRequest("Invalid parameter authData".into()).into()),
        }
    }
    let grant = service
        .authorize(
            &caller.user,
            AuthorizeRequest {
                credential_id: request.credential_id,
                num_signatures: request.num_signatures,
                hashes,
                hash_algorithm: request.hash_algorithm,
                pin,
                otp,
            },
        )
        .await?;
    Ok(axum::Json(super::sad_json(&grant)))
}

#[derive(Debug, Deserialize)]
struct SignHash {
    #[serde(rename = "credentialID")]
    credential_id: String,
    #[serde(rename = "SAD")]
    sad: SecretString,
    hashes: Vec<String>,
    #[serde(rename = "hashAlgorithmOID", alias = "hashAlgo")]
    hash_algorithm: Option<String>,
    #[serde(rename = "signAlgo")]
    sign_algo: String,
    #[serde(rename = "operationMode")]
    operation_mode: Option<String>,
}

async fn sign_hash(
    State(service): State<Arc<Service>>,
    caller: Bearer,
    CscJson(request): CscJson<SignHash>,
) -> Result<axum::Json<Value>, ApiError> {
    if request.operation_mode.as_deref().is_some_and(|m| m != "S") {
        return Err(Fault::InvalidRequest("Only synchronous operationMode \"S\" is supported".into()).into());
    }
    let hashes = super::decode_hashes(&request.hashes, "hashes")?;
    let request = SignRequest {
        credential_id: request.credential_id,
        sad: request.sad,
        hashes,
        sign_algo: request.sign_algo,
        hash_algo: request.hash_algorithm,
    };
    super::signatures_json(&service, &caller.user, request).await
}
