//! Sign: PDFs dropped on the window or picked, a credential from the inventory, reason and
//! location per document, an invisible signature, a rectangle dragged on the page preview or
//! one of the document's empty fields; the PIN (and one-time code) in a masked dialog; the batch
//! off the UI thread with progress, cancel, per-document results and "open folder".

pub mod auth;
pub mod batch;
mod view;
pub mod wording;

use std::path::{Path, PathBuf};

use iced::{Point, Task};
use pecat_core::{CancelToken, DocumentInfo, DocumentStatus, SignProgress};
use pecat_token::{AuthRequirement, CodeDelivery, PinOutcome, Secrets};

pub use auth::AuthDialog;
pub use batch::{BatchEvent, CredentialChoice, DocumentResult, DocumentSetup, Placement};

use crate::backend::{Backend, Failure, blocking};
use crate::widget::preview::{self, Drag, PagePreview, PreviewError};

/// The smallest rectangle taken as a visible signature, in points; a click is not a drag.
pub const MIN_RECT: f64 = 20.0;

/// One document in the list.
#[derive(Debug, Clone)]
pub struct Document {
    pub setup: DocumentSetup,
    /// What core read from it; `None` while it is read.
    pub info: Option<Result<DocumentInfo, Failure>>,
}

/// A batch being signed.
#[derive(Debug, Clone)]
pub struct Running {
    pub done: usize,
    pub total: usize,
    pub authorised: bool,
    pub cancel: CancelToken,
}

/// The sign screen.
#[derive(Debug)]
pub struct Sign {
    backend: Backend,
    pub documents: Vec<Document>,
    pub selected: Option<usize>,
    pub credentials: Option<Result<Vec<CredentialChoice>, Failure>>,
    pub credential: Option<CredentialChoice>,
    /// The page shown in the preview.
    pub page: usize,
    pub preview: Option<Result<PagePreview, PreviewError>>,
    /// A drag in progress: where it started and where the pointer is (widget pixels).
    pub drag: Option<(Point, Point)>,
    pub dialog: Option<AuthDialog>,
    pub running: Option<Running>,
    pub results: Vec<DocumentResult>,
    /// A refused authorisation or failure of the whole batch, in words.
    pub problem: Option<String>,
}

/// What the sign screen does.
#[derive(Debug, Clone)]
pub enum Message {
    PickFilesPressed,
    FilesPicked(Vec<PathBuf>),
    Inspected(PathBuf, Result<DocumentInfo, Failure>),
    DocumentSelected(usize),
    RemoveDocumentPressed(usize),
    CredentialsLoaded(Result<Vec<CredentialChoice>, Failure>),
    CredentialSelected(Box<CredentialChoice>),
    ReasonChanged(String),
    LocationChanged(String),
    ApplyToAllPressed,
    InvisiblePressed,
    FieldChosen(String),
    PageChanged(usize),
    PreviewRendered(PathBuf, usize, Result<PagePreview, PreviewError>),
    Drag(Drag),
    SignPressed,
    CodeRequested(Result<PinOutcome<()>, Failure>),
    Auth(auth::Message),
    Batch(BatchEvent),
    CancelPressed,
    OpenFolderPressed,
    VerifyPressed(PathBuf),
    FolderOpened,
}

/// What the app does for the sign screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Open the verify screen on this signed file.
    Verify(PathBuf),
}

impl Sign {
    /// The screen, loading the credentials off the UI thread.
    pub fn new(backend: Backend) -> (Self, Task<Message>) {
        let screen = Self {
            backend: backend.clone(),
            documents: Vec::new(),
            selected: None,
            credentials: None,
            credential: None,
            page: 1,
            preview: None,
            drag: None,
            dialog: None,
            running: None,
            results: Vec::new(),
            problem: None,
        };
        let load = Task::perform(blocking(move || batch::load_credentials(&backend)), Message::CredentialsLoaded);
        (screen, load)
    }

    /// A file dropped on the window while this screen is open.
    pub fn file_dropped(&mut self, path: PathBuf) -> Task<Message> {
        self.add(vec![path])
    }

    fn add(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        let mut tasks = Vec::new();
        for path in paths {
            if self.documents.iter().any(|d| d.setup.input == path) {
                continue;
            }
            self.documents.push(Document { setup: DocumentSetup::new(path.clone()), info: None });
            let p = path.clone();
            tasks.push(Task::perform(
                blocking(move || pecat_core::inspect_document(&p).map_err(Failure::from)),
                move |r| Message::Inspected(path.clone(), r.and_then(|x| x)),
            ));
        }
        if self.selected.is_none() && !self.documents.is_empty() {
            tasks.push(self.select(0));
        }
        self.results.clear();
        Task::batch(tasks)
    }

    fn select(&mut self, index: usize) -> Task<Message> {
        self.selected = Some(index);
        self.drag = None;
        let page = match self.documents.get(index).map(|d| &d.setup.placement) {
            Some(Placement::Drawn { page, .. }) => *page,
            _ => 1,
        };
        self.show_page(page)
    }

    fn show_page(&mut self, page: usize) -> Task<Message> {
        let Some(doc) = self.selected.and_then(|i| self.documents.get(i)) else { return Task::none() };
        self.page = page.max(1);
        self.preview = None;
        let path = doc.setup.input.clone();
        let page = self.page;
        Task::perform(
            blocking({
                let path = path.clone();
                move || preview::render_page(&path, page)
            }),
            move |r| Message::PreviewRendered(path.clone(), page, r.unwrap_or(Err(PreviewError::Unreadable))),
        )
    }

    /// The document being set up.
    pub fn current(&self) -> Option<&Document> {
        self.selected.and_then(|i| self.documents.get(i))
    }

    fn current_mut(&mut self) -> Option<&mut Document> {
        self.selected.and_then(|i| self.documents.get_mut(i))
    }

    /// Whether the batch can start: documents, a credential, nothing running.
    pub fn can_sign(&self) -> bool {
        !self.documents.is_empty() && self.credential.is_some() && self.running.is_none() && self.dialog.is_none()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let task = match message {
            Message::PickFilesPressed => Task::perform(pick_pdfs(), Message::FilesPicked),
            Message::FilesPicked(paths) => self.add(paths),
            Message::Inspected(path, info) => {
                if let Some(d) = self.documents.iter_mut().find(|d| d.setup.input == path) {
                    d.info = Some(info);
                }
                Task::none()
            }
            Message::DocumentSelected(i) if i < self.documents.len() => self.select(i),
            Message::DocumentSelected(_) => Task::none(),
            Message::RemoveDocumentPressed(i) if i < self.documents.len() && self.running.is_none() => {
                self.documents.remove(i);
                self.preview = None;
                self.selected = None;
                if self.documents.is_empty() { Task::none() } else { self.select(i.min(self.documents.len() - 1)) }
            }
            Message::RemoveDocumentPressed(_) => Task::none(),
            Message::CredentialsLoaded(result) => {
                if let Ok(list) = &result
                    && self.credential.is_none()
                {
                    self.credential = list.first().cloned();
                }
                self.credentials = Some(result);
                Task::none()
            }
            Message::CredentialSelected(c) => {
                self.credential = Some(*c);
                Task::none()
            }
            Message::ReasonChanged(s) => {
                if let Some(d) = self.current_mut() {
                    d.setup.reason = s;
                }
                Task::none()
            }
            Message::LocationChanged(s) => {
                if let Some(d) = self.current_mut() {
                    d.setup.location = s;
                }
                Task::none()
            }
            Message::ApplyToAllPressed => {
                if let Some(source) = self.current().map(|d| d.setup.clone()) {
                    for d in &mut self.documents {
                        d.setup = DocumentSetup { input: d.setup.input.clone(), ..source.clone() };
                    }
                }
                Task::none()
            }
            Message::InvisiblePressed => {
                if let Some(d) = self.current_mut() {
                    d.setup.placement = Placement::Invisible;
                }
                Task::none()
            }
            Message::FieldChosen(name) => {
                let page = self.current().and_then(|d| field_page(d, &name));
                if let Some(d) = self.current_mut() {
                    d.setup.placement = Placement::Field(name);
                }
                match page {
                    Some(p) if p != self.page => self.show_page(p),
                    _ => Task::none(),
                }
            }
            Message::PageChanged(page) => {
                let pages = self.current().and_then(|d| d.info.as_ref()?.as_ref().ok().map(|i| i.pages)).unwrap_or(1);
                if (1..=pages).contains(&page) { self.show_page(page) } else { Task::none() }
            }
            Message::PreviewRendered(path, page, result) => {
                if self.current().is_some_and(|d| d.setup.input == path) && page == self.page {
                    self.preview = Some(result);
                }
                Task::none()
            }
            Message::Drag(drag) => {
                self.drag_event(drag);
                Task::none()
            }
            Message::SignPressed => self.sign_pressed(),
            Message::CodeRequested(result) => {
                match result {
                    Ok(PinOutcome::Done { .. }) => {
                        if let Some(d) = &mut self.dialog {
                            d.code_sent = true;
                        }
                    }
                    Ok(refused) => {
                        self.dialog = None;
                        self.problem = Some(crate::wording::outcome_text(&refused, "").0);
                    }
                    Err(e) => {
                        self.dialog = None;
                        self.problem = Some(crate::screen::failure_text(&e));
                    }
                }
                Task::none()
            }
            Message::Auth(m) => match self.dialog.as_mut().map(|d| d.update(m)) {
                Some(auth::Outcome::Confirmed(secrets)) => {
                    self.dialog = None; // the typed secrets are wiped here
                    self.start(secrets)
                }
                Some(auth::Outcome::Cancelled) => {
                    self.dialog = None;
                    Task::none()
                }
                _ => Task::none(),
            },
            Message::Batch(event) => {
                self.batch_event(event);
                Task::none()
            }
            Message::CancelPressed => {
                if let Some(r) = &self.running {
                    r.cancel.cancel();
                }
                Task::none()
            }
            Message::OpenFolderPressed => {
                let Some(dir) = self.output_folder() else { return (Task::none(), None) };
                Task::perform(
                    blocking(move || {
                        if let Err(e) = open::that_detached(&dir) {
                            log::warn!("could not open {}: {e}", dir.display());
                        }
                    }),
                    |_| Message::FolderOpened,
                )
            }
            Message::FolderOpened => Task::none(),
            Message::VerifyPressed(path) => return (Task::none(), Some(Event::Verify(path))),
        };
        (task, None)
    }

    fn drag_event(&mut self, drag: Drag) {
        match drag {
            Drag::Pressed(p) => self.drag = Some((p, p)),
            Drag::Moved(p) => {
                if let Some((_, to)) = &mut self.drag {
                    *to = p;
                }
            }
            Drag::Released(p) => {
                let Some((from, _)) = self.drag.take() else { return };
                let Some(Ok(preview)) = &self.preview else { return };
                let rect = preview.user_rect(from, p);
                let page = preview.page;
                if rect[2] - rect[0] >= MIN_RECT
                    && rect[3] - rect[1] >= MIN_RECT
                    && let Some(d) = self.current_mut()
                {
                    d.setup.placement = Placement::Drawn { page, rect };
                }
            }
        }
    }

    fn sign_pressed(&mut self) -> Task<Message> {
        if !self.can_sign() {
            return Task::none();
        }
        let Some(choice) = self.credential.clone() else { return Task::none() };
        self.problem = None;
        self.results.clear();
        let requirement = choice.credential.requirement;
        if !requirement.needs_pin() && !requirement.needs_code() {
            return self.start(Secrets::default());
        }
        self.dialog = Some(AuthDialog::new(requirement, choice.holder()));
        if let AuthRequirement::PinAndCode { delivery: CodeDelivery::Sent }
        | AuthRequirement::Code { delivery: CodeDelivery::Sent } = requirement
        {
            let Some(store) = self.backend.store(&choice.store) else { return Task::none() };
            let credential = choice.credential;
            return Task::perform(blocking(move || store.request_code(&credential).map_err(Failure::from)), |r| {
                Message::CodeRequested(r.and_then(|x| x))
            });
        }
        Task::none()
    }

    /// Starts the batch with `secrets` (moved into the worker, wiped when it is done).
    fn start(&mut self, secrets: Secrets) -> Task<Message> {
        let Some(choice) = self.credential.clone() else { return Task::none() };
        let Some(store) = self.backend.store(&choice.store) else {
            self.problem = Some(crate::fl!("sign-store-gone"));
            return Task::none();
        };
        let jobs: Vec<_> = self.documents.iter().map(|d| d.setup.job(&choice.credential)).collect();
        let cancel = CancelToken::new();
        self.running = Some(Running { done: 0, total: jobs.len(), authorised: false, cancel: cancel.clone() });
        let events = batch::start(store, choice.credential, jobs, secrets, cancel);
        Task::run(events, Message::Batch)
    }

    fn batch_event(&mut self, event: BatchEvent) {
        match event {
            BatchEvent::Progress(SignProgress::Authorised { .. }) => {
                if let Some(r) = &mut self.running {
                    r.authorised = true;
                }
            }
            BatchEvent::Progress(
                SignProgress::Signed { done, total, .. } | SignProgress::Cancelled { done, total },
            ) => {
                if let Some(r) = &mut self.running {
                    (r.done, r.total) = (done, total);
                }
            }
            BatchEvent::Finished(result) => {
                self.running = None;
                match result {
                    Ok(PinOutcome::Done { value }) => self.results = value,
                    Ok(refused) => self.problem = Some(crate::wording::outcome_text(&refused.map(|_| ()), "").0),
                    Err(e) => self.problem = Some(crate::screen::failure_text(&e)),
                }
            }
        }
    }

    /// The folder of the first signed output.
    pub fn output_folder(&self) -> Option<PathBuf> {
        let r = self.results.iter().find(|r| r.report.status == DocumentStatus::Signed)?;
        r.report.output.parent().map(Path::to_path_buf)
    }
}

/// The page of a document's empty field.
fn field_page(doc: &Document, name: &str) -> Option<usize> {
    let info = doc.info.as_ref()?.as_ref().ok()?;
    info.empty_fields.iter().find(|f| f.name == name)?.page
}

/// The native dialog for picking PDFs (async: the UI keeps drawing).
async fn pick_pdfs() -> Vec<PathBuf> {
    let files = rfd::AsyncFileDialog::new().add_filter("PDF", &["pdf", "PDF"]).pick_files().await;
    files.unwrap_or_default().into_iter().map(|f| f.path().to_path_buf()).collect()
}
