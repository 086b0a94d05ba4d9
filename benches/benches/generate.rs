//! Criterion benches of the generator and strength checks.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use passforge::{DeterministicRng, StrengthCheck};
use passforge_benches::{
    default_generator, generator_with, strength_checked_generator, FIVE_PATTERNS,
};

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    let cases = [
        ("16 chars 1/1/1/1", generator_with(16, [1, 1, 1, 1])),
        ("default 12 6/2/2/2", default_generator()),
        ("16 chars 8/4/2/2", generator_with(16, [8, 4, 2, 2])),
        ("64 chars 1/1/1/1", generator_with(64, [1, 1, 1, 1])),
        ("1024 chars 1/1/1/1", generator_with(1024, [1, 1, 1, 1])),
        ("five-pattern strength check", strength_checked_generator()),
    ];
    for (name, g) in &cases {
        let mut rng = DeterministicRng::from_seed_for_tests(1);
        group.bench_function(*name, |b| b.iter(|| g.generate_with(&mut rng)));
    }
    let g = default_generator();
    group.bench_function("default, OS-seeded per call", |b| b.iter(|| g.generate()));
    group.throughput(Throughput::Elements(10_000));
    let mut rng = DeterministicRng::from_seed_for_tests(2);
    group.bench_function("generate_many(10_000) default", |b| {
        b.iter(|| g.generate_many_with(&mut rng, black_box(10_000)))
    });
    let strict = generator_with(16, [1, 1, 1, 1]);
    group.bench_function("generate_many(10_000) 16 chars 1/1/1/1", |b| {
        b.iter(|| strict.generate_many_with(&mut rng, black_box(10_000)))
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.bench_function("Generator::new default", |b| b.iter(default_generator));
    group.bench_function("Generator::new 1024 chars", |b| {
        b.iter(|| generator_with(1024, [1, 1, 1, 1]))
    });
    group.bench_function("StrengthCheck::parse five patterns", |b| {
        b.iter_batched(
            || FIVE_PATTERNS,
            StrengthCheck::parse,
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, generate, build);
criterion_main!(benches);
