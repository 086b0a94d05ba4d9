//! Statistical evidence of exact uniformity, at fixed seeds (deterministic, not flaky),
//! as p-values (the chi-squared survival function, through the regularized upper
//! incomplete gamma function) asserted at the 0.1 % level. The exhaustive proofs are
//! the unit tests of `core/src/generate/sampler.rs`, `composition.rs`, `count.rs` and
//! `core/src/random/bounded.rs`; this checks every method of the sampler end to end,
//! RNG included. The values in `docs/uniformity.md` come from:
//!
//! ```text
//! cargo test -p passforge --test uniformity -- --nocapture --test-threads=1
//! ```

use std::collections::HashMap;

use passforge::{
    ConfiguredGenerator, DeterministicRng, Generator, GeneratorOptions, GeneratorSettings,
    PasswordRules, RngCore, UserContext,
};

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7, 9 terms; relative error about 1e-15).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEF[0];
    for (i, c) in COEF.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a)`
/// (Numerical Recipes §6.2: the series for `P` below `x < a + 1`, Lentz's continued
/// fraction for `Q` above).
fn gamma_q(a: f64, x: f64) -> f64 {
    assert!(a > 0.0 && x >= 0.0, "gamma_q({a}, {x})");
    if x == 0.0 {
        return 1.0;
    }
    let log_prefactor = -x + a * x.ln() - ln_gamma(a);
    const EPS: f64 = 1e-15;
    const MAX_ITER: usize = 1_000_000;
    if x < a + 1.0 {
        // P(a, x) = e^{-x} x^a / Γ(a+1) · Σ_n x^n / ((a+1)…(a+n)).
        let (mut ap, mut term) = (a, 1.0 / a);
        let mut sum = term;
        for _ in 0..MAX_ITER {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * EPS {
                break;
            }
        }
        1.0 - sum * log_prefactor.exp()
    } else {
        // Q(a, x) = e^{-x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))).
        let tiny = f64::MIN_POSITIVE / EPS;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..MAX_ITER {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < EPS {
                break;
            }
        }
        log_prefactor.exp() * h
    }
}

/// `P(X ≥ chi2)` for X chi-squared with `df` degrees of freedom.
fn chi2_p_value(chi2: f64, df: f64) -> f64 {
    gamma_q(df / 2.0, chi2 / 2.0)
}

/// Two-sided p-value of a standard normal z (z² is chi-squared with 1 degree of freedom).
fn z_p_value(z: f64) -> f64 {
    chi2_p_value(z * z, 1.0)
}

fn report(name: &str, statistic: &str, p: f64) {
    println!("{name}: {statistic}, p = {p:.4}");
}

#[test]
fn survival_function_matches_known_values() {
    let close = |got: f64, want: f64, tol: f64| {
        assert!((got - want).abs() < tol, "got {got}, want {want}");
    };
    // Textbook critical values at the 5 %, 1 % and 0.1 % levels.
    close(chi2_p_value(3.841_458_820_694_124, 1.0), 0.05, 1e-9);
    close(chi2_p_value(5.991_464_547_107_979, 2.0), 0.05, 1e-9);
    close(chi2_p_value(18.307_038_053_275_146, 10.0), 0.05, 1e-9);
    close(chi2_p_value(6.634_896_601_021_214, 1.0), 0.01, 1e-9);
    close(chi2_p_value(10.827_566_170_662_733, 1.0), 0.001, 1e-9);
    // Even df has a closed form: Q(k, x) = P(Poisson(x) ≤ k − 1), summed in log space.
    // This covers the regime of the enumerable test (df in the thousands) independently.
    let poisson_cdf = |k: u32, x: f64| -> f64 {
        (0..k)
            .map(|i| (-x + f64::from(i) * x.ln() - ln_gamma(f64::from(i) + 1.0)).exp())
            .sum()
    };
    for (df, chi2) in [
        (2u32, 0.5),
        (10, 18.307),
        (42, 60.0),
        (7680, 7680.0),
        (7680, 7900.0),
    ] {
        let want = poisson_cdf(df / 2, chi2 / 2.0);
        close(
            chi2_p_value(chi2, f64::from(df)),
            want,
            1e-9 * want.max(1e-3),
        );
    }
    // Closed forms: df = 2 is exp(−x/2); Q(1, x) = e^{−x}; P(X ≥ 0) = 1.
    close(chi2_p_value(7.0, 2.0), (-3.5f64).exp(), 1e-12);
    close(gamma_q(1.0, 0.3), (-0.3f64).exp(), 1e-12);
    close(chi2_p_value(0.0, 5.0), 1.0, 1e-15);
    // Both branches agree at the switch point.
    close(gamma_q(3.0, 3.999_999), gamma_q(3.0, 4.000_001), 1e-6);
    // Large df (the enumerable test's 7679): the median is about df·(1 − 2/(9·df))³ and
    // the Wilson–Hilferty 0.999 quantile has p ≈ 0.001.
    let df: f64 = 7679.0;
    let median = df * (1.0 - 2.0 / (9.0 * df)).powi(3);
    close(chi2_p_value(median, df), 0.5, 1e-3);
    let h = 2.0 / (9.0 * df);
    let q999 = df * (1.0 - h + 3.090_232 * h.sqrt()).powi(3);
    close(chi2_p_value(q999, df), 0.001, 2e-5);
    // ln Γ against exact factorials.
    close(ln_gamma(10.0), 362_880f64.ln(), 1e-12);
    close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-12);
    close(z_p_value(1.959_963_984_540_054), 0.05, 1e-9);
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

/// Draws `per_password` times the space's size and tests the counts of every password
/// against a uniform multinomial (every one must appear).
fn every_password_equally_likely(name: &str, settings: &GeneratorSettings, size: u32, seed: u64) {
    let generator = Generator::new(settings).expect("valid settings");
    assert_eq!(generator.password_count(), size.to_string());
    assert!((generator.entropy_bits() - f64::from(size).log2()).abs() < 1e-12);
    let draws = size as usize * 40;
    let mut rng = DeterministicRng::from_seed_for_tests(seed);
    let passwords = generator
        .generate_many_with(&mut rng, draws)
        .expect("a batch within MAX_BATCH");
    counts_are_uniform(name, &passwords, size as usize, seed);
}

/// Tests the counts of `passwords` against a uniform multinomial over `size` passwords
/// (every one must appear) and returns them.
fn counts_are_uniform(
    name: &str,
    passwords: &[passforge::Password],
    size: usize,
    seed: u64,
) -> HashMap<String, u32> {
    let draws = passwords.len();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for p in passwords {
        *seen.entry(p.as_str().to_owned()).or_default() += 1;
    }
    assert_eq!(seen.len(), size, "every password appears");
    let expected = draws as f64 / size as f64;
    let chi2: f64 = seen
        .values()
        .map(|&o| (f64::from(o) - expected).powi(2) / expected)
        .sum();
    let df = (size - 1) as f64;
    let p = chi2_p_value(chi2, df);
    report(
        &format!("{name} ({size} passwords, {draws} draws, seed {seed})"),
        &format!("chi2 = {chi2:.2}, df = {df}"),
        p,
    );
    assert!(p > 0.001, "p = {p}");
    seen
}

#[test]
fn p_value_every_password_equally_likely() {
    // Slack 1 over four groups: the count vector is drawn from its table.
    every_password_equally_likely("enumerable space, counts table", &tiny(), 7680, 2024);
}

#[test]
fn p_value_every_password_equally_likely_on_every_method() {
    // No slack: fixed counts, blocks and one shuffle (4!·2^4 passwords).
    let fixed = GeneratorSettings {
        length: 4,
        ..tiny()
    };
    every_password_equally_likely("enumerable space, fixed counts", &fixed, 384, 7);
    // One minimum, most strings valid: rejection (8^5 − 6^5 passwords).
    let rejection = GeneratorSettings {
        upper: 0,
        digits: 0,
        symbols: 0,
        ..tiny()
    };
    every_password_equally_likely("enumerable space, rejection", &rejection, 24_992, 8);
}

/// Exact share of the (3,1,1,1) class pattern among length-6 passwords with one
/// character of each two-letter class: 4·(6!/3!)·2^6 = 30720 of 99840.
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

/// The same RNG stream continues into the seed-then-shuffle comparison.
#[test]
fn p_value_class_pattern_share_and_seed_then_shuffle() {
    let generator = Generator::new(&GeneratorSettings {
        length: 6,
        ..tiny()
    })
    .unwrap();
    assert_eq!(generator.password_count(), "99840");
    let mut rng = DeterministicRng::from_seed_for_tests(11);
    let ours = generator.generate_many_with(&mut rng, 100_000).unwrap();
    let (share, z) = share_with_a_triple(ours.iter().map(|p| p.as_str().to_owned()));
    let p = z_p_value(z);
    report(
        "class-pattern share (length 6, 100000 draws, seed 11)",
        &format!("share = {share:.4} (exact {P_THREE_ONE_ONE_ONE:.4}), z = {z:.3}"),
        p,
    );
    assert!(p > 0.001, "p = {p}");

    let classes = ["ab", "AB", "01", "!?"];
    let union: Vec<char> = classes.concat().chars().collect();
    let below = |rng: &mut DeterministicRng, n: u64| loop {
        let zone = u64::MAX - u64::MAX % n;
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
    let p = z_p_value(z);
    // z ≈ −41 puts p near 1e-370, below the smallest f64: it prints as 0.
    let shown = if p > 0.0 {
        format!("{p:.3e}")
    } else {
        "< 1e-300".to_owned()
    };
    println!("seed-then-shuffle, same test: share = {share:.4}, z = {z:.2}, p {shown} (rejected)");
    assert!(p < 1e-6, "seed-then-shuffle should be rejected, p = {p}");
}

#[test]
fn p_value_class_counts() {
    // Minimums 6/2/2/2 at 16 characters: the counts table.
    lowercase_count_law([6, 2, 2, 2], 77);
    // One of each at 16 characters: rejection.
    lowercase_count_law([1, 1, 1, 1], 78);
}

/// The number of lowercase letters in 16-character passwords with these minimums,
/// against its exact law.
fn lowercase_count_law(mins: [u32; 4], seed: u64) {
    let generator =
        Generator::new(&GeneratorSettings::with_minimums(16, mins)).expect("valid settings");
    let sizes = [26f64, 26.0, 10.0, 32.0];
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
                weights[a as usize] += multinomial
                    * sizes[0].powi(a as i32)
                    * sizes[1].powi(b as i32)
                    * sizes[2].powi(c as i32)
                    * sizes[3].powi(d as i32);
            }
        }
    }
    let total: f64 = weights.iter().sum();
    assert!((total.log2() - generator.entropy_bits()).abs() < 1e-9);
    let n = 200_000;
    let mut rng = DeterministicRng::from_seed_for_tests(seed);
    let mut observed = [0u32; 17];
    for p in generator
        .generate_many_with(&mut rng, n)
        .expect("a batch within MAX_BATCH")
    {
        observed[p.as_str().chars().filter(char::is_ascii_lowercase).count()] += 1;
    }
    let mut chi2 = 0.0;
    let mut df = -1.0;
    for k in mins[0] as usize..=16 {
        let e = weights[k] / total * n as f64;
        if e >= 5.0 {
            chi2 += (f64::from(observed[k]) - e).powi(2) / e;
            df += 1.0;
        }
    }
    let p = chi2_p_value(chi2, df);
    report(
        &format!(
            "lowercase-count law (length 16, {}/{}/{}/{}, 200000 draws, seed {seed})",
            mins[0], mins[1], mins[2], mins[3]
        ),
        &format!("chi2 = {chi2:.3}, df = {df}"),
        p,
    );
    assert!(p > 0.001, "p = {p}");
}

#[test]
fn p_value_positions_and_adjacent_pairs() {
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
    let df = 21.0;
    let p = chi2_p_value(chi2, df);
    report(
        "position homogeneity (length 8, 8x4 table, 100000 draws, seed 5)",
        &format!("chi2 = {chi2:.3}, df = {df}"),
        p,
    );
    assert!(p > 0.001, "p = {p}");

    let names = ["lower", "upper", "digit", "symbol"];
    for a in 0..4usize {
        for b in (a + 1)..4 {
            let (x, y) = (f64::from(pairs[a][b]), f64::from(pairs[b][a]));
            let z = (x - y) / (x + y).sqrt();
            let p = z_p_value(z);
            report(
                &format!(
                    "adjacent pair symmetry, positions 4-5, {}/{}",
                    names[a], names[b]
                ),
                &format!("{x} vs {y}, z = {z:.3}"),
                p,
            );
            assert!(p > 0.001, "pair {a}{b}: p = {p}");
        }
    }
}

/// Every password the rules accept, found by trying every string of the length over the
/// allowed characters, drawn equally often; the entropy reported after rejection is
/// log2 of their number.
fn rules_passwords_equally_likely(name: &str, rules: &str, alphabet: &str, length: u32, seed: u64) {
    let rules = PasswordRules::parse(rules).expect("rules");
    let generator = ConfiguredGenerator::from_password_rules(&rules, &GeneratorOptions::default())
        .expect("a generator for the rules");
    assert_eq!(generator.generator().length(), length);
    let policy = generator.policy().expect("rules make a policy");
    let letters: Vec<char> = alphabet.chars().collect();
    let mut valid = Vec::new();
    for mut n in 0..letters.len().pow(length) {
        let mut s = String::new();
        for _ in 0..length {
            s.push(letters[n % letters.len()]);
            n /= letters.len();
        }
        if policy.is_compliant(&s, &UserContext::default()) {
            valid.push(s);
        }
    }
    let size = valid.len();
    let acceptance = generator.acceptance().expect("a policy");
    assert!(acceptance.exact);
    assert!(
        (acceptance.entropy_bits - (size as f64).log2()).abs() < 1e-9,
        "{acceptance:?}"
    );
    let mut rng = DeterministicRng::from_seed_for_tests(seed);
    let passwords = generator
        .generate_many_with(&mut rng, size * 40)
        .expect("a batch");
    let seen = counts_are_uniform(name, &passwords, size, seed);
    // As many distinct passwords as the valid ones, and no other.
    let valid: std::collections::HashSet<&String> = valid.iter().collect();
    assert!(seen.keys().all(|p| valid.contains(p)));
}

#[test]
fn p_value_password_rules_generation_is_uniform_over_what_the_rules_accept() {
    // Three groups as classes of their own, max-consecutive by rejection.
    rules_passwords_equally_likely(
        "rules: group classes, max-consecutive 1",
        "minlength: 5; maxlength: 5; required: [ab]; required: [AB]; required: [!]; allowed: [01]; \
         max-consecutive: 1",
        "abAB!01",
        5,
        31,
    );
    // Overlapping groups: the second by rejection, a run of two allowed.
    rules_passwords_equally_likely(
        "rules: overlapping groups, max-consecutive 2",
        "minlength: 5; maxlength: 5; required: [ab]; required: [bc]; allowed: [d]; \
         max-consecutive: 2",
        "abcd",
        5,
        32,
    );
}
