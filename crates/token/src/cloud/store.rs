//! [`CscClient`]: one account at one CSC service, as a [`CredentialStore`]. `info` decides the
//! API version; login is HTTP Basic (`auth/login`, §11.2) or a refresh token; credentials come
//! from `credentials/list` (paged) and `credentials/info` (§11.4–11.5); authorising sends the PIN
//! and one-time code to `credentials/authorize` (§11.6) for a SAD bound to the digests; signing
//! calls `signatures/signHash` (§11.9) for at most `multisign` hashes (one authorisation's limit), extending the SAD
//! (`credentials/extendTransaction`, §11.8) when it is about to expire or has just expired.
//!
//! The client and its calls are here; the [`CredentialStore`] implementation is in
//! `store/credential_store.rs`, the algorithm identifiers and the reading of a credential's
//! abilities in `store/algorithms.rs`.

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
use crate::store::{Authorisation, CredentialStore, Grant, Secrets, StoreCredential, StoreId};
use crate::token::{HashAlgorithm, SignAlgorithm};

mod algorithms;
mod credential_store;

use algorithms::*;

/// `expiresIn` when a service leaves it out (v2 §11.6: "default 3600").
pub(super) const DEFAULT_SAD_SECONDS: u64 = 3600;
/// The most `credentials/list` pages read, against a service that pages forever.
const MAX_PAGES: usize = 1000;

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
