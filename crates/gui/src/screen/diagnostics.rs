//! Diagnostics, the answer to "my token does not show up": core's report (the same one
//! `pecat-cli doctor` prints) in the user's words — every PKCS#11 module considered and why one
//! failed, the readers and tokens of each, known token software that is not installed, the
//! smart-card service, versions and what to try next; "Copy report" puts the same words on the
//! clipboard for the helpdesk.

mod words;

use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::diagnostics::{ModuleOutcome, Read, Report};

use crate::backend::{Failure, blocking};
use crate::fl;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::button;
use crate::widget::field::{card, field};
use crate::wording::failure_text;

pub use words::report_text;

/// The diagnostics screen.
#[derive(Debug, Default)]
pub struct Diagnostics {
    report: Option<Report>,
    problem: Option<String>,
    copied: bool,
}

/// What happens on the screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The report was read.
    Loaded(Result<Box<Report>, Failure>),
    /// "Copy report" was pressed.
    CopyPressed,
    /// "Look again" was pressed.
    RescanPressed,
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Discover the modules again (the credentials list follows).
    Rescan,
}

impl Diagnostics {
    /// The screen; the report is collected off the UI thread (it loads every module and reads
    /// every token, bounded by the token layer's timeouts).
    pub fn new() -> (Self, Task<Message>) {
        let screen = Self::default();
        (screen, load())
    }

    /// The report, once read.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok(report)) => {
                self.report = Some(*report);
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
                (load(), Some(Event::Rescan))
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut actions = row![
            button(text(fl!("diagnostics-copy"))).on_press_maybe(self.report.as_ref().map(|_| Message::CopyPressed)),
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
        let Some(report) = &self.report else { return col.push(text(fl!("diagnostics-loading"))).into() };
        let advice = words::advice(report);
        if !advice.is_empty() {
            let mut lines = column![text(fl!("diagnostics-advice-heading")).size(16)].spacing(4);
            for line in advice {
                lines = lines.push(text(format!("• {line}")).size(14));
            }
            col = col.push(card(None, lines));
        }
        let v = &report.versions;
        col = col.push(card(
            Some(fl!("diagnostics-versions")),
            column![
                field(fl!("diagnostics-version-pecat"), v.app.clone()),
                field(fl!("diagnostics-version-os"), words::system(v)),
            ]
            .spacing(6),
        ));
        if report.modules.is_empty() {
            col = col.push(notice(fl!("diagnostics-no-modules"), Tone::Warning));
        }
        for m in &report.modules {
            let (status, tone) = words::module_status(m);
            let mut body = column![
                row![text(m.candidate.name.clone()).size(17).width(Length::Fill), badge(status, tone)].spacing(12),
                field(fl!("diagnostics-path"), m.candidate.path.display().to_string()),
                field(fl!("diagnostics-found-by"), words::source(&m.candidate.source)),
            ]
            .spacing(6);
            match &m.outcome {
                ModuleOutcome::Failed { failure } => {
                    body = body.push(field(fl!("diagnostics-why"), words::failure(failure)));
                }
                ModuleOutcome::Loaded { library, slots } => {
                    body = body.push(field(fl!("diagnostics-library"), library.clone()));
                    if slots.is_empty() {
                        body = body.push(text(fl!("diagnostics-no-token-in-slots")).size(14));
                    }
                    for slot in slots {
                        body = body.push(field(fl!("diagnostics-reader"), words::reader(slot)));
                        match &slot.token {
                            Read::Failed(f) => {
                                body = body.push(field(fl!("diagnostics-token"), words::unreadable(f)));
                            }
                            Read::Read(t) => {
                                for (label, value) in words::token_lines(t) {
                                    body = body.push(field(label, value));
                                }
                            }
                        }
                    }
                }
            }
            col = col.push(card(None, body));
        }
        if !report.known_absent.is_empty() {
            let mut absent = column![].spacing(6);
            for k in &report.known_absent {
                absent = absent.push(field(k.name.clone(), words::looked_for(k)));
            }
            col = col.push(card(Some(fl!("diagnostics-absent-heading")), absent));
        }
        let mut service = column![].spacing(6);
        for (label, value) in words::card_service(&report.card_service) {
            service = service.push(field(label, value));
        }
        col.push(card(Some(fl!("diagnostics-card-service")), service)).into()
    }
}

fn load() -> Task<Message> {
    Task::perform(
        blocking(|| Box::new(Report::collect(&crate::backend::discovery(), &crate::version_line()))),
        Message::Loaded,
    )
}
