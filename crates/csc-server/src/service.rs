//! The service itself, without HTTP: accounts and bearer tokens (CSC v2 §11.2–11.3), credential
//! lookup (§11.4–11.5), authorisation with PIN and one-time code into a SAD (§11.6–11.7,
//! v1.0.4.0 §11.7 `sendOTP`), lockout, and signing hashes (§11.9). Both API versions call it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::algo::{self, AlgorithmProblem, HashAlgorithm};
use crate::config::{Config, Credential, OtpDelivery, OtpMethod, Scal};
use crate::error::Result;
use crate::password::{HashCost, PasswordHash};
use crate::state::{CredentialState, State};
use crate::totp::constant_time_eq;

/// Why a request was refused; [`crate::api`] turns it into the spec's error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A parameter is missing or wrong; the text names it (spec wording).
    InvalidRequest(String),
    /// The bearer token is missing, unknown, revoked or expired.
    InvalidToken,
    /// HTTP Basic credentials are missing or wrong.
    AuthenticationFailed,
    /// The refresh token is unknown, used or expired.
    InvalidGrant,
    /// No credential with that id belongs to the user.
    UnknownCredential,
    /// Wrong PIN; `tries_left` before the credential locks.
    InvalidPin { tries_left: u32 },
    /// Wrong, reused or expired one-time code; `tries_left` before the credential locks.
    InvalidOtp { tries_left: u32 },
    /// Too many wrong PINs or codes: the credential is locked.
    Locked,
    /// The SAD is unknown, revoked, used up, or for another credential.
    InvalidSad,
    /// The SAD has expired.
    SadExpired,
    /// A hash was not among those the SCAL2 SAD was issued for.
    HashNotAuthorised,
    /// More signatures than the SAD allows, or more hashes than a call may carry.
    TooManySignatures,
    /// `signAlgo`/`hashAlgo` cannot be used with this credential.
    Algorithm(AlgorithmProblem),
    /// Something failed inside the service (logged, never detailed to the client).
    Internal(String),
}

/// An access token (and a refresh token with `rememberMe`).
#[derive(Debug)]
pub struct Tokens {
    /// The bearer token.
    pub access_token: SecretString,
    /// Its lifetime in seconds.
    pub expires_in: u64,
    /// A refresh token, if asked for.
    pub refresh_token: Option<SecretString>,
}

/// A SAD and its lifetime.
#[derive(Debug)]
pub struct SadGrant {
    /// The signature activation data.
    pub sad: SecretString,
    /// Its lifetime in seconds.
    pub expires_in: u64,
}

/// What `credentials/authorize` was given, decoded.
#[derive(Debug)]
pub struct AuthorizeRequest {
    pub credential_id: String,
    pub num_signatures: u32,
    pub hashes: Option<Vec<Vec<u8>>>,
    pub hash_algorithm: Option<String>,
    pub pin: Option<SecretString>,
    pub otp: Option<SecretString>,
}

/// What `signatures/signHash` was given, decoded.
#[derive(Debug)]
pub struct SignRequest {
    pub credential_id: String,
    pub sad: SecretString,
    pub hashes: Vec<Vec<u8>>,
    pub sign_algo: String,
    pub hash_algo: Option<String>,
}

/// Tokens, SADs and codes are kept by the SHA-256 of their value, never the value itself.
type Handle = [u8; 32];

fn handle(token: &str) -> Handle {
    Sha256::digest(token.as_bytes()).into()
}

struct Session {
    user: String,
    expires: SystemTime,
}

struct Sad {
    user: String,
    credential: String,
    /// SCAL2: the hashes still to be signed (a multiset).
    hashes: Option<Vec<Vec<u8>>>,
    remaining: u32,
    expires: SystemTime,
}

struct SentCode {
    code: Zeroizing<String>,
    expires: SystemTime,
}

struct Inner {
    access: HashMap<Handle, Session>,
    refresh: HashMap<Handle, Session>,
    sads: HashMap<Handle, Sad>,
    sent_codes: HashMap<String, SentCode>,
    state: State,
}

/// The running service's data, shared by the request handlers.
pub struct Service {
    pub(crate) config: Config,
    /// Verified when the user name is unknown, so timing does not tell which names exist.
    decoy: PasswordHash,
    inner: Mutex<Inner>,
    /// Requests served, per path: how many calls a client made (for benchmarks and tests).
    requests: Mutex<std::collections::BTreeMap<String, u64>>,
    /// Authorization codes of the OAuth 2.0 flow, not yet exchanged.
    pub(crate) oauth_codes: crate::api::oauth::Codes,
}

impl fmt::Debug for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Service").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Service {
    /// Counts one request to `path`.
    pub(crate) fn count_request(&self, path: &str) {
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        *requests.entry(path.to_owned()).or_default() += 1;
    }

    /// Requests served so far, per path.
    pub(crate) fn requests(&self) -> std::collections::BTreeMap<String, u64> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// A random token: 32 bytes, base64url without padding.
fn random_token() -> Result<SecretString, Fault> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    getrandom::fill(bytes.as_mut()).map_err(|e| Fault::Internal(format!("random: {e}")))?;
    let text = <base64ct::Base64UrlUnpadded as base64ct::Encoding>::encode_string(bytes.as_ref());
    Ok(SecretString::from(text))
}

/// A uniformly random 6-digit code.
fn random_code() -> Result<Zeroizing<String>, Fault> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| Fault::Internal(format!("random: {e}")))?;
        let n = u32::from_be_bytes(bytes);
        // Reject the top partial range so every code is equally likely.
        if n < u32::MAX - u32::MAX % 1_000_000 {
            return Ok(Zeroizing::new(format!("{:06}", n % 1_000_000)));
        }
    }
}

fn lifetime_secs(d: std::time::Duration) -> u64 {
    d.as_secs().max(1)
}

/// Runs slow work (Argon2, RSA) off the async worker threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Fault> {
    tokio::task::spawn_blocking(work).await.map_err(|e| Fault::Internal(format!("worker: {e}")))
}

impl Service {
    /// Checks the configuration and loads the lockout state.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let state = State::load(config.state_file.clone())?;
        let decoy = PasswordHash::new(&SecretString::from("decoy"), HashCost::Light)
            .map_err(|source| crate::Error::Password { what: "decoy".into(), source })?;
        let inner = Inner {
            access: HashMap::new(),
            refresh: HashMap::new(),
            sads: HashMap::new(),
            sent_codes: HashMap::new(),
            state,
        };
        Ok(Self {
            config,
            decoy,
            inner: Mutex::new(inner),
            requests: Mutex::default(),
            oauth_codes: crate::api::oauth::Codes::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.config.clock.now()
    }

    pub(crate) fn issue_tokens(&self, user: &str, remember: bool) -> Result<Tokens, Fault> {
        let now = self.now();
        let access = random_token()?;
        let refresh = if remember { Some(random_token()?) } else { None };
        let mut inner = self.lock();
        inner.access.retain(|_, s| s.expires > now);
        inner.refresh.retain(|_, s| s.expires > now);
        let expires = now + self.config.access_token_lifetime;
        inner.access.insert(handle(access.expose_secret()), Session { user: user.to_owned(), expires });
        if let Some(refresh) = &refresh {
            let expires = now + self.config.refresh_token_lifetime;
            inner.refresh.insert(handle(refresh.expose_secret()), Session { user: user.to_owned(), expires });
        }
        Ok(Tokens {
            access_token: access,
            expires_in: lifetime_secs(self.config.access_token_lifetime),
            refresh_token: refresh,
        })
    }

    /// `auth/login` with HTTP Basic credentials.
    pub async fn login(&self, user: &str, password: SecretString, remember: bool) -> Result<Tokens, Fault> {
        self.check_password(user, password).await?;
        self.issue_tokens(user, remember)
    }

    /// Checks a user's password (HTTP Basic of `auth/login`, the form of `oauth2/authorize`).
    pub(crate) async fn check_password(&self, user: &str, password: SecretString) -> Result<(), Fault> {
        let (hash, known) = match self.config.users.iter().find(|u| u.name == user) {
            Some(u) => (u.password.clone(), true),
            None => (self.decoy.clone(), false),
        };
        let matches = blocking(move || hash.verify(password.expose_secret())).await?;
        if !(known && matches) {
            log::info!("login refused for user {user:?}");
            return Err(Fault::AuthenticationFailed);
        }
        log::info!("user {user:?} logged in");
        Ok(())
    }

    /// `auth/login` with a `refresh_token` (v2 §11.2): a new access token and a new refresh
    /// token; the old refresh token is spent.
    pub fn refresh(&self, refresh_token: &SecretString) -> Result<Tokens, Fault> {
        let now = self.now();
        let session = self.lock().refresh.remove(&handle(refresh_token.expose_secret()));
        match session {
            Some(s) if s.expires > now => self.issue_tokens(&s.user, true),
            _ => Err(Fault::InvalidGrant),
        }
    }

    /// The user a bearer token belongs to.
    pub fn user_for(&self, access_token: &str) -> Result<String, Fault> {
        let now = self.now();
        let mut inner = self.lock();
        let key = handle(access_token);
        match inner.access.get(&key) {
            Some(s) if s.expires > now => Ok(s.user.clone()),
            Some(_) => {
                inner.access.remove(&key);
                Err(Fault::InvalidToken)
            }
            None => Err(Fault::InvalidToken),
        }
    }

    /// `auth/revoke` (v2 §11.3): revokes `token` (default: the caller's access token) if it
    /// belongs to `user`; unknown tokens are ignored (RFC 7009 §2.2).
    pub fn revoke(&self, user: &str, caller_token: &str, token: Option<&str>, hint: Option<&str>) -> Result<(), Fault> {
        let target = handle(token.unwrap_or(caller_token));
        let mut inner = self.lock();
        let tables: [&mut HashMap<Handle, Session>; 2] = match hint {
            Some("refresh_token") => {
                let Inner { access, refresh, .. } = &mut *inner;
                [refresh, access]
            }
            None | Some("access_token") => {
                let Inner { access, refresh, .. } = &mut *inner;
                [access, refresh]
            }
            Some(_) => return Err(Fault::InvalidRequest("Invalid parameter token_type_hint".into())),
        };
        for table in tables {
            if table.get(&target).is_some_and(|s| s.user == user) {
                table.remove(&target);
                break;
            }
        }
        Ok(())
    }

    /// The credentials of `user`, in configuration order.
    pub fn credentials_of<'a>(&'a self, user: &'a str) -> impl Iterator<Item = &'a Credential> + 'a {
        self.config.credentials.iter().filter(move |c| c.owner == user)
    }

    /// The credential `id` if it belongs to `user`.
    pub fn credential(&self, user: &str, id: &str) -> Result<&Credential, Fault> {
        self.config.credentials.iter().find(|c| c.owner == user && c.id == id).ok_or(Fault::UnknownCredential)
    }

    /// Whether the credential is locked.
    pub fn is_locked(&self, id: &str) -> bool {
        self.lock().state.get(id).locked
    }

    /// Unlocks a credential and clears its failure counter (an administrator's act).
    pub fn unlock(&self, id: &str) -> Result<()> {
        let mut inner = self.lock();
        let mut state = inner.state.get(id);
        state.locked = false;
        state.failures = 0;
        inner.state.set(id, state)
    }

    fn save_state(inner: &mut Inner, id: &str, state: CredentialState) -> Result<(), Fault> {
        inner.state.set(id, state).map_err(|e| Fault::Internal(e.to_string()))
    }

    /// Counts one failure; returns the tries left (0: now locked).
    fn record_failure(&self, id: &str) -> Result<u32, Fault> {
        let mut inner = self.lock();
        let mut state = inner.state.get(id);
        state.failures = state.failures.saturating_add(1);
        if state.failures >= self.config.lockout_after {
            state.locked = true;
            log::warn!("credential {id:?} locked after {} failed authorisations", state.failures);
        }
        let left = self.config.lockout_after.saturating_sub(state.failures);
        Self::save_state(&mut inner, id, state)?;
        Ok(left)
    }

    /// `credentials/sendOTP` (v1.0.4.0 §11.7): makes a code and hands it to the OTP sink.
    pub fn send_otp(&self, user: &str, id: &str) -> Result<(), Fault> {
        let credential = self.credential(user, id)?;
        if !matches!(credential.otp, Some(OtpMethod::Sent)) {
            return Err(Fault::InvalidRequest("The credential does not use online OTP".into()));
        }
        if self.is_locked(id) {
            return Err(Fault::Locked);
        }
        let code = random_code()?;
        let expires = self.now() + self.config.sent_code_lifetime;
        let secret = SecretString::from(code.as_str());
        self.lock().sent_codes.insert(id.to_owned(), SentCode { code, expires });
        self.config.otp_sink.deliver(&OtpDelivery { credential: id, user, code: &secret });
        Ok(())
    }

    /// `credentials/authorize`: checks PIN and code, counts failures, issues a SAD.
    pub async fn authorize(&self, user: &str, request: AuthorizeRequest) -> Result<SadGrant, Fault> {
        let credential = self.credential(user, &request.credential_id)?;
        let limits = self.config.limits;
        if request.num_signatures == 0 {
            return Err(Fault::InvalidRequest("Invalid parameter numSignatures".into()));
        }
        // §11.5: numSignatures SHALL NOT exceed the credential's multisign (both versions).
        if request.num_signatures > limits.max_signatures_per_sad || request.num_signatures > credential.multisign {
            return Err(Fault::TooManySignatures);
        }
        let hashes = match (&request.hashes, credential.scal) {
            (None, Scal::Two) => {
                return Err(Fault::InvalidRequest("Missing (or invalid type) array parameter hashes".into()));
            }
            (Some(h), Scal::Two) => {
                if h.len() != request.num_signatures as usize {
                    return Err(Fault::InvalidRequest("The number of hashes does not match numSignatures".into()));
                }
                check_hashes(h, request.hash_algorithm.as_deref(), limits.max_hashes_per_request)?;
                Some(h.clone())
            }
            (Some(h), Scal::One) => {
                check_hashes(h, request.hash_algorithm.as_deref(), limits.max_hashes_per_request)?;
                None
            }
            (None, Scal::One) => None,
        };
        if self.is_locked(&credential.id) {
            return Err(Fault::Locked);
        }
        if let Some(pin_hash) = &credential.pin {
            let Some(pin) = request.pin else { return Err(Fault::InvalidRequest("Missing parameter PIN".into())) };
            let hash = pin_hash.clone();
            if !blocking(move || hash.verify(pin.expose_secret())).await? {
                let tries_left = self.record_failure(&credential.id)?;
                log::info!("wrong PIN for credential {:?}", credential.id);
                return Err(Fault::InvalidPin { tries_left });
            }
        }
        let mut totp_step = None;
        if let Some(method) = &credential.otp {
            let Some(code) = request.otp else { return Err(Fault::InvalidRequest("Missing parameter OTP".into())) };
            let valid = match method {
                OtpMethod::Totp(secret) => {
                    let last = self.lock().state.get(&credential.id).last_totp_step;
                    match secret.matching_step(code.expose_secret(), self.now()) {
                        Some(step) if self.config.allow_totp_reuse || last.is_none_or(|l| step > l) => {
                            totp_step = Some(step);
                            true
                        }
                        _ => false,
                    }
                }
                OtpMethod::Sent => {
                    let now = self.now();
                    let mut inner = self.lock();
                    let valid = inner.sent_codes.get(&credential.id).is_some_and(|sent| {
                        sent.expires > now && constant_time_eq(sent.code.as_bytes(), code.expose_secret().as_bytes())
                    });
                    if valid {
                        inner.sent_codes.remove(&credential.id);
                    }
                    valid
                }
            };
            if !valid {
                let tries_left = self.record_failure(&credential.id)?;
                log::info!("wrong one-time code for credential {:?}", credential.id);
                return Err(Fault::InvalidOtp { tries_left });
            }
        }
        let sad = random_token()?;
        let now = self.now();
        let mut inner = self.lock();
        // A failure may have locked the credential while the PIN was being checked.
        let mut state = inner.state.get(&credential.id);
        if state.locked {
            return Err(Fault::Locked);
        }
        if state.failures != 0 || totp_step.is_some() {
            state.failures = 0;
            state.last_totp_step = totp_step.or(state.last_totp_step);
            Self::save_state(&mut inner, &credential.id, state)?;
        }
        inner.sads.retain(|_, s| s.expires > now);
        inner.sads.insert(
            handle(sad.expose_secret()),
            Sad {
                user: user.to_owned(),
                credential: credential.id.clone(),
                hashes,
                remaining: request.num_signatures,
                expires: now + self.config.sad_lifetime,
            },
        );
        log::info!("credential {:?} authorised for {} signatures", credential.id, request.num_signatures);
        Ok(SadGrant { sad, expires_in: lifetime_secs(self.config.sad_lifetime) })
    }

    /// `credentials/extendTransaction` (v2 §11.8): a new SAD with a fresh lifetime for an
    /// unexpired one; the old one stops working.
    pub fn extend(&self, user: &str, id: &str, sad: &SecretString) -> Result<SadGrant, Fault> {
        self.credential(user, id)?;
        let now = self.now();
        let fresh = random_token()?;
        let mut inner = self.lock();
        let old = inner.sads.remove(&handle(sad.expose_secret())).ok_or(Fault::InvalidSad)?;
        if old.user != user || old.credential != id {
            inner.sads.insert(handle(sad.expose_secret()), old);
            return Err(Fault::InvalidSad);
        }
        if old.expires <= now {
            return Err(Fault::SadExpired);
        }
        inner.sads.insert(handle(fresh.expose_secret()), Sad { expires: now + self.config.sad_lifetime, ..old });
        Ok(SadGrant { sad: fresh, expires_in: lifetime_secs(self.config.sad_lifetime) })
    }

    /// `signatures/signHash`: spends the SAD on the hashes and signs them, in order.
    pub async fn sign(&self, user: &str, request: SignRequest) -> Result<Vec<Vec<u8>>, Fault> {
        let credential = self.credential(user, &request.credential_id)?;
        if request.hashes.is_empty() {
            return Err(Fault::InvalidRequest("Empty array parameter hashes".into()));
        }
        if request.hashes.len() > self.config.limits.max_hashes_per_request
            || request.hashes.len() > credential.multisign as usize
        {
            return Err(Fault::TooManySignatures);
        }
        let algorithm = algo::resolve(credential.key.kind(), &request.sign_algo, request.hash_algo.as_deref())
            .map_err(Fault::Algorithm)?;
        if request.hashes.iter().any(|h| h.len() != algorithm.digest_len()) {
            return Err(Fault::InvalidRequest("A hash does not have the length of hashAlgo".into()));
        }
        {
            let now = self.now();
            let mut inner = self.lock();
            let key = handle(request.sad.expose_secret());
            let sad = inner.sads.get_mut(&key).ok_or(Fault::InvalidSad)?;
            if sad.user != user || sad.credential != credential.id {
                return Err(Fault::InvalidSad);
            }
            if sad.expires <= now {
                inner.sads.remove(&key);
                return Err(Fault::SadExpired);
            }
            if request.hashes.len() > sad.remaining as usize {
                return Err(Fault::TooManySignatures);
            }
            if let Some(allowed) = &sad.hashes {
                let mut left = allowed.clone();
                for hash in &request.hashes {
                    let at = left.iter().position(|a| a == hash).ok_or(Fault::HashNotAuthorised)?;
                    left.swap_remove(at);
                }
                sad.hashes = Some(left);
            }
            sad.remaining -= request.hashes.len() as u32;
            if sad.remaining == 0 {
                inner.sads.remove(&key);
            }
        }
        let key = Arc::clone(&credential.key);
        let hashes = request.hashes;
        let signatures =
            blocking(move || hashes.iter().map(|h| key.sign_digest(algorithm, h)).collect::<Result<Vec<_>, _>>())
                .await?
                .map_err(|e| Fault::Internal(e.to_string()))?;
        log::info!("credential {:?} signed {} hashes", credential.id, signatures.len());
        Ok(signatures)
    }

    /// The certificate status word of `credential` now (`valid`/`expired`).
    pub fn certificate_status(&self, credential: &Credential) -> &'static str {
        let now = crate::clock::unix_seconds(self.now()) as i64;
        match credential.chain.first() {
            Some(leaf) if leaf.summary().not_before <= now && now <= leaf.summary().not_after => "valid",
            _ => "expired",
        }
    }
}

fn check_hashes(hashes: &[Vec<u8>], hash_algorithm: Option<&str>, max: usize) -> Result<(), Fault> {
    if hashes.is_empty() {
        return Err(Fault::InvalidRequest("Empty array parameter hashes".into()));
    }
    if hashes.len() > max {
        return Err(Fault::TooManySignatures);
    }
    let expected = match hash_algorithm {
        Some(oid) => Some(
            HashAlgorithm::from_oid(oid).ok_or(Fault::Algorithm(AlgorithmProblem::UnknownHashAlgorithm))?.digest_len(),
        ),
        None => None,
    };
    for hash in hashes {
        let fits = match expected {
            Some(len) => hash.len() == len,
            None => HashAlgorithm::from_digest_len(hash.len()).is_some(),
        };
        if !fits {
            return Err(Fault::InvalidRequest("Invalid hash length".into()));
        }
    }
    Ok(())
}
