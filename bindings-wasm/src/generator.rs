//! `Generator`: wraps [`passforge::ConfiguredGenerator`] (options alone, or options within
//! a policy for one user).

use js_sys::Reflect;
use passforge::{ConfiguredGenerator, GeneratorOptions, Password, UserContext};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, object, set};
use crate::options::{
    batch_count, check_keys, deserialize, field_names, read, to_plain_js, GenerateOptions,
};
use crate::policy::Policy;

/// A validated password generator. Every password the settings allow is equally likely.
#[wasm_bindgen]
pub struct Generator {
    inner: ConfiguredGenerator,
}

#[wasm_bindgen]
impl Generator {
    /// `options` holds the generator options (the core's `GeneratorOptions`, each
    /// optional), and optionally a `policy` with the user it is for (`username`,
    /// `display_name`, `email`). Without a policy the options replace the defaults; with
    /// one, options that are given are checked against it (`SETTINGS_BELOW_POLICY`, with
    /// `reasons`) and without any the settings are derived from it. Throws the core's
    /// code (`LENGTH_ZERO`, `CLASS_EMPTY`, `CONTEXT_WITHOUT_POLICY`, …).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_optional_param_type = "GeneratorOptions & UserContext & { policy?: Policy }"
        )]
        options: Option<JsValue>,
    ) -> Result<Generator, JsValue> {
        let value = match options {
            Some(v) if !(v.is_undefined() || v.is_null()) => v,
            _ => JsValue::from(js_sys::Object::new()),
        };
        let known = [
            field_names::<GeneratorOptions>(),
            field_names::<UserContext>(),
            &["policy"],
        ];
        check_keys("options", &value, &known)?;
        let options: GeneratorOptions = deserialize("options", value.clone())?;
        let context: UserContext = deserialize("options", value.clone())?;
        let policy = Reflect::get(&value, &"policy".into())?;
        let policy = match policy.is_undefined() || policy.is_null() {
            true => None,
            false => Some(Policy::core_from("options.policy", &policy)?),
        };
        let inner =
            ConfiguredGenerator::new(&options, policy.as_ref(), context).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// A generator for password rules (Apple's `passwordrules` language): every password
    /// complies with `Policy.fromPasswordRules(rules)` and every compliant one is equally
    /// likely (of the default sets' characters: never a space). The settings are derived
    /// from that policy, at its minimum length; of `options` (the core's
    /// `GeneratorOptions`), `length` (checked against the rules), `exclude` and
    /// `avoid_ambiguous` combine with the rules, the others throw `PASSWORD_RULES_OPTION`.
    /// Throws `PASSWORD_RULES_*` for rules text the language does not allow,
    /// `SETTINGS_BELOW_POLICY` (with `reasons`) for a length outside the rules, and
    /// `POLICY_ACCEPTANCE_TOO_LOW` when so few candidates pass that generating could fail.
    #[wasm_bindgen(js_name = fromPasswordRules)]
    pub fn from_password_rules(
        rules: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "GeneratorOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<Generator, JsValue> {
        let value = match options {
            Some(v) if !(v.is_undefined() || v.is_null()) => v,
            _ => JsValue::from(js_sys::Object::new()),
        };
        check_keys("options", &value, &[field_names::<GeneratorOptions>()])?;
        let options: GeneratorOptions = deserialize("options", value)?;
        let rules = passforge::PasswordRules::parse(rules).map_err(core_error)?;
        let inner =
            ConfiguredGenerator::from_password_rules(&rules, &options).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// With a policy, `{ share, entropyBits, exact }`: the share of the candidates that
    /// pass its `max_repeat` and the `required_characters` the settings do not guarantee,
    /// and log2 of the number that pass, the entropy of what `generate` returns
    /// (`entropyBits` is the candidates'); `undefined` without a policy. The policy's
    /// other rules (context, blocklists, patterns, sequences, score) may reject a few
    /// more.
    #[wasm_bindgen(getter, unchecked_return_type = "PolicyAcceptance | undefined")]
    pub fn acceptance(&self) -> JsValue {
        match self.inner.acceptance() {
            None => JsValue::UNDEFINED,
            Some(a) => object([
                ("share", a.share.into()),
                ("entropyBits", a.entropy_bits.into()),
                ("exact", a.exact.into()),
            ]),
        }
    }

    /// The most passwords one `generateMany` call returns (the core's `MAX_BATCH`,
    /// 1 000 000); more throw `BATCH_TOO_LARGE`.
    #[wasm_bindgen(getter = MAX_BATCH)]
    pub fn max_batch() -> u32 {
        // 1 000 000: fits a u32.
        passforge::MAX_BATCH as u32
    }

    /// The effective length: the larger of `length` and the sum of the minimums.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.core().length()
    }

    /// log2 of the exact number of passwords the settings allow (before the strength
    /// check and a policy's rejections).
    #[wasm_bindgen(getter, js_name = entropyBits)]
    pub fn entropy_bits(&self) -> f64 {
        self.core().entropy_bits()
    }

    /// Whether `entropyBits` is below 40 (fewer than about a trillion passwords, e.g. a
    /// set of one repeated character): allowed, but worth a warning.
    #[wasm_bindgen(getter, js_name = isWeak)]
    pub fn is_weak(&self) -> bool {
        self.core().is_weak()
    }

    /// `{ share, entropyBits }`: a 95 % lower bound of the share of candidates the
    /// strength check accepts (1 without one), and the entropy left after it
    /// (`entropyBits + log2(share)`, at least 0), estimated from a fixed public seed, so a
    /// page never shows more strength than generation delivers.
    #[wasm_bindgen(
        js_name = strengthCheckEstimate,
        unchecked_return_type = "{ share: number; entropyBits: number }"
    )]
    pub fn strength_check_estimate(&self) -> JsValue {
        let estimate = self.core().strength_check_estimate();
        object([
            ("share", estimate.share.into()),
            ("entropyBits", estimate.entropy_bits.into()),
        ])
    }

    /// The exact number of passwords the settings allow, in decimal (it can exceed
    /// `Number.MAX_SAFE_INTEGER`; `BigInt(g.passwordCount)` converts it).
    #[wasm_bindgen(getter, js_name = passwordCount)]
    pub fn password_count(&self) -> String {
        self.core().password_count()
    }

    /// The settings in force (for a policy generator, the ones derived from or checked
    /// against it), which `new Generator(…)` takes back, plus `policy` as
    /// `Policy.toJSON` gives it; the user it is for is left out. No password
    /// (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "GeneratorSettings & { policy?: PolicySpec }"
    )]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        let settings = to_plain_js(self.core().settings())?;
        if let Some(policy) = self.inner.policy() {
            let policy = Policy::from_core(policy.clone()).to_json_value()?;
            set(&settings, "policy", &policy);
        }
        Ok(settings)
    }

    /// One password, from ChaCha20 seeded by `crypto.getRandomValues`. With a policy,
    /// throws `POLICY_UNMET` (with `attempts`) when no candidate complied.
    pub fn generate(&self, options: Option<Ts<GenerateOptions>>) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let password = self
            .inner
            .generate_with(&mut options.rng()?)
            .map_err(core_error)?;
        // A JS string is immutable and garbage-collected, so the copy cannot be zeroized;
        // the core's buffer is, when `password` drops here.
        Ok(password.as_str().to_owned())
    }

    /// `n` passwords from one ChaCha20 stream, seeded once per call by
    /// `crypto.getRandomValues`, with or without a policy (a policy's redraws come from
    /// the same stream). At most `Generator.MAX_BATCH` (`BATCH_TOO_LARGE`).
    #[wasm_bindgen(js_name = generateMany, unchecked_return_type = "string[]")]
    pub fn generate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<js_sys::Array, JsValue> {
        let n = batch_count(&n)?;
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let mut rng = options.rng()?;
        // One JS string for the batch, split in JS: one UTF-8 decode across the boundary
        // instead of one per password (passwords hold no white space, so "\n" separates);
        // without a policy the core writes them straight into that buffer. JS strings
        // cannot be zeroized; the core's buffers are, when they drop here.
        let joined = match self.inner.policy() {
            None => self
                .core()
                .generate_many_joined_with(&mut rng, n, "\n")
                .map_err(core_error)?,
            Some(_) => Password::join(
                &self
                    .inner
                    .generate_many_with(&mut rng, n)
                    .map_err(core_error)?,
                "\n",
            ),
        };
        if n == 0 {
            return Ok(js_sys::Array::new());
        }
        Ok(js_sys::JsString::from(joined.as_str()).split("\n"))
    }
}

impl Generator {
    /// The core generator (for a policy, the one its candidates come from).
    pub(crate) fn core(&self) -> &passforge::Generator {
        self.inner.generator()
    }
}
