//! `Policy`: wraps [`passforge::Policy`]; plus the shipped blocklist and `resolvePso`.

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, policy_syntax, set, settings_error};
use crate::generator::Generator;
use crate::options::{check_keys, read, settings_object, Present};

/// A policy as an object (`new Policy(spec)`): the keys of a policy file
/// (`docs/policy.md`) in camelCase; the `ad` and `ppolicy` tables keep their directory
/// attribute names. Every key is optional; unknown keys are refused.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySpec {
    /// What one unit of length is; default code points (UTF-16 with `ad`, bytes with
    /// `ppolicy`).
    #[tsify(optional, type = "LengthUnit")]
    pub length_unit: Option<String>,
    /// Which category definitions apply; default Unicode (AD's with `ad`).
    #[tsify(optional, type = "\"unicode\" | \"active_directory\"")]
    pub character_classes: Option<String>,
    /// Minimum length.
    #[tsify(optional)]
    pub min_length: Option<u32>,
    /// Maximum length (at least 1); a longer password gets `TOO_LONG` alone.
    #[tsify(optional)]
    pub max_length: Option<u32>,
    /// Minimum lowercase letters.
    #[tsify(optional)]
    pub min_lower: Option<u32>,
    /// Minimum uppercase letters.
    #[tsify(optional)]
    pub min_upper: Option<u32>,
    /// Minimum digits.
    #[tsify(optional)]
    pub min_digits: Option<u32>,
    /// Minimum symbols.
    #[tsify(optional)]
    pub min_symbols: Option<u32>,
    /// At least this many of the 5 categories (0-5; AD complexity: 3).
    #[tsify(optional)]
    pub min_categories: Option<u32>,
    /// When set, only these characters are allowed.
    #[tsify(optional)]
    pub allowed_characters: Option<String>,
    /// Characters that are not allowed.
    #[tsify(optional)]
    pub forbidden_characters: Option<String>,
    /// No symbol as the first or the last character.
    #[tsify(optional)]
    pub no_symbol_at_ends: Option<bool>,
    /// Longest allowed run of one character (at least 1).
    #[tsify(optional)]
    pub max_repeat: Option<u32>,
    /// Shortest refused run of a sequence (at least 2).
    #[tsify(optional)]
    pub sequence_length: Option<u32>,
    /// Which sequences `sequenceLength` refers to; default all three.
    #[tsify(optional, type = "SequenceKind[]")]
    pub sequences: Option<Vec<String>>,
    /// Patterns that must all match, as a quoted list: `"'^.{12,}$', '[0-9]'"`.
    #[tsify(optional)]
    pub strength_check: Option<String>,
    /// Regular expressions that must not match.
    #[tsify(optional)]
    pub forbidden_patterns: Option<Vec<String>>,
    /// Must not contain the account name.
    #[tsify(optional)]
    pub forbid_username: Option<bool>,
    /// Must not contain a display-name token of 3 or more characters.
    #[tsify(optional)]
    pub forbid_display_name: Option<bool>,
    /// Must not contain the e-mail local part.
    #[tsify(optional)]
    pub forbid_email: Option<bool>,
    /// Words the password must not contain (case-insensitive).
    #[tsify(optional)]
    pub forbidden_words: Option<Vec<String>>,
    /// Refuse the shipped list of common passwords.
    #[tsify(optional)]
    pub blocklist: Option<bool>,
    /// How many previous passwords may not be reused.
    #[tsify(optional)]
    pub history: Option<u32>,
    /// Minimum zxcvbn score, 0-4 (`POLICY_SCORE_UNAVAILABLE` unless the build has it:
    /// see `scoreAvailable`).
    #[tsify(optional)]
    pub min_score: Option<u8>,
    /// The storage keeps only this many units (lint only).
    #[tsify(optional)]
    pub truncate_at: Option<u32>,
    /// Minimum password age, seconds (for the service).
    #[tsify(optional)]
    pub min_age_seconds: Option<u64>,
    /// Maximum password age, seconds; 0 never expires (for the service).
    #[tsify(optional)]
    pub max_age_seconds: Option<u64>,
    /// Warn this many seconds before expiry (for the service).
    #[tsify(optional)]
    pub expire_warning_seconds: Option<u64>,
    /// Failed attempts before a lockout; 0 never locks (for the service).
    #[tsify(optional)]
    pub lockout_threshold: Option<u32>,
    /// Lockout duration, seconds; 0 until an administrator unlocks (for the service).
    #[tsify(optional)]
    pub lockout_duration_seconds: Option<u64>,
    /// After how long failures are forgotten, seconds (for the service).
    #[tsify(optional)]
    pub lockout_window_seconds: Option<u64>,
    /// An administrator's reset forces a change at next logon.
    #[tsify(optional)]
    pub must_change_after_reset: Option<bool>,
    /// Active Directory domain (or PSO) attributes; the AD rules apply.
    #[tsify(optional)]
    pub ad: Option<AdPolicySpec>,
    /// OpenLDAP ppolicy attributes; the ppolicy rules apply.
    #[tsify(optional)]
    pub ppolicy: Option<PpolicySpec>,
}

/// The `ad` table: a domain object's attributes as AD stores them. Durations are
/// negative FILETIME ticks (0 or `-(2n ** 63n)` mean never), as numbers or bigints.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case, missing_docs)]
pub struct AdPolicySpec {
    #[tsify(optional)]
    pub minPwdLength: Option<u32>,
    #[tsify(optional)]
    pub pwdProperties: Option<u32>,
    #[tsify(optional)]
    pub pwdHistoryLength: Option<u32>,
    #[tsify(optional, type = "number | bigint")]
    pub maxPwdAge: Option<i64>,
    #[tsify(optional, type = "number | bigint")]
    pub minPwdAge: Option<i64>,
    #[tsify(optional)]
    pub lockoutThreshold: Option<u32>,
    #[tsify(optional, type = "number | bigint")]
    pub lockoutDuration: Option<i64>,
    #[tsify(optional, type = "number | bigint")]
    pub lockOutObservationWindow: Option<i64>,
}

/// The `ppolicy` table: an OpenLDAP `pwdPolicy` entry's attributes (lengths in UTF-8
/// bytes, ages in seconds).
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case, missing_docs)]
pub struct PpolicySpec {
    #[tsify(optional)]
    pub pwdAttribute: Option<String>,
    #[tsify(optional)]
    pub pwdMinLength: Option<u32>,
    #[tsify(optional)]
    pub pwdMaxLength: Option<u32>,
    #[tsify(optional)]
    pub pwdCheckQuality: Option<u8>,
    #[tsify(optional)]
    pub pwdInHistory: Option<u32>,
    #[tsify(optional)]
    pub pwdMinAge: Option<u64>,
    #[tsify(optional)]
    pub pwdMaxAge: Option<u64>,
    #[tsify(optional)]
    pub pwdExpireWarning: Option<u64>,
    #[tsify(optional)]
    pub pwdGraceAuthNLimit: Option<u32>,
    #[tsify(optional)]
    pub pwdLockout: Option<bool>,
    #[tsify(optional)]
    pub pwdMaxFailure: Option<u32>,
    #[tsify(optional)]
    pub pwdLockoutDuration: Option<u64>,
    #[tsify(optional)]
    pub pwdFailureCountInterval: Option<u64>,
    #[tsify(optional)]
    pub pwdMustChange: Option<bool>,
    #[tsify(optional)]
    pub pwdAllowUserChange: Option<bool>,
    #[tsify(optional)]
    pub pwdSafeModify: Option<bool>,
}

/// The user a password is for (the policy's context rules), and the history.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidateOptions {
    /// The account name (`sAMAccountName`, `uid`).
    #[tsify(optional)]
    pub username: Option<String>,
    /// The display name (`displayName`, `cn`).
    #[tsify(optional)]
    pub display_name: Option<String>,
    /// The e-mail address.
    #[tsify(optional)]
    pub email: Option<String>,
    /// The user's password history; `IN_HISTORY` is checked only with it (and a policy
    /// `history` above 0).
    #[tsify(optional, type = "PasswordHistory")]
    pub history: Option<Present>,
}

impl ValidateOptions {
    fn user(&self) -> passforge::UserContext {
        passforge::UserContext {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
        }
    }
}

/// Options for `lint()`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LintOptions {
    /// The password is one factor of a multi-factor authentication (8 characters
    /// suffice instead of 15).
    #[tsify(optional)]
    pub mfa: Option<bool>,
}

/// A validated password policy that both `validate()` and `new Generator({ policy })`
/// obey. A policy that exists is consistent (regexes compiled, minimum not above
/// maximum, class minimums fitting the maximum).
#[wasm_bindgen]
pub struct Policy {
    inner: passforge::Policy,
}

#[wasm_bindgen]
impl Policy {
    /// Builds a policy from an object with the keys of a policy file in camelCase.
    /// Throws a core `POLICY_*` code (`POLICY_LENGTH_RANGE`, `POLICY_STRENGTH_CHECK`, …),
    /// `POLICY_SYNTAX` for an unknown enum value, or `INVALID_ARGUMENT` for an unknown
    /// key or a value of the wrong type.
    #[wasm_bindgen(constructor)]
    pub fn new(spec: Option<Ts<PolicySpec>>) -> Result<Policy, JsValue> {
        let value = spec.map(|s| s.js_value()).unwrap_or(JsValue::UNDEFINED);
        let typed: PolicySpec = read("spec", Some(value.clone()))?;
        if typed.ad.is_some() {
            check_keys::<AdPolicySpec>("spec.ad", &Reflect::get(&value, &"ad".into())?)?;
        }
        if typed.ppolicy.is_some() {
            check_keys::<PpolicySpec>("spec.ppolicy", &Reflect::get(&value, &"ppolicy".into())?)?;
        }
        if value.is_undefined() || value.is_null() {
            return Self::from_core_spec(passforge::PolicySpec::default());
        }
        // The keys are checked and the values typed: hand the object to the core's own
        // format (snake_case keys) so that its deserialization decides the rest.
        let json: serde_json::Value = serde_wasm_bindgen::from_value(value)?;
        let serde_json::Value::Object(map) = json else {
            return Err(invalid_type("spec must be an object"));
        };
        let snake: serde_json::Map<String, serde_json::Value> = map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (snake_case(&k), v))
            .collect();
        let spec =
            serde_json::from_value(serde_json::Value::Object(snake)).map_err(policy_syntax)?;
        Self::from_core_spec(spec)
    }

    /// Reads a JSON object with the keys of a policy file (snake_case, as in TOML);
    /// throws `POLICY_SYNTAX` naming the line for bad JSON or an unknown key.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Policy, JsValue> {
        let spec = serde_json::from_str(text).map_err(policy_syntax)?;
        Self::from_core_spec(spec)
    }

    /// Reads a policy file's text (TOML); throws `POLICY_SYNTAX` naming the line for a
    /// syntax error or an unknown key.
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(text: &str) -> Result<Policy, JsValue> {
        let spec = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let place = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            policy_syntax(format!("{place}{}", e.message().trim()))
        })?;
        Self::from_core_spec(spec)
    }

    /// The policy of an Active Directory domain object's or PSO's attributes (LDAP string
    /// values by name, case-insensitive: `minPwdLength`, `msDS-PasswordComplexityEnabled`,
    /// …; others are ignored).
    #[wasm_bindgen(js_name = fromAdAttributes)]
    pub fn from_ad_attributes(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] attributes: JsValue,
    ) -> Result<Policy, JsValue> {
        let pairs = string_record("attributes", &attributes)?;
        let inner = passforge::Policy::from_ad_attributes(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The policy of an OpenLDAP `pwdPolicy` entry's attributes.
    #[wasm_bindgen(js_name = fromPpolicyAttributes)]
    pub fn from_ppolicy_attributes(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] attributes: JsValue,
    ) -> Result<Policy, JsValue> {
        let pairs = string_record("attributes", &attributes)?;
        let inner = passforge::Policy::from_ppolicy_attributes(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// A copy that also refuses the passwords of `text` (one per line, whole password,
    /// case-insensitive; blank lines and `#` comments skipped); violations say
    /// `source: "operator"`.
    #[wasm_bindgen(js_name = withBlocklist)]
    pub fn with_blocklist(&self, text: &str) -> Policy {
        Self {
            inner: self
                .inner
                .clone()
                .with_blocklist(passforge::Blocklist::from_text(text)),
        }
    }

    /// Every rule `password` breaks, in the documented order (a password over the maximum
    /// length gets `TOO_LONG` alone). No violation contains the password.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        password: &str,
        options: Option<Ts<ValidateOptions>>,
    ) -> Result<JsValue, JsValue> {
        let value = options.map(|o| o.js_value());
        let options: ValidateOptions = read("options", value.clone())?;
        let user = options.user();
        let violations = match (&options.history, value) {
            (Some(Present), Some(value)) => {
                let history = JsHistory::new(Reflect::get(&value, &"history".into())?)?;
                let violations = self.inner.validate_with_history(password, &user, &history);
                if let Some(error) = history.error.into_inner() {
                    return Err(error);
                }
                violations
            }
            _ => self.inner.validate(password, &user),
        };
        let result = Object::new();
        set(&result, "ok", &JsValue::from_bool(violations.is_empty()));
        set(&result, "violations", &to_js(&violations)?);
        Ok(result.into())
    }

    /// Whether `password` breaks no rule (history is not checked).
    #[wasm_bindgen(js_name = isCompliant)]
    pub fn is_compliant(
        &self,
        password: &str,
        options: Option<Ts<ValidateOptions>>,
    ) -> Result<bool, JsValue> {
        let options: ValidateOptions = read("options", options.map(|o| o.js_value()))?;
        if options.history.is_some() {
            return Err(invalid_type(
                "isCompliant does not check history; use validate(password, { history })",
            ));
        }
        Ok(self.inner.is_compliant(password, &options.user()))
    }

    /// Returns when every password `generator` can produce meets the structural rules
    /// (length in the policy's unit, class minimums, the N-of-5 rule, allowed
    /// characters); otherwise throws `SETTINGS_BELOW_POLICY` with every shortfall in
    /// `reasons`.
    #[wasm_bindgen(js_name = checkGenerator)]
    pub fn check_generator(&self, generator: &Generator) -> Result<(), JsValue> {
        self.inner
            .check_generator(generator.core())
            .map_err(settings_error)
    }

    /// The weakest generator settings whose every output meets the structural rules (the
    /// policy's length, 12 when it sets none; its class minimums, one more class where the
    /// N-of-5 rule needs it; the default sets without the characters it does not allow),
    /// as `new Generator(options)` takes them: every count, `exclude` and
    /// `avoidAmbiguous` present, a set or `strengthCheck` only when not the default.
    /// Throws `SETTINGS_BELOW_POLICY` with `reasons` when no generator can (a length
    /// above the generator's maximum).
    #[wasm_bindgen(js_name = generatorSettings, unchecked_return_type = "GeneratorOptions")]
    pub fn generator_settings(&self) -> Result<JsValue, JsValue> {
        let s = self.inner.generator_settings().map_err(settings_error)?;
        Ok(settings_object(&s))
    }

    /// NIST SP 800-63B findings; an empty array means none.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn lint(&self, options: Option<Ts<LintOptions>>) -> Result<JsValue, JsValue> {
        let options: LintOptions = read("options", options.map(|o| o.js_value()))?;
        let context = passforge::LintContext {
            mfa: options.mfa.unwrap_or(false),
        };
        to_js(&passforge::lint(&self.inner, context))
    }

    /// The spec the policy was built from as JSON, with the keys of a policy file
    /// (`Policy.fromJson` reads it back; an operator blocklist is not included).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        serde_json::to_string(self.inner.spec()).map_err(policy_syntax)
    }

    /// The spec as `toJson()` writes it, as an object and without the keys at their
    /// default:
    /// `JSON.stringify(policy)` gives policy-file JSON that `Policy.fromJson` reads back
    /// (an operator blocklist is not included). A FILETIME duration beyond 2^53 ticks,
    /// such as AD's "never" written as `-(2n ** 63n)`, is not exact as a JS number: use
    /// `toJson()` for an exact copy.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PolicyFile")]
    pub fn to_json_value(&self) -> Result<JsValue, JsValue> {
        let mut spec = serde_json::to_value(self.inner.spec()).map_err(policy_syntax)?;
        let default =
            serde_json::to_value(passforge::PolicySpec::default()).map_err(policy_syntax)?;
        if let (serde_json::Value::Object(map), serde_json::Value::Object(default)) =
            (&mut spec, default)
        {
            // A missing key reads as its default, so `Policy.fromJson` gets the same spec.
            map.retain(|k, v| !v.is_null() && default.get(k) != Some(v));
        }
        js_sys::JSON::parse(&spec.to_string())
    }

    /// What a unit of length is (UTF-16 with `ad`, bytes with `ppolicy`).
    #[wasm_bindgen(getter, js_name = lengthUnit, unchecked_return_type = "LengthUnit")]
    pub fn length_unit(&self) -> String {
        enum_name(&self.inner.length_unit())
    }

    /// The category definitions in force.
    #[wasm_bindgen(
        getter,
        js_name = characterClasses,
        unchecked_return_type = "\"unicode\" | \"active_directory\""
    )]
    pub fn character_classes(&self) -> String {
        enum_name(&self.inner.character_classes())
    }

    /// The effective minimum length (directory tables folded in).
    #[wasm_bindgen(getter, js_name = minLength)]
    pub fn min_length(&self) -> u32 {
        self.inner.min_length()
    }

    /// The effective maximum length (256 with `ad`), or `undefined`.
    #[wasm_bindgen(getter, js_name = maxLength)]
    pub fn max_length(&self) -> Option<u32> {
        self.inner.max_length()
    }

    /// The effective N of the N-of-5 category rule (0: none; 3 with AD complexity).
    #[wasm_bindgen(getter, js_name = minCategories)]
    pub fn min_categories(&self) -> u32 {
        self.inner.min_categories()
    }

    /// How many previous passwords may not be reused.
    #[wasm_bindgen(getter)]
    pub fn history(&self) -> u32 {
        self.inner.history()
    }

    /// Whether any blocklist (shipped or operator's) is checked.
    #[wasm_bindgen(getter, js_name = hasBlocklist)]
    pub fn has_blocklist(&self) -> bool {
        self.inner.has_blocklist()
    }

    /// A new JS object holding a copy, so that `new Generator({ policy })` can take one
    /// without consuming the caller's (wasm-bindgen can only move an instance out of a
    /// plain JS value). Not part of the typed API.
    #[wasm_bindgen(js_name = "__passforgeCopy", skip_typescript)]
    pub fn copy_for_rust(&self) -> Policy {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl Policy {
    /// A JS `Policy` holding `inner`.
    pub(crate) fn from_core(inner: passforge::Policy) -> Self {
        Self { inner }
    }

    fn from_core_spec(spec: passforge::PolicySpec) -> Result<Self, JsValue> {
        let inner = passforge::Policy::new(spec).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The core policy of a JS `Policy` instance given as a plain value (an option).
    pub(crate) fn core_from(what: &str, value: &JsValue) -> Result<passforge::Policy, JsValue> {
        let copy = Reflect::get(value, &"__passforgeCopy".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call0(value).ok())
            .and_then(|copy| Policy::try_from_js_value(copy).ok());
        copy.map(|p| p.inner)
            .ok_or_else(|| invalid_type(format!("{what} must be a Policy (not freed)")))
    }
}

/// Whether this build has the zxcvbn score (a policy's `minScore`, violation
/// `TOO_WEAK`).
#[wasm_bindgen(js_name = scoreAvailable)]
pub fn score_available() -> bool {
    passforge::Policy::new(passforge::PolicySpec {
        min_score: Some(0),
        ..passforge::PolicySpec::default()
    })
    .is_ok()
}

/// Whether `password` (case-insensitive) is in the shipped list of common passwords.
#[wasm_bindgen(js_name = isCommonPassword)]
pub fn is_common_password(password: &str) -> bool {
    passforge::is_common_password(password)
}

/// Entries in the shipped common-password list.
#[wasm_bindgen(js_name = commonPasswordCount)]
pub fn common_password_count() -> u32 {
    // About 30 000 entries.
    passforge::common_password_count() as u32
}

/// A fine-grained password policy (PSO) that applies to a user, for `resolvePso`.
/// Unknown keys are refused.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PsoCandidate {
    /// `msDS-PasswordSettingsPrecedence`; lower wins.
    pub precedence: u32,
    /// `"direct"` when `msDS-PSOAppliesTo` names the user, `"group"` when it names a
    /// group the user belongs to.
    #[tsify(type = "\"direct\" | \"group\"")]
    pub link: String,
    /// `objectGUID` as stored: 16 bytes, or the same bytes as 32 hex digits; the lowest
    /// wins a precedence tie (default all zeros).
    #[tsify(optional, type = "string | Uint8Array")]
    pub object_guid: Option<Present>,
    /// The PSO's `msDS-*` attributes as LDAP strings (others are ignored).
    #[tsify(optional, type = "Record<string, string>")]
    pub attributes: Option<Present>,
    /// Ignored: for the caller's bookkeeping.
    #[tsify(optional, type = "string")]
    pub name: Option<Present>,
}

/// The index of the resultant PSO (`msDS-ResultantPSO`) among `candidates`: directly
/// linked PSOs beat group-linked ones; then the lowest precedence; then the lowest
/// `objectGUID`. `null` for an empty list (the domain policy is in force). Throws
/// `INVALID_ARGUMENT` for a candidate of the wrong shape, or the core's code (such as
/// `POLICY_INVALID_ATTRIBUTE`) for a bad attribute value.
#[wasm_bindgen(js_name = resolvePso, unchecked_return_type = "number | null")]
pub fn resolve_pso(
    #[wasm_bindgen(unchecked_param_type = "PsoCandidate[]")] candidates: JsValue,
) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(&candidates) {
        return Err(invalid_type("candidates must be an array of objects"));
    }
    let candidates: Vec<passforge::PsoCandidate> = js_sys::Array::from(&candidates)
        .iter()
        .enumerate()
        .map(|(i, value)| pso_candidate(&format!("candidates[{i}]"), &value))
        .collect::<Result<_, _>>()?;
    let winner = passforge::resolve_pso(&candidates)
        .and_then(|w| candidates.iter().position(|c| std::ptr::eq(c, w)));
    Ok(winner.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64)))
}

/// One `resolvePso` candidate as the core's.
fn pso_candidate(what: &str, value: &JsValue) -> Result<passforge::PsoCandidate, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_type(format!("{what} must be an object")));
    }
    let typed: PsoCandidate = read(what, Some(value.clone()))?;
    let link = match typed.link.as_str() {
        "direct" => passforge::PsoLink::Direct,
        "group" => passforge::PsoLink::Group,
        other => {
            return Err(invalid_type(format!(
                "{what}.link: `{other}` is not \"direct\" or \"group\""
            )))
        }
    };
    let object_guid = match typed.object_guid {
        Some(Present) => guid(&Reflect::get(value, &"objectGuid".into())?).ok_or_else(|| {
            invalid_type(format!(
                "{what}.objectGuid must be 32 hexadecimal digits or a Uint8Array of 16 bytes"
            ))
        })?,
        None => [0; 16],
    };
    let policy = match typed.attributes {
        Some(Present) => {
            let pairs = string_record(
                &format!("{what}.attributes"),
                &Reflect::get(value, &"attributes".into())?,
            )?;
            passforge::AdPolicy::from_attributes(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            )
            .map_err(core_error)?
        }
        None => passforge::AdPolicy::default(),
    };
    Ok(passforge::PsoCandidate {
        policy,
        precedence: typed.precedence,
        link,
        object_guid,
    })
}

/// An `objectGUID`: a `Uint8Array` of 16 bytes, or the same bytes as 32 hex digits.
fn guid(value: &JsValue) -> Option<[u8; 16]> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return bytes.to_vec().try_into().ok();
    }
    let text = value.as_string()?;
    if text.len() != 32 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The caller's `{ contains(password, depth) }`; the first exception (or non-boolean
/// answer) is kept and rethrown after validation, and the password counts as reused
/// meanwhile (failing closed).
struct JsHistory {
    object: JsValue,
    contains: Function,
    error: RefCell<Option<JsValue>>,
}

impl JsHistory {
    fn new(object: JsValue) -> Result<Self, JsValue> {
        let contains = Reflect::get(&object, &"contains".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| {
                invalid_type("options.history must have a contains(password, depth) method")
            })?;
        Ok(Self {
            object,
            contains,
            error: RefCell::new(None),
        })
    }
}

impl passforge::PasswordHistory for JsHistory {
    fn contains(&self, password: &str, depth: u32) -> bool {
        if self.error.borrow().is_some() {
            return true;
        }
        let answer = self
            .contains
            .call2(&self.object, &password.into(), &depth.into());
        match answer.map(|v| v.as_bool()) {
            Ok(Some(found)) => found,
            Ok(None) => {
                *self.error.borrow_mut() = Some(invalid_type(
                    "options.history.contains must return a boolean",
                ));
                true
            }
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                true
            }
        }
    }
}

/// A serde value as a JS value: maps as plain objects, numbers as numbers.
fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(JsValue::from)
}

/// The serde name of a unit enum variant (`"code_points"`).
fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `minLength` → `min_length`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// An object whose own properties are all strings, as (name, value) pairs in order.
fn string_record(what: &str, value: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_type(format!("{what} must be an object of strings")));
    }
    Object::entries(value.unchecked_ref())
        .iter()
        .map(|entry| {
            let entry: js_sys::Array = entry.unchecked_into();
            let name = entry.get(0).as_string().unwrap_or_default();
            match entry.get(1).as_string() {
                Some(v) => Ok((name, v)),
                None => Err(invalid_type(format!("{what}.{name} must be a string"))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::field_names;

    #[test]
    fn spec_keys_are_the_policy_file_keys_in_camel_case() {
        let core: Vec<String> = serde_json::to_value(passforge::PolicySpec::default())
            .ok()
            .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect()))
            .unwrap_or_default();
        let mut ours: Vec<String> = field_names::<PolicySpec>()
            .iter()
            .map(|k| snake_case(k))
            .collect();
        let mut core = core;
        ours.sort();
        core.sort();
        assert_eq!(ours, core);
    }

    #[test]
    fn directory_tables_have_the_core_attribute_names() {
        let names = |v: serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            k.sort();
            k
        };
        let sorted = |f: &[&str]| -> Vec<String> {
            let mut k: Vec<String> = f.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        let ad = serde_json::to_value(passforge::AdPolicy::default()).unwrap_or_default();
        assert_eq!(sorted(field_names::<AdPolicySpec>()), names(ad));
        let pp = serde_json::to_value(passforge::Ppolicy::default()).unwrap_or_default();
        assert_eq!(sorted(field_names::<PpolicySpec>()), names(pp));
    }

    #[test]
    fn pso_candidate_keys() {
        assert_eq!(
            field_names::<PsoCandidate>(),
            ["precedence", "link", "objectGuid", "attributes", "name"]
        );
    }

    #[test]
    fn snake_case_keys() {
        assert_eq!(snake_case("minLength"), "min_length");
        assert_eq!(snake_case("lockoutWindowSeconds"), "lockout_window_seconds");
        assert_eq!(snake_case("ad"), "ad");
    }
}
