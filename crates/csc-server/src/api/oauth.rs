//! The OAuth 2.0 authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636 S256) for native
//! clients with a loopback redirect (RFC 8252 §7.3), as CSC v2 §8.3.2 and v1.0.4.0 §8.3.2
//! describe: `oauth2/authorize` shows a login form and redirects the browser with a single-use,
//! short-lived code; `oauth2/token` exchanges it (with the verifier) for the same tokens
//! `auth/login` gives, and takes a refresh token too.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use base64ct::{Base64UrlUnpadded, Encoding};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ApiError;
use crate::service::{Fault, Service, Tokens};
use crate::totp::constant_time_eq;

/// The only scope served: the service's methods (CSC §8.3.2 also names "credential").
const SCOPE: &str = "service";

/// Codes not yet exchanged, kept by the SHA-256 of their value.
#[derive(Default)]
pub(crate) struct Codes(Mutex<HashMap<[u8; 32], Pending>>);

/// What a code was issued for.
struct Pending {
    user: String,
    client_id: String,
    redirect_uri: String,
    /// `code_challenge` (S256).
    challenge: String,
    expires: SystemTime,
}

impl Codes {
    fn put(&self, code: &SecretString, pending: Pending, now: SystemTime) {
        let mut codes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        codes.retain(|_, p| p.expires > now);
        codes.insert(digest(code.expose_secret()), pending);
    }

    /// Takes a code out: a code is spent by its first exchange, successful or not.
    fn take(&self, code: &str) -> Option<Pending> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(&digest(code))
    }
}

fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// The routes, at the root of the service (the `oauth2` URI of `info`).
pub(crate) fn routes() -> Router<Arc<Service>> {
    Router::new().route("/oauth2/authorize", get(show_form).post(submit_form)).route("/oauth2/token", post(token))
}

/// Form or query parameters; values are zeroized when dropped (passwords, verifiers, codes).
struct Params(HashMap<String, Zeroizing<String>>);

impl Params {
    fn parse(bytes: &[u8]) -> Self {
        let mut map = HashMap::new();
        for (key, value) in form_urlencoded::parse(bytes) {
            map.entry(key.into_owned()).or_insert_with(|| Zeroizing::new(value.into_owned()));
        }
        Self(map)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.as_str()).filter(|v| !v.is_empty())
    }
}

/// A checked authorization request.
struct AuthorizeRequest {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    state: Option<String>,
}

/// Why an authorization request is refused: before the redirect URI is known to be good the
/// browser gets a page (RFC 6749 §4.1.2.1 forbids redirecting); after, the client gets the error.
enum Refusal {
    Page(&'static str),
    Redirect { redirect_uri: String, state: Option<String>, error: &'static str, description: &'static str },
}

/// RFC 8252 §7.3: `http://127.0.0.1:PORT/…`, `http://[::1]:PORT/…` or `http://localhost:PORT/…`.
fn loopback_redirect(uri: &str) -> bool {
    let Some(rest) =
        ["http://127.0.0.1:", "http://[::1]:", "http://localhost:"].iter().find_map(|prefix| uri.strip_prefix(prefix))
    else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let port_ok = rest[..digits].parse::<u16>().is_ok_and(|p| p != 0);
    let tail = &rest[digits..];
    port_ok && (tail.is_empty() || tail.starts_with('/') || tail.starts_with('?')) && !uri.contains('#')
}

/// RFC 7636 §4.1–4.2: 43–128 characters of `[A-Za-z0-9-._~]`.
fn pkce_text(text: &str) -> bool {
    (43..=128).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

fn check(params: &Params) -> Result<AuthorizeRequest, Refusal> {
    let client_id = params.get("client_id").ok_or(Refusal::Page("The request has no client_id."))?;
    let redirect_uri = params.get("redirect_uri").ok_or(Refusal::Page("The request has no redirect_uri."))?;
    if !loopback_redirect(redirect_uri) {
        return Err(Refusal::Page("The redirect_uri is not a loopback address (http://127.0.0.1:PORT/…)."));
    }
    let state = params.get("state").map(str::to_owned);
    let refuse = |error, description| Refusal::Redirect {
        redirect_uri: redirect_uri.to_owned(),
        state: state.clone(),
        error,
        description,
    };
    if params.get("response_type") != Some("code") {
        return Err(refuse("unsupported_response_type", "Only response_type code is supported"));
    }
    if params.get("scope").is_some_and(|s| s != SCOPE) {
        return Err(refuse("invalid_scope", "Only the scope service is supported"));
    }
    let challenge = params.get("code_challenge").filter(|c| pkce_text(c));
    let Some(challenge) = challenge else {
        return Err(refuse("invalid_request", "A code_challenge (RFC 7636) is required"));
    };
    if params.get("code_challenge_method") != Some("S256") {
        return Err(refuse("invalid_request", "code_challenge_method must be S256"));
    }
    Ok(AuthorizeRequest {
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        challenge: challenge.to_owned(),
        state,
    })
}

/// `redirect_uri` with `pairs` added to its query.
fn redirect(redirect_uri: &str, pairs: &[(&str, &str)]) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    let query = Zeroizing::new(query.finish());
    let join = if redirect_uri.contains('?') { '&' } else { '?' };
    let location = Zeroizing::new(format!("{redirect_uri}{join}{}", query.as_str()));
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, location.as_str()),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
    )
        .into_response()
}

fn refused(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Page(text) => {
            page(StatusCode::BAD_REQUEST, &format!("<h1>Request refused</h1><p>{}</p>", escape(text)))
        }
        Refusal::Redirect { redirect_uri, state, error, description } => {
            let mut pairs = vec![("error", error), ("error_description", description)];
            if let Some(state) = &state {
                pairs.push(("state", state));
            }
            redirect(&redirect_uri, &pairs)
        }
    }
}

/// HTML with the headers every page of the flow carries: not cached, not framed, no scripts.
fn page(status: StatusCode, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title>\
         <style>body{{font-family:sans-serif;max-width:26em;margin:3em auto}}label{{display:block;margin:.8em 0}}\
         .error{{color:#a00}}</style></head><body>{body}</body></html>"
    );
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(html),
    )
        .into_response()
}

/// Text made safe for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The login form; the request travels in hidden fields.
fn form(service: &Service, request: &AuthorizeRequest, user: &str, error: Option<&str>) -> Response {
    let hidden =
        |name: &str, value: &str| format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", escape(value));
    let mut fields = String::new();
    for (name, value) in [
        ("response_type", "code"),
        ("client_id", &request.client_id),
        ("redirect_uri", &request.redirect_uri),
        ("scope", SCOPE),
        ("code_challenge", &request.challenge),
        ("code_challenge_method", "S256"),
    ] {
        fields.push_str(&hidden(name, value));
    }
    if let Some(state) = &request.state {
        fields.push_str(&hidden("state", state));
    }
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let body = format!(
        "<h1>{name}</h1><p>Sign in to let <b>{client}</b> use your signing credentials.</p>{error}\
         <form method=\"post\" action=\"authorize\">{fields}\
         <label>User name <input name=\"user\" value=\"{user}\" autocomplete=\"username\" required></label>\
         <label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button type=\"submit\" name=\"action\" value=\"allow\">Sign in</button> \
         <button type=\"submit\" name=\"action\" value=\"deny\" formnovalidate>Cancel</button></form>",
        name = escape(&service.config.service.name),
        client = escape(&request.client_id),
        user = escape(user),
    );
    let status = if error.is_empty() { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
    page(status, &body)
}

/// `GET oauth2/authorize`: the login form, or the refusal.
async fn show_form(State(service): State<Arc<Service>>, RawQuery(query): RawQuery) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes());
    match check(&params) {
        Ok(request) => form(&service, &request, "", None),
        Err(refusal) => refused(refusal),
    }
}

/// `POST oauth2/authorize`: the form sent back; a good password redirects with a code.
async fn submit_form(State(service): State<Arc<Service>>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    let request = match check(&params) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    let state_pair = |pairs: &mut Vec<(&'static str, String)>| {
        if let Some(state) = &request.state {
            pairs.push(("state", state.clone()));
        }
    };
    if params.get("action") == Some("deny") {
        let mut pairs = vec![("error", "access_denied".to_owned())];
        state_pair(&mut pairs);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return redirect(&request.redirect_uri, &pairs);
    }
    let user = params.get("user").unwrap_or_default().to_owned();
    let password = SecretString::from(params.get("password").unwrap_or_default());
    match service.check_password(&user, password).await {
        Ok(()) => {}
        Err(Fault::AuthenticationFailed) => {
            return form(&service, &request, &user, Some("The user name or the password is wrong."));
        }
        Err(fault) => return ApiError::from(fault).into_response(),
    }
    let code = match random_code() {
        Ok(code) => code,
        Err(fault) => return ApiError::from(fault).into_response(),
    };
    let now = service.now();
    let pending = Pending {
        user: user.clone(),
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        challenge: request.challenge.clone(),
        expires: now + service.config.oauth2_code_lifetime,
    };
    service.oauth_codes.put(&code, pending, now);
    log::info!("user {user:?} authorised client {:?} in the browser", request.client_id);
    let mut pairs = vec![("code", code.expose_secret())];
    if let Some(state) = &request.state {
        pairs.push(("state", state));
    }
    redirect(&request.redirect_uri, &pairs)
}

fn random_code() -> Result<SecretString, Fault> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    getrandom::fill(bytes.as_mut()).map_err(|e| Fault::Internal(format!("random: {e}")))?;
    Ok(SecretString::from(Base64UrlUnpadded::encode_string(bytes.as_ref())))
}

fn invalid_grant(description: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

/// `POST oauth2/token` (RFC 6749 §4.1.3, §6; RFC 7636 §4.5–4.6): form-encoded as RFC 6749 says,
/// or JSON, as some CSC examples write it.
async fn token(State(service): State<Arc<Service>>, headers: HeaderMap, body: Bytes) -> Response {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    let params = if json {
        match serde_json::from_slice::<HashMap<String, serde_json::Value>>(&body) {
            Ok(map) => Params(
                map.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, Zeroizing::new(s.to_owned())))).collect(),
            ),
            Err(_) => return ApiError::invalid_request("Invalid request: the body is not JSON").into_response(),
        }
    } else {
        Params::parse(&body)
    };
    match exchange(&service, &params).await {
        Ok(tokens) => {
            let mut body = json!({
                "access_token": tokens.access_token.expose_secret(),
                "token_type": "Bearer",
                "expires_in": tokens.expires_in,
            });
            if let Some(refresh) = &tokens.refresh_token {
                body["refresh_token"] = json!(refresh.expose_secret());
            }
            ([(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")], axum::Json(body)).into_response()
        }
        Err(e) => ([(header::CACHE_CONTROL, "no-store")], e).into_response(),
    }
}

async fn exchange(service: &Service, params: &Params) -> Result<Tokens, ApiError> {
    let missing = |name: &str| ApiError::invalid_request(format!("Missing parameter {name}"));
    match params.get("grant_type") {
        Some("authorization_code") => {
            let code = params.get("code").ok_or_else(|| missing("code"))?;
            let verifier = params.get("code_verifier").ok_or_else(|| missing("code_verifier"))?;
            let client_id = params.get("client_id").ok_or_else(|| missing("client_id"))?;
            let redirect_uri = params.get("redirect_uri").ok_or_else(|| missing("redirect_uri"))?;
            let pending = service.oauth_codes.take(code).ok_or_else(|| invalid_grant("Invalid authorization code"))?;
            if pending.expires <= service.now() {
                return Err(invalid_grant("The authorization code has expired"));
            }
            if pending.client_id != client_id || pending.redirect_uri != redirect_uri {
                return Err(invalid_grant("The authorization code was issued to another client or redirect_uri"));
            }
            let computed = Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()));
            if !pkce_text(verifier) || !constant_time_eq(computed.as_bytes(), pending.challenge.as_bytes()) {
                return Err(invalid_grant("The code_verifier does not match the code_challenge"));
            }
            log::info!("authorization code of user {:?} exchanged by client {client_id:?}", pending.user);
            service.issue_tokens(&pending.user, true).map_err(ApiError::from)
        }
        Some("refresh_token") => {
            let refresh = params.get("refresh_token").ok_or_else(|| missing("refresh_token"))?;
            service.refresh(&SecretString::from(refresh)).map_err(ApiError::from)
        }
        Some(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "unsupported_grant_type", "Unsupported grant_type")),
        None => Err(missing("grant_type")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_redirects_with_a_port() {
        assert!(loopback_redirect("http://127.0.0.1:50123/callback"));
        assert!(loopback_redirect("http://localhost:8080"));
        assert!(loopback_redirect("http://[::1]:9/cb?x=1"));
        assert!(!loopback_redirect("http://127.0.0.1/callback"));
        assert!(!loopback_redirect("http://127.0.0.1:0/"));
        assert!(!loopback_redirect("http://127.0.0.1:99999/"));
        assert!(!loopback_redirect("https://127.0.0.1:443/"));
        assert!(!loopback_redirect("http://127.0.0.1:80@evil.example/"));
        assert!(!loopback_redirect("http://127.0.0.1.evil.example:80/"));
        assert!(!loopback_redirect("http://localhost:80/#frag"));
        assert!(!loopback_redirect("com.example.app:/cb"));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn pkce_texts_follow_rfc_7636() {
        assert!(pkce_text(&"a".repeat(43)));
        assert!(!pkce_text(&"a".repeat(42)));
        assert!(!pkce_text(&"a".repeat(129)));
        assert!(!pkce_text(&format!("{}+", "a".repeat(43))));
    }
}
