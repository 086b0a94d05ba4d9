//! Reading LDAP attribute values (directory strings) as numbers and booleans, for the
//! AD and ppolicy entry readers.

use crate::policy::error::PolicyError;

/// A number attribute; the error names the attribute and the value.
pub(crate) fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, PolicyError> {
    value.parse().map_err(|_| PolicyError::InvalidAttribute {
        name: name.to_owned(),
        reason: format!("'{value}' is not a number in range"),
    })
}

/// An LDAP boolean (`TRUE` / `FALSE`, case-insensitive).
pub(crate) fn boolean(name: &str, value: &str) -> Result<bool, PolicyError> {
    match value.to_ascii_uppercase().as_str() {
        "TRUE" => Ok(true),
        "FALSE" => Ok(false),
        _ => Err(PolicyError::InvalidAttribute {
            name: name.to_owned(),
            reason: format!("'{value}' is not TRUE or FALSE"),
        }),
    }
}
