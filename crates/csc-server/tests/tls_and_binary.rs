//! HTTPS with a configured certificate, and the `pecat-csc-server` binary serving a TOML
//! configuration.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::sync::Arc;

use pecat_csc_server::{Config, Server, TlsConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::{self, pki_types::ServerName};
use zeroize::Zeroizing;

/// Sends one HTTP/1.1 request over `stream` and returns the whole response as text.
async fn exchange<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(mut stream: S, path: &str) -> String {
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    // Servers may close TLS without close_notify after `Connection: close`; what was read counts.
    let _ = stream.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn serves_https_with_the_configured_certificate() {
    let identity = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let config = Config {
        tls: Some(TlsConfig {
            certificate_chain_pem: identity.cert.pem().into_bytes(),
            private_key_pem: Zeroizing::new(identity.signing_key.serialize_pem().into_bytes()),
        }),
        ..Config::default()
    };
    let server = Server::start(config).unwrap();
    assert!(server.base_url().starts_with("https://127.0.0.1:"));

    let mut roots = rustls::RootCertStore::empty();
    roots.add(identity.cert.der().clone()).unwrap();
    let client = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client));
    let tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let tls = connector.connect(ServerName::try_from("localhost").unwrap(), tcp).await.unwrap();
    let response = exchange(tls, "/csc/v2/info").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"specs\":\"2.0.0.0\""), "{response}");

    let plain = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let refused = exchange(plain, "/csc/v2/info").await;
    assert!(!refused.contains("2.0.0.0"), "plain HTTP is not served on the TLS port");
}

#[test]
fn binary_serves_a_toml_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("csc.toml");
    std::fs::write(
        &config,
        r#"
        listen = "127.0.0.1:0"
        state_file = "state.json"
        [service]
        name = "Binary test"
        [[users]]
        name = "dev"
        password = "dev"
        [[credentials]]
        id = "dev-1"
        owner = "dev"
        pin = "1234"
        otp = "totp"
        totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        generate = { algorithm = "p256", holder = "Dev Example" }
        "#,
    )
    .unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pecat-csc-server"))
        .args(["serve", "--config"])
        .arg(&config)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = String::new();
    let url = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.kill();
            panic!("the server ended early:\n{log}");
        };
        log.push_str(&line);
        log.push('\n');
        if let Some(rest) = line.split("serving CSC API v1 and v2 at ").nth(1) {
            break rest.split("/csc/").next().unwrap().to_owned();
        }
    };
    assert!(log.contains("development only"), "plain secrets are warned about:\n{log}");
    assert!(!log.contains("1234") && !log.contains("\"dev\""), "no secret in the log:\n{log}");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let response = runtime.block_on(async {
        let addr = url.trim_start_matches("http://");
        let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
        exchange(tcp, "/csc/v1/info").await
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.contains("\"specs\":\"1.0.4.0\"") && response.contains("Binary test"), "{response}");
}
