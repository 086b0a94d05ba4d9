//! `Generator`: wraps [`passforge::Generator`].

use passforge::DeterministicRng;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, out_of_range};
use crate::options::{read, GenerateOptions, GeneratorOptions};

/// Most characters one `generateMany` call returns (`n` × length). Larger batches would
/// exhaust the module's memory, which aborts the whole instance rather than throwing;
/// callers split them instead.
pub const MAX_BATCH_CHARS: u64 = 1 << 24;

/// A validated password generator. Every password the settings allow is equally likely.
#[wasm_bindgen]
pub struct Generator {
    inner: passforge::Generator,
}

#[wasm_bindgen]
impl Generator {
    /// Validates the options; throws a `PassforgeError` (`LENGTH_ZERO`, `CLASS_EMPTY`,
    /// `STRENGTH_CHECK_SYNTAX`, …) when they cannot produce a password.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<GeneratorOptions>>) -> Result<Generator, JsValue> {
        let options: GeneratorOptions = read("options", options.map(|o| o.js_value()))?;
        let inner = passforge::Generator::new(&options.into_settings()).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The effective length: the larger of `length` and the sum of the minimums.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.inner.length()
    }

    /// log2 of the exact number of passwords the settings allow (before the strength
    /// check).
    #[wasm_bindgen(getter, js_name = entropyBits)]
    pub fn entropy_bits(&self) -> f64 {
        self.inner.entropy_bits()
    }

    /// The exact number of passwords the settings allow, in decimal (it can exceed
    /// `Number.MAX_SAFE_INTEGER`; `BigInt(g.passwordCount)` converts it).
    #[wasm_bindgen(getter, js_name = passwordCount)]
    pub fn password_count(&self) -> String {
        self.inner.password_count()
    }

    /// One password, from ChaCha20 seeded by `crypto.getRandomValues`.
    pub fn generate(&self, options: Option<Ts<GenerateOptions>>) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let password = match options.seed_for_tests {
            Some(seed) => self
                .inner
                .generate_with(&mut DeterministicRng::from_seed_for_tests(seed)),
            None => self.inner.generate(),
        }
        .map_err(core_error)?;
        // A JS string is immutable and garbage-collected, so the copy cannot be zeroized;
        // the core's buffer is, when `password` drops here.
        Ok(password.as_str().to_owned())
    }

    /// `n` passwords from one ChaCha20 stream seeded by `crypto.getRandomValues`.
    #[wasm_bindgen(js_name = generateMany)]
    pub fn generate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<Vec<String>, JsValue> {
        let Some(n) = n.as_f64() else {
            return Err(invalid_type("generateMany(n): n must be a number"));
        };
        let max = MAX_BATCH_CHARS / u64::from(self.inner.length().max(1));
        if !(n.fract() == 0.0 && n >= 0.0 && n <= max as f64) {
            return Err(out_of_range(format!(
                "generateMany(n): n must be a whole number from 0 to {max} \
                 ({MAX_BATCH_CHARS} characters at length {}); call it again for more",
                self.inner.length()
            )));
        }
        // In range: a whole number no larger than MAX_BATCH_CHARS.
        self.generate_n(n as usize, options)
    }
}

impl Generator {
    fn generate_n(
        &self,
        n: usize,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<Vec<String>, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let passwords = match options.seed_for_tests {
            Some(seed) => self
                .inner
                .generate_many_with(&mut DeterministicRng::from_seed_for_tests(seed), n),
            None => self.inner.generate_many(n),
        }
        .map_err(core_error)?;
        // JS strings are immutable and garbage-collected: the copies cannot be zeroized,
        // but the core's buffers are, when `passwords` drops here.
        Ok(passwords.iter().map(|p| p.as_str().to_owned()).collect())
    }
}
