//! One certificate in plain words: holder, issuer, validity, qualified status, key, usage,
//! fingerprints (with copy buttons), the chain; export in DER/CRT/CER/PEM/P7B through the
//! system's save dialog, "Export for customs" into a chosen folder, and the way to renewal.

use std::path::PathBuf;
use std::time::SystemTime;

use crate::widget::button;
use crate::widget::focus::checkbox;
use crate::widget::focus::pick_list;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::{CertificateView, Exported, export_certificate, export_customs, token_certificates};
use pecat_pki::{Certificate as X509, ChainEnd, CustomsPair, ExportFormat};
use pecat_token::{KeyManagement, StoreId};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};
use crate::wording::{expiry_text, failure_text};

/// The certificate read from its store.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The certificate.
    pub certificate: X509,
    /// Issuer candidates: the store's other certificates.
    pub pool: Vec<X509>,
    /// Core's view (expiry, key pairing, chain).
    pub view: CertificateView,
    /// On a hardware token, so it can be renewed there.
    pub on_token: bool,
}

/// An export file kind; CRT and CER are DER with the extension those platforms expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.der`
    Der,
    /// `.crt`
    Crt,
    /// `.cer`
    Cer,
    /// `.pem`
    Pem,
    /// `.p7b`
    P7b,
}

impl FileKind {
    /// Every kind, in the order offered.
    pub const ALL: [FileKind; 5] = [Self::Cer, Self::Crt, Self::Der, Self::Pem, Self::P7b];

    /// The encoding.
    pub fn format(self) -> ExportFormat {
        match self {
            Self::Der | Self::Crt | Self::Cer => ExportFormat::Der,
            Self::Pem => ExportFormat::Pem,
            Self::P7b => ExportFormat::P7b,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Der => "der",
            Self::Crt => "crt",
            Self::Cer => "cer",
            Self::Pem => "pem",
            Self::P7b => "p7b",
        }
    }
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Self::Der | Self::Crt | Self::Cer => fl!("export-kind-der", ext = self.extension()),
            Self::Pem => fl!("export-kind-pem"),
            Self::P7b => fl!("export-kind-p7b"),
        };
        f.write_str(&words)
    }
}

/// The certificate screen.
#[derive(Debug)]
pub struct Certificate {
    backend: Backend,
    store: StoreId,
    id: String,
    loaded: Option<Loaded>,
    kind: FileKind,
    with_chain: bool,
    result: Option<(String, Tone)>,
    problem: Option<String>,
}

/// What happens on the certificate screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The certificate was read.
    Loaded(Result<Box<Loaded>, Failure>),
    /// "Back" was pressed.
    BackPressed,
    /// A copy button beside a fingerprint was pressed.
    CopyPressed(String),
    /// An export kind was picked.
    KindPicked(FileKind),
    /// "Include the chain" was toggled.
    ChainToggled(bool),
    /// "Export…" was pressed.
    ExportPressed,
    /// The save dialog closed.
    SavePicked(Option<PathBuf>),
    /// The file was written.
    Exported(Result<Exported, Failure>),
    /// "Export for customs…" was pressed.
    CustomsPressed,
    /// The folder dialog closed.
    FolderPicked(Option<PathBuf>),
    /// The customs pair was written.
    CustomsExported(Result<CustomsPair, Failure>),
    /// "Renew…" was pressed.
    RenewPressed,
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Back to the list.
    Back,
    /// Open the renewal wizard for this certificate.
    Renew { store: StoreId, id: String },
}

/// Reads certificate `id` of `store` with its issuer candidates (blocking).
pub fn read(backend: &Backend, store: &StoreId, id: &str, now: SystemTime) -> Result<Loaded, Failure> {
    if let Some(token) = backend.token(store) {
        let objects = token.objects()?;
        let views = token_certificates(&objects, &[], now);
        let (object, _) = pecat_core::select_certificate(&objects.certificates, id)
            .ok_or_else(|| pecat_token::Error::NoSuchObject { token: store.reference(), id: id.to_owned() })?;
        let certificate = object
            .certificate
            .clone()
            .ok_or_else(|| pecat_core::Error::Unreadable { reason: object.error.clone().unwrap_or_default() })?;
        let view = views
            .into_iter()
            .find(|v| {
                v.id == object.id && v.certificate.as_ref().is_some_and(|s| s.sha256 == certificate.summary().sha256)
            })
            .ok_or_else(|| pecat_token::Error::NoSuchObject { token: store.reference(), id: id.to_owned() })?;
        let pool = pecat_core::chain_pool(&objects, &[]);
        return Ok(Loaded { certificate, pool, view, on_token: true });
    }
    let s = backend.store(store).ok_or_else(|| pecat_token::Error::NoSuchToken { query: store.reference() })?;
    let credential = s
        .signing_credentials()?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| pecat_core::Error::NoSuchCredential { store: store.reference(), id: id.to_owned() })?;
    let object = pecat_token::CertificateObject {
        id: credential.id.clone(),
        label: credential.label.clone(),
        certificate: Some(credential.certificate.clone()),
        error: None,
    };
    let view = pecat_core::certificate_view(&object, None, &credential.chain, now);
    Ok(Loaded { certificate: credential.certificate, pool: credential.chain, view, on_token: false })
}

impl Certificate {
    /// The screen for certificate `id` of `store`; read off the UI thread.
    pub fn new(backend: Backend, store: StoreId, id: String) -> (Self, Task<Message>) {
        let screen = Self {
            backend,
            store,
            id,
            loaded: None,
            kind: FileKind::Cer,
            with_chain: false,
            result: None,
            problem: None,
        };
        let (backend, store, id) = (screen.backend.clone(), screen.store.clone(), screen.id.clone());
        let task = Task::perform(
            async move { blocking(move || read(&backend, &store, &id, SystemTime::now()).map(Box::new)).await? },
            Message::Loaded,
        );
        (screen, task)
    }

    /// The certificate as read.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    /// The last result shown.
    pub fn result(&self) -> Option<&(String, Tone)> {
        self.result.as_ref()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok(l)) => self.loaded = Some(*l),
            Message::Loaded(Err(e)) => self.problem = Some(failure_text(&e)),
            Message::BackPressed => return (Task::none(), Some(Event::Back)),
            Message::CopyPressed(value) => {
                self.result = Some((fl!("certificate-copied"), Tone::Good));
                return (iced::clipboard::write(value), None);
            }
            Message::KindPicked(kind) => {
                self.kind = kind;
                if kind.format() == ExportFormat::Der {
                    self.with_chain = false;
                }
            }
            Message::ChainToggled(on) => self.with_chain = on && self.kind.format() != ExportFormat::Der,
            Message::ExportPressed => {
                let Some(l) = &self.loaded else { return (Task::none(), None) };
                let name = format!("{}.{}", file_stem(&l.certificate), self.kind.extension());
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(fl!("certificate-export-title"))
                    .set_file_name(name)
                    .add_filter(self.kind.to_string(), &[self.kind.extension()]);
                let task = Task::perform(
                    async move { dialog.save_file().await.map(|f| f.path().to_owned()) },
                    Message::SavePicked,
                );
                return (task, None);
            }
            Message::SavePicked(None) | Message::FolderPicked(None) => {}
            Message::SavePicked(Some(path)) => return (self.export_to(path), None),
            Message::Exported(Ok(e)) => {
                self.result = Some((fl!("certificate-exported", path = e.written.display().to_string()), Tone::Good));
            }
            Message::Exported(Err(e)) | Message::CustomsExported(Err(e)) => {
                self.result = Some((failure_text(&e), Tone::Danger));
            }
            Message::CustomsPressed => {
                let dialog = rfd::AsyncFileDialog::new().set_title(fl!("certificate-customs-title"));
                let task = Task::perform(
                    async move { dialog.pick_folder().await.map(|f| f.path().to_owned()) },
                    Message::FolderPicked,
                );
                return (task, None);
            }
            Message::FolderPicked(Some(dir)) => return (self.customs_to(dir), None),
            Message::CustomsExported(Ok(pair)) => {
                self.result = Some((
                    fl!(
                        "certificate-customs-done",
                        personal = pair.personal.display().to_string(),
                        intermediate = pair.intermediate.display().to_string()
                    ),
                    Tone::Good,
                ));
            }
            Message::RenewPressed => {
                return (Task::none(), Some(Event::Renew { store: self.store.clone(), id: self.id.clone() }));
            }
        }
        (Task::none(), None)
    }

    /// Writes the export to `path` (what the save dialog returned), off the UI thread. The
    /// dialog already asked before replacing a file.
    pub fn export_to(&self, path: PathBuf) -> Task<Message> {
        let Some(l) = &self.loaded else { return Task::none() };
        let (certificate, pool, format, chain) =
            (l.certificate.clone(), l.pool.clone(), self.kind.format(), self.with_chain);
        Task::perform(
            async move {
                blocking(move || {
                    export_certificate(&certificate, &pool, format, chain, &path, true).map_err(Failure::from)
                })
                .await?
            },
            Message::Exported,
        )
    }

    /// Writes the customs pair into `dir`, off the UI thread.
    pub fn customs_to(&self, dir: PathBuf) -> Task<Message> {
        let Some(l) = &self.loaded else { return Task::none() };
        let (certificate, pool) = (l.certificate.clone(), l.pool.clone());
        Task::perform(
            async move { blocking(move || export_customs(&certificate, &pool, &dir, true).map_err(Failure::from)).await? },
            Message::CustomsExported,
        )
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let back = button(text(fl!("action-back"))).style(button::text).on_press(Message::BackPressed);
        let mut col = column![back].spacing(14);
        if let Some(p) = &self.problem {
            col = col.push(notice(p.clone(), Tone::Danger));
        }
        let Some(l) = &self.loaded else { return col.push(text(fl!("certificate-loading"))).into() };
        let s = l.certificate.summary();
        let holder = crate::wording::holder(s);
        col = col.push(text(holder).size(26));
        let (validity, tone) = expiry_text(&l.certificate.expiry_at(SystemTime::now()), &s.not_after_iso);
        let qualified = if s.qualified.is_qualified() {
            (fl!("certificate-qualified-claimed"), Tone::Good)
        } else {
            (fl!("certificate-not-qualified"), Tone::Neutral)
        };
        col = col.push(row![badge(validity, tone), badge(qualified.0, qualified.1)].spacing(8).wrap());
        let usage = usage_words(s);
        let key = l.view.key.as_ref().map_or_else(
            || fl!("certificate-key-elsewhere"),
            |k| {
                if k.pairing.key_id().is_some() {
                    fl!("certificate-key-on-token")
                } else {
                    fl!("certificate-key-missing")
                }
            },
        );
        let details = column![
            field(fl!("certificate-holder"), crate::wording::name(&s.subject)),
            field(fl!("certificate-issuer"), crate::wording::name(&s.issuer)),
            field(fl!("certificate-valid-from"), crate::i18n::date(&s.not_before_iso)),
            field(fl!("certificate-valid-until"), crate::i18n::date(&s.not_after_iso)),
            field(fl!("certificate-serial"), s.serial.clone()),
            field(fl!("certificate-key"), format!("{} · {key}", s.key)),
            field(fl!("certificate-usage"), usage),
            fingerprint(fl!("certificate-sha256"), &s.sha256),
            fingerprint(fl!("certificate-sha1"), &s.sha1),
        ]
        .spacing(6);
        col = col.push(card(Some(fl!("certificate-details")), details));

        if let Some(chain) = &l.view.chain {
            let mut links = column![].spacing(4);
            for (i, link) in chain.certificates.iter().enumerate() {
                links = links.push(text(format!("{}{}", "  ".repeat(i), crate::wording::name(&link.subject))).size(14));
            }
            let (end, tone) = match &chain.end {
                ChainEnd::Root => (fl!("chain-complete"), Tone::Good),
                ChainEnd::IssuerMissing { issuer } => {
                    (fl!("chain-issuer-missing", issuer = issuer.clone()), Tone::Warning)
                }
                ChainEnd::TooLong => (fl!("chain-too-long"), Tone::Warning),
            };
            links = links.push(badge(end, tone));
            col = col.push(card(Some(fl!("certificate-chain")), links));
        }

        let mut export = row![
            pick_list(FileKind::ALL, Some(self.kind), Message::KindPicked, Length::Shrink),
            button(text(fl!("certificate-export"))).on_press(Message::ExportPressed),
        ]
        .spacing(12);
        if self.kind.format() != ExportFormat::Der {
            export = export.push(checkbox(self.with_chain, fl!("certificate-with-chain"), Message::ChainToggled));
        }
        let mut exports = column![
            export.wrap(),
            row![
                button(text(fl!("certificate-customs"))).style(button::secondary).on_press(Message::CustomsPressed),
                text(fl!("certificate-customs-explained")).size(13).width(Length::Fill),
            ]
            .spacing(12),
        ]
        .spacing(10);
        if l.on_token && !s.is_ca {
            exports = exports.push(
                row![
                    button(text(fl!("certificate-renew"))).style(button::secondary).on_press(Message::RenewPressed),
                    text(fl!("certificate-renew-explained")).size(13).width(Length::Fill),
                ]
                .spacing(12),
            );
        }
        if let Some((words, tone)) = &self.result {
            exports = exports.push(notice(words.clone(), *tone));
        }
        col.push(card(Some(fl!("certificate-actions")), exports)).into()
    }
}

fn fingerprint<'a>(label: String, value: &str) -> Element<'a, Message> {
    row![
        text(label).width(220).size(14),
        text(crate::wording::fingerprint_lines(value)).size(12).width(Length::Fill),
        button(text(fl!("action-copy")).size(13))
            .style(button::secondary)
            .on_press(Message::CopyPressed(value.to_owned())),
    ]
    .spacing(12)
    .into()
}

fn usage_words(s: &pecat_pki::CertSummary) -> String {
    let mut words: Vec<String> = s
        .key_usage
        .0
        .iter()
        .map(|u| match *u {
            "digitalSignature" => fl!("usage-digital-signature"),
            "nonRepudiation" => fl!("usage-non-repudiation"),
            "keyEncipherment" => fl!("usage-key-encipherment"),
            "dataEncipherment" => fl!("usage-data-encipherment"),
            "keyAgreement" => fl!("usage-key-agreement"),
            "keyCertSign" => fl!("usage-cert-sign"),
            "cRLSign" => fl!("usage-crl-sign"),
            other => other.to_owned(),
        })
        .collect();
    words.extend(s.extended_key_usage.iter().cloned());
    if words.is_empty() { fl!("usage-none") } else { words.join(", ") }
}

/// A file name from the holder's name: letters, digits, dashes.
fn file_stem(certificate: &X509) -> String {
    let s = certificate.summary();
    let name = s.common_name.clone().unwrap_or_else(|| "certificate".into());
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
    if stem.is_empty() { "certificate".into() } else { stem }
}
