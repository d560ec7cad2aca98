//! `pecat`: the desktop app. Parses the few command-line options, checks that a display is
//! there, and runs the window.

use std::process::ExitCode;

use pecat::app::{self, Launch};
use pecat::i18n;

const HELP: &str = "\
pecat — qualified-signature certificates on tokens and in the cloud

Usage: pecat [OPTIONS] [FILE.pdf]

  FILE.pdf           open this PDF on the Verify screen (Verify with Pecat)

Options:
  --lang <LANG>      language: en, ro, sr-Latn, sr-Cyrl (default: the system's)
  --screen <SCREEN>  open on: credentials, sign, verify, cloud, settings, diagnostics
  -h, --help         print this help
  -V, --version      print the version

Environment:
  PECAT_LANG, PECAT_SCREEN   as --lang and --screen
  PECAT_FIRST_FRAME_MARKER   print \"pecat: first frame\" on stdout when the window is first drawn
";

fn main() -> ExitCode {
    let launch = match parse(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(launch)) => launch,
        Ok(Parsed::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("pecat: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    if !display_available() {
        eprintln!(
            "pecat: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
             Run it in a desktop session, or use pecat-cli on the command line."
        );
        return ExitCode::from(1);
    }
    match app::run(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pecat: the window could not be opened: {e}");
            ExitCode::from(1)
        }
    }
}

enum Parsed {
    Run(Launch),
    Print(String),
}

fn version() -> String {
    format!("{}\n", pecat::version_line())
}

fn parse(mut os_args: impl Iterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
    let mut launch = Launch::from_env();
    while let Some(os_arg) = os_args.next() {
        // A file name may not be UTF-8 (it is kept as given); options always are.
        let arg = os_arg.to_string_lossy().into_owned();
        if !arg.starts_with('-') {
            if launch.file.is_some() {
                return Err("give one PDF to verify".to_owned());
            }
            launch.file = Some(std::path::PathBuf::from(os_arg));
            continue;
        }
        let mut args = os_args.by_ref().map(|a| a.to_string_lossy().into_owned());
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{what} needs a value"));
        match name.as_str() {
            "-h" | "--help" => return Ok(Parsed::Print(HELP.to_owned())),
            "-V" | "--version" => return Ok(Parsed::Print(version())),
            "--lang" => {
                let v = value("--lang")?;
                launch.language = Some(i18n::Language::from_tag(&v).ok_or(format!("unknown language {v:?}"))?);
            }
            "--screen" => {
                let v = value("--screen")?;
                launch.screen = Some(app::Start::from_name(&v).ok_or(format!("unknown screen {v:?}"))?);
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Parsed::Run(launch))
}

/// Whether a window can be opened: on Linux and the BSDs an X11 or Wayland display must be set
/// (winit panics otherwise); Windows and macOS always have one.
fn display_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Launch, String> {
        match parse(args.iter().map(std::ffi::OsString::from))? {
            Parsed::Run(launch) => Ok(launch),
            Parsed::Print(_) => Err("printed".to_owned()),
        }
    }

    #[test]
    fn a_pdf_on_the_command_line_is_opened_for_verification() {
        let launch = run(&["--screen", "verify", "/tmp/contract.signed.pdf"]).unwrap();
        assert_eq!(launch.file.as_deref(), Some(std::path::Path::new("/tmp/contract.signed.pdf")));
        assert!(run(&["a.pdf", "b.pdf"]).unwrap_err().contains("one PDF"));
        assert!(run(&["--bogus"]).unwrap_err().contains("unknown option"));
        assert!(run(&["--lang"]).unwrap_err().contains("needs a value"));
        assert_eq!(run(&["--lang=ro"]).unwrap().language, Some(i18n::Language::from_tag("ro").unwrap()));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_is_kept_as_given() {
        use std::os::unix::ffi::OsStringExt;
        let name = std::ffi::OsString::from_vec(b"/tmp/\xff.pdf".to_vec());
        let Ok(Parsed::Run(launch)) = parse([name.clone()].into_iter()) else { panic!("parsed") };
        assert_eq!(launch.file.map(std::path::PathBuf::into_os_string), Some(name));
    }
}
