//! Pecat's end-to-end tests live in `tests/` of this package: each runs `pecat-cli` as a user
//! does — one process per command — against real components (SoftHSM2, kryoptic, pdfsig,
//! qpdf, pyHanko, Pecat's CSC service, gnome-keyring). Crate tests stay in their crates.
//!
//! The binary under test is the workspace's `pecat-cli` in the same target folder as these tests
//! (`cargo nextest run --workspace` builds it; `PECAT_CLI` names another one).
