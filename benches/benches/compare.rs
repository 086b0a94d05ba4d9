//! One-run peer comparison: `cargo bench -p passforge-benches --bench compare`.
//!
//! Every contender in the first table makes 16-character passwords with all four classes
//! and at least one of each (the `passwords` crate's `strict` semantics), timed in the
//! same process; the floor is the cost of drawing the random words one password needs
//! from ChaCha20. The second table times each target setting one call at a time and
//! batched, and the last lines print the ratios the targets are stated in. Each figure is
//! the best of 7 rounds of 200 ms; the two sides of a ratio run interleaved.

use std::hint::black_box;
use std::time::{Duration, Instant};

use passforge::{DeterministicRng, Generator};
use passforge_benches::{default_generator, generator_with, passwords_strict, seed_then_shuffle};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};

/// ns per item of one round of at least 200 ms.
fn round(batch: &mut impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    let mut items = 0usize;
    while start.elapsed() < Duration::from_millis(200) {
        items += batch();
    }
    start.elapsed().as_nanos() as f64 / items as f64
}

/// Best ns per item over 7 rounds of at least 200 ms each (on a shared machine the best
/// round is the one least disturbed).
fn time_per_item(mut batch: impl FnMut() -> usize) -> f64 {
    (0..7)
        .map(|_| round(&mut batch))
        .fold(f64::INFINITY, f64::min)
}

/// The same for two contenders whose ratio is reported, their rounds interleaved so that
/// a change of load hits both alike.
fn time_pair(mut a: impl FnMut() -> usize, mut b: impl FnMut() -> usize) -> (f64, f64) {
    let (mut best_a, mut best_b) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..7 {
        best_a = best_a.min(round(&mut a));
        best_b = best_b.min(round(&mut b));
    }
    (best_a, best_b)
}

/// `generate_with`, one call at a time: a round of `per_round` passwords.
fn single<'a>(
    g: &'a Generator,
    rng: &'a mut DeterministicRng,
    per_round: usize,
) -> impl FnMut() -> usize + 'a {
    move || {
        for _ in 0..per_round {
            black_box(g.generate_with(rng).ok());
        }
        per_round
    }
}

/// `generate_many_with(batch)`.
fn batched<'a>(
    g: &'a Generator,
    rng: &'a mut DeterministicRng,
    batch: usize,
) -> impl FnMut() -> usize + 'a {
    move || {
        black_box(g.generate_many_with(rng, batch).ok());
        batch
    }
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

    let mut other = DeterministicRng::from_seed_for_tests(2);
    let (ours_single, peer_single) = time_pair(single(&strict16, &mut seeded, 1000), || {
        for _ in 0..1000 {
            black_box(peer.generate_one().ok());
        }
        1000
    });
    let ours_batched = time_per_item(batched(&strict16, &mut other, 1000));
    let rows: Vec<(&str, f64)> = vec![
        (
            "passforge generate_with (ChaCha20), 16 chars >=1 each",
            ours_single,
        ),
        (
            "passforge generate_many_with(1000), 16 chars >=1 each",
            ours_batched,
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
            peer_single,
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
            "floor: ChaCha20 words one password needs",
            time_per_item(|| {
                for _ in 0..1000 {
                    for _ in 0..words {
                        black_box(chacha.next_u64());
                    }
                }
                1000
            }),
        ),
    ];
    println!("| contender | ns/password | ratio to passforge generate_with |");
    println!("| --- | ---: | ---: |");
    for (name, ns) in &rows {
        println!("| {name} | {ns:.1} | {:.2} |", ns / ours_single);
    }
    println!("\n({words} random u64 words per password at the floor)\n");

    let settings: Vec<(&str, Generator, usize)> = vec![
        ("16 chars 1/1/1/1", strict16.clone(), 1000),
        ("default 12 6/2/2/2", default_generator(), 1000),
        ("16 chars 8/4/2/2", generator_with(16, [8, 4, 2, 2]), 1000),
        ("64 chars 1/1/1/1", generator_with(64, [1, 1, 1, 1]), 1000),
        (
            "1024 chars 1/1/1/1",
            generator_with(1024, [1, 1, 1, 1]),
            100,
        ),
    ];
    println!("| setting | generate_with ns | generate_many_with ns/password | single / batched |");
    println!("| --- | ---: | ---: | ---: |");
    let mut worst = 0f64;
    for (name, g, batch) in &settings {
        let (one, many) = time_pair(
            single(g, &mut seeded, *batch),
            batched(g, &mut other, *batch),
        );
        worst = worst.max(one / many);
        println!("| {name} | {one:.1} | {many:.1} | {:.2} |", one / many);
    }
    println!(
        "\npasswords crate strict / passforge generate_with (16 chars >=1 each): {:.2}x (target >= 5)",
        peer_single / ours_single
    );
    println!(
        "passforge generate_with / generate_many_with, worst setting above: {worst:.2} (target <= 1.2)"
    );
}
