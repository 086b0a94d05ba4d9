//! `Policy`: wraps [`passforge::Policy`]; plus the shipped blocklist.
//! A policy object has the keys of a policy file (the core's `PolicySpec`, typed by the
//! core's tsify derive), so the binding hands it to the core as the mapping it is.

use js_sys::{Function, Object, Reflect};
use passforge::{PasswordHistory, UserContext};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::convert::TryFromJsValue;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, set, unreadable};
use crate::generator::Generator;
use crate::options::{check_keys, deserialize, drop_nulls, field_names, read, to_js, to_plain_js};

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
    /// Builds a policy from an object with the keys of a policy file (`PolicySpec`, what
    /// `toJSON()` writes). Throws `POLICY_SYNTAX` (a `TypeError`) for an unknown key or a
    /// value of the wrong type, or another `POLICY_*` code (`POLICY_LENGTH_RANGE`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "PolicySpec")] spec: Option<JsValue>,
    ) -> Result<Policy, JsValue> {
        let spec = spec.filter(|s| !(s.is_undefined() || s.is_null()));
        let Some(spec) = spec else {
            let inner = passforge::Policy::new(passforge::PolicySpec::default());
            return Ok(Self::from_core(inner.map_err(core_error)?));
        };
        if !spec.is_object() || js_sys::Array::is_array(&spec) {
            return Err(invalid_type("spec must be an object"));
        }
        // A JS object as JSON (bigints as exact integers; an `undefined` or `null`
        // property is left out, as an absent key), for the core's mapping reader.
        let mut json: serde_json::Value = serde_wasm_bindgen::from_value(spec)?;
        drop_nulls(&mut json);
        let inner =
            passforge::Policy::from_json_mapping(&json.to_string()).map_err(|e| match e {
                e @ passforge::PolicyError::Syntax { .. } => unreadable(e),
                e => core_error(e),
            })?;
        Ok(Self { inner })
    }

    /// Reads a JSON object with the keys of a policy file; throws `POLICY_SYNTAX` with
    /// the line and column. A policy file's TOML becomes that JSON through
    /// `policyJsonFromToml` of `passforge/extras`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        // Not `&str`, so that a non-string is refused naming this function (the glue's
        // string guard from build.sh would say only "a string argument was expected").
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Policy, JsValue> {
        let text = text
            .as_string()
            .ok_or_else(|| invalid_type("Policy.fromJson(text): text must be a string"))?;
        let inner = passforge::Policy::from_json(&text).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The policy of an Active Directory domain object's or PSO's attributes (LDAP string
    /// values by name, case-insensitive: `minPwdLength`, `msDS-PasswordComplexityEnabled`,
    /// …; others are ignored).
    #[wasm_bindgen(js_name = fromAdAttributes)]
    pub fn from_ad_attributes(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] attributes: JsValue,
    ) -> Result<Policy, JsValue> {
        let pairs = string_record("attributes", &attributes)?;
        let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let inner = passforge::Policy::from_ad_attributes(pairs).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The policy a password-rules string describes (`passwordrules`, Apple's language),
    /// accepting exactly the passwords the rules accept, so a server enforces what its
    /// page publishes. Throws `PASSWORD_RULES_*` (with `line` and `column`) for text the
    /// language does not allow, `POLICY_LENGTH_RANGE` for rules that conflict.
    #[wasm_bindgen(js_name = fromPasswordRules)]
    pub fn from_password_rules(rules: &str) -> Result<Policy, JsValue> {
        let inner = passforge::Policy::from_password_rules(rules).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// This policy as password rules for a page's `passwordrules` attribute: `rules` is
    /// the line, `unexpressed` every rule of the policy the language cannot say exactly
    /// (`stricter` or `looser`).
    #[wasm_bindgen(js_name = toPasswordRules, unchecked_return_type = "ExportedRules")]
    pub fn to_password_rules(&self) -> JsValue {
        crate::password_rules::exported(&self.inner.to_password_rules())
    }

    /// The policy of an OpenLDAP `pwdPolicy` entry's attributes.
    #[wasm_bindgen(js_name = fromPpolicyAttributes)]
    pub fn from_ppolicy_attributes(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] attributes: JsValue,
    ) -> Result<Policy, JsValue> {
        let pairs = string_record("attributes", &attributes)?;
        let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let inner = passforge::Policy::from_ppolicy_attributes(pairs).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// A copy that also refuses the passwords of `text` (one per line, whole password,
    /// case-insensitive; blank lines and `#` comments skipped); violations say
    /// `source: "operator"`.
    #[wasm_bindgen(js_name = withBlocklist)]
    pub fn with_blocklist(&self, text: &str) -> Policy {
        let list = passforge::Blocklist::from_text(text);
        Self {
            inner: self.inner.clone().with_blocklist(list),
        }
    }

    /// Every rule `password` breaks, in the documented order (a password over the maximum
    /// length gets `TOO_LONG` alone), for the user of `options` (`username`,
    /// `display_name`, `email`) and with its `history`. No violation contains the
    /// password. An exception thrown by `history.contains` propagates.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        password: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let Some(value) = options.filter(|o| !(o.is_undefined() || o.is_null())) else {
            return validation(&self.inner.validate(password, &UserContext::default()));
        };
        check_keys(
            "options",
            &value,
            &[field_names::<UserContext>(), &["history"]],
        )?;
        let context: UserContext = deserialize("options", value.clone())?;
        let history = Reflect::get(&value, &"history".into())?;
        let violations = match history.is_undefined() || history.is_null() {
            true => self.inner.validate(password, &context),
            false => {
                (self.inner).validate_with_history(password, &context, &JsHistory::new(history)?)?
            }
        };
        validation(&violations)
    }

    /// Whether `password` breaks no rule for the user of `options` (history is not
    /// checked: use `validate`).
    #[wasm_bindgen(js_name = isCompliant)]
    pub fn is_compliant(
        &self,
        password: &str,
        options: Option<Ts<UserContext>>,
    ) -> Result<bool, JsValue> {
        let context: UserContext = read("options", options.map(|o| o.js_value()))?;
        Ok(self.inner.is_compliant(password, &context))
    }

    /// Returns when every password `generator` can produce meets the structural rules
    /// (length in the policy's unit, class minimums, the N-of-5 rule, allowed
    /// characters); otherwise throws `SETTINGS_BELOW_POLICY` with every shortfall in
    /// `reasons`.
    #[wasm_bindgen(js_name = checkGenerator)]
    pub fn check_generator(&self, generator: &Generator) -> Result<(), JsValue> {
        (self.inner.check_generator(generator.core())).map_err(core_error)
    }

    /// The weakest generator settings whose every output meets the structural rules, as
    /// `new Generator(options)` takes them. Throws `SETTINGS_BELOW_POLICY` with `reasons`
    /// when no generator can (a length above the generator's maximum).
    #[wasm_bindgen(js_name = generatorSettings, unchecked_return_type = "GeneratorSettings")]
    pub fn generator_settings(&self) -> Result<JsValue, JsValue> {
        to_plain_js(&self.inner.generator_settings().map_err(core_error)?)
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
    pub fn to_json(&self) -> String {
        spec_json(self.inner.spec()).to_string()
    }

    /// The spec as `toJson()` writes it, as an object and without the keys at their
    /// default: `new Policy(policy.toJSON())` and `Policy.fromJson(JSON.stringify(policy))`
    /// give the same policy (an operator blocklist is not included). A FILETIME duration
    /// beyond 2^53 ticks, such as AD's "never" written as `-(2n ** 63n)`, is not exact as
    /// a JS number: use `toJson()` for an exact copy.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PolicySpec")]
    pub fn to_json_value(&self) -> Result<JsValue, JsValue> {
        let mut spec = spec_json(self.inner.spec());
        let default = spec_json(&passforge::PolicySpec::default());
        if let (serde_json::Value::Object(map), serde_json::Value::Object(default)) =
            (&mut spec, default)
        {
            // A missing key reads as its default, so the copy gives the same spec.
            map.retain(|k, v| !v.is_null() && default.get(k) != Some(v));
        }
        js_sys::JSON::parse(&spec.to_string())
    }

    /// What a unit of length is (UTF-16 with `ad`, bytes with `ppolicy`).
    #[wasm_bindgen(getter, js_name = lengthUnit, unchecked_return_type = "LengthUnit")]
    pub fn length_unit(&self) -> String {
        self.inner.length_unit().as_str().to_owned()
    }

    /// The category definitions in force.
    #[wasm_bindgen(
        getter,
        js_name = characterClasses,
        unchecked_return_type = "CharacterClasses"
    )]
    pub fn character_classes(&self) -> String {
        self.inner.character_classes().as_str().to_owned()
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

    /// The core policy of a JS `Policy` instance given as a plain value (an option).
    pub(crate) fn core_from(what: &str, value: &JsValue) -> Result<passforge::Policy, JsValue> {
        copy_of::<Policy>(value)
            .map(|p| p.inner)
            .ok_or_else(|| invalid_type(format!("{what} must be a Policy (not freed)")))
    }
}

/// A copy of the binding object `value` (an instance of `T` given as a plain value, such
/// as an option), made by its `__passforgeCopy`; `None` for anything else or a freed one.
pub(crate) fn copy_of<T: TryFromJsValue>(value: &JsValue) -> Option<T> {
    Reflect::get(value, &"__passforgeCopy".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(value).ok())
        .and_then(|copy| T::try_from_js_value(copy).ok())
}

/// `{ ok, violations }`.
fn validation(violations: &[passforge::Violation]) -> Result<JsValue, JsValue> {
    let result = Object::new();
    set(&result, "ok", &JsValue::from_bool(violations.is_empty()));
    set(&result, "violations", &to_js(violations)?);
    Ok(result.into())
}

/// A spec in the policy-file keys. A `PolicySpec` is plain data with string keys, so
/// serializing it cannot fail; `null` would stand for the impossible failure.
fn spec_json(spec: &passforge::PolicySpec) -> serde_json::Value {
    serde_json::to_value(spec).unwrap_or_default()
}

/// Whether this build has the zxcvbn score (a policy's `min_score`, violation
/// `TOO_WEAK`).
#[wasm_bindgen(js_name = scoreAvailable)]
pub fn score_available() -> bool {
    cfg!(feature = "zxcvbn")
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

/// The caller's `{ contains(password, depth) }`: its exceptions propagate out of
/// `validate`, and an answer that is not a boolean is `INVALID_ARGUMENT`.
struct JsHistory {
    object: JsValue,
    contains: Function,
}

impl JsHistory {
    fn new(object: JsValue) -> Result<Self, JsValue> {
        let contains = Reflect::get(&object, &"contains".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| {
                invalid_type("options.history must have a contains(password, depth) method")
            })?;
        Ok(Self { object, contains })
    }
}

impl PasswordHistory for JsHistory {
    type Error = JsValue;

    fn contains(&self, password: &str, depth: u32) -> Result<bool, JsValue> {
        let answer = (self.contains).call2(&self.object, &password.into(), &depth.into())?;
        answer
            .as_bool()
            .ok_or_else(|| invalid_type("options.history.contains must return a boolean"))
    }
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
