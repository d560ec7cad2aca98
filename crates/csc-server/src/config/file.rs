//! TOML configuration file of the `pecat-csc-server` binary.
