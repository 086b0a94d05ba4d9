//! Criterion benches of the service-token scheme.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use passforge::{SharedToken, TimeTokenScheme, Timestamp, TokenAlgorithm};

fn tokens(c: &mut Criterion) {
    let secret = SharedToken::new(b"correct horse battery staple".to_vec()).expect("non-empty");
    let now = Timestamp::from_unix_seconds(1_700_000_000);
    let mut group = c.benchmark_group("token");
    for (name, algorithm) in [
        ("sha1", TokenAlgorithm::Sha1),
        ("hmac-sha256", TokenAlgorithm::HmacSha256),
    ] {
        let scheme = TimeTokenScheme::new(algorithm, 300, 1).expect("valid scheme");
        let token = scheme.token_at(&secret, now);
        group.bench_function(format!("time {name}"), |b| {
            b.iter(|| scheme.token_at(&secret, black_box(now)))
        });
        // Verification computes all three windows (±1) whatever matches: constant time.
        group.bench_function(format!("verify {name} (valid)"), |b| {
            b.iter(|| scheme.verify(&secret, black_box(&token), now))
        });
        group.bench_function(format!("verify {name} (invalid)"), |b| {
            b.iter(|| scheme.verify(&secret, black_box("0".repeat(token.len()).as_str()), now))
        });
    }
    group.finish();
}

criterion_group!(benches, tokens);
criterion_main!(benches);
