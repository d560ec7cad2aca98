//! The cloud accounts screen: the service address checked as it is typed (HTTPS unless on this
//! computer); an account added with its password, listed as logged in and removed against a CSC
//! service of its own beside the demo, over real HTTP, the credentials list following; an account
//! added by logging in on the provider's page; and the demo code shown with its seconds left. Run
//! with `ICED_TEST_BACKEND=tiny-skia`.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use pecat::backend::Backend;
use pecat::screen::cloud::browser::Progress;
use pecat::screen::cloud::{self, AddForm, Cloud, Login, Message, Storage, form};
use pecat::secret::SecretText;
use pecat::theme::Tone;
use pecat_core::{Account, SecretStore};
use pecat_csc_server::{Config, Credential, DemoCa, HashCost, P256Key, PasswordHash, RunningServer, Server, User};
use pecat_token::SecretString;
use std::time::SystemTime;

/// Pecat's CSC service as a provider with the user "alice" (`password`) and one credential
/// whose certificate names `holder`.
fn provider(mut config: Config, password: &str, holder: &str) -> RunningServer {
    let ca = DemoCa::new().unwrap();
    let password = PasswordHash::new(&SecretString::from(password.to_owned()), HashCost::Light).unwrap();
    config.users.push(User { name: "alice".into(), password });
    let key = Arc::new(P256Key::generate().unwrap());
    config.credentials.push(Credential::demo("alice-1", "alice", holder, key, &ca).unwrap());
    Server::start(config).unwrap()
}

#[test]
fn the_address_is_checked_as_it_is_typed() {
    let _language = common::speak(pecat::i18n::Language::English);
    let mut form = AddForm::default();
    assert_eq!(form.url_problem(), None, "nothing typed, nothing said");
    form.url = "http://csc.example.com/csc/v2".into();
    assert!(form.url_problem().unwrap().contains("https://"), "{:?}", form.url_problem());
    form.url = "http://127.0.0.1:8443/csc/v2".into();
    assert_eq!(form.url_problem(), None, "plain http on loopback is accepted");
    form.url = "https://user:secret@csc.example.com/".into();
    assert!(form.url_problem().unwrap().contains("user name or password"));
    form.url = "csc.example.com".into();
    assert!(form.url_problem().unwrap().contains("not a web address"));

    form.url = "https://csc.example.com/csc/v2".into();
    form.name = "certSIGN".into();
    form.user = "ana".into();
    assert!(form.account().is_none(), "no password yet");
    form.password = SecretText::new("parolă".into());
    let (account, _) = form.account().unwrap();
    assert_eq!(account, Account::new("certSIGN", "https://csc.example.com/csc/v2", "ana"));
    assert!(!format!("{form:?}").contains("parolă"), "the password never shows in Debug");
}

#[test]
fn typing_an_insecure_address_shows_why_it_is_refused() {
    let _language = common::speak(pecat::i18n::Language::English);
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage { settings: Some(dir.path().join("settings.toml")), secrets: None };
    let (mut screen, _) = Cloud::with_storage(Backend::new(), storage);
    let _ = screen.update(Message::Loaded(Ok(Vec::new())));
    let mut ui = iced_test::simulator(screen.view());
    ui.click(iced_test::selector::id("cloud-url")).unwrap();
    ui.typewrite("http://csc.example.com");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(!messages.is_empty());
    for m in messages {
        let _ = screen.update(m);
    }
    assert_eq!(screen.form.url, "http://csc.example.com");
    let mut ui = iced_test::simulator(screen.view());
    ui.find(screen.form.url_problem().unwrap().as_str()).unwrap();
    ui.find("No cloud account yet. Add the one your provider gave you below.").unwrap();
}

#[test]
fn an_account_is_added_listed_and_removed_and_the_credentials_list_follows() {
    let _language = common::speak(pecat::i18n::Language::English);
    let dir = tempfile::tempdir().unwrap();
    unsafe { std::env::set_var("PECAT_DEMO_DIR", dir.path().join("demo")) };
    let backend = Backend::new();
    backend.start_demo().unwrap();
    // A provider of its own beside the demo: Pecat's CSC service with the user "alice".
    let server = provider(Config::default(), "alice-password", "Alice Provider");
    let url = format!("{}/csc/v2", server.base_url());
    let holders = |backend: &Backend| -> Vec<String> {
        backend
            .rows(SystemTime::now())
            .iter()
            .flat_map(|r| r.overview.certificates.iter().map(|c| c.certificate.summary().subject.clone()))
            .collect()
    };
    assert!(holders(&backend).iter().any(|h| h.contains("Pecat Demo Signer")), "{:?}", holders(&backend));

    let storage =
        Storage { settings: Some(dir.path().join("settings.toml")), secrets: Some(Arc::new(SecretStore::memory())) };
    let (mut screen, _) = Cloud::with_storage(backend.clone(), storage.clone());
    let (code, left) = screen.demo_code.clone().expect("the demo code is shown");
    assert_eq!(code.len(), 6);
    assert!((1..=30).contains(&left), "{left}");
    let _ = screen.update(Message::Tick);
    assert!(screen.demo_code.is_some());

    // A wrong password: refused in words, nothing kept.
    let account = Account::new("Work", url.clone(), "alice");
    let wrong = cloud::add_blocking(&backend, &storage, account.clone(), SecretString::from("nope".to_owned()));
    assert!(wrong.is_err());
    let _ = screen.update(Message::Added(wrong));
    assert!(matches!(screen.status, Some((_, Tone::Danger))), "{:?}", screen.status);
    assert!(cloud::load_blocking(&backend, &storage).unwrap().is_empty());

    let added = cloud::add_blocking(&backend, &storage, account, SecretString::from("alice-password".to_owned()));
    let _ = screen.update(Message::Added(added));
    assert_eq!(screen.status, Some(("Account “Work” added; its credentials are in the list.".into(), Tone::Good)));
    let rows = cloud::load_blocking(&backend, &storage).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].logged_in);
    // The credentials list has the account's certificate, and the demo steps aside.
    let listed = holders(&backend);
    assert!(listed.iter().any(|h| h.contains("Alice Provider")), "{listed:?}");
    assert!(!listed.iter().any(|h| h.contains("Pecat Demo Signer")), "{listed:?}");
    let _ = screen.update(Message::Loaded(Ok(rows)));
    let mut ui = iced_test::simulator(screen.view());
    ui.find("Logged in").unwrap();
    ui.click("Remove").unwrap();
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(messages.as_slice(), [Message::RemovePressed(n)] if n == "Work"), "{messages:?}");

    let removed = cloud::remove_blocking(&backend, &storage, "Work");
    let _ = screen.update(Message::Removed(removed));
    assert!(matches!(screen.status, Some((_, Tone::Good))));
    assert!(cloud::load_blocking(&backend, &storage).unwrap().is_empty());
    // Gone from the credentials list at once, without a restart; the demo is back.
    let listed = holders(&backend);
    assert!(!listed.iter().any(|h| h.contains("Alice Provider")), "{listed:?}");
    assert!(listed.iter().any(|h| h.contains("Pecat Demo Signer")), "{listed:?}");
}

#[test]
fn an_account_is_added_by_logging_in_on_the_provider_s_page() {
    let _language = common::speak(pecat::i18n::Language::English);
    let dir = tempfile::tempdir().unwrap();
    unsafe { std::env::set_var("PECAT_DEMO_DIR", dir.path().join("demo")) };
    let backend = Backend::new();
    let server = provider(Config { oauth2: true, ..Config::default() }, "correct horse", "Alice Browser");
    let url = format!("{}/csc/v2", server.base_url());
    let storage =
        Storage { settings: Some(dir.path().join("settings.toml")), secrets: Some(Arc::new(SecretStore::memory())) };
    let (mut screen, _) = Cloud::with_storage(backend.clone(), storage.clone());

    // The form: with the browser chosen there is no password to type, and the form is complete
    // without one.
    for m in [
        form::Message::NameChanged("Work".into()),
        form::Message::UrlChanged(url.clone()),
        form::Message::UserChanged("alice".into()),
        form::Message::BrowserToggled(true),
    ] {
        let _ = screen.update(Message::Form(m));
    }
    assert!(matches!(screen.form.account(), Some((_, Login::Browser))));
    {
        let mut ui = iced_test::simulator(screen.view());
        assert!(ui.find(iced_test::selector::id("cloud-password")).is_err(), "no password field");
        ui.click("Add and log in").unwrap();
        let pressed: Vec<Message> = ui.into_messages().collect();
        assert!(matches!(pressed.as_slice(), [Message::AddPressed]), "{pressed:?}");
    }

    // What the screen's worker runs: core opens the page; the "browser" signs in on it.
    let (account, _) = screen.form.account().unwrap();
    let mut opened = Vec::new();
    let mut open = |page: &str| {
        opened.push(page.to_owned());
        let page = page.to_owned();
        std::thread::spawn(move || pecat_testkit::sign_in_with_browser(&page, "alice", "correct+horse"));
        Ok(())
    };
    let result = cloud::browser::add_blocking(&backend, &storage, account, &mut open);
    assert_eq!(opened.len(), 1);
    assert!(opened[0].starts_with(server.base_url()), "{opened:?}");

    // While it waits the page's address is shown with a copy button; then the account is added.
    let _ = screen.update(Message::Browser { adding: true, progress: Progress::Opened(opened[0].clone()) });
    {
        let mut ui = iced_test::simulator(screen.view());
        ui.find(opened[0].as_str()).unwrap();
        ui.click("Copy").unwrap();
    }
    let _ = screen.update(Message::Browser { adding: true, progress: Progress::Finished(result) });
    assert_eq!(screen.browser_page, None);
    assert_eq!(screen.status, Some(("Account “Work” added; its credentials are in the list.".into(), Tone::Good)));
    let rows = cloud::load_blocking(&backend, &storage).unwrap();
    assert!(rows.len() == 1 && rows[0].logged_in, "{rows:?}");
}
