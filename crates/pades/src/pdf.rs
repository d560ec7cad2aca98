//! The PDF layer: objects, a parser, filters, and a file reader that loads only what it needs.

pub mod file;
pub mod filter;
pub mod object;
pub mod parse;

pub use file::{Entry, PdfFile, XrefSection};
pub use object::{Dict, ObjRef, Object, StreamData, decode_text, name, reference, text_string};
