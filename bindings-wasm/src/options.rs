//! Reading the option objects JS passes in: serde (through serde-wasm-bindgen) with the
//! keys checked first and messages that name the property, in JS terms. Type conversion
//! only: what the options mean is the core's ([`passforge::GeneratorOptions`] and the
//! rest).

use passforge::{RandomSource, SourceRng};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{core_error, invalid_type};

/// A serde value as a JS value: maps as plain objects, numbers as numbers.
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(JsValue::from)
}

/// [`to_js`] without the properties that are `None` (`undefined`), so that
/// `JSON.stringify`, `util.inspect` and `deepEqual` see only what is set.
pub(crate) fn to_plain_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let js = to_js(value)?;
    for key in js_sys::Object::keys(js.unchecked_ref::<js_sys::Object>()).iter() {
        if js_sys::Reflect::get(&js, &key)?.is_undefined() {
            js_sys::Reflect::delete_property(js.unchecked_ref::<js_sys::Object>(), &key)?;
        }
    }
    Ok(js)
}

/// Leaves out object members that are `null` (or were `undefined`), at every depth: in
/// JS an absent key and an `undefined` one are the same.
pub(crate) fn drop_nulls(value: &mut serde_json::Value) {
    if let serde_json::Value::Object(map) = value {
        map.retain(|_, v| !v.is_null());
        map.values_mut().for_each(drop_nulls);
    }
}

/// `generateMany(n)`'s `n`: a whole number of 0 or more (beyond `usize` it saturates,
/// and the core refuses it as `BATCH_TOO_LARGE`).
pub(crate) fn batch_count(n: &JsValue) -> Result<usize, JsValue> {
    let Some(n) = n.as_f64() else {
        return Err(invalid_type("generateMany(n): n must be a number"));
    };
    if !(n.fract() == 0.0 && n >= 0.0) {
        return Err(crate::error::out_of_range(
            "generateMany(n): n must be a whole number",
        ));
    }
    Ok(n as usize)
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

impl GenerateOptions {
    /// The random source these options choose: the OS, or the test seed.
    pub(crate) fn rng(&self) -> Result<SourceRng, JsValue> {
        test_source(self.seed_for_tests)
    }
}

/// The OS source, or the test seed when one is given (`RANDOM_SOURCE` if the OS fails).
pub(crate) fn test_source(seed: Option<TestSeed>) -> Result<SourceRng, JsValue> {
    RandomSource::from_test_seed(seed.map(|s| s.0))
        .rng()
        .map_err(core_error)
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
    check_keys(what, &value, &[field_names::<T>()])?;
    deserialize(what, value)
}

/// Reads `value` as a `T` (serde-wasm-bindgen looks up `T`'s own properties only, so the
/// keys of one object can feed several types); errors name the property.
pub(crate) fn deserialize<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    conversion(value).map_err(|detail| invalid_type(format!("{what}.{detail}")))
}

/// [`deserialize`], the error as `"path: what was expected, got what"`.
pub(crate) fn conversion<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
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
            format!("{path}: {}", readable(&message, actual.as_ref()))
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

/// Checks that `value` is a plain object whose keys are all in one of `known` (each the
/// [`field_names`] of a type the object feeds).
pub(crate) fn check_keys(what: &str, value: &JsValue, known: &[&[&str]]) -> Result<(), JsValue> {
    match key_problem(value, known) {
        Some(problem) => Err(invalid_type(format!("{what}{problem}"))),
        None => Ok(()),
    }
}

/// What [`check_keys`] refuses (`" must be an object"`, `": unknown option …"`), if any.
pub(crate) fn key_problem(value: &JsValue, known: &[&[&str]]) -> Option<String> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Some(" must be an object".to_owned());
    }
    let known: Vec<&str> = known.iter().flat_map(|k| k.iter().copied()).collect();
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    let unknown = keys
        .iter()
        .map(|key| key.as_string().unwrap_or_default())
        .find(|key| !known.contains(&key.as_str()))?;
    Some(format!(
        ": unknown option `{unknown}`; the options are {}",
        known.join(", ")
    ))
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
    fn field_names_are_the_serde_names() {
        assert_eq!(field_names::<GenerateOptions>(), ["seedForTests"]);
        assert_eq!(
            field_names::<passforge::UserContext>(),
            ["username", "display_name", "email"]
        );
    }
}
