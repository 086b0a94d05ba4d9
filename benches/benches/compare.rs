//! One-run peer comparison: `cargo bench -p passforge-benches --bench compare`.
//!
//! Every contender makes 16-character passwords with all four classes and at least one
//! of each (the `passwords` crate's `strict` semantics), timed in the same process.
//! The floor is the cost of drawing the random bytes one password needs from ChaCha20.

use std::hint::black_box;
use std::time::{Duration, Instant};

use passforge::DeterministicRng;
use passforge_benches::{default_generator, generator_with, passwords_strict, seed_then_shuffle};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

/// Median ns per item over 7 rounds of at least 200 ms each.
fn time_per_item(mut batch: impl FnMut() -> usize) -> f64 {
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let mut items = 0usize;
        while start.elapsed() < Duration::from_millis(200) {
            items += batch();
        }
        samples.push(start.elapsed().as_nanos() as f64 / items as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples[3]
}

fn main() {
    // Criterion passes --bench; a plain `cargo test` passes nothing: run quickly then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("compare: run with `cargo bench -p passforge-benches --bench compare`");
        return;
    }
    let strict16 = generator_with(16, [1, 1, 1, 1]);
    let words = strict16.entropy_bits().ceil() as usize / 64 + 1;
    let mut chacha = ChaCha20Rng::seed_from_u64(1);
    let mut seeded = DeterministicRng::from_seed_for_tests(1);
    let peer = passwords_strict(16);
    let default = default_generator();
    let g8422 = generator_with(16, [8, 4, 2, 2]);

    let rows: Vec<(&str, f64)> = vec![
        (
            "passforge generate_with (ChaCha20), 16 chars >=1 each",
            time_per_item(|| {
                for _ in 0..1000 {
                    black_box(strict16.generate_with(&mut seeded).ok());
                }
                1000
            }),
        ),
        (
            "passforge generate_many_with(1000), 16 chars >=1 each",
            time_per_item(|| {
                black_box(strict16.generate_many_with(&mut seeded, 1000).ok());
                1000
            }),
        ),
        (
            "passforge generate() (OS-seeded per call), 16 chars",
            time_per_item(|| {
                for _ in 0..100 {
                    black_box(strict16.generate().ok());
                }
                100
            }),
        ),
        (
            "passwords crate strict generate_one (rejection)",
            time_per_item(|| {
                for _ in 0..1000 {
                    black_box(peer.generate_one().ok());
                }
                1000
            }),
        ),
        (
            "passwords crate strict generate(1000)",
            time_per_item(|| {
                black_box(peer.generate(1000).ok());
                1000
            }),
        ),
        (
            "seed-then-shuffle (ChaCha20, NOT uniform)",
            time_per_item(|| {
                for _ in 0..1000 {
                    black_box(seed_then_shuffle(&mut chacha, 16, [1, 1, 1, 1]));
                }
                1000
            }),
        ),
        (
            "floor: ChaCha20 bytes one password needs",
            time_per_item(|| {
                for _ in 0..1000 {
                    for _ in 0..words {
                        black_box(chacha.next_u64());
                    }
                }
                1000
            }),
        ),
        (
            "passforge default (12 chars, 6/2/2/2)",
            time_per_item(|| {
                for _ in 0..1000 {
                    black_box(default.generate_with(&mut seeded).ok());
                }
                1000
            }),
        ),
        (
            "passforge 16 chars 8/4/2/2",
            time_per_item(|| {
                for _ in 0..1000 {
                    black_box(g8422.generate_with(&mut seeded).ok());
                }
                1000
            }),
        ),
    ];
    let base = rows[0].1;
    println!("| contender | ns/password | ratio to passforge generate_with |");
    println!("| --- | ---: | ---: |");
    for (name, ns) in &rows {
        println!("| {name} | {ns:.1} | {:.2} |", ns / base);
    }
    println!("\n({} random u64 words per password at the floor)", words);
}
