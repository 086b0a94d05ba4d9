//! Group rules: at least one allowed group and no forbidden group, nested membership
//! counted (the directory returns transitive groups), names compared case-insensitively.

use crate::config::GroupsSection;
use crate::http::error::{ApiError, ServiceCode};

/// Checks `groups` (every group the user is in) against the rules.
pub fn check_groups(rules: &GroupsSection, groups: &[String]) -> Result<(), ApiError> {
    let is_in = |name: &String| {
        groups
            .iter()
            .any(|g| g.to_lowercase() == name.to_lowercase())
    };
    if let Some(group) = rules.forbidden.iter().find(|g| is_in(g)) {
        return Err(ApiError::new(
            ServiceCode::UserNotAllowed,
            format!("the user is in the forbidden group '{group}'"),
        )
        .with("rule", "in_forbidden_group")
        .with("group", group));
    }
    if !rules.allowed.iter().any(is_in) {
        return Err(ApiError::new(
            ServiceCode::UserNotAllowed,
            format!(
                "the user is in none of the allowed groups ({})",
                rules.allowed.join(", ")
            ),
        )
        .with("rule", "not_in_allowed_group"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> GroupsSection {
        GroupsSection {
            allowed: vec!["Employees".into()],
            forbidden: vec!["domain-admins".into()],
            max_depth: 16,
        }
    }

    #[test]
    fn allowed_forbidden_and_case() {
        assert!(check_groups(&rules(), &["employees".into(), "staff".into()]).is_ok());
        let e = check_groups(&rules(), &["employees".into(), "Domain-Admins".into()]).unwrap_err();
        assert_eq!(e.details["rule"], "in_forbidden_group");
        let e = check_groups(&rules(), &[]).unwrap_err();
        assert_eq!(e.details["rule"], "not_in_allowed_group");
    }
}
