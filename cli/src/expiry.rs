//! `passforge expiry`: when a password expires, the days left, and whether to remind.

use std::process::ExitCode;

use clap::{ArgGroup, Args};
use passforge::{
    Expiry, ExpiryStatus, MaxPasswordAge, PasswordLastSet, Timestamp, UserAccountControl,
};
use serde::Serialize;

use crate::clock::now;
use crate::output::with_stdout;
use crate::CliError;

#[derive(Args, Debug)]
#[command(
    group(ArgGroup::new("last").required(true).args(["last_set", "pwd_last_set"])),
    group(ArgGroup::new("age").required(true).args(["max_age_days", "max_pwd_age"])),
)]
#[command(after_help = "\
Examples:
  passforge expiry --last-set 2024-01-01T00:00:00Z --max-age-days 90 --remind-days 14
  passforge expiry --pwd-last-set 133497504000000000 --max-pwd-age -36288000000000 \\
                   --remind-days 7 --user-account-control 0x200 -j")]
pub struct ExpiryArgs {
    /// The last password change, RFC 3339 (e.g. 2024-01-01T00:00:00Z)
    #[arg(long, value_name = "RFC3339")]
    last_set: Option<String>,
    /// The last password change as AD's pwdLastSet FILETIME (0: must change now)
    #[arg(long, value_name = "FILETIME", allow_hyphen_values = true)]
    pwd_last_set: Option<i64>,
    /// The maximum password age in days (0: never expires)
    #[arg(long, value_name = "N")]
    max_age_days: Option<u32>,
    /// The maximum password age as AD's maxPwdAge: negative 100 ns ticks
    /// (-9223372036854775808 or 0: never)
    #[arg(long, value_name = "INTERVAL", allow_hyphen_values = true)]
    max_pwd_age: Option<i64>,
    /// Remind when fewer than this many whole days are left
    #[arg(long, value_name = "N")]
    remind_days: u32,
    /// AD userAccountControl (decimal or 0x hex); DONT_EXPIRE_PASSWORD, SMARTCARD_REQUIRED
    /// and trust-account bits mean never
    #[arg(long, value_name = "FLAGS", value_parser = parse_flags, default_value = "0")]
    user_account_control: u32,
    /// The instant to evaluate at, RFC 3339 [default: now]
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Print {"expires_at", "days_remaining", "expired", "remind"}
    #[arg(short, long)]
    json: bool,
}

#[derive(Serialize)]
struct JsonOutput {
    expires_at: Option<String>,
    days_remaining: Option<i64>,
    expired: bool,
    remind: bool,
}

fn parse_flags(text: &str) -> Result<u32, String> {
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.map_err(|_| format!("'{text}' is not a 32-bit flag value (decimal or 0x hex)"))
}

pub fn run(args: ExpiryArgs) -> Result<ExitCode, CliError> {
    let last = match (&args.last_set, args.pwd_last_set) {
        (Some(text), _) => PasswordLastSet::At(Timestamp::parse_rfc3339(text)?),
        (None, Some(filetime)) => PasswordLastSet::from_pwd_last_set(filetime)?,
        (None, None) => return Err(CliError("give --last-set or --pwd-last-set".into())),
    };
    let age = match (args.max_age_days, args.max_pwd_age) {
        (Some(days), _) => MaxPasswordAge::from_days(days),
        (None, Some(interval)) => MaxPasswordAge::from_ad_interval(interval)?,
        (None, None) => return Err(CliError("give --max-age-days or --max-pwd-age".into())),
    };
    let now = match &args.now {
        Some(text) => Timestamp::parse_rfc3339(text)?,
        None => now()?,
    };
    let flags = UserAccountControl::from_bits(args.user_account_control);
    let expiry = Expiry::compute(last, age, flags)?;
    let status = expiry.status(now, args.remind_days);
    let expires_at = status.expires_at.map(Timestamp::to_rfc3339).transpose()?;
    if args.json {
        let value = JsonOutput {
            expires_at,
            days_remaining: status.days_remaining,
            expired: status.expired,
            remind: status.remind,
        };
        with_stdout(|out| {
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        })
    } else {
        let line = human(expiry, &status, expires_at.as_deref());
        with_stdout(|out| writeln!(out, "{line}"))
    }
}

fn human(expiry: Expiry, status: &ExpiryStatus, expires_at: Option<&str>) -> String {
    let (Some(at), Some(days)) = (expires_at, status.days_remaining) else {
        return "never expires".into();
    };
    if expiry == Expiry::MustChange {
        return "expired: must be changed at next logon (pwdLastSet is 0)".into();
    }
    if status.expired {
        return format!("expired at {at}");
    }
    let unit = if days == 1 { "day" } else { "days" };
    let remind = if status.remind { "; remind" } else { "" };
    format!("expires at {at}, {days} whole {unit} left{remind}")
}
