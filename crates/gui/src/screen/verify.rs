//! Verify: a signed PDF dropped on the window or picked; one verdict per signature in plain words
//! (who signed, when, whether the document changed after, trusted or not and why, qualified or
//! only claiming to be), each with colour, icon and text. Trust is Pecat's trust store, plus
//! certificate files the user picks and, when the demo runs, its root if the user asks.

pub mod words;

use std::path::PathBuf;
use std::time::SystemTime;

use crate::widget::button;
use crate::widget::focus::checkbox;
use iced::widget::{column, row, text};
use iced::{Element, Task};
use pecat_core::{TrustChoice, TrustStore};
use pecat_pades::{Qualification, SignatureReport, Verdict, VerifyReport};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};

/// The verify screen.
#[derive(Debug)]
pub struct Verify {
    backend: Backend,
    pub file: Option<PathBuf>,
    /// Certificate files trusted for this screen.
    pub trusted_files: Vec<PathBuf>,
    /// Also trust the demo credential's root.
    pub trust_demo: bool,
    pub report: Option<Result<VerifyReport, Failure>>,
    pub busy: bool,
}

/// What the verify screen does.
#[derive(Debug, Clone)]
pub enum Message {
    PickFilePressed,
    FilePicked(Option<PathBuf>),
    TrustFilePressed,
    TrustFilePicked(Option<PathBuf>),
    RemoveTrustedPressed(usize),
    TrustDemoToggled(bool),
    Verified(PathBuf, Result<VerifyReport, Failure>),
}

impl Verify {
    /// The screen with no document yet.
    pub fn new(backend: Backend) -> Self {
        Self { backend, file: None, trusted_files: Vec::new(), trust_demo: false, report: None, busy: false }
    }

    /// The screen verifying `file` right away.
    pub fn with_file(backend: Backend, file: PathBuf) -> (Self, Task<Message>) {
        let mut screen = Self::new(backend);
        screen.trust_demo = screen.backend.demo_root().is_some();
        let task = screen.open(file);
        (screen, task)
    }

    /// A file dropped on the window while this screen is open.
    pub fn file_dropped(&mut self, path: PathBuf) -> Task<Message> {
        self.open(path)
    }

    fn open(&mut self, path: PathBuf) -> Task<Message> {
        self.file = Some(path);
        self.verify()
    }

    /// What the current choice trusts.
    pub fn trust(&self) -> TrustChoice {
        TrustChoice {
            files: self.trusted_files.clone(),
            qualified_files: Vec::new(),
            store: TrustStore::default_location(),
            system: false,
        }
    }

    fn verify(&mut self) -> Task<Message> {
        let Some(path) = self.file.clone() else { return Task::none() };
        self.busy = true;
        self.report = None;
        let trust = self.trust();
        let extra: Vec<Vec<u8>> =
            if self.trust_demo { self.backend.demo_root().into_iter().collect() } else { Vec::new() };
        let p = path.clone();
        Task::perform(
            blocking(move || {
                pecat_core::verify_document_with(&p, &trust, &extra, SystemTime::now()).map_err(Failure::from)
            }),
            move |r| Message::Verified(path.clone(), r.and_then(|x| x)),
        )
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::PickFilePressed => Task::perform(pick("PDF".to_owned(), &["pdf", "PDF"]), Message::FilePicked),
            Message::FilePicked(Some(path)) => self.open(path),
            Message::TrustFilePressed => Task::perform(
                pick(fl!("verify-certificate-files"), &["pem", "crt", "cer", "der", "p7b", "p7c"]),
                Message::TrustFilePicked,
            ),
            Message::TrustFilePicked(Some(path)) => {
                if !self.trusted_files.contains(&path) {
                    self.trusted_files.push(path);
                }
                self.verify()
            }
            Message::FilePicked(None) | Message::TrustFilePicked(None) => Task::none(),
            Message::RemoveTrustedPressed(i) if i < self.trusted_files.len() => {
                self.trusted_files.remove(i);
                self.verify()
            }
            Message::RemoveTrustedPressed(_) => Task::none(),
            Message::TrustDemoToggled(on) => {
                self.trust_demo = on;
                self.verify()
            }
            Message::Verified(path, result) => {
                if self.file.as_ref() == Some(&path) {
                    self.busy = false;
                    self.report = Some(result);
                }
                Task::none()
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut col = column![
            text(fl!("verify-title")).size(24),
            text(fl!("verify-drop-hint")),
            button(text(fl!("verify-pick"))).on_press(Message::PickFilePressed),
        ]
        .spacing(12);
        let mut trust = column![text(fl!("verify-trust-store"))].spacing(6);
        for (i, f) in self.trusted_files.iter().enumerate() {
            trust = trust.push(
                row![
                    text(fl!("verify-trusting-file", file = f.display().to_string())),
                    button(text("✖")).style(button::text).on_press(Message::RemoveTrustedPressed(i)),
                ]
                .spacing(6),
            );
        }
        trust = trust.push(button(text(fl!("verify-trust-file"))).on_press(Message::TrustFilePressed));
        if self.backend.demo_root().is_some() {
            trust = trust.push(checkbox(self.trust_demo, fl!("verify-trust-demo"), Message::TrustDemoToggled));
        }
        col = col.push(card(Some(fl!("verify-trust-heading")), trust));
        if let Some(file) = &self.file {
            col = col.push(text(file.display().to_string()).size(16));
        }
        if self.busy {
            col = col.push(text(fl!("verify-busy")));
        }
        match &self.report {
            None => {}
            Some(Err(e)) => col = col.push(notice(crate::screen::failure_text(e), Tone::Danger)),
            Some(Ok(report)) => col = col.push(view_report(report)),
        }
        col.into()
    }
}

/// A verdict's tone and words.
pub fn verdict_badge(v: Verdict) -> (Tone, String) {
    match v {
        Verdict::Valid => (Tone::Good, fl!("verify-verdict-valid")),
        Verdict::Indeterminate => (Tone::Warning, fl!("verify-verdict-indeterminate")),
        Verdict::Invalid => (Tone::Danger, fl!("verify-verdict-invalid")),
    }
}

fn view_report(report: &VerifyReport) -> Element<'_, Message> {
    let mut col = column![].spacing(12);
    match report.verdict {
        None => return notice(fl!("verify-no-signatures"), Tone::Warning),
        Some(v) => {
            let (tone, _) = verdict_badge(v);
            let words = match v {
                Verdict::Valid => fl!("verify-file-valid", count = report.signatures.len()),
                Verdict::Indeterminate => fl!("verify-file-indeterminate"),
                Verdict::Invalid => fl!("verify-file-invalid"),
            };
            col = col.push(notice(words, tone));
        }
    }
    if let Some(span) = &report.uncovered {
        col = col.push(notice(fl!("verify-uncovered", start = span.start, end = span.end), Tone::Danger));
    }
    for (i, s) in report.signatures.iter().enumerate() {
        col = col.push(view_signature(i + 1, s));
    }
    col.into()
}

/// One signature's verdict in plain words.
pub fn signature_lines(s: &SignatureReport) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let who = s.signer_common_name.clone().or_else(|| s.signer.clone()).unwrap_or_else(|| fl!("verify-unknown-signer"));
    lines.push((fl!("verify-who"), who));
    let when = match &s.claimed_signing_time_utc {
        Some(t) => {
            fl!("verify-when-claimed", date = crate::i18n::date(t), time = t.get(11..16).unwrap_or("").to_owned())
        }
        None => fl!("verify-when-unknown"),
    };
    lines.push((fl!("verify-when"), when));
    let changed = if s.later_changes.revisions == 0 {
        fl!("verify-unchanged")
    } else if s.later_changes.permitted {
        fl!("verify-changed-permitted", class = words::class_text(s.later_changes.class))
    } else {
        fl!("verify-changed-forbidden", class = words::class_text(s.later_changes.class))
    };
    lines.push((fl!("verify-changes"), changed));
    let trusted = match (&s.anchor, s.trusted) {
        (Some(a), true) => fl!("verify-trusted", anchor = crate::wording::name(&a.subject)),
        _ => fl!("verify-not-trusted"),
    };
    lines.push((fl!("verify-trust"), trusted));
    let qualified = match s.qualification {
        Qualification::Qualified => fl!("verify-qualified"),
        Qualification::Claimed => fl!("verify-claims-qualified"),
        Qualification::NotQualified => fl!("verify-not-qualified"),
    };
    lines.push((fl!("verify-qualification"), qualified));
    if let Some(p) = s.certification {
        lines.push((fl!("verify-certification"), fl!("verify-certification-level", p = p.p())));
    }
    lines
}

fn view_signature(n: usize, s: &SignatureReport) -> Element<'_, Message> {
    let (tone, verdict) = verdict_badge(s.verdict);
    let mut col = column![
        row![text(fl!("verify-signature-heading", n = n, field = s.field.clone())).size(18), badge(verdict, tone)]
            .spacing(10)
    ]
    .spacing(6);
    for (label, value) in signature_lines(s) {
        col = col.push(field(label, value));
    }
    for p in &s.problems {
        let tone = match p.severity() {
            pecat_pades::Severity::Invalid => Tone::Danger,
            pecat_pades::Severity::Indeterminate => Tone::Warning,
            _ => Tone::Neutral,
        };
        col = col.push(badge(words::problem_text(p), tone));
    }
    for c in &s.later_changes.changes {
        col = col.push(text(format!("• {}", words::change_text(c))).size(13));
    }
    card(None, col)
}

async fn pick(name: String, extensions: &[&str]) -> Option<PathBuf> {
    let file = rfd::AsyncFileDialog::new().add_filter(&name, extensions).pick_file().await;
    file.map(|f| f.path().to_path_buf())
}
