//! `credentials/extendTransaction` in the CSC client, both API versions, against Pecat's own CSC
//! service on loopback with a SAD that lives three seconds: a batch signed over a longer time
//! still signs with its one authorisation, and every signature verifies.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::pkcs8::DecodePublicKey;
use pecat_csc_server::{Config, Credential, DemoCa, HashCost, P256Key, PasswordHash, Server, User};
use pecat_token::{
    ApiVersion, CredentialStore, CscClient, CscOptions, HashAlgorithm, PinOptions, SecretString, Secrets, SignAlgorithm,
};
use sha2::Digest;

const PASSWORD: &str = "correct horse";
const PIN: &str = "1234";
const ECDSA: SignAlgorithm = SignAlgorithm::Ecdsa(HashAlgorithm::Sha256);
/// The SAD's lifetime on the service.
const LIFETIME: Duration = Duration::from_secs(3);

fn hash_of(secret: &str) -> PasswordHash {
    PasswordHash::new(&SecretString::from(secret), HashCost::Light).unwrap()
}

fn done<T>(outcome: pecat_token::PinOutcome<T>) -> T {
    match outcome.into_failure::<()>() {
        Err(value) => value,
        Ok(failure) => panic!("expected Done, got {failure:?}"),
    }
}

fn batch_outlives_its_sad(version: ApiVersion) {
    let ca = DemoCa::new().unwrap();
    let mut config = Config { sad_lifetime: LIFETIME, ..Config::default() };
    config.users.push(User { name: "alice".into(), password: hash_of(PASSWORD) });
    let key = Arc::new(P256Key::generate().unwrap());
    config.credentials.push(
        Credential::demo("alice-1", "alice", "Alice Test", key, &ca).unwrap().with_pin(hash_of(PIN)).with_multisign(4),
    );
    let server = Server::start(config).unwrap();
    let path = if version == ApiVersion::V1 { "v1" } else { "v2" };
    let url = format!("{}/csc/{path}", server.base_url());
    let client = CscClient::connect(&url, "alice", &CscOptions::default()).unwrap();
    client.login(SecretString::from(PASSWORD), false).unwrap();
    let credential = client.signing_credentials().unwrap().remove(0);

    let batch: Vec<Vec<u8>> = (0..4).map(|i| sha2::Sha256::digest(format!("document {i}")).to_vec()).collect();
    let secrets = Secrets { pin: Some(SecretString::from(PIN)), code: None };
    let started = Instant::now();
    let authorisation = done(client.authorise(&credential, &batch, secrets, PinOptions::default()).unwrap());
    // One document at a time, as a batch that prepares each PDF before signing it does.
    let mut signatures = Vec::new();
    for digest in &batch {
        // 1.7 s: past half the lifetime (the client extends), 1.3 s before the SAD would expire.
        std::thread::sleep(Duration::from_millis(1700));
        let signed = client.sign(&credential, &authorisation, ECDSA, std::slice::from_ref(digest)).unwrap();
        signatures.extend(done(signed));
    }
    assert!(started.elapsed() > 2 * LIFETIME, "the batch outlived the SAD");

    let key = p256::ecdsa::VerifyingKey::from_public_key_der(credential.certificate.spki_der()).unwrap();
    for (digest, signature) in batch.iter().zip(&signatures) {
        key.verify_prehash(digest, &p256::ecdsa::Signature::from_slice(signature).unwrap()).unwrap();
    }
    let requests = server.requests();
    let count = |method: &str| requests.get(&format!("/csc/{path}/{method}")).copied().unwrap_or(0);
    assert_eq!(count("credentials/authorize"), 1, "{requests:?}");
    assert_eq!(count("signatures/signHash"), 4, "{requests:?}");
    assert!(count("credentials/extendTransaction") >= 2, "{requests:?}");
}

#[test]
fn v1_a_batch_longer_than_the_sad_lifetime_still_signs() {
    batch_outlives_its_sad(ApiVersion::V1);
}

#[test]
fn v2_a_batch_longer_than_the_sad_lifetime_still_signs() {
    batch_outlives_its_sad(ApiVersion::V2);
}
