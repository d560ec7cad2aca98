//! The OAuth 2.0 authorization code flow with PKCE over real HTTP on loopback: `info` advertises
//! it only when configured; the form refuses a wrong password and redirects a good one with a
//! code to the loopback `redirect_uri`; `oauth2/token` refuses a wrong verifier, a spent code, an
//! expired code and a code for another redirect, and its tokens work on both API versions.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64ct::{Base64UrlUnpadded, Encoding};
use pecat_csc_server::{
    Config, Credential, DemoCa, HashCost, ManualClock, P256Key, PasswordHash, RunningServer, Server, User,
};
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const PASSWORD: &str = "correct horse";
const REDIRECT: &str = "http://127.0.0.1:45678/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-some-more";

fn challenge(verifier: &str) -> String {
    Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()))
}

fn start(oauth2: bool) -> (RunningServer, ManualClock) {
    let ca = DemoCa::new().unwrap();
    let clock = ManualClock::new(SystemTime::now());
    let mut config = Config { clock: Arc::new(clock.clone()), oauth2, ..Config::default() };
    let password = PasswordHash::new(&SecretString::from(PASSWORD), HashCost::Light).unwrap();
    config.users.push(User { name: "alice".into(), password });
    let key = Arc::new(P256Key::generate().unwrap());
    config.credentials.push(Credential::demo("alice-1", "alice", "Alice Test", key, &ca).unwrap());
    (Server::start(config).unwrap(), clock)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    out.finish()
}

/// The authorization request's parameters.
fn request(redirect: &str, verifier: &str) -> Vec<(&'static str, String)> {
    vec![
        ("response_type", "code".into()),
        ("client_id", "pecat".into()),
        ("redirect_uri", redirect.into()),
        ("scope", "service".into()),
        ("code_challenge", challenge(verifier)),
        ("code_challenge_method", "S256".into()),
        ("state", "st<at>e&1".into()),
    ]
}

/// The query of a redirect's `Location`, for `redirect`.
fn redirected(response: &reqwest::Response, redirect: &str) -> HashMap<String, String> {
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap();
    let query = location.strip_prefix(&format!("{redirect}?")).unwrap_or_else(|| panic!("{location}"));
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// Submits the login form for `user`/`password` (or Cancel when `password` is None).
async fn submit(base: &str, params: &[(&str, String)], user: &str, password: Option<&str>) -> reqwest::Response {
    let mut pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.push(("user", user));
    match password {
        Some(p) => pairs.extend([("password", p), ("action", "allow")]),
        None => pairs.push(("action", "deny")),
    }
    http()
        .post(format!("{base}/oauth2/authorize"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&pairs))
        .send()
        .await
        .unwrap()
}

/// A fresh code for alice.
async fn code(base: &str, redirect: &str, verifier: &str) -> String {
    let response = submit(base, &request(redirect, verifier), "alice", Some(PASSWORD)).await;
    let query = redirected(&response, redirect);
    assert_eq!(query["state"], "st<at>e&1");
    query["code"].clone()
}

async fn token(base: &str, pairs: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = http()
        .post(format!("{base}/oauth2/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(pairs))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["cache-control"], "no-store");
    (response.status(), response.json().await.unwrap())
}

async fn exchange(base: &str, code: &str, verifier: &str, redirect: &str) -> (StatusCode, Value) {
    let pairs = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("code_verifier", verifier),
        ("client_id", "pecat"),
        ("redirect_uri", redirect),
    ];
    token(base, &pairs).await
}

async fn info(base: &str, version: &str) -> Value {
    http().post(format!("{base}/csc/{version}/info")).json(&json!({})).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn info_advertises_oauth2_only_when_configured() {
    let (server, _) = start(true);
    let base = server.base_url();
    for version in ["v1", "v2"] {
        let info = info(base, version).await;
        assert_eq!(info["authType"], json!(["basic", "oauth2code"]), "{version}");
        assert_eq!(info["oauth2"], json!(base), "{version}");
        let methods = info["methods"].as_array().unwrap();
        assert!(methods.contains(&json!("oauth2/authorize")) && methods.contains(&json!("oauth2/token")));
    }
    let (plain, _) = start(false);
    let info = info(plain.base_url(), "v2").await;
    assert_eq!(info["authType"], json!(["basic"]));
    assert!(info.get("oauth2").is_none());
    let url = format!("{}/oauth2/authorize?{}", plain.base_url(), form(&[("client_id", "pecat")]));
    assert_eq!(http().get(url).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_form_refuses_a_wrong_password_and_redirects_a_good_one() {
    let (server, _) = start(true);
    let base = server.base_url();
    let params = request(REDIRECT, VERIFIER);
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = http().get(format!("{base}/oauth2/authorize?{}", form(&pairs))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let html = page.text().await.unwrap();
    assert!(html.contains("name=\"password\"") && html.contains("value=\"st&lt;at&gt;e&amp;1\""), "{html}");

    let wrong = submit(base, &params, "alice", Some("wrong")).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get("location").is_none());
    assert!(wrong.text().await.unwrap().contains("role=\"alert\""));
    let nobody = submit(base, &params, "mallory", Some(PASSWORD)).await;
    assert_eq!(nobody.status(), StatusCode::UNAUTHORIZED);

    let denied = redirected(&submit(base, &params, "alice", None).await, REDIRECT);
    assert_eq!(denied["error"], "access_denied");
    assert_eq!(denied["state"], "st<at>e&1");
    assert!(!denied.contains_key("code"));

    let code = code(base, REDIRECT, VERIFIER).await;
    assert!(code.len() >= 43);
}

#[tokio::test]
async fn bad_authorization_requests_are_refused_without_or_with_a_redirect() {
    let (server, _) = start(true);
    let base = server.base_url();
    for redirect in ["https://evil.example/cb", "http://127.0.0.1/cb", "http://10.0.0.1:80/cb"] {
        let response = submit(base, &request(redirect, VERIFIER), "alice", Some(PASSWORD)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{redirect}");
        assert!(response.headers().get("location").is_none(), "{redirect}");
    }
    let cases: [(&str, &str, &str); 4] = [
        ("code_challenge_method", "plain", "invalid_request"),
        ("code_challenge", "short", "invalid_request"),
        ("response_type", "token", "unsupported_response_type"),
        ("scope", "credential", "invalid_scope"),
    ];
    for (name, value, error) in cases {
        let mut params = request(REDIRECT, VERIFIER);
        params.iter_mut().filter(|(k, _)| *k == name).for_each(|(_, v)| *v = value.into());
        let query = redirected(&submit(base, &params, "alice", Some(PASSWORD)).await, REDIRECT);
        assert_eq!(query["error"], error, "{name}={value}");
        assert!(!query.contains_key("code"));
    }
}

#[tokio::test]
async fn codes_need_their_verifier_are_single_use_and_short_lived() {
    let (server, clock) = start(true);
    let base = server.base_url();

    // A wrong verifier is refused, and spends the code.
    let first = code(base, REDIRECT, VERIFIER).await;
    let other = "x".repeat(50);
    let (status, body) = exchange(base, &first, &other, REDIRECT).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "{body}");
    let (status, body) = exchange(base, &first, VERIFIER, REDIRECT).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "{body}");

    // The right verifier gives tokens that work on both versions; the code cannot be used again.
    let second = code(base, REDIRECT, VERIFIER).await;
    let (status, tokens) = exchange(base, &second, VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    let access = tokens["access_token"].as_str().unwrap();
    for version in ["v1", "v2"] {
        let list = http()
            .post(format!("{base}/csc/{version}/credentials/list"))
            .bearer_auth(access)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(list.status(), StatusCode::OK);
        let list: Value = list.json().await.unwrap();
        assert_eq!(list["credentialIDs"], json!(["alice-1"]));
    }
    let (_, again) = exchange(base, &second, VERIFIER, REDIRECT).await;
    assert_eq!(again["error"], "invalid_grant");

    // The refresh token works at oauth2/token and is spent by it.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, renewed) = token(base, &[("grant_type", "refresh_token"), ("refresh_token", refresh)]).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    let (_, spent) = token(base, &[("grant_type", "refresh_token"), ("refresh_token", refresh)]).await;
    assert_eq!(spent["error"], "invalid_grant");

    // A code for another redirect_uri, and an expired code, are refused.
    let third = code(base, REDIRECT, VERIFIER).await;
    let (_, body) = exchange(base, &third, VERIFIER, "http://127.0.0.1:45679/callback").await;
    assert_eq!(body["error"], "invalid_grant");
    let fourth = code(base, REDIRECT, VERIFIER).await;
    clock.advance(Duration::from_secs(61));
    let (_, body) = exchange(base, &fourth, VERIFIER, REDIRECT).await;
    assert_eq!(body["error"], "invalid_grant", "{body}");

    let (status, body) = token(base, &[("grant_type", "password")]).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("unsupported_grant_type")));
    let (_, body) = token(base, &[("grant_type", "authorization_code")]).await;
    assert_eq!(body["error"], "invalid_request");
}
