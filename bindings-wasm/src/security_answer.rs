//! Security answers: `normalizeAnswer`, `SecurityAnswerHasher`, `SecurityQuestionRule`.

use passforge::AnswerHashParams;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, object};
use crate::options::{read, GenerateOptions};

/// The canonical form of a security answer, the one that is hashed: NFKC, full case
/// folding, NFKC, then white space trimmed and inner runs collapsed to one space.
#[wasm_bindgen(js_name = normalizeAnswer)]
pub fn normalize_answer(answer: &str) -> String {
    passforge::normalize_answer(answer).as_str().to_owned()
}

/// Argon2id parameters for `new SecurityAnswerHasher(options)`; the defaults are
/// OWASP's minimum (19 456 KiB, 2 passes, 1 lane).
#[derive(Tsify, Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerHashOptions {
    /// Memory in KiB (default 19 456).
    #[tsify(optional)]
    pub memory_kib: Option<u32>,
    /// Passes (default 2).
    #[tsify(optional)]
    pub iterations: Option<u32>,
    /// Lanes (default 1).
    #[tsify(optional)]
    pub parallelism: Option<u32>,
}

/// Hashes and verifies security answers with Argon2id. In the browser this runs on the
/// calling thread: with the defaults a hash takes tens of milliseconds.
#[wasm_bindgen]
pub struct SecurityAnswerHasher {
    inner: passforge::SecurityAnswerHasher,
    params: AnswerHashParams,
}

#[wasm_bindgen]
impl SecurityAnswerHasher {
    /// Throws `ANSWER_HASH_PARAMS` for parameters Argon2 refuses.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<AnswerHashOptions>>) -> Result<SecurityAnswerHasher, JsValue> {
        let o: AnswerHashOptions = read("options", options.map(|o| o.js_value()))?;
        let d = AnswerHashParams::default();
        let params = AnswerHashParams {
            memory_kib: o.memory_kib.unwrap_or(d.memory_kib),
            iterations: o.iterations.unwrap_or(d.iterations),
            parallelism: o.parallelism.unwrap_or(d.parallelism),
        };
        let inner = passforge::SecurityAnswerHasher::new(params).map_err(core_error)?;
        Ok(Self { inner, params })
    }

    /// Memory in KiB.
    #[wasm_bindgen(getter, js_name = memoryKib)]
    pub fn memory_kib(&self) -> u32 {
        self.params.memory_kib
    }

    /// Passes.
    #[wasm_bindgen(getter)]
    pub fn iterations(&self) -> u32 {
        self.params.iterations
    }

    /// Lanes.
    #[wasm_bindgen(getter)]
    pub fn parallelism(&self) -> u32 {
        self.params.parallelism
    }

    /// The Argon2id parameters, as the constructor takes them (`JSON.stringify`,
    /// `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Required<AnswerHashOptions>")]
    pub fn to_json(&self) -> JsValue {
        object([
            ("memoryKib", self.memory_kib().into()),
            ("iterations", self.iterations().into()),
            ("parallelism", self.parallelism().into()),
        ])
    }

    /// The Argon2id PHC string (`$argon2id$v=19$m=…`) of the normalised answer, with a
    /// random 16-byte salt (`seedForTests`: **tests only**). Throws `ANSWER_EMPTY`,
    /// `ANSWER_TOO_LONG`, `ANSWER_HASHING` or `RANDOM_SOURCE`.
    pub fn hash(
        &self,
        answer: &str,
        options: Option<Ts<GenerateOptions>>,
    ) -> Result<String, JsValue> {
        let options: GenerateOptions = read("options", options.map(|o| o.js_value()))?;
        (self.inner.hash_with(&mut options.rng()?, answer)).map_err(core_error)
    }

    /// Whether `answer`, normalised, matches the stored PHC string (with the parameters
    /// written in it). A blank or over-long answer is `false`; a stored string that is
    /// not Argon2id PHC throws `ANSWER_HASH_SYNTAX`.
    pub fn verify(stored: &str, answer: &str) -> Result<bool, JsValue> {
        passforge::SecurityAnswerHasher::verify(stored, answer).map_err(core_error)
    }

    /// Whether `stored` was hashed with lower costs than this hasher's (less memory,
    /// fewer passes or lanes, another Argon2 version): after a successful `verify`, hash
    /// the answer again and store the new string. Throws `ANSWER_HASH_SYNTAX`, or
    /// `ANSWER_HASH_PARAMS` for costs above the maximums.
    #[wasm_bindgen(js_name = needsRehash)]
    pub fn needs_rehash(&self, stored: &str) -> Result<bool, JsValue> {
        self.inner.needs_rehash(stored).map_err(core_error)
    }
}

/// Options for `new SecurityQuestionRule(options)`.
#[derive(Tsify, Deserialize, Debug, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionRuleOptions {
    /// Questions asked at reset (default 3).
    #[tsify(optional)]
    pub asked: Option<u32>,
    /// Questions each user enrols (default 5).
    #[tsify(optional)]
    pub enrolled: Option<u32>,
}

/// How many security questions each user enrols and how many are asked at reset: at
/// least 1 and fewer than enrolled, else `QUESTION_COUNTS`.
#[wasm_bindgen]
pub struct SecurityQuestionRule {
    inner: passforge::SecurityQuestionRule,
}

#[wasm_bindgen]
impl SecurityQuestionRule {
    /// Throws `QUESTION_COUNTS` unless `1 <= asked < enrolled`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<QuestionRuleOptions>>) -> Result<SecurityQuestionRule, JsValue> {
        let o: QuestionRuleOptions = read("options", options.map(|o| o.js_value()))?;
        let d = passforge::SecurityQuestionRule::default();
        let inner = passforge::SecurityQuestionRule::new(
            o.asked.unwrap_or(d.asked()),
            o.enrolled.unwrap_or(d.enrolled()),
        )
        .map_err(core_error)?;
        Ok(Self { inner })
    }

    /// Questions asked at reset.
    #[wasm_bindgen(getter)]
    pub fn asked(&self) -> u32 {
        self.inner.asked()
    }

    /// Questions each user enrols.
    #[wasm_bindgen(getter)]
    pub fn enrolled(&self) -> u32 {
        self.inner.enrolled()
    }

    /// The counts, as the constructor takes them (`JSON.stringify`, `util.inspect`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Required<QuestionRuleOptions>")]
    pub fn to_json(&self) -> JsValue {
        object([
            ("asked", self.asked().into()),
            ("enrolled", self.enrolled().into()),
        ])
    }
}
