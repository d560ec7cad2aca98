//! Benchmark: listing 50 certificates on one SoftHSM2 token.
//!
//! Measures, over repeated runs, (1) reading the objects (find + attributes + certificate
//! parsing) through the slot worker, (2) the full certificate views the CLI prints (pairing,
//! chains, expiry), and (3) `pecat-cli certs --json` as a user runs it, process start and
//! module initialisation included. Run with `cargo bench -p pecat-cli --bench list_certificates`.

#![allow(clippy::unwrap_used)]

use pecat_token::KeyManagement;
use std::time::{Duration, Instant, SystemTime};

use pecat_core::token_certificates;
use pecat_testkit::{Fixture, softhsm_module};
use pecat_token::{ModuleCandidate, ModuleSource, Pkcs11Module};

fn stats(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let n = samples.len();
    let mean = samples.iter().sum::<Duration>() / u32::try_from(n).unwrap();
    let pct = |p: f64| samples[((n as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<44} n={n:<4} min {:>8.2} ms  median {:>8.2} ms  mean {:>8.2} ms  p95 {:>8.2} ms",
        ms(samples[0]),
        ms(pct(0.5)),
        ms(mean),
        ms(pct(0.95))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm-up
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    let setup = Instant::now();
    let f = Fixture::standard();
    f.add_keys(47); // 2 end-entity + 1 CA + 47 = 50 certificates
    println!("fixture: 50 certificates, 49 key pairs made on the token in {:.1} s", setup.elapsed().as_secs_f64());
    // SAFETY: single-threaded at this point; set before the module is loaded.
    unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };

    let module = Pkcs11Module::load(&ModuleCandidate::from_path(softhsm_module(), ModuleSource::CommandLine)).unwrap();
    let token = module.token(&f.serial).unwrap();
    assert_eq!(token.objects().unwrap().certificates.len(), 50);

    stats(
        "read 50 certificate objects + keys",
        time(50, || {
            std::hint::black_box(token.objects().unwrap());
        }),
    );
    stats(
        "certificate views (pairing, chains, expiry)",
        time(50, || {
            let objects = token.objects().unwrap();
            let views = token_certificates(&objects, &[], SystemTime::now());
            assert_eq!(views.len(), 50);
            std::hint::black_box(views);
        }),
    );
    let exe = env!("CARGO_BIN_EXE_pecat-cli");
    let module_path = softhsm_module();
    stats(
        "`pecat-cli certs --json` (whole process)",
        time(20, || {
            let out = std::process::Command::new(exe)
                .env("SOFTHSM2_CONF", f.hsm.conf())
                .env("PECAT_SETTINGS", f.hsm.dir().join("none.toml"))
                .arg("--module")
                .arg(&module_path)
                .args(["certs", &f.serial, "--json"])
                .output()
                .unwrap();
            assert!(out.status.success());
        }),
    );
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_owned))
        .unwrap_or_default();
    println!("bench process peak RSS: {}", rss.trim_start_matches("VmHWM:").trim());
}
