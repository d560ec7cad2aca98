//! The CSC client against Pecat's own CSC service (crates/csc-server) over real HTTP on
//! loopback, for both API versions: login, list, authorise a batch of `multisign` with PIN and
//! TOTP code (a larger one is refused before anything is sent), sign it and verify every `r ‖ s` with the certificate's key; the typed
//! outcomes (wrong PIN, wrong code, lockout, expired SAD, SCAL2 refusal); and the transport
//! failures (plain HTTP to another host, nothing listening, no answer, garbage, untrusted TLS).

#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::pkcs8::DecodePublicKey;
use pecat_csc_server::{
    Clock, Config, Credential, DemoCa, FnSink, HashCost, ManualClock, OtpMethod, P256Key, PasswordHash, RunningServer,
    Server, TlsConfig, TotpSecret, User, read_private_key,
};
use pecat_token::{
    ApiVersion, AuthRequirement, Authorisation, CloudFailure, CodeDelivery, CredentialStore, CscClient, CscOptions,
    Error, ExposeSecret, Grant, HashAlgorithm, PinInfo, PinOptions, PinOutcome, PinState, SecretKind, SecretString,
    Secrets, SignAlgorithm, StoreCredential, StoreId,
};
use sha2::Digest;

const PASSWORD: &str = "correct horse";
const PIN: &str = "1234";
const ECDSA: SignAlgorithm = SignAlgorithm::Ecdsa(HashAlgorithm::Sha256);

fn hash_of(secret: &str) -> PasswordHash {
    PasswordHash::new(&SecretString::from(secret), HashCost::Light).unwrap()
}

/// A service with user `alice` and credential `alice-1` (P-256, PIN + TOTP, SCAL2,
/// multisign 5), on a manual clock standing at now.
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
        let mut config = Config { clock: Arc::new(clock.clone()), allow_totp_reuse: true, ..Config::default() };
        config.users.push(User { name: "alice".into(), password: hash_of(PASSWORD) });
        config.credentials.push(
            Credential::demo("alice-1", "alice", "Alice Test", Arc::new(P256Key::generate().unwrap()), &ca)
                .unwrap()
                .with_pin(hash_of(PIN))
                .with_otp(OtpMethod::Totp(totp.clone()))
                .with_multisign(5),
        );
        Self { config, totp, clock }
    }

    fn start(&self) -> RunningServer {
        Server::start(self.config.clone()).unwrap()
    }

    /// The code the authenticator app shows at the service's time.
    fn code(&self) -> SecretString {
        SecretString::from(self.totp.code_at(self.clock.now()).as_str())
    }

    /// A wrong code at the service's time.
    fn wrong_code(&self) -> SecretString {
        let right = self.totp.code_at(self.clock.now());
        let neighbours = [
            self.totp.code_at(self.clock.now() - Duration::from_secs(30)),
            self.totp.code_at(self.clock.now() + Duration::from_secs(30)),
        ];
        let wrong = (0..1000u32)
            .map(|n| format!("{n:06}"))
            .find(|c| *c != *right && neighbours.iter().all(|n| **n != *c))
            .unwrap();
        SecretString::from(wrong)
    }
}

fn url(server: &RunningServer, version: ApiVersion) -> String {
    let path = match version {
        ApiVersion::V1 => "v1",
        ApiVersion::V2 => "v2",
    };
    format!("{}/csc/{path}", server.base_url())
}

fn logged_in(server: &RunningServer, version: ApiVersion) -> CscClient {
    let client = CscClient::connect(&url(server, version), "alice", &CscOptions::default()).unwrap();
    client.login(SecretString::from(PASSWORD), false).unwrap();
    client
}

fn only_credential(client: &CscClient) -> StoreCredential {
    let mut list = client.signing_credentials().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    list.remove(0)
}

fn digests(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|i| sha2::Sha256::digest(format!("document {i}")).to_vec()).collect()
}

fn secrets(pin: &str, code: SecretString) -> Secrets {
    Secrets { pin: Some(SecretString::from(pin)), code: Some(code) }
}

fn authorise(
    client: &CscClient,
    credential: &StoreCredential,
    digests: &[Vec<u8>],
    secrets: Secrets,
) -> PinOutcome<Authorisation> {
    client.authorise(credential, digests, secrets, PinOptions::default()).unwrap()
}

fn done<T: std::fmt::Debug>(outcome: PinOutcome<T>) -> T {
    match outcome.into_failure::<()>() {
        Err(value) => value,
        Ok(failure) => panic!("expected Done, got {failure:?}"),
    }
}

fn cloud_failure(error: Error) -> CloudFailure {
    match error {
        Error::Cloud { kind, .. } => kind,
        other => panic!("expected a cloud failure, got {other:?}"),
    }
}

/// Connect, log in, list, authorise five digests with PIN + code, sign them in chunks of two
/// and verify every `r ‖ s` signature with the certificate's key.
fn signs_a_batch(version: ApiVersion) {
    let fixture = Fixture::new();
    let server = fixture.start();
    let client = CscClient::connect(&url(&server, version), "alice", &CscOptions::default()).unwrap();
    assert_eq!(client.version(), version);
    assert!(client.needs_login());
    assert_eq!(client.info().name, "Pecat CSC service");
    assert_eq!(
        client.store_id(),
        StoreId::Cloud { service: url(&server, version), account: "alice".into() },
        "identity is the service's API root and the account"
    );
    let anonymous = client.signing_credentials().unwrap_err();
    assert_eq!(cloud_failure(anonymous), CloudFailure::LoginRequired);
    client.login(SecretString::from(PASSWORD), false).unwrap();
    assert!(client.is_logged_in());
    assert!(client.refresh_token().is_none(), "no rememberMe, no refresh token");
    let debug = format!("{client:?}");
    assert!(debug.contains("alice") && !debug.contains(PASSWORD), "{debug}");

    let credential = only_credential(&client);
    assert_eq!(credential.id, "alice-1");
    assert_eq!(credential.requirement, AuthRequirement::PinAndCode { delivery: CodeDelivery::AuthenticatorApp });
    assert_eq!(credential.capabilities.max_digests_per_call, Some(5));
    assert_eq!(credential.capabilities.max_signatures_per_authorisation, Some(5), "CSC multisign (§11.5)");
    assert!(!credential.capabilities.pin_per_signature);
    assert_eq!(credential.capabilities.algorithms[0], ECDSA);
    assert_eq!(credential.chain.len(), 1, "the demo CA comes with the leaf");
    assert!(credential.certificate.is_issued_by(&credential.chain[0]));

    let batch = digests(5);
    let started = SystemTime::now();
    let code = SecretString::from(fixture.totp.current_code().as_str());
    let authorisation = done(authorise(&client, &credential, &batch, secrets(PIN, code)));
    assert!(matches!(authorisation.grant, Grant::Sad(_)));
    assert_eq!(authorisation.digests, batch);
    let expires = authorisation.expires.unwrap();
    assert!(expires >= started + Duration::from_secs(299) && expires <= SystemTime::now() + Duration::from_secs(300));
    assert!(!format!("{authorisation:?}").contains(match &authorisation.grant {
        Grant::Sad(sad) => sad.expose_secret(),
        _ => unreachable!(),
    }));

    let signatures = done(client.sign(&credential, &authorisation, ECDSA, &batch).unwrap());
    assert_eq!(signatures.len(), 5);
    let key = p256::ecdsa::VerifyingKey::from_public_key_der(credential.certificate.spki_der()).unwrap();
    for (digest, signature) in batch.iter().zip(&signatures) {
        assert_eq!(signature.len(), 64, "r ‖ s");
        let signature = p256::ecdsa::Signature::from_slice(signature).unwrap();
        key.verify_prehash(digest, &signature).unwrap();
    }
    let spent = client.sign(&credential, &authorisation, ECDSA, &batch[..1]).unwrap_err();
    assert!(matches!(cloud_failure(spent), CloudFailure::Refused { .. }), "the SAD was used up");

    client.revoke().unwrap();
    assert!(!client.is_logged_in());
    assert_eq!(cloud_failure(client.signing_credentials().unwrap_err()), CloudFailure::LoginRequired);
}

#[test]
fn v1_signs_a_batch_of_multisign() {
    signs_a_batch(ApiVersion::V1);
}

#[test]
fn v2_signs_a_batch_of_multisign() {
    signs_a_batch(ApiVersion::V2);
}

/// A batch larger than `multisign` is refused by the client before anything is sent: the spec
/// (§11.5) says `numSignatures` SHALL NOT exceed it.
fn a_batch_over_multisign_sends_nothing(version: ApiVersion) {
    let fixture = Fixture::new();
    let server = fixture.start();
    let client = logged_in(&server, version);
    let credential = only_credential(&client);
    let before = server.requests();
    let code = SecretString::from(fixture.totp.current_code().as_str());
    let outcome = authorise(&client, &credential, &digests(6), secrets(PIN, code));
    assert!(matches!(outcome, PinOutcome::TooManySignatures { allowed: 5, asked: 6 }), "{outcome:?}");
    assert_eq!(server.requests(), before, "no request was sent");
}

#[test]
fn v1_a_batch_over_multisign_sends_nothing() {
    a_batch_over_multisign_sends_nothing(ApiVersion::V1);
}

#[test]
fn v2_a_batch_over_multisign_sends_nothing() {
    a_batch_over_multisign_sends_nothing(ApiVersion::V2);
}

/// Wrong PIN (tries left from the service's words), wrong code, then the lockout: the last
/// wrong PIN says locked, and nothing more is sent; a client that had not seen it hears it from
/// the service.
fn wrong_secrets_and_lockout(version: ApiVersion) {
    let mut fixture = Fixture::new();
    fixture.config.lockout_after = 3;
    let server = fixture.start();
    let client = logged_in(&server, version);
    let stale = logged_in(&server, version);
    let credential = only_credential(&client);
    let stale_credential = only_credential(&stale);
    let batch = digests(1);

    let wrong_pin = authorise(&client, &credential, &batch, secrets("9999", fixture.code()));
    assert_eq!(
        wrong_pin.into_failure::<()>().unwrap(),
        PinOutcome::WrongPin {
            secret: SecretKind::Pin,
            after: PinInfo { state: PinState::CountLow, tries_left: Some(2), max_tries: None }
        }
    );
    let wrong_code = authorise(&client, &credential, &batch, secrets(PIN, fixture.wrong_code()));
    assert_eq!(wrong_code.into_failure::<()>().unwrap(), PinOutcome::WrongCode { tries_left: Some(1) });
    let last = authorise(&client, &credential, &batch, secrets("9998", fixture.code()));
    assert_eq!(
        last.into_failure::<()>().unwrap(),
        PinOutcome::WrongPin {
            secret: SecretKind::Pin,
            after: PinInfo { state: PinState::Locked, tries_left: Some(0), max_tries: None }
        }
    );
    assert!(server.is_locked("alice-1"));

    let locked = authorise(&client, &credential, &batch, secrets(PIN, fixture.code()));
    assert_eq!(locked.into_failure::<()>().unwrap(), PinOutcome::Locked { secret: SecretKind::Pin });
    let told = authorise(&stale, &stale_credential, &batch, secrets(PIN, fixture.code()));
    assert_eq!(told.into_failure::<()>().unwrap(), PinOutcome::Locked { secret: SecretKind::Pin });
    let fresh = logged_in(&server, version);
    let listed = only_credential(&fresh);
    let before = authorise(&fresh, &listed, &batch, secrets(PIN, fixture.code()));
    assert_eq!(before.into_failure::<()>().unwrap(), PinOutcome::Locked { secret: SecretKind::Pin });

    let empty = authorise(&fresh, &credential, &batch, Secrets::default());
    assert!(
        matches!(empty.into_failure::<()>().unwrap(), PinOutcome::Locked { .. }),
        "locked is said before anything else"
    );
    server.unlock("alice-1").unwrap();
    let unlocked = logged_in(&server, version);
    let credential = only_credential(&unlocked);
    let no_pin = authorise(&unlocked, &credential, &batch, Secrets { pin: None, code: Some(fixture.code()) });
    assert!(matches!(no_pin.into_failure::<()>().unwrap(), PinOutcome::Policy { .. }));
    let no_code = unlocked
        .authorise(&credential, &batch, Secrets::pin(SecretString::from(PIN)), PinOptions::default())
        .unwrap_err();
    assert_eq!(cloud_failure(no_code), CloudFailure::CodeMissing);
}

#[test]
fn v1_wrong_pin_wrong_code_and_lockout_are_typed() {
    wrong_secrets_and_lockout(ApiVersion::V1);
}

#[test]
fn v2_wrong_pin_wrong_code_and_lockout_are_typed() {
    wrong_secrets_and_lockout(ApiVersion::V2);
}

/// SCAL2: digests outside the authorisation are refused here, and by the service when an
/// authorisation claims more than the SAD was issued for.
fn scal2_binds_the_sad(version: ApiVersion) {
    let fixture = Fixture::new();
    let server = fixture.start();
    let client = logged_in(&server, version);
    let credential = only_credential(&client);
    let batch = digests(3);
    let authorisation = done(authorise(&client, &credential, &batch[..2], secrets(PIN, fixture.code())));

    let outside = client.sign(&credential, &authorisation, ECDSA, &batch[2..]).unwrap_err();
    assert!(matches!(outside, Error::NotAuthorised { .. }), "{outside:?}");

    let Grant::Sad(sad) = &authorisation.grant else { unreachable!() };
    let forged = Authorisation {
        credential: authorisation.credential.clone(),
        digests: batch.clone(),
        expires: authorisation.expires,
        grant: Grant::Sad(SecretString::from(sad.expose_secret())),
    };
    let refused = client.sign(&credential, &forged, ECDSA, &batch[2..]).unwrap_err();
    assert!(matches!(refused, Error::NotAuthorised { .. }), "{refused:?}");
    let signatures = done(client.sign(&credential, &authorisation, ECDSA, &batch[..2]).unwrap());
    assert_eq!(signatures.len(), 2);
}

#[test]
fn v1_scal2_refuses_digests_not_authorised() {
    scal2_binds_the_sad(ApiVersion::V1);
}

#[test]
fn v2_scal2_refuses_digests_not_authorised() {
    scal2_binds_the_sad(ApiVersion::V2);
}

/// A SAD that outlived its lifetime on the service's clock.
fn expired_sad(version: ApiVersion) {
    let mut fixture = Fixture::new();
    fixture.config.sad_lifetime = Duration::from_secs(5);
    let server = fixture.start();
    let client = logged_in(&server, version);
    let credential = only_credential(&client);
    let batch = digests(2);
    let authorisation = done(authorise(&client, &credential, &batch, secrets(PIN, fixture.code())));
    let expires = authorisation.expires.unwrap();
    assert!(expires <= SystemTime::now() + Duration::from_secs(5));
    fixture.clock.advance(Duration::from_secs(6));
    let outcome = client.sign(&credential, &authorisation, ECDSA, &batch).unwrap();
    assert_eq!(outcome.into_failure::<()>().unwrap(), PinOutcome::AuthorisationExpired);
}

#[test]
fn v1_expired_sad_is_authorisation_expired() {
    expired_sad(ApiVersion::V1);
}

#[test]
fn v2_expired_sad_is_authorisation_expired() {
    expired_sad(ApiVersion::V2);
}

#[test]
fn v1_sent_code_is_requested_then_used() {
    let mut fixture = Fixture::new();
    let delivered: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&delivered);
    fixture.config.otp_sink = Arc::new(FnSink(move |d: &pecat_csc_server::OtpDelivery<'_>| {
        sink.lock().unwrap().push(d.code.expose_secret().to_owned());
    }));
    fixture.config.credentials[0].otp = Some(OtpMethod::Sent);
    let server = fixture.start();
    let client = logged_in(&server, ApiVersion::V1);
    let credential = only_credential(&client);
    assert_eq!(credential.requirement, AuthRequirement::PinAndCode { delivery: CodeDelivery::Sent });
    assert!(client.request_code(&credential).unwrap().is_done());
    let code = delivered.lock().unwrap().pop().unwrap();
    let batch = digests(1);
    let authorisation = done(authorise(&client, &credential, &batch, secrets(PIN, SecretString::from(code))));
    assert_eq!(done(client.sign(&credential, &authorisation, ECDSA, &batch).unwrap()).len(), 1);
}

#[test]
fn refresh_token_logs_in_and_revoke_ends_the_session() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let first = CscClient::connect(&url(&server, ApiVersion::V2), "alice", &CscOptions::default()).unwrap();
    first.login(SecretString::from(PASSWORD), true).unwrap();
    let refresh = first.refresh_token().unwrap();

    let second = CscClient::connect(&url(&server, ApiVersion::V2), "alice", &CscOptions::default()).unwrap();
    second.login_with_refresh_token(refresh.clone()).unwrap();
    assert_eq!(only_credential(&second).id, "alice-1");
    let rotated = second.refresh_token().unwrap();
    assert_ne!(rotated.expose_secret(), refresh.expose_secret(), "the service rotates refresh tokens");
    let spent = CscClient::connect(&url(&server, ApiVersion::V2), "alice", &CscOptions::default()).unwrap();
    assert_eq!(cloud_failure(spent.login_with_refresh_token(refresh).unwrap_err()), CloudFailure::LoginRefused);

    second.revoke().unwrap();
    let after = CscClient::connect(&url(&server, ApiVersion::V2), "alice", &CscOptions::default()).unwrap();
    assert_eq!(cloud_failure(after.login_with_refresh_token(rotated).unwrap_err()), CloudFailure::LoginRefused);
    let wrong = CscClient::connect(&url(&server, ApiVersion::V1), "alice", &CscOptions::default()).unwrap();
    assert_eq!(cloud_failure(wrong.login(SecretString::from("wrong"), false).unwrap_err()), CloudFailure::LoginRefused);
}

#[test]
fn expired_access_token_is_renewed_with_the_refresh_token() {
    let fixture = Fixture::new();
    let server = fixture.start();
    let client = CscClient::connect(&url(&server, ApiVersion::V2), "alice", &CscOptions::default()).unwrap();
    client.login(SecretString::from(PASSWORD), true).unwrap();
    fixture.clock.advance(Duration::from_secs(3601));
    assert_eq!(only_credential(&client).id, "alice-1");
}

#[test]
fn rsa_credential_signs_pkcs1_v15() {
    use rsa::signature::Verifier as _;
    let mut fixture = Fixture::new();
    let ca = DemoCa::new().unwrap();
    let key: Arc<dyn pecat_csc_server::CredentialKey> =
        Arc::from(read_private_key(include_bytes!("../../csc-server/tests/fixtures/rsa2048.fake.key.pem")).unwrap());
    fixture.config.credentials[0] =
        Credential::demo("alice-rsa", "alice", "Alice RSA", key, &ca).unwrap().with_pin(hash_of(PIN)).with_multisign(4);
    let server = fixture.start();
    let client = logged_in(&server, ApiVersion::V2);
    let credential = only_credential(&client);
    assert_eq!(credential.requirement, AuthRequirement::Pin);
    assert_eq!(credential.capabilities.signature_size, 256);
    let algorithm = SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256);
    assert!(credential.capabilities.algorithms.contains(&algorithm));
    let messages: Vec<String> = (0..4).map(|i| format!("message {i}")).collect();
    let batch: Vec<Vec<u8>> = messages.iter().map(|m| sha2::Sha256::digest(m).to_vec()).collect();
    let authorisation = done(
        client.authorise(&credential, &batch, Secrets::pin(SecretString::from(PIN)), PinOptions::default()).unwrap(),
    );
    let signatures = done(client.sign(&credential, &authorisation, algorithm, &batch).unwrap());
    let public =
        <rsa::PublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(credential.certificate.spki_der())
            .unwrap();
    let verifier = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(public);
    for (message, signature) in messages.iter().zip(&signatures) {
        let signature = rsa::pkcs1v15::Signature::try_from(signature.as_slice()).unwrap();
        verifier.verify(message.as_bytes(), &signature).unwrap();
    }
}

#[test]
fn plain_http_to_another_host_is_refused_before_connecting() {
    let started = Instant::now();
    for address in ["http://192.0.2.1/csc/v2", "http://sign.example.com/csc/v1", "http://localhost.example.com/"] {
        let error = CscClient::connect(address, "alice", &CscOptions::default()).unwrap_err();
        assert_eq!(cloud_failure(error), CloudFailure::PlainHttp, "{address}");
    }
    assert!(started.elapsed() < Duration::from_secs(5), "nothing was sent to 192.0.2.1 (TEST-NET-1)");
    let bad = CscClient::connect("not a url", "alice", &CscOptions::default()).unwrap_err();
    assert!(matches!(cloud_failure(bad), CloudFailure::BadUrl(_)));
}

#[test]
fn nothing_listening_is_unreachable() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error =
        CscClient::connect(&format!("http://127.0.0.1:{port}/csc/v2"), "alice", &CscOptions::default()).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::Unreachable);
}

/// Answers every connection with `response` (after reading the request head).
fn answering(response: &'static [u8]) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = [0u8; 4096];
            let _ = stream.read(&mut head);
            let _ = stream.write_all(response);
        }
    });
    port
}

#[test]
fn garbage_answers_are_malformed_or_a_status() {
    let port = answering(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"specs\": 2.0,",
    );
    let error =
        CscClient::connect(&format!("http://127.0.0.1:{port}/csc/v2"), "a", &CscOptions::default()).unwrap_err();
    assert!(matches!(cloud_failure(error), CloudFailure::Malformed(_)));

    let port = answering(
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 20\r\nConnection: close\r\n\r\n<h1>Bad gateway</h1>",
    );
    let error =
        CscClient::connect(&format!("http://127.0.0.1:{port}/csc/v2"), "a", &CscOptions::default()).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::Status(502, "<h1>Bad gateway</h1>".into()));

    let port = answering(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"specs\":\"3.0.0\"}",
    );
    let error =
        CscClient::connect(&format!("http://127.0.0.1:{port}/csc/v2"), "a", &CscOptions::default()).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::UnsupportedVersion("3.0.0".into()));
}

#[test]
fn a_silent_service_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_secs(2));
        drop(stream);
    });
    let options = CscOptions { timeout: Duration::from_secs(1), ..CscOptions::default() };
    let error = CscClient::connect(&format!("http://127.0.0.1:{port}/csc/v2"), "a", &options).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::Timeout);
    held.join().unwrap();
}

#[test]
fn tls_needs_a_trusted_certificate() {
    let identity = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let mut fixture = Fixture::new();
    fixture.config.tls = Some(TlsConfig {
        certificate_chain_pem: identity.cert.pem().into_bytes(),
        private_key_pem: identity.signing_key.serialize_pem().into_bytes().into(),
    });
    let server = fixture.start();
    let address = format!("https://localhost:{}/csc/v2", server.addr.port());
    let untrusted = CscClient::connect(&address, "alice", &CscOptions::default()).unwrap_err();
    let shown = format!("{untrusted:?}");
    assert_eq!(cloud_failure(untrusted), CloudFailure::Tls, "{shown}");

    let options = CscOptions { extra_roots: vec![identity.cert.der().to_vec()], ..CscOptions::default() };
    let client = CscClient::connect(&address, "alice", &options).unwrap();
    client.login(SecretString::from(PASSWORD), false).unwrap();
    assert_eq!(only_credential(&client).id, "alice-1");
}
