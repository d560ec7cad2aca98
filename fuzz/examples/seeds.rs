//! Writes the PDF seeds of the fuzz corpora: the test kit's hand-written files, small enough
//! (a few KB) for libFuzzer to mutate quickly. `fuzz/make-seeds` runs it and adds the rest.

use pecat_testkit::{XrefShape, simple_pdf};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus/pdf_read".into());
    std::fs::create_dir_all(&dir)?;
    std::fs::write(format!("{dir}/classic-1page.pdf"), simple_pdf(1, "1.7", XrefShape::Classic))?;
    std::fs::write(format!("{dir}/hybrid-2pages.pdf"), simple_pdf(2, "1.5", XrefShape::Hybrid))?;
    Ok(())
}
