//! Reading secrets: from a no-echo prompt on the terminal, or from standard input with
//! `--pin-stdin`, one secret per line. Never from the command line or the environment, where
//! `ps` and shell history would show them.

use std::io::BufRead;

use anyhow::bail;
use pecat_token::SecretString;
use zeroize::Zeroize;

/// Where secrets come from.
#[derive(Debug)]
pub enum SecretInput {
    /// One per line on standard input.
    Stdin,
    /// Asked on the terminal without echo.
    Prompt,
}

impl SecretInput {
    pub fn new(stdin: bool) -> Self {
        if stdin { Self::Stdin } else { Self::Prompt }
    }

    /// Reads one secret; `None` when the user ends the prompt (Ctrl-D).
    pub fn read(&self, what: &str) -> anyhow::Result<Option<SecretString>> {
        match self {
            Self::Stdin => {
                let mut line = String::new();
                if std::io::stdin().lock().read_line(&mut line)? == 0 {
                    bail!("standard input ended before the {what} (give one secret per line)");
                }
                let trimmed = line.trim_end_matches(['\n', '\r']).to_owned();
                line.zeroize();
                Ok(Some(SecretString::from(trimmed)))
            }
            Self::Prompt => match rpassword::prompt_password(format!("{what}: ")) {
                Ok(s) => Ok(Some(SecretString::from(s))),
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound || e.raw_os_error() == Some(6) => {
                    bail!("no terminal to ask for the {what}; pass secrets on standard input with --pin-stdin")
                }
                Err(e) => bail!("could not read the {what}: {e}"),
            },
        }
    }

    /// Reads a new secret; on a prompt it is asked twice and both entries are returned.
    pub fn read_new(&self, what: &str) -> anyhow::Result<Option<(SecretString, Option<SecretString>)>> {
        let Some(first) = self.read(what)? else { return Ok(None) };
        match self {
            Self::Stdin => Ok(Some((first, None))),
            Self::Prompt => {
                let Some(again) = self.read(&format!("{what} again"))? else { return Ok(None) };
                Ok(Some((first, Some(again))))
            }
        }
    }
}
