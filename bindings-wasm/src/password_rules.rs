//! `PasswordRules`: wraps [`passforge::PasswordRules`] (Apple's password-rules
//! language). `Policy.fromPasswordRules`, `policy.toPasswordRules()` and
//! `Generator.fromPasswordRules` live with their classes and delegate to the core too.

use wasm_bindgen::prelude::*;

use crate::error::{core_error, object};
use crate::policy::Policy;

/// Password rules in Apple's password-rules language, the `passwordrules` attribute
/// (`"minlength: 20; required: lower; required: digit; max-consecutive: 2"`), read as its
/// reference parser reads them: several `minlength` keep the largest, `maxlength` and
/// `max-consecutive` the smallest; each `required` is one group (`required: upper, digit`
/// asks for an uppercase letter or a digit); `allowed` is every allowed value and every
/// group. `toString()` is the canonical text, which reads back the same.
#[wasm_bindgen]
pub struct PasswordRules {
    inner: passforge::PasswordRules,
}

#[wasm_bindgen]
impl PasswordRules {
    /// Parses `text`; throws `PASSWORD_RULES_*` (with `line` and `column`, 1-based, in
    /// characters) for everything the reference parser reports as an error, and for a
    /// custom class left empty.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<PasswordRules, JsValue> {
        let inner = passforge::PasswordRules::parse(text).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The minimum length, or `undefined`.
    #[wasm_bindgen(getter, js_name = minLength)]
    pub fn min_length(&self) -> Option<u32> {
        self.inner.min_length()
    }

    /// The maximum length, or `undefined`.
    #[wasm_bindgen(getter, js_name = maxLength)]
    pub fn max_length(&self) -> Option<u32> {
        self.inner.max_length()
    }

    /// The longest run of one character allowed (`max-consecutive`), or `undefined`.
    #[wasm_bindgen(getter, js_name = maxConsecutive)]
    pub fn max_consecutive(&self) -> Option<u32> {
        self.inner.max_consecutive()
    }

    /// The required groups, in order: a password needs a character of each.
    #[wasm_bindgen(getter, unchecked_return_type = "RuleCharacters[]")]
    pub fn required(&self) -> js_sys::Array {
        self.inner
            .required()
            .iter()
            .map(|&g| characters(g))
            .collect()
    }

    /// Every character a password may hold (the required groups included).
    #[wasm_bindgen(getter, unchecked_return_type = "RuleCharacters")]
    pub fn allowed(&self) -> JsValue {
        characters(self.inner.allowed())
    }

    /// The policy that accepts exactly what the rules accept; throws `POLICY_LENGTH_RANGE`
    /// or `POLICY_MINIMUMS_ABOVE_MAXIMUM` when the rules conflict.
    #[wasm_bindgen(js_name = toPolicy)]
    pub fn to_policy(&self) -> Result<Policy, JsValue> {
        Ok(Policy::from_core(
            self.inner.to_policy().map_err(core_error)?,
        ))
    }

    /// The canonical text.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_text(&self) -> String {
        self.inner.to_string()
    }

    /// The canonical text (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.inner.to_string()
    }
}

/// `{ text, unicode, characters }` of one class.
fn characters(c: passforge::RuleCharacters) -> JsValue {
    object([
        ("text", c.to_string().into()),
        ("unicode", c.is_unicode().into()),
        ("characters", c.ascii_chars().collect::<String>().into()),
    ])
}

/// `{ rules, exact, unexpressed: [{ key, effect, message }] }` of a policy.
pub(crate) fn exported(e: &passforge::ExportedRules) -> JsValue {
    let unexpressed: js_sys::Array = e
        .unexpressed()
        .iter()
        .map(|u| {
            object([
                ("key", u.key.into()),
                ("effect", u.effect.as_str().into()),
                ("message", u.message.as_str().into()),
            ])
        })
        .collect();
    object([
        ("rules", e.to_string().into()),
        ("exact", e.is_exact().into()),
        ("unexpressed", unexpressed.into()),
    ])
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PASSWORD_RULES: &'static str = r#"
/** One class of password rules: a set of ASCII printable characters, or all of Unicode. */
export interface RuleCharacters {
  /** The canonical text: `"upper, digit, [-!]"`, `"ascii-printable"`, `"unicode"`. */
  text: string;
  /** Whether this is `unicode`: every character. */
  unicode: boolean;
  /** Its ASCII printable characters, in ASCII order (all 95 for `unicode`). */
  characters: string;
}

/** A rule of a policy that password rules cannot say as the policy means it. */
export interface UnexpressedRule {
  /** The policy-file key of the rule (`min_categories`, `forbid_username`, …). */
  key: string;
  /** `stricter`: a password made for the rules still complies; `looser`: it may not. */
  effect: "stricter" | "looser";
  message: string;
}

/** A policy written as password rules (`policy.toPasswordRules()`). */
export interface ExportedRules {
  /** The rules line, for a page's `passwordrules` attribute. */
  rules: string;
  /** Whether the rules accept exactly the passwords the policy accepts. */
  exact: boolean;
  /** Every rule of the policy the rules do not express exactly. */
  unexpressed: UnexpressedRule[];
}

/** How many of a policy generator's candidates its counted rules let through. */
export interface PolicyAcceptance {
  /** The share of candidates that pass `max_repeat` and the `required_characters` the
   * settings do not guarantee. */
  share: number;
  /** log2 of the number that pass: the entropy of what `generate` returns. */
  entropyBits: number;
  /** False when the share is a 95 % lower bound estimated from a fixed public seed. */
  exact: boolean;
}
"#;
