//! The hardware screens in one test binary (one process: SoftHSM2 is initialised once, and the
//! language is global): real flows against SoftHSM2 through the screens' update functions with
//! simulator clicks and typing, then snapshots of the main screens in every language compared
//! with their committed baselines. Run with `ICED_TEST_BACKEND=tiny-skia`.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "screens/flows.rs"]
mod flows;
#[path = "screens/snapshots.rs"]
mod snapshots;

#[test]
fn hardware_screens_then_snapshots() {
    flows::a_pin_is_changed_and_the_customs_pair_exported_through_the_screens();
    snapshots::main_screens_in_every_language_match_their_baselines();
}
