//! Puts the version and the git commit into `pecat-cli --version` (see pecat-build-info).

fn main() {
    pecat_build_info::emit();
}
