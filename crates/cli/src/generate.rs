//! `generate` (hidden, for packagers): shell completions and manual pages from the clap definition.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::CommandFactory as _;
use clap_complete::Shell;
use serde_json::json;

use crate::Done;
use crate::context::Context;

/// What to write.
#[derive(Debug, clap::Subcommand)]
pub enum GenerateCommand {
    /// Completion scripts for bash, zsh, fish and PowerShell.
    Completions {
        /// Folder to write into (created when missing).
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// Manual pages: pecat-cli(1) and one per subcommand (pecat-cli-tokens(1), …).
    Man {
        /// Folder to write into (created when missing).
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The shells completions are written for, and the file each one gets.
const SHELLS: [Shell; 4] = [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell];

pub fn run(ctx: &Context, command: &GenerateCommand) -> anyhow::Result<Done> {
    let written = match command {
        GenerateCommand::Completions { dir } => completions(dir)?,
        GenerateCommand::Man { dir } => manual(dir)?,
    };
    if ctx.json {
        ctx.emit_json(&json!({ "written": written }))?;
    } else {
        let mut out = std::io::stdout().lock();
        for path in &written {
            writeln!(out, "{}", path.display())?;
        }
    }
    Ok(Done::Complete)
}

fn command() -> clap::Command {
    crate::Cli::command()
}

/// Writes one completion script per shell; returns the files written.
fn completions(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut cmd = command();
    let name = cmd.get_name().to_owned();
    SHELLS
        .iter()
        .map(|shell| {
            clap_complete::generate_to(*shell, &mut cmd, &name, dir)
                .with_context(|| format!("writing the {shell} completion into {}", dir.display()))
        })
        .collect()
}

/// Writes the manual pages (section 1): one for `pecat-cli` and one per visible subcommand, as
/// `clap_mangen::generate_to` does, keeping the paths; returns the files written.
fn manual(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(cmd: clap::Command, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, dir, out)?;
        }
        out.push(clap_mangen::Man::new(cmd).generate_to(dir)?);
        Ok(())
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    let mut written = Vec::new();
    walk(cmd, dir, &mut written).with_context(|| format!("writing manual pages into {}", dir.display()))?;
    written.sort();
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_and_every_visible_command_a_page() {
        let dir = tempfile::tempdir().expect("temp dir");
        let scripts = completions(dir.path()).expect("completions");
        let names: Vec<String> =
            scripts.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["pecat-cli.bash", "_pecat-cli", "pecat-cli.fish", "_pecat-cli.ps1"]);
        let bash = std::fs::read_to_string(&scripts[0]).expect("bash script");
        assert!(bash.contains("tokens") && bash.contains("complete -F"), "{bash}");
        if cfg!(unix) {
            let check = std::process::Command::new("bash").arg("-n").arg(&scripts[0]).output().expect("bash runs");
            assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
        }

        let pages = manual(dir.path()).expect("pages");
        let names: Vec<String> =
            pages.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
        assert!(names.contains(&"pecat-cli.1".to_owned()), "{names:?}");
        assert!(names.contains(&"pecat-cli-tokens.1".to_owned()), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("generate")), "the packagers' command stays hidden: {names:?}");
        // groff reads every page without a warning, where it is installed (packaging/linux/build-deb
        // installs it and checks the pages again).
        for page in &pages {
            let Ok(out) =
                std::process::Command::new("groff").args(["-k", "-man", "-Tutf8", "-ww", "-z"]).arg(page).output()
            else {
                break;
            };
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "{}: {}",
                page.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
