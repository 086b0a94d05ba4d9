//! Fine-grained password policies (PSOs): which one is in force for a user
//! (`msDS-ResultantPSO`), and reading candidates as front-ends receive them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::contract::name::named_enum;
use crate::policy::directory::ad::AdPolicy;
use crate::policy::error::PolicyError;
use crate::policy::text::{parse_document, PolicyFormat};

/// How a PSO reaches the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum PsoLink {
    /// `msDS-PSOAppliesTo` names the user.
    Direct,
    /// It names a group the user belongs to (directly or nested); the weaker link, so
    /// the default of a spec that names none.
    #[default]
    Group,
}

named_enum!(PsoLink, "PSO link", [Direct = "direct", Group = "group"]);

/// A PSO that applies to a user, for [`resolve_pso`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PsoCandidate {
    /// Its settings.
    pub policy: AdPolicy,
    /// `msDS-PasswordSettingsPrecedence`; lower wins.
    pub precedence: u32,
    /// How it is linked to the user.
    pub link: PsoLink,
    /// `objectGUID` as stored (16 bytes); the lowest wins a precedence tie.
    pub object_guid: [u8; 16],
}

/// The index of the resultant PSO (`msDS-ResultantPSO`) among `candidates`: directly
/// linked PSOs beat group-linked ones; then the lowest precedence; then the lowest
/// `objectGUID`. `None` when no PSO applies, and the domain policy is in force.
///
/// ```
/// use passforge::{resolve_pso, AdPolicy, PsoCandidate, PsoLink};
/// let pso = |precedence, link, min| PsoCandidate {
///     policy: AdPolicy { min_pwd_length: min, ..AdPolicy::default() },
///     precedence, link, object_guid: [0; 16],
/// };
/// let psos = [pso(1, PsoLink::Group, 20), pso(50, PsoLink::Direct, 8)];
/// assert_eq!(resolve_pso(&psos), Some(1));
/// ```
pub fn resolve_pso(candidates: &[PsoCandidate]) -> Option<usize> {
    let rank = |p: &PsoCandidate| (p.link == PsoLink::Group, p.precedence, p.object_guid);
    (0..candidates.len()).min_by_key(|&i| rank(&candidates[i]))
}

/// A PSO candidate as written (a `[[pso]]` table, a Python dict, a JS object): plain
/// data, turned into a [`PsoCandidate`] by [`PsoCandidateSpec::to_candidate`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PsoCandidateSpec {
    /// A label for messages and output (the PSO's `cn`); optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `msDS-PasswordSettingsPrecedence`.
    pub precedence: u32,
    /// `"direct"` or `"group"`.
    pub link: PsoLink,
    /// `objectGUID`: the 16 stored bytes as 32 hexadecimal digits; all zero when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_guid: Option<String>,
    /// The PSO's `msDS-*` attributes as LDAP string values.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// A list of candidates as a document holds it: `[[pso]]` tables in TOML, or
/// `{"pso": [...]}` in JSON. A [`PsoResolution`] is such a document too (its report keys
/// `name`, `index` and `ad` are ignored on input), so a resolution can be fed back.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PsoCandidates {
    /// The candidates, in document order.
    #[serde(default)]
    pub pso: Vec<PsoCandidateSpec>,
    #[serde(default, rename = "name", skip_serializing)]
    _name: serde::de::IgnoredAny,
    #[serde(default, rename = "index", skip_serializing)]
    _index: serde::de::IgnoredAny,
    #[serde(default, rename = "ad", skip_serializing)]
    _ad: serde::de::IgnoredAny,
}

/// Which candidate is in force, as a document: `pso` holds the winner alone (empty when
/// none applies), so the resolution read back resolves to the same PSO.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PsoResolution {
    /// The winning candidate, as written; empty when no PSO applies.
    pub pso: Vec<PsoCandidateSpec>,
    /// The winner's name, if it has one.
    pub name: Option<String>,
    /// The winner's index in the input.
    pub index: Option<usize>,
    /// The winner's settings.
    pub ad: Option<AdPolicy>,
}

impl PsoCandidateSpec {
    /// The candidate; `index` (its place in the caller's list) names it in errors.
    pub fn to_candidate(&self, index: usize) -> Result<PsoCandidate, PsoCandidateError> {
        let object_guid = match &self.object_guid {
            None => [0; 16],
            Some(hex) => parse_object_guid(hex).ok_or(PsoCandidateError {
                index,
                problem: PsoProblem::ObjectGuid,
            })?,
        };
        let policy = AdPolicy::from_attributes(
            self.attributes
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|e| PsoCandidateError {
            index,
            problem: PsoProblem::Attribute(e),
        })?;
        Ok(PsoCandidate {
            policy,
            precedence: self.precedence,
            link: self.link,
            object_guid,
        })
    }
}

impl PsoCandidates {
    /// Candidates in a list of their own.
    pub fn new(pso: Vec<PsoCandidateSpec>) -> Self {
        Self {
            pso,
            ..Self::default()
        }
    }

    /// Reads a candidates document (TOML or JSON); errors are `POLICY_SYNTAX` with the
    /// line and column.
    pub fn parse(text: &str, format: PolicyFormat) -> Result<Self, PolicyError> {
        parse_document(text, format, true)
    }

    /// The candidate in force (AD's precedence rules, [`resolve_pso`]).
    pub fn resolve(&self) -> Result<PsoResolution, PsoCandidateError> {
        let candidates = self.to_candidates()?;
        let index = resolve_pso(&candidates);
        Ok(PsoResolution {
            pso: index.map(|i| self.pso[i].clone()).into_iter().collect(),
            name: index.and_then(|i| self.pso[i].name.clone()),
            index,
            ad: index.map(|i| candidates[i].policy.clone()),
        })
    }

    /// Every candidate, in order; the first malformed one is the error.
    pub fn to_candidates(&self) -> Result<Vec<PsoCandidate>, PsoCandidateError> {
        self.pso
            .iter()
            .enumerate()
            .map(|(i, spec)| spec.to_candidate(i))
            .collect()
    }
}

/// 32 hexadecimal digits (either case) as the 16 bytes of an `objectGUID`.
pub fn parse_object_guid(hex: &str) -> Option<[u8; 16]> {
    let digits = hex.as_bytes();
    if digits.len() != 32 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut out = [0u8; 16];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        // Two ASCII hex digits always parse.
        let pair = std::str::from_utf8(pair).expect("ASCII hex digits");
        *byte = u8::from_str_radix(pair, 16).expect("two hex digits");
    }
    Some(out)
}

/// What is wrong with a PSO candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PsoProblem {
    /// The candidate is not a mapping with `precedence` (0 to 4294967295) and `link`
    /// (`"direct"` or `"group"`); the detail says which.
    Shape(String),
    /// `object_guid` is not 16 bytes or 32 hexadecimal digits.
    ObjectGuid,
    /// An attribute value cannot be read.
    Attribute(PolicyError),
}

/// A malformed PSO candidate, naming its index. Attribute values are not echoed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PsoCandidateError {
    index: usize,
    problem: PsoProblem,
}

impl PsoCandidateError {
    /// A candidate of the wrong shape, as a front-end finds it before the core sees it.
    pub fn shape(index: usize, detail: impl Into<String>) -> Self {
        Self {
            index,
            problem: PsoProblem::Shape(detail.into()),
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        "PSO_CANDIDATE"
    }

    /// The candidate's index in the list.
    pub fn index(&self) -> usize {
        self.index
    }

    /// What is wrong.
    pub fn problem(&self) -> &PsoProblem {
        &self.problem
    }
}

impl fmt::Display for PsoCandidateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PSO candidate {}: ", self.index)?;
        match &self.problem {
            PsoProblem::Shape(detail) => f.write_str(detail),
            PsoProblem::ObjectGuid => {
                f.write_str("object_guid must be the 16 stored bytes as 32 hexadecimal digits")
            }
            // The value itself is not echoed (the reason would quote it).
            PsoProblem::Attribute(PolicyError::InvalidAttribute { name, .. }) => {
                write!(f, "attribute {name} has a value that cannot be read")
            }
            PsoProblem::Attribute(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PsoCandidateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            PsoProblem::Attribute(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pso(precedence: u32, link: PsoLink, guid: u8) -> PsoCandidate {
        PsoCandidate {
            policy: AdPolicy::default(),
            precedence,
            link,
            object_guid: [guid; 16],
        }
    }

    #[test]
    fn precedence_rules() {
        assert_eq!(resolve_pso(&[]), None);
        let psos = [
            pso(10, PsoLink::Group, 1),
            pso(5, PsoLink::Group, 2),
            pso(30, PsoLink::Direct, 3),
            pso(20, PsoLink::Direct, 4),
        ];
        assert_eq!(resolve_pso(&psos), Some(3));
        let groups = [pso(10, PsoLink::Group, 1), pso(5, PsoLink::Group, 2)];
        assert_eq!(resolve_pso(&groups), Some(1));
        let tie = [pso(5, PsoLink::Group, 9), pso(5, PsoLink::Group, 3)];
        assert_eq!(resolve_pso(&tie), Some(1));
    }

    #[test]
    fn a_resolution_read_back_resolves_to_the_same_pso() {
        let doc = PsoCandidates::parse(
            "[[pso]]\nname = \"a\"\nprecedence = 5\nlink = \"group\"\n\
             [[pso]]\nname = \"b\"\nprecedence = 9\nlink = \"direct\"\n",
            PolicyFormat::Toml,
        )
        .unwrap();
        let first = doc.resolve().unwrap();
        assert_eq!((first.name.as_deref(), first.index), (Some("b"), Some(1)));
        let json = serde_json::to_string(&first).unwrap();
        let again = PsoCandidates::parse(&json, PolicyFormat::Json)
            .unwrap()
            .resolve()
            .unwrap();
        assert_eq!((again.name.as_deref(), again.index), (Some("b"), Some(0)));
        let e = PsoCandidates::parse("[[pso]]\nprecedence = -1\n", PolicyFormat::Toml).unwrap_err();
        assert_eq!(e.code(), "POLICY_SYNTAX");
    }

    #[test]
    fn specs_become_candidates_and_errors_name_the_index() {
        let doc: PsoCandidates = toml::from_str(
            "[[pso]]\nprecedence = 1\nlink = \"group\"\nobject_guid = \"00112233445566778899AABBCCDDEEFF\"\n\
             [pso.attributes]\n\"msDS-MinimumPasswordLength\" = \"15\"\n",
        )
        .unwrap();
        let c = doc.to_candidates().unwrap();
        assert_eq!(c[0].policy.min_pwd_length, 15);
        assert_eq!(c[0].object_guid[15], 0xff);

        let bad = PsoCandidateSpec {
            object_guid: Some("xyz".into()),
            ..PsoCandidateSpec::default()
        };
        let e = bad.to_candidate(3).unwrap_err();
        assert_eq!((e.code(), e.index()), ("PSO_CANDIDATE", 3));
        let bad = PsoCandidateSpec {
            attributes: [("msDS-MinimumPasswordLength".to_owned(), "many".to_owned())].into(),
            ..PsoCandidateSpec::default()
        };
        let e = bad.to_candidate(0).unwrap_err();
        assert!(std::error::Error::source(&e).is_some());
        assert!(!e.to_string().contains("many"), "the value is echoed: {e}");
    }
}
