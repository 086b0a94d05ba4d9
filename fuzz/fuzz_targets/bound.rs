//! The time bound each target asserts per input (`mod bound;` in the target).

use std::time::{Duration, Instant};

/// Runs `work` and panics when it takes longer than `allowed(&result)` twice in a row.
/// The machine is shared, so one slow run can be another process's doing; a slow input
/// is slow again. The targets are deterministic, so running an input twice is harmless.
pub fn within<T>(allowed: impl Fn(&T) -> Duration, mut work: impl FnMut() -> T) -> T {
    let start = Instant::now();
    let out = work();
    let first = start.elapsed();
    let bound = allowed(&out);
    if first <= bound {
        return out;
    }
    let start = Instant::now();
    let out = work();
    let second = start.elapsed();
    assert!(
        second <= bound,
        "slow input: {first:?}, then {second:?} (bound {bound:?})"
    );
    out
}
