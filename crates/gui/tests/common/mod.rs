//! Helpers shared by the GUI tests: running a screen's `Task` to its messages, and simulator
//! settings with Pecat's font.

#![allow(dead_code, clippy::unwrap_used)]

use iced::Task;
use iced::futures::StreamExt as _;

/// Runs `task` to completion on a tokio runtime (as the app's executor would) and returns the
/// messages it produced, in order. Clipboard and window actions are dropped.
pub fn run<M: Send + 'static>(task: Task<M>) -> Vec<M> {
    let Some(stream) = iced_runtime::task::into_stream(task) else { return Vec::new() };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        stream
            .filter_map(|action| async move {
                match action {
                    iced_runtime::Action::Output(m) => Some(m),
                    _ => None,
                }
            })
            .collect::<Vec<M>>()
            .await
    })
}

/// Simulator settings with the bundled DejaVu Sans as default font.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![pecat::app::FONT_BYTES.into()],
        default_font: pecat::app::FONT,
        ..iced::Settings::default()
    }
}

/// Tests that read or switch the language hold this lock: the language is process-wide.
static LANGUAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Selects `language` for this test and holds the language lock while the guard lives.
pub fn speak(language: pecat::i18n::Language) -> std::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    pecat::i18n::select(language);
    guard
}
