//! `policyJsonFromToml`: a policy file's TOML as the JSON that `Policy.fromJson` of the
//! main entry reads. It lives in `passforge/extras` so that the TOML parser does not
//! weigh on every page; a page holding TOML loads extras once and passes the JSON on.

use passforge::{PolicyError, PolicyFormat, PolicySpec};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type};

/// The policy of a policy file's text (TOML) as JSON with the same keys, for
/// `Policy.fromJson`: `Policy.fromJson(policyJsonFromToml(text))` is the policy the text
/// describes. Throws `POLICY_SYNTAX` with the line and column for text that is not a
/// policy file; values that conflict (`POLICY_LENGTH_RANGE`, …) are reported by
/// `Policy.fromJson`, which builds the policy.
#[wasm_bindgen(js_name = policyJsonFromToml)]
pub fn policy_json_from_toml(
    // Not `&str`, so that a non-string is refused naming this function (see
    // `Policy.fromJson`).
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| invalid_type("policyJsonFromToml(text): text must be a string"))?;
    json_from_toml(&text).map_err(core_error)
}

/// The TOML policy document `text` as JSON; the core's reader, so the keys and the
/// `POLICY_SYNTAX` errors are those of `Policy::parse`.
pub(crate) fn json_from_toml(text: &str) -> Result<String, PolicyError> {
    let spec = PolicySpec::parse(text, PolicyFormat::Toml)?;
    // A `PolicySpec` is plain data with string keys: serializing it cannot fail.
    Ok(serde_json::to_string(&spec).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Policy.fromToml` built is what `Policy.fromJson(policyJsonFromToml(…))`
    /// builds, for every example policy and a few more.
    #[test]
    fn json_from_toml_builds_the_policy_the_toml_does() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
        let mut texts: Vec<String> = std::fs::read_dir(examples)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let name = path.file_name().unwrap().to_string_lossy();
                name.starts_with("policy-") && name.ends_with(".toml")
            })
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect();
        assert!(texts.len() >= 3, "{}", texts.len());
        texts.push("min_length = 12\nblocklist = true\nforbid_username = true\n".into());
        texts.push(String::new());
        for text in &texts {
            let from_toml = passforge::Policy::parse(text, PolicyFormat::Toml).unwrap();
            let json = json_from_toml(text).unwrap();
            let from_json = passforge::Policy::parse(&json, PolicyFormat::Json).unwrap();
            assert_eq!(from_json.spec(), from_toml.spec(), "{text}");
        }
    }

    #[test]
    fn json_from_toml_reports_syntax_with_the_place() {
        let e = json_from_toml("min_length = 10\nfoo = 1\n").unwrap_err();
        assert_eq!(passforge::ErrorCode::code(&e), "POLICY_SYNTAX");
        assert!(e.to_string().contains("line 2"), "{e}");
        // Conflicting values are read; building the policy refuses them.
        let json = json_from_toml("min_length = 20\nmax_length = 10\n").unwrap();
        let e = passforge::Policy::parse(&json, PolicyFormat::Json).unwrap_err();
        assert_eq!(passforge::ErrorCode::code(&e), "POLICY_LENGTH_RANGE");
    }
}
