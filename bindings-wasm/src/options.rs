//! The option objects JS passes in, with their TypeScript types (tsify), and their
//! conversion to the core's settings.

use passforge::{DeterministicRng, GeneratorSettings, UserContext};
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{invalid_type, object};

/// Settings for `new Generator(options)`; every property is optional and defaults to the
/// core's default (length 12, at least 6 lowercase, 2 uppercase, 2 digits, 2 symbols).
/// Each count is a minimum; the effective length is the larger of `length` and their sum.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorOptions {
    /// Requested length (default 12).
    #[tsify(optional)]
    pub length: Option<u32>,
    /// Minimum lowercase characters (default 6).
    #[tsify(optional)]
    pub lower: Option<u32>,
    /// Minimum uppercase characters (default 2).
    #[tsify(optional)]
    pub upper: Option<u32>,
    /// Minimum digits (default 2).
    #[tsify(optional)]
    pub digits: Option<u32>,
    /// Minimum symbols (default 2).
    #[tsify(optional)]
    pub symbols: Option<u32>,
    /// Replaces `a-z`; any characters. `""` disables the class.
    #[tsify(optional)]
    pub lower_set: Option<String>,
    /// Replaces `A-Z`; `""` disables the class.
    #[tsify(optional)]
    pub upper_set: Option<String>,
    /// Replaces `0-9`; `""` disables the class.
    #[tsify(optional)]
    pub digit_set: Option<String>,
    /// Replaces the 32 ASCII punctuation characters; `""` disables the class.
    #[tsify(optional)]
    pub symbol_set: Option<String>,
    /// Characters removed from every class.
    #[tsify(optional)]
    pub exclude: Option<String>,
    /// Remove look-alikes (`0Oo1Il|`).
    #[tsify(optional)]
    pub avoid_ambiguous: Option<bool>,
    /// Strength check as a quoted list: `"'^.{12,}$', '[0-9]'"`; a quote inside a
    /// pattern is written twice.
    #[tsify(optional)]
    pub strength_check: Option<String>,
    /// Every password complies with this policy for the user named by `username`,
    /// `displayName` and `email`. Without any option above, the settings are derived
    /// from the policy; with one, they are checked against it first
    /// (`SETTINGS_BELOW_POLICY`). The rules the settings cannot guarantee (context,
    /// blocklist, patterns, repeats, sequences, symbols at the ends, score) are met by
    /// redrawing, so every compliant password stays equally likely.
    #[tsify(optional, type = "Policy")]
    pub policy: Option<Present>,
    /// The account name, for the policy's context rules (needs `policy`).
    #[tsify(optional)]
    pub username: Option<String>,
    /// The display name, for the policy's context rules (needs `policy`).
    #[tsify(optional)]
    pub display_name: Option<String>,
    /// The e-mail address, for the policy's context rules (needs `policy`).
    #[tsify(optional)]
    pub email: Option<String>,
}

/// A property whose value the bindings read themselves (a class instance, a callback):
/// serde only records that it is there.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Present;

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Present)
    }
}

impl GeneratorOptions {
    /// Whether any generator setting is given (as opposed to only a policy and a user).
    pub fn settings_given(&self) -> bool {
        self.length.is_some()
            || self.lower.is_some()
            || self.upper.is_some()
            || self.digits.is_some()
            || self.symbols.is_some()
            || self.lower_set.is_some()
            || self.upper_set.is_some()
            || self.digit_set.is_some()
            || self.symbol_set.is_some()
            || self.exclude.is_some()
            || self.avoid_ambiguous.is_some()
            || self.strength_check.is_some()
    }

    /// The user named by `username`, `displayName` and `email`; `None` when none is.
    pub fn user(&self) -> Option<UserContext> {
        let user = UserContext {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
        };
        (user != UserContext::default()).then_some(user)
    }

    /// The core settings: each option given replaces the core's default.
    pub fn into_settings(self) -> GeneratorSettings {
        let d = GeneratorSettings::default();
        GeneratorSettings {
            length: self.length.unwrap_or(d.length),
            lower: self.lower.unwrap_or(d.lower),
            upper: self.upper.unwrap_or(d.upper),
            digits: self.digits.unwrap_or(d.digits),
            symbols: self.symbols.unwrap_or(d.symbols),
            lower_set: self.lower_set.or(d.lower_set),
            upper_set: self.upper_set.or(d.upper_set),
            digit_set: self.digit_set.or(d.digit_set),
            symbol_set: self.symbol_set.or(d.symbol_set),
            exclude: self.exclude.unwrap_or(d.exclude),
            avoid_ambiguous: self.avoid_ambiguous.unwrap_or(d.avoid_ambiguous),
            strength_check: self.strength_check.or(d.strength_check),
        }
    }
}

/// Core settings as the `GeneratorOptions` object `new Generator(options)` takes: every
/// count, `exclude` and `avoidAmbiguous` present, a set or `strengthCheck` only when not
/// the default.
pub(crate) fn settings_object(s: &GeneratorSettings) -> JsValue {
    let counts = [
        ("length", s.length),
        ("lower", s.lower),
        ("upper", s.upper),
        ("digits", s.digits),
        ("symbols", s.symbols),
    ];
    let texts = [
        ("lowerSet", &s.lower_set),
        ("upperSet", &s.upper_set),
        ("digitSet", &s.digit_set),
        ("symbolSet", &s.symbol_set),
        ("strengthCheck", &s.strength_check),
    ];
    object(
        counts
            .into_iter()
            .map(|(key, n)| (key, JsValue::from(n)))
            .chain(
                texts
                    .into_iter()
                    .filter_map(|(key, text)| Some((key, JsValue::from_str(text.as_deref()?)))),
            )
            .chain([
                ("exclude", JsValue::from_str(&s.exclude)),
                ("avoidAmbiguous", JsValue::from_bool(s.avoid_ambiguous)),
            ]),
    )
}

/// Options for `generate()` and `generateMany()`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateOptions {
    /// **Tests and test vectors only.** Draws from a ChaCha20 stream seeded with this
    /// value, so the output is exactly as secret as the seed. Never use it for real
    /// passwords.
    #[tsify(optional, type = "bigint")]
    pub seed_for_tests: Option<TestSeed>,
}

/// A `seedForTests` value: a `bigint` from `0n` to `2n ** 64n - 1n`. A number is refused
/// (README, "Options"): `seedForTests: 1` is almost always a typo for `1n`, and a number
/// above 2^53 would silently be a different seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestSeed(u64);

impl TestSeed {
    /// The ChaCha20 stream this seed selects.
    pub fn rng(self) -> DeterministicRng {
        DeterministicRng::from_seed_for_tests(self.0)
    }
}

impl<'de> Deserialize<'de> for TestSeed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // serde-wasm-bindgen reads 128-bit integers from bigints only (a number is an
        // "invalid type"), which is what tells `1n` from `1`.
        d.deserialize_i128(TestSeedVisitor)
    }
}

struct TestSeedVisitor;

impl Visitor<'_> for TestSeedVisitor {
    type Value = TestSeed;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a bigint from 0n to 2n ** 64n - 1n")
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<TestSeed, E> {
        u64::try_from(v)
            .map(TestSeed)
            .map_err(|_| E::invalid_value(de::Unexpected::Other("out of range"), &self))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<TestSeed, E> {
        u64::try_from(v)
            .map(TestSeed)
            .map_err(|_| E::invalid_value(de::Unexpected::Other("out of range"), &self))
    }
}

/// Reads an optional options object; `undefined` and `null` mean "all defaults".
///
/// serde-wasm-bindgen reads a struct by looking up its known properties, so it never sees
/// a misspelt one; the keys are checked here first, against the names the struct's own
/// `Deserialize` asks for. Errors name the property (`options.length: …`).
pub(crate) fn read<T>(what: &str, value: Option<JsValue>) -> Result<T, JsValue>
where
    T: Default + DeserializeOwned,
{
    let value = match value {
        Some(v) if !(v.is_undefined() || v.is_null()) => v,
        _ => return Ok(T::default()),
    };
    check_keys::<T>(what, &value)?;
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value.clone())).map_err(
        |e| {
            let actual = e
                .path()
                .iter()
                .try_fold(value, |v, segment| value_at(&v, segment));
            let path = e.path().to_string();
            let inner: JsValue = e.into_inner().into();
            let message = inner
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "invalid value".to_owned());
            invalid_type(format!(
                "{what}.{path}: {}",
                readable(&message, actual.as_ref())
            ))
        },
    )
}

/// The property or element a path segment names, if `value` has it.
fn value_at(value: &JsValue, segment: &serde_path_to_error::Segment) -> Option<JsValue> {
    use serde_path_to_error::Segment;
    let key = match segment {
        Segment::Seq { index } => JsValue::from_f64(*index as f64),
        Segment::Map { key } => JsValue::from_str(key),
        Segment::Enum { .. } | Segment::Unknown => return None,
    };
    js_sys::Reflect::get(value, &key).ok()
}

/// serde's "invalid type: floating point `-1.0`, expected u32" as
/// "expected a whole number from 0 to 4294967295, got -1": what the property takes, in JS
/// terms, then the value as JS writes it. Other messages pass through.
fn readable(message: &str, actual: Option<&JsValue>) -> String {
    let expected = ["invalid type: ", "invalid value: "]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split_once(", expected "))
        .map(|(_, expected)| expected);
    let (Some(expected), Some(actual)) = (expected, actual) else {
        return message.to_owned();
    };
    let expected = match expected {
        "u8" => "a whole number from 0 to 255",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" => "a whole number from 0 (a number, or a bigint up to 2n ** 64n - 1n)",
        "i64" => "a whole number (a number, or a bigint from -(2n ** 63n) to 2n ** 63n - 1n)",
        "a boolean" => "true or false",
        other => other,
    };
    let mut out = format!("expected {expected}, got {}", js_text(actual));
    // A number where a bigint belongs: name the fix.
    if expected.starts_with("a bigint") {
        if let Some(n) = actual
            .as_f64()
            .filter(|n| n.fract() == 0.0 && n.is_finite())
        {
            out.push_str(&format!(" (a number; write {n}n)"));
        }
    }
    out
}

/// A JS value as a short text: numbers and bigints as JS writes them, strings quoted (cut
/// at 40 characters), other values by kind.
fn js_text(value: &JsValue) -> String {
    if let Some(n) = value.as_f64() {
        return match n {
            n if n.is_nan() => "NaN".to_owned(),
            f64::INFINITY => "Infinity".to_owned(),
            f64::NEG_INFINITY => "-Infinity".to_owned(),
            n => n.to_string(),
        };
    }
    if let Some(s) = value.as_string() {
        let cut: String = s.chars().take(40).collect();
        let more = if cut.len() < s.len() { "…" } else { "" };
        return format!("{}{more}", serde_json::Value::String(cut));
    }
    if let Some(b) = value.as_bool() {
        return b.to_string();
    }
    if value.is_bigint() {
        let n: &js_sys::BigInt = value.unchecked_ref();
        return n
            .to_string(10)
            .map(|s| format!("{}n", String::from(s)))
            .unwrap_or_else(|_| "a bigint".to_owned());
    }
    let kind = if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_function() {
        "a function"
    } else if value.is_symbol() {
        "a symbol"
    } else {
        "an object"
    };
    kind.to_owned()
}

/// Checks that `value` is a plain object whose keys are all properties of `T`.
pub(crate) fn check_keys<T: DeserializeOwned>(what: &str, value: &JsValue) -> Result<(), JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid_type(format!("{what} must be an object")));
    }
    let known = field_names::<T>();
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(invalid_type(format!(
                "{what}: unknown option `{key}`; the options are {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// The property names a struct's derived `Deserialize` accepts (after renaming).
pub(crate) fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The probe always fails once it has recorded the names; only they are wanted.
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that records the field list `deserialize_struct` is called with.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("field names recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_names_are_camel_case() {
        assert_eq!(
            field_names::<GeneratorOptions>(),
            [
                "length",
                "lower",
                "upper",
                "digits",
                "symbols",
                "lowerSet",
                "upperSet",
                "digitSet",
                "symbolSet",
                "exclude",
                "avoidAmbiguous",
                "strengthCheck",
                "policy",
                "username",
                "displayName",
                "email"
            ]
        );
        assert_eq!(field_names::<GenerateOptions>(), ["seedForTests"]);
    }

    #[test]
    fn no_options_are_the_core_defaults() {
        assert_eq!(
            GeneratorOptions::default().into_settings(),
            GeneratorSettings::default()
        );
    }

    #[test]
    fn each_option_replaces_one_setting() {
        let options = GeneratorOptions {
            length: Some(20),
            lower: Some(1),
            upper: Some(0),
            digits: Some(3),
            symbols: Some(4),
            lower_set: Some("abc".into()),
            upper_set: Some(String::new()),
            digit_set: Some("01".into()),
            symbol_set: Some("!".into()),
            exclude: Some("b".into()),
            avoid_ambiguous: Some(true),
            strength_check: Some("'x'".into()),
            ..GeneratorOptions::default()
        };
        assert!(options.settings_given());
        assert_eq!(options.user(), None);
        assert_eq!(
            options.into_settings(),
            GeneratorSettings {
                length: 20,
                lower: 1,
                upper: 0,
                digits: 3,
                symbols: 4,
                lower_set: Some("abc".into()),
                upper_set: Some(String::new()),
                digit_set: Some("01".into()),
                symbol_set: Some("!".into()),
                exclude: "b".into(),
                avoid_ambiguous: true,
                strength_check: Some("'x'".into()),
            }
        );
    }
}
