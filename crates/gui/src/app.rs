//! The app shell: the [`App`] state, the navigation on the left, the [`Screen`] on the right,
//! and the wiring of screens' events, the store watcher, window geometry and the theme.
//!
//! How it starts is in `launch.rs`, moving between screens and the window's events in
//! `navigate.rs`. A new screen needs a `Nav` entry (with its `fl!` label), a `Screen` variant in
//! screen.rs, a `Message` variant below, and its arms in `App::update`, `App::open` and
//! `App::view_screen`.

use crate::widget::button;
use iced::widget::{column, container, row, rule, scrollable, text};
use iced::{Element, Font, Length, Subscription, Task, Theme, keyboard, window};

use crate::backend::{Backend, Failure};
use crate::fl;
use crate::i18n::{self, Language};
use crate::preferences::Preferences;
use crate::screen::{self, Screen, certificate, cloud, credentials, diagnostics, renew, settings, sign, token, verify};

/// The bundled font: covers Romanian (ă â î ș ț) and Serbian Latin and Cyrillic.
pub const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// The default font's family name.
pub const FONT: Font = Font::with_name("DejaVu Sans");

mod launch;
mod navigate;

/// The id of the scrollable that holds the screen, which follows the keyboard focus.
const CONTENT: &str = "content";

pub use launch::{Launch, Nav, Start};

/// The whole app.
#[derive(Debug)]
pub struct App {
    backend: Backend,
    preferences: Preferences,
    /// `--lang` for this run, until the user picks a language in Settings.
    language_override: Option<Language>,
    /// The credentials list, kept while other screens are open so it stays live.
    credentials: credentials::Credentials,
    screen: Screen,
    /// Where to go once the list is loaded (`--screen token`, …).
    pending_start: Option<Start>,
    first_frame_marker: bool,
    /// Bumped when the inventory is rebuilt, so the watcher restarts on the new modules.
    watch_generation: u64,
    /// A problem to show above every screen (preferences not saved, …).
    notice: Option<String>,
}

/// Everything that happens in the app.
#[derive(Debug, Clone)]
pub enum Message {
    /// A navigation entry was pressed.
    NavigatePressed(Nav),
    /// From the credentials list.
    Credentials(credentials::Message),
    /// From the token screen.
    Token(token::Message),
    /// From the certificate screen.
    Certificate(certificate::Message),
    /// From the renewal wizard.
    Renew(renew::Message),
    /// From the settings.
    Settings(settings::Message),
    /// From diagnostics.
    Diagnostics(diagnostics::Message),
    /// From the sign screen.
    Sign(sign::Message),
    /// From the verify screen.
    Verify(verify::Message),
    /// From the cloud accounts.
    Cloud(cloud::Message),
    /// Module discovery finished (with a demo that could not start, if so).
    Discovered(Result<Option<pecat_core::Error>, Failure>),
    /// The watcher changed the inventory.
    StoresChanged,
    /// The window moved, was resized or asked to close.
    Window(window::Event),
    /// Tab or Shift+Tab: move the keyboard focus.
    FocusMoved { backwards: bool },
    /// The first frame was drawn.
    FirstFrame,
    /// Expiry reminders were shown (or there were none).
    RemindersShown,
    /// The content scrolled to the focused control: redraw.
    FocusRevealed,
}

impl App {
    /// The app as it starts: preferences read, language chosen, discovery started off the UI
    /// thread.
    pub fn new(launch: Launch) -> (Self, Task<Message>) {
        let (preferences, notice) = match Preferences::load() {
            Ok(p) => (p, None),
            Err(e) => (Preferences::default(), Some(fl!("error-preferences-unreadable", reason = e.to_string()))),
        };
        let language = launch.language.or(preferences.language).unwrap_or_else(Language::from_os);
        i18n::select(language);
        let backend = Backend::new();
        let mut app = Self {
            credentials: credentials::Credentials::new(backend.clone()),
            backend,
            preferences,
            language_override: launch.language,
            screen: Screen::Credentials,
            pending_start: None,
            first_frame_marker: launch.first_frame_marker,
            watch_generation: 0,
            notice,
        };
        // The screen's own loading (credentials for Sign, accounts for Cloud) runs beside discovery.
        let opened = match launch.screen {
            Some(Start::Nav(nav)) => app.open(nav),
            other => {
                app.pending_start = other;
                Task::none()
            }
        };
        let discover = app.discover();
        let verify = match launch.file {
            Some(file) => app.open_verify(file),
            None => Task::none(),
        };
        (app, Task::batch([discover, opened, verify]))
    }

    /// An app over a given backend with nothing discovered, for tests.
    pub fn with_backend(backend: Backend) -> Self {
        Self {
            credentials: credentials::Credentials::new(backend.clone()),
            backend,
            preferences: Preferences::default(),
            language_override: None,
            screen: Screen::Credentials,
            pending_start: None,
            first_frame_marker: false,
            watch_generation: 0,
            notice: None,
        }
    }

    fn discover(&mut self) -> Task<Message> {
        let backend = self.backend.clone();
        let discovery = crate::backend::discovery();
        self.credentials.set_loading();
        Task::perform(crate::backend::blocking(move || backend.discover(&discovery)), Message::Discovered)
    }

    /// The screen shown.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The credentials list.
    pub fn credentials(&self) -> &credentials::Credentials {
        &self.credentials
    }

    /// The shared backend.
    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// The window's title.
    pub fn title(&self) -> String {
        fl!("app-title")
    }

    /// The theme in force; `None` follows the system.
    pub fn theme(&self) -> Option<Theme> {
        self.preferences.theme.theme()
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::NavigatePressed(nav) => self.open(nav),
            Message::Discovered(result) => {
                self.watch_generation += 1;
                match result {
                    Ok(Some(demo_failed)) => {
                        self.notice = Some(fl!("error-demo-unavailable", reason = demo_failed.to_string()))
                    }
                    Ok(None) => {}
                    Err(e) => self.notice = Some(screen::failure_text(&e)),
                }
                self.credentials.refresh().map(Message::Credentials)
            }
            Message::StoresChanged => self.credentials.refresh().map(Message::Credentials),
            Message::Credentials(m) => {
                let (task, event) = self.credentials.update(m);
                let task = task.map(Message::Credentials);
                let follow = match event {
                    Some(credentials::Event::OpenToken(id)) => self.open_token(id),
                    Some(credentials::Event::OpenCertificate { store, id }) => self.open_certificate(store, id),
                    Some(credentials::Event::Loaded) => Task::batch([self.remind(), self.start_pending()]),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Token(m) => {
                let Screen::Token(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Token);
                let follow = match event {
                    Some(token::Event::Back) => self.open(Nav::Credentials),
                    Some(token::Event::PinsChanged) => self.credentials.refresh().map(Message::Credentials),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Certificate(m) => {
                let Screen::Certificate(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Certificate);
                let follow = match event {
                    Some(certificate::Event::Back) => self.open(Nav::Credentials),
                    Some(certificate::Event::Renew { store, id }) => self.open_renewal(store, id),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Renew(m) => {
                let Screen::Renew(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Renew);
                let follow = match event {
                    Some(renew::Event::Back) => self.open(Nav::Credentials),
                    Some(renew::Event::TokenChanged) => self.credentials.refresh().map(Message::Credentials),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Settings(m) => {
                let Screen::Settings(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Settings);
                let follow = match event {
                    Some(settings::Event::Preferences(p)) => {
                        self.preferences = p;
                        self.save_preferences();
                        Task::none()
                    }
                    Some(settings::Event::LanguagePicked(p)) => {
                        self.language_override = None;
                        i18n::select(p.language.unwrap_or_else(Language::from_os));
                        self.preferences = p;
                        self.save_preferences();
                        Task::none()
                    }
                    Some(settings::Event::ModulesChanged) => self.discover(),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Diagnostics(m) => {
                let Screen::Diagnostics(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Diagnostics);
                let follow = match event {
                    Some(diagnostics::Event::Rescan) => self.discover(),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Sign(m) => {
                let Screen::Sign(screen) = &mut self.screen else { return Task::none() };
                let (task, event) = screen.update(m);
                let task = task.map(Message::Sign);
                let follow = match event {
                    Some(sign::Event::Verify(path)) => self.open_verify(path),
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Verify(m) => {
                let Screen::Verify(screen) = &mut self.screen else { return Task::none() };
                screen.update(m).map(Message::Verify)
            }
            Message::Cloud(m) => {
                let Screen::Cloud(screen) = &mut self.screen else { return Task::none() };
                let refresh = matches!(
                    m,
                    cloud::Message::Added(Ok(_)) | cloud::Message::LoggedIn(Ok(_)) | cloud::Message::Removed(Ok(_))
                );
                let task = screen.update(m).map(Message::Cloud);
                if refresh { Task::batch([task, self.credentials.refresh().map(Message::Credentials)]) } else { task }
            }
            Message::Window(event) => self.window_event(event),
            Message::FocusMoved { backwards } => {
                let moved = if backwards {
                    iced::widget::operation::focus_previous()
                } else {
                    iced::widget::operation::focus_next()
                };
                moved.chain(crate::widget::reveal::reveal_focus(iced::widget::Id::new(CONTENT), Message::FocusRevealed))
            }
            Message::RemindersShown | Message::FocusRevealed => Task::none(),
            Message::FirstFrame => {
                if self.first_frame_marker {
                    println!("pecat: first frame");
                    self.first_frame_marker = false;
                }
                Task::none()
            }
        }
    }

    /// The store watcher, window events, Tab navigation and the first-frame marker.
    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            window::events().map(|(_, e)| Message::Window(e)),
            keyboard::listen().filter_map(|event| match event {
                keyboard::Event::KeyPressed {
                    key: keyboard::Key::Named(keyboard::key::Named::Tab), modifiers, ..
                } => Some(Message::FocusMoved { backwards: modifiers.shift() }),
                _ => None,
            }),
        ];
        if self.watch_generation > 0 {
            subscriptions
                .push(credentials::watch(self.backend.clone(), self.watch_generation).map(|()| Message::StoresChanged));
        }
        if self.first_frame_marker {
            subscriptions.push(window::frames().map(|_| Message::FirstFrame));
        }
        subscriptions.extend(self.screen_subscription());
        Subscription::batch(subscriptions)
    }

    fn screen_subscription(&self) -> Option<Subscription<Message>> {
        match &self.screen {
            Screen::Credentials => Some(self.credentials.subscription().map(Message::Credentials)),
            Screen::Cloud(s) => Some(s.subscription().map(Message::Cloud)),
            _ => None,
        }
    }

    /// The window's content.
    pub fn view(&self) -> Element<'_, Message> {
        let nav = Nav::ALL.iter().fold(column![text(fl!("app-name")).size(22)].spacing(6).padding(12), |col, &nav| {
            let active = self.active_nav() == Some(nav);
            let style = if active { button::primary } else { button::text };
            col.push(button(text(nav.label())).width(Length::Fill).style(style).on_press(Message::NavigatePressed(nav)))
        });
        let mut content = column![].spacing(12).padding(20);
        if let Some(notice) = &self.notice {
            content = content.push(crate::widget::badge::notice(notice.clone(), crate::theme::Tone::Warning));
        }
        content = content.push(self.view_screen());
        row![
            container(nav).width(200).height(Length::Fill),
            rule::vertical(1),
            scrollable(content).id(CONTENT).width(Length::Fill).height(Length::Fill),
        ]
        .into()
    }

    fn view_screen(&self) -> Element<'_, Message> {
        match &self.screen {
            Screen::Credentials => self.credentials.view().map(Message::Credentials),
            Screen::Token(s) => s.view().map(Message::Token),
            Screen::Certificate(s) => s.view().map(Message::Certificate),
            Screen::Renew(s) => s.view().map(Message::Renew),
            Screen::Settings(s) => s.view().map(Message::Settings),
            Screen::Diagnostics(s) => s.view().map(Message::Diagnostics),
            Screen::Sign(s) => s.view().map(Message::Sign),
            Screen::Verify(s) => s.view().map(Message::Verify),
            Screen::Cloud(s) => s.view().map(Message::Cloud),
        }
    }

    fn active_nav(&self) -> Option<Nav> {
        match &self.screen {
            Screen::Credentials | Screen::Token(_) | Screen::Certificate(_) | Screen::Renew(_) => {
                Some(Nav::Credentials)
            }
            Screen::Sign(_) => Some(Nav::Sign),
            Screen::Verify(_) => Some(Nav::Verify),
            Screen::Cloud(_) => Some(Nav::Cloud),
            Screen::Settings(_) => Some(Nav::Settings),
            Screen::Diagnostics(_) => Some(Nav::Diagnostics),
        }
    }
}

/// Runs the window until it is closed.
pub fn run(launch: Launch) -> iced::Result {
    let preferences = Preferences::load().unwrap_or_default();
    let mut window = window::Settings {
        size: iced::Size::new(1100.0, 760.0),
        min_size: Some(iced::Size::new(800.0, 560.0)),
        ..window::Settings::default()
    };
    if let Some(g) = preferences.window {
        window.size = iced::Size::new(g.width.max(800.0), g.height.max(560.0));
        if let (Some(x), Some(y)) = (g.x, g.y) {
            window.position = window::Position::Specific(iced::Point::new(x, y));
        }
    }
    iced::application(move || App::new(launch.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .font(FONT_BYTES)
        .default_font(FONT)
        .window(window)
        .exit_on_close_request(false)
        .run()
}
