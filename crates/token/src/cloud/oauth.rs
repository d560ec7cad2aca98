//! The browser login: OAuth 2.0 authorization code with PKCE (RFC 7636, S256) and a loopback
//! redirect (RFC 8252 §7.3), for services whose `authType` has "oauth2code" (CSC v2 §8.3.2,
//! v1.0.4.0 §8.3.2). The front end opens the browser; this module listens on `127.0.0.1`, checks
//! `state`, and exchanges the code at `oauth2/token` (RFC 6749 §4.1.3). Verifier, code and
//! tokens stay in secret types and are never logged.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use base64ct::{Base64UrlUnpadded, Encoding};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use super::store::CscClient;
use crate::error::{CloudFailure, Result};

/// Pecat's `client_id`: a public native client (RFC 8252 §8.4), so PKCE is what protects the code.
const CLIENT_ID: &str = "pecat";
/// The path the browser is sent back to.
const CALLBACK: &str = "/callback";
/// The most of a browser's request read (its request line carries the code).
const MAX_REQUEST: usize = 16 << 10;
/// How long a connection may take to send its request before it is dropped (a browser may
/// open a connection it never uses).
const READ_TIMEOUT: Duration = Duration::from_secs(2);
/// How often the listener is polled while waiting.
const POLL: Duration = Duration::from_millis(20);

/// `bytes` random bytes as base64url: 32 give a 43-character verifier (RFC 7636 §4.1).
fn random_text(bytes: usize) -> std::result::Result<SecretString, CloudFailure> {
    let mut buffer = Zeroizing::new(vec![0u8; bytes]);
    getrandom::fill(&mut buffer).map_err(|e| CloudFailure::Loopback(format!("no randomness: {e}")))?;
    Ok(SecretString::from(Base64UrlUnpadded::encode_string(&buffer)))
}

impl CscClient {
    /// Logs in in the browser (OAuth 2.0 authorization code with PKCE): listens on a loopback
    /// port, calls `open` with the authorization URL (the front end opens the browser or shows
    /// the URL; the library never does), waits at most `timeout` for the browser to come back,
    /// checks `state`, answers the browser with a short page and exchanges the code for access
    /// and refresh tokens, kept as [`CscClient::login`] keeps them.
    ///
    /// Typed failures: [`CloudFailure::MethodMissing`] when `info` offers no browser login,
    /// [`CloudFailure::BrowserLoginDenied`], [`CloudFailure::BrowserLoginFailed`],
    /// [`CloudFailure::BrowserLoginTimeout`] (also when only callbacks with another `state` came),
    /// [`CloudFailure::LoginRefused`] when the code is refused at `oauth2/token`.
    pub fn login_oauth2(&self, open: &mut dyn FnMut(&str) -> Result<()>, timeout: Duration) -> Result<()> {
        let server = self.oauth2_server()?;
        let fail = |kind| self.http.fail(kind);
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| fail(CloudFailure::Loopback(e.to_string())))?;
        let port = listener.local_addr().map_err(|e| fail(CloudFailure::Loopback(e.to_string())))?.port();
        let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK}");
        let verifier = random_text(32).map_err(fail)?;
        let state = random_text(16).map_err(fail)?;
        let challenge = Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.expose_secret().as_bytes()));
        let mut url = Url::parse(&format!("{}/oauth2/authorize", server.service()))
            .map_err(|e| fail(CloudFailure::BadUrl(e.to_string())))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", CLIENT_ID)
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("scope", "service")
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", state.expose_secret());
        log::info!("browser login to {}: waiting on 127.0.0.1:{port}", server.service());
        open(url.as_str())?;
        let code = wait_for_code(&listener, &state, Instant::now() + timeout).map_err(fail)?;
        let answer = server.post_form(
            "oauth2/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", code.expose_secret()),
                ("code_verifier", verifier.expose_secret()),
                ("client_id", CLIENT_ID),
                ("redirect_uri", &redirect_uri),
            ],
        )?;
        self.take_login(answer, None)
    }

    /// A refresh token from a browser login, exchanged at `oauth2/token` (RFC 6749 §6).
    pub(super) fn refresh_oauth2(&self, refresh_token: SecretString) -> Result<()> {
        let server = self.oauth2_server()?;
        let answer = server.post_form(
            "oauth2/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.expose_secret()),
                ("client_id", CLIENT_ID),
            ],
        )?;
        self.take_login(answer, Some(refresh_token))
    }

    /// The authorization server `info` names, if the service offers the browser login.
    fn oauth2_server(&self) -> Result<super::http::Http> {
        let info = self.info();
        match info.oauth2.as_deref().filter(|_| info.oauth2_login()) {
            Some(base) => self.http.with_base(base),
            None => Err(self.http.fail(CloudFailure::MethodMissing("a login in the browser (OAuth 2.0)".into()))),
        }
    }
}

/// Waits until the browser comes back to [`CALLBACK`] with `state`, or `deadline` passes.
/// Other paths (a favicon) get a 404, a callback with another `state` a 400, and the wait goes on.
fn wait_for_code(
    listener: &TcpListener,
    state: &SecretString,
    deadline: Instant,
) -> std::result::Result<SecretString, CloudFailure> {
    listener.set_nonblocking(true).map_err(|e| CloudFailure::Loopback(e.to_string()))?;
    loop {
        let mut stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
                if Instant::now() >= deadline {
                    return Err(CloudFailure::BrowserLoginTimeout);
                }
                std::thread::sleep(POLL);
                continue;
            }
            Err(e) => return Err(CloudFailure::Loopback(e.to_string())),
        };
        let Some(target) = read_target(&mut stream) else {
            answer(&mut stream, "400 Bad Request", "");
            continue;
        };
        let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
        if path != CALLBACK {
            answer(&mut stream, "404 Not Found", "");
            continue;
        }
        let outcome = judge(query, state);
        let text = match outcome {
            // A callback for another login (a stale tab, another local process) does not end
            // this one: it is refused and the wait goes on until the deadline.
            Err(CloudFailure::StateMismatch) => {
                answer(&mut stream, "400 Bad Request", "This answer is not for the current sign-in.");
                continue;
            }
            // The code is not yet exchanged at `oauth2/token`, so nothing is claimed here.
            Ok(_) => "You can close this window and return to Pecat.",
            Err(_) => "The sign-in did not succeed; Pecat says why. You can close this window.",
        };
        answer(&mut stream, "200 OK", text);
        return outcome;
    }
}

/// What the redirect's query says (RFC 6749 §4.1.2): the code, or why there is none. `state`
/// is checked first: an answer for another login is not read further.
fn judge(query: &str, state: &SecretString) -> std::result::Result<SecretString, CloudFailure> {
    let mut given_state = None;
    let (mut code, mut error, mut description) = (None, None, None);
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let value = Zeroizing::new(value.into_owned());
        match key.as_ref() {
            "state" => given_state = Some(value),
            "code" => code = Some(SecretString::from(value.as_str())),
            "error" => error = Some(value.to_string()),
            "error_description" => description = Some(value.to_string()),
            _ => {}
        }
    }
    if given_state.as_deref().map(String::as_bytes) != Some(state.expose_secret().as_bytes()) {
        return Err(CloudFailure::StateMismatch);
    }
    match (error, code) {
        (Some(error), _) if error == "access_denied" => Err(CloudFailure::BrowserLoginDenied),
        (Some(error), _) => {
            Err(CloudFailure::BrowserLoginFailed { error, description: description.unwrap_or_default() })
        }
        (None, Some(code)) if !code.expose_secret().is_empty() => Ok(code),
        (None, _) => Err(CloudFailure::Malformed("the browser came back with neither a code nor an error".into())),
    }
}

/// The target of a `GET` request (`/callback?code=…`), read within bounds.
fn read_target(stream: &mut TcpStream) -> Option<Zeroizing<String>> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(READ_TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(READ_TIMEOUT)).ok()?;
    let mut request = Zeroizing::new(Vec::with_capacity(1024));
    let mut chunk = Zeroizing::new([0u8; 1024]);
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(chunk.as_mut()).ok().filter(|n| *n > 0)?;
        request.extend_from_slice(&chunk[..n]);
        if request.len() > MAX_REQUEST {
            return None;
        }
    }
    let line_end = request.windows(2).position(|w| w == b"\r\n")?;
    let line = std::str::from_utf8(&request[..line_end]).ok()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    (method == "GET" && parts.next()?.starts_with("HTTP/1.")).then(|| Zeroizing::new(target.to_owned()))
}

/// A short answer to the browser; a failure to write it changes nothing.
fn answer(stream: &mut TcpStream, status: &str, text: &str) {
    let body = if text.is_empty() {
        String::new()
    } else {
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Pecat</title></head>\
             <body style=\"font-family:sans-serif;margin:3em\"><p>{text}</p></body></html>"
        )
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if let Err(e) = stream.write_all(response.as_bytes()) {
        log::debug!("the browser did not take the answer page: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_redirect_is_read_only_with_our_state() {
        let state = SecretString::from("s1");
        let code = judge("code=abc&state=s1", &state).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.expose_secret(), "abc");
        assert_eq!(judge("code=abc&state=s2", &state).err(), Some(CloudFailure::StateMismatch));
        assert_eq!(judge("code=abc", &state).err(), Some(CloudFailure::StateMismatch));
        assert_eq!(judge("error=access_denied&state=s2", &state).err(), Some(CloudFailure::StateMismatch));
        assert_eq!(judge("error=access_denied&state=s1", &state).err(), Some(CloudFailure::BrowserLoginDenied));
        assert_eq!(
            judge("error=invalid_scope&error_description=no+such+scope&state=s1", &state).err(),
            Some(CloudFailure::BrowserLoginFailed {
                error: "invalid_scope".into(),
                description: "no such scope".into()
            })
        );
        assert!(matches!(judge("state=s1", &state), Err(CloudFailure::Malformed(_))));
    }

    #[test]
    fn verifiers_are_43_characters_of_base64url() {
        let verifier = random_text(32).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(verifier.expose_secret().len(), 43);
        assert!(verifier.expose_secret().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
}
