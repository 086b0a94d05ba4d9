//! Criterion benches of policy validation: the full AD policy with the five-pattern
//! strength check and the shipped blocklist.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use passforge::{Policy, PolicyGenerator, UserContext};
use passforge_benches::{full_ad_policy, DeterministicRng};

fn policy(c: &mut Criterion) {
    let policy: Policy = full_ad_policy();
    let user = UserContext {
        username: Some("jdoe".into()),
        display_name: Some("John Doe-Smith".into()),
        email: Some("john.doe@example.com".into()),
    };
    let mut group = c.benchmark_group("validate");
    let cases = [
        ("compliant", "Tr0ub4dor&3x!"),
        ("violates many rules", "jdoe1234"),
        ("in the blocklist", "Password123!"),
        ("1 MiB (too long, answered early)", &"a".repeat(1 << 20)),
    ];
    for (name, password) in cases {
        group.bench_function(format!("AD + 5 regexes + blocklist, {name}"), |b| {
            b.iter(|| policy.validate(black_box(password), &user))
        });
    }
    group.finish();

    let generator = PolicyGenerator::new(&policy, None).expect("the policy can be generated for");
    let mut rng = DeterministicRng::from_seed_for_tests(1);
    c.bench_function("generate for the AD policy and a user", |b| {
        b.iter(|| generator.generate_with(&mut rng, &user))
    });
}

criterion_group!(benches, policy);
criterion_main!(benches);
