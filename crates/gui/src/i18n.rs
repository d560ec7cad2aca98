//! Translations: the Fluent files of `assets/i18n/` embedded in the binary, the language in force
//! (OS locale by default, switchable live), and the `fl!` macro every user-facing string goes through.

use std::sync::LazyLock;

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::{LanguageLoader, unic_langid::LanguageIdentifier};
use rust_embed::RustEmbed;

/// The `.ftl` files, one folder per language.
#[derive(RustEmbed, Debug)]
#[folder = "../../assets/i18n/"]
pub struct Localizations;

/// The loader every `fl!` reads from.
pub static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader = fluent_language_loader!();
    if let Err(e) = loader.load_fallback_language(&Localizations) {
        log::error!("the English texts could not be loaded: {e}");
    }
    // Unicode isolation marks would show as boxes in labels; our placeables are plain text. The
    // setting applies to the bundles loaded so far, so it comes after the load.
    loader.set_use_isolating(false);
    loader
});

/// A translated message: `fl!("key")` or `fl!("key", name = value, …)`.
#[macro_export]
macro_rules! fl {
    ($id:literal) => {{ i18n_embed_fl::fl!($crate::i18n::LOADER, $id) }};
    ($id:literal, $($args:tt)*) => {{ i18n_embed_fl::fl!($crate::i18n::LOADER, $id, $($args)*) }};
}

/// The languages Pecat speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    /// English.
    #[serde(rename = "en")]
    English,
    /// Romanian.
    #[serde(rename = "ro")]
    Romanian,
    /// Serbian in Latin script.
    #[serde(rename = "sr-Latn")]
    SerbianLatin,
    /// Serbian in Cyrillic script.
    #[serde(rename = "sr-Cyrl")]
    SerbianCyrillic,
}

impl Language {
    /// Every language, in the order the settings list them.
    pub const ALL: [Language; 4] = [Self::English, Self::Romanian, Self::SerbianLatin, Self::SerbianCyrillic];

    /// The folder name under `assets/i18n/` (a BCP 47 tag).
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Romanian => "ro",
            Self::SerbianLatin => "sr-Latn",
            Self::SerbianCyrillic => "sr-Cyrl",
        }
    }

    /// The language named by a tag such as `ro`, `ro-RO`, `sr-Latn-RS`, `sr_RS@latin` or `sr`
    /// (Serbian without a script is Cyrillic, the official script).
    pub fn from_tag(tag: &str) -> Option<Self> {
        let t = tag.trim().replace('_', "-").to_ascii_lowercase();
        let primary = t.split(['-', '.', '@']).next().unwrap_or("");
        match primary {
            "en" => Some(Self::English),
            "ro" | "mo" => Some(Self::Romanian),
            "sr" | "sh" | "bs" | "hr" | "cnr" => {
                if t.contains("latn") || t.contains("latin") || primary != "sr" {
                    Some(Self::SerbianLatin)
                } else {
                    Some(Self::SerbianCyrillic)
                }
            }
            _ => None,
        }
    }

    /// The OS's preferred language when Pecat speaks it, else English.
    pub fn from_os() -> Self {
        sys_locale::get_locales().find_map(|l| Self::from_tag(&l)).unwrap_or(Self::English)
    }

    /// The language's name in itself, as the language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Romanian => "Română",
            Self::SerbianLatin => "Srpski (latinica)",
            Self::SerbianCyrillic => "Српски (ћирилица)",
        }
    }

    fn identifier(self) -> Option<LanguageIdentifier> {
        self.tag().parse().ok()
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

/// Makes `language` the one every `fl!` speaks from now on; English fills any gap.
pub fn select(language: Language) {
    let Some(id) = language.identifier() else { return };
    if let Err(e) = LOADER.load_languages(&Localizations, &[id]) {
        log::error!("the {} texts could not be loaded: {e}", language.tag());
    }
    // Bundles loaded now come with Unicode isolation marks around placeables, which show as
    // boxes in the bundled font: switched off again for them.
    LOADER.set_use_isolating(false);
}

/// The language in force.
pub fn current() -> Language {
    LOADER.current_languages().first().and_then(|l| Language::from_tag(&l.to_string())).unwrap_or(Language::English)
}

/// A date (ISO 8601, `2027-03-14…`) written the way the current language writes dates.
pub fn date(iso: &str) -> String {
    let day = iso.get(8..10).unwrap_or("");
    let month = iso.get(5..7).unwrap_or("");
    let year = iso.get(0..4).unwrap_or("");
    if day.is_empty() || month.is_empty() || year.is_empty() {
        return iso.to_owned();
    }
    crate::fl!("date", day = day, month = month, year = year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_locales_map_to_languages() {
        assert_eq!(Language::from_tag("ro_RO.UTF-8"), Some(Language::Romanian));
        assert_eq!(Language::from_tag("sr-RS"), Some(Language::SerbianCyrillic));
        assert_eq!(Language::from_tag("sr_RS@latin"), Some(Language::SerbianLatin));
        assert_eq!(Language::from_tag("sr-Latn-RS"), Some(Language::SerbianLatin));
        assert_eq!(Language::from_tag("en-US"), Some(Language::English));
        assert_eq!(Language::from_tag("de-DE"), None);
        for l in Language::ALL {
            assert_eq!(Language::from_tag(l.tag()), Some(l));
        }
    }

    #[test]
    fn counts_take_each_language_s_plural_forms() {
        let cases: [(Language, [(u32, &str); 4]); 4] = [
            (
                Language::English,
                [(1, "Sign 1 document"), (2, "Sign 2 documents"), (21, "Sign 21 documents"), (0, "Sign 0 documents")],
            ),
            (
                Language::Romanian,
                [
                    (1, "Semnați 1 document"),
                    (3, "Semnați 3 documente"),
                    (20, "Semnați 20 de documente"),
                    (0, "Semnați 0 documente"),
                ],
            ),
            (
                Language::SerbianLatin,
                [
                    (1, "Potpišite 1 dokument"),
                    (3, "Potpišite 3 dokumenta"),
                    (5, "Potpišite 5 dokumenata"),
                    (21, "Potpišite 21 dokument"),
                ],
            ),
            (
                Language::SerbianCyrillic,
                [
                    (1, "Потпишите 1 документ"),
                    (22, "Потпишите 22 документа"),
                    (11, "Потпишите 11 докумената"),
                    (12, "Потпишите 12 докумената"),
                ],
            ),
        ];
        for (language, expected) in cases {
            select(language);
            for (count, words) in expected {
                assert_eq!(crate::fl!("sign-start", count = count), words, "{language:?}");
            }
        }
        select(Language::Romanian);
        assert_eq!(crate::fl!("outcome-wrong-code-tries", tries = 1), "Cod unic greșit: mai este 1 încercare.");
        select(Language::SerbianLatin);
        assert_eq!(
            crate::fl!("expiry-urgent", days = 1, date = "1.1.2027."),
            "Ističe za 1 dan (1.1.2027.) — obnovite odmah"
        );
        select(Language::English);
    }
}
