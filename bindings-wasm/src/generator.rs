//! `Generator`: wraps [`passforge::Generator`], or [`passforge::PolicyGenerator`] when
//! given a policy.

use js_sys::Reflect;
use passforge::{Password, PolicyGenerator, UserContext};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, out_of_range, policy_generate_error, set};
use crate::options::{read, settings_object, GenerateOptions, GeneratorOptions};
use crate::policy::Policy;

/// Most characters one `generateMany` call returns (`n` × length). Larger batches would
/// exhaust the module's memory, which aborts the whole instance rather than throwing;
/// callers split them instead.
pub const MAX_BATCH_CHARS: u64 = 1 << 24;

/// What a `Generator` draws from.
enum Inner {
    /// Plain settings.
    Plain(Box<passforge::Generator>),
    /// Settings that obey a policy, for one user.
    Policy(Box<PolicyGenerator>, UserContext),
}

/// A validated password generator. Every password the settings allow is equally likely.
#[wasm_bindgen]
pub struct Generator {
    inner: Inner,
}

#[wasm_bindgen]
impl Generator {
    /// Validates the options; throws a `PassforgeError` (`LENGTH_ZERO`, `CLASS_EMPTY`,
    /// `STRENGTH_CHECK_SYNTAX`, …) when they cannot produce a password, and
    /// `SETTINGS_BELOW_POLICY` (with `reasons`) when they cannot guarantee `policy`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<GeneratorOptions>>) -> Result<Generator, JsValue> {
        let value = options.map(|o| o.js_value());
        let options: GeneratorOptions = read("options", value.clone())?;
        let user = options.user();
        let inner = match (&options.policy, value) {
            (Some(_), Some(value)) => {
                let policy =
                    Policy::core_from("options.policy", &Reflect::get(&value, &"policy".into())?)?;
                // Options given: checked against the policy; none: derived from it.
                let settings = options
                    .settings_given()
                    .then(|| options.clone().into_settings());
                let generator = PolicyGenerator::new(&policy, settings.as_ref())
                    .map_err(policy_generate_error)?;
                Inner::Policy(Box::new(generator), user.unwrap_or_default())
            }
            _ => {
                if user.is_some() {
                    return Err(invalid_type(
                        "options.username, displayName and email are for a policy's context \
                         rules; pass options.policy as well",
                    ));
                }
                let generator =
                    passforge::Generator::new(&options.into_settings()).map_err(core_error)?;
                Inner::Plain(Box::new(generator))
            }
        };
        Ok(Self { inner })
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

    /// The exact number of passwords the settings allow, in decimal (it can exceed
    /// `Number.MAX_SAFE_INTEGER`; `BigInt(g.passwordCount)` converts it).
    #[wasm_bindgen(getter, js_name = passwordCount)]
    pub fn password_count(&self) -> String {
        self.core().password_count()
    }

    /// The settings in force, as `GeneratorOptions` (for a policy generator, the ones
    /// derived from or checked against it), plus `policy` as `Policy.toJSON` gives it; the
    /// user it is for is left out. No password (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "Omit<GeneratorOptions, \"policy\" | \"username\" | \"displayName\" | \"email\"> & { policy?: PolicyFile }"
    )]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        let settings = settings_object(self.core().settings());
        if let Inner::Policy(g, _) = &self.inner {
            let policy = Policy::from_core(g.policy().clone()).to_json_value()?;
            set(&settings, "policy", &policy);
        }
        Ok(settings)
    }

    /// One password, from ChaCha20 seeded by `crypto.getRandomValues`. With a policy,
    /// throws `POLICY_UNMET` (with `attempts`) when no candidate complied.
    pub fn generate(&self, options: Option<Ts<GenerateOptions>>) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let password = match (&self.inner, options.seed_for_tests) {
            (Inner::Plain(g), Some(seed)) => g.generate_with(&mut seed.rng()).map_err(core_error),
            (Inner::Plain(g), None) => g.generate().map_err(core_error),
            (Inner::Policy(g, user), Some(seed)) => g
                .generate_with(&mut seed.rng(), user)
                .map_err(policy_generate_error),
            (Inner::Policy(g, user), None) => g.generate(user).map_err(policy_generate_error),
        }?;
        // A JS string is immutable and garbage-collected, so the copy cannot be zeroized;
        // the core's buffer is, when `password` drops here.
        Ok(password.as_str().to_owned())
    }

    /// `n` passwords from one ChaCha20 stream, seeded once per call by
    /// `crypto.getRandomValues`, with or without a policy (a policy's redraws come from
    /// the same stream). At most 2^24 characters (`n` × length) per call.
    #[wasm_bindgen(js_name = generateMany)]
    pub fn generate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<Vec<String>, JsValue> {
        let Some(n) = n.as_f64() else {
            return Err(invalid_type("generateMany(n): n must be a number"));
        };
        let length = self.core().length();
        let max = MAX_BATCH_CHARS / u64::from(length.max(1));
        if !(n.fract() == 0.0 && n >= 0.0 && n <= max as f64) {
            return Err(out_of_range(format!(
                "generateMany(n): n must be a whole number from 0 to {max} \
                 ({MAX_BATCH_CHARS} characters at length {length}); call it again for more"
            )));
        }
        // In range: a whole number no larger than MAX_BATCH_CHARS.
        self.generate_n(n as usize, options)
    }
}

impl Generator {
    /// The core generator (for a policy, the one its candidates come from).
    pub(crate) fn core(&self) -> &passforge::Generator {
        match &self.inner {
            Inner::Plain(g) => g,
            Inner::Policy(g, _) => g.generator(),
        }
    }

    fn generate_n(
        &self,
        n: usize,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<Vec<String>, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let passwords: Vec<Password> = match (&self.inner, options.seed_for_tests) {
            (Inner::Plain(g), Some(seed)) => {
                g.generate_many_with(&mut seed.rng(), n).map_err(core_error)
            }
            (Inner::Plain(g), None) => g.generate_many(n).map_err(core_error),
            (Inner::Policy(g, user), Some(seed)) => g
                .generate_many_with(&mut seed.rng(), user, n)
                .map_err(policy_generate_error),
            (Inner::Policy(g, user), None) => {
                g.generate_many(user, n).map_err(policy_generate_error)
            }
        }?;
        // JS strings are immutable and garbage-collected: the copies cannot be zeroized,
        // but the core's buffers are, when `passwords` drops here.
        Ok(passwords.iter().map(|p| p.as_str().to_owned()).collect())
    }
}
