//! [`CscClient`]: one account at one CSC service, as a [`CredentialStore`]. `info` decides the
//! API version; login is HTTP Basic (`auth/login`, §11.2) or a refresh token; credentials come
//! from `credentials/list` (paged) and `credentials/info` (§11.4–11.5); authorising sends the PIN
//! and one-time code to `credentials/authorize` (§11.6) for a SAD bound to the digests; signing
//! calls `signatures/signHash` (§11.9) for at most `multisign` hashes (one authorisation's limit), extending the SAD
//! (`credentials/extendTransaction`, §11.8) when it is about to expire or has just expired.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding};
use pecat_pki::{Certificate, KeyAlgorithm};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::api::{self, Secret};
use super::ecdsa::raw_signature;
use super::http::{ApiError, Auth, Http, Retry};
use super::refusal::Refusal;
use super::transaction::{Live, Transactions};
use super::{ApiVersion, CscOptions, ServiceInfo};
use crate::error::{CloudFailure, Error, Result};
use crate::pin::{PinOptions, PinOutcome, SecretKind};
use crate::pin_policy::PolicyViolation;
use crate::store::{
    AuthRequirement, Authorisation, Capabilities, CodeDelivery, CredentialStore, Grant, Secrets, StoreCredential,
    StoreId,
};
use crate::token::{HashAlgorithm, SignAlgorithm};

/// `expiresIn` when a service leaves it out (v2 §11.6: "default 3600").
pub(super) const DEFAULT_SAD_SECONDS: u64 = 3600;
/// The most `credentials/list` pages read, against a service that pages forever.
const MAX_PAGES: usize = 1000;

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";

/// The OID of a digest algorithm (RFC 5754 §2).
fn hash_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "2.16.840.1.101.3.4.2.1",
        HashAlgorithm::Sha384 => "2.16.840.1.101.3.4.2.2",
        HashAlgorithm::Sha512 => "2.16.840.1.101.3.4.2.3",
    }
}

/// `ecdsa-with-SHA*` (RFC 5758 §3.2).
fn ecdsa_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "1.2.840.10045.4.3.2",
        HashAlgorithm::Sha384 => "1.2.840.10045.4.3.3",
        HashAlgorithm::Sha512 => "1.2.840.10045.4.3.4",
    }
}

/// `sha*WithRSAEncryption` (RFC 8017 §A.2.4).
fn rsa_oid(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha256 => "1.2.840.113549.1.1.11",
        HashAlgorithm::Sha384 => "1.2.840.113549.1.1.12",
        HashAlgorithm::Sha512 => "1.2.840.113549.1.1.13",
    }
}

const HASHES: [HashAlgorithm; 3] = [HashAlgorithm::Sha256, HashAlgorithm::Sha384, HashAlgorithm::Sha512];

/// The digest algorithm of digests of `len` bytes.
fn hash_of_len(len: usize) -> Option<HashAlgorithm> {
    HASHES.into_iter().find(|h| h.output_len() == len)
}

/// What the client keeps of a credential beyond [`StoreCredential`].
#[derive(Debug, Clone)]
struct Meta {
    /// `key/status` "disabled", or a refusal said it is locked.
    disabled: bool,
    /// v2 `authData` id of the PIN object.
    pin_id: String,
    /// v2 `authData` id of the OTP object.
    otp_id: String,
    /// v1 `OTP/type` "online": `credentials/sendOTP` sends the code.
    otp_sent: bool,
    /// The key advertises `rsaEncryption` (or nothing), so `signAlgo` can name it with `hashAlgo`.
    rsa_encryption: bool,
}

#[derive(Default)]
pub(super) struct Session {
    pub(super) access: Option<SecretString>,
    pub(super) refresh: Option<SecretString>,
}

/// A client of one account at one CSC service. Tokens are kept in memory only; the refresh
/// token is handed out ([`CscClient::refresh_token`]) for whoever stores it.
pub struct CscClient {
    pub(super) http: Http,
    info: ServiceInfo,
    account: String,
    /// What the user calls this account (the settings' account name), when given.
    label: Option<String>,
    session: Mutex<Session>,
    credentials: Mutex<HashMap<String, Meta>>,
    /// SADs issued and extended, for `credentials/extendTransaction`.
    pub(super) transactions: Transactions,
}

impl fmt::Debug for CscClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CscClient")
            .field("service", &self.http.service())
            .field("version", &self.info.version)
            .field("account", &self.account)
            .field("logged_in", &self.is_logged_in())
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Decodes base64 as services write it: standard, or URL-safe, padded or not.
fn decode_b64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    Base64::decode_vec(text)
        .or_else(|_| Base64Unpadded::decode_vec(text))
        .or_else(|_| Base64Url::decode_vec(text))
        .or_else(|_| Base64UrlUnpadded::decode_vec(text))
        .ok()
}

fn encode_all(digests: &[Vec<u8>]) -> Vec<String> {
    digests.iter().map(|d| Base64::encode_string(d)).collect()
}

impl CscClient {
    /// Reads `info` of the service at `base_url` (the API root, e.g.
    /// `https://sign.example.com/csc/v2`) for `account`. Plain `http://` is refused, before any
    /// connection, unless the host is this computer. Logs nothing in yet.
    pub fn connect(base_url: &str, account: &str, options: &CscOptions) -> Result<Self> {
        let http = Http::new(base_url, options)?;
        let answer: api::InfoResponse =
            http.post("info", &serde_json::json!({}), Auth::None, Retry::OnConnectError)?
                .map_err(|e| http.fail(CloudFailure::Refused { error: e.error, description: e.description }))?;
        let version = if answer.specs.starts_with("1.") {
            ApiVersion::V1
        } else if answer.specs.starts_with("2.") {
            ApiVersion::V2
        } else {
            return Err(http.fail(CloudFailure::UnsupportedVersion(answer.specs)));
        };
        let info = ServiceInfo {
            specs: answer.specs,
            version,
            name: answer.name.unwrap_or_default(),
            auth_types: answer.auth_type,
            methods: answer.methods,
            oauth2: answer.oauth2,
        };
        log::info!("CSC service {} speaks {} ({:?})", http.service(), info.specs, info.version);
        Ok(Self {
            http,
            info,
            account: account.to_owned(),
            label: None,
            session: Mutex::default(),
            credentials: Mutex::default(),
            transactions: Transactions::default(),
        })
    }

    /// Names the store as the user named the account; the label is what
    /// [`CredentialStore::store_label`] returns (by default the service's own name).
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// What `info` said.
    pub fn info(&self) -> &ServiceInfo {
        &self.info
    }

    /// The API version in use.
    pub fn version(&self) -> ApiVersion {
        self.info.version
    }

    /// The account name.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// Whether an access token is held.
    pub fn is_logged_in(&self) -> bool {
        lock(&self.session).access.is_some()
    }

    /// Whether a login is needed before credentials can be listed: the service has a login
    /// (`authType` not empty) and no access token is held.
    pub fn needs_login(&self) -> bool {
        !self.info.auth_types.is_empty() && !self.is_logged_in()
    }

    /// The refresh token of the last login with `remember` (or the last refresh), to be
    /// stored. Services rotate it: read it again after each login.
    pub fn refresh_token(&self) -> Option<SecretString> {
        lock(&self.session).refresh.clone()
    }

    /// Logs in with HTTP Basic (`auth/login`, §11.2); `remember` asks for a refresh token.
    pub fn login(&self, password: SecretString, remember: bool) -> Result<()> {
        self.require("auth/login")?;
        if !self.info.basic_login() && !self.info.auth_types.is_empty() {
            return Err(self.http.fail(CloudFailure::MethodMissing("a login with user name and password".into())));
        }
        let body = api::LoginRequest { refresh_token: None, remember_me: remember };
        let answer = self.http.post("auth/login", &body, Auth::Basic(&self.account, &password), Retry::Never)?;
        self.take_login(answer, None)
    }

    /// Logs in with a refresh token from an earlier `login(…, remember: true)` or
    /// [`CscClient::login_oauth2`]: at `auth/login`, or at `oauth2/token` for a service that
    /// has only the browser login.
    pub fn login_with_refresh_token(&self, refresh_token: SecretString) -> Result<()> {
        if self.info.oauth2_login() && !(self.info.basic_login() && self.info.offers("auth/login")) {
            return self.refresh_oauth2(refresh_token);
        }
        self.require("auth/login")?;
        let body = api::LoginRequest { refresh_token: Some(Secret(&refresh_token)), remember_me: true };
        let answer = self.http.post("auth/login", &body, Auth::None, Retry::Never)?;
        self.take_login(answer, Some(refresh_token))
    }

    pub(super) fn take_login(
        &self,
        answer: std::result::Result<api::LoginResponse, ApiError>,
        previous_refresh: Option<SecretString>,
    ) -> Result<()> {
        match answer {
            Ok(tokens) => {
                let mut session = lock(&self.session);
                session.access = Some(tokens.access_token);
                session.refresh = tokens.refresh_token.or(previous_refresh);
                log::info!("logged in to {} as {}", self.http.service(), self.account);
                Ok(())
            }
            Err(e) => Err(self.refused(e)),
        }
    }

    /// Revokes the refresh token and the access token (`auth/revoke`, §11.3) and forgets them.
    pub fn revoke(&self) -> Result<()> {
        let Session { access, refresh } = std::mem::take(&mut *lock(&self.session));
        let Some(access) = access else { return Ok(()) };
        self.require("auth/revoke")?;
        if let Some(refresh) = &refresh {
            let body = api::RevokeRequest { token: Secret(refresh), token_type_hint: "refresh_token" };
            self.http
                .post::<IgnoredAny>("auth/revoke", &body, Auth::Bearer(&access), Retry::Never)?
                .map_err(|e| self.refused(e))?;
        }
        let body = api::RevokeRequest { token: Secret(&access), token_type_hint: "access_token" };
        self.http
            .post::<IgnoredAny>("auth/revoke", &body, Auth::Bearer(&access), Retry::Never)?
            .map_err(|e| self.refused(e))?;
        Ok(())
    }

    pub(super) fn require(&self, method: &str) -> Result<()> {
        if self.info.offers(method) {
            Ok(())
        } else {
            Err(self.http.fail(CloudFailure::MethodMissing(method.to_owned())))
        }
    }

    /// A refusal that is not a PIN outcome, as an error.
    pub(super) fn refused(&self, e: ApiError) -> Error {
        self.http.fail(match Refusal::of(&e) {
            Refusal::InvalidToken => CloudFailure::LoginRequired,
            Refusal::LoginRefused => CloudFailure::LoginRefused,
            _ => CloudFailure::Refused { error: e.error, description: e.description },
        })
    }

    /// Calls `method` with the access token; when the service says the token is no longer
    /// valid and a refresh token is held, logs in with it and calls once more (the refused
    /// call was not carried out, so this is safe for every method).
    pub(super) fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        body: &impl Serialize,
        retry: Retry,
    ) -> Result<std::result::Result<T, ApiError>> {
        self.require(method)?;
        let access = lock(&self.session).access.clone();
        let auth = access.as_ref().map_or(Auth::None, Auth::Bearer);
        let answer = self.http.post(method, body, auth, retry)?;
        if let Err(e) = &answer
            && Refusal::of(e) == Refusal::InvalidToken
        {
            let refresh = lock(&self.session).refresh.clone();
            let Some(refresh) = refresh else { return Err(self.http.fail(CloudFailure::LoginRequired)) };
            log::info!("access token of {} refused; logging in with the refresh token", self.http.service());
            self.login_with_refresh_token(refresh)?;
            let access = lock(&self.session).access.clone();
            let auth = access.as_ref().map_or(Auth::None, Auth::Bearer);
            return self.http.post(method, body, auth, retry);
        }
        Ok(answer)
    }

    /// `credentials/list`, every page.
    fn credential_ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let body = api::ListRequest { page_token: token.as_deref() };
            let page: api::ListResponse =
                self.call("credentials/list", &body, Retry::OnConnectError)?.map_err(|e| self.refused(e))?;
            ids.extend(page.credential_ids);
            match page.next_page_token {
                Some(next) if !next.is_empty() && token.as_deref() != Some(next.as_str()) => token = Some(next),
                _ => return Ok(ids),
            }
        }
        Err(self.http.fail(CloudFailure::Malformed(format!("credentials/list gave more than {MAX_PAGES} pages"))))
    }

    /// `credentials/info` of `id`, read into a credential and what the client keeps of it.
    fn describe(&self, id: &str) -> Result<(StoreCredential, Meta)> {
        let body = api::CredentialInfoRequest {
            credential_id: id,
            certificates: "chain",
            // Both versions return the PIN and OTP objects only when asked (v1.0.4.0 and v2 §11.5).
            auth_info: true,
        };
        let info: api::CredentialInfo =
            self.call("credentials/info", &body, Retry::OnConnectError)?.map_err(|e| self.refused(e))?;
        let malformed = |what: String| self.http.fail(CloudFailure::Malformed(format!("credential {id}: {what}")));
        let mut chain = Vec::new();
        for (i, text) in info.cert.certificates.iter().enumerate() {
            let der = decode_b64(text).ok_or_else(|| malformed(format!("certificate {i} is not base64")))?;
            let what = format!("certificate {i} of cloud credential {id}");
            chain.push(Certificate::from_der(der, &what).map_err(|e| malformed(e.to_string()))?);
        }
        if chain.is_empty() {
            return Err(malformed("no certificate".into()));
        }
        let certificate = chain.remove(0);

        let (requirement, pin_id, otp_id, otp_sent) = match self.info.version {
            ApiVersion::V1 => {
                let implicit = info.auth_mode.as_deref().is_some_and(|m| m.eq_ignore_ascii_case("implicit"));
                let pin = !implicit && info.pin.as_ref().is_some_and(api::Presence::required);
                let otp = !implicit && info.otp.as_ref().is_some_and(|o| o.presence.required());
                let sent =
                    info.otp.as_ref().and_then(|o| o.kind.as_deref()).is_some_and(|k| k.eq_ignore_ascii_case("online"));
                (requirement(pin, otp, sent), "PIN".to_owned(), "OTP".to_owned(), sent)
            }
            ApiVersion::V2 => {
                let auth = info.auth.as_ref();
                let implicit = auth.and_then(|a| a.mode.as_deref()).is_some_and(|m| m.eq_ignore_ascii_case("implicit"));
                let object = |kind: &str| {
                    auth.into_iter()
                        .flat_map(|a| &a.objects)
                        .find(|o| o.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(kind)))
                        .map(|o| o.id.clone().unwrap_or_default())
                };
                let (pin, otp) = (object("Password"), object("OTP"));
                let listed = auth.is_some_and(|a| !a.objects.is_empty());
                // An explicit credential that lists no objects: the PIN is the usual secret.
                let needs_pin = !implicit && (pin.is_some() || !listed);
                let needs_otp = !implicit && otp.is_some();
                (
                    requirement(needs_pin, needs_otp, false),
                    pin.filter(|i| !i.is_empty()).unwrap_or_else(|| "PIN".into()),
                    otp.filter(|i| !i.is_empty()).unwrap_or_else(|| "OTP".into()),
                    false,
                )
            }
        };
        let multisign = api::number(info.multisign.as_ref()).map(|n| usize::try_from(n.max(1)).unwrap_or(usize::MAX));
        let key_bits = api::number(info.key.len.as_ref()).and_then(|n| usize::try_from(n).ok());
        let capabilities = capabilities(&certificate, &info.key.algo, key_bits, multisign.or(Some(1)));
        let meta = Meta {
            disabled: info.key.status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("disabled")),
            pin_id,
            otp_id,
            otp_sent,
            rsa_encryption: info.key.algo.is_empty() || info.key.algo.iter().any(|a| a == RSA_ENCRYPTION),
        };
        let label = info.description.filter(|d| !d.is_empty()).unwrap_or_else(|| id.to_owned());
        let credential = StoreCredential { id: id.to_owned(), label, certificate, chain, capabilities, requirement };
        Ok((credential, meta))
    }

    /// What the client keeps of `id`, read from the service when not known yet.
    fn meta(&self, id: &str) -> Result<Meta> {
        if let Some(meta) = lock(&self.credentials).get(id) {
            return Ok(meta.clone());
        }
        let (_, meta) = self.describe(id)?;
        lock(&self.credentials).insert(id.to_owned(), meta.clone());
        Ok(meta)
    }

    /// One `signatures/signHash` call (v1.0.4.0 §11.9 or v2 §11.9).
    fn sign_hash(
        &self,
        credential: &StoreCredential,
        sad: &SecretString,
        part: &[Vec<u8>],
        hash: HashAlgorithm,
        sign_algo: &'static str,
    ) -> Result<std::result::Result<api::SignHashResponse, ApiError>> {
        match self.info.version {
            ApiVersion::V1 => {
                let body = api::SignHashV1 {
                    credential_id: &credential.id,
                    sad: Secret(sad),
                    hash: encode_all(part),
                    hash_algo: hash_oid(hash),
                    sign_algo,
                };
                self.call("signatures/signHash", &body, Retry::Never)
            }
            ApiVersion::V2 => {
                let body = api::SignHashV2 {
                    credential_id: &credential.id,
                    sad: Secret(sad),
                    hashes: encode_all(part),
                    hash_algorithm: hash_oid(hash),
                    sign_algo,
                };
                self.call("signatures/signHash", &body, Retry::Never)
            }
        }
    }

    fn mark_locked(&self, id: &str) {
        if let Some(meta) = lock(&self.credentials).get_mut(id) {
            meta.disabled = true;
        }
    }
}

fn requirement(pin: bool, otp: bool, sent: bool) -> AuthRequirement {
    let delivery = if sent { CodeDelivery::Sent } else { CodeDelivery::AuthenticatorApp };
    match (pin, otp) {
        (true, true) => AuthRequirement::PinAndCode { delivery },
        (true, false) => AuthRequirement::Pin,
        (false, true) => AuthRequirement::Code { delivery },
        (false, false) => AuthRequirement::Nothing,
    }
}

/// What the credential can sign, from `key/algo` (falling back to the certificate's key), and
/// the largest signature: the RSA modulus, or a DER `ECDSA-Sig-Value` for containers.
fn capabilities(
    certificate: &Certificate,
    algo: &[String],
    key_bits: Option<usize>,
    max_digests_per_call: Option<usize>,
) -> Capabilities {
    let key = &certificate.summary().key;
    let mut algorithms: Vec<SignAlgorithm> = Vec::new();
    let add = |algorithms: &mut Vec<SignAlgorithm>, a: SignAlgorithm| {
        if !algorithms.contains(&a) {
            algorithms.push(a);
        }
    };
    for oid in algo {
        for hash in HASHES {
            match key {
                KeyAlgorithm::Ec { .. } if oid == ecdsa_oid(hash) || oid == EC_PUBLIC_KEY => {
                    add(&mut algorithms, SignAlgorithm::Ecdsa(hash));
                }
                KeyAlgorithm::Rsa { .. } if oid == rsa_oid(hash) || oid == RSA_ENCRYPTION => {
                    add(&mut algorithms, SignAlgorithm::RsaPkcs1(hash));
                }
                _ => {}
            }
        }
    }
    if algorithms.is_empty() {
        match key {
            KeyAlgorithm::Rsa { .. } => add(&mut algorithms, SignAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)),
            KeyAlgorithm::Ec { .. } => add(&mut algorithms, SignAlgorithm::Ecdsa(HashAlgorithm::Sha256)),
            KeyAlgorithm::Other { .. } => {}
        }
    }
    algorithms.sort_by_key(|a| match a {
        SignAlgorithm::RsaPkcs1(h) | SignAlgorithm::Ecdsa(h) => h.output_len(),
    });
    let signature_size = match key {
        KeyAlgorithm::Rsa { bits } => key_bits.unwrap_or(*bits).div_ceil(8),
        KeyAlgorithm::Ec { bits, .. } => 2 * (bits.div_ceil(8) + 1) + 8,
        KeyAlgorithm::Other { .. } => 0,
    };
    // `multisign` bounds the signatures of one authorisation (and so the hashes of a call).
    Capabilities {
        algorithms,
        signature_size,
        max_digests_per_call,
        max_signatures_per_authorisation: max_digests_per_call,
        pin_per_signature: false,
    }
}

impl CredentialStore for CscClient {
    fn store_id(&self) -> StoreId {
        StoreId::Cloud { service: self.http.service().to_owned(), account: self.account.clone() }
    }

    fn store_label(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        if self.info.name.is_empty() { self.http.service().to_owned() } else { self.info.name.clone() }
    }

    fn signing_credentials(&self) -> Result<Vec<StoreCredential>> {
        let mut out = Vec::new();
        for id in self.credential_ids()? {
            let (credential, meta) = self.describe(&id)?;
            lock(&self.credentials).insert(id, meta);
            out.push(credential);
        }
        Ok(out)
    }

    fn request_code(&self, credential: &StoreCredential) -> Result<PinOutcome<()>> {
        let meta = self.meta(&credential.id)?;
        if meta.disabled {
            return Ok(PinOutcome::Locked { secret: SecretKind::Pin });
        }
        if self.info.version != ApiVersion::V1 || !meta.otp_sent {
            return Ok(PinOutcome::done(()));
        }
        let body = api::SendOtp { credential_id: &credential.id };
        match self.call::<IgnoredAny>("credentials/sendOTP", &body, Retry::Never)? {
            Ok(_) => Ok(PinOutcome::done(())),
            Err(e) => match Refusal::of(&e).outcome(0) {
                Some(outcome) => Ok(outcome),
                None => Err(self.refused(e)),
            },
        }
    }

    fn authorise(
        &self,
        credential: &StoreCredential,
        digests: &[Vec<u8>],
        secrets: Secrets,
        _options: PinOptions,
    ) -> Result<PinOutcome<Authorisation>> {
        let meta = self.meta(&credential.id)?;
        if meta.disabled {
            return Ok(PinOutcome::Locked { secret: SecretKind::Pin });
        }
        let Some(first) = digests.first() else {
            return Err(Error::Unsupported { what: "authorising no digests".into() });
        };
        let hash = hash_of_len(first.len()).ok_or(Error::BadDigest { expected: 32, got: first.len() })?;
        if let Some(odd) = digests.iter().find(|d| d.len() != first.len()) {
            return Err(Error::BadDigest { expected: first.len(), got: odd.len() });
        }
        if let Some(allowed) = credential.capabilities.max_signatures_per_authorisation.filter(|n| digests.len() > *n) {
            // CSC §11.5: numSignatures SHALL NOT exceed multisign — refused here, before anything is sent.
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            return Ok(PinOutcome::TooManySignatures { allowed: count(allowed), asked: count(digests.len()) });
        }
        let present = |s: &Option<SecretString>| s.as_ref().is_some_and(|s| !s.expose_secret().is_empty());
        let requirement = credential.requirement;
        if requirement.needs_pin() && !present(&secrets.pin) {
            return Ok(PinOutcome::Policy { violation: PolicyViolation::Empty });
        }
        if requirement.needs_code() && !present(&secrets.code) {
            return Err(self.http.fail(CloudFailure::CodeMissing));
        }
        let pin = secrets.pin.as_ref().filter(|_| requirement.needs_pin());
        let code = secrets.code.as_ref().filter(|_| requirement.needs_code());
        let now = SystemTime::now();
        let answer: std::result::Result<api::AuthorizeResponse, ApiError> = match self.info.version {
            ApiVersion::V1 => {
                let body = api::AuthorizeV1 {
                    credential_id: &credential.id,
                    num_signatures: digests.len(),
                    hash: encode_all(digests),
                    pin: pin.map(Secret),
                    otp: code.map(Secret),
                };
                self.call("credentials/authorize", &body, Retry::Never)?
            }
            ApiVersion::V2 => {
                let mut auth_data = Vec::new();
                if let Some(pin) = pin {
                    auth_data.push(api::AuthDatum { id: &meta.pin_id, value: Secret(pin) });
                }
                if let Some(code) = code {
                    auth_data.push(api::AuthDatum { id: &meta.otp_id, value: Secret(code) });
                }
                let body = api::AuthorizeV2 {
                    credential_id: &credential.id,
                    num_signatures: digests.len(),
                    hashes: encode_all(digests),
                    hash_algorithm: hash_oid(hash),
                    auth_data,
                };
                self.call("credentials/authorize", &body, Retry::Never)?
            }
        };
        match answer {
            Ok(grant) => {
                let seconds = api::number(grant.expires_in.as_ref()).unwrap_or(DEFAULT_SAD_SECONDS);
                log::info!("credential {} authorised for {} signatures", credential.id, digests.len());
                let (lifetime, expires) = (Duration::from_secs(seconds), Some(now + Duration::from_secs(seconds)));
                self.transactions.set(&grant.sad, Live { sad: grant.sad.clone(), expires, lifetime: Some(lifetime) });
                Ok(PinOutcome::done(Authorisation {
                    credential: credential.id.clone(),
                    digests: digests.to_vec(),
                    expires,
                    grant: Grant::Sad(grant.sad),
                }))
            }
            Err(e) => {
                let refusal = Refusal::of(&e);
                if matches!(
                    refusal,
                    Refusal::Locked
                        | Refusal::WrongPin { tries_left: Some(0) }
                        | Refusal::WrongCode { tries_left: Some(0) }
                ) {
                    self.mark_locked(&credential.id);
                }
                match refusal.outcome(digests.len()) {
                    Some(outcome) => Ok(outcome),
                    None => Err(self.refused(e)),
                }
            }
        }
    }

    fn sign(
        &self,
        credential: &StoreCredential,
        authorisation: &Authorisation,
        algorithm: SignAlgorithm,
        digests: &[Vec<u8>],
    ) -> Result<PinOutcome<Vec<Vec<u8>>>> {
        authorisation.check(credential, digests)?;
        let not_authorised = || Error::NotAuthorised { credential: credential.id.clone() };
        let Grant::Sad(original) = &authorisation.grant else { return Err(not_authorised()) };
        let mut live = self.transactions.current(original, authorisation.expires);
        let extendable = self.info.offers("credentials/extendTransaction");
        let meta = self.meta(&credential.id)?;
        let (hash, sign_algo, ecdsa_field) = match algorithm {
            SignAlgorithm::Ecdsa(hash) => {
                let bits = match &credential.certificate.summary().key {
                    KeyAlgorithm::Ec { bits, .. } => *bits,
                    _ => 0,
                };
                (hash, ecdsa_oid(hash), Some(bits.div_ceil(8)))
            }
            SignAlgorithm::RsaPkcs1(hash) => {
                (hash, if meta.rsa_encryption { RSA_ENCRYPTION } else { rsa_oid(hash) }, None)
            }
        };
        if let Some(odd) = digests.iter().find(|d| d.len() != hash.output_len()) {
            return Err(Error::BadDigest { expected: hash.output_len(), got: odd.len() });
        }
        let chunk = credential.capabilities.max_digests_per_call.unwrap_or(digests.len()).max(1);
        let mut signatures = Vec::with_capacity(digests.len());
        for part in digests.chunks(chunk) {
            // Extended at most once per signHash call: a refused extension is not asked again.
            let mut tried = false;
            if extendable && live.expiring(SystemTime::now()) {
                tried = true;
                match self.extend_transaction(&credential.id, original, &live)? {
                    Ok(fresh) => live = fresh,
                    Err(e) => log::info!("extendTransaction refused ({}); trying the SAD as it is", e.error),
                }
            }
            let mut answer = self.sign_hash(credential, &live.sad, part, hash, sign_algo)?;
            // The SAD expired on the service's clock before ours: extend it once and try again.
            if extendable
                && !tried
                && let Err(e) = &answer
                && Refusal::of(e) == Refusal::SadExpired
                && let Ok(fresh) = self.extend_transaction(&credential.id, original, &live)?
            {
                live = fresh;
                answer = self.sign_hash(credential, &live.sad, part, hash, sign_algo)?;
            }
            let answer = match answer {
                Ok(answer) => answer,
                Err(e) => {
                    let refusal = match Refusal::of(&e) {
                        Refusal::HashNotAuthorised => return Err(not_authorised()),
                        Refusal::TooMany { allowed: None } => {
                            Refusal::TooMany { allowed: Some(u32::try_from(chunk).unwrap_or(u32::MAX)) }
                        }
                        other => other,
                    };
                    return match refusal.outcome(part.len()) {
                        Some(outcome) => Ok(outcome),
                        None => Err(self.refused(e)),
                    };
                }
            };
            if answer.signatures.len() != part.len() {
                return Err(Error::SignatureCount { expected: part.len(), got: answer.signatures.len() });
            }
            for (i, text) in answer.signatures.iter().enumerate() {
                let malformed = |what: &str| {
                    self.http.fail(CloudFailure::Malformed(format!("signature {} {what}", signatures.len() + i)))
                };
                let bytes = decode_b64(text).ok_or_else(|| malformed("is not base64"))?;
                let bytes = match ecdsa_field {
                    Some(field) => {
                        raw_signature(&bytes, field).ok_or_else(|| malformed("is not an ECDSA signature"))?
                    }
                    None => bytes,
                };
                signatures.push(bytes);
            }
        }
        log::info!("credential {} signed {} digests", credential.id, signatures.len());
        Ok(PinOutcome::done(signatures))
    }
}
