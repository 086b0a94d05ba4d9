//! Names of public enums, as written in policy files and passed by every front-end.

use std::fmt;

/// A name that is not one of an enum's names (`"utf-16"` for a length unit, …). The
/// value is not echoed: a misplaced argument could be a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    accepted: &'static [&'static str],
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, accepted: &'static [&'static str]) -> Self {
        Self { what, accepted }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "UNKNOWN_NAME"
    }

    /// What was being named ("token algorithm", "length unit", …).
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The names that are accepted.
    pub fn accepted(&self) -> &'static [&'static str] {
        self.accepted
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {}; use one of: ", self.what)?;
        for (i, name) in self.accepted.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{name}\"")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownName {}

/// `as_str`, `NAMES`, `FromStr` and `Display` for a public enum, from one table, so the
/// names front-ends accept are the names the core writes.
macro_rules! named_enum {
    ($ty:ident, $what:literal, [$($variant:ident = $name:literal),+ $(,)?]) => {
        impl $ty {
            /// Every name, in declaration order: as in policy files and every front-end.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name, as in policy files and every front-end.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::contract::name::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Self::$variant),)+
                    _ => Err(crate::contract::name::UnknownName::new($what, Self::NAMES)),
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use crate::{
        Capitalization, Category, CharClass, CharacterClasses, LengthUnit, PolicyFormat, PsoLink,
        RandomSeparator, SequenceKind, Severity, TokenAlgorithm,
    };
    use std::str::FromStr;

    /// Each name parses back to its value and, for serde enums, is the serde name.
    fn round_trip<T>(names: &[&str])
    where
        T: FromStr + std::fmt::Display + serde::Serialize + Copy,
        T::Err: std::fmt::Debug,
    {
        for &name in names {
            let value: T = name.parse().unwrap();
            assert_eq!(value.to_string(), name);
            assert_eq!(serde_json::to_value(value).unwrap(), name);
        }
    }

    #[test]
    fn names_are_the_serde_names() {
        round_trip::<CharClass>(CharClass::NAMES);
        round_trip::<LengthUnit>(LengthUnit::NAMES);
        round_trip::<CharacterClasses>(CharacterClasses::NAMES);
        round_trip::<Category>(Category::NAMES);
        round_trip::<SequenceKind>(SequenceKind::NAMES);
        round_trip::<Severity>(Severity::NAMES);
        round_trip::<PsoLink>(PsoLink::NAMES);
        round_trip::<PolicyFormat>(PolicyFormat::NAMES);
        round_trip::<Capitalization>(Capitalization::NAMES);
        round_trip::<RandomSeparator>(RandomSeparator::NAMES);
        for &name in TokenAlgorithm::NAMES {
            assert_eq!(TokenAlgorithm::from_str(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn unknown_name_lists_the_accepted_ones_and_not_the_value() {
        let e = TokenAlgorithm::from_str("my-secret").unwrap_err();
        assert_eq!(e.code(), "UNKNOWN_NAME");
        assert_eq!(
            e.to_string(),
            "unknown token algorithm; use one of: \"sha1\", \"hmac-sha256\""
        );
        assert!(!e.to_string().contains("my-secret"));
    }
}
