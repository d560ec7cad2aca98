//! The service over real HTTP on loopback, both API versions: login, list, info, authorise
//! with PIN and TOTP (or a sent code), sign several hashes and verify them with the
//! certificate's key; and every refusal the spec names.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use base64ct::{Base64, Encoding};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::pkcs8::DecodePublicKey;
use pecat_csc_server::{
    Config, Credential, DemoCa, FnSink, HashCost, ManualClock, OtpMethod, P256Key, PasswordHash, RunningServer, Scal,
    Server, TotpSecret, User, read_private_key,
};
use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use sha2::Digest;

const PASSWORD: &str = "correct horse";
const PIN: &str = "1234";
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";

fn hash_of(secret: &str) -> PasswordHash {
    PasswordHash::new(&SecretString::from(secret), HashCost::Light).unwrap()
}

/// A service with user `alice` (credential `alice-1`: P-256, PIN, TOTP, SCAL2) and `bob`
/// (credential `bob-1`, no PIN), on a manual clock standing at now.
struct Fixture {
    config: Config,
    totp: TotpSecret,
    clock: ManualClock,
}

impl Fixture {
    fn new() -> Self {
        let ca = DemoCa::new().unwrap();
        let totp = TotpSecret::generate().unwrap();
        let clock = ManualClock::new(SystemTime::now());
        let mut config = Config { clock: Arc::new(clock.clone()), ..Config::default() };
        config.users.push(User { name: "alice".into(), password: hash_of(PASSWORD) });
        config.users.push(User { name: "bob".into(), password: hash_of("bobs password") });
        let alice_key = Arc::new(P256Key::generate().unwrap());
        config.credentials.push(
            Credential::demo("alice-1", "alice", "Alice Test", alice_key, &ca)
                .unwrap()
                .with_pin(hash_of(PIN))
                .with_otp(OtpMethod::Totp(totp.clone()))
                .with_multisign(10),
        );
        let bob_key = Arc::new(P256Key::generate().unwrap());
        config.credentials.push(Credential::demo("bob-1", "bob", "Bob Test", bob_key, &ca).unwrap());
        Self { config, totp, clock }
    }

    fn credential(&mut self, id: &str) -> &mut Credential {
        self.config.credentials.iter_mut().find(|c| c.id == id).unwrap()
    }

    fn start(&self) -> RunningServer {
        Server::start(self.config.clone()).unwrap()
    }

    /// The TOTP code `steps` time steps after the clock's time.
    fn code(&self, steps: u64) -> String {
        let t = pecat_csc_server::Clock::now(&self.clock) + Duration::from_secs(30 * steps);
        self.totp.code_at(t).to_string()
    }
}

/// A minimal CSC client for one API version.
struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    fn new(server: &RunningServer, version: &str) -> Self {
        Self { http: reqwest::Client::new(), base: format!("{}/csc/{version}", server.base_url()), token: None }
    }

    async fn post(&self, method: &str, body: Value) -> (StatusCode, Value) {
        let mut request = self.http.post(format!("{}/{method}", self.base)).json(&body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let value = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() };
        (status, value)
    }

    async fn login_as(&mut self, user: &str, password: &str, remember: bool) -> Value {
        let response = self
            .http
            .post(format!("{}/auth/login", self.base))
            .basic_auth(user, Some(password))
            .json(&json!({ "rememberMe": remember }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        self.token = Some(body["access_token"].as_str().unwrap().to_owned());
        body
    }

    async fn login(&mut self) -> Value {
        self.login_as("alice", PASSWORD, false).await
    }
}

fn digests(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| sha2::Sha256::digest(format!("document {i}")).to_vec()).collect()
}

fn b64(list: &[Vec<u8>]) -> Vec<String> {
    list.iter().map(|d| Base64::encode_string(d)).collect()
}

fn assert_error(response: &(StatusCode, Value), status: StatusCode, error: &str) {
    assert_eq!(response.0, status, "{}", response.1);
    assert_eq!(response.1["error"], error, "{}", response.1);
    assert!(response.1["error_description"].is_string(), "{}", response.1);
}

/// Verifies DER ECDSA signatures over `digests` with the leaf certificate's key.
fn verify_ecdsa(leaf_b64: &str, digests: &[Vec<u8>], signatures: &Value) {
    let der = Base64::decode_vec(leaf_b64).unwrap();
    let certificate = pecat_pki::Certificate::from_der(der, "leaf").unwrap();
    let key = p256::ecdsa::VerifyingKey::from_public_key_der(certificate.spki_der()).unwrap();
    let signatures = signatures.as_array().unwrap();
    assert_eq!(signatures.len(), digests.len());
    for (digest, signature) in digests.iter().zip(signatures) {
        let bytes = Base64::decode_vec(signature.as_str().unwrap()).unwrap();
        let signature = p256::ecdsa::DerSignature::try_from(bytes.as_slice()).unwrap();
        key.verify_prehash(digest, &signature).unwrap();
    }
}

#[tokio::test]
async fn v2_login_list_info_authorize_and_sign_several_hashes() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");

    let (status, info) = client.post("info", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["specs"], "2.0.0.0");
    assert_eq!(info["authType"], json!(["basic"]));
    assert!(info["methods"].as_array().unwrap().contains(&json!("credentials/extendTransaction")));

    let login = client.login().await;
    assert!(login["expires_in"].as_u64().unwrap() > 0);
    assert!(login.get("refresh_token").is_none());

    let (status, list) = client.post("credentials/list", json!({ "credentialInfo": true, "authInfo": true })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["credentialIDs"], json!(["alice-1"]), "bob's credential is not alice's");
    assert_eq!(list["credentialInfos"][0]["credentialID"], "alice-1");
    assert_eq!(list["credentialInfos"][0]["auth"]["expression"], "PIN AND OTP");

    let (status, plain) = client.post("credentials/info", json!({ "credentialID": "alice-1" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(plain["key"]["status"], "enabled");
    assert_eq!(plain["key"]["len"], 256);
    assert_eq!(plain["key"]["curve"], "1.2.840.10045.3.1.7");
    assert!(plain["key"]["algo"].as_array().unwrap().contains(&json!(ECDSA_SHA256)));
    assert_eq!(plain["cert"]["certificates"].as_array().unwrap().len(), 1, "single is the default");
    assert!(plain["cert"].get("subjectDN").is_none(), "certInfo defaults to false");
    assert_eq!(plain["SCAL"], "2");
    assert_eq!(plain["multisign"], 10);
    assert_eq!(plain["auth"]["mode"], "explicit");

    let (status, full) = client
        .post("credentials/info", json!({ "credentialID": "alice-1", "certificates": "chain", "certInfo": true }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(full["cert"]["status"], "valid");
    assert_eq!(full["cert"]["certificates"].as_array().unwrap().len(), 2);
    let subject = full["cert"]["subjectDN"].as_str().unwrap();
    assert!(subject.contains("O=Pecat Demo") && subject.contains("not qualified"), "{subject}");
    assert!(full["cert"]["validTo"].as_str().unwrap().ends_with('Z'));

    let hashes = digests(3);
    let (status, grant) = client
        .post(
            "credentials/authorize",
            json!({
                "credentialID": "alice-1", "numSignatures": 3, "hashes": b64(&hashes), "hashAlgorithmOID": SHA256,
                "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(0) }],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    assert_eq!(grant["expiresIn"], 300);

    let (status, signed) = client
        .post(
            "signatures/signHash",
            json!({
                "credentialID": "alice-1", "SAD": grant["SAD"], "hashes": b64(&hashes),
                "hashAlgorithmOID": SHA256, "signAlgo": ECDSA_SHA256,
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    verify_ecdsa(full["cert"]["certificates"][0].as_str().unwrap(), &hashes, &signed["signatures"]);

    let again = client
        .post(
            "signatures/signHash",
            json!({ "credentialID": "alice-1", "SAD": grant["SAD"], "hashes": b64(&hashes[..1]), "signAlgo": ECDSA_SHA256 }),
        )
        .await;
    assert_error(&again, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn v1_login_list_info_authorize_and_sign_several_hashes() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v1");

    let (status, info) = client.post("info", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["specs"], "1.0.4.0");
    assert!(info["methods"].as_array().unwrap().contains(&json!("credentials/sendOTP")));

    client.login().await;
    let (status, list) = client.post("credentials/list", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["credentialIDs"], json!(["alice-1"]));

    let (status, plain) = client.post("credentials/info", json!({ "credentialID": "alice-1" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(plain["authMode"], "explicit");
    assert!(plain.get("PIN").is_none() && plain.get("OTP").is_none(), "v1.0.4.0 §11.5: only with authInfo");
    assert!(plain["cert"].get("subjectDN").is_none());
    let (status, auth) = client.post("credentials/info", json!({ "credentialID": "alice-1", "authInfo": true })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(auth["PIN"]["presence"], "true");
    assert_eq!(auth["OTP"]["presence"], "true");
    assert_eq!(auth["OTP"]["type"], "offline", "a TOTP app makes the code: no sendOTP");
    let (status, full) = client.post("credentials/info", json!({ "credentialID": "alice-1", "certInfo": true })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(full["cert"]["subjectDN"].as_str().unwrap().contains("Pecat Demo"));
    assert!(full["cert"]["issuerDN"].as_str().unwrap().contains("Pecat Demo CA"));

    let hashes = digests(4);
    let (status, grant) = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 4, "hash": b64(&hashes), "PIN": PIN, "OTP": fixture.code(0) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    let (status, signed) = client
        .post(
            "signatures/signHash",
            json!({ "credentialID": "alice-1", "SAD": grant["SAD"], "hash": b64(&hashes), "hashAlgo": SHA256, "signAlgo": ECDSA_SHA256 }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    verify_ecdsa(full["cert"]["certificates"][0].as_str().unwrap(), &hashes, &signed["signatures"]);
}

#[tokio::test]
async fn v1_send_otp_delivers_the_code_to_the_sink_never_the_response() {
    let mut fixture = Fixture::new();
    let delivered: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&delivered);
    fixture.config.otp_sink = Arc::new(FnSink(move |d: &pecat_csc_server::OtpDelivery<'_>| {
        sink.lock().unwrap().push(d.code.expose_secret().to_owned());
    }));
    fixture.credential("alice-1").otp = Some(OtpMethod::Sent);
    let server = fixture.start();
    let mut client = Client::new(&server, "v1");
    client.login().await;

    let (_, info) = client.post("credentials/info", json!({ "credentialID": "alice-1", "authInfo": true })).await;
    assert_eq!(info["OTP"]["type"], "online");
    let (status, body) = client.post("credentials/sendOTP", json!({ "credentialID": "alice-1" })).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(body, Value::Null);
    let code = delivered.lock().unwrap().pop().unwrap();
    assert_eq!(code.len(), 6);

    let hashes = digests(1);
    let authorize =
        json!({ "credentialID": "alice-1", "numSignatures": 1, "hash": b64(&hashes), "PIN": PIN, "OTP": code });
    let (status, grant) = client.post("credentials/authorize", authorize.clone()).await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    let reused = client.post("credentials/authorize", authorize).await;
    assert_error(&reused, StatusCode::BAD_REQUEST, "invalid_otp");
}

#[tokio::test]
async fn wrong_pin_and_wrong_code_are_refused_and_counted() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let hashes = digests(1);
    let authorize = |pin: &str, code: String| {
        json!({
            "credentialID": "alice-1", "numSignatures": 1, "hashes": b64(&hashes),
            "authData": [{ "id": "PIN", "value": pin }, { "id": "OTP", "value": code }],
        })
    };

    let wrong_pin = client.post("credentials/authorize", authorize("9999", fixture.code(0))).await;
    assert_error(&wrong_pin, StatusCode::BAD_REQUEST, "invalid_pin");
    assert!(wrong_pin.1["error_description"].as_str().unwrap().contains("4 tries left"), "{}", wrong_pin.1);

    let wrong_code = if fixture.code(0) == "000000" { "000001" } else { "000000" };
    let wrong_otp = client.post("credentials/authorize", authorize(PIN, wrong_code.into())).await;
    assert_error(&wrong_otp, StatusCode::BAD_REQUEST, "invalid_otp");
    assert!(wrong_otp.1["error_description"].as_str().unwrap().contains("3 tries left"), "{}", wrong_otp.1);

    let missing = client
        .post("credentials/authorize", json!({ "credentialID": "alice-1", "numSignatures": 1, "hashes": b64(&hashes) }))
        .await;
    assert_error(&missing, StatusCode::BAD_REQUEST, "invalid_request");

    let (status, _) = client.post("credentials/authorize", authorize(PIN, fixture.code(0))).await;
    assert_eq!(status, StatusCode::OK, "a success resets the counter");
    let replayed = client.post("credentials/authorize", authorize(PIN, fixture.code(0))).await;
    assert_error(&replayed, StatusCode::BAD_REQUEST, "invalid_otp");
    assert!(replayed.1["error_description"].as_str().unwrap().contains("4 tries left"), "{}", replayed.1);
    let (status, _) = client.post("credentials/authorize", authorize(PIN, fixture.code(1))).await;
    assert_eq!(status, StatusCode::OK, "the next step's code is still within the window");
}

#[tokio::test]
async fn lockout_after_n_failures_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = Fixture::new();
    fixture.config.lockout_after = 3;
    fixture.config.state_file = Some(dir.path().join("state.json"));
    let hashes = digests(1);
    let authorize = |pin: &str, code: String| json!({ "credentialID": "alice-1", "numSignatures": 1, "hash": b64(&hashes), "PIN": pin, "OTP": code });

    let server = fixture.start();
    let mut client = Client::new(&server, "v1");
    client.login().await;
    let first = client.post("credentials/authorize", authorize("0000", fixture.code(0))).await;
    assert_error(&first, StatusCode::BAD_REQUEST, "invalid_pin");
    let second = client.post("credentials/authorize", authorize("0001", fixture.code(0))).await;
    assert_error(&second, StatusCode::BAD_REQUEST, "invalid_pin");
    let third = client.post("credentials/authorize", authorize("0002", fixture.code(0))).await;
    assert_error(&third, StatusCode::BAD_REQUEST, "invalid_pin");
    assert!(third.1["error_description"].as_str().unwrap().contains("locked"), "{}", third.1);
    assert!(server.is_locked("alice-1"));
    let right = client.post("credentials/authorize", authorize(PIN, fixture.code(0))).await;
    assert_error(&right, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(right.1["error_description"], "The credential is locked");
    server.stop().unwrap();

    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let (_, info) = client.post("credentials/info", json!({ "credentialID": "alice-1" })).await;
    assert_eq!(info["key"]["status"], "disabled");
    let still = client
        .post(
            "credentials/authorize",
            json!({
                "credentialID": "alice-1", "numSignatures": 1, "hashes": b64(&hashes),
                "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(0) }],
            }),
        )
        .await;
    assert_error(&still, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(still.1["error_description"], "The credential is locked");

    server.unlock("alice-1").unwrap();
    let (status, _) = client
        .post(
            "credentials/authorize",
            json!({
                "credentialID": "alice-1", "numSignatures": 1, "hashes": b64(&hashes),
                "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(0) }],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

/// Authorises `hashes` for alice-1 over v2 and returns the SAD.
async fn authorise(client: &Client, fixture: &Fixture, steps: u64, num: u32, hashes: &[Vec<u8>]) -> Value {
    let (status, grant) = client
        .post(
            "credentials/authorize",
            json!({
                "credentialID": "alice-1", "numSignatures": num, "hashes": b64(hashes),
                "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(steps) }],
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    grant
}

async fn sign(client: &Client, sad: &Value, hashes: &[Vec<u8>]) -> (StatusCode, Value) {
    client
        .post(
            "signatures/signHash",
            json!({ "credentialID": "alice-1", "SAD": sad, "hashes": b64(hashes), "signAlgo": ECDSA_SHA256 }),
        )
        .await
}

#[tokio::test]
async fn scal2_sad_cannot_sign_a_hash_it_was_not_given() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let hashes = digests(3);
    let grant = authorise(&client, &fixture, 0, 2, &hashes[..2]).await;

    let foreign = sign(&client, &grant["SAD"], &hashes[2..]).await;
    assert_error(&foreign, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(foreign.1["error_description"], "Hash not authorized by the SAD");
    let twice = sign(&client, &grant["SAD"], &[hashes[0].clone(), hashes[0].clone()]).await;
    assert_error(&twice, StatusCode::BAD_REQUEST, "invalid_request");
    let (status, _) = sign(&client, &grant["SAD"], &hashes[1..2]).await;
    assert_eq!(status, StatusCode::OK);

    let wrong_count = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 2, "hashes": b64(&hashes[..1]),
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(1) }] }),
        )
        .await;
    assert_error(&wrong_count, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn expired_sad_is_refused_and_extend_transaction_renews_an_unexpired_one() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let hashes = digests(2);

    let grant = authorise(&client, &fixture, 0, 2, &hashes).await;
    fixture.clock.advance(Duration::from_secs(200));
    let (status, renewed) =
        client.post("credentials/extendTransaction", json!({ "credentialID": "alice-1", "SAD": grant["SAD"] })).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert_eq!(renewed["expiresIn"], 300);
    assert_ne!(renewed["SAD"], grant["SAD"]);
    let old = sign(&client, &grant["SAD"], &hashes[..1]).await;
    assert_error(&old, StatusCode::BAD_REQUEST, "invalid_request");
    fixture.clock.advance(Duration::from_secs(200));
    let (status, _) = sign(&client, &renewed["SAD"], &hashes[..1]).await;
    assert_eq!(status, StatusCode::OK, "renewed SAD lives past the first one's end");

    fixture.clock.advance(Duration::from_secs(301));
    let expired = sign(&client, &renewed["SAD"], &hashes[1..]).await;
    assert_error(&expired, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(expired.1["error_description"], "SAD expired");

    let late = authorise(&client, &fixture, 0, 1, &hashes[..1]).await;
    fixture.clock.advance(Duration::from_secs(301));
    let too_late =
        client.post("credentials/extendTransaction", json!({ "credentialID": "alice-1", "SAD": late["SAD"] })).await;
    assert_error(&too_late, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(too_late.1["error_description"], "SAD expired");
}

#[tokio::test]
async fn expired_sad_is_refused_in_real_time() {
    let mut fixture = Fixture::new();
    fixture.config.clock = Arc::new(pecat_csc_server::SystemClock);
    fixture.config.sad_lifetime = Duration::from_millis(1000);
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let hashes = digests(1);
    let (status, grant) = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 1, "hashes": b64(&hashes),
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.totp.current_code().as_str() }] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = sign(&client, &grant["SAD"], &hashes).await;
    assert_eq!(expired.1["error_description"], "SAD expired");
}

#[tokio::test]
async fn num_signatures_and_multisign_are_enforced() {
    let mut fixture = Fixture::new();
    fixture.credential("alice-1").scal = Scal::One;
    fixture.credential("alice-1").multisign = 3;
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;
    let hashes = digests(4);

    let (status, grant) = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 2,
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(0) }] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "SCAL1 needs no hashes: {grant}");
    let too_many = sign(&client, &grant["SAD"], &hashes[..3]).await;
    assert_error(&too_many, StatusCode::BAD_REQUEST, "invalid_request");
    assert_eq!(too_many.1["error_description"], "Numbers of signatures is too high");
    let (status, _) = sign(&client, &grant["SAD"], &hashes[2..4]).await;
    assert_eq!(status, StatusCode::OK, "SCAL1 signs any hashes");
    let used_up = sign(&client, &grant["SAD"], &hashes[..1]).await;
    assert_error(&used_up, StatusCode::BAD_REQUEST, "invalid_request");

    // §11.5: numSignatures SHALL NOT exceed multisign — refused before the PIN is even read.
    let over_multisign_sad = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 4,
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(1) }] }),
        )
        .await;
    assert_error(&over_multisign_sad, StatusCode::BAD_REQUEST, "invalid_request");
    let mut v1 = Client::new(&server, "v1");
    v1.login().await;
    let v1_over = v1
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 4, "PIN": PIN, "OTP": fixture.code(1) }),
        )
        .await;
    assert_error(&v1_over, StatusCode::BAD_REQUEST, "invalid_request");
    let (status, big) = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 3,
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(1) }] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{big}");
    // The per-call check stays: one signHash carries at most multisign hashes.
    let over_multisign = sign(&client, &big["SAD"], &hashes).await;
    assert_error(&over_multisign, StatusCode::BAD_REQUEST, "invalid_request");
    let over_limit = client
        .post(
            "credentials/authorize",
            json!({ "credentialID": "alice-1", "numSignatures": 100_000,
                    "authData": [{ "id": "PIN", "value": PIN }, { "id": "OTP", "value": fixture.code(1) }] }),
        )
        .await;
    assert_error(&over_limit, StatusCode::BAD_REQUEST, "invalid_request");
    let bad_algo = client
        .post(
            "signatures/signHash",
            json!({ "credentialID": "alice-1", "SAD": big["SAD"], "hashes": b64(&hashes[..1]), "signAlgo": "1.2.840.113549.1.1.11" }),
        )
        .await;
    assert_error(&bad_algo, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn revoke_and_refresh_tokens() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    let login = client.login_as("alice", PASSWORD, true).await;
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();

    let (status, refreshed) = client.post("auth/login", json!({ "refresh_token": refresh })).await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");
    assert_ne!(refreshed["access_token"], login["access_token"]);
    let spent = client.post("auth/login", json!({ "refresh_token": refresh })).await;
    assert_error(&spent, StatusCode::BAD_REQUEST, "invalid_grant");

    let (status, _) = client
        .post("auth/revoke", json!({ "token": refreshed["refresh_token"], "token_type_hint": "refresh_token" }))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let revoked_refresh = client.post("auth/login", json!({ "refresh_token": refreshed["refresh_token"] })).await;
    assert_error(&revoked_refresh, StatusCode::BAD_REQUEST, "invalid_grant");

    let (status, _) = client.post("credentials/list", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = client.post("auth/revoke", json!({ "token": login["access_token"] })).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let after = client.post("credentials/list", json!({})).await;
    assert_error(&after, StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn bad_logins_unknown_tokens_and_large_bodies_are_refused() {
    let mut fixture = Fixture::new();
    fixture.config.limits.max_body_bytes = 64 * 1024;
    let server = fixture.start();
    let mut client = Client::new(&server, "v1");

    let response = client
        .http
        .post(format!("{}/auth/login", client.base))
        .basic_auth("alice", Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "authentication_error");

    let anonymous = client.post("credentials/list", json!({})).await;
    assert_error(&anonymous, StatusCode::UNAUTHORIZED, "invalid_token");
    client.token = Some("not-a-token".into());
    let unknown = client.post("credentials/list", json!({})).await;
    assert_error(&unknown, StatusCode::UNAUTHORIZED, "invalid_token");

    client.login().await;
    let others = client.post("credentials/info", json!({ "credentialID": "bob-1" })).await;
    assert_error(&others, StatusCode::BAD_REQUEST, "invalid_request");
    let missing = client.post("credentials/authorize", json!({ "credentialID": "alice-1" })).await;
    assert_error(&missing, StatusCode::BAD_REQUEST, "invalid_request");

    let huge = json!({ "credentialID": "alice-1", "padding": "x".repeat(128 * 1024) });
    let too_large = client.post("credentials/info", huge).await;
    assert_error(&too_large, StatusCode::PAYLOAD_TOO_LARGE, "invalid_request");

    fixture.clock.advance(Duration::from_secs(3601));
    let expired = client.post("credentials/list", json!({})).await;
    assert_error(&expired, StatusCode::UNAUTHORIZED, "invalid_token");
}

#[tokio::test]
async fn rsa_credential_signs_pkcs1_v15() {
    use rsa::signature::Verifier as _;
    let mut fixture = Fixture::new();
    let ca = DemoCa::new().unwrap();
    let key: Arc<dyn pecat_csc_server::CredentialKey> =
        Arc::from(read_private_key(include_bytes!("fixtures/rsa2048.fake.key.pem")).unwrap());
    let credential = Credential::demo("alice-rsa", "alice", "Alice RSA", key, &ca).unwrap().with_scal(Scal::One);
    fixture.config.credentials.push(credential);
    let server = fixture.start();
    let mut client = Client::new(&server, "v2");
    client.login().await;

    let (_, info) = client.post("credentials/info", json!({ "credentialID": "alice-rsa" })).await;
    assert_eq!(info["key"]["len"], 2048);
    let (status, grant) =
        client.post("credentials/authorize", json!({ "credentialID": "alice-rsa", "numSignatures": 2 })).await;
    assert_eq!(status, StatusCode::OK, "{grant}");
    let messages = [b"first".as_slice(), b"second".as_slice()];
    let hashes: Vec<Vec<u8>> = messages.iter().map(|m| sha2::Sha256::digest(m).to_vec()).collect();
    let (status, signed) = client
        .post(
            "signatures/signHash",
            json!({ "credentialID": "alice-rsa", "SAD": grant["SAD"], "hashes": b64(&hashes),
                    "hashAlgorithmOID": SHA256, "signAlgo": "1.2.840.113549.1.1.1" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");

    let leaf = Base64::decode_vec(info["cert"]["certificates"][0].as_str().unwrap()).unwrap();
    let certificate = pecat_pki::Certificate::from_der(leaf, "leaf").unwrap();
    let public = <rsa::PublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(certificate.spki_der()).unwrap();
    let verifier = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(public);
    for (message, signature) in messages.iter().zip(signed["signatures"].as_array().unwrap()) {
        let bytes = Base64::decode_vec(signature.as_str().unwrap()).unwrap();
        let signature = rsa::pkcs1v15::Signature::try_from(bytes.as_slice()).unwrap();
        verifier.verify(message, &signature).unwrap();
    }
}

#[tokio::test]
async fn a_badly_typed_secret_is_not_echoed() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let mut client = Client::new(&server, "v1");
    client.login().await;
    let wrong_type = client
        .post("credentials/authorize", json!({ "credentialID": "alice-1", "numSignatures": 1, "PIN": 987_654 }))
        .await;
    assert_error(&wrong_type, StatusCode::BAD_REQUEST, "invalid_request");
    let text = wrong_type.1.to_string();
    assert!(!text.contains("987654"), "the PIN came back: {text}");
    assert_eq!(wrong_type.1["error_description"], "Invalid request: a parameter has the wrong type or value");
    let missing = client.post("credentials/authorize", json!({ "credentialID": "alice-1" })).await;
    assert_eq!(missing.1["error_description"], "Invalid request: missing field `numSignatures`");
}
