//! The transport: one blocking HTTPS agent (ureq over rustls with the ring provider and the
//! platform verifier) with a connect and an overall timeout on every call, no redirects, JSON
//! bodies written and read through zeroized buffers, one retry on connect errors for the
//! read-only methods only, and every transport problem as a typed [`CloudFailure`].

use std::net::IpAddr;
use std::sync::Arc;

use base64ct::{Base64, Encoding};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::CscOptions;
use super::api::ErrorBody;
use crate::error::{CloudFailure, Error, Result};

/// The largest answer read (a chain of a few certificates is a few kB; a list of many
/// credentials stays far below this).
const MAX_ANSWER: u64 = 8 << 20;

/// How a request authenticates.
#[derive(Clone, Copy)]
pub(crate) enum Auth<'a> {
    /// No `Authorization` header.
    None,
    /// HTTP Basic (RFC 7617): `auth/login`.
    Basic(&'a str, &'a SecretString),
    /// A bearer token (RFC 6750).
    Bearer(&'a SecretString),
}

impl Auth<'_> {
    /// The `Authorization` header value.
    fn header(self) -> Option<Zeroizing<String>> {
        match self {
            Self::None => None,
            Self::Basic(user, password) => {
                let pair = Zeroizing::new(format!("{user}:{}", password.expose_secret()));
                Some(Zeroizing::new(format!("Basic {}", Base64::encode_string(pair.as_bytes()))))
            }
            Self::Bearer(token) => Some(Zeroizing::new(format!("Bearer {}", token.expose_secret()))),
        }
    }
}

/// Whether a request may be sent again after a connect error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Read-only methods (`info`, `credentials/list`, `credentials/info`): once more.
    OnConnectError,
    /// Anything that counts tries or spends a SAD.
    Never,
}

/// A refusal in the specification's shape (CSC v2 §10.1: `error`, `error_description`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: u16,
    pub error: String,
    pub description: String,
}

/// The client of one service.
#[derive(Debug)]
pub(crate) struct Http {
    agent: ureq::Agent,
    /// The base URL as given, without a trailing slash.
    service: String,
}

impl Http {
    /// Checks `base` and builds the agent; sends nothing.
    pub(crate) fn new(base: &str, options: &CscOptions) -> Result<Self> {
        let service = base.trim_end_matches('/').to_owned();
        let url = Url::parse(&service)
            .map_err(|e| Error::Cloud { service: service.clone(), kind: CloudFailure::BadUrl(e.to_string()) })?;
        check_scheme(&url).map_err(|kind| Error::Cloud { service: service.clone(), kind })?;
        let roots = if options.extra_roots.is_empty() {
            ureq::tls::RootCerts::PlatformVerifier
        } else {
            let certificates: Vec<ureq::tls::Certificate<'static>> =
                options.extra_roots.iter().map(|der| ureq::tls::Certificate::from_der(der).to_owned()).collect();
            ureq::tls::RootCerts::new_with_certs(&certificates)
        };
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .root_certs(roots)
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            // A redirect would carry PINs and tokens to another address: not followed.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .build()
            .new_agent();
        Ok(Self { agent, service })
    }

    /// A client of another root on the same agent (the OAuth 2.0 authorization server that
    /// `info` names), checked as [`Http::new`] checks.
    pub(crate) fn with_base(&self, base: &str) -> Result<Self> {
        let service = base.trim_end_matches('/').to_owned();
        let url = Url::parse(&service)
            .map_err(|e| Error::Cloud { service: service.clone(), kind: CloudFailure::BadUrl(e.to_string()) })?;
        check_scheme(&url).map_err(|kind| Error::Cloud { service: service.clone(), kind })?;
        Ok(Self { agent: self.agent.clone(), service })
    }

    /// The base URL, for errors and the store's identity.
    pub(crate) fn service(&self) -> &str {
        &self.service
    }

    /// An error about this service.
    pub(crate) fn fail(&self, kind: CloudFailure) -> Error {
        Error::Cloud { service: self.service.clone(), kind }
    }

    /// POSTs `body` as JSON to `method` and reads the answer: the parsed body on success, the
    /// specification's error on a refusal, a typed [`Error`] for everything else.
    pub(crate) fn post<T: DeserializeOwned>(
        &self,
        method: &str,
        body: &impl Serialize,
        auth: Auth<'_>,
        retry: Retry,
    ) -> Result<std::result::Result<T, ApiError>> {
        let mut json = Zeroizing::new(Vec::new());
        serde_json::to_writer(&mut *json, body).map_err(|e| self.fail(CloudFailure::Malformed(e.to_string())))?;
        self.send(method, "application/json", &json, auth, retry)
    }

    /// POSTs `pairs` as `application/x-www-form-urlencoded` (RFC 6749 §4.1.3, `oauth2/token`),
    /// never sent twice, and reads the answer as [`Http::post`] does.
    pub(crate) fn post_form<T: DeserializeOwned>(
        &self,
        method: &str,
        pairs: &[(&str, &str)],
    ) -> Result<std::result::Result<T, ApiError>> {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            form.append_pair(key, value);
        }
        let form = Zeroizing::new(form.finish());
        self.send(method, "application/x-www-form-urlencoded", form.as_bytes(), Auth::None, Retry::Never)
    }

    fn send<T: DeserializeOwned>(
        &self,
        method: &str,
        content_type: &str,
        body: &[u8],
        auth: Auth<'_>,
        retry: Retry,
    ) -> Result<std::result::Result<T, ApiError>> {
        let url = format!("{}/{method}", self.service);
        let authorization = auth.header();
        let mut attempt = 0;
        let response = loop {
            let mut request = self.agent.post(&url).header("Content-Type", content_type);
            if let Some(value) = &authorization {
                request = request.header("Authorization", value.as_str());
            }
            match request.send(body) {
                Ok(response) => break response,
                Err(e) => {
                    let failure = transport_failure(&e);
                    if retry == Retry::OnConnectError && attempt == 0 && failure == CloudFailure::Unreachable {
                        log::debug!("{method} on {}: connect error, trying once more", self.service);
                        attempt += 1;
                        continue;
                    }
                    return Err(self.fail(failure));
                }
            }
        };
        let status = response.status().as_u16();
        log::debug!("{method} on {}: HTTP {status}", self.service);
        let text = Zeroizing::new(
            response
                .into_body()
                .into_with_config()
                .limit(MAX_ANSWER)
                .read_to_vec()
                .map_err(|e| self.fail(transport_failure(&e)))?,
        );
        if (200..300).contains(&status) {
            let body: &[u8] = if text.iter().all(u8::is_ascii_whitespace) { b"null" } else { &text };
            return serde_json::from_slice(body)
                .map(Ok)
                .map_err(|e| self.fail(CloudFailure::Malformed(format!("{method}: {e}"))));
        }
        match serde_json::from_slice::<ErrorBody>(&text) {
            Ok(error) => Ok(Err(ApiError {
                status,
                error: error.error,
                description: error.error_description.unwrap_or_default(),
            })),
            Err(_) => Err(self.fail(CloudFailure::Status(status, snippet(&text)))),
        }
    }
}

/// `https`, or `http` to this computer only (RFC 6761 §6.3 `localhost`, 127.0.0.0/8, `::1`).
fn check_scheme(url: &Url) -> std::result::Result<(), CloudFailure> {
    match url.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(name)) => {
                    let name = name.trim_end_matches('.').to_ascii_lowercase();
                    name == "localhost" || name.ends_with(".localhost")
                }
                Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
                Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
                None => false,
            };
            if loopback { Ok(()) } else { Err(CloudFailure::PlainHttp) }
        }
        other => Err(CloudFailure::BadUrl(format!("scheme \"{other}\" is neither https nor http"))),
    }
}

/// The first 200 characters of a body, on one line.
fn snippet(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    line.chars().take(200).collect()
}

/// What a failed exchange means.
fn transport_failure(error: &ureq::Error) -> CloudFailure {
    use std::io::ErrorKind as K;
    use ureq::Error as E;
    match error {
        E::Timeout(_) => CloudFailure::Timeout,
        E::HostNotFound | E::ConnectionFailed => CloudFailure::Unreachable,
        E::Tls(_) | E::Rustls(_) | E::Pem(_) => CloudFailure::Tls,
        E::Io(io) if io.kind() == K::TimedOut => CloudFailure::Timeout,
        E::Io(io) if io.get_ref().is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) => {
            CloudFailure::Tls
        }
        E::Io(io) if io.kind() == K::InvalidData => CloudFailure::Malformed(io.to_string()),
        E::Io(_) => CloudFailure::Unreachable,
        E::BodyExceedsLimit(limit) => CloudFailure::Malformed(format!("the answer is larger than {limit} bytes")),
        E::BadUri(reason) => CloudFailure::BadUrl(reason.clone()),
        other => CloudFailure::Malformed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_computer() {
        let check = |u: &str| check_scheme(&Url::parse(u).unwrap_or_else(|e| panic!("{u}: {e}")));
        assert_eq!(check("https://sign.example.com/csc/v2"), Ok(()));
        assert_eq!(check("http://127.0.0.1:8080/csc/v2"), Ok(()));
        assert_eq!(check("http://127.8.9.10/"), Ok(()));
        assert_eq!(check("http://[::1]:80/"), Ok(()));
        assert_eq!(check("http://localhost/"), Ok(()));
        assert_eq!(check("http://LOCALHOST./"), Ok(()));
        assert_eq!(check("http://sign.example.com/"), Err(CloudFailure::PlainHttp));
        assert_eq!(check("http://10.0.0.1/"), Err(CloudFailure::PlainHttp));
        assert_eq!(check("http://localhost.example.com/"), Err(CloudFailure::PlainHttp));
        assert!(matches!(check("ftp://localhost/"), Err(CloudFailure::BadUrl(_))));
    }

    #[test]
    fn snippets_are_short_and_on_one_line() {
        assert_eq!(snippet(b"<html>\n  <b>Bad\n gateway</b>"), "<html> <b>Bad gateway</b>");
        assert_eq!(snippet(&[b'x'; 500]).len(), 200);
    }
}
