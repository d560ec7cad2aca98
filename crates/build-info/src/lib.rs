//! For build scripts: sets `PECAT_VERSION` to the package version and the git commit it was built
//! from ("0.1.0 (commit 1a2b3c4d5e6f, 2026-12-02)"), or the version alone outside a git checkout.
//!
//! The commit comes from, in order: `PECAT_BUILD_COMMIT` (for builds from a source archive that
//! know their commit), then `git` run in the package's folder. Cargo is told to run the build
//! script again when `HEAD` or the branch it points to moves.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Emits `cargo:rustc-env=PECAT_VERSION=…` (always), `PECAT_GIT_COMMIT` (the full hash, when
/// known) and the `rerun-if-changed` lines. Call it from `build.rs`; read the values with
/// `env!("PECAT_VERSION")` and `option_env!("PECAT_GIT_COMMIT")`.
pub fn emit() {
    println!("cargo:rerun-if-env-changed=PECAT_BUILD_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let commit = match std::env::var("PECAT_BUILD_COMMIT") {
        Ok(c) if !c.trim().is_empty() => Some(Commit { hash: c.trim().to_owned(), date: None }),
        _ => git_commit(&dir),
    };
    println!("cargo:rustc-env=PECAT_VERSION={}", version_string(&version, commit.as_ref()));
    // Only when known, so `option_env!("PECAT_GIT_COMMIT")` tells a source-archive build apart.
    if let Some(c) = &commit {
        println!("cargo:rustc-env=PECAT_GIT_COMMIT={}", c.hash);
    }
}

/// A commit and its committer date (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Commit {
    hash: String,
    date: Option<String>,
}

/// The version line: the version, and the commit (12 hex digits) with its date when known.
fn version_string(version: &str, commit: Option<&Commit>) -> String {
    match commit {
        None => version.to_owned(),
        Some(Commit { hash, date }) => {
            let short: String = hash.chars().take(12).collect();
            match date {
                Some(d) => format!("{version} (commit {short}, {d})"),
                None => format!("{version} (commit {short})"),
            }
        }
    }
}

/// Runs `git` in `dir`; `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The commit checked out in the git work tree holding `dir`, with rerun lines for the files that
/// change when it moves; `None` outside a checkout (a source archive) or without git.
fn git_commit(dir: &Path) -> Option<Commit> {
    let git_dir = absolute(dir, &git(dir, &["rev-parse", "--git-dir"])?);
    let common_dir =
        git(dir, &["rev-parse", "--git-common-dir"]).map_or_else(|| git_dir.clone(), |c| absolute(dir, &c));
    println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
    if let Some(reference) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        let loose = common_dir.join(&reference);
        if loose.exists() {
            println!("cargo:rerun-if-changed={}", loose.display());
        }
        let packed = common_dir.join("packed-refs");
        if packed.exists() {
            println!("cargo:rerun-if-changed={}", packed.display());
        }
    }
    let hash = git(dir, &["rev-parse", "--verify", "HEAD"])?;
    let date = git(dir, &["show", "-s", "--format=%cs", "HEAD"]);
    Some(Commit { hash, date })
}

fn absolute(base: &Path, path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    if p.is_absolute() { p } else { base.join(p) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_names_the_commit_when_there_is_one() {
        assert_eq!(version_string("0.1.0", None), "0.1.0");
        let c = Commit { hash: "695657e1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7".into(), date: Some("2026-12-02".into()) };
        assert_eq!(version_string("0.1.0", Some(&c)), "0.1.0 (commit 695657e1a2b3, 2026-12-02)");
        let c = Commit { hash: "abc".into(), date: None };
        assert_eq!(version_string("0.1.0", Some(&c)), "0.1.0 (commit abc)");
    }

    /// A fresh folder under the system's temporary folder (not inside any repository).
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pecat-build-info-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    #[test]
    fn a_source_archive_has_no_commit() {
        let dir = scratch("archive");
        if git(&std::env::temp_dir(), &["rev-parse", "--git-dir"]).is_none() {
            assert_eq!(git_commit(&dir), None);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_checkout_gives_its_head_commit() {
        if git(Path::new("."), &["--version"]).is_none() {
            return; // no git on this machine: nothing to read a commit with
        }
        let dir = scratch("checkout");
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .arg("-C")
                .arg(&dir)
                .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "git {args:?}");
        };
        run(&["init", "-q", "-b", "main"]);
        std::fs::write(dir.join("f"), "x").expect("write");
        run(&["add", "f"]);
        run(&["commit", "-q", "-m", "one"]);
        let head = git(&dir, &["rev-parse", "HEAD"]).expect("head");
        let commit = git_commit(&dir.join(".")).expect("a commit");
        assert_eq!(commit.hash, head);
        assert_eq!(commit.date.as_deref().map(str::len), Some(10), "YYYY-MM-DD");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
