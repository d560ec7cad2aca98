//! A private, real Secret Service for a test: its own D-Bus session bus (`dbus-daemon`) and a
//! gnome-keyring unlocked with a throwaway password, in temporary folders. Processes started
//! with [`SecretService::env`] store and read secrets there; `secret-tool` checks them
//! independently. Both daemons end when the value is dropped.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running session bus with an unlocked gnome-keyring on it.
#[derive(Debug)]
pub struct SecretService {
    dir: tempfile::TempDir,
    address: String,
    bus: Child,
    keyring: Child,
}

fn need(program: &str, package: &str) {
    let found =
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()));
    assert!(found, "{program} is missing: install the package {package} (the README's test command does)");
}

impl SecretService {
    /// Starts the bus and the keyring and waits until the keyring answers on the bus.
    pub fn start() -> Self {
        need("dbus-daemon", "dbus");
        need("gnome-keyring-daemon", "gnome-keyring");
        need("secret-tool", "libsecret-tools");
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "data", "config", "cache", "run"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path().join("run"), std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .arg(format!("--address=unix:path={}", dir.path().join("bus").display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_owned();
        assert!(address.starts_with("unix:"), "dbus-daemon printed no address");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--foreground"])
            .envs(env_of(dir.path(), &address))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The keyring's password: a throwaway, for a keyring that lives as long as the test.
        keyring.stdin.take().unwrap().write_all(b"test").unwrap();
        let service = Self { dir, address, bus, keyring };
        service.wait_for_keyring();
        service
    }

    fn wait_for_keyring(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let out = Command::new("dbus-send")
                .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/"])
                .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"])
                .envs(self.env())
                .output()
                .unwrap();
            if String::from_utf8_lossy(&out.stdout).contains("boolean true") {
                return;
            }
            assert!(Instant::now() < deadline, "gnome-keyring did not appear on the test bus");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The variables that point a process at this bus and these folders.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        env_of(self.dir.path(), &self.address)
    }

    /// What `secret-tool lookup service SERVICE username USER` finds, if anything.
    pub fn lookup(&self, service: &str, user: &str) -> Option<String> {
        let out = Command::new("secret-tool")
            .args(["lookup", "service", service, "username", user])
            .envs(self.env())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Removes what `secret-tool clear service SERVICE username USER` matches, as another
    /// application (or the user, in a keyring manager) would.
    pub fn clear(&self, service: &str, user: &str) {
        let status = Command::new("secret-tool")
            .args(["clear", "service", service, "username", user])
            .envs(self.env())
            .stdin(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

fn env_of(dir: &Path, address: &str) -> Vec<(&'static str, String)> {
    let sub = |s: &str| dir.join(s).display().to_string();
    vec![
        ("DBUS_SESSION_BUS_ADDRESS", address.to_owned()),
        ("XDG_DATA_HOME", sub("data")),
        ("XDG_CONFIG_HOME", sub("config")),
        ("XDG_CACHE_HOME", sub("cache")),
        ("XDG_RUNTIME_DIR", sub("run")),
    ]
}

impl Drop for SecretService {
    fn drop(&mut self) {
        for child in [&mut self.keyring, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
