//! Running the independent tools that build fixtures.

use std::path::Path;
use std::process::Command;

/// Runs `cmd` with `args`, panicking with its output when it fails; returns stdout.
pub(crate) fn run(mut cmd: Command, program: &str, args: &[&str]) -> String {
    let out = cmd.args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pkcs11-tool --module M --token-label L --login --pin P …`.
pub(crate) fn pkcs11_tool(cmd: Command, module: &Path, label: &str, pin: &str, extra: &[&str]) -> String {
    let module = module.to_str().unwrap();
    let mut args = vec!["--module", module, "--token-label", label, "--login", "--pin", pin];
    args.extend_from_slice(extra);
    run(cmd, "pkcs11-tool", &args)
}
