//! Puts the version and the git commit into `pecat --version` (see pecat-build-info).

fn main() {
    pecat_build_info::emit();
}
