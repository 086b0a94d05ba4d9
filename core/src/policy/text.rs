//! Reading a policy document (TOML or JSON text): the one reader every front-end uses, so
//! a syntax error has the same code, wording and location everywhere.

use serde::de::DeserializeOwned;

use crate::contract::name::named_enum;
use crate::policy::error::PolicyError;
use crate::policy::rules::{Policy, PolicySpec};

/// The text format of a policy document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum PolicyFormat {
    /// TOML, the policy-file format (`docs/policy.md`).
    Toml,
    /// JSON with the same keys.
    Json,
}

named_enum!(
    PolicyFormat,
    "policy format",
    [Toml = "toml", Json = "json"]
);

impl PolicyFormat {
    /// The format a file name implies: `.json` is JSON, anything else TOML.
    pub fn of_file_name(name: &str) -> Self {
        let is_json = name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("json"));
        if is_json {
            Self::Json
        } else {
            Self::Toml
        }
    }
}

impl PolicySpec {
    /// Reads a policy document; errors are `POLICY_SYNTAX` with the line and column.
    pub fn parse(text: &str, format: PolicyFormat) -> Result<Self, PolicyError> {
        parse_document(text, format, true)
    }
}

impl Policy {
    /// Reads and builds a policy from a document: `POLICY_SYNTAX` (with line and column)
    /// when it cannot be read, the other `POLICY_*` codes when its values conflict.
    ///
    /// ```
    /// use passforge::{Policy, PolicyFormat};
    /// let p = Policy::parse("min_length = 12\nblocklist = true\n", PolicyFormat::Toml)?;
    /// assert_eq!(p.min_length(), 12);
    /// let e = Policy::parse("[1, 2]", PolicyFormat::Json).unwrap_err();
    /// assert_eq!(e.code(), "POLICY_SYNTAX");
    /// # Ok::<(), passforge::PolicyError>(())
    /// ```
    pub fn parse(text: &str, format: PolicyFormat) -> Result<Self, PolicyError> {
        Self::new(PolicySpec::parse(text, format)?)
    }

    /// Builds a policy from the JSON of a mapping a front-end made itself (a Python dict,
    /// a JS object): errors carry no line or column, which would point into text the
    /// user never saw, and name the key instead (`ad.minPwdLength: invalid type: …`).
    ///
    /// ```
    /// let e = passforge::Policy::from_json_mapping(r#"{"min_length": "12"}"#).unwrap_err();
    /// assert_eq!(e.code(), "POLICY_SYNTAX");
    /// assert!(e.to_string().contains("min_length: invalid type: string \"12\""), "{e}");
    /// ```
    pub fn from_json_mapping(json: &str) -> Result<Self, PolicyError> {
        Self::new(parse_json(json, false)?)
    }

    /// [`Policy::parse`] of JSON text: the same policy and errors, without linking the
    /// TOML reader into a program that reads only JSON (the WASM package's main entry).
    ///
    /// ```
    /// let p = passforge::Policy::from_json(r#"{"min_length": 12}"#)?;
    /// assert_eq!(p.min_length(), 12);
    /// let e = passforge::Policy::from_json("{\n  \"min_lenght\": 1}").unwrap_err();
    /// assert!(e.to_string().contains("line 2"), "{e}");
    /// # Ok::<(), passforge::PolicyError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, PolicyError> {
        Self::new(parse_json(text, true)?)
    }
}

/// Reads a document of the policy family (a policy, PSO candidates) with one set of
/// `POLICY_SYNTAX` rules; `located` adds the line and column.
pub(crate) fn parse_document<T: DeserializeOwned>(
    text: &str,
    format: PolicyFormat,
    located: bool,
) -> Result<T, PolicyError> {
    match format {
        PolicyFormat::Toml => parse_toml(text, located),
        PolicyFormat::Json => parse_json(text, located),
    }
}

/// `POLICY_SYNTAX` for `format`, with the place when `located`.
fn syntax(
    format: PolicyFormat,
    located: bool,
    detail: &str,
    place: Option<(usize, usize)>,
) -> PolicyError {
    PolicyError::Syntax {
        format,
        line: place.filter(|_| located).map(|p| p.0),
        column: place.filter(|_| located).map(|p| p.1),
        detail: plain_words(detail),
    }
}

/// [`parse_document`] for TOML.
fn parse_toml<T: DeserializeOwned>(text: &str, located: bool) -> Result<T, PolicyError> {
    toml::from_str(text).map_err(|e| {
        let place = e.span().map(|span| line_and_column(text, span.start));
        syntax(PolicyFormat::Toml, located, e.message().trim(), place)
    })
}

/// [`parse_document`] for JSON. Its own function, so that a caller reading only JSON
/// (the WASM package's main entry) does not link the TOML reader.
pub(crate) fn parse_json<T: DeserializeOwned>(text: &str, located: bool) -> Result<T, PolicyError> {
    let syntax = |detail: String, place| syntax(PolicyFormat::Json, located, &detail, place);
    // serde reads a struct from a JSON array positionally; a policy is an object.
    let first = text.trim_start().chars().next();
    if first.is_some() && first != Some('{') {
        let offset = text.len() - text.trim_start().len();
        return Err(syntax(
            "the document must be a JSON object ({...})".into(),
            Some(line_and_column(text, offset)),
        ));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut reader)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        // Characters after the object are refused, as `serde_json::from_str` does.
        .and_then(|value| {
            reader
                .end()
                .map(|()| value)
                .map_err(|e| (".".to_owned(), e))
        })
        .map_err(|(key, e)| {
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let detail = message.strip_suffix(&suffix).unwrap_or(&message);
            syntax(keyed(detail, &key, located), Some((e.line(), e.column())))
        })
}

/// A mapping's error named by its key (`ad.minPwdLength: invalid type: …`): text is
/// located by line and column, a mapping has none. The root (`.`) and a message that names
/// the key already (serde's "unknown field `x`") are left as they are.
fn keyed(detail: &str, key: &str, located: bool) -> String {
    if located || key == "." {
        return detail.to_owned();
    }
    let (parent, last) = key.rsplit_once('.').unwrap_or(("", key));
    match detail.contains(&format!("`{last}`")) {
        false => format!("{key}: {detail}"),
        true if parent.is_empty() => detail.to_owned(),
        true => format!("{parent}: {detail}"),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// serde names Rust types ("expected u32"); a policy author needs the accepted values.
fn plain_words(detail: &str) -> String {
    const TYPES: [(&str, &str); 6] = [
        ("expected u8", "expected a whole number from 0 to 255"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        (
            "expected u64",
            "expected a whole number from 0 to 18446744073709551615",
        ),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table (an object)"),
    ];
    let mut out = detail.to_owned();
    for (rust, words) in TYPES {
        if let Some(at) = out.find(rust) {
            // Only whole words: "expected u32" but not "expected u32x".
            let end = at + rust.len();
            let whole = out[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if whole {
                out.replace_range(at..end, words);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str, format: PolicyFormat) -> PolicyError {
        let e = Policy::parse(text, format).unwrap_err();
        assert_eq!(e.code(), "POLICY_SYNTAX", "{e}");
        e
    }

    #[test]
    fn a_json_policy_must_be_an_object() {
        for text in ["[]", "[12]", "12", "\"x\"", "null", "  [1]"] {
            let e = syntax(text, PolicyFormat::Json);
            assert!(e.to_string().contains("must be a JSON object"), "{e}");
        }
        assert!(Policy::parse("{}", PolicyFormat::Json).is_ok());
    }

    #[test]
    fn errors_carry_line_and_column_and_no_rust_type_names() {
        let e = syntax("min_length = 12\nmax_length = -1\n", PolicyFormat::Toml);
        let PolicyError::Syntax { line, column, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!((*line, *column), (Some(2), Some(14)));
        assert!(
            e.to_string().contains("whole number from 0 to 4294967295"),
            "{e}"
        );
        assert!(!e.to_string().contains("u32"), "{e}");

        let e = syntax("{\n  \"min_lenght\": 3\n}", PolicyFormat::Json);
        assert!(e.to_string().contains("min_lenght"), "{e}");
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn a_mapping_reports_no_location() {
        let e = Policy::from_json_mapping("{\"min_length\": -1}").unwrap_err();
        let PolicyError::Syntax { line, column, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!((*line, *column), (None, None));
    }

    #[test]
    fn a_mapping_error_names_the_key() {
        let message = |json: &str| {
            let e = Policy::from_json_mapping(json).unwrap_err();
            assert_eq!(e.code(), "POLICY_SYNTAX", "{e}");
            e.to_string()
        };
        let e = message(r#"{"min_length": 8, "blocklist": "yes"}"#);
        assert!(
            e.ends_with(": blocklist: invalid type: string \"yes\", expected a boolean"),
            "{e}"
        );
        let e = message(r#"{"min_length": -1}"#);
        assert!(e.contains("min_length: invalid value: integer `-1`, expected a whole number from 0 to 4294967295"), "{e}");
        let e = message(r#"{"forbidden_patterns": ["a", 3]}"#);
        assert!(
            e.contains("forbidden_patterns[1]: invalid type: integer `3`"),
            "{e}"
        );
        let e = message(r#"{"ad": {"minPwdLength": "8"}}"#);
        assert!(e.contains("ad.minPwdLength: "), "{e}");
        // An unknown key is named by serde's own message, once; a nested one with its table.
        let e = message(r#"{"min_lenght": 8}"#);
        assert!(
            e.contains(": unknown field `min_lenght`, expected one of"),
            "{e}"
        );
        assert!(!e.contains("min_lenght: "), "{e}");
        let e = message(r#"{"ad": {"minPwdLenght": 8}}"#);
        assert!(e.contains("ad: unknown field `minPwdLenght`"), "{e}");
        // Text keeps its line and column and is not keyed.
        let e = Policy::parse("{\"blocklist\": 1}", PolicyFormat::Json).unwrap_err();
        assert!(
            e.to_string().contains("(line 1, column 15): invalid type"),
            "{e}"
        );
    }

    #[test]
    fn semantic_errors_keep_their_own_codes() {
        let e = Policy::parse("min_length = 9\nmax_length = 8\n", PolicyFormat::Toml).unwrap_err();
        assert_eq!(e.code(), "POLICY_LENGTH_RANGE");
    }

    #[test]
    fn format_of_a_file_name() {
        assert_eq!(PolicyFormat::of_file_name("p.JSON"), PolicyFormat::Json);
        assert_eq!(PolicyFormat::of_file_name("p.toml"), PolicyFormat::Toml);
        assert_eq!(PolicyFormat::of_file_name("policy"), PolicyFormat::Toml);
    }
}
