//! Benchmark: key pair generation on a SoftHSM2 token, per algorithm, through the token layer
//! (login, C_GenerateKeyPair, public key read back, logout). Run with
//! `cargo bench -p pecat-cli --bench keygen`.

#![allow(clippy::unwrap_used)]

use pecat_token::KeyManagement;
use std::time::{Duration, Instant};

use pecat_testkit::{Fixture, softhsm_module};
use pecat_token::{KeySpec, ModuleCandidate, ModuleSource, PinOptions, PinOutcome, Pkcs11Module, SecretString};

fn main() {
    let f = Fixture::standard();
    // SAFETY: single-threaded here; set before the module is loaded.
    unsafe { std::env::set_var("SOFTHSM2_CONF", f.hsm.conf()) };
    let module = Pkcs11Module::load(&ModuleCandidate::from_path(softhsm_module(), ModuleSource::CommandLine)).unwrap();
    let token = module.token(&f.serial).unwrap();
    let pin = SecretString::from(f.user_pin.clone());
    for (spec, runs) in
        [(KeySpec::P256, 20), (KeySpec::P384, 20), (KeySpec::Rsa2048, 10), (KeySpec::Rsa3072, 6), (KeySpec::Rsa4096, 4)]
    {
        let mut samples: Vec<Duration> = (0..runs)
            .map(|i| {
                let t = Instant::now();
                let outcome =
                    token.generate_key(spec, &format!("bench {spec} {i}"), &pin, PinOptions::default()).unwrap();
                assert!(matches!(outcome, PinOutcome::Done { .. }));
                t.elapsed()
            })
            .collect();
        samples.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let mean = samples.iter().sum::<Duration>() / runs;
        println!(
            "keygen {:<8} n={runs:<3} min {:>9.1} ms  median {:>9.1} ms  mean {:>9.1} ms  max {:>9.1} ms",
            spec.name(),
            ms(samples[0]),
            ms(samples[samples.len() / 2]),
            ms(mean),
            ms(samples[samples.len() - 1])
        );
    }
}
