//! `modules`, `tokens`, `token show` and `certs`.

use pecat_token::KeyManagement;
use std::path::PathBuf;

use anyhow::Context as _;
use pecat_core::{ModuleStatus, TokenView, token_certificates, token_view};
use pecat_token::Token;
use serde_json::json;

use crate::Done;
use crate::context::{Cloud, Context};
use crate::render;

pub fn modules(ctx: &Context) -> anyhow::Result<Done> {
    let inv = ctx.inventory();
    if ctx.json {
        ctx.emit_json(&json!({ "modules": inv.modules() }))?;
    } else if inv.modules().is_empty() {
        println!("No PKCS#11 module found. Install your token's software, or name its module with --module PATH.");
    } else {
        for m in inv.modules() {
            let c = &m.candidate;
            let source = serde_json::to_value(&c.source)?.as_str().unwrap_or_default().to_owned();
            match &m.status {
                ModuleStatus::Loaded { library, tokens } => {
                    println!("{}  [{}]\n  {}\n  {library}; {tokens} token(s)", c.name, source, c.path.display());
                }
                ModuleStatus::Failed { error } => {
                    println!("{}  [{}]\n  {}\n  FAILED: {error}", c.name, source, c.path.display())
                }
            }
        }
    }
    Ok(Context::done(inv.problems().len()))
}

pub fn tokens(ctx: &Context, all: bool) -> anyhow::Result<Done> {
    let mut inv = ctx.inventory_with(Cloud::All)?;
    let mut views: Vec<TokenView> = Vec::new();
    let mut late = Vec::new();
    let mut hidden = 0;
    for t in inv.tokens() {
        match token_view(t.as_ref()) {
            Ok(v) if all || v.info.flags.token_initialized => views.push(v),
            Ok(_) => hidden += 1,
            Err(e) => late.push((t.module().candidate().path.clone(), e.to_string())),
        }
    }
    for (module, error) in late {
        eprintln!("pecat-cli: warning: {error}");
        inv.note_problem(module, error);
    }
    // Cloud accounts, then the built-in demo (listed with no real token or account, or --demo).
    let mut cloud: Vec<serde_json::Value> = ctx.accounts.borrow().iter().map(crate::cloud::account_json).collect();
    cloud.extend(
        inv.stores().iter().filter(|s| pecat_core::is_demo(s.as_ref())).map(|s| crate::cloud::store_json(s.as_ref())),
    );
    for c in cloud.iter().filter(|c| c["status"] != "ready") {
        let problem = c["problem"].as_str().unwrap_or_default();
        eprintln!("pecat-cli: warning: cloud account {}: {problem}", c["name"].as_str().unwrap_or_default());
        inv.note_problem(
            PathBuf::from(c["reference"].as_str().or(c["url"].as_str()).unwrap_or_default()),
            problem.to_owned(),
        );
    }
    if ctx.json {
        ctx.emit_json(&json!({ "tokens": views, "cloud": cloud, "problems": inv.problems() }))?;
        return Ok(Context::done(inv.problems().len()));
    }
    if views.is_empty() {
        let empty = if hidden > 0 {
            format!(" ({hidden} uninitialised token(s) hidden; --all shows them)")
        } else {
            String::new()
        };
        println!("No token found{empty}. {}", searched(&inv));
    } else {
        for v in &views {
            print!("{}", render::token_summary(v));
        }
    }
    for c in &cloud {
        crate::cloud::print_store(c);
    }
    Ok(Context::done(inv.problems().len()))
}

fn searched(inv: &pecat_core::Inventory) -> String {
    let loaded: Vec<String> = inv
        .modules()
        .iter()
        .filter(|m| matches!(m.status, ModuleStatus::Loaded { .. }))
        .map(|m| m.candidate.name.clone())
        .collect();
    if loaded.is_empty() {
        "No PKCS#11 module was loaded: plug in the token, install its software, or use --module PATH.".into()
    } else {
        format!("Looked in: {}. Plug in the token or use --module PATH.", loaded.join(", "))
    }
}

pub fn token_show(ctx: &Context, query: &str) -> anyhow::Result<Done> {
    let inv = ctx.inventory();
    let token = inv.find_token(query)?;
    let view = token_view(token)?;
    if ctx.json {
        ctx.emit_json(&serde_json::to_value(&view)?)?;
    } else {
        print!("{}", render::token_details(&view));
    }
    Ok(Done::Complete)
}

pub fn certs(ctx: &Context, query: &str, ca: &[PathBuf]) -> anyhow::Result<Done> {
    let extra = crate::cert::load_files(ca)?;
    let inv = ctx.inventory_with(Cloud::Named(query))?;
    if let Ok(store) = inv.find_store(query)
        && matches!(store.store_id(), pecat_token::StoreId::Cloud { .. })
    {
        return cloud_certs(ctx, store.as_ref(), &extra);
    }
    let token = inv.find_token(query)?;
    let objects = token.objects().with_context(|| format!("reading the objects of token {}", token.id()))?;
    let views = token_certificates(&objects, &extra, ctx.now);
    let unreadable = views.iter().filter(|v| v.error.is_some()).count();
    for v in views.iter().filter_map(|v| v.error.as_ref()) {
        eprintln!("pecat-cli: warning: {v}");
    }
    if ctx.json {
        ctx.emit_json(&json!({
            "token": { "serial": token.id().serial, "label": token.label() },
            "certificates": views,
        }))?;
    } else if views.is_empty() {
        println!("Token {} ({}) holds no certificate.", token.label(), token.id());
    } else {
        println!("Token {} ({}): {} certificate(s)\n", token.label(), token.id(), views.len());
        for v in &views {
            print!("{}", render::certificate(v));
        }
    }
    Ok(Context::done(unreadable))
}

/// `certs` of a cloud store: the certificates of its signing credentials.
fn cloud_certs(
    ctx: &Context,
    store: &dyn pecat_token::CredentialStore,
    extra: &[pecat_pki::Certificate],
) -> anyhow::Result<Done> {
    let credentials = store.signing_credentials()?;
    let views = pecat_core::credential_views(&credentials, extra, ctx.now);
    let label = store.store_label();
    if ctx.json {
        ctx.emit_json(&json!({
            "store": { "reference": store.store_id().reference(), "label": label, "demo": pecat_core::is_demo(store) },
            "certificates": views,
        }))?;
    } else {
        if pecat_core::is_demo(store) {
            println!("Pecat demo (cloud), never qualified: {} certificate(s)\n", views.len());
        } else {
            println!("Cloud account {label} ({}): {} certificate(s)\n", store.store_id(), views.len());
        }
        for v in &views {
            print!("{}", render::certificate(v));
        }
    }
    Ok(Done::Complete)
}
