//! `resolvePso`: which of a user's Password Settings Objects is in force
//! ([`passforge::resolve_pso`]).

use js_sys::{Object, Reflect, Uint8Array};
use passforge::{PsoCandidateError, PsoCandidateSpec};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_type, set};
use crate::options::{conversion, field_names, key_problem};

/// The index of the resultant PSO (`msDS-ResultantPSO`) among `candidates` (each a
/// `PsoCandidateSpec`; `object_guid` may also be the 16 stored bytes as a `Uint8Array`):
/// directly linked PSOs beat group-linked ones; then the lowest precedence; then the
/// lowest `object_guid`. `null` for an empty list (the domain policy is in force). Throws
/// `PSO_CANDIDATE` naming the candidate's index for one that is malformed.
#[wasm_bindgen(js_name = resolvePso, unchecked_return_type = "number | null")]
pub fn resolve_pso(
    #[wasm_bindgen(unchecked_param_type = "PsoCandidateInput[]")] candidates: JsValue,
) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(&candidates) {
        return Err(invalid_type("candidates must be an array of objects"));
    }
    let candidates: Vec<passforge::PsoCandidate> = js_sys::Array::from(&candidates)
        .iter()
        .enumerate()
        .map(|(i, value)| pso_spec(i, value)?.to_candidate(i).map_err(core_error))
        .collect::<Result<_, _>>()?;
    let winner = passforge::resolve_pso(&candidates);
    Ok(winner.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64)))
}

/// One candidate as the core's spec; a `Uint8Array` GUID becomes its hex digits.
fn pso_spec(index: usize, value: JsValue) -> Result<PsoCandidateSpec, JsValue> {
    let shape = |detail: String| core_error(PsoCandidateError::shape(index, detail));
    if let Some(problem) = key_problem(&value, &[field_names::<PsoCandidateSpec>()]) {
        return Err(shape(format!("the candidate{problem}")));
    }
    let guid = Reflect::get(&value, &"object_guid".into())?;
    let value = match guid.dyn_ref::<Uint8Array>() {
        Some(bytes) => {
            let hex: String = bytes.to_vec().iter().map(|b| format!("{b:02x}")).collect();
            let copy = Object::assign(&Object::new(), value.unchecked_ref());
            set(&copy, "object_guid", &JsValue::from_str(&hex));
            copy.into()
        }
        None => value,
    };
    conversion(value).map_err(shape)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PSO: &'static str = r#"
/**
 * A PSO candidate for `resolvePso`: the core's `PsoCandidateSpec` (the keys of a
 * `[[pso]]` table), whose `object_guid` may also be the 16 stored bytes, and whose
 * `attributes` may be a plain object (the core's type says `Map`, tsify's default for a
 * Rust map; both are read).
 */
export type PsoCandidateInput = Omit<PsoCandidateSpec, "object_guid" | "attributes"> & {
  object_guid?: string | Uint8Array;
  attributes?: Record<string, string> | Map<string, string>;
};
"#;
