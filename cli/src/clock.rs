//! The one place the CLI reads the clock; the core always takes "now" as a parameter.

use std::time::{SystemTime, UNIX_EPOCH};

use passforge::Timestamp;

use crate::CliError;

/// The current instant.
pub fn now() -> Result<Timestamp, CliError> {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| CliError("the system clock is before 1970".into()))?;
    let seconds = i64::try_from(since.as_secs())
        .map_err(|_| CliError("the system clock is out of range".into()))?;
    Timestamp::from_unix_parts(seconds, since.subsec_nanos())
        .ok_or_else(|| CliError("the system clock is out of range".into()))
}
