//! `pecat-cli doctor` against a real SoftHSM2 token, a missing module and a file that is not a
//! library: the report names each module's fate and the token with its PIN state.

#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Output};

use pecat_testkit::{SoftHsm, softhsm_module};
use serde_json::Value;

/// pecat-cli with the store's SoftHSM2 configuration, no user settings and no environment modules.
fn doctor(hsm: &SoftHsm, modules: &[&std::path::Path], json: bool) -> Output {
    let mut c = Command::new(common::pecat_cli());
    c.env("SOFTHSM2_CONF", hsm.conf())
        .env("PECAT_SETTINGS", hsm.dir().join("no-settings.toml"))
        .env_remove("PECAT_MODULES");
    for m in modules {
        c.arg("--module").arg(m);
    }
    if json {
        c.arg("--json");
    }
    c.arg("doctor").output().unwrap()
}

#[test]
fn doctor_reports_the_token_and_why_the_other_modules_failed() {
    let hsm = SoftHsm::new();
    let serial = hsm.init_token("Doctor Token", "87654321", "123456");
    let missing = hsm.dir().join("libmissing-pkcs11.so");
    let not_a_library = hsm.dir().join("libnot-a-library.so");
    std::fs::write(&not_a_library, b"plain text, not ELF").unwrap();
    let softhsm = softhsm_module();

    let out = doctor(&hsm, &[&softhsm, &missing, &not_a_library], true);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["versions"]["app"].as_str().unwrap().starts_with(env!("CARGO_PKG_VERSION")), "{report:#}");

    let modules = report["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 3, "{report:#}");
    let soft = &modules[0];
    assert_eq!(soft["source"], "command-line");
    assert_eq!(soft["outcome"]["state"], "loaded", "{soft:#}");
    assert!(soft["outcome"]["library"].as_str().unwrap().contains("SoftHSM"), "{soft:#}");
    let slots = soft["outcome"]["slots"].as_array().unwrap();
    let ours = slots
        .iter()
        .find_map(|s| s["token"]["read"].as_object().filter(|t| t["serial"] == serial.as_str()))
        .unwrap_or_else(|| panic!("token {serial} not in {slots:#?}"));
    assert_eq!(ours["label"], "Doctor Token");
    assert_eq!(ours["flags"]["token_initialized"], true);
    assert_eq!(ours["pins"]["read"]["user"]["state"], "ok", "{ours:#?}");

    assert_eq!(modules[1]["outcome"]["state"], "failed");
    assert_eq!(modules[1]["outcome"]["failure"]["kind"], "missing");
    assert_eq!(modules[2]["outcome"]["failure"]["kind"], "not-loadable", "{:#}", modules[2]);

    let card = &report["card_service"];
    assert_eq!(card["kind"], "pcscd", "{card:#}");
    assert!(card["socket"]["path"].as_str().is_some(), "{card:#}");

    // The text report says the same in words.
    let out = doctor(&hsm, &[&softhsm, &missing], false);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains(&format!("token    Doctor Token (serial {serial})")), "{text}");
    assert!(text.contains("FAILED   the file does not exist"), "{text}");
    assert!(text.contains("Smart-card service (pcscd):"), "{text}");
}
