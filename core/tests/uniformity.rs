//! Statistical evidence of exact uniformity, at fixed seeds (deterministic, not flaky).
//!
//! The exhaustive proof is the bijection test in `count.rs`: every rank maps to a
//! distinct valid password. These tests check the sampler end to end, RNG included.

use std::collections::HashMap;

use passforge::{DeterministicRng, Generator, GeneratorSettings};

/// Upper 0.999 quantile of chi-squared with `df` degrees of freedom (Wilson–Hilferty).
fn chi2_critical(df: f64) -> f64 {
    let z = 3.090_232; // standard normal 0.999 quantile
    let h = 2.0 / (9.0 * df);
    df * (1.0 - h + z * h.sqrt()).powi(3)
}

fn tiny() -> GeneratorSettings {
    GeneratorSettings {
        length: 5,
        lower: 1,
        upper: 1,
        digits: 1,
        symbols: 1,
        lower_set: Some("ab".into()),
        upper_set: Some("AB".into()),
        digit_set: Some("01".into()),
        symbol_set: Some("!?".into()),
        ..GeneratorSettings::default()
    }
}

#[test]
fn every_valid_password_is_equally_likely_on_an_enumerable_space() {
    let generator = Generator::new(&tiny()).unwrap();
    // Valid strings of length 5 over 8 characters with one of each of 4 pairs: by
    // inclusion–exclusion, 8^5 − 4·6^5 + 6·4^5 − 4·2^5 = 7680.
    assert_eq!(generator.password_count(), "7680");
    assert!((generator.entropy_bits() - 7680f64.log2()).abs() < 1e-12);

    let draws = 7680 * 40;
    let mut rng = DeterministicRng::from_seed_for_tests(2024);
    let mut seen: HashMap<String, u32> = HashMap::new();
    for p in generator.generate_many_with(&mut rng, draws).unwrap() {
        *seen.entry(p.as_str().to_owned()).or_default() += 1;
    }
    assert_eq!(seen.len(), 7680, "every valid password appears");
    let expected = draws as f64 / 7680.0;
    let chi2: f64 = seen
        .values()
        .map(|&o| (f64::from(o) - expected).powi(2) / expected)
        .sum();
    let critical = chi2_critical(7679.0);
    assert!(chi2 < critical, "chi2 {chi2:.1} >= {critical:.1}");
}

/// Share of passwords whose class-count pattern is (3,1,1,1) rather than (2,2,1,1), for
/// length 6 with one character of each two-letter class. Exact value under uniformity:
/// 4·(6!/3!)·2^6 = 30720 of 99840 valid passwords.
const P_THREE_ONE_ONE_ONE: f64 = 30720.0 / 99840.0;

fn share_with_a_triple(passwords: impl Iterator<Item = String>) -> (f64, f64) {
    let classes = ["ab", "AB", "01", "!?"];
    let (mut triples, mut n) = (0u32, 0u32);
    for p in passwords {
        let max = classes
            .iter()
            .map(|c| p.chars().filter(|x| c.contains(*x)).count())
            .max()
            .unwrap_or(0);
        triples += u32::from(max == 3);
        n += 1;
    }
    let share = f64::from(triples) / f64::from(n);
    let sd = (P_THREE_ONE_ONE_ONE * (1.0 - P_THREE_ONE_ONE_ONE) / f64::from(n)).sqrt();
    (share, (share - P_THREE_ONE_ONE_ONE) / sd)
}

#[test]
fn class_pattern_shares_are_exact_and_seed_then_shuffle_is_not() {
    let generator = Generator::new(&GeneratorSettings {
        length: 6,
        ..tiny()
    })
    .unwrap();
    assert_eq!(generator.password_count(), "99840");
    let mut rng = DeterministicRng::from_seed_for_tests(11);
    let ours = generator.generate_many_with(&mut rng, 100_000).unwrap();
    let (share, z) = share_with_a_triple(ours.iter().map(|p| p.as_str().to_owned()));
    assert!(z.abs() < 4.0, "ours: share {share:.4}, z {z:.1}");

    // The method peers use: place one character of each class, fill the rest from the
    // union, shuffle. Its share is 3·30720 / (3·30720 + 4·69120) = 0.25: a z near −40.
    use passforge::RngCore;
    let classes = ["ab", "AB", "01", "!?"];
    let union: Vec<char> = classes.concat().chars().collect();
    let below = |rng: &mut DeterministicRng, n: u64| loop {
        let zone = u64::MAX - u64::MAX % n; // each draw unbiased: only the method is
        let x = rng.next_u64();
        if x < zone {
            break (x % n) as usize;
        }
    };
    let theirs = (0..100_000).map(|_| {
        let mut chars: Vec<char> = classes
            .iter()
            .map(|c| c.chars().nth(below(&mut rng, 2)).unwrap_or('?'))
            .collect();
        chars.push(union[below(&mut rng, 8)]);
        chars.push(union[below(&mut rng, 8)]);
        for i in (1..chars.len()).rev() {
            chars.swap(i, below(&mut rng, i as u64 + 1));
        }
        chars.into_iter().collect::<String>()
    });
    let (share, z) = share_with_a_triple(theirs);
    assert!(z < -20.0, "seed-then-shuffle: share {share:.4}, z {z:.1}");
}

#[test]
fn class_counts_follow_their_exact_distribution() {
    // Length 16 with the default minimums 6/2/2/2: the number of lowercase letters k in
    // 6..=10 has an exact law, computed by summing over class-count vectors.
    let generator = Generator::new(&GeneratorSettings {
        length: 16,
        ..GeneratorSettings::default()
    })
    .unwrap();
    let sizes = [26f64, 26.0, 10.0, 32.0];
    let mins = [6u32, 2, 2, 2];
    let mut weights = [0f64; 17];
    let fact = |n: u32| (1..=n).map(f64::from).product::<f64>();
    for a in mins[0]..=16 {
        for b in mins[1]..=16 - a {
            for c in mins[2]..=16 - a - b {
                let d = 16 - a - b - c;
                if d < mins[3] {
                    continue;
                }
                let multinomial = fact(16) / (fact(a) * fact(b) * fact(c) * fact(d));
                let w = multinomial
                    * sizes[0].powi(a as i32)
                    * sizes[1].powi(b as i32)
                    * sizes[2].powi(c as i32)
                    * sizes[3].powi(d as i32);
                weights[a as usize] += w;
            }
        }
    }
    let total: f64 = weights.iter().sum();
    assert!(
        (total.log2() - generator.entropy_bits()).abs() < 1e-9,
        "{}",
        total.log2()
    );

    let n = 200_000;
    let mut rng = DeterministicRng::from_seed_for_tests(77);
    let mut observed = [0u32; 17];
    for p in generator.generate_many_with(&mut rng, n).unwrap() {
        observed[p.as_str().chars().filter(char::is_ascii_lowercase).count()] += 1;
    }
    let mut chi2 = 0.0;
    let mut df = -1.0;
    for k in 6..=16 {
        let e = weights[k] / total * n as f64;
        if e >= 5.0 {
            chi2 += (f64::from(observed[k]) - e).powi(2) / e;
            df += 1.0;
        }
    }
    assert!(chi2 < chi2_critical(df), "chi2 {chi2:.2} df {df}");
}

#[test]
fn positions_are_exchangeable_and_adjacent_positions_independent() {
    // Uniform over a set closed under permutation: every position has the same
    // character distribution, and (per class) adjacent pairs match the product.
    let generator = Generator::new(&GeneratorSettings {
        length: 8,
        lower: 2,
        upper: 2,
        digits: 2,
        symbols: 0,
        ..GeneratorSettings::default()
    })
    .unwrap();
    let n = 100_000;
    let mut rng = DeterministicRng::from_seed_for_tests(5);
    let passwords = generator.generate_many_with(&mut rng, n).unwrap();
    let class = |c: char| -> usize {
        if c.is_ascii_lowercase() {
            0
        } else if c.is_ascii_uppercase() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            3
        }
    };
    let mut per_position = [[0u32; 4]; 8];
    let mut pairs = [[0u32; 4]; 4];
    for p in &passwords {
        let cs: Vec<usize> = p.as_str().chars().map(class).collect();
        for (i, &c) in cs.iter().enumerate() {
            per_position[i][c] += 1;
        }
        pairs[cs[3]][cs[4]] += 1;
    }
    // Homogeneity of position distributions: chi-squared over an 8x4 table.
    let col: Vec<f64> = (0..4)
        .map(|c| per_position.iter().map(|r| f64::from(r[c])).sum())
        .collect();
    let chi2: f64 = per_position
        .iter()
        .flat_map(|row| {
            (0..4).map(|c| {
                let e = col[c] / 8.0;
                (f64::from(row[c]) - e).powi(2) / e
            })
        })
        .sum();
    assert!(chi2 < chi2_critical(21.0), "positions: chi2 {chi2:.2}");
    // Adjacent positions: the exact joint law is exchangeable, so pairs[a][b] and
    // pairs[b][a] have equal expectation.
    let unordered = (0..4usize).flat_map(|a| ((a + 1)..4).map(move |b| (a, b)));
    for (a, b) in unordered {
        let (x, y) = (f64::from(pairs[a][b]), f64::from(pairs[b][a]));
        let z = (x - y) / (x + y).sqrt();
        assert!(z.abs() < 4.0, "pair {a}{b}: {x} vs {y}");
    }
}
