//! WebAssembly bindings for passforge: the `passforge` npm package for browsers and Node.
//!
//! ```js
//! import { Generator, StrengthCheck } from "passforge";
//!
//! const generator = new Generator({ length: 16, strengthCheck: "'^.{12,}$'" });
//! generator.generate();          // "q7R%…", OS-seeded ChaCha20 (crypto.getRandomValues)
//! generator.entropyBits;         // log2 of the exact number of passwords
//! new StrengthCheck("'[0-9]'").failures("abc"); // [0]
//! ```
//!
//! Each JS class wraps one core type and only delegates: options are converted to
//! [`passforge::GeneratorSettings`], results are copied out as strings and numbers, and
//! every error is thrown as a JS `Error` whose `code` is the core's stable code (or
//! `INVALID_ARGUMENT` when the JS value could not be read at all). The TypeScript types
//! come from the Rust option structs (tsify) and from the section below.

#![deny(missing_docs)]

mod error;
mod generator;
mod options;
mod strength_check;

pub use crate::generator::Generator;
pub use crate::options::{GenerateOptions, GeneratorOptions};
pub use crate::strength_check::StrengthCheck;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/** The stable code on every error passforge throws; the core's codes plus INVALID_ARGUMENT. */
export type ErrorCode =
  | "LENGTH_ZERO"
  | "LENGTH_TOO_LARGE"
  | "CLASS_EMPTY"
  | "NO_CHARACTERS"
  | "STRENGTH_CHECK_SYNTAX"
  | "STRENGTH_CHECK_PATTERN"
  | "STRENGTH_CHECK_TOO_LONG"
  | "STRENGTH_CHECK_TOO_MANY"
  | "STRENGTH_CHECK_UNMET"
  | "RANDOM_SOURCE"
  | "INVALID_ARGUMENT";

/**
 * What passforge throws: an `Error` (a `TypeError` or `RangeError` for INVALID_ARGUMENT)
 * whose `name` is "PassforgeError" and whose `code` says what went wrong.
 */
export interface PassforgeError extends Error {
  readonly name: "PassforgeError";
  readonly code: ErrorCode;
}
"#;
