//! `WordList` and `PassphraseGenerator`: wrap [`passforge::WordList`] and
//! [`passforge::ConfiguredPassphraseGenerator`] (settings and a list alone, or within a
//! policy for one user).

use js_sys::{Array, Reflect};
use passforge::{ConfiguredPassphraseGenerator, PassphraseSettings, UserContext};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, object};
use crate::options::{
    batch_count, check_keys, deserialize, field_names, read, to_plain_js, GenerateOptions,
};
use crate::policy::{copy_of, Policy};

/// A validated list of distinct words to draw passphrases from (2 to 65 536 words, each
/// printable, distinct after NFKC and case folding). Throws `WORDLIST_*` codes, naming
/// the position or line, never the word.
#[wasm_bindgen]
pub struct WordList {
    inner: passforge::WordList,
}

#[wasm_bindgen]
impl WordList {
    /// The words as given, in order (nothing trimmed or skipped).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string[]")] words: JsValue,
    ) -> Result<WordList, JsValue> {
        let words: Vec<String> = deserialize("words", words)?;
        let inner = passforge::WordList::from_words(&words).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// One word per line; white space around a word trimmed, blank lines and lines
    /// starting with `#` skipped, the EFF files' dice numbers allowed.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str) -> Result<WordList, JsValue> {
        let inner = passforge::WordList::parse(text).map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The shipped EFF large word list (7 776 words, CC BY 3.0 US).
    #[wasm_bindgen(js_name = effLarge)]
    pub fn eff_large() -> WordList {
        Self {
            inner: passforge::WordList::eff_large(),
        }
    }

    /// The number of words.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        // At most 65 536 words.
        self.inner.len() as u32
    }

    /// The words, in list order (a copy).
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn words(&self) -> Array {
        self.inner.iter().map(JsValue::from_str).collect()
    }

    /// A copy for Rust code that receives this object as a plain JS value (an option).
    /// Not part of the typed API.
    #[wasm_bindgen(js_name = "__passforgeCopy", skip_typescript)]
    pub fn copy_for_rust(&self) -> WordList {
        Self {
            inner: self.inner.clone(),
        }
    }
}

/// A validated passphrase generator: every passphrase the settings allow is equally
/// likely, and `entropyBits` is log2 of their exact number (settings where two draws
/// could give the same passphrase throw `PASSPHRASE_AMBIGUOUS`).
#[wasm_bindgen]
pub struct PassphraseGenerator {
    inner: ConfiguredPassphraseGenerator,
}

#[wasm_bindgen]
impl PassphraseGenerator {
    /// `options` holds the passphrase settings (the core's `PassphraseSettings`: `words`,
    /// `separator` as a string or `{ random: "digit" | "symbol" }`, `capitalize`,
    /// `number`), optionally a `wordlist` (a `WordList` or the words; the EFF large list
    /// without), and optionally a `policy` with the user it is for (`username`,
    /// `display_name`, `email`): the settings must guarantee its structural rules
    /// (`SETTINGS_BELOW_POLICY`, with `reasons`), its other rules are met by drawing again.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_optional_param_type = "PassphraseSettings & UserContext & { wordlist?: WordList | string[]; policy?: Policy }"
        )]
        options: Option<JsValue>,
    ) -> Result<PassphraseGenerator, JsValue> {
        let value = match options {
            Some(v) if !(v.is_undefined() || v.is_null()) => v,
            _ => JsValue::from(js_sys::Object::new()),
        };
        let known = [
            field_names::<PassphraseSettings>(),
            field_names::<UserContext>(),
            &["policy", "wordlist"],
        ];
        check_keys("options", &value, &known)?;
        let settings: PassphraseSettings = deserialize("options", value.clone())?;
        let context: UserContext = deserialize("options", value.clone())?;
        let list = Reflect::get(&value, &"wordlist".into())?;
        let list = if list.is_undefined() || list.is_null() {
            passforge::WordList::eff_large()
        } else if Array::is_array(&list) {
            WordList::new(list)?.inner
        } else {
            copy_of::<WordList>(&list).map(|w| w.inner).ok_or_else(|| {
                invalid_type("options.wordlist must be a WordList (not freed) or an array of words")
            })?
        };
        let policy = Reflect::get(&value, &"policy".into())?;
        let policy = match policy.is_undefined() || policy.is_null() {
            true => None,
            false => Some(Policy::core_from("options.policy", &policy)?),
        };
        let inner = ConfiguredPassphraseGenerator::new(&settings, &list, policy.as_ref(), context)
            .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// The number of words.
    #[wasm_bindgen(getter)]
    pub fn words(&self) -> u32 {
        self.inner.generator().words()
    }

    /// log2 of the exact number of distinct passphrases, all equally likely (before a
    /// policy's rejections; see `policyEstimate`).
    #[wasm_bindgen(getter, js_name = entropyBits)]
    pub fn entropy_bits(&self) -> f64 {
        self.inner.generator().entropy_bits()
    }

    /// Whether `entropyBits` is below 40: allowed, but worth a warning.
    #[wasm_bindgen(getter, js_name = isWeak)]
    pub fn is_weak(&self) -> bool {
        self.inner.generator().is_weak()
    }

    /// The exact number of distinct passphrases, in decimal (`BigInt(g.passphraseCount)`).
    #[wasm_bindgen(getter, js_name = passphraseCount)]
    pub fn passphrase_count(&self) -> String {
        self.inner.generator().passphrase_count()
    }

    /// `{ share, entropyBits }`: a 95 % lower bound of the share of passphrases the policy
    /// accepts for this user (1 without a policy) and the entropy left after it,
    /// estimated from a fixed public seed.
    #[wasm_bindgen(
        js_name = policyEstimate,
        unchecked_return_type = "{ share: number; entropyBits: number }"
    )]
    pub fn policy_estimate(&self) -> JsValue {
        let estimate = self.inner.policy_estimate();
        object([
            ("share", estimate.share.into()),
            ("entropyBits", estimate.entropy_bits.into()),
        ])
    }

    /// The settings (which `new PassphraseGenerator(…)` takes back), without the word
    /// list, the policy or the user.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PassphraseSettings")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain_js(self.inner.generator().settings())
    }

    /// One passphrase, from ChaCha20 seeded by `crypto.getRandomValues`. With a policy,
    /// throws `POLICY_UNMET` (with `attempts`) when no candidate complied.
    pub fn generate(&self, options: Option<Ts<GenerateOptions>>) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let passphrase = self
            .inner
            .generate_with(&mut options.rng()?)
            .map_err(core_error)?;
        Ok(passphrase.as_str().to_owned())
    }

    /// `n` passphrases from one ChaCha20 stream, seeded once per call. At most
    /// `Generator.MAX_BATCH` (`BATCH_TOO_LARGE`).
    #[wasm_bindgen(js_name = generateMany, unchecked_return_type = "string[]")]
    pub fn generate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<Array, JsValue> {
        let n = batch_count(&n)?;
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        let batch = self
            .inner
            .generate_many_with(&mut options.rng()?, n)
            .map_err(core_error)?;
        Ok(batch
            .iter()
            .map(|p| JsValue::from_str(p.as_str()))
            .collect())
    }
}
