#![allow(dead_code)] // each test binary uses a part of it

//! Running `pecat-cli` in tests: one process per call, as in real use, with the soft token's
//! configuration variable, no user settings, and `stdin` fed to it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository's root folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `pecat-cli` binary under test: `PECAT_CLI`, else the one in this test's target folder
/// (`target/<profile>/deps/<test>` → `target/<profile>/pecat-cli`), which a workspace test run
/// builds.
pub fn pecat_cli() -> PathBuf {
    if let Some(p) = std::env::var_os("PECAT_CLI") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("the test knows its path");
    let profile = exe.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    let bin = profile.join(format!("pecat-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first (cargo build -p pecat-cli) or run the whole workspace",
        bin.display()
    );
    bin
}

/// pecat-cli with `--module module`, `env` set (e.g. `SOFTHSM2_CONF`), no user settings or
/// environment modules, the demo's material in a temporary folder, and all three streams piped.
pub fn command(env: (&str, &Path), module: &Path) -> Command {
    let mut c = Command::new(pecat_cli());
    c.env(env.0, env.1)
        .env("PECAT_SETTINGS", "/nonexistent/pecat-settings.toml")
        // A `tokens` with no token shows the demo: keep its material out of the user's data folder.
        .env("PECAT_DEMO_DIR", std::env::temp_dir().join("pecat-cli-tests-demo"))
        .env_remove("PECAT_MODULES")
        .arg("--module")
        .arg(module)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs pecat-cli with `--module module`, `env` set (e.g. `SOFTHSM2_CONF`) and `stdin` piped in.
pub fn run(env: (&str, &Path), module: &Path, args: &[&str], stdin: &str) -> Output {
    finish(command(env, module).args(args), stdin)
}

/// Starts `cmd`, writes `stdin` to it and waits for it.
pub fn finish(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd.spawn().expect("pecat-cli starts");
    // A command that refuses early may exit before reading: a closed pipe is not an error here.
    match child.stdin.take().expect("piped").write_all(stdin.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("stdin: {e}"),
        _ => {}
    }
    child.wait_with_output().expect("pecat-cli ends")
}

/// What it wrote on stderr.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What it wrote on stdout.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The pyHanko virtualenv's python, installed by the README's test command.
pub fn pyhanko() -> PathBuf {
    let p = std::env::var_os("PECAT_TEST_PYHANKO")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target/pyhanko/bin/python"));
    assert!(p.exists(), "pyHanko is not installed: run the README's test command (scripts/test)");
    p
}
