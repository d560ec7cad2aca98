//! The renewal wizard: the renewal window and the provider's rule explained (core
//! `plan_renewal`), a new key pair of the same kind generated on the same token with a request
//! (CSR) signed by it (core `renew`), the request saved or copied, and later the issued
//! certificate loaded back in place of the old one (core `import_issued`).

use std::path::PathBuf;
use std::time::SystemTime;

use crate::widget::button;
use crate::widget::focus::checkbox;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Length, Task};
use pecat_core::{ImportOptions, RenewalPlan, import_issued, import_request, login_refusal, plan_renewal, renew};
use pecat_pki::Certificate;
use pecat_token::{ImportReport, PinOptions, PinOutcome, StoreId};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::secret::SecretText;
use crate::theme::Tone;
use crate::widget::badge::{badge, notice};
use crate::widget::field::{card, field};
use crate::wording::{error_text, expiry_text, failure_text, outcome_text};

/// Where the wizard is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Reading the certificate and planning.
    Planning,
    /// The plan is shown; the PIN is asked to generate the key and the request.
    Generate,
    /// The request exists: save or copy it, then wait for the provider.
    Request,
    /// The issued certificate is being loaded.
    Import,
    /// Done: the issued certificate is on the token.
    Done,
}

/// What the plan read.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The certificate being renewed.
    pub certificate: Certificate,
    /// The plan, or why renewal is refused.
    pub plan: Result<RenewalPlan, pecat_core::Error>,
}

/// The renewal wizard.
#[derive(Debug)]
pub struct Renew {
    backend: Backend,
    store: StoreId,
    id: String,
    step: Step,
    planned: Option<Planned>,
    pin: SecretText,
    final_try: bool,
    confirmed: bool,
    busy: bool,
    csr_pem: Option<String>,
    new_key: Option<String>,
    issued: Option<PathBuf>,
    delete_old_key: bool,
    result: Option<(String, Tone)>,
}

/// What happens in the wizard.
#[derive(Debug, Clone)]
pub enum Message {
    /// The plan was made.
    Planned(Result<Box<Planned>, Failure>),
    /// "Back" was pressed.
    BackPressed,
    /// The PIN field changed.
    PinChanged(SecretText),
    /// The last-try box was ticked or cleared.
    FinalTryConfirmed(bool),
    /// "Generate key and request" was pressed.
    GeneratePressed,
    /// The key and request were made (or the PIN was refused).
    Generated(Result<PinOutcome<(String, String)>, Failure>),
    /// "Save request…" was pressed.
    SaveCsrPressed,
    /// The save dialog closed.
    CsrPathPicked(Option<PathBuf>),
    /// The request file was written.
    CsrSaved(Result<PathBuf, Failure>),
    /// "Copy request" was pressed.
    CopyCsrPressed,
    /// "Load the issued certificate…" was pressed.
    LoadIssuedPressed,
    /// The file dialog closed.
    IssuedPicked(Option<PathBuf>),
    /// "Also remove the old key pair" was toggled.
    DeleteOldKeyToggled(bool),
    /// "Load onto the token" was pressed.
    ImportPressed,
    /// The issued certificate was loaded (or the PIN was refused).
    Imported(Result<PinOutcome<ImportReport>, Failure>),
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Back to the list.
    Back,
    /// The token's contents changed: refresh the list.
    TokenChanged,
}

/// Text field id of the PIN.
pub const PIN_ID: &str = "renew-pin";

impl Renew {
    /// The wizard for certificate `id` on token `store`, planned off the UI thread at `now`.
    pub fn new(backend: Backend, store: StoreId, id: String, now: SystemTime) -> (Self, Task<Message>) {
        let screen = Self {
            backend,
            store,
            id,
            step: Step::Planning,
            planned: None,
            pin: SecretText::default(),
            final_try: false,
            confirmed: false,
            busy: false,
            csr_pem: None,
            new_key: None,
            issued: None,
            delete_old_key: false,
            result: None,
        };
        let (backend, store, id) = (screen.backend.clone(), screen.store.clone(), screen.id.clone());
        let task = Task::perform(
            async move {
                blocking(move || -> Result<Box<Planned>, Failure> {
                    let loaded = crate::screen::certificate::read(&backend, &store, &id, now)?;
                    let token = backend
                        .token(&store)
                        .ok_or_else(|| pecat_token::Error::TokenRemoved { token: store.reference() })?;
                    let plan = plan_renewal(token.as_ref(), &loaded.certificate, None, now);
                    Ok(Box::new(Planned { certificate: loaded.certificate, plan }))
                })
                .await?
            },
            Message::Planned,
        );
        (screen, task)
    }

    /// Where the wizard is.
    pub fn step(&self) -> &Step {
        &self.step
    }

    /// The request, once made (PEM).
    pub fn csr_pem(&self) -> Option<&str> {
        self.csr_pem.as_deref()
    }

    /// The last result shown.
    pub fn result(&self) -> Option<&(String, Tone)> {
        self.result.as_ref()
    }

    fn options(&self) -> PinOptions {
        PinOptions { confirm_last_try: self.final_try && self.confirmed, allow_long_pin: false }
    }

    fn pin_ready(&self) -> bool {
        !self.busy && !self.pin.is_empty() && (!self.final_try || self.confirmed)
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Planned(Ok(p)) => {
                self.step = Step::Generate;
                self.planned = Some(*p);
            }
            Message::Planned(Err(e)) => self.result = Some((failure_text(&e), Tone::Danger)),
            Message::BackPressed => {
                self.pin = SecretText::default();
                return (Task::none(), Some(Event::Back));
            }
            Message::PinChanged(p) => self.pin = p,
            Message::FinalTryConfirmed(on) => self.confirmed = on,
            Message::GeneratePressed => return (self.generate(), None),
            Message::Generated(Ok(PinOutcome::Done { value: (key, pem) })) => {
                self.busy = false;
                self.pin = SecretText::default();
                self.new_key = Some(key);
                self.csr_pem = Some(pem);
                self.step = Step::Request;
                self.result = None;
                return (Task::none(), Some(Event::TokenChanged));
            }
            Message::Generated(Ok(outcome)) => self.after_refusal(&outcome.map(|_| ())),
            Message::Generated(Err(e)) | Message::Imported(Err(e)) | Message::CsrSaved(Err(e)) => {
                self.busy = false;
                self.result = Some((failure_text(&e), Tone::Danger));
            }
            Message::SaveCsrPressed => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(fl!("renew-save-csr"))
                    .set_file_name("request.csr")
                    .add_filter(fl!("file-kind-csr"), &["csr", "pem", "req"]);
                let task = Task::perform(
                    async move { dialog.save_file().await.map(|f| f.path().to_owned()) },
                    Message::CsrPathPicked,
                );
                return (task, None);
            }
            Message::CsrPathPicked(None) | Message::IssuedPicked(None) => {}
            Message::CsrPathPicked(Some(path)) => return (self.save_csr(path), None),
            Message::CsrSaved(Ok(path)) => {
                self.result = Some((fl!("renew-csr-saved", path = path.display().to_string()), Tone::Good));
            }
            Message::CopyCsrPressed => {
                self.result = Some((fl!("renew-csr-copied"), Tone::Good));
                return (iced::clipboard::write(self.csr_pem.clone().unwrap_or_default()), None);
            }
            Message::LoadIssuedPressed => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(fl!("renew-load-issued"))
                    .add_filter(fl!("file-kind-certificates"), &["cer", "crt", "der", "pem", "p7b", "p7c"]);
                let task = Task::perform(
                    async move { dialog.pick_file().await.map(|f| f.path().to_owned()) },
                    Message::IssuedPicked,
                );
                return (task, None);
            }
            Message::IssuedPicked(Some(path)) => {
                self.issued = Some(path);
                self.step = Step::Import;
                self.result = None;
            }
            Message::DeleteOldKeyToggled(on) => self.delete_old_key = on,
            Message::ImportPressed => return (self.import(), None),
            Message::Imported(Ok(PinOutcome::Done { value })) => {
                self.busy = false;
                self.pin = SecretText::default();
                self.step = Step::Done;
                self.result = Some((fl!("renew-imported", label = value.label, replaced = value.replaced), Tone::Good));
                return (Task::none(), Some(Event::TokenChanged));
            }
            Message::Imported(Ok(outcome)) => self.after_refusal(&outcome.map(|_| ())),
        }
        (Task::none(), None)
    }

    fn after_refusal(&mut self, outcome: &PinOutcome<()>) {
        self.busy = false;
        self.pin = SecretText::default();
        if matches!(outcome, PinOutcome::NeedsConfirmation { .. }) {
            self.final_try = true;
            self.confirmed = false;
        }
        self.result = Some(outcome_text(outcome, &fl!("puk-label-puk")));
    }

    /// Generates the key pair and the request with the PIN typed (off the UI thread).
    pub fn generate(&mut self) -> Task<Message> {
        let Some(Planned { plan: Ok(plan), .. }) = &self.planned else { return Task::none() };
        if !self.pin_ready() {
            return Task::none();
        }
        self.busy = true;
        let (backend, store, plan, pin, options) =
            (self.backend.clone(), self.store.clone(), plan.clone(), self.pin.to_secret(), self.options());
        Task::perform(
            async move {
                blocking(move || -> Result<PinOutcome<(String, String)>, Failure> {
                    let token = backend
                        .token(&store)
                        .ok_or_else(|| pecat_token::Error::TokenRemoved { token: store.reference() })?;
                    if let Some(refused) = login_refusal(token.as_ref(), options)? {
                        return Ok(pecat_core::carry(refused));
                    }
                    Ok(renew(token.as_ref(), &plan, &pin, options)?.map(|r| (r.key.id, r.csr.pem())))
                })
                .await?
            },
            Message::Generated,
        )
    }

    fn save_csr(&self, path: PathBuf) -> Task<Message> {
        let pem = self.csr_pem.clone().unwrap_or_default();
        Task::perform(
            async move {
                blocking(move || {
                    std::fs::write(&path, pem.as_bytes())
                        .map(|()| path.clone())
                        .map_err(|e| Failure::Core(pecat_core::Error::Write { path, source: e.into() }))
                })
                .await?
            },
            Message::CsrSaved,
        )
    }

    /// Loads the chosen issued certificate in place of the old one (off the UI thread).
    pub fn import(&mut self) -> Task<Message> {
        let Some(path) = self.issued.clone() else { return Task::none() };
        if !self.pin_ready() {
            return Task::none();
        }
        self.busy = true;
        let options = ImportOptions {
            replace: Some(self.id.clone()),
            delete_old_key: self.delete_old_key,
            with_chain: true,
            label: None,
            allow_invalid: false,
        };
        let (backend, store, pin, pin_options) =
            (self.backend.clone(), self.store.clone(), self.pin.to_secret(), self.options());
        Task::perform(
            async move {
                blocking(move || -> Result<PinOutcome<ImportReport>, Failure> {
                    let token = backend
                        .token(&store)
                        .ok_or_else(|| pecat_token::Error::TokenRemoved { token: store.reference() })?;
                    let certificates = pecat_core::read_certificates(&path)?;
                    let request =
                        import_request(certificates, &path.display().to_string(), options, SystemTime::now())?;
                    if let Some(refused) = login_refusal(token.as_ref(), pin_options)? {
                        return Ok(pecat_core::carry(refused));
                    }
                    Ok(import_issued(token.as_ref(), &request, &pin, pin_options)?)
                })
                .await?
            },
            Message::Imported,
        )
    }

    /// The wizard.
    pub fn view(&self) -> Element<'_, Message> {
        let back = button(text(fl!("action-back"))).style(button::text).on_press(Message::BackPressed);
        let mut col = column![back, text(fl!("renew-title")).size(26)].spacing(14);
        let Some(planned) = &self.planned else {
            if let Some((words, tone)) = &self.result {
                col = col.push(notice(words.clone(), *tone));
            }
            return col.push(text(fl!("renew-planning"))).into();
        };
        let s = planned.certificate.summary();
        let (validity, tone) = expiry_text(&planned.certificate.expiry_at(SystemTime::now()), &s.not_after_iso);
        let mut window = column![
            row![text(crate::wording::holder(s)).size(18), badge(validity, tone)].spacing(12),
            text(fl!("renew-rule")).size(14),
        ]
        .spacing(8);
        match &planned.plan {
            Ok(plan) => {
                window = window
                    .push(field(fl!("renew-from"), crate::i18n::date(&plan.window.renew_from)))
                    .push(field(fl!("renew-urgent-from"), crate::i18n::date(&plan.window.urgent_from)))
                    .push(field(fl!("renew-expires"), crate::i18n::date(&plan.window.expires)))
                    .push(field(fl!("renew-new-key"), format!("{} · {}", plan.spec, plan.label)));
            }
            Err(e) => window = window.push(notice(error_text(e), Tone::Danger)),
        }
        col = col.push(card(Some(fl!("renew-window")), window));
        let step_body: Element<'_, Message> = match self.step {
            Step::Planning => text(fl!("renew-planning")).into(),
            Step::Generate => {
                let mut c = column![text(fl!("renew-generate-explained")).size(14)].spacing(10);
                if planned.plan.is_ok() {
                    c = c.push(self.pin_entry(Message::GeneratePressed));
                    let mut go = button(text(if self.busy { fl!("renew-working") } else { fl!("renew-generate") }))
                        .style(button::primary);
                    if self.pin_ready() {
                        go = go.on_press(Message::GeneratePressed);
                    }
                    c = c.push(go);
                }
                c = c.push(
                    row![
                        text(fl!("renew-have-issued")).size(14),
                        button(text(fl!("renew-load-issued")))
                            .style(button::secondary)
                            .on_press(Message::LoadIssuedPressed),
                    ]
                    .spacing(12),
                );
                c.into()
            }
            Step::Request => column![
                text(fl!("renew-request-explained")).size(14),
                row![
                    button(text(fl!("renew-save-csr"))).on_press(Message::SaveCsrPressed),
                    button(text(fl!("renew-copy-csr"))).style(button::secondary).on_press(Message::CopyCsrPressed),
                    button(text(fl!("renew-load-issued")))
                        .style(button::secondary)
                        .on_press(Message::LoadIssuedPressed),
                ]
                .spacing(12),
                text(self.csr_pem.clone().unwrap_or_default()).size(11),
            ]
            .spacing(10)
            .into(),
            Step::Import => {
                let file = self.issued.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                let mut go = button(text(if self.busy { fl!("renew-working") } else { fl!("renew-import") }))
                    .style(button::primary);
                if self.pin_ready() {
                    go = go.on_press(Message::ImportPressed);
                }
                column![
                    field(fl!("renew-issued-file"), file),
                    text(fl!("renew-import-explained")).size(14),
                    checkbox(self.delete_old_key, fl!("renew-delete-old-key"), Message::DeleteOldKeyToggled),
                    self.pin_entry(Message::ImportPressed),
                    go,
                ]
                .spacing(10)
                .into()
            }
            Step::Done => text(fl!("renew-done")).into(),
        };
        col = col.push(card(Some(step_title(&self.step)), step_body));
        if let Some((words, tone)) = &self.result {
            col = col.push(notice(words.clone(), *tone));
        }
        col.width(Length::Fill).into()
    }

    fn pin_entry(&self, submit: Message) -> Element<'_, Message> {
        let mut c = column![
            text(fl!("pin-current")).size(14),
            text_input("", self.pin.as_str())
                .id(PIN_ID)
                .secure(true)
                .on_input(|s| Message::PinChanged(SecretText::new(s)))
                .on_submit(submit)
                .padding(8)
                .width(320),
        ]
        .spacing(4);
        if self.final_try {
            c = c.push(notice(fl!("pin-final-try-warning", secret = fl!("secret-pin")), Tone::Danger)).push(checkbox(
                self.confirmed,
                fl!("pin-final-try-confirm"),
                Message::FinalTryConfirmed,
            ));
        }
        c.into()
    }
}

fn step_title(step: &Step) -> String {
    match step {
        Step::Planning | Step::Generate => fl!("renew-step-generate"),
        Step::Request => fl!("renew-step-request"),
        Step::Import => fl!("renew-step-import"),
        Step::Done => fl!("renew-step-done"),
    }
}
