//! `fields`: a document's signature fields, the empty ones first, for `sign --field NAME`.

use std::path::Path;

use pecat_pades::signature_fields;

use crate::Done;
use crate::context::Context;

pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<Done> {
    let mut fields = signature_fields(file)?;
    fields.sort_by_key(|f| f.signed);
    if ctx.json {
        ctx.emit_json(&serde_json::json!({ "file": file.display().to_string(), "fields": fields }))?;
        return Ok(Done::Complete);
    }
    if fields.is_empty() {
        println!("{} has no signature field.", file.display());
    }
    for f in &fields {
        let state = if f.signed { "signed" } else { "empty" };
        let place = match f.page {
            Some(page) if f.is_visible() => {
                let [x1, y1, x2, y2] = f.rect;
                format!("page {page}, {x1},{y1},{x2},{y2}")
            }
            Some(page) => format!("page {page}, invisible"),
            None => "on no page, invisible".to_owned(),
        };
        println!("{}\t{state}\t{place}", f.name);
    }
    Ok(Done::Complete)
}
