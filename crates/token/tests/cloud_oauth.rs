//! The browser login (OAuth 2.0 authorization code with PKCE and a loopback redirect) of the CSC
//! client against Pecat's own CSC service over real HTTP on loopback, both API versions. The
//! test's `open` callback plays the browser on a thread of its own, as a browser runs beside the
//! app: it fetches the form, posts user and password and follows the redirect to the client's
//! loopback listener. Refusals: wrong password (then Cancel), a code stolen and spent by someone
//! without the verifier, a foreign `state`, no browser at all, a service without the flow.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use pecat_csc_server::{Config, Credential, DemoCa, HashCost, P256Key, PasswordHash, RunningServer, Server, User};
use pecat_token::{ApiVersion, CloudFailure, CredentialStore, CscClient, CscOptions, Error, SecretString};

const PASSWORD: &str = "correct horse";
const TIMEOUT: Duration = Duration::from_secs(20);

fn start(oauth2: bool) -> RunningServer {
    let ca = DemoCa::new().unwrap();
    let mut config = Config { oauth2, ..Config::default() };
    let password = PasswordHash::new(&SecretString::from(PASSWORD), HashCost::Light).unwrap();
    config.users.push(User { name: "alice".into(), password });
    let key = Arc::new(P256Key::generate().unwrap());
    config.credentials.push(Credential::demo("alice-1", "alice", "Alice Test", key, &ca).unwrap());
    Server::start(config).unwrap()
}

fn client(server: &RunningServer, version: ApiVersion) -> CscClient {
    let path = if version == ApiVersion::V1 { "v1" } else { "v2" };
    CscClient::connect(&format!("{}/csc/{path}", server.base_url()), "alice", &CscOptions::default()).unwrap()
}

fn cloud_failure(error: Error) -> CloudFailure {
    match error {
        Error::Cloud { kind, .. } => kind,
        other => panic!("not a cloud failure: {other:?}"),
    }
}

/// A browser that does not follow redirects (the test follows them itself).
fn browser() -> ureq::Agent {
    ureq::Agent::config_builder().max_redirects(0).http_status_as_error(false).build().new_agent()
}

/// The query parameters of a URL.
fn query(url: &str) -> HashMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    url::form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// What the browser does once the form is shown.
#[derive(Clone, Copy)]
enum Act {
    /// Sign in with this password (a wrong one is refused, then the user presses Cancel).
    Password(&'static str),
    /// Sign in, then someone without the verifier tries the code first (it is spent).
    CodeStolen,
    /// Sign in; a callback with another `state` reaches the client before the right one.
    ForeignState,
}

/// Plays the browser for `url`: returns what it saw, for the test to check.
fn play(url: &str, act: Act) -> Vec<String> {
    let agent = browser();
    let mut seen = Vec::new();
    let mut page = agent.get(url).call().unwrap();
    assert_eq!(page.status(), 200);
    let html = page.body_mut().read_to_string().unwrap();
    assert!(html.contains("name=\"password\""), "{html}");
    let params = query(url);
    let action = url.split_once('?').unwrap().0;
    let post = |password: Option<&str>| {
        let mut pairs: Vec<(String, String)> = params.clone().into_iter().collect();
        pairs.push(("user".into(), "alice".into()));
        match password {
            Some(p) => pairs.extend([("password".into(), p.into()), ("action".into(), "allow".into())]),
            None => pairs.push(("action".into(), "deny".into())),
        }
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.extend_pairs(pairs);
        agent
            .post(action)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(form.finish().as_bytes())
            .unwrap()
    };
    let password = match act {
        Act::Password(p) => p,
        Act::CodeStolen | Act::ForeignState => PASSWORD,
    };
    let mut answer = post(Some(password));
    if answer.status() == 401 {
        seen.push("form refused the password".to_owned());
        answer = post(None);
    }
    assert_eq!(answer.status(), 302);
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    let back = query(&location);
    if let Act::CodeStolen = act {
        let token_url = action.replace("/oauth2/authorize", "/oauth2/token");
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.extend_pairs([
            ("grant_type", "authorization_code"),
            ("code", back["code"].as_str()),
            ("code_verifier", &"x".repeat(43)),
            ("client_id", params["client_id"].as_str()),
            ("redirect_uri", params["redirect_uri"].as_str()),
        ]);
        let mut stolen = agent
            .post(&token_url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(form.finish().as_bytes())
            .unwrap();
        assert_eq!(stolen.status(), 400);
        let body = stolen.body_mut().read_to_string().unwrap();
        assert!(body.contains("invalid_grant"), "{body}");
        seen.push("the code without its verifier was refused".to_owned());
    }
    if let Act::ForeignState = act {
        // A stale tab (or another local process) comes back first with another `state`.
        let stale = location.replace(&format!("state={}", back["state"]), "state=someone-else");
        let mut refused = agent.get(&stale).call().unwrap();
        assert_eq!(refused.status(), 400);
        seen.push(refused.body_mut().read_to_string().unwrap());
    }
    let mut landing = agent.get(&location).call().unwrap();
    assert_eq!(landing.status(), 200);
    seen.push(landing.body_mut().read_to_string().unwrap());
    seen
}

/// The browser's thread, once started.
type Browser = Arc<Mutex<Option<JoinHandle<Vec<String>>>>>;

/// An `open` callback that starts the browser on its own thread and keeps its handle.
fn opener(act: Act) -> (impl FnMut(&str) -> pecat_token::Result<()>, Browser) {
    let handle = Arc::new(Mutex::new(None));
    let kept = Arc::clone(&handle);
    let open = move |url: &str| {
        let url = url.to_owned();
        *kept.lock().unwrap() = Some(std::thread::spawn(move || play(&url, act)));
        Ok(())
    };
    (open, handle)
}

fn seen(handle: &Browser) -> Vec<String> {
    handle.lock().unwrap().take().unwrap().join().unwrap()
}

fn logs_in_in_the_browser(version: ApiVersion) {
    let server = start(true);
    let client = client(&server, version);
    assert!(client.info().oauth2_login());
    assert_eq!(client.info().oauth2.as_deref(), Some(server.base_url()));
    let (mut open, browser) = opener(Act::Password(PASSWORD));
    client.login_oauth2(&mut open, TIMEOUT).unwrap();
    let pages = seen(&browser);
    assert!(pages.last().unwrap().contains("You can close this window"), "{pages:?}");
    assert!(client.is_logged_in());
    let credentials = client.signing_credentials().unwrap();
    assert_eq!(credentials.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["alice-1"]);

    // The refresh token of the browser login logs a later run in without the browser.
    let refresh = client.refresh_token().unwrap();
    let later = self::client(&server, version);
    later.login_with_refresh_token(refresh).unwrap();
    assert_eq!(later.signing_credentials().unwrap().len(), 1);
    let requests = server.requests();
    assert_eq!(requests.get("/oauth2/token"), Some(&1), "{requests:?}");
}

#[test]
fn v1_logs_in_in_the_browser() {
    logs_in_in_the_browser(ApiVersion::V1);
}

#[test]
fn v2_logs_in_in_the_browser() {
    logs_in_in_the_browser(ApiVersion::V2);
}

#[test]
fn a_wrong_password_then_cancel_is_denied() {
    let server = start(true);
    let client = client(&server, ApiVersion::V2);
    let (mut open, browser) = opener(Act::Password("wrong password"));
    let error = client.login_oauth2(&mut open, TIMEOUT).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::BrowserLoginDenied);
    let pages = seen(&browser);
    assert_eq!(pages[0], "form refused the password");
    assert!(pages[1].contains("did not succeed"), "{pages:?}");
    assert!(!client.is_logged_in());
}

#[test]
fn a_code_spent_by_someone_without_the_verifier_is_refused() {
    let server = start(true);
    let client = client(&server, ApiVersion::V2);
    let (mut open, browser) = opener(Act::CodeStolen);
    let error = client.login_oauth2(&mut open, TIMEOUT).unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::LoginRefused, "the code is single-use");
    assert_eq!(seen(&browser)[0], "the code without its verifier was refused");
    assert!(!client.is_logged_in());
}

#[test]
fn an_answer_with_another_state_is_refused_and_the_login_waits_for_its_own() {
    let server = start(true);
    let client = client(&server, ApiVersion::V1);
    let (mut open, browser) = opener(Act::ForeignState);
    client.login_oauth2(&mut open, TIMEOUT).unwrap();
    let pages = seen(&browser);
    assert!(pages[0].contains("not for the current sign-in"), "{pages:?}");
    assert!(pages[1].contains("You can close this window and return to Pecat"), "{pages:?}");
    assert!(!pages[1].contains("signed in"), "{pages:?}");
    assert_eq!(server.requests().get("/oauth2/token"), Some(&1), "only the right code was exchanged");
    assert!(client.is_logged_in());
}

#[test]
fn only_answers_with_another_state_time_out() {
    let server = start(true);
    let client = client(&server, ApiVersion::V2);
    let mut stale = None;
    let error = client
        .login_oauth2(
            &mut |url| {
                let target = url.split_once("redirect_uri=").unwrap().1.split('&').next().unwrap();
                let redirect: String =
                    url::form_urlencoded::parse(format!("r={target}").as_bytes()).next().unwrap().1.into_owned();
                stale = Some(std::thread::spawn(move || {
                    let page = browser().get(&format!("{redirect}?code=abc&state=stale")).call().unwrap();
                    page.status().as_u16()
                }));
                Ok(())
            },
            Duration::from_millis(600),
        )
        .unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::BrowserLoginTimeout, "a stale callback does not end the login");
    assert_eq!(stale.unwrap().join().unwrap(), 400);
    assert_eq!(server.requests().get("/oauth2/token"), None, "nothing was exchanged");
    assert!(!client.is_logged_in());
}

#[test]
fn no_browser_times_out_and_a_failing_opener_is_returned() {
    let server = start(true);
    let client = client(&server, ApiVersion::V2);
    let mut url = String::new();
    let error = client
        .login_oauth2(
            &mut |u| {
                url = u.to_owned();
                Ok(())
            },
            Duration::from_millis(300),
        )
        .unwrap_err();
    assert_eq!(cloud_failure(error), CloudFailure::BrowserLoginTimeout);
    let params = query(&url);
    assert_eq!(params["code_challenge_method"], "S256");
    assert_eq!(params["code_challenge"].len(), 43);
    assert!(params["redirect_uri"].starts_with("http://127.0.0.1:"));
    assert!(params["state"].len() >= 22);

    let refused = client.login_oauth2(&mut |_| Err(Error::Unsupported { what: "no browser".into() }), TIMEOUT);
    assert!(matches!(refused, Err(Error::Unsupported { .. })));
}

#[test]
fn a_service_without_the_flow_says_so() {
    let server = start(false);
    let client = client(&server, ApiVersion::V2);
    assert!(!client.info().oauth2_login());
    let error = client.login_oauth2(&mut |_| panic!("nothing to open"), TIMEOUT).unwrap_err();
    assert!(matches!(cloud_failure(error), CloudFailure::MethodMissing(_)));
}
