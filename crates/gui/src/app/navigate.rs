//! Moving between screens (the navigation, a token or certificate opened from a list, the
//! start asked for on the command line) and the window's own events (geometry, dropped files,
//! closing).

use iced::{Task, window};

use super::{App, Message, Nav, Start};
use crate::fl;
use crate::preferences::Geometry;
use std::time::SystemTime;

use crate::screen::{Screen, certificate, cloud, diagnostics, renew, settings, sign, token, verify};

impl App {
    pub(super) fn window_event(&mut self, event: window::Event) -> Task<Message> {
        match event {
            window::Event::Resized(size) => {
                let old = self.preferences.window.unwrap_or(Geometry { width: 0.0, height: 0.0, x: None, y: None });
                self.preferences.window = Some(Geometry { width: size.width, height: size.height, ..old });
                Task::none()
            }
            window::Event::Moved(point) => {
                if let Some(g) = &mut self.preferences.window {
                    g.x = Some(point.x);
                    g.y = Some(point.y);
                }
                Task::none()
            }
            window::Event::FileDropped(path) => match &mut self.screen {
                Screen::Sign(s) => s.file_dropped(path).map(Message::Sign),
                Screen::Verify(s) => s.file_dropped(path).map(Message::Verify),
                // A PDF dropped anywhere else goes to the sign screen.
                _ => {
                    let open = self.open(Nav::Sign);
                    let add = match &mut self.screen {
                        Screen::Sign(s) => s.file_dropped(path).map(Message::Sign),
                        _ => Task::none(),
                    };
                    Task::batch([open, add])
                }
            },
            window::Event::CloseRequested => {
                self.save_preferences();
                iced::exit()
            }
            _ => Task::none(),
        }
    }

    pub(super) fn save_preferences(&mut self) {
        if let Err(e) = self.preferences.save() {
            self.notice = Some(fl!("error-preferences-unsaved", reason = e.to_string()));
        }
    }

    /// Opens a top-level screen.
    pub fn open(&mut self, nav: Nav) -> Task<Message> {
        match nav {
            Nav::Credentials => {
                self.screen = Screen::Credentials;
                Task::none()
            }
            Nav::Settings => {
                let (screen, task) =
                    settings::Settings::new(self.backend.clone(), self.preferences.clone(), self.language_override);
                self.screen = Screen::Settings(screen);
                task.map(Message::Settings)
            }
            Nav::Diagnostics => {
                let (screen, task) = diagnostics::Diagnostics::new();
                self.screen = Screen::Diagnostics(screen);
                task.map(Message::Diagnostics)
            }
            Nav::Sign => {
                let (screen, task) = sign::Sign::new(self.backend.clone());
                self.screen = Screen::Sign(Box::new(screen));
                task.map(Message::Sign)
            }
            Nav::Verify => {
                self.screen = Screen::Verify(Box::new(verify::Verify::new(self.backend.clone())));
                Task::none()
            }
            Nav::Cloud => {
                let (screen, task) = cloud::Cloud::new(self.backend.clone());
                self.screen = Screen::Cloud(Box::new(screen));
                task.map(Message::Cloud)
            }
        }
    }

    pub(super) fn open_verify(&mut self, path: std::path::PathBuf) -> Task<Message> {
        let (screen, task) = verify::Verify::with_file(self.backend.clone(), path);
        self.screen = Screen::Verify(Box::new(screen));
        task.map(Message::Verify)
    }

    pub(super) fn open_token(&mut self, id: pecat_token::StoreId) -> Task<Message> {
        let (screen, task) = token::Token::new(self.backend.clone(), id);
        self.screen = Screen::Token(Box::new(screen));
        task.map(Message::Token)
    }

    pub(super) fn open_certificate(&mut self, store: pecat_token::StoreId, id: String) -> Task<Message> {
        let (screen, task) = certificate::Certificate::new(self.backend.clone(), store, id);
        self.screen = Screen::Certificate(Box::new(screen));
        task.map(Message::Certificate)
    }

    pub(super) fn open_renewal(&mut self, store: pecat_token::StoreId, id: String) -> Task<Message> {
        let (screen, task) = renew::Renew::new(self.backend.clone(), store, id, SystemTime::now());
        self.screen = Screen::Renew(Box::new(screen));
        task.map(Message::Renew)
    }

    /// Desktop notifications for certificates entering their 45/15-day windows (off the UI
    /// thread: the notification service is a D-Bus call).
    pub(super) fn remind(&self) -> Task<Message> {
        if !self.preferences.reminders {
            return Task::none();
        }
        let rows = self.credentials.rows().to_vec();
        Task::perform(crate::backend::blocking(move || crate::reminder::notify(&rows)), |_| Message::RemindersShown)
    }

    pub(super) fn start_pending(&mut self) -> Task<Message> {
        let Some(start) = self.pending_start.take() else { return Task::none() };
        let rows = self.credentials.rows();
        let token = rows.iter().find(|r| r.overview.pins.is_some());
        let personal = rows.iter().find_map(|r| r.overview.nearest().map(|c| (r.overview.id.clone(), c.id.clone())));
        match start {
            Start::Nav(nav) => self.open(nav),
            Start::FirstToken => match token {
                Some(r) => self.open_token(r.overview.id.clone()),
                None => Task::none(),
            },
            Start::FirstCertificate => match personal {
                Some((store, id)) => self.open_certificate(store, id),
                None => Task::none(),
            },
            Start::FirstRenewal => match personal {
                Some((store, id)) => self.open_renewal(store, id),
                None => Task::none(),
            },
        }
    }
}
