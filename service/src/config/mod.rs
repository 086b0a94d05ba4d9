//! The service's configuration: one TOML file, every key overridable from the
//! environment (`PASSFORGE_<SECTION>__<KEY>`), every problem reported at once.
//!
//! [`ConfigFile`] is the file's shape (serde, unknown keys refused); [`load`] reads it,
//! applies the environment and checks it; [`Settings`] is the checked result the service
//! runs on, with secrets read from their files.

mod env;
mod file;
mod load;
mod problem;
mod secret;

pub use file::{
    ClientMode, ClientSection, ConfigFile, DirectoryKind, DirectorySection, GroupsSection,
    MockMode, Operation, RateLimitSection, Replay, ResetSection, ScriptSection, ServerSection,
    StateSection,
};
pub use load::{
    load, load_text, read_policy, redact_url, tls_config, Client, LoadFailure, Settings,
};
pub use problem::{Problem, Problems, Severity};
pub use secret::read_secret_file;
