//! Diagnostics, the answer to "my token does not show up": every PKCS#11 module considered and
//! why each failed, the tokens per module, problems met, versions; "copy report" puts the same
//! text on the clipboard for the helpdesk.

use crate::widget::button;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::{ModuleStatus, TokenProblem};
use pecat_token::{ModuleSource, Token};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};
use crate::wording::failure_text;

/// One module as found.
#[derive(Debug, Clone)]
pub struct ModuleLine {
    /// Its name.
    pub name: String,
    /// Its path.
    pub path: String,
    /// Where it was found.
    pub source: ModuleSource,
    /// Loaded (library and tokens) or why not.
    pub status: ModuleStatus,
    /// Its tokens: label, serial, slot.
    pub tokens: Vec<(String, String, String)>,
}

/// What the report holds.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every module considered.
    pub modules: Vec<ModuleLine>,
    /// Problems met.
    pub problems: Vec<TokenProblem>,
}

/// The diagnostics screen.
#[derive(Debug)]
pub struct Diagnostics {
    backend: Backend,
    report: Option<Report>,
    problem: Option<String>,
    copied: bool,
}

/// What happens on the screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The report was read.
    Loaded(Result<Report, Failure>),
    /// "Copy report" was pressed.
    CopyPressed,
    /// "Look again" was pressed.
    RescanPressed,
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Discover the modules again.
    Rescan,
}

impl Diagnostics {
    /// The screen; the report is read off the UI thread.
    pub fn new(backend: Backend) -> (Self, Task<Message>) {
        let screen = Self { backend, report: None, problem: None, copied: false };
        let task = screen.load();
        (screen, task)
    }

    fn load(&self) -> Task<Message> {
        let backend = self.backend.clone();
        Task::perform(blocking(move || read_report(&backend)), Message::Loaded)
    }

    /// The report, once read.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok(report)) => {
                self.report = Some(report);
                (Task::none(), None)
            }
            Message::Loaded(Err(e)) => {
                self.problem = Some(failure_text(&e));
                (Task::none(), None)
            }
            Message::CopyPressed => {
                self.copied = true;
                let text = self.report.as_ref().map(report_text).unwrap_or_default();
                (iced::clipboard::write(text), None)
            }
            Message::RescanPressed => {
                self.report = None;
                self.copied = false;
                (Task::none(), Some(Event::Rescan))
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut actions = row![
            button(text(fl!("diagnostics-copy"))).on_press(Message::CopyPressed),
            button(text(fl!("diagnostics-rescan"))).style(button::secondary).on_press(Message::RescanPressed),
        ]
        .spacing(12);
        if self.copied {
            actions = actions.push(badge(fl!("diagnostics-copied"), Tone::Good));
        }
        let mut col = column![text(fl!("diagnostics-title")).size(26), actions].spacing(14);
        if let Some(p) = &self.problem {
            col = col.push(notice(p.clone(), Tone::Danger));
        }
        col = col.push(card(
            Some(fl!("diagnostics-versions")),
            column![
                field(fl!("diagnostics-version-pecat"), env!("CARGO_PKG_VERSION")),
                field(fl!("diagnostics-version-os"), format!("{} {}", std::env::consts::OS, std::env::consts::ARCH)),
            ]
            .spacing(6),
        ));
        let Some(report) = &self.report else { return col.push(text(fl!("diagnostics-loading"))).into() };
        if report.modules.is_empty() {
            col = col.push(notice(fl!("diagnostics-no-modules"), Tone::Warning));
        }
        for m in &report.modules {
            let (status, tone) = status_words(&m.status);
            let mut body = column![
                row![text(m.name.clone()).size(17).width(Length::Fill), badge(status, tone)].spacing(12),
                field(fl!("diagnostics-path"), m.path.clone()),
                field(fl!("diagnostics-found-by"), source_words(&m.source)),
            ]
            .spacing(6);
            match &m.status {
                ModuleStatus::Loaded { library, .. } => {
                    body = body.push(field(fl!("diagnostics-library"), library.clone()))
                }
                ModuleStatus::Failed { error } => body = body.push(field(fl!("diagnostics-why"), error.clone())),
            }
            for (label, serial, slot) in &m.tokens {
                body = body.push(field(fl!("diagnostics-token"), format!("{label} · {serial} · {slot}")));
            }
            col = col.push(card(None, body));
        }
        if !report.problems.is_empty() {
            let mut problems = column![].spacing(6);
            for p in &report.problems {
                problems = problems.push(field(p.module.display().to_string(), p.error.clone()));
            }
            col = col.push(card(Some(fl!("diagnostics-problems")), problems));
        }
        col.into()
    }
}

fn read_report(backend: &Backend) -> Report {
    let inventory = backend.inventory();
    let modules = inventory
        .modules()
        .iter()
        .map(|m| {
            let tokens = inventory
                .tokens()
                .iter()
                .filter(|t| t.module().candidate().path == m.candidate.path)
                .map(|t| {
                    let (label, serial, slot) = match t.info() {
                        Ok(i) => (i.label, i.serial, i.slot_description),
                        Err(_) => (t.label().to_owned(), t.id().serial.clone(), String::new()),
                    };
                    (label, serial, slot)
                })
                .collect();
            ModuleLine {
                name: m.candidate.name.clone(),
                path: m.candidate.path.display().to_string(),
                source: m.candidate.source.clone(),
                status: m.status.clone(),
                tokens,
            }
        })
        .collect();
    Report { modules, problems: inventory.problems().to_vec() }
}

fn status_words(status: &ModuleStatus) -> (String, Tone) {
    match status {
        ModuleStatus::Loaded { tokens: 0, .. } => (fl!("diagnostics-loaded-empty"), Tone::Warning),
        ModuleStatus::Loaded { tokens, .. } => (fl!("diagnostics-loaded", tokens = tokens), Tone::Good),
        ModuleStatus::Failed { .. } => (fl!("diagnostics-failed"), Tone::Danger),
    }
}

fn source_words(source: &ModuleSource) -> String {
    match source {
        ModuleSource::CommandLine => fl!("diagnostics-source-command-line"),
        ModuleSource::Environment => fl!("diagnostics-source-environment"),
        ModuleSource::Settings => fl!("diagnostics-source-settings"),
        ModuleSource::Known => fl!("diagnostics-source-known"),
        #[allow(unreachable_patterns)]
        _ => fl!("diagnostics-source-known"),
    }
}

/// The report as plain text in the current language, for the clipboard.
pub fn report_text(report: &Report) -> String {
    let mut out = format!(
        "{}\n{}: {}\n{}: {} {}\n",
        fl!("diagnostics-title"),
        fl!("diagnostics-version-pecat"),
        env!("CARGO_PKG_VERSION"),
        fl!("diagnostics-version-os"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    for m in &report.modules {
        let (status, _) = status_words(&m.status);
        out.push_str(&format!("\n{} [{}]\n  {}\n  {status}\n", m.name, source_words(&m.source), m.path));
        match &m.status {
            ModuleStatus::Loaded { library, .. } => out.push_str(&format!("  {library}\n")),
            ModuleStatus::Failed { error } => out.push_str(&format!("  {}: {error}\n", fl!("diagnostics-why"))),
        }
        for (label, serial, slot) in &m.tokens {
            out.push_str(&format!("  {}: {label} · {serial} · {slot}\n", fl!("diagnostics-token")));
        }
    }
    if !report.problems.is_empty() {
        out.push_str(&format!("\n{}\n", fl!("diagnostics-problems")));
        for p in &report.problems {
            out.push_str(&format!("  {}: {}\n", p.module.display(), p.error));
        }
    }
    out
}
