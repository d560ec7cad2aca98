//! Settings: language (live), theme, reminders, extra PKCS#11 modules (core's settings file,
//! picked with the system's file dialog) and the trust anchors of Pecat's trust store.

use std::path::PathBuf;

use crate::widget::button;
use crate::widget::focus::pick_list;
use crate::widget::focus::toggler;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use pecat_core::{StoredAnchor, TrustStore};

use crate::backend::{Backend, Failure, blocking};
use crate::fl;
use crate::i18n::Language;
use crate::preferences::Preferences;
use crate::theme::{ThemeChoice, Tone};
use crate::widget::badge::{badge, notice};
use crate::widget::field::card;
use crate::wording::failure_text;

/// The settings screen.
#[derive(Debug)]
pub struct Settings {
    preferences: Preferences,
    /// The language the picker shows: the saved choice, or this run's `--lang`.
    shown_language: Option<Language>,
    modules: Vec<PathBuf>,
    anchors: Vec<StoredAnchor>,
    trust: Option<TrustStore>,
    problem: Option<String>,
    _backend: Backend,
}

/// A language choice in the picker: a language, or the system's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageChoice(pub Option<Language>);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(l) => f.write_str(l.native_name()),
            None => f.write_str(&fl!("settings-language-system")),
        }
    }
}

/// A theme choice in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeItem(pub ThemeChoice);

impl std::fmt::Display for ThemeItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            ThemeChoice::System => fl!("settings-theme-system"),
            ThemeChoice::Light => fl!("settings-theme-light"),
            ThemeChoice::Dark => fl!("settings-theme-dark"),
        })
    }
}

/// What happens on the settings screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A language was picked.
    LanguagePicked(LanguageChoice),
    /// A theme was picked.
    ThemePicked(ThemeItem),
    /// Reminders were switched on or off.
    RemindersToggled(bool),
    /// "Add module…" was pressed.
    AddModulePressed,
    /// The file dialog closed (with a file, or cancelled).
    ModulePicked(Option<PathBuf>),
    /// "Remove" was pressed beside a module.
    RemoveModulePressed(PathBuf),
    /// The module list was saved.
    ModulesSaved(Result<Vec<PathBuf>, Failure>),
    /// The trust store was read.
    AnchorsLoaded(Result<Vec<StoredAnchor>, Failure>),
    /// "Add trust anchor…" was pressed (`true`: as a qualified CA).
    AddAnchorPressed { qualified: bool },
    /// The anchor file dialog closed.
    AnchorPicked { path: Option<PathBuf>, qualified: bool },
    /// "Remove" was pressed beside an anchor (its SHA-256).
    RemoveAnchorPressed(String),
}

/// What the app must do.
#[derive(Debug, Clone)]
pub enum Event {
    /// Save these preferences and apply them (theme, reminders).
    Preferences(Preferences),
    /// The user picked a language: save these preferences and switch to their language now,
    /// even over a `--lang` given at start.
    LanguagePicked(Preferences),
    /// The module list changed: discover again.
    ModulesChanged,
}

impl Settings {
    /// The screen, reading the module list and the trust store off the UI thread. `started_in`
    /// is the language given with `--lang` for this run, which the picker shows instead of the
    /// saved choice until the user picks one.
    pub fn new(backend: Backend, preferences: Preferences, started_in: Option<Language>) -> (Self, Task<Message>) {
        let modules = pecat_core::Settings::load().map(|s| s.modules).unwrap_or_default();
        let trust = TrustStore::default_location();
        let shown_language = started_in.or(preferences.language);
        let screen =
            Self { preferences, shown_language, modules, anchors: Vec::new(), trust, problem: None, _backend: backend };
        let task = screen.load_anchors();
        (screen, task)
    }

    fn load_anchors(&self) -> Task<Message> {
        let Some(trust) = self.trust.clone() else { return Task::none() };
        Task::perform(
            async move { blocking(move || trust.list().map_err(Failure::from)).await.and_then(|r| r) },
            Message::AnchorsLoaded,
        )
    }

    /// The preferences as edited.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// The language the picker shows (the pick list draws it; iced's selectors do not see it).
    pub fn shown_language(&self) -> Option<Language> {
        self.shown_language
    }

    /// The extra modules listed.
    pub fn modules(&self) -> &[PathBuf] {
        &self.modules
    }

    /// Applies `message`.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::LanguagePicked(LanguageChoice(language)) => {
                self.preferences.language = language;
                self.shown_language = language;
                (Task::none(), Some(Event::LanguagePicked(self.preferences.clone())))
            }
            Message::ThemePicked(ThemeItem(theme)) => {
                self.preferences.theme = theme;
                (Task::none(), Some(Event::Preferences(self.preferences.clone())))
            }
            Message::RemindersToggled(on) => {
                self.preferences.reminders = on;
                (Task::none(), Some(Event::Preferences(self.preferences.clone())))
            }
            Message::AddModulePressed => {
                let dialog = rfd::AsyncFileDialog::new().set_title(fl!("settings-module-pick"));
                let dialog = if cfg!(windows) {
                    dialog.add_filter("PKCS#11", &["dll"])
                } else if cfg!(target_os = "macos") {
                    dialog.add_filter("PKCS#11", &["dylib", "so"])
                } else {
                    dialog.add_filter("PKCS#11", &["so"])
                };
                let task = Task::perform(
                    async move { dialog.pick_file().await.map(|f| f.path().to_owned()) },
                    Message::ModulePicked,
                );
                (task, None)
            }
            Message::ModulePicked(None) => (Task::none(), None),
            Message::ModulePicked(Some(path)) => {
                let mut modules = self.modules.clone();
                if !modules.contains(&path) {
                    modules.push(path);
                }
                (save_modules(modules), None)
            }
            Message::RemoveModulePressed(path) => {
                let modules = self.modules.iter().filter(|m| **m != path).cloned().collect();
                (save_modules(modules), None)
            }
            Message::ModulesSaved(Ok(modules)) => {
                self.modules = modules;
                self.problem = None;
                (Task::none(), Some(Event::ModulesChanged))
            }
            Message::ModulesSaved(Err(e)) | Message::AnchorsLoaded(Err(e)) => {
                self.problem = Some(failure_text(&e));
                (Task::none(), None)
            }
            Message::AnchorsLoaded(Ok(anchors)) => {
                self.anchors = anchors;
                (Task::none(), None)
            }
            Message::AddAnchorPressed { qualified } => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title(fl!("settings-anchor-pick"))
                    .add_filter(fl!("file-kind-certificates"), &["cer", "crt", "der", "pem", "p7b", "p7c"]);
                let task =
                    Task::perform(async move { dialog.pick_file().await.map(|f| f.path().to_owned()) }, move |path| {
                        Message::AnchorPicked { path, qualified }
                    });
                (task, None)
            }
            Message::AnchorPicked { path: None, .. } => (Task::none(), None),
            Message::AnchorPicked { path: Some(path), qualified } => {
                let Some(trust) = self.trust.clone() else { return (Task::none(), None) };
                let task = Task::perform(
                    async move {
                        blocking(move || {
                            trust.add(&path, qualified)?;
                            trust.list()
                        })
                        .await?
                        .map_err(Failure::from)
                    },
                    Message::AnchorsLoaded,
                );
                (task, None)
            }
            Message::RemoveAnchorPressed(sha256) => {
                let Some(trust) = self.trust.clone() else { return (Task::none(), None) };
                let task = Task::perform(
                    async move {
                        blocking(move || {
                            trust.remove(&sha256)?;
                            trust.list()
                        })
                        .await?
                        .map_err(Failure::from)
                    },
                    Message::AnchorsLoaded,
                );
                (task, None)
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let languages: Vec<LanguageChoice> = std::iter::once(LanguageChoice(None))
            .chain(Language::ALL.into_iter().map(|l| LanguageChoice(Some(l))))
            .collect();
        let themes: Vec<ThemeItem> = ThemeChoice::ALL.into_iter().map(ThemeItem).collect();
        let appearance = column![
            row![
                text(fl!("settings-language")).width(220),
                pick_list(
                    languages,
                    Some(LanguageChoice(self.shown_language)),
                    Message::LanguagePicked,
                    Length::Shrink
                ),
            ]
            .spacing(12),
            row![
                text(fl!("settings-theme")).width(220),
                pick_list(themes, Some(ThemeItem(self.preferences.theme)), Message::ThemePicked, Length::Shrink),
            ]
            .spacing(12),
            toggler(self.preferences.reminders, fl!("settings-reminders"), Message::RemindersToggled),
            text(fl!("settings-reminders-explained")).size(13),
        ]
        .spacing(12);

        let mut modules = column![text(fl!("settings-modules-explained")).size(13)].spacing(8);
        if self.modules.is_empty() {
            modules = modules.push(text(fl!("settings-modules-none")));
        }
        for m in &self.modules {
            modules = modules.push(
                row![
                    text(m.display().to_string()).width(Length::Fill),
                    button(text(fl!("action-remove")))
                        .style(button::danger)
                        .on_press(Message::RemoveModulePressed(m.clone())),
                ]
                .spacing(12),
            );
        }
        modules = modules.push(button(text(fl!("settings-module-add"))).on_press(Message::AddModulePressed));

        let mut anchors = column![text(fl!("settings-anchors-explained")).size(13)].spacing(8);
        if self.trust.is_none() {
            anchors = anchors.push(notice(fl!("settings-anchors-no-folder"), Tone::Warning));
        } else if self.anchors.is_empty() {
            anchors = anchors.push(text(fl!("settings-anchors-none")));
        }
        for a in &self.anchors {
            let s = a.certificate.summary();
            let mut line = row![text(crate::wording::holder(s)).width(Length::Fill)].spacing(12);
            if a.qualified {
                line = line.push(badge(fl!("settings-anchor-qualified"), Tone::Good));
            }
            line = line.push(
                button(text(fl!("action-remove")))
                    .style(button::danger)
                    .on_press(Message::RemoveAnchorPressed(s.sha256.clone())),
            );
            anchors = anchors.push(line);
        }
        anchors = anchors.push(
            row![
                button(text(fl!("settings-anchor-add"))).on_press(Message::AddAnchorPressed { qualified: false }),
                button(text(fl!("settings-anchor-add-qualified")))
                    .style(button::secondary)
                    .on_press(Message::AddAnchorPressed { qualified: true }),
            ]
            .spacing(12),
        );

        let mut col = column![text(fl!("settings-title")).size(26)].spacing(14);
        if let Some(p) = &self.problem {
            col = col.push(notice(p.clone(), Tone::Danger));
        }
        col.push(card(Some(fl!("settings-appearance")), appearance))
            .push(card(Some(fl!("settings-modules")), modules))
            .push(card(Some(fl!("settings-anchors")), anchors))
            .into()
    }
}

/// Saves the module list into core's settings file (keeping its accounts and comments).
fn save_modules(modules: Vec<PathBuf>) -> Task<Message> {
    Task::perform(
        async move {
            blocking(move || -> Result<Vec<PathBuf>, Failure> {
                let mut settings = pecat_core::Settings::load()?;
                settings.modules = modules;
                if let Some(path) = pecat_core::Settings::path() {
                    settings.save_to(&path)?;
                }
                Ok(settings.modules)
            })
            .await?
        },
        Message::ModulesSaved,
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_picker_shows_the_language_given_at_start_until_the_user_picks_one() {
        let saved = Preferences { language: Some(Language::English), ..Preferences::default() };
        let (mut screen, _) = Settings::new(Backend::new(), saved, Some(Language::SerbianCyrillic));
        assert_eq!(screen.shown_language(), Some(Language::SerbianCyrillic), "the running one, not the saved English");

        let (_, event) = screen.update(Message::LanguagePicked(LanguageChoice(Some(Language::Romanian))));
        let Some(Event::LanguagePicked(p)) = event else { panic!("{event:?}") };
        assert_eq!(p.language, Some(Language::Romanian), "saved, and the app switches to it");
        assert_eq!(screen.shown_language(), Some(Language::Romanian));

        // Other settings keep the saved language and do not switch it.
        let (_, event) = screen.update(Message::RemindersToggled(false));
        let Some(Event::Preferences(p)) = event else { panic!("{event:?}") };
        assert_eq!(p.language, Some(Language::Romanian));
    }
}
