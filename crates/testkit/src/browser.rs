//! A stand-in for the user's browser in OAuth 2.0 login tests: it opens the provider's login
//! page (Pecat's CSC service), signs in, and follows the redirect to Pecat's loopback listener —
//! plain HTTP on 127.0.0.1, one request per connection.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

/// One request with `Connection: close`: the status and the whole answer.
fn request(method: &str, url: &str, body: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("a loopback http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).expect("the service answers");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("the answer is read");
    (answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0), answer)
}

/// Shows the login form at `url`, signs in as `user` (`password` form-encoded, e.g.
/// `correct+horse`), allows the access and follows the redirect back to Pecat. Panics with the
/// page when a step does not answer as a browser would expect.
pub fn sign_in_with_browser(url: &str, user: &str, password: &str) {
    let (status, page) = request("GET", url, "");
    assert_eq!(status, 200, "{page}");
    let (action, query) = url.split_once('?').expect("the authorization URL has a query");
    let body = format!("{query}&user={user}&password={password}&action=allow");
    let (status, answer) = request("POST", action, &body);
    assert_eq!(status, 302, "{answer}");
    let location = answer
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("location")).map(|(_, v)| v.trim()))
        .expect("the redirect names where to go");
    let (status, landing) = request("GET", location, "");
    assert_eq!(status, 200, "{landing}");
}
